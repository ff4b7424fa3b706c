/* turnos-time-off-page.h: a professional's time off: list, add, remove
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"
#include "turnos-time-off.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_TIME_OFF_PAGE (turnos_time_off_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosTimeOffPage, turnos_time_off_page, TURNOS, TIME_OFF_PAGE, GtkWidget)

/**
 * TurnosTimeOffPage:
 *
 * A professional's time off: a range of days (whole days, or from an hour of the first to an
 * hour of the last), checked as it is typed; the list from today on, with Remove and then
 * Undo. A refusal because sessions are booked in that time names each of them: the patient
 * (by name once read, turnos_patient_names_get_name()), the day and the times. The page
 * shows its own toasts.
 *
 * Properties "time-off" and "booking" (construct-only; the booking's chosen professional and
 * settings say whose time off and in which zone).
 */
GtkWidget *turnos_time_off_page_new (TurnosTimeOff *time_off,
                                     TurnosBooking *booking);

G_END_DECLS
