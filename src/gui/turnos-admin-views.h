/* turnos-admin-views.h: where the admin's views (and a professional's own settings) plug into
 * the window
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"
#include "turnos-gui-types.h"
#include "turnos-session.h"

G_BEGIN_DECLS

/* The page the window shows for @view, built the first time it is shown:
 * - TURNOS_WINDOW_VIEW_PROFESSIONALS (admin only): add a professional, edit their settings;
 * - TURNOS_WINDOW_VIEW_AUDIT (admin only): who did what, when;
 * - TURNOS_WINDOW_VIEW_SETTINGS (a professional): their own settings (the same editor).
 * @session (nullable in tests) says who is signed in; its client makes the calls. @booking is
 * the window's controller (its "professionals" list, to be reloaded after a change with
 * turnos_booking_load()). Until the admin's views land, each is a placeholder page. */
GtkWidget *turnos_admin_views_new_page (TurnosWindowView  view,
                                        TurnosSession    *session,
                                        TurnosBooking    *booking);

G_END_DECLS
