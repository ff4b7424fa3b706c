/* test-auth.c: who may do what on every route, signing in and out, and what the store keeps
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "turnos-json.h"
#include "turnos-routes.h"
#include "turnos-test-inproc.h"
#include "turnos-test-store.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

#define ZONE "America/Argentina/Buenos_Aires"

/* The callers of the matrix: DESIGN.md's roles, two patients and two professionals so that
 * "their own" is tested both ways. */
enum { ANON, PAT_A, PAT_B, DESK, PRO_X, PRO_Y, ADMIN, N_WHO };

static const char * const who_names[N_WHO] = {
  NULL, "patient-1", "patient-2", "desk", "dr-ana", "dr-carla", "admin"
};

typedef struct
{
  TurnosTestInproc *t;
  char             *tokens[N_WHO];
  guint             next_slot;   /* fresh booking times, so writes never collide */
  guint             next_series; /* fresh times for series, far from next_slot's */
  guint             next_day;    /* fresh days to wait for */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = turnos_test_inproc_new ();
  for (guint i = 1; i < N_WHO; i++)
    f->tokens[i] = turnos_test_inproc_login (f->t, who_names[i]);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < N_WHO; i++)
    g_free (f->tokens[i]);
  g_clear_pointer (&f->t, turnos_test_inproc_free);
}

/* The next free time on the grid every demo professional shares (weekdays 09:00–17:00 on
 * the hour), from Tuesday 10 March 2026 on: "YYYY-MM-DDTHH:00:00". */
static char *
fresh_time (Fixture *f)
{
  GDate d;
  guint n = f->next_slot++;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 10, 3, 2026);
  for (guint day = n / 8; day > 0; )
    {
      g_date_add_days (&d, 1);
      if (g_date_get_weekday (&d) <= G_DATE_FRIDAY)
        day--;
    }
  while (g_date_get_weekday (&d) > G_DATE_FRIDAY)
    g_date_add_days (&d, 1);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:00:00", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d), 9 + n % 8);
}

static TurnosReservation *
draft (Fixture    *f,
       const char *client,
       const char *prof)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autofree char *start = fresh_time (f);
  TurnosReservation *r = turnos_reservation_new ();

  r->client_id = g_strdup (client);
  r->professional_id = g_strdup (prof);
  r->start = turnos_time_parse (start, tz, NULL);
  r->end = g_date_time_add_minutes (r->start, 45);
  r->modality = g_str_equal (prof, "dr-bruno") ? TURNOS_MODALITY_PRESENCIAL : TURNOS_MODALITY_VIRTUAL;
  return r;
}

/* A reservation of patient-1 with dr-ana, stored directly; returns its id. */
static char *
stored_reservation (Fixture *f)
{
  g_autoptr(TurnosReservation) d = draft (f, "patient-1", "dr-ana");
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) r = turnos_store_create_reservation (f->t->store, d, NULL, NULL,
                                                                    f->t->now, NULL,
                                                                    TURNOS_STORE_BOOK_DEFAULT, NULL, NULL,
                                                                    &error);

  g_assert_no_error (error);
  return g_strdup (r->id);
}

/* A pending deposit of patient-1 with dr-bruno, stored directly; returns its payment id. */
static char *
stored_payment (Fixture *f)
{
  g_autoptr(TurnosReservation) d = draft (f, "patient-1", "dr-bruno");
  g_autoptr(GDateTime) expires = g_date_time_add_minutes (f->t->now, 15);
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosPayment) p = turnos_store_create_payment (f->t->store, d, "5000.00", "ARS", NULL,
                                                            NULL, f->t->now, expires,
                                                            TURNOS_STORE_BOOK_DEFAULT, NULL, NULL,
                                                            &error);

  g_assert_no_error (error);
  return g_strdup (p->payment_id);
}

/*
 * The matrix
 */

typedef struct
{
  const char *method;
  const char *pattern;   /* as in the route table: the test fails for a route not listed */
  /* Fills the concrete path and body for one call (fresh ids for writes). */
  void      (*prepare) (Fixture *f, guint who, char **path, char **body);
  const char *path;      /* when prepare is NULL */
  const char *body;
  gboolean    fresh_token;  /* the call revokes the token: sign in anew for it */
  guint       status[N_WHO];
} Case;

static void
prep_professional (Fixture *f, guint who, char **path, char **body)
{
  *path = g_strdup ("professionals");
  *body = g_strdup_printf ("{\"user_id\": \"dr-new-%u\", \"display_name\": \"Dr. New\", "
                           "\"session_duration_minutes\": 30, \"timezone\": \"" ZONE "\", "
                           "\"working_hours\": [{\"weekday\": 1, \"start\": \"09:00\", \"end\": \"12:00\"}]}",
                           who);
}

static void
prep_settings (Fixture *f, guint who, char **path, char **body)
{
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, NULL, "GET", "professionals/dr-ana/settings",
                                                   NULL, -1, &node, NULL), ==, 200);
  *path = g_strdup ("professionals/dr-ana/settings");
  *body = turnos_json_to_string (node, NULL);
}

static void
prep_block (Fixture *f, guint who, char **path, char **body)
{
  g_autofree char *start = fresh_time (f);

  *path = g_strdup ("professionals/dr-ana/blocks");
  *body = g_strdup_printf ("{\"start_time\": \"%s\", \"end_time\": \"%.11s%02d:00:00\", "
                           "\"reason\": \"Course\"}", start, start, atoi (start + 11) + 1);
}

static void
prep_block_remove (Fixture *f, guint who, char **path, char **body)
{
  g_autoptr(TurnosBlock) b = turnos_block_new ();
  g_autoptr(TurnosBlock) stored = NULL;
  g_autoptr(TurnosReservation) d = draft (f, "nobody", "dr-ana");
  g_autoptr(GError) error = NULL;

  b->professional_id = g_strdup ("dr-ana");
  b->start = g_date_time_ref (d->start);
  b->end = g_date_time_ref (d->end);
  b->reason = g_strdup ("Course");
  stored = turnos_store_add_block (f->t->store, b, f->t->now, NULL, &error);
  g_assert_no_error (error);
  *path = g_strdup_printf ("professionals/dr-ana/blocks/%s", stored->id);
}

static void
prep_create (Fixture *f, guint who, char **path, char **body)
{
  g_autofree char *start = fresh_time (f);

  *path = g_strdup ("reservations/create-without-payment");
  *body = g_strdup_printf ("{\"client_id\": \"patient-1\", \"professional_id\": \"dr-ana\", "
                           "\"start_time\": \"%s\", \"session_modality\": \"Virtual\"}", start);
}

static void
prep_payment (Fixture *f, guint who, char **path, char **body)
{
  g_autofree char *start = fresh_time (f);

  *path = g_strdup ("reservations/payment");
  *body = g_strdup_printf ("{\"client_id\": \"patient-1\", \"professional_id\": \"dr-bruno\", "
                           "\"start_time\": \"%s\", \"session_modality\": \"Presencial\"}", start);
}

static void
prep_payment_get (Fixture *f, guint who, char **path, char **body)
{
  g_autofree char *id = stored_payment (f);

  *path = g_strdup_printf ("reservations/payment/%s", id);
}

static void
prep_cancel (Fixture *f, guint who, char **path, char **body)
{
  g_autofree char *id = stored_reservation (f);

  *path = g_strdup_printf ("reservations/%s/cancel", id);
}

static void
prep_attendance (Fixture *f, guint who, char **path, char **body)
{
  g_autofree char *id = stored_reservation (f);

  *path = g_strdup_printf ("reservations/%s/attendance", id);
  *body = g_strdup ("{\"attendance\": \"arrived\"}");
}

static void
prep_checkout (Fixture *f, guint who, char **path, char **body)
{
  g_autofree char *id = stored_payment (f);

  *path = g_strdup_printf ("sandbox/checkout/%s", id);
}

static void
prep_pay (Fixture *f, guint who, char **path, char **body)
{
  g_autofree char *id = stored_payment (f);

  *path = g_strdup_printf ("sandbox/checkout/%s/pay", id);
}

static void
prep_decline (Fixture *f, guint who, char **path, char **body)
{
  g_autofree char *id = stored_payment (f);

  *path = g_strdup_printf ("sandbox/checkout/%s/decline", id);
}

static void
prep_erase (Fixture *f, guint who, char **path, char **body)
{
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, f->tokens[DESK], "POST", "patients",
                                                   "{\"display_name\": \"To Erase\"}", -1, &node,
                                                   NULL), ==, 201);
  *path = g_strdup_printf ("patients/%s",
                           json_object_get_string_member (json_node_get_object (node), "id"));
}

/* A series of one session with dr-ana on a fresh hour from Monday 13 April 2026, past every
 * fresh_time() the matrix asks for. */
static char *
series_body (Fixture *f)
{
  guint n = f->next_series++;
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 13, 4, 2026);
  g_date_add_days (&d, n / 8);
  return g_strdup_printf ("{\"reservation\": {\"client_id\": \"patient-1\", \"professional_id\": \"dr-ana\", "
                          "\"start_time\": \"%04d-%02d-%02dT%02u:00:00\", \"session_modality\": \"Virtual\"}, "
                          "\"count\": 1}", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d), 9 + n % 8);
}

static void
prep_series (Fixture *f, guint who, char **path, char **body)
{
  *path = g_strdup ("reservations/series");
  *body = series_body (f);
}

static void
prep_series_cancel (Fixture *f, guint who, char **path, char **body)
{
  g_autofree char *made = series_body (f);
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, f->tokens[DESK], "POST", "reservations/series",
                                                   made, -1, &node, NULL), ==, 201);
  *path = g_strdup_printf ("reservations/series/%s/cancel?from=2026-03-02",
                           json_object_get_string_member (json_node_get_object (node), "series_id"));
}

static void
prep_reschedule (Fixture *f, guint who, char **path, char **body)
{
  g_autofree char *id = stored_reservation (f);
  g_autofree char *start = fresh_time (f);

  *path = g_strdup_printf ("reservations/%s/reschedule", id);
  *body = g_strdup_printf ("{\"start_time\": \"%s\"}", start);
}

/* A fresh day from Wednesday 4 March 2026 on, "YYYY-MM-DD". */
static char *
fresh_day (Fixture *f)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 4, 3, 2026);
  g_date_add_days (&d, f->next_day++);
  return turnos_date_format (&d);
}

static void
prep_waitlist (Fixture *f, guint who, char **path, char **body)
{
  g_autofree char *day = fresh_day (f);

  *path = g_strdup ("waitlist");
  *body = g_strdup_printf ("{\"professional_id\": \"dr-ana\", \"date\": \"%s\", "
                           "\"client_id\": \"patient-1\"}", day);
}

static void
prep_waitlist_remove (Fixture *f, guint who, char **path, char **body)
{
  g_autoptr(TurnosWaitlistEntry) entry = turnos_waitlist_entry_new ();
  g_autoptr(TurnosWaitlistEntry) stored = NULL;
  g_autofree char *day = fresh_day (f);
  g_autoptr(GError) error = NULL;

  entry->professional_id = g_strdup ("dr-ana");
  entry->client_id = g_strdup ("patient-1");
  g_assert_true (turnos_date_parse (day, &entry->date, NULL));
  stored = turnos_store_add_waitlist (f->t->store, entry, f->t->now, 100, NULL, &error);
  g_assert_no_error (error);
  *path = g_strdup_printf ("waitlist/%s", stored->id);
}

#define ALL(s) { s, s, s, s, s, s, s }
#define SIGNED(s) { 401, s, s, s, s, s, s }

/* DESIGN.md's "Who may do what", route by route:
 *                                     anon  pat-A pat-B desk  pro-X pro-Y admin */
static const Case matrix[] = {
  { "GET", "/health", NULL, "health", NULL, FALSE, ALL (200) },
  { "POST", "/auth/login", NULL, "auth/login", "{}", FALSE, ALL (400) },
  { "POST", "/auth/logout", NULL, "auth/logout", NULL, TRUE, SIGNED (204) },
  { "POST", "/auth/password", NULL, "auth/password", "{\"current\": \"x\", \"new\": \"short\"}", FALSE,
    SIGNED (400) },
  { "GET", "/me", NULL, "me", NULL, FALSE, SIGNED (200) },
  /* Without a WebSocket handshake; the subscribers' filtering is tests/server/test-events.c's. */
  { "GET", "/events", NULL, "events", NULL, FALSE, ALL (426) },
  { "GET", "/professionals", NULL, "professionals", NULL, FALSE, ALL (200) },
  { "POST", "/professionals", prep_professional, NULL, NULL, FALSE,
    { 401, 403, 403, 403, 403, 403, 201 } },
  { "GET", "/professionals/{}/settings", NULL, "professionals/dr-ana/settings", NULL, FALSE, ALL (200) },
  { "PUT", "/professionals/{}/settings", prep_settings, NULL, NULL, FALSE,
    { 401, 403, 403, 403, 200, 403, 200 } },
  { "GET", "/professionals/{}/day", NULL, "professionals/dr-ana/day?date=2026-03-04", NULL, FALSE,
    { 401, 403, 403, 200, 200, 403, 200 } },
  { "GET", "/professionals/{}/blocks", NULL, "professionals/dr-ana/blocks", NULL, FALSE,
    { 401, 403, 403, 200, 200, 403, 200 } },
  { "POST", "/professionals/{}/blocks", prep_block, NULL, NULL, FALSE,
    { 401, 403, 403, 201, 201, 403, 201 } },
  { "DELETE", "/professionals/{}/blocks/{}", prep_block_remove, NULL, NULL, FALSE,
    { 401, 403, 403, 204, 204, 403, 204 } },
  { "GET", "/reservations", NULL, "reservations?client_id=patient-1", NULL, FALSE,
    { 401, 200, 403, 200, 200, 200, 200 } },
  { "GET", "/reservations/availability", NULL,
    "reservations/availability?date=2026-03-06&professional_id=dr-ana", NULL, FALSE, ALL (200) },
  { "GET", "/reservations/availability/month", NULL,
    "reservations/availability/month?month=2026-03&professional_id=dr-ana", NULL, FALSE, ALL (200) },
  { "POST", "/reservations/create-without-payment", prep_create, NULL, NULL, FALSE,
    { 401, 201, 403, 201, 403, 403, 201 } },
  { "POST", "/reservations/payment", prep_payment, NULL, NULL, FALSE,
    { 401, 201, 403, 201, 403, 403, 201 } },
  { "GET", "/reservations/payment/{}", prep_payment_get, NULL, NULL, FALSE,
    { 401, 200, 403, 200, 403, 403, 200 } },
  { "POST", "/reservations/{}/cancel", prep_cancel, NULL, NULL, FALSE,
    { 401, 200, 403, 200, 200, 403, 200 } },
  { "POST", "/reservations/{}/attendance", prep_attendance, NULL, NULL, FALSE,
    { 401, 403, 403, 200, 200, 403, 200 } },
  { "POST", "/reservations/{}/reschedule", prep_reschedule, NULL, NULL, FALSE,
    { 401, 201, 403, 201, 201, 403, 201 } },
  { "POST", "/reservations/series", prep_series, NULL, NULL, FALSE,
    { 401, 201, 403, 201, 403, 403, 201 } },
  { "POST", "/reservations/series/{}/cancel", prep_series_cancel, NULL, NULL, FALSE,
    { 401, 200, 403, 200, 200, 403, 200 } },
  { "POST", "/waitlist", prep_waitlist, NULL, NULL, FALSE,
    { 401, 201, 403, 201, 403, 403, 201 } },
  { "GET", "/waitlist", NULL, "waitlist?professional_id=dr-ana", NULL, FALSE,
    { 401, 200, 200, 200, 200, 403, 200 } },
  { "DELETE", "/waitlist/{}", prep_waitlist_remove, NULL, NULL, FALSE,
    { 401, 204, 403, 204, 403, 403, 204 } },
  { "GET", "/sandbox/checkout/{}", prep_checkout, NULL, NULL, FALSE, ALL (200) },
  { "POST", "/sandbox/checkout/{}/pay", prep_pay, NULL, NULL, FALSE, ALL (200) },
  { "POST", "/sandbox/checkout/{}/decline", prep_decline, NULL, NULL, FALSE, ALL (200) },
  { "GET", "/patients", NULL, "patients?q=jose", NULL, FALSE,
    { 401, 403, 403, 200, 200, 200, 200 } },
  { "POST", "/patients", NULL, "patients", "{\"display_name\": \"Nueva Paciente\"}", FALSE,
    { 401, 403, 403, 201, 403, 403, 201 } },
  { "GET", "/patients/{}", NULL, "patients/patient-1", NULL, FALSE,
    { 401, 200, 403, 200, 200, 403, 200 } },
  { "PATCH", "/patients/{}", NULL, "patients/patient-1", "{\"phone\": \"+54 11 5555-0101\"}", FALSE,
    { 401, 200, 403, 200, 403, 403, 200 } },
  { "DELETE", "/patients/{}", prep_erase, NULL, NULL, FALSE,
    { 401, 403, 403, 403, 403, 403, 204 } },
  { "GET", "/patients/{}/export", NULL, "patients/patient-1/export", NULL, FALSE,
    { 401, 200, 403, 403, 403, 403, 200 } },
  { "GET", "/audit", NULL, "audit", NULL, FALSE, { 401, 403, 403, 403, 403, 403, 200 } },
};

static const Case *
find_case (const char *method,
           const char *pattern)
{
  for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
    if (g_str_equal (matrix[i].method, method) && g_str_equal (matrix[i].pattern, pattern))
      return &matrix[i];
  return NULL;
}

static void
test_matrix (Fixture       *f,
             gconstpointer  data)
{
  /* Every route is in the matrix: a route added without saying who may call it fails. */
  for (const TurnosRoute *r = turnos_routes_get_table (); r->pattern != NULL; r++)
    {
      if (find_case (r->method, r->pattern) == NULL)
        g_error ("the matrix does not say who may call %s %s", r->method, r->pattern);
    }

  for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
    {
      const Case *c = &matrix[i];

      for (guint who = 0; who < N_WHO; who++)
        {
          g_autofree char *path = c->path ? g_strdup (c->path) : NULL;
          g_autofree char *body = c->body ? g_strdup (c->body) : NULL;
          g_autofree char *token = NULL;
          g_autoptr(JsonNode) node = NULL;
          guint status;

          if (c->prepare != NULL)
            c->prepare (f, who, &path, &body);
          if (who != ANON)
            token = c->fresh_token ? turnos_test_inproc_login (f->t, who_names[who])
                                   : g_strdup (f->tokens[who]);
          status = turnos_test_inproc_request_as (f->t, token, c->method, path, body, -1, &node, NULL);
          if (status != c->status[who])
            g_error ("%s /%s as %s: %u, expected %u", c->method, path,
                     who_names[who] ? who_names[who] : "anonymous", status, c->status[who]);
          if (status == 401 || status == 403)
            {
              g_autofree char *code = turnos_test_error_code (node);

              g_assert_cmpstr (code, ==, status == 401 ? "unauthenticated" : "forbidden");
            }
        }
    }
}

/* No answer a caller may not see carries patient data: availability is anonymous, without
 * patient ids or the reasons of time off (the seed's shape stays). */
static void
test_availability_anonymous (Fixture       *f,
                             gconstpointer  data)
{
  const char *path = "reservations/availability?date=2026-03-06&professional_id=dr-ana";
  g_autoptr(JsonNode) anon = NULL;
  g_autoptr(JsonNode) staff = NULL;
  g_autofree char *anon_json = NULL;
  g_autofree char *staff_json = NULL;
  JsonObject *object;

  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, NULL, "GET", path, NULL, -1, &anon, NULL), ==, 200);
  object = json_node_get_object (anon);
  g_assert_cmpstr (json_object_get_string_member (object, "date"), ==, "2026-03-06");
  g_assert_cmpstr (json_object_get_string_member (object, "timezone"), ==, ZONE);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "occupiedSlots")));
  anon_json = turnos_json_to_string (anon, NULL);
  g_assert_null (strstr (anon_json, "Reunión de equipo"));
  g_assert_null (strstr (anon_json, "patient-"));

  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, f->tokens[PAT_A], "GET", path, NULL, -1,
                                                   NULL, NULL), ==, 200);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, f->tokens[DESK], "GET", path, NULL, -1,
                                                   &staff, NULL), ==, 200);
  staff_json = turnos_json_to_string (staff, NULL);
  g_assert_nonnull (strstr (staff_json, "Reunión de equipo"));
}

/* A patient books for themselves with the seed's body: the seed's client still works. */
static void
test_seed_booking (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *mine = g_strdup_printf ("{\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
                                           "\"start_time\": \"2026-03-10T11:00:00\", "
                                           "\"end_time\": \"2026-03-10T11:45:00\", \"session_modality\": \"Virtual\"}");
  g_autofree char *code = NULL;

  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, NULL, "POST", "reservations/create-without-payment",
                                                   mine, -1, &node, NULL), ==, 401);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, f->tokens[PAT_B], "POST",
                                                   "reservations/create-without-payment", mine, -1,
                                                   &node, NULL), ==, 201);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "status"), ==, "CONFIRMED");
  g_clear_pointer (&node, json_node_unref);
  /* Overrides are the desk's: a patient's is refused, nothing written. */
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, f->tokens[PAT_B], "POST",
                                                   "reservations/create-without-payment",
                                                   "{\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
                                                   "\"start_time\": \"2026-03-10T12:00:00\", "
                                                   "\"session_modality\": \"Virtual\", \"override_reason\": \"please\"}",
                                                   -1, &node, NULL), ==, 403);
  code = turnos_test_error_code (node);
  g_assert_cmpstr (code, ==, "forbidden");
}

/* An error answer never names another patient's reservation or id. */
static void
test_no_names_in_errors (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) theirs = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonArray *list;

  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, f->tokens[DESK], "GET",
                                                   "reservations?client_id=patient-1", NULL, -1,
                                                   &theirs, NULL), ==, 200);
  list = json_object_get_array_member (json_node_get_object (theirs), "reservations");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  /* patient-1 holds Wednesday 4 March at 10:00 with dr-ana. */
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, f->tokens[PAT_B], "POST",
                                                   "reservations/create-without-payment",
                                                   "{\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
                                                   "\"start_time\": \"2026-03-04T10:00:00\", \"session_modality\": \"Virtual\"}",
                                                   -1, &node, NULL), ==, 409);
  text = turnos_json_to_string (node, NULL);
  g_assert_nonnull (strstr (text, "slot_taken"));
  g_assert_null (strstr (text, "patient-1"));
  for (guint i = 0; i < json_array_get_length (list); i++)
    g_assert_null (strstr (text, json_object_get_string_member (json_array_get_object_element (list, i), "id")));
}

/* Without a payment provider a deposit is 503 no_payment_provider, and the sandbox's pages
 * are not there. */
static void
test_no_payment_provider (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *code = NULL;
  g_autofree char *payment = stored_payment (f);
  g_autofree char *page = g_strdup_printf ("sandbox/checkout/%s", payment);

  turnos_server_set_sandbox_payments (f->t->server, FALSE);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, f->tokens[PAT_A], "POST", "reservations/payment",
                                                   "{\"client_id\": \"patient-1\", \"professional_id\": \"dr-bruno\", "
                                                   "\"start_time\": \"2026-03-10T10:00:00\", \"session_modality\": \"Presencial\"}",
                                                   -1, &node, NULL), ==, 503);
  code = turnos_test_error_code (node);
  g_assert_cmpstr (code, ==, "no_payment_provider");
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, NULL, "GET", page, NULL, -1, NULL, NULL), ==, 404);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, NULL, "POST", page, NULL, -1, NULL, NULL), ==, 405);
  turnos_server_set_sandbox_payments (f->t->server, TRUE);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, NULL, "GET", page, NULL, -1, NULL, NULL), ==, 200);
}

/*
 * Signing in
 */

static guint
login (Fixture             *f,
       const char          *username,
       const char          *password,
       JsonNode           **node,
       SoupMessageHeaders **headers)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"%s\"}", username, password);

  return turnos_test_inproc_request_as (f->t, NULL, "POST", "auth/login", body, -1, node, headers);
}

static void
test_login (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonNode) ok = NULL;
  g_autoptr(JsonNode) wrong = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  g_autofree char *code_wrong = NULL;
  g_autofree char *code_unknown = NULL;
  g_autofree char *text_wrong = NULL;
  g_autofree char *text_unknown = NULL;
  JsonObject *object, *user;
  gint64 t0, t_wrong, t_unknown;

  g_assert_cmpuint (login (f, "dr-ana", "demo-dr-ana", &ok, NULL), ==, 200);
  object = json_node_get_object (ok);
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "token")), ==, 43);
  user = json_object_get_object_member (object, "user");
  g_assert_cmpstr (json_object_get_string_member (user, "id"), ==, "dr-ana");
  g_assert_cmpstr (json_object_get_string_member (user, "role"), ==, "professional");
  /* Staff tokens last 12 hours: 08:00 in Buenos Aires is 11:00 UTC. */
  g_assert_cmpstr (json_object_get_string_member (object, "expires_at"), ==, "2026-03-02T23:00:00Z");

  /* A wrong password and an unknown user: the same answer, and both pay for a hash. */
  t0 = g_get_monotonic_time ();
  g_assert_cmpuint (login (f, "dr-ana", "demo-dr-bruno", &wrong, NULL), ==, 401);
  t_wrong = g_get_monotonic_time () - t0;
  t0 = g_get_monotonic_time ();
  g_assert_cmpuint (login (f, "dr-nobody", "demo-dr-bruno", &unknown, NULL), ==, 401);
  t_unknown = g_get_monotonic_time () - t0;
  code_wrong = turnos_test_error_code (wrong);
  code_unknown = turnos_test_error_code (unknown);
  g_assert_cmpstr (code_wrong, ==, "bad_credentials");
  g_assert_cmpstr (code_unknown, ==, "bad_credentials");
  text_wrong = turnos_json_to_string (wrong, NULL);
  text_unknown = turnos_json_to_string (unknown, NULL);
  g_assert_cmpstr (text_wrong, ==, text_unknown);
  /* argon2id takes tens of milliseconds here; an unknown name must not answer in one. */
  g_assert_cmpint (t_unknown, >, t_wrong / 3);
}

static void
test_throttle (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autofree char *code = NULL;
  const char *retry;

  for (int i = 0; i < 5; i++)
    g_assert_cmpuint (login (f, "desk", "guess", NULL, NULL), ==, 401);
  /* The sixth is refused before the password is looked at: even the right one. */
  g_assert_cmpuint (login (f, "desk", "demo-desk", &node, &headers), ==, 429);
  code = turnos_test_error_code (node);
  g_assert_cmpstr (code, ==, "too_many_attempts");
  retry = soup_message_headers_get_one (headers, "Retry-After");
  g_assert_nonnull (retry);
  g_assert_cmpint (atoi (retry), >, 0);
  g_assert_cmpint (atoi (retry), <=, 15 * 60);
  /* Per address too: another account from the same address is held back. */
  g_assert_cmpuint (login (f, "admin", "demo-admin", NULL, NULL), ==, 429);

  /* Fifteen minutes later the window has passed. */
  later = g_date_time_add_minutes (f->t->now, 16);
  turnos_test_inproc_set_now (f->t, later);
  g_assert_cmpuint (login (f, "desk", "demo-desk", NULL, NULL), ==, 200);
}

static void
test_expiry (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *desk = turnos_test_inproc_login (f->t, "desk");
  g_autofree char *patient = turnos_test_inproc_login (f->t, "patient-1");
  g_autoptr(GDateTime) start = g_date_time_ref (f->t->now);
  g_autoptr(GDateTime) t1 = g_date_time_add_hours (start, 11);
  g_autoptr(GDateTime) t2 = g_date_time_add_hours (start, 22);
  g_autoptr(GDateTime) t3 = g_date_time_add_hours (start, 35);
  g_autoptr(GDateTime) t4 = g_date_time_add_days (start, 29);
  g_autoptr(GDateTime) t5 = g_date_time_add_days (start, 31);

  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, desk, "GET", "me", NULL, -1, NULL, NULL), ==, 200);
  /* Staff: 12 hours sliding. Used at 11 h, it lives to 23 h; unused from then, it is gone at 35 h. */
  turnos_test_inproc_set_now (f->t, t1);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, desk, "GET", "me", NULL, -1, NULL, NULL), ==, 200);
  turnos_test_inproc_set_now (f->t, t2);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, desk, "GET", "me", NULL, -1, NULL, NULL), ==, 200);
  turnos_test_inproc_set_now (f->t, t3);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, desk, "GET", "me", NULL, -1, NULL, NULL), ==, 401);
  /* Patients: 30 days from sign-in, however used. */
  turnos_test_inproc_set_now (f->t, t4);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, patient, "GET", "me", NULL, -1, NULL, NULL), ==, 200);
  turnos_test_inproc_set_now (f->t, t5);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, patient, "GET", "me", NULL, -1, NULL, NULL), ==, 401);
}

static void
test_logout_and_password (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *first = turnos_test_inproc_login (f->t, "patient-3");
  g_autofree char *second = turnos_test_inproc_login (f->t, "patient-3");
  g_autofree char *third = turnos_test_inproc_login (f->t, "patient-3");
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *code = NULL;

  /* Logout revokes that token only. */
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, first, "POST", "auth/logout", NULL, -1, NULL, NULL), ==, 204);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, first, "GET", "me", NULL, -1, &node, NULL), ==, 401);
  code = turnos_test_error_code (node);
  g_assert_cmpstr (code, ==, "unauthenticated");
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, second, "GET", "me", NULL, -1, NULL, NULL), ==, 200);

  /* A wrong current password changes nothing; a right one revokes the other tokens. */
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, second, "POST", "auth/password",
                                                   "{\"current\": \"nope\", \"new\": \"a new secret\"}",
                                                   -1, NULL, NULL), ==, 403);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, second, "POST", "auth/password",
                                                   "{\"current\": \"demo-patient-3\", \"new\": \"a new secret\"}",
                                                   -1, NULL, NULL), ==, 204);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, second, "GET", "me", NULL, -1, NULL, NULL), ==, 200);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, third, "GET", "me", NULL, -1, NULL, NULL), ==, 401);
  g_assert_cmpuint (login (f, "patient-3", "demo-patient-3", NULL, NULL), ==, 401);
  g_assert_cmpuint (login (f, "patient-3", "a new secret", NULL, NULL), ==, 200);
}

/* A patient the desk gave a password must set their own before anything else. */
static void
test_must_change (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *token = NULL;
  g_autofree char *code = NULL;
  g_autofree char *id = NULL;
  g_autofree char *mine = NULL;

  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, f->tokens[DESK], "POST", "patients",
                                                   "{\"display_name\": \"Ana Nueva\", \"username\": \"ana.nueva\", "
                                                   "\"password\": \"first-pass\"}", -1, &node, NULL), ==, 201);
  id = g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (login (f, "ana.nueva", "first-pass", &node, NULL), ==, 200);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "must_change_password"));
  token = g_strdup (json_object_get_string_member (json_node_get_object (node), "token"));
  g_clear_pointer (&node, json_node_unref);
  mine = g_strdup_printf ("reservations?client_id=%s", id);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, token, "GET", mine, NULL, -1, &node, NULL), ==, 403);
  code = turnos_test_error_code (node);
  g_assert_cmpstr (code, ==, "password_change_required");
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, token, "POST", "auth/password",
                                                   "{\"current\": \"first-pass\", \"new\": \"my own pass\"}",
                                                   -1, NULL, NULL), ==, 204);
  g_assert_cmpuint (turnos_test_inproc_request_as (f->t, token, "GET", mine, NULL, -1, NULL, NULL), ==, 200);
}

/* Everything the store keeps (turnos_test_store_dump()). */
static GBytes *
store_bytes (Fixture *f)
{
  return turnos_test_store_dump (f->t->uri);
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return memmem (data, len, needle, strlen (needle)) != NULL;
}

static void
test_stored_secrets (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) passwords = turnos_test_store_query (f->t->uri,
    "SELECT password FROM accounts WHERE password IS NOT NULL");
  g_autoptr(GBytes) bytes = NULL;
  guint n = passwords->len;

  /* Every password is an argon2id string. */
  for (guint i = 0; i < passwords->len; i++)
    g_assert_true (g_str_has_prefix (passwords->pdata[i], "$argon2id$v=19$"));
  g_assert_cmpuint (n, >=, 8);

  /* No token and no password in clear, anywhere in the store. */
  bytes = store_bytes (f);
  for (guint i = 1; i < N_WHO; i++)
    {
      g_autofree char *password = g_strconcat ("demo-", who_names[i], NULL);

      g_assert_false (bytes_contain (bytes, f->tokens[i]));
      g_assert_false (bytes_contain (bytes, password));
    }
}

/*
 * Several processes: a revocation reaches every one within seconds
 */

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

/* @method @path with @token and an optional JSON @body, on a fresh connection (the kernel
 * spreads connections over the workers), with the main loop running (it drains the
 * server's log pipe). */
static guint
call (const char *url,
      const char *token,
      const char *method,
      const char *path,
      const char *body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *full = g_strconcat (url, path, NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, full);
  g_autoptr(GBytes) answer = NULL;
  Wait wait = { NULL, FALSE };

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Connection", "close");
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, done_cb, &wait);
  g_assert_true (turnos_test_wait_for (&wait.done, 10000));
  answer = soup_session_send_and_read_finish (session, wait.result, NULL);
  g_object_unref (wait.result);
  return soup_message_get_status (msg);
}

static guint
get_me (const char *url,
        const char *token)
{
  return call (url, token, "GET", "me", NULL);
}

static void
test_workers_revocation (void)
{
  const char *extra[] = { "--workers", "2", NULL };
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, extra);
  const char *url = turnos_test_server_get_url (server);
  g_autofree char *token = turnos_test_server_login (server, "desk");
  g_autofree char *other = turnos_test_server_login (server, "desk");
  gint64 changed;
  guint refused = 0;

  /* Both workers have the token cached. */
  for (int i = 0; i < 20; i++)
    g_assert_cmpuint (get_me (url, token), ==, 200);

  /* A password change through the other token, on whichever worker: the first is revoked. */
  g_assert_cmpuint (call (url, other, "POST", "auth/password",
                          "{\"current\": \"demo-desk\", \"new\": \"another desk pass\"}"), ==, 204);
  changed = g_get_monotonic_time ();
  g_assert_cmpuint (get_me (url, other), ==, 200);

  /* Within the recheck time (2 s) and a margin, every worker refuses it, and keeps refusing. */
  while (refused < 20)
    {
      guint status = get_me (url, token);

      g_assert_cmpint (g_get_monotonic_time () - changed, <, 4 * G_USEC_PER_SEC);
      refused = status == 401 ? refused + 1 : 0;
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/server/auth/matrix", test_matrix);
  ADD ("/server/auth/availability-anonymous", test_availability_anonymous);
  ADD ("/server/auth/seed-booking", test_seed_booking);
  ADD ("/server/auth/no-names-in-errors", test_no_names_in_errors);
  ADD ("/server/auth/no-payment-provider", test_no_payment_provider);
  ADD ("/server/auth/login", test_login);
  ADD ("/server/auth/throttle", test_throttle);
  ADD ("/server/auth/expiry", test_expiry);
  ADD ("/server/auth/logout-and-password", test_logout_and_password);
  ADD ("/server/auth/must-change", test_must_change);
  ADD ("/server/auth/stored-secrets", test_stored_secrets);
#undef ADD
  g_test_add_func ("/server/auth/workers-revocation", test_workers_revocation);

  return g_test_run ();
}
