/* turnos-test-server.h: a real turnos-server on a loopback port, for the tests
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _TurnosTestServer TurnosTestServer;

/* Spawns the built turnos-server (its path is in the environment variable TURNOS_SERVER_BIN,
 * set by meson for every test) as
 *   turnos-server --listen 127.0.0.1:0 --database URI [--demo] [extra_args…]
 * on a fresh store (turnos_test_store_new_uri(): SQLite, or PostgreSQL in a "-pg" test), and
 * runs the main loop (bounded, 10 s) until the server prints its
 * "Listening on http://127.0.0.1:PORT/" line on stdout. Aborts the test on failure.
 * The server's stderr (one log line per request) is collected. */
TurnosTestServer *turnos_test_server_start   (gboolean            demo,
                                              const char * const *extra_args);
/* The same on @database_uri, which stays when the server is freed (several servers may share
 * one PostgreSQL database; only one of them should say --demo). */
TurnosTestServer *turnos_test_server_start_on (const char         *database_uri,
                                               gboolean            demo,
                                               const char * const *extra_args);
/* The same as turnos_test_server_start(), with the process's descriptor limit (RLIMIT_NOFILE,
 * soft and hard) set to @max_fds, as `prlimit --nofile=N` would; restarts keep it. */
TurnosTestServer *turnos_test_server_start_limited (gboolean            demo,
                                                    guint               max_fds,
                                                    const char * const *extra_args);
/* "http://127.0.0.1:PORT/" */
const char       *turnos_test_server_get_url (TurnosTestServer   *self);
guint16           turnos_test_server_get_port (TurnosTestServer  *self);
const char       *turnos_test_server_get_database_uri (TurnosTestServer *self);
/* The file of a SQLite store (asserts it is one). */
const char       *turnos_test_server_get_database_path (TurnosTestServer *self);
/* SIGTERM, then waits (bounded) for a clean exit; asserts the exit status is 0. */
void              turnos_test_server_stop    (TurnosTestServer   *self);
/* SIGKILL, as a crash or the OOM killer would: no clean exit is asked for. */
void              turnos_test_server_kill    (TurnosTestServer   *self);
/* Starts a killed (or stopped) server again on its database, with its extra_args but
 * without --demo; the URL may change. */
void              turnos_test_server_respawn (TurnosTestServer   *self);
/* Whether the process is still there (not exited or killed). */
gboolean          turnos_test_server_is_running (TurnosTestServer *self);
/* Stops and starts again on the same database, with its extra_args but without --demo; the
 * URL may change. */
void              turnos_test_server_restart (TurnosTestServer   *self);
/* How many requests the server has logged so far whose "METHOD PATH" starts with @prefix,
 * e.g. "GET /reservations/availability?" (the month overview is ".../availability/month?").
 * Runs the main loop until the log pipe has been drained. */
guint             turnos_test_server_count_requests (TurnosTestServer *self,
                                                     const char       *prefix);
/* Signs the demo account @username in (password "demo-" + @username, as the README says)
 * and returns its bearer token; asserts the server said 200. Bounded wait (10 s). */
char             *turnos_test_server_login   (TurnosTestServer   *self,
                                              const char         *username);
/* Signs @client (a TurnosClient) in as the demo account @username: its "token" property
 * gets the token turnos_test_server_login() returns. */
#define turnos_test_sign_in(client, server, username)                             \
  G_STMT_START {                                                                  \
    g_autofree char *_token = turnos_test_server_login ((server), (username));    \
    g_object_set ((client), "token", _token, NULL);                               \
  } G_STMT_END

/* Whether any line the server has logged so far (stderr) contains @needle; drains the log
 * pipe first, as turnos_test_server_count_requests() does. */
gboolean          turnos_test_server_has_log (TurnosTestServer *self,
                                              const char       *needle);
/* Stops (if running) and removes the temporary directory. */
void              turnos_test_server_free    (TurnosTestServer   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosTestServer, turnos_test_server_free)

/* The first working day (Monday to Friday) at least @ahead days after today in @zone, from
 * the real clock: tests against a live server never name a date that will pass. */
void              turnos_test_working_day (const char *zone,
                                           int         ahead,
                                           GDate      *out);

/* Runs the default main context until *@flag is TRUE or @timeout_ms passes; returns *@flag. */
gboolean          turnos_test_wait_for (gboolean *flag,
                                        guint     timeout_ms);

/* How many times slower than usual this build runs the tests: TURNOS_TEST_TIME_SCALE, which
 * `build-aux/dev test --sanitize` sets, else 1. Bounds on how long something may take are
 * multiplied by it (TURNOS_TEST_WAIT_UNTIL, the test server's start and stop); durations a
 * test means (run 300 ms, then check that nothing happened) are not. */
guint             turnos_test_time_scale (void);

/* Makes @server, a test's own SoupServer, serve on a fresh port of 127.0.0.1 and returns its
 * "http://127.0.0.1:PORT/" (free it); the listening socket goes with @server. Use it in place
 * of soup_server_listen_local(): libsoup 3.2.3's own listener leaks the GSocket of every
 * connection it accepts (SoupListener's listen_watch() never drops the one g_socket_accept()
 * returned), and loses a keep-alive connection the client closes between requests
 * (PLATFORM.md). Here a GSocketService accepts and hands each connection to
 * soup_server_accept_iostream(); a server without listeners of its own closes each connection
 * after its answer. Uses the thread-default main context at the time of the call. */
char             *turnos_test_soup_server_listen (SoupServer *server);

/* Runs the main loop until @cond holds, for at most 10 s (times turnos_test_time_scale()),
 * then asserts it. @cond is not evaluated again once it holds (it may take a reference, as
 * g_object_get does). */
#define TURNOS_TEST_WAIT_UNTIL(cond)                                    \
  G_STMT_START {                                                        \
    gboolean _never = FALSE;                                            \
    gboolean _held = FALSE;                                             \
    guint _rounds = 1000 * turnos_test_time_scale ();                   \
    for (guint _i = 0; !(_held = !!(cond)) && _i < _rounds; _i++)       \
      turnos_test_wait_for (&_never, 10);                               \
    if (!_held)                                                         \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                           "'" #cond "' should be TRUE");               \
  } G_STMT_END

G_END_DECLS
