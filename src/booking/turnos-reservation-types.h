/* turnos-reservation-types.h: how My Reservations sorts and words a patient's sessions
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * TurnosReservationState:
 * @TURNOS_RESERVATION_CONFIRMED: booked
 * @TURNOS_RESERVATION_PENDING_PAYMENT: held while its deposit is paid; the hold has not lapsed
 * @TURNOS_RESERVATION_CANCELLED: cancelled by the patient, the desk or the professional
 * @TURNOS_RESERVATION_EXPIRED: a hold whose payment never came in time (cancel_reason
 *   "expired", or a PENDING hold past hold_expires_at that the server has not swept yet)
 * @TURNOS_RESERVATION_RELEASED: a hold given back before it lapsed, or whose payment was
 *   declined (cancel_reason "released")
 *
 * What a reservation is now, as a person reads it: an expired hold is not a cancellation.
 * Nicks: "confirmed", "pending-payment", "cancelled", "expired", "released".
 */
typedef enum
{
  TURNOS_RESERVATION_CONFIRMED,
  TURNOS_RESERVATION_PENDING_PAYMENT,
  TURNOS_RESERVATION_CANCELLED,
  TURNOS_RESERVATION_EXPIRED,
  TURNOS_RESERVATION_RELEASED,
} TurnosReservationState;

/**
 * TurnosReservationsKind:
 * @TURNOS_RESERVATIONS_UPCOMING: live sessions from today on, soonest first
 * @TURNOS_RESERVATIONS_PAST: live sessions before today, latest first
 * @TURNOS_RESERVATIONS_CANCELLED: what will not take place (cancelled, expired, released),
 *   latest start first
 *
 * The tabs of My Reservations (Cal.com's Upcoming, Past, Cancelled). Nicks: "upcoming",
 * "past", "cancelled".
 */
typedef enum
{
  TURNOS_RESERVATIONS_UPCOMING,
  TURNOS_RESERVATIONS_PAST,
  TURNOS_RESERVATIONS_CANCELLED,
} TurnosReservationsKind;

G_END_DECLS
