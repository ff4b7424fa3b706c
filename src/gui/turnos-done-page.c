/* turnos-done-page.c: what was booked, and a way to book another
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-booking-summary.h"
#include "turnos-calendar-export.h"
#include "turnos-done-page.h"

struct _TurnosDonePage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  TurnosBookingSummary *summary;
  GtkWidget            *again_button;
  GtkLabel             *saved_label;
  GtkLabel             *news_description;
  GtkLabel             *news_title;

  /* Owned references */
  TurnosBooking        *booking;
  GCancellable         *cancellable;   /* Add to Calendar's, until disposed */
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
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TurnosDonePage) self = user_data;
  g_autofree char *text = turnos_calendar_export_finish (result);

  if (text == NULL)
    return;
  gtk_label_set_label (self->saved_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->saved_label), TRUE);
}

/* The same as My Reservations' Add to Calendar (turnos-calendar-export.h): the event opens in
 * the calendar app, and nothing is asked. */
static void
add_to_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TurnosDonePage *self = TURNOS_DONE_PAGE (widget);
  TurnosReservation *r = turnos_booking_get_booked (self->booking);
  TurnosSettings *s = turnos_booking_get_settings (self->booking);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *title = NULL;

  if (r == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->saved_label), FALSE);
  /* Translators: the calendar event's title; %s is the professional */
  title = g_strdup_printf (_("Session with %s"),
                           s && s->display_name ? s->display_name : r->professional_id);
  turnos_calendar_export_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, r, title,
                                self->cancellable, exported_cb, g_object_ref (self));
}

static void
on_booked_cb (TurnosDonePage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->saved_label), FALSE);
  /* A session moved (turnos_booking_reschedule()) is not a new one. */
  gtk_label_set_label (self->news_title, turnos_booking_get_rescheduling (self->booking) != NULL
                                         ? _("Your Session Is Moved") : _("Your Session Is Booked"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "done.add-to-calendar",
                                 turnos_booking_get_booked (self->booking) != NULL);
}

static void
turnos_done_page_constructed (GObject *object)
{
  TurnosDonePage *self = TURNOS_DONE_PAGE (object);

  G_OBJECT_CLASS (turnos_done_page_parent_class)->constructed (object);

  g_object_bind_property (self->booking, "booked", self->summary, "reservation", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->booking, "settings", self->summary, "settings", G_BINDING_SYNC_CREATE);
  {
    g_autoptr(TurnosPatientNames) patients = turnos_patient_names_new (turnos_booking_get_client (self->booking));

    turnos_booking_summary_set_patients (self->summary, patients);
  }
  g_signal_connect_object (self->booking, "notify::booked", G_CALLBACK (on_booked_cb), self,
                           G_CONNECT_SWAPPED);
  on_booked_cb (self);
}

static void
turnos_done_page_dispose (GObject *object)
{
  TurnosDonePage *self = TURNOS_DONE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_DONE_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
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

static void
turnos_done_page_class_init (TurnosDonePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

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
  gtk_widget_class_bind_template_child (widget_class, TurnosDonePage, saved_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosDonePage, news_description);
  gtk_widget_class_bind_template_child (widget_class, TurnosDonePage, news_title);
  gtk_widget_class_install_action (widget_class, "done.again", NULL, again_action);
  gtk_widget_class_install_action (widget_class, "done.add-to-calendar", NULL, add_to_calendar_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_done_page_init (TurnosDonePage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
turnos_done_page_new (TurnosBooking *booking)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (booking), NULL);
  return g_object_new (TURNOS_TYPE_DONE_PAGE, "booking", booking, NULL);
}

void
turnos_done_page_focus_default (TurnosDonePage *self)
{
  g_return_if_fail (TURNOS_IS_DONE_PAGE (self));
  gtk_widget_grab_focus (self->again_button);
}
