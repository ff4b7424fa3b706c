/* turnos-answer.c: what one request is answered with
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-answer.h"
#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-store.h"

void
turnos_answer_clear (TurnosAnswer *answer)
{
  g_return_if_fail (answer != NULL);

  g_clear_pointer (&answer->body, json_node_unref);
  g_clear_pointer (&answer->json, g_free);
  g_clear_pointer (&answer->html, g_free);
  answer->json_len = 0;
}

void
turnos_answer_json (TurnosAnswer *answer,
                    guint         status,
                    JsonNode     *body)
{
  g_return_if_fail (answer != NULL);

  turnos_answer_clear (answer);
  answer->status = status;
  answer->body = body;
}

void
turnos_answer_written (TurnosAnswer     *answer,
                       TurnosJsonWriter *writer)
{
  g_return_if_fail (answer != NULL && writer != NULL);

  turnos_answer_clear (answer);
  answer->status = 200;
  answer->json = turnos_json_writer_free_to_string (writer, &answer->json_len);
}

void
turnos_answer_error (TurnosAnswer *answer,
                     guint         status,
                     const char   *code,
                     const char   *message)
{
  g_return_if_fail (answer != NULL && code != NULL);

  turnos_answer_clear (answer);
  answer->status = status;
  answer->body = turnos_json_error_new (code, message ? message : code);
}

void
turnos_answer_store_error (TurnosAnswer *answer,
                           const GError *error)
{
  g_return_if_fail (answer != NULL);

  if (error != NULL && error->domain == TURNOS_STORE_ERROR)
    switch ((TurnosStoreError) error->code)
      {
      case TURNOS_STORE_ERROR_NOT_FOUND:
        turnos_answer_error (answer, 404, TURNOS_CODE_NOT_FOUND, error->message);
        return;
      case TURNOS_STORE_ERROR_CONFLICT:
        /* The store's message names the reservation in the way, maybe another patient's:
         * the answer does not. */
        turnos_answer_error (answer, 409, TURNOS_CODE_SLOT_TAKEN, "that time is no longer free");
        return;
      case TURNOS_STORE_ERROR_ALREADY_CANCELLED:
        turnos_answer_error (answer, 409, TURNOS_CODE_ALREADY_CANCELLED, error->message);
        return;
      case TURNOS_STORE_ERROR_IDEMPOTENCY_MISMATCH:
        turnos_answer_error (answer, 422, TURNOS_CODE_IDEMPOTENCY_MISMATCH, error->message);
        return;
      case TURNOS_STORE_ERROR_UNAVAILABLE:
        /* Nothing was written that the caller was told of: the same request, retried once
         * the database is back, is safe (with its Idempotency-Key, a create too). */
        g_message ("store: %s", error->message);
        turnos_answer_error (answer, 503, TURNOS_CODE_STORE_UNAVAILABLE,
                             "the database cannot be reached; try again shortly");
        answer->retry_after = 1;
        return;
      case TURNOS_STORE_ERROR_PATIENT_BUSY:
        turnos_answer_error (answer, 409, TURNOS_CODE_PATIENT_BUSY, error->message);
        return;
      case TURNOS_STORE_ERROR_TOO_LATE:
        turnos_answer_error (answer, 409, TURNOS_CODE_TOO_LATE_TO_CANCEL, error->message);
        return;
      case TURNOS_STORE_ERROR_LIMIT:
        turnos_answer_error (answer, 409, TURNOS_CODE_WAITLIST_FULL, error->message);
        return;
      case TURNOS_STORE_ERROR_FAILED:
      default:
        break;
      }
  /* A database that fails is the operator's business, not a crash: logged as a message,
   * since a stranger's request may be what met it. */
  g_message ("store: %s", error ? error->message : "failed without saying why");
  turnos_answer_error (answer, 500, TURNOS_CODE_INTERNAL, "the store failed");
}

void
turnos_answer_rule_error (TurnosAnswer *answer,
                          guint         status,
                          const char   *parse_code,
                          const GError *error)
{
  g_return_if_fail (answer != NULL && parse_code != NULL);

  if (error == NULL || error->domain != TURNOS_ERROR)
    {
      g_message ("rule failed: %s", error ? error->message : "without saying why");
      turnos_answer_error (answer, 500, TURNOS_CODE_INTERNAL, "the request could not be checked");
      return;
    }
  turnos_answer_error (answer, status,
                       error->code == TURNOS_ERROR_PARSE ? parse_code : turnos_error_to_code (error),
                       error->message);
}

gboolean
turnos_answer_is_set (const TurnosAnswer *answer)
{
  g_return_val_if_fail (answer != NULL, FALSE);

  return answer->status != 0;
}

JsonNode *
turnos_answer_list_node (const char *member,
                         GPtrArray  *items,
                         void      (*to_json) (gconstpointer, JsonBuilder *))
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    to_json (g_ptr_array_index (items, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
