/* main.c: turnos, the desktop client
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "turnos-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TurnosApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* A build folder's translations (build-aux/dev run, the tests) before the installed ones. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TURNOS_LOCALEDIR") ? g_getenv ("TURNOS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = turnos_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
