/* test-events.c: TurnosEvents, the live events connection (issue #18)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "turnos-client.h"
#include "turnos-events-hub.h"
#include "turnos-events.h"
#include "turnos-test-inproc.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

/* What a TurnosEvents said, in order. */
typedef struct
{
  GPtrArray *log;        /* of char*: "availability dr-ana 2026-03-04..2026-03-04", … */
  guint      resyncs;
} Heard;

static void
availability_cb (TurnosEvents *events,
                 const char   *professional_id,
                 const GDate  *first,
                 const GDate  *last,
                 Heard        *heard)
{
  g_autofree char *a = turnos_date_format (first);
  g_autofree char *b = turnos_date_format (last);

  g_ptr_array_add (heard->log, g_strdup_printf ("availability %s %s..%s", professional_id, a, b));
}

static void
reservation_cb (TurnosEvents *events,
                const char   *id,
                const char   *professional_id,
                const char   *client_id,
                TurnosStatus  status,
                const GDate  *date,
                Heard        *heard)
{
  g_autofree char *day = turnos_date_format (date);

  g_ptr_array_add (heard->log, g_strdup_printf ("reservation %s %s %s %s", professional_id,
                                                client_id, turnos_status_to_string (status), day));
}

static void
settings_cb (TurnosEvents *events,
             const char   *professional_id,
             Heard        *heard)
{
  g_ptr_array_add (heard->log, g_strdup_printf ("settings %s", professional_id));
}

static void
resync_cb (TurnosEvents *events,
           Heard        *heard)
{
  heard->resyncs++;
}

static TurnosEvents *
listen (const char *url,
        const char *token,
        Heard      *heard)
{
  g_autoptr(TurnosClient) client = turnos_client_new (url);
  TurnosEvents *events;

  turnos_client_set_token (client, token);
  events = turnos_events_new (client);
  g_object_set (events, "backoff-min-ms", 50, "backoff-max-ms", 200, NULL);
  heard->log = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (events, "availability", G_CALLBACK (availability_cb), heard);
  g_signal_connect (events, "reservation", G_CALLBACK (reservation_cb), heard);
  g_signal_connect (events, "settings", G_CALLBACK (settings_cb), heard);
  g_signal_connect (events, "resync", G_CALLBACK (resync_cb), heard);
  turnos_events_start (events);
  return events;
}

static gboolean
heard_line (Heard      *heard,
            const char *line)
{
  for (guint i = 0; i < heard->log->len; i++)
    if (g_str_equal (g_ptr_array_index (heard->log, i), line))
      return TRUE;
  return FALSE;
}

static guint
heard_prefix (Heard      *heard,
              const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < heard->log->len; i++)
    n += g_str_has_prefix (g_ptr_array_index (heard->log, i), prefix);
  return n;
}

static void
book (TurnosTestInproc *srv,
      const char       *hhmm)
{
  g_autofree char *body = g_strdup_printf ("{\"client_id\": \"patient-1\", \"professional_id\": "
                                           "\"dr-ana\", \"start_time\": \"2026-03-04T%s:00\", "
                                           "\"session_modality\": \"Virtual\"}", hhmm);

  g_assert_cmpuint (turnos_test_inproc_request (srv, "POST", "reservations/create-without-payment",
                                                body, -1, NULL), ==, 201);
}

static void
test_anonymous (void)
{
  g_autoptr(TurnosTestInproc) srv = turnos_test_inproc_new ();
  Heard heard = { 0 };
  g_autoptr(TurnosEvents) events = listen (srv->url, NULL, &heard);

  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (events));
  g_assert_cmpstr (turnos_events_get_role (events), ==, "anonymous");
  g_assert_cmpuint (heard.resyncs, ==, 1);
  book (srv, "11:00");
  TURNOS_TEST_WAIT_UNTIL (heard_line (&heard, "availability dr-ana 2026-03-04..2026-03-04"));
  g_assert_cmpuint (heard_prefix (&heard, "reservation"), ==, 0);
  g_ptr_array_unref (heard.log);
}

static void
test_signed_in (void)
{
  g_autoptr(TurnosTestInproc) srv = turnos_test_inproc_new ();
  Heard heard = { 0 };
  g_autoptr(TurnosEvents) events = listen (srv->url, srv->token, &heard);

  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (events));
  g_assert_cmpstr (turnos_events_get_role (events), ==, "desk");
  book (srv, "11:00");
  TURNOS_TEST_WAIT_UNTIL (heard_line (&heard, "reservation dr-ana patient-1 CONFIRMED 2026-03-04"));
  g_assert_true (heard_line (&heard, "availability dr-ana 2026-03-04..2026-03-04"));
  g_ptr_array_unref (heard.log);
}

/* The connection drops and cannot come back for a while; what happened meanwhile is not
 * heard, so the reconnection says "resync". */
static void
test_reconnect (void)
{
  g_autoptr(TurnosTestInproc) srv = turnos_test_inproc_new ();
  Heard heard = { 0 };
  g_autoptr(TurnosEvents) events = listen (srv->url, srv->token, &heard);
  TurnosEventsHub *hub;

  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (events));
  g_assert_cmpuint (heard.resyncs, ==, 1);
  hub = _turnos_server_get_events (srv->server);
  g_object_set (hub, "max-subscribers", 0, NULL);
  turnos_events_hub_close_all (hub);
  TURNOS_TEST_WAIT_UNTIL (!turnos_events_get_connected (events));

  book (srv, "11:00");
  /* Refused a few times (503), while the backoff grows to its most. */
  turnos_test_wait_for (&(gboolean) { FALSE }, 500);
  g_assert_false (turnos_events_get_connected (events));
  g_object_set (hub, "max-subscribers", 100, NULL);
  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (events));
  g_assert_cmpuint (heard.resyncs, ==, 2);
  g_assert_cmpuint (heard_prefix (&heard, "reservation"), ==, 0);
  /* And it hears again. */
  book (srv, "12:00");
  TURNOS_TEST_WAIT_UNTIL (heard_prefix (&heard, "reservation") == 1);
  g_ptr_array_unref (heard.log);
}

/* Signing in makes the subscription again with the new token. */
static void
test_token_change (void)
{
  g_autoptr(TurnosTestInproc) srv = turnos_test_inproc_new ();
  Heard heard = { 0 };
  g_autoptr(TurnosEvents) events = listen (srv->url, NULL, &heard);

  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (events));
  g_assert_cmpstr (turnos_events_get_role (events), ==, "anonymous");
  turnos_client_set_token (turnos_events_get_client (events), srv->token);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (turnos_events_get_role (events), "desk") == 0);
  g_assert_true (turnos_events_get_connected (events));
  g_assert_cmpuint (heard.resyncs, ==, 2);
  book (srv, "11:00");
  TURNOS_TEST_WAIT_UNTIL (heard_prefix (&heard, "reservation") == 1);

  /* A token the server refuses: not connected, and trying again later. */
  turnos_client_set_token (turnos_events_get_client (events), "revoked");
  TURNOS_TEST_WAIT_UNTIL (!turnos_events_get_connected (events));
  turnos_test_wait_for (&(gboolean) { FALSE }, 300);
  g_assert_false (turnos_events_get_connected (events));
  g_ptr_array_unref (heard.log);
}

/*
 * A fake server: libsoup's WebSocket server in a thread of its own, which says what the
 * test scripts, or freezes
 */

typedef struct
{
  GMainContext *context;
  GThread      *thread;
  SoupServer   *soup;
  char         *url;
  const char  **script;      /* frames to send after the handshake */
  GMutex        lock;
  GCond         cond;
  gboolean      freeze;      /* block the thread after the first handshake */
  gboolean      quit;
  guint         handshakes;
  GPtrArray    *conns;
} Fake;

static void
fake_websocket_cb (SoupServer              *server,
                   SoupServerMessage       *msg,
                   const char              *path,
                   SoupWebsocketConnection *conn,
                   gpointer                 user_data)
{
  Fake *fake = user_data;

  g_ptr_array_add (fake->conns, g_object_ref (conn));
  for (guint i = 0; fake->script != NULL && fake->script[i] != NULL; i++)
    soup_websocket_connection_send_text (conn, fake->script[i]);
  g_mutex_lock (&fake->lock);
  fake->handshakes++;
  g_cond_broadcast (&fake->cond);
  /* Frozen: no ping answered, nothing read, until the test ends. */
  while (fake->freeze && !fake->quit)
    g_cond_wait (&fake->cond, &fake->lock);
  g_mutex_unlock (&fake->lock);
}

static gpointer
fake_thread (gpointer data)
{
  Fake *fake = data;

  g_main_context_push_thread_default (fake->context);
  while (!g_atomic_int_get (&fake->quit))
    g_main_context_iteration (fake->context, TRUE);
  g_ptr_array_set_size (fake->conns, 0);
  g_clear_object (&fake->soup);
  g_main_context_pop_thread_default (fake->context);
  return NULL;
}

static Fake *
fake_new (const char **script,
          gboolean     freeze)
{
  Fake *fake = g_new0 (Fake, 1);

  fake->script = script;
  fake->freeze = freeze;
  fake->conns = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&fake->lock);
  g_cond_init (&fake->cond);
  fake->context = g_main_context_new ();
  g_main_context_push_thread_default (fake->context);
  fake->soup = soup_server_new (NULL, NULL);
  soup_server_add_websocket_handler (fake->soup, "/events", NULL, NULL, fake_websocket_cb, fake, NULL);
  fake->url = turnos_test_soup_server_listen (fake->soup);
  g_main_context_pop_thread_default (fake->context);
  fake->thread = g_thread_new ("fake-events", fake_thread, fake);
  return fake;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

static void
fake_free (Fake *fake)
{
  g_mutex_lock (&fake->lock);
  g_atomic_int_set (&fake->quit, TRUE);
  g_cond_broadcast (&fake->cond);
  g_mutex_unlock (&fake->lock);
  g_main_context_invoke (fake->context, wake_cb, NULL);
  g_thread_join (fake->thread);
  g_ptr_array_unref (fake->conns);
  g_main_context_unref (fake->context);
  g_mutex_clear (&fake->lock);
  g_cond_clear (&fake->cond);
  g_free (fake->url);
  g_free (fake);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fake, fake_free)

static guint
fake_handshakes (Fake *fake)
{
  guint n;

  g_mutex_lock (&fake->lock);
  n = fake->handshakes;
  g_mutex_unlock (&fake->lock);
  return n;
}

/* A server that goes silent (no pong, nothing) is given up after 2.5 ping intervals. */
static void
test_silent_server (void)
{
  static const char *hello[] = { "{\"type\": \"hello\", \"role\": \"anonymous\"}", NULL };
  g_autoptr(Fake) fake = fake_new (hello, TRUE);
  Heard heard = { 0 };
  g_autoptr(TurnosEvents) events = NULL;
  gint64 connected_at;

  events = listen (fake->url, NULL, &heard);
  g_object_set (events, "ping-seconds", 1, NULL);
  turnos_events_stop (events);
  turnos_events_start (events);
  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (events));
  connected_at = g_get_monotonic_time ();
  TURNOS_TEST_WAIT_UNTIL (!turnos_events_get_connected (events));
  g_assert_cmpint (g_get_monotonic_time () - connected_at, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (fake_handshakes (fake), ==, 1);
  g_ptr_array_unref (heard.log);
}

/* What a hostile or newer server sends is checked: only the well-formed events come out. */
static void
test_checked_messages (void)
{
  static const char *script[] = {
    "{\"type\": \"availability\", \"professional_id\": \"p\", \"from\": \"2026-03-04\", "
    "\"to\": \"2026-03-04\"}",                                                  /* before hello */
    "{\"type\": \"hello\", \"role\": \"anonymous\"}",
    "not json",
    "[\"availability\"]",
    "{\"type\": \"availability\", \"professional_id\": 7, \"dates\": [\"2026-03-04\"]}",
    "{\"type\": \"availability\", \"professional_id\": \"p\", \"dates\": [\"2026-13-45\"]}",
    "{\"type\": \"availability\", \"professional_id\": \"p\", \"from\": \"2026-03-09\", "
    "\"to\": \"2026-03-01\"}",
    "{\"type\": \"reservation\", \"id\": \"r\", \"professional_id\": \"p\", \"status\": \"GONE\", "
    "\"date\": \"2026-03-04\"}",
    "{\"type\": \"something-new\", \"professional_id\": \"p\"}",
    "{\"type\": \"availability\", \"professional_id\": \"p\", \"dates\": [\"2026-03-05\", "
    "\"2026-03-04\"]}",
    "{\"type\": \"reservation\", \"id\": \"r\", \"professional_id\": \"p\", \"client_id\": \"c\", "
    "\"status\": \"CANCELLED\", \"date\": \"2026-03-04\"}",
    "{\"type\": \"settings\", \"professional_id\": \"p\"}",
    NULL
  };
  g_autoptr(Fake) fake = fake_new (script, FALSE);
  Heard heard = { 0 };
  g_autoptr(TurnosEvents) events = listen (fake->url, NULL, &heard);

  TURNOS_TEST_WAIT_UNTIL (heard_prefix (&heard, "settings") == 1);
  g_assert_cmpuint (heard.log->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (heard.log, 0), ==, "availability p 2026-03-04..2026-03-05");
  g_assert_cmpstr (g_ptr_array_index (heard.log, 1), ==, "reservation p c CANCELLED 2026-03-04");
  g_ptr_array_unref (heard.log);
}

static void
test_ranges (void)
{
  GDate a, b, d;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_clear (&d, 1);
  g_date_set_dmy (&a, 28, 2, 2026);
  g_date_set_dmy (&b, 2, 4, 2026);
  g_date_set_dmy (&d, 1, 4, 2026);
  g_assert_true (turnos_events_range_has_date (&a, &b, &d));
  g_date_set_dmy (&d, 3, 4, 2026);
  g_assert_false (turnos_events_range_has_date (&a, &b, &d));
  g_assert_true (turnos_events_range_has_month (&a, &b, 2026, 2));
  g_assert_true (turnos_events_range_has_month (&a, &b, 2026, 3));
  g_assert_true (turnos_events_range_has_month (&a, &b, 2026, 4));
  g_assert_false (turnos_events_range_has_month (&a, &b, 2026, 5));
  g_assert_false (turnos_events_range_has_month (&a, &b, 2025, 3));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/events/anonymous", test_anonymous);
  g_test_add_func ("/client/events/signed-in", test_signed_in);
  g_test_add_func ("/client/events/reconnect", test_reconnect);
  g_test_add_func ("/client/events/token-change", test_token_change);
  g_test_add_func ("/client/events/silent-server", test_silent_server);
  g_test_add_func ("/client/events/checked-messages", test_checked_messages);
  g_test_add_func ("/client/events/ranges", test_ranges);

  return g_test_run ();
}
