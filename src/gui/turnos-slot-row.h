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
G_DECLARE_FINAL_TYPE (TurnosSlotRow, turnos_slot_row, TURNOS, SLOT_ROW, GtkWidget)

/* Property "item": the TurnosSlot shown. */
void turnos_slot_row_set_item (TurnosSlotRow *self,
                               TurnosSlot    *item);

G_END_DECLS
