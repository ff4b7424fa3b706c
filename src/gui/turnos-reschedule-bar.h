/* turnos-reschedule-bar.h: which session the booking page is moving
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_RESCHEDULE_BAR (turnos_reschedule_bar_get_type ())
G_DECLARE_FINAL_TYPE (TurnosRescheduleBar, turnos_reschedule_bar, TURNOS, RESCHEDULE_BAR, GtkWidget)

/* Above the booking page while its TurnosBooking is "rescheduling" (turnos_booking_reschedule(),
 * from "Reschedule" on My Reservations or the desk's day): the old time, and "Book a New
 * Session Instead" (turnos_booking_stop_rescheduling()); hidden otherwise. Property
 * "booking" (TurnosBooking, rw, nullable). */
GtkWidget  *turnos_reschedule_bar_new         (TurnosBooking       *booking);
void        turnos_reschedule_bar_set_booking (TurnosRescheduleBar *self,
                                               TurnosBooking       *booking);
/* What the bar says: "Moving your session of …", or NULL while hidden. */
const char *turnos_reschedule_bar_get_text    (TurnosRescheduleBar *self);

G_END_DECLS
