/* turnos-events-json.h: the live events' messages, made by the stores and read by the hub
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md "Live events". A store writes each change's events as JSON text in the same
 * transaction as the change (so every process on the database hears it, in commit order);
 * the hub (turnos-events-hub.c) reads them back and sends each subscriber the ones it may see.
 * The text a subscriber receives is exactly the text stored.
 */
#pragma once

#include <glib.h>

#include "turnos-account.h"
#include "turnos-types.h"

G_BEGIN_DECLS

/* At most this many dates are listed in an availability event's "dates"; "from" and "to"
 * always give the whole range. */
#define TURNOS_EVENT_MAX_DATES 62

/**
 * TurnosEventType:
 * @TURNOS_EVENT_UNKNOWN: a type this build does not know: sent to nobody
 * @TURNOS_EVENT_AVAILABILITY: `{"type": "availability", "professional_id", "dates": [...],
 *   "from", "to"}`: the free times of those days (in the professional's zone) may have
 *   moved. To everyone, anonymous included. "from"/"to" are the first and last day (an
 *   addition: "dates" lists at most TURNOS_EVENT_MAX_DATES of them).
 * @TURNOS_EVENT_RESERVATION: `{"type": "reservation", "id", "professional_id", "client_id",
 *   "status", "date"}`: a reservation was made, confirmed, cancelled or released. To its
 *   patient, its professional, the desk and the admin.
 * @TURNOS_EVENT_SETTINGS: `{"type": "settings", "professional_id"}`: the professional's
 *   settings changed (hours, duration, modality, deposit), so every day may have moved. To
 *   everyone. (An addition to DESIGN.md's list.)
 * @TURNOS_EVENT_WAITLIST_OFFER: `{"type": "waitlist_offer", "professional_id", "client_id",
 *   "date", "start_time"}`: time freed up on a day a patient waits for. To that patient only.
 */
typedef enum
{
  TURNOS_EVENT_UNKNOWN,
  TURNOS_EVENT_AVAILABILITY,
  TURNOS_EVENT_RESERVATION,
  TURNOS_EVENT_SETTINGS,
  TURNOS_EVENT_WAITLIST_OFFER,
} TurnosEventType;

/* A reservation event: @start (in the professional's zone) gives its "date". */
char *turnos_event_reservation_json  (const char   *id,
                                      const char   *professional_id,
                                      const char   *client_id,
                                      TurnosStatus  status,
                                      GDateTime    *start);
/* The days [@start, @end) overlaps in @start's zone (the professional's): a 23:30-00:30
 * session moves two days, one ending at midnight only the first. */
char *turnos_event_availability_json (const char   *professional_id,
                                      GDateTime    *start,
                                      GDateTime    *end);
char *turnos_event_settings_json     (const char   *professional_id);
/* The offer to @client_id of the time at @start (in the professional's zone). */
char *turnos_event_waitlist_offer_json (const char *professional_id,
                                        const char *client_id,
                                        GDateTime  *start);

/**
 * TurnosEventInfo:
 * @type: what the event is about
 * @professional_id: (nullable): whose agenda
 * @client_id: (nullable): whose reservation or offer
 *
 * What the hub needs to know of a stored event to decide who may see it.
 */
typedef struct
{
  TurnosEventType  type;
  char            *professional_id;
  char            *client_id;
} TurnosEventInfo;

/* Reads @json's type and ids into @info (cleared first); FALSE when it is not an event
 * object (then @info is TURNOS_EVENT_UNKNOWN). */
gboolean turnos_event_info_parse   (const char      *json,
                                    gsize            len,
                                    TurnosEventInfo *info);
void     turnos_event_info_clear   (TurnosEventInfo *info);
/* Whether a subscriber signed in as @role (TURNOS_ROLE_ANONYMOUS without an account) with
 * the account id @account_id may be sent @info (DESIGN.md "Live events"; the table "Who may
 * do what" for who sees whose reservations). */
gboolean turnos_event_info_visible (const TurnosEventInfo *info,
                                    TurnosRole             role,
                                    const char            *account_id);

G_END_DECLS
