/* turnos-waiting-list.h: who waits for time to free up on the desk's day
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-waiting.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_WAITING_LIST (turnos_waiting_list_get_type ())
G_DECLARE_FINAL_TYPE (TurnosWaitingList, turnos_waiting_list, TURNOS, WAITING_LIST, GtkWidget)

/* The desk's day's waitlist (DESIGN.md "Reschedule, series, waitlist"): a heading, then one
 * row per patient waiting, first come first, saying when they joined or that a time freed up
 * for them (an offer), each with "Remove" (turnos_waiting_leave()); a line when nobody waits.
 * Property "waiting" (TurnosWaiting, rw, nullable): the list shown, its filters set by the
 * owner (professional and day). */
GtkWidget     *turnos_waiting_list_new         (TurnosWaiting     *waiting);
void           turnos_waiting_list_set_waiting (TurnosWaitingList *self,
                                                TurnosWaiting     *waiting);
TurnosWaiting *turnos_waiting_list_get_waiting (TurnosWaitingList *self);

G_END_DECLS
