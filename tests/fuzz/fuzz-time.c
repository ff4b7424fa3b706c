/* fuzz-time.c: zone names, the date, month, timestamp and clock parsers, and day bounds
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is "ZONE\nTEXT": the zone (UTC when it is not one) and the text every parser
 * reads in turn.
 */
#define G_LOG_DOMAIN "turnos-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "turnos-time.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_date (GTimeZone  *tz,
            const char *text)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *written = NULL;
  GDate date;

  if (!turnos_date_parse (text, &date, NULL))
    return;
  fuzz_check (g_date_valid (&date), "a parsed date is valid");
  fuzz_check (g_date_get_year (&date) >= TURNOS_YEAR_MIN && g_date_get_year (&date) <= TURNOS_YEAR_MAX,
              "a parsed date lies in the API's years");
  written = turnos_date_format (&date);
  fuzz_check (g_str_equal (written, text), "a date writes back as read");
  turnos_day_bounds (tz, &date, &start, &end);
  fuzz_check (start != NULL && end != NULL, "every day has bounds");
  /* Zones have moved by up to a day at once (Samoa skipped 2011-12-30): a day lasts from
   * nothing to two. */
  fuzz_check (g_date_time_compare (start, end) <= 0, "a day does not end before it starts");
  fuzz_check (g_date_time_difference (end, start) <= 48 * G_TIME_SPAN_HOUR, "a day lasts at most two");
  if (!g_date_time_equal (start, end))
    {
      GDate local;

      turnos_date_from_datetime (start, &local);
      fuzz_check (g_date_compare (&local, &date) == 0, "a day starts on its own date");
    }
  for (int minutes = 0; minutes <= 24 * 60; minutes += 7 * 60 + 13)
    {
      g_autoptr(GDateTime) at = turnos_time_at (tz, &date, minutes);

      fuzz_check (at == NULL || (g_date_time_compare (start, at) <= 0 && g_date_time_compare (at, end) <= 0),
                  "a wall time of the day lies within its bounds");
    }
}

static void
check_timestamp (GTimeZone  *tz,
                 const char *text)
{
  g_autoptr(GDateTime) dt = turnos_time_parse (text, tz, NULL);
  g_autofree char *written = NULL;

  if (dt == NULL)
    return;
  written = turnos_time_format (dt);
  fuzz_check (g_str_equal (written, text), "a timestamp writes back as read");
}

static void
check_month (const char *text)
{
  int year, month;
  g_autofree char *written = NULL;

  if (!turnos_month_parse (text, &year, &month, NULL))
    return;
  fuzz_check (year >= TURNOS_YEAR_MIN && year <= TURNOS_YEAR_MAX && month >= 1 && month <= 12,
              "a month of the API's years");
  written = g_strdup_printf ("%04d-%02d", year, month);
  fuzz_check (g_str_equal (written, text), "a month writes back as read");
}

static void
check_clock (const char *text)
{
  int minutes;
  g_autofree char *written = NULL;

  if (!turnos_clock_parse (text, &minutes, NULL))
    return;
  fuzz_check (minutes >= 0 && minutes <= 24 * 60, "a time of day is in the day");
  written = turnos_clock_format (minutes);
  fuzz_check (g_str_equal (written, text), "a time of day writes back as read");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = fuzz_strndup (data, size);
  g_autoptr(GTimeZone) tz = NULL;
  char *text = strchr (input, '\n');

  if (text != NULL)
    *text++ = '\0';
  else
    text = input;
  tz = turnos_time_zone_new (input);
  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  check_date (tz, text);
  check_timestamp (tz, text);
  check_month (text);
  check_clock (text);
  return 0;
}
