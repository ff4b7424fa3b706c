/* turnos-session.h: who is signed in, their token (kept in the keyring), signing in again
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-booking-enums.h"
#include "turnos-client.h"
#include "turnos-session-types.h"

G_BEGIN_DECLS

#define TURNOS_SESSION_ERROR (turnos_session_error_quark ())

/**
 * TurnosSessionError:
 * @TURNOS_SESSION_ERROR_INSECURE: the server address is plain http on another computer and
 *   the user did not allow it (`--allow-insecure-http` or the `allow-insecure-http` setting):
 *   a password is never sent that way
 * @TURNOS_SESSION_ERROR_BAD_ADDRESS: the server address is not an http or https URL
 * @TURNOS_SESSION_ERROR_PASSWORDS_DIFFER: the new password and its repetition differ
 *
 * Sign-in failures are otherwise the client's (TurnosClientError: UNAUTHORIZED for a wrong
 * password, TOO_MANY_ATTEMPTS with its Retry-After, CANNOT_CONNECT, UNTRUSTED_CERTIFICATE…).
 */
typedef enum
{
  TURNOS_SESSION_ERROR_INSECURE,
  TURNOS_SESSION_ERROR_BAD_ADDRESS,
  TURNOS_SESSION_ERROR_PASSWORDS_DIFFER,
} TurnosSessionError;

GQuark turnos_session_error_quark (void);

#define TURNOS_TYPE_SESSION (turnos_session_get_type ())
G_DECLARE_FINAL_TYPE (TurnosSession, turnos_session, TURNOS, SESSION, GObject)

/**
 * TurnosSession:
 *
 * Owns the TurnosClient, the signed-in user and their token. One per application run.
 *
 * Properties (all notify only on change):
 * - "client" (TurnosClient, ro): replaced when a sign-in names another server address
 * - "embedded" (bool, construct-only): the server runs in this process; never signs in
 * - "server-url" (string, ro): the client's base URL
 * - "state" (TurnosSessionState, ro)
 * - "role" (TurnosUserRole, ro), "user-id", "username", "display-name" (strings, ro)
 * - "busy" (bool, ro): a sign-in, password change, restore or sign-out is in flight
 * - "error" (GError boxed, ro, nullable): why the last sign-in or password change failed
 * - "token-storage" (TurnosTokenStorage, ro): where the token is kept
 * - "allow-insecure-http" (bool, rw): plain http to another computer is allowed
 *
 * Signals:
 * - "keyring-unavailable" (): the first time a token could only be kept in memory (no
 *   Secret Service, or no unlocked default keyring). Emitted at most once per session.
 * - "resumed" (): after EXPIRED, the user signed in again: the call that failed can be
 *   retried.
 */

/* Against the server at @server_url (http or https; checked at sign-in). */
TurnosSession     *turnos_session_new          (const char     *server_url);
/* The in-process server: @client already carries its admin token; the session is SIGNED_IN
 * as the admin at once, never expires and keeps nothing. */
TurnosSession     *turnos_session_new_embedded (TurnosClient   *client);

TurnosClient      *turnos_session_get_client   (TurnosSession  *self);
gboolean           turnos_session_get_embedded (TurnosSession  *self);
const char        *turnos_session_get_server_url (TurnosSession *self);
TurnosSessionState turnos_session_get_state    (TurnosSession  *self);
TurnosUserRole     turnos_session_get_role     (TurnosSession  *self);
const char        *turnos_session_get_user_id  (TurnosSession  *self);
const char        *turnos_session_get_username (TurnosSession  *self);
const char        *turnos_session_get_display_name (TurnosSession *self);
gboolean           turnos_session_get_busy     (TurnosSession  *self);
const GError      *turnos_session_get_error    (TurnosSession  *self);
TurnosTokenStorage turnos_session_get_token_storage (TurnosSession *self);
gboolean           turnos_session_get_allow_insecure_http (TurnosSession *self);
void               turnos_session_set_allow_insecure_http (TurnosSession *self,
                                                           gboolean       allow);
/* Used for every client the session makes (https answers checked against it); NULL is the
 * system's authorities. */
void               turnos_session_set_tls_database (TurnosSession *self,
                                                    GTlsDatabase  *database);

/* Whether a password may go to @server_url: https anywhere; http only to a loopback address
 * ("localhost", 127.0.0.0/8, ::1) unless @allow_insecure. *@is_private (may be NULL) says
 * whether the connection is private (https or loopback). FALSE with
 * TURNOS_SESSION_ERROR_BAD_ADDRESS or _INSECURE. */
gboolean           turnos_session_check_address (const char  *server_url,
                                                 gboolean     allow_insecure,
                                                 gboolean    *is_private,
                                                 GError     **error);

/* SIGNED_OUT → RESTORING: looks for a token kept in the keyring for this server; a token the
 * server still takes (GET /me) signs in as its user (SIGNED_IN, or CHANGE_PASSWORD); else
 * SIGNED_OUT (a token the server refused is deleted from the keyring). */
void               turnos_session_restore      (TurnosSession  *self);
/* Signs @username in at @server_url (NULL: the current one; in EXPIRED, always the current
 * one). Fails into "error" and SIGNED_OUT (or stays EXPIRED); succeeds into SIGNED_IN, the
 * token stored in the keyring when one is unlocked (else in memory, and
 * "keyring-unavailable" the first time), or into CHANGE_PASSWORD. */
void               turnos_session_sign_in      (TurnosSession  *self,
                                                const char     *server_url,
                                                const char     *username,
                                                const char     *password);
/* CHANGE_PASSWORD → SIGNED_IN: sets @new_password (typed twice: @repeated must match) in
 * place of the initial one given at sign-in. */
void               turnos_session_change_password (TurnosSession *self,
                                                   const char    *new_password,
                                                   const char    *repeated);
/* Revokes the token on the server (best effort), deletes it from the keyring and goes to
 * SIGNED_OUT. Not in embedded mode. */
void               turnos_session_sign_out     (TurnosSession  *self);

G_END_DECLS
