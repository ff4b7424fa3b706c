/* turnos-professionals-page.h: the admin's professionals: the list, Add Professional, and
 * each one's settings
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-professionals.h"
#include "turnos-settings-editor.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_PROFESSIONALS_PAGE (turnos_professionals_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosProfessionalsPage, turnos_professionals_page, TURNOS, PROFESSIONALS_PAGE, GtkWidget)

/**
 * TurnosProfessionalsPage:
 *
 * The list of professionals (name; id and working days), refreshed when shown; a row opens
 * that professional's settings (a TurnosSettingsPage over the page's own
 * TurnosSettingsEditor), "Add Professional" (action "professionals.add", Ctrl+N) a blank one,
 * and Back (action "professionals.back", Alt+Left or Escape) returns to the list. Adding
 * one returns to the list with it; saving settings stays on them.
 *
 * Property "professionals" (TurnosProfessionals, construct-only). Signals: "message"
 * (string) for a toast; "changed" () when a professional was added or their settings saved,
 * so the window can reload what the booking shows.
 */
GtkWidget            *turnos_professionals_page_new        (TurnosProfessionals     *professionals);
TurnosSettingsEditor *turnos_professionals_page_get_editor (TurnosProfessionalsPage *self);

G_END_DECLS
