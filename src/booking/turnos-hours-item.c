/* turnos-hours-item.c: one range of working hours on one weekday, as an item of a GListModel
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-hours-item.h"

#define DAY_MINUTES (24 * 60)

struct _TurnosHoursItem
{
  GObject            parent_instance;

  int                weekday;
  int                start_minute;
  int                end_minute;
  TurnosFieldProblem problem;
};

G_DEFINE_FINAL_TYPE (TurnosHoursItem, turnos_hours_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WEEKDAY,
  PROP_START_MINUTE,
  PROP_END_MINUTE,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * GObject overrides
 */

static void
turnos_hours_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TurnosHoursItem *self = TURNOS_HOURS_ITEM (object);

  switch (prop_id)
    {
    case PROP_WEEKDAY:
      g_value_set_int (value, self->weekday);
      break;
    case PROP_START_MINUTE:
      g_value_set_int (value, self->start_minute);
      break;
    case PROP_END_MINUTE:
      g_value_set_int (value, self->end_minute);
      break;
    case PROP_PROBLEM:
      g_value_set_enum (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_hours_item_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TurnosHoursItem *self = TURNOS_HOURS_ITEM (object);

  switch (prop_id)
    {
    case PROP_WEEKDAY:
      self->weekday = g_value_get_int (value);
      break;
    case PROP_START_MINUTE:
      turnos_hours_item_set_start_minute (self, g_value_get_int (value));
      break;
    case PROP_END_MINUTE:
      turnos_hours_item_set_end_minute (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_hours_item_class_init (TurnosHoursItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = turnos_hours_item_get_property;
  object_class->set_property = turnos_hours_item_set_property;

  properties[PROP_WEEKDAY] =
    g_param_spec_int ("weekday", NULL, NULL, 1, 7, 1,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Wide ranges: a spin button bound to them may pass through anything while typed. */
  properties[PROP_START_MINUTE] =
    g_param_spec_int ("start-minute", NULL, NULL, G_MININT, G_MAXINT, 9 * 60, rw);
  properties[PROP_END_MINUTE] =
    g_param_spec_int ("end-minute", NULL, NULL, G_MININT, G_MAXINT, 17 * 60, rw);
  properties[PROP_PROBLEM] =
    g_param_spec_enum ("problem", NULL, NULL, TURNOS_TYPE_FIELD_PROBLEM, TURNOS_FIELD_OK,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
turnos_hours_item_init (TurnosHoursItem *self)
{
  self->weekday = 1;
  self->start_minute = 9 * 60;
  self->end_minute = 17 * 60;
}

/*
 * Public API
 */

TurnosHoursItem *
turnos_hours_item_new (int weekday,
                       int start_minute,
                       int end_minute)
{
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, NULL);
  return g_object_new (TURNOS_TYPE_HOURS_ITEM, "weekday", weekday, "start-minute", start_minute,
                       "end-minute", end_minute, NULL);
}

int
turnos_hours_item_get_weekday (TurnosHoursItem *self)
{
  g_return_val_if_fail (TURNOS_IS_HOURS_ITEM (self), 0);
  return self->weekday;
}

int
turnos_hours_item_get_start_minute (TurnosHoursItem *self)
{
  g_return_val_if_fail (TURNOS_IS_HOURS_ITEM (self), 0);
  return self->start_minute;
}

void
turnos_hours_item_set_start_minute (TurnosHoursItem *self,
                                    int              minute)
{
  g_return_if_fail (TURNOS_IS_HOURS_ITEM (self));

  minute = CLAMP (minute, 0, DAY_MINUTES);
  if (self->start_minute == minute)
    return;
  self->start_minute = minute;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_MINUTE]);
}

int
turnos_hours_item_get_end_minute (TurnosHoursItem *self)
{
  g_return_val_if_fail (TURNOS_IS_HOURS_ITEM (self), 0);
  return self->end_minute;
}

void
turnos_hours_item_set_end_minute (TurnosHoursItem *self,
                                  int              minute)
{
  g_return_if_fail (TURNOS_IS_HOURS_ITEM (self));

  minute = CLAMP (minute, 0, DAY_MINUTES);
  if (self->end_minute == minute)
    return;
  self->end_minute = minute;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END_MINUTE]);
}

TurnosFieldProblem
turnos_hours_item_get_problem (TurnosHoursItem *self)
{
  g_return_val_if_fail (TURNOS_IS_HOURS_ITEM (self), TURNOS_FIELD_OK);
  return self->problem;
}

void
_turnos_hours_item_set_problem (TurnosHoursItem    *self,
                                TurnosFieldProblem  problem)
{
  g_return_if_fail (TURNOS_IS_HOURS_ITEM (self));

  if (self->problem == problem)
    return;
  self->problem = problem;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}
