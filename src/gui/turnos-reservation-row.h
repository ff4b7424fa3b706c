/* turnos-reservation-row.h: one booked session in the "my reservations" list
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "turnos-reservation-item.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_RESERVATION_ROW (turnos_reservation_row_get_type ())
G_DECLARE_FINAL_TYPE (TurnosReservationRow, turnos_reservation_row, TURNOS, RESERVATION_ROW, GtkWidget)

/* Property "item": the TurnosReservationItem shown. Its buttons activate
 * "reservations.add-to-calendar" and "reservations.cancel" with the reservation's id. */
void turnos_reservation_row_set_item (TurnosReservationRow  *self,
                                      TurnosReservationItem *item);

G_END_DECLS
