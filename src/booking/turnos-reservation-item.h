/* turnos-reservation-item.h: a stored reservation as an item of a GListModel
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "turnos-booking-enums.h"
#include "turnos-reservation-types.h"
#include "turnos-reservation.h"
#include "turnos-settings.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_RESERVATION_ITEM (turnos_reservation_item_get_type ())
G_DECLARE_FINAL_TYPE (TurnosReservationItem, turnos_reservation_item, TURNOS, RESERVATION_ITEM, GObject)

/**
 * TurnosReservationItem:
 *
 * Properties (read-only; a refresh updates them in place, each notified only on change):
 * - "reservation" (TurnosReservation)
 * - "professional-name" (string): the display name, else the professional's id
 * - "state" (TurnosReservationState): what it is now, lapsed holds included
 * - "can-cancel" (bool): the server's own rule, turnos_slots_check_cancel(), says yes now: not
 *   cancelled, not begun, and before the professional's cancel notice; a pending payment's hold
 *   can be released until it lapses, whatever the notice. Unknown rules (no settings): only
 *   not cancelled and not begun.
 * - "cancel-until" (GDateTime, nullable): the last instant a booked session can be cancelled
 *   (start − cancel_notice_minutes), while that is ahead and the rules are known
 * - "cancel-error" (GError, nullable): why it cannot be cancelled now, TURNOS_ERROR with the
 *   rule's code (TOO_LATE_TO_CANCEL, RESERVATION_PAST, ALREADY_CANCELLED)
 * - "can-pay" (bool): a pending payment that can be resumed (it carries its payment_id)
 * - "settings" (TurnosSettings, nullable): the professional's rules the above came from
 */
TurnosReservationItem *turnos_reservation_item_new (TurnosReservation     *reservation,
                                                    const char            *professional_name,
                                                    TurnosSettings        *settings,
                                                    GDateTime             *now);
TurnosReservation     *turnos_reservation_item_get_reservation       (TurnosReservationItem *self);
const char            *turnos_reservation_item_get_professional_name (TurnosReservationItem *self);
/* The professional's display name, read after the item was made; NULL names them by id. */
void                   turnos_reservation_item_set_professional_name (TurnosReservationItem *self,
                                                                      const char            *professional_name);
TurnosReservationState turnos_reservation_item_get_state             (TurnosReservationItem *self);
gboolean               turnos_reservation_item_get_can_cancel        (TurnosReservationItem *self);
GDateTime             *turnos_reservation_item_get_cancel_until      (TurnosReservationItem *self);
const GError          *turnos_reservation_item_get_cancel_error      (TurnosReservationItem *self);
gboolean               turnos_reservation_item_get_can_pay           (TurnosReservationItem *self);
TurnosSettings        *turnos_reservation_item_get_settings          (TurnosReservationItem *self);
/* Whether the viewer may cancel past the notice (the desk, the admin): "can-cancel" follows it
 * from the next turnos_reservation_item_update(). */
void                   turnos_reservation_item_set_may_override (TurnosReservationItem *self,
                                                                 gboolean               may_override);
/* @settings may be NULL (rules unknown). */
void                   turnos_reservation_item_update (TurnosReservationItem *self,
                                                       TurnosReservation     *reservation,
                                                       TurnosSettings        *settings,
                                                       GDateTime             *now);

/* @reservation's state at @now: the server's status and cancel_reason, and a PENDING hold past
 * its hold_expires_at reads as EXPIRED. */
TurnosReservationState turnos_reservation_state_at (const TurnosReservation *reservation,
                                                    GDateTime               *now);

G_END_DECLS
