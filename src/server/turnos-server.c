/* turnos-server.c: the reservations API on a SoupServer
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"
#define G_LOG_USE_STRUCTURED 1

#include "config.h"

#include <libsoup/soup.h>
#include <errno.h>
#include <sys/socket.h>
#include <string.h>

#include "turnos-answer.h"
#include "turnos-error.h"
#include "turnos-events-hub.h"
#include "turnos-json.h"
#include "turnos-listener.h"
#include "turnos-password.h"
#include "turnos-routes.h"
#include "turnos-server-private.h"

struct _TurnosServer
{
  GObject            parent_instance;

  SoupServer        *soup;
  TurnosListener    *listener;
  TurnosStore       *store;
  guint              hold_minutes;
  gboolean           log_requests;
  TurnosServerClock  clock;
  gpointer           clock_data;
  char              *public_url;   /* ends in "/", or NULL for the listening address */
  TurnosAuth        *auth;         /* tokens seen lately (turnos-auth.c) */
  GTlsCertificate   *tls;          /* serve HTTPS with it, or NULL for HTTP */
  gboolean           sandbox;      /* the sandbox payment provider is on */
};

G_DEFINE_FINAL_TYPE (TurnosServer, turnos_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_HOLD_MINUTES,
  PROP_LOG_REQUESTS,
  PROP_PUBLIC_URL,
  /* The listener's, forwarded: see turnos-listener.h. */
  PROP_HEADER_TIMEOUT,
  PROP_BODY_TIMEOUT,
  PROP_IDLE_TIMEOUT,
  PROP_MAX_CONNECTIONS,
  PROP_MAX_CONNECTIONS_PER_ADDRESS,
  PROP_TRUSTED_PROXIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Retry-After on a throttled sign-in; the scheme to use on a 401 (RFC 6750). */
static void
set_auth_headers (SoupServerMessage  *msg,
                  const TurnosAnswer *answer)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (answer->retry_after > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", answer->retry_after);

      soup_message_headers_replace (headers, "Retry-After", seconds);
    }
  if (answer->status == 401)
    soup_message_headers_replace (headers, "WWW-Authenticate", "Bearer realm=\"turnos\"");
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  TurnosServer *self = user_data;
  gint64 started = g_get_monotonic_time ();
  const char *method = soup_server_message_get_method (msg);
  goffset declared = soup_message_headers_get_content_length (soup_server_message_get_request_headers (msg));
  TurnosAnswer answer = { 0 };

  /* A WebSocket handshake on /events: libsoup's WebSocket handler upgrades it. */
  if (_turnos_events_take_upgrade (self, msg))
    return;
  if (soup_server_message_is_options_ping (msg))
    {
      /* "OPTIONS *" asks whether the server is there; what a resource allows, its 405 says. */
      soup_message_body_truncate (soup_server_message_get_response_body (msg));
      soup_message_headers_remove (soup_server_message_get_response_headers (msg), "Content-Type");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, HEAD, POST, DELETE, OPTIONS");
      soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
      if (self->log_requests)
        g_message ("OPTIONS * -> %u", SOUP_STATUS_NO_CONTENT);
      return;
    }
  if (declared > TURNOS_SERVER_MAX_BODY)
    turnos_answer_error (&answer, 413, TURNOS_CODE_BODY_TOO_LARGE, "the body is too large");
  else
    /* HEAD is routed as GET; libsoup leaves the body out (RFC 9110 9.3.2). */
    turnos_routes_dispatch (self, msg, &answer);

  /* Out with the body every message starts with (see turnos-listener.h):
   * soup_server_message_set_response() appends. */
  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  if (answer.html != NULL)
    {
      gsize len = strlen (answer.html);

      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                        g_steal_pointer (&answer.html), len);
    }
  else if (answer.json != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                      g_steal_pointer (&answer.json), answer.json_len);
  else if (answer.body != NULL)
    {
      gsize len;
      char *json = turnos_json_to_string (answer.body, &len);

      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, len);
    }
  soup_server_message_set_status (msg, answer.status ? answer.status : 500, NULL);
  set_auth_headers (msg, &answer);
  turnos_answer_clear (&answer);

  if (self->log_requests)
    {
      GUri *uri = soup_server_message_get_uri (msg);
      const char *q = g_uri_get_query (uri);

      /* The raw path: a decoded one could carry control characters into the log. */
      g_message ("%s %s%s%s -> %u (%.1f ms)", method, g_uri_get_path (uri), q ? "?" : "", q ? q : "",
                 answer.status, (g_get_monotonic_time () - started) / 1000.0);
    }
}

/* The longest request target (path and query) and request head taken; libsoup's own limit
 * is 64 KB of head, past which it closes the connection without an answer. */
#define MAX_URI_LENGTH  (8 * 1024)
#define MAX_HEAD_LENGTH (32 * 1024)

static void
log_early (TurnosServer      *self,
           SoupServerMessage *msg,
           guint              status)
{
  GUri *uri = soup_server_message_get_uri (msg);

  if (self->log_requests)
    g_message ("%s %s -> %u (before the body)", soup_server_message_get_method (msg),
               uri != NULL ? g_uri_get_path (uri) : "?", status);
}

/* Answers @msg through libsoup, which still reads the (bounded) body first and keeps the
 * connection. */
static void
answer_early (TurnosServer      *self,
              SoupServerMessage *msg,
              guint              status,
              const char        *code,
              const char        *message)
{
  g_autoptr(JsonNode) node = turnos_json_error_new (code, message);
  gsize len;
  char *json = turnos_json_to_string (node, &len);

  soup_message_body_truncate (soup_server_message_get_response_body (msg));
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, len);
  soup_server_message_set_status (msg, status, turnos_listener_status_phrase (status));
  log_early (self, msg, status);
}

/* Answers @msg without reading its body and closes the connection. */
static void
refuse (TurnosServer      *self,
        SoupServerMessage *msg,
        guint              status,
        const char        *code,
        const char        *message)
{
  log_early (self, msg, status);
  turnos_listener_refuse (self->listener, msg, status, code, message);
}

/* A chunked body is read a piece at a time: stop at the limit instead of after the end. */
static void
on_got_chunk_cb (SoupServerMessage *msg,
                 GBytes            *chunk,
                 gpointer           user_data)
{
  TurnosServer *self = user_data;

  if (soup_server_message_get_request_body (msg)->length <= TURNOS_SERVER_MAX_BODY)
    return;
  g_signal_handlers_disconnect_by_func (msg, on_got_chunk_cb, self);
  refuse (self, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, TURNOS_CODE_BODY_TOO_LARGE,
          "the body is too large");
}

/* Content-Length values that disagree, or do not parse: a proxy in front may frame the
 * request otherwise than libsoup, which takes the last one (request smuggling). Equal
 * repeated values are one length (RFC 9110 8.6). */
static gboolean
content_length_conflicts (SoupMessageHeaders *headers)
{
  const char *list = soup_message_headers_get_list (headers, "Content-Length");
  g_auto(GStrv) values = NULL;

  if (list == NULL || strchr (list, ',') == NULL)
    return FALSE;
  values = g_strsplit (list, ",", -1);
  for (guint i = 0; values[i] != NULL; i++)
    {
      const char *v = g_strstrip (values[i]);

      if (*v == '\0' || strspn (v, "0123456789") != strlen (v) ||
          (i > 0 && strcmp (v, values[0]) != 0))
        return TRUE;
    }
  return FALSE;
}

static gsize
head_length (SoupServerMessage *msg)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GUri *uri = soup_server_message_get_uri (msg);
  gsize len = strlen (g_uri_get_path (uri)) + 16;

  if (g_uri_get_query (uri) != NULL)
    len += strlen (g_uri_get_query (uri)) + 1;
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    len += strlen (name) + strlen (value) + 4;
  return len;
}

/* Runs once the request's head is read, before its body is: what can be refused on the head
 * alone is, before libsoup reads a byte of the body or says 100 Continue. */
static void
head_cb (SoupServerMessage *msg,
         gboolean           client_over_limit,
         gpointer           user_data)
{
  TurnosServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  GUri *uri = soup_server_message_get_uri (msg);
  gsize uri_len = strlen (g_uri_get_path (uri));

  if (content_length_conflicts (headers))
    return refuse (self, msg, SOUP_STATUS_BAD_REQUEST, TURNOS_CODE_BAD_REQUEST,
                   "conflicting Content-Length headers");
  if (soup_message_headers_get_one (headers, "Transfer-Encoding") != NULL &&
      soup_message_headers_get_one (headers, "Content-Length") != NULL)
    return refuse (self, msg, SOUP_STATUS_BAD_REQUEST, TURNOS_CODE_BAD_REQUEST,
                   "both Transfer-Encoding and Content-Length");
  if (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > TURNOS_SERVER_MAX_BODY)
    return refuse (self, msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, TURNOS_CODE_BODY_TOO_LARGE,
                   "the body is too large");
  if (encoding == SOUP_ENCODING_CHUNKED)
    g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), self);

  if (client_over_limit)
    return answer_early (self, msg, 429 /* Too Many Requests */, TURNOS_CODE_TOO_MANY_REQUESTS,
                         "too many requests in progress for this client");
  if (g_uri_get_query (uri) != NULL)
    uri_len += strlen (g_uri_get_query (uri)) + 1;
  if (uri_len > MAX_URI_LENGTH)
    return answer_early (self, msg, SOUP_STATUS_REQUEST_URI_TOO_LONG, TURNOS_CODE_URI_TOO_LONG,
                         "the request target is too long");
  if (head_length (msg) > MAX_HEAD_LENGTH)
    return answer_early (self, msg, 431, TURNOS_CODE_HEADERS_TOO_LARGE,
                         "the request head is too large");
}

/*
 * GObject overrides
 */

static void
turnos_server_dispose (GObject *object)
{
  TurnosServer *self = TURNOS_SERVER (object);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  if (self->listener != NULL)
    turnos_listener_disconnect (self->listener);
  g_clear_object (&self->listener);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (turnos_server_parent_class)->dispose (object);
}

static void
turnos_server_finalize (GObject *object)
{
  TurnosServer *self = TURNOS_SERVER (object);

  g_free (self->public_url);
  turnos_auth_free (self->auth);
  g_clear_object (&self->tls);

  G_OBJECT_CLASS (turnos_server_parent_class)->finalize (object);
}

static void
turnos_server_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TurnosServer *self = TURNOS_SERVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_HOLD_MINUTES:
      g_value_set_uint (value, self->hold_minutes);
      break;
    case PROP_LOG_REQUESTS:
      g_value_set_boolean (value, self->log_requests);
      break;
    case PROP_PUBLIC_URL:
      g_value_set_string (value, self->public_url);
      break;
    case PROP_HEADER_TIMEOUT:
    case PROP_BODY_TIMEOUT:
    case PROP_IDLE_TIMEOUT:
    case PROP_MAX_CONNECTIONS:
    case PROP_MAX_CONNECTIONS_PER_ADDRESS:
    case PROP_TRUSTED_PROXIES:
      g_object_get_property (G_OBJECT (self->listener), pspec->name, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_server_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TurnosServer *self = TURNOS_SERVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_HOLD_MINUTES:
      self->hold_minutes = g_value_get_uint (value);
      break;
    case PROP_LOG_REQUESTS:
      self->log_requests = g_value_get_boolean (value);
      break;
    case PROP_PUBLIC_URL:
      turnos_server_set_public_url (self, g_value_get_string (value));
      break;
    case PROP_HEADER_TIMEOUT:
    case PROP_BODY_TIMEOUT:
    case PROP_IDLE_TIMEOUT:
    case PROP_MAX_CONNECTIONS:
    case PROP_MAX_CONNECTIONS_PER_ADDRESS:
    case PROP_TRUSTED_PROXIES:
      g_object_set_property (G_OBJECT (self->listener), pspec->name, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_server_class_init (TurnosServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = turnos_server_dispose;
  object_class->finalize = turnos_server_finalize;
  object_class->get_property = turnos_server_get_property;
  object_class->set_property = turnos_server_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, TURNOS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOLD_MINUTES] =
    g_param_spec_uint ("hold-minutes", NULL, NULL, 1, 24 * 60, 15,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_REQUESTS] =
    g_param_spec_boolean ("log-requests", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUBLIC_URL] =
    g_param_spec_string ("public-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The listener's own, with its ranges and defaults. */
  {
    static const char * const forwarded[] = {
      [PROP_HEADER_TIMEOUT] = "header-timeout",
      [PROP_BODY_TIMEOUT] = "body-timeout",
      [PROP_IDLE_TIMEOUT] = "idle-timeout",
      [PROP_MAX_CONNECTIONS] = "max-connections",
      [PROP_MAX_CONNECTIONS_PER_ADDRESS] = "max-connections-per-address",
      [PROP_TRUSTED_PROXIES] = "trusted-proxies",
    };
    GObjectClass *listener_class = g_type_class_ref (TURNOS_TYPE_LISTENER);

    for (guint i = PROP_HEADER_TIMEOUT; i <= PROP_TRUSTED_PROXIES; i++)
      properties[i] = g_param_spec_override (forwarded[i],
                                             g_object_class_find_property (listener_class, forwarded[i]));
    g_type_class_unref (listener_class);
  }
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
turnos_server_init (TurnosServer *self)
{
  self->hold_minutes = 15;
  self->log_requests = TRUE;
  self->auth = turnos_auth_new ();
  /* raw-paths: routes match the path as sent, and turnos-routes.c decodes each segment on
   * its own, so an encoded "/" never splits one. */
  self->soup = soup_server_new ("server-header", "turnos-server/" PACKAGE_VERSION " ",
                                "raw-paths", TRUE, NULL);
  self->listener = turnos_listener_new (self->soup);
  turnos_listener_set_head_func (self->listener, head_cb, self);
  /* Every path but "*" (OPTIONS *), which libsoup maps apart. */
  soup_server_add_handler (self->soup, NULL, handle_cb, self, NULL);
  /* Live events (turnos-handlers-events.c): GET /events upgrades to a WebSocket; handle_cb
   * leaves the handshake to libsoup and routes anything else. No permessage-deflate: it would
   * hold two zlib streams for every idle subscriber. */
  soup_server_remove_websocket_extension (self->soup, SOUP_TYPE_WEBSOCKET_EXTENSION_DEFLATE);
  soup_server_add_handler (self->soup, "/events", handle_cb, self, NULL);
  soup_server_add_websocket_handler (self->soup, "/events", NULL, NULL,
                                     _turnos_events_upgraded_cb, self, NULL);
  soup_server_add_handler (self->soup, "*", handle_cb, self, NULL);
}

/*
 * Public API
 */

TurnosServer *
turnos_server_new (TurnosStore *store)
{
  g_return_val_if_fail (TURNOS_IS_STORE (store), NULL);
  return g_object_new (TURNOS_TYPE_SERVER, "store", store, NULL);
}

void
turnos_server_set_hold_minutes (TurnosServer *self,
                                guint         minutes)
{
  g_return_if_fail (TURNOS_IS_SERVER (self));
  if (self->hold_minutes == minutes)
    return;
  self->hold_minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOLD_MINUTES]);
}

void
turnos_server_set_public_url (TurnosServer *self,
                              const char   *url)
{
  g_autofree char *normal = NULL;

  g_return_if_fail (TURNOS_IS_SERVER (self));

  if (url != NULL && *url != '\0')
    normal = g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
  if (g_strcmp0 (normal, self->public_url) == 0)
    return;
  g_free (self->public_url);
  self->public_url = g_steal_pointer (&normal);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLIC_URL]);
}

void
turnos_server_set_clock (TurnosServer      *self,
                         TurnosServerClock  clock,
                         gpointer           user_data)
{
  g_return_if_fail (TURNOS_IS_SERVER (self));
  self->clock = clock;
  self->clock_data = user_data;
}

gboolean
turnos_socket_bind_shared (GSocket         *socket,
                           GSocketAddress  *address,
                           GError         **error)
{
  struct sockaddr_storage native;
  gssize len = g_socket_address_get_native_size (address);

  /* g_socket_bind() turns SO_REUSEPORT off again for stream sockets: bind the fd ourselves. */
  if (!g_socket_set_option (socket, SOL_SOCKET, SO_REUSEADDR, 1, error) ||
      !g_socket_set_option (socket, SOL_SOCKET, SO_REUSEPORT, 1, error) ||
      !g_socket_address_to_native (address, &native, sizeof native, error))
    return FALSE;
  if (bind (g_socket_get_fd (socket), (struct sockaddr *) &native, len) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "cannot bind: %s",
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
listen_on (TurnosServer  *self,
           const char    *address,
           guint16        port,
           gboolean       shared,
           GError       **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) sockaddr = NULL;
  g_autoptr(GSocket) socket = NULL;

  g_return_val_if_fail (TURNOS_IS_SERVER (self), FALSE);

  if ((inet = g_inet_address_new_from_string (address)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not an IP address", address);
      return FALSE;
    }
  sockaddr = g_inet_socket_address_new (inet, port);

  /* A socket of ours carries a deep queue (GLib's default backlog is 10: fifty desks
   * connecting at once would see resets), and the listener accepts from it (libsoup 3.2.3's
   * own accepting leaks and gives up: see turnos-listener.c). */
  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, TURNOS_SERVER_BACKLOG);
  if (!(shared ? turnos_socket_bind_shared (socket, sockaddr, error)
               : g_socket_bind (socket, sockaddr, TRUE, error)) ||
      !g_socket_listen (socket, error))
    return FALSE;
  return turnos_listener_add_socket (self->listener, socket, error);
}

gboolean
turnos_server_listen (TurnosServer  *self,
                      const char    *address,
                      guint16        port,
                      GError       **error)
{
  return listen_on (self, address, port, FALSE, error);
}

gboolean
turnos_server_listen_shared (TurnosServer  *self,
                             const char    *address,
                             guint16        port,
                             GError       **error)
{
  return listen_on (self, address, port, TRUE, error);
}

char *
turnos_server_dup_base_url (TurnosServer *self)
{
  GSocketAddress *address;
  GInetAddress *inet;
  g_autofree char *host = NULL;

  g_return_val_if_fail (TURNOS_IS_SERVER (self), NULL);

  if ((address = turnos_listener_get_address (self->listener)) == NULL)
    return NULL;
  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address));
  host = g_inet_address_to_string (inet);
  return g_strdup_printf (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6
                          ? "%s://[%s]:%u/" : "%s://%s:%u/", self->tls ? "https" : "http",
                          host, g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));
}

void
turnos_server_disconnect (TurnosServer *self)
{
  g_return_if_fail (TURNOS_IS_SERVER (self));
  soup_server_disconnect (self->soup);
  turnos_listener_disconnect (self->listener);
}

void
turnos_server_set_tls_certificate (TurnosServer    *self,
                                   GTlsCertificate *certificate)
{
  g_return_if_fail (TURNOS_IS_SERVER (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  g_set_object (&self->tls, certificate);
  turnos_listener_set_tls_certificate (self->listener, certificate);
}

void
turnos_server_set_sandbox_payments (TurnosServer *self,
                                    gboolean      enabled)
{
  g_return_if_fail (TURNOS_IS_SERVER (self));
  self->sandbox = enabled;
}

char *
turnos_server_make_admin_token (TurnosServer *self)
{
  g_autoptr(TurnosAccount) admin = turnos_account_new ();
  char *token;

  g_return_val_if_fail (TURNOS_IS_SERVER (self), NULL);

  admin->id = g_strdup ("embedded-admin");
  admin->role = TURNOS_ROLE_ADMIN;
  admin->display_name = g_strdup ("Administrator");
  token = turnos_token_new ();
  turnos_auth_add_memory_token (self->auth, token, admin);
  return token;
}

/*
 * Private API (turnos-server-private.h), for the route handlers
 */

void
_turnos_server_connection_upgraded (TurnosServer      *self,
                                    SoupServerMessage *msg)
{
  g_return_if_fail (TURNOS_IS_SERVER (self));
  /* The hook for the connection timeouts: a WebSocket's pings keep it honest instead. */
}

TurnosAuth *
_turnos_server_get_auth (TurnosServer *self)
{
  g_return_val_if_fail (TURNOS_IS_SERVER (self), NULL);
  return self->auth;
}

gboolean
_turnos_server_has_sandbox (TurnosServer *self)
{
  g_return_val_if_fail (TURNOS_IS_SERVER (self), FALSE);
  return self->sandbox;
}

char *
_turnos_server_client_address (TurnosServer      *self,
                               SoupServerMessage *msg)
{
  const char *host = turnos_listener_get_client_address (msg);

  g_return_val_if_fail (TURNOS_IS_SERVER (self), NULL);
  /* The peer, or the client a trusted proxy names in X-Forwarded-For (--trusted-proxy). */
  return g_strdup (host ? host : "unknown");
}

TurnosStore *
_turnos_server_get_store (TurnosServer *self)
{
  g_return_val_if_fail (TURNOS_IS_SERVER (self), NULL);
  return self->store;
}

GDateTime *
_turnos_server_now (TurnosServer *self)
{
  g_return_val_if_fail (TURNOS_IS_SERVER (self), NULL);
  return self->clock ? self->clock (self->clock_data) : g_date_time_new_now_utc ();
}

guint
_turnos_server_get_hold_minutes (TurnosServer *self)
{
  g_return_val_if_fail (TURNOS_IS_SERVER (self), 0);
  return self->hold_minutes;
}

char *
_turnos_server_dup_public_url (TurnosServer *self)
{
  g_return_val_if_fail (TURNOS_IS_SERVER (self), NULL);

  if (self->public_url != NULL)
    return g_strdup (self->public_url);
  return turnos_server_dup_base_url (self);
}

gboolean
turnos_server_accept_stream (TurnosServer    *self,
                             GIOStream       *stream,
                             GSocketAddress  *local,
                             GSocketAddress  *remote,
                             GError         **error)
{
  g_return_val_if_fail (TURNOS_IS_SERVER (self), FALSE);
  g_return_val_if_fail (G_IS_IO_STREAM (stream), FALSE);
  g_return_val_if_fail (G_IS_SOCKET_ADDRESS (local) && G_IS_SOCKET_ADDRESS (remote), FALSE);
  return soup_server_accept_iostream (self->soup, stream, local, remote, error);
}
