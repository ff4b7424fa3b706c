/* turnos-slot.h: one free time, an item of the booking controller's slot list
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define TURNOS_TYPE_SLOT (turnos_slot_get_type ())
G_DECLARE_FINAL_TYPE (TurnosSlot, turnos_slot, TURNOS, SLOT, GObject)

/* Properties (read-only after construction): "start", "end" (GDateTime in the professional's
 * zone). */
TurnosSlot *turnos_slot_new       (GDateTime  *start,
                                   GDateTime  *end);
GDateTime  *turnos_slot_get_start (TurnosSlot *self);
GDateTime  *turnos_slot_get_end   (TurnosSlot *self);

G_END_DECLS
