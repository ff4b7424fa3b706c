/* test-client.c: every endpoint through TurnosClient, against a real turnos-server
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

/* Runs the main loop until the call started with &wait finishes (bounded). */
static GAsyncResult *
await (Wait *wait)
{
  g_assert_true (turnos_test_wait_for (&wait->done, 15000));
  return wait->result;
}

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

static void
working_day (int    ahead,
             GDate *out)
{
  turnos_test_working_day (ZONE, ahead, out);
}

static TurnosReservation *
draft_at (const char     *client,
          const char     *professional,
          const GDate    *day,
          int             minutes,
          int             duration,
          TurnosModality  modality)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  TurnosReservation *r = turnos_reservation_new ();

  r->client_id = g_strdup (client);
  r->professional_id = g_strdup (professional);
  r->start = turnos_time_at (tz, day, minutes);
  r->end = g_date_time_add_minutes (r->start, duration);
  r->modality = modality;
  return r;
}

static gboolean
slots_contain (TurnosAvailability *a,
               GDateTime          *start)
{
  for (guint i = 0; i < a->slots->len; i++)
    if (g_date_time_equal (g_array_index (a->slots, TurnosInterval, i).start, start))
      return TRUE;
  return FALSE;
}

static TurnosAvailability *
availability (TurnosClient *client,
              const char   *prof,
              const GDate  *day)
{
  g_autoptr(GError) error = NULL;
  TurnosAvailability *a = CALL (turnos_client_get_availability_async (client, prof, day, NULL, _cb, _user_data),
                                turnos_client_get_availability_finish, client, &error);

  g_assert_no_error (error);
  return a;
}

static guint
count_reservations (TurnosClient *client,
                    const char   *patient)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = CALL (turnos_client_list_reservations_async (client, patient, NULL, _cb, _user_data),
                                    turnos_client_list_reservations_finish, client, &error);

  g_assert_no_error (error);
  return list->len;
}

static void
test_read_endpoints (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) professionals = NULL;
  g_autoptr(TurnosSettings) bruno = NULL;
  g_autoptr(TurnosAvailability) a = NULL;
  g_autoptr(TurnosMonthOverview) month = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  gboolean healthy;
  GDate day;

  turnos_test_sign_in (client, server, "desk");
  healthy = GPOINTER_TO_INT (CALL (turnos_client_health_async (client, NULL, _cb, _user_data),
                                   turnos_client_health_finish, client, &error));
  g_assert_no_error (error);
  g_assert_true (healthy);

  professionals = CALL (turnos_client_list_professionals_async (client, NULL, _cb, _user_data),
                        turnos_client_list_professionals_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (professionals->len, ==, 3);

  bruno = CALL (turnos_client_get_settings_async (client, "dr-bruno", NULL, _cb, _user_data),
                turnos_client_get_settings_finish, client, &error);
  g_assert_no_error (error);
  g_assert_true (bruno->requires_deposit);
  g_assert_cmpstr (bruno->deposit_amount, ==, "5000.00");
  g_assert_cmpint (bruno->session_modality, ==, TURNOS_MODALITY_PRESENCIAL);
  g_assert_cmpstr (bruno->timezone, ==, ZONE);

  /* A working day next week has real free slots, 45 minutes long, on the hour. */
  working_day (7, &day);
  a = availability (client, "dr-ana", &day);
  g_assert_cmpstr (a->timezone, ==, ZONE);
  g_assert_true (a->has_slots);
  g_assert_cmpuint (a->slots->len, >, 0);
  g_assert_cmpint (g_date_time_difference (g_array_index (a->slots, TurnosInterval, 0).end,
                                           g_array_index (a->slots, TurnosInterval, 0).start),
                   ==, 45 * G_TIME_SPAN_MINUTE);

  month = CALL (turnos_client_get_month_async (client, "dr-ana", g_date_get_year (&day),
                                               g_date_get_month (&day), NULL, _cb, _user_data),
                turnos_client_get_month_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (month->days->len, ==, g_date_get_days_in_month (g_date_get_month (&day),
                                                                    g_date_get_year (&day)));
  g_assert_cmpint (g_array_index (month->days, TurnosMonthDay, g_date_get_day (&day) - 1).free_slots,
                   ==, (int) a->slots->len);

  mine = CALL (turnos_client_list_reservations_async (client, "patient-1", NULL, _cb, _user_data),
               turnos_client_list_reservations_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, >=, 2);
  /* Newest first. */
  g_assert_cmpint (g_date_time_compare (((TurnosReservation *) mine->pdata[0])->start,
                                        ((TurnosReservation *) mine->pdata[1])->start), >, 0);
  /* The front desk's day of the demo patient's coming session: who booked what, beside the
   * free times. */
  {
    g_autoptr(TurnosDayAgenda) agenda = NULL;
    TurnosReservation *coming = mine->pdata[0];
    GDate booked;

    turnos_date_from_datetime (coming->start, &booked);
    agenda = CALL (turnos_client_get_day_async (client, "dr-ana", &booked, NULL, _cb, _user_data),
                   turnos_client_get_day_finish, client, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (agenda->reservations->len, ==, 1);
    g_assert_cmpstr (((TurnosReservation *) agenda->reservations->pdata[0])->id, ==, coming->id);
    g_assert_cmpstr (((TurnosReservation *) agenda->reservations->pdata[0])->client_id, ==, "patient-1");
    g_assert_true (agenda->availability->has_slots);
    for (guint i = 0; i < agenda->availability->slots->len; i++)
      g_assert_false (g_date_time_equal (g_array_index (agenda->availability->slots, TurnosInterval, i).start,
                                         coming->start));
  }
}

static void
test_book_and_cancel (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(TurnosReservation) stored = NULL;
  g_autoptr(TurnosReservation) again = NULL;
  g_autoptr(TurnosReservation) other = NULL;
  g_autoptr(TurnosReservation) clash = NULL;
  g_autoptr(TurnosReservation) cancelled = NULL;
  g_autoptr(TurnosReservation) twice = NULL;
  g_autoptr(TurnosAvailability) before = NULL;
  g_autoptr(TurnosAvailability) after = NULL;
  g_autoptr(TurnosAvailability) freed = NULL;
  g_autofree char *key = turnos_client_new_idempotency_key ();
  GDate day;

  turnos_test_sign_in (client, server, "desk");
  working_day (8, &day);
  draft = draft_at ("patient-9", "dr-ana", &day, 10 * 60, 45, TURNOS_MODALITY_VIRTUAL);
  before = availability (client, "dr-ana", &day);
  g_assert_true (slots_contain (before, draft->start));

  stored = CALL (turnos_client_create_reservation_async (client, draft, key, NULL, _cb, _user_data),
                 turnos_client_create_reservation_finish, client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored->id);
  g_assert_cmpint (stored->status, ==, TURNOS_STATUS_CONFIRMED);
  g_assert_nonnull (stored->created_at);

  after = availability (client, "dr-ana", &day);
  g_assert_false (slots_contain (after, draft->start));
  g_assert_cmpuint (after->slots->len, ==, before->slots->len - 1);
  g_assert_cmpuint (g_strv_length (after->occupied_slots), ==, 1);

  /* The same key again: the first answer, not a second booking nor a 409. */
  again = CALL (turnos_client_create_reservation_async (client, draft, key, NULL, _cb, _user_data),
                turnos_client_create_reservation_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->id, ==, stored->id);
  g_assert_cmpuint (count_reservations (client, "patient-9"), ==, 1);

  /* Someone else, same time, no key: taken. */
  other = draft_at ("patient-8", "dr-ana", &day, 10 * 60, 45, TURNOS_MODALITY_VIRTUAL);
  clash = CALL (turnos_client_create_reservation_async (client, other, NULL, NULL, _cb, _user_data),
                turnos_client_create_reservation_finish, client, &error);
  g_assert_null (clash);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (turnos_client_error_get_api_code (error), ==, TURNOS_CODE_SLOT_TAKEN);
  g_clear_error (&error);

  cancelled = CALL (turnos_client_cancel_reservation_async (client, stored->id, NULL, _cb, _user_data),
                    turnos_client_cancel_reservation_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cancelled->status, ==, TURNOS_STATUS_CANCELLED);
  freed = availability (client, "dr-ana", &day);
  g_assert_true (slots_contain (freed, draft->start));

  twice = CALL (turnos_client_cancel_reservation_async (client, stored->id, NULL, _cb, _user_data),
                turnos_client_cancel_reservation_finish, client, &error);
  g_assert_null (twice);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (turnos_client_error_get_api_code (error), ==, TURNOS_CODE_ALREADY_CANCELLED);
}

static void
test_too_late_to_cancel (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  turnos_test_sign_in (client, server, "desk");
  /* patient-1 has a past session in the demo clinic: it cannot be cancelled. */
  list = CALL (turnos_client_list_reservations_async (client, "patient-1", NULL, _cb, _user_data),
               turnos_client_list_reservations_finish, client, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      TurnosReservation *r = list->pdata[i];
      g_autoptr(TurnosReservation) c = NULL;

      if (g_date_time_compare (r->start, now) > 0)
        continue;
      c = CALL (turnos_client_cancel_reservation_async (client, r->id, NULL, _cb, _user_data),
                turnos_client_cancel_reservation_finish, client, &error);
      g_assert_null (c);
      g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT);
      g_assert_cmpstr (turnos_client_error_get_api_code (error), ==, TURNOS_CODE_RESERVATION_PAST);
      return;
    }
  g_assert_not_reached ();
}

static void
test_rules (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  const struct
  {
    const char     *prof;
    int             ahead;
    int             minutes;
    int             duration;
    TurnosModality  modality;
    int             code;
    const char     *api_code;
  } bad[] = {
    { "dr-ana", 8, 10 * 60, 60, TURNOS_MODALITY_VIRTUAL, TURNOS_CLIENT_ERROR_INVALID, TURNOS_CODE_BAD_DURATION },
    { "dr-ana", 8, 20 * 60, 45, TURNOS_MODALITY_VIRTUAL, TURNOS_CLIENT_ERROR_INVALID, TURNOS_CODE_OUTSIDE_HOURS },
    { "dr-ana", 8, 10 * 60 + 30, 45, TURNOS_MODALITY_VIRTUAL, TURNOS_CLIENT_ERROR_INVALID, TURNOS_CODE_OUTSIDE_HOURS },
    { "dr-ana", -7, 10 * 60, 45, TURNOS_MODALITY_VIRTUAL, TURNOS_CLIENT_ERROR_INVALID, TURNOS_CODE_IN_PAST },
    { "dr-ana", 90, 10 * 60, 45, TURNOS_MODALITY_VIRTUAL, TURNOS_CLIENT_ERROR_INVALID, TURNOS_CODE_BEYOND_HORIZON },
    { "dr-ana", 8, 10 * 60, 45, TURNOS_MODALITY_PRESENCIAL, TURNOS_CLIENT_ERROR_INVALID, TURNOS_CODE_MODALITY_NOT_OFFERED },
    { "dr-bruno", 8, 10 * 60, 45, TURNOS_MODALITY_PRESENCIAL, TURNOS_CLIENT_ERROR_INVALID, TURNOS_CODE_DEPOSIT_REQUIRED },
    { "dr-nobody", 8, 10 * 60, 45, TURNOS_MODALITY_VIRTUAL, TURNOS_CLIENT_ERROR_NOT_FOUND, TURNOS_CODE_UNKNOWN_PROFESSIONAL },
  };

  turnos_test_sign_in (client, server, "desk");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TurnosReservation) draft = NULL;
      g_autoptr(TurnosReservation) r = NULL;
      GDate day;

      if (bad[i].ahead < 0)
        {
          working_day (0, &day);
          g_date_subtract_days (&day, -bad[i].ahead);
          while (g_date_get_weekday (&day) > G_DATE_FRIDAY)
            g_date_subtract_days (&day, 1);
        }
      else
        working_day (bad[i].ahead, &day);
      draft = draft_at ("patient-7", bad[i].prof, &day, bad[i].minutes, bad[i].duration, bad[i].modality);
      r = CALL (turnos_client_create_reservation_async (client, draft, NULL, NULL, _cb, _user_data),
                turnos_client_create_reservation_finish, client, &error);
      g_test_message ("case %u: %s", i, bad[i].api_code);
      g_assert_null (r);
      g_assert_error (error, TURNOS_CLIENT_ERROR, bad[i].code);
      g_assert_cmpstr (turnos_client_error_get_api_code (error), ==, bad[i].api_code);
    }
  /* Nothing was written. */
  g_assert_cmpuint (count_reservations (client, "patient-7"), ==, 0);
}

static void
test_blocks (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(TurnosBlock) block = turnos_block_new ();
  g_autoptr(TurnosBlock) stored = NULL;
  g_autoptr(TurnosBlock) refused = NULL;
  g_autoptr(TurnosAvailability) before = NULL;
  g_autoptr(TurnosAvailability) during = NULL;
  g_autoptr(TurnosAvailability) after = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(TurnosReservation) booked = NULL;
  g_autoptr(TurnosBlock) over = turnos_block_new ();
  g_autoptr(GError) error = NULL;
  gboolean removed;
  GDate day, last;

  turnos_test_sign_in (client, server, "desk");
  /* A three-day vacation: its middle day has no free time at all. */
  working_day (14, &day);
  last = day;
  g_date_add_days (&last, 3);
  before = availability (client, "dr-carla", &day);
  g_assert_cmpuint (before->slots->len, >, 0);
  block->professional_id = g_strdup ("dr-carla");
  block->start = turnos_time_at (tz, &day, 0);
  block->end = turnos_time_at (tz, &last, 0);
  block->reason = g_strdup ("Vacation");
  stored = CALL (turnos_client_add_block_async (client, block, NULL, _cb, _user_data),
                 turnos_client_add_block_finish, client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored->id);
  g_assert_cmpstr (stored->reason, ==, "Vacation");

  g_date_add_days (&day, 1);
  during = availability (client, "dr-carla", &day);
  g_assert_cmpuint (during->slots->len, ==, 0);
  g_assert_cmpuint (during->blocked->len, ==, 1);

  listed = CALL (turnos_client_list_blocks_async (client, "dr-carla", &day, &day, NULL, _cb, _user_data),
                 turnos_client_list_blocks_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (((TurnosBlock *) listed->pdata[0])->id, ==, stored->id);

  removed = GPOINTER_TO_INT (CALL (turnos_client_remove_block_async (client, "dr-carla", stored->id, NULL, _cb, _user_data),
                                   turnos_client_remove_block_finish, client, &error));
  g_assert_no_error (error);
  g_assert_true (removed);
  after = availability (client, "dr-carla", &day);
  g_assert_cmpuint (after->slots->len, >, 0);

  /* A block over a live reservation is refused, naming it. */
  draft = draft_at ("patient-6", "dr-carla", &day, 9 * 60, 90, TURNOS_MODALITY_PRESENCIAL);
  booked = CALL (turnos_client_create_reservation_async (client, draft, NULL, NULL, _cb, _user_data),
                 turnos_client_create_reservation_finish, client, &error);
  g_assert_no_error (error);
  over->professional_id = g_strdup ("dr-carla");
  over->start = turnos_time_at (tz, &day, 10 * 60);
  over->end = turnos_time_at (tz, &day, 12 * 60);
  refused = CALL (turnos_client_add_block_async (client, over, NULL, _cb, _user_data),
                  turnos_client_add_block_finish, client, &error);
  g_assert_null (refused);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (turnos_client_error_get_api_code (error), ==, TURNOS_CODE_BLOCK_OVERLAPS);
}

static void
sandbox_post (const char *checkout_url,
              const char *action)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/%s", checkout_url, action);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  Wait wait = { NULL, FALSE };
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, done_cb, &wait);
  body = soup_session_send_and_read_finish (session, await (&wait), &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

static void
test_payments (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(TurnosReservation) second = NULL;
  g_autoptr(TurnosPayment) started = NULL;
  g_autoptr(TurnosPayment) approved = NULL;
  g_autoptr(TurnosPayment) declined_start = NULL;
  g_autoptr(TurnosPayment) declined = NULL;
  g_autoptr(TurnosAvailability) held = NULL;
  g_autoptr(TurnosAvailability) released = NULL;
  GDate day;

  turnos_test_sign_in (client, server, "desk");
  working_day (9, &day);
  draft = draft_at ("patient-5", "dr-bruno", &day, 11 * 60, 45, TURNOS_MODALITY_PRESENCIAL);
  started = CALL (turnos_client_start_payment_async (client, draft, NULL, NULL, _cb, _user_data),
                  turnos_client_start_payment_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (started->status, ==, TURNOS_PAYMENT_PENDING);
  g_assert_cmpstr (started->amount, ==, "5000.00");
  g_assert_cmpstr (started->currency, ==, "ARS");
  g_assert_true (g_str_has_prefix (started->checkout_url, turnos_test_server_get_url (server)));
  g_assert_cmpint (started->reservation->status, ==, TURNOS_STATUS_PENDING);
  /* The hold takes the time while the patient pays. */
  held = availability (client, "dr-bruno", &day);
  g_assert_false (slots_contain (held, draft->start));

  sandbox_post (started->checkout_url, "pay");
  approved = CALL (turnos_client_get_payment_async (client, started->payment_id, NULL, _cb, _user_data),
                   turnos_client_get_payment_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (approved->status, ==, TURNOS_PAYMENT_APPROVED);
  g_assert_cmpint (approved->reservation->status, ==, TURNOS_STATUS_CONFIRMED);

  /* Declined: the time is free again. */
  second = draft_at ("patient-5", "dr-bruno", &day, 14 * 60, 45, TURNOS_MODALITY_PRESENCIAL);
  declined_start = CALL (turnos_client_start_payment_async (client, second, NULL, NULL, _cb, _user_data),
                         turnos_client_start_payment_finish, client, &error);
  g_assert_no_error (error);
  sandbox_post (declined_start->checkout_url, "decline");
  declined = CALL (turnos_client_get_payment_async (client, declined_start->payment_id, NULL, _cb, _user_data),
                   turnos_client_get_payment_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (declined->status, ==, TURNOS_PAYMENT_DECLINED);
  g_assert_cmpint (declined->reservation->status, ==, TURNOS_STATUS_CANCELLED);
  released = availability (client, "dr-bruno", &day);
  g_assert_true (slots_contain (released, second->start));
}

static void
test_restart_keeps_data (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosClient) client2 = NULL;
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(TurnosReservation) stored = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GDate day;

  turnos_test_sign_in (client, server, "desk");
  working_day (10, &day);
  draft = draft_at ("patient-4", "dr-ana", &day, 9 * 60, 45, TURNOS_MODALITY_VIRTUAL);
  stored = CALL (turnos_client_create_reservation_async (client, draft, NULL, NULL, _cb, _user_data),
                 turnos_client_create_reservation_finish, client, &error);
  g_assert_no_error (error);

  turnos_test_server_restart (server);
  client2 = turnos_client_new (turnos_test_server_get_url (server));
  turnos_test_sign_in (client2, server, "desk");
  list = CALL (turnos_client_list_reservations_async (client2, "patient-4", NULL, _cb, _user_data),
               turnos_client_list_reservations_finish, client2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((TurnosReservation *) list->pdata[0])->id, ==, stored->id);
}

typedef struct
{
  guint created;
  guint conflicts;
  guint other;
  guint pending;
} Race;

static void
race_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Race *race = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) r = turnos_client_create_reservation_finish (TURNOS_CLIENT (object),
                                                                            result, &error);

  if (r != NULL)
    race->created++;
  else if (g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT))
    race->conflicts++;
  else
    {
      g_test_message ("unexpected: %s", error->message);
      race->other++;
    }
  race->pending--;
}

static void
test_fifty_at_once (gconstpointer data)
{
  const char * const *extra = data;
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, extra);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  Race race = { 0, 0, 0, 50 };
  gboolean all_done = FALSE;
  GDate day;

  g_autofree char *token = turnos_test_server_login (server, "desk");

  working_day (11, &day);
  /* Fifty desks, each its own connection, all pressing Confirm for 11:00 at once. */
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *patient = g_strdup_printf ("racer-%d", i);

      g_ptr_array_add (clients, turnos_client_new (turnos_test_server_get_url (server)));
      turnos_client_set_token (clients->pdata[i], token);
      g_ptr_array_add (drafts, draft_at (patient, "dr-carla", &day, 11 * 60, 90,
                                         TURNOS_MODALITY_VIRTUAL));
    }
  for (int i = 0; i < 50; i++)
    turnos_client_create_reservation_async (clients->pdata[i], drafts->pdata[i], NULL, NULL,
                                            race_cb, &race);
  for (int i = 0; i < 3000 && race.pending > 0; i++)
    {
      all_done = FALSE;
      turnos_test_wait_for (&all_done, 10);
    }
  g_assert_cmpuint (race.pending, ==, 0);
  g_assert_cmpuint (race.created, ==, 1);
  g_assert_cmpuint (race.conflicts, ==, 49);
  g_assert_cmpuint (race.other, ==, 0);
}

/* Signing in and out through the client: the token rides on every call, a 401 has its own
 * error code, and a wrong password says so. */
static void
test_sign_in (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) others = NULL;
  gboolean ok;

  /* Anonymous: the list is refused with a code of its own. */
  mine = CALL (turnos_client_list_reservations_async (client, "patient-1", NULL, _cb, _user_data),
               turnos_client_list_reservations_finish, client, &error);
  g_assert_null (mine);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (turnos_client_error_get_api_code (error), ==, TURNOS_CODE_UNAUTHENTICATED);
  g_clear_error (&error);

  ok = GPOINTER_TO_INT (CALL (turnos_client_login_async (client, "patient-1", "demo-nope", NULL, _cb, _user_data),
                              turnos_client_login_finish, client, &error));
  g_assert_false (ok);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (turnos_client_error_get_api_code (error), ==, TURNOS_CODE_BAD_CREDENTIALS);
  g_assert_null (turnos_client_get_token (client));
  g_clear_error (&error);

  ok = GPOINTER_TO_INT (CALL (turnos_client_login_async (client, "patient-1", "demo-patient-1", NULL, _cb, _user_data),
                              turnos_client_login_finish, client, &error));
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_nonnull (turnos_client_get_token (client));
  g_assert_cmpstr (turnos_client_get_user_id (client), ==, "patient-1");
  g_assert_cmpstr (turnos_client_get_user_role (client), ==, "patient");
  mine = CALL (turnos_client_list_reservations_async (client, "patient-1", NULL, _cb, _user_data),
               turnos_client_list_reservations_finish, client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 2);
  /* Someone else's: forbidden, not unauthorized. */
  others = CALL (turnos_client_list_reservations_async (client, "patient-2", NULL, _cb, _user_data),
                 turnos_client_list_reservations_finish, client, &error);
  g_assert_null (others);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_FORBIDDEN);
  g_clear_error (&error);

  ok = GPOINTER_TO_INT (CALL (turnos_client_logout_async (client, NULL, _cb, _user_data),
                              turnos_client_logout_finish, client, &error));
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_null (turnos_client_get_token (client));
}

/*
 * Failures the server never causes itself: no server, a silent one, a garbled one
 */

static void
test_cannot_connect (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(TurnosClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  client = turnos_client_new (url);
  list = CALL (turnos_client_list_professionals_async (client, NULL, _cb, _user_data),
               turnos_client_list_professionals_finish, client, &error);
  g_assert_null (list);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CANNOT_CONNECT);
  g_assert_null (turnos_client_error_get_api_code (error));
}

/* A tiny server that answers @body, or never answers when @body is NULL. */
typedef struct
{
  SoupServer *server;
  const char *body;
  GPtrArray  *held;
  char       *url;
} Fake;

static void
fake_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fake *fake = user_data;

  if (fake->body == NULL)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (fake->held, g_object_ref (msg));
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    fake->body, strlen (fake->body));
}

static void
fake_start (Fake       *fake,
            const char *body)
{
  fake->body = body;
  fake->held = g_ptr_array_new_with_free_func (g_object_unref);
  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, fake_cb, fake, NULL);
  fake->url = turnos_test_soup_server_listen (fake->server);
}

static void
held_finished_cb (SoupServerMessage *msg,
                  gpointer           user_data)
{
  (*(guint *) user_data)++;
}

static void
fake_stop (Fake *fake)
{
  guint finished = 0;

  /* Answers what it held, to a client that has gone: libsoup ends those connections only
   * when it finishes their messages (else the GSockets leak). */
  for (guint i = 0; i < fake->held->len; i++)
    {
      SoupServerMessage *msg = fake->held->pdata[i];

      g_signal_connect (msg, "finished", G_CALLBACK (held_finished_cb), &finished);
      soup_server_message_set_status (msg, 503, NULL);
      soup_server_message_unpause (msg);
    }
  TURNOS_TEST_WAIT_UNTIL (finished == fake->held->len);
  soup_server_disconnect (fake->server);
  g_clear_object (&fake->server);
  g_clear_pointer (&fake->held, g_ptr_array_unref);
  g_clear_pointer (&fake->url, g_free);
}

static void
test_timeout (void)
{
  Fake fake = { 0 };
  g_autoptr(TurnosClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  fake_start (&fake, NULL);
  client = turnos_client_new (fake.url);
  turnos_client_set_timeout (client, 1);
  list = CALL (turnos_client_list_professionals_async (client, NULL, _cb, _user_data),
               turnos_client_list_professionals_finish, client, &error);
  g_assert_null (list);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_TIMED_OUT);
  fake_stop (&fake);
}

static void
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
}

static void
test_cancel (void)
{
  Fake fake = { 0 };
  g_autoptr(TurnosClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) list = NULL;
  gboolean arrived = FALSE;

  fake_start (&fake, NULL);
  client = turnos_client_new (fake.url);
  list = CALL ((turnos_client_list_professionals_async (client, cancellable, _cb, _user_data),
                /* Cancel once the silent server holds the request. */
                ({ for (int i = 0; i < 500 && fake.held->len == 0; i++)
                     { arrived = FALSE; turnos_test_wait_for (&arrived, 10); }
                   g_assert_cmpuint (fake.held->len, ==, 1);
                   cancel_cb (cancellable); })),
               turnos_client_list_professionals_finish, client, &error);
  g_assert_null (list);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  fake_stop (&fake);
}

static void
test_malformed (void)
{
  static const char * const answers[] = {
    "garbage", "[1, 2]", "{\"professionals\": 3}", "{\"professionals\": [{\"user_id\": 4}]}", "{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      Fake fake = { 0 };
      g_autoptr(TurnosClient) client = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = NULL;

      fake_start (&fake, answers[i]);
      client = turnos_client_new (fake.url);
      list = CALL (turnos_client_list_professionals_async (client, NULL, _cb, _user_data),
                   turnos_client_list_professionals_finish, client, &error);
      g_assert_null (list);
      g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_MALFORMED);
      fake_stop (&fake);
    }
}

static const char * const two_workers[] = { "--workers", "2", NULL };
static const char * const two_threads[] = { "--threads", "2", NULL };

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/read-endpoints", test_read_endpoints);
  g_test_add_func ("/client/book-and-cancel", test_book_and_cancel);
  g_test_add_func ("/client/cancel-past", test_too_late_to_cancel);
  g_test_add_func ("/client/rules", test_rules);
  g_test_add_func ("/client/blocks", test_blocks);
  g_test_add_func ("/client/payments", test_payments);
  g_test_add_func ("/client/restart-keeps-data", test_restart_keeps_data);
  g_test_add_data_func ("/client/fifty-at-once", NULL, test_fifty_at_once);
  /* Two processes on one port and one file: the transaction still lets only one through. */
  g_test_add_data_func ("/client/fifty-at-once-two-workers", two_workers, test_fifty_at_once);
  /* Two threads of one process, each with its own connection: the same. */
  g_test_add_data_func ("/client/fifty-at-once-two-threads", two_threads, test_fifty_at_once);
  g_test_add_func ("/client/sign-in", test_sign_in);
  g_test_add_func ("/client/errors/cannot-connect", test_cannot_connect);
  g_test_add_func ("/client/errors/timeout", test_timeout);
  g_test_add_func ("/client/errors/cancel", test_cancel);
  g_test_add_func ("/client/errors/malformed", test_malformed);

  return g_test_run ();
}
