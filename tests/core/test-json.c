/* test-json.c: the models both ways, and documents that must fail cleanly
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
#include "turnos-json-writer.h"
#include "turnos-payment.h"
#include "turnos-settings.h"
#include "turnos-time.h"

static JsonNode *
parse (const char *doc)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = turnos_json_parse (doc, strlen (doc), &error);

  g_assert_no_error (error);
  return node;
}

static char *
dump (JsonNode *node)
{
  return turnos_json_to_string (node, NULL);
}

static void
seed_availability (void)
{
  g_autoptr(JsonNode) node = parse ("{\"date\": \"2026-03-15\", "
                                    "\"timezone\": \"America/Argentina/Buenos_Aires\", "
                                    "\"occupiedSlots\": [\"2026-03-15T09:00:00\", \"2026-03-15T10:00:00\"]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosAvailability) a = turnos_availability_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (a->timezone, ==, "America/Argentina/Buenos_Aires");
  g_assert_cmpint (g_date_get_day (&a->date), ==, 15);
  g_assert_cmpuint (g_strv_length (a->occupied_slots), ==, 2);
  g_assert_cmpstr (a->occupied_slots[1], ==, "2026-03-15T10:00:00");
  g_assert_false (a->has_slots);
  g_assert_cmpuint (a->slots->len, ==, 0);
}

static void
availability_round_trip (void)
{
  const char *doc =
    "{\"date\": \"2026-03-15\", \"timezone\": \"America/Argentina/Buenos_Aires\","
    " \"occupiedSlots\": [\"2026-03-15T09:00:00\"],"
    " \"occupied\": [{\"start_time\": \"2026-03-15T09:00:00\", \"end_time\": \"2026-03-15T09:45:00\"}],"
    " \"blocked\": [{\"start_time\": \"2026-03-15T13:00:00\", \"end_time\": \"2026-03-15T14:00:00\", \"reason\": \"Lunch\"}],"
    " \"slots\": [{\"start_time\": \"2026-03-15T11:00:00\", \"end_time\": \"2026-03-15T11:45:00\"}],"
    " \"unknown\": {\"ignored\": true}}";
  g_autoptr(JsonNode) node = parse (doc);
  g_autoptr(TurnosAvailability) a = turnos_availability_from_json (node, NULL);
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(TurnosAvailability) b = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_nonnull (a);
  g_assert_true (a->has_slots);
  g_assert_cmpuint (a->occupied->len, ==, 1);
  g_assert_cmpuint (a->blocked->len, ==, 1);
  g_assert_cmpstr (((TurnosBlock *) g_ptr_array_index (a->blocked, 0))->reason, ==, "Lunch");
  again = turnos_availability_to_node (a);
  b = turnos_availability_from_json (again, NULL);
  g_assert_nonnull (b);
  first = dump (again);
  {
    g_autoptr(JsonNode) third = turnos_availability_to_node (b);
    second = dump (third);
  }
  g_assert_cmpstr (first, ==, second);
}

static void
settings_round_trip (void)
{
  const char *doc =
    "{\"user_id\": \"prof456\", \"display_name\": \"Dra. Ana\", \"session_duration_minutes\": 45,"
    " \"slot_interval_minutes\": 60, \"requires_deposit\": true, \"deposit_amount\": \"5000.00\","
    " \"currency\": \"ARS\", \"session_modality\": \"BOTH\","
    " \"timezone\": \"America/Argentina/Buenos_Aires\","
    " \"working_hours\": [{\"weekday\": 1, \"start\": \"09:00\", \"end\": \"17:00\"}],"
    " \"min_notice_minutes\": 120, \"booking_horizon_days\": 60, \"cancel_notice_minutes\": 1440}";
  g_autoptr(JsonNode) node = parse (doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosSettings) s = turnos_settings_from_json (node, &error);
  g_autoptr(TurnosSettings) t = NULL;
  g_autoptr(JsonNode) again = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (s->slot_interval_minutes, ==, 60);
  g_assert_true (s->requires_deposit);
  g_assert_cmpint (s->session_modality, ==, TURNOS_MODALITY_BOTH);
  g_assert_cmpuint (s->working_hours->len, ==, 1);
  g_assert_cmpint (g_array_index (s->working_hours, TurnosWorkingHours, 0).end_minute, ==, 17 * 60);
  again = turnos_settings_to_node (s);
  t = turnos_settings_from_json (again, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (t->deposit_amount, ==, "5000.00");
  g_assert_cmpint (t->cancel_notice_minutes, ==, 1440);
}

static void
settings_defaults (void)
{
  g_autoptr(JsonNode) node = parse ("{\"user_id\": \"p\", \"timezone\": \"UTC\"}");
  g_autoptr(TurnosSettings) s = turnos_settings_from_json (node, NULL);

  g_assert_nonnull (s);
  g_assert_cmpint (s->session_duration_minutes, ==, 45);
  g_assert_cmpint (s->slot_interval_minutes, ==, 45);
}

static void
reservation_round_trip (void)
{
  const char *doc =
    "{\"id\": \"r1\", \"client_id\": \"client123\", \"professional_id\": \"prof456\","
    " \"start_time\": \"2026-03-15T11:00:00\", \"end_time\": \"2026-03-15T11:45:00\","
    " \"status\": \"CONFIRMED\", \"session_modality\": \"Virtual\","
    " \"created_at\": \"2026-03-01T10:00:00\", \"extra\": [1, 2]}";
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("America/Argentina/Buenos_Aires");
  g_autoptr(JsonNode) node = parse (doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) r = turnos_reservation_stored_from_json (node, tz, &error);
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(TurnosReservation) r2 = NULL;
  g_autofree char *start = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (r->status, ==, TURNOS_STATUS_CONFIRMED);
  g_assert_cmpint (r->modality, ==, TURNOS_MODALITY_VIRTUAL);
  again = turnos_reservation_to_node (r);
  /* The copy carries its zone, so it reads back without one given. */
  r2 = turnos_reservation_stored_from_json (again, NULL, &error);
  g_assert_no_error (error);
  start = turnos_time_format (r2->start);
  g_assert_cmpstr (start, ==, "2026-03-15T11:00:00");
  g_assert_cmpstr (r2->id, ==, "r1");
  g_assert_true (g_date_time_equal (r->end, r2->end));
}

static void
payment_round_trip (void)
{
  const char *doc =
    "{\"payment_id\": \"pay1\", \"status\": \"pending\", \"checkout_url\": \"http://127.0.0.1:1/c\","
    " \"amount\": \"5000.00\", \"currency\": \"ARS\", \"expires_at\": \"2026-03-15T11:15:00\","
    " \"timezone\": \"America/Argentina/Buenos_Aires\","
    " \"reservation\": {\"id\": \"r9\", \"client_id\": \"c\", \"professional_id\": \"p\","
    " \"start_time\": \"2026-03-16T09:00:00\", \"end_time\": \"2026-03-16T09:45:00\","
    " \"status\": \"PENDING\", \"session_modality\": \"Presencial\"}}";
  g_autoptr(JsonNode) node = parse (doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosPayment) p = turnos_payment_from_json (node, NULL, &error);
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(TurnosPayment) p2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (p->status, ==, TURNOS_PAYMENT_PENDING);
  g_assert_nonnull (p->reservation);
  g_assert_cmpint (p->reservation->modality, ==, TURNOS_MODALITY_PRESENCIAL);
  again = turnos_payment_to_node (p);
  p2 = turnos_payment_from_json (again, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p2->amount, ==, "5000.00");
  g_assert_true (g_date_time_equal (p->expires_at, p2->expires_at));
}

static void
month_round_trip (void)
{
  g_autoptr(JsonNode) node = parse ("{\"month\": \"2026-03\", \"timezone\": \"UTC\", \"days\":"
                                    " [{\"date\": \"2026-03-01\", \"free_slots\": 0},"
                                    " {\"date\": \"2026-03-02\", \"free_slots\": 7}]}");
  g_autoptr(TurnosMonthOverview) m = turnos_month_overview_from_json (node, NULL);
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(TurnosMonthOverview) m2 = NULL;

  g_assert_nonnull (m);
  g_assert_cmpint (m->month, ==, 3);
  again = turnos_month_overview_to_node (m);
  m2 = turnos_month_overview_from_json (again, NULL);
  g_assert_nonnull (m2);
  g_assert_cmpuint (m2->days->len, ==, 2);
  g_assert_cmpint (g_array_index (m2->days, TurnosMonthDay, 1).free_slots, ==, 7);
}

/* A count that does not fit an int is refused, not wrapped into a negative one. */
static void
month_count_out_of_range (void)
{
  static const char * const counts[] = { "-1", "2147483648", "4294967296", "9223372036854775807" };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *doc = g_strdup_printf ("{\"month\": \"2026-03\", \"timezone\": \"UTC\", \"days\":"
                                              " [{\"date\": \"2026-03-01\", \"free_slots\": %s}]}", counts[i]);
      g_autoptr(JsonNode) node = parse (doc);
      g_autoptr(GError) error = NULL;
      g_autoptr(TurnosMonthOverview) m = turnos_month_overview_from_json (node, &error);

      g_test_message ("%s", counts[i]);
      g_assert_null (m);
      g_assert_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE);
    }
}

/* Documents that must give a GError, never a crash or a critical. */
static void
bad_documents (void)
{
  static const char * const garbage[] = { "", "{", "not json", "{\"date\": \"2026-03-15\"", "\xff\xfe" };
  static const char * const availability[] = {
    "[]", "null", "42", "{}",
    "{\"date\": \"2026-03-15\", \"timezone\": \"UTC\"}",
    "{\"date\": 15, \"timezone\": \"UTC\", \"occupiedSlots\": []}",
    "{\"date\": \"2026-02-30\", \"timezone\": \"UTC\", \"occupiedSlots\": []}",
    "{\"date\": \"2026-03-15\", \"timezone\": \"Mars/Olympus\", \"occupiedSlots\": []}",
    "{\"date\": \"2026-03-15\", \"timezone\": \"UTC\", \"occupiedSlots\": {}}",
    "{\"date\": \"2026-03-15\", \"timezone\": \"UTC\", \"occupiedSlots\": [9]}",
    "{\"date\": \"2026-03-15\", \"timezone\": \"UTC\", \"occupiedSlots\": [\"09:00\"]}",
    "{\"date\": \"2026-03-15\", \"timezone\": \"UTC\", \"occupiedSlots\": [], \"slots\": [1]}",
    "{\"date\": \"2026-03-15\", \"timezone\": \"UTC\", \"occupiedSlots\": [], \"slots\": [{\"start_time\": \"2026-03-15T10:00:00\"}]}",
    "{\"date\": \"2026-03-15\", \"timezone\": \"UTC\", \"occupiedSlots\": [], \"slots\": [{\"start_time\": \"2026-03-15T10:00:00\", \"end_time\": \"2026-03-15T09:00:00\"}]}",
    "{\"date\": \"2026-03-15\", \"timezone\": \"UTC\", \"occupiedSlots\": [], \"blocked\": [{}]}",
  };
  static const char * const reservations[] = {
    "{}", "[1]", "{\"client_id\": \"c\", \"professional_id\": \"p\"}",
    "{\"client_id\": \"c\", \"professional_id\": \"p\", \"start_time\": 12}",
    "{\"client_id\": \"c\", \"professional_id\": \"p\", \"start_time\": \"2026-03-15 10:00\"}",
    "{\"client_id\": \"c\", \"professional_id\": \"p\", \"start_time\": \"2026-03-15T10:00:00\", \"status\": \"MAYBE\"}",
    "{\"client_id\": \"c\", \"professional_id\": \"p\", \"start_time\": \"2026-03-15T10:00:00\", \"session_modality\": \"BOTH\"}",
    "{\"client_id\": \"\", \"professional_id\": \"p\", \"start_time\": \"2026-03-15T10:00:00\"}",
    "{\"client_id\": \"c\", \"professional_id\": \"p\", \"start_time\": \"2026-03-15T10:00:00\", \"end_time\": \"2026-03-15T09:00:00\"}",
  };
  static const char * const settings[] = {
    "{}", "{\"user_id\": \"p\"}", "{\"user_id\": \"p\", \"timezone\": \"Nowhere/Else\"}",
    "{\"user_id\": \"p\", \"timezone\": \"UTC\", \"session_duration_minutes\": \"45\"}",
    "{\"user_id\": \"p\", \"timezone\": \"UTC\", \"session_duration_minutes\": 0}",
    "{\"user_id\": \"p\", \"timezone\": \"UTC\", \"working_hours\": [{\"weekday\": 8, \"start\": \"09:00\", \"end\": \"10:00\"}]}",
    "{\"user_id\": \"p\", \"timezone\": \"UTC\", \"working_hours\": [{\"weekday\": 1, \"start\": \"11:00\", \"end\": \"10:00\"}]}",
    "{\"user_id\": \"p\", \"timezone\": \"UTC\", \"working_hours\": [\"09:00\"]}",
    "{\"user_id\": \"p\", \"timezone\": \"UTC\", \"session_modality\": \"Telepathy\"}",
  };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = turnos_json_parse (garbage[i], strlen (garbage[i]), &error);

      g_assert_null (node);
      g_assert_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (availability); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = parse (availability[i]);
      g_autoptr(TurnosAvailability) a = turnos_availability_from_json (node, &error);

      g_test_message ("availability %u", i);
      g_assert_null (a);
      g_assert_nonnull (error);
      g_assert_true (error->domain == TURNOS_ERROR);
    }
  for (guint i = 0; i < G_N_ELEMENTS (reservations); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = parse (reservations[i]);
      g_autoptr(TurnosReservation) r = turnos_reservation_from_json (node, utc, &error);

      g_test_message ("reservation %u", i);
      g_assert_null (r);
      g_assert_nonnull (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = parse (settings[i]);
      g_autoptr(TurnosSettings) s = turnos_settings_from_json (node, &error);

      g_test_message ("settings %u", i);
      g_assert_null (s);
      g_assert_nonnull (error);
    }
}

/* json-glib 1.6 reads "{…}{…}" as its first document; a proxy in front may read the second. */
static void
one_document (void)
{
  static const struct { const char *doc; gboolean ok; } cases[] = {
    { "{}", TRUE },
    { " {\"a\": [1, {}, []]} \r\n\t", TRUE },
    { "[[], {}]", TRUE },
    { "42", TRUE },
    { "{}{}", FALSE },
    { "{\"client_id\": \"c\"}{\"client_id\": \"evil\"}", FALSE },
    { "[1] [2]", FALSE },
    { "[]{\"a\": []}", FALSE },
    { "1 {}", FALSE },
    { "\"a\" []", FALSE },
    { "{} {} {}", FALSE },
    { "var a = {};", FALSE },
    { "{} x", FALSE },
    /* More than JSON that json-glib reads: quotes, comments, a byte-order mark. */
    { "{'a': 1}", FALSE },
    { "/* c */ {}", FALSE },
    { "{} // c", FALSE },
    { "# c\n{}", FALSE },
    { "\xef\xbb\xbf{}", FALSE },
    /* Brackets and quotes inside strings are text. */
    { "{\"a\": \"{[\", \"b\\\"}\": \"]}\"}", TRUE },
    { "[\"\\\\\", {}]", TRUE },
    /* What json-glib reads otherwise than another reader: a repeated name keeps the last
     * value, an escaped NUL ends the string, a lone surrogate is not UTF-8. */
    { "{\"client_id\": \"a\", \"client_id\": \"b\"}", FALSE },
    { "[{\"a\": 1, \"b\": {\"a\": 1}, \"a\": 2}]", FALSE },
    { "{\"a\": 1, \"b\": {\"a\": 1, \"b\": 2}}", TRUE },
    { "{\"client_id\": \"patient-1\\u0000evil\"}", FALSE },
    { "[\"\\u0000\"]", FALSE },
    { "[\"\\\\u0000\"]", TRUE },
    { "[\"\\\\\\u0000\"]", FALSE },
    { "{\"client_id\": \"\\udc00\"}", FALSE },
    { "{\"\\udc00\": 1}", FALSE },
    { "[\"x\\udc00\"]", FALSE },
    { "\"\\udc00\"", FALSE },
    { "[\"\\ud83d\\ude00 ñandú\"]", TRUE },
    { "{\"client_id\": \"patient-9\\udc00\", \"professional_id\": \"dr-carla\"}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = turnos_json_parse (cases[i].doc, strlen (cases[i].doc), &error);

      g_test_message ("%s", cases[i].doc);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (node);
        }
      else
        {
          g_assert_null (node);
          g_assert_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE);
          /* The message goes into a JSON answer. */
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
    }
}

/* A draft may leave id, status and end_time to the server; what a server stored may not. */
static void
reservation_stored_or_draft (void)
{
  static const struct { const char *doc; gboolean draft_ok; gboolean stored_ok; } cases[] = {
    { "{\"id\": \"r1\", \"client_id\": \"c\", \"professional_id\": \"p\", \"status\": \"CONFIRMED\","
      " \"start_time\": \"2026-03-15T10:00:00\", \"end_time\": \"2026-03-15T10:45:00\"}", TRUE, TRUE },
    { "{\"client_id\": \"c\", \"professional_id\": \"p\", \"start_time\": \"2026-03-15T10:00:00\"}",
      TRUE, FALSE },
    { "{\"id\": \"r1\", \"client_id\": \"c\", \"professional_id\": \"p\", \"status\": \"CONFIRMED\","
      " \"start_time\": \"2026-03-15T10:00:00\"}", TRUE, FALSE },
    { "{\"id\": \"r1\", \"client_id\": \"c\", \"professional_id\": \"p\", \"status\": \"CONFIRMED\","
      " \"start_time\": \"2026-03-15T10:00:00\", \"end_time\": \"\"}", TRUE, FALSE },
    { "{\"id\": \"r1\", \"client_id\": \"c\", \"professional_id\": \"p\", \"status\": \"CONFIRMED\","
      " \"start_time\": \"2026-03-15T10:00:00\", \"end_time\": null}", TRUE, FALSE },
    { "{\"client_id\": \"c\", \"professional_id\": \"p\", \"status\": \"CONFIRMED\","
      " \"start_time\": \"2026-03-15T10:00:00\", \"end_time\": \"2026-03-15T10:45:00\"}", TRUE, FALSE },
    { "{\"id\": \"\", \"client_id\": \"c\", \"professional_id\": \"p\", \"status\": \"CONFIRMED\","
      " \"start_time\": \"2026-03-15T10:00:00\", \"end_time\": \"2026-03-15T10:45:00\"}", TRUE, FALSE },
    { "{\"id\": \"r1\", \"client_id\": \"c\", \"professional_id\": \"p\","
      " \"start_time\": \"2026-03-15T10:00:00\", \"end_time\": \"2026-03-15T10:45:00\"}", TRUE, FALSE },
  };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = parse (cases[i].doc);
      g_autoptr(TurnosReservation) draft = turnos_reservation_from_json (node, utc, NULL);
      g_autoptr(TurnosReservation) stored = turnos_reservation_stored_from_json (node, utc, &error);

      g_test_message ("reservation %u", i);
      g_assert_true ((draft != NULL) == cases[i].draft_ok);
      g_assert_true ((stored != NULL) == cases[i].stored_ok);
      if (stored != NULL)
        {
          g_assert_nonnull (stored->id);
          g_assert_nonnull (stored->end);
        }
      else
        g_assert_error (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD);
    }
}

static void
block_stored_or_draft (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(JsonNode) draft = parse ("{\"start_time\": \"2026-03-15T13:00:00\","
                                     " \"end_time\": \"2026-03-15T14:00:00\", \"reason\": \"Lunch\"}");
  g_autoptr(JsonNode) stored = parse ("{\"id\": \"b1\", \"start_time\": \"2026-03-15T13:00:00\","
                                      " \"end_time\": \"2026-03-15T14:00:00\"}");
  g_autoptr(TurnosBlock) a = turnos_block_from_json (draft, utc, NULL);
  g_autoptr(TurnosBlock) b = turnos_block_stored_from_json (stored, utc, NULL);
  g_autoptr(TurnosBlock) c = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpstr (b->id, ==, "b1");
  c = turnos_block_stored_from_json (draft, utc, &error);
  g_assert_null (c);
  g_assert_error (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD);
}

static void
error_envelope (void)
{
  g_autoptr(JsonNode) node = turnos_json_error_new ("slot_taken", "taken");
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autoptr(JsonNode) other = parse ("{\"error\": \"slot_taken\"}");

  g_assert_true (turnos_json_error_parse (node, &code, &message));
  g_assert_cmpstr (code, ==, "slot_taken");
  g_assert_cmpstr (message, ==, "taken");
  g_assert_false (turnos_json_error_parse (other, NULL, NULL));

  /* A message quoting a request's raw bytes still makes a JSON document. */
  {
    g_autoptr(JsonNode) raw = turnos_json_error_new ("not_found", "no payment “pay\xd5”");
    g_autofree char *text = NULL;
    g_autoptr(JsonNode) again = NULL;
    g_autofree char *again_message = NULL;
    gsize len;

    text = turnos_json_to_string (raw, &len);
    again = turnos_json_parse (text, len, NULL);
    g_assert_nonnull (again);
    g_assert_true (turnos_json_error_parse (again, NULL, &again_message));
    g_assert_true (g_str_has_prefix (again_message, "no payment “pay"));
  }
}

static void
timestamps (void)
{
  g_autoptr(GTimeZone) madrid = turnos_time_zone_new ("Europe/Madrid");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) gap = NULL;
  g_autoptr(GDateTime) ok = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *str = NULL;
  static const char * const bad[] = { "2026-03-15T10:00", "2026-03-15 10:00:00", "2026-13-01T10:00:00",
                                      "2026-03-15T24:00:00", "2026-03-15T10:00:00Z", "２026-03-15T10:00:00" };
  GDate date;
  int minutes;

  g_assert_null (turnos_time_zone_new ("Not/AZone"));
  g_assert_null (turnos_time_zone_new (""));
  gap = turnos_time_parse ("2026-03-29T02:30:00", madrid, &error);
  g_assert_null (gap);
  g_assert_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE);
  g_clear_error (&error);
  ok = turnos_time_parse ("2026-03-29T03:30:00", madrid, &error);
  g_assert_no_error (error);
  str = turnos_time_format (ok);
  g_assert_cmpstr (str, ==, "2026-03-29T03:30:00");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) dt = turnos_time_parse (bad[i], madrid, NULL);
      g_assert_null (dt);
    }

  g_assert_true (turnos_date_parse ("2024-02-29", &date, NULL));
  g_assert_false (turnos_date_parse ("2025-02-29", &date, NULL));
  g_assert_true (turnos_clock_parse ("24:00", &minutes, NULL));
  g_assert_cmpint (minutes, ==, 1440);
  g_assert_false (turnos_clock_parse ("24:30", &minutes, NULL));

  /* The spring-forward day in Madrid lasts 23 hours. */
  g_assert_true (turnos_date_parse ("2026-03-29", &date, NULL));
  turnos_day_bounds (madrid, &date, &start, &end);
  g_assert_cmpint (g_date_time_difference (end, start), ==, 23 * G_TIME_SPAN_HOUR);
}

/* Every date the API reads has a day after it, so day bounds are always constructible. */
static void
year_bounds (void)
{
  static const struct { const char *text; gboolean ok; } dates[] = {
    { "1899-12-31", FALSE }, { "1900-01-01", TRUE }, { "2026-03-15", TRUE },
    { "9000-12-31", TRUE }, { "9001-01-01", FALSE }, { "9999-12-31", FALSE }, { "0000-01-01", FALSE },
  };
  static const struct { const char *text; gboolean ok; } months[] = {
    { "1899-12", FALSE }, { "1900-01", TRUE }, { "9000-12", TRUE }, { "9001-01", FALSE }, { "9999-12", FALSE },
  };
  static const struct { const char *text; gboolean ok; } times[] = {
    { "1899-12-31T23:59:59", FALSE }, { "1900-01-01T00:00:00", TRUE },
    { "9000-12-31T23:59:59", TRUE }, { "9999-12-31T23:00:00", FALSE },
  };
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("Pacific/Kiritimati");   /* UTC+14 */

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_test_message ("%s", dates[i].text);
      g_assert_true (turnos_date_parse (dates[i].text, &date, &error) == dates[i].ok);
      if (dates[i].ok)
        {
          g_autoptr(GDateTime) start = NULL;
          g_autoptr(GDateTime) end = NULL;

          turnos_day_bounds (tz, &date, &start, &end);
          g_assert_nonnull (start);
          g_assert_nonnull (end);
          g_assert_cmpint (g_date_time_compare (start, end), <, 0);
        }
      else
        g_assert_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      int year, month;

      g_test_message ("%s", months[i].text);
      g_assert_true (turnos_month_parse (months[i].text, &year, &month, NULL) == months[i].ok);
    }
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GDateTime) dt = turnos_time_parse (times[i].text, tz, NULL);

      g_test_message ("%s", times[i].text);
      g_assert_true ((dt != NULL) == times[i].ok);
    }
}

/* A parser's message quotes its input, which a query string brings unchecked: it goes into a
 * JSON answer, so it is valid UTF-8 and short. */
static void
messages_quote_safely (void)
{
  g_autofree char *long_input = g_strnfill (10000, '9');
  const char *inputs[] = { "2026-1\xa7-31", "\xff\xfe", "2026-03-1\xc3", long_input };
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) date_error = NULL;
      g_autoptr(GError) month_error = NULL;
      g_autoptr(GError) time_error = NULL;
      g_autoptr(GError) clock_error = NULL;
      g_autoptr(GDateTime) dt = NULL;
      GDate date;
      int a, b;

      g_assert_false (turnos_date_parse (inputs[i], &date, &date_error));
      g_assert_false (turnos_month_parse (inputs[i], &a, &b, &month_error));
      g_assert_null ((dt = turnos_time_parse (inputs[i], utc, &time_error)));
      g_assert_false (turnos_clock_parse (inputs[i], &a, &clock_error));
      for (GError **e = (GError *[]) { date_error, month_error, time_error, clock_error, NULL }; *e; e++)
        {
          g_assert_true (g_utf8_validate ((*e)->message, -1, NULL));
          g_assert_cmpuint (strlen ((*e)->message), <, 200);
        }
    }
}

/* A zone named by the network never names a file. */
static void
zone_names (void)
{
  static const char * const good[] = { "UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+3", "Etc/GMT-14" };
  static const char * const bad[] = {
    "", "/etc/localtime", "/usr/share/zoneinfo/UTC", ":UTC", "../zoneinfo/UTC", "America/../UTC",
    "America//Sao_Paulo", "America/", "./UTC", "+05:00", "UTC ", "Etc/GMT+3\n",
    "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/UTC",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GTimeZone) tz = turnos_time_zone_new (good[i]);

      g_test_message ("%s", good[i]);
      g_assert_nonnull (tz);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GTimeZone) tz = turnos_time_zone_new (bad[i]);

      g_test_message ("%s", bad[i]);
      g_assert_null (tz);
    }
}

static void
day_without_midnight (void)
{
  g_autoptr(GTimeZone) santiago = turnos_time_zone_new ("America/Santiago");
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GDate date;

  g_assert_true (turnos_date_parse ("2022-09-11", &date, NULL));
  turnos_day_bounds (santiago, &date, &start, &end);
  g_assert_cmpint (g_date_time_get_day_of_month (start), ==, 11);
  g_assert_cmpint (g_date_time_get_hour (start), ==, 1);
  g_assert_cmpint (g_date_time_difference (end, start), ==, 23 * G_TIME_SPAN_HOUR);
}

/* Samoa went from 2011-12-29 to 2011-12-31: the 30th is an empty day, the 29th a whole one. */
static void
day_skipped_whole (void)
{
  g_autoptr(GTimeZone) apia = turnos_time_zone_new ("Pacific/Apia");
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) before_start = NULL;
  g_autoptr(GDateTime) before_end = NULL;
  g_autofree char *text = NULL;
  GDate date;

  g_assert_true (turnos_date_parse ("2011-12-30", &date, NULL));
  turnos_day_bounds (apia, &date, &start, &end);
  g_assert_nonnull (start);
  g_assert_nonnull (end);
  g_assert_true (g_date_time_equal (start, end));
  text = turnos_time_format (start);
  g_assert_cmpstr (text, ==, "2011-12-31T00:00:00");

  g_assert_true (turnos_date_parse ("2011-12-29", &date, NULL));
  turnos_day_bounds (apia, &date, &before_start, &before_end);
  g_assert_cmpint (g_date_time_difference (before_end, before_start), ==, 24 * G_TIME_SPAN_HOUR);
  g_assert_true (g_date_time_equal (before_end, start));
}

/* The streaming writer: commas, nesting, escaping and times, read back by json-glib. */
static void
writer_documents (void)
{
  g_autoptr(TurnosJsonWriter) w = turnos_json_writer_new ();
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("America/Sao_Paulo");
  g_autoptr(GDateTime) t = g_date_time_new (tz, 2018, 11, 4, 1, 5, 9);   /* just after a DST jump */
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *o;
  JsonArray *list;
  GDate d;
  gsize len;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 9, 3, 2026);
  turnos_json_writer_begin_object (w);
  turnos_json_writer_member (w, "say");
  turnos_json_writer_string (w, "\"quoted\" \\ back\nline\ttab\x01 ñandú");
  turnos_json_writer_member (w, "none");
  turnos_json_writer_string (w, NULL);
  turnos_json_writer_member (w, "n");
  turnos_json_writer_int (w, -42);
  turnos_json_writer_member (w, "list");
  turnos_json_writer_begin_array (w);
  turnos_json_writer_time (w, t);
  turnos_json_writer_date (w, &d);
  turnos_json_writer_begin_object (w);
  turnos_json_writer_end_object (w);
  turnos_json_writer_begin_array (w);
  turnos_json_writer_end_array (w);
  turnos_json_writer_int (w, 7);
  turnos_json_writer_end_array (w);
  turnos_json_writer_member (w, "after");
  turnos_json_writer_int (w, 1);
  turnos_json_writer_end_object (w);
  text = turnos_json_writer_free_to_string (g_steal_pointer (&w), &len);
  g_assert_cmpuint (len, ==, strlen (text));

  node = turnos_json_parse (text, len, &error);
  g_assert_no_error (error);
  o = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (o, "say"), ==, "\"quoted\" \\ back\nline\ttab\x01 ñandú");
  g_assert_true (json_object_get_null_member (o, "none"));
  g_assert_cmpint (json_object_get_int_member (o, "n"), ==, -42);
  g_assert_cmpint (json_object_get_int_member (o, "after"), ==, 1);
  list = json_object_get_array_member (o, "list");
  g_assert_cmpuint (json_array_get_length (list), ==, 5);
  {
    g_autofree char *expected = turnos_time_format (t);

    g_assert_cmpstr (json_array_get_string_element (list, 0), ==, expected);
  }
  g_assert_cmpstr (json_array_get_string_element (list, 1), ==, "2026-03-09");
  g_assert_cmpuint (json_object_get_size (json_array_get_object_element (list, 2)), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_array_get_array_element (list, 3)), ==, 0);
  g_assert_cmpint (json_array_get_int_element (list, 4), ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/json/seed-availability", seed_availability);
  g_test_add_func ("/core/json/availability-round-trip", availability_round_trip);
  g_test_add_func ("/core/json/settings-round-trip", settings_round_trip);
  g_test_add_func ("/core/json/settings-defaults", settings_defaults);
  g_test_add_func ("/core/json/reservation-round-trip", reservation_round_trip);
  g_test_add_func ("/core/json/payment-round-trip", payment_round_trip);
  g_test_add_func ("/core/json/month-round-trip", month_round_trip);
  g_test_add_func ("/core/json/month-count-out-of-range", month_count_out_of_range);
  g_test_add_func ("/core/json/bad-documents", bad_documents);
  g_test_add_func ("/core/json/writer", writer_documents);
  g_test_add_func ("/core/json/error-envelope", error_envelope);
  g_test_add_func ("/core/json/one-document", one_document);
  g_test_add_func ("/core/json/reservation-stored-or-draft", reservation_stored_or_draft);
  g_test_add_func ("/core/json/block-stored-or-draft", block_stored_or_draft);
  g_test_add_func ("/core/time/year-bounds", year_bounds);
  g_test_add_func ("/core/time/zone-names", zone_names);
  g_test_add_func ("/core/time/messages-quote-safely", messages_quote_safely);
  g_test_add_func ("/core/time/timestamps", timestamps);
  g_test_add_func ("/core/time/day-without-midnight", day_without_midnight);
  g_test_add_func ("/core/time/day-skipped-whole", day_skipped_whole);

  return g_test_run ();
}
