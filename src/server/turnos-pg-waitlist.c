/* turnos-pg-waitlist.c: the PostgreSQL store's waitlist, and the offers when time frees up
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the SQLite store's (turnos-sqlite-waitlist.c): an entry is a patient waiting for a
 * professional's day, kept as the day's text and the instants it spans in the professional's
 * zone; entries end with their day. The order of arrival is a sequence (seq). One patient's
 * additions take turns on the patient's lock, as their bookings do, so the bound on entries
 * per patient holds with several servers.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-events-json.h"
#include "turnos-pg-store-private.h"
#include "turnos-time.h"

const char _turnos_pg_waitlist_schema[] =
  "CREATE TABLE waitlist ("
  "  id text COLLATE \"C\" PRIMARY KEY,"
  "  seq bigserial NOT NULL,"
  "  professional_id text COLLATE \"C\" NOT NULL REFERENCES professionals (id),"
  "  client_id text COLLATE \"C\" NOT NULL,"
  "  day text NOT NULL,"
  "  day_start_at timestamptz NOT NULL,"
  "  day_end_at timestamptz NOT NULL,"
  "  created_at timestamptz NOT NULL,"
  "  offered_at timestamptz,"
  "  UNIQUE (professional_id, day, client_id),"
  "  CHECK (day_end_at > day_start_at));"
  "CREATE INDEX waitlist_by_day ON waitlist (professional_id, day_start_at);"
  "CREATE INDEX waitlist_by_client ON waitlist (client_id, day_end_at);"
  "CREATE INDEX waitlist_by_end ON waitlist (day_end_at);"
  "CREATE INDEX waitlist_by_seq ON waitlist (seq);";

#define EPOCH(col) "extract(epoch FROM " col ")::bigint"
#define WAITLIST_COLUMNS \
  "id, professional_id, client_id, day, " EPOCH ("created_at") ", " EPOCH ("offered_at") ", seq"

#define query _turnos_pg_query

static GDateTime *
local (TurnosPgStore *self,
       const char    *professional_id,
       gint64         ts)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ts);

  return g_date_time_to_timezone (utc, _turnos_pg_zone_of (self, professional_id));
}

static TurnosWaitlistEntry *
entry_from_row (TurnosPgStore  *self,
                const PGresult *res,
                int             row)
{
  TurnosWaitlistEntry *e = turnos_waitlist_entry_new ();

  e->id = g_strdup (VALUE (res, row, 0));
  e->professional_id = g_strdup (VALUE (res, row, 1));
  e->client_id = g_strdup (VALUE (res, row, 2));
  if (!turnos_date_parse (VALUE (res, row, 3), &e->date, NULL))
    g_date_clear (&e->date, 1);
  e->created_at = local (self, e->professional_id, _turnos_pg_get_int64 (res, row, 4));
  if (!PQgetisnull (res, row, 5))
    e->offered_time = local (self, e->professional_id, _turnos_pg_get_int64 (res, row, 5));
  e->seq = _turnos_pg_get_int64 (res, row, 6);
  return e;
}

/*
 * Inside other writes (turnos-pg-store-private.h)
 */

gboolean
_turnos_pg_append_offers (TurnosPgStore  *self,
                          const char     *professional_id,
                          gint64          start_ts,
                          gint64          end_ts,
                          const char     *except_client,
                          GError        **error)
{
  PGresult *res;

  if (start_ts >= end_ts)
    return TRUE;
  /* Each waiting entry is offered the freed time's start, or its day's start when the time
   * began the day before; returned in the order of arrival. */
  if (!(res = query (self,
                     "WITH offered AS ("
                     "  UPDATE waitlist SET offered_at = greatest (to_timestamp($2), day_start_at) "
                     "  WHERE professional_id = $1 AND day_start_at < to_timestamp($3) "
                     "  AND day_end_at > to_timestamp($2) AND ($4::text IS NULL OR client_id <> $4) "
                     "  RETURNING seq, client_id, " EPOCH ("offered_at") " AS at) "
                     "SELECT client_id, at FROM offered ORDER BY seq",
                     PARAMS (professional_id, INT64 (start_ts), INT64 (end_ts), except_client),
                     error)))
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      g_autoptr(GDateTime) start = local (self, professional_id, _turnos_pg_get_int64 (res, i, 1));

      _turnos_pg_append_event (self, turnos_event_waitlist_offer_json (professional_id,
                                                                       VALUE (res, i, 0), start));
    }
  PQclear (res);
  return TRUE;
}

gboolean
_turnos_pg_waitlist_fulfil (TurnosPgStore  *self,
                            const char     *client_id,
                            const char     *professional_id,
                            gint64          start_ts,
                            GError        **error)
{
  PGresult *res = query (self,
                         "DELETE FROM waitlist WHERE client_id = $1 AND professional_id = $2 "
                         "AND day_start_at <= to_timestamp($3) AND day_end_at > to_timestamp($3)",
                         PARAMS (client_id, professional_id, INT64 (start_ts)), error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

/*
 * Store interface
 */

static TurnosWaitlistEntry *
get_entry (TurnosPgStore  *self,
           const char     *id,
           GError        **error)
{
  PGresult *res = query (self, "SELECT " WAITLIST_COLUMNS " FROM waitlist WHERE id = $1",
                         PARAMS (id), error);
  TurnosWaitlistEntry *e = NULL;

  if (res == NULL)
    return NULL;
  if (PQntuples (res) > 0)
    e = entry_from_row (self, res, 0);
  else
    g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no waitlist entry “%s”", id);
  PQclear (res);
  return e;
}

static TurnosWaitlistEntry *
pg_add_waitlist (TurnosStore          *store,
                 TurnosWaitlistEntry  *entry,
                 GDateTime            *now,
                 guint                 max_per_client,
                 gboolean             *existed,
                 GError              **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(GDateTime) day_start = NULL;
  g_autoptr(GDateTime) day_end = NULL;
  g_autofree char *day = turnos_date_format (&entry->date);
  g_autofree char *id = NULL;
  gint64 now_ts = g_date_time_to_unix (now), waiting;
  PGresult *res;

  if (existed != NULL)
    *existed = FALSE;
  if (!(settings = turnos_store_get_professional (store, entry->professional_id, error)))
    return NULL;
  turnos_day_bounds (settings->tz, &entry->date, &day_start, &day_end);

  if (!_turnos_pg_begin (self, error) ||
      !_turnos_pg_lock_patient (self, entry->client_id, error))
    goto out;
  /* Entries end with their day. */
  if (!(res = query (self, "DELETE FROM waitlist WHERE day_end_at <= to_timestamp($1)",
                     PARAMS (INT64 (now_ts)), error)))
    goto out;
  PQclear (res);
  if (!(res = query (self,
                     "SELECT id FROM waitlist WHERE professional_id = $1 AND day = $2 "
                     "AND client_id = $3", PARAMS (entry->professional_id, day, entry->client_id),
                     error)))
    goto out;
  id = PQntuples (res) > 0 ? g_strdup (VALUE (res, 0, 0)) : NULL;
  PQclear (res);
  if (id != NULL)
    {
      _turnos_pg_rollback (self);
      if (existed != NULL)
        *existed = TRUE;
      return get_entry (self, id, error);
    }
  if (!(res = query (self,
                     "SELECT count (*) FROM waitlist WHERE client_id = $1 "
                     "AND day_end_at > to_timestamp($2)",
                     PARAMS (entry->client_id, INT64 (now_ts)), error)))
    goto out;
  waiting = _turnos_pg_get_int64 (res, 0, 0);
  PQclear (res);
  if (waiting >= max_per_client)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_LIMIT,
                   "a patient waits on at most %u days", max_per_client);
      goto out;
    }
  /* A taken id inserts nothing, and another is tried (as every insert of this store). */
  for (int attempt = 0; attempt < 4 && id == NULL; attempt++)
    {
      g_autofree char *fresh = self->new_id ();
      gboolean inserted;

      if (!(res = query (self,
                         "INSERT INTO waitlist (id, professional_id, client_id, day, day_start_at, "
                         "day_end_at, created_at) VALUES ($1, $2, $3, $4, to_timestamp($5), "
                         "to_timestamp($6), to_timestamp($7)) ON CONFLICT (id) DO NOTHING",
                         PARAMS (fresh, entry->professional_id, entry->client_id, day,
                                 INT64 (g_date_time_to_unix (day_start)),
                                 INT64 (g_date_time_to_unix (day_end)), INT64 (now_ts)),
                         error)))
        goto out;
      inserted = !g_str_equal (PQcmdTuples (res), "0");
      PQclear (res);
      if (inserted)
        id = g_steal_pointer (&fresh);
    }
  if (id == NULL)
    {
      g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED,
                           "no free id for a waitlist entry");
      goto out;
    }
  if (!_turnos_pg_commit (self, error))
    goto out;
  return get_entry (self, id, error);

out:
  _turnos_pg_rollback (self);
  return NULL;
}

static TurnosWaitlistEntry *
pg_get_waitlist (TurnosStore  *store,
                 const char   *id,
                 GError      **error)
{
  return get_entry (TURNOS_PG_STORE (store), id, error);
}

static gboolean
pg_remove_waitlist (TurnosStore  *store,
                    const char   *id,
                    GError      **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  PGresult *res = query (self, "DELETE FROM waitlist WHERE id = $1", PARAMS (id), error);
  gboolean gone;

  if (res == NULL)
    return FALSE;
  gone = g_str_equal (PQcmdTuples (res), "0");
  PQclear (res);
  if (gone)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no waitlist entry “%s”", id);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
pg_list_waitlist (TurnosStore                *store,
                  const TurnosWaitlistQuery  *q,
                  gboolean                   *more,
                  GError                    **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_waitlist_entry_unref);
  g_autofree char *day = q->date ? turnos_date_format (q->date) : NULL;
  /* $1 now, $2 professional, $3 client, $4 day (each NULL: any), $5/$6 cursor, $7 limit + 1 */
  PGresult *res = query (self,
                         "SELECT " WAITLIST_COLUMNS " FROM waitlist "
                         "WHERE day_end_at > to_timestamp($1) "
                         "AND ($2::text IS NULL OR professional_id = $2) "
                         "AND ($3::text IS NULL OR client_id = $3) "
                         "AND ($4::text IS NULL OR day = $4) "
                         "AND ($6::text IS NULL OR seq > $5::bigint) ORDER BY seq LIMIT $7",
                         PARAMS (INT64 (g_date_time_to_unix (q->now)), q->professional_id,
                                 q->client_id, day, INT64 (q->after_key), q->after_id,
                                 INT64 ((gint64) q->limit + 1)),
                         error);

  *more = FALSE;
  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    {
      if (out->len == q->limit)
        {
          *more = TRUE;
          break;
        }
      g_ptr_array_add (out, entry_from_row (self, res, i));
    }
  PQclear (res);
  return g_steal_pointer (&out);
}

void
_turnos_pg_waitlist_iface_init (TurnosStoreInterface *iface)
{
  iface->add_waitlist = pg_add_waitlist;
  iface->get_waitlist = pg_get_waitlist;
  iface->remove_waitlist = pg_remove_waitlist;
  iface->list_waitlist = pg_list_waitlist;
}
