/* turnos-professionals-page.c: the admin's professionals: the list, Add Professional, and
 * each one's settings
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-format.h"
#include "turnos-professionals-page.h"
#include "turnos-settings-page.h"

struct _TurnosProfessionalsPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  GtkStack             *list_stack;
  GtkListBox           *list;
  GtkLabel             *editor_title;

  /* Owned references */
  TurnosProfessionals  *professionals;
  TurnosSettingsEditor *editor;
  GtkWidget            *settings_page;   /* in the "editor" page of the stack */

  gboolean              adding;          /* the editor holds a new professional */
};

G_DEFINE_FINAL_TYPE (TurnosProfessionalsPage, turnos_professionals_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROFESSIONALS,
  N_PROPS
};

enum {
  MESSAGE,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* "dr-ana · Mon, Tue, Fri": the id, then the days they work, as the locale shortens them. */
static char *
describe (TurnosSettings *s)
{
  g_autoptr(GString) days = g_string_new (NULL);
  gboolean works[8] = { FALSE };

  for (guint i = 0; i < s->working_hours->len; i++)
    works[g_array_index (s->working_hours, TurnosWorkingHours, i).weekday] = TRUE;
  for (int weekday = 1; weekday <= 7; weekday++)
    {
      /* 2024-01-01 was a Monday. */
      g_autoptr(GDateTime) day = g_date_time_new_utc (2024, 1, weekday, 12, 0, 0);
      g_autofree char *name = NULL;

      if (!works[weekday])
        continue;
      name = g_date_time_format (day, "%a");
      if (days->len > 0)
        /* Translators: between two weekdays in a list, "Mon, Wed" */
        g_string_append (days, _(", "));
      g_string_append (days, name);
    }
  if (days->len == 0)
    g_string_append (days, _("No working hours"));
  /* Translators: a professional's id, then the days they work: "dr-ana · Mon, Wed" */
  return g_strdup_printf (_("%s · %s"), s->user_id, days->str);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TurnosProfessional *p = item;
  g_autofree char *subtitle = describe (turnos_professional_get_settings (p));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), turnos_professional_get_display_name (p));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "turnos-id", g_strdup (turnos_professional_get_id (p)), g_free);
  return row;
}

static void
show_list (TurnosProfessionalsPage *self)
{
  gtk_stack_set_visible_child_name (self->stack, "list");
  turnos_professionals_refresh (self->professionals);
}

static void
show_editor (TurnosProfessionalsPage *self,
             const char              *title)
{
  gtk_label_set_label (self->editor_title, title);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_widget_grab_focus (self->settings_page);
}

/*
 * Callbacks
 */

static void
on_row_activated_cb (TurnosProfessionalsPage *self,
                     GtkListBoxRow           *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "turnos-id");

  self->adding = FALSE;
  turnos_settings_editor_load (self->editor, id);
  show_editor (self, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static void
on_list_changed_cb (TurnosProfessionalsPage *self)
{
  GListModel *list = turnos_professionals_get_list (self->professionals);

  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (list) > 0 ? "list" : "empty");
}

static void
on_refresh_failed_cb (TurnosProfessionalsPage *self)
{
  g_autoptr(GError) error = NULL;

  g_object_get (self->professionals, "error", &error, NULL);
  if (error != NULL)
    {
      g_autofree char *words = turnos_format_error (error);

      g_signal_emit (self, signals[MESSAGE], 0, words);
    }
}

static void
on_message_cb (TurnosProfessionalsPage *self,
               const char              *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

static void
on_saved_cb (TurnosProfessionalsPage *self)
{
  g_autofree char *name = NULL;

  g_signal_emit (self, signals[CHANGED], 0);
  /* Just added: back to the list, where they now are. */
  if (self->adding)
    {
      self->adding = FALSE;
      show_list (self);
    }
  else
    {
      g_object_get (self->editor, "display-name", &name, NULL);
      gtk_label_set_label (self->editor_title, name);
    }
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TurnosProfessionalsPage *self = TURNOS_PROFESSIONALS_PAGE (widget);

  self->adding = TRUE;
  turnos_settings_editor_start_new (self->editor);
  show_editor (self, _("New Professional"));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TurnosProfessionalsPage *self = TURNOS_PROFESSIONALS_PAGE (widget);

  self->adding = FALSE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "editor") == 0)
    show_list (self);
}

/*
 * GObject overrides
 */

static void
turnos_professionals_page_map (GtkWidget *widget)
{
  TurnosProfessionalsPage *self = TURNOS_PROFESSIONALS_PAGE (widget);

  GTK_WIDGET_CLASS (turnos_professionals_page_parent_class)->map (widget);
  /* Always what the server has now, as every other view. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0)
    turnos_professionals_refresh (self->professionals);
}

static void
turnos_professionals_page_constructed (GObject *object)
{
  TurnosProfessionalsPage *self = TURNOS_PROFESSIONALS_PAGE (object);
  GtkWidget *editor_box = gtk_stack_get_child_by_name (self->stack, "editor");

  G_OBJECT_CLASS (turnos_professionals_page_parent_class)->constructed (object);

  self->editor = turnos_settings_editor_new (turnos_professionals_get_client (self->professionals));
  self->settings_page = turnos_settings_page_new (self->editor);
  gtk_widget_set_vexpand (self->settings_page, TRUE);
  gtk_box_append (GTK_BOX (editor_box), self->settings_page);

  gtk_list_box_bind_model (self->list, turnos_professionals_get_list (self->professionals),
                           create_row, NULL, NULL);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (turnos_professionals_get_list (self->professionals), "items-changed",
                           G_CALLBACK (on_list_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->professionals, "notify::error", G_CALLBACK (on_refresh_failed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings_page, "message", G_CALLBACK (on_message_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  on_list_changed_cb (self);
}

static void
turnos_professionals_page_dispose (GObject *object)
{
  TurnosProfessionalsPage *self = TURNOS_PROFESSIONALS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_PROFESSIONALS_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->professionals);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (turnos_professionals_page_parent_class)->dispose (object);
}

static void
turnos_professionals_page_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PROFESSIONALS:
      g_value_set_object (value, TURNOS_PROFESSIONALS_PAGE (object)->professionals);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_professionals_page_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PROFESSIONALS:
      TURNOS_PROFESSIONALS_PAGE (object)->professionals = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_professionals_page_class_init (TurnosProfessionalsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = turnos_professionals_page_constructed;
  object_class->dispose = turnos_professionals_page_dispose;
  object_class->get_property = turnos_professionals_page_get_property;
  object_class->set_property = turnos_professionals_page_set_property;
  widget_class->map = turnos_professionals_page_map;

  properties[PROP_PROFESSIONALS] =
    g_param_spec_object ("professionals", NULL, NULL, TURNOS_TYPE_PROFESSIONALS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-professionals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosProfessionalsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosProfessionalsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosProfessionalsPage, list);
  gtk_widget_class_bind_template_child (widget_class, TurnosProfessionalsPage, editor_title);

  gtk_widget_class_install_action (widget_class, "professionals.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "professionals.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "professionals.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "professionals.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "professionals.back", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_professionals_page_init (TurnosProfessionalsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
turnos_professionals_page_new (TurnosProfessionals *professionals)
{
  g_return_val_if_fail (TURNOS_IS_PROFESSIONALS (professionals), NULL);
  return g_object_new (TURNOS_TYPE_PROFESSIONALS_PAGE, "professionals", professionals, NULL);
}

TurnosSettingsEditor *
turnos_professionals_page_get_editor (TurnosProfessionalsPage *self)
{
  g_return_val_if_fail (TURNOS_IS_PROFESSIONALS_PAGE (self), NULL);
  return self->editor;
}
