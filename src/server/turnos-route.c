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
