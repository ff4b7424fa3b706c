/* turnos-busy-override.h: the desk books a patient who has another session at that time
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"

G_BEGIN_DECLS

/* Whether @error is the server's patient_busy (409: the patient has another live session
 * then, with any professional; DESIGN.md "Who may do what"). */
gboolean   turnos_busy_override_applies (const GError  *error);

/* Asks, over @parent, whether to book @booking's draft although its patient has another
 * session then (named from @error when the server said which), and why: with a reason
 * typed, "Book Anyway" calls turnos_booking_confirm_with_override() (the reason goes to the
 * audit); "Back" leaves the confirm page as it was. Returns the dialog, already presented. */
GtkWindow *turnos_busy_override_ask     (GtkWindow     *parent,
                                         TurnosBooking *booking,
                                         const GError  *error);

G_END_DECLS
