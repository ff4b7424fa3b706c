/* turnos-server-private.h: what the route handlers may ask of the server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "turnos-auth.h"
#include "turnos-server.h"

G_BEGIN_DECLS

TurnosStore *_turnos_server_get_store        (TurnosServer *self);
/* The server's clock (the test clock when one is set), as a new reference. */
GDateTime   *_turnos_server_now              (TurnosServer *self);
guint        _turnos_server_get_hold_minutes (TurnosServer *self);
/* The URL the server's pages are reached at from outside, ending in "/": the "public-url"
 * property, else the address it listens on. Never built from a request's Host header. */
char        *_turnos_server_dup_public_url   (TurnosServer *self);
/* The server's token cache. */
TurnosAuth  *_turnos_server_get_auth         (TurnosServer *self);
/* Whether the sandbox payment provider is on (--demo, --sandbox-payments). */
gboolean     _turnos_server_has_sandbox      (TurnosServer *self);
/* The address a request came from, for throttling sign-ins: the peer's IP today. (The
 * --trusted-proxy work will take it from X-Forwarded-For when the peer is that proxy.) */
char        *_turnos_server_client_address   (TurnosServer      *self,
                                              SoupServerMessage *msg);

/* A request became a WebSocket (GET /events): its connection is no longer an HTTP one and
 * must lose the header, body and idle timeouts (turnos-server.c). */
void         _turnos_server_connection_upgraded (TurnosServer      *self,
                                                 SoupServerMessage *msg);

G_END_DECLS
