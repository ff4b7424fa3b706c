/* test-holds.c: a deposit's hold over HTTP: released by its patient, lapsed, declined; and what
 * a refused block names
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "turnos-json.h"
#include "turnos-sqlite-store.h"
#include "turnos-test-inproc.h"
#include "turnos-test-store.h"
#ifdef HAVE_POSTGRESQL
#include "turnos-pg-store.h"
#endif

/* The demo clinic at Monday 2 March 2026, 08:00 in Buenos Aires (turnos-test-inproc.h):
 * dr-bruno asks for a deposit, dr-ana does not; both need 24 h to cancel. */
#define TODAY_1300 "2026-03-02T13:00:00"

typedef struct
{
  TurnosTestInproc *t;
  GDateTime        *now;   /* the server's clock, moved by the tests */
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

static void
advance (Fixture *f,
         int      minutes)
{
  GDateTime *later = g_date_time_add_minutes (f->now, minutes);

  g_date_time_unref (f->now);
  f->now = later;
}

static guint
request (Fixture     *f,
         const char  *method,
         const char  *path,
         const char  *body,
         JsonNode   **body_out)
{
  return turnos_test_inproc_request (f->t, method, path, body, -1, body_out);
}

static const char *
member (JsonNode   *node,
        const char *name)
{
  JsonObject *object = json_node_get_object (node);

  return json_object_has_member (object, name) ? json_object_get_string_member (object, name) : NULL;
}

/* Starts a deposit payment for @client with dr-bruno at @start; returns the held reservation. */
static JsonNode *
hold (Fixture    *f,
      const char *client,
      const char *start,
      char      **payment_id)
{
  g_autofree char *body = g_strdup_printf ("{\"client_id\": \"%s\", \"professional_id\": \"dr-bruno\", "
                                           "\"start_time\": \"%s\", \"session_modality\": \"Presencial\"}",
                                           client, start);
  g_autoptr(JsonNode) payment = NULL;
  JsonObject *object;

  g_assert_cmpuint (request (f, "POST", "reservations/payment", body, &payment), ==, 201);
  object = json_node_get_object (payment);
  *payment_id = g_strdup (json_object_get_string_member (object, "payment_id"));
  return json_node_copy (json_object_get_member (object, "reservation"));
}

/* The patient's reservation @id as the list shows it. */
static JsonNode *
listed (Fixture    *f,
        const char *client,
        const char *id)
{
  g_autofree char *path = g_strdup_printf ("reservations?client_id=%s", client);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *list;

  g_assert_cmpuint (request (f, "GET", path, NULL, &node), ==, 200);
  list = json_object_get_array_member (json_node_get_object (node), "reservations");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *r = json_array_get_element (list, i);

      if (g_strcmp0 (member (r, "id"), id) == 0)
        return json_node_copy (r);
    }
  g_assert_not_reached ();
}

static gboolean
offered (Fixture    *f,
         const char *date,
         const char *start)
{
  g_autofree char *path = g_strdup_printf ("reservations/availability?date=%s&professional_id=dr-bruno", date);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *slots;

  g_assert_cmpuint (request (f, "GET", path, NULL, &node), ==, 200);
  slots = json_object_get_array_member (json_node_get_object (node), "slots");
  for (guint i = 0; i < json_array_get_length (slots); i++)
    if (g_strcmp0 (member (json_array_get_element (slots, i), "start_time"), start) == 0)
      return TRUE;
  return FALSE;
}

/* A patient who goes back from paying releases the time at once, though the session is within
 * the 24 h cancel notice: it was never booked. The reservation carries its payment and says
 * why it ended. */
static void
test_release_own_hold (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *payment_id = NULL;
  g_autoptr(JsonNode) held = hold (f, "patient-7", TODAY_1300, &payment_id);
  g_autoptr(JsonNode) row = NULL;
  g_autoptr(JsonNode) cancelled = NULL;
  g_autoptr(JsonNode) payment = NULL;
  g_autofree char *path = NULL;

  g_assert_cmpstr (member (held, "status"), ==, "PENDING");
  g_assert_cmpstr (member (held, "payment_id"), ==, payment_id);
  g_assert_cmpstr (member (held, "hold_expires_at"), ==, "2026-03-02T08:15:00");
  g_assert_false (offered (f, "2026-03-02", TODAY_1300));

  /* My Reservations can resume paying: the list carries the payment and the hold's end. */
  row = listed (f, "patient-7", member (held, "id"));
  g_assert_cmpstr (member (row, "status"), ==, "PENDING");
  g_assert_cmpstr (member (row, "payment_id"), ==, payment_id);
  g_assert_cmpstr (member (row, "hold_expires_at"), ==, "2026-03-02T08:15:00");
  g_assert_null (member (row, "cancel_reason"));

  advance (f, 5);
  path = g_strdup_printf ("reservations/%s/cancel", member (held, "id"));
  g_assert_cmpuint (request (f, "POST", path, NULL, &cancelled), ==, 200);
  g_assert_cmpstr (member (cancelled, "status"), ==, "CANCELLED");
  g_assert_cmpstr (member (cancelled, "cancel_reason"), ==, "released");
  g_assert_true (offered (f, "2026-03-02", TODAY_1300));

  /* The payment can no longer approve what was let go. */
  g_free (path);
  path = g_strdup_printf ("reservations/payment/%s", payment_id);
  g_assert_cmpuint (request (f, "GET", path, NULL, &payment), ==, 200);
  g_assert_cmpstr (member (payment, "status"), ==, "expired");
}

/* The notice still binds a booked session, and a hold that lapsed cannot be released. */
static void
test_notice_still_binds (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonNode) booked = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonNode) lapsed = NULL;
  g_autoptr(JsonNode) held = NULL;
  g_autofree char *code = NULL;
  g_autofree char *lapsed_code = NULL;
  g_autofree char *path = NULL;
  g_autofree char *payment_id = NULL;

  g_assert_cmpuint (request (f, "POST", "reservations/create-without-payment",
                             "{\"client_id\": \"patient-7\", \"professional_id\": \"dr-ana\", "
                             "\"start_time\": \"" TODAY_1300 "\", \"session_modality\": \"Virtual\"}",
                             &booked), ==, 201);
  path = g_strdup_printf ("reservations/%s/cancel", member (booked, "id"));
  g_assert_cmpuint (request (f, "POST", path, NULL, &refused), ==, 409);
  code = turnos_test_error_code (refused);
  g_assert_cmpstr (code, ==, "too_late_to_cancel");

  held = hold (f, "patient-8", TODAY_1300, &payment_id);
  advance (f, 16);
  g_free (path);
  path = g_strdup_printf ("reservations/%s/cancel", member (held, "id"));
  g_assert_cmpuint (request (f, "POST", path, NULL, &lapsed), ==, 409);
  lapsed_code = turnos_test_error_code (lapsed);
  g_assert_cmpstr (lapsed_code, ==, "already_cancelled");
}

/* Each way a reservation ends says which: an expired hold is not a cancellation. */
static void
test_cancel_reasons (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *expiring_payment = NULL;
  g_autofree char *declined_payment = NULL;
  g_autofree char *paid_payment = NULL;
  g_autoptr(JsonNode) expiring = hold (f, "patient-7", "2026-03-04T09:00:00", &expiring_payment);
  g_autoptr(JsonNode) declined = hold (f, "patient-7", "2026-03-04T10:00:00", &declined_payment);
  g_autoptr(JsonNode) paid = hold (f, "patient-7", "2026-03-05T10:00:00", &paid_payment);
  g_autoptr(JsonNode) decline_page = NULL;
  g_autoptr(JsonNode) cancelled = NULL;
  g_autoptr(JsonNode) row = NULL;
  g_autofree char *path = NULL;
  g_autofree char *later_payment = NULL;
  g_autoptr(JsonNode) later = NULL;

  path = g_strdup_printf ("sandbox/checkout/%s/decline", declined_payment);
  g_assert_cmpuint (request (f, "POST", path, NULL, &decline_page), ==, 200);
  g_free (path);
  path = g_strdup_printf ("sandbox/checkout/%s/pay", paid_payment);
  g_assert_cmpuint (request (f, "POST", path, NULL, NULL), ==, 200);

  /* The first hold lapses; the next booking for dr-bruno sweeps it. */
  advance (f, 20);
  later = hold (f, "patient-9", "2026-03-06T10:00:00", &later_payment);

  row = listed (f, "patient-7", member (expiring, "id"));
  g_assert_cmpstr (member (row, "status"), ==, "CANCELLED");
  g_assert_cmpstr (member (row, "cancel_reason"), ==, "expired");
  g_assert_cmpstr (member (row, "payment_id"), ==, expiring_payment);
  g_clear_pointer (&row, json_node_unref);
  row = listed (f, "patient-7", member (declined, "id"));
  g_assert_cmpstr (member (row, "cancel_reason"), ==, "released");
  g_clear_pointer (&row, json_node_unref);
  row = listed (f, "patient-7", member (paid, "id"));
  g_assert_cmpstr (member (row, "status"), ==, "CONFIRMED");
  g_assert_cmpstr (member (row, "payment_id"), ==, paid_payment);
  g_assert_null (member (row, "cancel_reason"));
  g_assert_null (member (row, "hold_expires_at"));

  g_free (path);
  path = g_strdup_printf ("reservations/%s/cancel", member (paid, "id"));
  g_assert_cmpuint (request (f, "POST", path, NULL, &cancelled), ==, 200);
  g_assert_cmpstr (member (cancelled, "cancel_reason"), ==, "cancelled");
}

#ifdef HAVE_POSTGRESQL
/* The same on PostgreSQL: a database left at version 4 by an older turnos-server. */
static void
test_migration_pg (void)
{
  g_autofree char *uri = turnos_test_store_new_uri ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosStore) old = _turnos_pg_store_new_at_version (uri, 4, &error);
  g_autoptr(TurnosStore) store = NULL;
  g_autoptr(TurnosReservation) expired = NULL;
  g_autoptr(TurnosReservation) cancelled = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (turnos_pg_store_get_schema_version (TURNOS_PG_STORE (old)), ==, 4);
  g_clear_object (&old);
  turnos_test_store_exec (uri,
    "INSERT INTO professionals (id, settings) VALUES ('p', '{\"user_id\": \"p\", \"timezone\": \"UTC\"}');"
    "INSERT INTO reservations VALUES ('r1', 'c', 'p', to_timestamp(1000), to_timestamp(2000), "
    "  'CANCELLED', 'Virtual', to_timestamp(1), NULL);"
    "INSERT INTO reservations VALUES ('r2', 'c', 'p', to_timestamp(3000), to_timestamp(4000), "
    "  'CANCELLED', 'Virtual', to_timestamp(1), NULL);"
    "INSERT INTO payments VALUES ('pay1', 'r1', 'expired', '10.00', 'ARS', to_timestamp(500));");

  store = turnos_store_open (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (turnos_pg_store_get_schema_version (TURNOS_PG_STORE (store)), ==, TURNOS_PG_SCHEMA_VERSION);
  expired = turnos_store_get_reservation (store, "r1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (expired->cancel_reason, ==, "expired");
  g_assert_cmpstr (expired->payment_id, ==, "pay1");
  cancelled = turnos_store_get_reservation (store, "r2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cancelled->cancel_reason, ==, "cancelled");
  g_assert_null (cancelled->payment_id);
  g_clear_object (&store);
  turnos_test_store_drop (uri);
}
#endif

/* A database written before cancel_reason and payment_id existed gets both from its payments. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("turnos-holds-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *uri = g_strdup_printf ("sqlite://%s", path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(TurnosStore) store = NULL;
  g_autoptr(TurnosReservation) expired = NULL;
  g_autoptr(TurnosReservation) cancelled = NULL;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  /* Version 1 exactly as it shipped, with one lapsed hold and one cancellation. */
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE professionals (id TEXT PRIMARY KEY, settings TEXT NOT NULL, max_len INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE reservations (id TEXT PRIMARY KEY, client_id TEXT NOT NULL,"
    "  professional_id TEXT NOT NULL REFERENCES professionals (id), start_ts INTEGER NOT NULL,"
    "  end_ts INTEGER NOT NULL, status TEXT NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED')),"
    "  modality TEXT NOT NULL, created_ts INTEGER NOT NULL, hold_expires_ts INTEGER, CHECK (end_ts > start_ts));"
    "CREATE INDEX reservations_by_start ON reservations (professional_id, start_ts);"
    "CREATE INDEX reservations_by_client ON reservations (client_id, start_ts);"
    "CREATE TABLE blocks (id TEXT PRIMARY KEY, professional_id TEXT NOT NULL REFERENCES professionals (id),"
    "  start_ts INTEGER NOT NULL, end_ts INTEGER NOT NULL, reason TEXT NOT NULL DEFAULT '', CHECK (end_ts > start_ts));"
    "CREATE INDEX blocks_by_end ON blocks (professional_id, end_ts);"
    "CREATE TABLE payments (id TEXT PRIMARY KEY, reservation_id TEXT NOT NULL REFERENCES reservations (id),"
    "  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'expired')),"
    "  amount TEXT NOT NULL, currency TEXT NOT NULL, expires_ts INTEGER NOT NULL);"
    "CREATE TABLE idempotency (key TEXT PRIMARY KEY, request_hash TEXT NOT NULL, kind TEXT NOT NULL,"
    "  ref_id TEXT NOT NULL, created_ts INTEGER NOT NULL);"
    "INSERT INTO professionals (id, settings) VALUES ('p', '{\"user_id\": \"p\", \"timezone\": \"UTC\"}');"
    "INSERT INTO reservations VALUES ('r1', 'c', 'p', 1000, 2000, 'CANCELLED', 'Virtual', 1, NULL);"
    "INSERT INTO reservations VALUES ('r2', 'c', 'p', 3000, 4000, 'CANCELLED', 'Virtual', 1, NULL);"
    "INSERT INTO payments VALUES ('pay1', 'r1', 'expired', '10.00', 'ARS', 500);"
    "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = turnos_store_open (uri, &error);
  g_assert_no_error (error);
  /* Every migration: series (7), waitlist (8), attendance (9). */
  g_assert_cmpint (turnos_sqlite_store_get_schema_version (TURNOS_SQLITE_STORE (store)), ==, 9);
  expired = turnos_store_get_reservation (store, "r1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (expired->cancel_reason, ==, "expired");
  g_assert_cmpstr (expired->payment_id, ==, "pay1");
  cancelled = turnos_store_get_reservation (store, "r2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cancelled->cancel_reason, ==, "cancelled");
  g_assert_null (cancelled->payment_id);

  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

/* A block refused for the sessions under it names every one of them, not only the first. */
static void
test_block_names_every_session (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autofree char *code = NULL;
  JsonObject *error;
  JsonArray *sessions;

  /* The demo has patient-1 with dr-ana on Wednesday 4 March at 10:00; one more at 14:00. */
  g_assert_cmpuint (request (f, "POST", "reservations/create-without-payment",
                             "{\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
                             "\"start_time\": \"2026-03-04T14:00:00\", \"session_modality\": \"Virtual\"}",
                             &second), ==, 201);
  g_assert_cmpuint (request (f, "POST", "professionals/dr-ana/blocks",
                             "{\"start_time\": \"2026-03-04T08:00:00\", \"end_time\": \"2026-03-04T18:00:00\", "
                             "\"reason\": \"Congreso\"}", &refused), ==, 409);
  code = turnos_test_error_code (refused);
  g_assert_cmpstr (code, ==, "block_overlaps");
  error = json_object_get_object_member (json_node_get_object (refused), "error");
  sessions = json_object_get_array_member (error, "reservations");
  g_assert_nonnull (sessions);
  g_assert_cmpuint (json_array_get_length (sessions), ==, 2);
  g_assert_cmpstr (member (json_array_get_element (sessions, 0), "client_id"), ==, "patient-1");
  g_assert_cmpstr (member (json_array_get_element (sessions, 0), "start_time"), ==, "2026-03-04T10:00:00");
  g_assert_cmpstr (member (json_array_get_element (sessions, 1), "client_id"), ==, "patient-2");
  g_assert_cmpstr (member (json_array_get_element (sessions, 1), "start_time"), ==, "2026-03-04T14:00:00");
  /* The first one is still where older clients read it. */
  g_assert_cmpstr (member (json_object_get_member (error, "reservation"), "client_id"), ==, "patient-1");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/server/holds/release-own-hold", Fixture, NULL, fixture_set_up, test_release_own_hold, fixture_tear_down);
  g_test_add ("/server/holds/notice-still-binds", Fixture, NULL, fixture_set_up, test_notice_still_binds, fixture_tear_down);
  g_test_add ("/server/holds/cancel-reasons", Fixture, NULL, fixture_set_up, test_cancel_reasons, fixture_tear_down);
  if (turnos_test_store_is_postgresql ())
    {
#ifdef HAVE_POSTGRESQL
      g_test_add_func ("/server/holds/migration", test_migration_pg);
#endif
    }
  else
    g_test_add_func ("/server/holds/migration", test_migration);
  g_test_add ("/server/blocks/conflict-names-every-session", Fixture, NULL, fixture_set_up,
              test_block_names_every_session, fixture_tear_down);

  return g_test_run ();
}
