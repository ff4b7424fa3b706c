/* turnos-routes.h: the API's routes as data, and the dispatch over them
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-route.h"

G_BEGIN_DECLS

typedef struct
{
  const char         *method;   /* "GET", "POST", "PUT", "PATCH", "DELETE"; HEAD is answered as GET */
  const char         *pattern;  /* "/professionals/{}/blocks/{}": "{}" takes one segment */
  guint               roles;    /* TurnosRole bits that may call it (DESIGN.md's table) */
  TurnosRouteHandler  handler;
} TurnosRoute;

/* Every route the server answers, ending with an entry whose pattern is NULL. */
const TurnosRoute *turnos_routes_get_table (void);

/**
 * turnos_routes_dispatch:
 * @server: the server the request came to
 * @msg: the request
 * @answer: (out caller-allocates): what to answer
 *
 * Finds the route for @msg's method and *raw* path (matched segment by segment before any
 * percent-decoding, so "dr-ana%2Fsettings" is one segment), checks who is calling, decodes
 * its "{}" segments and the query (each checked with turnos_text_is_clean(): 400
 * invalid_field naming the parameter, a query parameter given twice is 400 bad_request too)
 * and runs its handler. No route for the path: 404 not_found; a route for the path but not
 * the method: 405 method_not_allowed.
 *
 * Who may call (DESIGN.md "Accounts and roles", checked before anything the request
 * carries, in DESIGN.md's order 413 → 401/403 → 404 → 400/409/422): an Authorization
 * header that is not "Bearer TOKEN" with a live token is 401 unauthenticated (also on a
 * route anonymous callers may use, so a client learns its session is gone); no token on a
 * route that needs one is 401 unauthenticated; a role the route does not list is 403
 * forbidden; an account whose password was set by someone else may only change it (and
 * read /me, sign out, and what anonymous callers may): 403 password_change_required.
 * Handlers then check only ownership.
 */
void turnos_routes_dispatch (TurnosServer      *server,
                             SoupServerMessage *msg,
                             TurnosAnswer      *answer);

G_END_DECLS
