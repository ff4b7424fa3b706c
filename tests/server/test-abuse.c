/* test-abuse.c: what a careless or hostile client does to a real turnos-server process
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case is a reproducer from issue 11, run against the built server spawned on a loopback
 * port. Waits are bounded: the main loop until a condition holds, or a socket with a timeout.
 */
#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "turnos-json.h"
#include "turnos-test-server.h"

#define ZONE "America/Argentina/Buenos_Aires"

/*
 * Helpers
 */

typedef struct
{
  guint   pending;
  guint   by_status[600];
} Tally;

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Tally *tally = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);
  guint status = soup_message_get_status (msg);

  tally->by_status[MIN (status, G_N_ELEMENTS (tally->by_status) - 1)]++;
  tally->pending--;
}

/* The working day after @day (any working day at least *@ahead days ahead when @day is
 * cleared), from the real clock in the clinic's zone. */
static void
next_working_day (int   *ahead,
                  GDate *day)
{
  GDate next;

  do
    turnos_test_working_day (ZONE, (*ahead)++, &next);
  while (g_date_valid (day) && g_date_compare (&next, day) <= 0);
  *day = next;
}

/*
 * --workers after --demo
 */

/* Two workers forked after the demo seeded the store once made the same ids (GLib's GRand
 * state is inherited across fork): every other write answered 500. Now 200 bookings of
 * distinct times sent at once all land. */
static void
test_workers_ids (void)
{
  const char * const args[] = { "--workers", "2", NULL };
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, args);
  g_autofree char *url = g_strconcat (turnos_test_server_get_url (server),
                                      "reservations/create-without-payment", NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 64,
                                                                  "max-conns-per-host", 64,
                                                                  NULL);
  Tally tally = { 0 };
  GDate day;
  int ahead = 8;

  g_date_clear (&day, 1);

  /* dr-ana works weekdays 09:00 to 17:00, a session on each hour; the demo's own bookings
   * are within the first five working days. */
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autofree char *body = NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (i % 8 == 0)
        next_working_day (&ahead, &day);
      body = g_strdup_printf ("{\"client_id\": \"workers-%u\", \"professional_id\": \"dr-ana\","
                              " \"start_time\": \"%04d-%02d-%02dT%02u:00:00\","
                              " \"session_modality\": \"Virtual\"}", i,
                              g_date_get_year (&day), g_date_get_month (&day),
                              g_date_get_day (&day), 9 + i % 8);
      bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      tally.pending++;
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &tally);
    }
  TURNOS_TEST_WAIT_UNTIL (tally.pending == 0);
  for (guint s = 0; s < G_N_ELEMENTS (tally.by_status); s++)
    if (tally.by_status[s] > 0)
      g_test_message ("%u × %u", tally.by_status[s], s);
  g_assert_cmpuint (tally.by_status[500], ==, 0);
  g_assert_cmpuint (tally.by_status[201], ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/abuse/workers-ids", test_workers_ids);

  return g_test_run ();
}
