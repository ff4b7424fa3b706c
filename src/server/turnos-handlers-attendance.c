/* turnos-handlers-attendance.c: whether the patient came
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-error.h"
#include "turnos-handlers.h"
#include "turnos-store.h"

/* POST /reservations/{id}/attendance {"attendance": "arrived" | "no_show" | ""} → 200 the
 * reservation (DESIGN.md): the desk any, a professional their agenda's, the admin any. Only a
 * CONFIRMED session is marked: a cancelled one is 409 already_cancelled, an unpaid hold 409
 * not_confirmed. The change is audited and is a reservation event. */
void
turnos_handle_attendance (TurnosRequest *request,
                          TurnosAnswer  *answer)
{
  const char *id = request->params[0];
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) r = turnos_store_get_reservation (request->store, id, &error);
  g_autoptr(TurnosReservation) marked = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char *word = NULL;
  TurnosAttendance attendance;

  if (r == NULL)
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  /* A professional marks the sessions of their own agenda. */
  if (!turnos_request_manages (request, r->professional_id))
    {
      turnos_request_forbid (request, answer);
      return;
    }
  if (!(node = turnos_request_read_object (request, answer)) ||
      !turnos_request_string_member (json_node_get_object (node), "attendance", 16, FALSE, &word,
                                     answer))
    return;
  if (word == NULL || !turnos_attendance_from_string (word, &attendance))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "attendance must be \"arrived\", \"no_show\" or \"\"");
      return;
    }
  if (r->status == TURNOS_STATUS_PENDING)
    {
      turnos_answer_error (answer, 409, TURNOS_CODE_NOT_CONFIRMED,
                           "the session's deposit is not paid: it is not booked yet");
      return;
    }
  if (!(marked = turnos_store_set_attendance (request->store, id, attendance, &error)))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  turnos_request_audit (request, "reservation.attendance", "reservation", id,
                        *word != '\0' ? word : "cleared");
  turnos_answer_json (answer, 200, turnos_reservation_to_node (marked));
}
