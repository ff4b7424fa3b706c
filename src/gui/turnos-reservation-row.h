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

/* Properties:
 * - "item": the TurnosReservationItem shown. Its buttons activate
 *   "reservations.add-to-calendar", "reservations.cancel" and "reservations.pay" with the
 *   reservation's id; Cancel is shown only while the item's rule allows it, Pay only for a
 *   pending payment, and the calendar button always (a cancelled session's file cancels the
 *   event).
 * - "at-clinic" (bool): the app runs at the clinic's own desk (its server is on this machine),
 *   so a closed cancellation says no "call the clinic". */
void turnos_reservation_row_set_item      (TurnosReservationRow  *self,
                                           TurnosReservationItem *item);
void turnos_reservation_row_set_at_clinic (TurnosReservationRow  *self,
                                           gboolean               at_clinic);

/* "Sun 29 Nov, 09:00" in the locale's words: when a rule's deadline falls. */
char *turnos_reservation_row_format_deadline (GDateTime *dt);

G_END_DECLS
