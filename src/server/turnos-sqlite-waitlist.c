/* turnos-sqlite-waitlist.c: the SQLite store's waitlist, and the offers when time frees up
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entry is a patient waiting for a professional's day (DESIGN.md "Reschedule, series,
 * waitlist"). Its day is kept as the text the API speaks and as the instants it spans in the
 * professional's zone, so "which entries does this freed time touch" and "which days are
 * over" are range queries. Entries end with their day: each insert forgets the ended ones,
 * and no list shows them.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-events-json.h"
#include "turnos-sqlite-store-private.h"
#include "turnos-time.h"

const char _turnos_sqlite_waitlist_schema[] =
  "CREATE TABLE waitlist ("
  "  id TEXT PRIMARY KEY,"
  "  professional_id TEXT NOT NULL REFERENCES professionals (id),"
  "  client_id TEXT NOT NULL,"
  "  day TEXT NOT NULL,"
  "  day_start_ts INTEGER NOT NULL,"
  "  day_end_ts INTEGER NOT NULL,"
  "  created_ts INTEGER NOT NULL,"
  "  offered_ts INTEGER,"
  "  UNIQUE (professional_id, day, client_id),"
  "  CHECK (day_end_ts > day_start_ts));"
  "CREATE INDEX waitlist_by_day ON waitlist (professional_id, day_start_ts);"
  "CREATE INDEX waitlist_by_client ON waitlist (client_id, day_end_ts);"
  "CREATE INDEX waitlist_by_end ON waitlist (day_end_ts);";

#define stmt _turnos_sqlite_stmt
#define done _turnos_sqlite_done
#define fail _turnos_sqlite_fail

/* rowid is the order of arrival: SQLite gives a new row one more than the largest there. */
#define WAITLIST_COLUMNS \
  "id, professional_id, client_id, day, created_ts, offered_ts, rowid"

static void
bind_text (sqlite3_stmt *st,
           int           i,
           const char   *text)
{
  sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
}

static GDateTime *
local (TurnosSqliteStore *self,
       const char        *professional_id,
       gint64             ts)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ts);

  return g_date_time_to_timezone (utc, _turnos_sqlite_zone_of (self, professional_id));
}

static TurnosWaitlistEntry *
entry_from_row (TurnosSqliteStore *self,
                sqlite3_stmt      *st)
{
  TurnosWaitlistEntry *e = turnos_waitlist_entry_new ();

  e->id = g_strdup ((const char *) sqlite3_column_text (st, 0));
  e->professional_id = g_strdup ((const char *) sqlite3_column_text (st, 1));
  e->client_id = g_strdup ((const char *) sqlite3_column_text (st, 2));
  if (!turnos_date_parse ((const char *) sqlite3_column_text (st, 3), &e->date, NULL))
    g_date_clear (&e->date, 1);
  e->created_at = local (self, e->professional_id, sqlite3_column_int64 (st, 4));
  if (sqlite3_column_type (st, 5) != SQLITE_NULL)
    e->offered_time = local (self, e->professional_id, sqlite3_column_int64 (st, 5));
  e->seq = sqlite3_column_int64 (st, 6);
  return e;
}

/*
 * Inside other writes (turnos-sqlite-store-private.h)
 */

typedef struct
{
  char   *id;
  char   *client_id;
  gint64  day_start;
} Waiting;

static void
waiting_clear (Waiting *w)
{
  g_free (w->id);
  g_free (w->client_id);
}

gboolean
_turnos_sqlite_append_offers (TurnosSqliteStore  *self,
                              const char         *professional_id,
                              gint64              start_ts,
                              gint64              end_ts,
                              const char         *except_client,
                              GError            **error)
{
  g_autoptr(GArray) waiting = g_array_new (FALSE, FALSE, sizeof (Waiting));
  sqlite3_stmt *st;
  int rc;

  g_assert (!sqlite3_get_autocommit (self->db));

  if (start_ts >= end_ts)
    return TRUE;
  g_array_set_clear_func (waiting, (GDestroyNotify) waiting_clear);
  st = stmt (self,
             "SELECT id, client_id, day_start_ts FROM waitlist WHERE professional_id = ?1 "
             "AND day_start_ts < ?3 AND day_end_ts > ?2 AND (?4 IS NULL OR client_id <> ?4) "
             "ORDER BY rowid", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, professional_id);
  sqlite3_bind_int64 (st, 2, start_ts);
  sqlite3_bind_int64 (st, 3, end_ts);
  if (except_client != NULL)
    bind_text (st, 4, except_client);
  /* Read them all first: appending runs other statements on the connection. */
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      Waiting w = {
        .id = g_strdup ((const char *) sqlite3_column_text (st, 0)),
        .client_id = g_strdup ((const char *) sqlite3_column_text (st, 1)),
        .day_start = sqlite3_column_int64 (st, 2),
      };

      g_array_append_val (waiting, w);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return fail (self, error);

  for (guint i = 0; i < waiting->len; i++)
    {
      Waiting *w = &g_array_index (waiting, Waiting, i);
      gint64 at = MAX (start_ts, w->day_start);
      g_autoptr(GDateTime) start = local (self, professional_id, at);
      g_autofree char *json = turnos_event_waitlist_offer_json (professional_id, w->client_id, start);

      if (!_turnos_sqlite_append_event (self, json, error) ||
          !(st = stmt (self, "UPDATE waitlist SET offered_ts = ?2 WHERE id = ?1", error)))
        return FALSE;
      bind_text (st, 1, w->id);
      sqlite3_bind_int64 (st, 2, at);
      if (!done (self, st, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_turnos_sqlite_waitlist_fulfil (TurnosSqliteStore  *self,
                                const char         *client_id,
                                const char         *professional_id,
                                gint64              start_ts,
                                GError            **error)
{
  sqlite3_stmt *st = stmt (self,
                           "DELETE FROM waitlist WHERE client_id = ?1 AND professional_id = ?2 "
                           "AND day_start_ts <= ?3 AND day_end_ts > ?3", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, client_id);
  bind_text (st, 2, professional_id);
  sqlite3_bind_int64 (st, 3, start_ts);
  return done (self, st, error);
}

/*
 * Store interface
 */

static TurnosWaitlistEntry *
get_entry (TurnosSqliteStore  *self,
           const char         *id,
           GError            **error)
{
  sqlite3_stmt *st = stmt (self, "SELECT " WAITLIST_COLUMNS " FROM waitlist WHERE id = ?1", error);
  TurnosWaitlistEntry *e = NULL;
  int rc;

  if (st == NULL)
    return NULL;
  bind_text (st, 1, id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    e = entry_from_row (self, st);
  sqlite3_reset (st);
  if (rc == SQLITE_DONE)
    g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no waitlist entry “%s”", id);
  else if (rc != SQLITE_ROW)
    fail (self, error);
  return e;
}

/* The id of @client_id's entry for @day of @professional_id, or NULL (and TRUE) when none. */
static gboolean
find_entry (TurnosSqliteStore  *self,
            const char         *professional_id,
            const char         *day,
            const char         *client_id,
            char              **id,
            GError            **error)
{
  sqlite3_stmt *st = stmt (self,
                           "SELECT id FROM waitlist WHERE professional_id = ?1 AND day = ?2 "
                           "AND client_id = ?3", error);
  int rc;

  *id = NULL;
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, professional_id);
  bind_text (st, 2, day);
  bind_text (st, 3, client_id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    *id = g_strdup ((const char *) sqlite3_column_text (st, 0));
  sqlite3_reset (st);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TRUE : fail (self, error);
}

static gint64
count_waiting (TurnosSqliteStore  *self,
               const char         *client_id,
               gint64              now,
               GError            **error)
{
  sqlite3_stmt *st = stmt (self,
                           "SELECT COUNT(*) FROM waitlist WHERE client_id = ?1 AND day_end_ts > ?2",
                           error);
  gint64 n = -1;

  if (st == NULL)
    return -1;
  bind_text (st, 1, client_id);
  sqlite3_bind_int64 (st, 2, now);
  if (sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  if (n < 0)
    fail (self, error);
  return n;
}

static TurnosWaitlistEntry *
sqlite_add_waitlist (TurnosStore          *store,
                     TurnosWaitlistEntry  *entry,
                     GDateTime            *now,
                     guint                 max_per_client,
                     gboolean             *existed,
                     GError              **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(GDateTime) day_start = NULL;
  g_autoptr(GDateTime) day_end = NULL;
  g_autofree char *day = turnos_date_format (&entry->date);
  g_autofree char *id = NULL;
  gint64 now_ts = g_date_time_to_unix (now), waiting;
  sqlite3_stmt *st;

  if (existed != NULL)
    *existed = FALSE;
  if (!(settings = turnos_store_get_professional (store, entry->professional_id, error)))
    return NULL;
  turnos_day_bounds (settings->tz, &entry->date, &day_start, &day_end);

  if (!_turnos_sqlite_begin_write (self, error))
    return NULL;
  /* Entries end with their day. */
  if (!(st = stmt (self, "DELETE FROM waitlist WHERE day_end_ts <= ?1", error)))
    goto out;
  sqlite3_bind_int64 (st, 1, now_ts);
  if (!done (self, st, error) ||
      !find_entry (self, entry->professional_id, day, entry->client_id, &id, error))
    goto out;
  if (id != NULL)
    {
      _turnos_sqlite_rollback (self);
      if (existed != NULL)
        *existed = TRUE;
      return get_entry (self, id, error);
    }
  if ((waiting = count_waiting (self, entry->client_id, now_ts, error)) < 0)
    goto out;
  if (waiting >= max_per_client)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_LIMIT,
                   "a patient waits on at most %u days", max_per_client);
      goto out;
    }
  st = stmt (self,
             "INSERT INTO waitlist (id, professional_id, client_id, day, day_start_ts, day_end_ts, "
             "created_ts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (st == NULL)
    goto out;
  bind_text (st, 2, entry->professional_id);
  bind_text (st, 3, entry->client_id);
  bind_text (st, 4, day);
  sqlite3_bind_int64 (st, 5, g_date_time_to_unix (day_start));
  sqlite3_bind_int64 (st, 6, g_date_time_to_unix (day_end));
  sqlite3_bind_int64 (st, 7, now_ts);
  if (!(id = _turnos_sqlite_insert_with_fresh_id (self, st, error)) ||
      !_turnos_sqlite_commit (self, error))
    goto out;
  return get_entry (self, id, error);

out:
  _turnos_sqlite_rollback (self);
  return NULL;
}

static TurnosWaitlistEntry *
sqlite_get_waitlist (TurnosStore  *store,
                     const char   *id,
                     GError      **error)
{
  return get_entry (TURNOS_SQLITE_STORE (store), id, error);
}

static gboolean
sqlite_remove_waitlist (TurnosStore  *store,
                        const char   *id,
                        GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st = stmt (self, "DELETE FROM waitlist WHERE id = ?1", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, id);
  if (!done (self, st, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no waitlist entry “%s”", id);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
sqlite_list_waitlist (TurnosStore                *store,
                      const TurnosWaitlistQuery  *query,
                      gboolean                   *more,
                      GError                    **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_waitlist_entry_unref);
  g_autofree char *day = query->date ? turnos_date_format (query->date) : NULL;
  /* ?1 now, ?2 professional, ?3 client, ?4 day (each NULL: any), ?5/?6 cursor, ?7 limit + 1 */
  sqlite3_stmt *st = stmt (self,
                           "SELECT " WAITLIST_COLUMNS " FROM waitlist WHERE day_end_ts > ?1 "
                           "AND (?2 IS NULL OR professional_id = ?2) AND (?3 IS NULL OR client_id = ?3) "
                           "AND (?4 IS NULL OR day = ?4) "
                           "AND (?6 IS NULL OR rowid > ?5) ORDER BY rowid LIMIT ?7", error);
  int rc;

  *more = FALSE;
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, g_date_time_to_unix (query->now));
  if (query->professional_id != NULL)
    bind_text (st, 2, query->professional_id);
  if (query->client_id != NULL)
    bind_text (st, 3, query->client_id);
  if (day != NULL)
    bind_text (st, 4, day);
  sqlite3_bind_int64 (st, 5, query->after_key);
  if (query->after_id != NULL)
    bind_text (st, 6, query->after_id);
  sqlite3_bind_int64 (st, 7, (gint64) query->limit + 1);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      if (out->len == query->limit)
        {
          *more = TRUE;
          break;
        }
      g_ptr_array_add (out, entry_from_row (self, st));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fail (self, error), NULL;
  return g_steal_pointer (&out);
}

void
_turnos_sqlite_waitlist_iface_init (TurnosStoreInterface *iface)
{
  iface->add_waitlist = sqlite_add_waitlist;
  iface->get_waitlist = sqlite_get_waitlist;
  iface->remove_waitlist = sqlite_remove_waitlist;
  iface->list_waitlist = sqlite_list_waitlist;
}
