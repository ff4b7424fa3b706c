/* test-attendance.c: whether the patient came, marked by the desk (issue #18)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-store.h"
#include "turnos-test-inproc.h"
#include "turnos-time.h"

#define ZONE "America/Argentina/Buenos_Aires"

/* A CONFIRMED session of @client with dr-ana at @start (the inproc clinic's clock is Monday
 * 2 March 2026, 08:00), or a PENDING hold with @hold; stored directly. */
static TurnosReservation *
stored (TurnosTestInproc *t,
        const char       *client,
        const char       *start,
        gboolean          hold)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(TurnosReservation) d = turnos_reservation_new ();
  g_autoptr(GDateTime) until = g_date_time_add_minutes (t->now, 15);
  g_autoptr(GError) error = NULL;
  TurnosReservation *r;

  d->client_id = g_strdup (client);
  d->professional_id = g_strdup ("dr-ana");
  d->start = turnos_time_parse (start, tz, NULL);
  d->end = g_date_time_add_minutes (d->start, 45);
  d->modality = TURNOS_MODALITY_VIRTUAL;
  r = turnos_store_create_reservation (t->store, d, NULL, NULL, t->now, hold ? until : NULL,
                                       TURNOS_STORE_BOOK_DEFAULT, NULL,
                                       NULL, &error);
  g_assert_no_error (error);
  return r;
}

static gint64
last_seq (TurnosTestInproc *t)
{
  g_autoptr(GError) error = NULL;
  gint64 seq = 0;

  g_assert_true (turnos_store_last_event_seq (t->store, &seq, &error));
  g_assert_no_error (error);
  return seq;
}

/* The store: set, read back by every way a reservation is read, the same word again is no
 * change and no event, and only a CONFIRMED session is marked. */
static void
test_store (void)
{
  g_autoptr(TurnosTestInproc) t = turnos_test_inproc_new ();
  g_autoptr(TurnosReservation) r = stored (t, "patient-1", "2026-03-12T15:00:00", FALSE);
  g_autoptr(TurnosReservation) hold = stored (t, "patient-2", "2026-03-12T16:00:00", TRUE);
  g_autoptr(TurnosReservation) marked = NULL;
  g_autoptr(TurnosReservation) again = NULL;
  g_autoptr(TurnosReservation) read = NULL;
  g_autoptr(GPtrArray) day = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = last_seq (t);
  gboolean missed = FALSE;

  g_assert_cmpint (r->attendance, ==, TURNOS_ATTENDANCE_NONE);
  marked = turnos_store_set_attendance (t->store, r->id, TURNOS_ATTENDANCE_ARRIVED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (marked->attendance, ==, TURNOS_ATTENDANCE_ARRIVED);
  g_assert_cmpint (marked->status, ==, TURNOS_STATUS_CONFIRMED);
  read = turnos_store_get_reservation (t->store, r->id, &error);
  g_assert_cmpint (read->attendance, ==, TURNOS_ATTENDANCE_ARRIVED);
  g_assert_true (turnos_store_list_range (t->store, "dr-ana", r->start, r->end, &day, NULL, &error));
  g_assert_cmpuint (day->len, ==, 1);
  g_assert_cmpint (((TurnosReservation *) day->pdata[0])->attendance, ==, TURNOS_ATTENDANCE_ARRIVED);

  /* One event, a reservation one, for every open agenda; no time moved. */
  events = turnos_store_read_events (t->store, before, 100, &missed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_nonnull (strstr (((TurnosStoreEvent *) events->pdata[0])->json, "\"type\":\"reservation\""));
  g_assert_nonnull (strstr (((TurnosStoreEvent *) events->pdata[0])->json, r->id));

  /* The same word: nothing written, nothing said. */
  before = last_seq (t);
  again = turnos_store_set_attendance (t->store, r->id, TURNOS_ATTENDANCE_ARRIVED, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->attendance, ==, TURNOS_ATTENDANCE_ARRIVED);
  g_assert_cmpint (last_seq (t), ==, before);
  g_clear_pointer (&again, turnos_reservation_unref);
  again = turnos_store_set_attendance (t->store, r->id, TURNOS_ATTENDANCE_NONE, &error);
  g_assert_cmpint (again->attendance, ==, TURNOS_ATTENDANCE_NONE);
  g_assert_cmpint (last_seq (t), ==, before + 1);
  g_clear_pointer (&again, turnos_reservation_unref);

  /* An unpaid hold, a cancelled session and no session at all are not marked. */
  g_assert_null (turnos_store_set_attendance (t->store, hold->id, TURNOS_ATTENDANCE_ARRIVED, &error));
  g_assert_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_ALREADY_CANCELLED);
  g_clear_error (&error);
  g_clear_pointer (&again, turnos_reservation_unref);
  again = turnos_store_set_status (t->store, r->id, TURNOS_STATUS_CANCELLED, &error);
  g_assert_no_error (error);
  g_assert_null (turnos_store_set_attendance (t->store, r->id, TURNOS_ATTENDANCE_NO_SHOW, &error));
  g_assert_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_ALREADY_CANCELLED);
  g_clear_error (&error);
  g_assert_null (turnos_store_set_attendance (t->store, "nope", TURNOS_ATTENDANCE_NO_SHOW, &error));
  g_assert_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND);
}

static char *
error_code (guint     status,
            JsonNode *node)
{
  return status >= 400 ? turnos_test_error_code (node) : NULL;
}

/* POST /reservations/{id}/attendance: who may, what is taken, what the answers say. */
static void
test_http (void)
{
  g_autoptr(TurnosTestInproc) t = turnos_test_inproc_new ();
  g_autoptr(TurnosReservation) r = stored (t, "patient-1", "2026-03-12T15:00:00", FALSE);
  g_autoptr(TurnosReservation) hold = stored (t, "patient-2", "2026-03-12T16:00:00", TRUE);
  g_autofree char *ana = turnos_test_inproc_login (t, "dr-ana");
  g_autofree char *carla = turnos_test_inproc_login (t, "dr-carla");
  g_autofree char *path = g_strdup_printf ("reservations/%s/attendance", r->id);
  g_autofree char *hold_path = g_strdup_printf ("reservations/%s/attendance", hold->id);
  static const struct {
    const char *who;      /* "desk" (the inproc token), "ana", "carla" */
    const char *body;
    guint       status;
    const char *code;
    const char *attendance;   /* in the 200 answer; "" absent */
  } cases[] = {
    { "desk",  "{\"attendance\": \"arrived\"}", 200, NULL, "arrived" },
    { "ana",   "{\"attendance\": \"no_show\"}", 200, NULL, "no_show" },
    { "carla", "{\"attendance\": \"arrived\"}", 403, "forbidden", NULL },
    { "desk",  "{\"attendance\": \"\"}", 200, NULL, "" },
    { "desk",  "{\"attendance\": \"late\"}", 400, "invalid_field", NULL },
    { "desk",  "{\"attendance\": 1}", 400, "invalid_field", NULL },
    { "desk",  "{}", 400, "invalid_field", NULL },
    { "desk",  "[]", 400, "bad_request", NULL },
    { "desk",  "{\"attendance\": \"arrived\"}", 200, NULL, "arrived" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *token = g_str_equal (cases[i].who, "ana") ? ana
                          : g_str_equal (cases[i].who, "carla") ? carla : t->token;
      g_autoptr(JsonNode) node = NULL;
      guint status = turnos_test_inproc_request_as (t, token, "POST", path, cases[i].body, -1,
                                                    &node, NULL);
      g_autofree char *code = error_code (status, node);

      g_test_message ("%s %s", cases[i].who, cases[i].body);
      g_assert_cmpuint (status, ==, cases[i].status);
      g_assert_cmpstr (code, ==, cases[i].code);
      if (status == 200)
        {
          JsonObject *object = json_node_get_object (node);
          const char *said = json_object_has_member (object, "attendance")
                             ? json_object_get_string_member (object, "attendance") : "";

          g_assert_cmpstr (said, ==, cases[i].attendance);
        }
    }

  /* The desk's day shows it; the audit keeps who said it. */
  {
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *text = NULL;
    g_autofree char *audit_path = g_strdup_printf ("audit?target=%s", r->id);
    g_autofree char *admin = turnos_test_inproc_login (t, "admin");

    g_assert_cmpuint (turnos_test_inproc_request (t, "GET", "professionals/dr-ana/day?date=2026-03-12",
                                                  NULL, -1, &node), ==, 200);
    text = turnos_json_to_string (node, NULL);
    g_assert_nonnull (strstr (text, "\"attendance\":\"arrived\""));
    g_clear_pointer (&node, json_node_unref);
    g_clear_pointer (&text, g_free);
    g_assert_cmpuint (turnos_test_inproc_request_as (t, admin, "GET", audit_path, NULL, -1, &node,
                                                     NULL), ==, 200);
    text = turnos_json_to_string (node, NULL);
    g_assert_nonnull (strstr (text, "reservation.attendance"));
    g_assert_nonnull (strstr (text, "no_show"));
  }

  /* An unpaid hold is not a session yet; a cancelled one is gone; an unknown id is 404. */
  {
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *code = NULL;
    g_autofree char *cancel = g_strdup_printf ("reservations/%s/cancel", r->id);

    g_assert_cmpuint (turnos_test_inproc_request (t, "POST", hold_path, "{\"attendance\": \"arrived\"}",
                                                  -1, &node), ==, 409);
    code = turnos_test_error_code (node);
    g_assert_cmpstr (code, ==, TURNOS_CODE_NOT_CONFIRMED);
    g_clear_pointer (&node, json_node_unref);
    g_clear_pointer (&code, g_free);
    g_assert_cmpuint (turnos_test_inproc_request (t, "POST", cancel, NULL, -1, NULL), ==, 200);
    g_assert_cmpuint (turnos_test_inproc_request (t, "POST", path, "{\"attendance\": \"arrived\"}",
                                                  -1, &node), ==, 409);
    code = turnos_test_error_code (node);
    g_assert_cmpstr (code, ==, TURNOS_CODE_ALREADY_CANCELLED);
    g_assert_cmpuint (turnos_test_inproc_request (t, "POST", "reservations/nope/attendance",
                                                  "{\"attendance\": \"arrived\"}", -1, NULL), ==, 404);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/attendance/store", test_store);
  g_test_add_func ("/server/attendance/http", test_http);

  return g_test_run ();
}
