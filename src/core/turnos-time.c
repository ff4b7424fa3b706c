/* turnos-time.c: the one place that parses and formats the API's local timestamps
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include <string.h>

#include "turnos-error.h"
#include "turnos-time.h"

/* GLib reads any path it is given as a zone file (a FIFO blocks it for good, "../" walks out
 * of the zone database): only names shaped like the database's own are looked up. */
static gboolean
zone_name_is_plain (const char *name)
{
  gsize len = strlen (name);
  const char *component = name;

  if (len == 0 || len > 64 || name[0] == '/' || name[len - 1] == '/')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '/')
        {
          if (p == component)
            return FALSE;
          component = p + 1;
        }
      else if (*p == '.' && p == component)
        return FALSE;
      else if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '+')
        return FALSE;
    }
  return TRUE;
}

GTimeZone *
turnos_time_zone_new (const char *name)
{
  if (name == NULL || !zone_name_is_plain (name))
    return NULL;
  return g_time_zone_new_identifier (name);
}

/* @str as an error message quotes it: at most 32 bytes, made valid UTF-8. A query parameter
 * reaches the parsers unchecked, and the message goes into a JSON answer. */
static char *
quote_input (const char *str)
{
  g_autofree char *cut = NULL;

  if (str == NULL)
    return g_strdup ("(null)");
  cut = g_strndup (str, 32);
  return g_utf8_make_valid (cut, -1);
}

/* Reads exactly @n digits at @s into @out. */
static gboolean
digits (const char *s,
        guint       n,
        int        *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

static gboolean
parse_ymd (const char *s,
           int        *y,
           int        *m,
           int        *d)
{
  return digits (s, 4, y) && s[4] == '-' && digits (s + 5, 2, m) && s[7] == '-' &&
         digits (s + 8, 2, d) && *y >= TURNOS_YEAR_MIN && *y <= TURNOS_YEAR_MAX && *m >= 1 &&
         *m <= 12 && *d >= 1 && *d <= g_date_get_days_in_month (*m, *y);
}

/* The seconds a wall reading would have since the epoch if the zone were UTC. */
static gint64
wall_seconds (const GDate *date,
              int          hour,
              int          minute,
              int          second)
{
  /* GDate's Julian day 719163 is 1970-01-01. */
  gint64 days = (gint64) g_date_get_julian (date) - 719163;

  return days * 86400 + hour * 3600 + minute * 60 + second;
}

/* The instants (Unix seconds, in time order, at most @max) whose reading in @tz is @wall:
 * none in a spring-forward gap, two in a fall-back fold. An instant's reading is @wall when
 * it lies in a zone interval whose offset takes it there; every interval that can hold one
 * lies within a day of @wall (offsets stay within ±26 h), and GLib numbers intervals in time
 * order, so the candidates are the intervals found a day before and a day after, and those
 * between. */
static guint
wall_occurrences (GTimeZone *tz,
                  gint64     wall,
                  gint64    *out,
                  guint      max)
{
  int lo = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, wall - 26 * 3600);
  int hi = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, wall + 26 * 3600);
  guint n = 0;

  /* Most readings lie far from any change: one interval, one occurrence. */
  if (lo == hi && max > 0)
    {
      out[0] = wall - g_time_zone_get_offset (tz, MAX (lo, 0));
      return 1;
    }
  for (int i = MAX (lo, 0); i <= hi && n < max; i++)
    {
      gint64 instant = wall - g_time_zone_get_offset (tz, i);

      if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant) == i)
        out[n++] = instant;
    }
  return n;
}

static GDateTime *
instant_in (GTimeZone *tz,
            gint64     unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);

  return utc ? g_date_time_to_timezone (utc, tz) : NULL;
}

/* The occurrence of @wall that the rule picks: the one at @offset (seconds east of UTC) when
 * @has_offset, else the first after @after (G_MININT64: the first). FALSE when there is none. */
static gboolean
resolve_wall (GTimeZone *tz,
              gint64     wall,
              gint64     after,
              gboolean   has_offset,
              int        offset,
              gint64    *out)
{
  gint64 found[4];
  guint n = wall_occurrences (tz, wall, found, G_N_ELEMENTS (found));

  for (guint i = 0; i < n; i++)
    {
      if (has_offset ? wall - found[i] != offset : found[i] <= after)
        continue;
      *out = found[i];
      return TRUE;
    }
  return FALSE;
}

/* Strict "YYYY-MM-DDTHH:MM:SS" into its wall seconds. */
static gboolean
parse_wall (const char  *str,
            gint64      *wall,
            GError     **error)
{
  int y, mo, d, h, mi, s;
  GDate date;

  if (str == NULL || strlen (str) != 19 || !parse_ymd (str, &y, &mo, &d) || str[10] != 'T' ||
      !digits (str + 11, 2, &h) || str[13] != ':' || !digits (str + 14, 2, &mi) ||
      str[16] != ':' || !digits (str + 17, 2, &s) || h > 23 || mi > 59 || s > 59)
    {
      g_autofree char *shown = quote_input (str);

      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE,
                   "“%s” is not a local timestamp YYYY-MM-DDTHH:MM:SS (years %d to %d)", shown,
                   TURNOS_YEAR_MIN, TURNOS_YEAR_MAX);
      return FALSE;
    }
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, mo, y);
  *wall = wall_seconds (&date, h, mi, s);
  return TRUE;
}

/* Strict "+HH:MM" / "-HH:MM" into seconds east of UTC. */
static gboolean
parse_offset (const char  *str,
              int         *seconds,
              GError     **error)
{
  int h, m;

  if (strlen (str) != 6 || (str[0] != '+' && str[0] != '-') || !digits (str + 1, 2, &h) ||
      str[3] != ':' || !digits (str + 4, 2, &m) || h > 23 || m > 59)
    {
      g_autofree char *shown = quote_input (str);

      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "“%s” is not a UTC offset ±HH:MM", shown);
      return FALSE;
    }
  *seconds = (str[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
  return TRUE;
}

GDateTime *
turnos_time_parse_full (const char  *str,
                        const char  *utc_offset,
                        GTimeZone   *tz,
                        GDateTime   *after,
                        GError     **error)
{
  gint64 wall, instant, floor = after ? g_date_time_to_unix (after) : G_MININT64;
  int offset = 0;

  g_return_val_if_fail (tz != NULL, NULL);

  if (!parse_wall (str, &wall, error) ||
      (utc_offset != NULL && !parse_offset (utc_offset, &offset, error)))
    return NULL;
  if (!resolve_wall (tz, wall, G_MININT64, utc_offset != NULL, offset, &instant))
    {
      /* @str and @utc_offset passed their strict shapes: printable ASCII, safe to quote. */
      if (utc_offset != NULL)
        g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "“%s” at %s does not exist in %s",
                     str, utc_offset, g_time_zone_get_identifier (tz));
      else
        g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "“%s” does not exist in %s", str,
                     g_time_zone_get_identifier (tz));
      return NULL;
    }
  if (after != NULL && instant <= floor &&
      (utc_offset != NULL || !resolve_wall (tz, wall, floor, FALSE, 0, &instant)))
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                   "“%s” is not after the start", str);
      return NULL;
    }
  return instant_in (tz, instant);
}

GDateTime *
turnos_time_parse (const char  *str,
                   GTimeZone   *tz,
                   GError     **error)
{
  return turnos_time_parse_full (str, NULL, tz, NULL, error);
}

GDateTime *
turnos_time_parse_end (const char  *str,
                       GTimeZone   *tz,
                       GDateTime   *start,
                       GError     **error)
{
  g_return_val_if_fail (start != NULL, NULL);
  return turnos_time_parse_full (str, NULL, tz, start, error);
}

/* @dt's reading as wall seconds. */
static gint64
reading_of (GDateTime *dt)
{
  return g_date_time_to_unix (dt) + g_date_time_get_utc_offset (dt) / G_TIME_SPAN_SECOND;
}

gboolean
turnos_time_is_ambiguous (GDateTime *dt)
{
  gint64 found[2];

  g_return_val_if_fail (dt != NULL, FALSE);
  return wall_occurrences (g_date_time_get_timezone (dt), reading_of (dt), found, 2) > 1;
}

gboolean
turnos_time_is_first_occurrence (GDateTime *dt)
{
  gint64 found[1];

  g_return_val_if_fail (dt != NULL, FALSE);
  return wall_occurrences (g_date_time_get_timezone (dt), reading_of (dt), found, 1) == 1 &&
         found[0] == g_date_time_to_unix (dt);
}

char *
turnos_time_format_fold_offset (GDateTime *dt)
{
  int minutes;

  g_return_val_if_fail (dt != NULL, NULL);
  if (!turnos_time_is_ambiguous (dt))
    return NULL;
  minutes = (int) (g_date_time_get_utc_offset (dt) / G_TIME_SPAN_MINUTE);
  return g_strdup_printf ("%c%02d:%02d", minutes < 0 ? '-' : '+', ABS (minutes) / 60,
                          ABS (minutes) % 60);
}

char *
turnos_time_format (GDateTime *dt)
{
  g_return_val_if_fail (dt != NULL, NULL);
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
}

gboolean
turnos_date_parse (const char  *str,
                   GDate       *out,
                   GError     **error)
{
  int y, m, d;

  if (str == NULL || strlen (str) != 10 || !parse_ymd (str, &y, &m, &d))
    {
      g_autofree char *shown = quote_input (str);

      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE,
                   "“%s” is not a date YYYY-MM-DD (years %d to %d)", shown, TURNOS_YEAR_MIN,
                   TURNOS_YEAR_MAX);
      return FALSE;
    }
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

char *
turnos_date_format (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

void
turnos_date_from_datetime (GDateTime *dt,
                           GDate     *out)
{
  g_return_if_fail (dt != NULL && out != NULL);
  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}

gboolean
turnos_month_parse (const char  *str,
                    int         *year,
                    int         *month,
                    GError     **error)
{
  int y, m;

  if (str == NULL || strlen (str) != 7 || !digits (str, 4, &y) || str[4] != '-' ||
      !digits (str + 5, 2, &m) || y < TURNOS_YEAR_MIN || y > TURNOS_YEAR_MAX || m < 1 || m > 12)
    {
      g_autofree char *shown = quote_input (str);

      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE,
                   "“%s” is not a month YYYY-MM (years %d to %d)", shown, TURNOS_YEAR_MIN,
                   TURNOS_YEAR_MAX);
      return FALSE;
    }
  *year = y;
  *month = m;
  return TRUE;
}

gboolean
turnos_clock_parse (const char  *str,
                    int         *minutes,
                    GError     **error)
{
  int h, m;

  if (str == NULL || strlen (str) != 5 || !digits (str, 2, &h) || str[2] != ':' ||
      !digits (str + 3, 2, &m) || m > 59 || h > 24 || (h == 24 && m != 0))
    {
      g_autofree char *shown = quote_input (str);

      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "“%s” is not a time HH:MM", shown);
      return FALSE;
    }
  *minutes = h * 60 + m;
  return TRUE;
}

char *
turnos_clock_format (int minutes)
{
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

/* The wall seconds of @minutes after midnight of @date (24:00 and on fall on the next days). */
static gint64
wall_at (const GDate *date,
         int          minutes)
{
  GDate day = *date;

  if (minutes >= 24 * 60)
    {
      g_date_add_days (&day, minutes / (24 * 60));
      minutes %= 24 * 60;
    }
  return wall_seconds (&day, minutes / 60, minutes % 60, 0);
}

GDateTime *
turnos_time_at (GTimeZone   *tz,
                const GDate *date,
                int          minutes)
{
  gint64 instant;

  g_return_val_if_fail (tz != NULL && date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (minutes >= 0, NULL);

  if (!resolve_wall (tz, wall_at (date, minutes), G_MININT64, FALSE, 0, &instant))
    return NULL;
  return instant_in (tz, instant);
}

GDateTime *
turnos_time_at_after (GTimeZone   *tz,
                      const GDate *date,
                      int          minutes,
                      GDateTime   *start)
{
  gint64 instant;

  g_return_val_if_fail (tz != NULL && date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (minutes >= 0 && start != NULL, NULL);

  if (!resolve_wall (tz, wall_at (date, minutes), g_date_time_to_unix (start), FALSE, 0, &instant))
    return NULL;
  return instant_in (tz, instant);
}

/* The first instant whose local date is @date: midnight, or, where a DST change skips
 * midnight, the first minute after the gap. A date the zone skipped whole (Samoa went from
 * 2011-12-29 to 2011-12-31 crossing the date line) begins where the next date does. */
static GDateTime *
first_instant (GTimeZone   *tz,
               const GDate *date)
{
  GDate day = *date;

  /* No zone has skipped more than one date; a third is the margin. */
  for (int days = 0; days < 3; days++, g_date_add_days (&day, 1))
    for (int minutes = 0; minutes < 24 * 60; minutes++)
      {
        GDateTime *dt = turnos_time_at (tz, &day, minutes);

        if (dt != NULL)
          return dt;
      }
  g_return_val_if_reached (NULL);
}

void
turnos_day_bounds (GTimeZone   *tz,
                   const GDate *date,
                   GDateTime  **start,
                   GDateTime  **end)
{
  GDate next = *date;

  g_return_if_fail (tz != NULL && date != NULL && g_date_valid (date));

  g_date_add_days (&next, 1);
  if (start != NULL)
    *start = first_instant (tz, date);
  if (end != NULL)
    *end = first_instant (tz, &next);
}

gboolean
turnos_intervals_overlap (GDateTime *a_start,
                          GDateTime *a_end,
                          GDateTime *b_start,
                          GDateTime *b_end)
{
  return g_date_time_compare (a_start, b_end) < 0 && g_date_time_compare (b_start, a_end) < 0;
}
