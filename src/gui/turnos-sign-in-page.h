/* turnos-sign-in-page.h: signing in (server, user, password), and the first password of one's own
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-session.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_SIGN_IN_PAGE (turnos_sign_in_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosSignInPage, turnos_sign_in_page, TURNOS, SIGN_IN_PAGE, GtkWidget)

/* Properties "session" (construct-only) and "resume" (bool, construct-only: signing the same
 * user in again after the token expired; the server and the user name cannot be changed).
 * The page follows the session's state: the sign-in form, a wait while a kept token is
 * checked, or the new-password form (CHANGE_PASSWORD). Failures are said in words under the
 * form; plain http to another computer is refused, or, when allowed, said not private. */
GtkWidget *turnos_sign_in_page_new (TurnosSession *session,
                                    gboolean       resume);

/* The words for a sign-in failure (a TurnosClientError or TurnosSessionError), for people. */
char      *turnos_sign_in_page_format_error (const GError *error);

G_END_DECLS
