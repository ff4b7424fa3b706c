/* turnos-format.h: how times, days, modalities and amounts read in the window
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "turnos-payment.h"
#include "turnos-reservation.h"
#include "turnos-settings.h"

G_BEGIN_DECLS

/* "09:00 – 09:45", in the zone the times carry (the professional's). */
char       *turnos_format_time_range       (GDateTime      *start,
                                            GDateTime      *end);
/* "09:00 to 09:45", for screen readers. */
char       *turnos_format_time_range_spoken (GDateTime     *start,
                                             GDateTime     *end);
/* The same span on this computer's clock, or NULL when the zones agree at @start. */
char       *turnos_format_local_range      (GDateTime      *start,
                                            GDateTime      *end);
/* "Monday 30 November 2026", in the locale's words and order. */
char       *turnos_format_day              (GDateTime      *dt);
const char *turnos_format_modality         (TurnosModality  modality);
/* "5000.00 ARS" as the locale writes amounts where it can. */
char       *turnos_format_amount           (const char     *amount,
                                            const char     *currency);
/* The sentence a person reads about @error: the one place errors become words. It switches
 * on the domain and code (TURNOS_CLIENT_ERROR with the server's code, TURNOS_BOOKING_ERROR)
 * and never shows error->message, which the lower layers write for the log; any other
 * domain reads as a generic failure. */
char       *turnos_format_error            (const GError   *error);

/*
 * Whose clock and which day, and the rules before they bite: the booking flow's words (the
 * reserve page, the free-time rows, the confirm and done pages), for any page that shows a
 * session's time. Each takes times in the clinic's zone (the professional's, as the server
 * sends them) and compares them with this computer's zone.
 */

/**
 * TurnosSpanStyle:
 * @TURNOS_SPAN_SHORT: for a row: a short day, "Tue 2 Dec"
 * @TURNOS_SPAN_LONG: for a summary: the whole day, "Tuesday 2 December"
 * @TURNOS_SPAN_SPOKEN: for a screen reader: "to" for the dash, the whole day
 */
typedef enum
{
  TURNOS_SPAN_SHORT,
  TURNOS_SPAN_LONG,
  TURNOS_SPAN_SPOKEN,
} TurnosSpanStyle;

/* "Buenos Aires" for "America/Argentina/Buenos_Aires": the last part of an IANA zone name,
 * underscores as spaces; a name without "/" ("UTC") as it is. */
char       *turnos_format_zone_city        (const char     *zone);
/* "Buenos Aires time": the clock of @at's zone, named after its city. */
char       *turnos_format_zone_of          (GDateTime      *at);
/* TRUE when this computer's clock reads another time than @at's zone at @at. */
gboolean    turnos_format_local_differs    (GDateTime      *at);
/* "10:00 – 10:45, Buenos Aires time" (spoken: "10:00 to 10:45, Buenos Aires time"): the
 * span on the clinic's clock with its zone named. */
char       *turnos_format_clinic_span      (GDateTime      *start,
                                            GDateTime      *end,
                                            TurnosSpanStyle style);
/* The same span on this computer's clock with its zone named, "22:00 – 22:45 your time,
 * Tokyo", and the local day after it whenever it is not the clinic's day ("08:00 – 08:45 your
 * time, Tokyo, Tue 2 Dec"); NULL when the two clocks agree at @start. */
char       *turnos_format_local_span       (GDateTime      *start,
                                            GDateTime      *end,
                                            TurnosSpanStyle style);
/* "Tue 2 Dec" (@style SHORT) or "Tuesday 2 December" (LONG, SPOKEN), in the locale's words. */
char       *turnos_format_day_of           (GDateTime      *dt,
                                            TurnosSpanStyle style);
/* A calendar day for a screen reader: "Tuesday 1 December, 8 free times"; @free_slots < 0
 * when not known yet (no count said), 0 for "no free times"; @today adds ", today". */
char       *turnos_format_calendar_day     (const GDate    *date,
                                            int             free_slots,
                                            gboolean        today);
/* The deposit a professional asks when booking: "Deposit: 5,000.00 ARS, paid when booking",
 * or "No deposit". */
char       *turnos_format_deposit          (const TurnosSettings *settings);
/* The cancel policy before a time is chosen: "Free cancellation up to 24 hours before the
 * session", or "Free cancellation until the session starts" with no notice. */
char       *turnos_format_cancel_notice    (const TurnosSettings *settings);
/* The cancel policy for a session starting at @start: "Free cancellation until Sun 29 Nov,
 * 09:00" (with the zone named when this computer's differs), or, when that moment is before
 * @now, that it can no longer be cancelled here. */
char       *turnos_format_cancel_until     (const TurnosSettings *settings,
                                            GDateTime      *start,
                                            GDateTime      *now);

G_END_DECLS
