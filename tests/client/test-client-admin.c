/* test-client-admin.c: the admin's calls against a real server: professionals, their
 * settings, the audit trail
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "turnos-client.h"
#include "turnos-error.h"
#include "turnos-test-server.h"

#define ZONE "America/Argentina/Buenos_Aires"

typedef struct
{
  GError  *error;
  gpointer result;
  gboolean done;
} Answer;

static void
answer_clear (Answer *a)
{
  g_clear_error (&a->error);
  a->done = FALSE;
}

static void
settings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  Answer *a = data;

  a->result = turnos_client_get_settings_finish (TURNOS_CLIENT (object), result, &a->error);
  a->done = TRUE;
}

static void
put_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      data)
{
  Answer *a = data;

  a->result = turnos_client_put_settings_finish (TURNOS_CLIENT (object), result, &a->error);
  a->done = TRUE;
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  Answer *a = data;

  a->result = turnos_client_create_professional_finish (TURNOS_CLIENT (object), result, &a->error);
  a->done = TRUE;
}

static void
audit_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  Answer *a = data;

  a->result = turnos_client_list_audit_finish (TURNOS_CLIENT (object), result, &a->error);
  a->done = TRUE;
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  Answer *a = data;

  turnos_client_login_finish (TURNOS_CLIENT (object), result, &a->error);
  a->done = TRUE;
}

static TurnosSettings *
get_settings (TurnosClient *client,
              const char   *id)
{
  Answer a = { 0 };

  turnos_client_get_settings_async (client, id, NULL, settings_cb, &a);
  TURNOS_TEST_WAIT_UNTIL (a.done);
  g_assert_no_error (a.error);
  return a.result;
}

/* A dry run answers as the change would, and changes nothing; the change itself does. */
static void
test_put_settings (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosSettings) after = NULL;
  Answer a = { 0 };

  turnos_test_sign_in (client, server, "admin");
  settings = get_settings (client, "dr-ana");
  g_assert_cmpint (settings->booking_horizon_days, !=, 99);
  settings->booking_horizon_days = 99;
  g_array_set_size (settings->working_hours, 0);
  turnos_settings_add_hours (settings, 1, 9 * 60, 12 * 60);

  for (int dry_run = 1; dry_run >= 0; dry_run--)
    {
      g_autoptr(TurnosSettingsChange) change = NULL;

      answer_clear (&a);
      turnos_client_put_settings_async (client, settings, dry_run, NULL, put_cb, &a);
      TURNOS_TEST_WAIT_UNTIL (a.done);
      g_assert_no_error (a.error);
      change = a.result;
      g_assert_cmpint (change->settings->booking_horizon_days, ==, 99);
      /* The demo's two coming sessions with dr-ana: on other days or times than Monday
       * mornings, at least one is left out. */
      g_assert_cmpuint (change->outside_hours->len, >=, 1);
      for (guint i = 0; i < change->outside_hours->len; i++)
        g_assert_cmpstr (((TurnosReservation *) change->outside_hours->pdata[i])->professional_id, ==, "dr-ana");
      after = get_settings (client, "dr-ana");
      g_assert_cmpint (after->booking_horizon_days, ==, dry_run ? 60 : 99);
      g_clear_pointer (&after, turnos_settings_unref);
    }
}

/* A refusal names its member, as the server did. */
static void
test_refusal_names_field (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosSettings) settings = NULL;
  Answer a = { 0 };

  turnos_test_sign_in (client, server, "admin");
  settings = get_settings (client, "dr-ana");

  /* Two ranges that overlap: the second is named, by its position. */
  g_array_set_size (settings->working_hours, 0);
  turnos_settings_add_hours (settings, 1, 9 * 60, 12 * 60);
  turnos_settings_add_hours (settings, 1, 11 * 60, 13 * 60);
  turnos_client_put_settings_async (client, settings, TRUE, NULL, put_cb, &a);
  TURNOS_TEST_WAIT_UNTIL (a.done);
  g_assert_error (a.error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_INVALID);
  g_assert_cmpstr (turnos_client_error_get_api_code (a.error), ==, TURNOS_CODE_INVALID_FIELD);
  g_assert_cmpstr (turnos_client_error_get_field (a.error), ==, "working_hours[1]");
  /* A copy keeps it. */
  {
    g_autoptr(GError) copy = g_error_copy (a.error);

    g_assert_cmpstr (turnos_client_error_get_field (copy), ==, "working_hours[1]");
  }

  /* A taken id, on a new professional. */
  answer_clear (&a);
  turnos_client_create_professional_async (client, settings, NULL, NULL, NULL, create_cb, &a);
  TURNOS_TEST_WAIT_UNTIL (a.done);
  g_assert_error (a.error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_INVALID);   /* hours first */
  g_array_set_size (settings->working_hours, 1);
  answer_clear (&a);
  turnos_client_create_professional_async (client, settings, NULL, NULL, NULL, create_cb, &a);
  TURNOS_TEST_WAIT_UNTIL (a.done);
  g_assert_error (a.error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (turnos_client_error_get_api_code (a.error), ==, TURNOS_CODE_USERNAME_TAKEN);
  g_assert_cmpstr (turnos_client_error_get_field (a.error), ==, "user_id");

  /* Not a refusal of a member: no field. */
  answer_clear (&a);
  turnos_test_sign_in (client, server, "desk");
  turnos_client_put_settings_async (client, settings, FALSE, NULL, put_cb, &a);
  TURNOS_TEST_WAIT_UNTIL (a.done);
  g_assert_error (a.error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_FORBIDDEN);
  g_assert_null (turnos_client_error_get_field (a.error));
  answer_clear (&a);
}

/* A new professional with an account: stored, and the account signs in. */
static void
test_create_professional (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosSettings) settings = turnos_settings_new ();
  g_autoptr(TurnosSettings) stored = NULL;
  Answer a = { 0 };

  turnos_test_sign_in (client, server, "admin");
  settings->user_id = g_strdup ("dr-eva");
  settings->display_name = g_strdup ("Dra. Eva Ruiz");
  g_assert_true (turnos_settings_set_timezone (settings, ZONE));
  turnos_settings_add_hours (settings, 2, 14 * 60, 18 * 60);
  turnos_client_create_professional_async (client, settings, "eva", "first-pass", NULL, create_cb, &a);
  TURNOS_TEST_WAIT_UNTIL (a.done);
  g_assert_no_error (a.error);
  stored = a.result;
  g_assert_cmpstr (stored->user_id, ==, "dr-eva");
  g_assert_cmpstr (stored->timezone, ==, ZONE);
  g_assert_cmpuint (stored->working_hours->len, ==, 1);
  {
    g_autoptr(TurnosClient) eva = turnos_client_new (turnos_test_server_get_url (server));

    answer_clear (&a);
    turnos_client_login_async (eva, "eva", "first-pass", NULL, login_cb, &a);
    TURNOS_TEST_WAIT_UNTIL (a.done);
    g_assert_no_error (a.error);
    g_assert_cmpstr (turnos_client_get_user_id (eva), ==, "dr-eva");
    g_assert_cmpstr (turnos_client_get_user_role (eva), ==, "professional");
  }
}

/* Pages of the trail, newest first, then a null cursor; the filters go on the query. */
static void
test_list_audit (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosSettings) settings = NULL;
  g_autofree char *cursor = NULL;
  Answer a = { 0 };
  guint seen = 0, pages = 0;
  gint64 last_seq = G_MAXINT64;
  GDate since;

  turnos_test_sign_in (client, server, "admin");
  settings = get_settings (client, "dr-carla");
  for (int i = 0; i < 5; i++)
    {
      g_autoptr(TurnosSettingsChange) change = NULL;

      answer_clear (&a);
      turnos_client_put_settings_async (client, settings, FALSE, NULL, put_cb, &a);
      TURNOS_TEST_WAIT_UNTIL (a.done);
      g_assert_no_error (a.error);
      change = a.result;
    }

  g_date_clear (&since, 1);
  g_date_set_dmy (&since, 1, 1, 2000);
  do
    {
      g_autoptr(TurnosAuditResult) page = NULL;

      answer_clear (&a);
      turnos_client_list_audit_async (client, &since, "admin", "dr-carla", 2, cursor, NULL, audit_cb, &a);
      TURNOS_TEST_WAIT_UNTIL (a.done);
      g_assert_no_error (a.error);
      page = a.result;
      pages++;
      for (guint i = 0; i < page->records->len; i++)
        {
          TurnosAuditRecord *r = page->records->pdata[i];

          g_assert_cmpint (r->seq, <, last_seq);
          last_seq = r->seq;
          g_assert_cmpstr (r->actor, ==, "admin");
          g_assert_cmpstr (r->action, ==, "settings.change");
          g_assert_cmpstr (r->target_kind, ==, "professional");
          g_assert_cmpstr (r->target_id, ==, "dr-carla");
          g_assert_cmpstr (r->detail, ==, "");
          g_assert_nonnull (r->at);
          seen++;
        }
      g_free (cursor);
      cursor = g_strdup (page->next_cursor);
    }
  while (cursor != NULL);
  g_assert_cmpuint (seen, ==, 5);
  g_assert_cmpuint (pages, ==, 3);

  /* An actor with a character to escape is a filter, not a second parameter. */
  {
    g_autoptr(TurnosAuditResult) page = NULL;

    answer_clear (&a);
    turnos_client_list_audit_async (client, NULL, "admin&target=dr-carla", NULL, 0, NULL, NULL,
                                    audit_cb, &a);
    TURNOS_TEST_WAIT_UNTIL (a.done);
    g_assert_no_error (a.error);
    page = a.result;
    g_assert_cmpuint (page->records->len, ==, 0);
    g_assert_null (page->next_cursor);
  }
  answer_clear (&a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/admin/put-settings", test_put_settings);
  g_test_add_func ("/client/admin/refusal-names-field", test_refusal_names_field);
  g_test_add_func ("/client/admin/create-professional", test_create_professional);
  g_test_add_func ("/client/admin/list-audit", test_list_audit);

  return g_test_run ();
}
