/* main.c: turnos-server, the reservations API
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <errno.h>
#include <string.h>

#include "turnos-demo.h"
#include "turnos-listener.h"
#include "turnos-password.h"
#include "turnos-serve-thread.h"
#include "turnos-server.h"
#include "turnos-server-config.h"
#include "turnos-setup.h"
#include "turnos-store-migrate.h"

/* --tls-cert/--tls-key: every server of this process serves HTTPS with it. */

/* What every server of the process is set up with. Timeouts in seconds, 0 for the default. */
typedef struct
{
  int     hold_minutes;
  double  header_timeout;
  double  body_timeout;
  double  idle_timeout;
  int     max_connections;     /* 0: from the descriptor limit, shared among --threads */
  int     max_per_address;     /* 0: the default */
  char  **trusted_proxies;
  int     threads;
  gboolean sandbox;                 /* the sandbox payment provider (--demo, --sandbox-payments) */
  GTlsCertificate *tls_certificate; /* HTTPS with it, or NULL */
} ServeOptions;

static void
serve_options_clear (ServeOptions *o)
{
  g_clear_object (&o->tls_certificate);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ServeOptions, serve_options_clear)

static void
configure (TurnosServer       *server,
           const ServeOptions *o)
{
  const struct { const char *name; double seconds; } timeouts[] = {
    { "header-timeout", o->header_timeout },
    { "body-timeout", o->body_timeout },
    { "idle-timeout", o->idle_timeout },
  };

  turnos_server_set_hold_minutes (server, o->hold_minutes);
  turnos_server_set_sandbox_payments (server, o->sandbox);
  turnos_server_set_tls_certificate (server, o->tls_certificate);
  for (guint i = 0; i < G_N_ELEMENTS (timeouts); i++)
    if (timeouts[i].seconds > 0)
      g_object_set (server, timeouts[i].name, (guint) (timeouts[i].seconds * 1000 + 0.5), NULL);
  if (o->max_connections > 0)
    g_object_set (server, "max-connections", (guint) o->max_connections, NULL);
  else if (o->threads > 1)
    /* The threads share one process's descriptors. */
    g_object_set (server, "max-connections",
                  MAX (1u, turnos_listener_default_max_connections () / o->threads), NULL);
  if (o->max_per_address > 0)
    g_object_set (server, "max-connections-per-address", (guint) o->max_per_address, NULL);
  if (o->trusted_proxies != NULL)
    g_object_set (server, "trusted-proxies", o->trusted_proxies, NULL);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* One of --threads' extra servers: its own connection to the store, its own socket on the
 * shared port, its own thread. */
static TurnosServeThread *
serve_thread_start (const char          *database,
                    const char          *address,
                    guint16              port,
                    const ServeOptions  *options,
                    GError             **error)
{
  g_autoptr(TurnosStore) store = turnos_store_open (database, error);
  g_autoptr(TurnosServer) server = NULL;

  if (store == NULL)
    return NULL;
  server = turnos_server_new (store);
  configure (server, options);
  return turnos_serve_thread_start (server, address, port, TRUE, error);
}

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

/* A socket bound (not listening) with SO_REUSEPORT: it holds the port, found when @port is 0,
 * while the workers bind theirs. */
static GSocket *
bind_probe (const char  *address,
            guint16      port,
            GError     **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) sockaddr = NULL;
  g_autoptr(GSocket) socket = NULL;

  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not an IP address", address);
      return NULL;
    }
  sockaddr = g_inet_socket_address_new (inet, port);
  if (!(socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                               G_SOCKET_PROTOCOL_TCP, error)) ||
      !turnos_socket_bind_shared (socket, sockaddr, error))
    return NULL;
  return g_steal_pointer (&socket);
}

int
main (int   argc,
      char *argv[])
{
  pid_t parent = getpid ();
  g_autofree char *listen = NULL;
  g_autofree char *database = NULL;
  g_autofree char *address = NULL;
  g_autofree char *url = NULL;
  gboolean demo = FALSE;
  gboolean sandbox = FALSE;
  g_autofree char *create_admin = NULL;
  g_autofree char *migrate_to = NULL;
  g_autofree char *config = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  gboolean insecure_http = FALSE;
  g_auto(ServeOptions) options = { .hold_minutes = 15, .threads = 1 };
  g_auto(GStrv) trusted_proxies = NULL;
  int workers = 0;   /* not given: --config's, else 1 */
  g_autoptr(GPtrArray) serving = g_ptr_array_new ();
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (GPid));
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
  g_autoptr(TurnosServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;

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
      /* Several processes, each with its own connection to the file (WAL) and its own socket
       * on one port (SO_REUSEPORT); the kernel spreads the connections. They are forked before
       * GLib starts any thread, and none inherits the parent's store. */
      g_autoptr(GSocket) probe = NULL;
      g_autoptr(GSocketAddress) bound = NULL;

      g_clear_object (&store);
      if (!(probe = bind_probe (address, port, &error)) ||
          !(bound = g_socket_get_local_address (probe, &error)))
        goto fail;
      port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      for (int i = 1; i < workers; i++)
        {
          GPid pid = fork ();

          if (pid < 0)
            {
              g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errno), "fork: %s", g_strerror (errno));
              goto fail;
            }
          if (pid == 0)
            {
              g_clear_object (&probe);
              g_array_set_size (children, 0);
              break;
            }
          g_array_append_val (children, pid);
        }
      if (!(store = turnos_store_open (database, &error)))
        goto fail;
      server = turnos_server_new (store);
      configure (server, &options);
      if (!turnos_server_listen_shared (server, address, port, &error))
        goto fail;
      g_clear_object (&probe);
      if (children->len == 0 && getpid () != parent)
        {
          /* A worker: serves until told to stop, says nothing on stdout. */
          loop = g_main_loop_new (NULL, FALSE);
          g_unix_signal_add (SIGINT, quit_cb, loop);
          g_unix_signal_add (SIGTERM, quit_cb, loop);
          g_main_loop_run (loop);
          turnos_server_disconnect (server);
          return EXIT_SUCCESS;
        }
    }
  else if (options.threads > 1)
    {
      /* Threads of this process, each with its own connection and socket on the one port:
       * the kernel spreads the connections as it does between --workers. */
      g_autoptr(GSocket) probe = NULL;
      g_autoptr(GSocketAddress) bound = NULL;

      if (!(probe = bind_probe (address, port, &error)) ||
          !(bound = g_socket_get_local_address (probe, &error)))
        goto fail;
      port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
      server = turnos_server_new (store);
      configure (server, &options);
      if (!turnos_server_listen_shared (server, address, port, &error))
        goto fail;
      for (int i = 1; i < options.threads; i++)
        {
          TurnosServeThread *t = serve_thread_start (database, address, port, &options, &error);

          if (t == NULL)
            goto fail;
          g_ptr_array_add (serving, t);
        }
    }
  else
    {
      server = turnos_server_new (store);
      configure (server, &options);
      if (!turnos_server_listen (server, address, port, &error))
        goto fail;
    }
  /* The signals are ours before anyone is told we listen: a SIGTERM sent on that line
   * stops the server cleanly instead of killing it. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  url = turnos_server_dup_base_url (server);
  printf ("Listening on %s\n", url);
  fflush (stdout);
  g_main_loop_run (loop);

  g_message ("stopping");
  turnos_server_disconnect (server);
  for (guint i = 0; i < serving->len; i++)
    turnos_serve_thread_stop (g_ptr_array_index (serving, i));
  for (guint i = 0; i < children->len; i++)
    {
      kill (g_array_index (children, GPid, i), SIGTERM);
      waitpid (g_array_index (children, GPid, i), NULL, 0);
    }
  return EXIT_SUCCESS;

fail:
  for (guint i = 0; i < serving->len; i++)
    turnos_serve_thread_stop (g_ptr_array_index (serving, i));
  g_printerr ("turnos-server: %s\n", error->message);
  return EXIT_FAILURE;
}
