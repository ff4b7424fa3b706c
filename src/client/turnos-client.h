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
#include "turnos-person.h"
#include "turnos-reservation.h"
#include "turnos-series.h"
#include "turnos-settings.h"
#include "turnos-waitlist.h"

G_BEGIN_DECLS

#define TURNOS_CLIENT_ERROR (turnos_client_error_quark ())

/**
 * TurnosClientError:
 * @TURNOS_CLIENT_ERROR_CANNOT_CONNECT: no server answered at the base URL
 * @TURNOS_CLIENT_ERROR_TIMED_OUT: the call took longer than the client's timeout: a silent
 *   server, or one that never finishes its answer (see turnos_client_set_timeout())
 * @TURNOS_CLIENT_ERROR_CONFLICT: 409, the time was taken (or the state forbids the change)
 * @TURNOS_CLIENT_ERROR_INVALID: 400, 413 or 422, the server refused the request's content
 * @TURNOS_CLIENT_ERROR_NOT_FOUND: 404
 * @TURNOS_CLIENT_ERROR_SERVER: 5xx or any other unexpected status
 * @TURNOS_CLIENT_ERROR_MALFORMED: the answer could not be read as the expected JSON; also an
 *   answer past TURNOS_CLIENT_MAX_ANSWER_BYTES once decoded, or nested deeper than
 *   TURNOS_JSON_MAX_DEPTH
 * @TURNOS_CLIENT_ERROR_UNTRUSTED_URL: the answer names a link the client will not hand on to
 *   be opened: a payment's `checkout_url` that is not http(s) on the base URL's origin or on
 *   one of the #TurnosClient:payment-origins.
 * @TURNOS_CLIENT_ERROR_BAD_ADDRESS: the base URL and the call's path make no valid URL (a
 *   mistyped server address)
 * @TURNOS_CLIENT_ERROR_UNAUTHORIZED: 401, no valid token (sign in again) or, from
 *   turnos_client_login_async(), a wrong user name or password
 * @TURNOS_CLIENT_ERROR_FORBIDDEN: 403, the signed-in account may not do this
 * @TURNOS_CLIENT_ERROR_TOO_MANY_ATTEMPTS: 429, too many failed sign-ins; wait and retry (how
 *   long: turnos_client_error_get_retry_after())
 * @TURNOS_CLIENT_ERROR_UNTRUSTED_CERTIFICATE: an https server whose certificate the client's
 *   TLS database does not trust (a clinic's own CA: turnos_client_set_tls_database())
 *
 * Every message is log text in English; the GUI words each code for people
 * (turnos_format_error()).
 *
 * Every error from the server also carries the API's error code ("slot_taken", …),
 * read with turnos_client_error_get_api_code(). Cancellation through the caller's
 * GCancellable is G_IO_ERROR_CANCELLED, never one of these.
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
  TURNOS_CLIENT_ERROR_UNTRUSTED_URL,
  TURNOS_CLIENT_ERROR_BAD_ADDRESS,
  TURNOS_CLIENT_ERROR_UNAUTHORIZED,
  TURNOS_CLIENT_ERROR_FORBIDDEN,
  TURNOS_CLIENT_ERROR_TOO_MANY_ATTEMPTS,
  TURNOS_CLIENT_ERROR_UNTRUSTED_CERTIFICATE,
} TurnosClientError;

/* The most an answer's body may hold once decoded (after gzip or deflate): 4 MiB. The
 * largest real answers (a month, a patient's page of reservations, a professional's blocks)
 * are tens of KB; a body past this is cut off at this size and the call fails with
 * TURNOS_CLIENT_ERROR_MALFORMED (or, for a non-2xx status, with that status's error and no
 * API code), so an endless or inflating answer costs at most this much memory. */
#define TURNOS_CLIENT_MAX_ANSWER_BYTES (4 * 1024 * 1024)

GQuark      turnos_client_error_quark        (void);
/* The server's {"error": {"code"}} word, or NULL (connection errors, malformed answers). */
const char *turnos_client_error_get_api_code (const GError *error);
/* The reservations an error answer names, owned by @error, or NULL: a 409 block_overlaps
 * carries every live session under the refused block ({"error": {"reservations": [...]}},
 * else the single {"reservation"} of an older server). Entries that cannot be read are left
 * out. */
GPtrArray  *turnos_client_error_get_reservations (const GError *error);
/* A 409 series_conflicts' list of TurnosSeriesConflict (every session that cannot be booked,
 * and why), owned by @error, or NULL. A 409 patient_busy names the patient's other session
 * in turnos_client_error_get_reservations(). */
GPtrArray  *turnos_client_error_get_conflicts (const GError *error);
/* TURNOS_CLIENT_ERROR_TOO_MANY_ATTEMPTS: the seconds the server's Retry-After asks to wait;
 * 0 for any other error, or when the server named none. */
guint       turnos_client_error_get_retry_after (const GError *error);
/* The member a refused request names, for a form to point at: the server's
 * {"error": {"field"}}, such as "session_duration_minutes" or "working_hours[2]" (the index
 * in the list sent) with a 400 invalid_field, or "username" with a 409 username_taken; NULL
 * when the answer names none. */
const char *turnos_client_error_get_field    (const GError *error);

#define TURNOS_TYPE_CLIENT (turnos_client_get_type ())
G_DECLARE_FINAL_TYPE (TurnosClient, turnos_client, TURNOS, CLIENT, GObject)

/* Properties:
 * - "base-url" (construct-only, e.g. "http://127.0.0.1:8080/").
 * - "timeout": seconds, default 10, 0 for none. Each call must be over within it, from
 *   sending the request to the answer's last byte: a server that stays silent, or trickles
 *   its answer a byte at a time, fails the call with TURNOS_CLIENT_ERROR_TIMED_OUT at the
 *   deadline. (It is also libsoup's limit on one silent read.) A call takes the value in
 *   force when it starts. Long-lived connections are exempt: the live events WebSocket
 *   (DESIGN.md; TurnosEvents, turnos-events.h) is not a request-response call and connects
 *   without a deadline and on a session with no per-read timeout (the server pings every
 *   30 s); see the "Requests" notes in turnos-client.c.
 * - "payment-origins": origins besides the base URL's where a payment's checkout page may
 *   live, each as "https://pay.example.com" or "https://pay.example.com:8443" (scheme, host,
 *   optional port; no path, query or user). Set by the application from its own
 *   configuration, as the base URL is: a list sent by the server would be rewritten by the
 *   same party on the path of plain HTTP that this check keeps out. Default empty: only the
 *   server's own origin (its built-in sandbox checkout lives there). */
TurnosClient *turnos_client_new            (const char   *base_url);
const char   *turnos_client_get_base_url   (TurnosClient *self);
guint         turnos_client_get_timeout    (TurnosClient *self);
void          turnos_client_set_timeout    (TurnosClient *self,
                                            guint         seconds);
/* NULL-terminated, owned by @self; empty, never NULL. */
const char * const *turnos_client_get_payment_origins (TurnosClient       *self);
/* @origins may be NULL (none). An entry that is not an http(s) origin as above is a
 * programming error: it is dropped with a warning. */
void                turnos_client_set_payment_origins (TurnosClient       *self,
                                                       const char * const *origins);

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
/* Whether the last sign-in's account must choose a password of its own before anything but
 * GET /me, logout and POST /auth/password (turnos_client_change_password_async()): the
 * server answers 403 password_change_required until then. */
gboolean      turnos_client_get_must_change_password (TurnosClient *self);

/* Whom https answers are checked against: NULL (the default) is the system's trusted
 * authorities; a clinic's own CA is g_tls_file_database_new() on its PEM file, which then is
 * the only authority trusted. A certificate it does not trust fails every call with
 * TURNOS_CLIENT_ERROR_UNTRUSTED_CERTIFICATE. */
void          turnos_client_set_tls_database (TurnosClient *self,
                                              GTlsDatabase *database);

/* Signal "unauthorized" (GError *error): a call sent with a token was answered 401 (the
 * token expired or was revoked; not a wrong password at sign-in). Emitted before that
 * call's own callback runs, which then fails with TURNOS_CLIENT_ERROR_UNAUTHORIZED. Whoever
 * keeps the session signs in again and sets "token"; the failed call can then be retried. */

/* GET /me → the signed-in account (id, role, display_name, must_change_password). */
void          turnos_client_get_me_async   (TurnosClient        *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
TurnosPerson *turnos_client_get_me_finish  (TurnosClient        *self,
                                            GAsyncResult        *result,
                                            GError             **error);
/* POST /auth/password {"current", "new"}: the account's other tokens are revoked, this one
 * stays. A wrong @current is TURNOS_CLIENT_ERROR_FORBIDDEN (api code "bad_credentials"); a
 * @new_password shorter than 8 bytes, TURNOS_CLIENT_ERROR_INVALID. */
void          turnos_client_change_password_async  (TurnosClient        *self,
                                                    const char          *current,
                                                    const char          *new_password,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean      turnos_client_change_password_finish (TurnosClient        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* GET /patients?q=TEXT&limit=N → GPtrArray of TurnosPerson: the directory's patients whose
 * name (ignoring case and accents), document or phone holds @query ("" lists everyone), by
 * name; the first page of at most @limit (1-500). */
void          turnos_client_search_patients_async  (TurnosClient        *self,
                                                    const char          *query,
                                                    guint                limit,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray    *turnos_client_search_patients_finish (TurnosClient        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* GET /patients/{id} */
void          turnos_client_get_patient_async      (TurnosClient        *self,
                                                    const char          *patient_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
TurnosPerson *turnos_client_get_patient_finish     (TurnosClient        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* POST /patients: @patient's display_name (required), document, phone, email and, with
 * @initial_password (8 bytes or more), its username, so the patient can sign in and must
 * choose a password of their own first. → the stored patient, with its new id. A taken user
 * name is TURNOS_CLIENT_ERROR_CONFLICT (api code "username_taken"). */
void          turnos_client_create_patient_async   (TurnosClient        *self,
                                                    const TurnosPerson  *patient,
                                                    const char          *initial_password,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
TurnosPerson *turnos_client_create_patient_finish  (TurnosClient        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* DELETE /patients/{id} (admin): the patient's personal data is erased. */
void          turnos_client_erase_patient_async    (TurnosClient        *self,
                                                    const char          *patient_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean      turnos_client_erase_patient_finish   (TurnosClient        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/**
 * turnos_client_create_professional_async:
 * @settings: the new professional's settings (validated as a whole by the server); user_id
 *   is their id (1 to 64 letters, digits, ".", "-" or "_")
 * @username: (nullable): the user name they sign in with, with @initial_password; both or
 *   neither
 * @initial_password: (nullable): 8 to 200 bytes, to be changed at the first sign-in
 *
 * POST /professionals (admin only): settings and an account. Errors as
 * turnos_client_put_settings_async(), plus TURNOS_CLIENT_ERROR_CONFLICT with api code
 * "username_taken" when the id or the user name is taken. Finish → the stored settings.
 */
void            turnos_client_create_professional_async  (TurnosClient          *self,
                                                          const TurnosSettings  *settings,
                                                          const char            *username,
                                                          const char            *initial_password,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
TurnosSettings *turnos_client_create_professional_finish (TurnosClient          *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);

/* TRUE when the base URL's host is this machine (localhost, 127.0.0.0/8, ::1): the server runs
 * here, as the embedded one does at a clinic's own desk, and its addresses (a checkout page's)
 * cannot be reached from another device. */
gboolean      turnos_client_is_local       (TurnosClient *self);

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

/* The front desk's day: the availability answer, the live reservations with their patients,
 * and who waits for time to free up. */
typedef struct
{
  TurnosAvailability *availability;
  GPtrArray          *reservations;   /* of TurnosReservation, in time order */
  GPtrArray          *waitlist;       /* of TurnosWaitlistEntry, first come first (empty from a
                                       * server without a waitlist) */
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

/* One page of a patient's reservations. */
typedef struct
{
  GPtrArray *reservations;   /* of TurnosReservation, in the server's order */
  char      *next_cursor;    /* the next page's cursor, NULL on the last page */
  gboolean   paged;          /* the answer was a page ("next_cursor" present, even null): the
                              * server applied the filters and order. FALSE: an older server
                              * ignored them and answered everything it keeps, unfiltered and
                              * newest first, in one page. */
} TurnosReservationPage;

void turnos_reservation_page_free (TurnosReservationPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosReservationPage, turnos_reservation_page_free)

/* GET /reservations?client_id=&status=live|cancelled|all&order=asc|desc[&from=YYYY-MM-DD]
 * [&to=YYYY-MM-DD][&limit=N][&cursor=C]: @from and @to (nullable) are days in the clinic's
 * zone, both included; @limit 0 leaves the server's default (100, at most 500); @cursor is a
 * previous page's next_cursor, or NULL for the first page. */
void                   turnos_client_list_reservations_page_async  (TurnosClient            *self,
                                                                    const char              *client_id,
                                                                    TurnosReservationFilter  status,
                                                                    const GDate             *from,
                                                                    const GDate             *to,
                                                                    gboolean                 descending,
                                                                    guint                    limit,
                                                                    const char              *cursor,
                                                                    GCancellable            *cancellable,
                                                                    GAsyncReadyCallback      callback,
                                                                    gpointer                 user_data);
TurnosReservationPage *turnos_client_list_reservations_page_finish (TurnosClient            *self,
                                                                    GAsyncResult            *result,
                                                                    GError                 **error);

/* POST /reservations/{id}/cancel → the cancelled reservation */
void               turnos_client_cancel_reservation_async  (TurnosClient        *self,
                                                            const char          *reservation_id,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
TurnosReservation *turnos_client_cancel_reservation_finish (TurnosClient        *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
/* The same with {"override_reason": @reason}: the desk or the admin cancels past the
 * professional's cancel notice (403 from anyone else); the reason goes to the audit. */
void               turnos_client_cancel_reservation_with_reason_async  (TurnosClient        *self,
                                                                        const char          *reservation_id,
                                                                        const char          *reason,
                                                                        GCancellable        *cancellable,
                                                                        GAsyncReadyCallback  callback,
                                                                        gpointer             user_data);
TurnosReservation *turnos_client_cancel_reservation_with_reason_finish (TurnosClient        *self,
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

/* POST /reservations/payment; @idempotency_key may be NULL. A `checkout_url` in the answer
 * is checked before the payment is returned (here and in turnos_client_get_payment_finish()):
 * http or https, no user part, only printable ASCII without backslashes, and on the base
 * URL's origin (scheme, host and port equal) or on one of the "payment-origins"; anything else
 * (file:, javascript:, another host or port) fails with TURNOS_CLIENT_ERROR_UNTRUSTED_URL, so
 * a caller may hand a returned checkout_url to a URI launcher as it is. */
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

/*
 * Booking the way therapy works (DESIGN.md "Reschedule, series, waitlist"):
 * turnos-client-series.c
 */

/* POST /reservations/create-without-payment with the desk's "override_reason" (nullable:
 * none), which books past patient_busy (403 forbidden for a patient's account). */
void               turnos_client_create_reservation_override_async  (TurnosClient        *self,
                                                                     TurnosReservation   *draft,
                                                                     const char          *override_reason,
                                                                     const char          *idempotency_key,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
TurnosReservation *turnos_client_create_reservation_override_finish (TurnosClient        *self,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);

/* POST /reservations/{id}/cancel with the desk's "override_reason" (nullable), which cancels
 * past the cancel notice. */
void               turnos_client_cancel_reservation_override_async  (TurnosClient        *self,
                                                                     const char          *reservation_id,
                                                                     const char          *override_reason,
                                                                     GCancellable        *cancellable,
                                                                     GAsyncReadyCallback  callback,
                                                                     gpointer             user_data);
TurnosReservation *turnos_client_cancel_reservation_override_finish (TurnosClient        *self,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);

/**
 * TurnosSeriesRequest:
 * @first: (nullable): the first session, a draft as for a booking (client, professional,
 *   start, modality; its end is the server's)
 * @repeat_id: (nullable): instead of @first, a live session of the patient that becomes the
 *   series' first ("Repeat weekly")
 * @every_weeks: 1 or 2
 * @count: sessions in all, the first included (1 to TURNOS_SERIES_MAX_SESSIONS; 2 or more with
 *   @repeat_id), or 0 to go by @until
 * @until: (nullable): the last day a session may fall on, inclusive
 * @mode: ALL_OR_NOTHING or FREE_ONES
 * @override_reason: (nullable): the desk's, which books past patient_busy
 *
 * What POST /reservations/series is asked; the caller's, borrowed for the call.
 */
typedef struct
{
  TurnosReservation *first;
  const char        *repeat_id;
  guint              every_weeks;
  guint              count;
  const GDate       *until;
  TurnosSeriesMode   mode;
  const char        *override_reason;
} TurnosSeriesRequest;

/* POST /reservations/series[?dry_run=1]: with @dry_run nothing is booked and the answer lists
 * the sessions that would be and the conflicts (TurnosSeries without series_id). Booked, the
 * series (its payment set when the professional asks for a deposit: one payment for every
 * session's deposit, to pay as a single one's). Refused: TURNOS_CLIENT_ERROR_CONFLICT with api
 * code "series_conflicts" and turnos_client_error_get_conflicts(). @idempotency_key (nullable)
 * makes a retry safe. */
void          turnos_client_book_series_async  (TurnosClient              *self,
                                                const TurnosSeriesRequest *request,
                                                gboolean                   dry_run,
                                                const char                *idempotency_key,
                                                GCancellable              *cancellable,
                                                GAsyncReadyCallback        callback,
                                                gpointer                   user_data);
TurnosSeries *turnos_client_book_series_finish (TurnosClient              *self,
                                                GAsyncResult              *result,
                                                GError                   **error);

/* POST /reservations/series/{id}/cancel?from=YYYY-MM-DD: the session on @from (a day in the
 * professional's zone) and the following ones; @override_reason (nullable) is the desk's,
 * past the notice (else a session within it refuses the whole: 409 too_late_to_cancel, its
 * session in turnos_client_error_get_reservations()). → GPtrArray of the TurnosReservation
 * cancelled, in time order (maybe none). */
void       turnos_client_cancel_series_async  (TurnosClient        *self,
                                               const char          *series_id,
                                               const GDate         *from,
                                               const char          *override_reason,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray *turnos_client_cancel_series_finish (TurnosClient        *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* POST /reservations/{id}/reschedule: the session moves to @start (in its professional's
 * zone; @end nullable: the server's), in @modality (NONE: the same), with the desk's
 * @override_reason (nullable) past the notice or patient_busy. → the new reservation (the old
 * one is CANCELLED "rescheduled", rescheduled_to it). */
void               turnos_client_reschedule_async  (TurnosClient        *self,
                                                    const char          *reservation_id,
                                                    GDateTime           *start,
                                                    GDateTime           *end,
                                                    TurnosModality       modality,
                                                    const char          *override_reason,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
TurnosReservation *turnos_client_reschedule_finish (TurnosClient        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* POST /waitlist: @client_id waits for @professional_id's @date (the same again is the same
 * entry). 409 waitlist_full past the most days one patient may wait on. */
void                 turnos_client_join_waitlist_async  (TurnosClient        *self,
                                                         const char          *professional_id,
                                                         const GDate         *date,
                                                         const char          *client_id,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
TurnosWaitlistEntry *turnos_client_join_waitlist_finish (TurnosClient        *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* One page of waitlist entries. */
typedef struct
{
  GPtrArray *entries;       /* of TurnosWaitlistEntry, first come first */
  char      *next_cursor;   /* NULL on the last page */
} TurnosWaitlistPage;

void turnos_waitlist_page_free (TurnosWaitlistPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosWaitlistPage, turnos_waitlist_page_free)

/* GET /waitlist?professional_id=&date=&client_id=&limit=&cursor=: each filter nullable (a
 * patient's account sees its own entries, a professional's its agenda's); @limit 0 leaves the
 * server's default; @cursor a previous page's, or NULL. */
void                turnos_client_list_waitlist_async  (TurnosClient        *self,
                                                        const char          *professional_id,
                                                        const GDate         *date,
                                                        const char          *client_id,
                                                        guint                limit,
                                                        const char          *cursor,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
TurnosWaitlistPage *turnos_client_list_waitlist_finish (TurnosClient        *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* DELETE /waitlist/{id} */
void     turnos_client_leave_waitlist_async  (TurnosClient        *self,
                                              const char          *entry_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean turnos_client_leave_waitlist_finish (TurnosClient        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

/* What a settings change did (or, as a dry run, would do). */
typedef struct
{
  TurnosSettings *settings;        /* as stored (or as they would be) */
  GPtrArray      *outside_hours;   /* of TurnosReservation: live future sessions the new
                                    * working hours leave out, in time order */
} TurnosSettingsChange;

void turnos_settings_change_free (TurnosSettingsChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosSettingsChange, turnos_settings_change_free)

/**
 * turnos_client_put_settings_async:
 * @settings: the whole settings, user_id naming the professional
 * @dry_run: check and answer as the change would (`?dry_run=1`) without writing anything
 *
 * PUT /professionals/{id}/settings (a professional their own, the admin anyone's). The
 * server checks the settings as a whole (turnos_settings_check()): a bad member is
 * TURNOS_CLIENT_ERROR_INVALID with api code "invalid_field" and
 * turnos_client_error_get_field() naming it; someone else's settings,
 * TURNOS_CLIENT_ERROR_FORBIDDEN; an unknown professional, TURNOS_CLIENT_ERROR_NOT_FOUND.
 * Finish → TurnosSettingsChange.
 */
void                  turnos_client_put_settings_async  (TurnosClient        *self,
                                                         TurnosSettings      *settings,
                                                         gboolean             dry_run,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
TurnosSettingsChange *turnos_client_put_settings_finish (TurnosClient        *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* One line of the audit trail: who did what, when, to what. */
typedef struct
{
  gint64     seq;           /* the server's order, newest highest */
  GDateTime *at;            /* in UTC */
  char      *actor;         /* the account id, or "anonymous" */
  char      *action;        /* "reservation.create", "settings.change", … */
  char      *target_kind;   /* "reservation", "block", "patient", "professional", "account",
                             * "payment", or "" */
  char      *target_id;
  char      *detail;        /* a reason, the names of fields changed, or "" */
} TurnosAuditRecord;

void turnos_audit_record_free (TurnosAuditRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosAuditRecord, turnos_audit_record_free)

/* One page of the trail (named so beside the audit page, the window's view of it). */
typedef struct
{
  GPtrArray *records;       /* of TurnosAuditRecord, newest first */
  char      *next_cursor;   /* for the next page, or NULL at the end */
} TurnosAuditResult;

void turnos_audit_result_free (TurnosAuditResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosAuditResult, turnos_audit_result_free)

/**
 * turnos_client_list_audit_async:
 * @since: (nullable): only rows from this day on (its 00:00 UTC)
 * @actor: (nullable): only what this account id did
 * @target: (nullable): only what was done to this id (a reservation's, a patient's, …)
 * @limit: rows per page, 1 to 500; 0 for the server's default (100)
 * @cursor: (nullable): a previous page's next_cursor
 *
 * GET /audit (admin only; others TURNOS_CLIENT_ERROR_FORBIDDEN), newest first. Finish →
 * TurnosAuditResult.
 */
void             turnos_client_list_audit_async  (TurnosClient        *self,
                                                  const GDate         *since,
                                                  const char          *actor,
                                                  const char          *target,
                                                  guint                limit,
                                                  const char          *cursor,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
TurnosAuditResult *turnos_client_list_audit_finish (TurnosClient        *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

G_END_DECLS
