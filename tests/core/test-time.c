/* test-time.c: from wall clock to instant, by the one rule of turnos-time.h
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "turnos-availability.h"
#include "turnos-block.h"
#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-reservation.h"
#include "turnos-time.h"

/* The UTC reading of @dt, "YYYY-MM-DDTHH:MM:SSZ". */
static char *
utc_text (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

typedef struct
{
  const char *zone;
  const char *reading;
  const char *offset;   /* the *_utc_offset addition, or NULL */
  const char *after;    /* an end's start (read by the rule), or NULL */
  const char *utc;      /* the instant, or NULL for an error */
  int         code;     /* the error's TurnosError code */
} ParseCase;

static const ParseCase parse_cases[] = {
  /* Madrid repeats 02:00–03:00 on 2027-10-31 (CEST +02:00, then CET +01:00): first run. */
  { "Europe/Madrid", "2027-10-31T02:30:00", NULL, NULL, "2027-10-31T00:30:00Z" },
  { "Europe/Madrid", "2027-10-31T02:30:00", "+02:00", NULL, "2027-10-31T00:30:00Z" },
  { "Europe/Madrid", "2027-10-31T02:30:00", "+01:00", NULL, "2027-10-31T01:30:00Z" },
  { "Europe/Madrid", "2027-10-31T02:30:00", "+03:00", NULL, NULL, TURNOS_ERROR_PARSE },
  { "Europe/Madrid", "2027-10-31T02:30:00", "+2:00", NULL, NULL, TURNOS_ERROR_PARSE },
  { "Europe/Madrid", "2027-10-31T02:30:00", "", NULL, NULL, TURNOS_ERROR_PARSE },
  /* An offset on a reading that is not repeated may only state the one it has. */
  { "Europe/Madrid", "2027-10-31T01:00:00", "+02:00", NULL, "2027-10-30T23:00:00Z" },
  { "Europe/Madrid", "2027-10-31T01:00:00", "+01:00", NULL, NULL, TURNOS_ERROR_PARSE },
  /* The end: 02:00 after 01:00 is the first 02:00. */
  { "Europe/Madrid", "2027-10-31T02:00:00", NULL, "2027-10-31T01:00:00", "2027-10-31T00:00:00Z" },
  /* After the first 02:00, the end 02:00 is the second one: the repeated hour. */
  { "Europe/Madrid", "2027-10-31T02:00:00", NULL, "2027-10-31T02:00:00", "2027-10-31T01:00:00Z" },
  { "Europe/Madrid", "2027-10-31T02:15:00", NULL, "2027-10-31T02:30:00", "2027-10-31T01:15:00Z" },
  /* …but never before its start, nor at an offset that is. */
  { "Europe/Madrid", "2027-10-31T01:59:00", NULL, "2027-10-31T02:00:00", NULL, TURNOS_ERROR_INVALID_VALUE },
  { "Europe/Madrid", "2027-10-31T02:00:00", "+02:00", "2027-10-31T02:00:00", NULL, TURNOS_ERROR_INVALID_VALUE },
  { "Europe/Madrid", "2027-10-31T03:00:00", NULL, "2027-10-31T03:00:00", NULL, TURNOS_ERROR_INVALID_VALUE },
  /* Skipped readings name nothing, as a start or as an end. */
  { "Europe/Madrid", "2027-03-28T02:30:00", NULL, NULL, NULL, TURNOS_ERROR_PARSE },
  { "Europe/Madrid", "2027-03-28T02:00:00", NULL, "2027-03-28T01:00:00", NULL, TURNOS_ERROR_PARSE },
  { "Europe/Madrid", "2027-03-28T03:00:00", NULL, NULL, "2027-03-28T01:00:00Z" },
  /* New York: 01:00–02:00 twice on 2027-11-07 (EDT, then EST). */
  { "America/New_York", "2027-11-07T01:30:00", NULL, NULL, "2027-11-07T05:30:00Z" },
  { "America/New_York", "2027-11-07T01:30:00", "-05:00", NULL, "2027-11-07T06:30:00Z" },
  { "America/New_York", "2027-11-07T01:00:00", NULL, "2027-11-07T01:30:00", "2027-11-07T06:00:00Z" },
  { "America/New_York", "2027-03-14T02:59:59", NULL, NULL, NULL, TURNOS_ERROR_PARSE },
  /* Dublin's winter is its "DST" (negative save): the first run is IST, not the flagged one. */
  { "Europe/Dublin", "2027-10-31T01:30:00", NULL, NULL, "2027-10-31T00:30:00Z" },
  { "Europe/Dublin", "2027-10-31T01:30:00", "+00:00", NULL, "2027-10-31T01:30:00Z" },
  /* Santiago: no midnight on 2027-09-05; 23:00–24:00 twice on Saturday 2027-04-03. */
  { "America/Santiago", "2027-09-05T00:00:00", NULL, NULL, NULL, TURNOS_ERROR_PARSE },
  { "America/Santiago", "2027-09-05T01:00:00", NULL, NULL, "2027-09-05T04:00:00Z" },
  { "America/Santiago", "2027-04-03T23:30:00", NULL, NULL, "2027-04-04T02:30:00Z" },
  { "America/Santiago", "2027-04-03T23:30:00", "-04:00", NULL, "2027-04-04T03:30:00Z" },
  { "America/Santiago", "2027-04-04T00:30:00", NULL, "2027-04-03T23:30:00", "2027-04-04T04:30:00Z" },
  /* Havana repeats the first hour of Sunday 2027-11-07 (00:00 CDT, then CST). */
  { "America/Havana", "2027-11-07T00:00:00", NULL, NULL, "2027-11-07T04:00:00Z" },
  { "America/Havana", "2027-11-07T00:00:00", NULL, "2027-11-07T00:00:00", "2027-11-07T05:00:00Z" },
  /* Lord Howe shifts by half an hour: 01:30–02:00 twice on 2027-04-04 (+11:00, +10:30), and
   * 02:00–02:30 never on 2027-10-03. */
  { "Australia/Lord_Howe", "2027-04-04T01:45:00", NULL, NULL, "2027-04-03T14:45:00Z" },
  { "Australia/Lord_Howe", "2027-04-04T01:45:00", "+10:30", NULL, "2027-04-03T15:15:00Z" },
  { "Australia/Lord_Howe", "2027-04-04T01:30:00", NULL, "2027-04-04T01:00:00", "2027-04-03T14:30:00Z" },
  { "Australia/Lord_Howe", "2027-10-03T02:15:00", NULL, NULL, NULL, TURNOS_ERROR_PARSE },
  { "Australia/Lord_Howe", "2027-10-03T02:30:00", NULL, NULL, "2027-10-02T15:30:00Z" },
  /* Buenos Aires keeps -03:00 all year. */
  { "America/Argentina/Buenos_Aires", "2027-10-31T02:30:00", NULL, NULL, "2027-10-31T05:30:00Z" },
  { "America/Argentina/Buenos_Aires", "2027-10-31T02:30:00", "-03:00", NULL, "2027-10-31T05:30:00Z" },
  { "America/Argentina/Buenos_Aires", "2027-10-31T02:30:00", "-04:00", NULL, NULL, TURNOS_ERROR_PARSE },
};

static void
parse_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      g_autoptr(GTimeZone) tz = turnos_time_zone_new (c->zone);
      g_autoptr(GDateTime) after = NULL;
      g_autoptr(GDateTime) dt = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s %s %s after %s", c->zone, c->reading, c->offset ? c->offset : "-",
                      c->after ? c->after : "-");
      if (c->after != NULL)
        {
          after = turnos_time_parse (c->after, tz, &error);
          g_assert_no_error (error);
        }
      dt = turnos_time_parse_full (c->reading, c->offset, tz, after, &error);
      if (c->utc == NULL)
        {
          g_assert_error (error, TURNOS_ERROR, c->code);
          g_assert_null (dt);
        }
      else
        {
          g_autofree char *got = NULL;
          g_autofree char *again = NULL;

          g_assert_no_error (error);
          got = utc_text (dt);
          g_assert_cmpstr (got, ==, c->utc);
          /* It reads back as written, in the zone. */
          again = turnos_time_format (dt);
          g_assert_cmpstr (again, ==, c->reading);
          g_assert_true (g_time_zone_get_identifier (g_date_time_get_timezone (dt)) != NULL);
        }
      /* Without an offset or a start, parse_full is turnos_time_parse. */
      if (c->offset == NULL && c->after == NULL)
        {
          g_autoptr(GDateTime) plain = turnos_time_parse (c->reading, tz, NULL);

          g_assert_true ((plain == NULL) == (dt == NULL));
          g_assert_true (plain == NULL || g_date_time_equal (plain, dt));
        }
    }
}

/* The addition is written exactly where a reading occurs twice, and names its run. */
static void
fold_offsets (void)
{
  static const struct
  {
    const char *zone;
    const char *utc;       /* an instant */
    const char *reading;   /* its wall reading */
    const char *offset;    /* turnos_time_format_fold_offset(), or NULL */
    gboolean    first;     /* turnos_time_is_first_occurrence() */
  } cases[] = {
    { "Europe/Madrid", "2027-10-31T00:59:00Z", "2027-10-31T02:59:00", "+02:00", TRUE },
    { "Europe/Madrid", "2027-10-31T01:00:00Z", "2027-10-31T02:00:00", "+01:00", FALSE },
    { "Europe/Madrid", "2027-10-31T02:00:00Z", "2027-10-31T03:00:00", NULL, TRUE },
    { "Europe/Madrid", "2027-10-30T23:59:59Z", "2027-10-31T01:59:59", NULL, TRUE },
    { "Europe/Madrid", "2027-07-01T10:00:00Z", "2027-07-01T12:00:00", NULL, TRUE },
    { "Australia/Lord_Howe", "2027-04-03T15:00:00Z", "2027-04-04T01:30:00", "+10:30", FALSE },
    { "Australia/Lord_Howe", "2027-04-03T14:59:00Z", "2027-04-04T01:59:00", "+11:00", TRUE },
    { "America/Santiago", "2027-04-04T03:00:00Z", "2027-04-03T23:00:00", "-04:00", FALSE },
    { "America/Argentina/Buenos_Aires", "2027-10-31T05:30:00Z", "2027-10-31T02:30:00", NULL, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GTimeZone) tz = turnos_time_zone_new (cases[i].zone);
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (cases[i].utc, utc);
      g_autoptr(GDateTime) dt = g_date_time_to_timezone (at, tz);
      g_autoptr(GDateTime) back = NULL;
      g_autofree char *reading = turnos_time_format (dt);
      g_autofree char *offset = turnos_time_format_fold_offset (dt);

      g_test_message ("%s %s", cases[i].zone, cases[i].utc);
      g_assert_cmpstr (reading, ==, cases[i].reading);
      g_assert_cmpstr (offset, ==, cases[i].offset);
      g_assert_true (turnos_time_is_ambiguous (dt) == (cases[i].offset != NULL));
      g_assert_true (turnos_time_is_first_occurrence (dt) == cases[i].first);
      /* The reading and its offset (when written) name the instant again. */
      back = turnos_time_parse_full (reading, offset, tz, NULL, NULL);
      g_assert_nonnull (back);
      g_assert_true (g_date_time_equal (back, dt));
    }
}

/* The grid's wall times and the day's bounds follow the rule too. */
static void
wall_times_and_days (void)
{
  static const struct
  {
    const char *zone;
    const char *date;
    int         minutes;
    const char *utc;     /* turnos_time_at(), or NULL */
  } at_cases[] = {
    { "Europe/Madrid", "2027-10-31", 2 * 60, "2027-10-31T00:00:00Z" },
    { "Europe/Madrid", "2027-10-31", 2 * 60 + 30, "2027-10-31T00:30:00Z" },
    { "Europe/Madrid", "2027-03-28", 2 * 60, NULL },
    { "America/Havana", "2027-11-07", 0, "2027-11-07T04:00:00Z" },
    { "America/Havana", "2027-11-06", 24 * 60, "2027-11-07T04:00:00Z" },
    { "America/Santiago", "2027-04-03", 23 * 60, "2027-04-04T02:00:00Z" },
    { "America/Santiago", "2027-04-03", 24 * 60, "2027-04-04T04:00:00Z" },
    { "America/Santiago", "2027-09-05", 0, NULL },
  };
  static const struct
  {
    const char *zone;
    const char *date;
    const char *start;   /* UTC */
    int         hours;
  } day_cases[] = {
    /* Havana's Sunday starts at the first midnight, so it is the one with 25 hours. */
    { "America/Havana", "2027-11-06", "2027-11-06T04:00:00Z", 24 },
    { "America/Havana", "2027-11-07", "2027-11-07T04:00:00Z", 25 },
    { "Europe/Madrid", "2027-10-31", "2027-10-30T22:00:00Z", 25 },
    { "America/Santiago", "2027-04-03", "2027-04-03T03:00:00Z", 25 },
    { "America/Santiago", "2027-09-05", "2027-09-05T04:00:00Z", 23 },
    { "Australia/Lord_Howe", "2027-04-04", "2027-04-03T13:00:00Z", 24 },   /* 24 h 30 min */
  };

  for (guint i = 0; i < G_N_ELEMENTS (at_cases); i++)
    {
      g_autoptr(GTimeZone) tz = turnos_time_zone_new (at_cases[i].zone);
      g_autoptr(GDateTime) dt = NULL;
      GDate date;

      g_test_message ("%s %s +%d", at_cases[i].zone, at_cases[i].date, at_cases[i].minutes);
      g_assert_true (turnos_date_parse (at_cases[i].date, &date, NULL));
      dt = turnos_time_at (tz, &date, at_cases[i].minutes);
      if (at_cases[i].utc == NULL)
        g_assert_null (dt);
      else
        {
          g_autofree char *got = utc_text (dt);

          g_assert_cmpstr (got, ==, at_cases[i].utc);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (day_cases); i++)
    {
      g_autoptr(GTimeZone) tz = turnos_time_zone_new (day_cases[i].zone);
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GDateTime) end = NULL;
      g_autofree char *got = NULL;
      GDate date;

      g_test_message ("%s %s", day_cases[i].zone, day_cases[i].date);
      g_assert_true (turnos_date_parse (day_cases[i].date, &date, NULL));
      turnos_day_bounds (tz, &date, &start, &end);
      got = utc_text (start);
      g_assert_cmpstr (got, ==, day_cases[i].start);
      g_assert_cmpint (g_date_time_difference (end, start) / G_TIME_SPAN_HOUR, ==, day_cases[i].hours);
    }

  /* An end on the grid, relative to its start: the first 02:00 to the second. */
  {
    g_autoptr(GTimeZone) tz = turnos_time_zone_new ("Europe/Madrid");
    g_autoptr(GDateTime) start = NULL;
    g_autoptr(GDateTime) end = NULL;
    g_autoptr(GDateTime) none = NULL;
    GDate date;

    g_assert_true (turnos_date_parse ("2027-10-31", &date, NULL));
    start = turnos_time_at (tz, &date, 2 * 60);
    end = turnos_time_at_after (tz, &date, 2 * 60, start);
    g_assert_cmpint (g_date_time_difference (end, start), ==, G_TIME_SPAN_HOUR);
    none = turnos_time_at_after (tz, &date, 60, start);
    g_assert_null (none);
  }
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = turnos_json_parse (json, strlen (json), &error);

  g_assert_no_error (error);
  return node;
}

static TurnosSettings *
madrid_settings (int minutes)
{
  TurnosSettings *s = turnos_settings_new ();

  g_assert_true (turnos_settings_set_timezone (s, "Europe/Madrid"));
  s->user_id = g_strdup ("pro");
  s->session_duration_minutes = minutes;
  return s;
}

/* A draft as the client writes it is read by the server as the same instants; the server
 * settles the end by the session's length, holding a bare end_time to its reading and one
 * with an offset to its instant. */
static void
reservation_ends (void)
{
  static const struct
  {
    int         minutes;
    const char *json;
    int         code;   /* -1: settled */
  } cases[] = {
    /* The case: 01:00–02:00 is one hour. */
    { 60, "{\"start_time\": \"2027-10-31T01:00:00\", \"end_time\": \"2027-10-31T02:00:00\"}", -1 },
    { 60, "{\"start_time\": \"2027-10-31T02:00:00\", \"end_time\": \"2027-10-31T02:00:00\"}", -1 },
    { 60, "{\"start_time\": \"2027-10-31T02:00:00\"}", -1 },
    { 60, "{\"start_time\": \"2027-10-31T02:00:00\", \"end_time\": \"2027-10-31T03:00:00\"}",
      TURNOS_ERROR_BAD_DURATION },
    { 60, "{\"start_time\": \"2027-10-31T01:00:00\", \"end_time\": \"2027-10-31T02:00:00\","
          " \"end_utc_offset\": \"+01:00\"}", TURNOS_ERROR_BAD_DURATION },
    /* Two hours from 01:00 end at the second 02:00: the bare reading is the same string. */
    { 120, "{\"start_time\": \"2027-10-31T01:00:00\", \"end_time\": \"2027-10-31T02:00:00\"}", -1 },
    { 120, "{\"start_time\": \"2027-10-31T01:00:00\", \"end_time\": \"2027-10-31T02:00:00\","
           " \"end_utc_offset\": \"+01:00\"}", -1 },
    { 120, "{\"start_time\": \"2027-10-31T01:00:00\", \"end_time\": \"2027-10-31T02:00:00\","
           " \"end_utc_offset\": \"+02:00\"}", TURNOS_ERROR_BAD_DURATION },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TurnosSettings) settings = madrid_settings (cases[i].minutes);
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(TurnosReservation) draft = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *o = json_node_get_object (node);

      g_test_message ("%d min: %s", cases[i].minutes, cases[i].json);
      json_object_set_string_member (o, "client_id", "c");
      json_object_set_string_member (o, "professional_id", "pro");
      draft = turnos_reservation_from_json (node, settings->tz, &error);
      g_assert_no_error (error);
      if (cases[i].code < 0)
        {
          g_autoptr(GDateTime) expected = turnos_reservation_draft_end (settings, draft->start);
          g_autoptr(JsonNode) written = NULL;
          g_autoptr(TurnosReservation) again = NULL;

          g_assert_true (turnos_reservation_settle_end (draft, settings, &error));
          g_assert_no_error (error);
          g_assert_true (g_date_time_equal (draft->end, expected));
          g_assert_cmpint (g_date_time_difference (draft->end, draft->start), ==,
                           (GTimeSpan) cases[i].minutes * G_TIME_SPAN_MINUTE);
          /* Written and read again (with the offsets it writes), the same instants. */
          written = turnos_reservation_to_node (draft);
          again = turnos_reservation_from_json (written, NULL, &error);
          g_assert_no_error (error);
          g_assert_true (g_date_time_equal (again->start, draft->start));
          g_assert_true (g_date_time_equal (again->end, draft->end));
          g_assert_true (turnos_reservation_settle_end (again, settings, NULL));
        }
      else
        {
          g_assert_false (turnos_reservation_settle_end (draft, settings, &error));
          g_assert_error (error, TURNOS_ERROR, cases[i].code);
        }
    }
}

/* Blocks and a day's intervals carry the addition both ways. */
static void
blocks_and_intervals (void)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("Europe/Madrid");
  g_autoptr(JsonNode) node = parse ("{\"start_time\": \"2027-10-31T02:30:00\", \"end_time\": "
                                    "\"2027-10-31T02:30:00\", \"reason\": \"\"}");
  g_autoptr(JsonNode) second = parse ("{\"start_time\": \"2027-10-31T02:30:00\", \"start_utc_offset\": "
                                      "\"+01:00\", \"end_time\": \"2027-10-31T04:00:00\"}");
  g_autoptr(JsonNode) backwards = parse ("{\"start_time\": \"2027-10-31T03:00:00\", \"end_time\": "
                                         "\"2027-10-31T02:30:00\"}");
  g_autoptr(TurnosBlock) block = turnos_block_from_json (node, tz, NULL);
  g_autoptr(TurnosBlock) late = turnos_block_from_json (second, tz, NULL);
  g_autoptr(TurnosBlock) bad = NULL;
  g_autoptr(TurnosBlock) again = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *o;

  /* 02:30 to 02:30 is the hour between the two runs. */
  g_assert_nonnull (block);
  g_assert_cmpint (g_date_time_difference (block->end, block->start), ==, G_TIME_SPAN_HOUR);
  g_assert_nonnull (late);
  g_assert_cmpint (g_date_time_difference (late->end, late->start), ==, 90 * G_TIME_SPAN_MINUTE);
  bad = turnos_block_from_json (backwards, tz, &error);
  g_assert_null (bad);
  g_assert_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE);
  g_clear_error (&error);

  turnos_block_to_json (block, builder);
  written = json_builder_get_root (builder);
  o = json_node_get_object (written);
  g_assert_cmpstr (json_object_get_string_member (o, "start_utc_offset"), ==, "+02:00");
  g_assert_cmpstr (json_object_get_string_member (o, "end_utc_offset"), ==, "+01:00");
  again = turnos_block_stored_from_json (written, NULL, &error);
  g_assert_null (again);   /* no id: a stored block names one */
  g_clear_error (&error);
  json_object_set_string_member (o, "id", "b1");
  again = turnos_block_stored_from_json (written, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (again->start, block->start));
  g_assert_true (g_date_time_equal (again->end, block->end));
}

/* A day's answer round-trips its slots to the same instants, offsets and all. */
static void
availability_round_trip (void)
{
  g_autoptr(TurnosSettings) settings = madrid_settings (120);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2027, 10, 1, 0, 0, 0);
  g_autoptr(TurnosAvailability) a = NULL;
  g_autoptr(TurnosAvailability) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;

  settings->slot_interval_minutes = 60;
  turnos_settings_add_hours (settings, 7, 0, 5 * 60);
  g_assert_true (turnos_date_parse ("2027-10-31", &date, NULL));
  a = turnos_availability_new_for_day (settings, &date, NULL, NULL, now, NULL);
  g_assert_cmpuint (a->slots->len, ==, 4);
  node = turnos_availability_to_node (a);
  back = turnos_availability_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->slots->len, ==, a->slots->len);
  for (guint i = 0; i < a->slots->len; i++)
    {
      TurnosInterval *x = &g_array_index (a->slots, TurnosInterval, i);
      TurnosInterval *y = &g_array_index (back->slots, TurnosInterval, i);

      g_assert_true (g_date_time_equal (x->start, y->start));
      g_assert_true (g_date_time_equal (x->end, y->end));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/time/parse", parse_table);
  g_test_add_func ("/core/time/fold-offsets", fold_offsets);
  g_test_add_func ("/core/time/wall-times-and-days", wall_times_and_days);
  g_test_add_func ("/core/time/reservation-ends", reservation_ends);
  g_test_add_func ("/core/time/blocks-and-intervals", blocks_and_intervals);
  g_test_add_func ("/core/time/availability-round-trip", availability_round_trip);

  return g_test_run ();
}
