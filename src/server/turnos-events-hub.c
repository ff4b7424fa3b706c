/* turnos-events-hub.c: one server's live events subscribers, and the events they hear
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who hears what, and when:
 * - a change is committed with its events (turnos-store.h "Live events");
 * - the hub of the connection that wrote learns it from "events-appended" and reads at once
 *   (an idle of high priority in its thread); it wakes the other hubs of this process
 *   (--threads) the same way; the hubs of other processes (--workers) see PRAGMA
 *   data_version move within TURNOS_SQLITE_EVENTS_POLL_MS (the store's watch source);
 * - each event is parsed once and sent to every subscriber that may see it. A subscriber whose
 *   socket takes no more gets a bounded queue; past it, it is dropped. Nobody waits for it.
 * - pings every "ping-seconds" (libsoup's keepalive); pongs and messages keep a subscriber
 *   alive, and one silent for TURNOS_EVENTS_DEAD_PINGS intervals is dropped.
 * - the first PENDING hold to lapse is watched on the server's clock: when it lapses, the hub
 *   releases lapsed holds in the store, which announces them like any other change.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "turnos-auth.h"
#include "turnos-error.h"
#include "turnos-events-hub.h"
#include "turnos-events-json.h"
#include "turnos-json.h"
#include "turnos-server-private.h"

/* Events read from the store per query. */
#define READ_BATCH 256
/* The longest the lapse watch sleeps, so a clock moved by a test (or the system) is seen. */
#define LAPSE_TICK_MAX_MS 1000

/*
 * Waking the other hubs of this process: each hub has a Waker, shared with the registry; the
 * hub pointer is read and cleared only in the hub's own thread.
 */

typedef struct
{
  gatomicrefcount  ref_count;
  GMainContext    *context;
  TurnosEventsHub *hub;        /* NULL once the hub is gone; its thread only */
} Waker;

static gint hubs_made;
static GMutex wakers_lock;
static GPtrArray *wakers;      /* of Waker, every live hub's */

static Waker *
waker_ref (Waker *waker)
{
  g_atomic_ref_count_inc (&waker->ref_count);
  return waker;
}

static void
waker_unref (Waker *waker)
{
  if (!g_atomic_ref_count_dec (&waker->ref_count))
    return;
  g_main_context_unref (waker->context);
  g_free (waker);
}

typedef struct
{
  SoupWebsocketConnection *conn;
  TurnosEventsHub         *hub;
  GOutputStream           *output;       /* the connection's, to see whether it takes more */
  GSource                 *drain;        /* waits for room while the queue holds messages */
  GQueue                   queue;        /* of GBytes, oldest first */
  TurnosAccount           *account;      /* NULL: anonymous */
  char                    *token;        /* to check it again; NULL when anonymous */
  TurnosRole               role;
  gint64                   last_heard;   /* monotonic µs of the last pong or message */
  gboolean                 spoke;        /* its one message came */
} Subscriber;

struct _TurnosEventsHub
{
  GObject       parent_instance;

  TurnosServer *server;          /* weak: the server owns the hub */
  TurnosStore  *store;
  GMainContext *context;
  Waker        *waker;
  GPtrArray    *subscribers;     /* of Subscriber */

  GSource      *watch;           /* the store's: another connection appended */
  GSource      *read_idle;       /* a read is due */
  GSource      *sweep;           /* every ping interval: the silent and the signed out */
  GSource      *lapse;           /* the next hold's lapse */
  GDateTime    *next_lapse;      /* UTC, or NULL when no hold is pending */
  guint         index;           /* 1, 2, …: this hub among this process's (--threads) */
  gint64        last_seq;
  gboolean      holds_changed;   /* a new hold was seen: ask the store for the next lapse */

  guint         ping_seconds;
  guint         max_subscribers;
  guint         queue_limit;
};

G_DEFINE_FINAL_TYPE (TurnosEventsHub, turnos_events_hub, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PING_SECONDS,
  PROP_MAX_SUBSCRIBERS,
  PROP_QUEUE_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void read_events (TurnosEventsHub *self);
static void arm_lapse (TurnosEventsHub *self);

/*
 * Subscribers
 */

static void
subscriber_free (Subscriber *s)
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
static void
subscriber_drop (Subscriber *s,
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

static gboolean
takes_more (Subscriber *s)
{
  /* Without a pollable stream there is no telling: libsoup queues it. */
  if (s->output == NULL)
    return TRUE;
  return g_pollable_output_stream_is_writable (G_POLLABLE_OUTPUT_STREAM (s->output));
}

static gboolean drain_cb (GObject *stream, gpointer user_data);

/* Hands queued messages to libsoup while the socket takes them; waits for room again if it
 * does not. */
static void
drain (Subscriber *s)
{
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
static void
subscriber_send (Subscriber *s,
                 GBytes     *message)
{
  if (g_queue_is_empty (&s->queue) && takes_more (s))
    {
      soup_websocket_connection_send_message (s->conn, SOUP_WEBSOCKET_DATA_TEXT, message);
      return;
    }
  if (g_queue_get_length (&s->queue) >= s->hub->queue_limit)
    {
      g_message ("events: dropped a subscriber that read nothing of its last %u messages",
                 s->hub->queue_limit);
      subscriber_drop (s, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "too slow");
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

  subscriber_send (s, bytes);
}

static void
send_hello (Subscriber *s)
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
      subscriber_drop (s, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "one text message only");
      return;
    }
  s->spoke = TRUE;
  if (!(node = turnos_json_parse (data, len, NULL)) || !JSON_NODE_HOLDS_OBJECT (node))
    {
      subscriber_drop (s, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "expected {\"token\": …}");
      return;
    }
  object = json_node_get_object (node);
  token = json_object_get_member (object, "token");
  if (token == NULL || JSON_NODE_HOLDS_NULL (token))
    {
      send_hello (s);
      return;
    }
  if (!JSON_NODE_HOLDS_VALUE (token) || json_node_get_value_type (token) != G_TYPE_STRING ||
      *json_node_get_string (token) == '\0')
    {
      subscriber_drop (s, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "the token is not a string");
      return;
    }
  if (!(account = check_token (s->hub, json_node_get_string (token), &error)))
    {
      if (error != NULL)
        {
          g_message ("events: cannot check a token: %s", error->message);
          subscriber_drop (s, SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, "internal");
          return;
        }
      send_error (s, TURNOS_CODE_UNAUTHENTICATED);
      subscriber_drop (s, TURNOS_EVENTS_CLOSE_UNAUTHENTICATED, TURNOS_CODE_UNAUTHENTICATED);
      return;
    }
  s->token = g_strdup (json_node_get_string (token));
  s->role = account->role;
  s->account = g_steal_pointer (&account);
  send_hello (s);
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
 * Events
 */

static void
fan_out (TurnosEventsHub  *self,
         TurnosStoreEvent *event)
{
  TurnosEventInfo info;
  g_autoptr(GBytes) bytes = NULL;
  gsize len = strlen (event->json);

  if (!turnos_event_info_parse (event->json, len, &info))
    {
      g_message ("events: event %" G_GINT64_FORMAT " is not one", event->seq);
      return;
    }
  if (info.type == TURNOS_EVENT_RESERVATION)
    self->holds_changed = TRUE;
  bytes = g_bytes_new (event->json, len);
  /* Backwards: a subscriber dropped on the way leaves by swapping in the last one. */
  for (guint i = self->subscribers->len; i > 0; i--)
    {
      Subscriber *s = g_ptr_array_index (self->subscribers, i - 1);

      if (turnos_event_info_visible (&info, s->role, s->account ? s->account->id : NULL))
        subscriber_send (s, bytes);
    }
  turnos_event_info_clear (&info);
}

static void
close_all (TurnosEventsHub *self,
           gushort          code,
           const char      *reason)
{
  while (self->subscribers->len > 0)
    subscriber_drop (g_ptr_array_index (self->subscribers, self->subscribers->len - 1), code,
                     reason);
}

static void
read_events (TurnosEventsHub *self)
{
  guint n;

  do
    {
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GError) error = NULL;
      gboolean missed = FALSE;

      events = turnos_store_read_events (self->store, self->last_seq, READ_BATCH, &missed, &error);
      if (events == NULL)
        {
          g_message ("events: cannot read the store's events: %s", error->message);
          return;
        }
      if (missed)
        {
          /* Fell behind what the store keeps: what each subscriber shows may be stale. */
          g_message ("events: missed events after %" G_GINT64_FORMAT "; subscribers resync",
                     self->last_seq);
          close_all (self, TURNOS_EVENTS_CLOSE_RESYNC, "resync");
        }
      for (guint i = 0; i < events->len; i++)
        {
          TurnosStoreEvent *e = g_ptr_array_index (events, i);

          self->last_seq = e->seq;
          fan_out (self, e);
        }
      n = events->len;
    }
  while (n == READ_BATCH);

  if (self->holds_changed)
    {
      self->holds_changed = FALSE;
      arm_lapse (self);
    }
}

static gboolean
read_idle_cb (gpointer user_data)
{
  TurnosEventsHub *self = user_data;

  g_clear_pointer (&self->read_idle, g_source_unref);
  read_events (self);
  return G_SOURCE_REMOVE;
}

/* A read is due in this hub's thread (from it). */
static void
schedule_read (TurnosEventsHub *self)
{
  if (self->read_idle != NULL)
    return;
  self->read_idle = g_idle_source_new ();
  g_source_set_priority (self->read_idle, G_PRIORITY_HIGH);
  g_source_set_callback (self->read_idle, read_idle_cb, self, NULL);
  g_source_set_static_name (self->read_idle, "[turnos-server] events read");
  g_source_attach (self->read_idle, self->context);
}

static gboolean
wake_cb (gpointer user_data)
{
  Waker *waker = user_data;

  if (waker->hub != NULL)
    schedule_read (waker->hub);
  return G_SOURCE_REMOVE;
}

/* This connection committed events: read them now, and wake this process's other hubs. */
static void
events_appended_cb (TurnosStore     *store,
                    TurnosEventsHub *self)
{
  schedule_read (self);

  g_mutex_lock (&wakers_lock);
  for (guint i = 0; wakers != NULL && i < wakers->len; i++)
    {
      Waker *waker = g_ptr_array_index (wakers, i);
      GSource *idle;

      if (waker == self->waker)
        continue;
      idle = g_idle_source_new ();
      g_source_set_priority (idle, G_PRIORITY_HIGH);
      g_source_set_callback (idle, wake_cb, waker_ref (waker), (GDestroyNotify) waker_unref);
      g_source_set_static_name (idle, "[turnos-server] events wake");
      g_source_attach (idle, waker->context);
      g_source_unref (idle);
    }
  g_mutex_unlock (&wakers_lock);
}

static gboolean
watch_cb (gpointer user_data)
{
  read_events (user_data);
  return G_SOURCE_CONTINUE;
}

/*
 * Lapsing holds
 */

static gboolean lapse_cb (gpointer user_data);

/* Asks the store when the first hold lapses, and watches the clock for it. */
static void
arm_lapse (TurnosEventsHub *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan wait;

  g_clear_pointer (&self->next_lapse, g_date_time_unref);
  if (!turnos_store_next_hold_expiry (self->store, &self->next_lapse, &error))
    g_message ("events: cannot find the next hold to lapse: %s", error->message);
  if (self->lapse != NULL)
    {
      g_source_destroy (self->lapse);
      g_clear_pointer (&self->lapse, g_source_unref);
    }
  if (self->next_lapse == NULL)
    return;
  now = _turnos_server_now (self->server);
  wait = g_date_time_difference (self->next_lapse, now) / G_TIME_SPAN_MILLISECOND;
  self->lapse = g_timeout_source_new ((guint) CLAMP (wait, 0, LAPSE_TICK_MAX_MS));
  g_source_set_callback (self->lapse, lapse_cb, self, NULL);
  g_source_set_static_name (self->lapse, "[turnos-server] events lapse");
  g_source_attach (self->lapse, self->context);
}

static gboolean
lapse_cb (gpointer user_data)
{
  TurnosEventsHub *self = user_data;
  g_autoptr(GDateTime) now = _turnos_server_now (self->server);
  g_autoptr(GError) error = NULL;
  GTimeSpan wait;

  if (g_date_time_compare (now, self->next_lapse) >= 0)
    {
      /* Every process watching does this; the store releases (and announces) each hold once. */
      if (!turnos_store_release_lapsed (self->store, now, NULL, &error))
        g_message ("events: cannot release lapsed holds: %s", error->message);
      g_clear_pointer (&self->lapse, g_source_unref);
      arm_lapse (self);
      return G_SOURCE_REMOVE;
    }
  /* Not yet on the server's clock: look again, no later than a tick from now. */
  wait = g_date_time_difference (self->next_lapse, now) / G_TIME_SPAN_MILLISECOND;
  g_source_set_ready_time (self->lapse, g_get_monotonic_time () +
                                        CLAMP (wait, 1, LAPSE_TICK_MAX_MS) * G_TIME_SPAN_MILLISECOND);
  return G_SOURCE_CONTINUE;
}

/*
 * Sweeping: the silent, and tokens revoked or expired since
 */

static gboolean
sweep_cb (gpointer user_data)
{
  TurnosEventsHub *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 silence = (gint64) (self->ping_seconds * TURNOS_EVENTS_DEAD_PINGS * G_USEC_PER_SEC);

  for (guint i = self->subscribers->len; i > 0; i--)
    {
      Subscriber *s = g_ptr_array_index (self->subscribers, i - 1);
      g_autoptr(TurnosAccount) account = NULL;
      g_autoptr(GError) error = NULL;

      if (now - s->last_heard > silence)
        {
          g_message ("events: dropped a subscriber silent for %u s", (guint) ((now - s->last_heard) / G_USEC_PER_SEC));
          subscriber_drop (s, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "no pong");
          continue;
        }
      if (s->token == NULL)
        continue;
      account = check_token (self, s->token, &error);
      if (account == NULL && error == NULL)
        {
          send_error (s, TURNOS_CODE_UNAUTHENTICATED);
          subscriber_drop (s, TURNOS_EVENTS_CLOSE_UNAUTHENTICATED, TURNOS_CODE_UNAUTHENTICATED);
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
arm_sweep (TurnosEventsHub *self)
{
  if (self->sweep != NULL)
    {
      g_source_destroy (self->sweep);
      g_clear_pointer (&self->sweep, g_source_unref);
    }
  self->sweep = g_timeout_source_new_seconds (self->ping_seconds);
  g_source_set_callback (self->sweep, sweep_cb, self, NULL);
  g_source_set_static_name (self->sweep, "[turnos-server] events sweep");
  g_source_attach (self->sweep, self->context);
}

/*
 * GObject overrides
 */

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
turnos_events_hub_dispose (GObject *object)
{
  TurnosEventsHub *self = TURNOS_EVENTS_HUB (object);

  if (self->waker != NULL)
    {
      g_mutex_lock (&wakers_lock);
      g_ptr_array_remove_fast (wakers, self->waker);
      g_mutex_unlock (&wakers_lock);
      self->waker->hub = NULL;
      g_clear_pointer (&self->waker, waker_unref);
    }
  if (self->subscribers != NULL)
    close_all (self, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "the server is stopping");
  destroy_source (&self->watch);
  destroy_source (&self->read_idle);
  destroy_source (&self->sweep);
  destroy_source (&self->lapse);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (turnos_events_hub_parent_class)->dispose (object);
}

static void
turnos_events_hub_finalize (GObject *object)
{
  TurnosEventsHub *self = TURNOS_EVENTS_HUB (object);

  g_clear_pointer (&self->subscribers, g_ptr_array_unref);
  g_clear_pointer (&self->next_lapse, g_date_time_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (turnos_events_hub_parent_class)->finalize (object);
}

static void
turnos_events_hub_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TurnosEventsHub *self = TURNOS_EVENTS_HUB (object);

  switch (prop_id)
    {
    case PROP_PING_SECONDS:
      g_value_set_uint (value, self->ping_seconds);
      break;
    case PROP_MAX_SUBSCRIBERS:
      g_value_set_uint (value, self->max_subscribers);
      break;
    case PROP_QUEUE_LIMIT:
      g_value_set_uint (value, self->queue_limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_events_hub_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TurnosEventsHub *self = TURNOS_EVENTS_HUB (object);

  switch (prop_id)
    {
    case PROP_PING_SECONDS:
      self->ping_seconds = g_value_get_uint (value);
      for (guint i = 0; i < self->subscribers->len; i++)
        soup_websocket_connection_set_keepalive_interval (
          ((Subscriber *) g_ptr_array_index (self->subscribers, i))->conn, self->ping_seconds);
      if (self->sweep != NULL)
        arm_sweep (self);
      break;
    case PROP_MAX_SUBSCRIBERS:
      self->max_subscribers = g_value_get_uint (value);
      break;
    case PROP_QUEUE_LIMIT:
      self->queue_limit = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_events_hub_class_init (TurnosEventsHubClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = turnos_events_hub_dispose;
  object_class->finalize = turnos_events_hub_finalize;
  object_class->get_property = turnos_events_hub_get_property;
  object_class->set_property = turnos_events_hub_set_property;

  properties[PROP_PING_SECONDS] =
    g_param_spec_uint ("ping-seconds", NULL, NULL, 1, 3600, TURNOS_EVENTS_PING_SECONDS, rw);
  properties[PROP_MAX_SUBSCRIBERS] =
    g_param_spec_uint ("max-subscribers", NULL, NULL, 0, G_MAXUINT, TURNOS_EVENTS_MAX_SUBSCRIBERS, rw);
  properties[PROP_QUEUE_LIMIT] =
    g_param_spec_uint ("queue-limit", NULL, NULL, 1, G_MAXUINT, TURNOS_EVENTS_QUEUE_LIMIT, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static guint
default_max_subscribers (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      limit.rlim_cur < TURNOS_EVENTS_MAX_SUBSCRIBERS + TURNOS_EVENTS_FD_RESERVE)
    return limit.rlim_cur > 2 * TURNOS_EVENTS_FD_RESERVE
           ? (guint) limit.rlim_cur - TURNOS_EVENTS_FD_RESERVE
           : (guint) limit.rlim_cur / 2;
  return TURNOS_EVENTS_MAX_SUBSCRIBERS;
}

static void
turnos_events_hub_init (TurnosEventsHub *self)
{
  self->subscribers = g_ptr_array_new_with_free_func ((GDestroyNotify) subscriber_free);
  self->ping_seconds = TURNOS_EVENTS_PING_SECONDS;
  self->max_subscribers = default_max_subscribers ();
  self->queue_limit = TURNOS_EVENTS_QUEUE_LIMIT;
}

/*
 * Public API
 */

TurnosEventsHub *
turnos_events_hub_new (TurnosServer *server)
{
  TurnosEventsHub *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TURNOS_IS_SERVER (server), NULL);

  self = g_object_new (TURNOS_TYPE_EVENTS_HUB, NULL);
  self->index = (guint) g_atomic_int_add (&hubs_made, 1) + 1;
  self->server = server;
  self->store = g_object_ref (_turnos_server_get_store (server));
  self->context = g_main_context_ref_thread_default ();

  /* Subscribers hear what is committed from now on. */
  if (!turnos_store_last_event_seq (self->store, &self->last_seq, &error))
    g_message ("events: cannot find the last event: %s", error->message);
  g_signal_connect (self->store, "events-appended", G_CALLBACK (events_appended_cb), self);
  self->watch = turnos_store_watch_events (self->store);
  g_source_set_callback (self->watch, watch_cb, self, NULL);
  g_source_attach (self->watch, self->context);

  self->waker = g_new0 (Waker, 1);
  g_atomic_ref_count_init (&self->waker->ref_count);
  self->waker->context = g_main_context_ref (self->context);
  self->waker->hub = self;
  g_mutex_lock (&wakers_lock);
  if (wakers == NULL)
    wakers = g_ptr_array_new ();
  g_ptr_array_add (wakers, self->waker);
  g_mutex_unlock (&wakers_lock);

  arm_sweep (self);
  arm_lapse (self);
  return self;
}

void
turnos_events_hub_add (TurnosEventsHub         *self,
                       SoupWebsocketConnection *conn)
{
  Subscriber *s;

  g_return_if_fail (TURNOS_IS_EVENTS_HUB (self));
  g_return_if_fail (SOUP_IS_WEBSOCKET_CONNECTION (conn));

  s = g_new0 (Subscriber, 1);
  s->hub = self;
  s->conn = g_object_ref (conn);
  s->output = pollable_output (conn);
  limit_send_buffer (conn);
  s->role = TURNOS_ROLE_ANONYMOUS;
  s->last_heard = g_get_monotonic_time ();
  g_queue_init (&s->queue);
  soup_websocket_connection_set_max_incoming_payload_size (conn, TURNOS_EVENTS_MAX_INCOMING);
  soup_websocket_connection_set_keepalive_interval (conn, self->ping_seconds);
  g_signal_connect (conn, "message", G_CALLBACK (subscriber_message_cb), s);
  g_signal_connect (conn, "pong", G_CALLBACK (subscriber_pong_cb), s);
  g_signal_connect (conn, "closed", G_CALLBACK (subscriber_closed_cb), s);
  g_signal_connect (conn, "error", G_CALLBACK (subscriber_error_cb), s);
  g_ptr_array_add (self->subscribers, s);
  send_hello (s);
}

gboolean
turnos_events_hub_is_full (TurnosEventsHub *self)
{
  g_return_val_if_fail (TURNOS_IS_EVENTS_HUB (self), TRUE);
  return self->subscribers->len >= self->max_subscribers;
}

guint
turnos_events_hub_get_n_subscribers (TurnosEventsHub *self)
{
  g_return_val_if_fail (TURNOS_IS_EVENTS_HUB (self), 0);
  return self->subscribers->len;
}

void
turnos_events_hub_close_all (TurnosEventsHub *self)
{
  g_return_if_fail (TURNOS_IS_EVENTS_HUB (self));
  close_all (self, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "the server is stopping");
}

void
turnos_events_hub_poll (TurnosEventsHub *self)
{
  g_return_if_fail (TURNOS_IS_EVENTS_HUB (self));
  read_events (self);
}
