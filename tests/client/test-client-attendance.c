/* test-client-attendance.c: TurnosClient marks whether the patient came (issue #18)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "turnos-client.h"
#include "turnos-error.h"
#include "turnos-test-inproc.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

typedef struct
{
  TurnosReservation *result;
  GError            *error;
  gboolean           done;
} Answer;

static void
set_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      data)
{
  Answer *a = data;

  a->result = turnos_client_set_attendance_finish (TURNOS_CLIENT (object), result, &a->error);
  a->done = TRUE;
}

static TurnosReservation *
mark (TurnosClient     *client,
      const char       *id,
      TurnosAttendance  attendance,
      GError          **error)
{
  Answer a = { NULL, NULL, FALSE };

  turnos_client_set_attendance_async (client, id, attendance, NULL, set_cb, &a);
  TURNOS_TEST_WAIT_UNTIL (a.done);
  if (a.error != NULL)
    g_propagate_error (error, a.error);
  return a.result;
}

static void
test_mark (void)
{
  g_autoptr(TurnosTestInproc) t = turnos_test_inproc_new ();
  g_autoptr(TurnosClient) desk = turnos_client_new (t->url);
  g_autoptr(TurnosClient) carla = turnos_client_new (t->url);
  g_autofree char *carla_token = turnos_test_inproc_login (t, "dr-carla");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TurnosReservation) marked = NULL;
  g_autoptr(TurnosReservation) cleared = NULL;
  g_autoptr(GError) error = NULL;
  const char *id;

  turnos_client_set_token (desk, t->token);
  turnos_client_set_token (carla, carla_token);
  g_assert_cmpuint (turnos_test_inproc_request (t, "POST", "reservations/create-without-payment",
                                                "{\"client_id\": \"patient-1\", \"professional_id\": "
                                                "\"dr-ana\", \"start_time\": \"2026-03-12T15:00:00\", "
                                                "\"session_modality\": \"Virtual\"}", -1, &node), ==, 201);
  id = json_object_get_string_member (json_node_get_object (node), "id");

  marked = mark (desk, id, TURNOS_ATTENDANCE_NO_SHOW, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (marked->id, ==, id);
  g_assert_cmpint (marked->attendance, ==, TURNOS_ATTENDANCE_NO_SHOW);
  cleared = mark (desk, id, TURNOS_ATTENDANCE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cleared->attendance, ==, TURNOS_ATTENDANCE_NONE);

  /* Another professional's agenda; no such session. */
  g_assert_null (mark (carla, id, TURNOS_ATTENDANCE_ARRIVED, &error));
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_null (mark (desk, "no such/id", TURNOS_ATTENDANCE_ARRIVED, &error));
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A cancelled one. */
  {
    g_autofree char *cancel = g_strdup_printf ("reservations/%s/cancel", id);

    g_assert_cmpuint (turnos_test_inproc_request (t, "POST", cancel, NULL, -1, NULL), ==, 200);
  }
  g_assert_null (mark (desk, id, TURNOS_ATTENDANCE_ARRIVED, &error));
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (turnos_client_error_get_api_code (error), ==, TURNOS_CODE_ALREADY_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/attendance/mark", test_mark);

  return g_test_run ();
}
