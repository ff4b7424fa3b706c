/* turnos-reschedule-bar.c: which session the booking page is moving
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-format.h"
#include "turnos-reschedule-bar.h"

struct _TurnosRescheduleBar
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkLabel      *text_label;
  GtkButton     *stop_button;

  /* Owned references */
  TurnosBooking *booking;
  char          *text;
};

G_DEFINE_FINAL_TYPE (TurnosRescheduleBar, turnos_reschedule_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Helpers
 */

static void
update (TurnosRescheduleBar *self)
{
  TurnosReservation *old = self->booking ? turnos_booking_get_rescheduling (self->booking) : NULL;
  g_autofree char *day = NULL;
  g_autofree char *range = NULL;

  g_clear_pointer (&self->text, g_free);
  if (old != NULL && old->start != NULL && old->end != NULL)
    {
      day = turnos_format_day (old->start);
      range = turnos_format_time_range (old->start, old->end);
      /* Translators: above the free times while moving a session: its day and time now,
       * "Moving the session of Thursday 3 December 2026, 18:00 – 18:45. Pick its new time." */
      self->text = g_strdup_printf (_("Moving the session of %s, %s. Pick its new time."), day, range);
    }
  gtk_label_set_label (self->text_label, self->text ? self->text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text ? self->text : "", -1);
  gtk_widget_set_visible (GTK_WIDGET (self), self->text != NULL);
}

/*
 * Actions
 */

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TurnosRescheduleBar *self = TURNOS_RESCHEDULE_BAR (widget);

  if (self->booking != NULL)
    turnos_booking_stop_rescheduling (self->booking);
}

/*
 * GObject overrides
 */

static void
turnos_reschedule_bar_dispose (GObject *object)
{
  TurnosRescheduleBar *self = TURNOS_RESCHEDULE_BAR (object);

  turnos_reschedule_bar_set_booking (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_RESCHEDULE_BAR);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (turnos_reschedule_bar_parent_class)->dispose (object);
}

static void
turnos_reschedule_bar_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TurnosRescheduleBar *self = TURNOS_RESCHEDULE_BAR (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      g_value_set_object (value, self->booking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reschedule_bar_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TurnosRescheduleBar *self = TURNOS_RESCHEDULE_BAR (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      turnos_reschedule_bar_set_booking (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reschedule_bar_class_init (TurnosRescheduleBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = turnos_reschedule_bar_dispose;
  object_class->get_property = turnos_reschedule_bar_get_property;
  object_class->set_property = turnos_reschedule_bar_set_property;

  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL, TURNOS_TYPE_BOOKING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-reschedule-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosRescheduleBar, text_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosRescheduleBar, stop_button);
  gtk_widget_class_install_action (widget_class, "reschedule.stop", NULL, stop_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_reschedule_bar_init (TurnosRescheduleBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
turnos_reschedule_bar_new (TurnosBooking *booking)
{
  g_return_val_if_fail (booking == NULL || TURNOS_IS_BOOKING (booking), NULL);
  return g_object_new (TURNOS_TYPE_RESCHEDULE_BAR, "booking", booking, NULL);
}

void
turnos_reschedule_bar_set_booking (TurnosRescheduleBar *self,
                                   TurnosBooking       *booking)
{
  g_return_if_fail (TURNOS_IS_RESCHEDULE_BAR (self));
  g_return_if_fail (booking == NULL || TURNOS_IS_BOOKING (booking));

  if (self->booking == booking)
    return;
  if (self->booking != NULL)
    g_signal_handlers_disconnect_by_data (self->booking, self);
  g_set_object (&self->booking, booking);
  if (booking != NULL)
    g_signal_connect_object (booking, "notify::rescheduling", G_CALLBACK (update), self,
                             G_CONNECT_SWAPPED);
  if (self->text_label != NULL)
    update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKING]);
}

const char *
turnos_reschedule_bar_get_text (TurnosRescheduleBar *self)
{
  g_return_val_if_fail (TURNOS_IS_RESCHEDULE_BAR (self), NULL);
  return self->text;
}
