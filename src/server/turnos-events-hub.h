/* turnos-events-hub.h: one server's live events subscribers, and the events they hear
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "turnos-server.h"

G_BEGIN_DECLS

/* DESIGN.md "Live events": a ping every 30 s. A subscriber that answers no ping (nor sends
 * anything) for TURNOS_EVENTS_DEAD_PINGS intervals is dropped. */
#define TURNOS_EVENTS_PING_SECONDS      30
#define TURNOS_EVENTS_DEAD_PINGS        2.5
/* Subscribers one server (a process, or a thread of --threads) keeps at most; it stays
 * TURNOS_EVENTS_FD_RESERVE below the process's descriptor limit. Past it, GET /events is
 * answered 503 too_many_subscribers with Retry-After. */
#define TURNOS_EVENTS_MAX_SUBSCRIBERS   8192
#define TURNOS_EVENTS_FD_RESERVE        64
/* Messages kept for a subscriber whose connection takes no more (it reads slowly or not at
 * all): past this it is dropped (close 1008 "too slow"), and the others never wait for it. */
#define TURNOS_EVENTS_QUEUE_LIMIT       256
/* A subscriber's socket send buffer, in bytes (the kernel doubles it): events are small. */
#define TURNOS_EVENTS_SEND_BUFFER       (32 * 1024)
/* The most a subscriber may send in one message (its {"token": …}). */
#define TURNOS_EVENTS_MAX_INCOMING      4096

/* Close codes besides RFC 6455's: the token was refused; events were missed (refetch). */
#define TURNOS_EVENTS_CLOSE_UNAUTHENTICATED 4001
#define TURNOS_EVENTS_CLOSE_RESYNC          4002

#define TURNOS_TYPE_EVENTS_HUB (turnos_events_hub_get_type ())
G_DECLARE_FINAL_TYPE (TurnosEventsHub, turnos_events_hub, TURNOS, EVENTS_HUB, GObject)

/**
 * TurnosEventsHub:
 *
 * The subscribers of one TurnosServer, in that server's thread (its main context at
 * creation). It reads the store's events after the last one it read (turnos-store.h "Live
 * events"): at once after its own connection's commits, when a sibling hub of this process
 * commits (--threads), and when the store's watch fires (another process, --workers). Each
 * event goes to the subscribers that may see it (turnos_event_info_visible()), through a
 * bounded queue each. It also releases lapsed payment holds when the first one lapses, so
 * their time comes back with an event though nobody asked.
 *
 * The protocol, server side: after the upgrade the subscriber is anonymous and is sent
 * `{"type": "hello", "role": "anonymous", "pid": N, "hub": M}` (the process, and which of its
 * hubs: with --threads one a thread). Its first message, if any, is
 * `{"token": "…"}` (or `{}` / `{"token": null}`: stay anonymous); a good token is answered
 * with another hello naming the role, a bad one with `{"type": "error", "code":
 * "unauthenticated"}` and close 4001. Any other message closes it (1008). Tokens are checked
 * again at every ping interval (a sign-out ends the reservations' stream).
 *
 * Properties (rw): "ping-seconds" (default TURNOS_EVENTS_PING_SECONDS), "max-subscribers"
 * (default the lesser of TURNOS_EVENTS_MAX_SUBSCRIBERS and the descriptor limit less
 * TURNOS_EVENTS_FD_RESERVE), "queue-limit" (TURNOS_EVENTS_QUEUE_LIMIT).
 */

/* The hub of @server (weak: the server owns the hub); its store is @server's. */
TurnosEventsHub *turnos_events_hub_new             (TurnosServer            *server);
/* Takes a subscriber: @conn has just been upgraded, in this hub's thread. */
void             turnos_events_hub_add             (TurnosEventsHub         *self,
                                                    SoupWebsocketConnection *conn);
/* Whether it holds "max-subscribers" already: the next handshake is refused (503). */
gboolean         turnos_events_hub_is_full         (TurnosEventsHub         *self);
/* Subscribers held now, anonymous or signed in. */
guint            turnos_events_hub_get_n_subscribers (TurnosEventsHub       *self);
/* Closes every subscriber (1001 going away). */
void             turnos_events_hub_close_all       (TurnosEventsHub         *self);
/* Reads the store's new events now (tests; the hub does it on its own otherwise). */
void             turnos_events_hub_poll            (TurnosEventsHub         *self);

/*
 * GET /events on a TurnosServer (turnos-handlers-events.c)
 */

/* The hub of @server, made on first use in the calling thread, which must be the server's.
 * (transfer none) */
TurnosEventsHub *_turnos_server_get_events         (TurnosServer            *server);
/* For turnos-server.c's request handler, first thing: TRUE when @msg is a WebSocket
 * handshake on /events that this server takes; then the handler leaves it alone (no status)
 * and libsoup's WebSocket handler upgrades it. Anything else on /events goes through the
 * routes (turnos_handle_events()). */
gboolean         _turnos_events_take_upgrade       (TurnosServer            *server,
                                                    SoupServerMessage       *msg);
/* The SoupServerWebsocketCallback registered for "/events", with the server as user data. */
void             _turnos_events_upgraded_cb        (SoupServer              *soup,
                                                    SoupServerMessage       *msg,
                                                    const char              *path,
                                                    SoupWebsocketConnection *conn,
                                                    gpointer                 user_data);

G_END_DECLS
