/* test-waitlist.c: waiting for time to free up, and the offers when it does
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "turnos-json.h"
#include "turnos-store.h"
#include "turnos-test-inproc.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

/* The demo clinic at Monday 2 March 2026, 08:00 in Buenos Aires (turnos-test-inproc.h):
 * patient-1 sees dr-ana on Wednesday 4 March at 10:00, patient-3 on Monday 9 March at 15:00;
 * dr-ana's team meeting is Friday 6 March 13:00–15:00; dr-bruno asks for a deposit. */
#define ZONE "America/Argentina/Buenos_Aires"

/*
 * A live events subscriber (as tests/server/test-events.c's), every message kept
 */

typedef struct
{
  SoupSession             *session;
  SoupWebsocketConnection *conn;
  GPtrArray               *messages;     /* of JsonNode */
  GError                  *error;
  gboolean                 connected;
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
sub_connected_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Sub *s = user_data;

  s->conn = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &s->error);
  s->connected = TRUE;
  if (s->conn != NULL)
    g_signal_connect (s->conn, "message", G_CALLBACK (sub_message_cb), s);
}

/* The messages of @type, and of them the last whose "date" is @date (NULL: any). */
static guint
sub_count (Sub         *s,
           const char  *type,
           const char  *date,
           JsonObject **last)
{
  guint n = 0;

  for (guint i = 0; i < s->messages->len; i++)
    {
      JsonObject *o = json_node_get_object (g_ptr_array_index (s->messages, i));

      if (g_strcmp0 (json_object_get_string_member_with_default (o, "type", ""), type) != 0 ||
          (date != NULL && g_strcmp0 (json_object_get_string_member_with_default (o, "date", ""), date) != 0))
        continue;
      n++;
      if (last != NULL)
        *last = o;
    }
  return n;
}

static Sub *
sub_new (const char *base_url,
         const char *token)
{
  Sub *s = g_new0 (Sub, 1);
  g_autofree char *url = g_strconcat (base_url, "events", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *first = g_strdup_printf ("{\"token\": \"%s\"}", token);

  s->session = soup_session_new ();
  s->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  soup_session_websocket_connect_async (s->session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        sub_connected_cb, s);
  TURNOS_TEST_WAIT_UNTIL (s->connected);
  g_assert_no_error (s->error);
  TURNOS_TEST_WAIT_UNTIL (sub_count (s, "hello", NULL, NULL) == 1);
  soup_websocket_connection_send_text (s->conn, first);
  TURNOS_TEST_WAIT_UNTIL (sub_count (s, "hello", NULL, NULL) == 2);
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

/*
 * Fixture
 */

typedef struct
{
  TurnosTestInproc *t;
  GDateTime        *now;
} Fixture;

static GDateTime *
movable_clock (gpointer data)
{
  Fixture *f = data;

  return g_date_time_ref (f->now);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = turnos_test_inproc_new ();
  f->now = g_date_time_ref (f->t->now);
  turnos_server_set_clock (f->t->server, movable_clock, f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->t, turnos_test_inproc_free);
  g_clear_pointer (&f->now, g_date_time_unref);
}

static guint
call (Fixture     *f,
      const char  *token,
      const char  *method,
      const char  *path,
      const char  *body,
      JsonNode   **out)
{
  return turnos_test_inproc_request_as (f->t, token ? token : f->t->token, method, path, body, -1,
                                        out, NULL);
}

static const char *
str (JsonNode   *node,
     const char *member)
{
  JsonObject *o = json_node_get_object (node);

  return json_object_has_member (o, member) && !json_object_get_null_member (o, member)
         ? json_object_get_string_member (o, member) : NULL;
}

/* @client waits for dr-ana's @date, as @token (NULL: the desk); the entry. */
static JsonNode *
wait_for (Fixture    *f,
          const char *token,
          const char *client,
          const char *prof,
          const char *date)
{
  g_autofree char *body = g_strdup_printf ("{\"professional_id\": \"%s\", \"date\": \"%s\", "
                                           "\"client_id\": \"%s\"}", prof, date, client);
  JsonNode *node = NULL;

  g_assert_cmpuint (call (f, token, "POST", "waitlist", body, &node), ==, 201);
  return node;
}

/* The id of @client's first live reservation from @from on. */
static char *
first_session (Fixture    *f,
               const char *client,
               const char *from)
{
  g_autofree char *path = g_strdup_printf ("reservations?client_id=%s&status=live&order=asc&from=%s",
                                           client, from);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *list;

  g_assert_cmpuint (call (f, NULL, "GET", path, NULL, &node), ==, 200);
  list = json_object_get_array_member (json_node_get_object (node), "reservations");
  g_assert_cmpuint (json_array_get_length (list), >, 0);
  return g_strdup (str (json_array_get_element (list, 0), "id"));
}

/* The waitlist_offer events the store holds for @client since @after_seq, as JSON objects. */
static GPtrArray *
offers_since (Fixture    *f,
              gint64      after_seq,
              const char *client)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  gboolean missed;

  events = turnos_store_read_events (f->t->store, after_seq, 1000, &missed, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      TurnosStoreEvent *e = events->pdata[i];
      g_autoptr(JsonNode) node = turnos_json_parse (e->json, strlen (e->json), NULL);

      if (g_strcmp0 (str (node, "type"), "waitlist_offer") == 0 &&
          g_strcmp0 (str (node, "client_id"), client) == 0)
        g_ptr_array_add (out, g_steal_pointer (&node));
    }
  return out;
}

static gint64
last_seq (Fixture *f)
{
  gint64 seq = 0;

  g_assert_true (turnos_store_last_event_seq (f->t->store, &seq, NULL));
  return seq;
}

/* patient-2 waits for Wednesday 4 March, patient-3 does not: when patient-1's 10:00 is
 * cancelled, patient-2 is offered it on the live events, patient-3 is not (nor is patient-1,
 * who freed it, though waiting too). The desk's day shows who waits, and that they were told. */
static void
test_offer_on_cancel (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *p1 = turnos_test_inproc_login (f->t, "patient-1");
  g_autofree char *p2 = turnos_test_inproc_login (f->t, "patient-2");
  g_autofree char *p3 = turnos_test_inproc_login (f->t, "patient-3");
  g_autoptr(Sub) waiting = sub_new (f->t->url, p2);
  g_autoptr(Sub) other = sub_new (f->t->url, p3);
  g_autoptr(Sub) freer = sub_new (f->t->url, p1);
  g_autoptr(JsonNode) entry = wait_for (f, p2, "patient-2", "dr-ana", "2026-03-04");
  g_autoptr(JsonNode) own = wait_for (f, p1, "patient-1", "dr-ana", "2026-03-04");
  g_autoptr(JsonNode) day = NULL;
  g_autofree char *session = first_session (f, "patient-1", "2026-03-03");
  g_autofree char *cancel = g_strdup_printf ("reservations/%s/cancel", session);
  JsonObject *offer = NULL;
  JsonArray *waitlist;

  g_assert_cmpuint (call (f, NULL, "POST", cancel, NULL, NULL), ==, 200);
  TURNOS_TEST_WAIT_UNTIL (sub_count (waiting, "waitlist_offer", NULL, &offer) == 1);
  g_assert_cmpstr (json_object_get_string_member (offer, "professional_id"), ==, "dr-ana");
  g_assert_cmpstr (json_object_get_string_member (offer, "date"), ==, "2026-03-04");
  g_assert_cmpstr (json_object_get_string_member (offer, "start_time"), ==, "2026-03-04T10:00:00");
  /* The others heard the availability change, and no offer. */
  TURNOS_TEST_WAIT_UNTIL (sub_count (other, "availability", NULL, NULL) > 0);
  TURNOS_TEST_WAIT_UNTIL (sub_count (freer, "reservation", NULL, NULL) > 0);
  g_assert_cmpuint (sub_count (other, "waitlist_offer", NULL, NULL), ==, 0);
  g_assert_cmpuint (sub_count (freer, "waitlist_offer", NULL, NULL), ==, 0);

  g_assert_cmpuint (call (f, NULL, "GET", "professionals/dr-ana/day?date=2026-03-04", NULL, &day), ==, 200);
  waitlist = json_object_get_array_member (json_node_get_object (day), "waitlist");
  g_assert_cmpuint (json_array_get_length (waitlist), ==, 2);
  g_assert_cmpstr (str (json_array_get_element (waitlist, 0), "client_id"), ==, "patient-2");
  g_assert_cmpstr (str (json_array_get_element (waitlist, 0), "offered_time"), ==, "2026-03-04T10:00:00");
  g_assert_null (str (json_array_get_element (waitlist, 1), "offered_time"));
}

/* Time frees up in every other way too: a lapsed hold, a reschedule away, time off removed.
 * Each is offered to those waiting on that day, at the freed time's start. */
static void
test_offer_sources (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) a = wait_for (f, NULL, "patient-2", "dr-bruno", "2026-03-10");
  g_autoptr(JsonNode) b = wait_for (f, NULL, "patient-2", "dr-ana", "2026-03-09");
  g_autoptr(JsonNode) c = wait_for (f, NULL, "patient-2", "dr-ana", "2026-03-06");
  g_autoptr(JsonNode) blocks = NULL;
  g_autoptr(JsonNode) hold = NULL;
  g_autofree char *moving = first_session (f, "patient-3", "2026-03-03");
  g_autofree char *path = NULL;
  gint64 seq;

  /* A hold that lapses: the 15 minutes pass, and the sweep releases it. */
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/payment",
                          "{\"client_id\": \"patient-1\", \"professional_id\": \"dr-bruno\", "
                          "\"start_time\": \"2026-03-10T11:00:00\", \"session_modality\": \"Presencial\"}",
                          &hold), ==, 201);
  seq = last_seq (f);
  g_date_time_unref (f->now);
  f->now = g_date_time_add_minutes (f->t->now, 16);
  g_assert_true (turnos_store_release_lapsed (f->t->store, f->now, NULL, NULL));
  {
    g_autoptr(GPtrArray) offers = offers_since (f, seq, "patient-2");

    g_assert_cmpuint (offers->len, ==, 1);
    g_assert_cmpstr (str (offers->pdata[0], "professional_id"), ==, "dr-bruno");
    g_assert_cmpstr (str (offers->pdata[0], "start_time"), ==, "2026-03-10T11:00:00");
  }

  /* patient-3's Monday 15:00 moves to Tuesday: Monday is offered. */
  seq = last_seq (f);
  path = g_strdup_printf ("reservations/%s/reschedule", moving);
  g_assert_cmpuint (call (f, NULL, "POST", path, "{\"start_time\": \"2026-03-10T15:00:00\"}", NULL), ==, 201);
  {
    g_autoptr(GPtrArray) offers = offers_since (f, seq, "patient-2");

    g_assert_cmpuint (offers->len, ==, 1);
    g_assert_cmpstr (str (offers->pdata[0], "date"), ==, "2026-03-09");
    g_assert_cmpstr (str (offers->pdata[0], "start_time"), ==, "2026-03-09T15:00:00");
  }

  /* The team meeting is called off: Friday 13:00 is offered. */
  seq = last_seq (f);
  g_assert_cmpuint (call (f, NULL, "GET", "professionals/dr-ana/blocks", NULL, &blocks), ==, 200);
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("professionals/dr-ana/blocks/%s",
                          str (json_array_get_element (json_object_get_array_member (json_node_get_object (blocks),
                                                                                     "blocks"), 0), "id"));
  g_assert_cmpuint (call (f, NULL, "DELETE", path, NULL, NULL), ==, 204);
  {
    g_autoptr(GPtrArray) offers = offers_since (f, seq, "patient-2");

    g_assert_cmpuint (offers->len, ==, 1);
    g_assert_cmpstr (str (offers->pdata[0], "start_time"), ==, "2026-03-06T13:00:00");
  }
}

/* Both wait, both are told; the first to book wins, and no longer waits; the other still
 * does, and finds the time taken. */
static void
test_first_to_book_wins (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) a = wait_for (f, NULL, "patient-2", "dr-ana", "2026-03-04");
  g_autoptr(JsonNode) b = wait_for (f, NULL, "patient-3", "dr-ana", "2026-03-04");
  g_autoptr(JsonNode) left = NULL;
  g_autofree char *session = first_session (f, "patient-1", "2026-03-03");
  g_autofree char *cancel = g_strdup_printf ("reservations/%s/cancel", session);
  const char *book = "{\"client_id\": \"%s\", \"professional_id\": \"dr-ana\", "
                     "\"start_time\": \"2026-03-04T10:00:00\", \"session_modality\": \"Virtual\"}";
  g_autofree char *three = g_strdup_printf (book, "patient-3");
  g_autofree char *two = g_strdup_printf (book, "patient-2");
  gint64 seq = last_seq (f);
  JsonArray *list;

  g_assert_cmpuint (call (f, NULL, "POST", cancel, NULL, NULL), ==, 200);
  {
    g_autoptr(GPtrArray) to_two = offers_since (f, seq, "patient-2");
    g_autoptr(GPtrArray) to_three = offers_since (f, seq, "patient-3");

    g_assert_cmpuint (to_two->len, ==, 1);
    g_assert_cmpuint (to_three->len, ==, 1);
  }
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/create-without-payment", three, NULL), ==, 201);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/create-without-payment", two, NULL), ==, 409);
  g_assert_cmpuint (call (f, NULL, "GET", "waitlist?professional_id=dr-ana&date=2026-03-04", NULL, &left), ==, 200);
  list = json_object_get_array_member (json_node_get_object (left), "waitlist");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpstr (str (json_array_get_element (list, 0), "client_id"), ==, "patient-2");
}

/* Who may do what, what is refused, paging, and the end of a day. */
static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *p2 = turnos_test_inproc_login (f->t, "patient-2");
  g_autofree char *p3 = turnos_test_inproc_login (f->t, "patient-3");
  g_autofree char *ana = turnos_test_inproc_login (f->t, "dr-ana");
  g_autofree char *carla = turnos_test_inproc_login (f->t, "dr-carla");
  g_autoptr(JsonNode) first = wait_for (f, p2, "patient-2", "dr-ana", "2026-03-05");
  g_autoptr(JsonNode) second = wait_for (f, NULL, "patient-3", "dr-ana", "2026-03-05");
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *mine = g_strdup_printf ("waitlist/%s", str (first, "id"));
  static const struct
  {
    const char *body;
    guint       status;
    const char *code;
  } refused[] = {
    { "{\"professional_id\": \"dr-ana\", \"date\": \"2026-03-05\"}", 400, "bad_request" },
    { "{\"professional_id\": \"nobody\", \"date\": \"2026-03-05\", \"client_id\": \"patient-2\"}", 404, "unknown_professional" },
    { "{\"professional_id\": \"dr-ana\", \"date\": \"2026-03-05\", \"client_id\": \"nobody\"}", 404, "not_found" },
    { "{\"professional_id\": \"dr-ana\", \"date\": \"2026-03-05\", \"client_id\": \"dr-carla\"}", 404, "not_found" },
    { "{\"professional_id\": \"dr-ana\", \"date\": \"2026-03-01\", \"client_id\": \"patient-2\"}", 422, "in_past" },
    { "{\"professional_id\": \"dr-ana\", \"date\": \"2026-05-02\", \"client_id\": \"patient-2\"}", 422, "beyond_horizon" },
    { "{\"professional_id\": \"dr-ana\", \"date\": \"5 March\", \"client_id\": \"patient-2\"}", 400, "invalid_date" },
    { "{\"professional_id\": \"dr-ana\", \"date\": 5, \"client_id\": \"patient-2\"}", 400, "invalid_field" },
    { "[]", 400, "bad_request" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(JsonNode) answer = NULL;
      g_autofree char *code = NULL;

      g_test_message ("case %u", i);
      g_assert_cmpuint (call (f, NULL, "POST", "waitlist", refused[i].body, &answer), ==, refused[i].status);
      code = turnos_test_error_code (answer);
      g_assert_cmpstr (code, ==, refused[i].code);
    }

  /* A patient waits for themselves only; twice is the same entry. */
  g_assert_cmpuint (call (f, p2, "POST", "waitlist",
                          "{\"professional_id\": \"dr-ana\", \"date\": \"2026-03-06\", \"client_id\": \"patient-3\"}",
                          NULL), ==, 403);
  g_assert_cmpuint (call (f, p2, "POST", "waitlist",
                          "{\"professional_id\": \"dr-ana\", \"date\": \"2026-03-05\", \"client_id\": \"patient-2\"}",
                          &node), ==, 200);
  g_assert_cmpstr (str (node, "id"), ==, str (first, "id"));

  /* Lists: a patient their own, a professional their agenda's, paged. */
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, p3, "GET", "waitlist", NULL, &node), ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "waitlist")), ==, 1);
  g_assert_cmpuint (call (f, p3, "GET", "waitlist?client_id=patient-2", NULL, NULL), ==, 403);
  g_assert_cmpuint (call (f, carla, "GET", "waitlist?professional_id=dr-ana", NULL, NULL), ==, 403);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, ana, "GET", "waitlist?date=2026-03-05&limit=1", NULL, &node), ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "waitlist")), ==, 1);
  g_assert_cmpstr (str (json_array_get_element (json_object_get_array_member (json_node_get_object (node), "waitlist"), 0),
                        "client_id"), ==, "patient-2");
  g_assert_nonnull (str (node, "next_cursor"));
  {
    g_autofree char *next = g_strdup_printf ("waitlist?date=2026-03-05&limit=1&cursor=%s", str (node, "next_cursor"));
    g_autoptr(JsonNode) page = NULL;

    g_assert_cmpuint (call (f, ana, "GET", next, NULL, &page), ==, 200);
    g_assert_cmpstr (str (json_array_get_element (json_object_get_array_member (json_node_get_object (page), "waitlist"), 0),
                          "client_id"), ==, "patient-3");
    g_assert_null (str (page, "next_cursor"));
  }
  g_assert_cmpuint (call (f, NULL, "GET", "waitlist?date=soon", NULL, NULL), ==, 400);
  g_assert_cmpuint (call (f, NULL, "GET", "waitlist?professional_id=nobody", NULL, NULL), ==, 404);
  g_assert_cmpuint (call (f, NULL, "GET", "waitlist?cursor=!!", NULL, NULL), ==, 400);

  /* Leaving: one's own, once. */
  g_assert_cmpuint (call (f, p3, "DELETE", mine, NULL, NULL), ==, 403);
  g_assert_cmpuint (call (f, p2, "DELETE", mine, NULL, NULL), ==, 204);
  g_assert_cmpuint (call (f, p2, "DELETE", mine, NULL, NULL), ==, 404);

  /* The day ends: the entry with it. */
  g_date_time_unref (f->now);
  f->now = g_date_time_add_days (f->t->now, 4);
  g_free (f->t->token);
  f->t->token = turnos_test_inproc_login (f->t, "desk");
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, NULL, "GET", "waitlist?professional_id=dr-ana", NULL, &node), ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "waitlist")), ==, 0);
}

/* A patient waits on at most 30 days at once. */
static void
test_bounded (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *code = NULL;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 3, 3, 2026);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *date = turnos_date_format (&day);
      g_autoptr(JsonNode) entry = wait_for (f, NULL, "patient-2", "dr-ana", date);

      g_date_add_days (&day, 1);
    }
  {
    g_autofree char *date = turnos_date_format (&day);
    g_autofree char *body = g_strdup_printf ("{\"professional_id\": \"dr-ana\", \"date\": \"%s\", "
                                             "\"client_id\": \"patient-2\"}", date);

    g_assert_cmpuint (call (f, NULL, "POST", "waitlist", body, &node), ==, 409);
  }
  code = turnos_test_error_code (node);
  g_assert_cmpstr (code, ==, "waitlist_full");
}

/* What is stored about a patient includes the days they wait for; erasing them removes it. */
static void
test_export_and_erase (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *admin = turnos_test_inproc_login (f->t, "admin");
  g_autoptr(JsonNode) entry = wait_for (f, NULL, "patient-2", "dr-ana", "2026-03-05");
  g_autoptr(JsonNode) export = NULL;
  g_autoptr(JsonNode) left = NULL;
  JsonArray *waitlist;

  g_assert_cmpuint (call (f, admin, "GET", "patients/patient-2/export", NULL, &export), ==, 200);
  waitlist = json_object_get_array_member (json_node_get_object (export), "waitlist");
  g_assert_cmpuint (json_array_get_length (waitlist), ==, 1);
  g_assert_cmpstr (str (json_array_get_element (waitlist, 0), "id"), ==, str (entry, "id"));
  g_assert_cmpuint (call (f, admin, "DELETE", "patients/patient-2", NULL, NULL), ==, 204);
  g_assert_cmpuint (call (f, NULL, "GET", "waitlist?professional_id=dr-ana", NULL, &left), ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (left),
                                                                         "waitlist")), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/server/waitlist/offer-on-cancel", test_offer_on_cancel);
  ADD ("/server/waitlist/offer-sources", test_offer_sources);
  ADD ("/server/waitlist/first-to-book-wins", test_first_to_book_wins);
  ADD ("/server/waitlist/rules", test_rules);
  ADD ("/server/waitlist/bounded", test_bounded);
  ADD ("/server/waitlist/export-and-erase", test_export_and_erase);
#undef ADD

  return g_test_run ();
}
