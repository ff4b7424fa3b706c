/* turnos-sqlite-blocks.c: the SQLite store's blocks, a professional's time off
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A block is a range of a professional's agenda nobody can book. Adding one fails while a
 * live reservation overlaps it; removing one frees its time, which the waitlist is offered.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-sqlite-store-private.h"

#define stmt                 _turnos_sqlite_stmt
#define done                 _turnos_sqlite_done
#define fail                 _turnos_sqlite_fail
#define bind_text            _turnos_sqlite_bind_text
#define begin_write          _turnos_sqlite_begin_write
#define commit               _turnos_sqlite_commit
#define rollback             _turnos_sqlite_rollback
#define insert_with_fresh_id _turnos_sqlite_insert_with_fresh_id
#define zone_of              _turnos_sqlite_zone_of
#define local                _turnos_sqlite_local
#define select_overlapping   _turnos_sqlite_select_overlapping

static TurnosBlock *
block_from_row (TurnosSqliteStore *self,
                sqlite3_stmt      *st)
{
  TurnosBlock *b = turnos_block_new ();
  GTimeZone *tz;

  b->id = g_strdup ((const char *) sqlite3_column_text (st, 0));
  b->professional_id = g_strdup ((const char *) sqlite3_column_text (st, 1));
  tz = zone_of (self, b->professional_id);
  b->start = local (tz, sqlite3_column_int64 (st, 2));
  b->end = local (tz, sqlite3_column_int64 (st, 3));
  b->reason = g_strdup ((const char *) sqlite3_column_text (st, 4));
  return b;
}

static gboolean
select_blocks (TurnosSqliteStore  *self,
               const char         *professional_id,
               gint64              from,
               gint64              to,
               GPtrArray          *out,
               GError            **error)
{
  sqlite3_stmt *st = stmt (self,
                           "SELECT id, professional_id, start_ts, end_ts, reason FROM blocks "
                           "WHERE professional_id = ?1 AND end_ts > ?2 AND start_ts < ?3 "
                           "ORDER BY start_ts", error);
  int rc;

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, professional_id);
  sqlite3_bind_int64 (st, 2, from);
  sqlite3_bind_int64 (st, 3, to);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (out, block_from_row (self, st));
  sqlite3_reset (st);
  return rc == SQLITE_DONE ? TRUE : fail (self, error);
}

/*
 * Store interface
 */

static TurnosBlock *
sqlite_add_block (TurnosStore        *store,
                  TurnosBlock        *block,
                  GDateTime          *now,
                  TurnosReservation **conflict,
                  GError            **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  g_autoptr(TurnosBlock) stored = NULL;
  g_autofree char *id = NULL;
  gint64 start = g_date_time_to_unix (block->start), end = g_date_time_to_unix (block->end);
  sqlite3_stmt *st;

  if (!begin_write (self, error))
    return NULL;
  if (!select_overlapping (self, block->professional_id, start, end, taken, error))
    goto out;
  for (guint i = 0; i < taken->len; i++)
    {
      TurnosReservation *r = g_ptr_array_index (taken, i);

      if (turnos_reservation_is_live (r, now))
        {
          g_autofree char *when = g_date_time_format (r->start, "%Y-%m-%dT%H:%M");

          if (conflict != NULL)
            *conflict = turnos_reservation_ref (r);
          g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT,
                       "the block overlaps reservation %s at %s", r->id, when);
          goto out;
        }
    }
  st = stmt (self,
             "INSERT INTO blocks (id, professional_id, start_ts, end_ts, reason) "
             "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (st == NULL)
    goto out;
  bind_text (st, 2, block->professional_id);
  sqlite3_bind_int64 (st, 3, start);
  sqlite3_bind_int64 (st, 4, end);
  bind_text (st, 5, block->reason ? block->reason : "");
  if (!(id = insert_with_fresh_id (self, st, error)) ||
      !_turnos_sqlite_append_availability (self, block->professional_id, start, end, error) ||
      !commit (self, error))
    goto out;

  stored = turnos_block_new ();
  stored->id = g_steal_pointer (&id);
  stored->professional_id = g_strdup (block->professional_id);
  stored->start = g_date_time_to_timezone (block->start, zone_of (self, block->professional_id));
  stored->end = g_date_time_to_timezone (block->end, zone_of (self, block->professional_id));
  stored->reason = g_strdup (block->reason ? block->reason : "");
  return g_steal_pointer (&stored);

out:
  rollback (self);
  return NULL;
}

static gboolean
sqlite_remove_block (TurnosStore  *store,
                     const char   *professional_id,
                     const char   *block_id,
                     GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st;
  gint64 start, end;
  int rc;

  if (!begin_write (self, error))
    return FALSE;
  st = stmt (self, "SELECT start_ts, end_ts FROM blocks WHERE id = ?1 AND professional_id = ?2",
             error);
  if (st == NULL)
    goto out;
  bind_text (st, 1, block_id);
  bind_text (st, 2, professional_id);
  rc = sqlite3_step (st);
  start = rc == SQLITE_ROW ? sqlite3_column_int64 (st, 0) : 0;
  end = rc == SQLITE_ROW ? sqlite3_column_int64 (st, 1) : 0;
  sqlite3_reset (st);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no block “%s”", block_id);
      goto out;
    }
  if (rc != SQLITE_ROW)
    {
      fail (self, error);
      goto out;
    }
  st = stmt (self, "DELETE FROM blocks WHERE id = ?1 AND professional_id = ?2", error);
  if (st == NULL)
    goto out;
  bind_text (st, 1, block_id);
  bind_text (st, 2, professional_id);
  if (!done (self, st, error) ||
      !_turnos_sqlite_append_availability (self, professional_id, start, end, error) ||
      !_turnos_sqlite_append_offers (self, professional_id, start, end, NULL, error) ||
      !commit (self, error))
    goto out;
  return TRUE;

out:
  rollback (self);
  return FALSE;
}

void
_turnos_sqlite_blocks_iface_init (TurnosStoreInterface *iface)
{
  iface->add_block = sqlite_add_block;
  iface->remove_block = sqlite_remove_block;
}

/*
 * Private API (turnos-sqlite-store-private.h)
 */

gboolean
_turnos_sqlite_select_blocks (TurnosSqliteStore  *self,
                              const char         *professional_id,
                              gint64              from,
                              gint64              to,
                              GPtrArray          *out,
                              GError            **error)
{
  return select_blocks (self, professional_id, from, to, out, error);
}
