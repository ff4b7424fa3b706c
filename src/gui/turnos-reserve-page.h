/* turnos-reserve-page.h: choose the day, the time and the modality
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"
#include "turnos-patient-picker.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_RESERVE_PAGE (turnos_reserve_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosReservePage, turnos_reserve_page, TURNOS, RESERVE_PAGE, GtkWidget)

/* Property "booking" (construct-only). */
GtkWidget     *turnos_reserve_page_new         (TurnosBooking     *booking);
TurnosBooking *turnos_reserve_page_get_booking (TurnosReservePage *self);
/* Puts the keyboard on what a person does next here: the chosen time when coming back to it,
 * else the calendar's day. (Not a grab_focus override: GTK offers a container the focus while
 * Tab walks through it, and an override would pull the walk back.) */
void           turnos_reserve_page_focus_default (TurnosReservePage *self);
/* Whose session this is, shown while the booking's "patient-required" is set. */
TurnosPatientPicker *turnos_reserve_page_get_patient_picker (TurnosReservePage *self);

G_END_DECLS
