/* turnos-availability.h: the answer to "what is free on this day", and the month overview
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "turnos-json-writer.h"

#include "turnos-block.h"
#include "turnos-interval.h"
#include "turnos-settings.h"

G_BEGIN_DECLS

typedef struct
{
  GDate      date;
  char      *timezone;        /* seed: the professional's IANA zone, never empty */
  GTimeZone *tz;
  GStrv      occupied_slots;  /* seed: start times of the live reservations, "YYYY-MM-DDTHH:MM:SS" */
  GArray    *occupied;        /* of TurnosInterval: live reservations overlapping the day */
  GPtrArray *blocked;         /* of TurnosBlock overlapping the day */
  GArray    *slots;           /* of TurnosInterval: the free slots */
  gboolean   has_slots;       /* FALSE when the answer had no "slots" (a seed-only server) */

  /*< private >*/
  gatomicrefcount ref_count;
} TurnosAvailability;

#define TURNOS_TYPE_AVAILABILITY (turnos_availability_get_type ())
GType               turnos_availability_get_type (void) G_GNUC_CONST;

/* Empty arrays, has_slots FALSE, timezone NULL. */
TurnosAvailability *turnos_availability_new   (void);
TurnosAvailability *turnos_availability_ref   (TurnosAvailability *self);
void                turnos_availability_unref (TurnosAvailability *self);

/**
 * turnos_availability_new_for_day:
 * @settings: the professional's rules
 * @date: the day, in the professional's zone
 * @reservations: (nullable): reservations overlapping the day, any status
 * @blocks: (nullable): blocks overlapping the day
 * @now: the current instant (the server's clock)
 * @live_out: (out) (optional) (transfer full): the live reservations among @reservations
 *
 * The answer to "what is free on this day" (DESIGN.md's availability call): the seed's fields,
 * the live reservations as `occupied` (cancelled ones and lapsed holds occupy nothing, by
 * turnos_reservation_is_live()), @blocks as `blocked`, and the free slots of
 * turnos_availability_compute_slots(). Pure: the server calls it on what its store holds.
 */
TurnosAvailability *turnos_availability_new_for_day (const TurnosSettings *settings,
                                                     const GDate          *date,
                                                     GPtrArray            *reservations,
                                                     GPtrArray            *blocks,
                                                     GDateTime            *now,
                                                     GPtrArray           **live_out);

/**
 * turnos_availability_compute_slots:
 *
 * The free slots of @self's day by the slot engine (turnos_slots_compute()), the busy spans
 * being `occupied` (or, from a seed-only server that sends just `occupiedSlots`, each start
 * plus the session length of @settings) and `blocked`. The server and the client's fallback
 * both use it, so the client never offers what the server refuses.
 *
 * Returns: (transfer full): a GArray of TurnosInterval in time order.
 */
GArray             *turnos_availability_compute_slots (const TurnosAvailability *self,
                                                       const TurnosSettings     *settings,
                                                       GDateTime                *now);

/**
 * turnos_availability_free_slots:
 *
 * What a client offers from an answer at @now: the server's own `slots` when the answer has
 * them, without those that the minimum notice of @settings has closed since, else
 * turnos_availability_compute_slots() (DESIGN.md's booking flow, step 2).
 *
 * Returns: (transfer full): a GArray of TurnosInterval in time order.
 */
GArray             *turnos_availability_free_slots    (const TurnosAvailability *self,
                                                       const TurnosSettings     *settings,
                                                       GDateTime                *now);

/* Required: date, timezone (a known zone), occupiedSlots; occupied, blocked and slots are
 * optional additions. */
TurnosAvailability *turnos_availability_from_json (JsonNode                 *node,
                                                   GError                  **error);
/* The answer's members, written into an object the caller has opened (the front desk's day
 * adds its own after them). */
void                turnos_availability_write_members (const TurnosAvailability *self,
                                                       TurnosJsonWriter         *writer);
/* The whole answer as a JSON document, streamed; to_node parses it back into a tree. */
char               *turnos_availability_to_json   (const TurnosAvailability *self,
                                                   gsize                    *length);
JsonNode           *turnos_availability_to_node   (const TurnosAvailability *self);

typedef struct
{
  GDate date;
  int   free_slots;
} TurnosMonthDay;

typedef struct
{
  int        year;
  int        month;     /* 1-12 */
  char      *timezone;
  GArray    *days;      /* of TurnosMonthDay, one per day of the month, in order */

  /*< private >*/
  gatomicrefcount ref_count;
} TurnosMonthOverview;

#define TURNOS_TYPE_MONTH_OVERVIEW (turnos_month_overview_get_type ())
GType                turnos_month_overview_get_type (void) G_GNUC_CONST;

TurnosMonthOverview *turnos_month_overview_new   (void);
TurnosMonthOverview *turnos_month_overview_ref   (TurnosMonthOverview *self);
void                 turnos_month_overview_unref (TurnosMonthOverview *self);

/* {"month": "YYYY-MM", "timezone", "days": [{"date", "free_slots"}]}: every day in the
 * month, free_slots 0 to G_MAXINT; else TURNOS_ERROR_INVALID_VALUE. */
TurnosMonthOverview *turnos_month_overview_from_json (JsonNode                  *node,
                                                      GError                   **error);
char                *turnos_month_overview_to_json   (const TurnosMonthOverview *self,
                                                      gsize                     *length);
JsonNode            *turnos_month_overview_to_node   (const TurnosMonthOverview *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosAvailability, turnos_availability_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosMonthOverview, turnos_month_overview_unref)

G_END_DECLS
