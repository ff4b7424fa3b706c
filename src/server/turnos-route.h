/* turnos-route.h: one request as a route's handler sees it, and the helpers handlers share
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "turnos-account.h"
#include "turnos-answer.h"
#include "turnos-server.h"
#include "turnos-settings.h"

G_BEGIN_DECLS

#define TURNOS_ROUTE_MAX_PARAMS 3

/* The longest id, query value or path segment the API takes, in bytes. */
#define TURNOS_REQUEST_MAX_VALUE 200

typedef struct
{
  TurnosServer      *server;
  TurnosStore       *store;
  SoupServerMessage *msg;
  /* The query, percent-decoded and checked (valid UTF-8, no control character, at most
   * TURNOS_REQUEST_MAX_VALUE bytes); never NULL. */
  GHashTable        *query;
  /* The route's "{}" path segments in order, each percent-decoded and checked as above. */
  const char        *params[TURNOS_ROUTE_MAX_PARAMS];
  /* The server's clock, read once per request. */
  GDateTime         *now;
  /* Who is calling (the dispatcher checked the route's roles): NULL when anonymous. */
  TurnosAccount     *account;
  /* The SHA-256 of the caller's token (for logout), or NULL. */
  const char        *token_hash;
} TurnosRequest;

typedef void (*TurnosRouteHandler) (TurnosRequest *request,
                                    TurnosAnswer  *answer);

/* A query value or NULL. */
const char     *turnos_request_query  (TurnosRequest *request,
                                       const char    *name);
/* The request body as a JSON object, or NULL with @answer set (413 body_too_large, 400
 * bad_request). */
JsonNode       *turnos_request_read_object (TurnosRequest *request,
                                            TurnosAnswer  *answer);
/* The Idempotency-Key header: NULL when absent (and @answer untouched), else 1 to
 * TURNOS_REQUEST_MAX_VALUE printable bytes or @answer is set to 400 invalid_field. */
const char     *turnos_request_idempotency_key (TurnosRequest *request,
                                                TurnosAnswer  *answer);
/* The query's `date` (YYYY-MM-DD) into @date, or FALSE with @answer set to 400 invalid_date. */
gboolean        turnos_request_date   (TurnosRequest *request,
                                       const char    *name,
                                       GDate         *date,
                                       TurnosAnswer  *answer);
/* The professional named @id (a shared reference, see turnos_store_get_professional()), or
 * NULL with @answer set: 400 bad_request without an id, 404 unknown_professional. */
TurnosSettings *turnos_request_find_professional (TurnosRequest *request,
                                                  const char    *id,
                                                  TurnosAnswer  *answer);

/* The caller's role: TURNOS_ROLE_ANONYMOUS without an account. */
TurnosRole      turnos_request_role   (TurnosRequest *request);
/* Whether the caller is signed in as @id (a patient or professional acting on their own). */
gboolean        turnos_request_is     (TurnosRequest *request,
                                       const char    *id);
/* Whether the caller may see and change professional @id's agenda: the desk and the admin
 * any, a professional their own. */
gboolean        turnos_request_manages (TurnosRequest *request,
                                        const char    *professional_id);
/* Sets @answer to 403 forbidden (an ownership check failed); returns FALSE for chaining. */
gboolean        turnos_request_forbid (TurnosRequest *request,
                                       TurnosAnswer  *answer);
/* Appends an audit row by the caller (an id, or "anonymous") about @target_kind
 * @target_id; a store failure is logged, never fails the request that was already done. */
void            turnos_request_audit  (TurnosRequest *request,
                                       const char    *action,
                                       const char    *target_kind,
                                       const char    *target_id,
                                       const char    *detail);
/* An optional string member of @object that passed turnos_text_is_clean() (@max_bytes,
 * free text when @multiline); FALSE with @answer set to 400 invalid_field naming @member
 * when it is not a clean string. *@out is NULL when absent or JSON null. */
gboolean        turnos_request_string_member (JsonObject   *object,
                                              const char   *member,
                                              gsize         max_bytes,
                                              gboolean      multiline,
                                              const char  **out,
                                              TurnosAnswer *answer);

G_END_DECLS
