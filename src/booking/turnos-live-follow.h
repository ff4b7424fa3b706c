/* turnos-live-follow.h: the views' controllers follow the live events
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-desk-day.h"
#include "turnos-events.h"
#include "turnos-reservations.h"
#include "turnos-time-off.h"

G_BEGIN_DECLS

/*
 * Each function makes a view's controller refresh itself (its own refresh function) when an
 * event from @events touches what it shows, and on "resync"; a burst of events is one
 * refresh. @events NULL stops following. The controller holds a reference to @events while it
 * follows; starting and stopping the connection is the window's business. TurnosBooking
 * follows through its "events" property (turnos-booking.h).
 */

/* A patient's reservations ("My Reservations"): reservation events for its "client-id". */
void turnos_reservations_follow_events (TurnosReservations *self,
                                        TurnosEvents       *events);
/* A professional's time off: availability and settings events for its "professional-id"
 * (a block added or removed anywhere moves availability). */
void turnos_time_off_follow_events     (TurnosTimeOff      *self,
                                        TurnosEvents       *events);
/* The desk's day of one professional: availability and reservation events for its
 * professional and day, settings events for its professional. */
void turnos_desk_day_follow_events     (TurnosDeskDay      *self,
                                        TurnosEvents       *events);

G_END_DECLS
