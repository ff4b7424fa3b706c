/* test-reservations.c: a patient's reservations against a real server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "turnos-error.h"
#include "turnos-reservations.h"
#include "turnos-test-server.h"

static void
on_cancelled_cb (TurnosReservations *list,
                 TurnosReservation  *r,
                 gpointer            data)
{
  (*(guint *) data)++;
}

static void
on_failed_cb (TurnosReservations *list,
              const GError       *error,
              gpointer            data)
{
  GError **out = data;

  g_clear_error (out);
  *out = g_error_copy (error);
}

static void
test_list_and_cancel (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosReservations) list = turnos_reservations_new (client);
  g_autoptr(TurnosReservationItem) upcoming = NULL;
  g_autoptr(TurnosReservationItem) past = NULL;
  g_autoptr(GError) failure = NULL;
  GListModel *items = turnos_reservations_get_items (list);
  guint cancelled = 0;

  turnos_test_sign_in (client, server, "desk");
  g_signal_connect (list, "cancelled", G_CALLBACK (on_cancelled_cb), &cancelled);
  g_signal_connect (list, "failed", G_CALLBACK (on_failed_cb), &failure);

  /* The demo's patient-1 has one session to come and one that has passed. */
  turnos_reservations_set_client_id (list, "patient-1");
  turnos_reservations_refresh (list);
  g_assert_true (turnos_reservations_get_loading (list));
  TURNOS_TEST_WAIT_UNTIL (!turnos_reservations_get_loading (list));
  g_assert_null (turnos_reservations_get_error (list));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  upcoming = g_list_model_get_item (items, 0);
  past = g_list_model_get_item (items, 1);
  /* Newest first, names from the professionals, what can still be cancelled. */
  g_assert_cmpint (g_date_time_compare (turnos_reservation_item_get_reservation (upcoming)->start,
                                        turnos_reservation_item_get_reservation (past)->start), >, 0);
  g_assert_cmpstr (turnos_reservation_item_get_professional_name (upcoming), ==, "Dra. Ana Gómez");
  g_assert_true (turnos_reservation_item_get_can_cancel (upcoming));
  g_assert_false (turnos_reservation_item_get_can_cancel (past));

  /* Cancel: the same item (a view keeps its selection) now says cancelled. */
  turnos_reservations_cancel (list, upcoming);
  TURNOS_TEST_WAIT_UNTIL (cancelled == 1 && !turnos_reservations_get_loading (list));
  g_assert_null (failure);
  {
    g_autoptr(TurnosReservationItem) again = g_list_model_get_item (items, 0);

    g_assert_true (again == upcoming);
  }
  g_assert_cmpint (turnos_reservation_item_get_reservation (upcoming)->status, ==, TURNOS_STATUS_CANCELLED);
  g_assert_false (turnos_reservation_item_get_can_cancel (upcoming));

  /* The server refuses what has passed, whatever a client asks. */
  turnos_reservations_cancel (list, past);
  TURNOS_TEST_WAIT_UNTIL (failure != NULL);
  g_assert_error (failure, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (turnos_client_error_get_api_code (failure), ==, TURNOS_CODE_RESERVATION_PAST);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/booking/reservations/list-and-cancel", test_list_and_cancel);

  return g_test_run ();
}
