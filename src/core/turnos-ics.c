/* turnos-ics.c: a reservation as an iCalendar event (RFC 5545)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "turnos-ics.h"

/* Appends "NAME:value" folded at 75 octets (never inside a UTF-8 sequence), ended by CRLF. */
static void
add_line (GString    *out,
          const char *line)
{
  gsize len = strlen (line), col = 0;

  for (gsize i = 0; i < len;)
    {
      gsize n = g_utf8_next_char (line + i) - (line + i);

      if (col + n > 75)
        {
          g_string_append (out, "\r\n ");
          col = 1;
        }
      g_string_append_len (out, line + i, n);
      col += n;
      i += n;
    }
  g_string_append (out, "\r\n");
}

static void add_linef (GString *out, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
add_linef (GString    *out,
           const char *format,
           ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  add_line (out, line);
}

/* TEXT values escape backslash, semicolon, comma and newlines, and drop the other control
 * characters (RFC 5545 §3.3.11 allows HTAB only), so no text ends a line early. */
static char *
escape_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case ';': g_string_append (out, "\\;"); break;
      case ',': g_string_append (out, "\\,"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\t': g_string_append_c (out, *p); break;
      default:
        if ((guchar) *p >= 0x20 && *p != 0x7f)
          g_string_append_c (out, *p);
      }
  return g_string_free (out, FALSE);
}

static char *
offset_string (GTimeSpan offset)
{
  int minutes = (int) (offset / G_TIME_SPAN_MINUTE);
  char sign = minutes < 0 ? '-' : '+';

  minutes = ABS (minutes);
  return g_strdup_printf ("%c%02d%02d", sign, minutes / 60, minutes % 60);
}

char *
turnos_ics_from_reservation (const TurnosReservation *reservation,
                             const char              *summary,
                             const char              *description,
                             GDateTime               *now)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) stamp = NULL;
  g_autofree char *tzid = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *dtstamp = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *uid = NULL;

  g_return_val_if_fail (reservation != NULL && reservation->start && reservation->end, NULL);
  g_return_val_if_fail (summary != NULL && now != NULL, NULL);

  tzid = g_strdup (reservation->timezone ? reservation->timezone
                   : g_time_zone_get_identifier (g_date_time_get_timezone (reservation->start)));
  offset = offset_string (g_date_time_get_utc_offset (reservation->start));
  start = g_date_time_format (reservation->start, "%Y%m%dT%H%M%S");
  end = g_date_time_format (reservation->end, "%Y%m%dT%H%M%S");
  stamp = g_date_time_to_utc (now);
  dtstamp = g_date_time_format (stamp, "%Y%m%dT%H%M%SZ");
  summary_text = escape_text (summary);
  uid = escape_text (reservation->id ? reservation->id : "draft");

  add_line (out, "BEGIN:VCALENDAR");
  add_line (out, "VERSION:2.0");
  add_line (out, "PRODID:-//Turnos//Turnos " PACKAGE_VERSION "//EN");
  add_line (out, "CALSCALE:GREGORIAN");
  add_line (out, "METHOD:PUBLISH");
  /* The zone as it stands at the session: enough for any calendar, which knows the TZID. */
  add_line (out, "BEGIN:VTIMEZONE");
  add_linef (out, "TZID:%s", tzid);
  add_line (out, "BEGIN:STANDARD");
  add_line (out, "DTSTART:19700101T000000");
  add_linef (out, "TZOFFSETFROM:%s", offset);
  add_linef (out, "TZOFFSETTO:%s", offset);
  add_line (out, "END:STANDARD");
  add_line (out, "END:VTIMEZONE");

  add_line (out, "BEGIN:VEVENT");
  add_linef (out, "UID:%s@turnos", uid);
  add_linef (out, "DTSTAMP:%s", dtstamp);
  add_linef (out, "DTSTART;TZID=%s:%s", tzid, start);
  add_linef (out, "DTEND;TZID=%s:%s", tzid, end);
  add_linef (out, "SUMMARY:%s", summary_text);
  if (description != NULL)
    {
      g_autofree char *text = escape_text (description);

      add_linef (out, "DESCRIPTION:%s", text);
    }
  add_line (out, reservation->status == TURNOS_STATUS_CANCELLED ? "STATUS:CANCELLED"
                                                                : "STATUS:CONFIRMED");
  add_line (out, "END:VEVENT");
  add_line (out, "END:VCALENDAR");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
