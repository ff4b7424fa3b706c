/* turnos-client-attendance.c: whether the patient came (the desk's agenda, issue #18)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-client"

#include "config.h"

#include "turnos-client-private.h"

static gpointer
parse_reservation (TurnosClient  *self,
                   JsonNode      *node,
                   GError       **error)
{
  return turnos_reservation_stored_from_json (node, NULL, error);
}

void
turnos_client_set_attendance_async (TurnosClient        *self,
                                    const char          *reservation_id,
                                    TurnosAttendance     attendance,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (reservation_id != NULL);

  id = _turnos_client_escape (reservation_id);
  path = g_strdup_printf ("reservations/%s/attendance", id);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "attendance");
  json_builder_add_string_value (b, turnos_attendance_to_string (attendance));
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  _turnos_client_send (self, "POST", path, body, parse_reservation,
                       (GDestroyNotify) turnos_reservation_unref, cancellable, callback, user_data,
                       turnos_client_set_attendance_async);
}

TurnosReservation *
turnos_client_set_attendance_finish (TurnosClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_set_attendance_async, error);
}
