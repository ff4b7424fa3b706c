/* turnos-password.c: password hashing and sign-in tokens, on libsodium
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "turnos-password.h"

#define OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE

gboolean
turnos_password_init (void)
{
  return sodium_init () >= 0;
}

char *
turnos_password_hash (const char *password)
{
  char out[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);

  if (crypto_pwhash_str (out, password, strlen (password), OPSLIMIT, MEMLIMIT) != 0)
    return NULL;
  return g_strdup (out);
}

gboolean
turnos_password_verify (const char *stored,
                        const char *password)
{
  g_return_val_if_fail (password != NULL, FALSE);

  if (stored == NULL || strlen (stored) >= crypto_pwhash_STRBYTES)
    return FALSE;
  return crypto_pwhash_str_verify (stored, password, strlen (password)) == 0;
}

gboolean
turnos_password_needs_rehash (const char *stored)
{
  g_return_val_if_fail (stored != NULL, FALSE);

  return crypto_pwhash_str_needs_rehash (stored, OPSLIMIT, MEMLIMIT) != 0;
}

void
turnos_password_waste (const char *password)
{
  static char *nothing = NULL;

  g_return_if_fail (password != NULL);

  /* The handlers run on one thread per server; a race here only hashes twice. */
  if (g_once_init_enter (&nothing))
    g_once_init_leave (&nothing, turnos_password_hash (""));
  (void) turnos_password_verify (nothing, password);
}

char *
turnos_token_new (void)
{
  guint8 bytes[32];
  char out[sodium_base64_ENCODED_LEN (32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];

  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2base64 (out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero (bytes, sizeof bytes);
  return g_strdup (out);
}

char *
turnos_token_hash (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}
