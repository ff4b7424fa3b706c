/* turnos-pg-reservations.c: the PostgreSQL store's reservations, and a day's availability
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the SQLite store's (turnos-sqlite-reservations.c), for several servers on one database:
 * the exclusion constraint reservations_no_overlap has the last word on two bookings racing
 * for one time, and one patient's bookings take turns on an advisory lock (PATIENT_LOCK).
 * See turnos-pg-store.c for the whole story.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-pg-store-private.h"

/* With a hash of the patient's id: one patient's bookings take turns (check_patient_free). */
#define PATIENT_LOCK "7251018"

#define query          _turnos_pg_query
#define begin          _turnos_pg_begin
#define commit         _turnos_pg_commit
#define rollback       _turnos_pg_rollback
#define zone_of        _turnos_pg_zone_of
#define local          _turnos_pg_local
#define claim_key      _turnos_pg_claim_key
#define remember_key   _turnos_pg_remember_key
#define select_blocks  _turnos_pg_select_blocks

#define EPOCH(col) "extract(epoch FROM " col ")::bigint"
#define RESERVATION_COLUMNS TURNOS_PG_RESERVATION_COLUMNS

/* RESERVATION_COLUMNS from column @at on. */
static TurnosReservation *
reservation_from_row_at (TurnosPgStore  *self,
                         const PGresult *res,
                         int             row,
                         int             at)
{
  TurnosReservation *r = turnos_reservation_new ();
  GTimeZone *tz;

  r->id = g_strdup (VALUE (res, row, at));
  r->client_id = g_strdup (VALUE (res, row, at + 1));
  r->professional_id = g_strdup (VALUE (res, row, at + 2));
  tz = zone_of (self, r->professional_id);
  r->timezone = g_strdup (g_time_zone_get_identifier (tz));
  r->start = local (tz, _turnos_pg_get_int64 (res, row, at + 3));
  r->end = local (tz, _turnos_pg_get_int64 (res, row, at + 4));
  turnos_status_from_string (VALUE (res, row, at + 5), &r->status);
  turnos_modality_from_string (VALUE (res, row, at + 6), &r->modality);
  r->created_at = local (tz, _turnos_pg_get_int64 (res, row, at + 7));
  if (!PQgetisnull (res, row, at + 8))
    r->hold_expires_at = local (tz, _turnos_pg_get_int64 (res, row, at + 8));
  if (r->status == TURNOS_STATUS_CANCELLED)
    r->cancel_reason = _turnos_pg_dup (res, row, at + 9);
  r->payment_id = _turnos_pg_dup (res, row, at + 10);
  r->series_id = _turnos_pg_dup (res, row, at + 11);
  if (r->status == TURNOS_STATUS_CANCELLED)
    r->rescheduled_to = _turnos_pg_dup (res, row, at + 12);
  turnos_attendance_from_string (VALUE (res, row, at + 13), &r->attendance);
  return r;
}

static TurnosReservation *
reservation_from_row (TurnosPgStore  *self,
                      const PGresult *res,
                      int             row)
{
  return reservation_from_row_at (self, res, row, 0);
}

/*
 * Store interface
 */

/* Reservations of one professional overlapping [from, to), any status, through the GiST
 * index on (professional_id, range): O(log n + k). The closed range finds what meets an
 * empty [from, from) as SQLite's "start < to AND end > from" does. */
static gboolean
select_overlapping (TurnosPgStore  *self,
                    const char     *professional_id,
                    gint64          from,
                    gint64          to,
                    GPtrArray      *out,
                    GError        **error)
{
  PGresult *res = query (self,
                         "SELECT " RESERVATION_COLUMNS " FROM reservations "
                         "WHERE professional_id = $1 "
                         "AND tstzrange(start_at, end_at, '[)') && "
                         "    tstzrange(to_timestamp($2), to_timestamp($3), '[]') "
                         "AND start_at < to_timestamp($3) AND end_at > to_timestamp($2) "
                         "ORDER BY start_at, id",
                         PARAMS (professional_id, INT64 (from), INT64 (to)), error);

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (out, reservation_from_row (self, res, i));
  PQclear (res);
  return TRUE;
}

/* Both at once, in one round trip (a day's availability asks for both): the reservations
 * (kind "r") then the blocks (kind "b"), each by start. */
static gboolean
select_both (TurnosPgStore  *self,
             const char     *professional_id,
             gint64          from,
             gint64          to,
             GPtrArray      *reservations,
             GPtrArray      *blocks,
             GError        **error)
{
#define OVERLAPS \
  "WHERE professional_id = $1 " \
  "AND tstzrange(start_at, end_at, '[)') && tstzrange(to_timestamp($2), to_timestamp($3), '[]') " \
  "AND start_at < to_timestamp($3) AND end_at > to_timestamp($2) "
  PGresult *res = query (self,
                         "SELECT 'r', " RESERVATION_COLUMNS ", NULL, start_at FROM reservations "
                         OVERLAPS
                         "UNION ALL "
                         "SELECT 'b', id, NULL, professional_id, " EPOCH ("start_at") ", "
                         EPOCH ("end_at") ", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                         "reason, start_at FROM blocks "
                         OVERLAPS
                         "ORDER BY 1 DESC, 17, 2",
                         PARAMS (professional_id, INT64 (from), INT64 (to)), error);
#undef OVERLAPS

  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      if (g_str_equal (VALUE (res, i, 0), "r"))
        g_ptr_array_add (reservations, reservation_from_row_at (self, res, i, 1));
      else
        {
          TurnosBlock *b = turnos_block_new ();
          GTimeZone *tz;

          b->id = g_strdup (VALUE (res, i, 1));
          b->professional_id = g_strdup (VALUE (res, i, 3));
          tz = zone_of (self, b->professional_id);
          b->start = local (tz, _turnos_pg_get_int64 (res, i, 4));
          b->end = local (tz, _turnos_pg_get_int64 (res, i, 5));
          b->reason = g_strdup (VALUE (res, i, 15));
          g_ptr_array_add (blocks, b);
        }
    }
  PQclear (res);
  return TRUE;
}

static gboolean
pg_list_range (TurnosStore  *store,
               const char   *professional_id,
               GDateTime    *from,
               GDateTime    *to,
               GPtrArray   **reservations,
               GPtrArray   **blocks,
               GError      **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  g_autoptr(GPtrArray) r = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  g_autoptr(GPtrArray) b = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_block_unref);
  gint64 f = g_date_time_to_unix (from), t = g_date_time_to_unix (to);

  if (reservations != NULL && blocks != NULL)
    {
      if (!select_both (self, professional_id, f, t, r, b, error))
        return FALSE;
    }
  else if ((reservations != NULL && !select_overlapping (self, professional_id, f, t, r, error)) ||
           (blocks != NULL && !select_blocks (self, professional_id, f, t, b, error)))
    return FALSE;
  if (reservations != NULL)
    *reservations = g_steal_pointer (&r);
  if (blocks != NULL)
    *blocks = g_steal_pointer (&b);
  return TRUE;
}

static TurnosReservation *
get_reservation (TurnosPgStore  *self,
                 const char     *id,
                 GError        **error)
{
  PGresult *res = query (self, "SELECT " RESERVATION_COLUMNS " FROM reservations WHERE id = $1",
                         PARAMS (id), error);
  TurnosReservation *r = NULL;

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no reservation “%s”", id);
  else
    r = reservation_from_row (self, res, 0);
  PQclear (res);
  return r;
}

/* Inside a transaction: the first live reservation or block of @professional_id overlapping
 * [start, end), once the lapsed holds are released. */
static gboolean
check_free (TurnosPgStore      *self,
            const char         *professional_id,
            gint64              start,
            gint64              end,
            gint64              now,
            const char         *ignore_id,
            TurnosReservation **conflict,
            GError            **error)
{
  PGresult *res;

  /* Serialized against blocks, which take the row FOR UPDATE, not against other bookings;
   * then the lapsed holds, which still count for the exclusion constraint, go. */
  if (!_turnos_pg_release_lapsed (self, professional_id, now, NULL, error))
    return FALSE;

  /* The first reservation in the way, else the first block ("r" sorts after "b"). */
  if (!(res = query (self,
                     "(SELECT 'r', " RESERVATION_COLUMNS " FROM reservations "
                     " WHERE professional_id = $1 AND status <> 'CANCELLED' "
                     " AND ($4::text IS NULL OR id <> $4) "
                     " AND tstzrange(start_at, end_at, '[)') && "
                     "     tstzrange(to_timestamp($2), to_timestamp($3), '[)') "
                     " ORDER BY start_at, id LIMIT 1) "
                     "UNION ALL "
                     "(SELECT 'b', id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
                     " NULL, NULL, NULL FROM blocks "
                     " WHERE professional_id = $1 "
                     " AND tstzrange(start_at, end_at, '[)') && "
                     "     tstzrange(to_timestamp($2), to_timestamp($3), '[)') LIMIT 1) "
                     "ORDER BY 1 DESC LIMIT 1",
                     PARAMS (professional_id, INT64 (start), INT64 (end), ignore_id), error)))
    return FALSE;
  if (PQntuples (res) == 0)
    {
      PQclear (res);
      return TRUE;
    }
  if (g_str_equal (VALUE (res, 0, 0), "r"))
    {
      /* The columns after the kind are a reservation's. */
      g_autoptr(TurnosReservation) r = reservation_from_row_at (self, res, 0, 1);

      PQclear (res);
      if (conflict != NULL)
        *conflict = turnos_reservation_ref (r);
      /* The message reaches whoever booked: it names neither the other patient's
       * reservation nor a professional's reason for time off (#13 §6). */
      g_debug ("overlaps reservation %s", r->id);
      g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT,
                           "the time overlaps another session");
      return FALSE;
    }
  g_debug ("overlaps block %s", VALUE (res, 0, 1));
  PQclear (res);
  g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT,
                       "the time overlaps time off");
  return FALSE;
}

/* Inside a transaction, with the patient's lock: the first live reservation of @client_id
 * (any professional; but @ignore_id) overlapping [start, end), into @conflict, as
 * PATIENT_BUSY. */
static gboolean
check_patient_free (TurnosPgStore      *self,
                    const char         *client_id,
                    gint64              start,
                    gint64              end,
                    gint64              now,
                    const char         *ignore_id,
                    TurnosReservation **conflict,
                    GError            **error)
{
  g_autoptr(TurnosReservation) other = NULL;
  PGresult *res;

  if (!(res = query (self,
                     "SELECT " RESERVATION_COLUMNS " FROM reservations "
                     "WHERE client_id = $1 AND start_at < to_timestamp($3) "
                     "AND end_at > to_timestamp($2) "
                     "AND (status = 'CONFIRMED' OR (status = 'PENDING' AND "
                     "     (hold_expires_at IS NULL OR hold_expires_at > to_timestamp($4)))) "
                     "AND ($5::text IS NULL OR id <> $5) ORDER BY start_at LIMIT 1",
                     PARAMS (client_id, INT64 (start), INT64 (end), INT64 (now), ignore_id),
                     error)))
    return FALSE;
  if (PQntuples (res) > 0)
    other = reservation_from_row (self, res, 0);
  PQclear (res);
  if (other == NULL)
    return TRUE;
  g_debug ("the patient's reservation %s is at that time", other->id);
  if (conflict != NULL)
    *conflict = g_steal_pointer (&other);
  g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_PATIENT_BUSY,
                       "the patient has another session at that time");
  return FALSE;
}

/* Inside a transaction: checks (turnos-store.h) and inserts; returns the stored reservation.
 * @ignore_id is a reschedule's old reservation: once the checks pass it is cancelled
 * ("rescheduled", before the insert, or the exclusion constraint would see the two overlap);
 * @series_id and @payment_id are what the row carries from the start. */
TurnosReservation *
_turnos_pg_insert_reservation (TurnosPgStore         *self,
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
  TurnosReservation *stored;
  PGresult *res = NULL;

  /* Bookings of one patient take turns on a lock of their own, held to the commit, so two
   * servers booking one patient with two professionals at once cannot both pass; taken
   * first, so that a booking that waited for it then sees the professional's time as the
   * one before it left it (a conflict there comes first, as in SQLite). */
  if (!(flags & TURNOS_STORE_BOOK_ALLOW_PATIENT_OVERLAP) &&
      !_turnos_pg_lock_patient (self, draft->client_id, error))
    return NULL;
  if (!check_free (self, draft->professional_id, start, end, now, ignore_id, conflict, error) ||
      (!(flags & TURNOS_STORE_BOOK_ALLOW_PATIENT_OVERLAP) &&
       !check_patient_free (self, draft->client_id, start, end, now, ignore_id, conflict, error)))
    return NULL;
  if (ignore_id != NULL)
    {
      if (!(res = query (self,
                         "UPDATE reservations SET status = 'CANCELLED', cancel_reason = 'rescheduled', "
                         "payment_id = NULL, hold_expires_at = NULL WHERE id = $1",
                         PARAMS (ignore_id), error)))
        return NULL;
      g_clear_pointer (&res, PQclear);
    }
  /* Ids are random, so a clash is all but impossible, yet it must cost a retry, not a 500:
   * a taken id inserts nothing (and aborts nothing), and another is tried. */
  for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++)
    {
      g_autofree char *id = self->new_id ();

      res = query (self,
                   "INSERT INTO reservations (id, client_id, professional_id, start_at, end_at, "
                   "status, modality, created_at, hold_expires_at, payment_id, series_id) "
                   "VALUES ($1, $2, $3, to_timestamp($4), to_timestamp($5), $6, $7, "
                   "to_timestamp($8), to_timestamp($9), $10, $11) ON CONFLICT (id) DO NOTHING "
                   "RETURNING " RESERVATION_COLUMNS,
                   PARAMS (id, draft->client_id, draft->professional_id, INT64 (start),
                           INT64 (end), hold_until ? "PENDING" : "CONFIRMED",
                           turnos_modality_to_string (draft->modality), INT64 (now),
                           hold_until ? INT64 (g_date_time_to_unix (hold_until)) : NULL,
                           payment_id, series_id),
                   error);
      if (res == NULL || PQntuples (res) > 0)
        break;
      g_message ("store: id %s is taken; trying another", id);
      g_clear_pointer (&res, PQclear);
    }
  if (res == NULL && (error == NULL || *error == NULL))
    g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED,
                         "no free id for a reservation");
  if (res == NULL)
    {
      if (_turnos_pg_failed_with (self, "23P01"))
        {
          /* Another server's booking, committed while this one checked. */
          g_clear_error (error);
          g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT,
                               "the time overlaps another session");
        }
      return NULL;
    }
  stored = reservation_from_row (self, res, 0);
  PQclear (res);
  /* The first to book wins: the patient no longer waits for that day. */
  if (!_turnos_pg_append_reservation_events (self, stored->id, stored->client_id,
                                             stored->professional_id, start, end,
                                             stored->status, TRUE, error) ||
      !_turnos_pg_waitlist_fulfil (self, stored->client_id, stored->professional_id, start,
                                   error))
    {
      turnos_reservation_unref (stored);
      return NULL;
    }
  return stored;
}

#define insert_reservation _turnos_pg_insert_reservation

/* After a conflict the constraint found, outside the transaction: who holds the time. */
static void
find_conflict (TurnosPgStore      *self,
               TurnosReservation  *draft,
               GDateTime          *now,
               TurnosReservation **conflict)
{
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);

  if (!select_overlapping (self, draft->professional_id, g_date_time_to_unix (draft->start),
                           g_date_time_to_unix (draft->end), taken, NULL))
    return;
  for (guint i = 0; i < taken->len; i++)
    if (turnos_reservation_is_live (taken->pdata[i], now))
      {
        *conflict = turnos_reservation_ref (taken->pdata[i]);
        return;
      }
}

static TurnosReservation *
create_reservation_once (TurnosPgStore      *self,
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
  g_autofree char *id = NULL;
  g_autoptr(TurnosReservation) stored = NULL;
  gint64 now_ts = g_date_time_to_unix (now);

  if (!begin (self, error))
    return NULL;
  if (idempotency_key != NULL)
    {
      if (!claim_key (self, idempotency_key, "reservation", request_hash, now_ts, &id, error))
        goto out;
      if (id != NULL)
        {
          if (replayed != NULL)
            *replayed = TRUE;
          rollback (self);
          return get_reservation (self, id, error);
        }
    }
  if (!(stored = insert_reservation (self, draft, now_ts, hold_until, flags, NULL, NULL, NULL,
                                     conflict, error)) ||
      (idempotency_key != NULL && !remember_key (self, idempotency_key, stored->id, error)) ||
      !commit (self, error))
    goto out;
  return g_steal_pointer (&stored);

out:
  rollback (self);
  if (conflict != NULL && *conflict == NULL && _turnos_pg_failed_with (self, "23P01"))
    find_conflict (self, draft, now, conflict);
  return NULL;
}

static TurnosReservation *
pg_create_reservation (TurnosStore        *store,
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
  TurnosPgStore *self = TURNOS_PG_STORE (store);

  if (replayed != NULL)
    *replayed = FALSE;
  for (int attempt = 1;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      TurnosReservation *r = create_reservation_once (self, draft, idempotency_key, request_hash,
                                                      now, hold_until, flags, replayed, conflict,
                                                      &local_error);

      if (r != NULL)
        return r;
      if (attempt < MAX_ATTEMPTS && _turnos_pg_should_retry (self, local_error))
        continue;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
}

static TurnosReservation *
pg_get_reservation (TurnosStore  *store,
                    const char   *id,
                    GError      **error)
{
  return get_reservation (TURNOS_PG_STORE (store), id, error);
}

/* The first and last instants a query may name, inside what to_timestamp takes. */
#define EARLIEST G_GINT64_CONSTANT (-62135596800)   /* 0001-01-01 */
#define LATEST   G_GINT64_CONSTANT (253402300799)   /* 9999-12-31 23:59:59 */

/* As the SQLite store: the SQL narrows by client, liveness, the cursor and the days widened by
 * the largest UTC offsets (±14 h), on (client_id, start_at, id); the exact day test runs
 * here, in each professional's zone. Rows come a page at a time until the page is full and
 * one more matches. */
static GPtrArray *
pg_list_reservations (TurnosStore                  *store,
                      const TurnosReservationQuery *q,
                      gboolean                     *more,
                      GError                      **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  /* $1 client, $2 now, $3 filter (0 all, 1 live, 2 not live), $4/$5 start range,
   * $6/$7 cursor (start, id; $7 NULL: no cursor), $8 professional (NULL: any), $9 rows */
#define LIST_WHERE \
  " FROM reservations WHERE client_id = $1" \
  " AND start_at >= to_timestamp($4) AND start_at < to_timestamp($5)" \
  " AND ($8::text IS NULL OR professional_id = $8)" \
  " AND ($3::int = 0 OR ($3::int = 1) = (status = 'CONFIRMED' OR (status = 'PENDING' AND" \
  "      (hold_expires_at IS NULL OR hold_expires_at > to_timestamp($2)))))"
  const char *sql = q->descending
                    ? "SELECT " RESERVATION_COLUMNS LIST_WHERE
                      " AND ($7::text IS NULL OR (start_at, id) < (to_timestamp($6), $7))"
                      " ORDER BY start_at DESC, id DESC LIMIT $9"
                    : "SELECT " RESERVATION_COLUMNS LIST_WHERE
                      " AND ($7::text IS NULL OR (start_at, id) > (to_timestamp($6), $7))"
                      " ORDER BY start_at ASC, id ASC LIMIT $9";
#undef LIST_WHERE
  const guint batch = q->limit + 1;
  gint64 from_ts, to_ts;
  gint64 after_start = q->after_start;
  g_autofree char *after_id = g_strdup (q->after_id);

  *more = FALSE;
  turnos_reservation_query_instants (q, EARLIEST, LATEST, &from_ts, &to_ts);
  /* Rows the day test drops make a batch come short: fetch the next from where it ended. */
  for (;;)
    {
      PGresult *res = query (self, sql,
                             PARAMS (q->client_id, INT64 (g_date_time_to_unix (q->now)),
                                     q->filter == TURNOS_RESERVATION_FILTER_LIVE ? "1"
                                     : q->filter == TURNOS_RESERVATION_FILTER_CANCELLED ? "2" : "0",
                                     INT64 (from_ts), INT64 (to_ts),
                                     INT64 (after_start), after_id, q->professional_id,
                                     INT64 (batch)),
                             error);
      int n;

      if (res == NULL)
        return NULL;
      n = PQntuples (res);
      for (int i = 0; i < n; i++)
        {
          g_autoptr(TurnosReservation) r = reservation_from_row (self, res, i);

          g_free (after_id);
          after_id = g_strdup (r->id);
          after_start = g_date_time_to_unix (r->start);
          if (!turnos_reservation_query_within_days (q, r))
            continue;
          if (out->len == q->limit)
            {
              *more = TRUE;
              break;
            }
          g_ptr_array_add (out, g_steal_pointer (&r));
        }
      PQclear (res);
      if (*more || n < (int) batch)
        break;
    }
  return g_steal_pointer (&out);
}

static TurnosReservation *
pg_set_status (TurnosStore   *store,
               const char    *id,
               TurnosStatus   status,
               GError       **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  g_autoptr(TurnosReservation) current = NULL;
  TurnosReservation *changed = NULL;
  PGresult *res;

  if (!begin (self, error))
    return NULL;
  /* Cancelling a PENDING hold releases it; anything else is a cancellation. The row's lock
   * orders two changes of one reservation. */
  if (!(res = query (self,
                     "UPDATE reservations SET status = $2, hold_expires_at = NULL, cancel_reason = "
                     "  CASE WHEN $2 <> 'CANCELLED' THEN NULL WHEN status = 'PENDING' THEN 'released' "
                     "  ELSE 'cancelled' END "
                     "WHERE id = $1 AND status <> 'CANCELLED' RETURNING " RESERVATION_COLUMNS,
                     PARAMS (id, turnos_status_to_string (status)), error)))
    goto out;
  if (PQntuples (res) > 0)
    changed = reservation_from_row (self, res, 0);
  PQclear (res);
  if (changed == NULL)
    {
      /* Nothing changed: there is no such reservation, or it was cancelled already. */
      if ((current = get_reservation (self, id, error)) != NULL)
        g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_ALREADY_CANCELLED,
                     "reservation %s is already cancelled", id);
      goto out;
    }
  if (!_turnos_pg_append_reservation_events (self, id, changed->client_id,
                                             changed->professional_id,
                                             g_date_time_to_unix (changed->start),
                                             g_date_time_to_unix (changed->end), status,
                                             status == TURNOS_STATUS_CANCELLED, error) ||
      !commit (self, error))
    goto out;
  return changed;

out:
  g_clear_pointer (&changed, turnos_reservation_unref);
  rollback (self);
  return NULL;
}

void
_turnos_pg_reservations_iface_init (TurnosStoreInterface *iface)
{
  iface->list_range = pg_list_range;
  iface->create_reservation = pg_create_reservation;
  iface->get_reservation = pg_get_reservation;
  iface->list_reservations = pg_list_reservations;
  iface->set_status = pg_set_status;
}

/*
 * Private API (turnos-pg-store-private.h)
 */

TurnosReservation *
_turnos_pg_reservation_from_row (TurnosPgStore  *self,
                                 const PGresult *res,
                                 int             row)
{
  return reservation_from_row (self, res, row);
}

gboolean
_turnos_pg_select_overlapping (TurnosPgStore  *self,
                               const char     *professional_id,
                               gint64          from,
                               gint64          to,
                               GPtrArray      *out,
                               GError        **error)
{
  return select_overlapping (self, professional_id, from, to, out, error);
}

TurnosReservation *
_turnos_pg_get_reservation (TurnosPgStore  *self,
                            const char     *id,
                            GError        **error)
{
  return get_reservation (self, id, error);
}

gboolean
_turnos_pg_lock_patient (TurnosPgStore  *self,
                         const char     *client_id,
                         GError        **error)
{
  PGresult *res = query (self, "SELECT pg_advisory_xact_lock (" PATIENT_LOCK ", hashtext ($1))",
                         PARAMS (client_id), error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

void
_turnos_pg_find_conflict (TurnosPgStore      *self,
                          TurnosReservation  *draft,
                          GDateTime          *now,
                          TurnosReservation **conflict)
{
  find_conflict (self, draft, now, conflict);
}
