/* turnos-welcome-page.c: a fresh clinic adds its first professional and their hours
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "turnos-format.h"
#include "turnos-time.h"
#include "turnos-welcome-page.h"

struct _TurnosWelcomePage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  AdwEntryRow    *name_row;
  AdwEntryRow    *zone_row;
  GtkFlowBox     *days_box;
  AdwEntryRow    *from_row;
  AdwEntryRow    *to_row;
  GtkSpinButton  *length_spin;
  GtkLabel       *error_label;
  GtkWidget     *add_button;

  /* Owned references */
  TurnosClient   *client;
  GCancellable   *cancellable;

  GtkToggleButton *days[7];   /* Monday … Sunday */
};

G_DEFINE_FINAL_TYPE (TurnosWelcomePage, turnos_welcome_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

enum {
  ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

char *
turnos_welcome_page_make_id (const char *display_name)
{
  g_autofree char *ascii = g_str_to_ascii (display_name ? display_name : "", NULL);
  GString *id = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && id->len < 48; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_tolower (*p));
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0)
    g_string_assign (id, "professional");
  return g_string_free (id, FALSE);
}

/* What the form says, as settings; NULL with the first problem in @problem. */
static TurnosSettings *
read_form (TurnosWelcomePage  *self,
           const char        **problem)
{
  g_autoptr(TurnosSettings) settings = turnos_settings_new ();
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *zone = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->zone_row))));
  int from, to, length;
  gboolean any_day = FALSE;

  *problem = NULL;
  if (*name == '\0')
    {
      *problem = _("Type the professional’s name.");
      return NULL;
    }
  if (!turnos_settings_set_timezone (settings, zone))
    {
      *problem = _("Type a time zone such as America/Argentina/Buenos_Aires.");
      return NULL;
    }
  if (!turnos_clock_parse (gtk_editable_get_text (GTK_EDITABLE (self->from_row)), &from, NULL) ||
      !turnos_clock_parse (gtk_editable_get_text (GTK_EDITABLE (self->to_row)), &to, NULL) ||
      to <= from)
    {
      *problem = _("Type the hours as 09:00 and 17:00, the end after the start.");
      return NULL;
    }
  length = gtk_spin_button_get_value_as_int (self->length_spin);
  if (length > to - from)
    {
      *problem = _("A session must fit within the hours.");
      return NULL;
    }
  for (int i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (self->days[i]))
      {
        turnos_settings_add_hours (settings, i + 1, from, to);
        any_day = TRUE;
      }
  if (!any_day)
    {
      *problem = _("Choose at least one day.");
      return NULL;
    }
  settings->user_id = turnos_welcome_page_make_id (name);
  settings->display_name = g_steal_pointer (&name);
  settings->session_duration_minutes = length;
  settings->slot_interval_minutes = length;
  settings->session_modality = TURNOS_MODALITY_BOTH;
  return g_steal_pointer (&settings);
}

static void
update_actions (TurnosWelcomePage *self)
{
  g_autoptr(TurnosSettings) settings = NULL;
  const char *problem;

  settings = read_form (self, &problem);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.add",
                                 settings != NULL && self->cancellable == NULL);
}

static void
on_changed_cb (TurnosWelcomePage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_actions (self);
}

static void
show_problem (TurnosWelcomePage *self,
              const char        *text)
{
  gtk_label_set_label (self->error_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TurnosWelcomePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosSettings) stored =
    turnos_client_create_professional_finish (TURNOS_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  update_actions (self);
  if (stored == NULL)
    {
      g_autofree char *text = turnos_format_error (error);

      show_problem (self, text);
      return;
    }
  g_signal_emit (self, signals[ADDED], 0, stored);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TurnosWelcomePage *self = TURNOS_WELCOME_PAGE (widget);
  g_autoptr(TurnosSettings) settings = NULL;
  const char *problem;

  if (self->cancellable != NULL)
    return;
  if (!(settings = read_form (self, &problem)))
    {
      show_problem (self, problem);
      return;
    }
  self->cancellable = g_cancellable_new ();
  update_actions (self);
  turnos_client_create_professional_async (self->client, settings, NULL, NULL, self->cancellable,
                                           added_cb, g_object_ref (self));
}

/*
 * GObject overrides
 */

static void
turnos_welcome_page_dispose (GObject *object)
{
  TurnosWelcomePage *self = TURNOS_WELCOME_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_WELCOME_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (turnos_welcome_page_parent_class)->dispose (object);
}

static void
turnos_welcome_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TurnosWelcomePage *self = TURNOS_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_welcome_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TurnosWelcomePage *self = TURNOS_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
turnos_welcome_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TURNOS_WELCOME_PAGE (widget)->name_row));
}

static void
turnos_welcome_page_class_init (TurnosWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = turnos_welcome_page_dispose;
  object_class->get_property = turnos_welcome_page_get_property;
  object_class->set_property = turnos_welcome_page_set_property;
  widget_class->grab_focus = turnos_welcome_page_grab_focus;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, TURNOS_TYPE_SETTINGS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosWelcomePage, name_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosWelcomePage, zone_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosWelcomePage, days_box);
  gtk_widget_class_bind_template_child (widget_class, TurnosWelcomePage, from_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosWelcomePage, to_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosWelcomePage, length_spin);
  gtk_widget_class_bind_template_child (widget_class, TurnosWelcomePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosWelcomePage, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);

  gtk_widget_class_install_action (widget_class, "welcome.add", NULL, add_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_welcome_page_init (TurnosWelcomePage *self)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *zone = g_time_zone_get_identifier (local);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The weekdays' names in the user's language, from the C library (Monday 5 January 2026). */
  for (int i = 0; i < 7; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_utc (2026, 1, 5 + i, 12, 0, 0);
      g_autofree char *short_name = g_date_time_format (day, "%a");
      g_autofree char *long_name = g_date_time_format (day, "%A");

      self->days[i] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (short_name));
      gtk_toggle_button_set_active (self->days[i], i < 5);
      /* Round, as GNOME Clocks' weekday buttons: a week fits a narrow window on one line. */
      gtk_widget_add_css_class (GTK_WIDGET (self->days[i]), "circular");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->days[i]), long_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->days[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      long_name, -1);
      g_signal_connect_object (self->days[i], "toggled", G_CALLBACK (on_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_append (self->days_box, GTK_WIDGET (self->days[i]));
    }
  /* The computer's zone when it has an IANA name ("UTC" and "Local" do not help a clinic). */
  if (zone != NULL && strchr (zone, '/') != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->zone_row), zone);
  update_actions (self);
}

GtkWidget *
turnos_welcome_page_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_WELCOME_PAGE, "client", client, NULL);
}
