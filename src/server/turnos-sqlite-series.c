/* turnos-sqlite-series.c: the SQLite store's weekly series and reschedules
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each is one write transaction (BEGIN IMMEDIATE): a series' sessions are checked and
 * inserted one after the other by the same insert a single booking uses, so two desks booking
 * overlapping series at once are serialized, and the second finds the first's sessions in its
 * way; a reschedule inserts the new time and cancels the old one together, so two reschedules
 * racing for one time get one new reservation and one conflict.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-error.h"
#include "turnos-events-json.h"
#include "turnos-sqlite-store-private.h"
#include "turnos-time.h"

const char _turnos_sqlite_series_schema[] =
  "ALTER TABLE reservations ADD COLUMN series_id TEXT;"
  "ALTER TABLE reservations ADD COLUMN rescheduled_to TEXT;"
  "CREATE INDEX reservations_by_series ON reservations (series_id, start_ts) "
  "WHERE series_id IS NOT NULL;"
  /* A series' sessions share one payment: settling it finds them all. */
  "CREATE INDEX reservations_by_payment ON reservations (payment_id) "
  "WHERE payment_id IS NOT NULL;";

#define stmt _turnos_sqlite_stmt
#define done _turnos_sqlite_done
#define fail _turnos_sqlite_fail

static void
bind_text (sqlite3_stmt *st,
           int           i,
           const char   *text)
{
  sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
}

/* Every session of @series_id, in time order (maybe none). */
static GPtrArray *
select_series (TurnosSqliteStore  *self,
               const char         *series_id,
               GError            **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  sqlite3_stmt *st = stmt (self,
                           "SELECT " TURNOS_SQLITE_RESERVATION_COLUMNS " FROM reservations "
                           "WHERE series_id = ?1 ORDER BY start_ts, id", error);
  int rc;

  if (st == NULL)
    return NULL;
  bind_text (st, 1, series_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (out, _turnos_sqlite_reservation_from_row (self, st));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return fail (self, error), NULL;
  return g_steal_pointer (&out);
}

static GPtrArray *
sqlite_list_series (TurnosStore  *store,
                    const char   *series_id,
                    GError      **error)
{
  g_autoptr(GPtrArray) list = select_series (TURNOS_SQLITE_STORE (store), series_id, error);

  if (list != NULL && list->len == 0)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no series “%s”", series_id);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The series @series_id as it stands: its sessions and, when they carry one, the payment of
 * their deposits (the first session that does). */
static TurnosSeries *
series_as_stored (TurnosSqliteStore  *self,
                  const char         *series_id,
                  GError            **error)
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
          !(series->payment = _turnos_sqlite_get_payment (self, r->payment_id, error)))
        return NULL;
      g_ptr_array_add (series->reservations, turnos_reservation_ref (r));
    }
  if (series->payment == NULL)
    for (guint i = 0; i < list->len && series->payment == NULL; i++)
      {
        TurnosReservation *r = g_ptr_array_index (list, i);

        if (r->payment_id != NULL && !(series->payment = _turnos_sqlite_get_payment (self, r->payment_id, error)))
          return NULL;
      }
  return g_steal_pointer (&series);
}

/* Inside a write transaction: @join_id becomes the first session of @series_id. */
static TurnosReservation *
join_series (TurnosSqliteStore  *self,
             const char         *join_id,
             TurnosReservation  *like,
             const char         *series_id,
             GDateTime          *now,
             GError            **error)
{
  g_autoptr(TurnosReservation) r = _turnos_sqlite_get_reservation (self, join_id, error);
  sqlite3_stmt *st;

  if (r == NULL)
    return NULL;
  if (!turnos_reservation_is_live (r, now) || r->series_id != NULL ||
      (like != NULL && (g_strcmp0 (r->client_id, like->client_id) != 0 ||
                        g_strcmp0 (r->professional_id, like->professional_id) != 0)))
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_ALREADY_CANCELLED,
                   "reservation %s cannot start a series: it is not live, or in one already", join_id);
      return NULL;
    }
  if (series_id == NULL)   /* a dry run */
    return g_steal_pointer (&r);
  if (!(st = stmt (self, "UPDATE reservations SET series_id = ?2 WHERE id = ?1", error)))
    return NULL;
  bind_text (st, 1, join_id);
  bind_text (st, 2, series_id);
  if (!done (self, st, error))
    return NULL;
  g_free (r->series_id);
  r->series_id = g_strdup (series_id);
  return g_steal_pointer (&r);
}

/* Inside a write transaction: one payment for the PENDING sessions of @series_id just
 * inserted, @n of them. */
static gboolean
add_series_payment (TurnosSqliteStore               *self,
                    const TurnosStoreSeriesRequest  *request,
                    const char                      *series_id,
                    const char                      *first_id,
                    guint                            n,
                    GError                         **error)
{
  g_autofree char *amount = turnos_payment_amount_times (request->deposit_amount, n);
  g_autofree char *payment_id = NULL;
  sqlite3_stmt *st;

  if (amount == NULL)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED,
                   "the deposit “%s” is not an amount", request->deposit_amount);
      return FALSE;
    }
  st = stmt (self,
             "INSERT INTO payments (id, reservation_id, status, amount, currency, expires_ts) "
             "VALUES (?1, ?2, 'pending', ?3, ?4, ?5)", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 2, first_id);
  bind_text (st, 3, amount);
  bind_text (st, 4, request->currency ? request->currency : "ARS");
  sqlite3_bind_int64 (st, 5, g_date_time_to_unix (request->hold_until));
  if (!(payment_id = _turnos_sqlite_insert_with_fresh_id (self, st, error)))
    return FALSE;
  st = stmt (self,
             "UPDATE reservations SET payment_id = ?1 WHERE series_id = ?2 AND status = 'PENDING' "
             "AND payment_id IS NULL", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, payment_id);
  bind_text (st, 2, series_id);
  return done (self, st, error);
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

static TurnosSeries *
sqlite_create_series (TurnosStore                     *store,
                      const TurnosStoreSeriesRequest  *request,
                      gboolean                        *replayed,
                      GError                         **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(TurnosSeries) series = turnos_series_new ();
  g_autoptr(GPtrArray) booked = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TurnosReservation) joined = NULL;
  g_autofree char *series_id = NULL;
  gint64 now_ts = g_date_time_to_unix (request->now);
  TurnosReservation *like = request->drafts->len > 0 ? g_ptr_array_index (request->drafts, 0) : NULL;

  if (replayed != NULL)
    *replayed = FALSE;
  if (!_turnos_sqlite_begin_write (self, error))
    return NULL;
  if (request->idempotency_key != NULL && !request->dry_run)
    {
      g_autofree char *first = NULL;

      if (!_turnos_sqlite_lookup_key (self, request->idempotency_key, "series",
                                      request->request_hash, now_ts, &first, error))
        goto out;
      if (first != NULL)
        {
          if (replayed != NULL)
            *replayed = TRUE;
          _turnos_sqlite_rollback (self);
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
      g_autoptr(GError) refused = NULL;
      char *id = _turnos_sqlite_insert_reservation (self, draft, now_ts, request->hold_until,
                                                    request->flags, NULL, series_id, NULL,
                                                    &conflict, &refused);

      if (id != NULL)
        {
          g_ptr_array_add (booked, id);
          if (request->dry_run)
            g_ptr_array_add (series->reservations, turnos_reservation_ref (draft));
          continue;
        }
      if (refused->domain != TURNOS_STORE_ERROR ||
          (refused->code != TURNOS_STORE_ERROR_CONFLICT &&
           refused->code != TURNOS_STORE_ERROR_PATIENT_BUSY))
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
      _turnos_sqlite_rollback (self);
      return g_steal_pointer (&series);
    }
  if (booked->len == 0 ||
      (series->conflicts->len > 0 && request->mode == TURNOS_SERIES_ALL_OR_NOTHING))
    {
      /* Nothing is written: the answer is the conflicts. */
      _turnos_sqlite_rollback (self);
      return g_steal_pointer (&series);
    }
  if ((request->hold_until != NULL &&
       !add_series_payment (self, request, series_id, g_ptr_array_index (booked, 0), booked->len,
                            error)) ||
      (request->idempotency_key != NULL &&
       !_turnos_sqlite_remember_key (self, request->idempotency_key, "series",
                                     request->request_hash, series_id, now_ts, error)) ||
      !_turnos_sqlite_commit (self, error))
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
  _turnos_sqlite_rollback (self);
  return NULL;
}

/* Inside a write transaction: @r, live, becomes CANCELLED (a hold: released), with its events
 * and the waitlist's offers. */
static gboolean
cancel_one (TurnosSqliteStore  *self,
            TurnosReservation  *r,
            GError            **error)
{
  sqlite3_stmt *st = stmt (self,
                           "UPDATE reservations SET status = 'CANCELLED', hold_expires_ts = NULL, "
                           "cancel_reason = CASE WHEN status = 'PENDING' THEN 'released' "
                           "ELSE 'cancelled' END WHERE id = ?1", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, r->id);
  return done (self, st, error) &&
         _turnos_sqlite_append_reservation_events (self, r->id, r->client_id, r->professional_id,
                                                   g_date_time_to_unix (r->start),
                                                   g_date_time_to_unix (r->end),
                                                   TURNOS_STATUS_CANCELLED, TRUE, error);
}

static GPtrArray *
sqlite_cancel_series (TurnosStore        *store,
                      const char         *series_id,
                      GDateTime          *from,
                      GDateTime          *not_before,
                      GDateTime          *now,
                      TurnosReservation **too_late,
                      GError            **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);

  if (!_turnos_sqlite_begin_write (self, error) || !(all = select_series (self, series_id, error)))
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
  if (!_turnos_sqlite_commit (self, error))
    goto out;
  for (guint i = 0; i < targets->len; i++)
    {
      TurnosReservation *r = _turnos_sqlite_get_reservation (self, ((TurnosReservation *) targets->pdata[i])->id,
                                                             error);

      if (r == NULL)
        return NULL;
      g_ptr_array_add (out, r);
    }
  return g_steal_pointer (&out);

out:
  _turnos_sqlite_rollback (self);
  return NULL;
}

/* Inside a write transaction: the events of @old moved to @moved (same professional): the
 * old one cancelled, the availability of its day, and offers for the part of its time the new
 * one does not take. */
static gboolean
append_moved_away (TurnosSqliteStore  *self,
                   TurnosReservation  *old,
                   TurnosReservation  *moved,
                   GError            **error)
{
  gint64 start = g_date_time_to_unix (old->start), end = g_date_time_to_unix (old->end);
  gint64 new_start = g_date_time_to_unix (moved->start), new_end = g_date_time_to_unix (moved->end);
  g_autofree char *json = turnos_event_reservation_json (old->id, old->professional_id,
                                                         old->client_id, TURNOS_STATUS_CANCELLED,
                                                         old->start);

  if (!_turnos_sqlite_append_event (self, json, error) ||
      !_turnos_sqlite_append_availability (self, old->professional_id, start, end, error))
    return FALSE;
  if (new_end <= start || new_start >= end)
    return _turnos_sqlite_append_offers (self, old->professional_id, start, end, old->client_id,
                                         error);
  /* Moved within its own time: only the ends it leaves are free. */
  return _turnos_sqlite_append_offers (self, old->professional_id, start, MIN (end, new_start),
                                       old->client_id, error) &&
         _turnos_sqlite_append_offers (self, old->professional_id, MAX (start, new_end), end,
                                       old->client_id, error);
}

static TurnosReservation *
sqlite_reschedule (TurnosStore           *store,
                   const char            *id,
                   TurnosReservation     *draft,
                   TurnosStoreBookFlags   flags,
                   GDateTime             *now,
                   TurnosReservation    **conflict,
                   GError               **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(TurnosReservation) old = NULL;
  g_autoptr(TurnosReservation) moved = NULL;
  g_autoptr(TurnosReservation) wanted = NULL;
  g_autofree char *new_id = NULL;
  sqlite3_stmt *st;

  if (!_turnos_sqlite_begin_write (self, error) ||
      !(old = _turnos_sqlite_get_reservation (self, id, error)))
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
  if (!(new_id = _turnos_sqlite_insert_reservation (self, wanted, g_date_time_to_unix (now),
                                                    old->status == TURNOS_STATUS_PENDING
                                                      ? old->hold_expires_at : NULL,
                                                    flags, old->id, old->series_id,
                                                    old->payment_id, conflict, error)))
    goto out;
  if (old->payment_id != NULL)
    {
      /* The deposit, paid or pending, now holds the new one. */
      if (!(st = stmt (self, "UPDATE payments SET reservation_id = ?2 WHERE id = ?1 "
                             "AND reservation_id = ?3", error)))
        goto out;
      bind_text (st, 1, old->payment_id);
      bind_text (st, 2, new_id);
      bind_text (st, 3, old->id);
      if (!done (self, st, error))
        goto out;
    }
  st = stmt (self,
             "UPDATE reservations SET status = 'CANCELLED', cancel_reason = 'rescheduled', "
             "rescheduled_to = ?2, payment_id = NULL, hold_expires_ts = NULL WHERE id = ?1", error);
  if (st == NULL)
    goto out;
  bind_text (st, 1, old->id);
  bind_text (st, 2, new_id);
  if (!done (self, st, error) ||
      !(moved = _turnos_sqlite_get_reservation (self, new_id, error)) ||
      !append_moved_away (self, old, moved, error) ||
      !_turnos_sqlite_commit (self, error))
    goto out;
  return g_steal_pointer (&moved);

out:
  _turnos_sqlite_rollback (self);
  return NULL;
}

void
_turnos_sqlite_series_iface_init (TurnosStoreInterface *iface)
{
  iface->create_series = sqlite_create_series;
  iface->list_series = sqlite_list_series;
  iface->cancel_series = sqlite_cancel_series;
  iface->reschedule = sqlite_reschedule;
}
