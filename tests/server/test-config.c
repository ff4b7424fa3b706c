/* test-config.c: turnos-server --config, and the settings file the package installs
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "turnos-server-config.h"
#include "turnos-test-server.h"
#include "turnos-test-store.h"

typedef struct
{
  char     *listen;
  char     *database;
  char     *tls_cert;
  char     *tls_key;
  int       workers;
  gboolean  insecure_http;
  char    **trusted_proxies;
} Options;

static void
options_clear (Options *o)
{
  g_clear_pointer (&o->listen, g_free);
  g_clear_pointer (&o->database, g_free);
  g_clear_pointer (&o->tls_cert, g_free);
  g_clear_pointer (&o->tls_key, g_free);
  g_clear_pointer (&o->trusted_proxies, g_strfreev);
}

static gboolean
apply (const char  *path,
       Options     *o,
       GError     **error)
{
  return turnos_server_config_apply (path, &o->listen, &o->database, &o->tls_cert, &o->tls_key,
                                     &o->workers, &o->insecure_http, &o->trusted_proxies, error);
}

static char *
write_config (const char *dir,
              const char *text)
{
  char *path = g_build_filename (dir, "turnos-server.conf", NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* The file meson installs in /etc/turnos reads as its comments say. */
static void
test_shipped (void)
{
  const char *path = g_getenv ("TURNOS_SERVER_CONF");
  g_autoptr(GError) error = NULL;
  Options o = { 0 };

  g_assert_nonnull (path);
  g_assert_true (apply (path, &o, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (o.listen, ==, "127.0.0.1:8080");
  g_assert_cmpstr (o.database, ==, "sqlite:///var/lib/turnos/turnos.db");
  g_assert_null (o.tls_cert);
  g_assert_null (o.tls_key);
  g_assert_cmpint (o.workers, ==, 2);
  g_assert_false (o.insecure_http);
  g_assert_null (o.trusted_proxies);
  options_clear (&o);
}

/* The command line says last; what it leaves out comes from the file; without a file,
 * one worker. */
static void
test_command_line_wins (void)
{
  g_autofree char *dir = g_dir_make_tmp ("turnos-config-XXXXXX", NULL);
  g_autofree char *path = write_config (dir,
    "[server]\nlisten=0.0.0.0:8443\ndatabase=postgresql://db/turnos\n"
    "tls-cert=tls/cert.pem\ntls-key=/etc/turnos/key.pem\nworkers=4\ninsecure-http=true\n"
    "trusted-proxy=10.0.0.5; 10.0.0.6;\n");
  g_autofree char *cert = g_build_filename (dir, "tls", "cert.pem", NULL);
  g_autoptr(GError) error = NULL;
  Options o = { 0 };

  o.listen = g_strdup ("127.0.0.1:9000");
  o.workers = 3;
  g_assert_true (apply (path, &o, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (o.listen, ==, "127.0.0.1:9000");
  g_assert_cmpstr (o.database, ==, "postgresql://db/turnos");
  g_assert_cmpstr (o.tls_cert, ==, cert);   /* relative to the file's folder */
  g_assert_cmpstr (o.tls_key, ==, "/etc/turnos/key.pem");
  g_assert_cmpint (o.workers, ==, 3);
  g_assert_true (o.insecure_http);
  g_assert_cmpuint (g_strv_length (o.trusted_proxies), ==, 2);
  g_assert_cmpstr (o.trusted_proxies[0], ==, "10.0.0.5");
  g_assert_cmpstr (o.trusted_proxies[1], ==, "10.0.0.6");
  options_clear (&o);

  /* --trusted-proxy on the command line replaces the file's list. */
  o.trusted_proxies = g_strsplit ("192.0.2.1", ",", -1);
  g_assert_true (apply (path, &o, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (o.trusted_proxies), ==, 1);
  g_assert_cmpstr (o.trusted_proxies[0], ==, "192.0.2.1");
  options_clear (&o);

  o.workers = 0;
  g_assert_true (apply (NULL, &o, &error));
  g_assert_cmpint (o.workers, ==, 1);
  g_assert_null (o.database);

  g_unlink (path);
  g_rmdir (dir);
}

/* A typo, a number that is not one, a missing file: refused, naming the file. */
static void
test_refused (void)
{
  const char *bad[] = {
    "[server]\nlisten=127.0.0.1:8080\nworker=2\n",
    "[server]\nworkers=two\n",
    "[server]\ninsecure-http=perhaps\n",
    "listen=127.0.0.1:8080\n",
  };
  g_autofree char *dir = g_dir_make_tmp ("turnos-config-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = write_config (dir, bad[i]);
      g_autoptr(GError) error = NULL;
      Options o = { 0 };

      g_assert_false (apply (path, &o, &error));
      g_assert_error (error, G_KEY_FILE_ERROR, error->code);
      g_assert_nonnull (strstr (error->message, path));
      options_clear (&o);
      g_unlink (path);
    }
  {
    g_autoptr(GError) error = NULL;
    Options o = { 0 };

    g_assert_false (apply ("/nonexistent/turnos-server.conf", &o, &error));
    g_assert_nonnull (error);
  }
  g_rmdir (dir);
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

/* turnos-server --config FILE serves what FILE says, with two workers, on the test's store. */
static void
test_serves (void)
{
  const char *bin = g_getenv ("TURNOS_SERVER_BIN");
  g_autofree char *uri = turnos_test_store_new_uri ();
  g_autofree char *dir = g_dir_make_tmp ("turnos-config-XXXXXX", NULL);
  g_autofree char *text = g_strdup_printf ("[server]\nlisten=127.0.0.1:0\ndatabase=%s\nworkers=2\n", uri);
  g_autofree char *path = write_config (dir, text);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  LineWait wait = { NULL, FALSE };

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                           &error, bin, "--config", path, "--demo", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, line_cb, &wait);
  g_assert_true (turnos_test_wait_for (&wait.done, 10000));
  g_assert_nonnull (wait.line);
  g_assert_true (g_str_has_prefix (wait.line, "Listening on http://127.0.0.1:"));
  /* The demo clinic is in the store the file named. */
  {
    g_autoptr(GPtrArray) rows = turnos_test_store_query (uri, "SELECT count(*) FROM professionals");

    g_assert_cmpstr (rows->pdata[0], ==, "3");
  }
  g_subprocess_send_signal (proc, SIGTERM);
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_true (g_subprocess_get_successful (proc));
  g_free (wait.line);
  turnos_test_store_drop (uri);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/config/shipped", test_shipped);
  g_test_add_func ("/server/config/command-line-wins", test_command_line_wins);
  g_test_add_func ("/server/config/refused", test_refused);
  g_test_add_func ("/server/config/serves", test_serves);

  return g_test_run ();
}
