/* test-http.c: what a well-behaved client never sends, straight over HTTP
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "turnos-json.h"
#include "turnos-test-inproc.h"

typedef struct
{
  TurnosTestInproc *t;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = turnos_test_inproc_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->t, turnos_test_inproc_free);
}

static guint
request (Fixture     *f,
         const char  *method,
         const char  *path,
         const char  *body,
         gssize       body_len,
         JsonNode   **body_out)
{
  return turnos_test_inproc_request (f->t, method, path, body, body_len, body_out);
}

#define error_code turnos_test_error_code

/* Every reservation of every demo patient and of the patients the bad requests name. */
static char *
snapshot (Fixture *f)
{
  g_autoptr(GString) all = g_string_new (NULL);
  const char *patients[] = { "patient-1", "patient-2", "patient-3", "p" };

  for (guint i = 0; i < G_N_ELEMENTS (patients); i++)
    {
      g_autofree char *path = g_strdup_printf ("reservations?client_id=%s", patients[i]);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *json = NULL;

      g_assert_cmpuint (request (f, "GET", path, NULL, -1, &node), ==, 200);
      json = turnos_json_to_string (node, NULL);
      g_string_append (all, json);
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static void
test_seed_fields (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  g_assert_cmpuint (request (f, "GET", "reservations/availability?date=2026-03-10&professional_id=dr-ana",
                             NULL, -1, &node), ==, 200);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "date"), ==, "2026-03-10");
  g_assert_cmpstr (json_object_get_string_member (object, "timezone"), ==, "America/Argentina/Buenos_Aires");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "occupiedSlots")));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "occupied")));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "blocked")));
  /* Tuesday 10 March: 09:00 to 17:00 on the hour, 45-minute sessions. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "slots")), ==, 8);
}

typedef struct
{
  const char *method;
  const char *path;
  const char *body;
  guint       status;
  const char *code;
} Bad;

static const Bad bad_requests[] = {
  { "POST", "reservations/create-without-payment", "{not json", 400, "bad_request" },
  { "POST", "reservations/create-without-payment", "[1, 2]", 400, "bad_request" },
  { "POST", "reservations/create-without-payment", "", 400, "bad_request" },
  { "POST", "reservations/create-without-payment",
    "{\"client_id\": 5, \"professional_id\": \"dr-ana\", \"start_time\": \"2026-03-09T10:00:00\"}", 400, "bad_request" },
  { "POST", "reservations/create-without-payment",
    "{\"client_id\": \"p\", \"professional_id\": \"dr-ana\", \"start_time\": \"2026-03-09 10:00\", \"session_modality\": \"Virtual\"}", 400, "invalid_time" },
  { "POST", "reservations/create-without-payment",
    "{\"client_id\": \"p\", \"professional_id\": \"dr-nobody\", \"start_time\": \"2026-03-09T10:00:00\", \"session_modality\": \"Virtual\"}", 404, "unknown_professional" },
  { "POST", "reservations/create-without-payment",
    "{\"client_id\": \"p\", \"professional_id\": \"dr-ana\", \"start_time\": \"2026-03-09T20:00:00\", \"session_modality\": \"Virtual\"}", 422, "outside_working_hours" },
  { "POST", "reservations/create-without-payment",
    "{\"client_id\": \"p\", \"professional_id\": \"dr-ana\", \"start_time\": \"2026-02-27T10:00:00\", \"session_modality\": \"Virtual\"}", 422, "in_past" },
  { "POST", "reservations/create-without-payment",
    "{\"client_id\": \"p\", \"professional_id\": \"dr-ana\", \"start_time\": \"2026-03-02T09:00:00\", \"session_modality\": \"Virtual\"}", 422, "too_soon" },
  { "POST", "reservations/create-without-payment",
    "{\"client_id\": \"p\", \"professional_id\": \"dr-ana\", \"start_time\": \"2026-03-09T10:00:00\", \"end_time\": \"2026-03-09T11:00:00\", \"session_modality\": \"Virtual\"}", 422, "bad_duration" },
  { "POST", "reservations/create-without-payment",
    "{\"client_id\": \"p\", \"professional_id\": \"dr-ana\", \"start_time\": \"2026-03-09T10:00:00\", \"session_modality\": \"Presencial\"}", 422, "modality_not_offered" },
  { "POST", "reservations/create-without-payment",
    "{\"client_id\": \"p\", \"professional_id\": \"dr-ana\", \"start_time\": \"2026-03-09T10:00:00\", \"session_modality\": \"Hologram\"}", 400, "invalid_field" },
  { "POST", "reservations/create-without-payment",
    "{\"client_id\": \"p\", \"professional_id\": \"dr-bruno\", \"start_time\": \"2026-03-09T10:00:00\", \"session_modality\": \"Presencial\"}", 422, "deposit_required" },
  { "POST", "reservations/payment",
    "{\"client_id\": \"p\", \"professional_id\": \"dr-ana\", \"start_time\": \"2026-03-09T10:00:00\", \"session_modality\": \"Virtual\"}", 422, "invalid_field" },
  { "GET", "reservations/availability?date=2026-02-30&professional_id=dr-ana", NULL, 400, "invalid_date" },
  { "GET", "reservations/availability?date=tomorrow&professional_id=dr-ana", NULL, 400, "invalid_date" },
  { "GET", "reservations/availability?date=2026-03-09", NULL, 400, "bad_request" },
  { "GET", "reservations/availability?date=2026-03-09&professional_id=dr-nobody", NULL, 404, "unknown_professional" },
  { "GET", "reservations/availability/month?month=2026-13&professional_id=dr-ana", NULL, 400, "invalid_date" },
  { "GET", "reservations", NULL, 400, "bad_request" },
  { "GET", "reservations/payment/no-such-payment", NULL, 404, "not_found" },
  { "POST", "reservations/no-such-id/cancel", NULL, 404, "not_found" },
  { "POST", "professionals/dr-ana/blocks", "{\"start_time\": \"2026-03-09T12:00:00\", \"end_time\": \"2026-03-09T11:00:00\"}", 400, "invalid_field" },
  { "DELETE", "professionals/dr-ana/blocks/no-such-block", NULL, 404, "not_found" },
  { "GET", "no/such/route", NULL, 404, "not_found" },
  { "GET", "reservations//availability", NULL, 404, "not_found" },
  { "DELETE", "reservations/availability?date=2026-03-09&professional_id=dr-ana", NULL, 405, "method_not_allowed" },
  { "GET", "reservations/create-without-payment", NULL, 405, "method_not_allowed" },
};

static void
test_bad_requests (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = snapshot (f);

  for (guint i = 0; i < G_N_ELEMENTS (bad_requests); i++)
    {
      const Bad *b = &bad_requests[i];
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *code = NULL;
      guint status;

      g_test_message ("%s %s", b->method, b->path);
      status = request (f, b->method, b->path, b->body, -1, &node);
      g_assert_cmpuint (status, ==, b->status);
      code = error_code (node);
      g_assert_cmpstr (code, ==, b->code);
    }

  /* Nothing was written, and the server still serves. */
  {
    g_autofree char *after = snapshot (f);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpuint (request (f, "GET", "health", NULL, -1, NULL), ==, 200);
}

static void
test_oversized (Fixture       *f,
                gconstpointer  data)
{
  gsize len = TURNOS_SERVER_MAX_BODY + 1;
  g_autofree char *big = g_malloc (len);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *code = NULL;

  memset (big, ' ', len);
  big[0] = '{';
  big[len - 1] = '}';
  g_assert_cmpuint (request (f, "POST", "reservations/create-without-payment", big, len, &node),
                    ==, 413);
  code = error_code (node);
  g_assert_cmpstr (code, ==, "body_too_large");
  g_assert_cmpuint (request (f, "GET", "health", NULL, -1, NULL), ==, 200);
}

static void
test_garbage_bytes (Fixture       *f,
                    gconstpointer  data)
{
  static const char bytes[] = "{\"client_id\": \"\xff\xfe\", \"professional_id\": \"dr-ana\"}";
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *code = NULL;

  g_assert_cmpuint (request (f, "POST", "reservations/create-without-payment", bytes,
                             sizeof bytes - 1, &node), ==, 400);
  code = error_code (node);
  g_assert_cmpstr (code, ==, "bad_request");
}

/* A 409 reaches whoever books: it names neither another patient's reservation nor why a
 * professional is away (#13 §6). */
static void
test_conflict_says_nothing (Fixture       *f,
                            gconstpointer  data)
{
  static const char block[] =
    "{\"start_time\": \"2026-03-10T09:00:00\", \"end_time\": \"2026-03-10T12:00:00\", \"reason\": \"viaje\"}";
  static const char into_block[] =
    "{\"client_id\": \"p\", \"professional_id\": \"dr-ana\", \"start_time\": \"2026-03-10T10:00:00\", \"session_modality\": \"Virtual\"}";
  static const char first[] =
    "{\"client_id\": \"patient-7\", \"professional_id\": \"dr-ana\", \"start_time\": \"2026-03-10T14:00:00\", \"session_modality\": \"Virtual\"}";
  static const char second[] =
    "{\"client_id\": \"patient-8\", \"professional_id\": \"dr-ana\", \"start_time\": \"2026-03-10T14:00:00\", \"session_modality\": \"Virtual\"}";
  g_autoptr(JsonNode) stored = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonNode) taken = NULL;
  g_autofree char *refused_text = NULL;
  g_autofree char *taken_text = NULL;
  const char *id;

  g_assert_cmpuint (request (f, "POST", "professionals/dr-ana/blocks", block, -1, NULL), ==, 201);
  g_assert_cmpuint (request (f, "POST", "reservations/create-without-payment", into_block, -1, &refused), ==, 409);
  refused_text = turnos_json_to_string (refused, NULL);
  g_assert_null (strstr (refused_text, "viaje"));

  g_assert_cmpuint (request (f, "POST", "reservations/create-without-payment", first, -1, &stored), ==, 201);
  id = json_object_get_string_member (json_node_get_object (stored), "id");
  g_assert_cmpuint (request (f, "POST", "reservations/create-without-payment", second, -1, &taken), ==, 409);
  taken_text = turnos_json_to_string (taken, NULL);
  g_assert_null (strstr (taken_text, id));
  g_assert_null (strstr (taken_text, "patient-7"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/server/http/seed-fields", test_seed_fields);
  ADD ("/server/http/bad-requests", test_bad_requests);
  ADD ("/server/http/oversized", test_oversized);
  ADD ("/server/http/garbage-bytes", test_garbage_bytes);
  ADD ("/server/http/conflict-says-nothing", test_conflict_says_nothing);
#undef ADD

  return g_test_run ();
}
