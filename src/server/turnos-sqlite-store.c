/* turnos-sqlite-store.c: the SQLite store
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times are unix seconds; the professional's zone turns them back into wall-clock times.
 * Durability: WAL with synchronous=FULL, so a committed write survives a power cut.
 * Every statement is prepared once and kept; every value is a bound parameter.
 * The file, its -wal and its -shm are the owner's alone (0600): they hold patient data.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "turnos-id.h"
#include "turnos-json.h"
#include "turnos-sqlite-store-private.h"
#include "turnos-time.h"

/* How many fresh ids an insert tries before giving up on a key clash. */
#define ID_ATTEMPTS 4

#define lookup_key   _turnos_sqlite_lookup_key
#define remember_key _turnos_sqlite_remember_key
#define select_blocks _turnos_sqlite_select_blocks

static void store_iface_init (TurnosStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TurnosSqliteStore, turnos_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TURNOS_TYPE_STORE, store_iface_init))

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
fail (TurnosSqliteStore  *self,
      GError            **error)
{
  g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED, "SQLite: %s",
               sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (TurnosSqliteStore  *self,
      const char         *sql,
      GError            **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED, "SQLite: %s",
                   message ? message : "failed");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* A kept prepared statement, reset and with its bindings cleared. */
static sqlite3_stmt *
stmt (TurnosSqliteStore  *self,
      const char         *sql,
      GError            **error)
{
  sqlite3_stmt *st = g_hash_table_lookup (self->statements, sql);

  if (st == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        {
          fail (self, error);
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, st);
    }
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  return st;
}

static void
bind_text (sqlite3_stmt *st,
           int           i,
           const char   *text)
{
  sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
}

static gboolean
done (TurnosSqliteStore  *self,
      sqlite3_stmt       *st,
      GError            **error)
{
  int rc = sqlite3_step (st);

  sqlite3_reset (st);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? TRUE : fail (self, error);
}

/* Steps an INSERT whose parameters but the first (the row's id) are bound, with a fresh id
 * from @self->new_id, and again with another while the primary key clashes: ids are random,
 * so a clash is all but impossible, yet it must cost a retry, not a 500. Returns the id the
 * row got, or NULL with @error set. */
static char *
insert_with_fresh_id (TurnosSqliteStore  *self,
                      sqlite3_stmt       *st,
                      GError            **error)
{
  for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++)
    {
      g_autofree char *id = self->new_id ();
      int rc;

      bind_text (st, 1, id);
      rc = sqlite3_step (st);
      sqlite3_reset (st);
      if (rc == SQLITE_DONE)
        return g_steal_pointer (&id);
      if (sqlite3_extended_errcode (self->db) != SQLITE_CONSTRAINT_PRIMARYKEY)
        break;
      g_message ("store: id %s is taken; trying another", id);
    }
  fail (self, error);
  return NULL;
}

static gboolean
begin_write (TurnosSqliteStore  *self,
             GError            **error)
{
  sqlite3_stmt *st = stmt (self, "BEGIN IMMEDIATE", error);

  return st != NULL && done (self, st, error);
}

static gboolean
commit (TurnosSqliteStore  *self,
        GError            **error)
{
  sqlite3_stmt *st = stmt (self, "COMMIT", error);

  if (st == NULL || !done (self, st, error))
    return FALSE;
  /* The live events it carried are readable by everyone now (turnos-store.h). */
  if (self->events_appended)
    {
      self->events_appended = FALSE;
      turnos_store_emit_events_appended (TURNOS_STORE (self));
    }
  return TRUE;
}

static void
rollback (TurnosSqliteStore *self)
{
  self->events_appended = FALSE;
  if (!sqlite3_get_autocommit (self->db))
    exec (self, "ROLLBACK", NULL);
}

/*
 * Rows to models
 */

static GTimeZone *
zone_of (TurnosSqliteStore *self,
         const char        *professional_id)
{
  GTimeZone *tz = g_hash_table_lookup (self->zones, professional_id);

  if (tz == NULL)
    {
      g_autoptr(TurnosSettings) settings = turnos_store_get_professional (TURNOS_STORE (self),
                                                                          professional_id, NULL);

      tz = settings != NULL ? g_time_zone_ref (settings->tz) : g_time_zone_new_utc ();
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

#define RESERVATION_COLUMNS TURNOS_SQLITE_RESERVATION_COLUMNS

static TurnosReservation *
reservation_from_row (TurnosSqliteStore *self,
                      sqlite3_stmt      *st)
{
  TurnosReservation *r = turnos_reservation_new ();
  GTimeZone *tz;

  r->id = g_strdup ((const char *) sqlite3_column_text (st, 0));
  r->client_id = g_strdup ((const char *) sqlite3_column_text (st, 1));
  r->professional_id = g_strdup ((const char *) sqlite3_column_text (st, 2));
  tz = zone_of (self, r->professional_id);
  r->timezone = g_strdup (g_time_zone_get_identifier (tz));
  r->start = local (tz, sqlite3_column_int64 (st, 3));
  r->end = local (tz, sqlite3_column_int64 (st, 4));
  turnos_status_from_string ((const char *) sqlite3_column_text (st, 5), &r->status);
  turnos_modality_from_string ((const char *) sqlite3_column_text (st, 6), &r->modality);
  r->created_at = local (tz, sqlite3_column_int64 (st, 7));
  if (sqlite3_column_type (st, 8) != SQLITE_NULL)
    r->hold_expires_at = local (tz, sqlite3_column_int64 (st, 8));
  if (r->status == TURNOS_STATUS_CANCELLED)
    r->cancel_reason = g_strdup ((const char *) sqlite3_column_text (st, 9));
  r->payment_id = g_strdup ((const char *) sqlite3_column_text (st, 10));
  r->series_id = g_strdup ((const char *) sqlite3_column_text (st, 11));
  if (r->status == TURNOS_STATUS_CANCELLED)
    r->rescheduled_to = g_strdup ((const char *) sqlite3_column_text (st, 12));
  turnos_attendance_from_string ((const char *) sqlite3_column_text (st, 13), &r->attendance);
  return r;
}

/*
 * Store interface
 */

/* Reservations of one professional overlapping [from, to), any status, bounded by the
 * longest reservation so the index range stays O(log n + k). */
static gboolean
select_overlapping (TurnosSqliteStore  *self,
                    const char         *professional_id,
                    gint64              from,
                    gint64              to,
                    GPtrArray          *out,
                    GError            **error)
{
  sqlite3_stmt *st = stmt (self,
                           "SELECT " RESERVATION_COLUMNS " FROM reservations "
                           "WHERE professional_id = ?1 AND start_ts >= ?2 - "
                           "  (SELECT max_len FROM professionals WHERE id = ?1) "
                           "AND start_ts < ?3 AND end_ts > ?2 ORDER BY start_ts", error);
  int rc;

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, professional_id);
  sqlite3_bind_int64 (st, 2, from);
  sqlite3_bind_int64 (st, 3, to);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (out, reservation_from_row (self, st));
  sqlite3_reset (st);
  return rc == SQLITE_DONE ? TRUE : fail (self, error);
}

static gboolean
sqlite_list_range (TurnosStore  *store,
                   const char   *professional_id,
                   GDateTime    *from,
                   GDateTime    *to,
                   GPtrArray   **reservations,
                   GPtrArray   **blocks,
                   GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) r = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  g_autoptr(GPtrArray) b = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_block_unref);
  gint64 f = g_date_time_to_unix (from), t = g_date_time_to_unix (to);

  if ((reservations != NULL && !select_overlapping (self, professional_id, f, t, r, error)) ||
      (blocks != NULL && !select_blocks (self, professional_id, f, t, b, error)))
    return FALSE;
  if (reservations != NULL)
    *reservations = g_steal_pointer (&r);
  if (blocks != NULL)
    *blocks = g_steal_pointer (&b);
  return TRUE;
}

static TurnosReservation *
get_reservation (TurnosSqliteStore  *self,
                 const char         *id,
                 GError            **error)
{
  sqlite3_stmt *st = stmt (self, "SELECT " RESERVATION_COLUMNS " FROM reservations WHERE id = ?1",
                           error);
  TurnosReservation *r = NULL;
  int rc;

  if (st == NULL)
    return NULL;
  bind_text (st, 1, id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    r = reservation_from_row (self, st);
  sqlite3_reset (st);
  if (rc == SQLITE_DONE)
    g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no reservation “%s”", id);
  else if (rc != SQLITE_ROW)
    fail (self, error);
  return r;
}

/* Inside a write transaction: lapsed payment holds of @professional_id are released, then
 * the first live reservation (but @ignore_id, a reschedule's own) or block overlapping
 * [start, end) is found. */
static gboolean
check_free (TurnosSqliteStore  *self,
            const char         *professional_id,
            gint64              start,
            gint64              end,
            gint64              now,
            const char         *ignore_id,
            TurnosReservation **conflict,
            GError            **error)
{
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_block_unref);
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (now);

  if (!_turnos_sqlite_release_lapsed (self, professional_id, now, NULL, error))
    return FALSE;

  if (!select_overlapping (self, professional_id, start, end, taken, error) ||
      !select_blocks (self, professional_id, start, end, blocks, error))
    return FALSE;
  for (guint i = 0; i < taken->len; i++)
    {
      TurnosReservation *r = g_ptr_array_index (taken, i);

      if (turnos_reservation_is_live (r, at) && g_strcmp0 (r->id, ignore_id) != 0)
        {
          g_autofree char *when = g_date_time_format (r->start, "%Y-%m-%dT%H:%M");

          if (conflict != NULL)
            *conflict = turnos_reservation_ref (r);
          /* The message reaches whoever booked: it names neither the other patient's
           * reservation nor a professional's reason for time off (#13 §6). */
          g_debug ("overlaps reservation %s at %s", r->id, when);
          g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT,
                               "the time overlaps another session");
          return FALSE;
        }
    }
  if (blocks->len > 0)
    {
      TurnosBlock *b = g_ptr_array_index (blocks, 0);

      g_debug ("overlaps block %s", b->id);
      g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT,
                           "the time overlaps time off");
      return FALSE;
    }
  return TRUE;
}

/* Inside a write transaction: the first live reservation of @client_id (any professional;
 * but @ignore_id) overlapping [start, end), into @conflict, as PATIENT_BUSY. The range is
 * bounded by the longest session anyone keeps, on the (client_id, start_ts) index. */
static gboolean
check_patient_free (TurnosSqliteStore  *self,
                    const char         *client_id,
                    gint64              start,
                    gint64              end,
                    gint64              now,
                    const char         *ignore_id,
                    TurnosReservation **conflict,
                    GError            **error)
{
  sqlite3_stmt *st = stmt (self,
                           "SELECT " RESERVATION_COLUMNS " FROM reservations "
                           "WHERE client_id = ?1 "
                           "AND start_ts >= ?2 - (SELECT COALESCE(MAX(max_len), 0) FROM professionals) "
                           "AND start_ts < ?3 AND end_ts > ?2 "
                           "AND " TURNOS_SQLITE_IS_LIVE ("?4") " "
                           "AND (?5 IS NULL OR id <> ?5) ORDER BY start_ts LIMIT 1", error);
  g_autoptr(TurnosReservation) other = NULL;
  int rc;

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, client_id);
  sqlite3_bind_int64 (st, 2, start);
  sqlite3_bind_int64 (st, 3, end);
  sqlite3_bind_int64 (st, 4, now);
  if (ignore_id != NULL)
    bind_text (st, 5, ignore_id);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    other = reservation_from_row (self, st);
  sqlite3_reset (st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail (self, error);
  if (other == NULL)
    return TRUE;
  g_debug ("the patient's reservation %s is at that time", other->id);
  if (conflict != NULL)
    *conflict = g_steal_pointer (&other);
  g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_PATIENT_BUSY,
                       "the patient has another session at that time");
  return FALSE;
}

/* Inside a write transaction: checks (turnos-store.h) and inserts; returns the new id.
 * @ignore_id is a reschedule's old reservation, @series_id and @payment_id what the row
 * carries from the start. */
static char *
insert_reservation (TurnosSqliteStore     *self,
                    TurnosReservation     *draft,
                    gint64                 now,
                    GDateTime             *hold_until,
                    TurnosStoreBookFlags   flags,
                    const char            *ignore_id,
                    const char            *series_id,
                    const char            *payment_id,
                    TurnosReservation    **conflict,
                    GError               **error)
{
  gint64 start = g_date_time_to_unix (draft->start), end = g_date_time_to_unix (draft->end);
  g_autofree char *id = NULL;
  sqlite3_stmt *st;

  if (!check_free (self, draft->professional_id, start, end, now, ignore_id, conflict, error) ||
      (!(flags & TURNOS_STORE_BOOK_ALLOW_PATIENT_OVERLAP) &&
       !check_patient_free (self, draft->client_id, start, end, now, ignore_id, conflict, error)))
    return NULL;

  st = stmt (self,
             "INSERT INTO reservations (" RESERVATION_COLUMNS ") "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, ?11, ?12, NULL, '')", error);
  if (st == NULL)
    return NULL;
  if (payment_id != NULL)
    bind_text (st, 11, payment_id);
  if (series_id != NULL)
    bind_text (st, 12, series_id);
  bind_text (st, 2, draft->client_id);
  bind_text (st, 3, draft->professional_id);
  sqlite3_bind_int64 (st, 4, start);
  sqlite3_bind_int64 (st, 5, end);
  bind_text (st, 6, hold_until ? "PENDING" : "CONFIRMED");
  bind_text (st, 7, turnos_modality_to_string (draft->modality));
  sqlite3_bind_int64 (st, 8, now);
  if (hold_until != NULL)
    sqlite3_bind_int64 (st, 9, g_date_time_to_unix (hold_until));
  if (!(id = insert_with_fresh_id (self, st, error)))
    return NULL;

  st = stmt (self, "UPDATE professionals SET max_len = MAX(max_len, ?2) WHERE id = ?1", error);
  if (st == NULL)
    return NULL;
  bind_text (st, 1, draft->professional_id);
  sqlite3_bind_int64 (st, 2, end - start);
  if (!done (self, st, error) ||
      !_turnos_sqlite_append_reservation_events (self, id, draft->client_id,
                                                 draft->professional_id, start, end,
                                                 hold_until ? TURNOS_STATUS_PENDING
                                                            : TURNOS_STATUS_CONFIRMED,
                                                 TRUE, error) ||
      /* The first to book wins: the patient no longer waits for that day. */
      !_turnos_sqlite_waitlist_fulfil (self, draft->client_id, draft->professional_id, start,
                                       error))
    return NULL;
  return g_steal_pointer (&id);
}

static TurnosReservation *
sqlite_create_reservation (TurnosStore        *store,
                           TurnosReservation  *draft,
                           const char         *idempotency_key,
                           const char         *request_hash,
                           GDateTime          *now,
                           GDateTime          *hold_until,
                           TurnosStoreBookFlags flags,
                           gboolean           *replayed,
                           TurnosReservation **conflict,
                           GError            **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autofree char *id = NULL;
  gint64 now_ts = g_date_time_to_unix (now);

  if (replayed != NULL)
    *replayed = FALSE;
  if (!begin_write (self, error))
    return NULL;

  if (idempotency_key != NULL)
    {
      if (!lookup_key (self, idempotency_key, "reservation", request_hash, now_ts, &id, error))
        goto out;
      if (id != NULL)
        {
          if (replayed != NULL)
            *replayed = TRUE;
          rollback (self);
          return get_reservation (self, id, error);
        }
    }

  if (!(id = insert_reservation (self, draft, now_ts, hold_until, flags, NULL, NULL, NULL,
                                conflict, error)) ||
      (idempotency_key != NULL &&
       !remember_key (self, idempotency_key, "reservation", request_hash, id, now_ts, error)) ||
      !commit (self, error))
    goto out;
  return get_reservation (self, id, error);

out:
  rollback (self);
  return NULL;
}

static TurnosReservation *
sqlite_get_reservation (TurnosStore  *store,
                        const char   *id,
                        GError      **error)
{
  return get_reservation (TURNOS_SQLITE_STORE (store), id, error);
}

/* The SQL narrows by client, liveness, the cursor and the days widened by the largest UTC
 * offsets (±14 h), on the (client_id, start_ts) index; the exact day test runs here, in each
 * professional's zone. Rows are read until the page is full and one more matches. */
static GPtrArray *
sqlite_list_reservations (TurnosStore                  *store,
                          const TurnosReservationQuery *query,
                          gboolean                     *more,
                          GError                      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  /* ?1 client, ?2 now, ?3 filter (0 all, 1 live, 2 not live), ?4/?5 start range,
   * ?6/?7 cursor (start, id; ?7 NULL: no cursor), ?8 professional (NULL: any) */
#define LIST_WHERE \
  " FROM reservations WHERE client_id = ?1 AND start_ts >= ?4 AND start_ts < ?5" \
  " AND (?8 IS NULL OR professional_id = ?8)" \
  " AND (?3 = 0 OR (?3 = 1) = " TURNOS_SQLITE_IS_LIVE ("?2") ")"
  sqlite3_stmt *st = stmt (self, query->descending
                           ? "SELECT " RESERVATION_COLUMNS LIST_WHERE
                             " AND (?7 IS NULL OR start_ts < ?6 OR (start_ts = ?6 AND id < ?7))"
                             " ORDER BY start_ts DESC, id DESC"
                           : "SELECT " RESERVATION_COLUMNS LIST_WHERE
                             " AND (?7 IS NULL OR start_ts > ?6 OR (start_ts = ?6 AND id > ?7))"
                             " ORDER BY start_ts ASC, id ASC", error);
#undef LIST_WHERE
  gint64 from_ts, to_ts;
  int rc;

  *more = FALSE;
  if (st == NULL)
    return NULL;
  bind_text (st, 1, query->client_id);
  sqlite3_bind_int64 (st, 2, g_date_time_to_unix (query->now));
  sqlite3_bind_int (st, 3, query->filter == TURNOS_RESERVATION_FILTER_LIVE ? 1
                           : query->filter == TURNOS_RESERVATION_FILTER_CANCELLED ? 2 : 0);
  turnos_reservation_query_instants (query, G_MININT64, G_MAXINT64, &from_ts, &to_ts);
  sqlite3_bind_int64 (st, 4, from_ts);
  sqlite3_bind_int64 (st, 5, to_ts);
  sqlite3_bind_int64 (st, 6, query->after_start);
  if (query->after_id != NULL)
    bind_text (st, 7, query->after_id);
  if (query->professional_id != NULL)
    bind_text (st, 8, query->professional_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      g_autoptr(TurnosReservation) r = reservation_from_row (self, st);

      if (!turnos_reservation_query_within_days (query, r))
        continue;
      if (out->len == query->limit)
        {
          *more = TRUE;
          break;
        }
      g_ptr_array_add (out, g_steal_pointer (&r));
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fail (self, error), NULL;
  return g_steal_pointer (&out);
}

static TurnosReservation *
sqlite_set_status (TurnosStore   *store,
                   const char    *id,
                   TurnosStatus   status,
                   GError       **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(TurnosReservation) current = NULL;
  sqlite3_stmt *st;

  if (!begin_write (self, error))
    return NULL;
  if (!(current = get_reservation (self, id, error)))
    goto out;
  if (current->status == TURNOS_STATUS_CANCELLED)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_ALREADY_CANCELLED,
                   "reservation %s is already cancelled", id);
      goto out;
    }
  /* Cancelling a PENDING hold releases it; anything else is a cancellation. */
  st = stmt (self,
             "UPDATE reservations SET status = ?2, hold_expires_ts = NULL, cancel_reason = "
             "  CASE WHEN ?2 <> 'CANCELLED' THEN NULL WHEN status = 'PENDING' THEN 'released' "
             "  ELSE 'cancelled' END WHERE id = ?1", error);
  if (st == NULL)
    goto out;
  bind_text (st, 1, id);
  bind_text (st, 2, turnos_status_to_string (status));
  if (!done (self, st, error) ||
      !_turnos_sqlite_append_reservation_events (self, id, current->client_id,
                                                 current->professional_id,
                                                 g_date_time_to_unix (current->start),
                                                 g_date_time_to_unix (current->end), status,
                                                 status == TURNOS_STATUS_CANCELLED, error) ||
      !commit (self, error))
    goto out;
  return get_reservation (self, id, error);

out:
  rollback (self);
  return NULL;
}

static gboolean
sqlite_wipe (TurnosStore  *store,
             GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);

  _turnos_sqlite_forget_professionals (self);
  return exec (self,
               "BEGIN IMMEDIATE; DELETE FROM idempotency; DELETE FROM payments; "
               "DELETE FROM tokens; DELETE FROM login_failures; DELETE FROM audit; "
               "DELETE FROM accounts; DELETE FROM events; DELETE FROM waitlist; "
               "DELETE FROM blocks; DELETE FROM reservations; DELETE FROM professionals; COMMIT;",
               error);
}

static void
store_iface_init (TurnosStoreInterface *iface)
{
  iface->list_range = sqlite_list_range;
  iface->create_reservation = sqlite_create_reservation;
  iface->get_reservation = sqlite_get_reservation;
  iface->list_reservations = sqlite_list_reservations;
  iface->set_status = sqlite_set_status;
  iface->wipe = sqlite_wipe;
  _turnos_sqlite_professionals_iface_init (iface);
  _turnos_sqlite_blocks_iface_init (iface);
  _turnos_sqlite_payments_iface_init (iface);
  _turnos_sqlite_accounts_iface_init (iface);
  _turnos_sqlite_events_iface_init (iface);
  _turnos_sqlite_series_iface_init (iface);
  _turnos_sqlite_waitlist_iface_init (iface);
  _turnos_sqlite_attendance_iface_init (iface);
}

/*
 * GObject overrides
 */

static void
turnos_sqlite_store_finalize (GObject *object)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->zones, g_hash_table_unref);
  g_clear_pointer (&self->professionals, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (turnos_sqlite_store_parent_class)->finalize (object);
}

static void
turnos_sqlite_store_class_init (TurnosSqliteStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = turnos_sqlite_store_finalize;
}

static void
finalize_stmt (gpointer st)
{
  sqlite3_finalize (st);
}

static void
turnos_sqlite_store_init (TurnosSqliteStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_stmt);
  self->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_time_zone_unref);
  self->professionals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) turnos_settings_unref);
  self->data_version = -1;
  self->new_id = turnos_id_new;
}

/*
 * Public API
 */

int
turnos_sqlite_store_get_schema_version (TurnosSqliteStore *self)
{
  sqlite3_stmt *st;
  int version = -1;

  g_return_val_if_fail (TURNOS_IS_SQLITE_STORE (self), -1);

  if ((st = stmt (self, "PRAGMA user_version", NULL)) != NULL && sqlite3_step (st) == SQLITE_ROW)
    version = sqlite3_column_int (st, 0);
  if (st != NULL)
    sqlite3_reset (st);
  return version;
}

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

void
_turnos_sqlite_store_set_id_func (TurnosSqliteStore       *self,
                                  TurnosSqliteStoreIdFunc  func)
{
  g_return_if_fail (TURNOS_IS_SQLITE_STORE (self));
  self->new_id = func != NULL ? func : turnos_id_new;
}

/* Takes group and other access away from @path if it exists; @fd when it is open already. */
static void
restrict_mode (const char *path,
               int         fd)
{
  struct stat st;

  if ((fd >= 0 ? fstat (fd, &st) : stat (path, &st)) != 0 || (st.st_mode & 077) == 0)
    return;
  if ((fd >= 0 ? fchmod (fd, st.st_mode & 0700) : chmod (path, st.st_mode & 0700)) == 0)
    g_message ("store: %s was open to other users (%03o); now %03o", path,
               (guint) (st.st_mode & 0777), (guint) (st.st_mode & 0700));
  else
    g_message ("store: %s is open to other users (%03o) and cannot be changed: %s", path,
               (guint) (st.st_mode & 0777), g_strerror (errno));
}

/* SQLite would create the file 0644 (less the umask), and it gives the -wal and -shm the
 * database's own mode: create it 0600 first, and close files an older version left open. */
static gboolean
prepare_files (const char  *path,
               GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  int fd;

  if (g_str_equal (path, ":memory:") || g_str_has_prefix (path, "file:"))
    return TRUE;
  if ((fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
    {
      int saved = errno;

      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED, "cannot open %s: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  restrict_mode (path, fd);
  close (fd);
  restrict_mode (wal, -1);
  restrict_mode (shm, -1);
  return TRUE;
}

TurnosStore *
turnos_sqlite_store_new (const char  *path,
                         GError     **error)
{
  g_autoptr(TurnosSqliteStore) self = g_object_new (TURNOS_TYPE_SQLITE_STORE, NULL);

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  if (!prepare_files (path, error))
    return NULL;
  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED,
                   "cannot open %s: %s", path, self->db ? sqlite3_errmsg (self->db) : "no memory");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  if (!exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                   "PRAGMA foreign_keys = ON;", error) ||
      !migrate (self, error) ||
      !_turnos_sqlite_accounts_open (self, error))
    return NULL;
  return TURNOS_STORE (g_steal_pointer (&self));
}

/*
 * Private API (turnos-sqlite-store-private.h), for the files by resource
 */

sqlite3_stmt *
_turnos_sqlite_stmt (TurnosSqliteStore  *self,
                     const char         *sql,
                     GError            **error)
{
  return stmt (self, sql, error);
}

void
_turnos_sqlite_bind_text (sqlite3_stmt *st,
                          int           i,
                          const char   *text)
{
  bind_text (st, i, text);
}

gboolean
_turnos_sqlite_done (TurnosSqliteStore  *self,
                     sqlite3_stmt       *st,
                     GError            **error)
{
  return done (self, st, error);
}

gboolean
_turnos_sqlite_fail (TurnosSqliteStore  *self,
                     GError            **error)
{
  return fail (self, error);
}

gboolean
_turnos_sqlite_begin_write (TurnosSqliteStore  *self,
                            GError            **error)
{
  return begin_write (self, error);
}

gboolean
_turnos_sqlite_commit (TurnosSqliteStore  *self,
                       GError            **error)
{
  return commit (self, error);
}

void
_turnos_sqlite_rollback (TurnosSqliteStore *self)
{
  rollback (self);
}

GTimeZone *
_turnos_sqlite_zone_of (TurnosSqliteStore *self,
                        const char        *professional_id)
{
  return zone_of (self, professional_id);
}

GDateTime *
_turnos_sqlite_local (GTimeZone *tz,
                      gint64     ts)
{
  return local (tz, ts);
}

TurnosReservation *
_turnos_sqlite_reservation_from_row (TurnosSqliteStore *self,
                                     sqlite3_stmt      *st)
{
  return reservation_from_row (self, st);
}

gboolean
_turnos_sqlite_select_overlapping (TurnosSqliteStore  *self,
                                   const char         *professional_id,
                                   gint64              from,
                                   gint64              to,
                                   GPtrArray          *out,
                                   GError            **error)
{
  return select_overlapping (self, professional_id, from, to, out, error);
}

TurnosReservation *
_turnos_sqlite_get_reservation (TurnosSqliteStore  *self,
                                const char         *id,
                                GError            **error)
{
  return get_reservation (self, id, error);
}

char *
_turnos_sqlite_insert_reservation (TurnosSqliteStore     *self,
                                   TurnosReservation     *draft,
                                   gint64                 now,
                                   GDateTime             *hold_until,
                                   TurnosStoreBookFlags   flags,
                                   const char            *ignore_id,
                                   const char            *series_id,
                                   const char            *payment_id,
                                   TurnosReservation    **conflict,
                                   GError               **error)
{
  return insert_reservation (self, draft, now, hold_until, flags, ignore_id, series_id,
                             payment_id, conflict, error);
}

char *
_turnos_sqlite_insert_with_fresh_id (TurnosSqliteStore  *self,
                                     sqlite3_stmt       *st,
                                     GError            **error)
{
  return insert_with_fresh_id (self, st, error);
}
