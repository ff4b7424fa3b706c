/* turnos-format.c: how times, days, modalities and amounts read in the window
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "turnos-client.h"
#include "turnos-error.h"
#include "turnos-format.h"

char *
turnos_format_time_range (GDateTime *start,
                          GDateTime *end)
{
  g_autofree char *s = g_date_time_format (start, "%H:%M");
  g_autofree char *e = g_date_time_format (end, "%H:%M");

  /* Translators: a time range such as "09:00 – 09:45" */
  return g_strdup_printf (_("%s – %s"), s, e);
}

char *
turnos_format_time_range_spoken (GDateTime *start,
                                 GDateTime *end)
{
  g_autofree char *s = g_date_time_format (start, "%H:%M");
  g_autofree char *e = g_date_time_format (end, "%H:%M");

  /* Translators: a time range read aloud, such as "09:00 to 09:45" */
  return g_strdup_printf (_("%s to %s"), s, e);
}

char *
turnos_format_local_range (GDateTime *start,
                           GDateTime *end)
{
  g_autoptr(GTimeZone) local_tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) s = g_date_time_to_timezone (start, local_tz);
  g_autoptr(GDateTime) e = g_date_time_to_timezone (end, local_tz);
  g_autofree char *range = NULL;

  if (g_date_time_get_utc_offset (s) == g_date_time_get_utc_offset (start))
    return NULL;
  range = turnos_format_time_range (s, e);
  /* Translators: the same time range on the patient's own clock, "12:00 – 12:45 your time" */
  return g_strdup_printf (_("%s your time"), range);
}

char *
turnos_format_day (GDateTime *dt)
{
  /* Translators: a day in g_date_time_format() format, e.g. "Monday 30 November 2026"; reorder
   * as your language writes dates, e.g. "%A %-d de %B de %Y" (%-d is the day without padding) */
  return g_date_time_format (dt, _("%A %-d %B %Y"));
}

const char *
turnos_format_modality (TurnosModality modality)
{
  switch (modality)
    {
    case TURNOS_MODALITY_VIRTUAL:
      /* Translators: the session happens by video call */
      return C_("modality", "Virtual");
    case TURNOS_MODALITY_PRESENCIAL:
      /* Translators: the session happens at the clinic */
      return C_("modality", "In person");
    case TURNOS_MODALITY_BOTH:
      return _("Virtual or in person");
    case TURNOS_MODALITY_NONE:
    default:
      return _("Not chosen");
    }
}

char *
turnos_format_amount (const char *amount,
                      const char *currency)
{
  double value = amount ? g_ascii_strtod (amount, NULL) : 0;
  char number[64];

  /* %'.2f groups thousands and uses the locale's decimal mark. */
  snprintf (number, sizeof number, "%'.2f", value);
  /* Translators: an amount and its currency code, "5,000.00 ARS" */
  return g_strdup_printf (_("%s %s"), number, currency ? currency : "");
}

char *
turnos_format_error (const GError *error)
{
  const char *code = turnos_client_error_get_api_code (error);

  if (g_strcmp0 (code, TURNOS_CODE_TOO_SOON) == 0)
    return g_strdup (_("That time is too soon to book. Please choose a later one."));
  if (g_strcmp0 (code, TURNOS_CODE_OUTSIDE_HOURS) == 0 || g_strcmp0 (code, TURNOS_CODE_IN_PAST) == 0)
    return g_strdup (_("That time is no longer available. Please choose another."));
  if (g_strcmp0 (code, TURNOS_CODE_TOO_LATE_TO_CANCEL) == 0)
    return g_strdup (_("It is too late to cancel this session here. Please call the clinic."));
  if (g_strcmp0 (code, TURNOS_CODE_RESERVATION_PAST) == 0)
    return g_strdup (_("This session has already begun."));
  if (g_strcmp0 (code, TURNOS_CODE_BLOCK_OVERLAPS) == 0)
    return g_strdup (_("A booked session falls in that time. Cancel or move it first."));
  return g_strdup (error->message);
}
