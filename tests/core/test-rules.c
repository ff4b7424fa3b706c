/* test-rules.c: the rules server and client share, each from its one home in core
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "turnos-availability.h"
#include "turnos-error.h"
#include "turnos-slots.h"
#include "turnos-text.h"
#include "turnos-time.h"

#define ZONE "America/Argentina/Buenos_Aires"

static TurnosSettings *
settings_new (int duration)
{
  TurnosSettings *s = turnos_settings_new ();

  s->user_id = g_strdup ("dr-test");
  s->session_duration_minutes = duration;
  s->slot_interval_minutes = 60;
  s->cancel_notice_minutes = 1440;
  g_assert_true (turnos_settings_set_timezone (s, ZONE));
  turnos_settings_add_hours (s, 1, 9 * 60, 13 * 60);
  return s;
}

static GDateTime *
at (const char *wall)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);

  return turnos_time_parse (wall, tz, NULL);
}

static void
test_session_minutes (void)
{
  g_autoptr(TurnosSettings) set = settings_new (50);
  g_autoptr(TurnosSettings) unset = settings_new (0);

  g_assert_cmpint (turnos_settings_get_session_minutes (set), ==, 50);
  g_assert_cmpint (turnos_settings_get_session_minutes (unset), ==, TURNOS_DEFAULT_SESSION_MINUTES);
  g_assert_cmpint (TURNOS_DEFAULT_SESSION_MINUTES, ==, 45);
}

typedef struct
{
  const char  *name;
  TurnosStatus status;
  const char  *start;
  const char  *now;
  gboolean     override;
  int          error;   /* -1: allowed */
} CancelCase;

static const CancelCase cancel_cases[] = {
  { "a day and more ahead", TURNOS_STATUS_CONFIRMED, "2026-03-16T10:00:00", "2026-03-15T09:00:00", FALSE, -1 },
  { "exactly the notice", TURNOS_STATUS_CONFIRMED, "2026-03-16T10:00:00", "2026-03-15T10:00:00", FALSE, -1 },
  { "a minute inside the notice", TURNOS_STATUS_CONFIRMED, "2026-03-16T10:00:00", "2026-03-15T10:01:00", FALSE, TURNOS_ERROR_TOO_LATE_TO_CANCEL },
  { "inside the notice, overridden", TURNOS_STATUS_CONFIRMED, "2026-03-16T10:00:00", "2026-03-16T09:00:00", TRUE, -1 },
  { "begun", TURNOS_STATUS_CONFIRMED, "2026-03-16T10:00:00", "2026-03-16T10:00:00", TRUE, TURNOS_ERROR_RESERVATION_PAST },
  { "over", TURNOS_STATUS_CONFIRMED, "2026-03-16T10:00:00", "2026-03-17T10:00:00", TRUE, TURNOS_ERROR_RESERVATION_PAST },
  { "cancelled", TURNOS_STATUS_CANCELLED, "2026-03-16T10:00:00", "2026-03-10T10:00:00", FALSE, TURNOS_ERROR_ALREADY_CANCELLED },
  { "cancelled, overridden", TURNOS_STATUS_CANCELLED, "2026-03-16T10:00:00", "2026-03-10T10:00:00", TRUE, TURNOS_ERROR_ALREADY_CANCELLED },
};

static void
test_cancel (void)
{
  g_autoptr(TurnosSettings) s = settings_new (45);

  for (guint i = 0; i < G_N_ELEMENTS (cancel_cases); i++)
    {
      const CancelCase *c = &cancel_cases[i];
      g_autoptr(TurnosReservation) r = turnos_reservation_new ();
      g_autoptr(GDateTime) now = at (c->now);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("%s", c->name);
      r->status = c->status;
      r->start = at (c->start);
      r->end = g_date_time_add_minutes (r->start, 45);
      ok = turnos_slots_check_cancel (s, r, now, c->override, &error);
      if (c->error < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, TURNOS_ERROR, c->error);
          g_assert_false (ok);
        }
    }
}

static TurnosReservation *
reservation (TurnosStatus  status,
             const char   *start,
             int           minutes)
{
  TurnosReservation *r = turnos_reservation_new ();

  r->client_id = g_strdup ("p");
  r->professional_id = g_strdup ("dr-test");
  r->status = status;
  r->start = at (start);
  r->end = g_date_time_add_minutes (r->start, minutes);
  return r;
}

static char *
slots_string (GArray *slots)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < slots->len; i++)
    {
      TurnosInterval *iv = &g_array_index (slots, TurnosInterval, i);
      g_autofree char *a = g_date_time_format (iv->start, "%H:%M");
      g_autofree char *b = g_date_time_format (iv->end, "%H:%M");

      g_string_append_printf (out, "%s%s-%s", out->len ? " " : "", a, b);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The server's day and a seed-only server's answer (just occupiedSlots) give the client the
 * same free times: one engine, one function. */
static void
test_day_both_sides (void)
{
  g_autoptr(TurnosSettings) s = settings_new (90);
  g_autoptr(GPtrArray) reservations = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_block_unref);
  g_autoptr(TurnosBlock) block = turnos_block_new ();
  g_autoptr(GDateTime) now = at ("2026-03-01T08:00:00");
  g_autoptr(GPtrArray) live = NULL;
  g_autoptr(TurnosAvailability) day = NULL;
  g_autoptr(TurnosAvailability) seed = turnos_availability_new ();
  g_autoptr(GArray) server_slots = NULL;
  g_autoptr(GArray) seed_slots = NULL;
  g_autofree char *server_str = NULL;
  g_autofree char *seed_str = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 16, 3, 2026);
  g_ptr_array_add (reservations, reservation (TURNOS_STATUS_CONFIRMED, "2026-03-16T09:00:00", 90));
  g_ptr_array_add (reservations, reservation (TURNOS_STATUS_CANCELLED, "2026-03-16T11:00:00", 90));
  block->professional_id = g_strdup ("dr-test");
  block->start = at ("2026-03-16T12:30:00");
  block->end = at ("2026-03-16T13:00:00");
  g_ptr_array_add (blocks, turnos_block_ref (block));

  day = turnos_availability_new_for_day (s, &date, reservations, blocks, now, &live);
  g_assert_cmpuint (live->len, ==, 1);
  g_assert_cmpuint (day->occupied->len, ==, 1);
  g_assert_cmpstrv (day->occupied_slots, ((const char *[]) { "2026-03-16T09:00:00", NULL }));
  g_assert_true (day->has_slots);
  server_str = slots_string (day->slots);
  /* 09:00-10:30 taken; 10:00 overlaps it; 12:00 runs into the block. */
  g_assert_cmpstr (server_str, ==, "11:00-12:30");

  /* The same day as a seed-only server says it. */
  seed->date = date;
  seed->timezone = g_strdup (ZONE);
  seed->tz = g_time_zone_ref (s->tz);
  g_strfreev (seed->occupied_slots);
  seed->occupied_slots = g_strdupv (day->occupied_slots);
  g_ptr_array_add (seed->blocked, turnos_block_ref (block));
  seed_slots = turnos_availability_free_slots (seed, s, now);
  seed_str = slots_string (seed_slots);
  g_assert_cmpstr (seed_str, ==, server_str);

  /* An answer with its own slots is trusted, but not past the notice since it was sent. */
  s->min_notice_minutes = 120;
  {
    g_autoptr(GDateTime) later = at ("2026-03-16T09:30:00");

    server_slots = turnos_availability_free_slots (day, s, later);
    g_assert_cmpuint (server_slots->len, ==, 0);   /* 11:00 is under two hours away */
  }
}

typedef struct
{
  const char *value;
  gsize       max;
  gboolean    newlines;
  gboolean    clean;
} TextCase;

static const TextCase text_cases[] = {
  { "patient-1", 200, FALSE, TRUE },
  { "José Pérez", 200, FALSE, TRUE },
  { "", 200, FALSE, TRUE },
  { "a\x01", 200, FALSE, FALSE },
  { "a\x1b[31m", 200, FALSE, FALSE },
  { "a\x7f", 200, FALSE, FALSE },
  { "a\xc2\x85", 200, FALSE, FALSE },      /* U+0085, a C1 control */
  { "a\xff", 200, FALSE, FALSE },          /* not UTF-8 */
  { "line\nline", 200, FALSE, FALSE },
  { "line\nline\ttab", 200, TRUE, TRUE },
  { "abcd", 3, FALSE, FALSE },
  { "abc", 3, FALSE, TRUE },
  { "\xc3\xa9\xc3\xa9", 3, FALSE, FALSE }, /* bytes, not characters */
};

static void
test_text (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_cases); i++)
    {
      const TextCase *c = &text_cases[i];

      g_test_message ("case %u", i);
      g_assert_cmpint (turnos_text_is_clean (c->value, c->max, c->newlines), ==, c->clean);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/rules/session-minutes", test_session_minutes);
  g_test_add_func ("/core/rules/cancel", test_cancel);
  g_test_add_func ("/core/rules/day-both-sides", test_day_both_sides);
  g_test_add_func ("/core/rules/text", test_text);

  return g_test_run ();
}
