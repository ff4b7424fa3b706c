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

GDateTime *
turnos_time_parse (const char  *str,
                   GTimeZone   *tz,
                   GError     **error)
{
  int y, mo, d, h, mi, s;
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (tz != NULL, NULL);

  if (str == NULL || strlen (str) != 19 || !parse_ymd (str, &y, &mo, &d) || str[10] != 'T' ||
      !digits (str + 11, 2, &h) || str[13] != ':' || !digits (str + 14, 2, &mi) ||
      str[16] != ':' || !digits (str + 17, 2, &s) || h > 23 || mi > 59 || s > 59)
    {
      g_autofree char *shown = quote_input (str);

      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE,
                   "“%s” is not a local timestamp YYYY-MM-DDTHH:MM:SS (years %d to %d)", shown,
                   TURNOS_YEAR_MIN, TURNOS_YEAR_MAX);
      return NULL;
    }

  dt = g_date_time_new (tz, y, mo, d, h, mi, s);
  if (dt == NULL || g_date_time_get_year (dt) != y || g_date_time_get_month (dt) != mo ||
      g_date_time_get_day_of_month (dt) != d || g_date_time_get_hour (dt) != h ||
      g_date_time_get_minute (dt) != mi)
    {
      g_autofree char *shown = quote_input (str);

      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE,
                   "“%s” does not exist in %s", shown, g_time_zone_get_identifier (tz));
      return NULL;
    }
  return g_steal_pointer (&dt);
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

GDateTime *
turnos_time_at (GTimeZone   *tz,
                const GDate *date,
                int          minutes)
{
  GDate day = *date;
  int h, m;
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (tz != NULL && date != NULL && g_date_valid (date), NULL);

  if (minutes >= 24 * 60)
    {
      g_date_add_days (&day, minutes / (24 * 60));
      minutes %= 24 * 60;
    }
  h = minutes / 60;
  m = minutes % 60;
  dt = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day),
                        g_date_get_day (&day), h, m, 0);
  if (dt == NULL || g_date_time_get_day_of_month (dt) != g_date_get_day (&day) ||
      g_date_time_get_hour (dt) != h || g_date_time_get_minute (dt) != m)
    return NULL;
  return g_steal_pointer (&dt);
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
