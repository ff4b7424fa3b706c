/* main.c: turnos-server, the reservations API
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>

#include "turnos-demo.h"
#include "turnos-server.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
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

int
main (int   argc,
      char *argv[])
{
  g_autofree char *listen = NULL;
  g_autofree char *database = NULL;
  g_autofree char *address = NULL;
  g_autofree char *url = NULL;
  gboolean demo = FALSE;
  int hold_minutes = 15;
  guint16 port = 0;
  GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      "Where to listen (default 127.0.0.1:8080; port 0 picks a free one)", "ADDR:PORT" },
    { "database", 'd', 0, G_OPTION_ARG_STRING, &database,
      "The store (default sqlite://$XDG_DATA_HOME/turnos/turnos.db)", "sqlite:///PATH" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      "Wipe the store and seed the demo clinic", NULL },
    { "hold-minutes", 0, 0, G_OPTION_ARG_INT, &hold_minutes,
      "How long a deposit payment holds its time (default 15)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- the Turnos reservations server");
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosStore) store = NULL;
  g_autoptr(TurnosServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
    "Without --database the store lives in the user's data folder; --demo on an existing\n"
    "database wipes it first.\n");
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !parse_listen (listen ? listen : "127.0.0.1:8080", &address, &port, &error))
    goto fail;
  if (hold_minutes < 1 || hold_minutes > 24 * 60)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--hold-minutes wants 1 to 1440");
      goto fail;
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

  if (!(store = turnos_store_open (database, &error)))
    goto fail;
  if (demo)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (!turnos_demo_seed (store, now, &error))
        goto fail;
    }

  server = turnos_server_new (store);
  turnos_server_set_hold_minutes (server, hold_minutes);
  if (!turnos_server_listen (server, address, port, &error))
    goto fail;
  url = turnos_server_dup_base_url (server);
  printf ("Listening on %s\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  g_message ("stopping");
  turnos_server_disconnect (server);
  return EXIT_SUCCESS;

fail:
  g_printerr ("turnos-server: %s\n", error->message);
  return EXIT_FAILURE;
}
