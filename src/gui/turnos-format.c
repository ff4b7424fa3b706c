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
  char number[64];

  /* %'.2f groups thousands and uses the locale's decimal mark. */
  snprintf (number, sizeof number, "%'.2f", value);
  /* Translators: an amount and its currency code, "5,000.00 ARS" */
  return g_strdup_printf (_("%s %s"), number, currency ? currency : "");
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
