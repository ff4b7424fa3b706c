/* turnos-booking-summary.h: what is (or will be) booked, as rows
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-reservation.h"
#include "turnos-settings.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_BOOKING_SUMMARY (turnos_booking_summary_get_type ())
G_DECLARE_FINAL_TYPE (TurnosBookingSummary, turnos_booking_summary, TURNOS, BOOKING_SUMMARY, GtkWidget)

/* Properties "reservation" (TurnosReservation) and "settings" (TurnosSettings, the
 * professional's: name and deposit). */
void turnos_booking_summary_set_reservation (TurnosBookingSummary *self,
                                             TurnosReservation    *reservation);
void turnos_booking_summary_set_settings    (TurnosBookingSummary *self,
                                             TurnosSettings       *settings);

G_END_DECLS
