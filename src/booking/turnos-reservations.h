/* turnos-reservations.h: one patient's reservations, as the "my reservations" page shows them
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-client.h"
#include "turnos-reservation-item.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_RESERVATIONS (turnos_reservations_get_type ())
G_DECLARE_FINAL_TYPE (TurnosReservations, turnos_reservations, TURNOS, RESERVATIONS, GObject)

/**
 * TurnosReservations:
 *
 * Properties: "client" (construct-only), "client-id" (rw), "items" (GListModel of
 * TurnosReservationItem, newest first, always the same store), "loading", "error" (GError).
 * A refresh that finds the same reservations updates the items in place, so a view keeps its
 * selection and scroll position.
 * Signals: "cancelled" (TurnosReservation), "failed" (GError): a cancel's outcome;
 * "reason-needed" (TurnosReservationItem): with may-override, the server refused a cancel past
 * the professional's notice (409 too_late_to_cancel): ask why, then
 * turnos_reservations_cancel_with_reason().
 */
TurnosReservations *turnos_reservations_new        (TurnosClient       *client);
void                turnos_reservations_set_client_id (TurnosReservations *self,
                                                       const char         *client_id);
const char         *turnos_reservations_get_client_id (TurnosReservations *self);
GListModel         *turnos_reservations_get_items  (TurnosReservations *self);
gboolean            turnos_reservations_get_loading (TurnosReservations *self);
const GError       *turnos_reservations_get_error  (TurnosReservations *self);
void                turnos_reservations_refresh    (TurnosReservations *self);
void                turnos_reservations_cancel     (TurnosReservations    *self,
                                                    TurnosReservationItem *item);
/* The desk and the admin may cancel past the notice, with a reason (DESIGN.md). */
void                turnos_reservations_set_may_override   (TurnosReservations    *self,
                                                            gboolean               may_override);
void                turnos_reservations_cancel_with_reason (TurnosReservations    *self,
                                                            TurnosReservationItem *item,
                                                            const char            *reason);

G_END_DECLS
