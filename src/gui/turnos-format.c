/* turnos-format.c: how times, days, modalities and amounts read in the window
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "turnos-booking.h"
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
  struct lconv *lc = localeconv ();
  const char *group = lc->thousands_sep;
  const char *point = lc->decimal_point;
  char digits[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GString) number = g_string_new (value < 0 ? "-" : "");
  const char *dot;
  gsize n_int;

  /* The locale's marks; a locale without grouping (C.UTF-8, where an English desktop often
   * runs) takes the language's own, so English reads "5,000.00" and Spanish "5.000,00". */
  if (group == NULL || *group == '\0')
    {
      /* Translators: the thousands separator in amounts ("5,000.00"), used when the system's
       * locale has none */
      group = C_("amount", ",");
      /* Translators: the decimal mark in amounts ("5,000.00"), used with the separator above */
      point = C_("amount", ".");
    }
  g_ascii_formatd (digits, sizeof digits, "%.2f", fabs (value));
  dot = strchr (digits, '.');
  n_int = dot ? (gsize) (dot - digits) : strlen (digits);
  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0)
        g_string_append (number, group);
      g_string_append_c (number, digits[i]);
    }
  if (dot != NULL)
    {
      g_string_append (number, point);
      g_string_append (number, dot + 1);
    }
  /* Translators: an amount and its currency code, "5,000.00 ARS" */
  return g_strdup_printf (_("%s %s"), number->str, currency ? currency : "");
}

/* What the server's own code says, where it says more than the HTTP status; else NULL. */
static const char *
words_for_api_code (const char *code)
{
  if (code == NULL)
    return NULL;
  if (g_str_equal (code, TURNOS_CODE_TOO_SOON))
    return _("That time is too soon to book. Please choose a later one.");
  if (g_str_equal (code, TURNOS_CODE_OUTSIDE_HOURS) || g_str_equal (code, TURNOS_CODE_IN_PAST))
    return _("That time is no longer available. Please choose another.");
  if (g_str_equal (code, TURNOS_CODE_TOO_LATE_TO_CANCEL))
    return _("It is too late to cancel this session here. Please call the clinic.");
  if (g_str_equal (code, TURNOS_CODE_RESERVATION_PAST))
    return _("This session has already begun.");
  if (g_str_equal (code, TURNOS_CODE_BLOCK_OVERLAPS))
    return _("A booked session falls in that time. Cancel or move it first.");
  if (g_str_equal (code, TURNOS_CODE_ALREADY_CANCELLED))
    return _("This session was already cancelled.");
  if (g_str_equal (code, TURNOS_CODE_BAD_CREDENTIALS))
    return _("Wrong user name or password.");
  if (g_str_equal (code, TURNOS_CODE_TOO_MANY_CONNECTIONS) ||
      g_str_equal (code, TURNOS_CODE_TOO_MANY_REQUESTS))
    return _("The server is busy. Please try again in a moment.");
  if (g_str_equal (code, TURNOS_CODE_NO_PAYMENT_PROVIDER))
    return _("This clinic takes no deposits online. Please contact the clinic to book.");
  return NULL;
}

static const char *
words_for_client_error (const GError *error)
{
  const char *code = turnos_client_error_get_api_code (error);
  const char *words = words_for_api_code (code);

  if (words != NULL)
    return words;
  switch ((TurnosClientError) error->code)
    {
    case TURNOS_CLIENT_ERROR_CANNOT_CONNECT:
      return _("Cannot reach the reservations server.");
    case TURNOS_CLIENT_ERROR_TIMED_OUT:
      return _("The server is taking too long to answer.");
    case TURNOS_CLIENT_ERROR_CONFLICT:
      /* A 409 is not always a taken time: a change the reservation's state forbids must not
       * tell the person that someone else took it. */
      if (code == NULL || g_str_equal (code, TURNOS_CODE_SLOT_TAKEN))
        return _("Someone else just took that time.");
      return _("That change is no longer possible.");
    case TURNOS_CLIENT_ERROR_INVALID:
      return _("The server could not accept this request.");
    case TURNOS_CLIENT_ERROR_NOT_FOUND:
      return _("That was not found on the server.");
    case TURNOS_CLIENT_ERROR_MALFORMED:
      return _("The server sent an answer Turnos cannot read.");
    case TURNOS_CLIENT_ERROR_UNTRUSTED_URL:
      return _("The payment page’s address is not one Turnos trusts. Please call the clinic.");
    case TURNOS_CLIENT_ERROR_BAD_ADDRESS:
      return _("The server address is not valid.");
    case TURNOS_CLIENT_ERROR_UNAUTHORIZED:
      return _("Your session has ended. Please sign in again.");
    case TURNOS_CLIENT_ERROR_FORBIDDEN:
      return _("Your account may not do that.");
    case TURNOS_CLIENT_ERROR_TOO_MANY_ATTEMPTS:
      return _("Too many failed attempts. Please wait and try again.");
    case TURNOS_CLIENT_ERROR_UNTRUSTED_CERTIFICATE:
      return _("The server’s certificate is not trusted. Please call the clinic.");
    case TURNOS_CLIENT_ERROR_SERVER:
    default:
      return _("The server had a problem. Please try again.");
    }
}

static const char *
words_for_booking_error (const GError *error)
{
  switch ((TurnosBookingError) error->code)
    {
    case TURNOS_BOOKING_ERROR_PAYMENT_DECLINED:
      return _("The payment was declined. The time was not booked.");
    case TURNOS_BOOKING_ERROR_PAYMENT_EXPIRED:
    default:
      return _("The time to pay ran out. The time was not booked.");
    }
}

char *
turnos_format_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  /* The message is for the log; the person reads words chosen here. */
  g_debug ("error shown: %s %d: %s", g_quark_to_string (error->domain), error->code,
           error->message);
  if (error->domain == TURNOS_CLIENT_ERROR)
    return g_strdup (words_for_client_error (error));
  if (error->domain == TURNOS_BOOKING_ERROR)
    return g_strdup (words_for_booking_error (error));
  return g_strdup (_("Something went wrong. Please try again."));
}

/*
 * Whose clock and which day, and the rules before they bite
 */

char *
turnos_format_zone_city (const char *zone)
{
  const char *slash;
  char *city;

  if (zone == NULL || *zone == '\0')
    return g_strdup ("UTC");
  if (*zone == ':')
    zone++;
  slash = strrchr (zone, '/');
  city = g_strdup (slash != NULL && slash[1] != '\0' ? slash + 1 : zone);
  return g_strdelimit (city, "_", ' ');
}

static char *
city_of (GDateTime *at)
{
  return turnos_format_zone_city (g_time_zone_get_identifier (g_date_time_get_timezone (at)));
}

static char *
local_city (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();

  return turnos_format_zone_city (g_time_zone_get_identifier (local));
}

char *
turnos_format_zone_of (GDateTime *at)
{
  g_autofree char *city = NULL;

  g_return_val_if_fail (at != NULL, NULL);

  city = city_of (at);
  /* Translators: whose clock a time is on, named after the zone's city: "Buenos Aires time".
   * Spanish: "horario de %s" */
  return g_strdup_printf (_("%s time"), city);
}

gboolean
turnos_format_local_differs (GDateTime *at)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (at != NULL, FALSE);

  local = g_date_time_to_local (at);
  return g_date_time_get_utc_offset (local) != g_date_time_get_utc_offset (at);
}

static char *
span_of (GDateTime       *start,
         GDateTime       *end,
         TurnosSpanStyle  style)
{
  return style == TURNOS_SPAN_SPOKEN ? turnos_format_time_range_spoken (start, end)
                                     : turnos_format_time_range (start, end);
}

char *
turnos_format_clinic_span (GDateTime       *start,
                           GDateTime       *end,
                           TurnosSpanStyle  style)
{
  g_autofree char *span = NULL;
  g_autofree char *zone = NULL;

  g_return_val_if_fail (start != NULL && end != NULL, NULL);

  span = span_of (start, end, style);
  zone = turnos_format_zone_of (start);
  /* Translators: a time span and whose clock it is on: "10:00 – 10:45, Buenos Aires time" */
  return g_strdup_printf (C_("span and zone", "%s, %s"), span, zone);
}

char *
turnos_format_day_of (GDateTime       *dt,
                      TurnosSpanStyle  style)
{
  g_return_val_if_fail (dt != NULL, NULL);

  if (style == TURNOS_SPAN_SHORT)
    /* Translators: a short day in g_date_time_format() format, "Tue 2 Dec"; Spanish
     * "%a %-d de %b" */
    return g_date_time_format (dt, _("%a %-d %b"));
  /* Translators: a day without its year in g_date_time_format() format, "Tuesday 2 December";
   * Spanish "%A %-d de %B" */
  return g_date_time_format (dt, _("%A %-d %B"));
}

char *
turnos_format_local_span (GDateTime       *start,
                          GDateTime       *end,
                          TurnosSpanStyle  style)
{
  g_autoptr(GDateTime) s = NULL;
  g_autoptr(GDateTime) e = NULL;
  g_autofree char *span = NULL;
  g_autofree char *city = NULL;
  g_autofree char *mine = NULL;

  g_return_val_if_fail (start != NULL && end != NULL, NULL);

  if (!turnos_format_local_differs (start))
    return NULL;
  s = g_date_time_to_local (start);
  e = g_date_time_to_local (end);
  span = span_of (s, e, style);
  city = local_city ();
  /* Translators: a time span on the patient's own clock, named after their zone's city:
   * "22:00 – 22:45 your time, Tokyo". Spanish: "%s tu horario, %s" (not "tu hora") */
  mine = g_strdup_printf (_("%s your time, %s"), span, city);
  if (g_date_time_get_day_of_year (s) != g_date_time_get_day_of_year (start) ||
      g_date_time_get_year (s) != g_date_time_get_year (start))
    {
      g_autofree char *day = turnos_format_day_of (s, style);

      /* Translators: the patient's time span, then their own day when it is not the
       * clinic's: "08:00 – 08:45 your time, Tokyo, Tue 2 Dec" */
      return g_strdup_printf (C_("span and day", "%s, %s"), mine, day);
    }
  return g_steal_pointer (&mine);
}

char *
turnos_format_calendar_day (const GDate *date,
                            int          free_slots,
                            gboolean     today)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *day = NULL;
  g_autofree char *count = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date), 12, 0, 0);
  day = turnos_format_day_of (dt, TURNOS_SPAN_LONG);
  if (today)
    {
      g_autofree char *plain = g_steal_pointer (&day);

      /* Translators: a calendar day that is today, "Tuesday 1 December, today" */
      day = g_strdup_printf (_("%s, today"), plain);
    }
  if (free_slots < 0)
    return g_steal_pointer (&day);
  if (free_slots == 0)
    count = g_strdup (_("no free times"));
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d free time", "%d free times",
                                          free_slots), free_slots);
  /* Translators: a calendar day and how many free times it has: "Tuesday 1 December, 8 free
   * times" */
  return g_strdup_printf (C_("day and free times", "%s, %s"), day, count);
}

char *
turnos_format_deposit (const TurnosSettings *settings)
{
  g_autofree char *amount = NULL;

  g_return_val_if_fail (settings != NULL, NULL);

  if (!settings->requires_deposit)
    return g_strdup (_("No deposit"));
  amount = turnos_format_amount (settings->deposit_amount, settings->currency);
  /* Translators: %s is an amount such as "5,000.00 ARS" */
  return g_strdup_printf (_("Deposit: %s, paid when booking"), amount);
}

/* "24 hours", "2 days", "90 minutes": a notice's length in its largest whole unit. */
static char *
notice_length (int minutes)
{
  if (minutes % (24 * 60) == 0)
    {
      int days = minutes / (24 * 60);

      if (days == 1)
        /* A day's notice reads as the 24 hours a person counts. */
        return g_strdup (_("24 hours"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
    }
  if (minutes % 60 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", minutes / 60),
                            minutes / 60);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes),
                          minutes);
}

char *
turnos_format_cancel_notice (const TurnosSettings *settings)
{
  g_autofree char *length = NULL;

  g_return_val_if_fail (settings != NULL, NULL);

  if (settings->cancel_notice_minutes <= 0)
    return g_strdup (_("Free cancellation until the session starts"));
  length = notice_length (settings->cancel_notice_minutes);
  /* Translators: %s is a length of time, "24 hours" or "2 days" */
  return g_strdup_printf (_("Free cancellation up to %s before the session"), length);
}

char *
turnos_format_cancel_until (const TurnosSettings *settings,
                            GDateTime            *start,
                            GDateTime            *now)
{
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (settings != NULL && start != NULL && now != NULL, NULL);

  until = g_date_time_add_minutes (start, -MAX (settings->cancel_notice_minutes, 0));
  if (g_date_time_compare (until, now) <= 0)
    return g_strdup (_("Too close to the start to cancel here: to change it, call the clinic"));
  day = turnos_format_day_of (until, TURNOS_SPAN_SHORT);
  clock = g_date_time_format (until, "%H:%M");
  /* Translators: the last moment to cancel for free: "Free cancellation until Sun 29 Nov,
   * 09:00" (a day, then a time) */
  text = g_strdup_printf (_("Free cancellation until %s, %s"), day, clock);
  if (turnos_format_local_differs (until))
    {
      g_autofree char *zone = turnos_format_zone_of (until);

      /* Translators: a sentence and whose clock its time is on: "… 09:00 (Buenos Aires time)" */
      return g_strdup_printf (_("%s (%s)"), text, zone);
    }
  return g_steal_pointer (&text);
}
