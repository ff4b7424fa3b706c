/* turnos-zone-button.c: a button showing a time zone, opening a searchable list of them
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-settings-editor.h"
#include "turnos-zone-button.h"

struct _TurnosZoneButton
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkMenuButton   *button;
  GtkLabel        *label;
  GtkPopover      *popover;
  GtkSearchEntry  *search;
  GtkListView     *list;

  /* Owned references */
  GtkStringFilter *filter;
  GListModel      *matches;    /* the zones the search leaves, as shown ("_" as " ") */
  char            *zone;
};

G_DEFINE_FINAL_TYPE (TurnosZoneButton, turnos_zone_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ZONE,
  N_PROPS
};

enum {
  POPUP,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Each zone as a row reads it. */
static const char item_ui[] =
  "<interface>"
  "  <template class='GtkListItem'>"
  "    <property name='child'>"
  "      <object class='GtkLabel'>"
  "        <property name='xalign'>0</property>"
  "        <property name='ellipsize'>middle</property>"
  "        <binding name='label'>"
  "          <lookup name='string' type='GtkStringObject'>"
  "            <lookup name='item'>GtkListItem</lookup>"
  "          </lookup>"
  "        </binding>"
  "      </object>"
  "    </property>"
  "  </template>"
  "</interface>";

/* IANA names have no spaces: "_" reads as one, and back. */
static char *
shown_name (const char *zone)
{
  return g_strdelimit (g_strdup (zone ? zone : ""), "_", ' ');
}

static void
choose (TurnosZoneButton *self,
        guint             position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (self->matches, position);
  g_autofree char *zone = NULL;

  if (item == NULL)
    return;
  zone = g_strdelimit (g_strdup (gtk_string_object_get_string (item)), " ", '_');
  turnos_zone_button_set_zone (self, zone);
  gtk_popover_popdown (self->popover);
}

/*
 * Callbacks
 */

static void
on_search_changed_cb (TurnosZoneButton *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search)));
}

static void
on_search_activate_cb (TurnosZoneButton *self)
{
  choose (self, 0);
}

static void
on_list_activate_cb (TurnosZoneButton *self,
                     guint             position)
{
  choose (self, position);
}

static void
on_popover_show_cb (TurnosZoneButton *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
}

static void
popup_cb (TurnosZoneButton *self)
{
  turnos_zone_button_popup (self);
}

/*
 * GObject overrides
 */

static void
turnos_zone_button_dispose (GObject *object)
{
  TurnosZoneButton *self = TURNOS_ZONE_BUTTON (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_ZONE_BUTTON);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->filter);
  g_clear_object (&self->matches);

  G_OBJECT_CLASS (turnos_zone_button_parent_class)->dispose (object);
}

static void
turnos_zone_button_finalize (GObject *object)
{
  g_free (TURNOS_ZONE_BUTTON (object)->zone);
  G_OBJECT_CLASS (turnos_zone_button_parent_class)->finalize (object);
}

static void
turnos_zone_button_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ZONE:
      g_value_set_string (value, TURNOS_ZONE_BUTTON (object)->zone);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_zone_button_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ZONE:
      turnos_zone_button_set_zone (TURNOS_ZONE_BUTTON (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_zone_button_class_init (TurnosZoneButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = turnos_zone_button_dispose;
  object_class->finalize = turnos_zone_button_finalize;
  object_class->get_property = turnos_zone_button_get_property;
  object_class->set_property = turnos_zone_button_set_property;

  properties[PROP_ZONE] =
    g_param_spec_string ("zone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* What a row's activatable widget runs, and Enter or Space on the button. */
  signals[POPUP] = g_signal_new_class_handler ("popup", G_TYPE_FROM_CLASS (klass),
                                               G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                               G_CALLBACK (popup_cb), NULL, NULL, NULL,
                                               G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[POPUP]);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-zone-button.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosZoneButton, button);
  gtk_widget_class_bind_template_child (widget_class, TurnosZoneButton, label);
  gtk_widget_class_bind_template_child (widget_class, TurnosZoneButton, popover);
  gtk_widget_class_bind_template_child (widget_class, TurnosZoneButton, search);
  gtk_widget_class_bind_template_child (widget_class, TurnosZoneButton, list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_zone_button_init (TurnosZoneButton *self)
{
  g_auto(GStrv) zones = turnos_settings_editor_list_time_zones ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static (item_ui, sizeof item_ui - 1);
  g_autoptr(GtkListItemFactory) factory = gtk_builder_list_item_factory_new_from_bytes (NULL, bytes);
  GtkFilterListModel *filtered;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; zones[i] != NULL; i++)
    {
      g_autofree char *shown = shown_name (zones[i]);

      gtk_string_list_append (names, shown);
    }
  self->filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (names)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  self->matches = G_LIST_MODEL (filtered);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (self->matches))));
  gtk_list_view_set_factory (self->list, factory);
  gtk_label_set_label (self->label, _("Choose…"));

  g_signal_connect_object (self->search, "search-changed", G_CALLBACK (on_search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "activate", G_CALLBACK (on_search_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "activate", G_CALLBACK (on_list_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "show", G_CALLBACK (on_popover_show_cb), self,
                           G_CONNECT_SWAPPED);
}

/*
 * Public API
 */

GtkWidget *
turnos_zone_button_new (void)
{
  return g_object_new (TURNOS_TYPE_ZONE_BUTTON, NULL);
}

const char *
turnos_zone_button_get_zone (TurnosZoneButton *self)
{
  g_return_val_if_fail (TURNOS_IS_ZONE_BUTTON (self), NULL);
  return self->zone;
}

void
turnos_zone_button_set_zone (TurnosZoneButton *self,
                             const char       *zone)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (TURNOS_IS_ZONE_BUTTON (self));

  if (g_strcmp0 (self->zone, zone) == 0)
    return;
  g_free (self->zone);
  self->zone = g_strdup (zone);
  shown = shown_name (zone);
  gtk_label_set_label (self->label, zone && *zone ? shown : _("Choose…"));
  /* Its name says what it is and what is chosen. */
  {
    /* Translators: a button's name for screen readers, with the chosen zone */
    g_autofree char *name = g_strdup_printf (_("Time zone: %s"), zone && *zone ? shown : _("none"));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name, -1);
  }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZONE]);
}

void
turnos_zone_button_popup (TurnosZoneButton *self)
{
  g_return_if_fail (TURNOS_IS_ZONE_BUTTON (self));
  gtk_menu_button_popup (self->button);
}
