/* turnos-hostile-server.c: an HTTP server that misbehaves on purpose, for the client's tests
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A raw GSocketService: no HTTP library in the way of sending what no library would.
 * Each connection reads one request, then sends the scripted answer and closes.
 */
#define G_LOG_DOMAIN "turnos-hostile-server"

#include "config.h"

#include <string.h>

#include "turnos-hostile-server.h"

#define REQUEST_LIMIT (1024 * 1024)

struct _TurnosHostileServer
{
  GSocketService    *service;
  char              *url;
  char              *authority;
  GPtrArray         *conns;       /* of Conn, each with a reference */

  /* The script */
  TurnosHostileMode  mode;
  guint              status;
  char              *headers;
  GBytes            *body;
  guint              interval_ms;

  guint              requests;
  guint              hangups;
};

typedef struct
{
  int                  refs;
  TurnosHostileServer *server;      /* NULL once the server is freed */
  GSocketConnection   *connection;
  GCancellable        *cancellable;
  GByteArray          *request;
  guint8               buf[4096];

  GBytes              *answer;      /* all that is sent once */
  gsize                sent;
  gsize                at_once;     /* bytes of @answer sent before the trickle starts */
  GBytes              *frame;       /* endless: one chunk, sent again and again */
  guint                interval_ms;
  guint                timer;

  gboolean             finished;    /* we closed it, or the client did */
} Conn;

static Conn *
conn_ref (Conn *conn)
{
  conn->refs++;
  return conn;
}

static void
conn_unref (Conn *conn)
{
  if (--conn->refs > 0)
    return;
  g_clear_handle_id (&conn->timer, g_source_remove);
  g_clear_object (&conn->connection);
  g_clear_object (&conn->cancellable);
  g_clear_pointer (&conn->request, g_byte_array_unref);
  g_clear_pointer (&conn->answer, g_bytes_unref);
  g_clear_pointer (&conn->frame, g_bytes_unref);
  g_free (conn);
}

/* Ends the exchange once: @hung_up when the client went away before the answer was out. */
static void
conn_finish (Conn     *conn,
             gboolean  hung_up)
{
  if (conn->finished)
    return;
  conn->finished = TRUE;
  if (hung_up && conn->server != NULL)
    conn->server->hangups++;
  g_clear_handle_id (&conn->timer, g_source_remove);
  g_cancellable_cancel (conn->cancellable);
  g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
  if (conn->server != NULL)
    g_ptr_array_remove (conn->server->conns, conn);   /* drops the server's reference */
}

static GOutputStream *
conn_output (Conn *conn)
{
  return g_io_stream_get_output_stream (G_IO_STREAM (conn->connection));
}

static GInputStream *
conn_input (Conn *conn)
{
  return g_io_stream_get_input_stream (G_IO_STREAM (conn->connection));
}

static void write_next (Conn *conn);

static gboolean
tick_cb (gpointer user_data)
{
  Conn *conn = user_data;

  conn->timer = 0;
  write_next (conn);
  return G_SOURCE_REMOVE;
}

static void
wrote_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      g_debug ("write: %s", error->message);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        conn_finish (conn, TRUE);
      conn_unref (conn);
      return;
    }
  /* A trickled byte is out: wait an interval (the timer's callback runs only while the
   * connection is alive: conn_finish removes it). */
  if (!conn->finished && conn->interval_ms > 0 && conn->sent > conn->at_once &&
      conn->sent < g_bytes_get_size (conn->answer))
    conn->timer = g_timeout_add (conn->interval_ms, tick_cb, conn);
  else if (!conn->finished)
    write_next (conn);
  conn_unref (conn);
}

/* Sends what comes next: the rest at once, or one byte (then waits an interval), or
 * another chunk of an endless body; closes when all is out. */
static void
write_next (Conn *conn)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (conn->answer, &len);
  gsize count;

  if (conn->sent < len)
    {
      if (conn->interval_ms == 0)
        count = len - conn->sent;
      else if (conn->sent < conn->at_once)
        count = conn->at_once - conn->sent;
      else
        count = 1;
      g_output_stream_write_all_async (conn_output (conn), data + conn->sent, count,
                                       G_PRIORITY_DEFAULT, conn->cancellable, wrote_cb,
                                       conn_ref (conn));
      conn->sent += count;
      return;
    }
  if (conn->frame != NULL)
    {
      gsize frame_len;
      const guint8 *frame = g_bytes_get_data (conn->frame, &frame_len);

      g_output_stream_write_all_async (conn_output (conn), frame, frame_len, G_PRIORITY_DEFAULT,
                                       conn->cancellable, wrote_cb, conn_ref (conn));
      return;
    }
  conn_finish (conn, FALSE);
}

static void
start_answer (Conn *conn)
{
  TurnosHostileServer *server = conn->server;
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  gsize body_len = server->body ? g_bytes_get_size (server->body) : 0;
  const guint8 *body = server->body ? g_bytes_get_data (server->body, NULL) : NULL;

  g_string_append_printf (head, "HTTP/1.1 %u Hostile\r\nConnection: close\r\n", server->status);
  if (server->mode == TURNOS_HOSTILE_ENDLESS)
    g_string_append (head, "Transfer-Encoding: chunked\r\n");
  else
    g_string_append_printf (head, "Content-Length: %" G_GSIZE_FORMAT "\r\n", body_len);
  if (server->headers != NULL)
    g_string_append (head, server->headers);
  g_string_append (head, "\r\n");

  g_byte_array_append (answer, (const guint8 *) head->str, head->len);
  if (server->mode == TURNOS_HOSTILE_ENDLESS)
    {
      g_autoptr(GByteArray) frame = g_byte_array_new ();
      g_autofree char *size = g_strdup_printf ("%" G_GSIZE_MODIFIER "x\r\n", body_len);

      g_assert_cmpuint (body_len, >, 0);
      g_byte_array_append (frame, (const guint8 *) size, strlen (size));
      g_byte_array_append (frame, body, body_len);
      g_byte_array_append (frame, (const guint8 *) "\r\n", 2);
      conn->frame = g_byte_array_free_to_bytes (g_steal_pointer (&frame));
    }
  else if (body_len > 0)
    g_byte_array_append (answer, body, body_len);

  conn->answer = g_byte_array_free_to_bytes (g_steal_pointer (&answer));
  conn->interval_ms = server->mode == TURNOS_HOSTILE_TRICKLE_BODY ||
                      server->mode == TURNOS_HOSTILE_TRICKLE_HEAD ? server->interval_ms : 0;
  conn->at_once = server->mode == TURNOS_HOSTILE_TRICKLE_BODY ? head->len : 0;
  write_next (conn);
}

/* Once the request is in, the only thing left to read is the client hanging up. */
static void
watch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (n > 0 && !conn->finished)
    {
      g_input_stream_read_async (conn_input (conn), conn->buf, sizeof conn->buf,
                                 G_PRIORITY_DEFAULT, conn->cancellable, watch_cb, conn);
      return;
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    conn_finish (conn, TRUE);
  conn_unref (conn);
}

/* The head's length, with its blank line, once it is all in; else 0. */
static gsize
head_length (GByteArray *request)
{
  for (gsize i = 3; i < request->len; i++)
    if (memcmp (request->data + i - 3, "\r\n\r\n", 4) == 0)
      return i + 1;
  return 0;
}

static gsize
content_length (GByteArray *request,
                gsize       head_len)
{
  g_autofree char *head = g_strndup ((const char *) request->data, head_len);
  g_auto(GStrv) lines = g_strsplit (head, "\r\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], "Content-Length:", 15) == 0)
      return (gsize) g_ascii_strtoull (lines[i] + 15, NULL, 10);
  return 0;
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Conn *conn = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  gsize head_len;

  if (n <= 0 || conn->server == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        conn_finish (conn, FALSE);
      conn_unref (conn);
      return;
    }
  g_byte_array_append (conn->request, conn->buf, (guint) n);
  g_assert_cmpuint (conn->request->len, <, REQUEST_LIMIT);
  head_len = head_length (conn->request);
  if (head_len == 0 || conn->request->len < head_len + content_length (conn->request, head_len))
    {
      g_input_stream_read_async (conn_input (conn), conn->buf, sizeof conn->buf,
                                 G_PRIORITY_DEFAULT, conn->cancellable, request_cb, conn);
      return;
    }
  conn->server->requests++;
  g_input_stream_read_async (conn_input (conn), conn->buf, sizeof conn->buf, G_PRIORITY_DEFAULT,
                             conn->cancellable, watch_cb, conn);
  start_answer (conn);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  TurnosHostileServer *self = user_data;
  Conn *conn = g_new0 (Conn, 1);

  conn->refs = 1;
  conn->server = self;
  conn->connection = g_object_ref (connection);
  conn->cancellable = g_cancellable_new ();
  conn->request = g_byte_array_new ();
  g_ptr_array_add (self->conns, conn);
  g_input_stream_read_async (conn_input (conn), conn->buf, sizeof conn->buf, G_PRIORITY_DEFAULT,
                             conn->cancellable, request_cb, conn_ref (conn));
  return TRUE;
}

TurnosHostileServer *
turnos_hostile_server_new (void)
{
  TurnosHostileServer *self = g_new0 (TurnosHostileServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  self->conns = g_ptr_array_new_with_free_func ((GDestroyNotify) conn_unref);
  self->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), any, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);

  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  self->authority = g_strdup_printf ("127.0.0.1:%u", port);
  self->url = g_strdup_printf ("http://%s/", self->authority);
  self->mode = TURNOS_HOSTILE_WHOLE;
  self->status = 200;
  self->body = g_bytes_new_static ("{}", 2);
  return self;
}

const char *
turnos_hostile_server_get_url (TurnosHostileServer *self)
{
  return self->url;
}

const char *
turnos_hostile_server_get_authority (TurnosHostileServer *self)
{
  return self->authority;
}

void
turnos_hostile_server_script (TurnosHostileServer *self,
                              TurnosHostileMode    mode,
                              guint                status,
                              const char          *headers,
                              GBytes              *body,
                              guint                interval_ms)
{
  g_assert (mode == TURNOS_HOSTILE_WHOLE || mode == TURNOS_HOSTILE_ENDLESS || interval_ms > 0);

  self->mode = mode;
  self->status = status;
  g_free (self->headers);
  self->headers = g_strdup (headers);
  g_clear_pointer (&self->body, g_bytes_unref);
  self->body = body ? g_bytes_ref (body) : NULL;
  self->interval_ms = interval_ms;
}

guint
turnos_hostile_server_get_requests (TurnosHostileServer *self)
{
  return self->requests;
}

guint
turnos_hostile_server_get_hangups (TurnosHostileServer *self)
{
  return self->hangups;
}

void
turnos_hostile_server_free (TurnosHostileServer *self)
{
  g_autoptr(GPtrArray) conns = NULL;

  if (self == NULL)
    return;
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_clear_object (&self->service);

  /* Callbacks still pending hold their own references and find no server. */
  conns = g_steal_pointer (&self->conns);
  for (guint i = 0; i < conns->len; i++)
    {
      Conn *conn = conns->pdata[i];

      conn->server = NULL;
      conn_finish (conn, FALSE);
    }
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->headers);
  g_free (self->authority);
  g_free (self->url);
  g_free (self);
}
