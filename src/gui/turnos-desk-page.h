/* turnos-desk-page.h: the front desk's day for one professional
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"
#include "turnos-desk-day.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_DESK_PAGE (turnos_desk_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosDeskPage, turnos_desk_page, TURNOS, DESK_PAGE, GtkWidget)

/* Properties "desk-day" and "booking" (construct-only). Signal "book-here": a free time was
 * handed to the booking controller; the window shows the booking steps. */
GtkWidget *turnos_desk_page_new (TurnosDeskDay *desk_day,
                                 TurnosBooking *booking);

G_END_DECLS
