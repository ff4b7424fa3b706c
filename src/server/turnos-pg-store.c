/* turnos-pg-store.c: the PostgreSQL store
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same behaviour as the SQLite store (turnos-sqlite-store.c), for several servers on one
 * database. Times are timestamptz, crossing the wire as Unix seconds (to_timestamp, extract
 * epoch); every value is a bound parameter of a statement prepared once per connection.
 *
 * No overlap: the exclusion constraint reservations_no_overlap (btree_gist) forbids two
 * CONFIRMED or PENDING reservations of one professional whose [start, end) meet. A live
 * reservation is CONFIRMED, or PENDING with its hold not lapsed; a lapsed hold still counts
 * for the constraint, so a booking first releases the professional's lapsed holds (CANCELLED,
 * their payments expired) in its own transaction, then checks and inserts. Two bookings
 * racing for one time both pass the check; the constraint makes the second insert wait for
 * the first and fail (23P01), answered 409 like the check's own conflict.
 *
 * Blocks have no constraint with reservations: a booking takes the professional's row
 * FOR KEY SHARE (bookings do not wait for each other) and a block FOR UPDATE (it waits for
 * the bookings under way, and they for it), so each sees what the other committed.
 *
 * Everything runs in READ COMMITTED; a deadlock PostgreSQL breaks is run again, at most
 * MAX_ATTEMPTS times, then answered as a conflict. Durability: a 2xx follows COMMIT, with the
 * cluster's own synchronous_commit.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-id.h"
#include "turnos-pg-store-private.h"

static void store_iface_init (TurnosStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TurnosPgStore, turnos_pg_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TURNOS_TYPE_STORE, store_iface_init))

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

#define query          _turnos_pg_query
#define begin          _turnos_pg_begin
#define commit         _turnos_pg_commit
#define rollback       _turnos_pg_rollback

/*
 * Rows to models
 */

static GTimeZone *
zone_of (TurnosPgStore *self,
         const char    *professional_id)
{
  GTimeZone *tz = g_hash_table_lookup (self->zones, professional_id);

  if (tz == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TurnosSettings) settings = turnos_store_get_professional (TURNOS_STORE (self),
                                                                          professional_id, &error);

      if (settings != NULL)
        tz = g_time_zone_ref (settings->tz);
      else if (g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND))
        tz = g_time_zone_new_utc ();
      else
        return self->utc;   /* the database failed this once: UTC for now, not kept */
      g_hash_table_insert (self->zones, g_strdup (professional_id), tz);
    }
  return tz;
}

static GDateTime *
local (GTimeZone *tz,
       gint64     ts)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ts);

  return g_date_time_to_timezone (utc, tz);
}

/*
 * Store interface
 */

static gboolean
pg_wipe (TurnosStore  *store,
         GError      **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);

  _turnos_pg_forget_professionals (self);
  if (!_turnos_pg_exec (self,
                        "BEGIN; TRUNCATE idempotency, payments, tokens, login_failures, audit, "
                        "accounts, events, waitlist, blocks, reservations, professionals; "
                        "SELECT pg_notify('" TURNOS_PG_SETTINGS_CHANNEL "', '*'); COMMIT;",
                        error))
    {
      _turnos_pg_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static void
store_iface_init (TurnosStoreInterface *iface)
{
  iface->wipe = pg_wipe;
  _turnos_pg_professionals_iface_init (iface);
  _turnos_pg_reservations_iface_init (iface);
  _turnos_pg_blocks_iface_init (iface);
  _turnos_pg_payments_iface_init (iface);
  _turnos_pg_accounts_iface_init (iface);
  _turnos_pg_events_iface_init (iface);
  _turnos_pg_series_iface_init (iface);
  _turnos_pg_waitlist_iface_init (iface);
  _turnos_pg_attendance_iface_init (iface);
}

/*
 * GObject overrides
 */

static void
turnos_pg_store_finalize (GObject *object)
{
  TurnosPgStore *self = TURNOS_PG_STORE (object);

  _turnos_pg_rollback (self);
  _turnos_pg_conn_give (g_steal_pointer (&self->conn));
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->zones, g_hash_table_unref);
  g_clear_pointer (&self->professionals, g_hash_table_unref);
  g_clear_pointer (&self->utc, g_time_zone_unref);
  g_free (self->uri);

  G_OBJECT_CLASS (turnos_pg_store_parent_class)->finalize (object);
}

static void
turnos_pg_store_class_init (TurnosPgStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = turnos_pg_store_finalize;
}

static void
turnos_pg_store_init (TurnosPgStore *self)
{
  self->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_time_zone_unref);
  self->professionals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) turnos_settings_unref);
  self->utc = g_time_zone_new_utc ();
  self->new_id = turnos_id_new;
}

/*
 * Public API
 */

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

int
turnos_pg_store_get_schema_version (TurnosPgStore *self)
{
  PGresult *res;
  int version;

  g_return_val_if_fail (TURNOS_IS_PG_STORE (self), -1);

  if (!(res = query (self, "SELECT max (version) FROM turnos_schema", 0, NULL, NULL)))
    return -1;
  version = PQgetisnull (res, 0, 0) ? 0 : (int) _turnos_pg_get_int64 (res, 0, 0);
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

TurnosStore *
turnos_pg_store_new (const char  *uri,
                     GError     **error)
{
  g_autoptr(TurnosPgStore) self = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (TURNOS_TYPE_PG_STORE, NULL);
  self->uri = g_strdup (uri);
  if (!migrate (self, G_N_ELEMENTS (migrations), error))
    return NULL;
  return TURNOS_STORE (g_steal_pointer (&self));
}

TurnosStore *
_turnos_pg_store_new_at_version (const char  *uri,
                                 int          version,
                                 GError     **error)
{
  g_autoptr(TurnosPgStore) self = NULL;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (version >= 1 && version <= (int) G_N_ELEMENTS (migrations), NULL);

  self = g_object_new (TURNOS_TYPE_PG_STORE, NULL);
  self->uri = g_strdup (uri);
  if (!migrate (self, version, error))
    return NULL;
  return TURNOS_STORE (g_steal_pointer (&self));
}

void
_turnos_pg_store_set_id_func (TurnosPgStore  *self,
                              TurnosPgIdFunc  func)
{
  g_return_if_fail (TURNOS_IS_PG_STORE (self));
  self->new_id = func != NULL ? func : turnos_id_new;
}

GTimeZone *
_turnos_pg_zone_of (TurnosPgStore *self,
                    const char    *professional_id)
{
  return zone_of (self, professional_id);
}

GDateTime *
_turnos_pg_local (GTimeZone *tz,
                  gint64     ts)
{
  return local (tz, ts);
}
