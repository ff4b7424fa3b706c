/* turnos-pg-blocks.c: the PostgreSQL store's blocks, a professional's time off
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the SQLite store's (turnos-sqlite-blocks.c). Blocks have no constraint with
 * reservations: adding one takes the professional's row FOR UPDATE, so it waits for the
 * bookings under way (which take it FOR KEY SHARE) and they for it (turnos-pg-store.c).
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-pg-store-private.h"

#define query              _turnos_pg_query
#define begin              _turnos_pg_begin
#define commit             _turnos_pg_commit
#define rollback           _turnos_pg_rollback
#define zone_of            _turnos_pg_zone_of
#define local              _turnos_pg_local
#define select_overlapping _turnos_pg_select_overlapping

#define EPOCH(col) "extract(epoch FROM " col ")::bigint"

static TurnosBlock *
block_from_row (TurnosPgStore  *self,
                const PGresult *res,
                int             row)
{
  TurnosBlock *b = turnos_block_new ();
  GTimeZone *tz;

  b->id = g_strdup (VALUE (res, row, 0));
  b->professional_id = g_strdup (VALUE (res, row, 1));
  tz = zone_of (self, b->professional_id);
  b->start = local (tz, _turnos_pg_get_int64 (res, row, 2));
  b->end = local (tz, _turnos_pg_get_int64 (res, row, 3));
  b->reason = g_strdup (VALUE (res, row, 4));
  return b;
}

static gboolean
select_blocks (TurnosPgStore  *self,
               const char     *professional_id,
               gint64          from,
               gint64          to,
               GPtrArray      *out,
               GError        **error)
{
  PGresult *res = query (self,
                         "SELECT id, professional_id, " EPOCH ("start_at") ", " EPOCH ("end_at")
                         ", reason FROM blocks WHERE professional_id = $1 "
                         "AND tstzrange(start_at, end_at, '[)') && "
                         "    tstzrange(to_timestamp($2), to_timestamp($3), '[]') "
                         "AND start_at < to_timestamp($3) AND end_at > to_timestamp($2) "
                         "ORDER BY start_at, id",
                         PARAMS (professional_id, INT64 (from), INT64 (to)), error);

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (out, block_from_row (self, res, i));
  PQclear (res);
  return TRUE;
}

/*
 * Store interface
 */

static TurnosBlock *
add_block_once (TurnosPgStore      *self,
                TurnosBlock        *block,
                GDateTime          *now,
                TurnosReservation **conflict,
                GError            **error)
{
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  g_autoptr(TurnosBlock) stored = NULL;
  g_autofree char *id = NULL;
  gint64 start = g_date_time_to_unix (block->start), end = g_date_time_to_unix (block->end);
  PGresult *res;

  if (!begin (self, error))
    return NULL;
  /* Waits for the bookings under way (FOR KEY SHARE) and holds new ones until committed. */
  if (!(res = query (self, "SELECT 1 FROM professionals WHERE id = $1 FOR UPDATE",
                     PARAMS (block->professional_id), error)))
    goto out;
  PQclear (res);
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
  /* A taken id inserts nothing, and another is tried (see insert_reservation). */
  for (int attempt = 0; attempt < ID_ATTEMPTS && id == NULL; attempt++)
    {
      g_autofree char *fresh = self->new_id ();
      gboolean inserted;

      if (!(res = query (self,
                         "INSERT INTO blocks (id, professional_id, start_at, end_at, reason) "
                         "VALUES ($1, $2, to_timestamp($3), to_timestamp($4), $5) "
                         "ON CONFLICT (id) DO NOTHING",
                         PARAMS (fresh, block->professional_id, INT64 (start), INT64 (end),
                                 block->reason ? block->reason : ""), error)))
        goto out;
      inserted = !g_str_equal (PQcmdTuples (res), "0");
      PQclear (res);
      if (inserted)
        id = g_steal_pointer (&fresh);
      else
        g_message ("store: id %s is taken; trying another", fresh);
    }
  if (id == NULL)
    {
      g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED,
                           "no free id for a block");
      goto out;
    }
  _turnos_pg_append_availability (self, block->professional_id, start, end);
  if (!commit (self, error))
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

static TurnosBlock *
pg_add_block (TurnosStore        *store,
              TurnosBlock        *block,
              GDateTime          *now,
              TurnosReservation **conflict,
              GError            **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);

  for (int attempt = 1;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      TurnosBlock *b = add_block_once (self, block, now, conflict, &local_error);

      if (b != NULL)
        return b;
      if (attempt < MAX_ATTEMPTS && _turnos_pg_should_retry (self, local_error))
        continue;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
}

static gboolean
pg_remove_block (TurnosStore  *store,
                 const char   *professional_id,
                 const char   *block_id,
                 GError      **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  PGresult *res;

  if (!begin (self, error))
    return FALSE;
  if (!(res = query (self,
                     "DELETE FROM blocks WHERE id = $1 AND professional_id = $2 "
                     "RETURNING " EPOCH ("start_at") ", " EPOCH ("end_at"),
                     PARAMS (block_id, professional_id), error)))
    goto out;
  if (PQntuples (res) == 0)
    {
      PQclear (res);
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no block “%s”", block_id);
      goto out;
    }
  {
    gint64 start = _turnos_pg_get_int64 (res, 0, 0), end = _turnos_pg_get_int64 (res, 0, 1);

    PQclear (res);
    _turnos_pg_append_availability (self, professional_id, start, end);
    if (!_turnos_pg_append_offers (self, professional_id, start, end, NULL, error) ||
        !commit (self, error))
      goto out;
  }
  return TRUE;

out:
  rollback (self);
  return FALSE;
}

void
_turnos_pg_blocks_iface_init (TurnosStoreInterface *iface)
{
  iface->add_block = pg_add_block;
  iface->remove_block = pg_remove_block;
}

/*
 * Private API (turnos-pg-store-private.h)
 */

gboolean
_turnos_pg_select_blocks (TurnosPgStore  *self,
                          const char     *professional_id,
                          gint64          from,
                          gint64          to,
                          GPtrArray      *out,
                          GError        **error)
{
  return select_blocks (self, professional_id, from, to, out, error);
}
