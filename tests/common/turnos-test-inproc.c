/* turnos-test-inproc.c: a TurnosServer in the test's own process, on a fixed clock
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "turnos-demo.h"
#include "turnos-json.h"
#include "turnos-password.h"
#include "turnos-test-inproc.h"
#include "turnos-test-server.h"
#include "turnos-test-store.h"
#include "turnos-time.h"

static GDateTime *
fixed_clock (gpointer data)
{
  TurnosTestInproc *self = data;

  return g_date_time_ref (self->now);
}

TurnosTestInproc *
turnos_test_inproc_new (void)
{
  TurnosTestInproc *self = g_new0 (TurnosTestInproc, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("America/Argentina/Buenos_Aires");

  g_assert_true (turnos_password_init ());
  self->uri = turnos_test_store_new_uri ();
  self->store = turnos_store_open (self->uri, &error);
  g_assert_no_error (error);
  self->now = g_date_time_new (tz, 2026, 3, 2, 8, 0, 0);
  g_assert_true (turnos_demo_seed (self->store, self->now, &error));
  self->server = turnos_server_new (self->store);
  g_object_set (self->server, "log-requests", FALSE, NULL);
  turnos_server_set_clock (self->server, fixed_clock, self);
  turnos_server_set_sandbox_payments (self->server, TRUE);
  g_assert_true (turnos_server_listen (self->server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  self->url = turnos_server_dup_base_url (self->server);
  self->token = turnos_test_inproc_login (self, "desk");
  return self;
}

void
turnos_test_inproc_free (TurnosTestInproc *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->server);
  g_clear_object (&self->store);
  turnos_test_store_drop (self->uri);
  g_free (self->uri);
  g_free (self->url);
  g_free (self->token);
  g_date_time_unref (self->now);
  g_free (self);
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

guint
turnos_test_inproc_request (TurnosTestInproc *self,
                            const char       *method,
                            const char       *path,
                            const char       *body,
                            gssize            body_len,
                            JsonNode        **body_out)
{
  return turnos_test_inproc_request_as (self, self->token, method, path, body, body_len,
                                        body_out, NULL);
}

void
turnos_test_inproc_set_now (TurnosTestInproc *self,
                            GDateTime        *now)
{
  g_date_time_unref (self->now);
  self->now = g_date_time_ref (now);
}

char *
turnos_test_inproc_login (TurnosTestInproc *self,
                          const char       *username)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"demo-%s\"}",
                                           username, username);
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (turnos_test_inproc_request_as (self, NULL, "POST", "auth/login", body, -1,
                                                   &node, NULL), ==, 200);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "token"));
}

guint
turnos_test_inproc_request_as (TurnosTestInproc    *self,
                               const char          *token,
                               const char          *method,
                               const char          *path,
                               const char          *body,
                               gssize               body_len,
                               JsonNode           **body_out,
                               SoupMessageHeaders **headers_out)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (self->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL, FALSE };
  gsize len;
  const char *data;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_len >= 0 ? (gsize) body_len : strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, done_cb, &wait);
  g_assert_true (turnos_test_wait_for (&wait.done, 10000 * turnos_test_time_scale ()));
  answer = soup_session_send_and_read_finish (session, wait.result, &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  data = g_bytes_get_data (answer, &len);
  if (body_out != NULL)
    *body_out = len > 0 ? turnos_json_parse (data, len, NULL) : NULL;
  if (headers_out != NULL)
    *headers_out = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return soup_message_get_status (msg);
}

char *
turnos_test_inproc_raw (TurnosTestInproc *self,
                        const char       *raw,
                        gsize             raw_len)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GUri) uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GByteArray) all = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  GInputStream *in;
  Wait wait = { NULL, FALSE };

  g_socket_client_connect_to_host_async (client, g_uri_get_host (uri), g_uri_get_port (uri),
                                         NULL, done_cb, &wait);
  g_assert_true (turnos_test_wait_for (&wait.done, 10000 * turnos_test_time_scale ()));
  connection = g_socket_client_connect_to_host_finish (client, wait.result, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  wait.done = FALSE;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                   raw, raw_len, G_PRIORITY_DEFAULT, NULL, done_cb, &wait);
  g_assert_true (turnos_test_wait_for (&wait.done, 10000 * turnos_test_time_scale ()));
  g_output_stream_write_all_finish (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                    wait.result, NULL, &error);
  g_clear_object (&wait.result);
  g_assert_no_error (error);

  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  for (;;)
    {
      g_autoptr(GBytes) chunk = NULL;

      wait.done = FALSE;
      g_input_stream_read_bytes_async (in, 4096, G_PRIORITY_DEFAULT, NULL, done_cb, &wait);
      g_assert_true (turnos_test_wait_for (&wait.done, 10000 * turnos_test_time_scale ()));
      chunk = g_input_stream_read_bytes_finish (in, wait.result, &error);
      g_clear_object (&wait.result);
      if (error != NULL || g_bytes_get_size (chunk) == 0)
        break;
      g_byte_array_append (all, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
    }
  g_byte_array_append (all, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&all), FALSE);
}

char *
turnos_test_error_code (JsonNode *node)
{
  char *code = NULL;

  g_assert_nonnull (node);
  g_assert_true (turnos_json_error_parse (node, &code, NULL));
  return code;
}
