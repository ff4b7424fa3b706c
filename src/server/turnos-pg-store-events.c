/* turnos-pg-store-events.c: the PostgreSQL store's live events
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same contract as the SQLite store's (turnos-store.h, "Live events"), for several
 * servers on one database. A PostgreSQL sequence is neither gapless nor in commit order, so
 * the seqs come from one counter row instead: a transaction's events are written last, just
 * before its COMMIT, each taking the next number from events_counter. The row's lock, held to
 * the commit, puts every other appender after this one: seqs have no gaps and commit in
 * order, and a gap seen by a reader means rows were pruned before it read them, as in SQLite.
 *
 * The commit also says NOTIFY turnos_events; every store LISTENs on its connection, and its
 * watch source (turnos_store_watch_events()) fires when a notification arrives: another
 * process's or another thread's writes are heard at once, with no polling. The writer's own
 * store emits "events-appended" after the commit.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-events-json.h"
#include "turnos-pg-store-private.h"

/* Old rows are pruned at most this often, by the connection that appends. */
#define PRUNE_EVERY_SECONDS 60
/* With no connection to listen on, the watch fires this often, so that a reader's query
 * reconnects (and reads what it missed meanwhile). */
#define UNLISTENED_POLL_MS 1000

#define EPOCH(col) "extract(epoch FROM " col ")::bigint"

const char _turnos_pg_events_schema[] =
  "CREATE TABLE events ("
  "  seq bigint PRIMARY KEY,"
  "  json text NOT NULL,"
  "  created bigint NOT NULL);"
  "CREATE INDEX events_by_created ON events (created);"
  /* The last seq given: one row, whose lock orders the appenders. */
  "CREATE TABLE events_counter (last bigint NOT NULL);"
  "INSERT INTO events_counter (last) VALUES (0);"
  /* The holds still pending, by expiry: the next to lapse, and those that have. */
  "CREATE INDEX reservations_pending_by_expiry ON reservations (hold_expires_at) "
  "WHERE status = 'PENDING';";

#define query _turnos_pg_query

/*
 * Appending (inside a transaction)
 */

void
_turnos_pg_append_event (TurnosPgStore *self,
                         char          *json)
{
  if (self->events == NULL)
    self->events = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->events, json);
}

static GDateTime *
local (TurnosPgStore *self,
       const char    *professional_id,
       gint64         ts)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ts);

  return g_date_time_to_timezone (utc, _turnos_pg_zone_of (self, professional_id));
}

gboolean
_turnos_pg_append_reservation_events (TurnosPgStore  *self,
                                      const char     *id,
                                      const char     *client_id,
                                      const char     *professional_id,
                                      gint64          start_ts,
                                      gint64          end_ts,
                                      TurnosStatus    status,
                                      gboolean        moves_time,
                                      GError        **error)
{
  g_autoptr(GDateTime) start = local (self, professional_id, start_ts);
  g_autoptr(GDateTime) end = local (self, professional_id, end_ts);

  _turnos_pg_append_event (self, turnos_event_reservation_json (id, professional_id, client_id,
                                                                status, start));
  if (!moves_time)
    return TRUE;
  _turnos_pg_append_event (self, turnos_event_availability_json (professional_id, start, end));
  /* Time freed: those waiting for the day hear of it (not whoever freed it). */
  return status != TURNOS_STATUS_CANCELLED ||
         _turnos_pg_append_offers (self, professional_id, start_ts, end_ts, client_id, error);
}

void
_turnos_pg_append_availability (TurnosPgStore *self,
                                const char    *professional_id,
                                gint64         start_ts,
                                gint64         end_ts)
{
  g_autoptr(GDateTime) start = local (self, professional_id, start_ts);
  g_autoptr(GDateTime) end = local (self, professional_id, end_ts);

  _turnos_pg_append_event (self, turnos_event_availability_json (professional_id, start, end));
}

int
_turnos_pg_append_cancels (TurnosPgStore   *self,
                           const PGresult  *res,
                           int              at,
                           GError         **error)
{
  int n = PQntuples (res);

  for (int i = 0; i < n; i++)
    if (!_turnos_pg_append_reservation_events (self, VALUE (res, i, at), VALUE (res, i, at + 1),
                                               VALUE (res, i, at + 2),
                                               _turnos_pg_get_int64 (res, i, at + 3),
                                               _turnos_pg_get_int64 (res, i, at + 4),
                                               TURNOS_STATUS_CANCELLED, TRUE, error))
      return -1;
  return n;
}

gboolean
_turnos_pg_write_events (TurnosPgStore  *self,
                         GError        **error)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GString) array = NULL;
  PGresult *res;

  if (now - self->events_pruned >= PRUNE_EVERY_SECONDS)
    {
      /* The newest row stays, so a reader can tell a gap. */
      if (!(res = query (self,
                         "DELETE FROM events WHERE created < $1 "
                         "AND seq < (SELECT max (seq) FROM events)",
                         PARAMS (INT64 (now - TURNOS_STORE_EVENTS_KEEP_SECONDS)), error)))
        return FALSE;
      PQclear (res);
      self->events_pruned = now;
    }
  /* One round trip: the events as one array, numbered from the counter row, whose lock is
   * held to the commit (the next appender waits for it), and the notification, delivered at
   * the commit to every listening connection (this one too). */
  array = g_string_new ("{");
  for (guint i = 0; i < self->events->len; i++)
    {
      g_string_append (array, i > 0 ? ",\"" : "\"");
      for (const char *p = g_ptr_array_index (self->events, i); *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (array, '\\');
          g_string_append_c (array, *p);
        }
      g_string_append_c (array, '"');
    }
  g_string_append_c (array, '}');
  if (!(res = query (self,
                     "WITH e AS (SELECT json, ord FROM unnest ($1::text[]) WITH ORDINALITY "
                     "           AS e (json, ord)), "
                     "n AS (UPDATE events_counter SET last = last + (SELECT count (*) FROM e) "
                     "      RETURNING last - (SELECT count (*) FROM e) AS base), "
                     "ins AS (INSERT INTO events (seq, json, created) "
                     "        SELECT n.base + e.ord, e.json, $2 FROM n, e) "
                     "SELECT pg_notify ('" TURNOS_PG_EVENTS_CHANNEL "', '')",
                     PARAMS (array->str, INT64 (now)), error)))
    return FALSE;
  PQclear (res);
  return TRUE;
}

/* (id, client_id, professional_id, start, end) of the holds released */
#define LAPSED_RETURNING \
  "RETURNING id, client_id, professional_id, " EPOCH ("start_at") ", " EPOCH ("end_at")

gboolean
_turnos_pg_release_lapsed (TurnosPgStore  *self,
                           const char     *professional_id,
                           gint64          now,
                           guint          *released,
                           GError        **error)
{
  PGresult *res;
  int n;

  /* Two servers releasing at once: the second waits for the first's row locks, then finds
   * the rows no longer PENDING and leaves them, so each hold is released (and announced)
   * once. A booking takes the professional's row FOR KEY SHARE first (see check_free). */
  if (professional_id != NULL)
    {
      /* A statement of its own: inside a CTE the lock was taken only when the plan happened
       * to evaluate it, and a block could slip in (test-cluster-pg's blocks-race saw one). */
      if (!(res = query (self, "SELECT 1 FROM professionals WHERE id = $1 FOR KEY SHARE",
                         PARAMS (professional_id), error)))
        return FALSE;
      PQclear (res);
    }
  if (professional_id != NULL)
    res = query (self,
                 "WITH lapsed AS ("
                 "  UPDATE reservations SET status = 'CANCELLED', cancel_reason = 'expired' "
                 "  WHERE professional_id = $1 "
                 "  AND status = 'PENDING' AND hold_expires_at <= to_timestamp($2) "
                 "  " LAPSED_RETURNING "), "
                 "paid AS ("
                 "  UPDATE payments SET status = 'expired' WHERE status = 'pending' "
                 "  AND expires_at <= to_timestamp($2) "
                 "  AND reservation_id IN (SELECT id FROM lapsed)) "
                 "SELECT * FROM lapsed",
                 PARAMS (professional_id, INT64 (now)), error);
  else
    res = query (self,
                 "WITH lapsed AS ("
                 "  UPDATE reservations SET status = 'CANCELLED', cancel_reason = 'expired' "
                 "  WHERE status = 'PENDING' AND hold_expires_at <= to_timestamp($1) "
                 "  " LAPSED_RETURNING "), "
                 "paid AS ("
                 "  UPDATE payments SET status = 'expired' WHERE status = 'pending' "
                 "  AND expires_at <= to_timestamp($1) "
                 "  AND reservation_id IN (SELECT id FROM lapsed)) "
                 "SELECT * FROM lapsed",
                 PARAMS (INT64 (now)), error);
  if (res == NULL)
    return FALSE;
  n = _turnos_pg_append_cancels (self, res, 0, error);
  PQclear (res);
  if (n < 0)
    return FALSE;
  if (released != NULL)
    *released = (guint) n;
  return TRUE;
}

/*
 * Reading
 */

static GPtrArray *
pg_read_events (TurnosStore  *store,
                gint64        after_seq,
                guint         limit,
                gboolean     *missed,
                GError      **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_store_event_free);
  PGresult *res = query (self, "SELECT seq, json FROM events WHERE seq > $1 ORDER BY seq LIMIT $2",
                         PARAMS (INT64 (after_seq), INT64 (limit)), error);

  *missed = FALSE;
  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    {
      TurnosStoreEvent *e = g_new0 (TurnosStoreEvent, 1);

      e->seq = _turnos_pg_get_int64 (res, i, 0);
      e->json = g_strdup (VALUE (res, i, 1));
      g_ptr_array_add (out, e);
    }
  PQclear (res);

  /* Seqs have no gaps: a first row past the next one means the ones between were pruned. */
  if (out->len > 0 && ((TurnosStoreEvent *) out->pdata[0])->seq != after_seq + 1)
    *missed = TRUE;
  return g_steal_pointer (&out);
}

static gboolean
pg_last_event_seq (TurnosStore  *store,
                   gint64       *seq,
                   GError      **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  PGresult *res = query (self, "SELECT last FROM events_counter", 0, NULL, error);

  if (res == NULL)
    return FALSE;
  *seq = PQntuples (res) > 0 ? _turnos_pg_get_int64 (res, 0, 0) : 0;
  PQclear (res);
  return TRUE;
}

static gboolean
pg_release_lapsed (TurnosStore  *store,
                   GDateTime    *now,
                   guint        *released,
                   GError      **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  guint n = 0;

  if (!_turnos_pg_begin (self, error))
    return FALSE;
  if (!_turnos_pg_release_lapsed (self, NULL, g_date_time_to_unix (now), &n, error) ||
      !_turnos_pg_commit (self, error))
    {
      _turnos_pg_rollback (self);
      return FALSE;
    }
  if (released != NULL)
    *released = n;
  return TRUE;
}

static gboolean
pg_next_hold_expiry (TurnosStore  *store,
                     GDateTime   **expiry,
                     GError      **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  PGresult *res = query (self,
                         "SELECT " EPOCH ("min (hold_expires_at)") " FROM reservations "
                         "WHERE status = 'PENDING'", 0, NULL, error);

  *expiry = NULL;
  if (res == NULL)
    return FALSE;
  if (!PQgetisnull (res, 0, 0))
    *expiry = g_date_time_new_from_unix_utc (_turnos_pg_get_int64 (res, 0, 0));
  PQclear (res);
  return TRUE;
}

/*
 * Watching: LISTEN turnos_events on the store's connection
 */

typedef struct
{
  GSource        source;
  TurnosPgStore *store;
  TurnosPgConn  *conn;     /* the connection whose socket is watched (compared, not used) */
  gpointer       tag;      /* its socket's, NULL when none is watched */
  guint64        heard;    /* store->events_heard when last dispatched */
  gboolean       due;      /* fire at the next dispatch */
} WatchSource;

/* Follows the store's connection: a new one has heard nothing of what came meanwhile. */
static void
follow_connection (WatchSource *watch)
{
  TurnosPgConn *conn = watch->store->conn;

  if (conn == watch->conn)
    return;
  if (watch->tag != NULL)
    g_source_remove_unix_fd (&watch->source, watch->tag);
  watch->tag = NULL;
  watch->conn = conn;
  watch->due = TRUE;
  if (conn != NULL && PQsocket (conn->pg) >= 0)
    watch->tag = g_source_add_unix_fd (&watch->source, PQsocket (conn->pg),
                                       G_IO_IN | G_IO_HUP | G_IO_ERR);
}

static gboolean
watch_prepare (GSource *source,
               int     *timeout)
{
  WatchSource *watch = (WatchSource *) source;
  TurnosPgStore *self = watch->store;

  *timeout = -1;
  follow_connection (watch);
  /* Notifications a query read off the socket wait in libpq: no poll would tell of them. */
  if (self->conn != NULL && PQtransactionStatus (self->conn->pg) == PQTRANS_IDLE)
    {
      PGnotify *n;

      while ((n = PQnotifies (self->conn->pg)) != NULL)
        {
          if (g_str_equal (n->relname, TURNOS_PG_EVENTS_CHANNEL))
            self->events_heard++;
          else
            {
              /* A settings change: its professional's kept settings go. */
              g_hash_table_remove_all (self->professionals);
              g_hash_table_remove_all (self->zones);
            }
          PQfreemem (n);
        }
    }
  if (self->conn == NULL && g_source_get_ready_time (source) < 0)
    g_source_set_ready_time (source, g_source_get_time (source) +
                                     UNLISTENED_POLL_MS * G_TIME_SPAN_MILLISECOND);
  return watch->due || self->events_heard != watch->heard;
}

static gboolean
watch_check (GSource *source)
{
  WatchSource *watch = (WatchSource *) source;
  TurnosPgStore *self = watch->store;

  if (watch->tag != NULL && g_source_query_unix_fd (source, watch->tag) != 0 &&
      self->conn == watch->conn && PQtransactionStatus (self->conn->pg) == PQTRANS_IDLE)
    {
      _turnos_pg_take_notifies (self, NULL);
      if (PQstatus (self->conn->pg) != CONNECTION_OK)
        {
          /* The server closed it: stop polling a dead socket; a read reconnects. */
          g_source_remove_unix_fd (source, watch->tag);
          watch->tag = NULL;
          watch->due = TRUE;
        }
    }
  return watch->due || self->events_heard != watch->heard;
}

static gboolean
watch_dispatch (GSource     *source,
                GSourceFunc  callback,
                gpointer     user_data)
{
  WatchSource *watch = (WatchSource *) source;

  g_source_set_ready_time (source, -1);
  watch->due = FALSE;
  watch->heard = watch->store->events_heard;
  return callback != NULL ? callback (user_data) : G_SOURCE_CONTINUE;
}

static void
watch_finalize (GSource *source)
{
  g_clear_object (&((WatchSource *) source)->store);
}

static GSourceFuncs watch_funcs = {
  .prepare = watch_prepare,
  .check = watch_check,
  .dispatch = watch_dispatch,
  .finalize = watch_finalize,
};

static GSource *
pg_watch_events (TurnosStore *store)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  GSource *source = g_source_new (&watch_funcs, sizeof (WatchSource));
  WatchSource *watch = (WatchSource *) source;

  watch->store = g_object_ref (self);
  watch->heard = self->events_heard;
  follow_connection (watch);
  watch->due = FALSE;
  g_source_set_static_name (source, "[turnos-server] events listen");
  return source;
}

void
_turnos_pg_events_iface_init (TurnosStoreInterface *iface)
{
  iface->read_events = pg_read_events;
  iface->last_event_seq = pg_last_event_seq;
  iface->watch_events = pg_watch_events;
  iface->release_lapsed = pg_release_lapsed;
  iface->next_hold_expiry = pg_next_hold_expiry;
}
