/* turnos-reservation-item.h: a stored reservation as an item of a GListModel
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "turnos-reservation.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_RESERVATION_ITEM (turnos_reservation_item_get_type ())
G_DECLARE_FINAL_TYPE (TurnosReservationItem, turnos_reservation_item, TURNOS, RESERVATION_ITEM, GObject)

/* Properties: "reservation" (TurnosReservation, rw: a refresh updates it in place),
 * "professional-name" (string), "can-cancel" (bool: not cancelled and not begun). */
TurnosReservationItem *turnos_reservation_item_new (TurnosReservation     *reservation,
                                                    const char            *professional_name,
                                                    GDateTime             *now);
TurnosReservation     *turnos_reservation_item_get_reservation       (TurnosReservationItem *self);
const char            *turnos_reservation_item_get_professional_name (TurnosReservationItem *self);
gboolean               turnos_reservation_item_get_can_cancel        (TurnosReservationItem *self);
void                   turnos_reservation_item_update (TurnosReservationItem *self,
                                                       TurnosReservation     *reservation,
                                                       GDateTime             *now);

G_END_DECLS
