/* turnos-handlers-reservations.c: booking without a deposit, a patient's list, cancelling
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-error.h"
#include "turnos-handlers.h"
#include "turnos-json.h"
#include "turnos-slots.h"
#include "turnos-store.h"
#include "turnos-text.h"

TurnosReservation *
turnos_handlers_read_draft (TurnosRequest   *request,
                            TurnosSettings **settings_out,
                            char           **hash_out,
                            TurnosAnswer    *answer)
{
  g_autoptr(JsonNode) node = turnos_request_read_object (request, answer);
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  const char *prof = NULL;
  JsonObject *object;

  if (node == NULL)
    return NULL;
  object = json_node_get_object (node);
  if (!turnos_json_get_string (object, "professional_id", FALSE, &prof, &error))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, error ? error->message : NULL);
      return NULL;
    }
  if (!(settings = turnos_request_find_professional (request, prof, answer)))
    return NULL;
  /* Times are the professional's wall clock, whatever zone the body claims. */
  json_object_remove_member (object, "timezone");
  if (!(draft = turnos_reservation_from_json (node, settings->tz, &error)))
    {
      turnos_answer_rule_error (answer, 400, TURNOS_CODE_INVALID_TIME, error);
      return NULL;
    }
  if (!turnos_text_is_clean (draft->client_id, TURNOS_REQUEST_MAX_VALUE, FALSE))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "client_id is too long or holds a control character");
      return NULL;
    }

  /* The server owns the end time: absent, it is computed; present, it must match. */
  if (draft->end == NULL)
    draft->end = g_date_time_add_minutes (draft->start, turnos_settings_get_session_minutes (settings));
  if (!turnos_slots_check_booking (settings, draft->start, draft->end, draft->modality,
                                   request->now, &error))
    {
      turnos_answer_rule_error (answer, 422, TURNOS_CODE_INVALID_TIME, error);
      return NULL;
    }
  draft->status = TURNOS_STATUS_PENDING;

  canonical = g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s",
                               draft->client_id, draft->professional_id,
                               g_date_time_to_unix (draft->start), g_date_time_to_unix (draft->end),
                               turnos_modality_to_string (draft->modality));
  *hash_out = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  *settings_out = g_steal_pointer (&settings);
  return g_steal_pointer (&draft);
}

void
turnos_handle_create (TurnosRequest *request,
                      TurnosAnswer  *answer)
{
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(TurnosReservation) stored = NULL;
  g_autoptr(TurnosReservation) conflict = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  const char *key = turnos_request_idempotency_key (request, answer);
  gboolean replayed = FALSE;

  if (turnos_answer_is_set (answer) ||
      !(draft = turnos_handlers_read_draft (request, &settings, &hash, answer)))
    return;
  if (settings->requires_deposit)
    {
      turnos_answer_error (answer, 422, TURNOS_CODE_DEPOSIT_REQUIRED,
                           "this professional requires a deposit: use /reservations/payment");
      return;
    }
  stored = turnos_store_create_reservation (request->store, draft, key, hash, request->now, NULL,
                                            &replayed, &conflict, &error);
  if (stored == NULL)
    turnos_answer_store_error (answer, error);
  else
    turnos_answer_json (answer, 201, turnos_reservation_to_node (stored));  /* a replay answers as the first time */
}

void
turnos_handle_reservations_list (TurnosRequest *request,
                                 TurnosAnswer  *answer)
{
  const char *client = turnos_request_query (request, "client_id");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  if (client == NULL || *client == '\0')
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, "client_id is required");
      return;
    }
  if (!(list = turnos_store_list_for_client (request->store, client, &error)))
    turnos_answer_store_error (answer, error);
  else
    turnos_answer_json (answer, 200, turnos_answer_list_node ("reservations", list,
                                                              (gpointer) turnos_reservation_to_json));
}

void
turnos_handle_cancel (TurnosRequest *request,
                      TurnosAnswer  *answer)
{
  const char *id = request->params[0];
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) r = turnos_store_get_reservation (request->store, id, &error);
  g_autoptr(TurnosReservation) cancelled = NULL;
  g_autoptr(TurnosSettings) settings = NULL;
  gboolean unpaid_hold;

  if (r == NULL)
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  if (!(settings = turnos_request_find_professional (request, r->professional_id, answer)))
    return;
  if (r->status == TURNOS_STATUS_PENDING && !turnos_reservation_is_live (r, request->now))
    {
      /* A lapsed hold is released already, whatever its row still says. */
      turnos_answer_error (answer, 409, TURNOS_CODE_ALREADY_CANCELLED, "the payment hold has lapsed");
      return;
    }
  /* Releasing one's own unpaid hold is allowed until it lapses, whatever the cancel notice
   * (DESIGN.md, "Who may do what"): the time was never booked. */
  unpaid_hold = r->status == TURNOS_STATUS_PENDING;
  if (!turnos_slots_check_cancel (settings, r, request->now, unpaid_hold, &error))
    {
      turnos_answer_rule_error (answer, 409, TURNOS_CODE_BAD_REQUEST, error);
      return;
    }
  if (!(cancelled = turnos_store_set_status (request->store, id, TURNOS_STATUS_CANCELLED, &error)))
    turnos_answer_store_error (answer, error);
  else
    turnos_answer_json (answer, 200, turnos_reservation_to_node (cancelled));
}
