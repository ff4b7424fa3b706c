/* turnos-time.h: the one place that parses and formats the API's local timestamps
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The API speaks the professional's wall clock without an offset: "YYYY-MM-DDTHH:MM:SS",
 * days as "YYYY-MM-DD", months as "YYYY-MM", times of day as "HH:MM". Every instant in the
 * code is a GDateTime in the professional's zone; every interval is half-open [start, end). */

/* The years every date and timestamp of the API lies in. Inside them a day's bounds and the
 * day after are always constructible (GDateTime ends at 9999); outside, the parsers say no
 * (TURNOS_ERROR_PARSE, answered 400 invalid_date / invalid_time). */
#define TURNOS_YEAR_MIN 1900
#define TURNOS_YEAR_MAX 9000

/* Returns NULL when @name is not a known IANA zone (never falls back to UTC silently): an
 * "Area/Location" name of letters, digits, '_', '-', '+' and '/' (at most 64 bytes, no "."
 * component, not an absolute path), so a zone from the network never names a file. */
GTimeZone *turnos_time_zone_new (const char *name);

/* Strict "YYYY-MM-DDTHH:MM:SS" in @tz, the year in [TURNOS_YEAR_MIN, TURNOS_YEAR_MAX]. A wall time that does not exist in @tz (the hour
 * skipped by a DST change) is an error (TURNOS_ERROR_PARSE). */
GDateTime *turnos_time_parse  (const char  *str,
                               GTimeZone   *tz,
                               GError     **error);
/* Formats @dt in its own zone. */
char      *turnos_time_format (GDateTime   *dt);

/* Strict "YYYY-MM-DD", a real calendar date in [TURNOS_YEAR_MIN, TURNOS_YEAR_MAX]. */
gboolean   turnos_date_parse  (const char  *str,
                               GDate       *out,
                               GError     **error);
char      *turnos_date_format (const GDate *date);
/* The local date of @dt in its own zone. */
void       turnos_date_from_datetime (GDateTime *dt,
                                      GDate     *out);

/* Strict "YYYY-MM": @year in [TURNOS_YEAR_MIN, TURNOS_YEAR_MAX], @month 1-12. */
gboolean   turnos_month_parse (const char  *str,
                               int         *year,
                               int         *month,
                               GError     **error);

/* Strict "HH:MM" (00:00 to 24:00) as minutes since midnight. */
gboolean   turnos_clock_parse  (const char *str,
                                int        *minutes,
                                GError    **error);
char      *turnos_clock_format (int         minutes);

/* The wall time @minutes after midnight of @date in @tz, or NULL when that wall time does not
 * exist there (DST gap). 24:00 is the next day's midnight. */
GDateTime *turnos_time_at (GTimeZone   *tz,
                           const GDate *date,
                           int          minutes);

/* The day [start, end) of @date in @tz: from the first instant whose local date is @date to the
 * first instant of the next day (correct in zones where midnight is skipped by DST). A date the
 * zone skipped whole is an empty day, start == end. Both always exist for a date from
 * turnos_date_parse(). */
void       turnos_day_bounds (GTimeZone   *tz,
                              const GDate *date,
                              GDateTime  **start,
                              GDateTime  **end);

/* Half-open overlap of [a_start, a_end) and [b_start, b_end). */
gboolean   turnos_intervals_overlap (GDateTime *a_start,
                                     GDateTime *a_end,
                                     GDateTime *b_start,
                                     GDateTime *b_end);

G_END_DECLS
