/* turnos-handlers-events.c: GET /events, the live events WebSocket
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A WebSocket handshake on /events is left to libsoup's own WebSocket handler (registered in
 * turnos-server.c), whose callback hands the connection to the server's TurnosEventsHub.
 * Anything else on that path reaches turnos_handle_events() through the routes, like every
 * other request: 426 for a plain GET, 503 when the hub is full.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-events-hub.h"
#include "turnos-handlers.h"
#include "turnos-server-private.h"


/* How long a client refused for being one subscriber too many is asked to wait. */
#define FULL_RETRY_SECONDS 10

/* The server keeps its hub as data: nothing of it lives in TurnosServer's own struct. */
#define HUB_KEY "turnos-events-hub"

TurnosEventsHub *
_turnos_server_get_events (TurnosServer *server)
{
  TurnosEventsHub *hub;

  g_return_val_if_fail (TURNOS_IS_SERVER (server), NULL);

  hub = g_object_get_data (G_OBJECT (server), HUB_KEY);
  if (hub == NULL)
    {
      hub = turnos_events_hub_new (server);
      g_object_set_data_full (G_OBJECT (server), HUB_KEY, hub, g_object_unref);
    }
  return hub;
}

/* The extensions the server offers: none. permessage-deflate would keep two zlib streams,
 * some 300 KB, for every idle subscriber; events are a few hundred bytes. */
static GPtrArray *
no_extensions (void)
{
  static GPtrArray *none = NULL;

  if (g_once_init_enter (&none))
    g_once_init_leave (&none, g_ptr_array_new ());
  return none;
}

gboolean
_turnos_events_take_upgrade (TurnosServer      *server,
                             SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);

  if (g_strcmp0 (g_uri_get_path (uri), "/events") != 0 ||
      !soup_websocket_server_check_handshake (msg, NULL, NULL, no_extensions (), NULL))
    return FALSE;
  return !turnos_events_hub_is_full (_turnos_server_get_events (server));
}

void
_turnos_events_upgraded_cb (SoupServer              *soup,
                            SoupServerMessage       *msg,
                            const char              *path,
                            SoupWebsocketConnection *conn,
                            gpointer                 user_data)
{
  TurnosServer *server = user_data;
  gboolean log_requests = FALSE;

  _turnos_server_connection_upgraded (server, msg);
  turnos_events_hub_add (_turnos_server_get_events (server), conn);
  g_object_get (server, "log-requests", &log_requests, NULL);
  if (log_requests)
    g_message ("GET /events -> 101 (%u subscribers)",
               turnos_events_hub_get_n_subscribers (_turnos_server_get_events (server)));
}

/* GET /events without a (takeable) WebSocket handshake. */
void
turnos_handle_events (TurnosRequest *request,
                      TurnosAnswer  *answer)
{
  SoupServerMessage *msg = request->msg;

  if (soup_websocket_server_check_handshake (msg, NULL, NULL, no_extensions (), NULL))
    {
      /* A good handshake lands here only when the hub is full. */
      answer->retry_after = FULL_RETRY_SECONDS;
      turnos_answer_error (answer, 503, TURNOS_CODE_TOO_MANY_SUBSCRIBERS,
                           "this server holds as many live subscribers as it can: try later");
      return;
    }
  turnos_answer_error (answer, 426, TURNOS_CODE_UPGRADE_REQUIRED,
                       "GET /events is a WebSocket: send the Upgrade handshake");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Upgrade",
                                "websocket");
}
