/* turnos-client-private.h: what the client's files share; only they include it
 *
 * TurnosClient is one GObject in three files: turnos-client.c (the session, requests, errors,
 * the booking calls), turnos-client-accounts.c (the signed-in user, the patient directory,
 * adding a professional) and turnos-client-series.c (series, reschedules, the waitlist, the
 * desk's overrides).
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-client.h"

G_BEGIN_DECLS

/* Turns a JSON answer into the caller's type, or fails. */
typedef gpointer (*TurnosClientParseFunc) (TurnosClient *self, JsonNode *node, GError **error);

/* Sends @method @path_and_query (relative to the base URL, already escaped) with an optional
 * JSON @body under the client's deadline and answer limits; the task returns what @parse
 * makes of a 2xx answer (freed with @free_result), or TRUE when @parse is NULL (an empty
 * answer expected). Errors as TurnosClientError documents. */
void      _turnos_client_send            (TurnosClient          *self,
                                          const char            *method,
                                          const char            *path_and_query,
                                          JsonNode              *body,
                                          TurnosClientParseFunc  parse,
                                          GDestroyNotify         free_result,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data,
                                          gpointer               source_tag);
gpointer  _turnos_client_finish_pointer  (TurnosClient          *self,
                                          GAsyncResult          *result,
                                          gpointer               source_tag,
                                          GError               **error);
/* A path segment or query value, percent-encoded; NULL as "". */
char     *_turnos_client_escape          (const char            *s);

/*
 * For turnos-client-series.c (series, reschedules, the waitlist, the desk's overrides)
 */

/* _turnos_client_send() with an Idempotency-Key header (nullable: none). */
void       _turnos_client_send_keyed       (TurnosClient          *self,
                                            const char            *method,
                                            const char            *path_and_query,
                                            JsonNode              *body,
                                            const char            *idempotency_key,
                                            TurnosClientParseFunc  parse,
                                            GDestroyNotify         free_result,
                                            GCancellable          *cancellable,
                                            GAsyncReadyCallback    callback,
                                            gpointer               user_data,
                                            gpointer               source_tag);
/* Parsers of turnos-client.c: a stored reservation; {"reservations": [...]}; a payment (its
 * checkout_url checked); {"@member": [...]} with @parse per item. */
gpointer   _turnos_client_parse_reservation  (TurnosClient  *self,
                                              JsonNode      *node,
                                              GError       **error);
gpointer   _turnos_client_parse_reservations (TurnosClient  *self,
                                              JsonNode      *node,
                                              GError       **error);
gpointer   _turnos_client_parse_payment      (TurnosClient  *self,
                                              JsonNode      *node,
                                              GError       **error);
GPtrArray *_turnos_client_parse_list         (TurnosClient          *self,
                                              JsonNode              *node,
                                              const char            *member,
                                              TurnosClientParseFunc  parse,
                                              GDestroyNotify         free_item,
                                              GError               **error);
/* turnos-client-series.c: {"waitlist": [...]} (a page or a day's). */
GPtrArray *_turnos_client_parse_waitlist     (TurnosClient  *self,
                                              JsonNode      *node,
                                              GError       **error);

G_END_DECLS
