/* test-ics.c: the .ics of a reservation, read back by libical, a strict iCalendar parser
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libical/ical.h>
#include <string.h>

#include "turnos-ics.h"
#include "turnos-json.h"
#include "turnos-slots.h"
#include "turnos-time.h"

typedef struct
{
  icalcomponent *calendar;
  icalcomponent *event;     /* borrowed from calendar */
} Parsed;

static void
parsed_clear (Parsed *p)
{
  g_clear_pointer (&p->calendar, icalcomponent_free);
  p->event = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Parsed, parsed_clear)

/* Every error libical reports, as the X-LIC-ERROR properties it adds where it found them. */
static char *
lic_errors (icalcomponent *component)
{
  GString *out = g_string_new (NULL);

  for (icalproperty *p = icalcomponent_get_first_property (component, ICAL_XLICERROR_PROPERTY);
       p != NULL; p = icalcomponent_get_next_property (component, ICAL_XLICERROR_PROPERTY))
    g_string_append_printf (out, "%s: %s\n", icalcomponent_kind_to_string (icalcomponent_isa (component)),
                            icalproperty_get_xlicerror (p));
  for (icalcomponent *c = icalcomponent_get_first_component (component, ICAL_ANY_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (component, ICAL_ANY_COMPONENT))
    {
      g_autofree char *inner = lic_errors (c);

      g_string_append (out, inner);
    }
  return g_string_free (out, FALSE);
}

/* The file's form: CRLF only, no line over 75 octets (RFC 5545 §3.1), no METHOD. */
static void
assert_form (const char *ics)
{
  g_auto(GStrv) lines = g_strsplit (ics, "\r\n", -1);
  guint n = g_strv_length (lines);

  g_assert_cmpuint (n, >, 2);
  g_assert_cmpstr (lines[n - 1], ==, "");   /* the last line ends with CRLF too */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_null (strchr (lines[i], '\n'));
      g_assert_null (strchr (lines[i], '\r'));
      g_assert_false (g_str_has_prefix (lines[i], "METHOD"));
    }
}

/* Parses @ics with libical and asserts it found nothing wrong: no parse errors, and the
 * component restrictions of RFC 5545 (icalrestriction_check) hold; it has @n_events events. */
static void
parse_events (const char *ics,
              Parsed     *out,
              int         n_events)
{
  g_autofree char *errors = NULL;

  assert_form (ics);
  out->calendar = icalparser_parse_string (ics);
  g_assert_nonnull (out->calendar);
  g_assert_cmpint (icalcomponent_isa (out->calendar), ==, ICAL_VCALENDAR_COMPONENT);
  errors = lic_errors (out->calendar);
  if (*errors != '\0')
    g_error ("libical: %s\n%s", errors, ics);
  g_assert_cmpint (icalcomponent_count_errors (out->calendar), ==, 0);
  if (!icalrestriction_check (out->calendar))
    {
      g_autofree char *why = lic_errors (out->calendar);

      g_error ("libical restrictions: %s\n%s", why, ics);
    }
  g_assert_null (icalcomponent_get_first_property (out->calendar, ICAL_METHOD_PROPERTY));
  g_assert_cmpint (icalcomponent_count_components (out->calendar, ICAL_VEVENT_COMPONENT), ==, n_events);
  g_assert_cmpint (icalcomponent_count_components (out->calendar, ICAL_VTIMEZONE_COMPONENT), ==, 1);
  out->event = icalcomponent_get_first_component (out->calendar, ICAL_VEVENT_COMPONENT);
}

static void
parse_strictly (const char *ics,
                Parsed     *out)
{
  parse_events (ics, out, 1);
}

/* The instant libical reads for DTSTART or DTEND, with the file's own VTIMEZONE. */
static gint64
read_instant (Parsed  *p,
              gboolean start)
{
  struct icaltimetype t = start ? icalcomponent_get_dtstart (p->event)
                                : icalcomponent_get_dtend (p->event);

  g_assert_false (icaltime_is_null_time (t));
  g_assert_true (icaltime_is_utc (t) || t.zone != NULL);
  return (gint64) icaltime_as_timet_with_zone (t, t.zone ? t.zone : icaltimezone_get_utc_timezone ());
}

static TurnosReservation *
reservation_at (const char *zone,
                GDateTime  *start,
                int         minutes,
                TurnosStatus status)
{
  TurnosReservation *r = turnos_reservation_new ();

  r->id = g_strdup ("4f1c");
  r->client_id = g_strdup ("patient-1");
  r->professional_id = g_strdup ("dr-ana");
  r->start = g_date_time_ref (start);
  r->end = g_date_time_add_minutes (start, minutes);
  r->status = status;
  r->timezone = g_strdup (zone);
  return r;
}

static void
test_round_trip (void)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("America/Argentina/Buenos_Aires");
  g_autoptr(GDateTime) start = g_date_time_new (tz, 2026, 12, 1, 9, 0, 0);
  g_autoptr(TurnosReservation) r = reservation_at ("America/Argentina/Buenos_Aires", start, 45,
                                                   TURNOS_STATUS_CONFIRMED);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 12, 0, 0);
  g_auto(Parsed) p = { NULL, NULL };
  g_autofree char *ics = NULL;
  g_autofree char *long_text = g_strnfill (40, 'x');
  g_autofree char *description = NULL;
  icalproperty *dtstart;
  icalcomponent *vtimezone;

  description = g_strdup_printf ("Virtual; by video, with ñandú and commas, %s\nsecond\x01 line\x7f\r",
                                 long_text);
  ics = turnos_ics_from_reservation (r, "Sesión con Dra. Ana Gómez", description, now);
  parse_strictly (ics, &p);
  /* TEXT holds no control characters but newlines (escaped) and tabs. */
  g_free (description);
  description = g_strdup_printf ("Virtual; by video, with ñandú and commas, %s\nsecond line", long_text);

  g_assert_cmpstr (icalcomponent_get_uid (p.event), ==, "4f1c@turnos");
  g_assert_cmpstr (icalcomponent_get_summary (p.event), ==, "Sesión con Dra. Ana Gómez");
  g_assert_cmpstr (icalcomponent_get_description (p.event), ==, description);
  g_assert_cmpint (icalcomponent_get_status (p.event), ==, ICAL_STATUS_CONFIRMED);
  g_assert_cmpint (icalcomponent_get_sequence (p.event), ==, 0);
  dtstart = icalcomponent_get_first_property (p.event, ICAL_DTSTART_PROPERTY);
  g_assert_cmpstr (icalparameter_get_tzid (icalproperty_get_first_parameter (dtstart, ICAL_TZID_PARAMETER)),
                   ==, "America/Argentina/Buenos_Aires");
  vtimezone = icalcomponent_get_first_component (p.calendar, ICAL_VTIMEZONE_COMPONENT);
  g_assert_cmpstr (icalproperty_get_tzid (icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY)),
                   ==, "America/Argentina/Buenos_Aires");
  /* 09:00 at the clinic (UTC-3) is 12:00 UTC, through the file's own VTIMEZONE. */
  g_assert_cmpint (read_instant (&p, TRUE), ==, g_date_time_to_unix (r->start));
  g_assert_cmpint (read_instant (&p, FALSE), ==, g_date_time_to_unix (r->end));
  g_assert_cmpint (read_instant (&p, TRUE), ==, 1796126400);   /* 2026-12-01T12:00:00Z */
}

/* A booked session, then the same one cancelled: both files are valid, the second has the
 * same UID, a higher SEQUENCE and STATUS:CANCELLED, so a calendar that imported the first
 * replaces it (RFC 5546 §2.1.5: a higher SEQUENCE wins; at the same SEQUENCE, the later
 * DTSTAMP). The same state always gives the same SEQUENCE. */
static void
test_life_cycle (void)
{
  static const struct
  {
    TurnosStatus status;
    int          ical_status;
  } states[] = {
    { TURNOS_STATUS_PENDING, ICAL_STATUS_TENTATIVE },
    { TURNOS_STATUS_CONFIRMED, ICAL_STATUS_CONFIRMED },
    { TURNOS_STATUS_CANCELLED, ICAL_STATUS_CANCELLED },
  };
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("Europe/Madrid");
  g_autoptr(GDateTime) start = g_date_time_new (tz, 2027, 3, 1, 9, 0, 0);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2027, 2, 1, 12, 0, 0);
  g_autofree char *uid = NULL;
  int sequence = -1;
  struct icaltimetype stamp = icaltime_null_time ();

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      g_autoptr(TurnosReservation) r = reservation_at ("Europe/Madrid", start, 45, states[i].status);
      g_autoptr(GDateTime) later = g_date_time_add_minutes (now, (int) i);
      g_autofree char *ics = turnos_ics_from_reservation (r, "Session", NULL, later);
      g_autofree char *again = turnos_ics_from_reservation (r, "Session", NULL, later);
      g_auto(Parsed) p = { NULL, NULL };
      struct icaltimetype this_stamp;
      int this_sequence;

      g_test_message ("%s", turnos_status_to_string (states[i].status));
      g_assert_cmpstr (ics, ==, again);
      parse_strictly (ics, &p);
      g_assert_cmpint (icalcomponent_get_status (p.event), ==, states[i].ical_status);
      this_sequence = icalcomponent_get_sequence (p.event);
      g_assert_cmpint (this_sequence, ==, turnos_ics_sequence (r));
      this_stamp = icalcomponent_get_dtstamp (p.event);
      if (uid == NULL)
        uid = g_strdup (icalcomponent_get_uid (p.event));
      g_assert_cmpstr (icalcomponent_get_uid (p.event), ==, uid);
      /* Supersedes the one before. */
      g_assert_true (this_sequence > sequence ||
                     (this_sequence == sequence && icaltime_compare (this_stamp, stamp) > 0));
      if (states[i].status == TURNOS_STATUS_CANCELLED)
        {
          g_assert_cmpint (this_sequence, >, 0);
          g_assert_cmpint (icalproperty_get_transp (icalcomponent_get_first_property (p.event, ICAL_TRANSP_PROPERTY)),
                           ==, ICAL_TRANSP_TRANSPARENT);
        }
      /* Times do not move with the state. */
      g_assert_cmpint (read_instant (&p, TRUE), ==, g_date_time_to_unix (r->start));
      sequence = this_sequence;
      stamp = this_stamp;
    }
}

/* Sessions on DST days, in zones with changes of an hour and of half an hour, in both
 * hemispheres: libical reads every start and end as the same instant, through the file's
 * VTIMEZONE, or from UTC for a time in a repeated hour. Every slot of every DST day of 2026
 * and 2027 and of the day before it, and of each New Year's Day (the only days of the zones
 * without DST). */
static void
test_dst_days (void)
{
  static const char * const zones[] = {
    "Europe/Madrid", "America/New_York", "America/Santiago", "Australia/Lord_Howe",
    "Europe/Dublin", "America/Havana", "America/Argentina/Buenos_Aires", "UTC",
  };
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  guint files = 0, in_fold = 0;

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(TurnosSettings) settings = turnos_settings_new ();
      GDate date;

      g_assert_true (turnos_settings_set_timezone (settings, zones[z]));
      settings->session_duration_minutes = 60;
      settings->slot_interval_minutes = 30;
      settings->booking_horizon_days = 800;
      for (int wd = 1; wd <= 7; wd++)
        turnos_settings_add_hours (settings, wd, 0, 24 * 60);

      g_date_clear (&date, 1);
      for (g_date_set_dmy (&date, 1, 1, 2026); g_date_get_year (&date) <= 2027; g_date_add_days (&date, 1))
        {
          g_autoptr(GDateTime) day_start = NULL;
          g_autoptr(GDateTime) day_end = NULL;
          g_autoptr(GArray) slots = NULL;
          GDate next = date;

          /* A DST day or the day before one (a session may cross midnight into it). */
          g_date_add_days (&next, 1);
          {
            g_autoptr(GDateTime) a = NULL;
            g_autoptr(GDateTime) b = NULL;

            turnos_day_bounds (settings->tz, &next, &a, &b);
            turnos_day_bounds (settings->tz, &date, &day_start, &day_end);
            if (g_date_time_difference (day_end, day_start) == G_TIME_SPAN_DAY &&
                g_date_time_difference (b, a) == G_TIME_SPAN_DAY &&
                !(g_date_get_day (&date) == 1 && g_date_get_month (&date) == 1))
              continue;
          }
          slots = turnos_slots_compute (settings, &date, NULL, 0, now);
          for (guint i = 0; i < slots->len; i++)
            {
              TurnosInterval *iv = &g_array_index (slots, TurnosInterval, i);
              g_autoptr(TurnosReservation) r = reservation_at (zones[z], iv->start, 60,
                                                               TURNOS_STATUS_CONFIRMED);
              g_autofree char *ics = NULL;
              g_auto(Parsed) p = { NULL, NULL };

              g_free (r->id);
              r->id = g_strdup_printf ("%s-%u", zones[z], i);
              ics = turnos_ics_from_reservation (r, "Session", NULL, now);
              parse_strictly (ics, &p);
              if (read_instant (&p, TRUE) != g_date_time_to_unix (r->start) ||
                  read_instant (&p, FALSE) != g_date_time_to_unix (r->end))
                g_error ("libical reads other instants for %s:\n%s", r->id, ics);
              files++;
              in_fold += turnos_time_is_ambiguous (r->start) || turnos_time_is_ambiguous (r->end);
            }
        }
    }
  g_test_message ("%u files, %u with a time in a repeated hour", files, in_fold);
  g_assert_cmpuint (in_fold, >, 0);
}

/* The session, by hand: 01:00–02:00 CEST on Madrid's fall-back night ends at the
 * first 02:00, written in UTC; the repeated hour's slot starts at the first 02:00. */
static void
test_repeated_hour_in_utc (void)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("Europe/Madrid");
  g_autoptr(GDateTime) one = turnos_time_parse ("2027-10-31T01:00:00", tz, NULL);
  g_autoptr(GDateTime) two = turnos_time_parse ("2027-10-31T02:00:00", tz, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2027, 10, 1, 0, 0, 0);
  g_autoptr(TurnosReservation) a = reservation_at ("Europe/Madrid", one, 60, TURNOS_STATUS_CONFIRMED);
  g_autoptr(TurnosReservation) b = reservation_at ("Europe/Madrid", two, 60, TURNOS_STATUS_CONFIRMED);
  g_autofree char *ics_a = turnos_ics_from_reservation (a, "Session", NULL, now);
  g_autofree char *ics_b = turnos_ics_from_reservation (b, "Session", NULL, now);

  g_assert_nonnull (strstr (ics_a, "DTSTART;TZID=Europe/Madrid:20271031T010000\r\n"));
  g_assert_nonnull (strstr (ics_a, "DTEND:20271031T000000Z\r\n"));
  g_assert_nonnull (strstr (ics_b, "DTSTART:20271031T000000Z\r\n"));
  g_assert_nonnull (strstr (ics_b, "DTEND:20271031T010000Z\r\n"));
  /* The zone's real changes, not one offset for all time. */
  g_assert_nonnull (strstr (ics_a, "BEGIN:DAYLIGHT\r\nDTSTART:20270328T020000\r\nTZOFFSETFROM:+0100\r\n"
                                   "TZOFFSETTO:+0200\r\n"));
  g_assert_nonnull (strstr (ics_a, "BEGIN:STANDARD\r\nDTSTART:20271031T030000\r\nTZOFFSETFROM:+0200\r\n"
                                   "TZOFFSETTO:+0100\r\n"));
}

/* The value of @event's X- property @name, or NULL. */
static const char *
x_property (icalcomponent *event,
            const char    *name)
{
  for (icalproperty *p = icalcomponent_get_first_property (event, ICAL_X_PROPERTY); p != NULL;
       p = icalcomponent_get_next_property (event, ICAL_X_PROPERTY))
    if (g_strcmp0 (icalproperty_get_x_name (p), name) == 0)
      return icalproperty_get_x (p);
  return NULL;
}

/* A weekly series across Madrid's spring change, one session cancelled and one moved: one
 * file, one event per session with its own UID, SEQUENCE and STATUS, every one linked to the
 * series (X-TURNOS-SERIES, and RELATED-TO the first as a sibling), every instant right
 * through the file's one VTIMEZONE. */
static void
test_series (void)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("Europe/Madrid");
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 1, 12, 0, 0);
  g_autoptr(GDateTime) first = g_date_time_new (tz, 2026, 3, 12, 18, 0, 0);
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  g_autofree char *ics = NULL;
  g_autofree char *single = NULL;
  g_auto(Parsed) p = { NULL, NULL };
  g_auto(Parsed) q = { NULL, NULL };
  guint i = 0;

  for (int week = 0; week < 4; week++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_days (first, 7 * week);
      TurnosReservation *r = reservation_at ("Europe/Madrid", start, 45,
                                             week == 1 ? TURNOS_STATUS_CANCELLED : TURNOS_STATUS_CONFIRMED);

      g_free (r->id);
      r->id = g_strdup_printf ("s%d", week);
      r->series_id = g_strdup ("weekly, \"Thursdays\"");
      g_ptr_array_add (sessions, r);
    }
  ics = turnos_ics_from_series (sessions, "Session", "Virtual", now);
  parse_events (ics, &p, 4);
  for (icalcomponent *event = icalcomponent_get_first_component (p.calendar, ICAL_VEVENT_COMPONENT);
       event != NULL; event = icalcomponent_get_next_component (p.calendar, ICAL_VEVENT_COMPONENT), i++)
    {
      TurnosReservation *r = sessions->pdata[i];
      icalproperty *related = icalcomponent_get_first_property (event, ICAL_RELATEDTO_PROPERTY);
      struct icaltimetype t = icalcomponent_get_dtstart (event);
      g_autofree char *uid = g_strdup_printf ("%s@turnos", r->id);

      g_assert_cmpstr (icalcomponent_get_uid (event), ==, uid);
      g_assert_cmpstr (x_property (event, "X-TURNOS-SERIES"), ==, "weekly, \"Thursdays\"");
      g_assert_cmpint (icalcomponent_get_sequence (event), ==, turnos_ics_sequence (r));
      g_assert_cmpint (icalcomponent_get_status (event), ==,
                       i == 1 ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED);
      /* 18:00 each week: 17:00 UTC before the change, 16:00 after. */
      g_assert_cmpint (icaltime_as_timet_with_zone (t, t.zone), ==, g_date_time_to_unix (r->start));
      g_assert_cmpint (t.hour, ==, 18);
      if (i == 0)
        g_assert_null (related);
      else
        {
          icalparameter *type = icalproperty_get_first_parameter (related, ICAL_RELTYPE_PARAMETER);

          g_assert_cmpstr (icalproperty_get_relatedto (related), ==, "s0@turnos");
          g_assert_nonnull (type);
          g_assert_cmpint (icalparameter_get_reltype (type), ==, ICAL_RELTYPE_SIBLING);
        }
    }
  g_assert_cmpuint (i, ==, 4);

  /* One session of it alone still says its series. */
  single = turnos_ics_from_reservation (sessions->pdata[2], "Session", NULL, now);
  parse_strictly (single, &q);
  g_assert_cmpstr (x_property (q.event, "X-TURNOS-SERIES"), ==, "weekly, \"Thursdays\"");
  g_assert_null (icalcomponent_get_first_property (q.event, ICAL_RELATEDTO_PROPERTY));
}

/* An id or a text from a hostile server stays inside its value: no line break, no control
 * character, no property of its own. */
static void
test_hostile_text (void)
{
  g_autoptr(TurnosReservation) r = turnos_reservation_new ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 20, 12, 0, 0);
  g_autofree char *ics = NULL;
  g_auto(Parsed) p = { NULL, NULL };

  r->id = g_strdup ("r1\r\nATTENDEE:mailto:evil@example.com\x1a");
  r->start = g_date_time_new_utc (2026, 12, 1, 9, 0, 0);
  r->end = g_date_time_add_minutes (r->start, 45);
  r->status = TURNOS_STATUS_CONFIRMED;
  ics = turnos_ics_from_reservation (r, "Session\x01\x7f\rwith\tDra. Ana", "one\r\ntwo", now);

  g_assert_null (strstr (ics, "\r\nATTENDEE"));
  for (const char *c = ics; *c != '\0'; c++)
    if (*c == '\r')
      g_assert_true (c[1] == '\n');
    else if (*c == '\n')
      g_assert_true (c > ics && c[-1] == '\r');
    else
      g_assert_true ((guchar) *c >= 0x20 || *c == '\t');
  parse_strictly (ics, &p);
  g_assert_null (icalcomponent_get_first_property (p.event, ICAL_ATTENDEE_PROPERTY));
  g_assert_cmpstr (icalcomponent_get_uid (p.event), ==, "r1\nATTENDEE:mailto:evil@example.com@turnos");
  g_assert_cmpstr (icalcomponent_get_summary (p.event), ==, "Sessionwith\tDra. Ana");
  g_assert_cmpstr (icalcomponent_get_description (p.event), ==, "one\ntwo");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/ics/round-trip", test_round_trip);
  g_test_add_func ("/core/ics/life-cycle", test_life_cycle);
  g_test_add_func ("/core/ics/dst-days", test_dst_days);
  g_test_add_func ("/core/ics/repeated-hour-in-utc", test_repeated_hour_in_utc);
  g_test_add_func ("/core/ics/series", test_series);
  g_test_add_func ("/core/ics/hostile-text", test_hostile_text);

  return g_test_run ();
}
