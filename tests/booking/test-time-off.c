/* test-time-off.c: a professional's blocks against a real server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "turnos-error.h"
#include "turnos-time-off.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

#define ZONE "America/Argentina/Buenos_Aires"

static void
count_cb (gpointer data)
{
  (*(guint *) data)++;
}

static void
failed_cb (TurnosTimeOff *t,
           const GError  *error,
           gpointer       data)
{
  GError **out = data;

  g_clear_error (out);
  *out = g_error_copy (error);
}

static void
removed_cb (TurnosTimeOff *t,
            TurnosBlock   *block,
            gpointer       data)
{
  TurnosBlock **out = data;

  g_clear_pointer (out, turnos_block_unref);
  *out = turnos_block_ref (block);
}

static void
availability_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  *(TurnosAvailability **) data = turnos_client_get_availability_finish (TURNOS_CLIENT (object), result, NULL);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  *(GPtrArray **) data = turnos_client_list_reservations_finish (TURNOS_CLIENT (object), result, NULL);
}

static guint
free_after (TurnosClient *client,
            const GDate  *day,
            int           minutes)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(GDateTime) from = turnos_time_at (tz, day, minutes);
  g_autoptr(TurnosAvailability) a = NULL;
  guint n = 0;

  turnos_client_get_availability_async (client, "dr-ana", day, NULL, availability_cb, &a);
  TURNOS_TEST_WAIT_UNTIL (a != NULL);
  for (guint i = 0; i < a->slots->len; i++)
    n += g_date_time_compare (g_array_index (a->slots, TurnosInterval, i).start, from) >= 0;
  return n;
}

static void
test_block_an_afternoon (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosTimeOff) off = turnos_time_off_new (client);
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GError) failure = NULL;
  g_autoptr(TurnosBlock) removed = NULL;
  GListModel *blocks = turnos_time_off_get_blocks (off);
  guint changed = 0, before, n_blocks;
  GDate day;

  turnos_test_sign_in (client, server, "desk");
  g_signal_connect_swapped (off, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (off, "failed", G_CALLBACK (failed_cb), &failure);
  g_signal_connect (off, "removed", G_CALLBACK (removed_cb), &removed);
  turnos_time_off_set_professional_id (off, "dr-ana");
  turnos_time_off_refresh (off);
  TURNOS_TEST_WAIT_UNTIL (g_list_model_get_n_items (blocks) > 0);
  n_blocks = g_list_model_get_n_items (blocks);   /* the demo's team meeting */

  turnos_test_working_day (ZONE, 12, &day);
  before = free_after (client, &day, 13 * 60);
  g_assert_cmpuint (before, >, 0);
  start = turnos_time_at (tz, &day, 13 * 60);
  end = turnos_time_at (tz, &day, 17 * 60);
  turnos_time_off_add (off, start, end, "Afternoon off");
  TURNOS_TEST_WAIT_UNTIL (changed == 1 && g_list_model_get_n_items (blocks) == n_blocks + 1);
  g_assert_null (failure);
  g_assert_cmpuint (free_after (client, &day, 13 * 60), ==, 0);

  /* Over a booked session: refused, and the page is told why. */
  {
    g_autoptr(GDateTime) busy_start = NULL;
    g_autoptr(GDateTime) busy_end = NULL;
    GDate booked;

    g_autoptr(GPtrArray) mine = NULL;

    /* The demo's patient-1 has a coming session with dr-ana (newest first). */
    turnos_client_list_reservations_async (client, "patient-1", NULL, list_cb, &mine);
    TURNOS_TEST_WAIT_UNTIL (mine != NULL);
    turnos_date_from_datetime (((TurnosReservation *) mine->pdata[0])->start, &booked);
    busy_start = turnos_time_at (tz, &booked, 9 * 60);
    busy_end = turnos_time_at (tz, &booked, 12 * 60);
    turnos_time_off_add (off, busy_start, busy_end, "Meeting");
    TURNOS_TEST_WAIT_UNTIL (failure != NULL);
    g_assert_error (failure, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT);
    g_assert_cmpstr (turnos_client_error_get_api_code (failure), ==, TURNOS_CODE_BLOCK_OVERLAPS);
    /* The refusal names the session in the way, with its patient and time. */
    g_assert_nonnull (turnos_client_error_get_reservations (failure));
    g_assert_cmpuint (turnos_client_error_get_reservations (failure)->len, ==, 1);
    g_assert_cmpstr (((TurnosReservation *) turnos_client_error_get_reservations (failure)->pdata[0])->client_id,
                     ==, "patient-1");
  }

  /* Removing it gives the afternoon back. */
  for (guint i = 0; i < g_list_model_get_n_items (blocks); i++)
    {
      g_autoptr(TurnosBlockItem) item = g_list_model_get_item (blocks, i);

      if (g_strcmp0 (turnos_block_item_get_block (item)->reason, "Afternoon off") == 0)
        turnos_time_off_remove (off, item);
    }
  TURNOS_TEST_WAIT_UNTIL (changed == 2 && g_list_model_get_n_items (blocks) == n_blocks);
  /* What was removed is handed back, so it can be added again (Undo). */
  g_assert_nonnull (removed);
  g_assert_cmpstr (removed->reason, ==, "Afternoon off");
  g_assert_true (g_date_time_equal (removed->start, start));
  g_assert_cmpuint (free_after (client, &day, 13 * 60), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/booking/time-off/block-an-afternoon", test_block_an_afternoon);

  return g_test_run ();
}
