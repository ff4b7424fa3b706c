/* turnos-session-types.h: who is signed in and how, registered by gnome.mkenums_simple
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * TurnosUserRole:
 * @TURNOS_USER_ROLE_NONE: nobody is signed in
 * @TURNOS_USER_ROLE_PATIENT: books and cancels their own sessions
 * @TURNOS_USER_ROLE_DESK: the front desk: books and cancels for any patient, time off
 * @TURNOS_USER_ROLE_PROFESSIONAL: their own agenda, time off and settings
 * @TURNOS_USER_ROLE_ADMIN: everything (also the embedded server's own window)
 *
 * DESIGN.md, "Accounts and roles". Nicks are the server's words ("patient", …).
 */
typedef enum
{
  TURNOS_USER_ROLE_NONE,
  TURNOS_USER_ROLE_PATIENT,
  TURNOS_USER_ROLE_DESK,
  TURNOS_USER_ROLE_PROFESSIONAL,
  TURNOS_USER_ROLE_ADMIN,
} TurnosUserRole;

/**
 * TurnosSessionState:
 * @TURNOS_SESSION_SIGNED_OUT: a sign-in is needed
 * @TURNOS_SESSION_RESTORING: a token kept in the keyring is being checked with the server
 * @TURNOS_SESSION_CHANGE_PASSWORD: signed in with an initial password someone else chose:
 *   the user must choose their own before anything else
 * @TURNOS_SESSION_SIGNED_IN: signed in
 * @TURNOS_SESSION_EXPIRED: was signed in, and a call found the token expired or revoked: the
 *   same user signs in again and carries on where they were
 */
typedef enum
{
  TURNOS_SESSION_SIGNED_OUT,
  TURNOS_SESSION_RESTORING,
  TURNOS_SESSION_CHANGE_PASSWORD,
  TURNOS_SESSION_SIGNED_IN,
  TURNOS_SESSION_EXPIRED,
} TurnosSessionState;

/**
 * TurnosTokenStorage:
 * @TURNOS_TOKEN_STORAGE_NONE: no token to keep (signed out, or the embedded server's)
 * @TURNOS_TOKEN_STORAGE_KEYRING: kept in the keyring: the next start skips the sign-in
 * @TURNOS_TOKEN_STORAGE_MEMORY: no unlocked keyring: kept until the app quits
 */
typedef enum
{
  TURNOS_TOKEN_STORAGE_NONE,
  TURNOS_TOKEN_STORAGE_KEYRING,
  TURNOS_TOKEN_STORAGE_MEMORY,
} TurnosTokenStorage;

G_END_DECLS
