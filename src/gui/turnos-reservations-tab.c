/* turnos-reservations-tab.c: one tab of My Reservations: its rows, and what it says when it has none
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-format.h"
#include "turnos-reservation-row.h"
#include "turnos-reservations-tab.h"

struct _TurnosReservationsTab
{
  GtkWidget                 parent_instance;

  /* Template widgets */
  GtkStack                 *stack;
  GtkSpinner               *spinner;
  AdwStatusPage            *empty_status;
  GtkButton                *empty_button;
  GtkLabel                 *empty_button_label;
  AdwStatusPage            *error_status;
  GtkListBox               *list_box;
  GtkButton                *more_button;
  GtkLabel                 *more_label;
  GtkSpinner               *more_spinner;

  /* Owned references */
  TurnosReservationSection *section;

  gboolean                  at_clinic;
};

G_DEFINE_FINAL_TYPE (TurnosReservationsTab, turnos_reservations_tab, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SECTION,
  PROP_AT_CLINIC,
  PROP_EMPTY_TITLE,
  PROP_EMPTY_DESCRIPTION,
  PROP_EMPTY_ICON_NAME,
  PROP_EMPTY_ACTION_LABEL,
  PROP_EMPTY_ACTION_NAME,
  PROP_MORE_LABEL,
  PROP_LIST_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TurnosReservationsTab *self = user_data;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *content = g_object_new (TURNOS_TYPE_RESERVATION_ROW,
                                     "item", item,
                                     "at-clinic", self->at_clinic,
                                     NULL);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), content);
  return row;
}

/* The one place the tab's page follows its section. */
static void
update (TurnosReservationsTab *self)
{
  GListModel *items = turnos_reservation_section_get_items (self->section);
  const GError *error = turnos_reservation_section_get_error (self->section);
  gboolean loading = turnos_reservation_section_get_loading (self->section);
  gboolean has_more = turnos_reservation_section_get_has_more (self->section);
  const char *page;

  if (g_list_model_get_n_items (items) > 0)
    page = "list";
  else if (loading || !turnos_reservation_section_get_loaded (self->section))
    page = error ? "error" : "loading";
  else if (error != NULL)
    page = "error";
  else
    page = "empty";
  if (error != NULL)
    {
      g_autofree char *message = turnos_format_error (error);

      adw_status_page_set_description (self->error_status, message);
    }
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  /* Loading a next page: its button gives way to a spinner. */
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), has_more && !loading);
  gtk_widget_set_visible (GTK_WIDGET (self->more_spinner), loading && g_str_equal (page, "list"));
  gtk_spinner_set_spinning (self->more_spinner, loading && g_str_equal (page, "list"));
}

static void
turnos_reservations_tab_constructed (GObject *object)
{
  TurnosReservationsTab *self = TURNOS_RESERVATIONS_TAB (object);
  g_autoptr(GEnumClass) kinds = g_type_class_ref (TURNOS_TYPE_RESERVATIONS_KIND);

  G_OBJECT_CLASS (turnos_reservations_tab_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->list_box, turnos_reservation_section_get_items (self->section),
                           create_row, self, NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->more_button), "s",
                                    g_enum_get_value (kinds, turnos_reservation_section_get_kind (self->section))->value_nick);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->more_button), "reservations.load-more");
  g_signal_connect_object (self->section, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (turnos_reservation_section_get_items (self->section), "items-changed",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
turnos_reservations_tab_dispose (GObject *object)
{
  TurnosReservationsTab *self = TURNOS_RESERVATIONS_TAB (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_RESERVATIONS_TAB);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->section);

  G_OBJECT_CLASS (turnos_reservations_tab_parent_class)->dispose (object);
}

static void
turnos_reservations_tab_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TurnosReservationsTab *self = TURNOS_RESERVATIONS_TAB (object);

  switch (prop_id)
    {
    case PROP_SECTION:
      g_value_set_object (value, self->section);
      break;
    case PROP_AT_CLINIC:
      g_value_set_boolean (value, self->at_clinic);
      break;
    case PROP_EMPTY_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->empty_status));
      break;
    case PROP_EMPTY_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->empty_status));
      break;
    case PROP_EMPTY_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->empty_status));
      break;
    case PROP_EMPTY_ACTION_LABEL:
      g_value_set_string (value, gtk_label_get_label (self->empty_button_label));
      break;
    case PROP_EMPTY_ACTION_NAME:
      g_value_set_string (value, gtk_actionable_get_action_name (GTK_ACTIONABLE (self->empty_button)));
      break;
    case PROP_MORE_LABEL:
      g_value_set_string (value, gtk_label_get_label (self->more_label));
      break;
    case PROP_LIST_LABEL:
      g_value_set_string (value, NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reservations_tab_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TurnosReservationsTab *self = TURNOS_RESERVATIONS_TAB (object);
  const char *text;

  switch (prop_id)
    {
    case PROP_SECTION:
      self->section = g_value_dup_object (value);
      break;
    case PROP_AT_CLINIC:
      self->at_clinic = g_value_get_boolean (value);
      break;
    case PROP_EMPTY_TITLE:
      adw_status_page_set_title (self->empty_status, g_value_get_string (value));
      break;
    case PROP_EMPTY_DESCRIPTION:
      adw_status_page_set_description (self->empty_status, g_value_get_string (value));
      break;
    case PROP_EMPTY_ICON_NAME:
      adw_status_page_set_icon_name (self->empty_status, g_value_get_string (value));
      break;
    case PROP_EMPTY_ACTION_LABEL:
      text = g_value_get_string (value);
      gtk_label_set_label (self->empty_button_label, text ? text : "");
      gtk_widget_set_visible (GTK_WIDGET (self->empty_button), text != NULL);
      break;
    case PROP_EMPTY_ACTION_NAME:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->empty_button), g_value_get_string (value));
      break;
    case PROP_MORE_LABEL:
      text = g_value_get_string (value);
      gtk_label_set_label (self->more_label, text ? text : "");
      break;
    case PROP_LIST_LABEL:
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      g_value_get_string (value), -1);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reservations_tab_class_init (TurnosReservationsTabClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->constructed = turnos_reservations_tab_constructed;
  object_class->dispose = turnos_reservations_tab_dispose;
  object_class->get_property = turnos_reservations_tab_get_property;
  object_class->set_property = turnos_reservations_tab_set_property;

  properties[PROP_SECTION] =
    g_param_spec_object ("section", NULL, NULL, TURNOS_TYPE_RESERVATION_SECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AT_CLINIC] = g_param_spec_boolean ("at-clinic", NULL, NULL, FALSE, rw);
  properties[PROP_EMPTY_TITLE] = g_param_spec_string ("empty-title", NULL, NULL, NULL, rw);
  properties[PROP_EMPTY_DESCRIPTION] = g_param_spec_string ("empty-description", NULL, NULL, NULL, rw);
  properties[PROP_EMPTY_ICON_NAME] = g_param_spec_string ("empty-icon-name", NULL, NULL, NULL, rw);
  properties[PROP_EMPTY_ACTION_LABEL] = g_param_spec_string ("empty-action-label", NULL, NULL, NULL, rw);
  properties[PROP_EMPTY_ACTION_NAME] = g_param_spec_string ("empty-action-name", NULL, NULL, NULL, rw);
  properties[PROP_MORE_LABEL] = g_param_spec_string ("more-label", NULL, NULL, NULL, rw);
  properties[PROP_LIST_LABEL] = g_param_spec_string ("list-label", NULL, NULL, NULL,
                                                     G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TURNOS_TYPE_RESERVATION_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-reservations-tab.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsTab, stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsTab, spinner);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsTab, empty_status);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsTab, empty_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsTab, empty_button_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsTab, error_status);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsTab, list_box);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsTab, more_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsTab, more_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsTab, more_spinner);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_reservations_tab_init (TurnosReservationsTab *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
turnos_reservations_tab_new (TurnosReservationSection *section)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_SECTION (section), NULL);
  return g_object_new (TURNOS_TYPE_RESERVATIONS_TAB, "section", section, NULL);
}
