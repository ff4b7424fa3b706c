/* turnos-application.c: the application: options, the server, the window
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>

#include "turnos-application.h"
#include "turnos-booking.h"
#include "turnos-embedded.h"
#include "turnos-window.h"

struct _TurnosApplication
{
  AdwApplication        parent_instance;

  /* Options */
  char                 *server_url;
  char                 *professional_id;
  char                 *client_id;
  gboolean              demo;

  /* Owned references */
  GSettings            *settings;
  TurnosEmbeddedServer *embedded;
  TurnosBooking        *booking;

  guint                 sigterm_id;
  guint                 sigint_id;
};

G_DEFINE_FINAL_TYPE (TurnosApplication, turnos_application, ADW_TYPE_APPLICATION)

/* The schema may be missing when running from a build folder without GSETTINGS_SCHEMA_DIR:
 * then nothing is remembered, and nothing aborts. */
static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("schema %s not installed: settings are not kept", APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/* --server, else the setting, else the server in this process. */
static char *
server_url (TurnosApplication  *self,
            GError            **error)
{
  g_autofree char *configured = NULL;
  g_autofree char *uri = NULL;

  if (self->server_url != NULL && *self->server_url != '\0' && !self->demo)
    return g_strdup (self->server_url);
  if (self->settings != NULL && !self->demo)
    configured = g_settings_get_string (self->settings, "server-url");
  if (configured != NULL && *configured != '\0')
    return g_steal_pointer (&configured);

  if (!self->demo)
    {
      g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "turnos", NULL);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       _("Cannot create the data folder %s"), dir);
          return NULL;
        }
      uri = g_strdup_printf ("sqlite://%s/turnos.db", dir);
    }
  self->embedded = turnos_embedded_server_start (uri, self->demo, error);
  if (self->embedded == NULL)
    return NULL;
  return g_strdup (turnos_embedded_server_get_base_url (self->embedded));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "The Turnos authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "Turnos",
                         "application-icon", APP_ID,
                         "developer-name", "The Turnos authors",
                         "version", PACKAGE_VERSION,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: your names, one per line, to be credited */
                         "translator-credits", _("translator-credits"),
                         "comments", _("Book sessions with your clinic's professionals"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (user_data);

  if (window != NULL)
    gtk_window_close (window);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
remember_professional_cb (TurnosApplication *self)
{
  const char *id = turnos_booking_get_professional_id (self->booking);

  if (self->settings != NULL && id != NULL)
    g_settings_set_string (self->settings, "last-professional", id);
}

/* TURNOS_BENCH_FIRST_FRAME=1 prints "first-frame" when the window's first frame is painted
 * (build-aux/dev bench times it from exec); =exit quits right after. */
static void
on_first_frame_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  GApplication *app = user_data;

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, user_data);
  printf ("first-frame\n");
  fflush (stdout);
  if (g_strcmp0 (g_getenv ("TURNOS_BENCH_FIRST_FRAME"), "exit") == 0)
    g_application_quit (app);
}

static void
turnos_application_activate (GApplication *application)
{
  TurnosApplication *self = TURNOS_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosClient) client = NULL;
  g_autofree char *url = NULL;
  g_autofree char *last = NULL;
  g_autofree char *patient = NULL;
  TurnosWindow *window;

  if (gtk_application_get_active_window (GTK_APPLICATION (self)) != NULL)
    {
      gtk_window_present (gtk_application_get_active_window (GTK_APPLICATION (self)));
      return;
    }

  if (!(url = server_url (self, &error)))
    {
      g_printerr ("turnos: %s\n", error->message);
      return;
    }
  client = turnos_client_new (url);
  if (self->embedded != NULL)
    turnos_client_set_token (client, turnos_embedded_server_get_token (self->embedded));
  self->booking = turnos_booking_new (client);

  if (self->client_id != NULL)
    patient = g_strdup (self->client_id);
  else if (self->settings != NULL)
    patient = g_settings_get_string (self->settings, "client-id");
  turnos_booking_set_client_id (self->booking, patient && *patient ? patient : (self->demo ? "patient-1" : NULL));
  if (self->settings != NULL)
    g_settings_bind (self->settings, "client-id", self->booking, "client-id", G_SETTINGS_BIND_SET);
  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-professional");
  g_signal_connect_object (self->booking, "notify::professional-id",
                           G_CALLBACK (remember_professional_cb), self, G_CONNECT_SWAPPED);
  turnos_booking_load (self->booking, self->professional_id ? self->professional_id : last);

  window = turnos_window_new (GTK_APPLICATION (self), self->booking, self->settings);
  gtk_window_present (GTK_WINDOW (window));
  if (g_getenv ("TURNOS_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                      G_CALLBACK (on_first_frame_cb), self);
}

static int
turnos_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  TurnosApplication *self = TURNOS_APPLICATION (application);

  g_variant_dict_lookup (options, "server", "s", &self->server_url);
  g_variant_dict_lookup (options, "professional", "s", &self->professional_id);
  g_variant_dict_lookup (options, "client", "s", &self->client_id);
  self->demo = g_variant_dict_contains (options, "demo");
  return -1;
}

/* SIGTERM (a session ending, `kill`) and SIGINT (Ctrl+C in a terminal) quit as the window's
 * Close does, so shutdown stops the embedded server and a demo's folder is removed. */
static gboolean
on_quit_signal_cb (gpointer user_data)
{
  g_debug ("quitting on a signal");
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
turnos_application_startup (GApplication *application)
{
  TurnosApplication *self = TURNOS_APPLICATION (application);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *refresh_accels[] = { "<Control>r", "F5", NULL };

  G_APPLICATION_CLASS (turnos_application_parent_class)->startup (application);

  self->settings = open_settings ();
  self->sigterm_id = g_unix_signal_add (SIGTERM, on_quit_signal_cb, self);
  self->sigint_id = g_unix_signal_add (SIGINT, on_quit_signal_cb, self);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "reserve.retry", refresh_accels);
}

static void
turnos_application_shutdown (GApplication *application)
{
  TurnosApplication *self = TURNOS_APPLICATION (application);

  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);
  g_clear_object (&self->booking);
  g_clear_pointer (&self->embedded, turnos_embedded_server_stop);
  g_clear_object (&self->settings);

  G_APPLICATION_CLASS (turnos_application_parent_class)->shutdown (application);
}

static void
turnos_application_finalize (GObject *object)
{
  TurnosApplication *self = TURNOS_APPLICATION (object);

  g_free (self->server_url);
  g_free (self->professional_id);
  g_free (self->client_id);

  G_OBJECT_CLASS (turnos_application_parent_class)->finalize (object);
}

static void
turnos_application_class_init (TurnosApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = turnos_application_finalize;
  app_class->activate = turnos_application_activate;
  app_class->startup = turnos_application_startup;
  app_class->shutdown = turnos_application_shutdown;
  app_class->handle_local_options = turnos_application_handle_local_options;
}

static void
turnos_application_init (TurnosApplication *self)
{
  const GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, NULL,
      N_("The reservations server to use, such as http://192.0.2.10:8080/"), N_("URL") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Run on a fresh demo clinic, inside the app"), NULL },
    { "professional", 'p', 0, G_OPTION_ARG_STRING, NULL,
      N_("Start with this professional chosen"), N_("ID") },
    { "client", 'c', 0, G_OPTION_ARG_STRING, NULL,
      N_("Whose bookings these are"), N_("ID") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

TurnosApplication *
turnos_application_new (void)
{
  return g_object_new (TURNOS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/turnos/Turnos",
                       NULL);
}
