/* turnos-sqlite-store-events.c: the SQLite store's live events
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Events are rows of one table, written in the transaction of the change they announce
 * (turnos-store.h, "Live events"). Every connection on the file reads what follows the last
 * seq it read; it learns that there may be something to read from PRAGMA data_version, which
 * moves when another connection commits (a worker process, a thread of --threads), polled
 * every TURNOS_SQLITE_EVENTS_POLL_MS, and at once from its own commits ("events-appended").
 * AUTOINCREMENT and BEGIN IMMEDIATE number the rows in commit order with no gaps, so a gap
 * means rows were pruned before this reader saw them.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-events-json.h"
#include "turnos-sqlite-store-private.h"

/* Old rows are pruned at most this often, by the connection that appends. */
#define PRUNE_EVERY_SECONDS 60

const char _turnos_sqlite_events_schema[] =
  "CREATE TABLE events ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  json TEXT NOT NULL,"
  "  created INTEGER NOT NULL);"
  "CREATE INDEX events_by_created ON events (created);"
  /* The holds still pending, by expiry: the next to lapse, and those that have. */
  "CREATE INDEX reservations_pending_by_expiry ON reservations (hold_expires_ts) "
  "WHERE status = 'PENDING';";

#define stmt _turnos_sqlite_stmt
#define done _turnos_sqlite_done
#define fail _turnos_sqlite_fail

/*
 * Appending (inside a write transaction)
 */

static void
bind_text (sqlite3_stmt *st,
           int           i,
           const char   *text)
{
  sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
}

static gboolean
prune (TurnosSqliteStore  *self,
       gint64              now,
       GError            **error)
{
  /* The newest row stays, so the next seq is never reused and a reader can tell a gap. */
  sqlite3_stmt *st = stmt (self,
                           "DELETE FROM events WHERE created < ?1 "
                           "AND seq < (SELECT MAX(seq) FROM events)", error);

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, now - TURNOS_STORE_EVENTS_KEEP_SECONDS);
  return done (self, st, error);
}

gboolean
_turnos_sqlite_append_event (TurnosSqliteStore  *self,
                             const char         *json,
                             GError            **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3_stmt *st;

  g_assert (!sqlite3_get_autocommit (self->db));

  if (now - self->events_pruned >= PRUNE_EVERY_SECONDS)
    {
      if (!prune (self, now, error))
        return FALSE;
      self->events_pruned = now;
    }
  if ((st = stmt (self, "INSERT INTO events (json, created) VALUES (?1, ?2)", error)) == NULL)
    return FALSE;
  bind_text (st, 1, json);
  sqlite3_bind_int64 (st, 2, now);
  if (!done (self, st, error))
    return FALSE;
  self->events_appended = TRUE;
  return TRUE;
}

static GDateTime *
local (TurnosSqliteStore *self,
       const char        *professional_id,
       gint64             ts)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ts);

  return g_date_time_to_timezone (utc, _turnos_sqlite_zone_of (self, professional_id));
}

gboolean
_turnos_sqlite_append_reservation_events (TurnosSqliteStore  *self,
                                          const char         *id,
                                          const char         *client_id,
                                          const char         *professional_id,
                                          gint64              start_ts,
                                          gint64              end_ts,
                                          TurnosStatus        status,
                                          gboolean            moves_time,
                                          GError            **error)
{
  g_autoptr(GDateTime) start = local (self, professional_id, start_ts);
  g_autoptr(GDateTime) end = local (self, professional_id, end_ts);
  g_autofree char *reservation = turnos_event_reservation_json (id, professional_id, client_id,
                                                                status, start);
  g_autofree char *availability = NULL;

  if (!_turnos_sqlite_append_event (self, reservation, error))
    return FALSE;
  if (!moves_time)
    return TRUE;
  availability = turnos_event_availability_json (professional_id, start, end);
  if (!_turnos_sqlite_append_event (self, availability, error))
    return FALSE;
  /* Time freed: those waiting for the day hear of it (not whoever freed it). */
  return status != TURNOS_STATUS_CANCELLED ||
         _turnos_sqlite_append_offers (self, professional_id, start_ts, end_ts, client_id, error);
}

gboolean
_turnos_sqlite_append_availability (TurnosSqliteStore  *self,
                                    const char         *professional_id,
                                    gint64              start_ts,
                                    gint64              end_ts,
                                    GError            **error)
{
  g_autoptr(GDateTime) start = local (self, professional_id, start_ts);
  g_autoptr(GDateTime) end = local (self, professional_id, end_ts);
  g_autofree char *json = turnos_event_availability_json (professional_id, start, end);

  return _turnos_sqlite_append_event (self, json, error);
}

gboolean
_turnos_sqlite_append_settings (TurnosSqliteStore  *self,
                                const char         *professional_id,
                                GError            **error)
{
  g_autofree char *json = turnos_event_settings_json (professional_id);

  return _turnos_sqlite_append_event (self, json, error);
}

typedef struct
{
  char   *id;
  char   *client_id;
  char   *professional_id;
  gint64  start;
  gint64  end;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->id);
  g_free (row->client_id);
  g_free (row->professional_id);
}

/* Appends a CANCELLED reservation event, and its availability, for each row @st selects as
 * (id, client_id, professional_id, start_ts, end_ts). */
static gboolean
append_cancels (TurnosSqliteStore  *self,
                sqlite3_stmt       *st,
                guint              *count,
                GError            **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  int rc;

  g_array_set_clear_func (rows, (GDestroyNotify) row_clear);
  /* Read them all first: appending runs other statements on the connection. */
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      Row row = {
        .id = g_strdup ((const char *) sqlite3_column_text (st, 0)),
        .client_id = g_strdup ((const char *) sqlite3_column_text (st, 1)),
        .professional_id = g_strdup ((const char *) sqlite3_column_text (st, 2)),
        .start = sqlite3_column_int64 (st, 3),
        .end = sqlite3_column_int64 (st, 4),
      };

      g_array_append_val (rows, row);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return fail (self, error);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);

      if (!_turnos_sqlite_append_reservation_events (self, row->id, row->client_id,
                                                     row->professional_id, row->start, row->end,
                                                     TURNOS_STATUS_CANCELLED, TRUE, error))
        return FALSE;
    }
  if (count != NULL)
    *count = rows->len;
  return TRUE;
}

gboolean
_turnos_sqlite_release_lapsed (TurnosSqliteStore  *self,
                               const char         *professional_id,
                               gint64              now,
                               guint              *released,
                               GError            **error)
{
  sqlite3_stmt *st;

  g_assert (!sqlite3_get_autocommit (self->db));

  /* ?1 the professional (NULL: all), ?2 now */
  st = stmt (self,
             "SELECT id, client_id, professional_id, start_ts, end_ts FROM reservations "
             "WHERE status = 'PENDING' AND hold_expires_ts <= ?2 "
             "AND (?1 IS NULL OR professional_id = ?1)", error);
  if (st == NULL)
    return FALSE;
  if (professional_id != NULL)
    bind_text (st, 1, professional_id);
  sqlite3_bind_int64 (st, 2, now);
  if (!append_cancels (self, st, released, error))
    return FALSE;

  st = stmt (self,
             "UPDATE payments SET status = 'expired' WHERE status = 'pending' AND expires_ts <= ?2 "
             "AND reservation_id IN (SELECT id FROM reservations WHERE "
             "  (?1 IS NULL OR professional_id = ?1) "
             "  AND status = 'PENDING' AND hold_expires_ts <= ?2)", error);
  if (st == NULL)
    return FALSE;
  if (professional_id != NULL)
    bind_text (st, 1, professional_id);
  sqlite3_bind_int64 (st, 2, now);
  if (!done (self, st, error))
    return FALSE;
  st = stmt (self,
             "UPDATE reservations SET status = 'CANCELLED', cancel_reason = 'expired' WHERE "
             "(?1 IS NULL OR professional_id = ?1) "
             "AND status = 'PENDING' AND hold_expires_ts <= ?2", error);
  if (st == NULL)
    return FALSE;
  if (professional_id != NULL)
    bind_text (st, 1, professional_id);
  sqlite3_bind_int64 (st, 2, now);
  return done (self, st, error);
}

gboolean
_turnos_sqlite_append_client_cancels (TurnosSqliteStore  *self,
                                      const char         *client_id,
                                      gint64              after,
                                      GError            **error)
{
  sqlite3_stmt *st = stmt (self,
                           "SELECT id, client_id, professional_id, start_ts, end_ts "
                           "FROM reservations WHERE client_id = ?1 AND status != 'CANCELLED' "
                           "AND start_ts > ?2", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, client_id);
  sqlite3_bind_int64 (st, 2, after);
  return append_cancels (self, st, NULL, error);
}

/*
 * Reading
 */

static GPtrArray *
sqlite_read_events (TurnosStore  *store,
                    gint64        after_seq,
                    guint         limit,
                    gboolean     *missed,
                    GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_store_event_free);
  sqlite3_stmt *st = stmt (self, "SELECT seq, json FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                           error);
  int rc;

  *missed = FALSE;
  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, after_seq);
  sqlite3_bind_int64 (st, 2, limit);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      TurnosStoreEvent *e = g_new0 (TurnosStoreEvent, 1);

      e->seq = sqlite3_column_int64 (st, 0);
      e->json = g_strdup ((const char *) sqlite3_column_text (st, 1));
      g_ptr_array_add (out, e);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return fail (self, error), NULL;

  /* Seqs have no gaps: a first row past the next one means the ones between were pruned. */
  if (out->len > 0 && ((TurnosStoreEvent *) out->pdata[0])->seq != after_seq + 1)
    *missed = TRUE;
  return g_steal_pointer (&out);
}

static gboolean
sqlite_last_event_seq (TurnosStore  *store,
                       gint64       *seq,
                       GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st = stmt (self, "SELECT COALESCE(MAX(seq), 0) FROM events", error);
  int rc;

  if (st == NULL)
    return FALSE;
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    *seq = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  return rc == SQLITE_ROW ? TRUE : fail (self, error);
}

static gboolean
sqlite_release_lapsed (TurnosStore  *store,
                       GDateTime    *now,
                       guint        *released,
                       GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  guint n = 0;

  if (!_turnos_sqlite_begin_write (self, error))
    return FALSE;
  if (!_turnos_sqlite_release_lapsed (self, NULL, g_date_time_to_unix (now), &n, error) ||
      !_turnos_sqlite_commit (self, error))
    {
      _turnos_sqlite_rollback (self);
      return FALSE;
    }
  if (released != NULL)
    *released = n;
  return TRUE;
}

static gboolean
sqlite_next_hold_expiry (TurnosStore  *store,
                         GDateTime   **expiry,
                         GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st = stmt (self,
                           "SELECT MIN(hold_expires_ts) FROM reservations WHERE status = 'PENDING'",
                           error);
  int rc;

  *expiry = NULL;
  if (st == NULL)
    return FALSE;
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW && sqlite3_column_type (st, 0) != SQLITE_NULL)
    *expiry = g_date_time_new_from_unix_utc (sqlite3_column_int64 (st, 0));
  sqlite3_reset (st);
  return rc == SQLITE_ROW ? TRUE : fail (self, error);
}

/*
 * Watching: PRAGMA data_version, polled
 */

typedef struct
{
  GSource            source;
  TurnosSqliteStore *store;
  gint64             version;
} WatchSource;

static gint64
data_version (TurnosSqliteStore *self)
{
  sqlite3_stmt *st = stmt (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (st != NULL && sqlite3_step (st) == SQLITE_ROW)
    version = sqlite3_column_int64 (st, 0);
  if (st != NULL)
    sqlite3_reset (st);
  return version;
}

static gboolean
watch_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  WatchSource *watch = (WatchSource *) source;
  gint64 version = data_version (watch->store);
  gboolean keep = G_SOURCE_CONTINUE;

  g_source_set_ready_time (source, g_source_get_time (source) +
                                   TURNOS_SQLITE_EVENTS_POLL_MS * G_TIME_SPAN_MILLISECOND);
  if (version != watch->version)
    {
      watch->version = version;
      if (callback != NULL)
        keep = callback (user_data);
    }
  return keep;
}

static void
watch_finalize (GSource *source)
{
  g_clear_object (&((WatchSource *) source)->store);
}

static GSourceFuncs watch_funcs = {
  .dispatch = watch_dispatch,
  .finalize = watch_finalize,
};

static GSource *
sqlite_watch_events (TurnosStore *store)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  GSource *source = g_source_new (&watch_funcs, sizeof (WatchSource));
  WatchSource *watch = (WatchSource *) source;

  watch->store = g_object_ref (self);
  watch->version = data_version (self);
  g_source_set_static_name (source, "[turnos-server] events watch");
  g_source_set_ready_time (source, g_get_monotonic_time () +
                                   TURNOS_SQLITE_EVENTS_POLL_MS * G_TIME_SPAN_MILLISECOND);
  return source;
}

void
_turnos_sqlite_events_iface_init (TurnosStoreInterface *iface)
{
  iface->read_events = sqlite_read_events;
  iface->last_event_seq = sqlite_last_event_seq;
  iface->watch_events = sqlite_watch_events;
  iface->release_lapsed = sqlite_release_lapsed;
  iface->next_hold_expiry = sqlite_next_hold_expiry;
}
