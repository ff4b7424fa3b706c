/* test-series-http.c: weekly series over HTTP: DST, conflicts, the horizon, a patient in two
 * places, this one and the following, deposits, and what is refused
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "turnos-json.h"
#include "turnos-store.h"
#include "turnos-test-inproc.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

/* The demo clinic at Monday 2 March 2026, 08:00 in Buenos Aires (turnos-test-inproc.h):
 * dr-ana (Virtual, 45 min on the hour, 9–17 on weekdays, 60 days ahead, 24 h to cancel) has
 * patient-1 on Wednesday 4 March at 10:00, patient-3 on Monday 9 March at 15:00, and a team
 * meeting on Friday 6 March 13:00–15:00; dr-bruno asks for a 5000.00 ARS deposit; dr-carla
 * (90 min every 30) has patient-2 on Thursday 5 March at 09:00. */
#define ZONE "America/Argentina/Buenos_Aires"

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

/* Moves the server's clock; the desk signs in again (staff tokens last 12 hours). */
static void
set_now (Fixture    *f,
         const char *reading)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);

  g_date_time_unref (f->now);
  f->now = turnos_time_parse (reading, tz, NULL);
  g_assert_nonnull (f->now);
  g_free (f->t->token);
  f->t->token = turnos_test_inproc_login (f->t, "desk");
}

/* As the demo desk (token NULL) or @token. */
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

static JsonArray *
arr (JsonNode   *node,
     const char *member)
{
  return json_object_get_array_member (json_node_get_object (node), member);
}

static JsonNode *
element (JsonArray *array,
         guint      i)
{
  return json_array_get_element (array, i);
}

/* {"error": {"conflicts": […]}} of a 409. */
static JsonArray *
error_conflicts (JsonNode *node)
{
  JsonObject *inner = json_object_get_object_member (json_node_get_object (node), "error");

  return json_object_get_array_member (inner, "conflicts");
}

/* How many of @client's reservations are live now. */
static guint
live_count (Fixture    *f,
            const char *client)
{
  g_autofree char *path = g_strdup_printf ("reservations?client_id=%s&status=live&limit=500", client);
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (call (f, NULL, "GET", path, NULL, &node), ==, 200);
  return json_array_get_length (arr (node, "reservations"));
}

static char *
series_body (const char *client,
             const char *prof,
             const char *start,
             const char *modality,
             const char *extra)
{
  return g_strdup_printf ("{\"reservation\": {\"client_id\": \"%s\", \"professional_id\": \"%s\", "
                          "\"start_time\": \"%s\", \"session_modality\": \"%s\"}%s%s}",
                          client, prof, start, modality, extra ? ", " : "", extra ? extra : "");
}

/* A professional in Madrid who sees patients on Thursdays 18:00–20:00, a year ahead. */
static void
add_madrid (Fixture *f)
{
  g_autoptr(TurnosSettings) s = turnos_settings_new ();
  g_autoptr(GError) error = NULL;

  s->user_id = g_strdup ("dr-madrid");
  s->display_name = g_strdup ("Dra. Elena Martín");
  g_assert_true (turnos_settings_set_timezone (s, "Europe/Madrid"));
  s->session_duration_minutes = 45;
  s->slot_interval_minutes = 60;
  s->session_modality = TURNOS_MODALITY_VIRTUAL;
  s->booking_horizon_days = 400;
  turnos_settings_add_hours (s, 4, 18 * 60, 20 * 60);
  g_assert_true (turnos_store_put_professional (f->t->store, s, &error));
  g_assert_no_error (error);
}

/* Each session of @answer's series keeps 18:00 on the wall clock in Madrid, and is the right
 * instant: the one turnos-time.h's rule names, @offsets[i] hours east of UTC. */
static void
assert_madrid_sessions (Fixture     *f,
                        JsonNode    *answer,
                        const char  *first_day,
                        const int   *offsets,
                        guint        n)
{
  JsonArray *list = arr (answer, "reservations");
  const char *series_id = str (answer, "series_id");
  GDate day;

  g_assert_nonnull (series_id);
  g_assert_cmpuint (json_array_get_length (list), ==, n);
  g_assert_true (turnos_date_parse (first_day, &day, NULL));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *r = element (list, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(TurnosReservation) stored = turnos_store_get_reservation (f->t->store, str (r, "id"), &error);
      g_autofree char *want = g_strdup_printf ("%04d-%02d-%02dT18:00:00", g_date_get_year (&day),
                                               g_date_get_month (&day), g_date_get_day (&day));
      g_autoptr(GDateTime) utc = g_date_time_new_utc (g_date_get_year (&day), g_date_get_month (&day),
                                                      g_date_get_day (&day), 18 - offsets[i], 0, 0);

      g_assert_no_error (error);
      g_assert_cmpstr (str (r, "start_time"), ==, want);
      g_assert_cmpstr (str (r, "series_id"), ==, series_id);
      g_assert_cmpstr (str (r, "status"), ==, "CONFIRMED");
      g_assert_cmpint (g_date_time_to_unix (stored->start), ==, g_date_time_to_unix (utc));
      g_assert_cmpint (g_date_time_get_utc_offset (stored->start) / G_TIME_SPAN_HOUR, ==, offsets[i]);
      g_date_add_days (&day, 7);
    }
}

/* Twelve Thursdays at 18:00 across the spring change, and five across the autumn one: the
 * same wall time every week, the instant moving by the change. */
static void
test_dst (Fixture       *f,
          gconstpointer  data)
{
  static const int spring[12] = { 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2 };
  static const int autumn[5] = { 2, 2, 1, 1, 1 };
  g_autofree char *twelve = series_body ("patient-1", "dr-madrid", "2026-03-12T18:00:00", "Virtual",
                                         "\"count\": 12");
  g_autofree char *until = series_body ("patient-1", "dr-madrid", "2026-10-15T18:00:00", "Virtual",
                                        "\"until\": \"2026-11-12\"");
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;

  add_madrid (f);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series", twelve, &a), ==, 201);
  assert_madrid_sessions (f, a, "2026-03-12", spring, 12);
  g_assert_cmpuint (json_array_get_length (arr (a, "conflicts")), ==, 0);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series", until, &b), ==, 201);
  assert_madrid_sessions (f, b, "2026-10-15", autumn, 5);
  g_assert_cmpstr (str (a, "series_id"), !=, str (b, "series_id"));
}

/* Four Tuesdays at 11:00 with time off on the third: all-or-nothing is refused naming week 3,
 * a dry run lists the three free ones, "free ones" books them. */
static void
test_blocked_week_3 (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *strict = series_body ("patient-2", "dr-ana", "2026-03-10T11:00:00", "Virtual",
                                         "\"count\": 4");
  g_autofree char *lenient = series_body ("patient-2", "dr-ana", "2026-03-10T11:00:00", "Virtual",
                                          "\"count\": 4, \"mode\": \"free_ones\"");
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *code = NULL;
  JsonArray *conflicts;
  guint before;

  g_assert_cmpuint (call (f, NULL, "POST", "professionals/dr-ana/blocks",
                          "{\"start_time\": \"2026-03-24T09:00:00\", \"end_time\": \"2026-03-24T13:00:00\", "
                          "\"reason\": \"Congreso\"}", NULL), ==, 201);
  before = live_count (f, "patient-2");

  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series", strict, &node), ==, 409);
  code = turnos_test_error_code (node);
  g_assert_cmpstr (code, ==, "series_conflicts");
  conflicts = error_conflicts (node);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  g_assert_cmpstr (str (element (conflicts, 0), "start_time"), ==, "2026-03-24T11:00:00");
  g_assert_cmpstr (str (element (conflicts, 0), "code"), ==, "blocked");
  g_assert_cmpuint (live_count (f, "patient-2"), ==, before);

  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series?dry_run=1", strict, &node), ==, 200);
  g_assert_null (str (node, "series_id"));
  g_assert_cmpuint (json_array_get_length (arr (node, "reservations")), ==, 3);
  g_assert_cmpuint (json_array_get_length (arr (node, "conflicts")), ==, 1);
  g_assert_cmpuint (live_count (f, "patient-2"), ==, before);

  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series", lenient, &node), ==, 201);
  g_assert_nonnull (str (node, "series_id"));
  g_assert_cmpuint (json_array_get_length (arr (node, "reservations")), ==, 3);
  g_assert_cmpstr (str (element (arr (node, "reservations"), 2), "start_time"), ==, "2026-03-31T11:00:00");
  conflicts = arr (node, "conflicts");
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  g_assert_cmpstr (str (element (conflicts, 0), "code"), ==, "blocked");
  g_assert_cmpuint (live_count (f, "patient-2"), ==, before + 3);

  /* The same again: every session is taken now, by the patient's own. */
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series", lenient, &node), ==, 409);
  g_assert_cmpuint (json_array_get_length (error_conflicts (node)), ==, 4);
  g_assert_cmpstr (str (element (error_conflicts (node), 0), "code"), ==, "slot_taken");
}

/* Bookings open 60 days ahead (to Friday 1 May): of four Mondays from 20 April two are past
 * the horizon. */
static void
test_horizon (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *strict = series_body ("patient-3", "dr-ana", "2026-04-20T10:00:00", "Virtual",
                                         "\"count\": 4");
  g_autofree char *lenient = series_body ("patient-3", "dr-ana", "2026-04-20T10:00:00", "Virtual",
                                          "\"count\": 4, \"mode\": \"free_ones\"");
  g_autoptr(JsonNode) node = NULL;
  JsonArray *conflicts;

  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series", strict, &node), ==, 409);
  conflicts = error_conflicts (node);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 2);
  g_assert_cmpstr (str (element (conflicts, 0), "start_time"), ==, "2026-05-04T10:00:00");
  g_assert_cmpstr (str (element (conflicts, 0), "code"), ==, "beyond_horizon");
  g_assert_cmpstr (str (element (conflicts, 1), "code"), ==, "beyond_horizon");
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series", lenient, &node), ==, 201);
  g_assert_cmpuint (json_array_get_length (arr (node, "reservations")), ==, 2);
}

/* patient-1 sees dr-ana on Wednesday 4 March at 10:00: a series with dr-carla from that
 * morning at 09:30 would put them in two places; the conflict names their own session. The
 * desk may book it anyway, with a reason that the audit keeps. */
static void
test_patient_busy (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *body = series_body ("patient-1", "dr-carla", "2026-03-04T09:30:00", "Virtual",
                                       "\"count\": 2");
  g_autofree char *forced = series_body ("patient-1", "dr-carla", "2026-03-04T09:30:00", "Virtual",
                                         "\"count\": 2, \"override_reason\": \"Online from the waiting room\"");
  g_autofree char *admin = turnos_test_inproc_login (f->t, "admin");
  g_autofree char *patient = turnos_test_inproc_login (f->t, "patient-1");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) audit = NULL;
  g_autofree char *audit_text = NULL;
  JsonNode *conflict, *other;

  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series", body, &node), ==, 409);
  g_assert_cmpuint (json_array_get_length (error_conflicts (node)), ==, 1);
  conflict = element (error_conflicts (node), 0);
  g_assert_cmpstr (str (conflict, "code"), ==, "patient_busy");
  g_assert_cmpstr (str (conflict, "start_time"), ==, "2026-03-04T09:30:00");
  other = json_object_get_member (json_node_get_object (conflict), "reservation");
  g_assert_nonnull (other);
  g_assert_cmpstr (str (other, "professional_id"), ==, "dr-ana");
  g_assert_cmpstr (str (other, "start_time"), ==, "2026-03-04T10:00:00");

  /* Only the desk overrides. */
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, patient, "POST", "reservations/series", forced, &node), ==, 403);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series", forced, &node), ==, 201);
  g_assert_cmpuint (json_array_get_length (arr (node, "reservations")), ==, 2);
  g_assert_cmpuint (call (f, admin, "GET", "audit", NULL, &audit), ==, 200);
  audit_text = turnos_json_to_string (audit, NULL);
  g_assert_nonnull (strstr (audit_text, "series.create.override"));
  g_assert_nonnull (strstr (audit_text, "Online from the waiting room"));
}

/* Four Thursdays from 5 March: "this one and the following" from the third cancels two; the
 * patient cannot cancel a session within the 24 h notice, the desk can with a reason. */
static void
test_cancel_following (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *body = series_body ("patient-2", "dr-ana", "2026-03-05T14:00:00", "Virtual",
                                       "\"count\": 4");
  g_autofree char *patient = turnos_test_inproc_login (f->t, "patient-2");
  g_autofree char *other = turnos_test_inproc_login (f->t, "patient-3");
  g_autofree char *path = NULL;
  g_autofree char *early = NULL;
  g_autoptr(JsonNode) series = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;
  JsonArray *cancelled;
  guint before;

  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series", body, &series), ==, 201);
  id = str (series, "series_id");
  before = live_count (f, "patient-2");

  path = g_strdup_printf ("reservations/series/%s/cancel?from=2026-03-19", id);
  g_assert_cmpuint (call (f, other, "POST", path, NULL, &node), ==, 403);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, patient, "POST", path, NULL, &node), ==, 200);
  cancelled = arr (node, "reservations");
  g_assert_cmpuint (json_array_get_length (cancelled), ==, 2);
  g_assert_cmpstr (str (element (cancelled, 0), "start_time"), ==, "2026-03-19T14:00:00");
  g_assert_cmpstr (str (element (cancelled, 1), "start_time"), ==, "2026-03-26T14:00:00");
  g_assert_cmpstr (str (element (cancelled, 1), "status"), ==, "CANCELLED");
  g_assert_cmpstr (str (element (cancelled, 1), "cancel_reason"), ==, "cancelled");
  g_assert_cmpuint (live_count (f, "patient-2"), ==, before - 2);

  /* Wednesday 15:00: Thursday 14:00 is within the notice. */
  set_now (f, "2026-03-04T15:00:00");
  early = g_strdup_printf ("reservations/series/%s/cancel?from=2026-03-01", id);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, patient, "POST", early, NULL, &node), ==, 409);
  {
    g_autofree char *code = turnos_test_error_code (node);

    g_assert_cmpstr (code, ==, "too_late_to_cancel");
  }
  g_assert_cmpuint (live_count (f, "patient-2"), ==, before - 2);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, patient, "POST", early, "{\"override_reason\": \"please\"}", &node), ==, 403);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, NULL, "POST", early, "{\"override_reason\": \"Called in sick\"}", &node), ==, 200);
  g_assert_cmpuint (json_array_get_length (arr (node, "reservations")), ==, 2);

  all = turnos_store_list_series (f->t->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (((TurnosReservation *) all->pdata[i])->status, ==, TURNOS_STATUS_CANCELLED);

  /* Nothing is left to cancel; an unknown series is not found; the day is checked. */
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, NULL, "POST", early, NULL, &node), ==, 200);
  g_assert_cmpuint (json_array_get_length (arr (node, "reservations")), ==, 0);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series/nope/cancel?from=2026-03-01", NULL, NULL), ==, 404);
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("reservations/series/%s/cancel?from=soon", id);
  g_assert_cmpuint (call (f, NULL, "POST", path, NULL, NULL), ==, 400);
}

/* dr-bruno asks for a deposit: a series pays one deposit per session in one payment, and its
 * sessions are held until it is paid, then confirmed together; declined, released together. */
static void
test_deposit (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *body = series_body ("patient-3", "dr-bruno", "2026-03-10T10:00:00", "Presencial",
                                       "\"count\": 3, \"every_weeks\": 2");
  g_autofree char *other = series_body ("patient-3", "dr-bruno", "2026-03-11T10:00:00", "Presencial",
                                        "\"count\": 2");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) paid = NULL;
  g_autofree char *pay = NULL;
  g_autofree char *see = NULL;
  g_autoptr(GPtrArray) sessions = NULL;
  JsonNode *payment;
  const char *series_id;

  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series", body, &node), ==, 201);
  series_id = str (node, "series_id");
  payment = json_object_get_member (json_node_get_object (node), "payment");
  g_assert_nonnull (payment);
  g_assert_cmpstr (str (payment, "amount"), ==, "15000.00");
  g_assert_cmpstr (str (payment, "currency"), ==, "ARS");
  g_assert_cmpstr (str (payment, "status"), ==, "pending");
  g_assert_true (g_str_has_prefix (str (payment, "checkout_url"), f->t->url));
  for (guint i = 0; i < 3; i++)
    {
      JsonNode *r = element (arr (node, "reservations"), i);

      g_assert_cmpstr (str (r, "status"), ==, "PENDING");
      g_assert_cmpstr (str (r, "payment_id"), ==, str (payment, "payment_id"));
    }
  g_assert_cmpstr (str (element (arr (node, "reservations"), 2), "start_time"), ==, "2026-04-07T10:00:00");

  pay = g_strdup_printf ("sandbox/checkout/%s/pay", str (payment, "payment_id"));
  g_assert_cmpuint (call (f, NULL, "POST", pay, NULL, NULL), ==, 200);
  see = g_strdup_printf ("reservations/payment/%s", str (payment, "payment_id"));
  g_assert_cmpuint (call (f, NULL, "GET", see, NULL, &paid), ==, 200);
  g_assert_cmpstr (str (paid, "status"), ==, "approved");
  sessions = turnos_store_list_series (f->t->store, series_id, NULL);
  g_assert_cmpuint (sessions->len, ==, 3);
  for (guint i = 0; i < sessions->len; i++)
    g_assert_cmpint (((TurnosReservation *) sessions->pdata[i])->status, ==, TURNOS_STATUS_CONFIRMED);

  /* Declined: every session released. */
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&sessions, g_ptr_array_unref);
  g_clear_pointer (&pay, g_free);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/series", other, &node), ==, 201);
  payment = json_object_get_member (json_node_get_object (node), "payment");
  g_assert_cmpstr (str (payment, "amount"), ==, "10000.00");
  pay = g_strdup_printf ("sandbox/checkout/%s/decline", str (payment, "payment_id"));
  g_assert_cmpuint (call (f, NULL, "POST", pay, NULL, NULL), ==, 200);
  sessions = turnos_store_list_series (f->t->store, str (node, "series_id"), NULL);
  g_assert_cmpuint (sessions->len, ==, 2);
  for (guint i = 0; i < sessions->len; i++)
    {
      TurnosReservation *r = sessions->pdata[i];

      g_assert_cmpint (r->status, ==, TURNOS_STATUS_CANCELLED);
      g_assert_cmpstr (r->cancel_reason, ==, "released");
    }
}

/* "Repeat weekly" from a session: it becomes the first of the series. */
static void
test_repeat (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) mine = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *body = NULL;
  g_autofree char *patient = turnos_test_inproc_login (f->t, "patient-3");
  g_autofree char *stranger = turnos_test_inproc_login (f->t, "patient-2");
  g_autoptr(TurnosReservation) again = NULL;
  const char *id;

  g_assert_cmpuint (call (f, patient, "GET", "reservations?status=live", NULL, &mine), ==, 200);
  g_assert_cmpuint (json_array_get_length (arr (mine, "reservations")), ==, 1);
  id = str (element (arr (mine, "reservations"), 0), "id");   /* Monday 9 March, 15:00 */
  body = g_strdup_printf ("{\"repeat\": \"%s\", \"count\": 3}", id);

  g_assert_cmpuint (call (f, stranger, "POST", "reservations/series", body, NULL), ==, 403);
  g_assert_cmpuint (call (f, patient, "POST", "reservations/series", body, &node), ==, 201);
  g_assert_cmpuint (json_array_get_length (arr (node, "reservations")), ==, 3);
  g_assert_cmpstr (str (element (arr (node, "reservations"), 0), "id"), ==, id);
  g_assert_cmpstr (str (element (arr (node, "reservations"), 2), "start_time"), ==, "2026-03-23T15:00:00");
  again = turnos_store_get_reservation (f->t->store, id, NULL);
  g_assert_cmpstr (again->series_id, ==, str (node, "series_id"));
  /* A session already in a series starts no other. */
  g_assert_cmpuint (call (f, patient, "POST", "reservations/series", body, NULL), ==, 400);
}

static void
keep_result_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The same request again with its Idempotency-Key is the first answer, not a second series
 * (nor a 409 against the first's own sessions). */
static void
test_idempotent (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *body = series_body ("patient-2", "dr-ana", "2026-03-12T16:00:00", "Virtual",
                                       "\"count\": 3");
  g_autofree char *changed = series_body ("patient-2", "dr-ana", "2026-03-12T16:00:00", "Virtual",
                                          "\"count\": 4");
  g_autoptr(SoupSession) session = soup_session_new ();
  JsonNode *answers[3] = { NULL };
  guint status[3];

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *url = g_strconcat (f->t->url, "reservations/series", NULL);
      g_autofree char *auth = g_strconcat ("Bearer ", f->t->token, NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      const char *text = i == 2 ? changed : body;
      g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      gsize len;
      const char *raw;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", "series-1");
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, keep_result_cb, &result);
      TURNOS_TEST_WAIT_UNTIL (result != NULL);
      answer = soup_session_send_and_read_finish (session, result, NULL);
      g_assert_nonnull (answer);
      raw = g_bytes_get_data (answer, &len);
      status[i] = soup_message_get_status (msg);
      answers[i] = turnos_json_parse (raw, len, NULL);
    }
  g_assert_cmpuint (status[0], ==, 201);
  g_assert_cmpuint (status[1], ==, 201);
  g_assert_cmpuint (status[2], ==, 422);
  g_assert_cmpstr (str (answers[0], "series_id"), ==, str (answers[1], "series_id"));
  g_assert_cmpuint (json_array_get_length (arr (answers[1], "reservations")), ==, 3);
  for (guint i = 0; i < 3; i++)
    json_node_unref (answers[i]);
}

/* What a series may not be: 4xx with a code, nothing written. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  static const struct
  {
    const char *query;
    const char *body;
    guint       status;
    const char *code;
  } cases[] = {
    { "", "{\"count\": 2}", 400, "bad_request" },
    { "", "{\"reservation\": [], \"count\": 2}", 400, "bad_request" },
    { "", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
          "\"start_time\": \"2026-03-10T11:00:00\", \"session_modality\": \"Virtual\"}, \"repeat\": \"x\", "
          "\"count\": 2}", 400, "bad_request" },
    { "", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
          "\"start_time\": \"2026-03-10T11:00:00\", \"session_modality\": \"Virtual\"}, \"every_weeks\": 3, "
          "\"count\": 2}", 400, "invalid_field" },
    { "", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
          "\"start_time\": \"2026-03-10T11:00:00\", \"session_modality\": \"Virtual\"}, \"count\": 53}",
      400, "invalid_field" },
    { "", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
          "\"start_time\": \"2026-03-10T11:00:00\", \"session_modality\": \"Virtual\"}, \"count\": 0}",
      400, "invalid_field" },
    { "", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
          "\"start_time\": \"2026-03-10T11:00:00\", \"session_modality\": \"Virtual\"}, \"count\": 2, "
          "\"until\": \"2026-04-01\"}", 400, "invalid_field" },
    { "", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
          "\"start_time\": \"2026-03-10T11:00:00\", \"session_modality\": \"Virtual\"}}", 400, "invalid_field" },
    { "", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
          "\"start_time\": \"2026-03-10T11:00:00\", \"session_modality\": \"Virtual\"}, "
          "\"until\": \"2027-06-01\"}", 400, "invalid_field" },
    { "", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
          "\"start_time\": \"2026-03-10T11:00:00\", \"session_modality\": \"Virtual\"}, "
          "\"until\": \"tuesday\"}", 400, "invalid_date" },
    { "", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
          "\"start_time\": \"2026-03-10T11:00:00\", \"session_modality\": \"Virtual\"}, \"count\": 2, "
          "\"mode\": \"some\"}", 400, "invalid_field" },
    { "?dry_run=maybe", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
          "\"start_time\": \"2026-03-10T11:00:00\", \"session_modality\": \"Virtual\"}, \"count\": 2}",
      400, "invalid_field" },
    { "", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"nobody\", "
          "\"start_time\": \"2026-03-10T11:00:00\", \"session_modality\": \"Virtual\"}, \"count\": 2}",
      404, "unknown_professional" },
    { "", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
          "\"start_time\": \"2026-03-10T11:00\", \"session_modality\": \"Virtual\"}, \"count\": 2}",
      400, "invalid_time" },
    { "", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
          "\"start_time\": \"2026-03-10T11:00:00\", \"end_time\": \"2026-03-10T12:00:00\", "
          "\"session_modality\": \"Virtual\"}, \"count\": 2}", 422, "bad_duration" },
    /* Off the grid every week: refused as conflicts, not as a malformed request. */
    { "", "{\"reservation\": {\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
          "\"start_time\": \"2026-03-10T11:30:00\", \"session_modality\": \"Virtual\"}, \"count\": 2}",
      409, "series_conflicts" },
    { "", "{\"repeat\": \"nope\", \"count\": 2}", 404, "not_found" },
  };
  guint before = live_count (f, "patient-2");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strconcat ("reservations/series", cases[i].query, NULL);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *code = NULL;

      g_test_message ("case %u", i);
      g_assert_cmpuint (call (f, NULL, "POST", path, cases[i].body, &node), ==, cases[i].status);
      code = turnos_test_error_code (node);
      g_assert_cmpstr (code, ==, cases[i].code);
    }
  g_assert_cmpuint (live_count (f, "patient-2"), ==, before);
}

/* Two desks book overlapping series at the same moment, each through its own connection to
 * the file: the store's one transaction per series lets both through only where they do not
 * overlap. All-or-nothing: one wins whole, the other books nothing. Free ones: the second
 * books only the weeks the first left. Never two sessions at one time. */
typedef struct
{
  const char       *uri;
  GDateTime        *now;
  TurnosSeriesMode  mode;
  GMutex            mutex;
  GCond             cond;
  gboolean          go;
  guint             booked[2];
} Race;

typedef struct
{
  Race       *race;
  guint       desk;
  const char *client;
  const char *first;   /* the first Tuesday at 10:00 */
} Desk;

static gpointer
desk_books (gpointer data)
{
  Desk *me = data;
  Race *race = me->race;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosStore) store = turnos_store_open (race->uri, &error);
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(GDateTime) first = turnos_time_parse (me->first, tz, NULL);
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  g_autoptr(TurnosSeries) series = NULL;
  TurnosStoreSeriesRequest request = { 0 };

  g_assert_no_error (error);
  for (int week = 0; week < 4; week++)
    {
      TurnosReservation *r = turnos_reservation_new ();

      r->client_id = g_strdup (me->client);
      r->professional_id = g_strdup ("dr-ana");
      r->start = g_date_time_add_weeks (first, week);
      r->end = g_date_time_add_minutes (r->start, 45);
      r->modality = TURNOS_MODALITY_VIRTUAL;
      g_ptr_array_add (drafts, r);
    }
  request.drafts = drafts;
  request.mode = race->mode;
  request.now = race->now;
  g_mutex_lock (&race->mutex);
  while (!race->go)
    g_cond_wait (&race->cond, &race->mutex);
  g_mutex_unlock (&race->mutex);

  series = turnos_store_create_series (store, &request, NULL, &error);
  g_assert_no_error (error);
  g_mutex_lock (&race->mutex);
  race->booked[me->desk] = series->series_id != NULL ? series->reservations->len : 0;
  g_mutex_unlock (&race->mutex);
  return NULL;
}

static void
race_once (Fixture          *f,
           TurnosSeriesMode  mode,
           const char       *first_a,
           const char       *first_b,
           guint            *booked)
{
  g_autofree char *uri = g_strdup (f->t->uri);
  Race race = { uri, f->now, mode };
  Desk desks[2] = { { &race, 0, "patient-2", first_a }, { &race, 1, "patient-3", first_b } };
  GThread *threads[2];

  g_mutex_init (&race.mutex);
  g_cond_init (&race.cond);
  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("desk", desk_books, &desks[i]);
  g_mutex_lock (&race.mutex);
  race.go = TRUE;
  g_cond_broadcast (&race.cond);
  g_mutex_unlock (&race.mutex);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  booked[0] = race.booked[0];
  booked[1] = race.booked[1];
  g_mutex_clear (&race.mutex);
  g_cond_clear (&race.cond);
}

/* How many live sessions dr-ana has in [@from, @to), and the most at one instant. */
static guint
live_between (Fixture    *f,
              const char *from,
              const char *to,
              guint      *most_at_once)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(GDateTime) a = turnos_time_parse (from, tz, NULL);
  g_autoptr(GDateTime) b = turnos_time_parse (to, tz, NULL);
  g_autoptr(GPtrArray) list = NULL;
  guint live = 0;

  g_assert_true (turnos_store_list_range (f->t->store, "dr-ana", a, b, &list, NULL, NULL));
  *most_at_once = 0;
  for (guint i = 0; i < list->len; i++)
    {
      TurnosReservation *r = list->pdata[i];
      guint together = 0;

      if (!turnos_reservation_is_live (r, f->now))
        continue;
      live++;
      for (guint j = 0; j < list->len; j++)
        {
          TurnosReservation *o = list->pdata[j];

          together += turnos_reservation_is_live (o, f->now) &&
                      turnos_intervals_overlap (r->start, r->end, o->start, o->end);
        }
      *most_at_once = MAX (*most_at_once, together);
    }
  return live;
}

static void
test_race (Fixture       *f,
           gconstpointer  data)
{
  guint booked[2], most;

  /* Tuesdays 10–31 March and 17 March–7 April: three weeks in common. */
  race_once (f, TURNOS_SERIES_ALL_OR_NOTHING, "2026-03-10T10:00:00", "2026-03-17T10:00:00", booked);
  g_assert_cmpuint (booked[0] + booked[1], ==, 4);
  g_assert_true (booked[0] == 0 || booked[1] == 0);
  g_assert_cmpuint (live_between (f, "2026-03-10T00:00:00", "2026-04-08T00:00:00", &most), ==, 4);
  g_assert_cmpuint (most, ==, 1);

  /* At 15:00 with free ones: the second gets what the first left, and only that. */
  race_once (f, TURNOS_SERIES_FREE_ONES, "2026-03-10T15:00:00", "2026-03-17T15:00:00", booked);
  g_assert_cmpuint (booked[0] + booked[1], ==, 5);
  g_assert_true (booked[0] == 1 || booked[1] == 1);
  g_assert_cmpuint (live_between (f, "2026-03-10T00:00:00", "2026-04-08T00:00:00", &most), ==, 4 + 5);
  g_assert_cmpuint (most, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/server/series/dst", test_dst);
  ADD ("/server/series/blocked-week-3", test_blocked_week_3);
  ADD ("/server/series/horizon", test_horizon);
  ADD ("/server/series/patient-busy", test_patient_busy);
  ADD ("/server/series/cancel-following", test_cancel_following);
  ADD ("/server/series/deposit", test_deposit);
  ADD ("/server/series/repeat", test_repeat);
  ADD ("/server/series/idempotent", test_idempotent);
  ADD ("/server/series/refused", test_refused);
  ADD ("/server/series/race", test_race);
#undef ADD

  return g_test_run ();
}
