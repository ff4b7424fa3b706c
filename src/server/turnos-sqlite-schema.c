/* turnos-sqlite-schema.c: the SQLite store's schema, as the migrations that build it
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PRAGMA user_version is the number of migrations a database has had; opening it runs the
 * ones it lacks, each in a transaction of its own. The files by resource keep their own
 * steps (_turnos_sqlite_*_schema); this list orders them.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-sqlite-store-private.h"

#define exec     _turnos_sqlite_exec
#define rollback _turnos_sqlite_rollback

/* Each migration takes the schema from version i to i + 1. Never edit one that shipped. */
static const char * const migrations[] = {
  /* 1: the first schema */
  "CREATE TABLE professionals ("
  "  id TEXT PRIMARY KEY,"
  "  settings TEXT NOT NULL,"
  "  max_len INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE reservations ("
  "  id TEXT PRIMARY KEY,"
  "  client_id TEXT NOT NULL,"
  "  professional_id TEXT NOT NULL REFERENCES professionals (id),"
  "  start_ts INTEGER NOT NULL,"
  "  end_ts INTEGER NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'CANCELLED')),"
  "  modality TEXT NOT NULL,"
  "  created_ts INTEGER NOT NULL,"
  "  hold_expires_ts INTEGER,"
  "  CHECK (end_ts > start_ts));"
  "CREATE INDEX reservations_by_start ON reservations (professional_id, start_ts);"
  "CREATE INDEX reservations_by_client ON reservations (client_id, start_ts);"
  "CREATE TABLE blocks ("
  "  id TEXT PRIMARY KEY,"
  "  professional_id TEXT NOT NULL REFERENCES professionals (id),"
  "  start_ts INTEGER NOT NULL,"
  "  end_ts INTEGER NOT NULL,"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  CHECK (end_ts > start_ts));"
  "CREATE INDEX blocks_by_end ON blocks (professional_id, end_ts);"
  "CREATE TABLE payments ("
  "  id TEXT PRIMARY KEY,"
  "  reservation_id TEXT NOT NULL REFERENCES reservations (id),"
  "  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'expired')),"
  "  amount TEXT NOT NULL,"
  "  currency TEXT NOT NULL,"
  "  expires_ts INTEGER NOT NULL);"
  "CREATE TABLE idempotency ("
  "  key TEXT PRIMARY KEY,"
  "  request_hash TEXT NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  ref_id TEXT NOT NULL,"
  "  created_ts INTEGER NOT NULL);",
  /* 2: accounts, tokens, sign-in failures, the audit trail (turnos-sqlite-accounts.c) */
  _turnos_sqlite_accounts_schema,
  /* 3: idempotency keys expire, oldest first */
  "CREATE INDEX idempotency_by_created ON idempotency (created_ts);",
  /* 4: releasing lapsed holds reads only the PENDING rows, not a professional's whole agenda
   * (every booking runs that sweep first) */
  "CREATE INDEX reservations_pending ON reservations (professional_id, hold_expires_ts) "
  "WHERE status = 'PENDING';",
  /* 5: why a reservation was cancelled, and its deposit's payment (DESIGN.md) */
  "ALTER TABLE reservations ADD COLUMN cancel_reason TEXT;"
  "ALTER TABLE reservations ADD COLUMN payment_id TEXT;"
  "UPDATE reservations SET payment_id = "
  "  (SELECT id FROM payments WHERE reservation_id = reservations.id);"
  "UPDATE reservations SET cancel_reason = CASE "
  "  WHEN id IN (SELECT reservation_id FROM payments WHERE status = 'expired') THEN 'expired' "
  "  WHEN id IN (SELECT reservation_id FROM payments WHERE status = 'declined') THEN 'released' "
  "  ELSE 'cancelled' END WHERE status = 'CANCELLED';",
  /* 6: live events, and the pending holds by expiry (turnos-sqlite-store-events.c) */
  _turnos_sqlite_events_schema,
  /* 7: weekly series and reschedules (turnos-sqlite-series.c) */
  _turnos_sqlite_series_schema,
  /* 8: the waitlist (turnos-sqlite-waitlist.c) */
  _turnos_sqlite_waitlist_schema,
  /* 9: whether the patient came (turnos-sqlite-attendance.c) */
  _turnos_sqlite_attendance_schema,
};

static gboolean
migrate (TurnosSqliteStore  *self,
         GError            **error)
{
  int version = turnos_sqlite_store_get_schema_version (self);

  for (int v = version; v < (int) G_N_ELEMENTS (migrations); v++)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN IMMEDIATE; %s PRAGMA user_version = %d; COMMIT;",
                                              migrations[v], v + 1);

      if (!exec (self, sql, error))
        {
          rollback (self);
          g_prefix_error (error, "migrating the database to version %d: ", v + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/*
 * Private API (turnos-sqlite-store-private.h)
 */

gboolean
_turnos_sqlite_migrate (TurnosSqliteStore  *self,
                        GError            **error)
{
  return migrate (self, error);
}
