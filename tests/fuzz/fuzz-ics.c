/* fuzz-ics.c: the .ics writer fed stored reservations as a server may send them
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "turnos-ics.h"
#include "turnos-time.h"

static GTimeZone *zone;
static GDateTime *now;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  zone = turnos_time_zone_new ("America/Argentina/Buenos_Aires");
  now = g_date_time_new_utc (2026, 3, 2, 15, 0, 0);
  return 0;
}

/* The names turnos_ics_from_reservation writes: any other line is text that got out of its
 * value (a property injected by a newline in an id or a summary). */
static gboolean
known_name (const char *line)
{
  static const char * const names[] = {
    "BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "TZID", "DTSTART", "DTEND",
    "TZOFFSETFROM", "TZOFFSETTO", "TZNAME", "UID", "DTSTAMP", "SEQUENCE", "SUMMARY",
    "DESCRIPTION", "STATUS", "TRANSP",
  };
  gsize len = strcspn (line, ":;");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i]) == len && strncmp (line, names[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* RFC 5545 §3.1: lines end in CRLF and hold at most 75 octets; a folded line goes on after a
 * space; no control character but HTAB inside a line; one VEVENT. */
static void
check_ics (const char *ics)
{
  g_autoptr(GString) unfolded = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  guint events = 0;

  fuzz_check (g_utf8_validate (ics, -1, NULL), "the .ics is UTF-8");
  fuzz_check (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\n"), "the .ics opens a VCALENDAR");
  fuzz_check (g_str_has_suffix (ics, "END:VCALENDAR\r\n"), "the .ics closes its VCALENDAR");
  for (const char *p = ics; *p != '\0';)
    {
      const char *eol = strstr (p, "\r\n");

      fuzz_check (eol != NULL, "every line ends in CRLF");
      fuzz_check (eol - p <= 75, "no line is longer than 75 octets");
      for (const char *c = p; c < eol; c++)
        fuzz_check (((guchar) *c >= 0x20 && *c != 0x7f) || *c == '\t',
                    "no control character inside a line");
      if (*p == ' ')
        g_string_append_len (unfolded, p + 1, eol - p - 1);
      else
        {
          if (unfolded->len > 0)
            g_string_append_c (unfolded, '\n');
          g_string_append_len (unfolded, p, eol - p);
        }
      p = eol + 2;
    }
  lines = g_strsplit (unfolded->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      fuzz_check (known_name (lines[i]), "every line is a property the writer writes");
      if (g_str_equal (lines[i], "BEGIN:VEVENT"))
        events++;
    }
  fuzz_check (events == 1, "one VEVENT");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = fuzz_parse_json (data, size);
  g_autoptr(TurnosReservation) r = NULL;
  g_autofree char *ics = NULL;

  if (node == NULL || !(r = turnos_reservation_stored_from_json (node, zone, NULL)))
    return 0;
  /* The page passes translated text; here the patient and professional ids stand in for it. */
  ics = turnos_ics_from_reservation (r, r->client_id, r->professional_id, now);
  fuzz_check (ics != NULL, "every stored reservation has an .ics");
  check_ics (ics);
  return 0;
}
