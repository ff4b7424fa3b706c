/* turnos-events-subscriber.c: one live events subscriber: its messages, queue and token
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of TurnosEventsHub (turnos-events-hub-private.h). A subscriber's socket gets a small
 * kernel send buffer, and what it does not take waits in a queue of at most "queue-limit"
 * messages, handed to libsoup as room comes: past that the subscriber is dropped, so one that
 * reads slowly or not at all never holds the others up, nor grows the server's memory.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <json-glib/json-glib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "turnos-auth.h"
#include "turnos-error.h"
#include "turnos-events-hub-private.h"
#include "turnos-json.h"
#include "turnos-server-private.h"

/*
 * Lifetime
 */

void
_turnos_events_subscriber_free (Subscriber *s)
{
  g_signal_handlers_disconnect_by_data (s->conn, s);
  if (s->drain != NULL)
    {
      g_source_destroy (s->drain);
      g_source_unref (s->drain);
    }
  g_queue_clear_full (&s->queue, (GDestroyNotify) g_bytes_unref);
  if (soup_websocket_connection_get_state (s->conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (s->conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_clear_object (&s->conn);
  g_clear_object (&s->output);
  g_clear_pointer (&s->account, turnos_account_unref);
  g_free (s->token);
  g_free (s);
}

/* Ends @s with @code and @reason (for the peer and the log). */
void
_turnos_events_subscriber_drop (Subscriber *s,
                 gushort     code,
                 const char *reason)
{
  TurnosEventsHub *self = s->hub;

  g_debug ("events: closing a subscriber: %u %s", code, reason);
  if (soup_websocket_connection_get_state (s->conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (s->conn, code, reason);
  /* Frees @s: the connection finishes closing on its own, without us. */
  g_ptr_array_remove_fast (self->subscribers, s);
}

/*
 * Sending, at the pace the subscriber reads
 */

static gboolean
takes_more (Subscriber *s)
{
  /* Without a pollable stream there is no telling: libsoup queues it. */
  if (s->output == NULL)
    return TRUE;
  return g_pollable_output_stream_is_writable (G_POLLABLE_OUTPUT_STREAM (s->output));
}

static gboolean drain_cb (GObject *stream, gpointer user_data);

/* A connection closing (the peer's close frame came, or ours went: a revoked token, a slow
 * reader) takes no more messages; libsoup refuses them with a critical, which aborts a
 * server run with G_DEBUG=fatal-warnings. It is dropped when "closed" comes. */
static gboolean
is_open (Subscriber *s)
{
  return soup_websocket_connection_get_state (s->conn) == SOUP_WEBSOCKET_STATE_OPEN;
}

/* Hands queued messages to libsoup while the socket takes them; waits for room again if it
 * does not. */
static void
drain (Subscriber *s)
{
  if (!is_open (s))
    g_queue_clear_full (&s->queue, (GDestroyNotify) g_bytes_unref);
  while (!g_queue_is_empty (&s->queue) && takes_more (s))
    {
      g_autoptr(GBytes) message = g_queue_pop_head (&s->queue);

      soup_websocket_connection_send_message (s->conn, SOUP_WEBSOCKET_DATA_TEXT, message);
    }
  if (g_queue_is_empty (&s->queue))
    {
      if (s->drain != NULL)
        {
          g_source_destroy (s->drain);
          g_clear_pointer (&s->drain, g_source_unref);
        }
      return;
    }
  if (s->drain == NULL)
    {
      s->drain = g_pollable_output_stream_create_source (G_POLLABLE_OUTPUT_STREAM (s->output), NULL);
      g_source_set_callback (s->drain, G_SOURCE_FUNC (drain_cb), s, NULL);
      g_source_set_static_name (s->drain, "[turnos-server] events drain");
      g_source_attach (s->drain, s->hub->context);
    }
}

static gboolean
drain_cb (GObject  *stream,
          gpointer  user_data)
{
  Subscriber *s = user_data;

  /* drain() destroys this source once the queue is empty. */
  drain (s);
  return s->drain != NULL ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Sends @message to @s, now or after what waits before it; drops @s when too much waits. */
void
_turnos_events_subscriber_send (Subscriber *s,
                 GBytes     *message)
{
  if (!is_open (s))
    return;
  if (g_queue_is_empty (&s->queue) && takes_more (s))
    {
      soup_websocket_connection_send_message (s->conn, SOUP_WEBSOCKET_DATA_TEXT, message);
      return;
    }
  if (g_queue_get_length (&s->queue) >= s->hub->queue_limit)
    {
      g_message ("events: dropped a subscriber that read nothing of its last %u messages",
                 s->hub->queue_limit);
      _turnos_events_subscriber_drop (s, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "too slow");
      return;
    }
  g_queue_push_tail (&s->queue, g_bytes_ref (message));
  drain (s);
}

static void
send_json (Subscriber *s,
           JsonNode   *node)
{
  gsize len;
  char *text = turnos_json_to_string (node, &len);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, len);

  _turnos_events_subscriber_send (s, bytes);
}

void
_turnos_events_subscriber_hello (Subscriber *s)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "hello");
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, s->account ? turnos_role_to_string (s->role) : "anonymous");
  if (s->account != NULL)
    {
      json_builder_set_member_name (b, "user_id");
      json_builder_add_string_value (b, s->account->id);
    }
  /* Which process holds this subscriber: with --workers, the same as GET /health's. */
  json_builder_set_member_name (b, "pid");
  json_builder_add_int_value (b, getpid ());
  /* And which of its servers (with --threads, one a thread). */
  json_builder_set_member_name (b, "hub");
  json_builder_add_int_value (b, s->hub->index);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  send_json (s, node);
}

static void
send_error (Subscriber *s,
            const char *code)
{
  g_autoptr(JsonNode) node = turnos_json_error_new (code, NULL);

  json_object_set_string_member (json_node_get_object (node), "type", "error");
  send_json (s, node);
}

/*
 * Its one message, and its token
 */

/* The account of @token at the server's clock: NULL (and no @error) when refused. */
static TurnosAccount *
check_token (TurnosEventsHub  *self,
             const char       *token,
             GError          **error)
{
  g_autoptr(GDateTime) now = _turnos_server_now (self->server);

  return turnos_auth_check (_turnos_server_get_auth (self->server), self->store, token, now,
                            NULL, error);
}

/* The one message a subscriber sends: {"token": "…"}, or {} / {"token": null}. */
static void
subscriber_message_cb (SoupWebsocketConnection *conn,
                       SoupWebsocketDataType    type,
                       GBytes                  *message,
                       gpointer                 user_data)
{
  Subscriber *s = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosAccount) account = NULL;
  JsonObject *object;
  JsonNode *token;
  gsize len;
  const char *data = g_bytes_get_data (message, &len);

  s->last_heard = g_get_monotonic_time ();
  if (s->spoke || type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      _turnos_events_subscriber_drop (s, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "one text message only");
      return;
    }
  s->spoke = TRUE;
  if (!(node = turnos_json_parse (data, len, NULL)) || !JSON_NODE_HOLDS_OBJECT (node))
    {
      _turnos_events_subscriber_drop (s, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "expected {\"token\": …}");
      return;
    }
  object = json_node_get_object (node);
  token = json_object_get_member (object, "token");
  if (token == NULL || JSON_NODE_HOLDS_NULL (token))
    {
      _turnos_events_subscriber_hello (s);
      return;
    }
  if (!JSON_NODE_HOLDS_VALUE (token) || json_node_get_value_type (token) != G_TYPE_STRING ||
      *json_node_get_string (token) == '\0')
    {
      _turnos_events_subscriber_drop (s, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "the token is not a string");
      return;
    }
  if (!(account = check_token (s->hub, json_node_get_string (token), &error)))
    {
      if (error != NULL)
        {
          g_message ("events: cannot check a token: %s", error->message);
          _turnos_events_subscriber_drop (s, SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, "internal");
          return;
        }
      send_error (s, TURNOS_CODE_UNAUTHENTICATED);
      _turnos_events_subscriber_drop (s, TURNOS_EVENTS_CLOSE_UNAUTHENTICATED, TURNOS_CODE_UNAUTHENTICATED);
      return;
    }
  s->token = g_strdup (json_node_get_string (token));
  s->role = account->role;
  s->account = g_steal_pointer (&account);
  _turnos_events_subscriber_hello (s);
}

static void
subscriber_pong_cb (SoupWebsocketConnection *conn,
                    GBytes                  *message,
                    gpointer                 user_data)
{
  ((Subscriber *) user_data)->last_heard = g_get_monotonic_time ();
}

static void
subscriber_closed_cb (SoupWebsocketConnection *conn,
                      gpointer                 user_data)
{
  Subscriber *s = user_data;

  g_ptr_array_remove_fast (s->hub->subscribers, s);
}

static void
subscriber_error_cb (SoupWebsocketConnection *conn,
                     GError                  *error,
                     gpointer                 user_data)
{
  g_debug ("events: a subscriber's connection failed: %s", error->message);
}

/*
 * The connection underneath
 */

/* The connection's output stream if it can say whether it takes more, else NULL. */
static GOutputStream *
pollable_output (SoupWebsocketConnection *conn)
{
  GOutputStream *out = g_io_stream_get_output_stream (soup_websocket_connection_get_io_stream (conn));

  if (G_IS_POLLABLE_OUTPUT_STREAM (out) &&
      g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (out)))
    return g_object_ref (out);
  return NULL;
}

/* The socket under @stream: libsoup's stream and a TLS connection each wrap another. */
static GSocket *
find_socket (GIOStream *stream)
{
  for (int depth = 0; stream != NULL && depth < 4; depth++)
    {
      GObjectClass *klass = G_OBJECT_GET_CLASS (stream);
      const char *base = g_object_class_find_property (klass, "base-iostream") ? "base-iostream"
                         : g_object_class_find_property (klass, "base-io-stream") ? "base-io-stream"
                         : NULL;
      g_autoptr(GIOStream) inner = NULL;

      if (G_IS_SOCKET_CONNECTION (stream))
        return g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream));
      if (base == NULL)
        return NULL;
      g_object_get (stream, base, &inner, NULL);
      stream = inner;   /* still held by its wrapper */
    }
  return NULL;
}

/* A subscriber's kernel send buffer is kept small (TURNOS_EVENTS_SEND_BUFFER) rather than
 * grown by the kernel: a subscriber that stops reading fills it within a few dozen events,
 * and then its queue here, which is what the limit counts. */
static void
limit_send_buffer (SoupWebsocketConnection *conn)
{
  GSocket *socket = find_socket (soup_websocket_connection_get_io_stream (conn));
  g_autoptr(GError) error = NULL;

  if (socket != NULL &&
      !g_socket_set_option (socket, SOL_SOCKET, SO_SNDBUF, TURNOS_EVENTS_SEND_BUFFER, &error))
    g_debug ("events: cannot size a send buffer: %s", error->message);
}

/*
 * For the hub
 */

Subscriber *
_turnos_events_subscriber_new (TurnosEventsHub         *hub,
                               SoupWebsocketConnection *conn)
{
  Subscriber *s = g_new0 (Subscriber, 1);

  s->hub = hub;
  s->conn = g_object_ref (conn);
  s->output = pollable_output (conn);
  limit_send_buffer (conn);
  s->role = TURNOS_ROLE_ANONYMOUS;
  s->last_heard = g_get_monotonic_time ();
  g_queue_init (&s->queue);
  soup_websocket_connection_set_max_incoming_payload_size (conn, TURNOS_EVENTS_MAX_INCOMING);
  soup_websocket_connection_set_keepalive_interval (conn, hub->ping_seconds);
  g_signal_connect (conn, "message", G_CALLBACK (subscriber_message_cb), s);
  g_signal_connect (conn, "pong", G_CALLBACK (subscriber_pong_cb), s);
  g_signal_connect (conn, "closed", G_CALLBACK (subscriber_closed_cb), s);
  g_signal_connect (conn, "error", G_CALLBACK (subscriber_error_cb), s);
  return s;
}

void
_turnos_events_subscriber_check (Subscriber *s,
                                 gint64      now,
                                 gint64      silence)
{
  g_autoptr(TurnosAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  if (now - s->last_heard > silence)
    {
      g_message ("events: dropped a subscriber silent for %u s",
                 (guint) ((now - s->last_heard) / G_USEC_PER_SEC));
      _turnos_events_subscriber_drop (s, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "no pong");
      return;
    }
  if (s->token == NULL)
    return;
  account = check_token (s->hub, s->token, &error);
  if (account == NULL && error == NULL)
    {
      send_error (s, TURNOS_CODE_UNAUTHENTICATED);
      _turnos_events_subscriber_drop (s, TURNOS_EVENTS_CLOSE_UNAUTHENTICATED,
                                      TURNOS_CODE_UNAUTHENTICATED);
    }
}
