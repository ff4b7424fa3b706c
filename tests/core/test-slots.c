/* test-slots.c: the slot engine on the hard days
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "turnos-error.h"
#include "turnos-slots.h"
#include "turnos-time.h"

typedef struct
{
  const char *path;
  const char *zone;
  int         duration;
  int         interval;
  int         notice;
  int         horizon;
  const char *hours;      /* "WEEKDAY HH:MM-HH:MM;…" */
  const char *day;
  const char *now;        /* in the zone */
  const char *busy;       /* "STATUS START END;…" STATUS: C confirmed, X cancelled,
                           * P pending live, E pending expired, B block */
  const char *expected;   /* "HH:MM-HH:MM …" in the zone, wall clock */
} SlotCase;

static const SlotCase cases[] = {
  { "/core/slots/plain-day", "America/Argentina/Buenos_Aires", 45, 60, 0, 60,
    "1 09:00-13:00", "2026-03-16", "2026-03-01T08:00:00", "",
    "09:00-09:45 10:00-10:45 11:00-11:45 12:00-12:45" },
  { "/core/slots/day-off", "America/Argentina/Buenos_Aires", 45, 60, 0, 60,
    "1 09:00-13:00", "2026-03-15", "2026-03-01T08:00:00", "", "" },
  { "/core/slots/ninety-minute-booking-takes-the-next-slot", "America/Argentina/Buenos_Aires",
    60, 60, 0, 60, "1 09:00-13:00", "2026-03-16", "2026-03-01T08:00:00",
    "C 2026-03-16T09:00:00 2026-03-16T10:30:00", "11:00-12:00 12:00-13:00" },
  { "/core/slots/mixed-durations", "America/Argentina/Buenos_Aires", 30, 30, 0, 60,
    "1 09:00-11:00", "2026-03-16", "2026-03-01T08:00:00",
    "C 2026-03-16T09:15:00 2026-03-16T09:45:00;C 2026-03-16T10:00:00 2026-03-16T10:20:00",
    "10:30-11:00" },
  { "/core/slots/cancelled-takes-nothing", "America/Argentina/Buenos_Aires", 45, 60, 0, 60,
    "1 09:00-11:00", "2026-03-16", "2026-03-01T08:00:00",
    "X 2026-03-16T09:00:00 2026-03-16T09:45:00", "09:00-09:45 10:00-10:45" },
  { "/core/slots/pending-holds", "America/Argentina/Buenos_Aires", 45, 60, 0, 60,
    "1 09:00-11:00", "2026-03-16", "2026-03-01T08:00:00",
    "P 2026-03-16T09:00:00 2026-03-16T09:45:00;E 2026-03-16T10:00:00 2026-03-16T10:45:00",
    "10:00-10:45" },
  { "/core/slots/block-part-of-day", "America/Argentina/Buenos_Aires", 45, 60, 0, 60,
    "1 09:00-13:00", "2026-03-16", "2026-03-01T08:00:00",
    "B 2026-03-16T10:30:00 2026-03-16T12:00:00", "09:00-09:45 12:00-12:45" },
  { "/core/slots/multi-day-block-middle-day", "America/Argentina/Buenos_Aires", 45, 60, 0, 60,
    "1 09:00-13:00;2 09:00-13:00;3 09:00-13:00", "2026-03-17", "2026-03-01T08:00:00",
    "B 2026-03-16T00:00:00 2026-03-19T00:00:00", "" },
  { "/core/slots/booking-across-midnight", "America/Argentina/Buenos_Aires", 60, 60, 0, 60,
    "2 00:00-03:00", "2026-03-17", "2026-03-01T08:00:00",
    "C 2026-03-16T23:30:00 2026-03-17T00:30:00", "01:00-02:00 02:00-03:00" },
  { "/core/slots/min-notice", "America/Argentina/Buenos_Aires", 45, 60, 120, 60,
    "1 09:00-13:00", "2026-03-16", "2026-03-16T08:30:00", "",
    "11:00-11:45 12:00-12:45" },
  { "/core/slots/today-past-hours", "America/Argentina/Buenos_Aires", 45, 60, 0, 60,
    "1 09:00-13:00", "2026-03-16", "2026-03-16T10:05:00", "",
    "11:00-11:45 12:00-12:45" },
  { "/core/slots/past-day", "America/Argentina/Buenos_Aires", 45, 60, 0, 60,
    "1 09:00-13:00", "2026-03-16", "2026-03-17T08:00:00", "", "" },
  { "/core/slots/horizon-last-day", "America/Argentina/Buenos_Aires", 45, 60, 0, 15,
    "1 09:00-10:00", "2026-03-16", "2026-03-01T08:00:00", "", "09:00-09:45" },
  { "/core/slots/beyond-horizon", "America/Argentina/Buenos_Aires", 45, 60, 0, 14,
    "1 09:00-10:00", "2026-03-16", "2026-03-01T08:00:00", "", "" },
  /* Europe/Madrid springs forward at 02:00 → 03:00 on 2026-03-29 (a Sunday). */
  { "/core/slots/dst-spring-forward", "Europe/Madrid", 60, 60, 0, 60,
    "7 00:00-05:00", "2026-03-29", "2026-03-01T08:00:00", "",
    "00:00-01:00 01:00-03:00 03:00-04:00 04:00-05:00" },
  /* …and falls back at 03:00 → 02:00 on 2026-10-25: the wall time 02:00 exists twice and is
   * offered once, at its first run (RFC 5545 §3.3.5, turnos-time.h), every slot lasting its
   * 60 elapsed minutes: the first 02:00 to the second. */
  { "/core/slots/dst-fall-back", "Europe/Madrid", 60, 60, 0, 60,
    "7 00:00-04:00", "2026-10-25", "2026-10-01T08:00:00", "",
    "00:00-01:00 01:00-02:00 02:00-02:00 03:00-04:00" },
  /* A busy span ending in the repeated hour, read relative to its start: 01:30–02:30 is the
   * first 02:30, and the slot from the first 02:00 is taken, 03:00 is not. */
  { "/core/slots/dst-fall-back-busy-end-in-fold", "Europe/Madrid", 60, 60, 0, 60,
    "7 00:00-04:00", "2026-10-25", "2026-10-01T08:00:00",
    "C 2026-10-25T01:30:00 2026-10-25T02:30:00", "00:00-01:00 03:00-04:00" },
  /* Lord Howe falls back half an hour (02:00 → 01:30) on 2026-04-05. */
  { "/core/slots/dst-half-hour-fall-back", "Australia/Lord_Howe", 60, 30, 0, 60,
    "7 00:00-03:00", "2026-04-05", "2026-04-01T08:00:00", "",
    "00:00-01:00 00:30-01:30 01:00-01:30 01:30-02:00 02:00-03:00" },
  /* America/Santiago sprang forward at 24:00 → 01:00 on 2022-09-11: no midnight. */
  { "/core/slots/no-midnight", "America/Santiago", 60, 60, 0, 60,
    "7 00:00-03:00", "2022-09-11", "2022-09-01T08:00:00", "",
    "01:00-02:00 02:00-03:00" },
};

static TurnosSettings *
settings_for (const SlotCase *c)
{
  TurnosSettings *s = turnos_settings_new ();
  g_auto(GStrv) ranges = g_strsplit (c->hours, ";", -1);

  g_assert_true (turnos_settings_set_timezone (s, c->zone));
  s->session_duration_minutes = c->duration;
  s->slot_interval_minutes = c->interval;
  s->min_notice_minutes = c->notice;
  s->booking_horizon_days = c->horizon;
  for (guint i = 0; ranges[i] != NULL; i++)
    {
      int weekday, start, end;
      char from[6], to[6];

      g_assert_cmpint (sscanf (ranges[i], "%d %5[0-9:]-%5[0-9:]", &weekday, from, to), ==, 3);
      g_assert_true (turnos_clock_parse (from, &start, NULL));
      g_assert_true (turnos_clock_parse (to, &end, NULL));
      turnos_settings_add_hours (s, weekday, start, end);
    }
  return s;
}

static GDateTime *
at (GTimeZone  *tz,
    const char *str)
{
  g_autoptr(GError) error = NULL;
  GDateTime *dt = turnos_time_parse (str, tz, &error);

  g_assert_no_error (error);
  return dt;
}

static void
run_case (gconstpointer data)
{
  const SlotCase *c = data;
  g_autoptr(TurnosSettings) settings = settings_for (c);
  g_autoptr(GPtrArray) reservations = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_block_unref);
  g_autoptr(GDateTime) now = at (settings->tz, c->now);
  g_auto(GStrv) busy = g_strsplit (c->busy, ";", -1);
  g_autoptr(GArray) slots = NULL;
  g_autoptr(GString) got = g_string_new (NULL);
  GDate date;

  g_assert_true (turnos_date_parse (c->day, &date, NULL));
  for (guint i = 0; busy[i] != NULL && *busy[i] != '\0'; i++)
    {
      char kind, start[20], end[20];

      g_assert_cmpint (sscanf (busy[i], "%c %19s %19s", &kind, start, end), ==, 3);
      if (kind == 'B')
        {
          TurnosBlock *b = turnos_block_new ();

          b->start = at (settings->tz, start);
          b->end = turnos_time_parse_end (end, settings->tz, b->start, NULL);
          g_ptr_array_add (blocks, b);
        }
      else
        {
          TurnosReservation *r = turnos_reservation_new ();

          r->start = at (settings->tz, start);
          r->end = turnos_time_parse_end (end, settings->tz, r->start, NULL);
          r->status = kind == 'C' ? TURNOS_STATUS_CONFIRMED
                      : kind == 'X' ? TURNOS_STATUS_CANCELLED : TURNOS_STATUS_PENDING;
          if (kind == 'P')
            r->hold_expires_at = g_date_time_add_minutes (now, 10);
          else if (kind == 'E')
            r->hold_expires_at = g_date_time_add_minutes (now, -1);
          g_ptr_array_add (reservations, r);
        }
    }

  slots = turnos_slots_compute_for (settings, &date, reservations, blocks, now);
  for (guint i = 0; i < slots->len; i++)
    {
      TurnosInterval *iv = &g_array_index (slots, TurnosInterval, i);
      g_autofree char *s = g_date_time_format (iv->start, "%H:%M");
      g_autofree char *e = g_date_time_format (iv->end, "%H:%M");

      g_string_append_printf (got, "%s%s-%s", i ? " " : "", s, e);
      g_assert_cmpint (g_date_time_difference (iv->end, iv->start), ==,
                       (GTimeSpan) c->duration * G_TIME_SPAN_MINUTE);
    }
  g_assert_cmpstr (got->str, ==, c->expected);
}

/* The server's rules come from the same grid. */
static void
check_booking (void)
{
  static const struct
  {
    const char *start;
    const char *end;
    TurnosModality modality;
    int code;   /* -1 accepted */
  } checks[] = {
    { "2026-03-16T09:00:00", "2026-03-16T09:45:00", TURNOS_MODALITY_VIRTUAL, -1 },
    { "2026-03-16T09:00:00", "2026-03-16T10:00:00", TURNOS_MODALITY_VIRTUAL, TURNOS_ERROR_BAD_DURATION },
    { "2026-03-16T09:30:00", "2026-03-16T10:15:00", TURNOS_MODALITY_VIRTUAL, TURNOS_ERROR_OUTSIDE_HOURS },
    { "2026-03-16T12:30:00", "2026-03-16T13:15:00", TURNOS_MODALITY_VIRTUAL, TURNOS_ERROR_OUTSIDE_HOURS },
    { "2026-03-15T09:00:00", "2026-03-15T09:45:00", TURNOS_MODALITY_VIRTUAL, TURNOS_ERROR_OUTSIDE_HOURS },
    { "2026-03-16T09:00:00", "2026-03-16T09:45:00", TURNOS_MODALITY_PRESENCIAL, TURNOS_ERROR_MODALITY_NOT_OFFERED },
    { "2026-03-16T09:00:00", "2026-03-16T09:45:00", TURNOS_MODALITY_NONE, TURNOS_ERROR_MODALITY_NOT_OFFERED },
    { "2026-03-02T07:00:00", "2026-03-02T07:45:00", TURNOS_MODALITY_VIRTUAL, TURNOS_ERROR_IN_PAST },
    { "2026-03-02T09:00:00", "2026-03-02T09:45:00", TURNOS_MODALITY_VIRTUAL, TURNOS_ERROR_TOO_SOON },
    { "2026-05-04T09:00:00", "2026-05-04T09:45:00", TURNOS_MODALITY_VIRTUAL, TURNOS_ERROR_BEYOND_HORIZON },
  };
  g_autoptr(TurnosSettings) s = turnos_settings_new ();
  g_autoptr(GDateTime) now = NULL;

  g_assert_true (turnos_settings_set_timezone (s, "America/Argentina/Buenos_Aires"));
  s->session_duration_minutes = 45;
  s->slot_interval_minutes = 60;
  s->min_notice_minutes = 120;
  s->booking_horizon_days = 60;
  s->session_modality = TURNOS_MODALITY_VIRTUAL;
  for (int wd = 1; wd <= 5; wd++)
    turnos_settings_add_hours (s, wd, 9 * 60, 13 * 60);
  now = at (s->tz, "2026-03-02T08:00:00");

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) start = at (s->tz, checks[i].start);
      g_autoptr(GDateTime) end = at (s->tz, checks[i].end);
      gboolean ok = turnos_slots_check_booking (s, start, end, checks[i].modality, now, &error);

      g_test_message ("check %u: %s", i, checks[i].start);
      if (checks[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, TURNOS_ERROR, checks[i].code);
          g_assert_false (ok);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], run_case);
  g_test_add_func ("/core/slots/check-booking", check_booking);

  return g_test_run ();
}
