/* turnos-series.h: a weekly series of sessions: when they fall, and what a booking of one says
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "turnos-payment.h"
#include "turnos-reservation.h"

G_BEGIN_DECLS

/* The most sessions one series books (DESIGN.md "Reschedule, series, waitlist": a year of
 * weekly sessions). */
#define TURNOS_SERIES_MAX_SESSIONS 52

/**
 * TurnosOccurrence:
 * @date: the session's day, in the professional's zone
 * @start_time: its wall reading, "YYYY-MM-DDTHH:MM:SS": the first session's time of day on
 *   @date
 * @start: (nullable): the instant @start_time names by the rule of turnos-time.h (its first
 *   occurrence when the reading is repeated), in the professional's zone; NULL when a DST
 *   change skips that reading on @date (rule 1: it names nothing)
 *
 * One session of a series, before anything is checked.
 */
typedef struct
{
  GDate      date;
  char      *start_time;
  GDateTime *start;
} TurnosOccurrence;

/**
 * turnos_series_occurrences:
 * @first: the first session's start, in the professional's zone
 * @every_weeks: 1 (weekly) or 2 (every two weeks)
 * @count: how many sessions in all, the first included (1 to TURNOS_SERIES_MAX_SESSIONS), or 0
 *   to go by @until
 * @until: (nullable): with @count 0, the last day a session may fall on (inclusive)
 * @error: TURNOS_ERROR_INVALID_VALUE: @every_weeks not 1 or 2, neither or both of @count and
 *   @until, @until before @first's day, or more than TURNOS_SERIES_MAX_SESSIONS sessions
 *
 * A pure function: the sessions of a series, one every @every_weeks weeks from @first, each
 * at the same wall-clock time in @first's zone (a Thursday 18:00 stays 18:00 across a DST
 * change, so its instant moves by the change). Each is read by turnos-time.h's rule from its
 * day and @first's time of day: a reading a change skips names nothing (its @start is NULL),
 * a repeated one names its first occurrence. The first entry is @first itself.
 *
 * Returns: (transfer full) (nullable): a GArray of TurnosOccurrence in time order (its clear
 *   function frees each), or NULL with @error set
 */
GArray *turnos_series_occurrences (GDateTime   *first,
                                   guint        every_weeks,
                                   guint        count,
                                   const GDate *until,
                                   GError     **error);

/**
 * TurnosSeriesConflict:
 * @start_time: the session's wall reading, "YYYY-MM-DDTHH:MM:SS" in the professional's zone
 * @code: why it cannot be booked, an API word of turnos-error.h: slot_taken (another
 *   session), blocked (time off), patient_busy (the patient's own session with someone),
 *   beyond_horizon, outside_working_hours, too_soon, in_past, invalid_time (a wall time a DST
 *   change skips that day), …
 * @reservation: (nullable): with patient_busy, the patient's other session (theirs to see)
 *
 * One session of a series that cannot be booked, and why.
 */
typedef struct
{
  char              *start_time;
  char              *code;
  TurnosReservation *reservation;
} TurnosSeriesConflict;

TurnosSeriesConflict *turnos_series_conflict_new  (const char        *start_time,
                                                   const char        *code,
                                                   TurnosReservation *reservation);
void                  turnos_series_conflict_free (TurnosSeriesConflict *self);
/* {"start_time", "code", "reservation"?} */
void                  turnos_series_conflict_to_json (const TurnosSeriesConflict *self,
                                                      JsonBuilder                *builder);
/* start_time and code required (TURNOS_ERROR_MISSING_FIELD); a reservation that cannot be
 * read is left out. */
TurnosSeriesConflict *turnos_series_conflict_from_json (JsonNode  *node,
                                                        GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosSeriesConflict, turnos_series_conflict_free)

/**
 * TurnosSeries:
 * @series_id: (nullable): the series' id; NULL for a dry run, or a 409's conflicts
 * @reservations: TurnosReservation: the sessions booked (a dry run's: those that would be),
 *   in time order
 * @conflicts: TurnosSeriesConflict: the sessions that cannot be booked, in time order
 * @payment: (nullable): the one payment of the whole series' deposits, when its professional
 *   asks for one (its amount is one deposit per session booked)
 *
 * The answer to a series (POST /reservations/series): refcounted, immutable once shared.
 */
typedef struct
{
  char          *series_id;
  GPtrArray     *reservations;
  GPtrArray     *conflicts;
  TurnosPayment *payment;

  /*< private >*/
  gatomicrefcount ref_count;
} TurnosSeries;

#define TURNOS_TYPE_SERIES (turnos_series_get_type ())
GType         turnos_series_get_type (void) G_GNUC_CONST;

TurnosSeries *turnos_series_new   (void);
TurnosSeries *turnos_series_ref   (TurnosSeries *self);
void          turnos_series_unref (TurnosSeries *self);

/* {"series_id": id or null, "reservations": [...], "conflicts": [...], "payment"?}; the
 * reservations are stored ones when series_id is set (drafts on a dry run). Errors:
 * TURNOS_ERROR_MISSING_FIELD, and the reservations' own. */
TurnosSeries *turnos_series_from_json (JsonNode            *node,
                                       GError             **error);
JsonNode     *turnos_series_to_node   (const TurnosSeries  *self);
/* Reads the "conflicts" array of @object (NULL when it has none). */
GPtrArray    *turnos_series_conflicts_from_object (JsonObject *object);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosSeries, turnos_series_unref)

G_END_DECLS
