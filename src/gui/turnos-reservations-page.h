/* turnos-reservations-page.h: a patient's reservations: see, add to a calendar, cancel, pay
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"
#include "turnos-reservations.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_RESERVATIONS_PAGE (turnos_reservations_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosReservationsPage, turnos_reservations_page, TURNOS, RESERVATIONS_PAGE, GtkWidget)

/**
 * TurnosReservationsPage:
 *
 * My Reservations: Upcoming, Past and Cancelled tabs (Cal.com's), each asked for when first
 * shown and then page by page. Each time the page is shown (and on F5 or Ctrl+R) it asks the
 * server again; while it is shown, a pending payment's row follows the server by itself.
 * Rows offer Add to Calendar (a cancelled one's file cancels the event), Cancel while the
 * professional's notice allows it, and Pay Deposit for a pending payment, which resumes
 * paying on the booking's payment page ("win.view" goes to "booking"). The page shows its own
 * toasts (a cancellation offers Update Your Calendar).
 *
 * Properties: "reservations" (construct-only), "booking" (construct-only, nullable: without
 * it a pending payment cannot be resumed here).
 */
GtkWidget *turnos_reservations_page_new      (TurnosReservations *reservations,
                                              TurnosBooking      *booking);

G_END_DECLS
