/* turnos-cancel-reason.h: the desk says why a session is cancelled past the notice
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-reservations.h"

G_BEGIN_DECLS

/* Asks, over @parent, why @item is cancelled although its professional's cancel notice has
 * passed; with a reason typed, "Cancel Anyway" calls turnos_reservations_cancel_with_reason()
 * (the reason goes to the audit). Returns the dialog, already presented. */
GtkWindow *turnos_cancel_reason_ask (GtkWindow             *parent,
                                     TurnosReservations    *reservations,
                                     TurnosReservationItem *item);

G_END_DECLS
