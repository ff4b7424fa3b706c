/* test-booking-live.c: the booking controllers follow the live events (issue #18)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two desks on one server (in this process, on its fixed clock): what one does shows at the
 * other with no user action, within a bounded main-loop wait.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "turnos-booking.h"
#include "turnos-desk-agenda.h"
#include "turnos-events-hub.h"
#include "turnos-live-follow.h"
#include "turnos-test-inproc.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

static GDateTime *
inproc_clock (gpointer data)
{
  return g_date_time_ref (((TurnosTestInproc *) data)->now);
}

/* One window: its client, its events connection, its booking controller. */
typedef struct
{
  TurnosClient  *client;
  TurnosEvents  *events;
  TurnosBooking *booking;
  guint          loading_changes;
  guint          month_changes;
  guint          slots_lost;
} Desk;

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *counter)
{
  (*counter)++;
}

static void
slot_lost_cb (TurnosBooking       *booking,
              TurnosBookingNotice  notice,
              GDateTime           *start,
              Desk                *desk)
{
  g_assert_cmpint (notice, ==, TURNOS_BOOKING_NOTICE_SLOT_TAKEN);
  g_assert_nonnull (start);
  desk->slots_lost++;
}

static void
desk_free (Desk *desk)
{
  g_signal_handlers_disconnect_by_data (desk->booking, desk);
  g_clear_object (&desk->booking);
  turnos_events_stop (desk->events);
  g_clear_object (&desk->events);
  g_clear_object (&desk->client);
  g_free (desk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Desk, desk_free)

static TurnosEvents *
events_for (TurnosClient *client)
{
  TurnosEvents *events = turnos_events_new (client);

  g_object_set (events, "backoff-min-ms", 50, "backoff-max-ms", 200, NULL);
  turnos_events_start (events);
  return events;
}

/* A window signed in with @token (NULL: anonymous), showing @professional's @date ("YYYY-MM-DD")
 * and its month, live. */
static Desk *
desk_new (TurnosTestInproc *srv,
          const char       *token,
          const char       *professional,
          const char       *date)
{
  Desk *desk = g_new0 (Desk, 1);
  GDate day;

  desk->client = turnos_client_new (srv->url);
  turnos_client_set_token (desk->client, token);
  desk->events = events_for (desk->client);
  desk->booking = turnos_booking_new (desk->client);
  turnos_booking_set_clock (desk->booking, inproc_clock, srv);
  turnos_booking_set_events (desk->booking, desk->events);
  turnos_booking_set_client_id (desk->booking, "patient-1");
  turnos_booking_load (desk->booking, professional);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (desk->booking) != NULL);
  g_assert_true (turnos_date_parse (date, &day, NULL));
  turnos_booking_show_month (desk->booking, g_date_get_year (&day), g_date_get_month (&day));
  turnos_booking_set_date (desk->booking, &day);
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (desk->booking) &&
                          turnos_booking_get_month (desk->booking) != NULL);
  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (desk->events));
  g_signal_connect (desk->booking, "notify::loading", G_CALLBACK (count_cb), &desk->loading_changes);
  g_signal_connect (desk->booking, "notify::month", G_CALLBACK (count_cb), &desk->month_changes);
  g_signal_connect (desk->booking, "slot-lost", G_CALLBACK (slot_lost_cb), desk);
  return desk;
}

/* The slot starting at @hhmm in @desk's list, or NULL. (transfer none) */
static TurnosSlot *
slot_at (Desk       *desk,
         const char *hhmm)
{
  GListModel *slots = turnos_booking_get_slots (desk->booking);

  for (guint i = 0; i < g_list_model_get_n_items (slots); i++)
    {
      g_autoptr(TurnosSlot) slot = g_list_model_get_item (slots, i);
      g_autofree char *at = g_date_time_format (turnos_slot_get_start (slot), "%H:%M");

      if (g_str_equal (at, hhmm))
        return slot;   /* the list keeps it */
    }
  return NULL;
}

static guint
n_slots (Desk *desk)
{
  return g_list_model_get_n_items (turnos_booking_get_slots (desk->booking));
}

static gint64
free_on (Desk *desk,
         int   day)
{
  TurnosMonthOverview *month = turnos_booking_get_month (desk->booking);

  for (guint i = 0; i < month->days->len; i++)
    {
      TurnosMonthDay *d = &g_array_index (month->days, TurnosMonthDay, i);

      if (g_date_get_day (&d->date) == day)
        return d->free_slots;
    }
  return -1;
}

/* @desk books what it has chosen, through the controller: confirm, done. */
static void
book_chosen (Desk *desk)
{
  g_assert_true (turnos_booking_continue (desk->booking));
  g_assert_cmpint (turnos_booking_get_step (desk->booking), ==, TURNOS_BOOKING_STEP_CONFIRM);
  turnos_booking_confirm (desk->booking);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_step (desk->booking) == TURNOS_BOOKING_STEP_DONE);
}

static void
book_over_http (TurnosTestInproc *srv,
                const char       *hhmm)
{
  g_autofree char *body = g_strdup_printf ("{\"client_id\": \"patient-2\", \"professional_id\": "
                                           "\"dr-ana\", \"start_time\": \"2026-03-04T%s:00\", "
                                           "\"session_modality\": \"Virtual\"}", hhmm);

  g_assert_cmpuint (turnos_test_inproc_request (srv, "POST", "reservations/create-without-payment",
                                                body, -1, NULL), ==, 201);
}

/* One desk books 11:00; the other, which had chosen 11:00, loses it and says so; its list
 * drops that time and nothing else moves. */
static void
test_two_desks (void)
{
  g_autoptr(TurnosTestInproc) srv = turnos_test_inproc_new ();
  g_autoptr(Desk) a = desk_new (srv, srv->token, "dr-ana", "2026-03-04");
  g_autoptr(Desk) b = desk_new (srv, srv->token, "dr-ana", "2026-03-04");
  TurnosSlot *twelve = slot_at (b, "12:00");
  guint before = n_slots (b);
  gint64 free_before = free_on (b, 4);
  GDateTime *when;

  g_assert_nonnull (twelve);
  g_assert_cmpuint (before, ==, 7);
  turnos_booking_set_slot (b->booking, slot_at (b, "11:00"));
  turnos_booking_set_slot (a->booking, slot_at (a, "11:00"));
  book_chosen (a);

  TURNOS_TEST_WAIT_UNTIL (slot_at (b, "11:00") == NULL);
  g_assert_null (turnos_booking_get_slot (b->booking));
  g_assert_cmpint (turnos_booking_get_notice (b->booking), ==, TURNOS_BOOKING_NOTICE_SLOT_TAKEN);
  when = turnos_booking_get_notice_time (b->booking);
  g_assert_nonnull (when);
  g_assert_cmpint (g_date_time_get_hour (when), ==, 11);
  g_assert_cmpuint (b->slots_lost, ==, 1);
  g_assert_false (turnos_booking_get_can_continue (b->booking));
  /* Quietly: the rest of the list is the same objects, and nothing said "loading". */
  g_assert_cmpuint (n_slots (b), ==, before - 1);
  g_assert_true (slot_at (b, "12:00") == twelve);
  g_assert_cmpuint (b->loading_changes, ==, 0);
  /* The month's marks follow. */
  TURNOS_TEST_WAIT_UNTIL (free_on (b, 4) == free_before - 1);

  /* The desk that booked said nothing about its own booking. */
  g_assert_cmpint (turnos_booking_get_notice (a->booking), ==, TURNOS_BOOKING_NOTICE_NONE);
  g_assert_cmpuint (a->slots_lost, ==, 0);

  /* Choosing another time clears the notice. */
  turnos_booking_set_slot (b->booking, twelve);
  g_assert_cmpint (turnos_booking_get_notice (b->booking), ==, TURNOS_BOOKING_NOTICE_NONE);
  g_assert_null (turnos_booking_get_notice_time (b->booking));
}

/* A booking of another time leaves the chosen one chosen, with nothing said; a cancellation
 * brings its time back. The patient's app (anonymous here) hears availability as the desk. */
static void
test_other_times (void)
{
  g_autoptr(TurnosTestInproc) srv = turnos_test_inproc_new ();
  g_autoptr(Desk) b = desk_new (srv, NULL, "dr-ana", "2026-03-04");
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *path = NULL;
  TurnosSlot *twelve = slot_at (b, "12:00");
  JsonArray *reservations;

  turnos_booking_set_slot (b->booking, twelve);
  book_over_http (srv, "15:00");
  TURNOS_TEST_WAIT_UNTIL (slot_at (b, "15:00") == NULL);
  g_assert_true (turnos_booking_get_slot (b->booking) == twelve);
  g_assert_cmpint (turnos_booking_get_notice (b->booking), ==, TURNOS_BOOKING_NOTICE_NONE);
  g_assert_true (turnos_booking_get_can_continue (b->booking));

  /* Cancel the demo's 10:00 (patient-1's): it comes back, in its place. */
  g_assert_cmpuint (turnos_test_inproc_request (srv, "GET",
                                                "reservations?client_id=patient-1&status=live"
                                                "&from=2026-03-04&to=2026-03-04", NULL, -1, &list),
                    ==, 200);
  reservations = json_object_get_array_member (json_node_get_object (list), "reservations");
  g_assert_cmpuint (json_array_get_length (reservations), ==, 1);
  path = g_strdup_printf ("reservations/%s/cancel",
                          json_object_get_string_member (json_array_get_object_element (reservations, 0),
                                                         "id"));
  g_assert_cmpuint (turnos_test_inproc_request (srv, "POST", path, NULL, -1, NULL), ==, 200);
  TURNOS_TEST_WAIT_UNTIL (slot_at (b, "10:00") != NULL);
  {
    g_autoptr(TurnosSlot) second = g_list_model_get_item (turnos_booking_get_slots (b->booking), 1);

    g_assert_true (second == slot_at (b, "10:00"));
  }
  g_assert_true (turnos_booking_get_slot (b->booking) == twelve);
  g_assert_cmpuint (b->loading_changes, ==, 0);
}

/* The connection drops; a booking is made meanwhile; the reconnection's resync catches up. */
static void
test_resync (void)
{
  g_autoptr(TurnosTestInproc) srv = turnos_test_inproc_new ();
  g_autoptr(Desk) b = desk_new (srv, srv->token, "dr-ana", "2026-03-04");
  TurnosEventsHub *hub = _turnos_server_get_events (srv->server);

  turnos_booking_set_slot (b->booking, slot_at (b, "11:00"));
  g_object_set (hub, "max-subscribers", 0, NULL);
  turnos_events_hub_close_all (hub);
  TURNOS_TEST_WAIT_UNTIL (!turnos_events_get_connected (b->events));
  book_over_http (srv, "11:00");
  turnos_test_wait_for (&(gboolean) { FALSE }, 300);
  g_assert_nonnull (slot_at (b, "11:00"));

  g_object_set (hub, "max-subscribers", 100, NULL);
  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (b->events));
  TURNOS_TEST_WAIT_UNTIL (slot_at (b, "11:00") == NULL);
  g_assert_null (turnos_booking_get_slot (b->booking));
  g_assert_cmpint (turnos_booking_get_notice (b->booking), ==, TURNOS_BOOKING_NOTICE_SLOT_TAKEN);
}

/* Paying a deposit holds the time: this desk's own hold is not someone else's booking. */
static void
test_own_hold (void)
{
  g_autoptr(TurnosTestInproc) srv = turnos_test_inproc_new ();
  g_autoptr(Desk) b = desk_new (srv, srv->token, "dr-bruno", "2026-03-04");
  g_autoptr(Desk) other = desk_new (srv, srv->token, "dr-bruno", "2026-03-04");
  TurnosSlot *nine = slot_at (b, "09:00");

  turnos_booking_set_slot (b->booking, nine);
  turnos_booking_set_slot (other->booking, slot_at (other, "09:00"));
  g_assert_true (turnos_booking_continue (b->booking));
  g_assert_cmpint (turnos_booking_get_step (b->booking), ==, TURNOS_BOOKING_STEP_PAYMENT);
  turnos_booking_pay (b->booking);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_payment (b->booking) != NULL);
  /* The other desk hears the hold and loses 09:00; this one keeps its choice, quietly. */
  TURNOS_TEST_WAIT_UNTIL (slot_at (other, "09:00") == NULL);
  g_assert_cmpint (turnos_booking_get_notice (other->booking), ==, TURNOS_BOOKING_NOTICE_SLOT_TAKEN);
  turnos_test_wait_for (&(gboolean) { FALSE }, 200);
  g_assert_true (turnos_booking_get_slot (b->booking) == nine);
  g_assert_cmpint (turnos_booking_get_notice (b->booking), ==, TURNOS_BOOKING_NOTICE_NONE);
  g_assert_cmpuint (b->slots_lost, ==, 0);
}

/* New hours: the settings are applied again, the chosen time kept while it is offered. */
static void
test_settings_change (void)
{
  g_autoptr(TurnosTestInproc) srv = turnos_test_inproc_new ();
  g_autoptr(Desk) b = desk_new (srv, srv->token, "dr-ana", "2026-03-04");
  g_autofree char *admin = turnos_test_inproc_login (srv, "admin");
  g_autoptr(JsonNode) settings = NULL;
  g_autofree char *body = NULL;
  JsonArray *hours;

  turnos_booking_set_slot (b->booking, slot_at (b, "09:00"));
  g_assert_cmpuint (turnos_test_inproc_request (srv, "GET", "professionals/dr-ana/settings", NULL,
                                                -1, &settings), ==, 200);
  hours = json_object_get_array_member (json_node_get_object (settings), "working_hours");
  for (guint i = 0; i < json_array_get_length (hours); i++)
    json_object_set_string_member (json_array_get_object_element (hours, i), "end", "12:00");
  body = json_to_string (settings, FALSE);
  g_assert_cmpuint (turnos_test_inproc_request_as (srv, admin, "PUT", "professionals/dr-ana/settings",
                                                   body, -1, NULL, NULL), ==, 200);
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (b->booking) && n_slots (b) == 2);
  g_assert_nonnull (slot_at (b, "09:00"));
  g_assert_nonnull (slot_at (b, "11:00"));
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_slot (b->booking) == slot_at (b, "09:00"));
}

/* My Reservations, the desk's day and the time off refresh when an event touches them. */
/* My Reservations' Upcoming tab. */
static GListModel *
upcoming (TurnosReservations *list)
{
  return turnos_reservation_section_get_items (turnos_reservations_get_section (list, TURNOS_RESERVATIONS_UPCOMING));
}

static gboolean
upcoming_loaded (TurnosReservations *list)
{
  TurnosReservationSection *section = turnos_reservations_get_section (list, TURNOS_RESERVATIONS_UPCOMING);

  return turnos_reservation_section_get_loaded (section) && !turnos_reservation_section_get_loading (section);
}

static void
test_other_views (void)
{
  g_autoptr(TurnosTestInproc) srv = turnos_test_inproc_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (srv->url);
  g_autoptr(TurnosEvents) events = NULL;
  g_autoptr(TurnosReservations) mine = NULL;
  g_autoptr(TurnosReservations) theirs = NULL;
  g_autoptr(TurnosDeskDay) day = NULL;
  g_autoptr(TurnosTimeOff) off = NULL;
  guint mine_before, theirs_before, entries_before, blocks_before;
  GDate date;

  turnos_client_set_token (client, srv->token);
  events = events_for (client);
  mine = turnos_reservations_new (client);
  theirs = turnos_reservations_new (client);
  day = turnos_desk_day_new (client);
  off = turnos_time_off_new (client);
  /* On the server's clock, so the demo's sessions are upcoming. */
  turnos_reservations_set_clock (mine, (TurnosReservationsClock) inproc_clock, srv);
  turnos_reservations_set_clock (theirs, (TurnosReservationsClock) inproc_clock, srv);
  turnos_reservations_set_client_id (mine, "patient-2");
  turnos_reservations_set_client_id (theirs, "patient-3");
  turnos_desk_day_set_professional_id (day, "dr-ana");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 4, 3, 2026);
  turnos_desk_day_set_date (day, &date);
  turnos_time_off_set_professional_id (off, "dr-ana");
  turnos_reservations_follow_events (mine, events);
  turnos_reservations_follow_events (theirs, events);
  turnos_desk_day_follow_events (day, events);
  turnos_time_off_follow_events (off, events);
  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (events));
  TURNOS_TEST_WAIT_UNTIL (upcoming_loaded (mine) && upcoming_loaded (theirs) &&
                          !turnos_desk_day_get_loading (day));
  mine_before = g_list_model_get_n_items (upcoming (mine));
  theirs_before = g_list_model_get_n_items (upcoming (theirs));
  entries_before = g_list_model_get_n_items (turnos_desk_day_get_entries (day));
  blocks_before = g_list_model_get_n_items (turnos_time_off_get_blocks (off));

  book_over_http (srv, "11:00");
  TURNOS_TEST_WAIT_UNTIL (g_list_model_get_n_items (upcoming (mine)) == mine_before + 1);
  /* The day: a free time became a session, so as many entries, one more a reservation. */
  TURNOS_TEST_WAIT_UNTIL (!turnos_desk_day_get_loading (day));
  {
    GListModel *entries = turnos_desk_day_get_entries (day);
    guint sessions = 0;

    for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
      {
        g_autoptr(TurnosDeskEntry) e = g_list_model_get_item (entries, i);

        sessions += turnos_desk_entry_get_kind (e) == TURNOS_DESK_ENTRY_RESERVATION;
      }
    g_assert_cmpuint (sessions, ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (entries), ==, entries_before);
  }
  g_assert_cmpuint (g_list_model_get_n_items (upcoming (theirs)), ==, theirs_before);

  g_assert_cmpuint (turnos_test_inproc_request (srv, "POST", "professionals/dr-ana/blocks",
                                                "{\"start_time\": \"2027-01-11T09:00:00\", "
                                                "\"end_time\": \"2027-01-11T12:00:00\", "
                                                "\"reason\": \"Congress\"}", -1, NULL), ==, 201);
  TURNOS_TEST_WAIT_UNTIL (g_list_model_get_n_items (turnos_time_off_get_blocks (off)) ==
                          blocks_before + 1);

  turnos_reservations_follow_events (mine, NULL);
  turnos_events_stop (events);
}

static guint
sessions_in (TurnosDeskDay *column)
{
  GListModel *entries = turnos_desk_day_get_entries (column);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(TurnosDeskEntry) e = g_list_model_get_item (entries, i);

      n += turnos_desk_entry_get_kind (e) == TURNOS_DESK_ENTRY_RESERVATION;
    }
  return n;
}

/* The desk's agenda: a live column per professional, the day moved as a whole. */
static void
test_desk_agenda (void)
{
  g_autoptr(TurnosTestInproc) srv = turnos_test_inproc_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (srv->url);
  g_autoptr(TurnosEvents) events = NULL;
  g_autoptr(TurnosDeskAgenda) agenda = NULL;
  g_autoptr(TurnosDeskDay) ana = NULL;
  g_autoptr(TurnosDeskDay) carla = NULL;
  GListModel *columns;
  GDate day;

  turnos_client_set_token (client, srv->token);
  events = events_for (client);
  agenda = turnos_desk_agenda_new (client);
  turnos_desk_agenda_set_clock (agenda, inproc_clock, srv);
  turnos_desk_agenda_set_events (agenda, events);
  turnos_desk_agenda_load (agenda);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 2, 3, 2026);
  g_assert_cmpint (g_date_compare (turnos_desk_agenda_get_date (agenda), &day), ==, 0);
  columns = turnos_desk_agenda_get_columns (agenda);
  TURNOS_TEST_WAIT_UNTIL (g_list_model_get_n_items (columns) == 3);
  g_assert_cmpuint (g_list_model_get_n_items (turnos_desk_agenda_get_professionals (agenda)), ==, 3);
  ana = g_list_model_get_item (columns, 0);
  carla = g_list_model_get_item (columns, 2);

  turnos_desk_agenda_move (agenda, 2);
  g_date_set_dmy (&day, 4, 3, 2026);
  g_assert_cmpint (g_date_compare (turnos_desk_day_get_date (ana), &day), ==, 0);
  TURNOS_TEST_WAIT_UNTIL (!turnos_desk_day_get_loading (ana) && sessions_in (ana) == 1);
  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (events));

  book_over_http (srv, "11:00");
  TURNOS_TEST_WAIT_UNTIL (sessions_in (ana) == 2);
  g_assert_cmpuint (sessions_in (carla), ==, 0);

  turnos_desk_agenda_move (agenda, -1);
  g_date_set_dmy (&day, 3, 3, 2026);
  g_assert_cmpint (g_date_compare (turnos_desk_day_get_date (carla), &day), ==, 0);
  turnos_desk_agenda_today (agenda);
  g_date_set_dmy (&day, 2, 3, 2026);
  g_assert_cmpint (g_date_compare (turnos_desk_agenda_get_date (agenda), &day), ==, 0);
  /* The same columns all along. */
  {
    g_autoptr(TurnosDeskDay) first = g_list_model_get_item (columns, 0);

    g_assert_true (first == ana);
  }
  turnos_events_stop (events);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/booking/live/two-desks", test_two_desks);
  g_test_add_func ("/booking/live/other-times", test_other_times);
  g_test_add_func ("/booking/live/resync", test_resync);
  g_test_add_func ("/booking/live/own-hold", test_own_hold);
  g_test_add_func ("/booking/live/settings-change", test_settings_change);
  g_test_add_func ("/booking/live/other-views", test_other_views);
  g_test_add_func ("/booking/live/desk-agenda", test_desk_agenda);

  return g_test_run ();
}
