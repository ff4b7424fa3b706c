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
 * code is a GDateTime in the professional's zone; every interval is half-open [start, end).
 *
 * From wall clock to instant: the one rule
 * ----------------------------------------
 * Every place where a wall-clock reading becomes an instant (the slot grid, a day's bounds,
 * reading a reservation, a block or a listed slot, the month overview, the .ics writer) goes
 * through this file, and this file applies one rule, RFC 5545 §3.3.5's (FORM #3, "date with
 * local time and time zone reference"):
 *
 * 1. A reading that does not exist in the zone (the hour a spring-forward change skips) names
 *    nothing: it is refused (TURNOS_ERROR_PARSE; the server answers 400 invalid_time), and
 *    the grid never lists one. (RFC 5545 would shift it by the gap; we refuse, so a typo
 *    never books another hour.)
 * 2. A reading that occurs twice (the hour a fall-back change repeats) names its *first*
 *    occurrence: "2027-10-31T02:30:00" in Europe/Madrid is 02:30 CEST (+02:00), not CET.
 * 3. An end is resolved relative to its start: it names the first occurrence of its reading
 *    *after* the start. So 02:00–02:00 on that night in Madrid is the hour from the first
 *    02:00 (CEST) to the second (CET). For a session the server knows the length: its end
 *    is start + session_duration_minutes of elapsed time, and an end_time sent with it only
 *    has to read the same on the wall clock (turnos_reservation_settle_end()).
 * 4. An addition a seed client may ignore picks the other occurrence: beside start_time and
 *    end_time, "start_utc_offset" / "end_utc_offset" ("+02:00", "-03:00", "+10:30") are
 *    written whenever that reading occurs twice in the zone, and, when read, choose the
 *    occurrence with that offset (one that names neither is TURNOS_ERROR_PARSE).
 *
 * Consequences the rest of the code relies on: the slot grid only offers starts that the
 * bare string names (first occurrences), so every listed slot is bookable by its strings
 * alone, by any client; the second run of a repeated hour is never a slot start (a slot may
 * still end in it: 02:00–02:00 above). A day is [first instant of its date, first instant
 * of the next date). */

/* The years every date and timestamp of the API lies in. Inside them a day's bounds and the
 * day after are always constructible (GDateTime ends at 9999); outside, the parsers say no
 * (TURNOS_ERROR_PARSE, answered 400 invalid_date / invalid_time). */
#define TURNOS_YEAR_MIN 1900
#define TURNOS_YEAR_MAX 9000

/* Returns NULL when @name is not a known IANA zone (never falls back to UTC silently): an
 * "Area/Location" name of letters, digits, '_', '-', '+' and '/' (at most 64 bytes, no "."
 * component, not an absolute path), so a zone from the network never names a file. */
GTimeZone *turnos_time_zone_new (const char *name);

/* Strict "YYYY-MM-DDTHH:MM:SS" in @tz, the year in [TURNOS_YEAR_MIN, TURNOS_YEAR_MAX], read
 * by the rule above: a reading skipped by a DST change is an error (TURNOS_ERROR_PARSE), one
 * repeated by a DST change is its first occurrence. */
GDateTime *turnos_time_parse  (const char  *str,
                               GTimeZone   *tz,
                               GError     **error);

/**
 * turnos_time_parse_end:
 * @str: "YYYY-MM-DDTHH:MM:SS"
 * @tz: the zone of @start
 * @start: the interval's start
 * @error: TURNOS_ERROR_PARSE (not a timestamp, or skipped in @tz), TURNOS_ERROR_INVALID_VALUE
 *   (no occurrence of the reading lies after @start: the interval ends before it starts)
 *
 * An end, resolved relative to its start (rule 3): the first occurrence of @str after @start.
 *
 * Returns: (transfer full) (nullable): the end
 */
GDateTime *turnos_time_parse_end (const char  *str,
                                  GTimeZone   *tz,
                                  GDateTime   *start,
                                  GError     **error);

/**
 * turnos_time_parse_full:
 * @str: "YYYY-MM-DDTHH:MM:SS"
 * @utc_offset: (nullable): "+HH:MM" or "-HH:MM", the addition that picks an occurrence
 * @tz: the zone
 * @after: (nullable): for an end, its start
 * @error: TURNOS_ERROR_PARSE (not a timestamp or an offset, or no occurrence of @str in @tz
 *   has that offset), TURNOS_ERROR_INVALID_VALUE (nothing after @after)
 *
 * The whole rule in one call: with @utc_offset, the occurrence of @str at that offset; else
 * the first occurrence after @after, or simply the first when @after is NULL. The result
 * must lie after @after either way.
 *
 * Returns: (transfer full) (nullable): the instant, in @tz
 */
GDateTime *turnos_time_parse_full (const char  *str,
                                   const char  *utc_offset,
                                   GTimeZone   *tz,
                                   GDateTime   *after,
                                   GError     **error);

/* Formats @dt in its own zone: the wall reading, without offset. */
char      *turnos_time_format (GDateTime   *dt);

/* The addition of rule 4: @dt's UTC offset as "+HH:MM" when its wall reading occurs twice in
 * its zone, else NULL (the bare reading names it, or it is unambiguous anyway). */
char      *turnos_time_format_fold_offset (GDateTime *dt);

/* TRUE when @dt's wall reading occurs more than once in its zone (inside a fall-back fold). */
gboolean   turnos_time_is_ambiguous (GDateTime *dt);

/* TRUE when the bare wall reading of @dt names @dt by rule 2 (it is the first occurrence):
 * every unambiguous instant, and the first run of a repeated hour. */
gboolean   turnos_time_is_first_occurrence (GDateTime *dt);

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

/* The wall time @minutes after midnight of @date in @tz, by the rule (its first occurrence),
 * or NULL when that wall time does not exist there (DST gap). 24:00 is the next day's
 * midnight. */
GDateTime *turnos_time_at (GTimeZone   *tz,
                           const GDate *date,
                           int          minutes);
/* The same for an end (rule 3): the first occurrence after @start, or NULL when that wall
 * time does not exist or no occurrence of it lies after @start. */
GDateTime *turnos_time_at_after (GTimeZone   *tz,
                                 const GDate *date,
                                 int          minutes,
                                 GDateTime   *start);

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
