/* turnos-gate.h: what opens before and around the main window: signing in, signing in again,
 * a fresh clinic's welcome
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-session.h"
#include "turnos-window.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_GATE (turnos_gate_get_type ())
G_DECLARE_FINAL_TYPE (TurnosGate, turnos_gate, TURNOS, GATE, GObject)

/* Follows @session for the application's life:
 * - signed out: a window with the sign-in page (a kept token is tried first);
 * - signed in: the main window for the role, with a booking controller of its own (the
 *   patient is themselves; the desk and the admin choose one for each booking; a
 *   professional starts on their own day). An admin with no professionals yet first gets the
 *   welcome page, which adds the first one;
 * - expired: the sign-in page again as a modal dialog over the main window, which keeps
 *   everything chosen; once signed in, the main window's "win.retry" repeats what failed;
 * - signed out again (Sign Out): the main window closes and the sign-in window opens.
 * @settings (nullable) keeps the last professional; @professional_id and @patient_id
 * (nullable, from the command line) are chosen for the first booking only.
 *
 * Signal "window-shown" (TurnosWindow *): a main window was presented. */
TurnosGate   *turnos_gate_new    (GtkApplication *application,
                                  TurnosSession  *session,
                                  GSettings      *settings,
                                  const char     *professional_id,
                                  const char     *patient_id);
void          turnos_gate_start  (TurnosGate     *self);
/* The main window, or NULL while signed out or welcoming. */
TurnosWindow *turnos_gate_get_window (TurnosGate *self);
/* The window shown instead of the main one (sign-in, welcome), or NULL. */
GtkWindow    *turnos_gate_get_entry_window (TurnosGate *self);
/* The sign-in dialog shown over the main window after the token expired, or NULL. */
GtkWindow    *turnos_gate_get_resume_dialog (TurnosGate *self);

G_END_DECLS
