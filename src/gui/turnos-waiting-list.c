/* turnos-waiting-list.c: who waits for time to free up on the desk's day
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-format.h"
#include "turnos-waiting-list.h"

struct _TurnosWaitingList
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkLabel      *title_label;
  GtkLabel      *empty_label;
  GtkListBox    *entries_list;

  /* Owned references */
  TurnosWaiting *waiting;
};

G_DEFINE_FINAL_TYPE (TurnosWaitingList, turnos_waiting_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WAITING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Helpers
 */

static char *
clock_of (GDateTime *dt)
{
  return dt != NULL ? g_date_time_format (dt, "%H:%M") : g_strdup ("");
}

/* The Remove button's accessible name says whom it removes, by the name the row shows. */
static void
update_remove_label (GtkWidget         *remove,
                     GParamSpec        *pspec,
                     TurnosWaitingItem *item)
{
  /* Translators: the Remove button of a waitlist row, read aloud; %s is the patient's name */
  g_autofree char *spoken = g_strdup_printf (_("Remove %s from the waitlist"),
                                             turnos_waiting_item_get_patient_name (item));

  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  TurnosWaitingItem *waiting_item = item;
  TurnosWaitlistEntry *entry = turnos_waiting_item_get_entry (waiting_item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove"));
  g_autofree char *subtitle = NULL;
  g_autofree char *at = NULL;

  if (turnos_waiting_item_get_offered (waiting_item))
    {
      at = clock_of (entry->offered_time);
      /* Translators: a waitlist row: %s is the time (HH:MM) it was told */
      subtitle = g_strdup_printf (_("A time freed up and they were told at %s"), at);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "preferences-system-notifications-symbolic");
    }
  else
    {
      at = clock_of (entry->created_at);
      /* Translators: a waitlist row: %s is the time (HH:MM) the patient joined */
      subtitle = g_strdup_printf (_("Waiting since %s"), at);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "avatar-default-symbolic");
    }
  /* A name is text, not markup ("Pérez & Hijos"); it follows the item as it is read. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (waiting_item, "patient-name", row, "title", G_BINDING_SYNC_CREATE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  update_remove_label (remove, NULL, waiting_item);
  g_signal_connect_object (waiting_item, "notify::patient-name", G_CALLBACK (update_remove_label),
                           remove, G_CONNECT_SWAPPED);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", entry->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "waiting.remove");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
update (TurnosWaitingList *self)
{
  guint n = self->waiting ? g_list_model_get_n_items (turnos_waiting_get_items (self->waiting)) : 0;

  gtk_widget_set_visible (GTK_WIDGET (self->entries_list), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n == 0);
}

/*
 * Actions
 */

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TurnosWaitingList *self = TURNOS_WAITING_LIST (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  GListModel *items;

  if (self->waiting == NULL)
    return;
  items = turnos_waiting_get_items (self->waiting);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(TurnosWaitingItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (turnos_waiting_item_get_entry (item)->id, id) == 0)
        {
          turnos_waiting_leave (self->waiting, item);
          return;
        }
    }
}

/*
 * GObject overrides
 */

static void
turnos_waiting_list_dispose (GObject *object)
{
  TurnosWaitingList *self = TURNOS_WAITING_LIST (object);

  turnos_waiting_list_set_waiting (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_WAITING_LIST);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (turnos_waiting_list_parent_class)->dispose (object);
}

static void
turnos_waiting_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TurnosWaitingList *self = TURNOS_WAITING_LIST (object);

  switch (prop_id)
    {
    case PROP_WAITING:
      g_value_set_object (value, self->waiting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_waiting_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TurnosWaitingList *self = TURNOS_WAITING_LIST (object);

  switch (prop_id)
    {
    case PROP_WAITING:
      turnos_waiting_list_set_waiting (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_waiting_list_class_init (TurnosWaitingListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = turnos_waiting_list_dispose;
  object_class->get_property = turnos_waiting_list_get_property;
  object_class->set_property = turnos_waiting_list_set_property;

  properties[PROP_WAITING] =
    g_param_spec_object ("waiting", NULL, NULL, TURNOS_TYPE_WAITING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-waiting-list.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosWaitingList, title_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosWaitingList, empty_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosWaitingList, entries_list);
  gtk_widget_class_install_action (widget_class, "waiting.remove", "s", remove_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_waiting_list_init (TurnosWaitingList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
turnos_waiting_list_new (TurnosWaiting *waiting)
{
  g_return_val_if_fail (waiting == NULL || TURNOS_IS_WAITING (waiting), NULL);
  return g_object_new (TURNOS_TYPE_WAITING_LIST, "waiting", waiting, NULL);
}

void
turnos_waiting_list_set_waiting (TurnosWaitingList *self,
                                 TurnosWaiting     *waiting)
{
  g_return_if_fail (TURNOS_IS_WAITING_LIST (self));
  g_return_if_fail (waiting == NULL || TURNOS_IS_WAITING (waiting));

  if (self->waiting == waiting)
    return;
  if (self->waiting != NULL)
    g_signal_handlers_disconnect_by_data (turnos_waiting_get_items (self->waiting), self);
  g_set_object (&self->waiting, waiting);
  if (self->entries_list != NULL)
    gtk_list_box_bind_model (self->entries_list, waiting ? turnos_waiting_get_items (waiting) : NULL,
                             waiting ? create_row_cb : NULL, NULL, NULL);
  if (waiting != NULL)
    g_signal_connect_object (turnos_waiting_get_items (waiting), "items-changed", G_CALLBACK (update),
                             self, G_CONNECT_SWAPPED);
  if (self->entries_list != NULL)
    update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);
}

TurnosWaiting *
turnos_waiting_list_get_waiting (TurnosWaitingList *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITING_LIST (self), NULL);
  return self->waiting;
}
