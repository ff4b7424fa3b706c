/* test-audit-log.c: the audit trail, filtered and paged, against a real server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "turnos-audit-log.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

#define ZONE "America/Argentina/Buenos_Aires"
#define N_BLOCKS 6
#define N_CHANGES 3

typedef struct
{
  TurnosTestServer *server;
  TurnosClient     *admin;
  TurnosAuditLog   *log;
  char             *block_id;   /* the first block added */
} Fixture;

static void
block_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  *(TurnosBlock **) data = turnos_client_add_block_finish (TURNOS_CLIENT (object), result, NULL);
}

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  *(TurnosSettingsChange **) data = turnos_client_put_settings_finish (TURNOS_CLIENT (object), result, NULL);
}

static void
settings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  *(TurnosSettings **) data = turnos_client_get_settings_finish (TURNOS_CLIENT (object), result, NULL);
}

/* N_BLOCKS blocks added by the desk, then N_CHANGES settings changes by the admin. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TurnosClient) desk = NULL;
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(TurnosSettings) settings = NULL;
  GDate day;

  f->server = turnos_test_server_start (TRUE, NULL);
  desk = turnos_client_new (turnos_test_server_get_url (f->server));
  f->admin = turnos_client_new (turnos_test_server_get_url (f->server));
  turnos_test_sign_in (desk, f->server, "desk");
  turnos_test_sign_in (f->admin, f->server, "admin");

  turnos_test_working_day (ZONE, 20, &day);
  for (int i = 0; i < N_BLOCKS; i++)
    {
      g_autoptr(TurnosBlock) draft = turnos_block_new ();
      g_autoptr(TurnosBlock) stored = NULL;

      draft->professional_id = g_strdup ("dr-ana");
      draft->start = turnos_time_at (tz, &day, (8 + i) * 60);
      draft->end = turnos_time_at (tz, &day, (8 + i) * 60 + 30);
      turnos_client_add_block_async (desk, draft, NULL, block_cb, &stored);
      TURNOS_TEST_WAIT_UNTIL (stored != NULL);
      if (f->block_id == NULL)
        f->block_id = g_strdup (stored->id);
    }
  turnos_client_get_settings_async (f->admin, "dr-bruno", NULL, settings_cb, &settings);
  TURNOS_TEST_WAIT_UNTIL (settings != NULL);
  for (int i = 0; i < N_CHANGES; i++)
    {
      g_autoptr(TurnosSettingsChange) change = NULL;

      settings->booking_horizon_days = 30 + i;
      turnos_client_put_settings_async (f->admin, settings, FALSE, NULL, change_cb, &change);
      TURNOS_TEST_WAIT_UNTIL (change != NULL);
    }
  f->log = turnos_audit_log_new (f->admin);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->log);
  g_clear_object (&f->admin);
  g_free (f->block_id);
  turnos_test_server_free (f->server);
}

static guint
n_entries (Fixture *f)
{
  return g_list_model_get_n_items (turnos_audit_log_get_entries (f->log));
}

static TurnosAuditItem *
entry (Fixture *f,
       guint    i)
{
  g_autoptr(TurnosAuditItem) item = g_list_model_get_item (turnos_audit_log_get_entries (f->log), i);

  return item;   /* the model keeps it */
}

static void
wait_loaded (Fixture *f)
{
  TURNOS_TEST_WAIT_UNTIL (!turnos_audit_log_get_loading (f->log));
}

/* Pages of 4 through Load More: every row once, newest first, then no more. */
static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  guint total = N_BLOCKS + N_CHANGES;
  guint pages = 1;

  g_object_set (f->log, "page-size", 4, NULL);
  turnos_audit_log_refresh (f->log);
  g_assert_true (turnos_audit_log_get_loading (f->log));
  wait_loaded (f);
  g_assert_cmpuint (n_entries (f), ==, 4);
  g_assert_true (turnos_audit_log_get_has_more (f->log));
  while (turnos_audit_log_get_has_more (f->log))
    {
      guint before = n_entries (f);

      turnos_audit_log_load_more (f->log);
      wait_loaded (f);
      g_assert_cmpuint (n_entries (f), >, before);
      pages++;
    }
  g_assert_cmpuint (n_entries (f), ==, total);
  g_assert_cmpuint (pages, ==, 3);
  /* Newest first: the admin's changes, then the desk's blocks. */
  g_assert_cmpstr (turnos_audit_item_get_action (entry (f, 0)), ==, "settings.change");
  g_assert_cmpstr (turnos_audit_item_get_actor (entry (f, 0)), ==, "admin");
  g_assert_cmpstr (turnos_audit_item_get_target_kind (entry (f, 0)), ==, "professional");
  g_assert_cmpstr (turnos_audit_item_get_target_id (entry (f, 0)), ==, "dr-bruno");
  g_assert_cmpstr (turnos_audit_item_get_action (entry (f, total - 1)), ==, "block.add");
  g_assert_cmpstr (turnos_audit_item_get_target_id (entry (f, total - 1)), ==, f->block_id);
  for (guint i = 0; i + 1 < total; i++)
    g_assert_cmpint (g_date_time_compare (turnos_audit_item_get_at (entry (f, i)),
                                          turnos_audit_item_get_at (entry (f, i + 1))), >=, 0);
  /* At the end, Load More asks nothing. */
  turnos_audit_log_load_more (f->log);
  g_assert_false (turnos_audit_log_get_loading (f->log));
  g_assert_cmpuint (turnos_test_server_count_requests (f->server, "GET /audit"), ==, 3);
}

/* Each filter narrows the rows; typed filters wait for typing to pause. */
static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) now = g_date_time_new_now (utc);
  GDate today, tomorrow;
  guint requests;

  turnos_audit_log_refresh (f->log);
  wait_loaded (f);
  g_assert_cmpuint (n_entries (f), ==, N_BLOCKS + N_CHANGES);
  requests = turnos_test_server_count_requests (f->server, "GET /audit");

  /* Typing "des", "desk": one request, after the pause. */
  turnos_audit_log_set_actor (f->log, "des");
  turnos_audit_log_set_actor (f->log, "desk");
  g_assert_true (turnos_audit_log_get_loading (f->log));
  wait_loaded (f);
  g_assert_cmpuint (turnos_test_server_count_requests (f->server, "GET /audit"), ==, requests + 1);
  g_assert_cmpuint (n_entries (f), ==, N_BLOCKS);
  for (guint i = 0; i < n_entries (f); i++)
    g_assert_cmpstr (turnos_audit_item_get_actor (entry (f, i)), ==, "desk");

  /* One block, by its id. */
  turnos_audit_log_set_target (f->log, f->block_id);
  wait_loaded (f);
  g_assert_cmpuint (n_entries (f), ==, 1);
  g_assert_cmpstr (turnos_audit_item_get_target_id (entry (f, 0)), ==, f->block_id);

  /* Blank is no filter. */
  turnos_audit_log_set_target (f->log, "  ");
  turnos_audit_log_set_actor (f->log, NULL);
  wait_loaded (f);
  g_assert_null (turnos_audit_log_get_target (f->log));
  g_assert_cmpuint (n_entries (f), ==, N_BLOCKS + N_CHANGES);

  /* Since today: all of them; since tomorrow: none. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  turnos_audit_log_set_since (f->log, &today);
  wait_loaded (f);
  g_assert_cmpuint (n_entries (f), ==, N_BLOCKS + N_CHANGES);
  tomorrow = today;
  g_date_add_days (&tomorrow, 1);
  turnos_audit_log_set_since (f->log, &tomorrow);
  wait_loaded (f);
  g_assert_cmpuint (n_entries (f), ==, 0);
  g_assert_false (turnos_audit_log_get_has_more (f->log));
}

/* The audit is the admin's: anyone else is told so, and nothing shows. */
static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  turnos_test_sign_in (f->admin, f->server, "desk");
  turnos_audit_log_refresh (f->log);
  wait_loaded (f);
  g_object_get (f->log, "error", &error, NULL);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_FORBIDDEN);
  g_assert_cmpuint (n_entries (f), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/booking/audit-log/pages", Fixture, NULL, fixture_set_up, test_pages, fixture_tear_down);
  g_test_add ("/booking/audit-log/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/booking/audit-log/forbidden", Fixture, NULL, fixture_set_up, test_forbidden, fixture_tear_down);

  return g_test_run ();
}
