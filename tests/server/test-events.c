/* test-events.c: GET /events, the live events WebSocket (issue #18)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/socket.h>

#include "turnos-events-hub.h"
#include "turnos-events-json.h"
#include "turnos-json.h"
#include "turnos-server-private.h"
#include "turnos-test-inproc.h"
#include "turnos-test-server.h"
#include "turnos-test-store.h"
#include "turnos-time.h"

/*
 * A subscriber: libsoup's WebSocket client, every message kept
 */

typedef struct
{
  SoupSession             *session;
  SoupWebsocketConnection *conn;
  GPtrArray               *messages;     /* of JsonNode, in order */
  GError                  *error;
  gboolean                 connected;
  gboolean                 closed;
  gushort                  close_code;
} Sub;

static void
sub_message_cb (SoupWebsocketConnection *conn,
                SoupWebsocketDataType    type,
                GBytes                  *message,
                gpointer                 user_data)
{
  Sub *s = user_data;
  gsize len;
  const char *data = g_bytes_get_data (message, &len);
  JsonNode *node = turnos_json_parse (data, len, NULL);

  g_assert_nonnull (node);
  g_ptr_array_add (s->messages, node);
}

static void
sub_closed_cb (SoupWebsocketConnection *conn,
               gpointer                 user_data)
{
  Sub *s = user_data;

  s->closed = TRUE;
  s->close_code = soup_websocket_connection_get_close_code (conn);
}

static void
sub_connected_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Sub *s = user_data;

  s->conn = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &s->error);
  s->connected = TRUE;
  if (s->conn != NULL)
    {
      g_signal_connect (s->conn, "message", G_CALLBACK (sub_message_cb), s);
      g_signal_connect (s->conn, "closed", G_CALLBACK (sub_closed_cb), s);
    }
}

static guint
sub_count (Sub        *s,
           const char *type)
{
  guint n = 0;

  for (guint i = 0; i < s->messages->len; i++)
    {
      JsonObject *o = json_node_get_object (g_ptr_array_index (s->messages, i));

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "type", ""), type) == 0)
        n++;
    }
  return n;
}

/* The last message of @type whose @member is @value (NULL: any), or NULL. */
static JsonObject *
sub_find (Sub        *s,
          const char *type,
          const char *member,
          const char *value)
{
  for (guint i = s->messages->len; i > 0; i--)
    {
      JsonObject *o = json_node_get_object (g_ptr_array_index (s->messages, i - 1));

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "type", ""), type) != 0)
        continue;
      if (member == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (o, member, ""), value) == 0)
        return o;
    }
  return NULL;
}

/* Connects to @base_url's /events; with @token, sends it and waits for the hello with a role;
 * without, waits for the anonymous hello. */
static Sub *
sub_new (const char *base_url,
         const char *token)
{
  Sub *s = g_new0 (Sub, 1);
  g_autofree char *url = g_strconcat (base_url, "events", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  s->session = soup_session_new ();
  s->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  soup_session_websocket_connect_async (s->session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        sub_connected_cb, s);
  TURNOS_TEST_WAIT_UNTIL (s->connected);
  g_assert_no_error (s->error);
  TURNOS_TEST_WAIT_UNTIL (sub_count (s, "hello") == 1);
  if (token != NULL)
    {
      g_autofree char *first = g_strdup_printf ("{\"token\": \"%s\"}", token);

      soup_websocket_connection_send_text (s->conn, first);
      TURNOS_TEST_WAIT_UNTIL (sub_count (s, "hello") == 2 || s->closed);
    }
  return s;
}

static void
sub_free (Sub *s)
{
  if (s->conn != NULL)
    {
      g_signal_handlers_disconnect_by_data (s->conn, s);
      if (soup_websocket_connection_get_state (s->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (s->conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_object_unref (s->conn);
    }
  g_ptr_array_unref (s->messages);
  g_clear_error (&s->error);
  g_object_unref (s->session);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sub, sub_free)

static const char *
hello_role (Sub *s)
{
  JsonObject *hello = sub_find (s, "hello", NULL, NULL);

  return hello ? json_object_get_string_member_with_default (hello, "role", "") : NULL;
}

/*
 * Fixture: the in-process demo server
 */

typedef struct
{
  TurnosTestInproc *srv;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->srv = turnos_test_inproc_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->srv, turnos_test_inproc_free);
}

static TurnosEventsHub *
hub (Fixture *f)
{
  return _turnos_server_get_events (f->srv->server);
}

/* A booking of patient-1 with dr-ana (no deposit) on Wednesday 4 March at @hhmm; its id. */
static char *
book (Fixture    *f,
      const char *hhmm)
{
  g_autofree char *body = g_strdup_printf ("{\"client_id\": \"patient-1\", \"professional_id\": "
                                           "\"dr-ana\", \"start_time\": \"2026-03-04T%s:00\", "
                                           "\"session_modality\": \"Virtual\"}", hhmm);
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", "reservations/create-without-payment",
                                                body, -1, &node), ==, 201);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
}

/* A block for dr-carla on @date: an availability event everyone hears, the last in line. */
static void
sentinel (Fixture    *f,
          const char *date)
{
  g_autofree char *body = g_strdup_printf ("{\"start_time\": \"%sT09:00:00\", \"end_time\": "
                                           "\"%sT10:00:00\", \"reason\": \"x\"}", date, date);

  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", "professionals/dr-carla/blocks",
                                                body, -1, NULL), ==, 201);
}

static gboolean
has_date (JsonObject *availability,
          const char *date)
{
  JsonArray *dates = json_object_get_array_member (availability, "dates");

  for (guint i = 0; i < json_array_get_length (dates); i++)
    if (g_str_equal (json_array_get_string_element (dates, i), date))
      return TRUE;
  return FALSE;
}

/*
 * Tests
 */

static void
test_hello (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Sub) anonymous = sub_new (f->srv->url, NULL);
  g_autoptr(Sub) desk = sub_new (f->srv->url, f->srv->token);
  JsonObject *hello;

  g_assert_cmpstr (hello_role (anonymous), ==, "anonymous");
  hello = sub_find (desk, "hello", "role", "desk");
  g_assert_nonnull (hello);
  g_assert_cmpstr (json_object_get_string_member (hello, "user_id"), ==, "desk");
  g_assert_cmpint (json_object_get_int_member (hello, "pid"), ==, getpid ());
  g_assert_cmpuint (turnos_events_hub_get_n_subscribers (hub (f)), ==, 2);
}

/* One booking, as each role hears it: reservations only to whom they concern, never a
 * patient's id to anyone else. */
static void
test_who_hears (Fixture       *f,
                gconstpointer  data)
{
  static const struct
  {
    const char *user;      /* NULL: anonymous */
    gboolean    hears;     /* the reservation event */
  } cases[] = {
    { NULL, FALSE },
    { "patient-1", TRUE },
    { "patient-2", FALSE },
    { "dr-ana", TRUE },
    { "dr-bruno", FALSE },
    { "desk", TRUE },
    { "admin", TRUE },
  };
  g_autoptr(GPtrArray) subs = g_ptr_array_new_with_free_func ((GDestroyNotify) sub_free);
  g_autofree char *id = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *token = cases[i].user ? turnos_test_inproc_login (f->srv, cases[i].user) : NULL;
      Sub *s = sub_new (f->srv->url, token);

      g_assert_cmpstr (hello_role (s), !=, NULL);
      g_ptr_array_add (subs, s);
    }
  id = book (f, "11:00");
  sentinel (f, "2026-03-20");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Sub *s = g_ptr_array_index (subs, i);
      JsonObject *availability, *reservation;

      g_test_message ("%s", cases[i].user ? cases[i].user : "anonymous");
      TURNOS_TEST_WAIT_UNTIL (sub_find (s, "availability", "professional_id", "dr-carla") != NULL);
      availability = sub_find (s, "availability", "professional_id", "dr-ana");
      g_assert_nonnull (availability);
      g_assert_true (has_date (availability, "2026-03-04"));
      g_assert_cmpstr (json_object_get_string_member (availability, "from"), ==, "2026-03-04");
      g_assert_false (json_object_has_member (availability, "client_id"));
      reservation = sub_find (s, "reservation", "id", id);
      if (!cases[i].hears)
        {
          g_assert_null (reservation);
          g_assert_cmpuint (sub_count (s, "reservation"), ==, 0);
          continue;
        }
      g_assert_nonnull (reservation);
      g_assert_cmpstr (json_object_get_string_member (reservation, "client_id"), ==, "patient-1");
      g_assert_cmpstr (json_object_get_string_member (reservation, "professional_id"), ==, "dr-ana");
      g_assert_cmpstr (json_object_get_string_member (reservation, "status"), ==, "CONFIRMED");
      g_assert_cmpstr (json_object_get_string_member (reservation, "date"), ==, "2026-03-04");
    }
}

/* Every change that moves availability or a reservation announces it. */
static void
test_every_change (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *admin = turnos_test_inproc_login (f->srv, "admin");
  g_autoptr(Sub) desk = sub_new (f->srv->url, f->srv->token);
  g_autofree char *id = book (f, "12:00");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) settings = NULL;
  g_autofree char *block_id = NULL;
  g_autofree char *settings_body = NULL;
  g_autofree char *path = NULL;
  const char *payment;

  /* create */
  TURNOS_TEST_WAIT_UNTIL (sub_find (desk, "reservation", "status", "CONFIRMED") != NULL);
  g_assert_cmpuint (sub_count (desk, "availability"), ==, 1);

  /* cancel */
  path = g_strdup_printf ("reservations/%s/cancel", id);
  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", path, NULL, -1, NULL), ==, 200);
  TURNOS_TEST_WAIT_UNTIL (sub_find (desk, "reservation", "status", "CANCELLED") != NULL);
  g_assert_cmpuint (sub_count (desk, "availability"), ==, 2);

  /* a block added, then removed: its days, from the first to the last */
  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", "professionals/dr-ana/blocks",
                                                "{\"start_time\": \"2026-03-16T00:00:00\", "
                                                "\"end_time\": \"2026-03-19T00:00:00\"}", -1,
                                                &node), ==, 201);
  block_id = g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
  TURNOS_TEST_WAIT_UNTIL (sub_count (desk, "availability") == 3);
  {
    JsonObject *a = sub_find (desk, "availability", NULL, NULL);

    g_assert_cmpstr (json_object_get_string_member (a, "from"), ==, "2026-03-16");
    /* It ends at midnight: the 19th is untouched. */
    g_assert_cmpstr (json_object_get_string_member (a, "to"), ==, "2026-03-18");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (a, "dates")), ==, 3);
  }
  g_free (path);
  path = g_strdup_printf ("professionals/dr-ana/blocks/%s", block_id);
  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "DELETE", path, NULL, -1, NULL), ==, 204);
  TURNOS_TEST_WAIT_UNTIL (sub_count (desk, "availability") == 4);

  /* settings changed */
  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "GET", "professionals/dr-ana/settings",
                                                NULL, -1, &settings), ==, 200);
  settings_body = turnos_json_to_string (settings, NULL);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->srv, admin, "PUT",
                                                   "professionals/dr-ana/settings", settings_body,
                                                   -1, NULL, NULL), ==, 200);
  TURNOS_TEST_WAIT_UNTIL (sub_find (desk, "settings", "professional_id", "dr-ana") != NULL);

  /* a deposit: the hold, then its approval (no time moves) */
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", "reservations/payment",
                                                "{\"client_id\": \"patient-2\", \"professional_id\": "
                                                "\"dr-bruno\", \"start_time\": \"2026-03-04T09:00:00\", "
                                                "\"session_modality\": \"Presencial\"}", -1, &node), ==, 201);
  payment = json_object_get_string_member (json_node_get_object (node), "payment_id");
  TURNOS_TEST_WAIT_UNTIL (sub_find (desk, "reservation", "status", "PENDING") != NULL);
  g_assert_cmpuint (sub_count (desk, "availability"), ==, 5);
  g_free (path);
  path = g_strdup_printf ("sandbox/checkout/%s/pay", payment);
  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", path, NULL, -1, NULL), ==, 200);
  TURNOS_TEST_WAIT_UNTIL (sub_count (desk, "reservation") == 4);
  g_assert_nonnull (sub_find (desk, "reservation", "client_id", "patient-2"));
  g_assert_cmpstr (json_object_get_string_member (sub_find (desk, "reservation", NULL, NULL), "status"),
                   ==, "CONFIRMED");
  g_assert_cmpuint (sub_count (desk, "availability"), ==, 5);

  /* a deposit declined: its time comes back */
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", "reservations/payment",
                                                "{\"client_id\": \"patient-2\", \"professional_id\": "
                                                "\"dr-bruno\", \"start_time\": \"2026-03-04T11:00:00\", "
                                                "\"session_modality\": \"Presencial\"}", -1, &node), ==, 201);
  payment = json_object_get_string_member (json_node_get_object (node), "payment_id");
  TURNOS_TEST_WAIT_UNTIL (sub_count (desk, "availability") == 6);
  g_free (path);
  path = g_strdup_printf ("sandbox/checkout/%s/decline", payment);
  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", path, NULL, -1, NULL), ==, 200);
  TURNOS_TEST_WAIT_UNTIL (sub_count (desk, "availability") == 7);
  g_assert_cmpstr (json_object_get_string_member (sub_find (desk, "reservation", NULL, NULL), "status"),
                   ==, "CANCELLED");

  /* a refused booking (409) announces nothing */
  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", "reservations/create-without-payment",
                                                "{\"client_id\": \"patient-3\", \"professional_id\": "
                                                "\"dr-bruno\", \"start_time\": \"2026-03-04T09:00:00\", "
                                                "\"session_modality\": \"Presencial\"}", -1, NULL), ==, 422);
  sentinel (f, "2026-03-20");
  TURNOS_TEST_WAIT_UNTIL (sub_find (desk, "availability", "professional_id", "dr-carla") != NULL);
  g_assert_cmpuint (sub_count (desk, "reservation"), ==, 6);
}

/* A hold that lapses with nobody asking: the hub notices on the server's clock. */
static void
test_hold_lapses (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(Sub) desk = sub_new (f->srv->url, f->srv->token);
  g_autoptr(Sub) anonymous = sub_new (f->srv->url, NULL);
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) payment = NULL;
  g_autofree char *path = NULL;
  JsonObject *last;

  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", "reservations/payment",
                                                "{\"client_id\": \"patient-2\", \"professional_id\": "
                                                "\"dr-bruno\", \"start_time\": \"2026-03-04T09:00:00\", "
                                                "\"session_modality\": \"Presencial\"}", -1, &node), ==, 201);
  TURNOS_TEST_WAIT_UNTIL (sub_find (desk, "reservation", "status", "PENDING") != NULL);
  TURNOS_TEST_WAIT_UNTIL (sub_count (anonymous, "availability") == 1);

  /* 15 minutes and a second later on the server's clock; no request. */
  later = g_date_time_add_seconds (f->srv->now, 15 * 60 + 1);
  turnos_test_inproc_set_now (f->srv, later);
  TURNOS_TEST_WAIT_UNTIL (sub_find (desk, "reservation", "status", "CANCELLED") != NULL);
  TURNOS_TEST_WAIT_UNTIL (sub_count (anonymous, "availability") == 2);
  last = sub_find (anonymous, "availability", NULL, NULL);
  g_assert_true (has_date (last, "2026-03-04"));

  /* The payment says so, and nothing is announced twice. */
  path = g_strdup_printf ("reservations/payment/%s",
                          json_object_get_string_member (json_node_get_object (node), "payment_id"));
  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "GET", path, NULL, -1, &payment), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (payment), "status"), ==,
                   "expired");
  sentinel (f, "2026-03-20");
  TURNOS_TEST_WAIT_UNTIL (sub_find (desk, "availability", "professional_id", "dr-carla") != NULL);
  g_assert_cmpuint (sub_count (desk, "reservation"), ==, 2);
}

static void
test_bad_token (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Sub) s = sub_new (f->srv->url, "not-a-token");

  TURNOS_TEST_WAIT_UNTIL (s->closed);
  g_assert_cmpuint (s->close_code, ==, TURNOS_EVENTS_CLOSE_UNAUTHENTICATED);
  g_assert_nonnull (sub_find (s, "error", NULL, NULL));
  g_assert_cmpuint (sub_count (s, "hello"), ==, 1);
  TURNOS_TEST_WAIT_UNTIL (turnos_events_hub_get_n_subscribers (hub (f)) == 0);
}

/* Only one message, and only {"token": …}: anything else ends the subscription. */
static void
test_one_message (Fixture       *f,
                  gconstpointer  data)
{
  static const struct
  {
    const char *first;
    const char *second;   /* NULL: none */
    gboolean    closes;
  } cases[] = {
    { "{}", NULL, FALSE },
    { "{\"token\": null}", NULL, FALSE },
    { "{}", "{}", TRUE },
    { "[1, 2]", NULL, TRUE },
    { "not json", NULL, TRUE },
    { "{\"token\": 42}", NULL, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Sub) s = sub_new (f->srv->url, NULL);

      g_test_message ("%s %s", cases[i].first, cases[i].second ? cases[i].second : "");
      soup_websocket_connection_send_text (s->conn, cases[i].first);
      if (cases[i].second != NULL)
        soup_websocket_connection_send_text (s->conn, cases[i].second);
      if (cases[i].closes)
        {
          TURNOS_TEST_WAIT_UNTIL (s->closed);
          g_assert_cmpuint (s->close_code, ==, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION);
        }
      else
        {
          TURNOS_TEST_WAIT_UNTIL (sub_count (s, "hello") == 2);
          g_assert_false (s->closed);
        }
    }
}

static void
test_plain_get (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *code = NULL;

  g_assert_cmpuint (turnos_test_inproc_request_as (f->srv, NULL, "GET", "events", NULL, -1, &node,
                                                   NULL), ==, 426);
  code = turnos_test_error_code (node);
  g_assert_cmpstr (code, ==, "upgrade_required");
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->srv, NULL, "POST", "events", "{}", -1, NULL,
                                                   NULL), ==, 405);
}

/* Past the cap, the handshake is refused with 503 and Retry-After; the others stay. */
static void
test_full (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Sub) first = NULL;
  g_autoptr(Sub) second = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (f->srv->url, "events", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  Sub refused = { 0 };

  g_object_set (hub (f), "max-subscribers", 1, NULL);
  first = sub_new (f->srv->url, NULL);
  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        sub_connected_cb, &refused);
  TURNOS_TEST_WAIT_UNTIL (refused.connected);
  g_assert_null (refused.conn);
  g_assert_nonnull (refused.error);
  g_clear_error (&refused.error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 503);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                 "Retry-After"), ==, "10");
  g_assert_cmpuint (turnos_events_hub_get_n_subscribers (hub (f)), ==, 1);

  g_object_set (hub (f), "max-subscribers", 2, NULL);
  second = sub_new (f->srv->url, NULL);
  g_assert_cmpuint (turnos_events_hub_get_n_subscribers (hub (f)), ==, 2);
}

/*
 * A subscriber by hand: a raw socket that does the handshake and then reads only when told
 */

typedef struct
{
  GSocket  *socket;
  GString  *in;          /* bytes read so far, the handshake's answer included */
} Raw;

static Raw *
raw_new (const char *base_url,
         int         rcvbuf)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (g_uri_get_host (uri));
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (inet, g_uri_get_port (uri));
  g_autoptr(GError) error = NULL;
  g_autofree char *request = g_strdup_printf ("GET /events HTTP/1.1\r\nHost: %s:%d\r\n"
                                              "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                              "Sec-WebSocket-Version: 13\r\n\r\n",
                                              g_uri_get_host (uri), g_uri_get_port (uri));
  Raw *raw = g_new0 (Raw, 1);

  raw->in = g_string_new (NULL);
  raw->socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                              &error);
  g_assert_no_error (error);
  if (rcvbuf > 0)
    g_assert_true (g_socket_set_option (raw->socket, SOL_SOCKET, SO_RCVBUF, rcvbuf, NULL));
  g_assert_true (g_socket_connect (raw->socket, address, NULL, &error));
  g_assert_cmpint (g_socket_send (raw->socket, request, strlen (request), NULL, &error), ==,
                   (gssize) strlen (request));
  g_socket_set_blocking (raw->socket, FALSE);
  return raw;
}

/* Reads what is there now, without waiting. */
static void
raw_read (Raw *raw)
{
  char buf[4096];
  gssize n;

  while ((n = g_socket_receive (raw->socket, buf, sizeof buf, NULL, NULL)) > 0)
    g_string_append_len (raw->in, buf, n);
}

static void
raw_free (Raw *raw)
{
  g_object_unref (raw->socket);
  g_string_free (raw->in, TRUE);
  g_free (raw);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Raw, raw_free)

/* Whether the server's frames read so far (after the handshake) hold a ping. */
static gboolean
raw_got_ping (Raw *raw)
{
  const char *end = strstr (raw->in->str, "\r\n\r\n");
  const guint8 *p, *stop = (const guint8 *) raw->in->str + raw->in->len;

  if (end == NULL)
    return FALSE;
  for (p = (const guint8 *) end + 4; p + 2 <= stop;)
    {
      guint8 opcode = p[0] & 0x0f;
      gsize len = p[1] & 0x7f, head = 2;

      if (len == 126)
        {
          if (p + 4 > stop)
            break;
          len = (p[2] << 8) | p[3];
          head = 4;
        }
      if (opcode == 0x9)
        return TRUE;
      p += head + len;
    }
  return FALSE;
}

/* A subscriber that never reads is dropped once its queue is full; the others hear on. */
static void
test_slow_subscriber (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Sub) good = sub_new (f->srv->url, NULL);
  g_autoptr(Raw) slow = raw_new (f->srv->url, 4096);
  guint added = 0;

  g_object_set (hub (f), "queue-limit", 8, NULL);
  TURNOS_TEST_WAIT_UNTIL (turnos_events_hub_get_n_subscribers (hub (f)) == 2);

  /* Blocks on and off: every one an event of a few hundred bytes. */
  while (turnos_events_hub_get_n_subscribers (hub (f)) == 2)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *path = NULL;

      g_assert_cmpuint (added, <, 5000);
      g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", "professionals/dr-carla/blocks",
                                                    "{\"start_time\": \"2026-03-23T09:00:00\", "
                                                    "\"end_time\": \"2026-04-20T10:00:00\", "
                                                    "\"reason\": \"a long absence\"}", -1, &node), ==, 201);
      path = g_strdup_printf ("professionals/dr-carla/blocks/%s",
                              json_object_get_string_member (json_node_get_object (node), "id"));
      g_assert_cmpuint (turnos_test_inproc_request (f->srv, "DELETE", path, NULL, -1, NULL), ==, 204);
      added += 2;
    }
  g_test_message ("dropped after %u events", added);
  g_assert_cmpuint (turnos_events_hub_get_n_subscribers (hub (f)), ==, 1);
  /* The good one heard every one of them, and hears the next. */
  TURNOS_TEST_WAIT_UNTIL (sub_count (good, "availability") == added);
  sentinel (f, "2026-03-20");
  TURNOS_TEST_WAIT_UNTIL (sub_count (good, "availability") == added + 1);
  g_assert_false (good->closed);
}

/* Pings come every "ping-seconds"; a peer that never answers one is dropped; one that does
 * (libsoup answers on its own) stays. */
static void
test_pings (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Sub) good = NULL;
  g_autoptr(Raw) mute = NULL;
  gint64 start;

  g_object_set (hub (f), "ping-seconds", 1, NULL);
  good = sub_new (f->srv->url, NULL);
  mute = raw_new (f->srv->url, 0);
  TURNOS_TEST_WAIT_UNTIL (turnos_events_hub_get_n_subscribers (hub (f)) == 2);
  start = g_get_monotonic_time ();

  /* The mute one reads, so it sees the ping, but never answers it. */
  while (!raw_got_ping (mute))
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
      raw_read (mute);
      turnos_test_wait_for (&(gboolean) { FALSE }, 20);
    }
  TURNOS_TEST_WAIT_UNTIL (turnos_events_hub_get_n_subscribers (hub (f)) == 1);
  /* 2.5 intervals of silence, checked once an interval. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC);
  g_assert_false (good->closed);
  sentinel (f, "2026-03-20");
  TURNOS_TEST_WAIT_UNTIL (sub_count (good, "availability") == 1);
}

/* An upgraded connection has none of the listener's timeouts: with every timeout at 200 ms, a
 * subscriber quiet for seven of them is still there and still hears the next change. */
static void
test_no_idle_timeout (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Sub) quiet = NULL;

  g_object_set (f->srv->server, "header-timeout", 200, "body-timeout", 200, "idle-timeout", 200, NULL);
  quiet = sub_new (f->srv->url, NULL);
  TURNOS_TEST_WAIT_UNTIL (turnos_events_hub_get_n_subscribers (hub (f)) == 1);
  /* Runs the loop for 1.4 s unless the connection is closed first. */
  g_assert_false (turnos_test_wait_for (&quiet->closed, 1400));
  g_assert_cmpuint (turnos_events_hub_get_n_subscribers (hub (f)), ==, 1);
  sentinel (f, "2026-03-20");
  TURNOS_TEST_WAIT_UNTIL (sub_count (quiet, "availability") == 1);
}

/* Signing out ends the stream at the next check. */
static void
test_sign_out (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *token = turnos_test_inproc_login (f->srv, "desk");
  g_autoptr(Sub) s = sub_new (f->srv->url, token);

  g_object_set (hub (f), "ping-seconds", 1, NULL);
  g_assert_cmpstr (sub_find (s, "hello", "role", "desk") ? "desk" : NULL, ==, "desk");
  g_assert_cmpuint (turnos_test_inproc_request_as (f->srv, token, "POST", "auth/logout", NULL, -1,
                                                   NULL, NULL), ==, 204);
  TURNOS_TEST_WAIT_UNTIL (s->closed);
  g_assert_cmpuint (s->close_code, ==, TURNOS_EVENTS_CLOSE_UNAUTHENTICATED);
}

/*
 * The store's side
 */

static void
test_store_missed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosStore) other = turnos_store_open (f->srv->uri, &error);
  gint64 last = 0;
  gboolean missed = TRUE;

  g_assert_no_error (error);
  g_assert_true (turnos_store_last_event_seq (f->srv->store, &last, &error));
  g_assert_cmpint (last, >, 3);
  events = turnos_store_read_events (f->srv->store, last - 2, 100, &missed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_false (missed);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Everything but the newest is old; the next writer (a fresh connection) prunes it. */
  turnos_test_store_exec (f->srv->uri, "UPDATE events SET created = 0");
  {
    g_autoptr(TurnosSettings) s = turnos_store_get_professional (other, "dr-ana", &error);

    g_assert_true (turnos_store_put_professional (other, s, &error));
  }
  events = turnos_store_read_events (f->srv->store, last - 2, 100, &missed, &error);
  g_assert_no_error (error);
  g_assert_true (missed);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_cmpint (((TurnosStoreEvent *) events->pdata[0])->seq, ==, last);
}

/*
 * Several servers on one database: --workers (processes), --threads
 */

typedef struct
{
  GAsyncResult *result;
  gboolean      done;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

/* @method @path on a fresh connection (so --workers may answer from any process); the
 * status, and the answer as JSON into @out when asked. */
static guint
call (const char  *base_url,
      const char  *token,
      const char  *method,
      const char  *path,
      const char  *body,
      JsonNode   **out)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };

  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, wait_cb, &wait);
  g_assert_true (turnos_test_wait_for (&wait.done, 10000));
  answer = soup_session_send_and_read_finish (session, wait.result, &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  if (out != NULL)
    *out = turnos_json_parse (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), NULL);
  return soup_message_get_status (msg);
}

/* "PID:HUB" of the hub @s is on. */
static char *
where (Sub *s)
{
  JsonObject *hello = sub_find (s, "hello", NULL, NULL);

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                          json_object_get_int_member (hello, "pid"),
                          json_object_get_int_member (hello, "hub"));
}

/* Subscribes until one subscriber sits on each of @n hubs (the kernel spreads connections
 * among the processes or threads); a booking through any of them reaches all. */
static void
one_on_each (const char *how,
             guint       n)
{
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *extra[] = { how, count, NULL };
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, extra);
  const char *url = turnos_test_server_get_url (server);
  g_autofree char *token = turnos_test_server_login (server, "desk");
  g_autoptr(GHashTable) held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) sub_free);
  g_autoptr(GHashTable) pids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(JsonNode) booked = NULL;
  g_autofree char *body = NULL;
  g_autofree char *day = NULL;
  GHashTableIter iter;
  gpointer value;
  GDate date;

  /* /health names the process that answered: every worker is up. */
  for (guint tries = 0; g_strcmp0 (how, "--workers") == 0 && g_hash_table_size (pids) < n; tries++)
    {
      g_autoptr(JsonNode) health = NULL;

      g_assert_cmpuint (tries, <, 500);
      g_assert_cmpuint (call (url, NULL, "GET", "health", NULL, &health), ==, 200);
      g_hash_table_add (pids, g_strdup_printf ("%" G_GINT64_FORMAT,
                                               json_object_get_int_member (json_node_get_object (health),
                                                                           "pid")));
    }
  for (guint tries = 0; g_hash_table_size (held) < n; tries++)
    {
      g_autoptr(Sub) s = NULL;
      g_autofree char *at = NULL;

      g_assert_cmpuint (tries, <, 500);
      s = sub_new (url, token);
      g_assert_nonnull (sub_find (s, "hello", "role", "desk"));
      at = where (s);
      if (!g_hash_table_contains (held, at))
        g_hash_table_insert (held, g_steal_pointer (&at), g_steal_pointer (&s));
    }

  turnos_test_working_day ("America/Argentina/Buenos_Aires", 10, &date);
  day = turnos_date_format (&date);
  body = g_strdup_printf ("{\"client_id\": \"patient-1\", \"professional_id\": \"dr-ana\", "
                          "\"start_time\": \"%sT11:00:00\", \"session_modality\": \"Virtual\"}", day);
  g_assert_cmpuint (call (url, token, "POST", "reservations/create-without-payment", body, &booked),
                    ==, 201);
  g_hash_table_iter_init (&iter, held);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Sub *s = value;
      const char *id = json_object_get_string_member (json_node_get_object (booked), "id");

      TURNOS_TEST_WAIT_UNTIL (sub_find (s, "reservation", "id", id) != NULL);
      TURNOS_TEST_WAIT_UNTIL (sub_find (s, "availability", "professional_id", "dr-ana") != NULL);
      g_assert_true (has_date (sub_find (s, "availability", "professional_id", "dr-ana"), day));
    }
}

static void
test_workers (void)
{
  one_on_each ("--workers", 3);
}

static void
test_threads (void)
{
  one_on_each ("--threads", 3);
}

static void
test_json (void)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("America/Argentina/Buenos_Aires");
  g_autoptr(GDateTime) start = g_date_time_new (tz, 2026, 3, 4, 23, 30, 0);
  g_autoptr(GDateTime) end = g_date_time_new (tz, 2026, 3, 5, 0, 30, 0);
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, 2026, 3, 5, 0, 0, 0);
  g_autofree char *two = turnos_event_availability_json ("p", start, end);
  g_autofree char *one = turnos_event_availability_json ("p", start, midnight);
  g_autofree char *offer = turnos_event_waitlist_offer_json ("p", "c", start);
  TurnosEventInfo info;

  g_assert_cmpstr (two, ==, "{\"type\":\"availability\",\"professional_id\":\"p\","
                            "\"dates\":[\"2026-03-04\",\"2026-03-05\"],"
                            "\"from\":\"2026-03-04\",\"to\":\"2026-03-05\"}");
  g_assert_cmpstr (one, ==, "{\"type\":\"availability\",\"professional_id\":\"p\","
                            "\"dates\":[\"2026-03-04\"],\"from\":\"2026-03-04\",\"to\":\"2026-03-04\"}");
  g_assert_true (turnos_event_info_parse (offer, strlen (offer), &info));
  g_assert_cmpint (info.type, ==, TURNOS_EVENT_WAITLIST_OFFER);
  g_assert_true (turnos_event_info_visible (&info, TURNOS_ROLE_PATIENT, "c"));
  g_assert_false (turnos_event_info_visible (&info, TURNOS_ROLE_PATIENT, "d"));
  g_assert_false (turnos_event_info_visible (&info, TURNOS_ROLE_DESK, "desk"));
  g_assert_false (turnos_event_info_visible (&info, TURNOS_ROLE_ANONYMOUS, NULL));
  turnos_event_info_clear (&info);
  g_assert_true (turnos_event_info_parse ("{\"type\": \"future\"}", 18, &info));
  g_assert_false (turnos_event_info_visible (&info, TURNOS_ROLE_ADMIN, "admin"));
  g_assert_false (turnos_event_info_parse ("[]", 2, &info));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/server/events/no-idle-timeout", test_no_idle_timeout);
  ADD ("/server/events/hello", test_hello);
  ADD ("/server/events/who-hears", test_who_hears);
  ADD ("/server/events/every-change", test_every_change);
  ADD ("/server/events/hold-lapses", test_hold_lapses);
  ADD ("/server/events/bad-token", test_bad_token);
  ADD ("/server/events/one-message", test_one_message);
  ADD ("/server/events/plain-get", test_plain_get);
  ADD ("/server/events/full", test_full);
  ADD ("/server/events/slow-subscriber", test_slow_subscriber);
  ADD ("/server/events/pings", test_pings);
  ADD ("/server/events/sign-out", test_sign_out);
  ADD ("/server/events/store-missed", test_store_missed);
#undef ADD
  g_test_add_func ("/server/events/json", test_json);
  g_test_add_func ("/server/events/workers", test_workers);
  g_test_add_func ("/server/events/threads", test_threads);

  return g_test_run ();
}
