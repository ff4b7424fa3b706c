/* test-booking-reschedule.c: moving a session with TurnosBooking, against a real server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server runs in this process on the demo clinic's fixed clock (Monday 2 March 2026, 08:00
 * in Buenos Aires): dr-carla gives 90-minute sessions every 30 minutes; dr-bruno asks for a
 * deposit.
 */
#include "config.h"

#include "turnos-booking.h"
#include "turnos-json.h"
#include "turnos-store.h"
#include "turnos-test-inproc.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

typedef struct
{
  TurnosTestInproc *srv;
  TurnosClient     *client;
  TurnosBooking    *booking;
  guint             taken;
  GError           *failed;
} Fixture;

static GDateTime *
inproc_clock (gpointer data)
{
  return g_date_time_ref (((TurnosTestInproc *) data)->now);
}

static void
taken_cb (TurnosBooking *booking,
          Fixture       *f)
{
  f->taken++;
}

static void
failed_cb (TurnosBooking *booking,
           const GError  *error,
           Fixture       *f)
{
  g_clear_error (&f->failed);
  f->failed = g_error_copy (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->srv = turnos_test_inproc_new ();
  f->client = turnos_client_new (f->srv->url);
  turnos_client_set_token (f->client, f->srv->token);   /* the desk */
  f->booking = turnos_booking_new (f->client);
  turnos_booking_set_clock (f->booking, inproc_clock, f->srv);
  g_signal_connect (f->booking, "slot-taken", G_CALLBACK (taken_cb), f);
  g_signal_connect (f->booking, "failed", G_CALLBACK (failed_cb), f);
  turnos_booking_load (f->booking, NULL);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (f->booking) != NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->booking, f);
  g_clear_object (&f->booking);
  g_clear_object (&f->client);
  g_clear_error (&f->failed);
  g_clear_pointer (&f->srv, turnos_test_inproc_free);
}

/* Books @client with @prof at @start as the desk; the stored reservation. */
static TurnosReservation *
book (Fixture    *f,
      const char *client,
      const char *prof,
      const char *start,
      const char *modality)
{
  g_autofree char *body = g_strdup_printf ("{\"client_id\": \"%s\", \"professional_id\": \"%s\", "
                                           "\"start_time\": \"%s\", \"session_modality\": \"%s\"}",
                                           client, prof, start, modality);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  TurnosReservation *r;

  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", "reservations/create-without-payment",
                                                body, -1, &node), ==, 201);
  r = turnos_reservation_stored_from_json (node, NULL, &error);
  g_assert_no_error (error);
  return r;
}

/* The free time at @hhmm of the booking's day, or NULL. (transfer none: the list keeps it) */
static TurnosSlot *
slot_at (Fixture    *f,
         const char *hhmm)
{
  GListModel *slots = turnos_booking_get_slots (f->booking);

  for (guint i = 0; i < g_list_model_get_n_items (slots); i++)
    {
      g_autoptr(TurnosSlot) slot = g_list_model_get_item (slots, i);
      g_autofree char *at = g_date_time_format (turnos_slot_get_start (slot), "%H:%M");

      if (g_str_equal (at, hhmm))
        return slot;
    }
  return NULL;
}

static void
wait_for_day (Fixture *f)
{
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (f->booking) != NULL &&
                          !turnos_booking_get_loading (f->booking) &&
                          g_list_model_get_n_items (turnos_booking_get_slots (f->booking)) > 0);
}

/* "Reschedule" on a 90-minute session at 09:00: its day opens on its professional and
 * modality, 09:30 is offered though it overlaps the session's own time, and confirming moves
 * the session there. */
static void
test_own_time_offered (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TurnosReservation) old = book (f, "patient-3", "dr-carla", "2026-03-10T09:00:00", "Presencial");
  g_autoptr(TurnosReservation) after = NULL;
  TurnosReservation *moved;

  turnos_booking_reschedule (f->booking, old);
  g_assert_true (turnos_booking_get_rescheduling (f->booking) == old);
  g_assert_cmpstr (turnos_booking_get_professional_id (f->booking), ==, "dr-carla");
  g_assert_cmpstr (turnos_booking_get_client_id (f->booking), ==, "patient-3");
  g_assert_cmpint (turnos_booking_get_modality (f->booking), ==, TURNOS_MODALITY_PRESENCIAL);
  wait_for_day (f);
  g_assert_nonnull (slot_at (f, "09:30"));
  g_assert_nonnull (slot_at (f, "10:00"));

  turnos_booking_set_slot (f->booking, slot_at (f, "09:30"));
  g_assert_true (turnos_booking_continue (f->booking));
  g_assert_cmpint (turnos_booking_get_step (f->booking), ==, TURNOS_BOOKING_STEP_CONFIRM);
  turnos_booking_confirm (f->booking);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_step (f->booking) == TURNOS_BOOKING_STEP_DONE);
  moved = turnos_booking_get_booked (f->booking);
  g_assert_nonnull (moved);
  g_assert_cmpstr (moved->id, !=, old->id);
  g_assert_cmpint (g_date_time_get_hour (moved->start), ==, 9);
  g_assert_cmpint (g_date_time_get_minute (moved->start), ==, 30);
  after = turnos_store_get_reservation (f->srv->store, old->id, NULL);
  g_assert_cmpstr (after->rescheduled_to, ==, moved->id);

  /* Starting over books anew. */
  turnos_booking_start_over (f->booking);
  g_assert_null (turnos_booking_get_rescheduling (f->booking));
}

/* A paid session of a deposit professional moves without paying again. */
static void
test_deposit_moves (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonNode) payment = NULL;
  g_autoptr(TurnosReservation) old = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pay = NULL;

  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", "reservations/payment",
                                                "{\"client_id\": \"patient-2\", \"professional_id\": \"dr-bruno\", "
                                                "\"start_time\": \"2026-03-10T10:00:00\", "
                                                "\"session_modality\": \"Presencial\"}", -1, &payment), ==, 201);
  pay = g_strdup_printf ("sandbox/checkout/%s/pay",
                         json_object_get_string_member (json_node_get_object (payment), "payment_id"));
  g_assert_cmpuint (turnos_test_inproc_request (f->srv, "POST", pay, NULL, -1, NULL), ==, 200);
  old = turnos_reservation_stored_from_json (json_object_get_member (json_node_get_object (payment),
                                                                     "reservation"), NULL, &error);
  g_assert_no_error (error);

  turnos_booking_reschedule (f->booking, old);
  wait_for_day (f);
  turnos_booking_set_slot (f->booking, slot_at (f, "14:00"));
  g_assert_true (turnos_booking_continue (f->booking));
  g_assert_cmpint (turnos_booking_get_step (f->booking), ==, TURNOS_BOOKING_STEP_CONFIRM);
  turnos_booking_confirm (f->booking);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_step (f->booking) == TURNOS_BOOKING_STEP_DONE);
  g_assert_cmpstr (turnos_booking_get_booked (f->booking)->payment_id, ==,
                   json_object_get_string_member (json_node_get_object (payment), "payment_id"));
}

/* Someone else takes the chosen time before the confirm: back to the free times, the session
 * unmoved; the patient elsewhere then is told so. */
static void
test_taken_and_busy (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TurnosReservation) old = book (f, "patient-3", "dr-ana", "2026-03-11T10:00:00", "Virtual");
  g_autoptr(TurnosReservation) theirs = NULL;
  g_autoptr(TurnosReservation) elsewhere = NULL;
  g_autoptr(TurnosReservation) still = NULL;

  turnos_booking_reschedule (f->booking, old);
  wait_for_day (f);
  turnos_booking_set_slot (f->booking, slot_at (f, "12:00"));
  g_assert_true (turnos_booking_continue (f->booking));
  theirs = book (f, "patient-2", "dr-ana", "2026-03-11T12:00:00", "Virtual");
  turnos_booking_confirm (f->booking);
  TURNOS_TEST_WAIT_UNTIL (f->taken == 1);
  g_assert_cmpint (turnos_booking_get_step (f->booking), ==, TURNOS_BOOKING_STEP_RESERVE);
  g_assert_true (turnos_booking_get_rescheduling (f->booking) == old);
  still = turnos_store_get_reservation (f->srv->store, old->id, NULL);
  g_assert_cmpint (still->status, ==, TURNOS_STATUS_CONFIRMED);

  /* patient-3 sees dr-carla at 13:00–14:30 that day: 14:00 with dr-ana would overlap. */
  elsewhere = book (f, "patient-3", "dr-carla", "2026-03-11T13:00:00", "Virtual");
  wait_for_day (f);
  turnos_booking_set_slot (f->booking, slot_at (f, "14:00"));
  g_assert_true (turnos_booking_continue (f->booking));
  turnos_booking_confirm (f->booking);
  TURNOS_TEST_WAIT_UNTIL (f->failed != NULL);
  g_assert_cmpstr (turnos_client_error_get_api_code (f->failed), ==, "patient_busy");
  g_assert_cmpint (turnos_booking_get_step (f->booking), ==, TURNOS_BOOKING_STEP_CONFIRM);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/booking/reschedule/own-time-offered", test_own_time_offered);
  ADD ("/booking/reschedule/deposit-moves", test_deposit_moves);
  ADD ("/booking/reschedule/taken-and-busy", test_taken_and_busy);
#undef ADD

  return g_test_run ();
}
