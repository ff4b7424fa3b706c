/* test-client-series.c: series, reschedules, the waitlist and overrides through TurnosClient,
 * against a real turnos-server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "turnos-client.h"
#include "turnos-error.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

#define ZONE "America/Argentina/Buenos_Aires"

typedef struct
{
  GAsyncResult *result;
  gboolean      done;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static GAsyncResult *
await (Wait *wait)
{
  g_assert_true (turnos_test_wait_for (&wait->done, 15000));
  return wait->result;
}

/* Starts @expr with _cb/_user_data, waits, and returns what @finish gives. */
#define CALL(expr, finish, client, error)                     \
  ({                                                          \
    Wait _w = { NULL, FALSE };                                \
    gpointer _user_data = &_w;                                \
    GAsyncReadyCallback _cb = done_cb;                        \
    expr;                                                     \
    gpointer _r = (gpointer) (gintptr) finish (client, await (&_w), error); \
    g_object_unref (_w.result);                               \
    _r;                                                       \
  })

static TurnosReservation *
draft_at (const char     *client,
          const char     *professional,
          const GDate    *day,
          int             minutes,
          TurnosModality  modality)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  TurnosReservation *r = turnos_reservation_new ();

  r->client_id = g_strdup (client);
  r->professional_id = g_strdup (professional);
  r->start = turnos_time_at (tz, day, minutes);
  r->modality = modality;
  return r;
}

static TurnosClient *
desk_client (TurnosTestServer *server)
{
  TurnosClient *client = turnos_client_new (turnos_test_server_get_url (server));

  turnos_test_sign_in (client, server, "desk");
  return client;
}

/* Asked first, then booked: four weeks at 10:00 for patient-2; again, every session is
 * refused with its reason; then "this one and the following" from the third. */
static void
test_series (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = desk_client (server);
  g_autoptr(TurnosReservation) first = NULL;
  g_autoptr(TurnosSeries) asked = NULL;
  g_autoptr(TurnosSeries) booked = NULL;
  g_autoptr(TurnosSeries) again = NULL;
  g_autoptr(GPtrArray) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = turnos_client_new_idempotency_key ();
  TurnosSeriesRequest request = { 0 };
  GDate day, third;

  turnos_test_working_day (ZONE, 7, &day);
  first = draft_at ("patient-2", "dr-ana", &day, 10 * 60, TURNOS_MODALITY_VIRTUAL);
  request.first = first;
  request.every_weeks = 1;
  request.count = 4;
  request.mode = TURNOS_SERIES_ALL_OR_NOTHING;

  asked = CALL (turnos_client_book_series_async (client, &request, TRUE, NULL, NULL, _cb, _user_data),
                turnos_client_book_series_finish, client, &error);
  g_assert_no_error (error);
  g_assert_null (asked->series_id);
  g_assert_cmpuint (asked->reservations->len, ==, 4);
  g_assert_cmpuint (asked->conflicts->len, ==, 0);

  booked = CALL (turnos_client_book_series_async (client, &request, FALSE, key, NULL, _cb, _user_data),
                 turnos_client_book_series_finish, client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (booked->series_id);
  g_assert_null (booked->payment);
  g_assert_cmpuint (booked->reservations->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      TurnosReservation *r = booked->reservations->pdata[i];
      g_autoptr(GDateTime) want = g_date_time_add_weeks (first->start, i);

      g_assert_cmpstr (r->series_id, ==, booked->series_id);
      g_assert_cmpint (r->status, ==, TURNOS_STATUS_CONFIRMED);
      g_assert_true (g_date_time_equal (r->start, want));
    }

  /* The same key again is the same series. */
  {
    g_autoptr(TurnosSeries) replay = CALL (turnos_client_book_series_async (client, &request, FALSE, key, NULL,
                                                                            _cb, _user_data),
                                           turnos_client_book_series_finish, client, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (replay->series_id, ==, booked->series_id);
  }
  again = CALL (turnos_client_book_series_async (client, &request, FALSE, NULL, NULL, _cb, _user_data),
                turnos_client_book_series_finish, client, &error);
  g_assert_null (again);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (turnos_client_error_get_api_code (error), ==, TURNOS_CODE_SERIES_CONFLICTS);
  g_assert_nonnull (turnos_client_error_get_conflicts (error));
  g_assert_cmpuint (turnos_client_error_get_conflicts (error)->len, ==, 4);
  g_assert_cmpstr (((TurnosSeriesConflict *) turnos_client_error_get_conflicts (error)->pdata[0])->code,
                   ==, TURNOS_CODE_SLOT_TAKEN);
  g_clear_error (&error);

  turnos_date_from_datetime (((TurnosReservation *) booked->reservations->pdata[2])->start, &third);
  cancelled = CALL (turnos_client_cancel_series_async (client, booked->series_id, &third, NULL, NULL,
                                                       _cb, _user_data),
                    turnos_client_cancel_series_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cancelled->len, ==, 2);
  g_assert_cmpint (((TurnosReservation *) cancelled->pdata[0])->status, ==, TURNOS_STATUS_CANCELLED);
}

/* A deposit professional's series: one payment for every session's deposit, its checkout
 * page on the server's origin. */
static void
test_series_deposit (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = desk_client (server);
  g_autoptr(TurnosReservation) first = NULL;
  g_autoptr(TurnosSeries) booked = NULL;
  g_autoptr(GError) error = NULL;
  TurnosSeriesRequest request = { 0 };
  GDate day, until;

  turnos_test_working_day (ZONE, 8, &day);
  until = day;
  g_date_add_days (&until, 14);
  first = draft_at ("patient-3", "dr-bruno", &day, 11 * 60, TURNOS_MODALITY_PRESENCIAL);
  request.first = first;
  request.every_weeks = 2;
  request.until = &until;
  request.mode = TURNOS_SERIES_FREE_ONES;
  booked = CALL (turnos_client_book_series_async (client, &request, FALSE, NULL, NULL, _cb, _user_data),
                 turnos_client_book_series_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (booked->reservations->len, ==, 2);
  g_assert_nonnull (booked->payment);
  g_assert_cmpstr (booked->payment->amount, ==, "10000.00");
  g_assert_true (g_str_has_prefix (booked->payment->checkout_url, turnos_test_server_get_url (server)));
  g_assert_cmpint (((TurnosReservation *) booked->reservations->pdata[1])->status, ==, TURNOS_STATUS_PENDING);
}

/* A session moves an hour later; the old one says where it went. */
static void
test_reschedule (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = desk_client (server);
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(TurnosReservation) stored = NULL;
  g_autoptr(TurnosReservation) moved = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GError) error = NULL;
  GDate day;

  turnos_test_working_day (ZONE, 7, &day);
  draft = draft_at ("patient-2", "dr-ana", &day, 11 * 60, TURNOS_MODALITY_VIRTUAL);
  stored = CALL (turnos_client_create_reservation_async (client, draft, NULL, NULL, _cb, _user_data),
                 turnos_client_create_reservation_finish, client, &error);
  g_assert_no_error (error);
  later = g_date_time_add_hours (stored->start, 1);
  moved = CALL (turnos_client_reschedule_async (client, stored->id, later, NULL, TURNOS_MODALITY_NONE, NULL,
                                                NULL, _cb, _user_data),
                turnos_client_reschedule_finish, client, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (moved->start, later));
  g_assert_cmpint (moved->modality, ==, TURNOS_MODALITY_VIRTUAL);
  list = CALL (turnos_client_list_reservations_async (client, "patient-2", NULL, _cb, _user_data),
               turnos_client_list_reservations_finish, client, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      TurnosReservation *r = list->pdata[i];

      if (g_strcmp0 (r->id, stored->id) != 0)
        continue;
      g_assert_cmpint (r->status, ==, TURNOS_STATUS_CANCELLED);
      g_assert_cmpstr (r->cancel_reason, ==, "rescheduled");
      g_assert_cmpstr (r->rescheduled_to, ==, moved->id);
    }
}

/* patient-2 cannot be in two places: the refusal names their session; the desk may book it
 * anyway with a reason. */
static void
test_patient_busy (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = desk_client (server);
  g_autoptr(TurnosReservation) one = NULL;
  g_autoptr(TurnosReservation) two = NULL;
  g_autoptr(TurnosReservation) stored = NULL;
  g_autoptr(TurnosReservation) refused = NULL;
  g_autoptr(TurnosReservation) forced = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *named;
  GDate day;

  turnos_test_working_day (ZONE, 7, &day);
  one = draft_at ("patient-2", "dr-ana", &day, 10 * 60, TURNOS_MODALITY_VIRTUAL);
  two = draft_at ("patient-2", "dr-carla", &day, 9 * 60 + 30, TURNOS_MODALITY_VIRTUAL);
  stored = CALL (turnos_client_create_reservation_async (client, one, NULL, NULL, _cb, _user_data),
                 turnos_client_create_reservation_finish, client, &error);
  g_assert_no_error (error);
  refused = CALL (turnos_client_create_reservation_async (client, two, NULL, NULL, _cb, _user_data),
                  turnos_client_create_reservation_finish, client, &error);
  g_assert_null (refused);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (turnos_client_error_get_api_code (error), ==, TURNOS_CODE_PATIENT_BUSY);
  named = turnos_client_error_get_reservations (error);
  g_assert_nonnull (named);
  g_assert_cmpuint (named->len, ==, 1);
  g_assert_cmpstr (((TurnosReservation *) named->pdata[0])->id, ==, stored->id);
  g_assert_cmpstr (((TurnosReservation *) named->pdata[0])->professional_id, ==, "dr-ana");
  g_clear_error (&error);

  forced = CALL (turnos_client_create_reservation_override_async (client, two, "Two rooms", NULL, NULL,
                                                                  _cb, _user_data),
                 turnos_client_create_reservation_override_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (forced->professional_id, ==, "dr-carla");
}

/* Join, see it in the list and in the desk's day, leave. */
static void
test_waitlist (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = desk_client (server);
  g_autoptr(TurnosClient) patient = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosWaitlistEntry) entry = NULL;
  g_autoptr(TurnosWaitlistEntry) mine = NULL;
  g_autoptr(TurnosWaitlistPage) page = NULL;
  g_autoptr(TurnosWaitlistPage) rest = NULL;
  g_autoptr(TurnosDayAgenda) agenda = NULL;
  g_autoptr(GError) error = NULL;
  gboolean left;
  GDate day;

  turnos_test_sign_in (patient, server, "patient-3");
  turnos_test_working_day (ZONE, 5, &day);
  entry = CALL (turnos_client_join_waitlist_async (client, "dr-ana", &day, "patient-2", NULL, _cb, _user_data),
                turnos_client_join_waitlist_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (entry->client_id, ==, "patient-2");
  g_assert_cmpint (g_date_compare (&entry->date, &day), ==, 0);
  g_assert_nonnull (entry->created_at);
  mine = CALL (turnos_client_join_waitlist_async (patient, "dr-ana", &day, "patient-3", NULL, _cb, _user_data),
               turnos_client_join_waitlist_finish, patient, &error);
  g_assert_no_error (error);

  page = CALL (turnos_client_list_waitlist_async (client, "dr-ana", &day, NULL, 1, NULL, NULL, _cb, _user_data),
               turnos_client_list_waitlist_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->entries->len, ==, 1);
  g_assert_cmpstr (((TurnosWaitlistEntry *) page->entries->pdata[0])->id, ==, entry->id);
  g_assert_nonnull (page->next_cursor);
  rest = CALL (turnos_client_list_waitlist_async (client, "dr-ana", &day, NULL, 1, page->next_cursor, NULL,
                                                  _cb, _user_data),
               turnos_client_list_waitlist_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((TurnosWaitlistEntry *) rest->entries->pdata[0])->id, ==, mine->id);
  g_assert_null (rest->next_cursor);

  agenda = CALL (turnos_client_get_day_async (client, "dr-ana", &day, NULL, _cb, _user_data),
                 turnos_client_get_day_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (agenda->waitlist->len, ==, 2);

  left = GPOINTER_TO_INT (CALL (turnos_client_leave_waitlist_async (patient, mine->id, NULL, _cb, _user_data),
                                turnos_client_leave_waitlist_finish, patient, &error));
  g_assert_no_error (error);
  g_assert_true (left);
  left = GPOINTER_TO_INT (CALL (turnos_client_leave_waitlist_async (patient, entry->id, NULL, _cb, _user_data),
                                turnos_client_leave_waitlist_finish, patient, &error));
  g_assert_false (left);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_FORBIDDEN);
}

/* Two desks send overlapping series at once to a server of two threads: never two sessions at
 * one time, and the one refused is told why. */
static void
test_two_desks (void)
{
  const char * const threads[] = { "--threads", "2", NULL };
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, threads);
  g_autoptr(TurnosClient) a = desk_client (server);
  g_autoptr(TurnosClient) b = desk_client (server);
  g_autoptr(TurnosReservation) first_a = NULL;
  g_autoptr(TurnosReservation) first_b = NULL;
  g_autoptr(TurnosSeries) got_a = NULL;
  g_autoptr(TurnosSeries) got_b = NULL;
  g_autoptr(GError) error_a = NULL;
  g_autoptr(GError) error_b = NULL;
  TurnosSeriesRequest ra = { 0 }, rb = { 0 };
  Wait wa = { NULL, FALSE }, wb = { NULL, FALSE };
  GError *loser;
  GDate day, next;

  turnos_test_working_day (ZONE, 7, &day);
  next = day;
  g_date_add_days (&next, 7);
  first_a = draft_at ("patient-2", "dr-ana", &day, 15 * 60, TURNOS_MODALITY_VIRTUAL);
  first_b = draft_at ("patient-3", "dr-ana", &next, 15 * 60, TURNOS_MODALITY_VIRTUAL);
  ra.first = first_a;
  ra.every_weeks = rb.every_weeks = 1;
  ra.count = rb.count = 3;
  rb.first = first_b;
  turnos_client_book_series_async (a, &ra, FALSE, NULL, NULL, done_cb, &wa);
  turnos_client_book_series_async (b, &rb, FALSE, NULL, NULL, done_cb, &wb);
  got_a = turnos_client_book_series_finish (a, await (&wa), &error_a);
  got_b = turnos_client_book_series_finish (b, await (&wb), &error_b);
  g_object_unref (wa.result);
  g_object_unref (wb.result);
  g_assert_true ((got_a == NULL) != (got_b == NULL));
  loser = got_a != NULL ? error_b : error_a;
  g_assert_error (loser, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT);
  g_assert_cmpuint (turnos_client_error_get_conflicts (loser)->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/series/book-ask-cancel", test_series);
  g_test_add_func ("/client/series/deposit", test_series_deposit);
  g_test_add_func ("/client/series/two-desks", test_two_desks);
  g_test_add_func ("/client/reschedule", test_reschedule);
  g_test_add_func ("/client/patient-busy", test_patient_busy);
  g_test_add_func ("/client/waitlist", test_waitlist);

  return g_test_run ();
}
