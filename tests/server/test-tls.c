/* test-tls.c: turnos-server over HTTPS with a test CA, and what it refuses to serve in clear
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "turnos-test-server.h"
#include "turnos-test-store.h"

typedef struct
{
  char        *dir;
  char        *uri;      /* the store (turnos-test-store.h) */
  GSubprocess *server;
  char        *url;      /* "https://127.0.0.1:PORT/" */
} Fixture;

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

/* A CA and a server certificate for 127.0.0.1 signed by it, made with openssl. */
static void
make_certificates (const char *dir)
{
  g_autofree char *ext = g_build_filename (dir, "ext.cnf", NULL);

  g_assert_true (g_file_set_contents (ext, "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
                                      -1, NULL));
  run (dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
       "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Turnos Test CA",
       NULL);
  run (dir, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
       "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1", NULL);
  run (dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
       "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf", NULL);
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

/* Spawns turnos-server with @extra; returns its first stdout line (NULL when it exited
 * without one) and the process in @proc_out. */
static char *
spawn_server (Fixture             *f,
              const char * const  *extra,
              GSubprocess        **proc_out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  LineWait wait = { NULL, FALSE };

  g_ptr_array_add (argv, g_strdup (g_getenv ("TURNOS_SERVER_BIN")));
  g_ptr_array_add (argv, g_strdup ("--database"));
  g_ptr_array_add (argv, g_strdup (f->uri));
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra[i]));
  g_ptr_array_add (argv, NULL);
  *proc_out = g_subprocess_newv ((const char * const *) argv->pdata,
                                 G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                 &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (*proc_out));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, line_cb, &wait);
  g_assert_true (turnos_test_wait_for (&wait.done, 10000 * turnos_test_time_scale ()));
  return wait.line;
}

static void
stop_server (GSubprocess *proc)
{
  g_subprocess_send_signal (proc, SIGTERM);
  g_assert_true (g_subprocess_wait (proc, NULL, NULL));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *extra[] = { "--listen", "127.0.0.1:0", "--demo", "--tls-cert", "server.pem",
                          "--tls-key", "server.key", NULL };
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  const char *args[G_N_ELEMENTS (extra)];

  f->dir = g_dir_make_tmp ("turnos-tls-XXXXXX", &error);
  g_assert_no_error (error);
  f->uri = turnos_test_store_new_uri ();
  make_certificates (f->dir);
  cert = g_build_filename (f->dir, "server.pem", NULL);
  key = g_build_filename (f->dir, "server.key", NULL);
  memcpy (args, extra, sizeof extra);
  args[4] = cert;
  args[6] = key;
  line = spawn_server (f, args, &f->server);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on https://127.0.0.1:"));
  f->url = g_strdup (line + strlen ("Listening on "));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (f->server != NULL)
    stop_server (f->server);
  g_clear_object (&f->server);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  turnos_test_store_drop (f->uri);
  g_free (f->uri);
  g_free (f->url);
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

/* @method @url with an optional bearer @token and JSON @body; the status, or 0 with @error
 * set when no HTTP answer came. */
static guint
send (SoupSession  *session,
      const char   *method,
      const char   *url,
      const char   *token,
      const char   *body,
      char        **answer_out,
      GError      **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  Wait wait = { NULL, FALSE };

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, done_cb, &wait);
  /* Twice the sessions' timeout: a server too slow fails as the session's error, said. */
  g_assert_true (turnos_test_wait_for (&wait.done, 20000 * turnos_test_time_scale ()));
  answer = soup_session_send_and_read_finish (session, wait.result, error);
  g_object_unref (wait.result);
  if (answer == NULL)
    return 0;
  if (answer_out != NULL)
    *answer_out = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  return soup_message_get_status (msg);
}

static SoupSession *
trusting_session (Fixture *f)
{
  g_autofree char *ca = g_build_filename (f->dir, "ca.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) db = g_tls_file_database_new (ca, &error);
  SoupSession *session;

  g_assert_no_error (error);
  session = soup_session_new_with_options ("tls-database", db,
                                           "timeout", 10 * turnos_test_time_scale (), NULL);
  return session;
}

/* A client that trusts the test CA signs in and books. */
static void
test_books_over_https (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(SoupSession) session = trusting_session (f);
  g_autofree char *login_url = g_strconcat (f->url, "auth/login", NULL);
  g_autofree char *book_url = g_strconcat (f->url, "reservations/create-without-payment", NULL);
  g_autofree char *answer = NULL;
  g_autofree char *created = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *token;
  GDate day;
  char iso[16];

  g_assert_cmpuint (send (session, "POST", login_url, NULL,
                          "{\"username\": \"patient-1\", \"password\": \"demo-patient-1\"}",
                          &answer, &error), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, answer, -1, NULL));
  token = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "token");

  turnos_test_working_day ("America/Argentina/Buenos_Aires", 8, &day);
  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &day);
  body = g_strdup_printf ("{\"client_id\": \"patient-1\", \"professional_id\": \"dr-ana\", "
                          "\"start_time\": \"%sT11:00:00\", \"session_modality\": \"Virtual\"}", iso);
  g_assert_cmpuint (send (session, "POST", book_url, token, body, &created, &error), ==, 201);
  g_assert_nonnull (strstr (created, "\"CONFIRMED\""));
}

/* Without the CA the certificate is refused; plain HTTP to the TLS port gets no answer, and
 * the server goes on serving. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(SoupSession) plain = soup_session_new_with_options ("timeout",
                                                                10 * turnos_test_time_scale (), NULL);
  g_autoptr(SoupSession) session = trusting_session (f);
  g_autofree char *health = g_strconcat (f->url, "health", NULL);
  g_autofree char *http = g_strconcat ("http", f->url + strlen ("https"), "health", NULL);
  g_autoptr(GError) untrusted = NULL;
  g_autoptr(GError) cleartext = NULL;

  g_assert_cmpuint (send (plain, "GET", health, NULL, NULL, NULL, &untrusted), ==, 0);
  g_assert_true (untrusted->domain == G_TLS_ERROR);
  g_assert_cmpuint (send (plain, "GET", http, NULL, NULL, NULL, &cleartext), ==, 0);
  g_assert_nonnull (cleartext);
  g_assert_cmpuint (send (session, "GET", health, NULL, NULL, NULL, NULL), ==, 200);
}

/* A non-loopback address without TLS is refused, unless --insecure-http says so. */
static void
test_plain_http_elsewhere (Fixture       *f,
                           gconstpointer  data)
{
  const char *refused[] = { "--listen", "0.0.0.0:0", NULL };
  const char *allowed[] = { "--listen", "0.0.0.0:0", "--insecure-http", NULL };
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autofree char *none = spawn_server (f, refused, &first);
  g_autofree char *line = NULL;

  g_assert_null (none);
  g_assert_true (g_subprocess_wait (first, NULL, NULL));
  g_assert_false (g_subprocess_get_successful (first));

  line = spawn_server (f, allowed, &second);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on http://0.0.0.0:"));
  stop_server (second);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *openssl = NULL;

  g_test_init (&argc, &argv, NULL);

  if (!(openssl = g_find_program_in_path ("openssl")))
    {
      g_test_skip ("openssl is not installed (build-aux/dev deps installs it)");
      return g_test_run ();
    }
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/server/tls/books-over-https", test_books_over_https);
  ADD ("/server/tls/refusals", test_refusals);
  ADD ("/server/tls/plain-http-elsewhere", test_plain_http_elsewhere);
#undef ADD

  return g_test_run ();
}
