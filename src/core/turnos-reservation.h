/* turnos-reservation.h: a booking of one patient with one professional
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "turnos-settings.h"
#include "turnos-types.h"

G_BEGIN_DECLS

/* Which reservations a list asks for (DESIGN.md, "Lists are paged": status=all|live|cancelled),
 * the same word on the server and in the client. */
typedef enum
{
  TURNOS_RESERVATION_FILTER_ALL,
  TURNOS_RESERVATION_FILTER_LIVE,        /* turnos_reservation_is_live() at the query's now */
  TURNOS_RESERVATION_FILTER_CANCELLED,   /* every one that is not live: cancelled, lapsed holds */
} TurnosReservationFilter;

typedef struct
{
  char           *id;               /* NULL before stored */
  char           *client_id;
  char           *professional_id;
  GDateTime      *start;            /* in the professional's zone */
  GDateTime      *end;
  TurnosStatus    status;
  TurnosModality  modality;         /* NONE, VIRTUAL or PRESENCIAL */
  GDateTime      *created_at;       /* NULL before stored */
  GDateTime      *hold_expires_at;  /* PENDING only: when the payment hold lapses; else NULL */
  char           *timezone;         /* the professional's zone name, an addition to the seed */
  char           *payment_id;       /* the deposit's payment while it is pending or paid; else NULL */
  char           *cancel_reason;    /* CANCELLED only: "cancelled", "expired", "released", … */
  char           *series_id;        /* the weekly series it belongs to, or NULL */
  char           *rescheduled_to;   /* CANCELLED by a reschedule: the reservation now in its place */

  /*< private >*/
  gatomicrefcount ref_count;
  gboolean        end_by_offset;    /* end_time came with an end_utc_offset */
} TurnosReservation;

#define TURNOS_TYPE_RESERVATION (turnos_reservation_get_type ())
GType              turnos_reservation_get_type (void) G_GNUC_CONST;

TurnosReservation *turnos_reservation_new   (void);
TurnosReservation *turnos_reservation_ref   (TurnosReservation *self);
void               turnos_reservation_unref (TurnosReservation *self);

/* Live: CONFIRMED, or PENDING whose hold has not expired at @now. Only live reservations
 * occupy time. */
gboolean           turnos_reservation_is_live (const TurnosReservation *self,
                                               GDateTime               *now);

/* A request draft, as a client sends it: the seed's Reservation (id, client_id,
 * professional_id, start_time, end_time, status, session_modality, created_at) plus the
 * additions timezone, hold_expires_at, payment_id, cancel_reason, series_id, rescheduled_to
 * (each written only when set), start_utc_offset and end_utc_offset. Required: client_id, professional_id, start_time.
 * end_time (the server computes it), status (default PENDING), session_modality (default
 * NONE), id, created_at are optional. Times are read in the object's own "timezone" when
 * present, else in @tz (which may then not be NULL), by the rule of turnos-time.h: start_time
 * its first occurrence (or the one at start_utc_offset), end_time relative to the start (or
 * at end_utc_offset). Errors: TURNOS_ERROR_PARSE (a time), _MISSING_FIELD, _INVALID_VALUE
 * (among them an end not after the start). */
TurnosReservation *turnos_reservation_from_json (JsonNode                *node,
                                                 GTimeZone               *tz,
                                                 GError                 **error);
/* A stored reservation, as a server answers it (DESIGN.md: "a stored reservation always has
 * one"): as a draft, but id (non-empty), status and end_time are required too
 * (TURNOS_ERROR_MISSING_FIELD), so whatever reads it (the .ics writer, the desk's day,
 * cancelling by id) finds it whole. */
TurnosReservation *turnos_reservation_stored_from_json (JsonNode         *node,
                                                        GTimeZone        *tz,
                                                        GError          **error);
/* The seed's members and the additions; start_utc_offset / end_utc_offset only beside a
 * time whose reading occurs twice in the zone (turnos_time_format_fold_offset()). A draft
 * written here and read by turnos_reservation_from_json() names the same instants. */
void               turnos_reservation_to_json   (const TurnosReservation *self,
                                                 JsonBuilder             *builder);
JsonNode          *turnos_reservation_to_node   (const TurnosReservation *self);

/**
 * turnos_reservation_draft_end:
 * @settings: the professional's rules
 * @start: a session's start
 *
 * Where a session that starts at @start ends: @start + turnos_settings_get_session_minutes()
 * minutes of elapsed time, whatever the wall clock does in between (a 60-minute session from
 * 01:00 CEST on Madrid's fall-back night ends at 02:00 CEST; one from the first 02:00 ends at
 * the second 02:00). The one definition the slot engine, the server and the booking layer
 * share.
 *
 * Returns: (transfer full): the end, in @start's zone
 */
GDateTime         *turnos_reservation_draft_end (const TurnosSettings *settings,
                                                 GDateTime            *start);

/**
 * turnos_reservation_settle_end:
 * @draft: a request draft, as turnos_reservation_from_json() read it
 * @settings: its professional's rules
 * @error: TURNOS_ERROR_BAD_DURATION
 *
 * The server owns a session's end (DESIGN.md): this sets @draft's end to
 * turnos_reservation_draft_end(). A draft without end_time is simply completed. One with an
 * end_time is held to it by its wall reading, since a bare reading cannot tell the two runs of
 * a repeated hour apart (turnos-time.h, rule 3): "01:00"–"02:00" is a 60-minute session from
 * 01:00 CEST and a 120-minute one too (its end then being the second 02:00). With an
 * end_utc_offset the draft named one instant, and that instant must be the end.
 *
 * Returns: TRUE when @draft's end is (now) start + the session length.
 */
gboolean           turnos_reservation_settle_end (TurnosReservation    *draft,
                                                  const TurnosSettings *settings,
                                                  GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosReservation, turnos_reservation_unref)

G_END_DECLS
