/* test-window.c: the booking window with real widgets under Xvfb, against a real server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "turnos-booking.h"
#include "turnos-confirm-page.h"
#include "turnos-desk-page.h"
#include "turnos-done-page.h"
#include "turnos-month-view.h"
#include "turnos-payment-page.h"
#include "turnos-calendar-export.h"
#include "turnos-reservations-page.h"
#include "turnos-reserve-page.h"
#include "turnos-slot-row.h"
#include "turnos-time-off-page.h"
#include "turnos-test-client.h"
#include "turnos-test-server.h"
#include "turnos-time.h"
#include "turnos-window.h"

#define ZONE "America/Argentina/Buenos_Aires"

typedef struct
{
  TurnosTestServer *server;
  TurnosBooking    *booking;
  TurnosWindow     *window;
  GtkWidget        *reserve;
} Fixture;

static void
working_day (int    ahead,
             GDate *out)
{
  turnos_test_working_day (ZONE, ahead, out);
}

static gpointer
child (GtkWidget  *widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (object);
  return object;
}

static const char *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (turnos_window_get_stack (f->window));
}

static const char *
slots_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "slots_stack"));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *professional = data;
  g_autoptr(TurnosClient) client = NULL;

  f->server = turnos_test_server_start (TRUE, NULL);
  client = turnos_test_client_new (turnos_test_server_get_url (f->server));
  turnos_test_sign_in (client, f->server, "desk");
  f->booking = turnos_booking_new (client);
  turnos_booking_set_client_id (f->booking, "patient-3");
  turnos_booking_load (f->booking, professional);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (f->booking) != NULL);

  f->window = turnos_window_new (NULL, f->booking, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  f->reserve = gtk_stack_get_child_by_name (turnos_window_get_stack (f->window), "reserve");
  g_assert_true (TURNOS_IS_RESERVE_PAGE (f->reserve));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->booking);
  turnos_test_server_free (f->server);
}

/* Picks @day on the calendar as a person would and waits for its free times. */
static void
pick_day (Fixture     *f,
          const GDate *day)
{
  TurnosMonthView *month_view = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "month_view");

  turnos_month_view_set_selected (month_view, day);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (slots_page (f), "list") == 0);
  g_assert_cmpint (g_date_compare (turnos_booking_get_date (f->booking), day), ==, 0);
}

static void
pick_time (Fixture *f,
           guint    position)
{
  GtkListBox *list = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "slots_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, position);

  g_assert_nonnull (row);
  gtk_list_box_select_row (list, row);
  g_assert_true (turnos_booking_get_slot (f->booking) == turnos_slot_row_get_item (TURNOS_SLOT_ROW (row)));
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && gtk_widget_is_visible (c) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), action) == 0)
        return c;
      if ((found = find_button (c, action)) != NULL)
        return found;
    }
  return NULL;
}

static guint
bookings_of (Fixture    *f,
             const char *patient)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%sreservations?client_id=%s",
                                          turnos_test_server_get_url (f->server), patient);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *token = turnos_test_server_login (f->server, "desk");
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  body = soup_session_send_and_read (session, msg, NULL, NULL);

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  return json_array_get_length (json_object_get_array_member (object, "reservations"));
}

static void
test_templates (void)
{
  g_autoptr(TurnosClient) client = turnos_client_new ("http://127.0.0.1:1/");
  g_autoptr(TurnosBooking) booking = turnos_booking_new (client);
  GType pages[] = { TURNOS_TYPE_RESERVE_PAGE, TURNOS_TYPE_CONFIRM_PAGE, TURNOS_TYPE_PAYMENT_PAGE,
                    TURNOS_TYPE_DONE_PAGE };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = g_object_ref_sink (g_object_new (pages[i], "booking", booking, NULL));

      g_assert_true (GTK_IS_WIDGET (page));
      g_assert_finalize_object (page);
    }
}

/* The shortcuts window is built after the first frame, and then Ctrl+? has it to show. */
static void
test_help_overlay_later (Fixture       *f,
                         gconstpointer  data)
{
  TURNOS_TEST_WAIT_UNTIL (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)) != NULL);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), "show-help-overlay"));
}

static void
test_book_end_to_end (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *continue_button = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "continue_button");
  GtkWidget *confirm_page;
  guint before = bookings_of (f, "patient-3");
  GDate day;

  g_assert_cmpstr (visible_page (f), ==, "reserve");
  g_assert_cmpstr (turnos_window_get_title_text (f->window), ==, "Choose date and time");
  working_day (8, &day);
  pick_day (f, &day);
  g_assert_false (gtk_widget_is_sensitive (continue_button));
  {
    GtkWidget *stack = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "slots_stack");
    guint n = g_list_model_get_n_items (turnos_booking_get_slots (f->booking));
    g_autofree char *said = g_strdup_printf ("%u free times", n);

    /* What a screen reader hears when the times arrive. */
    gtk_test_accessible_assert_property (stack, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, said);
  }
  pick_time (f, 1);
  g_assert_true (gtk_widget_is_sensitive (continue_button));

  click (continue_button);
  g_assert_cmpstr (visible_page (f), ==, "confirm");
  confirm_page = gtk_stack_get_visible_child (turnos_window_get_stack (f->window));
  click (find_button (confirm_page, "confirm.confirm"));
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (visible_page (f), "done") == 0);
  g_assert_cmpuint (bookings_of (f, "patient-3"), ==, before + 1);

  /* Book another: back on the free times, without the time just booked. */
  click (find_button (gtk_stack_get_child_by_name (turnos_window_get_stack (f->window), "done"),
                      "done.again"));
  g_assert_cmpstr (visible_page (f), ==, "reserve");
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (slots_page (f), "list") == 0);
}

static void
sandbox_pay (const char *checkout_url)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%s/pay", checkout_url);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

static void
test_deposit (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *payment_page;
  GDate day;

  working_day (8, &day);
  pick_day (f, &day);
  pick_time (f, 0);
  click (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "continue_button"));
  g_assert_cmpstr (visible_page (f), ==, "payment");
  payment_page = gtk_stack_get_visible_child (turnos_window_get_stack (f->window));
  click (child (payment_page, TURNOS_TYPE_PAYMENT_PAGE, "pay_button"));
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_payment (f->booking) != NULL);
  g_assert_true (gtk_widget_get_visible (child (payment_page, TURNOS_TYPE_PAYMENT_PAGE, "reopen_button")));
  sandbox_pay (turnos_booking_get_payment (f->booking)->checkout_url);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (visible_page (f), "done") == 0);
  g_assert_cmpint (turnos_booking_get_booked (f->booking)->status, ==, TURNOS_STATUS_CONFIRMED);
}

static void
test_modality_auto (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *choice = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "modality_choice");
  AdwActionRow *row = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "modality_row");
  GtkWidget *continue_button = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "continue_button");
  GtkToggleButton *in_person = NULL;
  GtkToggleButton *virtual = NULL;
  GDate day;

  for (GtkWidget *c = gtk_widget_get_first_child (choice); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      const char *target = g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (c)), NULL);

      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), ==, "reserve.modality");
      if (g_str_equal (target, "presencial"))
        in_person = GTK_TOGGLE_BUTTON (c);
      else if (g_str_equal (target, "virtual"))
        virtual = GTK_TOGGLE_BUTTON (c);
    }
  g_assert_nonnull (in_person);
  g_assert_nonnull (virtual);

  /* dr-ana offers only virtual sessions: chosen and said, not offered. */
  g_assert_false (gtk_widget_get_visible (choice));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Sessions with this professional are virtual.");
  g_assert_cmpint (turnos_booking_get_modality (f->booking), ==, TURNOS_MODALITY_VIRTUAL);

  /* dr-carla offers both: the person picks. */
  turnos_booking_set_professional_id (f->booking, "dr-carla");
  g_assert_true (gtk_widget_get_visible (choice));
  turnos_booking_set_modality (f->booking, TURNOS_MODALITY_NONE);
  working_day (8, &day);
  pick_day (f, &day);
  pick_time (f, 0);
  g_assert_false (gtk_widget_is_sensitive (continue_button));
  g_assert_false (gtk_toggle_button_get_active (in_person));
  g_assert_false (gtk_toggle_button_get_active (virtual));
  /* Pressed as a person would: the buttons are the "reserve.modality" action's. */
  click (GTK_WIDGET (in_person));
  g_assert_cmpint (turnos_booking_get_modality (f->booking), ==, TURNOS_MODALITY_PRESENCIAL);
  g_assert_true (gtk_toggle_button_get_active (in_person));
  g_assert_true (gtk_widget_is_sensitive (continue_button));
  /* Pressing it again keeps it chosen; the controller's choice moves the buttons. */
  click (GTK_WIDGET (in_person));
  g_assert_cmpint (turnos_booking_get_modality (f->booking), ==, TURNOS_MODALITY_PRESENCIAL);
  turnos_booking_set_modality (f->booking, TURNOS_MODALITY_VIRTUAL);
  g_assert_true (gtk_toggle_button_get_active (virtual));
  g_assert_false (gtk_toggle_button_get_active (in_person));
}

static void
test_error_state (Fixture       *f,
                  gconstpointer  data)
{
  GDate day;

  turnos_test_server_stop (f->server);
  working_day (8, &day);
  turnos_month_view_set_selected (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "month_view"), &day);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (slots_page (f), "error") == 0);
  g_assert_nonnull (find_button (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "error_status"),
                                 "reserve.retry"));
  /* The day is kept for Retry. */
  g_assert_cmpint (g_date_compare (turnos_booking_get_date (f->booking), &day), ==, 0);
}

/* The month arrows show another month and ask for its marks; the chosen day stays chosen,
 * and no day is chosen for the person. */
static void
test_calendar_arrows (Fixture       *f,
                      gconstpointer  data)
{
  TurnosMonthView *month_view = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "month_view");
  GtkWidget *next = child (GTK_WIDGET (month_view), TURNOS_TYPE_MONTH_VIEW, "next_button");
  int month;
  GDate day;

  working_day (8, &day);
  pick_day (f, &day);
  month = turnos_month_view_get_month (month_view) % 12 + 1;
  click (next);
  g_assert_cmpint (turnos_month_view_get_month (month_view), ==, month);
  g_assert_cmpint (g_date_compare (turnos_booking_get_date (f->booking), &day), ==, 0);
  /* The month's marks follow: its overview is asked for. */
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_month (f->booking) != NULL &&
                          turnos_booking_get_month (f->booking)->month == month);
}

static AdwMessageDialog *
find_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_cancel_frees_time (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *page;
  g_autoptr(TurnosReservations) list = NULL;
  GListModel *upcoming;
  g_autoptr(TurnosReservationItem) item = NULL;
  g_autoptr(TurnosReservation) r = NULL;
  g_autofree char *ics_path = NULL;
  g_autofree char *ics = NULL;
  AdwMessageDialog *dialog;
  GDate day;

  /* The demo's patient-1 has a session with dr-ana in two working days. */
  turnos_booking_set_client_id (f->booking, "patient-1");
  turnos_window_show_reservations (f->window, TRUE);
  page = gtk_stack_get_visible_child (turnos_window_get_stack (f->window));
  g_assert_cmpstr (visible_page (f), ==, "reservations");
  g_object_get (page, "reservations", &list, NULL);
  upcoming = turnos_reservation_section_get_items (turnos_reservations_get_section (list, TURNOS_RESERVATIONS_UPCOMING));
  TURNOS_TEST_WAIT_UNTIL (g_list_model_get_n_items (upcoming) > 0);
  item = g_list_model_get_item (upcoming, 0);
  g_assert_true (turnos_reservation_item_get_can_cancel (item));
  r = turnos_reservation_ref (turnos_reservation_item_get_reservation (item));

  /* Add to calendar writes the event where the row says. */
  ics_path = turnos_calendar_export_path (r->id);
  g_unlink (ics_path);
  gtk_widget_activate_action (page, "reservations.add-to-calendar", "s", r->id);
  TURNOS_TEST_WAIT_UNTIL (g_file_test (ics_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (ics_path, &ics, NULL, NULL));
  g_assert_nonnull (strstr (ics, "DTSTART;TZID=America/Argentina/Buenos_Aires:"));
  g_unlink (ics_path);

  /* Cancel asks first; confirming frees the time. */
  gtk_widget_activate_action (page, "reservations.cancel", "s", r->id);
  TURNOS_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  adw_message_dialog_response (dialog, "cancel");
  TURNOS_TEST_WAIT_UNTIL (turnos_reservation_item_get_reservation (item)->status == TURNOS_STATUS_CANCELLED);
  g_assert_false (turnos_reservation_item_get_can_cancel (item));

  /* Back on the reserve page, that time is offered again. */
  turnos_window_show_reservations (f->window, FALSE);
  g_assert_cmpstr (visible_page (f), ==, "reserve");
  turnos_date_from_datetime (r->start, &day);
  pick_day (f, &day);
  {
    GListModel *slots = turnos_booking_get_slots (f->booking);
    gboolean offered = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (slots); i++)
      {
        g_autoptr(TurnosSlot) slot = g_list_model_get_item (slots, i);

        offered |= g_date_time_equal (turnos_slot_get_start (slot), r->start);
      }
    g_assert_true (offered);
  }
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static void
test_time_off_hides_times (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *page;
  GtkListBox *list;
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(GDateTime) noon = NULL;
  g_autoptr(GDateTime) one_pm = NULL;
  guint before;
  GDate day;

  turnos_window_show_time_off (f->window, TRUE);
  page = gtk_stack_get_visible_child (turnos_window_get_stack (f->window));
  g_assert_cmpstr (visible_page (f), ==, "time-off");
  list = child (page, TURNOS_TYPE_TIME_OFF_PAGE, "blocks_list");
  /* The demo's team meeting is listed once the page has asked. */
  TURNOS_TEST_WAIT_UNTIL (n_rows (list) > 0);
  before = n_rows (list);

  working_day (12, &day);
  noon = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 12, 0, 0);
  gtk_calendar_select_day (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "from_calendar"), noon);
  gtk_calendar_select_day (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "to_calendar"), noon);
  gtk_drop_down_set_selected (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "from_dropdown"), 13 * 2);
  gtk_drop_down_set_selected (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "to_dropdown"), 17 * 2 - 1);
  gtk_editable_set_text (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "reason_entry"), "Afternoon off");
  gtk_widget_activate_action (page, "time-off.add", NULL);
  TURNOS_TEST_WAIT_UNTIL (n_rows (list) == before + 1);

  /* Back on the reserve page, that afternoon offers nothing. */
  turnos_window_show_time_off (f->window, FALSE);
  g_assert_cmpstr (visible_page (f), ==, "reserve");
  pick_day (f, &day);
  one_pm = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 13, 0, 0);
  {
    GListModel *slots = turnos_booking_get_slots (f->booking);

    g_assert_cmpuint (g_list_model_get_n_items (slots), >, 0);
    for (guint i = 0; i < g_list_model_get_n_items (slots); i++)
      {
        g_autoptr(TurnosSlot) slot = g_list_model_get_item (slots, i);

        g_assert_cmpint (g_date_time_compare (turnos_slot_get_start (slot), one_pm), <, 0);
      }
  }
}

static void
test_book_from_desk (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *page;
  GtkListBox *list;
  GtkWidget *confirm_page;
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(GDateTime) noon = NULL;
  g_autoptr(GDateTime) ten = NULL;
  g_autofree char *target = NULL;
  GDate day;

  turnos_window_show_desk (f->window, TRUE);
  page = gtk_stack_get_visible_child (turnos_window_get_stack (f->window));
  g_assert_cmpstr (visible_page (f), ==, "desk");
  list = child (page, TURNOS_TYPE_DESK_PAGE, "entries_list");
  working_day (8, &day);
  noon = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 12, 0, 0);
  gtk_calendar_select_day (child (page, TURNOS_TYPE_DESK_PAGE, "calendar"), noon);
  /* dr-ana's day: eight free hours, 09:00 to 16:45. */
  TURNOS_TEST_WAIT_UNTIL (n_rows (list) == 8);

  /* The desk types the patient and books 10:00 from its gap. */
  turnos_booking_set_client_id (f->booking, "walk-in-7");
  ten = g_date_time_new (tz, g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day), 10, 0, 0);
  target = turnos_time_format (ten);
  gtk_widget_activate_action (page, "desk.book-here", "s", target);
  g_assert_cmpstr (visible_page (f), ==, "reserve");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_slot (f->booking) != NULL);
  g_assert_true (g_date_time_equal (turnos_slot_get_start (turnos_booking_get_slot (f->booking)), ten));
  g_assert_cmpint (g_date_compare (turnos_booking_get_date (f->booking), &day), ==, 0);

  click (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "continue_button"));
  g_assert_cmpstr (visible_page (f), ==, "confirm");
  confirm_page = gtk_stack_get_visible_child (turnos_window_get_stack (f->window));
  click (find_button (confirm_page, "confirm.confirm"));
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (visible_page (f), "done") == 0);
  g_assert_cmpuint (bookings_of (f, "walk-in-7"), ==, 1);
}

/* The header's button for "win.view" @nick. */
static GtkWidget *
view_button (GtkWidget  *root,
             const char *nick)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_TOGGLE_BUTTON (c) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), "win.view") == 0 &&
          g_str_equal (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (c)), NULL), nick))
        return c;
      if ((found = view_button (c, nick)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
pressed (Fixture    *f,
         const char *nick)
{
  GtkWidget *button = view_button (GTK_WIDGET (f->window), nick);

  g_assert_nonnull (button);
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button));
}

/* The header's buttons follow the window's one "view": pressing one shows its view and
 * releases the others, pressing it again goes back to booking. */
static void
test_view_buttons (Fixture       *f,
                   gconstpointer  data)
{
  static const struct {
    const char       *press;   /* a button's view, or NULL to set the property */
    TurnosWindowView  set;
    TurnosWindowView  view;
    const char       *page;
    const char       *title;
  } steps[] = {
    { "reservations", 0, TURNOS_WINDOW_VIEW_RESERVATIONS, "reservations", "My Reservations" },
    { "desk", 0, TURNOS_WINDOW_VIEW_DESK, "desk", "Front Desk" },
    { "desk", 0, TURNOS_WINDOW_VIEW_BOOKING, "reserve", "Choose date and time" },
    { "time-off", 0, TURNOS_WINDOW_VIEW_TIME_OFF, "time-off", "Time Off" },
    { NULL, TURNOS_WINDOW_VIEW_RESERVATIONS, TURNOS_WINDOW_VIEW_RESERVATIONS, "reservations", "My Reservations" },
    { NULL, TURNOS_WINDOW_VIEW_BOOKING, TURNOS_WINDOW_VIEW_BOOKING, "reserve", "Choose date and time" },
  };
  static const struct { const char *button; TurnosWindowView view; } buttons[] = {
    { "reservations", TURNOS_WINDOW_VIEW_RESERVATIONS },
    { "desk", TURNOS_WINDOW_VIEW_DESK },
    { "time-off", TURNOS_WINDOW_VIEW_TIME_OFF },
  };

  g_assert_cmpint (turnos_window_get_view (f->window), ==, TURNOS_WINDOW_VIEW_BOOKING);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (steps[i].press != NULL)
        click (view_button (GTK_WIDGET (f->window), steps[i].press));
      else
        g_object_set (f->window, "view", steps[i].set, NULL);
      g_assert_cmpint (turnos_window_get_view (f->window), ==, steps[i].view);
      g_assert_cmpstr (visible_page (f), ==, steps[i].page);
      g_assert_cmpstr (turnos_window_get_title_text (f->window), ==, steps[i].title);
      for (guint b = 0; b < G_N_ELEMENTS (buttons); b++)
        g_assert_true (pressed (f, buttons[b].button) == (buttons[b].view == steps[i].view));
    }

  /* The action sets the view from elsewhere too (a menu, a shortcut). */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "desk");
  g_assert_cmpint (turnos_window_get_view (f->window), ==, TURNOS_WINDOW_VIEW_DESK);
  g_assert_true (pressed (f, "desk"));
}

/* The free-times area follows the day's state: a past day, one beyond the horizon, none. */
static void
test_day_states (Fixture       *f,
                 gconstpointer  data)
{
  AdwStatusPage *unavailable = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "unavailable_status");
  int horizon = turnos_booking_get_settings (f->booking)->booking_horizon_days;
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  GDate today, past, far, day;

  working_day (8, &day);
  pick_day (f, &day);

  turnos_date_from_datetime (now, &today);
  past = today;
  g_date_subtract_days (&past, 3);
  turnos_booking_set_date (f->booking, &past);
  g_assert_cmpstr (slots_page (f), ==, "unavailable");
  g_assert_cmpstr (adw_status_page_get_title (unavailable), ==, "This day has passed");

  far = today;
  g_date_add_days (&far, horizon + 5);
  turnos_booking_set_date (f->booking, &far);
  g_assert_cmpstr (slots_page (f), ==, "unavailable");
  g_assert_cmpstr (adw_status_page_get_title (unavailable), ==, "Too far ahead");

  turnos_booking_set_date (f->booking, NULL);
  g_assert_cmpstr (slots_page (f), ==, "pick");

  pick_day (f, &day);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/templates", test_templates);
  g_test_add ("/gui/help-overlay-later", Fixture, "dr-ana", fixture_set_up, test_help_overlay_later, fixture_tear_down);
  g_test_add ("/gui/book-end-to-end", Fixture, "dr-ana", fixture_set_up, test_book_end_to_end, fixture_tear_down);
  g_test_add ("/gui/deposit", Fixture, "dr-bruno", fixture_set_up, test_deposit, fixture_tear_down);
  g_test_add ("/gui/modality-auto", Fixture, "dr-ana", fixture_set_up, test_modality_auto, fixture_tear_down);
  g_test_add ("/gui/error-state", Fixture, "dr-ana", fixture_set_up, test_error_state, fixture_tear_down);
  g_test_add ("/gui/cancel-frees-time", Fixture, "dr-ana", fixture_set_up, test_cancel_frees_time, fixture_tear_down);
  g_test_add ("/gui/time-off-hides-times", Fixture, "dr-ana", fixture_set_up, test_time_off_hides_times, fixture_tear_down);
  g_test_add ("/gui/book-from-desk", Fixture, "dr-ana", fixture_set_up, test_book_from_desk, fixture_tear_down);
  g_test_add ("/gui/view-buttons", Fixture, "dr-ana", fixture_set_up, test_view_buttons, fixture_tear_down);
  g_test_add ("/gui/day-states", Fixture, "dr-ana", fixture_set_up, test_day_states, fixture_tear_down);
  g_test_add ("/gui/calendar-arrows", Fixture, "dr-ana", fixture_set_up, test_calendar_arrows, fixture_tear_down);

  return g_test_run ();
}
