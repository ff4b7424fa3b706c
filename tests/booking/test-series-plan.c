/* test-series-plan.c: "Repeat weekly" through TurnosSeriesPlan, against a real server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server runs in this process on the demo clinic's fixed clock (Monday 2 March 2026, 08:00
 * in Buenos Aires): dr-ana has time off on Friday 6 March 13:00–15:00, and patient-1 sees her
 * on Wednesday 4 March at 10:00; dr-bruno asks for a 5000.00 ARS deposit.
 */
#include "config.h"

#include "turnos-error.h"
#include "turnos-series-plan.h"
#include "turnos-store.h"
#include "turnos-test-inproc.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

#define ZONE "America/Argentina/Buenos_Aires"

typedef struct
{
  TurnosTestInproc *srv;
  TurnosClient     *client;
  TurnosSeriesPlan *plan;
  TurnosSeries     *booked;
  GError           *failed;
  GPtrArray        *cancelled;
} Fixture;

static void
booked_cb (TurnosSeriesPlan *plan,
           TurnosSeries     *series,
           Fixture          *f)
{
  g_clear_pointer (&f->booked, turnos_series_unref);
  f->booked = turnos_series_ref (series);
}

static void
failed_cb (TurnosSeriesPlan *plan,
           const GError     *error,
           Fixture          *f)
{
  g_clear_error (&f->failed);
  f->failed = g_error_copy (error);
}

static void
cancelled_cb (TurnosSeriesPlan *plan,
              GPtrArray        *list,
              Fixture          *f)
{
  g_clear_pointer (&f->cancelled, g_ptr_array_unref);
  f->cancelled = g_ptr_array_ref (list);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->srv = turnos_test_inproc_new ();
  f->client = turnos_client_new (f->srv->url);
  turnos_client_set_token (f->client, f->srv->token);   /* the desk */
  f->plan = turnos_series_plan_new (f->client);
  g_signal_connect (f->plan, "booked", G_CALLBACK (booked_cb), f);
  g_signal_connect (f->plan, "failed", G_CALLBACK (failed_cb), f);
  g_signal_connect (f->plan, "cancelled", G_CALLBACK (cancelled_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->plan, f);
  g_assert_finalize_object (f->plan);
  g_clear_object (&f->client);
  g_clear_pointer (&f->booked, turnos_series_unref);
  g_clear_error (&f->failed);
  g_clear_pointer (&f->cancelled, g_ptr_array_unref);
  g_clear_pointer (&f->srv, turnos_test_inproc_free);
}

static TurnosReservation *
draft (const char     *client,
       const char     *prof,
       const char     *start,
       TurnosModality  modality)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  TurnosReservation *r = turnos_reservation_new ();

  r->client_id = g_strdup (client);
  r->professional_id = g_strdup (prof);
  r->start = turnos_time_parse (start, tz, NULL);
  r->modality = modality;
  return r;
}

static TurnosSeriesSession *
session (Fixture *f,
         guint    i)
{
  /* The list keeps it. */
  g_autoptr(TurnosSeriesSession) s = g_list_model_get_item (turnos_series_plan_get_sessions (f->plan), i);

  return s;
}

static TurnosSettings *
settings_of (Fixture    *f,
             const char *prof)
{
  g_autoptr(GError) error = NULL;
  TurnosSettings *s = turnos_store_get_professional (f->srv->store, prof, &error);

  g_assert_no_error (error);
  return s;
}

/* Four Fridays at 13:00 from 6 March, the day of the team meeting. The plan asks by itself
 * once set (debounced), lists the conflict with its reason, and books the free ones when told
 * to; all-or-nothing is refused first, with the list kept. */
static void
test_check_and_book (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TurnosReservation) first = draft ("patient-2", "dr-ana", "2026-03-06T13:00:00",
                                              TURNOS_MODALITY_VIRTUAL);
  g_autoptr(TurnosSettings) ana = settings_of (f, "dr-ana");

  turnos_series_plan_set_settings (f->plan, ana);
  turnos_series_plan_set_count (f->plan, 4);
  turnos_series_plan_set_first (f->plan, first);
  g_assert_true (turnos_series_plan_get_checking (f->plan));
  g_assert_false (turnos_series_plan_get_checked (f->plan));
  TURNOS_TEST_WAIT_UNTIL (turnos_series_plan_get_checked (f->plan));
  g_assert_false (turnos_series_plan_get_checking (f->plan));
  g_assert_cmpuint (g_list_model_get_n_items (turnos_series_plan_get_sessions (f->plan)), ==, 4);
  g_assert_cmpuint (turnos_series_plan_get_n_free (f->plan), ==, 3);
  g_assert_cmpuint (turnos_series_plan_get_n_conflicts (f->plan), ==, 1);
  g_assert_cmpstr (turnos_series_session_get_start_time (session (f, 0)), ==, "2026-03-06T13:00:00");
  g_assert_cmpstr (turnos_series_session_get_code (session (f, 0)), ==, TURNOS_CODE_BLOCKED);
  g_assert_nonnull (turnos_series_session_get_start (session (f, 0)));
  g_assert_null (turnos_series_session_get_code (session (f, 1)));
  g_assert_null (turnos_series_plan_get_deposit_total (f->plan));

  /* All or nothing: refused, the conflicts shown. */
  turnos_series_plan_book (f->plan, NULL);
  g_assert_true (turnos_series_plan_get_busy (f->plan));
  TURNOS_TEST_WAIT_UNTIL (f->failed != NULL);
  g_assert_cmpstr (turnos_client_error_get_api_code (f->failed), ==, TURNOS_CODE_SERIES_CONFLICTS);
  g_assert_null (f->booked);
  TURNOS_TEST_WAIT_UNTIL (turnos_series_plan_get_checked (f->plan));

  /* The free ones. */
  turnos_series_plan_set_mode (f->plan, TURNOS_SERIES_FREE_ONES);
  turnos_series_plan_book (f->plan, NULL);
  TURNOS_TEST_WAIT_UNTIL (f->booked != NULL);
  g_assert_false (turnos_series_plan_get_busy (f->plan));
  g_assert_nonnull (f->booked->series_id);
  g_assert_cmpuint (f->booked->reservations->len, ==, 3);
  g_assert_true (turnos_series_plan_get_series (f->plan) == f->booked);
  g_assert_nonnull (turnos_series_session_get_reservation (session (f, 1)));
  g_assert_cmpstr (turnos_series_session_get_reservation (session (f, 1))->series_id, ==,
                   f->booked->series_id);

  /* This one and the following, from the second booked (Friday 20 March). */
  turnos_series_plan_cancel_following (f->plan, f->booked->reservations->pdata[1], NULL);
  TURNOS_TEST_WAIT_UNTIL (f->cancelled != NULL);
  g_assert_cmpuint (f->cancelled->len, ==, 2);
}

/* A change while a check is pending drops the old answer: the list always answers the plan
 * as it is; "every two weeks" changes the sessions. */
static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TurnosReservation) first = draft ("patient-2", "dr-ana", "2026-03-10T11:00:00",
                                              TURNOS_MODALITY_VIRTUAL);
  GDate until;

  turnos_series_plan_set_count (f->plan, 3);
  turnos_series_plan_set_first (f->plan, first);
  turnos_series_plan_check (f->plan);
  turnos_series_plan_set_every_weeks (f->plan, 2);
  g_assert_false (turnos_series_plan_get_checked (f->plan));
  TURNOS_TEST_WAIT_UNTIL (turnos_series_plan_get_checked (f->plan));
  g_assert_cmpstr (turnos_series_session_get_start_time (session (f, 1)), ==, "2026-03-24T11:00:00");

  /* Until a day: the count gives way, and back. */
  g_assert_true (turnos_date_parse ("2026-04-21", &until, NULL));
  turnos_series_plan_set_until (f->plan, &until);
  g_assert_cmpuint (turnos_series_plan_get_count (f->plan), ==, 0);
  TURNOS_TEST_WAIT_UNTIL (turnos_series_plan_get_checked (f->plan));
  g_assert_cmpuint (g_list_model_get_n_items (turnos_series_plan_get_sessions (f->plan)), ==, 4);
  turnos_series_plan_set_until (f->plan, NULL);
  g_assert_cmpuint (turnos_series_plan_get_count (f->plan), ==, 12);
  g_assert_null (turnos_series_plan_get_until (f->plan));
}

/* dr-bruno asks for a deposit: the page says what the series pays (one deposit per free
 * session), and the booking comes back with the one payment to follow. */
static void
test_deposit (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TurnosReservation) first = draft ("patient-3", "dr-bruno", "2026-03-10T10:00:00",
                                              TURNOS_MODALITY_PRESENCIAL);
  g_autoptr(TurnosSettings) bruno = settings_of (f, "dr-bruno");

  turnos_series_plan_set_settings (f->plan, bruno);
  turnos_series_plan_set_count (f->plan, 3);
  turnos_series_plan_set_first (f->plan, first);
  TURNOS_TEST_WAIT_UNTIL (turnos_series_plan_get_checked (f->plan));
  g_assert_cmpstr (turnos_series_plan_get_deposit_total (f->plan), ==, "15000.00");
  turnos_series_plan_book (f->plan, NULL);
  TURNOS_TEST_WAIT_UNTIL (f->booked != NULL);
  g_assert_nonnull (f->booked->payment);
  g_assert_cmpstr (f->booked->payment->amount, ==, "15000.00");
  g_assert_cmpstr (((TurnosReservation *) f->booked->reservations->pdata[0])->payment_id, ==,
                   f->booked->payment->payment_id);
}

/* Repeat a booked session: patient-1's Wednesday 10:00 becomes the first of three; a session
 * with their own in the way says whose. */
static void
test_repeat (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GError) error = NULL;
  TurnosReservationQuery query = { 0 };
  TurnosReservation *existing = NULL;
  gboolean more;

  query.client_id = "patient-1";
  query.now = f->srv->now;
  query.limit = 10;
  query.filter = TURNOS_RESERVATION_FILTER_LIVE;
  mine = turnos_store_list_reservations (f->srv->store, &query, &more, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < mine->len; i++)
    if (g_date_time_compare (((TurnosReservation *) mine->pdata[i])->start, f->srv->now) > 0)
      existing = mine->pdata[i];
  g_assert_nonnull (existing);

  turnos_series_plan_set_count (f->plan, 3);
  turnos_series_plan_set_repeat (f->plan, existing);
  TURNOS_TEST_WAIT_UNTIL (turnos_series_plan_get_checked (f->plan));
  g_assert_cmpuint (turnos_series_plan_get_n_free (f->plan), ==, 3);
  turnos_series_plan_book (f->plan, NULL);
  TURNOS_TEST_WAIT_UNTIL (f->booked != NULL);
  g_assert_cmpstr (((TurnosReservation *) f->booked->reservations->pdata[0])->id, ==, existing->id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/booking/series-plan/check-and-book", test_check_and_book);
  ADD ("/booking/series-plan/stale", test_stale);
  ADD ("/booking/series-plan/deposit", test_deposit);
  ADD ("/booking/series-plan/repeat", test_repeat);
#undef ADD

  return g_test_run ();
}
