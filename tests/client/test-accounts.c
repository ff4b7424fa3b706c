/* test-accounts.c: TurnosClient's calls for signing in and the patient directory, against a
 * real turnos-server with accounts; a throttled sign-in's wait; an untrusted certificate and
 * the clinic's own CA; "unauthorized" when a token stops working
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "turnos-client.h"
#include "turnos-test-server.h"

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
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

static GAsyncResult *
wait_result (Wait *wait)
{
  TURNOS_TEST_WAIT_UNTIL (wait->done);
  return wait->result;
}

static gboolean
login (TurnosClient  *client,
       const char    *user,
       const char    *password,
       GError       **error)
{
  Wait wait = { 0 };
  g_autoptr(GAsyncResult) result = NULL;

  turnos_client_login_async (client, user, password, NULL, done_cb, &wait);
  result = wait_result (&wait);
  return turnos_client_login_finish (client, result, error);
}

static void
test_me_and_password (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) desk = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosPerson) created = NULL;
  g_autoptr(TurnosPerson) me = NULL;
  g_autoptr(TurnosPerson) patient = turnos_person_new ();
  g_autoptr(GError) error = NULL;

  turnos_test_sign_in (desk, server, "desk");
  patient->display_name = g_strdup ("Marta Díaz");
  patient->document = g_strdup ("28111222");
  patient->username = g_strdup ("marta");
  {
    Wait wait = { 0 };
    g_autoptr(GAsyncResult) result = NULL;

    turnos_client_create_patient_async (desk, patient, "first-one-1", NULL, done_cb, &wait);
    result = wait_result (&wait);
    created = turnos_client_create_patient_finish (desk, result, &error);
    g_assert_no_error (error);
  }
  g_assert_nonnull (created->id);
  g_assert_cmpstr (created->display_name, ==, "Marta Díaz");
  g_assert_cmpstr (created->document, ==, "28111222");
  g_assert_true (created->must_change_password);

  g_assert_true (login (client, "marta", "first-one-1", &error));
  g_assert_true (turnos_client_get_must_change_password (client));
  {
    Wait wait = { 0 };
    g_autoptr(GAsyncResult) result = NULL;

    turnos_client_get_me_async (client, NULL, done_cb, &wait);
    result = wait_result (&wait);
    me = turnos_client_get_me_finish (client, result, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (me->id, ==, created->id);
  g_assert_cmpstr (me->role, ==, "patient");
  g_assert_true (me->must_change_password);

  /* A wrong current password, then the right one. */
  {
    Wait wait = { 0 };
    g_autoptr(GAsyncResult) result = NULL;

    turnos_client_change_password_async (client, "not-it-at-all", "my-own-secret", NULL, done_cb, &wait);
    result = wait_result (&wait);
    g_assert_false (turnos_client_change_password_finish (client, result, &error));
    g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_FORBIDDEN);
    g_assert_cmpstr (turnos_client_error_get_api_code (error), ==, "bad_credentials");
    g_clear_error (&error);
  }
  {
    Wait wait = { 0 };
    g_autoptr(GAsyncResult) result = NULL;

    turnos_client_change_password_async (client, "first-one-1", "my-own-secret", NULL, done_cb, &wait);
    result = wait_result (&wait);
    g_assert_true (turnos_client_change_password_finish (client, result, &error));
    g_assert_no_error (error);
  }
  g_assert_true (login (client, "marta", "my-own-secret", &error));
  g_assert_false (turnos_client_get_must_change_password (client));
}

static GPtrArray *
search (TurnosClient *client,
        const char   *query)
{
  Wait wait = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *found;

  turnos_client_search_patients_async (client, query, 20, NULL, done_cb, &wait);
  result = wait_result (&wait);
  found = turnos_client_search_patients_finish (client, result, &error);
  g_assert_no_error (error);
  return found;
}

static void
test_search_patients (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) desk = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(GPtrArray) by_name = NULL;
  g_autoptr(GPtrArray) by_document = NULL;
  g_autoptr(GPtrArray) nobody = NULL;
  TurnosPerson *jose;

  turnos_test_sign_in (desk, server, "desk");
  by_name = search (desk, "jose");
  g_assert_cmpuint (by_name->len, ==, 1);
  jose = g_ptr_array_index (by_name, 0);
  g_assert_cmpstr (jose->id, ==, "patient-1");
  g_assert_cmpstr (jose->display_name, ==, "José Pérez");
  g_assert_cmpstr (jose->document, ==, "30111222");
  by_document = search (desk, "30111222");
  g_assert_cmpuint (by_document->len, ==, 1);
  nobody = search (desk, "zzz-nobody");
  g_assert_cmpuint (nobody->len, ==, 0);
}

static void
test_create_professional (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) admin = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosSettings) settings = turnos_settings_new ();
  g_autoptr(TurnosSettings) stored = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  g_autoptr(GAsyncResult) result = NULL;

  turnos_test_sign_in (admin, server, "admin");
  settings->user_id = g_strdup ("dr-lopez");
  settings->display_name = g_strdup ("Dra. Laura López");
  g_assert_true (turnos_settings_set_timezone (settings, "America/Argentina/Buenos_Aires"));
  turnos_settings_add_hours (settings, 1, 600, 840);
  turnos_settings_add_hours (settings, 3, 600, 840);
  turnos_client_create_professional_async (admin, settings, "laura", "first-one-1", NULL, done_cb, &wait);
  result = wait_result (&wait);
  stored = turnos_client_create_professional_finish (admin, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->user_id, ==, "dr-lopez");
  g_assert_cmpuint (stored->working_hours->len, ==, 2);
}

/* Five failures, then 429 with the wait the server asks for. */
static void
test_retry_after (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 5; i++)
    {
      g_assert_false (login (client, "desk", "wrong", &error));
      g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_UNAUTHORIZED);
      g_assert_cmpuint (turnos_client_error_get_retry_after (error), ==, 0);
      g_clear_error (&error);
    }
  g_assert_false (login (client, "desk", "wrong", &error));
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_TOO_MANY_ATTEMPTS);
  g_assert_cmpuint (turnos_client_error_get_retry_after (error), >, 14 * 60);
  g_assert_cmpuint (turnos_client_error_get_retry_after (error), <=, 15 * 60);
}

static void
count_cb (TurnosClient *client,
          const GError *error,
          guint        *count)
{
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_UNAUTHORIZED);
  (*count)++;
}

/* "unauthorized" for a token that stopped working, not for a wrong password. */
static void
test_unauthorized_signal (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_signal_connect (client, "unauthorized", G_CALLBACK (count_cb), &count);
  g_assert_false (login (client, "desk", "wrong", &error));
  g_clear_error (&error);
  g_assert_cmpuint (count, ==, 0);
  turnos_client_set_token (client, "revoked-or-made-up");
  {
    Wait wait = { 0 };
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) list = NULL;

    turnos_client_list_professionals_async (client, NULL, done_cb, &wait);
    result = wait_result (&wait);
    list = turnos_client_list_professionals_finish (client, result, &error);
    g_assert_null (list);
    g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_UNAUTHORIZED);
  }
  g_assert_cmpuint (count, ==, 1);
}

/*
 * TLS: a server with a certificate from a CA of its own
 */

static void
run (const char *dir,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_set_cwd (launcher, dir);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_true (g_subprocess_get_successful (proc));
}

typedef struct
{
  char    *line;
  gboolean done;
} LineWait;

static void
line_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LineWait *wait = user_data;

  wait->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                          NULL, NULL);
  wait->done = TRUE;
}

static void
test_clinic_ca (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("turnos-ca-XXXXXX", &error);
  g_autofree char *ext = g_build_filename (dir, "ext.cnf", NULL);
  g_autofree char *db = NULL;
  g_autofree char *cert = g_build_filename (dir, "server.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "server.key", NULL);
  g_autofree char *ca = g_build_filename (dir, "ca.pem", NULL);
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(TurnosClient) client = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  LineWait wait = { NULL, FALSE };
  const char *url;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed (build-aux/dev deps installs it)");
      return;
    }
  g_assert_true (g_file_set_contents (ext, "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
                                      -1, NULL));
  run (dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Clinic CA", NULL);
  run (dir, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
       "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1", NULL);
  run (dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
       "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf", NULL);
  db = g_strdup_printf ("sqlite://%s/t.db", dir);
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             g_getenv ("TURNOS_SERVER_BIN"), "--database", db, "--listen", "127.0.0.1:0",
                             "--demo", "--tls-cert", cert, "--tls-key", key, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, line_cb, &wait);
  g_assert_true (turnos_test_wait_for (&wait.done, 10000 * turnos_test_time_scale ()));
  g_assert_nonnull (wait.line);
  g_assert_true (g_str_has_prefix (wait.line, "Listening on https://"));
  url = wait.line + strlen ("Listening on ");

  /* The system does not know the clinic's CA: said as such, not as an unreachable server. */
  client = turnos_client_new (url);
  turnos_client_set_timeout (client, 10 * turnos_test_time_scale ());
  g_assert_false (login (client, "desk", "demo-desk", &error));
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_UNTRUSTED_CERTIFICATE);
  g_clear_error (&error);

  /* Trusting it (--ca FILE) signs in. */
  database = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  turnos_client_set_tls_database (client, database);
  g_assert_true (login (client, "desk", "demo-desk", &error));
  g_assert_no_error (error);

  g_subprocess_send_signal (server, SIGTERM);
  g_assert_true (g_subprocess_wait (server, NULL, NULL));
  g_free (wait.line);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/accounts/me-and-password", test_me_and_password);
  g_test_add_func ("/client/accounts/search-patients", test_search_patients);
  g_test_add_func ("/client/accounts/create-professional", test_create_professional);
  g_test_add_func ("/client/accounts/retry-after", test_retry_after);
  g_test_add_func ("/client/accounts/unauthorized-signal", test_unauthorized_signal);
  g_test_add_func ("/client/accounts/clinic-ca", test_clinic_ca);

  return g_test_run ();
}
