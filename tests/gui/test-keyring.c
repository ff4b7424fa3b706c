/* test-keyring.c: the token in a real Secret Service: kept at sign-in, a restart skips the
 * sign-in, Sign Out removes it
 *
 * Run by with-keyring.sh: an unlocked gnome-keyring of its own, on a session bus that starts
 * nothing else (tests/gui/meson.build).
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "turnos-gate.h"
#include "turnos-keyring.h"
#include "turnos-sign-in-page.h"
#include "turnos-test-client.h"
#include "turnos-test-server.h"

typedef struct
{
  gboolean  done;
  char     *user;
  char     *token;
} Lookup;

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Lookup *lookup = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (turnos_keyring_lookup_finish (result, &lookup->user, &lookup->token, &error));
  g_assert_no_error (error);
  lookup->done = TRUE;
}

/* What the keyring holds for @server, read as another process would. */
static char *
kept_token (const char  *server,
            char       **user)
{
  Lookup lookup = { 0 };

  turnos_keyring_lookup_async (server, NULL, lookup_cb, &lookup);
  TURNOS_TEST_WAIT_UNTIL (lookup.done);
  if (user != NULL)
    *user = lookup.user;
  else
    g_free (lookup.user);
  return lookup.token;
}

static void
logged_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (turnos_client_logout_finish (TURNOS_CLIENT (object), result, &error));
  *(gboolean *) user_data = TRUE;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_kept_in_keyring (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  const char *url = turnos_test_server_get_url (server);
  g_autoptr(TurnosSession) session = turnos_session_new (url);
  g_autoptr(TurnosGate) gate = turnos_gate_new (NULL, session, NULL, NULL, NULL);
  g_autofree char *token = NULL;
  g_autofree char *user = NULL;
  GtkWidget *page;
  guint told = 0;

  g_signal_connect_swapped (session, "keyring-unavailable", G_CALLBACK (count_cb), &told);
  turnos_gate_start (gate);
  TURNOS_TEST_WAIT_UNTIL (turnos_session_get_state (session) == TURNOS_SESSION_SIGNED_OUT &&
                          !turnos_session_get_busy (session));
  g_assert_null (kept_token (url, NULL));

  /* Sign in through the page: the token lands in the keyring. */
  page = find_type (GTK_WIDGET (turnos_gate_get_entry_window (gate)), TURNOS_TYPE_SIGN_IN_PAGE);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (page, TURNOS_TYPE_SIGN_IN_PAGE, "user_row")), "desk");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (page, TURNOS_TYPE_SIGN_IN_PAGE, "password_row")), "demo-desk");
  gtk_widget_activate_action (page, "sign-in.sign-in", NULL);
  TURNOS_TEST_WAIT_UNTIL (turnos_session_get_token_storage (session) == TURNOS_TOKEN_STORAGE_KEYRING);
  g_assert_nonnull (turnos_gate_get_window (gate));
  token = kept_token (url, &user);
  g_assert_cmpstr (token, ==, turnos_client_get_token (turnos_session_get_client (session)));
  g_assert_cmpstr (user, ==, "desk");
  g_assert_cmpuint (told, ==, 0);

  /* A restart: a new session and gate for the same server skip the sign-in. */
  {
    g_autoptr(TurnosSession) again = turnos_session_new (url);
    g_autoptr(TurnosGate) gate_again = turnos_gate_new (NULL, again, NULL, NULL, NULL);

    turnos_gate_start (gate_again);
    TURNOS_TEST_WAIT_UNTIL (turnos_gate_get_window (gate_again) != NULL);
    g_assert_cmpint (turnos_session_get_state (again), ==, TURNOS_SESSION_SIGNED_IN);
    g_assert_cmpint (turnos_session_get_role (again), ==, TURNOS_USER_ROLE_DESK);
    g_assert_cmpstr (turnos_session_get_username (again), ==, "desk");
    g_assert_null (turnos_gate_get_entry_window (gate_again));
  }

  /* Sign Out: revoked on the server and gone from the keyring; the next start asks. */
  turnos_session_sign_out (session);
  TURNOS_TEST_WAIT_UNTIL (turnos_session_get_state (session) == TURNOS_SESSION_SIGNED_OUT);
  g_assert_null (kept_token (url, NULL));
  {
    g_autoptr(TurnosSession) again = turnos_session_new (url);

    turnos_session_restore (again);
    TURNOS_TEST_WAIT_UNTIL (!turnos_session_get_busy (again));
    g_assert_cmpint (turnos_session_get_state (again), ==, TURNOS_SESSION_SIGNED_OUT);
  }
}

/* A token the server no longer takes is not used, and is removed. */
static void
test_stale_token_removed (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  const char *url = turnos_test_server_get_url (server);
  g_autoptr(TurnosSession) session = turnos_session_new (url);
  g_autofree char *kept = NULL;

  turnos_session_sign_in (session, NULL, "patient-1", "demo-patient-1");
  TURNOS_TEST_WAIT_UNTIL (turnos_session_get_token_storage (session) == TURNOS_TOKEN_STORAGE_KEYRING);
  kept = kept_token (url, NULL);
  g_assert_nonnull (kept);
  /* The server forgets it (a restart on a fresh store would too): revoked from outside. */
  {
    g_autoptr(TurnosClient) other = turnos_test_client_new (url);
    gboolean done = FALSE;

    turnos_client_set_token (other, kept);
    turnos_client_logout_async (other, NULL, logged_out_cb, &done);
    TURNOS_TEST_WAIT_UNTIL (done);
  }
  {
    g_autoptr(TurnosSession) again = turnos_session_new (url);
    g_autofree char *left = NULL;

    turnos_session_restore (again);
    TURNOS_TEST_WAIT_UNTIL (turnos_session_get_state (again) == TURNOS_SESSION_SIGNED_OUT &&
                            !turnos_session_get_busy (again));
    TURNOS_TEST_WAIT_UNTIL ((left = kept_token (url, NULL)) == NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/keyring/kept-restart-sign-out", test_kept_in_keyring);
  g_test_add_func ("/gui/keyring/stale-token-removed", test_stale_token_removed);

  return g_test_run ();
}
