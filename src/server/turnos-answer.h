/* turnos-answer.h: what one request is answered with
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "turnos-json-writer.h"

G_BEGIN_DECLS

/* Filled by a route's handler, sent by the server: exactly one of @body, @json or @html, or
 * none (a 204). Every non-2xx carries DESIGN.md's {"error": {"code", "message"}} body. */
typedef struct
{
  guint       status;
  JsonNode   *body;       /* JSON answer as a tree, or NULL */
  char       *json;       /* JSON answer streamed by a TurnosJsonWriter, or NULL */
  gsize       json_len;
  char       *html;       /* an HTML answer (the sandbox checkout), or NULL */
  guint       retry_after; /* seconds for a Retry-After header (a 429), or 0 for none */
} TurnosAnswer;

/* Frees what the answer holds (not the struct). */
void     turnos_answer_clear        (TurnosAnswer     *answer);
/* Takes @body. */
void     turnos_answer_json         (TurnosAnswer     *answer,
                                     guint             status,
                                     JsonNode         *body);
/* A 200 written without a tree: takes @writer. */
void     turnos_answer_written      (TurnosAnswer     *answer,
                                     TurnosJsonWriter *writer);
/* Replaces whatever the answer held with an error body; @code is a TURNOS_CODE_* word and
 * @message (nullable) text for logs. */
void     turnos_answer_error        (TurnosAnswer     *answer,
                                     guint             status,
                                     const char       *code,
                                     const char       *message);
/* A store failure onto the API: NOT_FOUND 404, CONFLICT 409 slot_taken, ALREADY_CANCELLED
 * 409, IDEMPOTENCY_MISMATCH 422, PATIENT_BUSY 409 patient_busy, TOO_LATE 409
 * too_late_to_cancel, LIMIT 409 waitlist_full, UNAVAILABLE 503 store_unavailable with
 * Retry-After: 1 (logged), anything else (a NULL @error included: a callee that failed a
 * precondition sets none) 500 internal, logged. */
void     turnos_answer_store_error  (TurnosAnswer     *answer,
                                     const GError     *error);
/* A core rule failure (TURNOS_ERROR) onto @status with its API word
 * (turnos_error_to_code()); parse errors are @parse_code. NULL @error: 500. */
void     turnos_answer_rule_error   (TurnosAnswer     *answer,
                                     guint             status,
                                     const char       *parse_code,
                                     const GError     *error);
/* TRUE once a handler has set an error (or any answer). */
gboolean turnos_answer_is_set       (const TurnosAnswer *answer);

/* {"@member": [to_json (item) …]} */
JsonNode *turnos_answer_list_node   (const char       *member,
                                     GPtrArray        *items,
                                     void            (*to_json) (gconstpointer, JsonBuilder *));

G_END_DECLS
