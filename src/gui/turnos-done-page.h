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
 * reference, and "done.add-to-calendar" asks where to save it as an iCalendar file. */
GtkWidget *turnos_done_page_new      (TurnosBooking   *booking);
/* Writes the booked session to @file as an .ics event (turnos_ics_from_reservation()): what
 * Add to Calendar does once a place is chosen. FALSE with @error (G_IO_ERROR) when it could
 * not be written, or nothing is booked. */
gboolean   turnos_done_page_save_ics (TurnosDonePage  *self,
                                      GFile           *file,
                                      GError         **error);
/* Puts the keyboard on Book Another Session. */
void       turnos_done_page_focus_default (TurnosDonePage *self);

G_END_DECLS
