/* turnos-done-page.c: what was booked, and a way to book another
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include "turnos-booking-summary.h"
#include "turnos-done-page.h"

struct _TurnosDonePage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  TurnosBookingSummary *summary;
  GtkWidget            *again_button;

  /* Owned references */
  TurnosBooking        *booking;
};

G_DEFINE_FINAL_TYPE (TurnosDonePage, turnos_done_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
again_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  turnos_booking_start_over (TURNOS_DONE_PAGE (widget)->booking);
}

static void
turnos_done_page_constructed (GObject *object)
{
  TurnosDonePage *self = TURNOS_DONE_PAGE (object);

  G_OBJECT_CLASS (turnos_done_page_parent_class)->constructed (object);

  g_object_bind_property (self->booking, "booked", self->summary, "reservation", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->booking, "settings", self->summary, "settings", G_BINDING_SYNC_CREATE);
}

static void
turnos_done_page_dispose (GObject *object)
{
  TurnosDonePage *self = TURNOS_DONE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_DONE_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->booking);

  G_OBJECT_CLASS (turnos_done_page_parent_class)->dispose (object);
}

static void
turnos_done_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BOOKING:
      g_value_set_object (value, TURNOS_DONE_PAGE (object)->booking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_done_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_BOOKING:
      TURNOS_DONE_PAGE (object)->booking = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Arriving on the page puts the keyboard on what a person does next here. */
static gboolean
turnos_done_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (TURNOS_DONE_PAGE (widget)->again_button);
}

static void
turnos_done_page_class_init (TurnosDonePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->grab_focus = turnos_done_page_grab_focus;

  object_class->constructed = turnos_done_page_constructed;
  object_class->dispose = turnos_done_page_dispose;
  object_class->get_property = turnos_done_page_get_property;
  object_class->set_property = turnos_done_page_set_property;

  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL, TURNOS_TYPE_BOOKING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TURNOS_TYPE_BOOKING_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-done-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosDonePage, summary);
  gtk_widget_class_bind_template_child (widget_class, TurnosDonePage, again_button);
  gtk_widget_class_install_action (widget_class, "done.again", NULL, again_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_done_page_init (TurnosDonePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
turnos_done_page_new (TurnosBooking *booking)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (booking), NULL);
  return g_object_new (TURNOS_TYPE_DONE_PAGE, "booking", booking, NULL);
}
