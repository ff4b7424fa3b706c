/* turnos-setup.h: setting up a fresh install from the command line
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "turnos-store.h"

G_BEGIN_DECLS

/**
 * turnos_server_create_admin:
 * @store: the clinic's store
 * @name: the new account's id and user name (letters, digits, ".", "-", "_"; 1 to 64)
 * @in: where the password is read: its first line, without the line end
 * @error: G_IO_ERROR_INVALID_ARGUMENT for a bad name or a password shorter than
 *   TURNOS_PASSWORD_MIN_BYTES; G_IO_ERROR_EXISTS when the name is taken; a store error
 *
 * `turnos-server --create-admin NAME`: an admin account for a fresh install, its password
 * stored as an argon2id string. Nothing is echoed or logged.
 */
gboolean turnos_server_create_admin (TurnosStore  *store,
                                     const char   *name,
                                     FILE         *in,
                                     GError      **error);

/* Whether @name may be a user name or an account id made here: 1 to 64 of [A-Za-z0-9._-]. */
gboolean turnos_setup_name_is_valid (const char *name);

G_END_DECLS
