/* turnos-events.c: the live events connection of one window
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One WebSocket, its own SoupSession (no timeout: the connection is meant to stay open for
 * hours; the requests' deadlines of turnos-client.c do not apply), and a watchdog of its own:
 * the handshake must be over within TURNOS_EVENTS_HANDSHAKE_SECONDS, and once open the server
 * must be heard (an event, a ping answered by libsoup, a pong to our pings) at least every
 * 2.5 ping intervals. Whatever ends the connection, the next attempt comes after a backoff.
 * Everything the server sends is checked before it is believed: JSON through
 * turnos_json_parse(), every member read with its type checked, dates parsed strictly.
 */
#define G_LOG_DOMAIN "turnos-client"

#include "config.h"

#include <libsoup/soup.h>

#include "turnos-enums.h"
#include "turnos-events.h"
#include "turnos-json.h"
#include "turnos-time.h"

struct _TurnosEvents
{
  GObject                  parent_instance;

  /* Owned references */
  TurnosClient            *client;
  SoupSession             *session;
  SoupWebsocketConnection *conn;
  GCancellable            *cancellable;    /* the handshake in flight */

  /* State */
  char                    *role;
  char                    *token_sent;     /* the token the connection was made with */
  gboolean                 running;
  gboolean                 connected;
  guint                    attempts;       /* failed attempts since the last subscription */
  gint64                   last_heard;     /* monotonic µs */
  guint                    retry_id;
  guint                    watchdog_id;
  gulong                   token_handler;

  guint                    ping_seconds;
  guint                    backoff_min_ms;
  guint                    backoff_max_ms;
};

G_DEFINE_FINAL_TYPE (TurnosEvents, turnos_events, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CONNECTED,
  PROP_ROLE,
  PROP_PING_SECONDS,
  PROP_BACKOFF_MIN_MS,
  PROP_BACKOFF_MAX_MS,
  N_PROPS
};

enum {
  AVAILABILITY,
  RESERVATION,
  SETTINGS,
  WAITLIST_OFFER,
  RESYNC,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void connect_now (TurnosEvents *self);

/*
 * Helpers
 */

static void
set_connected (TurnosEvents *self,
               gboolean      connected,
               const char   *role)
{
  if (g_strcmp0 (self->role, role) != 0)
    {
      g_free (self->role);
      self->role = g_strdup (role);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
    }
  if (self->connected == connected)
    return;
  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

/* Drops the connection (or the handshake) without retrying. */
static void
drop (TurnosEvents *self)
{
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }
  if (self->conn != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->conn, self);
      if (soup_websocket_connection_get_state (self->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_clear_object (&self->conn);
    }
  g_clear_pointer (&self->token_sent, g_free);
  set_connected (self, FALSE, NULL);
}

static gboolean
retry_cb (gpointer user_data)
{
  TurnosEvents *self = user_data;

  self->retry_id = 0;
  connect_now (self);
  return G_SOURCE_REMOVE;
}

/* The connection is gone or never came: try again after the backoff. */
static void
retry_later (TurnosEvents *self)
{
  guint64 delay = self->backoff_min_ms;

  drop (self);
  if (!self->running || self->retry_id != 0)
    return;
  for (guint i = 0; i < self->attempts && delay < self->backoff_max_ms; i++)
    delay *= 2;
  delay = MIN (delay, self->backoff_max_ms);
  /* ±20 %: fifty windows dropped at once do not all come back in the same millisecond. */
  delay = (guint64) (delay * g_random_double_range (0.8, 1.2));
  self->attempts++;
  g_debug ("events: reconnecting in %" G_GUINT64_FORMAT " ms", delay);
  self->retry_id = g_timeout_add ((guint) MAX (delay, 1), retry_cb, self);
}

/*
 * Messages
 */

/* A string member, or NULL when absent or not a string. */
static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_date (JsonObject *object,
             const char *name,
             GDate      *out)
{
  const char *text = member_string (object, name);

  return text != NULL && turnos_date_parse (text, out, NULL);
}

/* The days of an availability event: "from" and "to", else the first and last of "dates". */
static gboolean
availability_range (JsonObject *object,
                    GDate      *first,
                    GDate      *last)
{
  JsonNode *node;
  JsonArray *dates;

  if (member_date (object, "from", first) && member_date (object, "to", last))
    return g_date_compare (first, last) <= 0;
  node = json_object_get_member (object, "dates");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  dates = json_node_get_array (node);
  g_date_clear (first, 1);
  g_date_clear (last, 1);
  for (guint i = 0; i < json_array_get_length (dates); i++)
    {
      JsonNode *element = json_array_get_element (dates, i);
      GDate day;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING ||
          !turnos_date_parse (json_node_get_string (element), &day, NULL))
        return FALSE;
      if (!g_date_valid (first) || g_date_compare (&day, first) < 0)
        *first = day;
      if (!g_date_valid (last) || g_date_compare (&day, last) > 0)
        *last = day;
    }
  return g_date_valid (first);
}

static void
on_hello (TurnosEvents *self,
          JsonObject   *object)
{
  const char *role = member_string (object, "role");

  if (role == NULL)
    return;
  /* With a token, the anonymous hello that comes first is not the subscription asked for. */
  if (self->token_sent != NULL && g_str_equal (role, "anonymous"))
    return;
  self->attempts = 0;
  set_connected (self, TRUE, role);
  g_signal_emit (self, signals[RESYNC], 0);
}

static void
dispatch (TurnosEvents *self,
          JsonObject   *object)
{
  const char *type = member_string (object, "type");
  const char *professional_id = member_string (object, "professional_id");
  GDate first, last;

  if (g_strcmp0 (type, "hello") == 0)
    {
      on_hello (self, object);
      return;
    }
  if (g_strcmp0 (type, "error") == 0)
    {
      g_debug ("events: the server refused the subscription");
      return;
    }
  if (!self->connected || professional_id == NULL)
    return;

  if (g_strcmp0 (type, "availability") == 0)
    {
      if (availability_range (object, &first, &last))
        g_signal_emit (self, signals[AVAILABILITY], 0, professional_id, &first, &last);
    }
  else if (g_strcmp0 (type, "reservation") == 0)
    {
      const char *id = member_string (object, "id");
      const char *client_id = member_string (object, "client_id");
      TurnosStatus status;

      if (id != NULL && member_date (object, "date", &first) &&
          turnos_status_from_string (member_string (object, "status"), &status))
        g_signal_emit (self, signals[RESERVATION], 0, id, professional_id, client_id, status, &first);
    }
  else if (g_strcmp0 (type, "settings") == 0)
    g_signal_emit (self, signals[SETTINGS], 0, professional_id);
  else if (g_strcmp0 (type, "waitlist_offer") == 0)
    {
      const char *start = member_string (object, "start_time");
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) checked = start ? turnos_time_parse (start, utc, NULL) : NULL;

      /* The wall clock of the professional's zone: checked here for its form only. */
      if (checked != NULL && member_date (object, "date", &first))
        g_signal_emit (self, signals[WAITLIST_OFFER], 0, professional_id, &first, start);
    }
  /* Anything else is from a newer server: ignored. */
}

static void
message_cb (SoupWebsocketConnection *conn,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            gpointer                 user_data)
{
  TurnosEvents *self = user_data;
  g_autoptr(JsonNode) node = NULL;
  gsize len;
  const char *data = g_bytes_get_data (message, &len);

  self->last_heard = g_get_monotonic_time ();
  if (type != SOUP_WEBSOCKET_DATA_TEXT ||
      !(node = turnos_json_parse (data, len, NULL)) || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_debug ("events: a message that is not a JSON object, ignored");
      return;
    }
  /* A handler may stop us, or drop its last reference. */
  g_object_ref (self);
  dispatch (self, json_node_get_object (node));
  g_object_unref (self);
}

static void
pong_cb (SoupWebsocketConnection *conn,
         GBytes                  *message,
         gpointer                 user_data)
{
  ((TurnosEvents *) user_data)->last_heard = g_get_monotonic_time ();
}

static void
closed_cb (SoupWebsocketConnection *conn,
           gpointer                 user_data)
{
  TurnosEvents *self = user_data;

  g_debug ("events: closed (%u %s)", soup_websocket_connection_get_close_code (conn),
           soup_websocket_connection_get_close_data (conn));
  retry_later (self);
}

/*
 * Connecting
 */

static gboolean
watchdog_cb (gpointer user_data)
{
  TurnosEvents *self = user_data;
  gint64 silence = (gint64) (self->ping_seconds * 2.5 * G_USEC_PER_SEC);

  if (self->conn == NULL || g_get_monotonic_time () - self->last_heard > silence)
    {
      /* A handshake that never ends, or a server gone without a word. */
      g_debug ("events: the server is silent; reconnecting");
      self->watchdog_id = 0;
      retry_later (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TurnosEvents) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) conn = soup_session_websocket_connect_finish (SOUP_SESSION (object),
                                                                                 result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  if (conn == NULL)
    {
      g_debug ("events: cannot connect: %s", error->message);
      retry_later (self);
      return;
    }
  self->conn = g_steal_pointer (&conn);
  self->last_heard = g_get_monotonic_time ();
  soup_websocket_connection_set_max_incoming_payload_size (self->conn, TURNOS_EVENTS_MAX_MESSAGE);
  soup_websocket_connection_set_keepalive_interval (self->conn, self->ping_seconds);
  g_signal_connect (self->conn, "message", G_CALLBACK (message_cb), self);
  g_signal_connect (self->conn, "pong", G_CALLBACK (pong_cb), self);
  g_signal_connect (self->conn, "closed", G_CALLBACK (closed_cb), self);
  self->watchdog_id = g_timeout_add_seconds (self->ping_seconds, watchdog_cb, self);

  /* The one message the protocol has: who this is. Without a token, nothing: anonymous. */
  self->token_sent = g_strdup (turnos_client_get_token (self->client));
  if (self->token_sent != NULL)
    {
      g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "token");
      json_builder_add_string_value (b, self->token_sent);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      text = turnos_json_to_string (node, NULL);
      soup_websocket_connection_send_text (self->conn, text);
    }
}

static void
connect_now (TurnosEvents *self)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  GUri *base;

  drop (self);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  base = g_uri_parse (turnos_client_get_base_url (self->client), SOUP_HTTP_URI_FLAGS, &error);
  if (base != NULL)
    {
      uri = g_uri_parse_relative (base, "events", SOUP_HTTP_URI_FLAGS, &error);
      g_uri_unref (base);
    }
  if (uri == NULL)
    {
      g_debug ("events: no URL: %s", error->message);
      return;
    }
  msg = soup_message_new_from_uri ("GET", uri);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  self->cancellable = g_cancellable_new ();
  self->watchdog_id = g_timeout_add_seconds (TURNOS_EVENTS_HANDSHAKE_SECONDS, watchdog_cb, self);
  soup_session_websocket_connect_async (self->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        self->cancellable, connected_cb, g_object_ref (self));
}

static void
token_changed_cb (TurnosEvents *self)
{
  /* Signed in or out: the subscription is made again with the new token, at once. */
  if (self->running && g_strcmp0 (self->token_sent, turnos_client_get_token (self->client)) != 0)
    {
      self->attempts = 0;
      connect_now (self);
    }
}

/*
 * GObject overrides
 */

static void
turnos_events_constructed (GObject *object)
{
  TurnosEvents *self = TURNOS_EVENTS (object);

  G_OBJECT_CLASS (turnos_events_parent_class)->constructed (object);

  g_assert (TURNOS_IS_CLIENT (self->client));
  /* No timeout: the connection lives for hours, kept honest by the watchdog. No
   * permessage-deflate: the server offers none. */
  self->session = soup_session_new_with_options ("timeout", 0, "idle-timeout", 0,
                                                 "user-agent", "Turnos/" PACKAGE_VERSION " ",
                                                 NULL);
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_WEBSOCKET_EXTENSION_MANAGER);
  self->token_handler = g_signal_connect_object (self->client, "notify::token",
                                                 G_CALLBACK (token_changed_cb), self,
                                                 G_CONNECT_SWAPPED);
}

static void
turnos_events_dispose (GObject *object)
{
  TurnosEvents *self = TURNOS_EVENTS (object);

  self->running = FALSE;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  drop (self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (turnos_events_parent_class)->dispose (object);
}

static void
turnos_events_finalize (GObject *object)
{
  TurnosEvents *self = TURNOS_EVENTS (object);

  g_clear_object (&self->client);
  g_free (self->role);
  g_free (self->token_sent);

  G_OBJECT_CLASS (turnos_events_parent_class)->finalize (object);
}

static void
turnos_events_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TurnosEvents *self = TURNOS_EVENTS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_PING_SECONDS:
      g_value_set_uint (value, self->ping_seconds);
      break;
    case PROP_BACKOFF_MIN_MS:
      g_value_set_uint (value, self->backoff_min_ms);
      break;
    case PROP_BACKOFF_MAX_MS:
      g_value_set_uint (value, self->backoff_max_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_events_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TurnosEvents *self = TURNOS_EVENTS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_PING_SECONDS:
      self->ping_seconds = g_value_get_uint (value);
      break;
    case PROP_BACKOFF_MIN_MS:
      self->backoff_min_ms = g_value_get_uint (value);
      break;
    case PROP_BACKOFF_MAX_MS:
      self->backoff_max_ms = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_events_class_init (TurnosEventsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;
  GType date = G_TYPE_DATE | G_SIGNAL_TYPE_STATIC_SCOPE;
  GType text = G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE;

  object_class->constructed = turnos_events_constructed;
  object_class->dispose = turnos_events_dispose;
  object_class->finalize = turnos_events_finalize;
  object_class->get_property = turnos_events_get_property;
  object_class->set_property = turnos_events_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTED] = g_param_spec_boolean ("connected", NULL, NULL, FALSE, ro);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, ro);
  properties[PROP_PING_SECONDS] =
    g_param_spec_uint ("ping-seconds", NULL, NULL, 1, 3600, TURNOS_EVENTS_PING_SECONDS, rw);
  properties[PROP_BACKOFF_MIN_MS] =
    g_param_spec_uint ("backoff-min-ms", NULL, NULL, 1, G_MAXUINT, TURNOS_EVENTS_BACKOFF_MIN_MS, rw);
  properties[PROP_BACKOFF_MAX_MS] =
    g_param_spec_uint ("backoff-max-ms", NULL, NULL, 1, G_MAXUINT, TURNOS_EVENTS_BACKOFF_MAX_MS, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[AVAILABILITY] = g_signal_new ("availability", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                        text, date, date);
  signals[RESERVATION] = g_signal_new ("reservation", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 5,
                                       text, text, text, TURNOS_TYPE_STATUS, date);
  signals[SETTINGS] = g_signal_new ("settings", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, text);
  signals[WAITLIST_OFFER] = g_signal_new ("waitlist-offer", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                          text, date, text);
  signals[RESYNC] = g_signal_new ("resync", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
turnos_events_init (TurnosEvents *self)
{
  self->ping_seconds = TURNOS_EVENTS_PING_SECONDS;
  self->backoff_min_ms = TURNOS_EVENTS_BACKOFF_MIN_MS;
  self->backoff_max_ms = TURNOS_EVENTS_BACKOFF_MAX_MS;
}

/*
 * Public API
 */

TurnosEvents *
turnos_events_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_EVENTS, "client", client, NULL);
}

TurnosClient *
turnos_events_get_client (TurnosEvents *self)
{
  g_return_val_if_fail (TURNOS_IS_EVENTS (self), NULL);
  return self->client;
}

void
turnos_events_start (TurnosEvents *self)
{
  g_return_if_fail (TURNOS_IS_EVENTS (self));

  if (self->running)
    return;
  self->running = TRUE;
  self->attempts = 0;
  connect_now (self);
}

void
turnos_events_stop (TurnosEvents *self)
{
  g_return_if_fail (TURNOS_IS_EVENTS (self));

  self->running = FALSE;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  drop (self);
}

gboolean
turnos_events_get_connected (TurnosEvents *self)
{
  g_return_val_if_fail (TURNOS_IS_EVENTS (self), FALSE);
  return self->connected;
}

const char *
turnos_events_get_role (TurnosEvents *self)
{
  g_return_val_if_fail (TURNOS_IS_EVENTS (self), NULL);
  return self->role;
}

gboolean
turnos_events_range_has_date (const GDate *first,
                              const GDate *last,
                              const GDate *date)
{
  g_return_val_if_fail (first != NULL && last != NULL, FALSE);

  return date != NULL && g_date_valid (date) && g_date_compare (first, date) <= 0 &&
         g_date_compare (date, last) <= 0;
}

gboolean
turnos_events_range_has_month (const GDate *first,
                               const GDate *last,
                               int          year,
                               int          month)
{
  int from, to, wanted;

  g_return_val_if_fail (first != NULL && last != NULL, FALSE);

  from = g_date_get_year (first) * 12 + g_date_get_month (first) - 1;
  to = g_date_get_year (last) * 12 + g_date_get_month (last) - 1;
  wanted = year * 12 + month - 1;
  return from <= wanted && wanted <= to;
}
