/* turnos-serve-modes.c: turnos-server's three ways to serve: one process, --workers, --threads
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-serve-modes.h"

#include <errno.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "turnos-listener.h"
#include "turnos-serve-thread.h"

void
turnos_serve_options_clear (TurnosServeOptions *options)
{
  g_clear_object (&options->tls_certificate);
}

static void
configure (TurnosServer             *server,
           const TurnosServeOptions *o)
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
  return G_SOURCE_CONTINUE;   /* removed by run_until_signal() */
}

/* Serves on the default context until SIGINT or SIGTERM. With @say_url, the URL goes to
 * stdout first: the signals are ours before anyone is told we listen, so a SIGTERM sent on
 * that line stops the server cleanly instead of killing it. */
static void
run_until_signal (TurnosServer *server,
                  gboolean      say_url)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint int_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  guint term_id = g_unix_signal_add (SIGTERM, quit_cb, loop);

  if (say_url)
    {
      g_autofree char *url = turnos_server_dup_base_url (server);

      printf ("Listening on %s\n", url);
      fflush (stdout);
    }
  g_main_loop_run (loop);
  g_source_remove (int_id);
  g_source_remove (term_id);
  if (say_url)
    g_message ("stopping");
}

/* A socket bound (not listening) with SO_REUSEPORT: it holds the port, found when @port is 0,
 * while the servers bind theirs. Sets *@bound_port. */
static GSocket *
bind_probe (const char  *address,
            guint16      port,
            guint16     *bound_port,
            GError     **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) sockaddr = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;

  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not an IP address", address);
      return NULL;
    }
  sockaddr = g_inet_socket_address_new (inet, port);
  if (!(socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                               G_SOCKET_PROTOCOL_TCP, error)) ||
      !turnos_socket_bind_shared (socket, sockaddr, error) ||
      !(bound = g_socket_get_local_address (socket, error)))
    return NULL;
  *bound_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return g_steal_pointer (&socket);
}

gboolean
turnos_serve_single (TurnosStore              *store,
                     const char               *address,
                     guint16                   port,
                     const TurnosServeOptions *options,
                     GError                  **error)
{
  g_autoptr(TurnosServer) server = turnos_server_new (store);

  configure (server, options);
  if (!turnos_server_listen (server, address, port, error))
    return FALSE;
  run_until_signal (server, TRUE);
  turnos_server_disconnect (server);
  return TRUE;
}

/* One of --threads' further servers: its own connection to the store, its own socket on the
 * shared port, its own thread. */
static TurnosServeThread *
serve_thread_start (const char                *database,
                    const char                *address,
                    guint16                    port,
                    const TurnosServeOptions  *options,
                    GError                   **error)
{
  g_autoptr(TurnosStore) store = turnos_store_open (database, error);
  g_autoptr(TurnosServer) server = NULL;

  if (store == NULL)
    return NULL;
  server = turnos_server_new (store);
  configure (server, options);
  return turnos_serve_thread_start (server, address, port, TRUE, error);
}

static void
serve_thread_stop (gpointer thread)
{
  turnos_serve_thread_stop (thread);
}

gboolean
turnos_serve_threads (TurnosStore              *store,
                      const char               *database,
                      const char               *address,
                      guint16                   port,
                      const TurnosServeOptions *options,
                      GError                  **error)
{
  g_autoptr(GPtrArray) serving = g_ptr_array_new_with_free_func (serve_thread_stop);
  g_autoptr(TurnosServer) server = turnos_server_new (store);
  g_autoptr(GSocket) probe = NULL;

  configure (server, options);
  if (!(probe = bind_probe (address, port, &port, error)) ||
      !turnos_server_listen_shared (server, address, port, error))
    return FALSE;
  for (int i = 1; i < options->threads; i++)
    {
      TurnosServeThread *t = serve_thread_start (database, address, port, options, error);

      if (t == NULL)
        return FALSE;   /* @serving stops those already running */
      g_ptr_array_add (serving, t);
    }
  g_clear_object (&probe);
  run_until_signal (server, TRUE);
  turnos_server_disconnect (server);
  return TRUE;
}

gboolean
turnos_serve_workers (const char               *database,
                      int                       workers,
                      const char               *address,
                      guint16                   port,
                      const TurnosServeOptions *options,
                      GError                  **error)
{
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (GPid));
  g_autoptr(GSocket) probe = NULL;
  g_autoptr(TurnosStore) store = NULL;
  g_autoptr(TurnosServer) server = NULL;
  gboolean first = TRUE;
  gboolean ok = FALSE;

  g_return_val_if_fail (workers >= 2, FALSE);

  if (!(probe = bind_probe (address, port, &port, error)))
    return FALSE;
  for (int i = 1; i < workers; i++)
    {
      GPid pid = fork ();

      if (pid < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "fork: %s", g_strerror (saved));
          goto stop_children;
        }
      if (pid == 0)
        {
          first = FALSE;
          g_array_set_size (children, 0);
          break;
        }
      g_array_append_val (children, pid);
    }
  if (!(store = turnos_store_open (database, error)))
    goto stop_children;
  server = turnos_server_new (store);
  configure (server, options);
  if (!turnos_server_listen_shared (server, address, port, error))
    goto stop_children;
  g_clear_object (&probe);
  run_until_signal (server, first);
  turnos_server_disconnect (server);
  ok = TRUE;

stop_children:
  for (guint i = 0; i < children->len; i++)
    {
      kill (g_array_index (children, GPid, i), SIGTERM);
      waitpid (g_array_index (children, GPid, i), NULL, 0);
    }
  return ok;
}
