/* turnos-ics.h: a reservation as an iCalendar event (RFC 5545)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-reservation.h"

G_BEGIN_DECLS

/**
 * turnos_ics_from_reservation:
 * @reservation: a stored reservation (its id makes the event's UID)
 * @summary: the event's title, already translated ("Session with Dra. Ana Gómez")
 * @description: (nullable): more text for the event
 * @now: DTSTAMP
 *
 * A VCALENDAR with one VEVENT whose DTSTART/DTEND carry the clinic's zone (TZID plus a
 * VTIMEZONE with its offset), CRLF line ends, lines folded at 75 octets, text escaped.
 * A cancelled reservation gives STATUS:CANCELLED, so importing it again removes it.
 */
char *turnos_ics_from_reservation (const TurnosReservation *reservation,
                                   const char              *summary,
                                   const char              *description,
                                   GDateTime               *now);

G_END_DECLS
