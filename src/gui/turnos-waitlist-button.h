/* turnos-waitlist-button.h: "Tell me if a time frees up" on a day with no free time
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"
#include "turnos-waiting.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_WAITLIST_BUTTON (turnos_waitlist_button_get_type ())
G_DECLARE_FINAL_TYPE (TurnosWaitlistButton, turnos_waitlist_button, TURNOS, WAITLIST_BUTTON, GtkWidget)

/* The booking page's way onto the waitlist (DESIGN.md "Reschedule, series, waitlist") for its
 * TurnosBooking's professional and day: "Tell Me If a Time Frees Up" for a patient, "Add to
 * Waitlist" for the desk ("patient-required"), for the patient chosen (insensitive until one
 * is). Once joined it says so; a refusal (waitlist_full, …) is said below it. Property
 * "booking" (TurnosBooking, rw, nullable). */
GtkWidget     *turnos_waitlist_button_new         (TurnosBooking        *booking);
void           turnos_waitlist_button_set_booking (TurnosWaitlistButton *self,
                                                   TurnosBooking        *booking);
/* The waitlist it joins (for tests and the desk's list). */
TurnosWaiting *turnos_waitlist_button_get_waiting (TurnosWaitlistButton *self);
/* What it says below the button now: "" before anything happened. */
const char    *turnos_waitlist_button_get_status  (TurnosWaitlistButton *self);

G_END_DECLS
