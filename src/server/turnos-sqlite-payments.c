/* turnos-sqlite-payments.c: the SQLite store's payments, a booking's deposit
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A payment holds its reservations PENDING until it is approved (they are CONFIRMED),
 * declined or expired (they are CANCELLED, their time freed); a hold that lapses is
 * released by the next booking of that professional (turnos-sqlite-store-events.c).
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
#define reservation_from_row _turnos_sqlite_reservation_from_row
#define get_reservation      _turnos_sqlite_get_reservation
#define insert_reservation   _turnos_sqlite_insert_reservation

#define RESERVATION_COLUMNS TURNOS_SQLITE_RESERVATION_COLUMNS

static TurnosPayment *
get_payment (TurnosSqliteStore  *self,
             const char         *payment_id,
             GError            **error)
{
  sqlite3_stmt *st = stmt (self,
                           "SELECT id, reservation_id, status, amount, currency, expires_ts "
                           "FROM payments WHERE id = ?1", error);
  g_autoptr(TurnosPayment) p = NULL;
  g_autofree char *reservation_id = NULL;
  gint64 expires;
  int rc;

  if (st == NULL)
    return NULL;
  bind_text (st, 1, payment_id);
  rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (st);
      if (rc == SQLITE_DONE)
        g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND,
                     "no payment “%s”", payment_id);
      else
        fail (self, error);
      return NULL;
    }
  p = turnos_payment_new ();
  p->payment_id = g_strdup ((const char *) sqlite3_column_text (st, 0));
  reservation_id = g_strdup ((const char *) sqlite3_column_text (st, 1));
  turnos_payment_status_from_string ((const char *) sqlite3_column_text (st, 2), &p->status);
  p->amount = g_strdup ((const char *) sqlite3_column_text (st, 3));
  p->currency = g_strdup ((const char *) sqlite3_column_text (st, 4));
  expires = sqlite3_column_int64 (st, 5);
  sqlite3_reset (st);

  if (!(p->reservation = get_reservation (self, reservation_id, error)))
    return NULL;
  p->expires_at = local (zone_of (self, p->reservation->professional_id), expires);
  return g_steal_pointer (&p);
}

static TurnosPayment *
sqlite_create_payment (TurnosStore        *store,
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
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autofree char *reservation_id = NULL;
  g_autofree char *payment_id = NULL;
  gint64 now_ts = g_date_time_to_unix (now);
  sqlite3_stmt *st;

  if (replayed != NULL)
    *replayed = FALSE;
  if (!begin_write (self, error))
    return NULL;
  if (idempotency_key != NULL)
    {
      if (!lookup_key (self, idempotency_key, "payment", request_hash, now_ts, &payment_id,
                       error))
        goto out;
      if (payment_id != NULL)
        {
          if (replayed != NULL)
            *replayed = TRUE;
          rollback (self);
          return get_payment (self, payment_id, error);
        }
    }

  if (!(reservation_id = insert_reservation (self, draft, now_ts, expires_at, flags, NULL, NULL,
                                             NULL, conflict, error)))
    goto out;
  st = stmt (self,
             "INSERT INTO payments (id, reservation_id, status, amount, currency, expires_ts) "
             "VALUES (?1, ?2, 'pending', ?3, ?4, ?5)", error);
  if (st == NULL)
    goto out;
  bind_text (st, 2, reservation_id);
  bind_text (st, 3, amount);
  bind_text (st, 4, currency);
  sqlite3_bind_int64 (st, 5, g_date_time_to_unix (expires_at));
  if (!(payment_id = insert_with_fresh_id (self, st, error)))
    goto out;
  st = stmt (self, "UPDATE reservations SET payment_id = ?1 WHERE id = ?2", error);
  if (st == NULL)
    goto out;
  bind_text (st, 1, payment_id);
  bind_text (st, 2, reservation_id);
  if (!done (self, st, error) ||
      (idempotency_key != NULL &&
       !remember_key (self, idempotency_key, "payment", request_hash, payment_id, now_ts, error)) ||
      !commit (self, error))
    goto out;
  return get_payment (self, payment_id, error);

out:
  rollback (self);
  return NULL;
}

/* Inside a write transaction: the reservations a payment still holds (PENDING, carrying its
 * id: one, or a series' sessions). */
static GPtrArray *
held_by (TurnosSqliteStore  *self,
         const char         *payment_id,
         GError            **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  sqlite3_stmt *st = stmt (self,
                           "SELECT " RESERVATION_COLUMNS " FROM reservations "
                           "WHERE payment_id = ?1 AND status = 'PENDING' ORDER BY start_ts", error);
  int rc;

  if (st == NULL)
    return NULL;
  bind_text (st, 1, payment_id);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (out, reservation_from_row (self, st));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return fail (self, error), NULL;
  return g_steal_pointer (&out);
}

/* Inside a write transaction: moves a payment and the reservations it holds together. */
static gboolean
settle (TurnosSqliteStore    *self,
        TurnosPayment        *p,
        TurnosPaymentStatus   status,
        GError              **error)
{
  sqlite3_stmt *st = stmt (self, "UPDATE payments SET status = ?2 WHERE id = ?1", error);
  g_autoptr(GPtrArray) held = NULL;

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, p->payment_id);
  bind_text (st, 2, turnos_payment_status_to_string (status));
  if (!done (self, st, error) || !(held = held_by (self, p->payment_id, error)))
    return FALSE;
  st = stmt (self,
             "UPDATE reservations SET status = ?2, hold_expires_ts = NULL, cancel_reason = ?3 "
             "WHERE payment_id = ?1 AND status = 'PENDING'", error);
  if (st == NULL)
    return FALSE;
  bind_text (st, 1, p->payment_id);
  bind_text (st, 2, status == TURNOS_PAYMENT_APPROVED ? "CONFIRMED" : "CANCELLED");
  if (status != TURNOS_PAYMENT_APPROVED)
    bind_text (st, 3, status == TURNOS_PAYMENT_EXPIRED ? "expired" : "released");
  if (!done (self, st, error))
    return FALSE;
  /* Those already released (a lapsed hold) were announced by that release. */
  for (guint i = 0; i < held->len; i++)
    {
      TurnosReservation *r = g_ptr_array_index (held, i);

      if (!_turnos_sqlite_append_reservation_events (self, r->id, r->client_id, r->professional_id,
                                                     g_date_time_to_unix (r->start),
                                                     g_date_time_to_unix (r->end),
                                                     status == TURNOS_PAYMENT_APPROVED
                                                       ? TURNOS_STATUS_CONFIRMED
                                                       : TURNOS_STATUS_CANCELLED,
                                                     status != TURNOS_PAYMENT_APPROVED, error))
        return FALSE;
    }
  return TRUE;
}

static TurnosPayment *
decide (TurnosSqliteStore  *self,
        const char         *payment_id,
        int                 decision,   /* -1 only expire, 0 decline, 1 approve */
        GDateTime          *now,
        GError            **error)
{
  g_autoptr(TurnosPayment) p = NULL;

  if (!begin_write (self, error))
    return NULL;
  if (!(p = get_payment (self, payment_id, error)))
    goto out;
  if (p->status == TURNOS_PAYMENT_PENDING)
    {
      g_autoptr(GPtrArray) held = held_by (self, payment_id, error);
      TurnosPaymentStatus status;

      if (held == NULL)
        goto out;
      if (g_date_time_compare (now, p->expires_at) >= 0 || held->len == 0)
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
  return get_payment (self, payment_id, error);

out:
  rollback (self);
  return NULL;
}

static TurnosPayment *
sqlite_get_payment (TurnosStore  *store,
                    const char   *payment_id,
                    GDateTime    *now,
                    GError      **error)
{
  return decide (TURNOS_SQLITE_STORE (store), payment_id, -1, now, error);
}

static TurnosPayment *
sqlite_decide_payment (TurnosStore  *store,
                       const char   *payment_id,
                       gboolean      approved,
                       GDateTime    *now,
                       GError      **error)
{
  return decide (TURNOS_SQLITE_STORE (store), payment_id, approved ? 1 : 0, now, error);
}

void
_turnos_sqlite_payments_iface_init (TurnosStoreInterface *iface)
{
  iface->create_payment = sqlite_create_payment;
  iface->get_payment = sqlite_get_payment;
  iface->decide_payment = sqlite_decide_payment;
}

/*
 * Private API (turnos-sqlite-store-private.h)
 */

TurnosPayment *
_turnos_sqlite_get_payment (TurnosSqliteStore  *self,
                            const char         *payment_id,
                            GError            **error)
{
  return get_payment (self, payment_id, error);
}
