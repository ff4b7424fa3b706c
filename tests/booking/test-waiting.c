/* test-waiting.c: the waitlist through TurnosWaiting, live, against a real server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server runs in this process on the demo clinic's fixed clock (Monday 2 March 2026, 08:00
 * in Buenos Aires): patient-1 sees dr-ana on Wednesday 4 March at 10:00.
 */
#include "config.h"

#include "turnos-json.h"
#include "turnos-test-inproc.h"
#include "turnos-test-server.h"
#include "turnos-time.h"
#include "turnos-waiting.h"

/* One window: its client, live events and waitlist. */
typedef struct
{
  TurnosClient  *client;
  TurnosEvents  *events;
  TurnosWaiting *waiting;
  guint          offers;
  char          *offer_professional;
  GDate          offer_date;
  char          *offer_start;
  guint          joined;
  guint          left;
  GError        *failed;
} Window;

static void
offer_cb (TurnosWaiting *waiting,
          const char    *professional_id,
          const GDate   *date,
          const char    *start_time,
          Window        *w)
{
  w->offers++;
  g_free (w->offer_professional);
  w->offer_professional = g_strdup (professional_id);
  w->offer_date = *date;
  g_free (w->offer_start);
  w->offer_start = g_strdup (start_time);
}

static void
joined_cb (TurnosWaiting       *waiting,
           TurnosWaitlistEntry *entry,
           Window              *w)
{
  w->joined++;
}

static void
left_cb (TurnosWaiting       *waiting,
         TurnosWaitlistEntry *entry,
         Window              *w)
{
  w->left++;
}

static void
failed_cb (TurnosWaiting *waiting,
           const GError  *error,
           Window        *w)
{
  g_clear_error (&w->failed);
  w->failed = g_error_copy (error);
}

static Window *
window_new (TurnosTestInproc *srv,
            const char       *user)
{
  Window *w = g_new0 (Window, 1);
  g_autofree char *token = turnos_test_inproc_login (srv, user);

  w->client = turnos_client_new (srv->url);
  turnos_client_set_token (w->client, token);
  w->events = turnos_events_new (w->client);
  g_object_set (w->events, "backoff-min-ms", 50, "backoff-max-ms", 200, NULL);
  turnos_events_start (w->events);
  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (w->events));
  w->waiting = turnos_waiting_new (w->client);
  turnos_waiting_set_events (w->waiting, w->events);
  g_signal_connect (w->waiting, "offer", G_CALLBACK (offer_cb), w);
  g_signal_connect (w->waiting, "joined", G_CALLBACK (joined_cb), w);
  g_signal_connect (w->waiting, "left", G_CALLBACK (left_cb), w);
  g_signal_connect (w->waiting, "failed", G_CALLBACK (failed_cb), w);
  return w;
}

static void
window_free (Window *w)
{
  g_signal_handlers_disconnect_by_data (w->waiting, w);
  g_assert_finalize_object (w->waiting);
  turnos_events_stop (w->events);
  g_clear_object (&w->events);
  g_clear_object (&w->client);
  g_free (w->offer_professional);
  g_free (w->offer_start);
  g_clear_error (&w->failed);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Window, window_free)

static TurnosWaitingItem *
item (TurnosWaiting *waiting,
      guint          i)
{
  g_autoptr(TurnosWaitingItem) it = g_list_model_get_item (turnos_waiting_get_items (waiting), i);

  return it;   /* the list keeps it */
}

static guint
n_items (TurnosWaiting *waiting)
{
  return g_list_model_get_n_items (turnos_waiting_get_items (waiting));
}

/* patient-2 asks to be told if Wednesday frees up; the desk's day shows them waiting; when
 * patient-1's session is cancelled, patient-2's app hears the offer and both rows say it; then
 * patient-2 leaves the list. */
static void
test_offer (void)
{
  g_autoptr(TurnosTestInproc) srv = turnos_test_inproc_new ();
  g_autoptr(Window) patient = window_new (srv, "patient-2");
  g_autoptr(Window) desk = window_new (srv, "desk");
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *cancel = NULL;
  GDate wednesday;

  g_assert_true (turnos_date_parse ("2026-03-04", &wednesday, NULL));
  turnos_waiting_set_client_id (patient->waiting, "patient-2");
  turnos_waiting_set_professional_id (desk->waiting, "dr-ana");
  turnos_waiting_set_date (desk->waiting, &wednesday);
  TURNOS_TEST_WAIT_UNTIL (!turnos_waiting_get_loading (desk->waiting));
  g_assert_cmpuint (n_items (desk->waiting), ==, 0);

  turnos_waiting_join (patient->waiting, "dr-ana", &wednesday, "patient-2");
  TURNOS_TEST_WAIT_UNTIL (patient->joined == 1 && n_items (patient->waiting) == 1);
  g_assert_false (turnos_waiting_item_get_offered (item (patient->waiting, 0)));
  turnos_waiting_refresh (desk->waiting);
  TURNOS_TEST_WAIT_UNTIL (n_items (desk->waiting) == 1);
  g_assert_cmpstr (turnos_waiting_item_get_entry (item (desk->waiting, 0))->client_id, ==, "patient-2");

  /* A patient waits only for themselves. */
  turnos_waiting_join (patient->waiting, "dr-ana", &wednesday, "patient-3");
  TURNOS_TEST_WAIT_UNTIL (patient->failed != NULL);
  g_assert_error (patient->failed, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_FORBIDDEN);

  g_assert_cmpuint (turnos_test_inproc_request (srv, "GET", "reservations?client_id=patient-1&status=live&from=2026-03-04&order=asc",
                                                NULL, -1, &list), ==, 200);
  cancel = g_strdup_printf ("reservations/%s/cancel",
                            json_object_get_string_member (json_array_get_object_element (
                              json_object_get_array_member (json_node_get_object (list), "reservations"), 0), "id"));
  g_assert_cmpuint (turnos_test_inproc_request (srv, "POST", cancel, NULL, -1, NULL), ==, 200);

  TURNOS_TEST_WAIT_UNTIL (patient->offers == 1);
  g_assert_cmpstr (patient->offer_professional, ==, "dr-ana");
  g_assert_cmpint (g_date_compare (&patient->offer_date, &wednesday), ==, 0);
  g_assert_cmpstr (patient->offer_start, ==, "2026-03-04T10:00:00");
  g_assert_cmpuint (desk->offers, ==, 0);
  TURNOS_TEST_WAIT_UNTIL (n_items (patient->waiting) == 1 &&
                          turnos_waiting_item_get_offered (item (patient->waiting, 0)));
  TURNOS_TEST_WAIT_UNTIL (n_items (desk->waiting) == 1 &&
                          turnos_waiting_item_get_offered (item (desk->waiting, 0)));

  turnos_waiting_leave (patient->waiting, item (patient->waiting, 0));
  TURNOS_TEST_WAIT_UNTIL (patient->left == 1 && n_items (patient->waiting) == 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/booking/waiting/offer", test_offer);

  return g_test_run ();
}
