/* turnos-slot.c: one free time, an item of the booking controller's slot list
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-slot.h"

struct _TurnosSlot
{
  GObject    parent_instance;

  GDateTime *start;
  GDateTime *end;
};

G_DEFINE_FINAL_TYPE (TurnosSlot, turnos_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_START,
  PROP_END,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
turnos_slot_finalize (GObject *object)
{
  TurnosSlot *self = TURNOS_SLOT (object);

  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);

  G_OBJECT_CLASS (turnos_slot_parent_class)->finalize (object);
}

static void
turnos_slot_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TurnosSlot *self = TURNOS_SLOT (object);

  switch (prop_id)
    {
    case PROP_START:
      g_value_set_boxed (value, self->start);
      break;
    case PROP_END:
      g_value_set_boxed (value, self->end);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_slot_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TurnosSlot *self = TURNOS_SLOT (object);

  switch (prop_id)
    {
    case PROP_START:
      self->start = g_value_dup_boxed (value);
      break;
    case PROP_END:
      self->end = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_slot_class_init (TurnosSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = turnos_slot_finalize;
  object_class->get_property = turnos_slot_get_property;
  object_class->set_property = turnos_slot_set_property;

  properties[PROP_START] =
    g_param_spec_boxed ("start", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_END] =
    g_param_spec_boxed ("end", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
turnos_slot_init (TurnosSlot *self)
{
}

TurnosSlot *
turnos_slot_new (GDateTime *start,
                 GDateTime *end)
{
  g_return_val_if_fail (start != NULL && end != NULL, NULL);
  return g_object_new (TURNOS_TYPE_SLOT, "start", start, "end", end, NULL);
}

GDateTime *
turnos_slot_get_start (TurnosSlot *self)
{
  g_return_val_if_fail (TURNOS_IS_SLOT (self), NULL);
  return self->start;
}

GDateTime *
turnos_slot_get_end (TurnosSlot *self)
{
  g_return_val_if_fail (TURNOS_IS_SLOT (self), NULL);
  return self->end;
}
