/* turnos-booking-summary.h: what is (or will be) booked, as rows
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-patient-names.h"
#include "turnos-reservation.h"
#include "turnos-settings.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_BOOKING_SUMMARY (turnos_booking_summary_get_type ())
G_DECLARE_FINAL_TYPE (TurnosBookingSummary, turnos_booking_summary, TURNOS, BOOKING_SUMMARY, GtkWidget)

/* Properties "reservation" (TurnosReservation), "settings" (TurnosSettings, the
 * professional's: name and deposit) and "patients" (TurnosPatientNames, nullable: who names
 * the patient; without it, or until the name is read, the patient shows by id). */
void turnos_booking_summary_set_reservation (TurnosBookingSummary *self,
                                             TurnosReservation    *reservation);
void turnos_booking_summary_set_settings    (TurnosBookingSummary *self,
                                             TurnosSettings       *settings);
void turnos_booking_summary_set_patients    (TurnosBookingSummary *self,
                                             TurnosPatientNames   *patients);

G_END_DECLS
