/* turnos-zone-button.h: a button showing a time zone, opening a searchable list of them
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TURNOS_TYPE_ZONE_BUTTON (turnos_zone_button_get_type ())
G_DECLARE_FINAL_TYPE (TurnosZoneButton, turnos_zone_button, TURNOS, ZONE_BUTTON, GtkWidget)

/**
 * TurnosZoneButton:
 *
 * Shows the chosen zone ("America/Argentina/Buenos Aires": the IANA name, spaces for "_");
 * pressed (or activated, as a row's activatable widget), a popover with a search entry over
 * every zone turnos_settings_editor_list_time_zones() lists, matching any part of the name
 * regardless of case. Enter takes the first match, a click or Enter on a row takes that one.
 *
 * Property "zone" (string, rw, notify on change): the IANA name, such as
 * "America/Argentina/Buenos_Aires".
 */
GtkWidget  *turnos_zone_button_new      (void);
const char *turnos_zone_button_get_zone (TurnosZoneButton *self);
void        turnos_zone_button_set_zone (TurnosZoneButton *self,
                                         const char       *zone);
/* Opens the list, its search entry focused. */
void        turnos_zone_button_popup    (TurnosZoneButton *self);

G_END_DECLS
