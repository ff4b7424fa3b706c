/* turnos-events-hub-private.h: what the hub's two files share
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TurnosEventsHub is one GObject in two files: turnos-events-hub.c (reading the store's
 * events, fanning them out, lapsing holds, the sweep, the GObject) and
 * turnos-events-subscriber.c (one subscriber: its messages, its bounded queue, its token).
 */
#pragma once

#include "turnos-account.h"
#include "turnos-events-hub.h"
#include "turnos-store.h"

G_BEGIN_DECLS

/* Wakes a hub from another thread (turnos-events-hub.c). */
typedef struct _Waker Waker;

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

/* turnos-events-subscriber.c */

/* A subscriber for @conn, just upgraded (anonymous, not yet in the hub's list). */
Subscriber *_turnos_events_subscriber_new   (TurnosEventsHub         *hub,
                                             SoupWebsocketConnection *conn);
/* The hub's list frees its subscribers with this. */
void        _turnos_events_subscriber_free  (Subscriber              *s);
/* Closes @s with @code and @reason, and takes it out of the hub's list (which frees it). */
void        _turnos_events_subscriber_drop  (Subscriber              *s,
                                             gushort                  code,
                                             const char              *reason);
/* Sends @message now, or queues it; drops @s when its queue is full. */
void        _turnos_events_subscriber_send  (Subscriber              *s,
                                             GBytes                  *message);
/* {"type": "hello", "role", "user_id"?, "pid", "hub"} */
void        _turnos_events_subscriber_hello (Subscriber              *s);
/* The sweep: drops @s when silent for @silence µs at @now (monotonic), or when its token no
 * longer signs in. */
void        _turnos_events_subscriber_check (Subscriber              *s,
                                             gint64                   now,
                                             gint64                   silence);

G_END_DECLS
