/* turnos-error.h: the API's error codes and the core error domain
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Stable words carried in {"error": {"code": …, "message": …}} on every non-2xx answer.
 * The client maps them to translated messages; the message is for logs. */
#define TURNOS_CODE_BAD_REQUEST          "bad_request"          /* 400: malformed body or query */
#define TURNOS_CODE_BODY_TOO_LARGE       "body_too_large"       /* 413 */
#define TURNOS_CODE_INVALID_DATE         "invalid_date"         /* 400 */
#define TURNOS_CODE_INVALID_TIME         "invalid_time"         /* 400: not a local timestamp, or in a DST gap */
#define TURNOS_CODE_INVALID_FIELD        "invalid_field"        /* 400: a field with a bad value */
#define TURNOS_CODE_NOT_FOUND            "not_found"            /* 404: no such route or record */
#define TURNOS_CODE_UNKNOWN_PROFESSIONAL "unknown_professional" /* 404 */
#define TURNOS_CODE_METHOD_NOT_ALLOWED   "method_not_allowed"   /* 405 */
#define TURNOS_CODE_BAD_DURATION         "bad_duration"         /* 422: end != start + duration */
#define TURNOS_CODE_OUTSIDE_HOURS        "outside_working_hours"/* 422: not on the slot grid */
#define TURNOS_CODE_IN_PAST              "in_past"              /* 422 */
#define TURNOS_CODE_TOO_SOON             "too_soon"             /* 422: before the minimum notice */
#define TURNOS_CODE_BEYOND_HORIZON       "beyond_horizon"       /* 422 */
#define TURNOS_CODE_MODALITY_NOT_OFFERED "modality_not_offered" /* 422 */
#define TURNOS_CODE_DEPOSIT_REQUIRED     "deposit_required"     /* 422 */
#define TURNOS_CODE_SLOT_TAKEN           "slot_taken"           /* 409: overlaps a live reservation or a block */
#define TURNOS_CODE_BLOCK_OVERLAPS       "block_overlaps"       /* 409: a block over a live reservation */
#define TURNOS_CODE_ALREADY_CANCELLED    "already_cancelled"    /* 409 */
#define TURNOS_CODE_RESERVATION_PAST     "reservation_past"     /* 409: cancelling what already began */
#define TURNOS_CODE_TOO_LATE_TO_CANCEL   "too_late_to_cancel"   /* 409 */
#define TURNOS_CODE_NOT_CONFIRMED        "not_confirmed"        /* 409: attendance of an unpaid hold */
#define TURNOS_CODE_IDEMPOTENCY_MISMATCH "idempotency_mismatch" /* 422: key reused with another body */
#define TURNOS_CODE_PATIENT_BUSY         "patient_busy"         /* 409: the patient has another live session then */
#define TURNOS_CODE_BLOCKED              "blocked"              /* a series' session falls in time off */
#define TURNOS_CODE_SERIES_CONFLICTS     "series_conflicts"     /* 409: error.conflicts says why, session by session */
#define TURNOS_CODE_WAITLIST_FULL        "waitlist_full"        /* 409: the patient waits on too many days already */
#define TURNOS_CODE_INTERNAL             "internal"             /* 500 */
/* The transport's, answered by the server's listener before any route */
#define TURNOS_CODE_TOO_MANY_CONNECTIONS "too_many_connections" /* 429: per client address */
#define TURNOS_CODE_TOO_MANY_REQUESTS    "too_many_requests"    /* 429: in progress, per client
                                                                 * behind a trusted proxy */
#define TURNOS_CODE_URI_TOO_LONG         "uri_too_long"         /* 414 */
#define TURNOS_CODE_HEADERS_TOO_LARGE    "headers_too_large"    /* 431 */
/* The live events' (GET /events) */
#define TURNOS_CODE_UPGRADE_REQUIRED     "upgrade_required"     /* 426: /events is a WebSocket */
#define TURNOS_CODE_TOO_MANY_SUBSCRIBERS "too_many_subscribers" /* 503, with Retry-After */
#define TURNOS_CODE_UNAUTHENTICATED      "unauthenticated"      /* 401: no valid token */
#define TURNOS_CODE_FORBIDDEN            "forbidden"            /* 403: the role or owner does not match */
#define TURNOS_CODE_BAD_CREDENTIALS      "bad_credentials"      /* 401: sign-in refused */
#define TURNOS_CODE_TOO_MANY_ATTEMPTS    "too_many_attempts"    /* 429: sign-in throttled, see Retry-After */
#define TURNOS_CODE_PASSWORD_CHANGE      "password_change_required" /* 403: set a new password first */
#define TURNOS_CODE_USERNAME_TAKEN       "username_taken"       /* 409 */
#define TURNOS_CODE_NO_PAYMENT_PROVIDER  "no_payment_provider"  /* 503: deposits cannot be taken */
#define TURNOS_CODE_STORE_UNAVAILABLE    "store_unavailable"    /* 503: the database is away; retry */

#define TURNOS_ERROR (turnos_error_quark ())

/**
 * TurnosError:
 * Errors of the core layer: parsing JSON and timestamps, and the booking rules.
 * A rule error's message is for logs; its code maps to the API word with
 * turnos_error_to_code().
 */
typedef enum
{
  TURNOS_ERROR_PARSE,          /* JSON or timestamp that cannot be read */
  TURNOS_ERROR_MISSING_FIELD,  /* a required field is absent or of the wrong type */
  TURNOS_ERROR_INVALID_VALUE,  /* a field of the right type with an impossible value */
  TURNOS_ERROR_BAD_DURATION,
  TURNOS_ERROR_OUTSIDE_HOURS,
  TURNOS_ERROR_IN_PAST,
  TURNOS_ERROR_TOO_SOON,
  TURNOS_ERROR_BEYOND_HORIZON,
  TURNOS_ERROR_MODALITY_NOT_OFFERED,
  TURNOS_ERROR_ALREADY_CANCELLED,
  TURNOS_ERROR_RESERVATION_PAST,
  TURNOS_ERROR_TOO_LATE_TO_CANCEL,
} TurnosError;

GQuark      turnos_error_quark   (void);
const char *turnos_error_to_code (const GError *error);

G_END_DECLS
