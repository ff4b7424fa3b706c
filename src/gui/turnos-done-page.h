/* turnos-done-page.h: what was booked, and a way to book another
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_DONE_PAGE (turnos_done_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosDonePage, turnos_done_page, TURNOS, DONE_PAGE, GtkWidget)

/* Property "booking" (construct-only). The page shows the booked session with its booking
 * reference; "done.add-to-calendar" opens it in the calendar app (turnos-calendar-export.h)
 * and says where the file is when no app did. */
GtkWidget *turnos_done_page_new      (TurnosBooking   *booking);
/* Puts the keyboard on Book Another Session. */
void       turnos_done_page_focus_default (TurnosDonePage *self);

G_END_DECLS
