/* test-patients.c: the directory, a clinic's setup, privacy and the audit trail
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "turnos-json.h"
#include "turnos-test-inproc.h"
#include "turnos-test-store.h"
#include "turnos-test-server.h"

#define ZONE "America/Argentina/Buenos_Aires"

typedef struct
{
  TurnosTestInproc *t;
  char             *admin;
  char             *desk;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = turnos_test_inproc_new ();
  f->admin = turnos_test_inproc_login (f->t, "admin");
  f->desk = g_strdup (f->t->token);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->admin);
  g_free (f->desk);
  g_clear_pointer (&f->t, turnos_test_inproc_free);
}

static guint
call (Fixture     *f,
      const char  *token,
      const char  *method,
      const char  *path,
      const char  *body,
      JsonNode   **out)
{
  return turnos_test_inproc_request_as (f->t, token, method, path, body, -1, out, NULL);
}

/* The ids in a {"patients": [...]} page, comma-separated. */
static char *
page_ids (JsonNode *node)
{
  JsonArray *list = json_object_get_array_member (json_node_get_object (node), "patients");
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (list); i++)
    g_string_append_printf (ids, "%s%s", i ? "," : "",
                            json_object_get_string_member (json_array_get_object_element (list, i), "id"));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  static const struct { const char *q; const char *ids; } cases[] = {
    { "jose", "patient-1" },               /* "José Pérez": accents and case ignored */
    { "PEREZ", "patient-1" },
    { "maría", "patient-2" },
    { "27333444", "patient-2" },           /* a document number */
    { "1155550303", "patient-3" },         /* a phone, digits only */
    { "5555-0101", "patient-1" },          /* a phone as written */
    { "nadie", "" },
    { "%", "" },                           /* LIKE's wildcards are plain characters */
    /* Everyone, by folded name: "jose perez", "lucia fernandez", "maria sanchez". */
    { "", "patient-1,patient-3,patient-2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = g_uri_escape_string (cases[i].q, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("patients?q=%s", escaped);
      g_autofree char *ids = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_test_message ("q=%s", cases[i].q);
      g_assert_cmpuint (call (f, f->desk, "GET", path, NULL, &node), ==, 200);
      ids = page_ids (node);
      g_assert_cmpstr (ids, ==, cases[i].ids);
    }
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autofree char *cursor = NULL;
  guint pages = 0;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"display_name\": \"Zoe %d\"}", i);

      g_assert_cmpuint (call (f, f->desk, "POST", "patients", body, NULL), ==, 201);
    }
  /* 8 patients, pages of 3: every one once, in order, then a null cursor. */
  do
    {
      g_autofree char *path = cursor ? g_strdup_printf ("patients?limit=3&cursor=%s", cursor)
                                     : g_strdup ("patients?limit=3");
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *ids = NULL;
      JsonNode *next;

      g_assert_cmpuint (call (f, f->desk, "GET", path, NULL, &node), ==, 200);
      ids = page_ids (node);
      g_string_append_printf (seen, "%s%s", seen->len ? "," : "", ids);
      next = json_object_get_member (json_node_get_object (node), "next_cursor");
      g_clear_pointer (&cursor, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
      pages++;
    }
  while (cursor != NULL);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_true (g_str_has_prefix (seen->str, "patient-1,patient-3,patient-2,"));
  {
    g_auto(GStrv) all = g_strsplit (seen->str, ",", -1);

    g_assert_cmpuint (g_strv_length (all), ==, 8);
    for (guint i = 0; all[i] != NULL; i++)
      for (guint j = i + 1; all[j] != NULL; j++)
        g_assert_cmpstr (all[i], !=, all[j]);
  }

  g_assert_cmpuint (call (f, f->desk, "GET", "patients?limit=501", NULL, NULL), ==, 400);
  g_assert_cmpuint (call (f, f->desk, "GET", "patients?limit=0", NULL, NULL), ==, 400);
  g_assert_cmpuint (call (f, f->desk, "GET", "patients?cursor=%21%21", NULL, NULL), ==, 400);
}

static void
test_create_and_edit (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) audit = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  g_assert_cmpuint (call (f, f->desk, "POST", "patients",
                          "{\"display_name\": \"Núñez, Ramón\", \"document\": \"20999888\", "
                          "\"phone\": \"+54 11 4444-1234\", \"email\": \"ramon@example.com\"}", &node), ==, 201);
  object = json_node_get_object (node);
  id = g_strdup (json_object_get_string_member (object, "id"));
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "patient");
  g_assert_false (json_object_has_member (object, "username"));
  g_clear_pointer (&node, json_node_unref);

  /* Each bad field is a 400 naming it; nothing is written. */
  path = g_strdup_printf ("patients/%s", id);
  g_assert_cmpuint (call (f, f->desk, "PATCH", path, "{\"email\": \"not an address\"}", &node), ==, 400);
  text = turnos_json_to_string (node, NULL);
  g_assert_nonnull (strstr (text, "email"));
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, f->desk, "PATCH", path, "{\"display_name\": \"\"}", &node), ==, 400);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, f->desk, "PATCH", path, "{\"phone\": 5}", &node), ==, 400);
  g_clear_pointer (&node, json_node_unref);

  g_assert_cmpuint (call (f, f->desk, "PATCH", path, "{\"phone\": \"+54 11 4444-9999\"}", &node), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "phone"), ==, "+54 11 4444-9999");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "display_name"), ==, "Núñez, Ramón");
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, f->desk, "GET", "patients?q=nunez", NULL, &node), ==, 200);
  g_clear_pointer (&text, g_free);
  text = page_ids (node);
  g_assert_cmpstr (text, ==, id);
  g_clear_pointer (&node, json_node_unref);

  /* A user name another account has: 409. */
  g_assert_cmpuint (call (f, f->desk, "POST", "patients",
                          "{\"display_name\": \"X\", \"username\": \"desk\", \"password\": \"12345678\"}",
                          &node), ==, 409);
  code = turnos_test_error_code (node);
  g_assert_cmpstr (code, ==, "username_taken");

  /* The audit names the fields changed, never their values. */
  g_clear_pointer (&path, g_free);
  path = g_strdup_printf ("audit?target=%s", id);
  g_assert_cmpuint (call (f, f->admin, "GET", path, NULL, &audit), ==, 200);
  g_clear_pointer (&text, g_free);
  text = turnos_json_to_string (audit, NULL);
  g_assert_nonnull (strstr (text, "\"patient.create\""));
  g_assert_nonnull (strstr (text, "\"patient.edit\""));
  g_assert_nonnull (strstr (text, "\"detail\":\"phone\""));
  g_assert_null (strstr (text, "4444"));
  g_assert_null (strstr (text, "Ram"));
}

/* Every write leaves an audit row with its actor and target. */
static void
test_audit_rows (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *patient = turnos_test_inproc_login (f->t, "patient-1");
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *reservation = NULL;
  g_autofree char *block = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  static const char * const want[] = {
    "\"actor\":\"patient-1\",\"action\":\"reservation.create\"",
    "\"actor\":\"desk\",\"action\":\"reservation.cancel.override\",\"target_kind\":\"reservation\"",
    "\"detail\":\"the patient called\"",
    "\"actor\":\"desk\",\"action\":\"block.add\"",
    "\"actor\":\"desk\",\"action\":\"block.remove\"",
    "\"actor\":\"admin\",\"action\":\"settings.change\",\"target_kind\":\"professional\",\"target_id\":\"dr-ana\"",
    "\"actor\":\"anonymous\",\"action\":\"login.failed\",\"target_kind\":\"account\",\"target_id\":\"desk\"",
    "\"actor\":\"desk\",\"action\":\"payment.create\"",
  };

  g_assert_cmpuint (call (f, patient, "POST", "reservations/create-without-payment",
                          "{\"client_id\": \"patient-1\", \"professional_id\": \"dr-ana\", "
                          "\"start_time\": \"2026-03-02T11:00:00\", \"session_modality\": \"Virtual\"}",
                          &node), ==, 201);
  reservation = g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
  g_clear_pointer (&node, json_node_unref);
  /* Today at 11:00 is inside the 24 h notice: the patient may not cancel, the desk may
   * with a reason. */
  path = g_strdup_printf ("reservations/%s/cancel", reservation);
  g_assert_cmpuint (call (f, patient, "POST", path, NULL, NULL), ==, 409);
  g_assert_cmpuint (call (f, patient, "POST", path, "{\"override_reason\": \"mine\"}", NULL), ==, 403);
  g_assert_cmpuint (call (f, f->desk, "POST", path, "{\"override_reason\": \"the patient called\"}", NULL), ==, 200);

  g_assert_cmpuint (call (f, f->desk, "POST", "professionals/dr-ana/blocks",
                          "{\"start_time\": \"2026-03-12T09:00:00\", \"end_time\": \"2026-03-12T10:00:00\"}",
                          &node), ==, 201);
  block = g_strdup_printf ("professionals/dr-ana/blocks/%s",
                           json_object_get_string_member (json_node_get_object (node), "id"));
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, f->desk, "DELETE", block, NULL, NULL), ==, 204);
  g_assert_cmpuint (call (f, NULL, "GET", "professionals/dr-ana/settings", NULL, &node), ==, 200);
  g_clear_pointer (&text, g_free);
  text = turnos_json_to_string (node, NULL);
  g_assert_cmpuint (call (f, f->admin, "PUT", "professionals/dr-ana/settings", text, NULL), ==, 200);
  g_assert_cmpuint (call (f, NULL, "POST", "auth/login",
                          "{\"username\": \"desk\", \"password\": \"wrong\"}", NULL), ==, 401);
  g_assert_cmpuint (call (f, f->desk, "POST", "reservations/payment",
                          "{\"client_id\": \"patient-2\", \"professional_id\": \"dr-bruno\", "
                          "\"start_time\": \"2026-03-04T10:00:00\", \"session_modality\": \"Presencial\"}",
                          NULL), ==, 201);

  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, f->admin, "GET", "audit?since=2026-03-01", NULL, &node), ==, 200);
  g_clear_pointer (&text, g_free);
  text = turnos_json_to_string (node, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_test_message ("%s", want[i]);
      g_assert_nonnull (strstr (text, want[i]));
    }
  /* A failed sign-in keeps the address, never what was typed. */
  g_assert_null (strstr (text, "wrong"));
}

typedef struct
{
  const char *member;
  const char *value;   /* JSON */
} BadSetting;

/* json_node_copy() shares the object: a real copy, through its text. */
static JsonNode *
deep_copy (JsonNode *node)
{
  g_autofree char *json = turnos_json_to_string (node, NULL);

  return turnos_json_parse (json, strlen (json), NULL);
}

static void
test_settings_validation (Fixture       *f,
                          gconstpointer  data)
{
  static const BadSetting bad[] = {
    { "session_duration_minutes", "0" },
    { "session_duration_minutes", "\"45\"" },
    { "slot_interval_minutes", "1000" },
    { "timezone", "\"Mars/Olympus_Mons\"" },
    { "session_modality", "\"Hologram\"" },
    { "min_notice_minutes", "-5" },
    { "booking_horizon_days", "0" },
    { "cancel_notice_minutes", "99999999" },
    { "display_name", "\"\"" },
    { "user_id", "\"dr-bruno\"" },
    { "currency", "\"pesos\"" },
    { "working_hours", "{}" },
    { "working_hours[0]", "[{\"weekday\": 8, \"start\": \"09:00\", \"end\": \"12:00\"}]" },
    { "working_hours[0]", "[{\"weekday\": 1, \"start\": \"12:00\", \"end\": \"09:00\"}]" },
    { "working_hours[0]", "[{\"weekday\": 1, \"start\": \"09:00\", \"end\": \"25:00\"}]" },
    { "working_hours[1]", "[{\"weekday\": 1, \"start\": \"09:00\", \"end\": \"12:00\"}, "
                          "{\"weekday\": 1, \"start\": \"11:00\", \"end\": \"13:00\"}]" },
  };
  g_autoptr(JsonNode) current = NULL;
  g_autofree char *before = NULL;

  g_assert_cmpuint (call (f, NULL, "GET", "professionals/dr-ana/settings", NULL, &current), ==, 200);
  before = turnos_json_to_string (current, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) body = deep_copy (current);
      g_autoptr(JsonNode) value = turnos_json_parse (bad[i].value, strlen (bad[i].value), NULL);
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *json = NULL;
      g_autofree char *code = NULL;
      const char *member = bad[i].member;
      g_autofree char *base = g_strndup (member, strcspn (member, "["));
      JsonObject *error;

      g_assert_nonnull (value);
      json_object_set_member (json_node_get_object (body), base, json_node_ref (value));
      json = turnos_json_to_string (body, NULL);
      g_test_message ("%s = %s", member, bad[i].value);
      g_assert_cmpuint (call (f, f->admin, "PUT", "professionals/dr-ana/settings", json, &node), ==, 400);
      code = turnos_test_error_code (node);
      g_assert_cmpstr (code, ==, "invalid_field");
      error = json_object_get_object_member (json_node_get_object (node), "error");
      g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, member);
    }
  /* A deposit without an amount. */
  {
    g_autoptr(JsonNode) body = deep_copy (current);
    g_autoptr(JsonNode) node = NULL;
    g_autofree char *json = NULL;

    json_object_set_boolean_member (json_node_get_object (body), "requires_deposit", TRUE);
    json_object_remove_member (json_node_get_object (body), "deposit_amount");
    json = turnos_json_to_string (body, NULL);
    g_assert_cmpuint (call (f, f->admin, "PUT", "professionals/dr-ana/settings", json, &node), ==, 400);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (node), "error"), "field"),
                     ==, "deposit_amount");
  }
  /* Nothing was written. */
  {
    g_autoptr(JsonNode) after = NULL;
    g_autofree char *json = NULL;

    g_assert_cmpuint (call (f, NULL, "GET", "professionals/dr-ana/settings", NULL, &after), ==, 200);
    json = turnos_json_to_string (after, NULL);
    g_assert_cmpstr (json, ==, before);
  }
}

/* New hours that leave sessions out: saved, and the answer lists those sessions. */
static void
test_settings_outside_hours (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) hours = NULL;
  JsonArray *outside;
  const char *mornings = "[{\"weekday\": 1, \"start\": \"09:00\", \"end\": \"12:00\"}, "
                         "{\"weekday\": 2, \"start\": \"09:00\", \"end\": \"12:00\"}, "
                         "{\"weekday\": 3, \"start\": \"09:00\", \"end\": \"12:00\"}, "
                         "{\"weekday\": 4, \"start\": \"09:00\", \"end\": \"12:00\"}, "
                         "{\"weekday\": 5, \"start\": \"09:00\", \"end\": \"12:00\"}]";
  g_autofree char *dr_ana = turnos_test_inproc_login (f->t, "dr-ana");

  g_assert_cmpuint (call (f, NULL, "GET", "professionals/dr-ana/settings", NULL, &current), ==, 200);
  hours = turnos_json_parse (mornings, strlen (mornings), NULL);
  json_object_set_member (json_node_get_object (current), "working_hours", json_node_ref (hours));
  json = turnos_json_to_string (current, NULL);
  /* dr-ana changes her own: mornings only. The demo's 15:00 session (patient-3) is left out;
   * the 10:00 one (patient-1) and the past one are not listed. */
  g_assert_cmpuint (call (f, dr_ana, "PUT", "professionals/dr-ana/settings", json, &node), ==, 200);
  outside = json_object_get_array_member (json_node_get_object (node), "outside_hours");
  g_assert_cmpuint (json_array_get_length (outside), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (outside, 0), "client_id"),
                   ==, "patient-3");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (json_array_get_object_element (outside, 0),
                                                                  "start_time"), "T15:00:00"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (json_node_get_object (node), "settings"),
                      "working_hours")), ==, 5);
  /* dr-ana may not change dr-bruno's. */
  g_assert_cmpuint (call (f, dr_ana, "PUT", "professionals/dr-bruno/settings", json, NULL), ==, 403);
}

/* ?dry_run=1 answers as the change would, and writes nothing: the settings stay, no audit row. */
static void
test_settings_dry_run (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) hours = NULL;
  g_autoptr(JsonNode) audit = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *before = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *later = NULL;
  g_autofree char *dr_ana = turnos_test_inproc_login (f->t, "dr-ana");
  const char *mornings = "[{\"weekday\": 1, \"start\": \"09:00\", \"end\": \"12:00\"}, "
                         "{\"weekday\": 2, \"start\": \"09:00\", \"end\": \"12:00\"}, "
                         "{\"weekday\": 3, \"start\": \"09:00\", \"end\": \"12:00\"}, "
                         "{\"weekday\": 4, \"start\": \"09:00\", \"end\": \"12:00\"}, "
                         "{\"weekday\": 5, \"start\": \"09:00\", \"end\": \"12:00\"}]";
  JsonArray *outside;
  JsonObject *error;

  g_assert_cmpuint (call (f, NULL, "GET", "professionals/dr-ana/settings", NULL, &current), ==, 200);
  before = turnos_json_to_string (current, NULL);
  hours = turnos_json_parse (mornings, strlen (mornings), NULL);
  json_object_set_member (json_node_get_object (current), "working_hours", json_node_ref (hours));
  json = turnos_json_to_string (current, NULL);

  /* The same answer as the change itself: the demo's 15:00 session is left out. */
  g_assert_cmpuint (call (f, dr_ana, "PUT", "professionals/dr-ana/settings?dry_run=1", json, &node), ==, 200);
  outside = json_object_get_array_member (json_node_get_object (node), "outside_hours");
  g_assert_cmpuint (json_array_get_length (outside), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (outside, 0), "client_id"),
                   ==, "patient-3");
  g_clear_pointer (&node, json_node_unref);

  /* Checked as a whole all the same: a bad field is named. */
  {
    g_autoptr(JsonNode) bad = deep_copy (current);

    g_autofree char *bad_json = NULL;

    json_object_set_int_member (json_node_get_object (bad), "booking_horizon_days", 0);
    bad_json = turnos_json_to_string (bad, NULL);
    g_assert_cmpuint (call (f, dr_ana, "PUT", "professionals/dr-ana/settings?dry_run=1", bad_json, &node), ==, 400);
    error = json_object_get_object_member (json_node_get_object (node), "error");
    g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, "booking_horizon_days");
    g_clear_pointer (&node, json_node_unref);
  }
  /* Neither a flag nor a number: refused, naming it. */
  g_assert_cmpuint (call (f, dr_ana, "PUT", "professionals/dr-ana/settings?dry_run=yes", json, &node), ==, 400);
  error = json_object_get_object_member (json_node_get_object (node), "error");
  g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, "dry_run");

  /* Nothing was written, and nothing was audited. */
  g_assert_cmpuint (call (f, NULL, "GET", "professionals/dr-ana/settings", NULL, &after), ==, 200);
  later = turnos_json_to_string (after, NULL);
  g_assert_cmpstr (later, ==, before);
  g_assert_cmpuint (call (f, f->admin, "GET", "audit?target=dr-ana", NULL, &audit), ==, 200);
  text = turnos_json_to_string (audit, NULL);
  g_assert_null (strstr (text, "settings.change"));

  /* dry_run=0 is the change itself. */
  g_assert_cmpuint (call (f, dr_ana, "PUT", "professionals/dr-ana/settings?dry_run=0", json, NULL), ==, 200);
  g_clear_pointer (&after, json_node_unref);
  g_clear_pointer (&later, g_free);
  g_assert_cmpuint (call (f, NULL, "GET", "professionals/dr-ana/settings", NULL, &after), ==, 200);
  later = turnos_json_to_string (after, NULL);
  g_assert_cmpstr (later, !=, before);
}

/* Each refusal of a new professional names the member at fault, for the form to point at. */
static void
test_add_professional_fields (Fixture       *f,
                              gconstpointer  data)
{
  static const struct { const char *account; guint status; const char *field; } cases[] = {
    { "\"user_id\": \"dr-ana\"", 409, "user_id" },                        /* a professional's */
    { "\"user_id\": \"patient-1\"", 409, "user_id" },                     /* another account's */
    { "\"user_id\": \"dr-new\", \"username\": \"desk\", \"password\": \"12345678\"", 409, "username" },
    { "\"user_id\": \"dr new\"", 400, "user_id" },
    { "\"user_id\": \"dr-new\", \"username\": \"new\"", 400, "password" },
    { "\"user_id\": \"dr-new\", \"username\": \"new\", \"password\": \"short\"", 400, "password" },
    { "\"user_id\": \"dr-new\", \"username\": \"new one\", \"password\": \"12345678\"", 400, "username" },
    { "\"user_id\": \"dr-new\", \"booking_horizon_days\": 0", 400, "booking_horizon_days" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf ("{%s, \"display_name\": \"New\", "
                                               "\"session_duration_minutes\": 30, "
                                               "\"timezone\": \"" ZONE "\"}", cases[i].account);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *error;

      g_test_message ("%s", body);
      g_assert_cmpuint (call (f, f->admin, "POST", "professionals", body, &node), ==, cases[i].status);
      error = json_object_get_object_member (json_node_get_object (node), "error");
      g_assert_cmpstr (json_object_get_string_member (error, "field"), ==, cases[i].field);
    }
}

static void
test_add_professional (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *token = NULL;
  const char *body = "{\"user_id\": \"dr-diego\", \"display_name\": \"Dr. Diego Sosa\", "
                     "\"username\": \"diego\", \"password\": \"first-pass\", "
                     "\"session_duration_minutes\": 30, \"slot_interval_minutes\": 30, "
                     "\"session_modality\": \"BOTH\", \"timezone\": \"" ZONE "\", "
                     "\"working_hours\": [{\"weekday\": 2, \"start\": \"14:00\", \"end\": \"18:00\"}]}";

  g_assert_cmpuint (call (f, f->desk, "POST", "professionals", body, NULL), ==, 403);
  g_assert_cmpuint (call (f, f->admin, "POST", "professionals", body, &node), ==, 201);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "user_id"), ==, "dr-diego");
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, f->admin, "POST", "professionals", body, NULL), ==, 409);
  /* Bookable at once: Tuesday 3 March, 14:00 to 18:00 every 30 minutes. */
  g_assert_cmpuint (call (f, NULL, "GET", "reservations/availability?date=2026-03-03&professional_id=dr-diego",
                          NULL, &node), ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (node), "slots")), ==, 8);
  g_clear_pointer (&node, json_node_unref);
  /* The new professional signs in and must set a password first. */
  g_assert_cmpuint (call (f, NULL, "POST", "auth/login",
                          "{\"username\": \"diego\", \"password\": \"first-pass\"}", &node), ==, 200);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "must_change_password"));
  token = g_strdup (json_object_get_string_member (json_node_get_object (node), "token"));
  g_assert_cmpuint (call (f, token, "GET", "professionals/dr-diego/day?date=2026-03-03", NULL, NULL), ==, 403);
}

/* Everything the store keeps (turnos_test_store_dump()). */
static GBytes *
store_bytes (Fixture *f)
{
  return turnos_test_store_dump (f->t->uri);
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return memmem (data, len, needle, strlen (needle)) != NULL;
}

static void
test_export_and_erase (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const personal[] = {
    "José Pérez", "30111222", "+54 11 5555-0101", "1155550101", "jose.perez@example.com", "jose perez",
  };
  g_autofree char *patient = turnos_test_inproc_login (f->t, "patient-1");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  JsonArray *list;
  guint live_future = 0;

  /* The patient's export: the directory entry, every session, what was done about them. */
  g_assert_cmpuint (call (f, patient, "PATCH", "patients/patient-1", "{\"phone\": \"+54 11 5555-0101\"}", NULL), ==, 200);
  g_assert_cmpuint (call (f, patient, "GET", "patients/patient-1/export", NULL, &node), ==, 200);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "patient"), "document"),
                   ==, "30111222");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "reservations")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "audit")), >=, 1);
  g_clear_pointer (&node, json_node_unref);
  g_assert_cmpuint (call (f, patient, "GET", "patients/patient-2/export", NULL, NULL), ==, 403);

  before = store_bytes (f);
  for (guint i = 0; i < G_N_ELEMENTS (personal); i++)
    g_assert_true (bytes_contain (before, personal[i]));

  /* Erasure: the admin's; the person's data leaves the file, their sessions stay anonymous. */
  g_assert_cmpuint (call (f, f->desk, "DELETE", "patients/patient-1", NULL, NULL), ==, 403);
  g_assert_cmpuint (call (f, f->admin, "DELETE", "patients/patient-1", NULL, NULL), ==, 204);
  g_assert_cmpuint (call (f, patient, "GET", "me", NULL, NULL), ==, 401);
  g_assert_cmpuint (call (f, NULL, "POST", "auth/login",
                          "{\"username\": \"patient-1\", \"password\": \"demo-patient-1\"}", NULL), ==, 401);
  g_assert_cmpuint (call (f, f->desk, "GET", "patients?q=jose", NULL, &node), ==, 200);
  text = page_ids (node);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&node, json_node_unref);

  after = store_bytes (f);
  for (guint i = 0; i < G_N_ELEMENTS (personal); i++)
    {
      g_test_message ("%s", personal[i]);
      g_assert_false (bytes_contain (after, personal[i]));
    }

  g_assert_cmpuint (call (f, f->desk, "GET", "reservations?client_id=patient-1", NULL, &node), ==, 200);
  list = json_object_get_array_member (json_node_get_object (node), "reservations");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *r = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (r, "status"), "CANCELLED") != 0)
        live_future += g_strcmp0 (json_object_get_string_member (r, "start_time"), "2026-03-02") > 0;
    }
  /* The past session stays in the agenda; the future one is cancelled. */
  g_assert_cmpuint (live_future, ==, 0);
}

/* turnos-server --create-admin NAME reads the password on stdin; the admin then signs in. */
static void
test_create_admin (void)
{
  const char *bin = g_getenv ("TURNOS_SERVER_BIN");
  g_autofree char *uri = turnos_test_store_new_uri ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(TurnosStore) store = NULL;
  g_autoptr(TurnosAccount) admin = NULL;
  g_autofree char *hash = NULL;

  g_assert_nonnull (bin);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           bin, "--database", uri, "--create-admin", "boss", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, "a long secret\n", NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  g_clear_object (&proc);

  /* The same name again is refused. */
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                           G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                           bin, "--database", uri, "--create-admin", "boss", NULL);
  g_assert_true (g_subprocess_communicate_utf8 (proc, "another secret\n", NULL, NULL, NULL, &error));
  g_assert_false (g_subprocess_get_successful (proc));

  store = turnos_store_open (uri, &error);
  g_assert_no_error (error);
  admin = turnos_store_find_login (store, "boss", &hash, &error);
  g_assert_no_error (error);
  g_assert_true (admin->role == TURNOS_ROLE_ADMIN);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_clear_object (&store);
  turnos_test_store_drop (uri);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/server/patients/search", test_search);
  ADD ("/server/patients/paging", test_paging);
  ADD ("/server/patients/create-and-edit", test_create_and_edit);
  ADD ("/server/patients/audit-rows", test_audit_rows);
  ADD ("/server/patients/settings-validation", test_settings_validation);
  ADD ("/server/patients/settings-outside-hours", test_settings_outside_hours);
  ADD ("/server/patients/settings-dry-run", test_settings_dry_run);
  ADD ("/server/patients/add-professional", test_add_professional);
  ADD ("/server/patients/add-professional-fields", test_add_professional_fields);
  ADD ("/server/patients/export-and-erase", test_export_and_erase);
#undef ADD
  g_test_add_func ("/server/patients/create-admin", test_create_admin);

  return g_test_run ();
}
