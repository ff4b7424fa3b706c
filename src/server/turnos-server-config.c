/* turnos-server-config.c: turnos-server's settings file
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   [server]
 *   listen=0.0.0.0:8443
 *   database=postgresql://turnos@db.example.org/turnos
 *   tls-cert=/etc/turnos/tls/fullchain.pem
 *   tls-key=/etc/turnos/tls/privkey.pem
 *   workers=2
 *   insecure-http=false
 *   trusted-proxy=10.0.0.5;10.0.0.6
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-server-config.h"

#define GROUP "server"

static const char * const known_keys[] = {
  "listen", "database", "tls-cert", "tls-key", "workers", "insecure-http", "trusted-proxy", NULL
};

/* @key's string into *@value unless it is set already. */
static gboolean
take_string (GKeyFile    *file,
             const char  *key,
             const char  *dir,
             gboolean     is_path,
             char       **value,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;

  if (*value != NULL || !g_key_file_has_key (file, GROUP, key, NULL))
    return TRUE;
  if (!(text = g_key_file_get_string (file, GROUP, key, &local_error)))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", key);
      return FALSE;
    }
  g_strstrip (text);
  if (*text == '\0')
    return TRUE;
  *value = is_path && !g_path_is_absolute (text) ? g_build_filename (dir, text, NULL)
                                                 : g_steal_pointer (&text);
  return TRUE;
}

gboolean
turnos_server_config_apply (const char  *path,
                            char       **listen,
                            char       **database,
                            char       **tls_cert,
                            char       **tls_key,
                            int         *workers,
                            gboolean    *insecure_http,
                            char      ***trusted_proxies,
                            GError     **error)
{
  g_autoptr(GKeyFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) keys = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (listen != NULL && database != NULL && tls_cert != NULL &&
                        tls_key != NULL && workers != NULL && insecure_http != NULL &&
                        trusted_proxies != NULL, FALSE);

  if (path == NULL)
    {
      if (*workers == 0)
        *workers = 1;
      return TRUE;
    }
  file = g_key_file_new ();
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  dir = g_path_get_dirname (path);
  keys = g_key_file_get_keys (file, GROUP, NULL, NULL);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (!g_strv_contains (known_keys, keys[i]))
      {
        g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                     "%s: [" GROUP "] has no key “%s”", path, keys[i]);
        return FALSE;
      }
  if (!take_string (file, "listen", dir, FALSE, listen, error) ||
      !take_string (file, "database", dir, FALSE, database, error) ||
      !take_string (file, "tls-cert", dir, TRUE, tls_cert, error) ||
      !take_string (file, "tls-key", dir, TRUE, tls_key, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  if (*workers == 0 && g_key_file_has_key (file, GROUP, "workers", NULL))
    {
      *workers = g_key_file_get_integer (file, GROUP, "workers", &local_error);
      if (local_error != NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: workers: ", path);
          return FALSE;
        }
    }
  if (*workers == 0)
    *workers = 1;
  if (!*insecure_http && g_key_file_has_key (file, GROUP, "insecure-http", NULL))
    {
      *insecure_http = g_key_file_get_boolean (file, GROUP, "insecure-http", &local_error);
      if (local_error != NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      "%s: insecure-http: ", path);
          return FALSE;
        }
    }
  if (*trusted_proxies == NULL && g_key_file_has_key (file, GROUP, "trusted-proxy", NULL))
    {
      g_auto(GStrv) list = g_key_file_get_string_list (file, GROUP, "trusted-proxy", NULL,
                                                       &local_error);
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

      if (local_error != NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      "%s: trusted-proxy: ", path);
          return FALSE;
        }
      for (guint i = 0; list[i] != NULL; i++)
        if (*g_strstrip (list[i]) != '\0')
          g_strv_builder_add (kept, list[i]);
      *trusted_proxies = g_strv_builder_end (kept);
    }
  return TRUE;
}
