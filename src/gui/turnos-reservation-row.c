/* turnos-reservation-row.c: one booked session in the "my reservations" list
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-format.h"
#include "turnos-reservation-row.h"

struct _TurnosReservationRow
{
  GtkWidget              parent_instance;

  /* Template widgets */
  GtkLabel              *when_label;
  GtkLabel              *who_label;
  GtkLabel              *status_label;
  GtkButton             *calendar_button;
  GtkButton             *cancel_button;

  /* Owned references */
  TurnosReservationItem *item;
};

G_DEFINE_FINAL_TYPE (TurnosReservationRow, turnos_reservation_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (TurnosReservationRow *self)
{
  TurnosReservation *r;
  g_autofree char *day = NULL;
  g_autofree char *range = NULL;
  g_autofree char *local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *who = NULL;
  const char *status;
  const char *classes[] = { "success", "warning", "dim-label" };

  if (self->item == NULL)
    return;
  r = turnos_reservation_item_get_reservation (self->item);
  day = turnos_format_day (r->start);
  range = turnos_format_time_range (r->start, r->end);
  local = turnos_format_local_range (r->start, r->end);
  /* Translators: a day, then a time range, e.g. "Monday 30 November 2026, 09:00 – 09:45" */
  when = g_strdup_printf (_("%s, %s"), day, range);
  if (local != NULL)
    {
      char *both = g_strdup_printf ("%s (%s)", when, local);

      g_free (when);
      when = both;
    }
  /* Translators: the professional, then the modality, e.g. "Dra. Ana Gómez · Virtual" */
  who = g_strdup_printf (_("%s · %s"), turnos_reservation_item_get_professional_name (self->item),
                         turnos_format_modality (r->modality));
  gtk_label_set_label (self->when_label, when);
  gtk_label_set_label (self->who_label, who);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
  switch (r->status)
    {
    case TURNOS_STATUS_CONFIRMED:
      status = _("Confirmed");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
      break;
    case TURNOS_STATUS_PENDING:
      status = _("Pending payment");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
      break;
    case TURNOS_STATUS_CANCELLED:
    default:
      status = _("Cancelled");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
      break;
    }
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_opacity (GTK_WIDGET (self->when_label), r->status == TURNOS_STATUS_CANCELLED ? 0.55 : 1);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button),
                          turnos_reservation_item_get_can_cancel (self->item));
  gtk_widget_set_visible (GTK_WIDGET (self->calendar_button), r->status != TURNOS_STATUS_CANCELLED);
  /* The target first: a parameterized action with no target yet would be refused. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->cancel_button), "s", r->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "reservations.cancel");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->calendar_button), "s", r->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->calendar_button), "reservations.add-to-calendar");
  {
    /* Translators: what a screen reader says for a row: when, who, status */
    g_autofree char *spoken = g_strdup_printf (_("%s, %s, %s"), when, who, status);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  }
}

static void
turnos_reservation_row_dispose (GObject *object)
{
  TurnosReservationRow *self = TURNOS_RESERVATION_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_RESERVATION_ROW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (turnos_reservation_row_parent_class)->dispose (object);
}

static void
turnos_reservation_row_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, TURNOS_RESERVATION_ROW (object)->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reservation_row_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      turnos_reservation_row_set_item (TURNOS_RESERVATION_ROW (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reservation_row_class_init (TurnosReservationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = turnos_reservation_row_dispose;
  object_class->get_property = turnos_reservation_row_get_property;
  object_class->set_property = turnos_reservation_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, TURNOS_TYPE_RESERVATION_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-reservation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationRow, when_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationRow, who_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationRow, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationRow, cancel_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_reservation_row_init (TurnosReservationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
turnos_reservation_row_set_item (TurnosReservationRow  *self,
                                 TurnosReservationItem *item)
{
  g_return_if_fail (TURNOS_IS_RESERVATION_ROW (self));

  if (self->item == item)
    return;
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_set_object (&self->item, item);
  if (item != NULL)
    g_signal_connect_object (item, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
