/* test-dst.c: every time a server lists on a DST day can be booked as listed, and nothing else
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule under test is turnos-time.h's (RFC 5545 §3.3.5): a repeated reading is its first
 * occurrence, an end is resolved relative to its start, a skipped reading names nothing, and
 * "start_utc_offset" / "end_utc_offset" say which run of a repeated hour a time is in. Each
 * test runs a real TurnosServer on 127.0.0.1 over a scratch SQLite store, on a clock of its
 * own, and talks HTTP to it.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "turnos-availability.h"
#include "turnos-json.h"
#include "turnos-reservation.h"
#include "turnos-server.h"
#include "turnos-test-server.h"
#include "turnos-test-store.h"
#include "turnos-time.h"

/*
 * A scratch server
 */

typedef struct
{
  char         *uri;
  TurnosStore  *store;
  TurnosServer *server;
  SoupSession  *session;   /* one keep-alive connection for the whole walk */
  char         *url;
  char         *token;      /* an admin token of the scratch server's memory */
  GDateTime    *now;       /* the server's clock; tests move it */
  GHashTable   *settings;  /* professional id → TurnosSettings */
} Scratch;

static GDateTime *
scratch_clock (gpointer data)
{
  Scratch *s = data;

  return g_date_time_ref (s->now);
}

static Scratch *
scratch_new (GDateTime *now)
{
  Scratch *s = g_new0 (Scratch, 1);
  g_autoptr(GError) error = NULL;

  /* Thousands of durable commits: on tmpfs when there is one, fsync costs nothing there
   * (the PostgreSQL test cluster does not fsync). */
  if (turnos_test_store_is_postgresql ())
    s->uri = turnos_test_store_new_uri ();
  else
    {
      g_autofree char *template = g_build_filename (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR)
                                                    ? "/dev/shm" : g_get_tmp_dir (),
                                                    "turnos-dst-XXXXXX", NULL);
      g_autofree char *dir = g_mkdtemp (g_steal_pointer (&template));

      g_assert_nonnull (dir);
      s->uri = g_strdup_printf ("sqlite://%s/t.db", dir);
    }
  s->store = turnos_store_open (s->uri, &error);
  g_assert_no_error (error);
  s->now = g_date_time_ref (now);
  s->server = turnos_server_new (s->store);
  g_object_set (s->server, "log-requests", FALSE, NULL);
  turnos_server_set_clock (s->server, scratch_clock, s);
  g_assert_true (turnos_server_listen (s->server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  s->url = turnos_server_dup_base_url (s->server);
  /* The desk books for anyone: an in-memory admin token stands in for a signed-in desk. */
  s->token = turnos_server_make_admin_token (s->server);
  s->session = soup_session_new_with_options ("max-conns-per-host", 1, NULL);
  s->settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) turnos_settings_unref);
  return s;
}

static void
scratch_free (Scratch *s)
{
  g_clear_object (&s->session);
  g_clear_object (&s->server);
  g_clear_object (&s->store);
  turnos_test_store_drop (s->uri);
  g_free (s->uri);
  g_free (s->url);
  g_free (s->token);
  g_date_time_unref (s->now);
  g_hash_table_unref (s->settings);
  g_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scratch, scratch_free)

/* A professional working @hours ("HH:MM-HH:MM") every day of the week, no deposit, no notice,
 * a horizon of @horizon days. Returns: (transfer none): the settings, kept by @s. */
static TurnosSettings *
add_professional (Scratch    *s,
                  const char *id,
                  const char *zone,
                  int         duration,
                  int         interval,
                  const char *hours,
                  int         horizon)
{
  g_autoptr(TurnosSettings) settings = turnos_settings_new ();
  g_autoptr(GError) error = NULL;
  char from[6], to[6];
  int start, end;

  settings->user_id = g_strdup (id);
  settings->display_name = g_strdup (id);
  g_assert_true (turnos_settings_set_timezone (settings, zone));
  settings->session_duration_minutes = duration;
  settings->slot_interval_minutes = interval;
  settings->booking_horizon_days = horizon;
  settings->min_notice_minutes = 0;
  settings->cancel_notice_minutes = 0;
  g_assert_cmpint (sscanf (hours, "%5[0-9:]-%5[0-9:]", from, to), ==, 2);
  g_assert_true (turnos_clock_parse (from, &start, NULL));
  g_assert_true (turnos_clock_parse (to, &end, NULL));
  for (int weekday = 1; weekday <= 7; weekday++)
    turnos_settings_add_hours (settings, weekday, start, end);
  g_assert_true (turnos_store_put_professional (s->store, settings, &error));
  g_assert_no_error (error);
  /* Borrowed: the scratch server keeps it. */
  g_hash_table_insert (s->settings, g_strdup (id), settings);
  return g_steal_pointer (&settings);
}

typedef struct
{
  GAsyncResult *result;
  gboolean      done;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

/* @method @path with an optional JSON @body; the status, and the answer when asked. */
static guint
request (Scratch     *s,
         const char  *method,
         const char  *path,
         JsonNode    *body,
         JsonNode   **out)
{
  g_autofree char *url = g_strconcat (s->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL, FALSE };
  const char *data;
  gsize len;

  g_assert_nonnull (msg);
  /* libsoup opens a fresh connection for every POST unless told it may reuse one. */
  soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
  {
    g_autofree char *bearer = g_strconcat ("Bearer ", s->token, NULL);

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  }
  if (body != NULL)
    {
      gsize body_len;
      char *json = turnos_json_to_string (body, &body_len);
      g_autoptr(GBytes) bytes = g_bytes_new_take (json, body_len);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (s->session, msg, G_PRIORITY_DEFAULT, NULL, done_cb, &wait);
  g_assert_true (turnos_test_wait_for (&wait.done, 10000));
  answer = soup_session_send_and_read_finish (s->session, wait.result, &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  /* Let the session put its connection back before the next request takes one. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  data = g_bytes_get_data (answer, &len);
  if (out != NULL)
    *out = len > 0 ? turnos_json_parse (data, len, NULL) : NULL;
  return soup_message_get_status (msg);
}

static char *
error_code (JsonNode *node)
{
  char *code = NULL;

  g_assert_nonnull (node);
  g_assert_true (turnos_json_error_parse (node, &code, NULL));
  return code;
}

static JsonNode *
get_day (Scratch    *s,
         const char *professional,
         const char *date)
{
  g_autofree char *path = g_strdup_printf ("reservations/availability?date=%s&professional_id=%s",
                                           date, professional);
  JsonNode *node = NULL;

  g_assert_cmpuint (request (s, "GET", path, NULL, &node), ==, 200);
  return node;
}

/* A draft as a seed client writes it: the listed strings and nothing else. */
static JsonNode *
seed_draft (const char *professional,
            const char *start,
            const char *end)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "client_id");
  json_builder_add_string_value (b, "patient");
  json_builder_set_member_name (b, "professional_id");
  json_builder_add_string_value (b, professional);
  json_builder_set_member_name (b, "start_time");
  json_builder_add_string_value (b, start);
  if (end != NULL)
    {
      json_builder_set_member_name (b, "end_time");
      json_builder_add_string_value (b, end);
    }
  json_builder_set_member_name (b, "session_modality");
  json_builder_add_string_value (b, "Virtual");
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The same draft with the offsets of a repeated hour, as a hand-written client might add. */
static JsonNode *
draft_with_offsets (const char *professional,
                    const char *start,
                    const char *start_offset,
                    const char *end,
                    const char *end_offset)
{
  JsonNode *node = seed_draft (professional, start, end);
  JsonObject *o = json_node_get_object (node);

  if (start_offset != NULL)
    json_object_set_string_member (o, "start_utc_offset", start_offset);
  if (end_offset != NULL)
    json_object_set_string_member (o, "end_utc_offset", end_offset);
  return node;
}

/* A draft as the project's own client builds it from a listed slot: the core reads the
 * answer, the booking layer computes the end with turnos_reservation_draft_end() and writes
 * the draft with turnos_reservation_to_node(). */
static JsonNode *
client_draft (const TurnosSettings *settings,
              const TurnosInterval *slot)
{
  g_autoptr(TurnosReservation) draft = turnos_reservation_new ();

  draft->client_id = g_strdup ("patient");
  draft->professional_id = g_strdup (settings->user_id);
  draft->start = g_date_time_ref (slot->start);
  draft->end = turnos_reservation_draft_end (settings, draft->start);
  draft->modality = TURNOS_MODALITY_VIRTUAL;
  draft->timezone = g_strdup (settings->timezone);
  /* The listed end, read back by the core, is the end the client computes. */
  g_assert_true (g_date_time_equal (draft->end, slot->end));
  return turnos_reservation_to_node (draft);
}

static const char *
member_or_null (JsonObject *o,
                const char *name)
{
  return json_object_has_member (o, name) ? json_object_get_string_member (o, name) : NULL;
}

/* Posts @draft; asserts @status (and @code for an error). On 201, asserts the stored times
 * read as @listed's (strings and offsets) and cancels it again when @cancel. */
static void
post_expect (Scratch    *s,
             JsonNode   *draft,
             guint       status,
             const char *code,
             JsonObject *listed,
             gboolean    cancel)
{
  g_autoptr(JsonNode) answer = NULL;
  guint got = request (s, "POST", "reservations/create-without-payment", draft, &answer);

  if (got != status)
    {
      g_autofree char *body = turnos_json_to_string (draft, NULL);
      g_autofree char *reply = answer ? turnos_json_to_string (answer, NULL) : g_strdup ("");

      g_error ("POST %s: %u (expected %u): %s", body, got, status, reply);
    }
  if (code != NULL)
    {
      g_autofree char *got_code = error_code (answer);

      g_assert_cmpstr (got_code, ==, code);
    }
  if (status == 201)
    {
      JsonObject *r = json_node_get_object (answer);

      if (listed != NULL)
        {
          const char *names[] = { "start_time", "end_time", "start_utc_offset", "end_utc_offset" };

          for (guint i = 0; i < G_N_ELEMENTS (names); i++)
            g_assert_cmpstr (member_or_null (r, names[i]), ==, member_or_null (listed, names[i]));
        }
      if (cancel)
        {
          g_autofree char *path = g_strdup_printf ("reservations/%s/cancel",
                                                   json_object_get_string_member (r, "id"));

          g_assert_cmpuint (request (s, "POST", path, NULL, NULL), ==, 200);
        }
    }
}

/* "HH:MM-HH:MM …" of a day's listed slots, with "+HH:MM" after a time in a repeated hour. */
static char *
describe_slots (JsonArray *slots)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (slots); i++)
    {
      JsonObject *slot = json_array_get_object_element (slots, i);
      const char *start = json_object_get_string_member (slot, "start_time");
      const char *end = json_object_get_string_member (slot, "end_time");
      const char *so = member_or_null (slot, "start_utc_offset");
      const char *eo = member_or_null (slot, "end_utc_offset");

      g_string_append_printf (out, "%s%.5s%s-%.5s%s", i ? " " : "", start + 11, so ? so : "",
                              end + 11, eo ? eo : "");
    }
  return g_string_free (out, FALSE);
}

/*
 * The table: the case, each kind of DST day, and cases made up of the same kind
 */

typedef struct
{
  const char *path;
  const char *zone;
  int         duration;
  int         interval;
  const char *hours;     /* every day */
  const char *date;      /* the day listed */
  const char *blocks;    /* "START[+OFF] END[+OFF];…" added before listing, or "" */
  const char *expected;  /* describe_slots() of the listing */
  /* Besides every listed slot (booked as listed), drafts that must fail:
   * "START[+OFF] END[+OFF] STATUS CODE;…" (END "-" for none) */
  const char *refused;
} DstCase;

static const DstCase cases[] = {
  /* The case: Madrid falls back at 03:00 CEST → 02:00 CET on 2027-10-31. 01:00–02:00
   * (the first 02:00) was refused as 120 minutes long; the first 02:00 hour was not listed. */
  { "/server/dst/madrid-fall-back", "Europe/Madrid", 60, 60, "00:00-03:00", "2027-10-31", "",
    "00:00-01:00 01:00-02:00+02:00 02:00+02:00-02:00+01:00",
    /* the second 02:00 hour has no bare name: its start is not on the grid */
    "2027-10-31T02:00:00+01:00 2027-10-31T03:00:00 422 outside_working_hours;"
    /* an end an hour off either way, by reading or by offset */
    "2027-10-31T01:00:00 2027-10-31T02:00:00+01:00 422 bad_duration;"
    "2027-10-31T02:00:00 2027-10-31T02:00:00+02:00 400 invalid_field;"
    "2027-10-31T02:00:00 2027-10-31T03:00:00 422 bad_duration;"
    /* an offset the zone never has there */
    "2027-10-31T01:00:00+05:00 - 400 invalid_time;"
    "2027-10-31T02:00:00+1:00 - 400 invalid_time" },
  /* Madrid springs forward at 02:00 CET → 03:00 CEST on 2027-03-28: no 02:00 at all. */
  { "/server/dst/madrid-spring-forward", "Europe/Madrid", 60, 60, "00:00-04:00", "2027-03-28", "",
    "00:00-01:00 01:00-03:00 03:00-04:00",
    "2027-03-28T02:00:00 2027-03-28T03:00:00 400 invalid_time;"
    "2027-03-28T02:30:00 - 400 invalid_time;"
    "2027-03-28T01:00:00 2027-03-28T02:00:00 400 invalid_time" },
  /* New York repeats 01:00–02:00 on 2027-11-07 (02:00 EDT → 01:00 EST), 30-minute grid. */
  { "/server/dst/new-york-fall-back", "America/New_York", 30, 30, "00:00-03:00", "2027-11-07", "",
    "00:00-00:30 00:30-01:00-04:00 01:00-04:00-01:30-04:00 01:30-04:00-01:00-05:00 "
    "02:00-02:30 02:30-03:00",
    "2027-11-07T01:00:00-05:00 2027-11-07T01:30:00 422 outside_working_hours;"
    "2027-11-07T01:30:00-05:00 - 422 outside_working_hours;"
    "2027-11-07T01:15:00 - 422 outside_working_hours" },
  { "/server/dst/new-york-spring-forward", "America/New_York", 60, 60, "00:00-04:00", "2027-03-14", "",
    "00:00-01:00 01:00-03:00 03:00-04:00",
    "2027-03-14T02:00:00 - 400 invalid_time" },
  /* Santiago springs forward at 24:00 → 01:00 on 2027-09-05: the day has no midnight. */
  { "/server/dst/santiago-no-midnight", "America/Santiago", 60, 60, "00:00-03:00", "2027-09-05", "",
    "01:00-02:00 02:00-03:00",
    "2027-09-05T00:00:00 2027-09-05T01:00:00 400 invalid_time;"
    "2027-09-05T00:30:00 - 400 invalid_time" },
  /* …and falls back at 24:00 → 23:00 on Saturday 2027-04-03: 23:00–24:00 happens twice, and
   * the day lasts 25 hours. */
  { "/server/dst/santiago-fall-back-at-midnight", "America/Santiago", 60, 60, "21:00-24:00",
    "2027-04-03", "",
    "21:00-22:00 22:00-23:00-03:00 23:00-03:00-23:00-04:00",
    "2027-04-03T23:00:00-04:00 2027-04-04T00:00:00 422 outside_working_hours" },
  /* Lord Howe shifts by 30 minutes: 02:00 → 01:30 on 2027-04-04 (+11:00 → +10:30)… */
  { "/server/dst/lord-howe-fall-back", "Australia/Lord_Howe", 60, 30, "00:00-03:00", "2027-04-04", "",
    "00:00-01:00 00:30-01:30+11:00 01:00-01:30+10:30 01:30+11:00-02:00 02:00-03:00",
    "2027-04-04T01:30:00+10:30 2027-04-04T02:30:00 422 outside_working_hours;"
    "2027-04-04T01:00:00 2027-04-04T01:30:00+11:00 422 bad_duration;"
    "2027-04-04T01:45:00 - 422 outside_working_hours" },
  /* …and 02:00 → 02:30 on 2027-10-03. */
  { "/server/dst/lord-howe-spring-forward", "Australia/Lord_Howe", 60, 30, "00:00-04:00", "2027-10-03", "",
    "00:00-01:00 00:30-01:30 01:00-02:30 01:30-03:00 02:30-03:30 03:00-04:00",
    "2027-10-03T02:00:00 - 400 invalid_time;"
    "2027-10-03T02:15:00 - 400 invalid_time" },
  /* Buenos Aires has no DST: nothing is ambiguous, no offsets are written. */
  { "/server/dst/buenos-aires-plain", "America/Argentina/Buenos_Aires", 60, 60, "00:00-03:00",
    "2027-10-31", "",
    "00:00-01:00 01:00-02:00 02:00-03:00",
    "2027-10-31T01:00:00-04:00 - 400 invalid_time;"
    "2027-10-31T01:30:00 - 422 outside_working_hours" },

  /* Made up, of the same kind. A session longer than the repeated hour: 01:00 CEST + 120 min
   * ends at the second 02:00, listed "01:00-02:00" with the offset that says so; posted bare
   * it is settled by its length, posted with the other offset it is refused. */
  { "/server/dst/long-session-across-the-fold", "Europe/Madrid", 120, 60, "00:00-05:00",
    "2027-10-31", "",
    "00:00-02:00+02:00 01:00-02:00+01:00 02:00+02:00-03:00 03:00-05:00",
    "2027-10-31T01:00:00 2027-10-31T02:00:00+02:00 422 bad_duration;"
    "2027-10-31T01:00:00 2027-10-31T03:00:00 422 bad_duration" },
  /* A block ending inside the first run of the repeated hour takes the slot that starts there;
   * 03:00 (CET) stays free. */
  { "/server/dst/block-ends-in-first-run", "Europe/Madrid", 60, 60, "00:00-05:00", "2027-10-31",
    "2027-10-31T00:30:00 2027-10-31T02:30:00",
    "03:00-04:00 04:00-05:00",
    "2027-10-31T01:00:00 2027-10-31T02:00:00 409 slot_taken" },
  /* A block "02:00"–"02:00" is the repeated hour itself, by rule 3: it takes only the slot from
   * the first 02:00 to the second. */
  { "/server/dst/block-is-the-repeated-hour", "Europe/Madrid", 60, 60, "00:00-05:00", "2027-10-31",
    "2027-10-31T02:00:00 2027-10-31T02:00:00",
    "00:00-01:00 01:00-02:00+02:00 03:00-04:00 04:00-05:00",
    "2027-10-31T02:00:00 2027-10-31T02:00:00 409 slot_taken" },
  /* A block ending in the second run (by its offset) takes the slot ending there too, not
   * 03:00 (it ends at 02:30 CET, before 03:00 CET). */
  { "/server/dst/block-ends-in-second-run", "Europe/Madrid", 30, 30, "00:00-04:00", "2027-10-31",
    "2027-10-31T02:30:00+02:00 2027-10-31T02:30:00+01:00",
    "00:00-00:30 00:30-01:00 01:00-01:30 01:30-02:00+02:00 02:00+02:00-02:30+02:00 "
    "03:00-03:30 03:30-04:00",
    "2027-10-31T02:30:00 2027-10-31T02:00:00 409 slot_taken" },
  /* A 23:30–00:30 block across Santiago's fall-back midnight lasts two hours (23:30 -03 to
   * 00:30 -04) and takes time on both days. */
  { "/server/dst/block-across-fall-back-midnight", "America/Santiago", 60, 60, "21:00-24:00",
    "2027-04-03", "2027-04-03T23:30:00 2027-04-04T00:30:00",
    "21:00-22:00 22:00-23:00-03:00",
    "" },
  { "/server/dst/block-across-fall-back-midnight-next-day", "America/Santiago", 60, 60,
    "00:00-03:00", "2027-04-04", "2027-04-03T23:30:00 2027-04-04T00:30:00",
    "01:00-02:00 02:00-03:00",
    "2027-04-04T00:00:00 2027-04-04T01:00:00 409 slot_taken" },
};

/* "2027-10-31T02:00:00+01:00" → the time and its offset (NULL without one). */
static void
split_time (const char  *text,
            char       **time,
            char       **offset)
{
  *time = g_strndup (text, 19);
  *offset = strlen (text) > 19 ? g_strdup (text + 19) : NULL;
}

static JsonNode *
block_body (const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, " ", -1);
  g_autofree char *start = NULL, *start_offset = NULL, *end = NULL, *end_offset = NULL;
  g_autoptr(JsonObject) o = json_object_new ();   /* the node takes a reference of its own */

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  split_time (parts[0], &start, &start_offset);
  split_time (parts[1], &end, &end_offset);
  json_object_set_string_member (o, "start_time", start);
  json_object_set_string_member (o, "end_time", end);
  if (start_offset != NULL)
    json_object_set_string_member (o, "start_utc_offset", start_offset);
  if (end_offset != NULL)
    json_object_set_string_member (o, "end_utc_offset", end_offset);
  json_object_set_string_member (o, "reason", "away");
  return json_node_init_object (json_node_alloc (), o);
}

static void
run_case (gconstpointer data)
{
  const DstCase *c = data;
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (c->zone);
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2027, 1, 1, 0, 0, 0);
  g_autoptr(Scratch) s = scratch_new (now);
  TurnosSettings *settings = add_professional (s, "pro", c->zone, c->duration, c->interval,
                                               c->hours, 400);
  g_auto(GStrv) blocks = g_strsplit (c->blocks, ";", -1);
  g_auto(GStrv) refused = g_strsplit (c->refused, ";", -1);
  g_autoptr(JsonNode) day = NULL;
  g_autoptr(TurnosAvailability) availability = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;
  JsonArray *slots;

  for (guint i = 0; blocks[i] != NULL && *blocks[i] != '\0'; i++)
    {
      g_autoptr(JsonNode) body = block_body (blocks[i]);

      g_assert_cmpuint (request (s, "POST", "professionals/pro/blocks", body, NULL), ==, 201);
    }

  day = get_day (s, "pro", c->date);
  slots = json_object_get_array_member (json_node_get_object (day), "slots");
  listed = describe_slots (slots);
  g_assert_cmpstr (listed, ==, c->expected);

  /* The core reads the answer back to the same instants, each slot as long as a session. */
  availability = turnos_availability_from_json (day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (availability->slots->len, ==, json_array_get_length (slots));
  for (guint i = 0; i < availability->slots->len; i++)
    {
      TurnosInterval *iv = &g_array_index (availability->slots, TurnosInterval, i);

      g_assert_cmpint (g_date_time_difference (iv->end, iv->start), ==,
                       (GTimeSpan) c->duration * G_TIME_SPAN_MINUTE);
    }

  /* What must fail, before anything is booked. */
  for (guint i = 0; refused[i] != NULL && *refused[i] != '\0'; i++)
    {
      g_autofree char *start = NULL, *start_offset = NULL, *end = NULL, *end_offset = NULL;
      g_autoptr(JsonNode) draft = NULL;
      char start_text[40], end_text[40], code[40];
      guint status;

      g_test_message ("refused: %s", refused[i]);
      g_assert_cmpint (sscanf (refused[i], "%39s %39s %u %39s", start_text, end_text, &status, code),
                       ==, 4);
      split_time (start_text, &start, &start_offset);
      if (!g_str_equal (end_text, "-"))
        split_time (end_text, &end, &end_offset);
      draft = draft_with_offsets ("pro", start, start_offset, end, end_offset);
      post_expect (s, draft, status, code, NULL, FALSE);
    }

  /* Every listed slot, as a seed client sends it (the strings alone), then as the project's
   * client does (the core's draft, offsets included); cancelled in between. */
  for (guint i = 0; i < json_array_get_length (slots); i++)
    {
      JsonObject *slot = json_array_get_object_element (slots, i);
      TurnosInterval *iv = &g_array_index (availability->slots, TurnosInterval, i);
      g_autoptr(JsonNode) bare = seed_draft ("pro", json_object_get_string_member (slot, "start_time"),
                                             json_object_get_string_member (slot, "end_time"));
      g_autoptr(JsonNode) own = client_draft (settings, iv);

      post_expect (s, bare, 201, NULL, slot, TRUE);
      post_expect (s, own, 201, NULL, slot, TRUE);
    }
}

/*
 * A year of days, every slot booked as listed
 */

/* Both hemispheres, whole-hour and half-hour shifts, a change that skips midnight. */
static const char * const walk_zones[] = {
  "Europe/Madrid", "America/New_York", "America/Santiago", "Australia/Lord_Howe",
};

/* Every reading of @date on a 15-minute grid that is not a listed start, booked as a seed
 * client would: none may be accepted. A skipped reading is 400 invalid_time, any other 422
 * outside_working_hours. */
static void
refuse_off_grid (Scratch     *s,
                 const char  *professional,
                 GTimeZone   *tz,
                 const GDate *date,
                 JsonArray   *slots)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *day = turnos_date_format (date);

  for (guint i = 0; i < json_array_get_length (slots); i++)
    g_hash_table_add (listed, (gpointer) json_object_get_string_member (
                                json_array_get_object_element (slots, i), "start_time"));
  for (int m = 0; m < 24 * 60; m += 15)
    {
      g_autofree char *start = g_strdup_printf ("%sT%02d:%02d:00", day, m / 60, m % 60);
      g_autoptr(GDateTime) at = turnos_time_at (tz, date, m);
      g_autoptr(JsonNode) draft = NULL;

      if (g_hash_table_contains (listed, start))
        continue;
      draft = seed_draft (professional, start, NULL);
      if (at == NULL)
        post_expect (s, draft, 400, "invalid_time", NULL, FALSE);
      else
        post_expect (s, draft, 422, "outside_working_hours", NULL, FALSE);
    }
}

/* Lists @date for @professional, checks the grid holds every reading of the day that exists
 * once (a repeated hour is offered once, its first run; a skipped one not at all) and that
 * @month_days (when given) counts as many, then books every listed slot as a seed client
 * does and, where a slot carries offsets, as the project's client does too (cancelling the
 * first booking in between). With @cancel every booking is cancelled again: on a
 * spring-forward day slots of elapsed time overlap (00:00–04:00 and 03:00–06:00 when three
 * hours pass over a skipped one). Returns how many slots were listed. */
static guint
book_day (Scratch              *s,
          const TurnosSettings *settings,
          const GDate          *date,
          JsonArray            *month_days,
          gboolean              cancel)
{
  g_autofree char *day_text = turnos_date_format (date);
  g_autoptr(JsonNode) day = get_day (s, settings->user_id, day_text);
  JsonArray *slots = json_object_get_array_member (json_node_get_object (day), "slots");
  g_autoptr(TurnosAvailability) availability = NULL;
  g_autoptr(GError) error = NULL;
  guint expected = 0;

  for (int m = 0; m < 24 * 60; m += settings->slot_interval_minutes)
    {
      g_autoptr(GDateTime) at = turnos_time_at (settings->tz, date, m);

      expected += at != NULL;
    }
  g_assert_cmpuint (json_array_get_length (slots), ==, expected);
  if (month_days != NULL)
    {
      JsonObject *entry = json_array_get_object_element (month_days, g_date_get_day (date) - 1);

      g_assert_cmpstr (json_object_get_string_member (entry, "date"), ==, day_text);
      g_assert_cmpint (json_object_get_int_member (entry, "free_slots"), ==, expected);
    }
  if (cancel)
    refuse_off_grid (s, settings->user_id, settings->tz, date, slots);

  availability = turnos_availability_from_json (day, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (slots); i++)
    {
      JsonObject *slot = json_array_get_object_element (slots, i);
      TurnosInterval *iv = &g_array_index (availability->slots, TurnosInterval, i);
      gboolean folded = json_object_has_member (slot, "start_utc_offset") ||
                        json_object_has_member (slot, "end_utc_offset");
      g_autoptr(JsonNode) bare = seed_draft (settings->user_id,
                                             json_object_get_string_member (slot, "start_time"),
                                             json_object_get_string_member (slot, "end_time"));
      g_autoptr(JsonNode) own = client_draft (settings, iv);

      post_expect (s, bare, 201, NULL, slot, folded || cancel);
      if (folded)
        post_expect (s, own, 201, NULL, slot, cancel);
    }
  return expected;
}

static void
walk_zone (gconstpointer data)
{
  const char *zone = data;
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (zone);
  g_autoptr(GDateTime) start_of_year = g_date_time_new (tz, 2027, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) now = g_date_time_add_days (start_of_year, -1);
  g_autoptr(Scratch) s = scratch_new (now);
  g_autoptr(JsonNode) month = NULL;
  TurnosSettings *settings = NULL;
  guint folds = 0, gaps = 0, booked = 0;
  GDate date;

  g_date_clear (&date, 1);
  for (g_date_set_dmy (&date, 1, 1, 2027); g_date_get_year (&date) == 2027; g_date_add_days (&date, 1))
    {
      g_autofree char *day_text = turnos_date_format (&date);
      g_autoptr(GDateTime) day_start = NULL;
      g_autoptr(GDateTime) day_end = NULL;
      GTimeSpan length;

      /* Every day: three-hour sessions on a three-hour grid, 00:00–24:00, so each DST
       * change falls inside a session. One professional a month (the store's write
       * transaction reads every row of a professional: a year of them would make the walk
       * quadratic), whose month overview is fetched before its first booking. */
      if (g_date_get_day (&date) == 1)
        {
          g_autofree char *id = g_strdup_printf ("pro-%.7s", day_text);
          g_autofree char *path = g_strdup_printf ("reservations/availability/month?month=%.7s&professional_id=%s",
                                                   day_text, id);

          settings = add_professional (s, id, zone, 180, 180, "00:00-24:00", 400);
          g_clear_pointer (&month, json_node_unref);
          g_assert_cmpuint (request (s, "GET", path, NULL, &month), ==, 200);
        }
      turnos_day_bounds (tz, &date, &day_start, &day_end);
      length = g_date_time_difference (day_end, day_start);
      booked += book_day (s, settings, &date,
                          json_object_get_array_member (json_node_get_object (month), "days"),
                          length != G_TIME_SPAN_DAY);

      /* A DST day, again at finer grids, every reading off the grid refused. */
      if (length != G_TIME_SPAN_DAY)
        {
          g_autofree char *hourly = g_strdup_printf ("hourly-%s", day_text);
          g_autofree char *half = g_strdup_printf ("half-%s", day_text);

          g_test_message ("%s: %s lasts %" G_GINT64_FORMAT " minutes", zone, day_text,
                          length / G_TIME_SPAN_MINUTE);
          folds += length > G_TIME_SPAN_DAY;
          gaps += length < G_TIME_SPAN_DAY;
          booked += book_day (s, add_professional (s, hourly, zone, 60, 60, "00:00-24:00", 400),
                              &date, NULL, TRUE);
          booked += book_day (s, add_professional (s, half, zone, 30, 30, "00:00-24:00", 400),
                              &date, NULL, TRUE);
        }
    }
  g_test_message ("%s: %u slots booked as listed", zone, booked);
  g_assert_cmpuint (folds, ==, 1);
  g_assert_cmpuint (gaps, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_test_add_data_func (cases[i].path, &cases[i], run_case);
  for (guint i = 0; i < G_N_ELEMENTS (walk_zones); i++)
    {
      g_autofree char *path = g_strdup_printf ("/server/dst/year-walk/%s", walk_zones[i]);

      g_test_add_data_func (path, walk_zones[i], walk_zone);
    }

  return g_test_run ();
}
