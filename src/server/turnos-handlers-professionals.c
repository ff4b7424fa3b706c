/* turnos-handlers-professionals.c: health, the professionals, their settings and time off
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-error.h"
#include "turnos-handlers.h"
#include "turnos-store.h"
#include "turnos-text.h"
#include "turnos-time.h"

#define MAX_REASON_BYTES 500

void
turnos_handle_health (TurnosRequest *request,
                      TurnosAnswer  *answer)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, "ok");
  json_builder_end_object (b);
  turnos_answer_json (answer, 200, json_builder_get_root (b));
}

void
turnos_handle_professionals (TurnosRequest *request,
                             TurnosAnswer  *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = turnos_store_list_professionals (request->store, &error);

  if (list == NULL)
    turnos_answer_store_error (answer, error);
  else
    turnos_answer_json (answer, 200, turnos_answer_list_node ("professionals", list,
                                                              (gpointer) turnos_settings_to_json));
}

void
turnos_handle_settings (TurnosRequest *request,
                        TurnosAnswer  *answer)
{
  g_autoptr(TurnosSettings) s = turnos_request_find_professional (request, request->params[0], answer);

  if (s != NULL)
    turnos_answer_json (answer, 200, turnos_settings_to_node (s));
}

/* The query's optional day @name as the start (@start) or end of that day in @settings' zone;
 * @fallback when absent. FALSE with @answer set when it is not a date. */
static gboolean
query_day_bound (TurnosRequest   *request,
                 TurnosSettings  *settings,
                 const char      *name,
                 gboolean         start,
                 GDateTime       *fallback,
                 GDateTime      **out,
                 TurnosAnswer    *answer)
{
  GDate d;

  if (turnos_request_query (request, name) == NULL)
    {
      *out = g_date_time_ref (fallback);
      return TRUE;
    }
  if (!turnos_request_date (request, name, &d, answer))
    return FALSE;
  turnos_day_bounds (settings->tz, &d, start ? out : NULL, start ? NULL : out);
  return TRUE;
}

void
turnos_handle_blocks_list (TurnosRequest *request,
                           TurnosAnswer  *answer)
{
  const char *prof = request->params[0];
  g_autoptr(TurnosSettings) settings = turnos_request_find_professional (request, prof, answer);
  g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (0);
  g_autoptr(GDateTime) far = g_date_time_new_utc (9999, 12, 31, 0, 0, 0);
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  g_autoptr(GError) error = NULL;

  if (settings == NULL ||
      !query_day_bound (request, settings, "from", TRUE, epoch, &from, answer) ||
      !query_day_bound (request, settings, "to", FALSE, far, &to, answer))
    return;
  if (!turnos_store_list_range (request->store, prof, from, to, NULL, &blocks, &error))
    turnos_answer_store_error (answer, error);
  else
    turnos_answer_json (answer, 200, turnos_answer_list_node ("blocks", blocks,
                                                              (gpointer) turnos_block_to_json));
}

/* Every live reservation a refused @block would have hit, in time order, so the desk can
 * name them all at once; at least @first, the one the store's check found. */
static JsonNode *
overlapping_sessions (TurnosRequest     *request,
                      TurnosBlock       *block,
                      TurnosReservation *first)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GPtrArray) reservations = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!turnos_store_list_range (request->store, block->professional_id, block->start, block->end,
                                &reservations, NULL, &error))
    g_message ("listing the sessions under a refused block: %s", error->message);
  json_builder_begin_array (builder);
  for (guint i = 0; reservations != NULL && i < reservations->len; i++)
    if (turnos_reservation_is_live (reservations->pdata[i], request->now))
      {
        turnos_reservation_to_json (reservations->pdata[i], builder);
        n++;
      }
  if (n == 0)
    turnos_reservation_to_json (first, builder);
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

void
turnos_handle_blocks_add (TurnosRequest *request,
                          TurnosAnswer  *answer)
{
  const char *prof = request->params[0];
  g_autoptr(TurnosSettings) settings = turnos_request_find_professional (request, prof, answer);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TurnosBlock) block = NULL;
  g_autoptr(TurnosBlock) stored = NULL;
  g_autoptr(TurnosReservation) conflict = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;

  if (settings == NULL || !(node = turnos_request_read_object (request, answer)))
    return;
  json_object_remove_member (json_node_get_object (node), "timezone");
  if (!(block = turnos_block_from_json (node, settings->tz, &error)))
    {
      turnos_answer_rule_error (answer, 400, TURNOS_CODE_INVALID_TIME, error);
      return;
    }
  if (block->reason != NULL && !turnos_text_is_clean (block->reason, MAX_REASON_BYTES, TRUE))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "reason is too long or holds a control character");
      return;
    }
  g_free (block->professional_id);
  block->professional_id = g_strdup (prof);
  stored = turnos_store_add_block (request->store, block, request->now, &conflict, &error);
  if (stored == NULL && g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT))
    {
      turnos_answer_error (answer, 409, TURNOS_CODE_BLOCK_OVERLAPS, error->message);
      if (conflict != NULL)
        {
          JsonObject *inner = json_object_get_object_member (json_node_get_object (answer->body), "error");

          json_object_set_member (inner, "reservation", turnos_reservation_to_node (conflict));
          json_object_set_member (inner, "reservations", overlapping_sessions (request, block, conflict));
        }
      return;
    }
  if (stored == NULL)
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  builder = json_builder_new_immutable ();
  turnos_block_to_json (stored, builder);
  turnos_answer_json (answer, 201, json_builder_get_root (builder));
}

void
turnos_handle_blocks_remove (TurnosRequest *request,
                             TurnosAnswer  *answer)
{
  g_autoptr(GError) error = NULL;

  if (!turnos_store_remove_block (request->store, request->params[0], request->params[1], &error))
    turnos_answer_store_error (answer, error);
  else
    {
      turnos_answer_clear (answer);
      answer->status = 204;
    }
}
