/* bare-window.c: the floor for start-up: an empty libadwaita window, timed like turnos
 *
 * With --text the window gets a header bar with its title and one label: what any window
 * with words in it pays on top (fontconfig, the first font, shaping, glyphs).
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

static void
on_first_frame_cb (GdkFrameClock *clock,
                   gpointer       app)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, app);
  printf ("first-frame\n");
  fflush (stdout);
  if (g_strcmp0 (g_getenv ("TURNOS_BENCH_FIRST_FRAME"), "exit") == 0)
    g_application_quit (app);
}

static gboolean with_text;

static void
activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  if (with_text)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *label = gtk_label_new ("Book a session");

      gtk_window_set_title (GTK_WINDOW (window), "Turnos");
      gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
      gtk_widget_set_vexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
    }

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_frame_cb), app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.turnos.BareWindow",
                                                       G_APPLICATION_NON_UNIQUE);

  with_text = argc > 1 && g_str_equal (argv[1], "--text");
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
