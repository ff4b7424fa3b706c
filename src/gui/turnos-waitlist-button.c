/* turnos-waitlist-button.c: "Tell me if a time frees up" on a day with no free time
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-format.h"
#include "turnos-waitlist-button.h"

struct _TurnosWaitlistButton
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkButton     *join_button;
  GtkLabel      *join_label;
  GtkLabel      *status_label;

  /* Owned references */
  TurnosBooking *booking;
  TurnosWaiting *waiting;
  char          *status;

  gboolean       pending;   /* a join is in flight */
};

G_DEFINE_FINAL_TYPE (TurnosWaitlistButton, turnos_waitlist_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Helpers
 */

static gboolean
for_desk (TurnosWaitlistButton *self)
{
  return self->booking != NULL && turnos_booking_get_patient_required (self->booking);
}

static const char *
patient_of (TurnosWaitlistButton *self)
{
  const char *id = self->booking ? turnos_booking_get_client_id (self->booking) : NULL;

  return id != NULL && *id != '\0' ? id : NULL;
}

static void
set_status (TurnosWaitlistButton *self,
            const char           *text)
{
  g_free (self->status);
  self->status = g_strdup (text ? text : "");
  gtk_label_set_label (self->status_label, self->status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), *self->status != '\0');
  /* GTK 4.8 has no announcement call: the button's description changes, and is read. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->join_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->status, -1);
}

static void
update (TurnosWaitlistButton *self)
{
  gboolean desk = for_desk (self);
  const char *label = desk ? _("_Add to Waitlist") : _("_Tell Me If a Time Frees Up");
  const char *spoken = desk ? _("Add the patient to this day’s waitlist")
                            : _("Tell me if a time frees up on this day");
  gboolean can = self->booking != NULL && !self->pending && patient_of (self) != NULL &&
                 turnos_booking_get_professional_id (self->booking) != NULL &&
                 turnos_booking_get_date (self->booking) != NULL;

  gtk_label_set_label (self->join_label, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->join_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "waitlist.join", can);
  if (desk && patient_of (self) == NULL && (self->status == NULL || *self->status == '\0'))
    {
      gtk_label_set_label (self->status_label, _("Choose the patient first."));
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
    }
  else if (self->status == NULL || *self->status == '\0')
    gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
}

/* Another day, professional or patient: what was said is about the old one. */
static void
on_choice_changed_cb (TurnosWaitlistButton *self)
{
  set_status (self, NULL);
  update (self);
}

/*
 * Callbacks
 */

static void
on_joined_cb (TurnosWaitlistButton *self,
              TurnosWaitlistEntry  *entry)
{
  self->pending = FALSE;
  set_status (self, for_desk (self)
                    ? _("Added to the waitlist. The patient is told when a time frees up on this day.")
                    : _("You are on the waitlist. You will be told when a time frees up on this day."));
  update (self);
}

static void
on_failed_cb (TurnosWaitlistButton *self,
              const GError         *error)
{
  g_autofree char *text = turnos_format_error (error);

  self->pending = FALSE;
  set_status (self, text);
  update (self);
}

/*
 * Actions
 */

static void
join_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TurnosWaitlistButton *self = TURNOS_WAITLIST_BUTTON (widget);

  if (self->booking == NULL || self->pending || patient_of (self) == NULL ||
      turnos_booking_get_date (self->booking) == NULL)
    return;
  self->pending = TRUE;
  set_status (self, NULL);
  update (self);
  turnos_waiting_join (self->waiting, turnos_booking_get_professional_id (self->booking),
                       turnos_booking_get_date (self->booking), patient_of (self));
}

/*
 * GObject overrides
 */

static void
turnos_waitlist_button_dispose (GObject *object)
{
  TurnosWaitlistButton *self = TURNOS_WAITLIST_BUTTON (object);

  turnos_waitlist_button_set_booking (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_WAITLIST_BUTTON);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (turnos_waitlist_button_parent_class)->dispose (object);
}

static void
turnos_waitlist_button_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TurnosWaitlistButton *self = TURNOS_WAITLIST_BUTTON (object);

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
turnos_waitlist_button_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TurnosWaitlistButton *self = TURNOS_WAITLIST_BUTTON (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      turnos_waitlist_button_set_booking (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_waitlist_button_class_init (TurnosWaitlistButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = turnos_waitlist_button_dispose;
  object_class->get_property = turnos_waitlist_button_get_property;
  object_class->set_property = turnos_waitlist_button_set_property;

  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL, TURNOS_TYPE_BOOKING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-waitlist-button.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosWaitlistButton, join_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosWaitlistButton, join_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosWaitlistButton, status_label);
  gtk_widget_class_install_action (widget_class, "waitlist.join", NULL, join_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_waitlist_button_init (TurnosWaitlistButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->status = g_strdup ("");
  update (self);
}

/*
 * Public API
 */

GtkWidget *
turnos_waitlist_button_new (TurnosBooking *booking)
{
  g_return_val_if_fail (booking == NULL || TURNOS_IS_BOOKING (booking), NULL);
  return g_object_new (TURNOS_TYPE_WAITLIST_BUTTON, "booking", booking, NULL);
}

void
turnos_waitlist_button_set_booking (TurnosWaitlistButton *self,
                                    TurnosBooking        *booking)
{
  const char *follow[] = { "notify::date", "notify::professional-id", "notify::client-id",
                           "notify::patient-required" };

  g_return_if_fail (TURNOS_IS_WAITLIST_BUTTON (self));
  g_return_if_fail (booking == NULL || TURNOS_IS_BOOKING (booking));

  if (self->booking == booking)
    return;
  if (self->booking != NULL)
    g_signal_handlers_disconnect_by_data (self->booking, self);
  if (self->waiting != NULL)
    g_signal_handlers_disconnect_by_data (self->waiting, self);
  g_clear_object (&self->waiting);
  g_set_object (&self->booking, booking);
  self->pending = FALSE;
  if (booking != NULL)
    {
      self->waiting = turnos_waiting_new (turnos_booking_get_client (booking));
      g_signal_connect_object (self->waiting, "joined", G_CALLBACK (on_joined_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->waiting, "failed", G_CALLBACK (on_failed_cb), self,
                               G_CONNECT_SWAPPED);
      for (guint i = 0; i < G_N_ELEMENTS (follow); i++)
        g_signal_connect_object (booking, follow[i], G_CALLBACK (on_choice_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  if (self->join_label != NULL)
    on_choice_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKING]);
}

TurnosWaiting *
turnos_waitlist_button_get_waiting (TurnosWaitlistButton *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITLIST_BUTTON (self), NULL);
  return self->waiting;
}

const char *
turnos_waitlist_button_get_status (TurnosWaitlistButton *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITLIST_BUTTON (self), NULL);
  return self->status;
}
