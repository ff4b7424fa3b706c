/* turnos-client-private.h: what the client's files by resource share; only they include it
 *
 * TurnosClient is one GObject in several files: turnos-client.c (the object, requests,
 * errors, sign-in and the first calls) and turnos-client-series.c (series, reschedules, the
 * waitlist and the desk's overrides).
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "turnos-client.h"

G_BEGIN_DECLS

/* Turns a JSON answer into the caller's type, or fails (turnos-client.c's ParseFunc). */
typedef gpointer (*TurnosClientParseFunc) (TurnosClient *self, JsonNode *node, GError **error);

/* One call (see "Requests" in turnos-client.c): @path_and_query relative to the base URL,
 * already escaped; @body (nullable) sent as JSON; @parse NULL for an answer without a body
 * (the task then returns a boolean). */
void       _turnos_client_send             (TurnosClient          *self,
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
gpointer   _turnos_client_finish_pointer   (TurnosClient          *self,
                                            GAsyncResult          *result,
                                            gpointer               source_tag,
                                            GError               **error);
/* A path segment or query value, escaped. */
char      *_turnos_client_escape           (const char            *s);
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
