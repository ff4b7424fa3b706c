/* turnos-reservation-item.c: a stored reservation as an item of a GListModel
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-reservation-item.h"

struct _TurnosReservationItem
{
  GObject            parent_instance;

  TurnosReservation *reservation;
  char              *professional_name;
  gboolean           can_cancel;
};

G_DEFINE_FINAL_TYPE (TurnosReservationItem, turnos_reservation_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RESERVATION,
  PROP_PROFESSIONAL_NAME,
  PROP_CAN_CANCEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
turnos_reservation_item_finalize (GObject *object)
{
  TurnosReservationItem *self = TURNOS_RESERVATION_ITEM (object);

  g_clear_pointer (&self->reservation, turnos_reservation_unref);
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
    case PROP_CAN_CANCEL:
      g_value_set_boolean (value, self->can_cancel);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reservation_item_class_init (TurnosReservationItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = turnos_reservation_item_finalize;
  object_class->get_property = turnos_reservation_item_get_property;

  properties[PROP_RESERVATION] =
    g_param_spec_boxed ("reservation", NULL, NULL, TURNOS_TYPE_RESERVATION,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFESSIONAL_NAME] =
    g_param_spec_string ("professional-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_CANCEL] =
    g_param_spec_boolean ("can-cancel", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
turnos_reservation_item_init (TurnosReservationItem *self)
{
}

TurnosReservationItem *
turnos_reservation_item_new (TurnosReservation *reservation,
                             const char        *professional_name,
                             GDateTime         *now)
{
  TurnosReservationItem *self = g_object_new (TURNOS_TYPE_RESERVATION_ITEM, NULL);

  self->professional_name = g_strdup (professional_name ? professional_name
                                                        : reservation->professional_id);
  turnos_reservation_item_update (self, reservation, now);
  return self;
}

TurnosReservation *
turnos_reservation_item_get_reservation (TurnosReservationItem *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_ITEM (self), NULL);
  return self->reservation;
}

const char *
turnos_reservation_item_get_professional_name (TurnosReservationItem *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_ITEM (self), NULL);
  return self->professional_name;
}

gboolean
turnos_reservation_item_get_can_cancel (TurnosReservationItem *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_ITEM (self), FALSE);
  return self->can_cancel;
}

void
turnos_reservation_item_update (TurnosReservationItem *self,
                                TurnosReservation     *reservation,
                                GDateTime             *now)
{
  gboolean can_cancel;

  g_return_if_fail (TURNOS_IS_RESERVATION_ITEM (self));
  g_return_if_fail (reservation != NULL && reservation->start != NULL);

  if (self->reservation != reservation)
    {
      g_clear_pointer (&self->reservation, turnos_reservation_unref);
      self->reservation = turnos_reservation_ref (reservation);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESERVATION]);
    }
  /* The server has the last word (cancel notice); this only hides what can never be done. */
  can_cancel = reservation->status != TURNOS_STATUS_CANCELLED &&
               g_date_time_compare (reservation->start, now) > 0;
  if (self->can_cancel != can_cancel)
    {
      self->can_cancel = can_cancel;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CANCEL]);
    }
}
