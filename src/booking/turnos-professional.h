/* turnos-professional.h: a professional as an item of a GListModel
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "turnos-settings.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_PROFESSIONAL (turnos_professional_get_type ())
G_DECLARE_FINAL_TYPE (TurnosProfessional, turnos_professional, TURNOS, PROFESSIONAL, GObject)

/* Properties (read-only): "id", "display-name", "settings" (TurnosSettings boxed). */
TurnosProfessional *turnos_professional_new              (TurnosSettings     *settings);
const char         *turnos_professional_get_id           (TurnosProfessional *self);
const char         *turnos_professional_get_display_name (TurnosProfessional *self);
TurnosSettings     *turnos_professional_get_settings     (TurnosProfessional *self);

G_END_DECLS
