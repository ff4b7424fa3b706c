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
#include "turnos-gate.h"
#include "turnos-session.h"
#include "turnos-window.h"

struct _TurnosApplication
{
  AdwApplication        parent_instance;

  /* Options */
  char                 *server_url;
  char                 *professional_id;
  char                 *client_id;
  char                 *ca_file;
  gboolean              demo;
  gboolean              allow_insecure_http;

  /* Owned references */
  GSettings            *settings;
  TurnosEmbeddedServer *embedded;
  TurnosSession        *session;
  TurnosGate           *gate;

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

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  TurnosApplication *self = user_data;

  if (self->session != NULL)
    turnos_session_sign_out (self->session);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

/* With a server set: who signs in, over what. The clinic's own CA (--ca, else the ca-file
 * setting) is the only authority trusted for https; plain http to another computer takes a
 * password only with --allow-insecure-http or the allow-insecure-http setting. */
static TurnosSession *
remote_session (TurnosApplication  *self,
                const char         *url,
                GError            **error)
{
  g_autoptr(TurnosSession) session = turnos_session_new (url);
  g_autofree char *ca = g_strdup (self->ca_file);
  const GActionEntry sign_out[] = { { "sign-out", sign_out_action } };

  if (ca == NULL && self->settings != NULL)
    ca = g_settings_get_string (self->settings, "ca-file");
  if (ca != NULL && *ca != '\0')
    {
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca, error);

      if (database == NULL)
        return NULL;
      turnos_session_set_tls_database (session, database);
    }
  turnos_session_set_allow_insecure_http (session,
                                          self->allow_insecure_http ||
                                          (self->settings != NULL &&
                                           g_settings_get_boolean (self->settings, "allow-insecure-http")));
  g_action_map_add_action_entries (G_ACTION_MAP (self), sign_out, G_N_ELEMENTS (sign_out), self);
  return g_steal_pointer (&session);
}

/* TURNOS_BENCH_FIRST_FRAME=1 prints "first-frame" when the window's first frame is painted
 * (build-aux/dev bench times it from exec); =exit quits right after. */
static void on_first_frame_cb (GdkFrameClock *clock, gpointer user_data);

static void
on_window_shown_cb (TurnosApplication *self,
                    TurnosWindow      *window)
{
  if (g_getenv ("TURNOS_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                      G_CALLBACK (on_first_frame_cb), self);
}

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
  g_autofree char *url = NULL;

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
  if (self->session == NULL)
    {
      /* The clinic's own machine never signs in: the in-process server's admin token. */
      if (self->embedded != NULL)
        {
          g_autoptr(TurnosClient) client = turnos_client_new (url);

          turnos_client_set_token (client, turnos_embedded_server_get_token (self->embedded));
          self->session = turnos_session_new_embedded (client);
        }
      else if (!(self->session = remote_session (self, url, &error)))
        {
          g_printerr ("turnos: %s\n", error->message);
          return;
        }
    }
  /* The patient is never remembered: --client chooses one for the first booking only. */
  self->gate = turnos_gate_new (GTK_APPLICATION (self), self->session, self->settings,
                                self->professional_id, self->client_id);
  g_signal_connect_object (self->gate, "window-shown", G_CALLBACK (on_window_shown_cb), self,
                           G_CONNECT_SWAPPED);
  turnos_gate_start (self->gate);
}

static int
turnos_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  TurnosApplication *self = TURNOS_APPLICATION (application);

  g_variant_dict_lookup (options, "server", "s", &self->server_url);
  g_variant_dict_lookup (options, "professional", "s", &self->professional_id);
  g_variant_dict_lookup (options, "client", "s", &self->client_id);
  g_variant_dict_lookup (options, "ca", "^ay", &self->ca_file);
  self->demo = g_variant_dict_contains (options, "demo");
  self->allow_insecure_http = g_variant_dict_contains (options, "allow-insecure-http");
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
  g_clear_object (&self->gate);
  g_clear_object (&self->session);
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
  g_free (self->ca_file);

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
      N_("Book for this patient first (the front desk)"), N_("ID") },
    { "ca", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Trust the clinic’s own certificate authority (a PEM file) for https"), N_("FILE") },
    { "allow-insecure-http", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Send the password over plain HTTP to another computer (not private)"), NULL },
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
