/* turnos-pg-series.c: the PostgreSQL store's weekly series and reschedules
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the SQLite store's (turnos-sqlite-series.c), each in ONE transaction. A series' sessions
 * are checked and inserted one after the other by the insert a single booking uses, each
 * within a savepoint: a session refused (by the checks, or by the exclusion constraint when
 * another server booked that time a moment before) is undone alone, and the series then
 * commits all of them, some of them (FREE_ONES) or none (ALL_OR_NOTHING, or a dry run). A
 * reschedule cancels the old reservation and inserts the new one in one transaction (the old
 * one first, so the constraint does not see a session overlap itself).
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-error.h"
#include "turnos-events-json.h"
#include "turnos-pg-store-private.h"
#include "turnos-time.h"

const char _turnos_pg_series_schema[] =
  "ALTER TABLE reservations ADD COLUMN series_id text COLLATE \"C\";"
  "ALTER TABLE reservations ADD COLUMN rescheduled_to text COLLATE \"C\";"
  "CREATE INDEX reservations_by_series ON reservations (series_id, start_at) "
  "WHERE series_id IS NOT NULL;"
  /* A series' sessions share one payment: settling it finds them all. */
  "CREATE INDEX reservations_by_payment ON reservations (payment_id) "
  "WHERE payment_id IS NOT NULL;";

#define query _turnos_pg_query

/* Every session of @series_id, in time order (maybe none). */
static GPtrArray *
select_series (TurnosPgStore  *self,
               const char     *series_id,
               GError        **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  PGresult *res = query (self,
                         "SELECT " TURNOS_PG_RESERVATION_COLUMNS " FROM reservations "
                         "WHERE series_id = $1 ORDER BY start_at, id", PARAMS (series_id), error);

  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    g_ptr_array_add (out, _turnos_pg_reservation_from_row (self, res, i));
  PQclear (res);
  return g_steal_pointer (&out);
}

static GPtrArray *
pg_list_series (TurnosStore  *store,
                const char   *series_id,
                GError      **error)
{
  g_autoptr(GPtrArray) list = select_series (TURNOS_PG_STORE (store), series_id, error);

  if (list != NULL && list->len == 0)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no series “%s”", series_id);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The series @series_id as it stands: its sessions and, when they carry one, the payment of
 * their deposits (the first PENDING session's, else the first session's that has one). */
static TurnosSeries *
series_as_stored (TurnosPgStore  *self,
                  const char     *series_id,
                  GError        **error)
{
  g_autoptr(TurnosSeries) series = turnos_series_new ();
  g_autoptr(GPtrArray) list = select_series (self, series_id, error);

  if (list == NULL)
    return NULL;
  series->series_id = g_strdup (series_id);
  for (guint i = 0; i < list->len; i++)
    {
      TurnosReservation *r = g_ptr_array_index (list, i);

      if (series->payment == NULL && r->payment_id != NULL && r->status == TURNOS_STATUS_PENDING &&
          !(series->payment = _turnos_pg_get_payment (self, r->payment_id, error)))
        return NULL;
      g_ptr_array_add (series->reservations, turnos_reservation_ref (r));
    }
  for (guint i = 0; i < list->len && series->payment == NULL; i++)
    {
      TurnosReservation *r = g_ptr_array_index (list, i);

      if (r->payment_id != NULL && !(series->payment = _turnos_pg_get_payment (self, r->payment_id, error)))
        return NULL;
    }
  return g_steal_pointer (&series);
}

/* Inside a transaction: @join_id becomes the first session of @series_id (NULL: a dry run). */
static TurnosReservation *
join_series (TurnosPgStore      *self,
             const char         *join_id,
             TurnosReservation  *like,
             const char         *series_id,
             GDateTime          *now,
             GError            **error)
{
  g_autoptr(TurnosReservation) r = NULL;
  PGresult *res;

  /* Locked: a cancellation or another series racing for it waits, then is seen. */
  if (!(res = query (self, "SELECT 1 FROM reservations WHERE id = $1 FOR UPDATE",
                     PARAMS (join_id), error)))
    return NULL;
  PQclear (res);
  if (!(r = _turnos_pg_get_reservation (self, join_id, error)))
    return NULL;
  if (!turnos_reservation_is_live (r, now) || r->series_id != NULL ||
      (like != NULL && (g_strcmp0 (r->client_id, like->client_id) != 0 ||
                        g_strcmp0 (r->professional_id, like->professional_id) != 0)))
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_ALREADY_CANCELLED,
                   "reservation %s cannot start a series: it is not live, or in one already", join_id);
      return NULL;
    }
  if (series_id == NULL)
    return g_steal_pointer (&r);
  if (!(res = query (self, "UPDATE reservations SET series_id = $2 WHERE id = $1",
                     PARAMS (join_id, series_id), error)))
    return NULL;
  PQclear (res);
  g_free (r->series_id);
  r->series_id = g_strdup (series_id);
  return g_steal_pointer (&r);
}

/* Inside a transaction: one payment for the PENDING sessions of @series_id just inserted,
 * @n of them. */
static gboolean
add_series_payment (TurnosPgStore                   *self,
                    const TurnosStoreSeriesRequest  *request,
                    const char                      *series_id,
                    const char                      *first_id,
                    guint                            n,
                    GError                         **error)
{
  g_autofree char *amount = turnos_payment_amount_times (request->deposit_amount, n);
  g_autofree char *payment_id = NULL;
  PGresult *res;

  if (amount == NULL)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED,
                   "the deposit “%s” is not an amount", request->deposit_amount);
      return FALSE;
    }
  for (int attempt = 0; attempt < 4 && payment_id == NULL; attempt++)
    {
      g_autofree char *fresh = self->new_id ();
      gboolean inserted;

      if (!(res = query (self,
                         "INSERT INTO payments (id, reservation_id, status, amount, currency, "
                         "expires_at) VALUES ($1, $2, 'pending', $3, $4, to_timestamp($5)) "
                         "ON CONFLICT (id) DO NOTHING",
                         PARAMS (fresh, first_id, amount,
                                 request->currency ? request->currency : "ARS",
                                 INT64 (g_date_time_to_unix (request->hold_until))), error)))
        return FALSE;
      inserted = !g_str_equal (PQcmdTuples (res), "0");
      PQclear (res);
      if (inserted)
        payment_id = g_steal_pointer (&fresh);
    }
  if (payment_id == NULL)
    {
      g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED,
                           "no free id for a payment");
      return FALSE;
    }
  if (!(res = query (self,
                     "UPDATE reservations SET payment_id = $1 WHERE series_id = $2 "
                     "AND status = 'PENDING' AND payment_id IS NULL",
                     PARAMS (payment_id, series_id), error)))
    return FALSE;
  PQclear (res);
  return TRUE;
}

/* The API word for why the store refused one session. */
static const char *
conflict_code (const GError      *error,
               TurnosReservation *conflict)
{
  if (g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_PATIENT_BUSY))
    return TURNOS_CODE_PATIENT_BUSY;
  return conflict != NULL ? TURNOS_CODE_SLOT_TAKEN : TURNOS_CODE_BLOCKED;
}

/* Undoes what one session wrote, back to the savepoint, and the events it queued. */
static gboolean
undo_session (TurnosPgStore  *self,
              guint           events_before,
              GError        **error)
{
  if (self->events != NULL && self->events->len > events_before)
    g_ptr_array_set_size (self->events, events_before);
  return _turnos_pg_exec (self, "ROLLBACK TO SAVEPOINT session", error);
}

static TurnosSeries *
create_series_once (TurnosPgStore                   *self,
                    const TurnosStoreSeriesRequest  *request,
                    gboolean                        *replayed,
                    GError                         **error)
{
  g_autoptr(TurnosSeries) series = turnos_series_new ();
  g_autoptr(GPtrArray) booked = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TurnosReservation) joined = NULL;
  g_autofree char *series_id = NULL;
  gint64 now_ts = g_date_time_to_unix (request->now);
  TurnosReservation *like = request->drafts->len > 0 ? g_ptr_array_index (request->drafts, 0) : NULL;

  if (!_turnos_pg_begin (self, error))
    return NULL;
  if (request->idempotency_key != NULL && !request->dry_run)
    {
      g_autofree char *first = NULL;

      if (!_turnos_pg_claim_key (self, request->idempotency_key, "series", request->request_hash,
                                 now_ts, &first, error))
        goto out;
      if (first != NULL)
        {
          if (replayed != NULL)
            *replayed = TRUE;
          _turnos_pg_rollback (self);
          return series_as_stored (self, first, error);
        }
    }

  series_id = request->dry_run ? NULL : self->new_id ();
  if (request->join_id != NULL &&
      !(joined = join_series (self, request->join_id, like, series_id, request->now, error)))
    goto out;

  for (guint i = 0; i < request->drafts->len; i++)
    {
      TurnosReservation *draft = g_ptr_array_index (request->drafts, i);
      g_autoptr(TurnosReservation) conflict = NULL;
      g_autoptr(TurnosReservation) stored = NULL;
      g_autoptr(GError) refused = NULL;
      guint events_before = self->events != NULL ? self->events->len : 0;

      if (!_turnos_pg_exec (self, "SAVEPOINT session", error))
        goto out;
      stored = _turnos_pg_insert_reservation (self, draft, now_ts, request->hold_until,
                                              request->flags, NULL, series_id, NULL, &conflict,
                                              &refused);
      if (stored != NULL)
        {
          if (!_turnos_pg_exec (self, "RELEASE SAVEPOINT session", error))
            goto out;
          g_ptr_array_add (booked, g_strdup (stored->id));
          if (request->dry_run)
            g_ptr_array_add (series->reservations, turnos_reservation_ref (draft));
          continue;
        }
      if (!undo_session (self, events_before, error))
        goto out;
      if (refused->domain != TURNOS_STORE_ERROR ||
          (refused->code != TURNOS_STORE_ERROR_CONFLICT &&
           refused->code != TURNOS_STORE_ERROR_PATIENT_BUSY) ||
          _turnos_pg_should_retry (self, refused))
        {
          g_propagate_error (error, g_steal_pointer (&refused));
          goto out;
        }
      {
        g_autofree char *start = turnos_time_format (draft->start);
        const char *code = conflict_code (refused, conflict);

        g_ptr_array_add (series->conflicts,
                         turnos_series_conflict_new (start, code,
                                                     g_str_equal (code, TURNOS_CODE_PATIENT_BUSY)
                                                       ? conflict : NULL));
      }
    }

  if (request->dry_run)
    {
      if (joined != NULL)
        g_ptr_array_insert (series->reservations, 0, g_steal_pointer (&joined));
      _turnos_pg_rollback (self);
      return g_steal_pointer (&series);
    }
  if (booked->len == 0 ||
      (series->conflicts->len > 0 && request->mode == TURNOS_SERIES_ALL_OR_NOTHING))
    {
      /* Nothing is written: the answer is the conflicts. */
      _turnos_pg_rollback (self);
      return g_steal_pointer (&series);
    }
  if ((request->hold_until != NULL &&
       !add_series_payment (self, request, series_id, g_ptr_array_index (booked, 0), booked->len,
                            error)) ||
      (request->idempotency_key != NULL &&
       !_turnos_pg_remember_key (self, request->idempotency_key, series_id, error)) ||
      !_turnos_pg_commit (self, error))
    goto out;

  {
    g_autoptr(TurnosSeries) stored = series_as_stored (self, series_id, error);

    if (stored == NULL)
      return NULL;
    g_ptr_array_extend_and_steal (stored->conflicts, g_steal_pointer (&series->conflicts));
    series->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_series_conflict_free);
    return g_steal_pointer (&stored);
  }

out:
  _turnos_pg_rollback (self);
  return NULL;
}

static TurnosSeries *
pg_create_series (TurnosStore                     *store,
                  const TurnosStoreSeriesRequest  *request,
                  gboolean                        *replayed,
                  GError                         **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);

  if (replayed != NULL)
    *replayed = FALSE;
  /* A deadlock PostgreSQL broke runs the whole series again. */
  for (int attempt = 1;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      TurnosSeries *series = create_series_once (self, request, replayed, &local_error);

      if (series != NULL)
        return series;
      if (attempt < 4 && _turnos_pg_should_retry (self, local_error))
        continue;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
}

/* Inside a transaction: @r, live, becomes CANCELLED (a hold: released), with its events and
 * the waitlist's offers. */
static gboolean
cancel_one (TurnosPgStore      *self,
            TurnosReservation  *r,
            GError            **error)
{
  PGresult *res = query (self,
                         "UPDATE reservations SET status = 'CANCELLED', hold_expires_at = NULL, "
                         "cancel_reason = CASE WHEN status = 'PENDING' THEN 'released' "
                         "ELSE 'cancelled' END WHERE id = $1", PARAMS (r->id), error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  return _turnos_pg_append_reservation_events (self, r->id, r->client_id, r->professional_id,
                                               g_date_time_to_unix (r->start),
                                               g_date_time_to_unix (r->end),
                                               TURNOS_STATUS_CANCELLED, TRUE, error);
}

static GPtrArray *
pg_cancel_series (TurnosStore        *store,
                  const char         *series_id,
                  GDateTime          *from,
                  GDateTime          *not_before,
                  GDateTime          *now,
                  TurnosReservation **too_late,
                  GError            **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  PGresult *res;

  if (!_turnos_pg_begin (self, error))
    return NULL;
  /* The sessions locked first: a payment or a reschedule racing with this waits. */
  if (!(res = query (self, "SELECT 1 FROM reservations WHERE series_id = $1 FOR UPDATE",
                     PARAMS (series_id), error)))
    goto out;
  PQclear (res);
  if (!(all = select_series (self, series_id, error)))
    goto out;
  if (all->len == 0)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no series “%s”", series_id);
      goto out;
    }
  for (guint i = 0; i < all->len; i++)
    {
      TurnosReservation *r = g_ptr_array_index (all, i);

      if (g_date_time_compare (r->start, from) < 0 || g_date_time_compare (r->start, now) <= 0 ||
          !turnos_reservation_is_live (r, now))
        continue;
      if (r->status == TURNOS_STATUS_CONFIRMED && g_date_time_compare (r->start, not_before) < 0)
        {
          if (too_late != NULL)
            *too_late = turnos_reservation_ref (r);
          g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_TOO_LATE,
                       "session %s starts within the cancel notice", r->id);
          goto out;
        }
      g_ptr_array_add (targets, turnos_reservation_ref (r));
    }
  for (guint i = 0; i < targets->len; i++)
    if (!cancel_one (self, g_ptr_array_index (targets, i), error))
      goto out;
  if (!_turnos_pg_commit (self, error))
    goto out;
  for (guint i = 0; i < targets->len; i++)
    {
      TurnosReservation *r = _turnos_pg_get_reservation (self,
                                                         ((TurnosReservation *) targets->pdata[i])->id,
                                                         error);

      if (r == NULL)
        return NULL;
      g_ptr_array_add (out, r);
    }
  return g_steal_pointer (&out);

out:
  _turnos_pg_rollback (self);
  return NULL;
}

/* Inside a transaction: the offers for the part of @old's time @moved does not take (the
 * old one's cancelled event and availability are queued already, see reschedule_once). */
static gboolean
append_moved_away (TurnosPgStore      *self,
                   TurnosReservation  *old,
                   TurnosReservation  *moved,
                   GError            **error)
{
  gint64 start = g_date_time_to_unix (old->start), end = g_date_time_to_unix (old->end);
  gint64 new_start = g_date_time_to_unix (moved->start), new_end = g_date_time_to_unix (moved->end);

  _turnos_pg_append_event (self, turnos_event_reservation_json (old->id, old->professional_id,
                                                                old->client_id,
                                                                TURNOS_STATUS_CANCELLED,
                                                                old->start));
  _turnos_pg_append_availability (self, old->professional_id, start, end);
  if (new_end <= start || new_start >= end)
    return _turnos_pg_append_offers (self, old->professional_id, start, end, old->client_id,
                                     error);
  /* Moved within its own time: only the ends it leaves are free. */
  return _turnos_pg_append_offers (self, old->professional_id, start, MIN (end, new_start),
                                   old->client_id, error) &&
         _turnos_pg_append_offers (self, old->professional_id, MAX (start, new_end), end,
                                   old->client_id, error);
}

static TurnosReservation *
reschedule_once (TurnosPgStore         *self,
                 const char            *id,
                 TurnosReservation     *draft,
                 TurnosStoreBookFlags   flags,
                 GDateTime             *now,
                 TurnosReservation    **conflict,
                 GError               **error)
{
  g_autoptr(TurnosReservation) old = NULL;
  g_autoptr(TurnosReservation) moved = NULL;
  g_autoptr(TurnosReservation) wanted = NULL;
  PGresult *res;

  if (!_turnos_pg_begin (self, error))
    return NULL;
  /* Locked: two reschedules (or a cancel) of one reservation take turns. */
  if (!(res = query (self, "SELECT 1 FROM reservations WHERE id = $1 FOR UPDATE",
                     PARAMS (id), error)))
    goto out;
  PQclear (res);
  if (!(old = _turnos_pg_get_reservation (self, id, error)))
    goto out;
  if (!turnos_reservation_is_live (old, now))
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_ALREADY_CANCELLED,
                   "reservation %s is cancelled, or its hold has lapsed", id);
      goto out;
    }
  /* The same patient and professional: only the time and the modality move. */
  wanted = turnos_reservation_new ();
  wanted->client_id = g_strdup (old->client_id);
  wanted->professional_id = g_strdup (old->professional_id);
  wanted->start = g_date_time_ref (draft->start);
  wanted->end = g_date_time_ref (draft->end);
  wanted->modality = draft->modality != TURNOS_MODALITY_NONE ? draft->modality : old->modality;
  /* The insert cancels the old one ("rescheduled", no payment) once the checks pass. */
  if (!(moved = _turnos_pg_insert_reservation (self, wanted, g_date_time_to_unix (now),
                                               old->status == TURNOS_STATUS_PENDING
                                                 ? old->hold_expires_at : NULL,
                                               flags, old->id, old->series_id, old->payment_id,
                                               conflict, error)))
    goto out;
  if (old->payment_id != NULL)
    {
      /* The deposit, paid or pending, now holds the new one. */
      if (!(res = query (self, "UPDATE payments SET reservation_id = $2 WHERE id = $1 "
                               "AND reservation_id = $3",
                         PARAMS (old->payment_id, moved->id, old->id), error)))
        goto out;
      PQclear (res);
    }
  if (!(res = query (self, "UPDATE reservations SET rescheduled_to = $2 WHERE id = $1",
                     PARAMS (old->id, moved->id), error)))
    goto out;
  PQclear (res);
  if (!append_moved_away (self, old, moved, error) || !_turnos_pg_commit (self, error))
    goto out;
  return g_steal_pointer (&moved);

out:
  _turnos_pg_rollback (self);
  if (conflict != NULL && *conflict == NULL && _turnos_pg_failed_with (self, "23P01"))
    {
      /* Another server took the time while this one checked. */
      g_autoptr(GPtrArray) r = NULL;
      g_autoptr(GPtrArray) b = NULL;

      if (turnos_store_list_range (TURNOS_STORE (self), draft->professional_id ? draft->professional_id
                                                        : (old ? old->professional_id : ""),
                                   draft->start, draft->end, &r, NULL, NULL))
        for (guint i = 0; i < r->len; i++)
          if (turnos_reservation_is_live (r->pdata[i], now) &&
              g_strcmp0 (((TurnosReservation *) r->pdata[i])->id, id) != 0)
            {
              *conflict = turnos_reservation_ref (r->pdata[i]);
              break;
            }
    }
  return NULL;
}

static TurnosReservation *
pg_reschedule (TurnosStore           *store,
               const char            *id,
               TurnosReservation     *draft,
               TurnosStoreBookFlags   flags,
               GDateTime             *now,
               TurnosReservation    **conflict,
               GError               **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);

  for (int attempt = 1;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      TurnosReservation *r = reschedule_once (self, id, draft, flags, now, conflict, &local_error);

      if (r != NULL)
        return r;
      if (attempt < 4 && _turnos_pg_should_retry (self, local_error))
        continue;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
}

void
_turnos_pg_series_iface_init (TurnosStoreInterface *iface)
{
  iface->create_series = pg_create_series;
  iface->list_series = pg_list_series;
  iface->cancel_series = pg_cancel_series;
  iface->reschedule = pg_reschedule;
}
