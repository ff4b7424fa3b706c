/* turnos-time-off.h: a professional's blocks (holidays, meetings): list, add, remove
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-client.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_BLOCK_ITEM (turnos_block_item_get_type ())
G_DECLARE_FINAL_TYPE (TurnosBlockItem, turnos_block_item, TURNOS, BLOCK_ITEM, GObject)

TurnosBlock *turnos_block_item_get_block (TurnosBlockItem *self);

#define TURNOS_TYPE_TIME_OFF (turnos_time_off_get_type ())
G_DECLARE_FINAL_TYPE (TurnosTimeOff, turnos_time_off, TURNOS, TIME_OFF, GObject)

/**
 * TurnosTimeOff:
 *
 * Properties: "client" (construct-only), "professional-id" (rw), "blocks" (GListModel of
 * TurnosBlockItem from today on, in time order), "loading", "error".
 * Signals: "changed" (a block was added or removed), "failed" (GError: the server refused, for
 * example 409 block_overlaps when a live reservation is in the way).
 */
TurnosTimeOff *turnos_time_off_new        (TurnosClient    *client);
void           turnos_time_off_set_professional_id (TurnosTimeOff *self,
                                                    const char    *professional_id);
GListModel    *turnos_time_off_get_blocks (TurnosTimeOff   *self);
void           turnos_time_off_refresh    (TurnosTimeOff   *self);
/* @start and @end in the professional's zone; @reason may be NULL. */
void           turnos_time_off_add        (TurnosTimeOff   *self,
                                           GDateTime       *start,
                                           GDateTime       *end,
                                           const char      *reason);
void           turnos_time_off_remove     (TurnosTimeOff   *self,
                                           TurnosBlockItem *item);

G_END_DECLS
