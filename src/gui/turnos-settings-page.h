/* turnos-settings-page.h: a professional's settings, preferences-style; or a new professional
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-settings-editor.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_SETTINGS_PAGE (turnos_settings_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosSettingsPage, turnos_settings_page, TURNOS, SETTINGS_PAGE, GtkWidget)

/**
 * TurnosSettingsPage:
 *
 * The form over a TurnosSettingsEditor: every field bound to it, each problem worded beside
 * its field (the row's subtitle, a warning sign, the field marked invalid for screen
 * readers), the working hours as one expander row per weekday with ranges to add and
 * remove, a searchable list of time zones, and Save (action "settings.save", Ctrl+S). Before
 * hours that leave bookings out are saved, a dialog lists them and asks. Shows whatever the
 * editor holds: call turnos_settings_editor_load() (a professional's own settings, or one the
 * admin picked) or turnos_settings_editor_start_new() (Add Professional).
 *
 * Property "editor" (construct-only). Signal "message" (string) for a toast: saved, or why
 * not.
 */
GtkWidget *turnos_settings_page_new (TurnosSettingsEditor *editor);

G_END_DECLS
