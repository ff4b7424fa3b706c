/* test-professionals.c: the admin's list of professionals against a real server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "turnos-professionals.h"
#include "turnos-settings-editor.h"
#include "turnos-test-server.h"

static void
count_cb (gpointer data)
{
  (*(guint *) data)++;
}

/* The list follows the server: the demo's three, then the one just added. */
static void
test_list_follows_server (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosProfessionals) professionals = turnos_professionals_new (client);
  g_autoptr(TurnosSettingsEditor) editor = turnos_settings_editor_new (client);
  GListModel *list = turnos_professionals_get_list (professionals);
  guint saved = 0, n;

  turnos_test_sign_in (client, server, "admin");
  g_assert_null (turnos_professionals_find (professionals, "dr-ana"));
  turnos_professionals_refresh (professionals);
  g_assert_true (turnos_professionals_get_client (professionals) == client);
  TURNOS_TEST_WAIT_UNTIL (g_list_model_get_n_items (list) > 0);
  n = g_list_model_get_n_items (list);
  g_assert_nonnull (turnos_professionals_find (professionals, "dr-ana"));
  g_assert_cmpstr (turnos_professional_get_display_name (turnos_professionals_find (professionals, "dr-ana")),
                   !=, "");

  g_signal_connect_swapped (editor, "saved", G_CALLBACK (count_cb), &saved);
  turnos_settings_editor_start_new (editor);
  g_object_set (editor, "display-name", "Dr. Eva Ruiz", "timezone", "UTC", NULL);
  g_assert_true (turnos_settings_editor_save (editor, FALSE));
  TURNOS_TEST_WAIT_UNTIL (saved == 1);

  turnos_professionals_refresh (professionals);
  TURNOS_TEST_WAIT_UNTIL (g_list_model_get_n_items (list) == n + 1);
  g_assert_nonnull (turnos_professionals_find (professionals, "dr-eva-ruiz"));
}

/* Two refreshes in a row: one answer is applied, the list is not doubled. */
static void
test_refresh_twice (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosProfessionals) professionals = turnos_professionals_new (client);
  GListModel *list = turnos_professionals_get_list (professionals);
  gboolean loading;

  turnos_professionals_refresh (professionals);
  turnos_professionals_refresh (professionals);
  g_object_get (professionals, "loading", &loading, NULL);
  g_assert_true (loading);
  TURNOS_TEST_WAIT_UNTIL ((g_object_get (professionals, "loading", &loading, NULL), !loading));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
}

/* No server: the error is kept, the list as it was. */
static void
test_error (void)
{
  g_autoptr(TurnosClient) client = turnos_client_new ("http://127.0.0.1:1/");
  g_autoptr(TurnosProfessionals) professionals = turnos_professionals_new (client);
  g_autoptr(GError) error = NULL;

  turnos_professionals_refresh (professionals);
  TURNOS_TEST_WAIT_UNTIL ((g_object_get (professionals, "error", &error, NULL), error != NULL));
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CANNOT_CONNECT);
  g_assert_cmpuint (g_list_model_get_n_items (turnos_professionals_get_list (professionals)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/booking/professionals/list-follows-server", test_list_follows_server);
  g_test_add_func ("/booking/professionals/refresh-twice", test_refresh_twice);
  g_test_add_func ("/booking/professionals/error", test_error);

  return g_test_run ();
}
