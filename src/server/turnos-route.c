/* turnos-route.c: the helpers route handlers share
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <string.h>

#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-route.h"
#include "turnos-server-private.h"
#include "turnos-store.h"
#include "turnos-text.h"
#include "turnos-time.h"

const char *
turnos_request_query (TurnosRequest *request,
                      const char    *name)
{
  g_return_val_if_fail (request != NULL && name != NULL, NULL);

  return g_hash_table_lookup (request->query, name);
}

JsonNode *
turnos_request_read_object (TurnosRequest *request,
                            TurnosAnswer  *answer)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len > TURNOS_SERVER_MAX_BODY)
    {
      turnos_answer_error (answer, 413, TURNOS_CODE_BODY_TOO_LARGE, "the body is too large");
      return NULL;
    }
  if (!(node = turnos_json_parse (data, len, &error)))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, error ? error->message : NULL);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      json_node_unref (node);
      turnos_answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, "the body is not a JSON object");
      return NULL;
    }
  return node;
}

const char *
turnos_request_idempotency_key (TurnosRequest *request,
                                TurnosAnswer  *answer)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (request->msg);
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");

  if (key != NULL && (*key == '\0' || !turnos_text_is_clean (key, TURNOS_REQUEST_MAX_VALUE, FALSE)))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "Idempotency-Key must be 1 to 200 printable characters");
      return NULL;
    }
  return key;
}

gboolean
turnos_request_date (TurnosRequest *request,
                     const char    *name,
                     GDate         *date,
                     TurnosAnswer  *answer)
{
  g_autoptr(GError) error = NULL;

  if (!turnos_date_parse (turnos_request_query (request, name), date, &error))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_DATE, error ? error->message : NULL);
      return FALSE;
    }
  return TRUE;
}

TurnosSettings *
turnos_request_find_professional (TurnosRequest *request,
                                  const char    *id,
                                  TurnosAnswer  *answer)
{
  g_autoptr(GError) error = NULL;
  TurnosSettings *settings;

  if (id == NULL || *id == '\0')
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, "professional_id is required");
      return NULL;
    }
  settings = turnos_store_get_professional (request->store, id, &error);
  if (settings == NULL)
    {
      if (g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND))
        turnos_answer_error (answer, 404, TURNOS_CODE_UNKNOWN_PROFESSIONAL, error->message);
      else
        turnos_answer_store_error (answer, error);
    }
  return settings;
}

TurnosRole
turnos_request_role (TurnosRequest *request)
{
  g_return_val_if_fail (request != NULL, TURNOS_ROLE_ANONYMOUS);

  return request->account != NULL ? request->account->role : TURNOS_ROLE_ANONYMOUS;
}

gboolean
turnos_request_is (TurnosRequest *request,
                   const char    *id)
{
  g_return_val_if_fail (request != NULL, FALSE);

  return request->account != NULL && id != NULL && g_str_equal (request->account->id, id);
}

gboolean
turnos_request_manages (TurnosRequest *request,
                        const char    *professional_id)
{
  switch (turnos_request_role (request))
    {
    case TURNOS_ROLE_DESK:
    case TURNOS_ROLE_ADMIN:
      return TRUE;
    case TURNOS_ROLE_PROFESSIONAL:
      return turnos_request_is (request, professional_id);
    case TURNOS_ROLE_ANONYMOUS:
    case TURNOS_ROLE_PATIENT:
    default:
      return FALSE;
    }
}

gboolean
turnos_request_forbid (TurnosRequest *request,
                       TurnosAnswer  *answer)
{
  turnos_answer_error (answer, 403, TURNOS_CODE_FORBIDDEN, "not yours to see or change");
  return FALSE;
}

void
turnos_request_audit (TurnosRequest *request,
                      const char    *action,
                      const char    *target_kind,
                      const char    *target_id,
                      const char    *detail)
{
  g_autoptr(TurnosAuditEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (request != NULL && action != NULL);

  entry = turnos_audit_entry_new (request->account ? request->account->id : "anonymous",
                                  action, target_kind, target_id, detail);
  entry->at = g_date_time_ref (request->now);
  if (!turnos_store_add_audit (request->store, entry, &error))
    g_message ("audit: cannot record %s: %s", action, error->message);
}

gboolean
turnos_request_string_member (JsonObject    *object,
                              const char    *member,
                              gsize          max_bytes,
                              gboolean       multiline,
                              const char   **out,
                              TurnosAnswer  *answer)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *message = NULL;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      turnos_text_is_clean (json_node_get_string (node), max_bytes, multiline))
    {
      *out = json_node_get_string (node);
      return TRUE;
    }
  message = g_strdup_printf ("%s: a string of at most %zu bytes without control characters",
                             member, max_bytes);
  turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, message);
  return FALSE;
}

