/* test-application.c: the application as README.md runs it: its icon, and a demo that is
 * stopped by a signal
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>

#include "turnos-application.h"
#include "turnos-test-server.h"

/* Run uninstalled, the app still finds its own icon (the About window shows it). */
static void
test_about_icon (void)
{
  g_autoptr(TurnosApplication) app = turnos_application_new ();
  g_autoptr(GError) error = NULL;
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  /* Not installed anywhere this test looks. */
  g_assert_false (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID "-symbolic"));
}

static gboolean
has_demo_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "turnos-demo-"))
      return TRUE;
  return FALSE;
}

static void
exited_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* `turnos --demo` keeps its clinic in a folder of its own: SIGTERM or SIGINT end it as Close
 * does, and the folder goes with it. */
static void
test_signal_cleans_demo (gconstpointer data)
{
  int signum = GPOINTER_TO_INT (data);
  const char *bin = g_getenv ("TURNOS_BIN");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("turnos-app-XXXXXX", &error);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) app = NULL;
  gboolean exited = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (bin);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", tmp, TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, bin, "--demo", NULL);
  g_assert_no_error (error);
  TURNOS_TEST_WAIT_UNTIL (has_demo_folder (tmp));

  g_subprocess_send_signal (app, signum);
  g_subprocess_wait_async (app, NULL, exited_cb, &exited);
  TURNOS_TEST_WAIT_UNTIL (exited);
  g_assert_true (g_subprocess_get_if_exited (app));
  g_assert_cmpint (g_subprocess_get_exit_status (app), ==, 0);
  g_assert_false (has_demo_folder (tmp));
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/application/about-icon", test_about_icon);
  g_test_add_data_func ("/gui/application/sigterm-cleans-demo", GINT_TO_POINTER (SIGTERM),
                        test_signal_cleans_demo);
  g_test_add_data_func ("/gui/application/sigint-cleans-demo", GINT_TO_POINTER (SIGINT),
                        test_signal_cleans_demo);

  return g_test_run ();
}
