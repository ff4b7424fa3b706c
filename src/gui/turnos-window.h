/* turnos-window.h: the main window, following the booking's step
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"
#include "turnos-gui-enums.h"
#include "turnos-gui-types.h"
#include "turnos-session.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_WINDOW (turnos_window_get_type ())
G_DECLARE_FINAL_TYPE (TurnosWindow, turnos_window, TURNOS, WINDOW, AdwApplicationWindow)

/* Properties "booking" (construct-only), "settings" (GSettings, construct-only, nullable:
 * where the window keeps its size) and "view" (TurnosWindowView, rw: what it shows; the
 * header's buttons drive it through "win.view", whose state is the view's nick). */
TurnosWindow *turnos_window_new             (GtkApplication *application,
                                             TurnosBooking  *booking,
                                             GSettings      *settings);
/* The same, for who is signed in: "session" (TurnosSession, construct-only, nullable) decides
 * which views the header offers: a patient books and sees their reservations; the desk books
 * for a patient from the directory, with Front Desk, Time Off and the chosen patient's
 * reservations; a professional has their day, time off and settings (and starts on their
 * day); the admin has everything, plus Professionals and Audit. */
TurnosWindow *turnos_window_new_for_session (GtkApplication *application,
                                             TurnosBooking  *booking,
                                             GSettings      *settings,
                                             TurnosSession  *session);
TurnosSession *turnos_window_get_session    (TurnosWindow   *self);
/* A message at the window's foot for a while, read by screen readers too. */
void          turnos_window_add_toast       (TurnosWindow   *self,
                                             const char     *text);
GtkStack     *turnos_window_get_stack       (TurnosWindow   *self);
const char   *turnos_window_get_title_text  (TurnosWindow   *self);
TurnosWindowView turnos_window_get_view      (TurnosWindow     *self);
void             turnos_window_set_view      (TurnosWindow     *self,
                                              TurnosWindowView  view);
/* Shows the patient's reservations (or goes back to booking). */
void          turnos_window_show_reservations (TurnosWindow *self,
                                               gboolean      show);
/* Shows the front desk's day for the chosen professional (or goes back to booking). */
void          turnos_window_show_desk         (TurnosWindow *self,
                                               gboolean      show);
/* Shows the chosen professional's time off (or goes back to booking). */
void          turnos_window_show_time_off     (TurnosWindow *self,
                                               gboolean      show);

G_END_DECLS
