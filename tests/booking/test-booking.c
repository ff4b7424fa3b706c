/* test-booking.c: the booking controller against a real server, no display
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "turnos-booking.h"
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
 * A slow answer for an old day: a server in the test holds day A's answer until day B is shown.
 */

typedef struct
{
  SoupServer        *server;
  TurnosSettings    *settings;
  char              *slow_date;
  SoupServerMessage *held;
  char              *url;
} Slow;

static void
answer_day (Slow              *slow,
            SoupServerMessage *msg,
            const char        *date)
{
  g_autoptr(TurnosAvailability) a = turnos_availability_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  gsize len;

  g_assert_true (turnos_date_parse (date, &a->date, NULL));
  a->timezone = g_strdup (ZONE);
  a->tz = turnos_time_zone_new (ZONE);
  g_array_unref (a->slots);
  a->slots = turnos_slots_compute (slow->settings, &a->date, NULL, 0, now);
  a->has_slots = TRUE;
  node = turnos_availability_to_node (a);
  json = turnos_json_to_string (node, &len);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, len);
}

static void
slow_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Slow *slow = user_data;

  if (g_str_has_suffix (path, "/settings"))
    {
      g_autoptr(JsonNode) node = turnos_settings_to_node (slow->settings);
      gsize len;
      g_autofree char *json = turnos_json_to_string (node, &len);

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, len);
    }
  else if (g_str_equal (path, "/reservations/availability"))
    {
      const char *date = g_hash_table_lookup (query, "date");

      if (g_strcmp0 (date, slow->slow_date) == 0)
        {
          soup_server_message_pause (msg);
          slow->held = g_object_ref (msg);
        }
      else
        answer_day (slow, msg, date);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static void
test_stale_answer (void)
{
  Slow slow = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autoptr(TurnosClient) client = NULL;
  g_autoptr(TurnosBooking) booking = NULL;
  GDate a, b;

  working_day (7, &a);
  b = a;
  g_date_add_days (&b, 1);
  while (g_date_get_weekday (&b) > G_DATE_FRIDAY)
    g_date_add_days (&b, 1);

  slow.settings = turnos_settings_new ();
  slow.settings->user_id = g_strdup ("dr-slow");
  turnos_settings_set_timezone (slow.settings, ZONE);
  for (int wd = 1; wd <= 5; wd++)
    turnos_settings_add_hours (slow.settings, wd, 9 * 60, 17 * 60);
  slow.slow_date = turnos_date_format (&a);
  slow.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (slow.server, NULL, slow_cb, &slow, NULL);
  g_assert_true (soup_server_listen_local (slow.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  uris = soup_server_get_uris (slow.server);
  slow.url = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));

  client = turnos_client_new (slow.url);
  booking = turnos_booking_new (client);
  turnos_booking_set_professional_id (booking, "dr-slow");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (booking) != NULL);

  /* Day A goes out and hangs; day B is picked and answered. */
  turnos_booking_set_date (booking, &a);
  TURNOS_TEST_WAIT_UNTIL (slow.held != NULL);
  turnos_booking_set_date (booking, &b);
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (booking));
  g_assert_cmpuint (n_slots (booking), >, 0);

  /* Now A's answer arrives: it must not replace B's. */
  answer_day (&slow, slow.held, slow.slow_date);
  soup_server_message_unpause (slow.held);
  run_for (300);
  for (guint i = 0; i < n_slots (booking); i++)
    {
      GDate got;

      turnos_date_from_datetime (turnos_slot_get_start (slot_at (booking, i)), &got);
      g_assert_cmpint (g_date_compare (&got, &b), ==, 0);
    }

  g_clear_object (&booking);
  soup_server_disconnect (slow.server);
  g_clear_object (&slow.held);
  g_clear_object (&slow.server);
  turnos_settings_unref (slow.settings);
  g_free (slow.slow_date);
  g_free (slow.url);
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
