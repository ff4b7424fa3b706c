/* turnos-hostile-server.h: an HTTP server that misbehaves on purpose, for the client's tests
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TurnosHostileServer TurnosHostileServer;

/* How the scripted answer goes out. Every answer carries "Connection: close". */
typedef enum
{
  TURNOS_HOSTILE_WHOLE,        /* head with Content-Length, then the body, at once */
  TURNOS_HOSTILE_ENDLESS,      /* head with chunked encoding, then the body as one chunk,
                                * again and again until the client hangs up */
  TURNOS_HOSTILE_TRICKLE_BODY, /* head with Content-Length at once, then the body one byte per
                                * interval */
  TURNOS_HOSTILE_TRICKLE_HEAD, /* head and body, Content-Length framed, one byte per interval */
} TurnosHostileMode;

/* Listens on 127.0.0.1 on a free port, in this process, served by the default main context
 * (the tests' bounded main-loop runs drive it). Until turnos_hostile_server_script() is
 * called, it answers 200 with an empty JSON object. */
TurnosHostileServer *turnos_hostile_server_new  (void);
/* "http://127.0.0.1:PORT/" */
const char *turnos_hostile_server_get_url       (TurnosHostileServer *self);
/* "127.0.0.1:PORT", the origin's host and port, for building URLs in tests. */
const char *turnos_hostile_server_get_authority (TurnosHostileServer *self);

/* Every request read from now on (its head, and as many body bytes as its Content-Length
 * says) is answered with @status, the @headers lines (each ending in "\r\n"; may be NULL)
 * and @body as @mode says; @interval_ms paces the trickles. */
void        turnos_hostile_server_script        (TurnosHostileServer *self,
                                                 TurnosHostileMode    mode,
                                                 guint                status,
                                                 const char          *headers,
                                                 GBytes              *body,
                                                 guint                interval_ms);

/* Requests read whole so far. */
guint       turnos_hostile_server_get_requests  (TurnosHostileServer *self);
/* Connections the client closed before the answer was all sent (the client gave up). */
guint       turnos_hostile_server_get_hangups   (TurnosHostileServer *self);

/* Stops listening and drops every connection. */
void        turnos_hostile_server_free          (TurnosHostileServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosHostileServer, turnos_hostile_server_free)

G_END_DECLS
