/* turnos-gui-types.h: the window's enums, registered by gnome.mkenums_simple
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * TurnosWindowView:
 * @TURNOS_WINDOW_VIEW_BOOKING: the booking steps, which follow the controller's step
 * @TURNOS_WINDOW_VIEW_RESERVATIONS: the patient's reservations
 * @TURNOS_WINDOW_VIEW_DESK: the front desk's day for the chosen professional
 * @TURNOS_WINDOW_VIEW_TIME_OFF: the chosen professional's time off
 * @TURNOS_WINDOW_VIEW_PROFESSIONALS: the admin's professionals: add one, edit settings
 * @TURNOS_WINDOW_VIEW_AUDIT: the admin's audit trail
 * @TURNOS_WINDOW_VIEW_SETTINGS: a professional's own settings
 *
 * What the window shows, chosen by the header's buttons; which buttons show depends on who
 * is signed in (the window's "session"). Nicks ("booking", "reservations", "desk",
 * "time-off", "professionals", "audit", "settings") are the targets of the "win.view"
 * action.
 */
typedef enum
{
  TURNOS_WINDOW_VIEW_BOOKING,
  TURNOS_WINDOW_VIEW_RESERVATIONS,
  TURNOS_WINDOW_VIEW_DESK,
  TURNOS_WINDOW_VIEW_TIME_OFF,
  TURNOS_WINDOW_VIEW_PROFESSIONALS,
  TURNOS_WINDOW_VIEW_AUDIT,
  TURNOS_WINDOW_VIEW_SETTINGS,
} TurnosWindowView;

G_END_DECLS
