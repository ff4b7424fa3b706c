/* test-migrate.c: a clinic moved from its SQLite file to PostgreSQL answers as it did
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A demo clinic is used on SQLite until every table holds rows, copied with
 * turnos-server --migrate-to, and then served from both stores side by side: the same
 * requests (with a token signed in before the move) get the same answers.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "turnos-test-server.h"
#include "turnos-test-store.h"

#define ZONE "America/Argentina/Buenos_Aires"

static const char * const tables[] = {
  "professionals", "accounts", "reservations", "blocks", "payments", "idempotency", "tokens",
  "login_failures", "audit",
};

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

/* @method @path on @server as @token (nullable) with an optional JSON @body; returns the
 * answer's text with the server's own address replaced by "URL/", and its status. */
static char *
fetch (TurnosTestServer *server,
       const char       *token,
       const char       *method,
       const char       *path,
       const char       *body,
       const char       *key,
       guint            *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  const char *base = turnos_test_server_get_url (server);
  g_autofree char *url = g_strconcat (base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  Wait wait = { NULL, FALSE };

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, done_cb, &wait);
  g_assert_true (turnos_test_wait_for (&wait.done, 10000));
  bytes = soup_session_send_and_read_finish (session, wait.result, &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_string_replace (text, base, "URL/", 0);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
member (const char *json,
        const char *name)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), name));
}

static char *
day_text (int ahead)
{
  GDate d;

  turnos_test_working_day (ZONE, ahead, &d);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
                          g_date_get_day (&d));
}

/* A morning of the demo clinic's: every table gets rows. Returns the desk's token. */
static char *
use_the_clinic (TurnosTestServer *server,
                char            **payment_id)
{
  g_autofree char *desk = turnos_test_server_login (server, "desk");
  g_autofree char *day = day_text (3);
  g_autofree char *later = day_text (4);
  g_autofree char *body = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *id = NULL;
  guint status;

  /* A failed sign-in (login_failures, audit). */
  g_free (fetch (server, NULL, "POST", "auth/login",
                 "{\"username\": \"desk\", \"password\": \"wrong\"}", NULL, &status));
  g_assert_cmpuint (status, ==, 401);
  /* A booking with an Idempotency-Key, and one cancelled. */
  body = g_strdup_printf ("{\"client_id\": \"patient-1\", \"professional_id\": \"dr-ana\", "
                          "\"start_time\": \"%sT10:00:00\", \"session_modality\": \"Virtual\"}", day);
  g_free (fetch (server, desk, "POST", "reservations/create-without-payment", body, "draft-1", &status));
  g_assert_cmpuint (status, ==, 201);
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
                          "\"start_time\": \"%sT11:00:00\", \"session_modality\": \"Virtual\"}", day);
  answer = fetch (server, desk, "POST", "reservations/create-without-payment", body, NULL, &status);
  g_assert_cmpuint (status, ==, 201);
  id = member (answer, "id");
  g_clear_pointer (&answer, g_free);
  {
    g_autofree char *path = g_strdup_printf ("reservations/%s/cancel", id);

    g_free (fetch (server, desk, "POST", path, "{}", NULL, &status));
    g_assert_cmpuint (status, ==, 200);
  }
  /* A deposit held by a payment (dr-bruno asks for one). */
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"client_id\": \"patient-3\", \"professional_id\": \"dr-bruno\", "
                          "\"start_time\": \"%sT10:00:00\", \"session_modality\": \"Presencial\"}", later);
  answer = fetch (server, desk, "POST", "reservations/payment", body, NULL, &status);
  g_assert_cmpuint (status, ==, 201);
  *payment_id = member (answer, "payment_id");
  g_clear_pointer (&answer, g_free);
  /* Time off, and a new patient in the directory. */
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"start_time\": \"%sT15:00:00\", \"end_time\": \"%sT16:00:00\", "
                          "\"reason\": \"Supervisión\"}", day, day);
  g_free (fetch (server, desk, "POST", "professionals/dr-ana/blocks", body, NULL, &status));
  g_assert_cmpuint (status, ==, 201);
  g_free (fetch (server, desk, "POST", "patients",
                 "{\"display_name\": \"Ñandú Pérez\", \"document\": \"40111222\", "
                 "\"phone\": \"+54 11 4444-0000\", \"email\": \"nandu@example.com\"}", NULL, &status));
  g_assert_cmpuint (status, ==, 201);
  return g_steal_pointer (&desk);
}

/* The same request on both servers gets the same answer. The clock moves between the two
 * (availability depends on it): a difference is only one when asking the first again does
 * not give the second's answer either. */
static void
assert_same (TurnosTestServer *a,
             TurnosTestServer *b,
             const char       *token,
             const char       *path)
{
  guint status_a, status_b;
  g_autofree char *from_a = fetch (a, token, "GET", path, NULL, NULL, &status_a);
  g_autofree char *from_b = fetch (b, token, "GET", path, NULL, NULL, &status_b);

  g_test_message ("GET %s -> %u", path, status_a);
  g_assert_cmpuint (status_a, ==, 200);
  g_assert_cmpuint (status_b, ==, status_a);
  if (g_strcmp0 (from_a, from_b) != 0)
    {
      g_free (from_a);
      from_a = fetch (a, token, "GET", path, NULL, NULL, &status_a);
    }
  g_assert_cmpstr (from_b, ==, from_a);
}

static void
test_demo_moved_over (void)
{
  const char *bin = g_getenv ("TURNOS_SERVER_BIN");
  const char *sandbox[] = { "--sandbox-payments", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("turnos-migrate-XXXXXX", &error);
  g_autofree char *sqlite = g_strdup_printf ("sqlite://%s/t.db", dir);
  g_autofree char *pg = turnos_test_store_new_uri ();
  g_autoptr(TurnosTestServer) a = NULL;
  g_autoptr(TurnosTestServer) b = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *desk = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *payment = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pg, "postgresql://"));

  /* A clinic on SQLite, used until every table has rows. */
  a = turnos_test_server_start_on (sqlite, TRUE, sandbox);
  desk = use_the_clinic (a, &payment);
  admin = turnos_test_server_login (a, "admin");
  turnos_test_server_stop (a);

  /* Moved over: every table, counted. */
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           bin, "--database", sqlite, "--migrate-to", pg, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_true (g_subprocess_get_successful (proc));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      g_autoptr(GPtrArray) there = turnos_test_store_query (sqlite, sql);
      g_autoptr(GPtrArray) here = turnos_test_store_query (pg, sql);
      g_autofree char *line = g_strdup_printf ("%s: %s rows\n", tables[i], (char *) here->pdata[0]);

      /* Every table was used, and holds as many rows on both sides. */
      g_assert_cmpstr (there->pdata[0], !=, "0");
      g_assert_cmpstr (here->pdata[0], ==, there->pdata[0]);
      g_assert_nonnull (strstr (out, line));
    }
  g_clear_object (&proc);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A second copy into the same database is refused, and changes nothing. */
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           bin, "--database", sqlite, "--migrate-to", pg, NULL);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error));
  g_assert_false (g_subprocess_get_successful (proc));
  g_assert_nonnull (strstr (err, "not empty"));
  {
    g_autoptr(GPtrArray) n = turnos_test_store_query (pg, "SELECT count(*) FROM professionals");

    g_assert_cmpstr (n->pdata[0], ==, "3");
  }

  /* Both stores served side by side answer alike, to tokens signed in before the move. */
  turnos_test_server_respawn (a);
  b = turnos_test_server_start_on (pg, FALSE, sandbox);
  assert_same (a, b, NULL, "professionals");
  assert_same (a, b, desk, "me");
  assert_same (a, b, admin, "audit?limit=500");
  assert_same (a, b, desk, "patients");
  assert_same (a, b, desk, "patients?q=nandu");
  {
    g_autofree char *path = g_strdup_printf ("reservations/payment/%s", payment);

    assert_same (a, b, desk, path);
  }
  for (guint p = 1; p <= 3; p++)
    {
      g_autofree char *path = g_strdup_printf ("reservations?client_id=patient-%u&status=all", p);
      g_autofree char *asc = g_strdup_printf ("reservations?client_id=patient-%u&order=asc&limit=1", p);

      assert_same (a, b, desk, path);
      assert_same (a, b, desk, asc);
    }
  {
    const char *pros[] = { "dr-ana", "dr-bruno", "dr-carla" };

    for (guint i = 0; i < G_N_ELEMENTS (pros); i++)
      {
        g_autofree char *settings = g_strdup_printf ("professionals/%s/settings", pros[i]);
        g_autofree char *blocks = g_strdup_printf ("professionals/%s/blocks", pros[i]);

        assert_same (a, b, NULL, settings);
        assert_same (a, b, desk, blocks);
        for (int d = 0; d < 8; d++)
          {
            g_autofree char *day = day_text (d);
            g_autofree char *avail = g_strdup_printf ("reservations/availability?date=%s"
                                                      "&professional_id=%s", day, pros[i]);
            g_autofree char *desk_day = g_strdup_printf ("professionals/%s/day?date=%s", pros[i], day);

            assert_same (a, b, NULL, avail);
            assert_same (a, b, desk, avail);
            assert_same (a, b, desk, desk_day);
            if (d == 0)
              {
                g_autofree char *month = g_strdup_printf ("reservations/availability/month?"
                                                          "month=%.7s&professional_id=%s", day, pros[i]);

                assert_same (a, b, NULL, month);
              }
          }
      }
  }

  /* And the same writes get the same answers: the Idempotency-Key of before replays the
   * first booking, a new booking fits, the same time again is taken. */
  {
    g_autofree char *day = day_text (3);
    g_autofree char *replay = g_strdup_printf ("{\"client_id\": \"patient-1\", \"professional_id\": \"dr-ana\", "
                                               "\"start_time\": \"%sT10:00:00\", \"session_modality\": \"Virtual\"}", day);
    g_autofree char *fresh = g_strdup_printf ("{\"client_id\": \"patient-2\", \"professional_id\": \"dr-ana\", "
                                              "\"start_time\": \"%sT12:00:00\", \"session_modality\": \"Virtual\"}", day);
    g_autofree char *first_a = NULL, *first_b = NULL;
    guint sa, sb;

    first_a = fetch (a, desk, "POST", "reservations/create-without-payment", replay, "draft-1", &sa);
    first_b = fetch (b, desk, "POST", "reservations/create-without-payment", replay, "draft-1", &sb);
    g_assert_cmpuint (sa, ==, 201);
    g_assert_cmpuint (sb, ==, 201);
    g_assert_cmpstr (first_b, ==, first_a);
    g_free (fetch (a, desk, "POST", "reservations/create-without-payment", fresh, NULL, &sa));
    g_free (fetch (b, desk, "POST", "reservations/create-without-payment", fresh, NULL, &sb));
    g_assert_cmpuint (sa, ==, 201);
    g_assert_cmpuint (sb, ==, 201);
    g_free (fetch (a, desk, "POST", "reservations/create-without-payment", fresh, NULL, &sa));
    g_free (fetch (b, desk, "POST", "reservations/create-without-payment", fresh, NULL, &sb));
    g_assert_cmpuint (sa, ==, 409);
    g_assert_cmpuint (sb, ==, 409);
  }

  g_clear_pointer (&a, turnos_test_server_free);
  g_clear_pointer (&b, turnos_test_server_free);
  turnos_test_store_drop (sqlite);
  turnos_test_store_drop (pg);
}

/* What --migrate-to refuses before writing anything. */
static void
test_refusals (void)
{
  const char *bin = g_getenv ("TURNOS_SERVER_BIN");
  g_autofree char *pg = turnos_test_store_new_uri ();
  struct { const char *from, *to, *says; } cases[] = {
    { "sqlite:///nonexistent/turnos.db", NULL, "no SQLite store" },
    { "sqlite:///nonexistent/turnos.db", "sqlite:///tmp/other.db", "--migrate-to wants" },
    { NULL, NULL, "--migrate-to wants" },   /* PostgreSQL to PostgreSQL */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;

      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error, bin, "--database", cases[i].from ? cases[i].from : pg,
                               "--migrate-to", cases[i].to ? cases[i].to : pg, NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error));
      g_test_message ("%s", err);
      g_assert_false (g_subprocess_get_successful (proc));
      g_assert_nonnull (strstr (err, cases[i].says));
    }
  /* Nothing was created where nothing was asked for. */
  g_assert_false (g_file_test ("/nonexistent/turnos.db", G_FILE_TEST_EXISTS));
  turnos_test_store_drop (pg);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/migrate/demo-moved-over", test_demo_moved_over);
  g_test_add_func ("/server/migrate/refusals", test_refusals);

  return g_test_run ();
}
