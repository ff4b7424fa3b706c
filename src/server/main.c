/* main.c: turnos-server, the reservations API
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "turnos-demo.h"
#include "turnos-password.h"
#include "turnos-serve-modes.h"
#include "turnos-server.h"
#include "turnos-server-config.h"
#include "turnos-setup.h"
#include "turnos-store-migrate.h"

/* "ADDR:PORT" → address and port; IPv6 as "[::1]:8080". */
static gboolean
parse_listen (const char  *listen,
              char       **address,
              guint16     *port,
              GError     **error)
{
  const char *colon = strrchr (listen, ':');
  guint64 p;

  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &p, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--listen wants ADDR:PORT, not “%s”", listen);
      return FALSE;
    }
  if (listen[0] == '[' && colon > listen && colon[-1] == ']')
    *address = g_strndup (listen + 1, colon - listen - 2);
  else
    *address = g_strndup (listen, colon - listen);
  *port = (guint16) p;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *listen = NULL;
  g_autofree char *database = NULL;
  g_autofree char *address = NULL;
  gboolean demo = FALSE;
  gboolean sandbox = FALSE;
  g_autofree char *create_admin = NULL;
  g_autofree char *migrate_to = NULL;
  g_autofree char *config = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  gboolean insecure_http = FALSE;
  g_auto(TurnosServeOptions) options = { .hold_minutes = 15, .threads = 1 };
  g_auto(GStrv) trusted_proxies = NULL;
  int workers = 0;   /* not given: --config's, else 1 */
  guint16 port = 0;
  GOptionEntry entries[] = {
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &config,
      "Read [server] listen, database, tls-cert, tls-key, workers, insecure-http, trusted-proxy from FILE "
      "(the command line says last)", "FILE" },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      "Where to listen (default 127.0.0.1:8080; port 0 picks a free one)", "ADDR:PORT" },
    { "database", 'd', 0, G_OPTION_ARG_STRING, &database,
      "The store (default sqlite://$XDG_DATA_HOME/turnos/turnos.db)", "sqlite:///PATH" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      "Wipe the store and seed the demo clinic", NULL },
    { "sandbox-payments", 0, 0, G_OPTION_ARG_NONE, &sandbox,
      "Take deposits with the built-in sandbox provider (no money moves; on with --demo)", NULL },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
      "Serve HTTPS with this PEM certificate (chain)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
      "The certificate's PEM private key", "FILE" },
    { "insecure-http", 0, 0, G_OPTION_ARG_NONE, &insecure_http,
      "Allow plain HTTP on an address other than loopback (behind a TLS proxy)", NULL },
    { "create-admin", 0, 0, G_OPTION_ARG_STRING, &create_admin,
      "Create an admin account NAME with the password read from stdin, then exit", "NAME" },
    { "migrate-to", 0, 0, G_OPTION_ARG_STRING, &migrate_to,
      "Copy the clinic of --database (SQLite) into this empty PostgreSQL database, then exit",
      "postgresql://…" },
    { "hold-minutes", 0, 0, G_OPTION_ARG_INT, &options.hold_minutes,
      "How long a deposit payment holds its time (default 15)", "N" },
    { "workers", 'w', 0, G_OPTION_ARG_INT, &workers,
      "Serve from N processes sharing the port and the database (default 1)", "N" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &options.threads,
      "Serve from N threads of one process, each with its own connection (default 1)", "N" },
    { "header-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &options.header_timeout,
      "Seconds a client has to send a request's head, from connecting or the next request's first line (default 20)",
      "SECONDS" },
    { "body-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &options.body_timeout,
      "Seconds from a request's head to the end of its answer: its body, and taking the answer (default 30)", "SECONDS" },
    { "idle-timeout", 0, 0, G_OPTION_ARG_DOUBLE, &options.idle_timeout,
      "Seconds a keep-alive connection may wait for its next request (default 75)", "SECONDS" },
    { "max-connections", 0, 0, G_OPTION_ARG_INT, &options.max_connections,
      "Connections open at once (default: the descriptor limit less 32, at most 1024)", "N" },
    { "max-connections-per-address", 0, 0, G_OPTION_ARG_INT, &options.max_per_address,
      "Connections from one client address; requests in progress for one behind a trusted proxy "
      "(default 256)", "N" },
    { "trusted-proxy", 0, 0, G_OPTION_ARG_STRING_ARRAY, &trusted_proxies,
      "A proxy or load balancer whose X-Forwarded-For names the client (repeatable)", "ADDR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- the Turnos reservations server");
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosStore) store = NULL;

  setlocale (LC_ALL, "");
  /* Where the catalogs are: the sandbox checkout reads them per request (turnos-catalog.h). A
   * build folder's translations first, as the desktop app does. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TURNOS_LOCALEDIR") ? g_getenv ("TURNOS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Without --database the store lives in the user's data folder; --demo on an existing\n"
    "database wipes it first.\n");
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !turnos_server_config_apply (config, &listen, &database, &tls_cert, &tls_key, &workers,
                                   &insecure_http, &trusted_proxies, &error) ||
      !parse_listen (listen ? listen : "127.0.0.1:8080", &address, &port, &error))
    goto fail;
  options.trusted_proxies = trusted_proxies;
  if (workers < 1 || workers > 64)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--workers wants 1 to 64");
      goto fail;
    }
  if (options.threads < 1 || options.threads > 64 || (options.threads > 1 && workers > 1))
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--threads wants 1 to 64, and not with --workers");
      goto fail;
    }
  if (options.hold_minutes < 1 || options.hold_minutes > 24 * 60)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--hold-minutes wants 1 to 1440");
      goto fail;
    }
  if (options.header_timeout < 0 || options.header_timeout > 86400 ||
      options.body_timeout < 0 || options.body_timeout > 86400 ||
      options.idle_timeout < 0 || options.idle_timeout > 86400 ||
      (options.header_timeout > 0 && options.header_timeout < 0.01) ||
      (options.body_timeout > 0 && options.body_timeout < 0.01) ||
      (options.idle_timeout > 0 && options.idle_timeout < 0.01))
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "the timeouts want 0.01 to 86400 seconds");
      goto fail;
    }
  if (options.max_connections < 0 || options.max_connections > 1000000 ||
      options.max_per_address < 0 || options.max_per_address > 1000000)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--max-connections and --max-connections-per-address want 1 to 1000000");
      goto fail;
    }
  for (guint i = 0; options.trusted_proxies != NULL && options.trusted_proxies[i] != NULL; i++)
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (options.trusted_proxies[i]);

      if (inet == NULL)
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--trusted-proxy wants an IP address, not “%s”", options.trusted_proxies[i]);
          goto fail;
        }
    }
  if (database == NULL)
    {
      g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "turnos", NULL);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errno),
                       "cannot create %s: %s", dir, g_strerror (errno));
          goto fail;
        }
      database = g_strdup_printf ("sqlite://%s/turnos.db", dir);
    }

  if ((tls_cert == NULL) != (tls_key == NULL))
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--tls-cert and --tls-key go together");
      goto fail;
    }
  if (tls_cert != NULL &&
      !(options.tls_certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error)))
    goto fail;
  options.sandbox = demo || sandbox;
  if (options.tls_certificate == NULL && create_admin == NULL)
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);

      /* Passwords and tokens cross the network only encrypted, unless told otherwise. */
      if (inet != NULL && !g_inet_address_get_is_loopback (inet))
        {
          if (!insecure_http)
            {
              g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "%s is not loopback: serve it with --tls-cert and --tls-key, or say "
                           "--insecure-http (behind a TLS proxy)", address);
              goto fail;
            }
          g_message ("serving plain HTTP on %s (--insecure-http): passwords and tokens cross the "
                     "network unencrypted unless a TLS proxy is in front", address);
        }
    }
  if (!turnos_password_init ())
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "libsodium cannot start");
      goto fail;
    }
  if (migrate_to != NULL)
    {
      g_autoptr(GString) report = g_string_new (NULL);

      if (!turnos_store_migrate (database, migrate_to, report, &error))
        goto fail;
      printf ("%scopied and counted: the clinic is in PostgreSQL now\n", report->str);
      return EXIT_SUCCESS;
    }
  if (!(store = turnos_store_open (database, &error)))
    goto fail;
  if (create_admin != NULL)
    return turnos_server_create_admin (store, create_admin, stdin, &error) ? EXIT_SUCCESS : (
             g_printerr ("turnos-server: %s\n", error->message), EXIT_FAILURE);
  if (demo)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (!turnos_demo_seed (store, now, &error))
        goto fail;
    }

  if (workers > 1)
    {
      /* Each worker opens its own connection after the fork; none inherits this one. */
      g_clear_object (&store);
      if (!turnos_serve_workers (database, workers, address, port, &options, &error))
        goto fail;
    }
  else if (options.threads > 1)
    {
      if (!turnos_serve_threads (store, database, address, port, &options, &error))
        goto fail;
    }
  else if (!turnos_serve_single (store, address, port, &options, &error))
    goto fail;
  return EXIT_SUCCESS;

fail:
  g_printerr ("turnos-server: %s\n", error->message);
  return EXIT_FAILURE;
}
