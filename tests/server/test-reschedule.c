/* test-reschedule.c: moving a session, and one patient in one place at a time
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
 * patient-1 sees dr-ana (Virtual, 45 min on the hour) on Wednesday 4 March at 10:00; dr-carla
 * gives 90-minute sessions every 30 minutes; dr-bruno asks for a deposit; 24 h to cancel. */
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

static char *
code_of (JsonNode *node)
{
  return turnos_test_error_code (node);
}

/* Books @client with @prof at @start ("YYYY-MM-DDTHH:MM:SS") as the desk; the answer. */
static JsonNode *
book (Fixture    *f,
      const char *client,
      const char *prof,
      const char *start)
{
  g_autofree char *body = g_strdup_printf ("{\"client_id\": \"%s\", \"professional_id\": \"%s\", "
                                           "\"start_time\": \"%s\", \"session_modality\": \"Virtual\"}",
                                           client, prof, start);
  JsonNode *node = NULL;

  g_assert_cmpuint (call (f, NULL, "POST", "reservations/create-without-payment", body, &node), ==, 201);
  return node;
}

static TurnosReservation *
stored (Fixture    *f,
        const char *id)
{
  g_autoptr(GError) error = NULL;
  TurnosReservation *r = turnos_store_get_reservation (f->t->store, id, &error);

  g_assert_no_error (error);
  return r;
}

static guint
reschedule (Fixture     *f,
            const char  *token,
            const char  *id,
            const char  *body,
            JsonNode   **out)
{
  g_autofree char *path = g_strdup_printf ("reservations/%s/reschedule", id);

  return call (f, token, "POST", path, body, out);
}

/* A 90-minute session at 09:00 moves to 09:30: the new time overlaps only its own, which does
 * not count. The old one is CANCELLED "rescheduled", naming the new one. */
static void
test_own_interval (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) first = book (f, "patient-3", "dr-carla", "2026-03-10T09:00:00");
  g_autoptr(JsonNode) moved = NULL;
  g_autoptr(TurnosReservation) old = NULL;
  g_autofree char *patient = turnos_test_inproc_login (f->t, "patient-3");

  g_assert_cmpuint (reschedule (f, patient, str (first, "id"), "{\"start_time\": \"2026-03-10T09:30:00\"}",
                                &moved), ==, 201);
  g_assert_cmpstr (str (moved, "start_time"), ==, "2026-03-10T09:30:00");
  g_assert_cmpstr (str (moved, "end_time"), ==, "2026-03-10T11:00:00");
  g_assert_cmpstr (str (moved, "status"), ==, "CONFIRMED");
  g_assert_cmpstr (str (moved, "session_modality"), ==, "Virtual");
  g_assert_cmpstr (str (moved, "id"), !=, str (first, "id"));
  old = stored (f, str (first, "id"));
  g_assert_cmpint (old->status, ==, TURNOS_STATUS_CANCELLED);
  g_assert_cmpstr (old->cancel_reason, ==, "rescheduled");
  g_assert_cmpstr (old->rescheduled_to, ==, str (moved, "id"));

  /* The same one again: it is cancelled already. */
  {
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *code = NULL;

    g_assert_cmpuint (reschedule (f, patient, str (first, "id"), "{\"start_time\": \"2026-03-10T10:00:00\"}",
                                  &node), ==, 409);
    code = code_of (node);
    g_assert_cmpstr (code, ==, "already_cancelled");
  }
}

/* Onto another patient's time: 409, and nothing changed. */
static void
test_taken (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonNode) mine = book (f, "patient-2", "dr-ana", "2026-03-10T11:00:00");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TurnosReservation) still = NULL;
  g_autoptr(GPtrArray) day = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autofree char *code = NULL;

  g_autoptr(JsonNode) theirs = book (f, "patient-3", "dr-ana", "2026-03-10T10:00:00");
  g_assert_cmpuint (reschedule (f, NULL, str (mine, "id"), "{\"start_time\": \"2026-03-10T10:00:00\"}",
                                &node), ==, 409);
  code = code_of (node);
  g_assert_cmpstr (code, ==, "slot_taken");
  still = stored (f, str (mine, "id"));
  g_assert_cmpint (still->status, ==, TURNOS_STATUS_CONFIRMED);
  g_assert_null (still->rescheduled_to);
  from = turnos_time_parse ("2026-03-10T00:00:00", tz, NULL);
  to = turnos_time_parse ("2026-03-11T00:00:00", tz, NULL);
  g_assert_true (turnos_store_list_range (f->t->store, "dr-ana", from, to, &day, NULL, NULL));
  g_assert_cmpuint (day->len, ==, 2);
}

/* Two reschedules race for one time, each through its own connection to the file: one wins. */
typedef struct
{
  const char *uri;
  GDateTime  *now;
  GMutex      mutex;
  GCond       cond;
  gboolean    go;
  guint       moved;
  guint       refused;
} Race;

typedef struct
{
  Race       *race;
  const char *id;
} Racer;

static gpointer
racer (gpointer data)
{
  Racer *me = data;
  Race *race = me->race;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosStore) store = turnos_store_open (race->uri, &error);
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(TurnosReservation) draft = turnos_reservation_new ();
  g_autoptr(TurnosReservation) moved = NULL;

  g_assert_no_error (error);
  draft->start = turnos_time_parse ("2026-03-12T15:00:00", tz, NULL);
  draft->end = g_date_time_add_minutes (draft->start, 45);
  draft->modality = TURNOS_MODALITY_VIRTUAL;
  g_mutex_lock (&race->mutex);
  while (!race->go)
    g_cond_wait (&race->cond, &race->mutex);
  g_mutex_unlock (&race->mutex);

  moved = turnos_store_reschedule (store, me->id, draft, TURNOS_STORE_BOOK_DEFAULT, race->now, NULL, &error);
  g_mutex_lock (&race->mutex);
  if (moved != NULL)
    race->moved++;
  else if (g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT))
    race->refused++;
  g_mutex_unlock (&race->mutex);
  return NULL;
}

static void
test_race (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonNode) a = book (f, "patient-2", "dr-ana", "2026-03-12T10:00:00");
  g_autoptr(JsonNode) b = book (f, "patient-3", "dr-ana", "2026-03-12T11:00:00");
  g_autofree char *uri = g_strdup (f->t->uri);
  g_autoptr(GPtrArray) day = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  Race race = { uri, f->now };
  Racer racers[2] = { { &race, str (a, "id") }, { &race, str (b, "id") } };
  GThread *threads[2];
  guint live = 0;

  g_mutex_init (&race.mutex);
  g_cond_init (&race.cond);
  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("racer", racer, &racers[i]);
  g_mutex_lock (&race.mutex);
  race.go = TRUE;
  g_cond_broadcast (&race.cond);
  g_mutex_unlock (&race.mutex);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (race.moved, ==, 1);
  g_assert_cmpuint (race.refused, ==, 1);
  from = turnos_time_parse ("2026-03-12T15:00:00", tz, NULL);
  to = turnos_time_parse ("2026-03-12T15:45:00", tz, NULL);
  g_assert_true (turnos_store_list_range (f->t->store, "dr-ana", from, to, &day, NULL, NULL));
  for (guint i = 0; i < day->len; i++)
    live += turnos_reservation_is_live (day->pdata[i], f->now);
  g_assert_cmpuint (live, ==, 1);
  g_mutex_clear (&race.mutex);
  g_cond_clear (&race.cond);
}

/* A paid deposit moves with its session: the new reservation carries the payment, and the
 * payment names the new reservation. */
static void
test_deposit (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonNode) payment = NULL;
  g_autoptr(JsonNode) moved = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(TurnosReservation) old = NULL;
  g_autofree char *pay = NULL;
  g_autofree char *see = NULL;
  const char *old_id;

  g_assert_cmpuint (call (f, NULL, "POST", "reservations/payment",
                          "{\"client_id\": \"patient-2\", \"professional_id\": \"dr-bruno\", "
                          "\"start_time\": \"2026-03-10T10:00:00\", \"session_modality\": \"Presencial\"}",
                          &payment), ==, 201);
  pay = g_strdup_printf ("sandbox/checkout/%s/pay", str (payment, "payment_id"));
  g_assert_cmpuint (call (f, NULL, "POST", pay, NULL, NULL), ==, 200);
  old_id = str (json_object_get_member (json_node_get_object (payment), "reservation"), "id");

  g_assert_cmpuint (reschedule (f, NULL, old_id, "{\"start_time\": \"2026-03-11T14:00:00\"}", &moved), ==, 201);
  g_assert_cmpstr (str (moved, "status"), ==, "CONFIRMED");
  g_assert_cmpstr (str (moved, "payment_id"), ==, str (payment, "payment_id"));
  old = stored (f, old_id);
  g_assert_null (old->payment_id);
  see = g_strdup_printf ("reservations/payment/%s", str (payment, "payment_id"));
  g_assert_cmpuint (call (f, NULL, "GET", see, NULL, &after), ==, 200);
  g_assert_cmpstr (str (after, "status"), ==, "approved");
  g_assert_cmpstr (str (json_object_get_member (json_node_get_object (after), "reservation"), "id"), ==,
                   str (moved, "id"));
}

/* The patient moves a session until the cancel notice; then only the desk, with a reason. */
static void
test_notice (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *patient = turnos_test_inproc_login (f->t, "patient-1");
  g_autofree char *pro = turnos_test_inproc_login (f->t, "dr-carla");
  g_autofree char *admin = turnos_test_inproc_login (f->t, "admin");
  g_autoptr(JsonNode) mine = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) audit = NULL;
  g_autofree char *text = NULL;
  const char *id;

  g_assert_cmpuint (call (f, patient, "GET", "reservations?status=live&order=asc&from=2026-03-02", NULL, &mine), ==, 200);
  id = str (json_array_get_element (json_object_get_array_member (json_node_get_object (mine), "reservations"), 0), "id");

  /* Tuesday 3 March, 12:00: Wednesday 10:00 is within the 24 h. */
  g_date_time_unref (f->now);
  f->now = g_date_time_add_hours (f->t->now, 28);
  g_free (f->t->token);
  f->t->token = turnos_test_inproc_login (f->t, "desk");
  g_free (patient);
  patient = turnos_test_inproc_login (f->t, "patient-1");
  g_free (pro);
  pro = turnos_test_inproc_login (f->t, "dr-carla");
  g_free (admin);
  admin = turnos_test_inproc_login (f->t, "admin");

  {
    g_autofree char *code = NULL;

    g_assert_cmpuint (reschedule (f, patient, id, "{\"start_time\": \"2026-03-05T10:00:00\"}", &node), ==, 409);
    code = code_of (node);
    g_assert_cmpstr (code, ==, "too_late_to_cancel");
  }
  g_assert_cmpuint (reschedule (f, NULL, id, "{\"start_time\": \"2026-03-05T10:00:00\"}", NULL), ==, 409);
  g_assert_cmpuint (reschedule (f, patient, id, "{\"start_time\": \"2026-03-05T10:00:00\", "
                                "\"override_reason\": \"please\"}", NULL), ==, 403);
  /* Not dr-carla's agenda. */
  g_assert_cmpuint (reschedule (f, pro, id, "{\"start_time\": \"2026-03-05T10:00:00\"}", NULL), ==, 403);
  /* A reschedule keeps the professional; the new time follows the rules. */
  g_assert_cmpuint (reschedule (f, NULL, id, "{\"start_time\": \"2026-03-05T10:00:00\", "
                                "\"professional_id\": \"dr-carla\", \"override_reason\": \"x\"}", NULL), ==, 400);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (reschedule (f, NULL, id, "{\"start_time\": \"2026-03-05T10:30:00\", "
                                "\"override_reason\": \"x\"}", &node), ==, 422);
  {
    g_autofree char *code = code_of (node);

    g_assert_cmpstr (code, ==, "outside_working_hours");
  }
  g_assert_cmpuint (reschedule (f, NULL, id, "{}", NULL), ==, 400);
  g_assert_cmpuint (reschedule (f, NULL, "nope", "{\"start_time\": \"2026-03-05T10:00:00\"}", NULL), ==, 404);
  {
    g_autoptr(TurnosReservation) unchanged = stored (f, id);

    g_assert_cmpint (unchanged->status, ==, TURNOS_STATUS_CONFIRMED);
  }

  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (reschedule (f, NULL, id, "{\"start_time\": \"2026-03-05T10:00:00\", "
                                "\"override_reason\": \"Fever\"}", &node), ==, 201);
  g_assert_cmpuint (call (f, admin, "GET", "audit", NULL, &audit), ==, 200);
  text = turnos_json_to_string (audit, NULL);
  g_assert_nonnull (strstr (text, "reservation.reschedule.override"));
  g_assert_nonnull (strstr (text, "Fever"));
}

/* patient-1 sees dr-ana on Wednesday 4 March at 10:00: with dr-carla at 09:30 (until 11:00),
 * with dr-bruno's deposit at 10:00, or moving another session there, they would be in two
 * places: 409 patient_busy naming their session. The desk overrides with a reason, audited. */
static void
test_patient_busy (Fixture       *f,
                   gconstpointer  data)
{
  const char *carla = "{\"client_id\": \"patient-1\", \"professional_id\": \"dr-carla\", "
                      "\"start_time\": \"2026-03-04T09:30:00\", \"session_modality\": \"Virtual\"}";
  const char *bruno = "{\"client_id\": \"patient-1\", \"professional_id\": \"dr-bruno\", "
                      "\"start_time\": \"2026-03-04T10:00:00\", \"session_modality\": \"Presencial\"}";
  g_autofree char *patient = turnos_test_inproc_login (f->t, "patient-1");
  g_autofree char *admin = turnos_test_inproc_login (f->t, "admin");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) later = NULL;
  g_autoptr(JsonNode) audit = NULL;
  g_autofree char *text = NULL;
  g_autofree char *forced = NULL;
  JsonObject *inner;
  JsonNode *other;

  g_assert_cmpuint (call (f, patient, "POST", "reservations/create-without-payment", carla, &node), ==, 409);
  inner = json_object_get_object_member (json_node_get_object (node), "error");
  g_assert_cmpstr (json_object_get_string_member (inner, "code"), ==, "patient_busy");
  other = json_object_get_member (inner, "reservation");
  g_assert_nonnull (other);
  g_assert_cmpstr (str (other, "professional_id"), ==, "dr-ana");
  g_assert_cmpstr (str (other, "start_time"), ==, "2026-03-04T10:00:00");
  g_assert_cmpstr (str (other, "client_id"), ==, "patient-1");

  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, patient, "POST", "reservations/payment", bruno, &node), ==, 409);
  {
    g_autofree char *code = code_of (node);

    g_assert_cmpstr (code, ==, "patient_busy");
  }

  /* Moving another session onto it. */
  later = book (f, "patient-1", "dr-carla", "2026-03-04T14:00:00");
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (reschedule (f, patient, str (later, "id"), "{\"start_time\": \"2026-03-04T09:30:00\"}",
                                &node), ==, 409);
  {
    g_autofree char *code = code_of (node);

    g_assert_cmpstr (code, ==, "patient_busy");
  }

  /* The desk books it anyway, with its reason in the audit. */
  forced = g_strdup_printf ("{\"client_id\": \"patient-1\", \"professional_id\": \"dr-bruno\", "
                            "\"start_time\": \"2026-03-04T10:00:00\", \"session_modality\": \"Presencial\", "
                            "\"override_reason\": \"Family session, both rooms\"}");
  g_assert_cmpuint (call (f, patient, "POST", "reservations/payment", forced, NULL), ==, 403);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/payment", forced, NULL), ==, 201);
  g_assert_cmpuint (call (f, admin, "GET", "audit", NULL, &audit), ==, 200);
  text = turnos_json_to_string (audit, NULL);
  g_assert_nonnull (strstr (text, "reservation.create.override"));
  g_assert_nonnull (strstr (text, "Family session, both rooms"));
}

/* A lapsed hold keeps nobody busy; a cancelled session neither. */
static void
test_lapsed_not_busy (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *cancel = NULL;

  g_assert_cmpuint (call (f, NULL, "POST", "reservations/payment",
                          "{\"client_id\": \"patient-2\", \"professional_id\": \"dr-bruno\", "
                          "\"start_time\": \"2026-03-10T10:00:00\", \"session_modality\": \"Presencial\"}",
                          &node), ==, 201);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/create-without-payment",
                          "{\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
                          "\"start_time\": \"2026-03-10T10:00:00\", \"session_modality\": \"Virtual\"}",
                          NULL), ==, 409);
  /* Twenty minutes on, the 15-minute hold has lapsed. */
  g_date_time_unref (f->now);
  f->now = g_date_time_add_minutes (f->t->now, 20);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/create-without-payment",
                          "{\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
                          "\"start_time\": \"2026-03-10T10:00:00\", \"session_modality\": \"Virtual\"}",
                          &node), ==, 201);
  cancel = g_strdup_printf ("reservations/%s/cancel", str (node, "id"));
  g_assert_cmpuint (call (f, NULL, "POST", cancel, NULL, NULL), ==, 200);
  g_assert_cmpuint (call (f, NULL, "POST", "reservations/create-without-payment",
                          "{\"client_id\": \"patient-2\", \"professional_id\": \"dr-carla\", "
                          "\"start_time\": \"2026-03-10T09:30:00\", \"session_modality\": \"Virtual\"}",
                          NULL), ==, 201);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/server/reschedule/own-interval", test_own_interval);
  ADD ("/server/reschedule/taken", test_taken);
  ADD ("/server/reschedule/race", test_race);
  ADD ("/server/reschedule/deposit", test_deposit);
  ADD ("/server/reschedule/notice", test_notice);
  ADD ("/server/patient-busy/across-professionals", test_patient_busy);
  ADD ("/server/patient-busy/lapsed-and-cancelled", test_lapsed_not_busy);
#undef ADD

  return g_test_run ();
}
