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
#include "turnos-paging.h"
#include "turnos-slots.h"
#include "turnos-store.h"
#include "turnos-text.h"

gboolean
turnos_handlers_read_override (TurnosRequest  *request,
                               JsonObject     *object,
                               const char    **reason,
                               TurnosAnswer   *answer)
{
  if (!turnos_request_string_member (object, "override_reason", 500, TRUE, reason, answer))
    return FALSE;
  if (*reason != NULL && !(turnos_request_role (request) & (TURNOS_ROLE_DESK | TURNOS_ROLE_ADMIN)))
    {
      turnos_answer_error (answer, 403, TURNOS_CODE_FORBIDDEN,
                           "only the desk and the admin may override a rule");
      return FALSE;
    }
  return TRUE;
}

gboolean
turnos_handlers_may_book_for (TurnosRequest *request,
                              JsonObject    *object,
                              TurnosAnswer  *answer)
{
  JsonNode *client = json_object_get_member (object, "client_id");

  if (turnos_request_role (request) == TURNOS_ROLE_PATIENT &&
      (client == NULL || !JSON_NODE_HOLDS_VALUE (client) ||
       json_node_get_value_type (client) != G_TYPE_STRING ||
       !turnos_request_is (request, json_node_get_string (client))))
    return turnos_request_forbid (request, answer);
  return TRUE;
}

TurnosReservation *
turnos_handlers_parse_draft (TurnosRequest   *request,
                             JsonNode        *node,
                             TurnosSettings **settings_out,
                             TurnosAnswer    *answer)
{
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(GError) error = NULL;
  const char *prof = NULL;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, "the reservation is not an object");
      return NULL;
    }
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
  /* What the server sets, never the request: a deposit's payment, a series, a reschedule. */
  g_clear_pointer (&draft->payment_id, g_free);
  g_clear_pointer (&draft->series_id, g_free);
  g_clear_pointer (&draft->cancel_reason, g_free);
  g_clear_pointer (&draft->rescheduled_to, g_free);

  /* The server owns the end time: absent, it is computed; present, it must match. */
  if (!turnos_reservation_settle_end (draft, settings, &error))
    {
      turnos_answer_rule_error (answer, 422, TURNOS_CODE_INVALID_TIME, error);
      return NULL;
    }
  draft->status = TURNOS_STATUS_PENDING;
  *settings_out = g_steal_pointer (&settings);
  return g_steal_pointer (&draft);
}

TurnosReservation *
turnos_handlers_read_draft (TurnosRequest   *request,
                            TurnosSettings **settings_out,
                            char           **hash_out,
                            char           **override_out,
                            TurnosAnswer    *answer)
{
  g_autoptr(JsonNode) node = turnos_request_read_object (request, answer);
  g_autoptr(TurnosSettings) settings = NULL;
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  const char *reason = NULL;
  JsonObject *object;

  if (node == NULL)
    return NULL;
  object = json_node_get_object (node);
  /* Ownership first (DESIGN.md's order: 403 before 404 and 400): a patient books only for
   * themselves, and only the desk and the admin may override a rule. */
  if (!turnos_handlers_read_override (request, object, &reason, answer) ||
      !turnos_handlers_may_book_for (request, object, answer) ||
      !(draft = turnos_handlers_parse_draft (request, node, &settings, answer)))
    return NULL;
  if (!turnos_slots_check_booking (settings, draft->start, draft->end, draft->modality,
                                   request->now, &error))
    {
      turnos_answer_rule_error (answer, 422, TURNOS_CODE_INVALID_TIME, error);
      return NULL;
    }

  canonical = g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s",
                               draft->client_id, draft->professional_id,
                               g_date_time_to_unix (draft->start), g_date_time_to_unix (draft->end),
                               turnos_modality_to_string (draft->modality));
  *hash_out = g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
  if (override_out != NULL)
    *override_out = g_strdup (reason);
  *settings_out = g_steal_pointer (&settings);
  return g_steal_pointer (&draft);
}

void
turnos_handlers_answer_booking_error (TurnosAnswer      *answer,
                                      const GError      *error,
                                      TurnosReservation *conflict)
{
  JsonObject *inner;

  if (!g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_PATIENT_BUSY))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  /* The patient's own session: theirs (and the desk's) to see, with its time and professional. */
  turnos_answer_error (answer, 409, TURNOS_CODE_PATIENT_BUSY,
                       "the patient has another session at that time");
  if (conflict != NULL)
    {
      inner = json_object_get_object_member (json_node_get_object (answer->body), "error");
      json_object_set_member (inner, "reservation", turnos_reservation_to_node (conflict));
    }
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
  g_autofree char *reason = NULL;
  const char *key = turnos_request_idempotency_key (request, answer);
  gboolean replayed = FALSE;

  if (turnos_answer_is_set (answer) ||
      !(draft = turnos_handlers_read_draft (request, &settings, &hash, &reason, answer)))
    return;
  if (settings->requires_deposit)
    {
      turnos_answer_error (answer, 422, TURNOS_CODE_DEPOSIT_REQUIRED,
                           "this professional requires a deposit: use /reservations/payment");
      return;
    }
  /* The desk's reason lets the patient be in two places (DESIGN.md "Who may do what"). */
  stored = turnos_store_create_reservation (request->store, draft, key, hash, request->now, NULL,
                                            reason ? TURNOS_STORE_BOOK_ALLOW_PATIENT_OVERLAP
                                                   : TURNOS_STORE_BOOK_DEFAULT,
                                            &replayed, &conflict, &error);
  if (stored == NULL)
    turnos_handlers_answer_booking_error (answer, error, conflict);
  else
    {
      if (!replayed)
        turnos_request_audit (request, reason ? "reservation.create.override" : "reservation.create",
                              "reservation", stored->id, reason ? reason : "");
      turnos_answer_json (answer, 201, turnos_reservation_to_node (stored));  /* a replay answers as the first time */
    }
}

/* An optional day of the query into @out (NULL when absent). */
static gboolean
optional_day (TurnosRequest *request,
              const char    *name,
              GDate         *day,
              const GDate  **out,
              TurnosAnswer  *answer)
{
  *out = NULL;
  if (turnos_request_query (request, name) == NULL)
    return TRUE;
  if (!turnos_request_date (request, name, day, answer))
    return FALSE;
  *out = day;
  return TRUE;
}

/* GET /reservations?client_id=&from=&to=&status=live|cancelled|all&order=asc|desc&limit=&cursor=
 * (DESIGN.md, "Lists are paged"): defaults status=all, order=desc, limit=100. */
void
turnos_handle_reservations_list (TurnosRequest *request,
                                 TurnosAnswer  *answer)
{
  const char *client = turnos_request_query (request, "client_id");
  const char *status = turnos_request_query (request, "status");
  const char *order = turnos_request_query (request, "order");
  TurnosReservationQuery query = { 0 };
  g_auto(TurnosCursor) cursor = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *next = NULL;
  gboolean more = FALSE;
  GDate from, to;
  TurnosRole role = turnos_request_role (request);

  /* A patient lists their own; without client_id, their own is what they mean. */
  if (role == TURNOS_ROLE_PATIENT && client == NULL)
    client = request->account->id;
  if (role == TURNOS_ROLE_PATIENT && !turnos_request_is (request, client))
    {
      turnos_request_forbid (request, answer);
      return;
    }
  if (client == NULL || *client == '\0')
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, "client_id is required");
      return;
    }
  if (order == NULL)
    order = "desc";
  if (!g_str_equal (order, "asc") && !g_str_equal (order, "desc"))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "order must be asc or desc");
      return;
    }
  if (status == NULL || g_str_equal (status, "all"))
    query.filter = TURNOS_RESERVATION_FILTER_ALL;
  else if (g_str_equal (status, "live"))
    query.filter = TURNOS_RESERVATION_FILTER_LIVE;
  else if (g_str_equal (status, "cancelled"))
    query.filter = TURNOS_RESERVATION_FILTER_CANCELLED;
  else
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "status must be live, cancelled or all");
      return;
    }
  if (!optional_day (request, "from", &from, &query.from, answer) ||
      !optional_day (request, "to", &to, &query.to, answer) ||
      !turnos_request_page (request, order, &query.limit, &cursor, answer))
    return;

  query.client_id = client;
  /* A professional sees the sessions of their own agenda only. */
  query.professional_id = role == TURNOS_ROLE_PROFESSIONAL ? request->account->id : NULL;
  query.now = request->now;
  query.descending = g_str_equal (order, "desc");
  query.after_start = cursor.key;
  query.after_id = cursor.id;
  if (!(list = turnos_store_list_reservations (request->store, &query, &more, &error)))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  if (more)
    {
      TurnosReservation *last = g_ptr_array_index (list, list->len - 1);

      next = turnos_cursor_encode_at (order, g_date_time_to_unix (last->start), last->id);
    }
  turnos_answer_json (answer, 200, turnos_page_node ("reservations", list,
                                                     (gpointer) turnos_reservation_to_json, next));
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
  g_autoptr(JsonNode) node = NULL;
  const char *reason = NULL;
  gboolean override;

  if (r == NULL)
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  /* A patient cancels their own; a professional their agenda's. */
  if ((turnos_request_role (request) == TURNOS_ROLE_PATIENT && !turnos_request_is (request, r->client_id)) ||
      (turnos_request_role (request) == TURNOS_ROLE_PROFESSIONAL && !turnos_request_is (request, r->professional_id)))
    {
      turnos_request_forbid (request, answer);
      return;
    }
  /* The body is optional: {"override_reason": "…"} from the desk or the admin. */
  if (soup_server_message_get_request_body (request->msg)->length > 0)
    {
      if (!(node = turnos_request_read_object (request, answer)) ||
          !turnos_handlers_read_override (request, json_node_get_object (node), &reason, answer))
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
  /* Past the notice: the desk with a reason; anyone releasing their own unpaid hold, until it
   * lapses (DESIGN.md, "Who may do what"): that time was never booked. */
  override = reason != NULL || r->status == TURNOS_STATUS_PENDING;
  if (!turnos_slots_check_cancel (settings, r, request->now, override, &error))
    {
      turnos_answer_rule_error (answer, 409, TURNOS_CODE_BAD_REQUEST, error);
      return;
    }
  if (!(cancelled = turnos_store_set_status (request->store, id, TURNOS_STATUS_CANCELLED, &error)))
    turnos_answer_store_error (answer, error);
  else
    {
      turnos_request_audit (request, reason ? "reservation.cancel.override" : "reservation.cancel",
                            "reservation", id, reason);
      turnos_answer_json (answer, 200, turnos_reservation_to_node (cancelled));
    }
}
