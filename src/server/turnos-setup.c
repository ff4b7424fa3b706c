/* turnos-setup.c: setting up a fresh install from the command line
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <string.h>

#include "turnos-password.h"
#include "turnos-setup.h"

gboolean
turnos_setup_name_is_valid (const char *name)
{
  gsize len;

  if (name == NULL || (len = strlen (name)) == 0 || len > 64)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

gboolean
turnos_server_create_admin (TurnosStore  *store,
                            const char   *name,
                            FILE         *in,
                            GError      **error)
{
  char line[TURNOS_PASSWORD_MAX_BYTES + 2] = { 0 };
  g_autoptr(TurnosAccount) admin = turnos_account_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hash = NULL;
  gsize len;

  g_return_val_if_fail (TURNOS_IS_STORE (store) && name != NULL && in != NULL, FALSE);

  if (!turnos_setup_name_is_valid (name))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--create-admin wants a name of 1 to 64 letters, digits, “.”, “-” or “_”");
      return FALSE;
    }
  if (fgets (line, sizeof line, in) == NULL)
    line[0] = '\0';
  len = strcspn (line, "\r\n");
  line[len] = '\0';
  if (len < TURNOS_PASSWORD_MIN_BYTES || len > TURNOS_PASSWORD_MAX_BYTES ||
      !g_utf8_validate (line, len, NULL))
    {
      memset (line, 0, sizeof line);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "the password (the first line on stdin) must be 8 to 200 bytes of UTF-8");
      return FALSE;
    }
  hash = turnos_password_hash (line);
  memset (line, 0, sizeof line);
  if (hash == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot hash the password");
      return FALSE;
    }

  admin->id = g_strdup (name);
  admin->username = g_strdup (name);
  admin->role = TURNOS_ROLE_ADMIN;
  admin->display_name = g_strdup (name);
  if (!turnos_store_create_account (store, admin, hash, now, &local_error))
    {
      if (g_error_matches (local_error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "an account “%s” exists", name);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
