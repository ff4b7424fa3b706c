/* turnos-slot-row.h: one free time in the list
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "turnos-slot.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_SLOT_ROW (turnos_slot_row_get_type ())
G_DECLARE_FINAL_TYPE (TurnosSlotRow, turnos_slot_row, TURNOS, SLOT_ROW, GtkListBoxRow)

/* A row of the free-times list: the clinic's time, and this computer's below it (with its
 * day when that differs) when the clocks differ; a check shows on the selected row. Property
 * "item": the TurnosSlot shown. */
GtkWidget  *turnos_slot_row_new      (TurnosSlot    *item);
TurnosSlot *turnos_slot_row_get_item (TurnosSlotRow *self);
void        turnos_slot_row_set_item (TurnosSlotRow *self,
                                      TurnosSlot    *item);

G_END_DECLS
