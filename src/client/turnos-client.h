/* turnos-client.h: the reservations API client
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-availability.h"
#include "turnos-block.h"
#include "turnos-payment.h"
#include "turnos-reservation.h"
#include "turnos-settings.h"

G_BEGIN_DECLS

#define TURNOS_CLIENT_ERROR (turnos_client_error_quark ())

/**
 * TurnosClientError:
 * @TURNOS_CLIENT_ERROR_CANNOT_CONNECT: no server answered at the base URL
 * @TURNOS_CLIENT_ERROR_TIMED_OUT: the server took longer than the timeout
 * @TURNOS_CLIENT_ERROR_CONFLICT: 409, the time was taken (or the state forbids the change)
 * @TURNOS_CLIENT_ERROR_INVALID: 400, 413 or 422, the server refused the request's content
 * @TURNOS_CLIENT_ERROR_NOT_FOUND: 404
 * @TURNOS_CLIENT_ERROR_SERVER: 5xx or any other unexpected status
 * @TURNOS_CLIENT_ERROR_MALFORMED: the answer could not be read as the expected JSON
 * @TURNOS_CLIENT_ERROR_UNAUTHORIZED: 401, no valid token (sign in again) or, from
 *   turnos_client_login_async(), a wrong user name or password
 * @TURNOS_CLIENT_ERROR_FORBIDDEN: 403, the signed-in account may not do this
 * @TURNOS_CLIENT_ERROR_TOO_MANY_ATTEMPTS: 429, too many failed sign-ins; wait and retry
 *
 * Every error from the server also carries the API's error code ("slot_taken", …),
 * read with turnos_client_error_get_api_code(). Cancellation is G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  TURNOS_CLIENT_ERROR_CANNOT_CONNECT,
  TURNOS_CLIENT_ERROR_TIMED_OUT,
  TURNOS_CLIENT_ERROR_CONFLICT,
  TURNOS_CLIENT_ERROR_INVALID,
  TURNOS_CLIENT_ERROR_NOT_FOUND,
  TURNOS_CLIENT_ERROR_SERVER,
  TURNOS_CLIENT_ERROR_MALFORMED,
  TURNOS_CLIENT_ERROR_UNAUTHORIZED,
  TURNOS_CLIENT_ERROR_FORBIDDEN,
  TURNOS_CLIENT_ERROR_TOO_MANY_ATTEMPTS,
} TurnosClientError;

GQuark      turnos_client_error_quark        (void);
/* The server's {"error": {"code"}} word, or NULL (connection errors, malformed answers). */
const char *turnos_client_error_get_api_code (const GError *error);

#define TURNOS_TYPE_CLIENT (turnos_client_get_type ())
G_DECLARE_FINAL_TYPE (TurnosClient, turnos_client, TURNOS, CLIENT, GObject)

/* Properties: "base-url" (construct-only, e.g. "http://127.0.0.1:8080/"), "timeout"
 * (seconds per request, default 10). */
TurnosClient *turnos_client_new            (const char   *base_url);
const char   *turnos_client_get_base_url   (TurnosClient *self);
guint         turnos_client_get_timeout    (TurnosClient *self);
void          turnos_client_set_timeout    (TurnosClient *self,
                                            guint         seconds);

/* "token" (nullable): the bearer token sent as `Authorization: Bearer TOKEN` with every
 * request; set by turnos_client_login_async() or by the app (the embedded server's). */
const char   *turnos_client_get_token      (TurnosClient *self);
void          turnos_client_set_token      (TurnosClient *self,
                                            const char   *token);

/* POST /auth/login: on success the client keeps the token (the "token" property) and the
 * signed-in user's id and role ("patient", "desk", "professional", "admin"). A wrong user
 * name or password is TURNOS_CLIENT_ERROR_UNAUTHORIZED (api code "bad_credentials"); too
 * many tries, TURNOS_CLIENT_ERROR_TOO_MANY_ATTEMPTS. */
void          turnos_client_login_async    (TurnosClient        *self,
                                            const char          *username,
                                            const char          *password,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      turnos_client_login_finish   (TurnosClient        *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* POST /auth/logout: revokes the token on the server; the client forgets it either way. */
void          turnos_client_logout_async   (TurnosClient        *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean      turnos_client_logout_finish  (TurnosClient        *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* The signed-in user's id and role from the last sign-in, or NULL. */
const char   *turnos_client_get_user_id    (TurnosClient *self);
const char   *turnos_client_get_user_role  (TurnosClient *self);

/* A fresh random key for one draft's Idempotency-Key header. */
char         *turnos_client_new_idempotency_key (void);

/* GET /health */
void      turnos_client_health_async  (TurnosClient        *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  turnos_client_health_finish (TurnosClient        *self,
                                       GAsyncResult        *result,
                                       GError             **error);

/* GET /professionals → GPtrArray of TurnosSettings */
void       turnos_client_list_professionals_async  (TurnosClient        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray *turnos_client_list_professionals_finish (TurnosClient        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* GET /professionals/{id}/settings */
void            turnos_client_get_settings_async  (TurnosClient        *self,
                                                   const char          *professional_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
TurnosSettings *turnos_client_get_settings_finish (TurnosClient        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* GET /reservations/availability?date=&professional_id= */
void                turnos_client_get_availability_async  (TurnosClient        *self,
                                                           const char          *professional_id,
                                                           const GDate         *date,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
TurnosAvailability *turnos_client_get_availability_finish (TurnosClient        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

/* The front desk's day: the availability answer and the live reservations with their patients. */
typedef struct
{
  TurnosAvailability *availability;
  GPtrArray          *reservations;   /* of TurnosReservation, in time order */
} TurnosDayAgenda;

void turnos_day_agenda_free (TurnosDayAgenda *agenda);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosDayAgenda, turnos_day_agenda_free)

/* GET /professionals/{id}/day?date=YYYY-MM-DD */
void             turnos_client_get_day_async  (TurnosClient        *self,
                                               const char          *professional_id,
                                               const GDate         *date,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
TurnosDayAgenda *turnos_client_get_day_finish (TurnosClient        *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* GET /reservations/availability/month?month=YYYY-MM&professional_id= (@month 1-12) */
void                 turnos_client_get_month_async  (TurnosClient        *self,
                                                     const char          *professional_id,
                                                     int                  year,
                                                     int                  month,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
TurnosMonthOverview *turnos_client_get_month_finish (TurnosClient        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* POST /reservations/create-without-payment; @idempotency_key may be NULL. */
void               turnos_client_create_reservation_async  (TurnosClient        *self,
                                                            TurnosReservation   *draft,
                                                            const char          *idempotency_key,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
TurnosReservation *turnos_client_create_reservation_finish (TurnosClient        *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* GET /reservations?client_id= → GPtrArray of TurnosReservation, newest start first */
void       turnos_client_list_reservations_async  (TurnosClient        *self,
                                                   const char          *client_id,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
GPtrArray *turnos_client_list_reservations_finish (TurnosClient        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* POST /reservations/{id}/cancel → the cancelled reservation */
void               turnos_client_cancel_reservation_async  (TurnosClient        *self,
                                                            const char          *reservation_id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
TurnosReservation *turnos_client_cancel_reservation_finish (TurnosClient        *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* GET /professionals/{id}/blocks?from=YYYY-MM-DD&to=YYYY-MM-DD (either may be NULL)
 * → GPtrArray of TurnosBlock */
void       turnos_client_list_blocks_async  (TurnosClient        *self,
                                             const char          *professional_id,
                                             const GDate         *from,
                                             const GDate         *to,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GPtrArray *turnos_client_list_blocks_finish (TurnosClient        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* POST /professionals/{id}/blocks → the stored block */
void         turnos_client_add_block_async  (TurnosClient        *self,
                                             TurnosBlock         *block,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
TurnosBlock *turnos_client_add_block_finish (TurnosClient        *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* DELETE /professionals/{id}/blocks/{block_id} */
void     turnos_client_remove_block_async  (TurnosClient        *self,
                                            const char          *professional_id,
                                            const char          *block_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean turnos_client_remove_block_finish (TurnosClient        *self,
                                            GAsyncResult        *result,
                                            GError             **error);

/* POST /reservations/payment; @idempotency_key may be NULL. */
void           turnos_client_start_payment_async  (TurnosClient        *self,
                                                   TurnosReservation   *draft,
                                                   const char          *idempotency_key,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
TurnosPayment *turnos_client_start_payment_finish (TurnosClient        *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* GET /reservations/payment/{payment_id} */
void           turnos_client_get_payment_async  (TurnosClient        *self,
                                                 const char          *payment_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
TurnosPayment *turnos_client_get_payment_finish (TurnosClient        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
