/* turnos-reservations-page.h: a patient's reservations: see, add to a calendar, cancel
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-reservations.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_RESERVATIONS_PAGE (turnos_reservations_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosReservationsPage, turnos_reservations_page, TURNOS, RESERVATIONS_PAGE, GtkWidget)

/* Property "reservations" (construct-only). Signal "message" (string): something to tell the
 * person, shown by the window as a toast. The list refreshes each time the page is shown. */
GtkWidget *turnos_reservations_page_new (TurnosReservations *reservations);
/* Where "Add to Calendar" writes the file for @reservation_id (the caller frees it). */
char      *turnos_reservations_page_ics_path (const char *reservation_id);

G_END_DECLS
