/* turnos-server-private.h: what the route handlers may ask of the server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-server.h"

G_BEGIN_DECLS

TurnosStore *_turnos_server_get_store        (TurnosServer *self);
/* The server's clock (the test clock when one is set), as a new reference. */
GDateTime   *_turnos_server_now              (TurnosServer *self);
guint        _turnos_server_get_hold_minutes (TurnosServer *self);
/* The URL the server's pages are reached at from outside, ending in "/": the "public-url"
 * property, else the address it listens on. Never built from a request's Host header. */
char        *_turnos_server_dup_public_url   (TurnosServer *self);

G_END_DECLS
