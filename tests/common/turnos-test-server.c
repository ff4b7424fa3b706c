/* turnos-test-server.c: a real turnos-server on a loopback port, for the tests
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "turnos-test-server.h"
#include "turnos-test-store.h"

struct _TurnosTestServer
{
  GSubprocess      *process;
  GDataInputStream *out;
  GDataInputStream *err;
  GCancellable     *cancellable;
  char             *db_uri;
  GStrv             extra_args;  /* given at start, given again at a restart */
  gboolean          owns_db;     /* made by turnos_test_store_new_uri(), dropped at the end */
  char             *url;
  GPtrArray        *log;         /* request lines read from stderr */
  gboolean          err_closed;
  gboolean          exited;
  guint             max_fds;     /* 0: inherited */
};

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
turnos_test_wait_for (gboolean *flag,
                      guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *flag;
}

guint
turnos_test_time_scale (void)
{
  static guint scale;

  if (scale == 0)
    {
      const char *text = g_getenv ("TURNOS_TEST_TIME_SCALE");
      guint64 value = 1;

      if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, 100, &value, NULL))
        value = 1;
      scale = (guint) value;
    }
  return scale;
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  SoupServer *server = user_data;
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autoptr(GError) error = NULL;

  if (!soup_server_accept_iostream (server, G_IO_STREAM (connection), local, remote, &error))
    g_test_message ("test server: could not take a connection: %s", error->message);
  return TRUE;
}

static void
service_free (gpointer data)
{
  GSocketService *service = data;

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_object_unref (service);
}

char *
turnos_test_soup_server_listen (SoupServer *server)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  /* The connection is the server's, not the service's: no worker thread, no closing. */
  g_signal_connect_object (service, "incoming", G_CALLBACK (incoming_cb), server, 0);
  g_socket_service_start (service);
  g_object_set_data_full (G_OBJECT (server), "turnos-test-service", g_object_ref (service),
                          service_free);
  return g_strdup_printf ("http://127.0.0.1:%u/",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
}

void
turnos_test_working_day (const char *zone,
                         int         ahead,
                         GDate      *out)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) now = NULL;

  g_assert_nonnull (tz);
  now = g_date_time_new_now (tz);
  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_add_days (out, ahead);
  while (g_date_get_weekday (out) > G_DATE_FRIDAY)
    g_date_add_days (out, 1);
}

static void read_err_line (TurnosTestServer *self);

static void
err_line_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  TurnosTestServer *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object),
                                                                     result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (line == NULL)
    {
      self->err_closed = TRUE;
      return;
    }
  if (g_getenv ("TURNOS_TEST_SERVER_LOG") != NULL)
    g_printerr ("server: %s\n", line);
  g_ptr_array_add (self->log, g_steal_pointer (&line));
  read_err_line (self);
}

static void
read_err_line (TurnosTestServer *self)
{
  g_data_input_stream_read_line_async (self->err, G_PRIORITY_DEFAULT, self->cancellable,
                                       err_line_cb, self);
}

typedef struct
{
  char    *line;
  gboolean done;
} LineWait;

static void
out_line_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LineWait *wait = user_data;

  wait->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                          NULL, NULL);
  wait->done = TRUE;
}

/* In the child, before exec. */
static void
limit_fds (gpointer data)
{
  struct rlimit rl = { GPOINTER_TO_UINT (data), GPOINTER_TO_UINT (data) };

  setrlimit (RLIMIT_NOFILE, &rl);
}

static void
spawn (TurnosTestServer    *self,
       gboolean             demo,
       const char * const  *extra_args)
{
  const char *bin = g_getenv ("TURNOS_SERVER_BIN");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  LineWait wait = { NULL, FALSE };

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, g_strdup (bin));
  g_ptr_array_add (argv, g_strdup ("--listen"));
  g_ptr_array_add (argv, g_strdup ("127.0.0.1:0"));
  g_ptr_array_add (argv, g_strdup ("--database"));
  g_ptr_array_add (argv, g_strdup (self->db_uri));
  if (demo)
    g_ptr_array_add (argv, g_strdup ("--demo"));
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);

  if (self->max_fds > 0)
    {
      g_autoptr(GSubprocessLauncher) launcher =
        g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

      g_subprocess_launcher_set_child_setup (launcher, limit_fds, GUINT_TO_POINTER (self->max_fds),
                                             NULL);
      self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                    &error);
    }
  else
    self->process = g_subprocess_newv ((const char * const *) argv->pdata,
                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                       &error);
  g_assert_no_error (error);
  self->exited = FALSE;
  self->err_closed = FALSE;
  self->cancellable = g_cancellable_new ();
  self->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  self->err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (self->process));
  read_err_line (self);

  g_data_input_stream_read_line_async (self->out, G_PRIORITY_DEFAULT, NULL, out_line_cb, &wait);
  g_assert_true (turnos_test_wait_for (&wait.done, 10000 * turnos_test_time_scale ()));
  g_assert_nonnull (wait.line);
  g_assert_true (g_str_has_prefix (wait.line, "Listening on http://127.0.0.1:"));
  g_free (self->url);
  self->url = g_strdup (wait.line + strlen ("Listening on "));
  g_free (wait.line);
}

static TurnosTestServer *
start_internal (const char         *database_uri,
                gboolean            demo,
                guint               max_fds,
                const char * const *extra_args)
{
  TurnosTestServer *self = g_new0 (TurnosTestServer, 1);

  self->db_uri = g_strdup (database_uri);
  self->extra_args = g_strdupv ((char **) extra_args);
  self->log = g_ptr_array_new_with_free_func (g_free);
  self->max_fds = max_fds;
  spawn (self, demo, extra_args);
  return self;
}

TurnosTestServer *
turnos_test_server_start_on (const char         *database_uri,
                             gboolean            demo,
                             const char * const *extra_args)
{
  return start_internal (database_uri, demo, 0, extra_args);
}

TurnosTestServer *
turnos_test_server_start (gboolean            demo,
                          const char * const *extra_args)
{
  return turnos_test_server_start_limited (demo, 0, extra_args);
}

TurnosTestServer *
turnos_test_server_start_limited (gboolean            demo,
                                  guint               max_fds,
                                  const char * const *extra_args)
{
  g_autofree char *uri = turnos_test_store_new_uri ();
  TurnosTestServer *self = start_internal (uri, demo, max_fds, extra_args);

  self->owns_db = TRUE;
  return self;
}

const char *
turnos_test_server_get_url (TurnosTestServer *self)
{
  return self->url;
}

guint16
turnos_test_server_get_port (TurnosTestServer *self)
{
  const char *colon = strrchr (self->url, ':');
  g_autofree char *digits = NULL;
  guint64 port = 0;

  g_assert_nonnull (colon);
  digits = g_strndup (colon + 1, strcspn (colon + 1, "/"));
  g_assert_true (g_ascii_string_to_unsigned (digits, 10, 1, 65535, &port, NULL));
  return (guint16) port;
}

const char *
turnos_test_server_get_database_uri (TurnosTestServer *self)
{
  return self->db_uri;
}

const char *
turnos_test_server_get_database_path (TurnosTestServer *self)
{
  g_assert_true (g_str_has_prefix (self->db_uri, "sqlite://"));
  return self->db_uri + strlen ("sqlite://");
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  TurnosTestServer *self = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  self->exited = TRUE;
}

void
turnos_test_server_stop (TurnosTestServer *self)
{
  if (self->process == NULL)
    return;

  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait_async (self->process, NULL, wait_cb, self);
  g_assert_true (turnos_test_wait_for (&self->exited, 10000 * turnos_test_time_scale ()));
  /* Drain what it logged on the way out. */
  turnos_test_wait_for (&self->err_closed, 2000 * turnos_test_time_scale ());
  /* A server that did not end cleanly (a sanitizer's report, a fatal warning) says why. */
  if (!g_subprocess_get_if_exited (self->process) ||
      g_subprocess_get_exit_status (self->process) != 0)
    for (guint i = 0; i < self->log->len; i++)
      g_printerr ("server: %s\n", (const char *) g_ptr_array_index (self->log, i));
  g_assert_true (g_subprocess_get_if_exited (self->process));
  g_assert_cmpint (g_subprocess_get_exit_status (self->process), ==, 0);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->out);
  g_clear_object (&self->err);
  g_clear_object (&self->process);
}

void
turnos_test_server_kill (TurnosTestServer *self)
{
  if (self->process == NULL)
    return;
  g_subprocess_force_exit (self->process);
  g_subprocess_wait_async (self->process, NULL, wait_cb, self);
  g_assert_true (turnos_test_wait_for (&self->exited, 10000));
  turnos_test_wait_for (&self->err_closed, 2000);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->out);
  g_clear_object (&self->err);
  g_clear_object (&self->process);
}

void
turnos_test_server_respawn (TurnosTestServer *self)
{
  g_assert_null (self->process);
  spawn (self, FALSE, (const char * const *) self->extra_args);
}

gboolean
turnos_test_server_is_running (TurnosTestServer *self)
{
  /* GSubprocess reaps its child as soon as it exits, and then has no identifier. */
  return self->process != NULL && g_subprocess_get_identifier (self->process) != NULL;
}

void
turnos_test_server_restart (TurnosTestServer *self)
{
  turnos_test_server_stop (self);
  spawn (self, FALSE, (const char * const *) self->extra_args);
}

guint
turnos_test_server_count_requests (TurnosTestServer *self,
                                   const char       *prefix)
{
  guint count = 0;

  /* Let every line already written reach us: the server logs a request before answering it,
   * so by the time a test has its answer, the line is in the pipe. */
  for (int i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);

  for (guint i = 0; i < self->log->len; i++)
    {
      const char *line = g_ptr_array_index (self->log, i);
      const char *request = strstr (line, ": ");

      /* "turnos-server-Message: HH:MM:SS.mmm: METHOD PATH -> STATUS (T ms)" */
      if (request != NULL && (request = strstr (request + 2, ": ")) != NULL &&
          g_str_has_prefix (request + 2, prefix))
        count++;
    }
  return count;
}

typedef struct
{
  GAsyncResult *result;
  gboolean      done;
} ResultWait;

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ResultWait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

char *
turnos_test_server_login (TurnosTestServer *self,
                          const char       *username)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (self->url, "auth/login", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"demo-%s\"}",
                                           username, username);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  ResultWait wait = { NULL, FALSE };
  JsonObject *object;

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, result_cb, &wait);
  g_assert_true (turnos_test_wait_for (&wait.done, 10000 * turnos_test_time_scale ()));
  answer = soup_session_send_and_read_finish (session, wait.result, &error);
  g_object_unref (wait.result);
  if (error != NULL || soup_message_get_status (msg) != 200)
    {
      /* Say what the server said meanwhile: a connection it reset (seen once in a full run,
       * at the end of /gui/signin/revoked-mid-booking) leaves no other trace. */
      for (guint i = 0; i < self->log->len; i++)
        g_test_message ("server: %s", (const char *) g_ptr_array_index (self->log, i));
    }
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                             g_bytes_get_size (answer), NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  return g_strdup (json_object_get_string_member (object, "token"));
}

gboolean
turnos_test_server_has_log (TurnosTestServer *self,
                            const char       *needle)
{
  for (int i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  for (guint i = 0; i < self->log->len; i++)
    if (strstr (g_ptr_array_index (self->log, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

void
turnos_test_server_free (TurnosTestServer *self)
{
  turnos_test_server_stop (self);
  if (self->owns_db)
    turnos_test_store_drop (self->db_uri);
  g_ptr_array_unref (self->log);
  g_strfreev (self->extra_args);
  g_free (self->db_uri);
  g_free (self->url);
  g_free (self);
}
