/* turnos-application.h: the application: options, the server, the window
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TURNOS_TYPE_APPLICATION (turnos_application_get_type ())
G_DECLARE_FINAL_TYPE (TurnosApplication, turnos_application, TURNOS, APPLICATION, AdwApplication)

TurnosApplication *turnos_application_new (void);

G_END_DECLS
