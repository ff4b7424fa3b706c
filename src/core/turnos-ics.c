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
#include "turnos-time.h"

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
 * characters, which TEXT cannot hold (RFC 5545 §3.3.11: TSAFE-CHAR, WSP). */
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

/* "+HHMM" / "-HHMM" (RFC 5545 §3.3.14, UTC-OFFSET; seconds never occur in our zones). */
static char *
offset_string (gint32 seconds)
{
  int minutes = seconds / 60;
  char sign = minutes < 0 ? '-' : '+';

  minutes = ABS (minutes);
  return g_strdup_printf ("%c%02d%02d", sign, minutes / 60, minutes % 60);
}

/* A DATE-TIME as RFC 5545 §3.3.5 FORM #3 (";TZID=zone:local") when its local reading names it
 * alone, else as FORM #2 (":…Z", UTC): a reading that occurs twice would be read as its first
 * occurrence by a strict reader and as either by a lax one, so the repeated hour is written
 * in UTC, where no reader can go wrong. */
static void
add_datetime (GString    *out,
              const char *name,
              const char *tzid,
              GDateTime  *dt)
{
  g_autofree char *value = NULL;

  if (turnos_time_is_ambiguous (dt))
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);

      value = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
      add_linef (out, "%s:%s", name, value);
    }
  else
    {
      value = g_date_time_format (dt, "%Y%m%dT%H%M%S");
      add_linef (out, "%s;TZID=%s:%s", name, tzid, value);
    }
}

/* The Unix second at which the zone interval containing @from ends, searching up to @to; -1
 * when @from's interval lasts past @to. */
static gint64
next_change (GTimeZone *tz,
             gint64     from,
             gint64     to)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, from);
  gint64 lo = from, hi;

  /* Six-hour steps: no zone changes twice within six hours. */
  for (hi = from + 6 * 3600;; hi += 6 * 3600)
    {
      if (hi > to)
        return -1;
      if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, hi) != interval)
        break;
      lo = hi;
    }
  /* lo is in @interval, hi is not: bisect to the first second that is not. */
  while (hi - lo > 1)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, mid) == interval)
        lo = mid;
      else
        hi = mid;
    }
  return hi;
}

/* One STANDARD or DAYLIGHT observance, starting at @onset (Unix seconds): DTSTART is the
 * local time of the onset read in the offset before it (RFC 5545 §3.6.5, "DTSTART … is
 * specified as a date with local time value"). */
static void
add_observance (GString   *out,
                GTimeZone *tz,
                gint64     onset,
                gint32     offset_from)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, onset);
  gint32 offset_to = g_time_zone_get_offset (tz, interval);
  /* The higher offset of a change is the summer one, whatever the zone's DST flag says
   * (Europe/Dublin flags its winter). */
  const char *kind = offset_to > offset_from ? "DAYLIGHT" : "STANDARD";
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_utc (onset + offset_from);
  g_autofree char *dtstart = g_date_time_format (local, "%Y%m%dT%H%M%S");
  g_autofree char *from = offset_string (offset_from);
  g_autofree char *to = offset_string (offset_to);
  g_autofree char *name = escape_text (g_time_zone_get_abbreviation (tz, interval));

  add_linef (out, "BEGIN:%s", kind);
  add_linef (out, "DTSTART:%s", dtstart);
  add_linef (out, "TZOFFSETFROM:%s", from);
  add_linef (out, "TZOFFSETTO:%s", to);
  if (*name != '\0')
    add_linef (out, "TZNAME:%s", name);
  add_linef (out, "END:%s", kind);
}

/* A VTIMEZONE for @tz that covers a year either side of [@start, @end): the offset in force a
 * year before the start, then every change up to a year after the end, each as it happens
 * (no RRULE: the rules of a zone change, its past does not). */
static void
add_vtimezone (GString    *out,
               const char *tzid,
               GTimeZone  *tz,
               GDateTime  *start,
               GDateTime  *end)
{
  gint64 from = g_date_time_to_unix (start) - 366 * 86400;
  gint64 to = g_date_time_to_unix (end) + 366 * 86400;
  gint32 offset = g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, from));

  add_line (out, "BEGIN:VTIMEZONE");
  add_linef (out, "TZID:%s", tzid);
  add_observance (out, tz, from, offset);
  for (gint64 at = next_change (tz, from, to); at >= 0; at = next_change (tz, at, to))
    {
      gint32 next = g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, at));

      if (next == offset)   /* a new name or flag, the same clock: nothing to say */
        continue;
      add_observance (out, tz, at, offset);
      offset = next;
    }
  add_line (out, "END:VTIMEZONE");
}

guint
turnos_ics_sequence (const TurnosReservation *reservation)
{
  g_return_val_if_fail (reservation != NULL, 0);

  return reservation->status == TURNOS_STATUS_CANCELLED ? 1 : 0;
}

static const char *
event_status (const TurnosReservation *reservation)
{
  switch (reservation->status)
    {
    case TURNOS_STATUS_PENDING:
      return "TENTATIVE";
    case TURNOS_STATUS_CANCELLED:
      return "CANCELLED";
    case TURNOS_STATUS_CONFIRMED:
    default:
      return "CONFIRMED";
    }
}

/* The clinic's zone of @reservation: its own name for it, else its start's. (transfer full) */
static GTimeZone *
zone_of (const TurnosReservation *reservation)
{
  GTimeZone *tz = NULL;

  if (reservation->timezone != NULL)
    tz = turnos_time_zone_new (reservation->timezone);
  return tz != NULL ? tz : g_time_zone_ref (g_date_time_get_timezone (reservation->start));
}

static void
begin_calendar (GString *out)
{
  /* A plain file to import (RFC 5545 §3.7.2: without METHOD it is no iTIP message, so no
   * ORGANIZER is owed): a calendar updates the event it holds with this UID when SEQUENCE
   * is higher, or equal with a later DTSTAMP (RFC 5546 §2.1.5). */
  add_line (out, "BEGIN:VCALENDAR");
  add_line (out, "VERSION:2.0");
  add_line (out, "PRODID:-//Turnos//Turnos " PACKAGE_VERSION "//EN");
  add_line (out, "CALSCALE:GREGORIAN");
}

/* One VEVENT for @reservation in @tz (named @tzid); @sibling_uid (nullable) is the UID of the
 * first session of its series, for the others. */
static void
add_event (GString                 *out,
           const TurnosReservation *reservation,
           GTimeZone               *tz,
           const char              *tzid,
           const char              *dtstamp,
           const char              *summary_text,
           const char              *description,
           const char              *sibling_uid)
{
  g_autoptr(GDateTime) start = g_date_time_to_timezone (reservation->start, tz);
  g_autoptr(GDateTime) end = g_date_time_to_timezone (reservation->end, tz);
  /* An id from the server stays inside its value (no line break, no property of its own). */
  g_autofree char *uid = escape_text (reservation->id);

  add_line (out, "BEGIN:VEVENT");
  add_linef (out, "UID:%s@turnos", uid);
  add_linef (out, "DTSTAMP:%s", dtstamp);
  add_linef (out, "SEQUENCE:%u", turnos_ics_sequence (reservation));
  add_datetime (out, "DTSTART", tzid, start);
  add_datetime (out, "DTEND", tzid, end);
  add_linef (out, "SUMMARY:%s", summary_text);
  if (description != NULL && *description != '\0')
    {
      g_autofree char *text = escape_text (description);

      add_linef (out, "DESCRIPTION:%s", text);
    }
  add_linef (out, "STATUS:%s", event_status (reservation));
  /* A cancelled session no longer takes the patient's time. */
  add_linef (out, "TRANSP:%s", reservation->status == TURNOS_STATUS_CANCELLED ? "TRANSPARENT" : "OPAQUE");
  if (reservation->series_id != NULL)
    {
      g_autofree char *series = escape_text (reservation->series_id);

      /* The series' link (RFC 5545 §3.8.8.2: a calendar keeps an X- property it does not
       * know), and each later session points at the first (RELTYPE=SIBLING, §3.2.15). */
      add_linef (out, "X-TURNOS-SERIES:%s", series);
      if (sibling_uid != NULL)
        add_linef (out, "RELATED-TO;RELTYPE=SIBLING:%s", sibling_uid);
    }
  add_line (out, "END:VEVENT");
}

char *
turnos_ics_from_reservation (const TurnosReservation *reservation,
                             const char              *summary,
                             const char              *description,
                             GDateTime               *now)
{
  g_autoptr(GPtrArray) one = NULL;

  g_return_val_if_fail (reservation != NULL && reservation->start && reservation->end, NULL);
  g_return_val_if_fail (reservation->id != NULL && *reservation->id != '\0', NULL);
  g_return_val_if_fail (summary != NULL && now != NULL, NULL);

  one = g_ptr_array_new ();
  g_ptr_array_add (one, (gpointer) reservation);
  return turnos_ics_from_series (one, summary, description, now);
}

char *
turnos_ics_from_series (GPtrArray  *reservations,
                        const char *summary,
                        const char *description,
                        GDateTime  *now)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) stamp = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *dtstamp = NULL;
  g_autofree char *summary_text = NULL;
  g_autofree char *sibling = NULL;
  const TurnosReservation *head;
  const char *tzid;

  g_return_val_if_fail (reservations != NULL && reservations->len > 0, NULL);
  g_return_val_if_fail (summary != NULL && now != NULL, NULL);
  for (guint i = 0; i < reservations->len; i++)
    {
      const TurnosReservation *r = g_ptr_array_index (reservations, i);

      g_return_val_if_fail (r != NULL && r->start != NULL && r->end != NULL, NULL);
      g_return_val_if_fail (r->id != NULL && *r->id != '\0', NULL);
    }

  head = g_ptr_array_index (reservations, 0);
  tz = zone_of (head);
  tzid = g_time_zone_get_identifier (tz);
  /* The VTIMEZONE covers every session: the earliest start to the latest end. */
  first = g_date_time_ref (head->start);
  last = g_date_time_ref (head->end);
  for (guint i = 1; i < reservations->len; i++)
    {
      const TurnosReservation *r = g_ptr_array_index (reservations, i);

      if (g_date_time_compare (r->start, first) < 0)
        {
          g_date_time_unref (first);
          first = g_date_time_ref (r->start);
        }
      if (g_date_time_compare (r->end, last) > 0)
        {
          g_date_time_unref (last);
          last = g_date_time_ref (r->end);
        }
    }
  stamp = g_date_time_to_utc (now);
  dtstamp = g_date_time_format (stamp, "%Y%m%dT%H%M%SZ");
  summary_text = escape_text (summary);

  begin_calendar (out);
  add_vtimezone (out, tzid, tz, first, last);
  for (guint i = 0; i < reservations->len; i++)
    {
      const TurnosReservation *r = g_ptr_array_index (reservations, i);

      add_event (out, r, tz, tzid, dtstamp, summary_text, description,
                 i > 0 && g_strcmp0 (r->series_id, head->series_id) == 0 ? sibling : NULL);
      if (i == 0)
        {
          g_autofree char *head_uid = escape_text (head->id);

          sibling = g_strdup_printf ("%s@turnos", head_uid);
        }
    }
  add_line (out, "END:VCALENDAR");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
