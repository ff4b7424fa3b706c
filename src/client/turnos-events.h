/* turnos-events.h: the live events connection of one window
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-client.h"
#include "turnos-types.h"

G_BEGIN_DECLS

/* Backoff between attempts to (re)connect, doubled each time (with ±20 % jitter) up to the
 * most; back to the least once subscribed. */
#define TURNOS_EVENTS_BACKOFF_MIN_MS 500
#define TURNOS_EVENTS_BACKOFF_MAX_MS (30 * 1000)
/* The client pings too; a server silent for 2.5 intervals (no event, ping answer or pong) is
 * taken for gone and the connection made again. */
#define TURNOS_EVENTS_PING_SECONDS   30
/* How long the WebSocket handshake may take. */
#define TURNOS_EVENTS_HANDSHAKE_SECONDS 20
/* The longest message taken from the server. */
#define TURNOS_EVENTS_MAX_MESSAGE (64 * 1024)

#define TURNOS_TYPE_EVENTS (turnos_events_get_type ())
G_DECLARE_FINAL_TYPE (TurnosEvents, turnos_events, TURNOS, EVENTS, GObject)

/**
 * TurnosEvents:
 *
 * The server's live events (DESIGN.md "Live events") for one window: a WebSocket to the
 * client's base URL + "events", on a libsoup session of its own with no per-call deadline
 * (it lives for hours; see "Requests" in turnos-client.c), signed in with the client's
 * "token" (a new token reconnects), reconnecting with backoff when it drops. Events say what
 * changed, not the new state: a view refetches what an event touches, and everything it
 * shows on "resync".
 *
 * Properties:
 * - "client" (TurnosClient, construct-only)
 * - "connected" (bool, ro): subscribed: the server said hello with the role asked for. FALSE
 *   while connecting and between attempts: live updates are off (the window's quiet
 *   indicator).
 * - "role" (string, ro, nullable): the role the server gave ("anonymous", "patient", "desk",
 *   "professional", "admin") while connected.
 * - "ping-seconds" (uint, rw, default TURNOS_EVENTS_PING_SECONDS), "backoff-min-ms",
 *   "backoff-max-ms" (uint, rw): for tests.
 *
 * Signals (after "connected" is TRUE; strings and dates are the server's, checked):
 * - "availability" (const char *professional_id, const GDate *first, const GDate *last): the
 *   free times of that professional's days first..last (in their zone) may have moved.
 * - "reservation" (const char *id, const char *professional_id, const char *client_id,
 *   TurnosStatus status, const GDate *date): a reservation this account may see was made,
 *   confirmed or cancelled.
 * - "settings" (const char *professional_id): a professional's settings changed: every day of
 *   theirs may have moved, and so may their duration, modality or deposit.
 * - "waitlist-offer" (const char *professional_id, const GDate *date, const char *start_time):
 *   time freed up on a day this patient waits for; @start_time is "YYYY-MM-DDTHH:MM:SS" on the
 *   professional's wall clock (their settings' zone).
 * - "resync" (): just subscribed (the first time too): anything may have changed while not
 *   listening; refetch what is shown.
 */
TurnosEvents *turnos_events_new           (TurnosClient *client);
TurnosClient *turnos_events_get_client    (TurnosEvents *self);
/* Connects, and keeps connecting until turnos_events_stop(). Idempotent. */
void          turnos_events_start         (TurnosEvents *self);
/* Closes the connection and stops retrying ("connected" goes FALSE). */
void          turnos_events_stop          (TurnosEvents *self);
gboolean      turnos_events_get_connected (TurnosEvents *self);
const char   *turnos_events_get_role      (TurnosEvents *self);

/* Whether the days @first..@last (an "availability" event's) hold @date, or any day of
 * @year-@month (1-12). */
gboolean      turnos_events_range_has_date  (const GDate *first,
                                             const GDate *last,
                                             const GDate *date);
gboolean      turnos_events_range_has_month (const GDate *first,
                                             const GDate *last,
                                             int          year,
                                             int          month);

G_END_DECLS
