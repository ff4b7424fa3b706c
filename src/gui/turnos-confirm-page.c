/* turnos-confirm-page.c: check what will be booked, then confirm
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include "turnos-booking-summary.h"
#include "turnos-confirm-page.h"
#include "turnos-reschedule-bar.h"

struct _TurnosConfirmPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  TurnosBookingSummary *summary;
  TurnosRescheduleBar  *reschedule_bar;
  GtkButton            *confirm_button;
  GtkButton            *check_button;
  GtkWidget            *unknown_box;
  GtkLabel             *unknown_title;
  GtkSpinner           *spinner;
  GtkStack             *confirm_stack;   /* the button's label, or the spinner while busy */

  /* Owned references */
  TurnosBooking        *booking;
};

G_DEFINE_FINAL_TYPE (TurnosConfirmPage, turnos_confirm_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (TurnosConfirmPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "confirm.confirm",
                                 !turnos_booking_get_busy (self->booking));
}

/* A timeout is not a failure: it may have booked. The page says so and offers to ask again,
 * which the draft's Idempotency-Key makes safe. */
static void
update_unknown (TurnosConfirmPage *self)
{
  gboolean unknown = turnos_booking_get_outcome_unknown (self->booking);
  gboolean had_focus = gtk_widget_has_focus (GTK_WIDGET (unknown ? self->confirm_button : self->check_button));

  gtk_widget_set_visible (self->unknown_box, unknown);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_button), !unknown);
  if (unknown)
    /* GTK 4.8 cannot announce: the button a screen reader lands on carries the news. */
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->check_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    gtk_label_get_label (self->unknown_title), -1);
  if (had_focus || unknown)
    gtk_widget_grab_focus (GTK_WIDGET (unknown ? self->check_button : self->confirm_button));
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  turnos_booking_confirm (TURNOS_CONFIRM_PAGE (widget)->booking);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  turnos_booking_back (TURNOS_CONFIRM_PAGE (widget)->booking);
}

static gboolean
busy_to_page (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  g_value_set_static_string (to, g_value_get_boolean (from) ? "spinner" : "label");
  return TRUE;
}

static void
turnos_confirm_page_constructed (GObject *object)
{
  TurnosConfirmPage *self = TURNOS_CONFIRM_PAGE (object);

  G_OBJECT_CLASS (turnos_confirm_page_parent_class)->constructed (object);

  g_object_bind_property (self->booking, "draft", self->summary, "reservation", G_BINDING_SYNC_CREATE);
  turnos_reschedule_bar_set_booking (self->reschedule_bar, self->booking);
  g_object_bind_property (self->booking, "settings", self->summary, "settings", G_BINDING_SYNC_CREATE);
  {
    g_autoptr(TurnosPatientNames) patients = turnos_patient_names_new (turnos_booking_get_client (self->booking));

    turnos_booking_summary_set_patients (self->summary, patients);
  }
  g_object_bind_property (self->booking, "busy", self->spinner, "spinning", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (self->booking, "busy", self->confirm_stack, "visible-child-name",
                               G_BINDING_SYNC_CREATE, busy_to_page, NULL, NULL, NULL);
  g_signal_connect_object (self->booking, "notify::busy", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::outcome-unknown", G_CALLBACK (update_unknown),
                           self, G_CONNECT_SWAPPED);
  update_actions (self);
  update_unknown (self);
}

static void
turnos_confirm_page_dispose (GObject *object)
{
  TurnosConfirmPage *self = TURNOS_CONFIRM_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_CONFIRM_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->booking);

  G_OBJECT_CLASS (turnos_confirm_page_parent_class)->dispose (object);
}

static void
turnos_confirm_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BOOKING:
      g_value_set_object (value, TURNOS_CONFIRM_PAGE (object)->booking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_confirm_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_BOOKING:
      TURNOS_CONFIRM_PAGE (object)->booking = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_confirm_page_class_init (TurnosConfirmPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = turnos_confirm_page_constructed;
  object_class->dispose = turnos_confirm_page_dispose;
  object_class->get_property = turnos_confirm_page_get_property;
  object_class->set_property = turnos_confirm_page_set_property;

  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL, TURNOS_TYPE_BOOKING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TURNOS_TYPE_BOOKING_SUMMARY);
  g_type_ensure (TURNOS_TYPE_RESCHEDULE_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-confirm-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosConfirmPage, summary);
  gtk_widget_class_bind_template_child (widget_class, TurnosConfirmPage, reschedule_bar);
  gtk_widget_class_bind_template_child (widget_class, TurnosConfirmPage, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosConfirmPage, check_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosConfirmPage, unknown_box);
  gtk_widget_class_bind_template_child (widget_class, TurnosConfirmPage, unknown_title);
  gtk_widget_class_bind_template_child (widget_class, TurnosConfirmPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TurnosConfirmPage, confirm_stack);
  gtk_widget_class_install_action (widget_class, "confirm.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "confirm.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "confirm.back", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_confirm_page_init (TurnosConfirmPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
turnos_confirm_page_new (TurnosBooking *booking)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (booking), NULL);
  return g_object_new (TURNOS_TYPE_CONFIRM_PAGE, "booking", booking, NULL);
}

void
turnos_confirm_page_focus_default (TurnosConfirmPage *self)
{
  g_return_if_fail (TURNOS_IS_CONFIRM_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (turnos_booking_get_outcome_unknown (self->booking)
                                     ? self->check_button : self->confirm_button));
}
