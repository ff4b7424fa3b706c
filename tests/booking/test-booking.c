/* test-booking.c: the booking controller against a real server, no display
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "turnos-booking.h"
#include "turnos-desk-day.h"
#include "turnos-hostile-server.h"
#include "turnos-json.h"
#include "turnos-slots.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

#define ZONE "America/Argentina/Buenos_Aires"

static void
working_day (int    ahead,
             GDate *out)
{
  turnos_test_working_day (ZONE, ahead, out);
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Runs the main loop for @ms: for checking that something does NOT happen. */
static void
run_for (guint ms)
{
  gboolean never = FALSE;

  turnos_test_wait_for (&never, ms);
  g_assert_false (is_true (&never));
}

static TurnosBooking *
new_booking (TurnosTestServer *server,
             const char       *professional)
{
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  TurnosBooking *booking = turnos_booking_new (client);

  turnos_test_sign_in (client, server, "desk");
  turnos_booking_set_client_id (booking, "patient-1");
  turnos_booking_load (booking, professional);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (booking) != NULL);
  g_assert_cmpstr (turnos_booking_get_professional_id (booking), ==, professional);
  return booking;
}

static guint
n_slots (TurnosBooking *booking)
{
  return g_list_model_get_n_items (turnos_booking_get_slots (booking));
}

static TurnosSlot *
slot_at (TurnosBooking *booking,
         guint          i)
{
  g_autoptr(TurnosSlot) slot = g_list_model_get_item (turnos_booking_get_slots (booking), i);

  return slot;   /* the list keeps it alive */
}

static void
pick_day_and_wait (TurnosBooking *booking,
                   const GDate   *day)
{
  turnos_booking_set_date (booking, day);
  g_assert_true (turnos_booking_get_loading (booking));
  g_assert_cmpuint (n_slots (booking), ==, 0);
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (booking));
  g_assert_null (turnos_booking_get_error (booking));
}

static void
test_debounce (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosBooking) booking = new_booking (server, "dr-ana");
  guint before;
  GDate day;

  working_day (7, &day);
  before = turnos_test_server_count_requests (server, "GET /reservations/availability?");
  /* Five picks in a row, well inside 300 ms: one request, for the last day. The last pick
   * is @day, so the one that counts is a working day whatever today is. */
  for (int i = 0; i < 5; i++)
    {
      GDate d = day;

      g_date_add_days (&d, (4 - i) % 3);
      turnos_booking_set_date (booking, &d);
      g_assert_cmpuint (n_slots (booking), ==, 0);
      g_assert_null (turnos_booking_get_slot (booking));
    }
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (booking));
  g_assert_cmpuint (turnos_test_server_count_requests (server, "GET /reservations/availability?")
                    - before, ==, 1);
  g_assert_cmpuint (n_slots (booking), >, 0);
  {
    GDate got;

    turnos_date_from_datetime (turnos_slot_get_start (slot_at (booking, 0)), &got);
    g_assert_cmpint (g_date_compare (&got, turnos_booking_get_date (booking)), ==, 0);
  }
}

static void
test_past_and_horizon (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosBooking) booking = new_booking (server, "dr-ana");
  guint before = turnos_test_server_count_requests (server, "GET /reservations/availability?");
  GDate past, far;

  working_day (0, &past);
  g_date_subtract_days (&past, 3);
  turnos_booking_set_date (booking, &past);
  g_assert_cmpint (turnos_booking_get_day_state (booking), ==, TURNOS_DAY_PAST);
  g_assert_false (turnos_booking_get_loading (booking));

  working_day (90, &far);
  turnos_booking_set_date (booking, &far);
  g_assert_cmpint (turnos_booking_get_day_state (booking), ==, TURNOS_DAY_BEYOND_HORIZON);
  g_assert_false (turnos_booking_get_loading (booking));

  run_for (TURNOS_BOOKING_DEBOUNCE_MS + 200);
  g_assert_cmpuint (turnos_test_server_count_requests (server, "GET /reservations/availability?"),
                    ==, before);
}

static void
test_modality (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosBooking) booking = new_booking (server, "dr-ana");

  g_assert_cmpint (turnos_booking_get_offered_modality (booking), ==, TURNOS_MODALITY_VIRTUAL);
  g_assert_cmpint (turnos_booking_get_modality (booking), ==, TURNOS_MODALITY_VIRTUAL);
  turnos_booking_set_professional_id (booking, "dr-bruno");
  g_assert_cmpint (turnos_booking_get_offered_modality (booking), ==, TURNOS_MODALITY_PRESENCIAL);
  g_assert_cmpint (turnos_booking_get_modality (booking), ==, TURNOS_MODALITY_PRESENCIAL);

  {
    g_autoptr(TurnosBooking) carla = new_booking (server, "dr-carla");

    g_assert_cmpint (turnos_booking_get_offered_modality (carla), ==, TURNOS_MODALITY_BOTH);
    g_assert_cmpint (turnos_booking_get_modality (carla), ==, TURNOS_MODALITY_NONE);
  }
}

static void
test_continue_and_confirm (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosBooking) booking = new_booking (server, "dr-carla");
  g_autoptr(TurnosReservation) booked = NULL;
  TurnosReservation *draft;
  TurnosSlot *slot;
  GDate day;

  working_day (8, &day);
  pick_day_and_wait (booking, &day);
  g_assert_false (turnos_booking_get_can_continue (booking));
  slot = slot_at (booking, 0);
  turnos_booking_set_slot (booking, slot);
  g_assert_false (turnos_booking_get_can_continue (booking));   /* no modality yet */
  turnos_booking_set_modality (booking, TURNOS_MODALITY_PRESENCIAL);
  g_assert_true (turnos_booking_get_can_continue (booking));

  g_assert_true (turnos_booking_continue (booking));
  g_assert_cmpint (turnos_booking_get_step (booking), ==, TURNOS_BOOKING_STEP_CONFIRM);
  draft = turnos_booking_get_draft (booking);
  g_assert_cmpint (g_date_time_difference (draft->end, draft->start), ==, 90 * G_TIME_SPAN_MINUTE);
  g_assert_cmpstr (draft->client_id, ==, "patient-1");

  turnos_booking_confirm (booking);
  g_assert_true (turnos_booking_get_busy (booking));
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_step (booking) == TURNOS_BOOKING_STEP_DONE);
  g_assert_false (turnos_booking_get_busy (booking));
  booked = turnos_reservation_ref (turnos_booking_get_booked (booking));
  g_assert_nonnull (booked->id);
  g_assert_cmpint (booked->status, ==, TURNOS_STATUS_CONFIRMED);
  g_assert_true (g_date_time_equal (booked->start, turnos_slot_get_start (slot)));

  /* Another booking, and the time just booked is gone from the list. */
  turnos_booking_start_over (booking);
  g_assert_cmpint (turnos_booking_get_step (booking), ==, TURNOS_BOOKING_STEP_RESERVE);
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (booking));
  for (guint i = 0; i < n_slots (booking); i++)
    g_assert_false (g_date_time_equal (turnos_slot_get_start (slot_at (booking, i)), booked->start));
}

typedef struct
{
  guint    notifies;
  gboolean last;
} CanContinueWatch;

static void
can_continue_cb (TurnosBooking    *booking,
                 GParamSpec       *pspec,
                 CanContinueWatch *watch)
{
  gboolean now = turnos_booking_get_can_continue (booking);

  /* A notification always says something new. */
  g_assert_true (now != watch->last);
  watch->last = now;
  watch->notifies++;
}

/* can-continue follows every mutator of the day, time, loading and modality, and notifies
 * once per change, never for nothing. */
static void
test_can_continue_notify (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosBooking) booking = new_booking (server, "dr-carla");
  CanContinueWatch watch = { 0, FALSE };
  GDate day, other;

  g_assert_false (turnos_booking_get_can_continue (booking));
  g_signal_connect (booking, "notify::can-continue", G_CALLBACK (can_continue_cb), &watch);
  working_day (8, &day);
  working_day (9, &other);

  pick_day_and_wait (booking, &day);
  turnos_booking_set_modality (booking, TURNOS_MODALITY_VIRTUAL);
  g_assert_cmpuint (watch.notifies, ==, 0);
  turnos_booking_set_slot (booking, slot_at (booking, 0));
  g_assert_true (watch.last);
  g_assert_cmpuint (watch.notifies, ==, 1);

  /* The modality, off and on again. */
  turnos_booking_set_modality (booking, TURNOS_MODALITY_NONE);
  g_assert_false (turnos_booking_get_can_continue (booking));
  turnos_booking_set_modality (booking, TURNOS_MODALITY_PRESENCIAL);
  g_assert_true (turnos_booking_get_can_continue (booking));
  g_assert_cmpuint (watch.notifies, ==, 3);

  /* Another day clears the time: one notification, then none while it loads. */
  turnos_booking_set_date (booking, &other);
  g_assert_false (turnos_booking_get_can_continue (booking));
  g_assert_cmpuint (watch.notifies, ==, 4);
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (booking));
  g_assert_cmpuint (watch.notifies, ==, 4);

  /* A time chosen again, then no day at all. */
  turnos_booking_set_slot (booking, slot_at (booking, 0));
  g_assert_true (turnos_booking_get_can_continue (booking));
  turnos_booking_set_date (booking, NULL);
  g_assert_false (turnos_booking_get_can_continue (booking));
  g_assert_cmpuint (watch.notifies, ==, 6);
  {
    gboolean property;

    g_object_get (booking, "can-continue", &property, NULL);
    g_assert_false (property);
  }
  g_signal_handlers_disconnect_by_data (booking, &watch);
}

static void
test_routing_and_end_time (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosBooking) booking = new_booking (server, "dr-ana");
  GDate day;

  working_day (8, &day);
  pick_day_and_wait (booking, &day);
  turnos_booking_set_slot (booking, slot_at (booking, 0));
  g_assert_true (turnos_booking_continue (booking));
  g_assert_cmpint (turnos_booking_get_step (booking), ==, TURNOS_BOOKING_STEP_CONFIRM);
  g_assert_cmpint (g_date_time_difference (turnos_booking_get_draft (booking)->end,
                                           turnos_booking_get_draft (booking)->start),
                   ==, 45 * G_TIME_SPAN_MINUTE);

  /* Back keeps the day, the modality and the chosen time. */
  turnos_booking_back (booking);
  g_assert_cmpint (turnos_booking_get_step (booking), ==, TURNOS_BOOKING_STEP_RESERVE);
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (booking) && turnos_booking_get_slot (booking) != NULL);
  g_assert_cmpint (turnos_booking_get_modality (booking), ==, TURNOS_MODALITY_VIRTUAL);

  turnos_booking_set_professional_id (booking, "dr-bruno");
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (booking));
  turnos_booking_set_slot (booking, slot_at (booking, 0));
  g_assert_true (turnos_booking_continue (booking));
  g_assert_cmpint (turnos_booking_get_step (booking), ==, TURNOS_BOOKING_STEP_PAYMENT);
}

static void
count_cb (gpointer data)
{
  (*(guint *) data)++;
}

static void
failed_cb (TurnosBooking *booking,
           const GError  *error,
           gpointer       data)
{
  GError **out = data;

  g_clear_error (out);
  *out = g_error_copy (error);
}

static void
test_slot_taken (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosBooking) mine = new_booking (server, "dr-ana");
  g_autoptr(TurnosBooking) theirs = new_booking (server, "dr-ana");
  g_autoptr(GDateTime) taken = NULL;
  guint taken_signals = 0;
  GDate day;

  working_day (9, &day);
  pick_day_and_wait (mine, &day);
  pick_day_and_wait (theirs, &day);
  turnos_booking_set_slot (mine, slot_at (mine, 2));
  turnos_booking_set_slot (theirs, slot_at (theirs, 2));
  taken = g_date_time_ref (turnos_slot_get_start (turnos_booking_get_slot (mine)));
  turnos_booking_set_client_id (theirs, "patient-2");
  g_assert_true (turnos_booking_continue (theirs));
  turnos_booking_confirm (theirs);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_step (theirs) == TURNOS_BOOKING_STEP_DONE);

  g_signal_connect_swapped (mine, "slot-taken", G_CALLBACK (count_cb), &taken_signals);
  g_assert_true (turnos_booking_continue (mine));
  turnos_booking_confirm (mine);
  TURNOS_TEST_WAIT_UNTIL (taken_signals == 1);
  g_assert_cmpint (turnos_booking_get_step (mine), ==, TURNOS_BOOKING_STEP_RESERVE);
  g_assert_cmpint (g_date_compare (turnos_booking_get_date (mine), &day), ==, 0);
  g_assert_cmpint (turnos_booking_get_modality (mine), ==, TURNOS_MODALITY_VIRTUAL);
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (mine));
  g_assert_cmpuint (n_slots (mine), >, 0);
  for (guint i = 0; i < n_slots (mine); i++)
    g_assert_false (g_date_time_equal (turnos_slot_get_start (slot_at (mine, i)), taken));
}

static void
sandbox_post (const char *checkout_url,
              const char *action)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/%s", checkout_url, action);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

static void
test_deposit (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosBooking) booking = new_booking (server, "dr-bruno");
  g_autoptr(GError) failure = NULL;
  TurnosPayment *payment;
  GDate day;

  g_signal_connect (booking, "failed", G_CALLBACK (failed_cb), &failure);
  working_day (9, &day);
  pick_day_and_wait (booking, &day);
  turnos_booking_set_slot (booking, slot_at (booking, 1));
  g_assert_true (turnos_booking_continue (booking));
  g_assert_cmpint (turnos_booking_get_step (booking), ==, TURNOS_BOOKING_STEP_PAYMENT);

  /* Approved at the sandbox checkout: booked. */
  turnos_booking_pay (booking);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_payment (booking) != NULL);
  payment = turnos_booking_get_payment (booking);
  g_assert_cmpint (payment->status, ==, TURNOS_PAYMENT_PENDING);
  g_assert_cmpstr (payment->amount, ==, "5000.00");
  sandbox_post (payment->checkout_url, "pay");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_step (booking) == TURNOS_BOOKING_STEP_DONE);
  g_assert_cmpint (turnos_booking_get_booked (booking)->status, ==, TURNOS_STATUS_CONFIRMED);
  g_assert_null (failure);

  /* Declined: back to the free times with the reason. */
  turnos_booking_start_over (booking);
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (booking));
  turnos_booking_set_slot (booking, slot_at (booking, 2));
  g_assert_true (turnos_booking_continue (booking));
  turnos_booking_pay (booking);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_payment (booking) != NULL);
  sandbox_post (turnos_booking_get_payment (booking)->checkout_url, "decline");
  TURNOS_TEST_WAIT_UNTIL (failure != NULL);
  g_assert_error (failure, TURNOS_BOOKING_ERROR, TURNOS_BOOKING_ERROR_PAYMENT_DECLINED);
  g_assert_cmpint (turnos_booking_get_step (booking), ==, TURNOS_BOOKING_STEP_RESERVE);
}

static void
test_server_down (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosBooking) booking = new_booking (server, "dr-ana");
  g_autoptr(GError) failure = NULL;
  TurnosReservation *draft;
  GDate day;

  g_signal_connect (booking, "failed", G_CALLBACK (failed_cb), &failure);
  working_day (9, &day);
  pick_day_and_wait (booking, &day);
  turnos_booking_set_slot (booking, slot_at (booking, 0));
  g_assert_true (turnos_booking_continue (booking));
  draft = turnos_booking_get_draft (booking);

  turnos_test_server_stop (server);
  turnos_booking_confirm (booking);
  TURNOS_TEST_WAIT_UNTIL (failure != NULL);
  g_assert_error (failure, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CANNOT_CONNECT);
  g_assert_cmpint (turnos_booking_get_step (booking), ==, TURNOS_BOOKING_STEP_CONFIRM);
  g_assert_true (turnos_booking_get_draft (booking) == draft);
  g_assert_false (turnos_booking_get_busy (booking));

  /* The free times say so too, with the day kept for Retry. */
  turnos_booking_back (booking);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_error (booking) != NULL);
  g_assert_cmpint (g_date_compare (turnos_booking_get_date (booking), &day), ==, 0);
}

/*
 * Answers the test holds back: a server in the test answers settings, free times, month
 * overviews and the desk's day at once, except the requests the test chose to hold, which it
 * answers later, with their data or with an error.
 */

typedef struct
{
  SoupServer *server;
  char       *url;
  GPtrArray  *settings;   /* of TurnosSettings, the professionals this server knows */
  GPtrArray  *holds;      /* of char *: a request whose "path?query" holds one is held */
  GPtrArray  *held;       /* of SoupServerMessage, in arrival order */
  GPtrArray  *keys;       /* of char *: each create's Idempotency-Key, in order */
  GPtrArray  *stored;     /* of TurnosReservation: what creates stored, one per key */
} Slow;

static TurnosSettings *
slow_settings (Slow       *slow,
               const char *id)
{
  for (guint i = 0; i < slow->settings->len; i++)
    {
      TurnosSettings *s = slow->settings->pdata[i];

      if (g_strcmp0 (s->user_id, id) == 0)
        return s;
    }
  return NULL;
}

static void
set_json (SoupServerMessage *msg,
          guint              status,
          JsonNode          *node)
{
  gsize len;
  g_autofree char *json = turnos_json_to_string (node, &len);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, len);
}

static TurnosAvailability *
slow_day (TurnosSettings *settings,
          const GDate    *date)
{
  g_autoptr(TurnosAvailability) a = turnos_availability_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  a->date = *date;
  a->timezone = g_strdup (settings->timezone);
  a->tz = g_time_zone_ref (settings->tz);
  g_array_unref (a->slots);
  a->slots = turnos_slots_compute (settings, date, NULL, 0, now);
  a->has_slots = TRUE;
  return g_steal_pointer (&a);
}

/* What the server answers @msg with @status: the data asked for, or an error. */
static void
slow_respond (Slow              *slow,
              SoupServerMessage *msg,
              guint              status)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = g_uri_get_path (uri);
  g_autoptr(GHashTable) query = g_uri_parse_params (g_uri_get_query (uri) ? g_uri_get_query (uri) : "",
                                                    -1, "&", G_URI_PARAMS_NONE, NULL);
  const char *id = query ? g_hash_table_lookup (query, "professional_id") : NULL;
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  TurnosSettings *settings;
  GDate date;

  if (g_str_equal (path, "/reservations/create-without-payment") && status == 200)
    {
      const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                      "Idempotency-Key");
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(TurnosReservation) r = NULL;
      g_autoptr(JsonNode) node = NULL;

      /* The same key gets the first answer back, as the real server's does. */
      for (guint i = 0; i < slow->keys->len; i++)
        if (g_strcmp0 (slow->keys->pdata[i], key) == 0)
          {
            node = turnos_reservation_to_node (slow->stored->pdata[i]);
            set_json (msg, 201, node);
            return;
          }
      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                 g_bytes_get_size (body), NULL));
      r = turnos_reservation_from_json (json_parser_get_root (parser),
                                        slow_settings (slow, "dr-slow")->tz, NULL);
      g_assert_nonnull (r);
      r->id = g_strdup_printf ("r-%u", slow->stored->len + 1);
      r->status = TURNOS_STATUS_CONFIRMED;
      r->created_at = g_date_time_new_now_utc ();
      g_ptr_array_add (slow->keys, g_strdup (key));
      g_ptr_array_add (slow->stored, turnos_reservation_ref (r));
      node = turnos_reservation_to_node (r);
      set_json (msg, 201, node);
      return;
    }
  if (status != 200)
    {
      static const char error[] = "{\"error\": {\"code\": \"internal\", \"message\": \"held\"}}";

      soup_server_message_set_status (msg, status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, error,
                                        strlen (error));
      return;
    }
  /* /professionals/ID/settings and /professionals/ID/day name the professional in the path. */
  if (g_str_has_prefix (path, "/professionals/") && g_strv_length (parts) == 4)
    id = parts[2];
  settings = slow_settings (slow, id);
  if (settings == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  if (g_str_has_suffix (path, "/settings"))
    {
      g_autoptr(JsonNode) node = turnos_settings_to_node (settings);

      set_json (msg, 200, node);
    }
  else if (g_str_equal (path, "/reservations/availability") ||
           g_str_has_suffix (path, "/day"))
    {
      g_autoptr(TurnosAvailability) a = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_assert_true (turnos_date_parse (g_hash_table_lookup (query, "date"), &date, NULL));
      a = slow_day (settings, &date);
      node = turnos_availability_to_node (a);
      if (g_str_has_suffix (path, "/day"))
        json_object_set_array_member (json_node_get_object (node), "reservations", json_array_new ());
      set_json (msg, 200, node);
    }
  else if (g_str_equal (path, "/reservations/availability/month"))
    {
      g_autoptr(TurnosMonthOverview) month = turnos_month_overview_new ();
      g_autoptr(JsonNode) node = NULL;
      int y, m;

      g_assert_cmpint (sscanf (g_hash_table_lookup (query, "month"), "%d-%d", &y, &m), ==, 2);
      month->year = y;
      month->month = m;
      month->timezone = g_strdup (settings->timezone);
      for (int d = 1; d <= g_date_get_days_in_month (m, y); d++)
        {
          g_autoptr(TurnosAvailability) a = NULL;
          TurnosMonthDay day;

          g_date_clear (&day.date, 1);
          g_date_set_dmy (&day.date, d, m, y);
          a = slow_day (settings, &day.date);
          day.free_slots = a->slots->len;
          g_array_append_val (month->days, day);
        }
      node = turnos_month_overview_to_node (month);
      set_json (msg, 200, node);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static void
slow_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Slow *slow = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *what = g_strdup_printf ("%s?%s", g_uri_get_path (uri),
                                           g_uri_get_query (uri) ? g_uri_get_query (uri) : "");

  for (guint i = 0; i < slow->holds->len; i++)
    if (strstr (what, slow->holds->pdata[i]) != NULL)
      {
        soup_server_message_pause (msg);
        g_ptr_array_add (slow->held, g_object_ref (msg));
        return;
      }
  slow_respond (slow, msg, 200);
}

/* A professional in Buenos Aires working Monday to Friday, 9 to 17, hourly. */
static TurnosSettings *
weekday_settings (const char *id)
{
  TurnosSettings *settings = turnos_settings_new ();

  settings->user_id = g_strdup (id);
  settings->display_name = g_strdup (id);
  turnos_settings_set_timezone (settings, ZONE);
  settings->session_duration_minutes = 45;
  settings->slot_interval_minutes = 60;
  for (int wd = 1; wd <= 5; wd++)
    turnos_settings_add_hours (settings, wd, 9 * 60, 17 * 60);
  return settings;
}

static Slow *
slow_new (void)
{
  Slow *slow = g_new0 (Slow, 1);

  slow->settings = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_settings_unref);
  slow->holds = g_ptr_array_new_with_free_func (g_free);
  slow->held = g_ptr_array_new_with_free_func (g_object_unref);
  slow->keys = g_ptr_array_new_with_free_func (g_free);
  slow->stored = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  g_ptr_array_add (slow->settings, weekday_settings ("dr-slow"));
  g_ptr_array_add (slow->settings, weekday_settings ("dr-other"));
  slow->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (slow->server, NULL, slow_cb, slow, NULL);
  slow->url = turnos_test_soup_server_listen (slow->server);
  return slow;
}

static void
slow_hold (Slow       *slow,
           const char *what)
{
  g_ptr_array_add (slow->holds, g_strdup (what));
}

/* Answers the @i-th held request now, with its data (200) or an error. */
static void
slow_release (Slow  *slow,
              guint  i,
              guint  status)
{
  SoupServerMessage *msg = slow->held->pdata[i];

  slow_respond (slow, msg, status);
  soup_server_message_unpause (msg);
}

static void
slow_free (Slow *slow)
{
  soup_server_disconnect (slow->server);
  g_clear_object (&slow->server);
  g_ptr_array_unref (slow->held);
  g_ptr_array_unref (slow->holds);
  g_ptr_array_unref (slow->keys);
  g_ptr_array_unref (slow->stored);
  g_ptr_array_unref (slow->settings);
  g_free (slow->url);
  g_free (slow);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Slow, slow_free)

static TurnosBooking *
slow_booking (Slow       *slow,
              const char *professional)
{
  g_autoptr(TurnosClient) client = turnos_client_new (slow->url);
  TurnosBooking *booking = turnos_booking_new (client);

  turnos_booking_set_professional_id (booking, professional);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (booking) != NULL);
  return booking;
}

/* Two working days in a row, @ahead days or more from today. */
static void
two_days (int    ahead,
          GDate *a,
          GDate *b)
{
  working_day (ahead, a);
  *b = *a;
  g_date_add_days (b, 1);
  while (g_date_get_weekday (b) > G_DATE_FRIDAY)
    g_date_add_days (b, 1);
}

static void
assert_slots_on (TurnosBooking *booking,
                 const GDate   *day)
{
  g_assert_cmpuint (n_slots (booking), >, 0);
  for (guint i = 0; i < n_slots (booking); i++)
    {
      GDate got;

      turnos_date_from_datetime (turnos_slot_get_start (slot_at (booking, i)), &got);
      g_assert_cmpint (g_date_compare (&got, day), ==, 0);
    }
}

/* A slow answer for an old day never replaces the new day's. */
static void
test_stale_answer (void)
{
  g_autoptr(Slow) slow = slow_new ();
  g_autoptr(TurnosBooking) booking = slow_booking (slow, "dr-slow");
  g_autofree char *hold = NULL;
  GDate a, b;

  two_days (7, &a, &b);
  hold = g_strdup_printf ("date=%04d-%02d-%02d", g_date_get_year (&a), g_date_get_month (&a),
                          g_date_get_day (&a));
  slow_hold (slow, hold);

  /* Day A goes out and hangs; day B is picked and answered. */
  turnos_booking_set_date (booking, &a);
  TURNOS_TEST_WAIT_UNTIL (slow->held->len == 1);
  turnos_booking_set_date (booking, &b);
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (booking));
  assert_slots_on (booking, &b);

  /* Now A's answer arrives: it must not replace B's. */
  slow_release (slow, 0, 200);
  run_for (300);
  assert_slots_on (booking, &b);
  g_assert_null (turnos_booking_get_error (booking));
}

/* Issue #13 §5: day A is answered with an error after a delay, and day B was picked before
 * that answer came: B's free times show, and no error. A's request is cancelled when B is
 * picked, not when B's debounce fires, so A's failure never lands. */
static void
test_stale_error (void)
{
  g_autoptr(Slow) slow = slow_new ();
  g_autoptr(TurnosBooking) booking = slow_booking (slow, "dr-slow");
  g_autofree char *hold = NULL;
  GDate a, b;

  two_days (7, &a, &b);
  hold = g_strdup_printf ("date=%04d-%02d-%02d", g_date_get_year (&a), g_date_get_month (&a),
                          g_date_get_day (&a));
  slow_hold (slow, hold);

  turnos_booking_set_date (booking, &a);
  TURNOS_TEST_WAIT_UNTIL (slow->held->len == 1);
  turnos_booking_set_date (booking, &b);
  /* A's failure comes back while B's debounce still runs. */
  run_for (TURNOS_BOOKING_DEBOUNCE_MS / 6);
  slow_release (slow, 0, 500);
  run_for (TURNOS_BOOKING_DEBOUNCE_MS / 6);
  g_assert_null (turnos_booking_get_error (booking));
  g_assert_true (turnos_booking_get_loading (booking));

  TURNOS_TEST_WAIT_UNTIL (n_slots (booking) > 0);
  g_assert_false (turnos_booking_get_loading (booking));
  g_assert_null (turnos_booking_get_error (booking));
  assert_slots_on (booking, &b);
}

/* Picking another day hangs up on the previous day's request at once: the server sees the
 * client go before the new day's request (which waits for the debounce). */
static void
test_cancel_at_once (void)
{
  g_autoptr(TurnosHostileServer) hostile = turnos_hostile_server_new ();
  g_autoptr(TurnosSettings) settings = weekday_settings ("dr-slow");
  g_autoptr(JsonNode) settings_node = turnos_settings_to_node (settings);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (hostile));
  g_autoptr(TurnosBooking) booking = turnos_booking_new (client);
  g_autoptr(TurnosAvailability) day_b = NULL;
  g_autoptr(JsonNode) day_b_node = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *error_body = "{\"error\": {\"code\": \"internal\", \"message\": \"slow\"}}";
  gsize len;
  char *json;
  GDate a, b;

  two_days (7, &a, &b);
  json = turnos_json_to_string (settings_node, &len);
  body = g_bytes_new_take (json, len);
  turnos_hostile_server_script (hostile, TURNOS_HOSTILE_WHOLE, 200, NULL, body, 0);
  turnos_booking_set_professional_id (booking, "dr-slow");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (booking) != NULL);
  g_assert_cmpuint (turnos_hostile_server_get_requests (hostile), ==, 1);

  /* Day A's answer is an error that takes a long time to come, a byte every 5 ms. */
  g_clear_pointer (&body, g_bytes_unref);
  body = g_bytes_new_static (error_body, strlen (error_body));
  turnos_hostile_server_script (hostile, TURNOS_HOSTILE_TRICKLE_HEAD, 500, NULL, body, 5);
  turnos_booking_set_date (booking, &a);
  TURNOS_TEST_WAIT_UNTIL (turnos_hostile_server_get_requests (hostile) == 2);

  /* B is picked: the client hangs up on A before it asks for B. */
  day_b = slow_day (settings, &b);
  day_b_node = turnos_availability_to_node (day_b);
  g_clear_pointer (&body, g_bytes_unref);
  json = turnos_json_to_string (day_b_node, &len);
  body = g_bytes_new_take (json, len);
  turnos_hostile_server_script (hostile, TURNOS_HOSTILE_WHOLE, 200, NULL, body, 0);
  turnos_booking_set_date (booking, &b);
  TURNOS_TEST_WAIT_UNTIL (turnos_hostile_server_get_hangups (hostile) == 1);
  g_assert_cmpuint (turnos_hostile_server_get_requests (hostile), ==, 2);

  TURNOS_TEST_WAIT_UNTIL (n_slots (booking) > 0);
  g_assert_null (turnos_booking_get_error (booking));
  assert_slots_on (booking, &b);
}

/* The month's marks belong to the professional shown: the previous professional's month,
 * answered late, is dropped, also while the new one's settings are still on their way. */
static void
test_stale_month (void)
{
  g_autoptr(Slow) slow = slow_new ();
  g_autoptr(TurnosBooking) booking = slow_booking (slow, "dr-slow");
  GDate day;

  working_day (7, &day);
  slow_hold (slow, "month=");
  slow_hold (slow, "/professionals/dr-other/settings");
  turnos_booking_show_month (booking, g_date_get_year (&day), g_date_get_month (&day));
  TURNOS_TEST_WAIT_UNTIL (slow->held->len == 1);

  /* Another professional, whose settings hang; then dr-slow's month comes back. */
  turnos_booking_set_professional_id (booking, "dr-other");
  TURNOS_TEST_WAIT_UNTIL (slow->held->len == 2);
  slow_release (slow, 0, 200);
  run_for (300);
  g_assert_null (turnos_booking_get_month (booking));

  /* dr-other's settings arrive, then its own month: that one is shown. */
  g_ptr_array_remove_index (slow->holds, 0);
  slow_release (slow, 1, 200);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_month (booking) != NULL);
  g_assert_cmpint (turnos_booking_get_month (booking)->month, ==, g_date_get_month (&day));

  /* A failed month for a month no longer shown clears nothing of the one shown now. */
  slow_hold (slow, "month=");
  {
    GDate next = day;

    g_date_add_months (&next, 1);
    turnos_booking_show_month (booking, g_date_get_year (&next), g_date_get_month (&next));
    g_assert_null (turnos_booking_get_month (booking));
    TURNOS_TEST_WAIT_UNTIL (slow->held->len == 3);
    g_ptr_array_remove_range (slow->holds, 0, slow->holds->len);
    turnos_booking_show_month (booking, g_date_get_year (&day), g_date_get_month (&day));
    slow_release (slow, 2, 500);
    TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_month (booking) != NULL);
    run_for (100);
    g_assert_cmpint (turnos_booking_get_month (booking)->month, ==, g_date_get_month (&day));
  }
}

static void
count_failed_cb (TurnosBooking *booking,
                 const GError  *error,
                 gpointer       data)
{
  (*(guint *) data)++;
}

/* A confirm whose answer never comes is not a failure: it may have booked. The controller
 * says it does not know, and confirming again sends the same Idempotency-Key, which gets the
 * first booking back: one booking, not two. */
static void
test_confirm_outcome_unknown (void)
{
  g_autoptr(Slow) slow = slow_new ();
  g_autoptr(TurnosBooking) booking = slow_booking (slow, "dr-slow");
  guint failed = 0;
  GDate day;

  turnos_client_set_timeout (turnos_booking_get_client (booking), 1);
  g_signal_connect (booking, "failed", G_CALLBACK (count_failed_cb), &failed);
  working_day (7, &day);
  pick_day_and_wait (booking, &day);
  turnos_booking_set_slot (booking, slot_at (booking, 0));
  turnos_booking_set_modality (booking, TURNOS_MODALITY_VIRTUAL);
  g_assert_true (turnos_booking_continue (booking));

  /* The server books it, and its answer is lost on the way. */
  slow_hold (slow, "/reservations/create-without-payment");
  turnos_booking_confirm (booking);
  TURNOS_TEST_WAIT_UNTIL (slow->held->len == 1);
  slow_respond (slow, slow->held->pdata[0], 200);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_outcome_unknown (booking));
  g_assert_false (turnos_booking_get_busy (booking));
  g_assert_cmpuint (failed, ==, 0);
  g_assert_cmpint (turnos_booking_get_step (booking), ==, TURNOS_BOOKING_STEP_CONFIRM);
  g_assert_cmpuint (slow->stored->len, ==, 1);

  /* Check Again: the same key, the first booking back. */
  g_ptr_array_remove_range (slow->holds, 0, slow->holds->len);
  turnos_booking_confirm (booking);
  g_assert_false (turnos_booking_get_outcome_unknown (booking));
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_step (booking) == TURNOS_BOOKING_STEP_DONE);
  g_assert_cmpuint (slow->stored->len, ==, 1);
  g_assert_cmpstr (turnos_booking_get_booked (booking)->id, ==, "r-1");
  g_assert_cmpuint (failed, ==, 0);
}

/* The list of professionals says when it has arrived, also empty (a fresh store). */
static void
test_professionals_loaded (void)
{
  g_autoptr(TurnosHostileServer) hostile = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (hostile));
  g_autoptr(TurnosBooking) booking = turnos_booking_new (client);
  static const char empty[] = "{\"professionals\": [], \"next_cursor\": null}";
  g_autoptr(GBytes) body = g_bytes_new_static (empty, strlen (empty));

  turnos_hostile_server_script (hostile, TURNOS_HOSTILE_WHOLE, 200, NULL, body, 0);
  g_assert_false (turnos_booking_get_professionals_loaded (booking));
  turnos_booking_load (booking, NULL);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_professionals_loaded (booking));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (turnos_booking_get_slots (booking))), ==, 0);
  g_assert_null (turnos_booking_get_professional_id (booking));
  g_assert_null (turnos_booking_get_error (booking));
}

static guint
n_entries (TurnosDeskDay *desk)
{
  return g_list_model_get_n_items (turnos_desk_day_get_entries (desk));
}

/* The desk's day: day A answered with an error after B was picked leaves B's entries. */
static void
test_desk_day_stale (void)
{
  g_autoptr(Slow) slow = slow_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (slow->url);
  g_autoptr(TurnosDeskDay) desk = turnos_desk_day_new (client);
  g_autofree char *hold = NULL;
  GDate a, b;

  two_days (7, &a, &b);
  hold = g_strdup_printf ("date=%04d-%02d-%02d", g_date_get_year (&a), g_date_get_month (&a),
                          g_date_get_day (&a));
  slow_hold (slow, hold);
  turnos_desk_day_set_professional_id (desk, "dr-slow");
  turnos_desk_day_set_date (desk, &a);
  TURNOS_TEST_WAIT_UNTIL (slow->held->len == 1);
  turnos_desk_day_set_date (desk, &b);
  TURNOS_TEST_WAIT_UNTIL (!turnos_desk_day_get_loading (desk));
  g_assert_cmpuint (n_entries (desk), ==, 8);

  slow_release (slow, 0, 500);
  run_for (300);
  g_assert_cmpuint (n_entries (desk), ==, 8);
  g_assert_false (turnos_desk_day_get_loading (desk));
  for (guint i = 0; i < n_entries (desk); i++)
    {
      g_autoptr(TurnosDeskEntry) e = g_list_model_get_item (turnos_desk_day_get_entries (desk), i);
      GDate got;

      turnos_date_from_datetime (turnos_desk_entry_get_start (e), &got);
      g_assert_cmpint (g_date_compare (&got, &b), ==, 0);
    }
}

/* The window and the .ui name the steps and day states by nick: the registered names stay. */
static void
test_enum_nicks (void)
{
  static const struct { GType (*type) (void); int value; const char *nick; } cases[] = {
    { turnos_booking_step_get_type, TURNOS_BOOKING_STEP_RESERVE, "reserve" },
    { turnos_booking_step_get_type, TURNOS_BOOKING_STEP_PAYMENT, "payment" },
    { turnos_booking_step_get_type, TURNOS_BOOKING_STEP_CONFIRM, "confirm" },
    { turnos_booking_step_get_type, TURNOS_BOOKING_STEP_DONE, "done" },
    { turnos_day_state_get_type, TURNOS_DAY_OK, "ok" },
    { turnos_day_state_get_type, TURNOS_DAY_PAST, "past" },
    { turnos_day_state_get_type, TURNOS_DAY_BEYOND_HORIZON, "beyond-horizon" },
    { turnos_day_state_get_type, TURNOS_DAY_NONE, "none" },
  };

  g_assert_cmpstr (g_type_name (TURNOS_TYPE_BOOKING_STEP), ==, "TurnosBookingStep");
  g_assert_cmpstr (g_type_name (TURNOS_TYPE_DAY_STATE), ==, "TurnosDayState");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (cases[i].type ());
      GEnumValue *v = g_enum_get_value_by_nick (klass, cases[i].nick);

      g_assert_nonnull (v);
      g_assert_cmpint (v->value, ==, cases[i].value);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/booking/enum-nicks", test_enum_nicks);
  g_test_add_func ("/booking/debounce", test_debounce);
  g_test_add_func ("/booking/stale-answer", test_stale_answer);
  g_test_add_func ("/booking/stale/error-for-a-day-left", test_stale_error);
  g_test_add_func ("/booking/stale/cancel-at-once", test_cancel_at_once);
  g_test_add_func ("/booking/stale/month-of-another-professional", test_stale_month);
  g_test_add_func ("/booking/stale/desk-day", test_desk_day_stale);
  g_test_add_func ("/booking/confirm/outcome-unknown", test_confirm_outcome_unknown);
  g_test_add_func ("/booking/professionals-loaded", test_professionals_loaded);
  g_test_add_func ("/booking/past-and-horizon", test_past_and_horizon);
  g_test_add_func ("/booking/modality", test_modality);
  g_test_add_func ("/booking/continue-and-confirm", test_continue_and_confirm);
  g_test_add_func ("/booking/can-continue-notify", test_can_continue_notify);
  g_test_add_func ("/booking/routing-and-end-time", test_routing_and_end_time);
  g_test_add_func ("/booking/slot-taken", test_slot_taken);
  g_test_add_func ("/booking/deposit", test_deposit);
  g_test_add_func ("/booking/server-down", test_server_down);

  return g_test_run ();
}
