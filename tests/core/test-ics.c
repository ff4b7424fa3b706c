/* test-ics.c: the .ics of a reservation, read back by a real iCalendar parser
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "turnos-ics.h"
#include "turnos-json.h"
#include "turnos-time.h"

/* Debian's python3-icalendar parses the file and says what it read, as JSON. */
static const char parser[] =
  "import icalendar, json, sys\n"
  "cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())\n"
  "ev = [c for c in cal.walk('VEVENT')][0]\n"
  "tz = [c for c in cal.walk('VTIMEZONE')][0]\n"
  "start, end = ev.decoded('DTSTART'), ev.decoded('DTEND')\n"
  "print(json.dumps({'uid': str(ev['UID']), 'summary': str(ev['SUMMARY']),\n"
  "  'description': str(ev['DESCRIPTION']), 'status': str(ev['STATUS']),\n"
  "  'start': start.isoformat(), 'end': end.isoformat(),\n"
  "  'tzid': ev['DTSTART'].params['TZID'], 'vtimezone': str(tz['TZID']),\n"
  "  'utc_start': start.astimezone(__import__('datetime').timezone.utc).isoformat()}))\n";

static JsonObject *
parse_with_icalendar (const char *ics,
                      JsonNode  **keep)
{
  const char *argv[] = { "/usr/bin/python3", "-c", parser, NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) in = g_bytes_new (ics, strlen (ics));
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                  G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (proc, in, NULL, &out, &err, &error));
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("icalendar: %.*s", (int) g_bytes_get_size (err), (const char *) g_bytes_get_data (err, NULL));
  data = g_bytes_get_data (out, &len);
  *keep = turnos_json_parse (data, len, &error);
  g_assert_no_error (error);
  return json_node_get_object (*keep);
}

static void
test_round_trip (void)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("America/Argentina/Buenos_Aires");
  g_autoptr(TurnosReservation) r = turnos_reservation_new ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 12, 0, 0);
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *long_text = g_strnfill (40, 'x');
  g_autofree char *description = NULL;
  JsonObject *o;

  r->id = g_strdup ("4f1c");
  r->client_id = g_strdup ("patient-1");
  r->professional_id = g_strdup ("dr-ana");
  r->start = g_date_time_new (tz, 2026, 12, 1, 9, 0, 0);
  r->end = g_date_time_add_minutes (r->start, 45);
  r->status = TURNOS_STATUS_CONFIRMED;
  r->timezone = g_strdup ("America/Argentina/Buenos_Aires");
  description = g_strdup_printf ("Virtual; by video, with ñandú and commas, %s\nsecond line", long_text);

  ics = turnos_ics_from_reservation (r, "Sesión con Dra. Ana Gómez", description, now);
  /* CRLF everywhere and no line over 75 octets. */
  {
    g_auto(GStrv) lines = g_strsplit (ics, "\r\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_assert_cmpuint (strlen (lines[i]), <=, 75);
        g_assert_null (strchr (lines[i], '\n'));
      }
  }

  o = parse_with_icalendar (ics, &keep);
  g_assert_cmpstr (json_object_get_string_member (o, "uid"), ==, "4f1c@turnos");
  g_assert_cmpstr (json_object_get_string_member (o, "summary"), ==, "Sesión con Dra. Ana Gómez");
  g_assert_cmpstr (json_object_get_string_member (o, "description"), ==, description);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "CONFIRMED");
  g_assert_cmpstr (json_object_get_string_member (o, "tzid"), ==, "America/Argentina/Buenos_Aires");
  g_assert_cmpstr (json_object_get_string_member (o, "vtimezone"), ==, "America/Argentina/Buenos_Aires");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "start"), "2026-12-01T09:00:00"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "end"), "2026-12-01T09:45:00"));
  /* 09:00 at the clinic (UTC-3) is 12:00 UTC. */
  g_assert_cmpstr (json_object_get_string_member (o, "utc_start"), ==, "2026-12-01T12:00:00+00:00");
}

static void
test_cancelled (void)
{
  g_autoptr(TurnosReservation) r = turnos_reservation_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *ics = NULL;
  JsonObject *o;

  r->id = g_strdup ("x");
  r->start = g_date_time_new_utc (2026, 12, 1, 9, 0, 0);
  r->end = g_date_time_add_minutes (r->start, 45);
  r->status = TURNOS_STATUS_CANCELLED;
  ics = turnos_ics_from_reservation (r, "Session", "", now);
  o = parse_with_icalendar (ics, &keep);
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "CANCELLED");
}

/* An id or a text from a hostile server stays inside its value: no line break, no control
 * character, no property of its own. */
static void
test_hostile_text (void)
{
  g_autoptr(TurnosReservation) r = turnos_reservation_new ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 12, 0, 0);
  g_autoptr(JsonNode) keep = NULL;
  g_autofree char *ics = NULL;
  JsonObject *o;

  r->id = g_strdup ("r1\r\nATTENDEE:mailto:evil@example.com\x1a");
  r->start = g_date_time_new_utc (2026, 12, 1, 9, 0, 0);
  r->end = g_date_time_add_minutes (r->start, 45);
  r->status = TURNOS_STATUS_CONFIRMED;
  ics = turnos_ics_from_reservation (r, "Session\x01\x7f\rwith\tDra. Ana", "one\r\ntwo", now);

  g_assert_null (strstr (ics, "\r\nATTENDEE"));
  for (const char *p = ics; *p != '\0'; p++)
    if (*p == '\r')
      g_assert_true (p[1] == '\n');
    else if (*p == '\n')
      g_assert_true (p > ics && p[-1] == '\r');
    else
      g_assert_true ((guchar) *p >= 0x20 || *p == '\t');
  o = parse_with_icalendar (ics, &keep);
  g_assert_cmpstr (json_object_get_string_member (o, "uid"), ==, "r1\nATTENDEE:mailto:evil@example.com@turnos");
  g_assert_cmpstr (json_object_get_string_member (o, "summary"), ==, "Sessionwith\tDra. Ana");
  g_assert_cmpstr (json_object_get_string_member (o, "description"), ==, "one\ntwo");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/ics/round-trip", test_round_trip);
  g_test_add_func ("/core/ics/cancelled", test_cancelled);
  g_test_add_func ("/core/ics/hostile-text", test_hostile_text);

  return g_test_run ();
}
