/* turnos-payment.h: a deposit payment and the hold it keeps on a time
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "turnos-reservation.h"

G_BEGIN_DECLS

typedef enum
{
  TURNOS_PAYMENT_PENDING,    /* "pending": waiting for the patient at the checkout */
  TURNOS_PAYMENT_APPROVED,   /* "approved": the reservation is CONFIRMED */
  TURNOS_PAYMENT_DECLINED,   /* "declined": the time is released */
  TURNOS_PAYMENT_EXPIRED,    /* "expired": the hold lapsed, the time is released */
} TurnosPaymentStatus;

const char *turnos_payment_status_to_string   (TurnosPaymentStatus  status);
gboolean    turnos_payment_status_from_string (const char          *str,
                                               TurnosPaymentStatus *out);

typedef struct
{
  char                *payment_id;
  TurnosPaymentStatus  status;
  char                *checkout_url;
  char                *amount;        /* decimal string, "5000.00" */
  char                *currency;
  GDateTime           *expires_at;    /* in the professional's zone */
  TurnosReservation   *reservation;   /* nullable: the held (then confirmed) reservation */

  /*< private >*/
  gatomicrefcount ref_count;
} TurnosPayment;

#define TURNOS_TYPE_PAYMENT (turnos_payment_get_type ())
GType          turnos_payment_get_type (void) G_GNUC_CONST;

TurnosPayment *turnos_payment_new   (void);
TurnosPayment *turnos_payment_ref   (TurnosPayment *self);
void           turnos_payment_unref (TurnosPayment *self);

/* {"payment_id", "status", "checkout_url", "amount", "currency", "expires_at",
 *  "timezone", "reservation": Reservation}; payment_id and status required; times read in
 * "timezone" when present, else in @tz (may be NULL when timezone is present). The
 * reservation, when present, is a stored one (turnos_reservation_stored_from_json()). */
TurnosPayment *turnos_payment_from_json (JsonNode            *node,
                                         GTimeZone           *tz,
                                         GError             **error);
JsonNode      *turnos_payment_to_node   (const TurnosPayment *self);

/**
 * turnos_payment_amount_times:
 * @amount: a decimal amount as settings carry it: 1 to 9 digits, optionally "." and 2 more
 *   ("5000.00", "5000")
 * @n: how many times, at most a million (a series pays one deposit per session)
 *
 * @amount × @n, exactly, written as @amount is ("5000.00" × 12 = "60000.00").
 *
 * Returns: (transfer full) (nullable): the product, or NULL when @amount is not such an amount
 */
char          *turnos_payment_amount_times (const char *amount,
                                            guint       n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosPayment, turnos_payment_unref)

G_END_DECLS
