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

/* turnos-handlers-series.c: weekly series, cancelling this one and the following, reschedule */
void turnos_handle_series_create     (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_series_cancel     (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_reschedule        (TurnosRequest *request, TurnosAnswer *answer);

/* turnos-handlers-waitlist.c: waiting for time to free up on a day */
void turnos_handle_waitlist_add      (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_waitlist_list     (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_waitlist_remove   (TurnosRequest *request, TurnosAnswer *answer);
/* Every entry waiting for @professional_id's @date, first come first (the desk's day). */
GPtrArray *turnos_handlers_waiting_on (TurnosRequest *request, const char *professional_id,
                                       const GDate *date, GError **error);

/* turnos-handlers-events.c: GET /events that is not a WebSocket handshake the server takes */
void turnos_handle_events            (TurnosRequest *request, TurnosAnswer *answer);

/* turnos-handlers-payments.c: deposits and the sandbox provider's checkout */
void turnos_handle_payment_create    (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_payment_get       (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_sandbox_page      (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_sandbox_pay       (TurnosRequest *request, TurnosAnswer *answer);
void turnos_handle_sandbox_decline   (TurnosRequest *request, TurnosAnswer *answer);
/* Where the payment provider's checkout for @payment_id is reached (the server's public URL). */
char *turnos_handlers_checkout_url   (TurnosRequest *request, const char *payment_id);

/* Shared by reservations, payments and series (turnos-handlers-reservations.c): reads a
 * reservation request and applies every rule but the overlap. Returns the draft with the
 * server's end time, the professional, the request's hash (for the Idempotency-Key) and the
 * desk's override_reason (NULL when none; @override_out may be NULL), or NULL with @answer
 * set. */
TurnosReservation *turnos_handlers_read_draft (TurnosRequest   *request,
                                               TurnosSettings **settings_out,
                                               char           **hash_out,
                                               char           **override_out,
                                               TurnosAnswer    *answer);
/* The request's "override_reason" in @object, NULL when none; FALSE with @answer set (403)
 * when anyone but the desk or the admin gave one, or (400) it is not clean text of at most
 * 500 bytes. */
gboolean           turnos_handlers_read_override (TurnosRequest  *request,
                                                  JsonObject     *object,
                                                  const char    **reason,
                                                  TurnosAnswer   *answer);
/* FALSE with @answer set (403) when a patient books for someone else (@object's client_id). */
gboolean           turnos_handlers_may_book_for  (TurnosRequest  *request,
                                                  JsonObject     *object,
                                                  TurnosAnswer   *answer);
/* @node (a reservation request) as a draft: its professional found (404), its times read in
 * the professional's zone (400), its end the server's (422 bad_duration), what only the server
 * sets dropped. No other rule is applied. NULL with @answer set. */
TurnosReservation *turnos_handlers_parse_draft   (TurnosRequest   *request,
                                                  JsonNode        *node,
                                                  TurnosSettings **settings_out,
                                                  TurnosAnswer    *answer);
/* A booking the store refused: PATIENT_BUSY is 409 patient_busy naming the patient's other
 * session (error.reservation, @conflict); anything else as turnos_answer_store_error(). */
void               turnos_handlers_answer_booking_error (TurnosAnswer      *answer,
                                                         const GError      *error,
                                                         TurnosReservation *conflict);

G_END_DECLS
