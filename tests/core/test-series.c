/* test-series.c: when a weekly series' sessions fall, across DST changes, and its answer's JSON
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-series.h"
#include "turnos-time.h"

static GDateTime *
at (const char *zone,
    const char *reading)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (zone);
  g_autoptr(GError) error = NULL;
  GDateTime *dt = turnos_time_parse (reading, tz, &error);

  g_assert_no_error (error);
  return dt;
}

static gint64
utc_offset_hours (GDateTime *dt)
{
  return g_date_time_get_utc_offset (dt) / G_TIME_SPAN_HOUR;
}

/* Twelve Thursdays at 18:00 in Madrid from 12 March 2026: the clocks go forward on Sunday 29
 * March, so the first three are at +01:00 and the rest at +02:00, every one at 18:00. */
static void
test_spring (void)
{
  g_autoptr(GDateTime) first = at ("Europe/Madrid", "2026-03-12T18:00:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) list = turnos_series_occurrences (first, 1, 12, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 12);
  for (guint i = 0; i < list->len; i++)
    {
      TurnosOccurrence *o = &g_array_index (list, TurnosOccurrence, i);
      g_autofree char *reading = turnos_time_format (o->start);
      g_autoptr(GDateTime) expected_utc = g_date_time_new_utc (2026, 3, 12, i < 3 ? 17 : 16, 0, 0);
      g_autoptr(GDateTime) expected = g_date_time_add_days (expected_utc, 7 * i);

      g_assert_nonnull (o->start);
      g_assert_cmpint (g_date_get_weekday (&o->date), ==, G_DATE_THURSDAY);
      g_assert_cmpstr (reading, ==, o->start_time);
      g_assert_cmpint (g_date_time_get_hour (o->start), ==, 18);
      g_assert_cmpint (utc_offset_hours (o->start), ==, i < 3 ? 1 : 2);
      /* The right instant, not 18:00 plus a week of elapsed time. */
      g_assert_true (g_date_time_equal (o->start, expected));
    }
  g_assert_cmpstr (g_array_index (list, TurnosOccurrence, 11).start_time, ==, "2026-05-28T18:00:00");
}

/* Every two weeks until 19 November from 8 October 2026: Madrid goes back on 25 October; the
 * sessions stay at 10:00 and move from +02:00 to +01:00. */
static void
test_autumn (void)
{
  g_autoptr(GDateTime) first = at ("Europe/Madrid", "2026-10-08T10:00:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) list = NULL;
  GDate until;

  g_date_clear (&until, 1);
  g_date_set_dmy (&until, 19, 11, 2026);
  list = turnos_series_occurrences (first, 2, 0, &until, &error);
  g_assert_no_error (error);
  /* 8 Oct, 22 Oct, 5 Nov, 19 Nov (inclusive) */
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpstr (g_array_index (list, TurnosOccurrence, 0).start_time, ==, "2026-10-08T10:00:00");
  g_assert_cmpstr (g_array_index (list, TurnosOccurrence, 1).start_time, ==, "2026-10-22T10:00:00");
  g_assert_cmpstr (g_array_index (list, TurnosOccurrence, 2).start_time, ==, "2026-11-05T10:00:00");
  g_assert_cmpstr (g_array_index (list, TurnosOccurrence, 3).start_time, ==, "2026-11-19T10:00:00");
  g_assert_cmpint (utc_offset_hours (g_array_index (list, TurnosOccurrence, 1).start), ==, 2);
  g_assert_cmpint (utc_offset_hours (g_array_index (list, TurnosOccurrence, 2).start), ==, 1);
  g_assert_cmpint (g_date_time_difference (g_array_index (list, TurnosOccurrence, 2).start,
                                           g_array_index (list, TurnosOccurrence, 1).start),
                   ==, (14 * 24 + 1) * G_TIME_SPAN_HOUR);
}

/* On the nights of the changes: the skipped 02:30 names nothing (no start), the repeated 02:30
 * its first run (+02:00), by turnos-time.h's rule. */
static void
test_changes_at_night (void)
{
  g_autoptr(GDateTime) spring = at ("Europe/Madrid", "2026-03-22T02:30:00");
  g_autoptr(GDateTime) autumn = at ("Europe/Madrid", "2026-10-18T02:30:00");
  g_autoptr(GArray) a = turnos_series_occurrences (spring, 1, 3, NULL, NULL);
  g_autoptr(GArray) b = turnos_series_occurrences (autumn, 1, 3, NULL, NULL);

  g_assert_cmpuint (a->len, ==, 3);
  g_assert_nonnull (g_array_index (a, TurnosOccurrence, 0).start);
  g_assert_null (g_array_index (a, TurnosOccurrence, 1).start);
  g_assert_cmpstr (g_array_index (a, TurnosOccurrence, 1).start_time, ==, "2026-03-29T02:30:00");
  g_assert_nonnull (g_array_index (a, TurnosOccurrence, 2).start);
  g_assert_cmpint (utc_offset_hours (g_array_index (a, TurnosOccurrence, 2).start), ==, 2);

  g_assert_cmpuint (b->len, ==, 3);
  g_assert_cmpint (utc_offset_hours (g_array_index (b, TurnosOccurrence, 1).start), ==, 2);
  g_assert_true (turnos_time_is_ambiguous (g_array_index (b, TurnosOccurrence, 1).start));
  g_assert_cmpint (utc_offset_hours (g_array_index (b, TurnosOccurrence, 2).start), ==, 1);
}

/* What a series may not be. */
static void
test_refused (void)
{
  static const struct
  {
    guint       every;
    guint       count;
    const char *until;
  } cases[] = {
    { 3, 4, NULL },               /* every three weeks */
    { 1, 0, NULL },               /* neither a count nor an end */
    { 1, 4, "2026-06-01" },       /* both */
    { 1, 53, NULL },              /* past the most */
    { 1, 0, "2027-03-12" },       /* an end 53 weeks on */
    { 1, 0, "2026-03-11" },       /* an end before the start */
  };
  g_autoptr(GDateTime) first = at ("America/Argentina/Buenos_Aires", "2026-03-12T18:00:00");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) list = NULL;
      GDate until;

      if (cases[i].until != NULL)
        g_assert_true (turnos_date_parse (cases[i].until, &until, NULL));
      list = turnos_series_occurrences (first, cases[i].every, cases[i].count,
                                        cases[i].until ? &until : NULL, &error);
      g_assert_null (list);
      g_assert_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE);
    }

  /* 52 is allowed, to the day. */
  {
    g_autoptr(GArray) list = turnos_series_occurrences (first, 1, 52, NULL, NULL);
    g_autoptr(GArray) to_day = NULL;
    GDate until;

    g_assert_cmpuint (list->len, ==, 52);
    until = g_array_index (list, TurnosOccurrence, 51).date;
    to_day = turnos_series_occurrences (first, 1, 0, &until, NULL);
    g_assert_cmpuint (to_day->len, ==, 52);
  }
}

static void
test_amount (void)
{
  static const struct
  {
    const char *amount;
    guint       n;
    const char *product;
  } cases[] = {
    { "5000.00", 12, "60000.00" },
    { "5000", 12, "60000" },
    { "0.05", 3, "0.15" },
    { "999999999.99", 52, "51999999999.48" },
    { "1250.50", 1, "1250.50" },
    { "1250.50", 0, "0.00" },
    { "", 2, NULL },
    { "12.5", 2, NULL },
    { "1e3", 2, NULL },
    { "-5", 2, NULL },
    { "1234567890", 2, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *product = turnos_payment_amount_times (cases[i].amount, cases[i].n);

      g_assert_cmpstr (product, ==, cases[i].product);
    }
}

/* The answer as the server writes it and the client reads it. */
static void
test_json (void)
{
  g_autoptr(TurnosSeries) series = turnos_series_new ();
  g_autoptr(TurnosSeries) back = NULL;
  g_autoptr(TurnosReservation) r = turnos_reservation_new ();
  g_autoptr(TurnosReservation) other = turnos_reservation_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  TurnosSeriesConflict *c;

  r->id = g_strdup ("r1");
  r->client_id = g_strdup ("patient-1");
  r->professional_id = g_strdup ("dr-ana");
  r->start = at ("Europe/Madrid", "2026-03-12T18:00:00");
  r->end = g_date_time_add_minutes (r->start, 45);
  r->status = TURNOS_STATUS_CONFIRMED;
  r->series_id = g_strdup ("s1");
  r->timezone = g_strdup ("Europe/Madrid");
  other->id = g_strdup ("r9");
  other->client_id = g_strdup ("patient-1");
  other->professional_id = g_strdup ("dr-bruno");
  other->start = at ("Europe/Madrid", "2026-03-19T18:00:00");
  other->end = g_date_time_add_minutes (other->start, 45);
  other->status = TURNOS_STATUS_CONFIRMED;
  series->series_id = g_strdup ("s1");
  g_ptr_array_add (series->reservations, turnos_reservation_ref (r));
  g_ptr_array_add (series->conflicts, turnos_series_conflict_new ("2026-03-19T18:00:00", "patient_busy", other));
  g_ptr_array_add (series->conflicts, turnos_series_conflict_new ("2026-03-26T18:00:00", "blocked", NULL));

  node = turnos_series_to_node (series);
  back = turnos_series_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->series_id, ==, "s1");
  g_assert_cmpuint (back->reservations->len, ==, 1);
  g_assert_cmpstr (((TurnosReservation *) back->reservations->pdata[0])->series_id, ==, "s1");
  g_assert_cmpuint (back->conflicts->len, ==, 2);
  c = back->conflicts->pdata[0];
  g_assert_cmpstr (c->code, ==, "patient_busy");
  g_assert_nonnull (c->reservation);
  g_assert_cmpstr (c->reservation->professional_id, ==, "dr-bruno");
  c = back->conflicts->pdata[1];
  g_assert_cmpstr (c->start_time, ==, "2026-03-26T18:00:00");
  g_assert_null (c->reservation);
  g_assert_null (back->payment);

  /* A dry run: no id, drafts. */
  g_clear_pointer (&node, json_node_unref);
  g_clear_pointer (&series->series_id, g_free);
  g_clear_pointer (&back, turnos_series_unref);
  g_clear_pointer (&r->id, g_free);
  node = turnos_series_to_node (series);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (json_node_get_object (node), "series_id")));
  back = turnos_series_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_null (back->series_id);
  g_assert_null (((TurnosReservation *) back->reservations->pdata[0])->id);
}

/* series_id and rescheduled_to travel with a reservation. */
static void
test_reservation_links (void)
{
  g_autoptr(TurnosReservation) r = turnos_reservation_new ();
  g_autoptr(TurnosReservation) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  r->id = g_strdup ("old");
  r->client_id = g_strdup ("patient-1");
  r->professional_id = g_strdup ("dr-ana");
  r->start = at ("America/Argentina/Buenos_Aires", "2026-03-12T10:00:00");
  r->end = g_date_time_add_minutes (r->start, 45);
  r->status = TURNOS_STATUS_CANCELLED;
  r->cancel_reason = g_strdup ("rescheduled");
  r->rescheduled_to = g_strdup ("new");
  r->series_id = g_strdup ("s1");
  node = turnos_reservation_to_node (r);
  back = turnos_reservation_stored_from_json (node, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->rescheduled_to, ==, "new");
  g_assert_cmpstr (back->series_id, ==, "s1");
  g_assert_cmpstr (back->cancel_reason, ==, "rescheduled");

  /* rescheduled_to belongs to a cancelled one only. */
  r->status = TURNOS_STATUS_CONFIRMED;
  g_clear_pointer (&node, json_node_unref);
  node = turnos_reservation_to_node (r);
  g_assert_false (json_object_has_member (json_node_get_object (node), "rescheduled_to"));
  g_assert_true (json_object_has_member (json_node_get_object (node), "series_id"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/series/dst-spring", test_spring);
  g_test_add_func ("/core/series/dst-autumn", test_autumn);
  g_test_add_func ("/core/series/dst-night", test_changes_at_night);
  g_test_add_func ("/core/series/refused", test_refused);
  g_test_add_func ("/core/series/amount", test_amount);
  g_test_add_func ("/core/series/json", test_json);
  g_test_add_func ("/core/series/reservation-links", test_reservation_links);

  return g_test_run ();
}
