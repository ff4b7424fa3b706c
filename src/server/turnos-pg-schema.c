/* turnos-pg-schema.c: the PostgreSQL store's schema, as the migrations that build it
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table turnos_schema holds the number of migrations a database has had; opening it runs
 * the ones it lacks (turnos-pg-store.c). The files by resource keep their own steps
 * (_turnos_pg_*_schema); this list orders them, numbered as SQLite's are.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-pg-store-private.h"

#define query _turnos_pg_query

const char * const turnos_pg_store_tables[] = {
  "professionals", "accounts", "reservations", "blocks", "payments", "idempotency", "tokens",
  "login_failures", "audit", "waitlist", NULL
};

/* Each migration takes the schema from version i to i + 1, numbered as SQLite's are. Never
 * edit one that shipped. Identifiers sort bytewise (COLLATE "C"), as SQLite's do. */
static const char * const migrations[] = {
  /* 1: the first schema */
  "CREATE EXTENSION IF NOT EXISTS btree_gist;"
  "CREATE TABLE professionals ("
  "  id text COLLATE \"C\" PRIMARY KEY,"
  "  settings text NOT NULL);"
  "CREATE TABLE reservations ("
  "  id text COLLATE \"C\" PRIMARY KEY,"
  "  client_id text COLLATE \"C\" NOT NULL,"
  "  professional_id text COLLATE \"C\" NOT NULL REFERENCES professionals (id),"
  "  start_at timestamptz NOT NULL,"
  "  end_at timestamptz NOT NULL,"
  "  status text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED')),"
  "  modality text NOT NULL,"
  "  created_at timestamptz NOT NULL,"
  "  hold_expires_at timestamptz,"
  "  CHECK (end_at > start_at),"
  "  CONSTRAINT reservations_no_overlap EXCLUDE USING gist"
  "    (professional_id WITH =, tstzrange(start_at, end_at, '[)') WITH &&)"
  "    WHERE (status <> 'CANCELLED'));"
  "CREATE INDEX reservations_by_time ON reservations"
  "  USING gist (professional_id, tstzrange(start_at, end_at, '[)'));"
  "CREATE INDEX reservations_by_client ON reservations (client_id, start_at, id);"
  "CREATE INDEX reservations_holds ON reservations (professional_id, hold_expires_at)"
  "  WHERE status = 'PENDING';"
  "CREATE TABLE blocks ("
  "  id text COLLATE \"C\" PRIMARY KEY,"
  "  professional_id text COLLATE \"C\" NOT NULL REFERENCES professionals (id),"
  "  start_at timestamptz NOT NULL,"
  "  end_at timestamptz NOT NULL,"
  "  reason text NOT NULL DEFAULT '',"
  "  CHECK (end_at > start_at));"
  "CREATE INDEX blocks_by_time ON blocks"
  "  USING gist (professional_id, tstzrange(start_at, end_at, '[)'));"
  "CREATE TABLE payments ("
  "  id text COLLATE \"C\" PRIMARY KEY,"
  "  reservation_id text COLLATE \"C\" NOT NULL REFERENCES reservations (id),"
  "  status text NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'expired')),"
  "  amount text NOT NULL,"
  "  currency text NOT NULL,"
  "  expires_at timestamptz NOT NULL);"
  "CREATE INDEX payments_by_reservation ON payments (reservation_id);"
  "CREATE TABLE idempotency ("
  "  key text COLLATE \"C\" PRIMARY KEY,"
  "  request_hash text NOT NULL,"
  "  kind text NOT NULL,"
  "  ref_id text NOT NULL,"
  "  created_at timestamptz NOT NULL);",
  /* 2: accounts, tokens, sign-in failures, the audit trail (turnos-pg-accounts.c) */
  _turnos_pg_accounts_schema,
  /* 3: idempotency keys expire, oldest first */
  "CREATE INDEX idempotency_by_created ON idempotency (created_at);",
  /* 4: releasing lapsed holds reads only the PENDING rows (every booking runs that sweep
   * first): version 1 has that index already, under the name SQLite's has since 4 */
  "ALTER INDEX reservations_holds RENAME TO reservations_pending;",
  /* 5: why a reservation was cancelled, and its deposit's payment (DESIGN.md) */
  "ALTER TABLE reservations ADD COLUMN cancel_reason text;"
  "ALTER TABLE reservations ADD COLUMN payment_id text COLLATE \"C\";"
  "UPDATE reservations SET payment_id = "
  "  (SELECT id FROM payments WHERE reservation_id = reservations.id LIMIT 1);"
  "UPDATE reservations SET cancel_reason = CASE "
  "  WHEN id IN (SELECT reservation_id FROM payments WHERE status = 'expired') THEN 'expired' "
  "  WHEN id IN (SELECT reservation_id FROM payments WHERE status = 'declined') THEN 'released' "
  "  ELSE 'cancelled' END WHERE status = 'CANCELLED';",
  /* 6: live events, and the pending holds by expiry (turnos-pg-store-events.c) */
  _turnos_pg_events_schema,
  /* 7: weekly series and reschedules (turnos-pg-series.c) */
  _turnos_pg_series_schema,
  /* 8: the waitlist (turnos-pg-waitlist.c) */
  _turnos_pg_waitlist_schema,
  /* 9: whether the patient came (turnos-pg-attendance.c) */
  _turnos_pg_attendance_schema,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TURNOS_PG_SCHEMA_VERSION);

/* Any number, the same in every server: migrations run one server at a time. */
#define MIGRATION_LOCK "7251017"

/* Inside the migration's transaction; 0 for a database without our schema. */
static int
read_version (TurnosPgStore  *self,
              GError        **error)
{
  PGresult *res = query (self,
                         "SELECT COALESCE ((SELECT max (version) FROM turnos_schema), 0)",
                         0, NULL, error);
  int version;

  if (res == NULL)
    return -1;
  version = (int) _turnos_pg_get_int64 (res, 0, 0);
  PQclear (res);
  return version;
}

/* All the steps a database lacks, in one transaction, under an advisory lock: two servers
 * starting on a fresh database do not both create the tables. */
static gboolean
migrate (TurnosPgStore  *self,
         int             up_to,
         GError        **error)
{
  int version;

  if (!_turnos_pg_exec (self,
                        "BEGIN; SELECT pg_advisory_xact_lock (" MIGRATION_LOCK "); "
                        "CREATE TABLE IF NOT EXISTS turnos_schema (version integer NOT NULL);",
                        error) ||
      (version = read_version (self, error)) < 0)
    goto out;
  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED,
                   "the database has schema version %d; this turnos-server knows up to %d",
                   version, (int) G_N_ELEMENTS (migrations));
      goto out;
    }
  for (int v = version; v < up_to; v++)
    {
      g_autofree char *sql = g_strdup_printf ("%s DELETE FROM turnos_schema; "
                                              "INSERT INTO turnos_schema (version) VALUES (%d);",
                                              migrations[v], v + 1);

      if (!_turnos_pg_exec (self, sql, error))
        {
          g_prefix_error (error, "migrating the database to version %d: ", v + 1);
          goto out;
        }
    }
  return _turnos_pg_commit (self, error);

out:
  _turnos_pg_rollback (self);
  return FALSE;
}

/*
 * Private API (turnos-pg-store-private.h)
 */

gboolean
_turnos_pg_migrate (TurnosPgStore  *self,
                    int             up_to,
                    GError        **error)
{
  return migrate (self, up_to, error);
}
