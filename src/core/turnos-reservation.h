/* turnos-reservation.h: a booking of one patient with one professional
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "turnos-types.h"

G_BEGIN_DECLS

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

  /*< private >*/
  gatomicrefcount ref_count;
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

/* The seed's Reservation: id, client_id, professional_id, start_time, end_time, status,
 * session_modality, created_at; plus the additions timezone, hold_expires_at, payment_id and
 * cancel_reason (DESIGN.md; each written only when set).
 * Required: client_id, professional_id, start_time. end_time, status (default PENDING),
 * session_modality (default NONE), id, created_at are optional. Times are read in the
 * object's own "timezone" when present, else in @tz (which may then not be NULL). */
TurnosReservation *turnos_reservation_from_json (JsonNode                *node,
                                                 GTimeZone               *tz,
                                                 GError                 **error);
void               turnos_reservation_to_json   (const TurnosReservation *self,
                                                 JsonBuilder             *builder);
JsonNode          *turnos_reservation_to_node   (const TurnosReservation *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosReservation, turnos_reservation_unref)

G_END_DECLS
