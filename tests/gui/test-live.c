/* test-live.c: the window's live updates (issue #18) with real widgets under Xvfb, against
 * a real server: the quiet "live updates off" line, and a chosen time another desk takes
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "turnos-reserve-page.h"
#include "turnos-slot.h"
#include "turnos-test-client.h"
#include "turnos-test-server.h"
#include "turnos-time.h"
#include "turnos-window.h"

#define ZONE "America/Argentina/Buenos_Aires"

typedef struct
{
  TurnosTestServer *server;
  TurnosClient     *client;
  TurnosBooking    *booking;
  TurnosWindow     *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = turnos_test_server_start (TRUE, NULL);
  f->client = turnos_test_client_new (turnos_test_server_get_url (f->server));
  turnos_test_sign_in (f->client, f->server, "desk");
  f->booking = turnos_booking_new (f->client);
  f->window = turnos_window_new (NULL, f->booking, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->booking);
  g_clear_object (&f->client);
  turnos_test_server_free (f->server);
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
live_off_shown (Fixture *f)
{
  return gtk_revealer_get_reveal_child (child (f->window, TURNOS_TYPE_WINDOW, "live_revealer"));
}

/* Connected: nothing said. The server gone: the quiet line, after its delay; the events'
 * own connection is the window's and follows the booking. */
static void
test_indicator (Fixture       *f,
                gconstpointer  data)
{
  TurnosEvents *events = turnos_booking_get_events (f->booking);

  g_assert_nonnull (events);
  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (events));
  g_assert_false (live_off_shown (f));

  turnos_test_server_stop (f->server);
  TURNOS_TEST_WAIT_UNTIL (!turnos_events_get_connected (events));
  /* Not at once: a reconnect a moment later would flash it. */
  g_assert_false (live_off_shown (f));
  TURNOS_TEST_WAIT_UNTIL (live_off_shown (f));
}

/* A window whose server never answers says so too. */
static void
test_indicator_never_connected (void)
{
  g_autoptr(TurnosClient) client = turnos_client_new ("http://127.0.0.1:1/");
  g_autoptr(TurnosBooking) booking = turnos_booking_new (client);
  TurnosWindow *window = turnos_window_new (NULL, booking, NULL);

  gtk_window_present (GTK_WINDOW (window));
  TURNOS_TEST_WAIT_UNTIL (gtk_revealer_get_reveal_child (child (window, TURNOS_TYPE_WINDOW, "live_revealer")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GError) error = NULL;

  *(TurnosReservation **) data = turnos_client_create_reservation_finish (TURNOS_CLIENT (object), result, &error);
  g_assert_no_error (error);
}

/* The slot at @hhmm in the booking's list, or NULL. (transfer none) */
static TurnosSlot *
slot_at (TurnosBooking *booking,
         const char    *hhmm)
{
  GListModel *slots = turnos_booking_get_slots (booking);

  for (guint i = 0; i < g_list_model_get_n_items (slots); i++)
    {
      g_autoptr(TurnosSlot) slot = g_list_model_get_item (slots, i);
      g_autofree char *at = g_date_time_format (turnos_slot_get_start (slot), "%H:%M");

      if (g_str_equal (at, hhmm))
        return slot;
    }
  return NULL;
}

/* The time chosen here is booked at another desk: unselected, and said over the list. */
static void
test_slot_taken (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *page = gtk_stack_get_child_by_name (turnos_window_get_stack (f->window), "reserve");
  GtkLabel *lost = child (page, TURNOS_TYPE_RESERVE_PAGE, "lost_label");
  g_autoptr(TurnosClient) other = turnos_test_client_new (turnos_test_server_get_url (f->server));
  g_autoptr(TurnosReservation) draft = turnos_reservation_new ();
  g_autoptr(TurnosReservation) stored = NULL;
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  GDate day;

  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (turnos_booking_get_events (f->booking)));
  turnos_test_working_day (ZONE, 8, &day);
  turnos_booking_set_client_id (f->booking, "patient-3");
  turnos_booking_load (f->booking, "dr-ana");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (f->booking) != NULL);
  turnos_booking_set_date (f->booking, &day);
  TURNOS_TEST_WAIT_UNTIL (slot_at (f->booking, "10:00") != NULL);
  turnos_booking_set_slot (f->booking, slot_at (f->booking, "10:00"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (lost)));

  turnos_test_sign_in (other, f->server, "desk");
  draft->client_id = g_strdup ("patient-1");
  draft->professional_id = g_strdup ("dr-ana");
  draft->start = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day),
                                  g_date_get_day (&day), 10, 0, 0);
  draft->end = g_date_time_add_minutes (draft->start, 45);
  draft->modality = TURNOS_MODALITY_VIRTUAL;
  turnos_client_create_reservation_async (other, draft, NULL, NULL, created_cb, &stored);
  TURNOS_TEST_WAIT_UNTIL (stored != NULL);

  TURNOS_TEST_WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (lost)));
  g_assert_cmpstr (gtk_label_get_label (lost), ==, "10:00 was just booked at another desk");
  g_assert_null (turnos_booking_get_slot (f->booking));
  g_assert_null (slot_at (f->booking, "10:00"));

  /* Another time chosen: old news. */
  turnos_booking_set_slot (f->booking, slot_at (f->booking, "11:00"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (lost)));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/live/indicator", Fixture, NULL, fixture_set_up, test_indicator, fixture_tear_down);
  g_test_add_func ("/gui/live/indicator-never-connected", test_indicator_never_connected);
  g_test_add ("/gui/live/slot-taken", Fixture, NULL, fixture_set_up, test_slot_taken, fixture_tear_down);

  return g_test_run ();
}
