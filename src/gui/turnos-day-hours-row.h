/* turnos-day-hours-row.h: one weekday's working hours in the settings page: ranges to add,
 * change and remove
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-settings-editor.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_DAY_HOURS_ROW (turnos_day_hours_row_get_type ())
G_DECLARE_FINAL_TYPE (TurnosDayHoursRow, turnos_day_hours_row, TURNOS, DAY_HOURS_ROW, AdwExpanderRow)

/**
 * TurnosDayHoursRow:
 *
 * An expander row titled with the weekday, its subtitle the day's ranges ("10:00 – 14:00")
 * or "Closed"; expanded, one row per range of that weekday in the editor's hours (from and
 * to as HH:MM spin buttons, in 15-minute steps, any minute typed; a remove button; what is
 * wrong with it beside it), then "Add Hours" (turnos_settings_editor_add_hours()), which
 * moves the focus to the new range.
 *
 * Properties "editor" (TurnosSettingsEditor) and "weekday" (1 = Monday … 7 = Sunday), both
 * construct-only.
 */
GtkWidget *turnos_day_hours_row_new         (TurnosSettingsEditor *editor,
                                             int                   weekday);
/* The weekday's name, "Monday". */
const char *turnos_day_hours_row_weekday_name (int weekday);

G_END_DECLS
