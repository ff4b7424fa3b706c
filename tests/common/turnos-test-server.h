/* turnos-test-server.h: a real turnos-server on a loopback port, for the tests
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TurnosTestServer TurnosTestServer;

/* Spawns the built turnos-server (its path is in the environment variable TURNOS_SERVER_BIN,
 * set by meson for every test) as
 *   turnos-server --listen 127.0.0.1:0 --database sqlite://DIR/turnos.db [--demo] [extra_args…]
 * in a fresh temporary DIR, and runs the main loop (bounded, 10 s) until the server prints its
 * "Listening on http://127.0.0.1:PORT/" line on stdout. Aborts the test on failure.
 * The server's stderr (one log line per request) is collected. */
TurnosTestServer *turnos_test_server_start   (gboolean            demo,
                                              const char * const *extra_args);
/* The same, with the process's descriptor limit (RLIMIT_NOFILE, soft and hard) set to
 * @max_fds, as `prlimit --nofile=N` would; restarts keep it. */
TurnosTestServer *turnos_test_server_start_limited (gboolean            demo,
                                                    guint               max_fds,
                                                    const char * const *extra_args);
/* "http://127.0.0.1:PORT/" */
const char       *turnos_test_server_get_url (TurnosTestServer   *self);
guint16           turnos_test_server_get_port (TurnosTestServer  *self);
const char       *turnos_test_server_get_database_path (TurnosTestServer *self);
/* SIGTERM, then waits (bounded) for a clean exit; asserts the exit status is 0. */
void              turnos_test_server_stop    (TurnosTestServer   *self);
/* Stops and starts again on the same database, without --demo; the URL may change. */
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

/* Runs the main loop until @cond holds, for at most 10 s, then asserts it. @cond is not
 * evaluated again once it holds (it may take a reference, as g_object_get does). */
#define TURNOS_TEST_WAIT_UNTIL(cond)                                    \
  G_STMT_START {                                                        \
    gboolean _never = FALSE;                                            \
    gboolean _held = FALSE;                                             \
    for (int _i = 0; !(_held = !!(cond)) && _i < 1000; _i++)            \
      turnos_test_wait_for (&_never, 10);                               \
    if (!_held)                                                         \
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, \
                           "'" #cond "' should be TRUE");               \
  } G_STMT_END

G_END_DECLS
