/* turnos-reservation-item.c: a stored reservation as an item of a GListModel
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-error.h"
#include "turnos-reservation-item.h"
#include "turnos-slots.h"

struct _TurnosReservationItem
{
  GObject                 parent_instance;

  /* Owned references */
  TurnosReservation      *reservation;
  TurnosSettings         *settings;
  GDateTime              *cancel_until;
  GError                 *cancel_error;

  char                   *professional_name;
  TurnosReservationState  state;
  gboolean                can_cancel;
  gboolean                may_override;   /* the desk's and the admin's: past the notice too */
};

G_DEFINE_FINAL_TYPE (TurnosReservationItem, turnos_reservation_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RESERVATION,
  PROP_PROFESSIONAL_NAME,
  PROP_STATE,
  PROP_CAN_CANCEL,
  PROP_CANCEL_UNTIL,
  PROP_CANCEL_ERROR,
  PROP_CAN_PAY,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Helpers
 */

static gboolean
same_error (const GError *a,
            const GError *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->domain == b->domain && a->code == b->code;
}

static gboolean
same_time (GDateTime *a,
           GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_date_time_equal (a, b);
}

/*
 * GObject overrides
 */

static void
turnos_reservation_item_finalize (GObject *object)
{
  TurnosReservationItem *self = TURNOS_RESERVATION_ITEM (object);

  g_clear_pointer (&self->reservation, turnos_reservation_unref);
  g_clear_pointer (&self->settings, turnos_settings_unref);
  g_clear_pointer (&self->cancel_until, g_date_time_unref);
  g_clear_error (&self->cancel_error);
  g_free (self->professional_name);

  G_OBJECT_CLASS (turnos_reservation_item_parent_class)->finalize (object);
}

static void
turnos_reservation_item_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TurnosReservationItem *self = TURNOS_RESERVATION_ITEM (object);

  switch (prop_id)
    {
    case PROP_RESERVATION:
      g_value_set_boxed (value, self->reservation);
      break;
    case PROP_PROFESSIONAL_NAME:
      g_value_set_string (value, self->professional_name);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_CAN_CANCEL:
      g_value_set_boolean (value, self->can_cancel);
      break;
    case PROP_CANCEL_UNTIL:
      g_value_set_boxed (value, self->cancel_until);
      break;
    case PROP_CANCEL_ERROR:
      g_value_set_boxed (value, self->cancel_error);
      break;
    case PROP_CAN_PAY:
      g_value_set_boolean (value, turnos_reservation_item_get_can_pay (self));
      break;
    case PROP_SETTINGS:
      g_value_set_boxed (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reservation_item_class_init (TurnosReservationItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = turnos_reservation_item_finalize;
  object_class->get_property = turnos_reservation_item_get_property;

  properties[PROP_RESERVATION] =
    g_param_spec_boxed ("reservation", NULL, NULL, TURNOS_TYPE_RESERVATION, ro);
  properties[PROP_PROFESSIONAL_NAME] =
    g_param_spec_string ("professional-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TURNOS_TYPE_RESERVATION_STATE,
                       TURNOS_RESERVATION_CONFIRMED, ro);
  properties[PROP_CAN_CANCEL] = g_param_spec_boolean ("can-cancel", NULL, NULL, FALSE, ro);
  properties[PROP_CANCEL_UNTIL] =
    g_param_spec_boxed ("cancel-until", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_CANCEL_ERROR] = g_param_spec_boxed ("cancel-error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_CAN_PAY] = g_param_spec_boolean ("can-pay", NULL, NULL, FALSE, ro);
  properties[PROP_SETTINGS] = g_param_spec_boxed ("settings", NULL, NULL, TURNOS_TYPE_SETTINGS, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
turnos_reservation_item_init (TurnosReservationItem *self)
{
}

/*
 * Public API
 */

TurnosReservationState
turnos_reservation_state_at (const TurnosReservation *reservation,
                             GDateTime               *now)
{
  g_return_val_if_fail (reservation != NULL, TURNOS_RESERVATION_CANCELLED);

  switch (reservation->status)
    {
    case TURNOS_STATUS_CONFIRMED:
      return TURNOS_RESERVATION_CONFIRMED;
    case TURNOS_STATUS_PENDING:
      return turnos_reservation_is_live (reservation, now) ? TURNOS_RESERVATION_PENDING_PAYMENT
                                                           : TURNOS_RESERVATION_EXPIRED;
    case TURNOS_STATUS_CANCELLED:
    default:
      if (g_strcmp0 (reservation->cancel_reason, "expired") == 0)
        return TURNOS_RESERVATION_EXPIRED;
      if (g_strcmp0 (reservation->cancel_reason, "released") == 0)
        return TURNOS_RESERVATION_RELEASED;
      return TURNOS_RESERVATION_CANCELLED;
    }
}

TurnosReservationItem *
turnos_reservation_item_new (TurnosReservation *reservation,
                             const char        *professional_name,
                             TurnosSettings    *settings,
                             GDateTime         *now)
{
  TurnosReservationItem *self;

  g_return_val_if_fail (reservation != NULL && reservation->start != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (TURNOS_TYPE_RESERVATION_ITEM, NULL);
  self->professional_name = g_strdup (professional_name ? professional_name
                                                        : reservation->professional_id);
  turnos_reservation_item_update (self, reservation, settings, now);
  return self;
}

TurnosReservation *
turnos_reservation_item_get_reservation (TurnosReservationItem *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_ITEM (self), NULL);
  return self->reservation;
}

void
turnos_reservation_item_set_professional_name (TurnosReservationItem *self,
                                               const char            *professional_name)
{
  const char *name;

  g_return_if_fail (TURNOS_IS_RESERVATION_ITEM (self));

  name = professional_name != NULL ? professional_name : self->reservation->professional_id;
  if (g_strcmp0 (name, self->professional_name) == 0)
    return;
  g_free (self->professional_name);
  self->professional_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFESSIONAL_NAME]);
}

const char *
turnos_reservation_item_get_professional_name (TurnosReservationItem *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_ITEM (self), NULL);
  return self->professional_name;
}

TurnosReservationState
turnos_reservation_item_get_state (TurnosReservationItem *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_ITEM (self), TURNOS_RESERVATION_CANCELLED);
  return self->state;
}

gboolean
turnos_reservation_item_get_can_cancel (TurnosReservationItem *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_ITEM (self), FALSE);
  return self->can_cancel;
}

GDateTime *
turnos_reservation_item_get_cancel_until (TurnosReservationItem *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_ITEM (self), NULL);
  return self->cancel_until;
}

const GError *
turnos_reservation_item_get_cancel_error (TurnosReservationItem *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_ITEM (self), NULL);
  return self->cancel_error;
}

gboolean
turnos_reservation_item_get_can_pay (TurnosReservationItem *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_ITEM (self), FALSE);
  return self->state == TURNOS_RESERVATION_PENDING_PAYMENT && self->reservation->payment_id != NULL;
}

TurnosSettings *
turnos_reservation_item_get_settings (TurnosReservationItem *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_ITEM (self), NULL);
  return self->settings;
}

void
turnos_reservation_item_update (TurnosReservationItem *self,
                                TurnosReservation     *reservation,
                                TurnosSettings        *settings,
                                GDateTime             *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) until = NULL;
  TurnosReservationState state;
  gboolean can_pay_before;
  gboolean can_cancel;

  g_return_if_fail (TURNOS_IS_RESERVATION_ITEM (self));
  g_return_if_fail (reservation != NULL && reservation->start != NULL && now != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  can_pay_before = self->reservation != NULL && turnos_reservation_item_get_can_pay (self);
  if (self->reservation != reservation)
    {
      g_clear_pointer (&self->reservation, turnos_reservation_unref);
      self->reservation = turnos_reservation_ref (reservation);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESERVATION]);
    }
  if (self->settings != settings)
    {
      g_clear_pointer (&self->settings, turnos_settings_unref);
      self->settings = settings ? turnos_settings_ref (settings) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
    }

  state = turnos_reservation_state_at (reservation, now);
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  /* The rule is the server's own (core), so what is offered here is what it accepts. */
  if (state == TURNOS_RESERVATION_EXPIRED)
    {
      g_set_error_literal (&error, TURNOS_ERROR, TURNOS_ERROR_ALREADY_CANCELLED, "the hold lapsed");
      can_cancel = FALSE;
    }
  else if (settings != NULL)
    /* Past the notice: one's own unpaid hold, or the desk and the admin (who then give the
     * server a reason: DESIGN.md, "Who may do what"). */
    can_cancel = turnos_slots_check_cancel (settings, reservation, now,
                                            state == TURNOS_RESERVATION_PENDING_PAYMENT ||
                                            self->may_override, &error);
  else if (reservation->status == TURNOS_STATUS_CANCELLED)
    {
      g_set_error_literal (&error, TURNOS_ERROR, TURNOS_ERROR_ALREADY_CANCELLED, "cancelled");
      can_cancel = FALSE;
    }
  else if (g_date_time_compare (reservation->start, now) <= 0)
    {
      g_set_error_literal (&error, TURNOS_ERROR, TURNOS_ERROR_RESERVATION_PAST, "begun");
      can_cancel = FALSE;
    }
  else
    can_cancel = TRUE;
  if (self->can_cancel != can_cancel)
    {
      self->can_cancel = can_cancel;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CANCEL]);
    }
  if (!same_error (self->cancel_error, error))
    {
      g_clear_error (&self->cancel_error);
      self->cancel_error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANCEL_ERROR]);
    }

  if (settings != NULL && state == TURNOS_RESERVATION_CONFIRMED)
    {
      until = g_date_time_add_minutes (reservation->start, -settings->cancel_notice_minutes);
      if (g_date_time_compare (until, now) <= 0)
        g_clear_pointer (&until, g_date_time_unref);
    }
  if (!same_time (self->cancel_until, until))
    {
      g_clear_pointer (&self->cancel_until, g_date_time_unref);
      self->cancel_until = g_steal_pointer (&until);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CANCEL_UNTIL]);
    }

  if (can_pay_before != turnos_reservation_item_get_can_pay (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_PAY]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
turnos_reservation_item_set_may_override (TurnosReservationItem *self,
                                          gboolean               may_override)
{
  g_return_if_fail (TURNOS_IS_RESERVATION_ITEM (self));
  self->may_override = !!may_override;
}
