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
 * TurnosBlockItem from today on, in time order), "loading", "loaded" (the list has arrived
 * since the professional was set), "error" (GError: the last list request's failure).
 * Signals: "changed" (a block was added or removed), "added" (TurnosBlock: the block stored),
 * "removed" (TurnosBlock: the block just
 * removed, so it can be added again), "failed" (GError: the server refused, for example 409
 * block_overlaps when live reservations are in the way:
 * turnos_client_error_get_reservations() names them all).
 */
TurnosTimeOff *turnos_time_off_new        (TurnosClient    *client);
void           turnos_time_off_set_professional_id (TurnosTimeOff *self,
                                                    const char    *professional_id);
const char    *turnos_time_off_get_professional_id (TurnosTimeOff *self);
GListModel    *turnos_time_off_get_blocks (TurnosTimeOff   *self);
gboolean       turnos_time_off_get_loading (TurnosTimeOff  *self);
gboolean       turnos_time_off_get_loaded (TurnosTimeOff   *self);
const GError  *turnos_time_off_get_error  (TurnosTimeOff   *self);
void           turnos_time_off_refresh    (TurnosTimeOff   *self);
/* @start and @end in the professional's zone; @reason may be NULL. */
void           turnos_time_off_add        (TurnosTimeOff   *self,
                                           GDateTime       *start,
                                           GDateTime       *end,
                                           const char      *reason);
void           turnos_time_off_remove     (TurnosTimeOff   *self,
                                           TurnosBlockItem *item);

G_END_DECLS
