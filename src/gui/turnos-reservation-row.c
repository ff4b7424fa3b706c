/* turnos-reservation-row.c: one booked session in the "my reservations" list
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-error.h"
#include "turnos-format.h"
#include "turnos-reservation-row.h"

struct _TurnosReservationRow
{
  GtkWidget              parent_instance;

  /* Template widgets */
  GtkLabel              *when_label;
  GtkLabel              *who_label;
  GtkLabel              *status_label;
  GtkLabel              *policy_label;
  GtkButton             *calendar_button;
  GtkButton             *cancel_button;
  GtkLabel              *cancel_label;
  GtkButton             *pay_button;

  /* Owned references */
  TurnosReservationItem *item;

  gboolean               at_clinic;
};

G_DEFINE_FINAL_TYPE (TurnosReservationRow, turnos_reservation_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_AT_CLINIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Helpers
 */

/* "24 hours", "90 minutes": a professional's cancel notice. */
static char *
notice_words (int minutes)
{
  if (minutes > 0 && minutes % 60 == 0)
    /* Translators: a cancel notice, "24 hours" */
    return g_strdup_printf (ngettext ("%d hour", "%d hours", minutes / 60), minutes / 60);
  /* Translators: a cancel notice, "90 minutes" */
  return g_strdup_printf (ngettext ("%d minute", "%d minutes", minutes), minutes);
}

/* What the policy line says about cancelling, or NULL. */
static char *
policy_text (TurnosReservationRow *self)
{
  TurnosReservation *r = turnos_reservation_item_get_reservation (self->item);
  TurnosSettings *settings = turnos_reservation_item_get_settings (self->item);
  GDateTime *until = turnos_reservation_item_get_cancel_until (self->item);
  const GError *refusal = turnos_reservation_item_get_cancel_error (self->item);

  switch (turnos_reservation_item_get_state (self->item))
    {
    case TURNOS_RESERVATION_PENDING_PAYMENT:
      if (r->hold_expires_at != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (r->hold_expires_at);
          g_autofree char *time = g_date_time_format (local, "%H:%M");

          /* Translators: %s is a time of day, "10:15" */
          return g_strdup_printf (_("Held for you until %s. Pay the deposit to book it."), time);
        }
      return g_strdup (_("Held for you while you pay the deposit."));
    case TURNOS_RESERVATION_EXPIRED:
      return g_strdup (_("The time to pay ran out, so the time was given back."));
    case TURNOS_RESERVATION_RELEASED:
      return g_strdup (_("The held time was given back before it was paid."));
    case TURNOS_RESERVATION_CANCELLED:
      return NULL;
    case TURNOS_RESERVATION_CONFIRMED:
    default:
      break;
    }

  if (until != NULL)
    {
      g_autofree char *when = turnos_reservation_row_format_deadline (until);

      /* Translators: %s is a day and time, "Sun 29 Nov, 09:00" */
      return g_strdup_printf (_("Free cancellation until %s"), when);
    }
  if (g_error_matches (refusal, TURNOS_ERROR, TURNOS_ERROR_TOO_LATE_TO_CANCEL) && settings != NULL)
    {
      g_autofree char *notice = notice_words (settings->cancel_notice_minutes);

      if (self->at_clinic)
        /* Translators: %s is a cancel notice, "24 hours"; shown at the clinic's own desk */
        return g_strdup_printf (_("Cancelling closed %s before the start."), notice);
      /* Translators: %s is a cancel notice, "24 hours" */
      return g_strdup_printf (_("Cancelling here closed %s before the start. To cancel now, call the clinic."),
                              notice);
    }
  return NULL;
}

static void
update (TurnosReservationRow *self)
{
  TurnosReservation *r;
  TurnosReservationState state;
  g_autofree char *day = NULL;
  g_autofree char *range = NULL;
  g_autofree char *local = NULL;
  g_autofree char *when = NULL;
  g_autofree char *who = NULL;
  g_autofree char *policy = NULL;
  g_autofree char *spoken = NULL;
  const char *status;
  const char *style;
  const char *classes[] = { "success", "warning", "dim-label" };
  gboolean over;

  if (self->item == NULL)
    return;
  r = turnos_reservation_item_get_reservation (self->item);
  state = turnos_reservation_item_get_state (self->item);
  over = state == TURNOS_RESERVATION_CANCELLED || state == TURNOS_RESERVATION_EXPIRED ||
         state == TURNOS_RESERVATION_RELEASED;
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

  switch (state)
    {
    case TURNOS_RESERVATION_CONFIRMED:
      /* Translators: a booking's state */
      status = C_("booking", "Confirmed");
      style = "success";
      break;
    case TURNOS_RESERVATION_PENDING_PAYMENT:
      status = _("Pending payment");
      style = "warning";
      break;
    case TURNOS_RESERVATION_EXPIRED:
      /* Translators: a booking's state: the time to pay its deposit ran out */
      status = C_("booking", "Expired");
      style = "dim-label";
      break;
    case TURNOS_RESERVATION_RELEASED:
      /* Translators: a booking's state: its held time was given back before it was paid */
      status = C_("booking", "Released");
      style = "dim-label";
      break;
    case TURNOS_RESERVATION_CANCELLED:
    default:
      /* Translators: a booking's state */
      status = C_("booking", "Cancelled");
      style = "dim-label";
      break;
    }
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), style);
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_opacity (GTK_WIDGET (self->when_label), over ? 0.55 : 1);

  policy = policy_text (self);
  gtk_label_set_label (self->policy_label, policy ? policy : "");
  gtk_widget_set_visible (GTK_WIDGET (self->policy_label), policy != NULL);

  /* The targets first: a parameterized action with no target yet would be refused. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->cancel_button), "s", r->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "reservations.cancel");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->calendar_button), "s", r->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->calendar_button), "reservations.add-to-calendar");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->pay_button), "s", r->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->pay_button), "reservations.pay");

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), turnos_reservation_item_get_can_cancel (self->item));
  gtk_widget_set_visible (GTK_WIDGET (self->pay_button), turnos_reservation_item_get_can_pay (self->item));
  if (state == TURNOS_RESERVATION_PENDING_PAYMENT)
    {
      gtk_label_set_label (self->cancel_label, _("_Release Time…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Give back this held time"), -1);
    }
  else
    {
      gtk_label_set_label (self->cancel_label, _("_Cancel…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Cancel this session"), -1);
    }
  /* A cancelled session keeps its calendar file: importing it cancels the event. */
  gtk_widget_set_visible (GTK_WIDGET (self->calendar_button), state != TURNOS_RESERVATION_PENDING_PAYMENT);
  {
    const char *label = over ? _("Update Your Calendar") : _("Add to Calendar");

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->calendar_button), label);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    label, -1);
  }

  if (policy != NULL)
    /* Translators: what a screen reader says for a row: when, who, status, the cancel rule */
    spoken = g_strdup_printf (_("%s, %s, %s. %s"), when, who, status, policy);
  else
    /* Translators: what a screen reader says for a row: when, who, status */
    spoken = g_strdup_printf (_("%s, %s, %s"), when, who, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

/*
 * GObject overrides
 */

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
  TurnosReservationRow *self = TURNOS_RESERVATION_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_AT_CLINIC:
      g_value_set_boolean (value, self->at_clinic);
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
  TurnosReservationRow *self = TURNOS_RESERVATION_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      turnos_reservation_row_set_item (self, g_value_get_object (value));
      break;
    case PROP_AT_CLINIC:
      turnos_reservation_row_set_at_clinic (self, g_value_get_boolean (value));
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
  properties[PROP_AT_CLINIC] =
    g_param_spec_boolean ("at-clinic", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-reservation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationRow, when_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationRow, who_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationRow, policy_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationRow, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationRow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationRow, cancel_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationRow, pay_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
turnos_reservation_row_init (TurnosReservationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

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

void
turnos_reservation_row_set_at_clinic (TurnosReservationRow *self,
                                      gboolean              at_clinic)
{
  g_return_if_fail (TURNOS_IS_RESERVATION_ROW (self));

  at_clinic = !!at_clinic;
  if (self->at_clinic == at_clinic)
    return;
  self->at_clinic = at_clinic;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AT_CLINIC]);
}

char *
turnos_reservation_row_format_deadline (GDateTime *dt)
{
  g_return_val_if_fail (dt != NULL, NULL);

  /* Translators: a strftime format for a short day and a time, "Sun 29 Nov, 09:00" */
  return g_date_time_format (dt, _("%a %-d %b, %H:%M"));
}
