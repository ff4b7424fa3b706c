/* turnos-hours-item.h: one range of working hours on one weekday, as an item of a GListModel
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "turnos-admin-enums.h"
#include "turnos-admin-types.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_HOURS_ITEM (turnos_hours_item_get_type ())
G_DECLARE_FINAL_TYPE (TurnosHoursItem, turnos_hours_item, TURNOS, HOURS_ITEM, GObject)

/**
 * TurnosHoursItem:
 *
 * Properties (notify only on change):
 * - "weekday" (int, construct-only): ISO 8601, 1 = Monday … 7 = Sunday
 * - "start-minute", "end-minute" (int, rw): minutes after midnight, 0 to 1440 ("24:00");
 *   a value outside is clamped
 * - "problem" (TurnosFieldProblem, ro): set by the settings editor that holds it
 */
TurnosHoursItem    *turnos_hours_item_new              (int              weekday,
                                                        int              start_minute,
                                                        int              end_minute);
int                 turnos_hours_item_get_weekday      (TurnosHoursItem *self);
int                 turnos_hours_item_get_start_minute (TurnosHoursItem *self);
void                turnos_hours_item_set_start_minute (TurnosHoursItem *self,
                                                        int              minute);
int                 turnos_hours_item_get_end_minute   (TurnosHoursItem *self);
void                turnos_hours_item_set_end_minute   (TurnosHoursItem *self,
                                                        int              minute);
TurnosFieldProblem  turnos_hours_item_get_problem      (TurnosHoursItem *self);
void                _turnos_hours_item_set_problem     (TurnosHoursItem    *self,
                                                        TurnosFieldProblem  problem);

G_END_DECLS
