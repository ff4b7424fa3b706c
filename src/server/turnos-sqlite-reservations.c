/* turnos-sqlite-reservations.c: the SQLite store's reservations, and a day's availability
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A booking is checked and inserted in one write transaction (BEGIN IMMEDIATE: one writer at
 * a time): the professional's lapsed holds are released, then neither a live reservation nor
 * a block may overlap it, nor (unless the flags allow) another live reservation of the same
 * patient. Range scans are bounded by the longest session a professional keeps (max_len).
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
#define lookup_key           _turnos_sqlite_lookup_key
#define remember_key         _turnos_sqlite_remember_key
#define select_blocks        _turnos_sqlite_select_blocks

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

void
_turnos_sqlite_reservations_iface_init (TurnosStoreInterface *iface)
{
  iface->list_range = sqlite_list_range;
  iface->create_reservation = sqlite_create_reservation;
  iface->get_reservation = sqlite_get_reservation;
  iface->list_reservations = sqlite_list_reservations;
  iface->set_status = sqlite_set_status;
}

/*
 * Private API (turnos-sqlite-store-private.h)
 */

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
