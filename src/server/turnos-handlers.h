/* turnos-handlers.h: the route handlers, by resource
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-route.h"

G_BEGIN_DECLS

/* turnos-handlers-auth.c: sign in and out, the signed-in user, changing one's password */
void turnos_handle_login             (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_logout            (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_password          (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_me                (TurnosRequest *request, TurnosAnswer *answer);

/* turnos-handlers-professionals.c: health, professionals, settings, blocks (time off) */
void turnos_handle_health            (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_professionals     (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_settings          (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_blocks_list       (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_blocks_add        (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_blocks_remove     (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_professionals_create (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_settings_put      (TurnosRequest *request, TurnosAnswer *answer);

/* turnos-handlers-patients.c: the directory, a patient's export and erasure */
void turnos_handle_patients_search   (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_patients_create   (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_patient_get       (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_patient_edit      (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_patient_export    (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_patient_erase     (TurnosRequest *request, TurnosAnswer *answer);

/* turnos-handlers-audit.c: who did what */
void turnos_handle_audit             (TurnosRequest *request, TurnosAnswer *answer);

/* turnos-handlers-availability.c: a day, a month, the front desk's day */
void turnos_handle_availability      (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_availability_month (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_desk_day          (TurnosRequest *request, TurnosAnswer *answer);

/* turnos-handlers-reservations.c: create without payment, list, cancel */
void turnos_handle_create            (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_reservations_list (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_cancel            (TurnosRequest *request, TurnosAnswer *answer);

/* turnos-handlers-events.c: GET /events that is not a WebSocket handshake the server takes */
void turnos_handle_events            (TurnosRequest *request, TurnosAnswer *answer);

/* turnos-handlers-payments.c: deposits and the sandbox provider's checkout */
void turnos_handle_payment_create    (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_payment_get       (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_sandbox_page      (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_sandbox_pay       (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_sandbox_decline   (TurnosRequest *request, TurnosAnswer *answer);

/* Shared by reservations and payments (turnos-handlers-reservations.c): reads a reservation
 * request and applies every rule but the overlap. Returns the draft with the server's end
 * time, the professional and the request's hash (for the Idempotency-Key), or NULL with
 * @answer set. */
TurnosReservation *turnos_handlers_read_draft (TurnosRequest   *request,
                                               TurnosSettings **settings_out,
                                               char           **hash_out,
                                               TurnosAnswer    *answer);

G_END_DECLS
