/* turnos-ics.h: a reservation as an iCalendar event (RFC 5545)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-reservation.h"

G_BEGIN_DECLS

/**
 * turnos_ics_sequence:
 * @reservation: a reservation
 *
 * The SEQUENCE of @reservation's event (RFC 5545 §3.8.7.4), from its state alone, so the same
 * reservation in the same state always yields the same file: 0 while it is booked (PENDING or
 * CONFIRMED), 1 once it is CANCELLED (by the patient, the desk, an expired or released hold,
 * or a reschedule: the new time is another reservation, with a UID of its own). Each change a
 * calendar must see raises it; PENDING → CONFIRMED keeps 0 and is told by STATUS and a later
 * DTSTAMP, which RFC 5546 §2.1.5 orders after the same SEQUENCE.
 */
guint turnos_ics_sequence (const TurnosReservation *reservation);

/**
 * turnos_ics_from_reservation:
 * @reservation: a stored reservation (its id makes the event's UID, "<id>@turnos")
 * @summary: the event's title, already translated ("Session with Dra. Ana Gómez")
 * @description: (nullable): more text for the event
 * @now: DTSTAMP
 *
 * A VCALENDAR to import (no METHOD: a plain file, not an iTIP message, so no ORGANIZER) with
 * one VEVENT for @reservation, checked against RFC 5545 and libical:
 *
 * - UID stays the same through the reservation's life; SEQUENCE is turnos_ics_sequence();
 *   STATUS is TENTATIVE (PENDING), CONFIRMED or CANCELLED (TRANSP:TRANSPARENT then). Writing
 *   the file again after a cancel and opening it supersedes the event first imported.
 * - DTSTART/DTEND carry the clinic's zone (TZID=reservation's timezone) with a VTIMEZONE that
 *   lists its real offsets and changes a year either side; a time in a repeated hour is
 *   written in UTC instead (turnos-time.h: a bare local reading names the first run only).
 * - CRLF line ends, lines folded at 75 octets, TEXT escaped.
 * - A session of a weekly series carries its series' id as X-TURNOS-SERIES.
 *
 * Returns: (transfer full): the file's text
 */
char *turnos_ics_from_reservation (const TurnosReservation *reservation,
                                   const char              *summary,
                                   const char              *description,
                                   GDateTime               *now);

/**
 * turnos_ics_from_series:
 * @reservations: (element-type TurnosReservation): the sessions of one weekly series (stored,
 *   all in one professional's zone), in time order; cancelled ones included, so a calendar
 *   that imported them before drops them
 * @summary: each event's title, already translated
 * @description: (nullable): more text for each event
 * @now: DTSTAMP
 *
 * One VCALENDAR with one VEVENT per session, each as turnos_ics_from_reservation() writes it
 * (its own UID, SEQUENCE and STATUS, so a moved or cancelled session updates alone), and one
 * VTIMEZONE covering them all. Every event carries the series' link: X-TURNOS-SERIES with the
 * series id, and each after the first RELATED-TO;RELTYPE=SIBLING with the first one's UID
 * (RFC 5545 §3.8.4.5). Sessions stay separate events rather than one RRULE with EXDATEs: a
 * rescheduled session keeps the series yet leaves its weekly time, and a calendar could only
 * show that as an exception with a RECURRENCE-ID, which a plain file import handles badly.
 *
 * Returns: (transfer full): the file's text
 */
char *turnos_ics_from_series (GPtrArray  *reservations,
                              const char *summary,
                              const char *description,
                              GDateTime  *now);

G_END_DECLS
