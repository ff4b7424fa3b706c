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

#define query          _turnos_pg_query

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

TurnosStore *
turnos_pg_store_new (const char  *uri,
                     GError     **error)
{
  g_autoptr(TurnosPgStore) self = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (TURNOS_TYPE_PG_STORE, NULL);
  self->uri = g_strdup (uri);
  if (!_turnos_pg_migrate (self, TURNOS_PG_SCHEMA_VERSION, error))
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
  g_return_val_if_fail (version >= 1 && version <= TURNOS_PG_SCHEMA_VERSION, NULL);

  self = g_object_new (TURNOS_TYPE_PG_STORE, NULL);
  self->uri = g_strdup (uri);
  if (!_turnos_pg_migrate (self, version, error))
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
