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
#include "turnos-password.h"
#include "turnos-routes.h"
#include "turnos-server-private.h"

struct _TurnosServer
{
  GObject            parent_instance;

  SoupServer        *soup;
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
  if (declared > TURNOS_SERVER_MAX_BODY)
    turnos_answer_error (&answer, 413, TURNOS_CODE_BODY_TOO_LARGE, "the body is too large");
  else
    turnos_routes_dispatch (self, msg, &answer);

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

/*
 * GObject overrides
 */

static void
turnos_server_dispose (GObject *object)
{
  TurnosServer *self = TURNOS_SERVER (object);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
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
  soup_server_add_handler (self->soup, NULL, handle_cb, self, NULL);
  /* Live events (turnos-handlers-events.c): GET /events upgrades to a WebSocket; handle_cb
   * leaves the handshake to libsoup and routes anything else. No permessage-deflate: it would
   * hold two zlib streams for every idle subscriber. */
  soup_server_remove_websocket_extension (self->soup, SOUP_TYPE_WEBSOCKET_EXTENSION_DEFLATE);
  soup_server_add_handler (self->soup, "/events", handle_cb, self, NULL);
  soup_server_add_websocket_handler (self->soup, "/events", NULL, NULL,
                                     _turnos_events_upgraded_cb, self, NULL);
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

  /* SoupServer's own socket keeps GLib's backlog of 10: fifty desks connecting at once would
   * see resets. A socket of ours carries a deep queue. */
  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, TURNOS_SERVER_BACKLOG);
  if (!(shared ? turnos_socket_bind_shared (socket, sockaddr, error)
               : g_socket_bind (socket, sockaddr, TRUE, error)) ||
      !g_socket_listen (socket, error))
    return FALSE;
  return soup_server_listen_socket (self->soup, socket, self->tls ? SOUP_SERVER_LISTEN_HTTPS : 0,
                                    error);
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
  g_autoslist(GUri) uris = NULL;

  g_return_val_if_fail (TURNOS_IS_SERVER (self), NULL);

  uris = soup_server_get_uris (self->soup);
  if (uris == NULL)
    return NULL;
  return g_strdup_printf ("%s://%s:%d/", self->tls ? "https" : "http", g_uri_get_host (uris->data),
                          g_uri_get_port (uris->data));
}

void
turnos_server_disconnect (TurnosServer *self)
{
  g_return_if_fail (TURNOS_IS_SERVER (self));
  soup_server_disconnect (self->soup);
}

void
turnos_server_set_tls_certificate (TurnosServer    *self,
                                   GTlsCertificate *certificate)
{
  g_return_if_fail (TURNOS_IS_SERVER (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  g_set_object (&self->tls, certificate);
  g_object_set (self->soup, "tls-certificate", certificate, NULL);
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
  const char *host = soup_server_message_get_remote_host (msg);

  g_return_val_if_fail (TURNOS_IS_SERVER (self), NULL);
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
