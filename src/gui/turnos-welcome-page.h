/* turnos-welcome-page.h: a fresh clinic adds its first professional and their hours
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-client.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_WELCOME_PAGE (turnos_welcome_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosWelcomePage, turnos_welcome_page, TURNOS, WELCOME_PAGE, GtkWidget)

/* Property "client" (construct-only, signed in as the admin). A minimal form: name, time
 * zone (the computer's by default), the weekdays worked, one range of hours and the session
 * length; Add sends POST /professionals (in person and virtual, no deposit, no account of
 * their own) and emits "added" (TurnosSettings *) with the stored settings. A failure is said
 * on the page and nothing typed is lost. */
GtkWidget *turnos_welcome_page_new (TurnosClient *client);

/* "Dra. Laura López" → "dra-laura-lopez": an id the server takes (letters, digits, "-"). */
char      *turnos_welcome_page_make_id (const char *display_name);

G_END_DECLS
