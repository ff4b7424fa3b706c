/* turnos-password.h: password hashing and sign-in tokens
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shortest and longest password the server takes, in bytes. */
#define TURNOS_PASSWORD_MIN_BYTES 8
#define TURNOS_PASSWORD_MAX_BYTES 200

/**
 * turnos_password_init:
 *
 * Initialises libsodium; call once before any other function here (the server's main, the
 * embedded server and the tests do). Safe to call again. FALSE when libsodium cannot start
 * (no random source): the server must not serve then.
 */
gboolean  turnos_password_init          (void);

/**
 * turnos_password_hash:
 * @password: UTF-8, at most TURNOS_PASSWORD_MAX_BYTES
 *
 * libsodium's crypto_pwhash_str(): an argon2id string ("$argon2id$v=19$m=65536,t=2,p=1$…")
 * with the interactive limits (OPSLIMIT/MEMLIMIT_INTERACTIVE, about 0.1 s and 64 MiB here).
 * The only form a password is ever stored in. NULL when out of memory.
 */
char     *turnos_password_hash          (const char *password);

/* Whether @password matches the argon2id string @stored (constant time in libsodium). */
gboolean  turnos_password_verify        (const char *stored,
                                         const char *password);

/* Whether @stored was made with other limits than today's (then the server rehashes it on a
 * successful sign-in: crypto_pwhash_str_needs_rehash()). */
gboolean  turnos_password_needs_rehash  (const char *stored);

/**
 * turnos_password_waste:
 * @password: what an unknown user typed
 *
 * Verifies @password against a hash of nothing, so a sign-in with an unknown user name costs
 * the same time as a wrong password and tells nobody which names exist.
 */
void      turnos_password_waste         (const char *password);

/* A new bearer token: 32 random bytes (randombytes_buf) as unpadded base64url, 43 chars. */
char     *turnos_token_new              (void);

/* What the store keeps of a token: its SHA-256 as 64 lowercase hex digits. */
char     *turnos_token_hash             (const char *token);

G_END_DECLS
