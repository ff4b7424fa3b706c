/* turnos-keyring.h: the sign-in token kept in the desktop's keyring (Secret Service), never
 * with a prompt
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Items carry the schema APP_ID ("io.github.turnos.Turnos") with the attributes "server" (the
 * server's base URL, as the client has it) and "user" (the user name typed at sign-in); the
 * secret is the bearer token.
 *
 * Nothing here ever makes the Secret Service prompt: tokens are stored only into the default
 * collection when it exists and is unlocked, items are read and deleted only when unlocked,
 * and nothing is ever unlocked. With no Secret Service on the session bus, no default
 * collection, or a locked one, a store fails with G_IO_ERROR_NOT_SUPPORTED: the caller keeps
 * the token in memory for the session. */

void     turnos_keyring_store_async   (const char          *server,
                                       const char          *user,
                                       const char          *token,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* FALSE with G_IO_ERROR_NOT_SUPPORTED when the token could not be kept (see above), or
 * another error from the Secret Service. */
gboolean turnos_keyring_store_finish  (GAsyncResult        *result,
                                       GError             **error);

/* The token kept for @server (any user), if one is readable without a prompt. */
void     turnos_keyring_lookup_async  (const char          *server,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* TRUE with *@user and *@token set (owned), or TRUE with both NULL when none is kept or the
 * keyring cannot be read without a prompt; FALSE only on cancellation. */
gboolean turnos_keyring_lookup_finish (GAsyncResult        *result,
                                       char               **user,
                                       char               **token,
                                       GError             **error);

/* Deletes the tokens kept for @server and @user (NULL: any user) that are unlocked. */
void     turnos_keyring_clear_async   (const char          *server,
                                       const char          *user,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* TRUE also when there was nothing to delete or no keyring at all. */
gboolean turnos_keyring_clear_finish  (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
