/* turnos-pg-payments.c: the PostgreSQL store's payments, a booking's deposit
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the SQLite store's (turnos-sqlite-payments.c). The payment's row lock orders two
 * decisions, and a booking releasing a lapsed hold; a deadlock PostgreSQL breaks is run
 * again, at most MAX_ATTEMPTS times.
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
#define claim_key          _turnos_pg_claim_key
#define remember_key       _turnos_pg_remember_key
#define get_reservation    _turnos_pg_get_reservation
#define insert_reservation _turnos_pg_insert_reservation
#define find_conflict      _turnos_pg_find_conflict

#define EPOCH(col) "extract(epoch FROM " col ")::bigint"

static TurnosPayment *
get_payment (TurnosPgStore  *self,
             const char     *payment_id,
             gboolean        for_update,
             GError        **error)
{
  PGresult *res = for_update
                  ? query (self, "SELECT id, reservation_id, status, amount, currency, "
                                 EPOCH ("expires_at") " FROM payments WHERE id = $1 FOR UPDATE",
                           PARAMS (payment_id), error)
                  : query (self, "SELECT id, reservation_id, status, amount, currency, "
                                 EPOCH ("expires_at") " FROM payments WHERE id = $1",
                           PARAMS (payment_id), error);
  g_autoptr(TurnosPayment) p = NULL;
  g_autofree char *reservation_id = NULL;
  gint64 expires;

  if (res == NULL)
    return NULL;
  if (PQntuples (res) == 0)
    {
      PQclear (res);
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND,
                   "no payment “%s”", payment_id);
      return NULL;
    }
  p = turnos_payment_new ();
  p->payment_id = g_strdup (VALUE (res, 0, 0));
  reservation_id = g_strdup (VALUE (res, 0, 1));
  turnos_payment_status_from_string (VALUE (res, 0, 2), &p->status);
  p->amount = g_strdup (VALUE (res, 0, 3));
  p->currency = g_strdup (VALUE (res, 0, 4));
  expires = _turnos_pg_get_int64 (res, 0, 5);
  PQclear (res);

  if (!(p->reservation = get_reservation (self, reservation_id, error)))
    return NULL;
  p->expires_at = local (zone_of (self, p->reservation->professional_id), expires);
  return g_steal_pointer (&p);
}

static TurnosPayment *
create_payment_once (TurnosPgStore      *self,
                     TurnosReservation  *draft,
                     const char         *amount,
                     const char         *currency,
                     const char         *idempotency_key,
                     const char         *request_hash,
                     GDateTime          *now,
                     GDateTime          *expires_at,
                     TurnosStoreBookFlags flags,
                     gboolean           *replayed,
                     TurnosReservation **conflict,
                     GError            **error)
{
  g_autoptr(TurnosReservation) held = NULL;
  g_autofree char *payment_id = NULL;
  gint64 now_ts = g_date_time_to_unix (now);
  PGresult *res;

  if (!begin (self, error))
    return NULL;
  if (idempotency_key != NULL)
    {
      if (!claim_key (self, idempotency_key, "payment", request_hash, now_ts, &payment_id, error))
        goto out;
      if (payment_id != NULL)
        {
          if (replayed != NULL)
            *replayed = TRUE;
          rollback (self);
          return get_payment (self, payment_id, FALSE, error);
        }
    }
  if (!(held = insert_reservation (self, draft, now_ts, expires_at, flags, NULL, NULL, NULL,
                                   conflict, error)))
    goto out;
  /* A taken id inserts nothing, and another is tried (see insert_reservation). */
  for (int attempt = 0; attempt < ID_ATTEMPTS && payment_id == NULL; attempt++)
    {
      g_autofree char *fresh = self->new_id ();
      gboolean inserted;

      if (!(res = query (self,
                         "INSERT INTO payments (id, reservation_id, status, amount, currency, "
                         "expires_at) VALUES ($1, $2, 'pending', $3, $4, to_timestamp($5)) "
                         "ON CONFLICT (id) DO NOTHING",
                         PARAMS (fresh, held->id, amount, currency,
                                 INT64 (g_date_time_to_unix (expires_at))), error)))
        goto out;
      inserted = !g_str_equal (PQcmdTuples (res), "0");
      PQclear (res);
      if (inserted)
        payment_id = g_steal_pointer (&fresh);
      else
        g_message ("store: id %s is taken; trying another", fresh);
    }
  if (payment_id == NULL)
    {
      g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED,
                           "no free id for a payment");
      goto out;
    }
  if (!(res = query (self, "UPDATE reservations SET payment_id = $1 WHERE id = $2",
                     PARAMS (payment_id, held->id), error)))
    goto out;
  PQclear (res);
  if ((idempotency_key != NULL && !remember_key (self, idempotency_key, payment_id, error)) ||
      !commit (self, error))
    goto out;
  return get_payment (self, payment_id, FALSE, error);

out:
  rollback (self);
  if (conflict != NULL && *conflict == NULL && _turnos_pg_failed_with (self, "23P01"))
    find_conflict (self, draft, now, conflict);
  return NULL;
}

static TurnosPayment *
pg_create_payment (TurnosStore        *store,
                   TurnosReservation  *draft,
                   const char         *amount,
                   const char         *currency,
                   const char         *idempotency_key,
                   const char         *request_hash,
                   GDateTime          *now,
                   GDateTime          *expires_at,
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
      TurnosPayment *p = create_payment_once (self, draft, amount, currency, idempotency_key,
                                              request_hash, now, expires_at, flags, replayed,
                                              conflict, &local_error);

      if (p != NULL)
        return p;
      if (attempt < MAX_ATTEMPTS && _turnos_pg_should_retry (self, local_error))
        continue;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
}

/* Inside a transaction: moves a payment and the reservations it holds (PENDING, carrying its
 * id: one, or a series' sessions) together. */
static gboolean
settle (TurnosPgStore        *self,
        TurnosPayment        *p,
        TurnosPaymentStatus   status,
        GError              **error)
{
  PGresult *res = query (self, "UPDATE payments SET status = $2 WHERE id = $1",
                         PARAMS (p->payment_id, turnos_payment_status_to_string (status)), error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  if (!(res = query (self,
                     "UPDATE reservations SET status = $2, hold_expires_at = NULL, "
                     "cancel_reason = $3 WHERE payment_id = $1 AND status = 'PENDING' "
                     "RETURNING id, client_id, professional_id, " EPOCH ("start_at") ", "
                     EPOCH ("end_at"),
                     PARAMS (p->payment_id,
                             status == TURNOS_PAYMENT_APPROVED ? "CONFIRMED" : "CANCELLED",
                             status == TURNOS_PAYMENT_APPROVED ? NULL
                             : status == TURNOS_PAYMENT_EXPIRED ? "expired" : "released"),
                     error)))
    return FALSE;
  /* Those already released (a lapsed hold) were announced by that release. */
  for (int i = 0; i < PQntuples (res); i++)
    if (!_turnos_pg_append_reservation_events (self, VALUE (res, i, 0), VALUE (res, i, 1),
                                               VALUE (res, i, 2), _turnos_pg_get_int64 (res, i, 3),
                                               _turnos_pg_get_int64 (res, i, 4),
                                               status == TURNOS_PAYMENT_APPROVED
                                                 ? TURNOS_STATUS_CONFIRMED
                                                 : TURNOS_STATUS_CANCELLED,
                                               status != TURNOS_PAYMENT_APPROVED, error))
      {
        PQclear (res);
        return FALSE;
      }
  PQclear (res);
  return TRUE;
}

static TurnosPayment *
decide (TurnosPgStore  *self,
        const char     *payment_id,
        int             decision,   /* -1 only expire, 0 decline, 1 approve */
        GDateTime      *now,
        GError        **error)
{
  g_autoptr(TurnosPayment) p = NULL;

  if (!begin (self, error))
    return NULL;
  /* The payment's row lock orders two decisions, and a booking releasing the lapsed hold. */
  if (!(p = get_payment (self, payment_id, TRUE, error)))
    goto out;
  if (p->status == TURNOS_PAYMENT_PENDING)
    {
      TurnosPaymentStatus status;
      gboolean holds;
      PGresult *res;

      /* Still holding anything: a reservation carrying its id, PENDING. */
      if (!(res = query (self, "SELECT 1 FROM reservations WHERE payment_id = $1 "
                               "AND status = 'PENDING' LIMIT 1", PARAMS (payment_id), error)))
        goto out;
      holds = PQntuples (res) > 0;
      PQclear (res);
      if (g_date_time_compare (now, p->expires_at) >= 0 || !holds)
        status = TURNOS_PAYMENT_EXPIRED;
      else if (decision < 0)
        {
          rollback (self);
          return g_steal_pointer (&p);
        }
      else
        status = decision ? TURNOS_PAYMENT_APPROVED : TURNOS_PAYMENT_DECLINED;
      if (!settle (self, p, status, error))
        goto out;
    }
  if (!commit (self, error))
    goto out;
  return get_payment (self, payment_id, FALSE, error);

out:
  rollback (self);
  return NULL;
}

static TurnosPayment *
pg_get_payment (TurnosStore  *store,
                const char   *payment_id,
                GDateTime    *now,
                GError      **error)
{
  return decide (TURNOS_PG_STORE (store), payment_id, -1, now, error);
}

static TurnosPayment *
pg_decide_payment (TurnosStore  *store,
                   const char   *payment_id,
                   gboolean      approved,
                   GDateTime    *now,
                   GError      **error)
{
  return decide (TURNOS_PG_STORE (store), payment_id, approved ? 1 : 0, now, error);
}

void
_turnos_pg_payments_iface_init (TurnosStoreInterface *iface)
{
  iface->create_payment = pg_create_payment;
  iface->get_payment = pg_get_payment;
  iface->decide_payment = pg_decide_payment;
}

/*
 * Private API (turnos-pg-store-private.h)
 */

TurnosPayment *
_turnos_pg_get_payment (TurnosPgStore  *self,
                        const char     *payment_id,
                        GError        **error)
{
  return get_payment (self, payment_id, FALSE, error);
}
