/* test-therapy.c: booking the way therapy works, through real widgets under Xvfb against a
 * real server (issue #19): repeat weekly, reschedule, cancel this and following, the waitlist
 * and its offer's "Book" action
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "turnos-booking.h"
#include "turnos-booking-summary.h"
#include "turnos-confirm-page.h"
#include "turnos-desk-page.h"
#include "turnos-done-page.h"
#include "turnos-month-view.h"
#include "turnos-offer-notifier.h"
#include "turnos-patient-picker.h"
#include "turnos-reschedule-bar.h"
#include "turnos-reservation-row.h"
#include "turnos-reservations-page.h"
#include "turnos-reservations-tab.h"
#include "turnos-reserve-page.h"
#include "turnos-series-box.h"
#include "turnos-slot-row.h"
#include "turnos-test-client.h"
#include "turnos-test-server.h"
#include "turnos-time.h"
#include "turnos-waiting-list.h"
#include "turnos-waitlist-button.h"
#include "turnos-window.h"

#define ZONE "America/Argentina/Buenos_Aires"

typedef struct
{
  TurnosTestServer *server;
  TurnosClient     *desk;       /* signed in as the desk */
  TurnosBooking    *booking;    /* the window's, on the desk's client */
  TurnosWindow     *window;
  GtkWidget        *reserve;
} Fixture;

/*
 * Helpers
 */

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static void
got_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Runs until the call whose callback was got_cb (&slot) answers. (transfer full) */
static GAsyncResult *
answer (GAsyncResult **slot)
{
  TURNOS_TEST_WAIT_UNTIL (*slot != NULL);
  return g_steal_pointer (slot);
}

static GDateTime *
at (const GDate *day,
    int          hour)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);

  return g_date_time_new (tz, g_date_get_year (day), g_date_get_month (day), g_date_get_day (day),
                          hour, 0, 0);
}

/* Books @patient with dr-ana at @hour on @day, straight through the desk's client. */
static TurnosReservation *
book (Fixture     *f,
      const char  *patient,
      const GDate *day,
      int          hour)
{
  g_autoptr(TurnosReservation) draft = turnos_reservation_new ();
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GError) error = NULL;
  TurnosReservation *r;

  draft->client_id = g_strdup (patient);
  draft->professional_id = g_strdup ("dr-ana");
  draft->start = at (day, hour);
  draft->end = g_date_time_add_minutes (draft->start, 45);
  draft->modality = TURNOS_MODALITY_VIRTUAL;
  turnos_client_create_reservation_async (f->desk, draft, NULL, NULL, got_cb, &slot);
  result = answer (&slot);
  r = turnos_client_create_reservation_finish (f->desk, result, &error);
  g_assert_no_error (error);
  return r;
}

static void
cancel (Fixture    *f,
        const char *id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TurnosReservation) r = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  turnos_client_cancel_reservation_async (f->desk, id, NULL, got_cb, &slot);
  result = answer (&slot);
  r = turnos_client_cancel_reservation_finish (f->desk, result, &error);
  g_assert_no_error (error);
}

/* @patient's reservations as the server has them, newest start first. */
static GPtrArray *
reservations_of (Fixture    *f,
                 const char *patient)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  GPtrArray *list;

  turnos_client_list_reservations_async (f->desk, patient, NULL, got_cb, &slot);
  result = answer (&slot);
  list = turnos_client_list_reservations_finish (f->desk, result, &error);
  g_assert_no_error (error);
  return list;
}

static TurnosReservation *
find (GPtrArray  *list,
      const char *id)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (((TurnosReservation *) list->pdata[i])->id, id) == 0)
      return list->pdata[i];
  return NULL;
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
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* How many rows of @list have @subtitle. */
static guint
rows_subtitled (GtkListBox *list,
                const char *subtitle)
{
  guint n = 0;
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (ADW_IS_ACTION_ROW (row) && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) == 0)
      n++;
  return n;
}

/* The patient row of the summary on the window's page @name ("confirm", "done"). */
static const char *
summary_patient (Fixture    *f,
                 const char *name,
                 GType       page_type)
{
  GtkWidget *page = gtk_stack_get_child_by_name (turnos_window_get_stack (f->window), name);
  GtkWidget *summary = child (page, page_type, "summary");

  return adw_action_row_get_subtitle (child (summary, TURNOS_TYPE_BOOKING_SUMMARY, "patient_row"));
}

/* Picks @day on the page's calendar and waits for its free times. */
static void
pick_day (Fixture     *f,
          const GDate *day)
{
  turnos_month_view_set_selected (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "month_view"), day);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "slots_stack")),
                                     "list") == 0);
}

/* Selects the free time starting at @hour as a person would, on the list. */
static void
pick_hour (Fixture *f,
           int      hour)
{
  GtkListBox *list = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "slots_list");

  for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      if (g_date_time_get_hour (turnos_slot_get_start (turnos_slot_row_get_item (TURNOS_SLOT_ROW (row)))) == hour)
        {
          gtk_list_box_select_row (list, row);
          g_assert_nonnull (turnos_booking_get_slot (f->booking));
          return;
        }
    }
  g_assert_not_reached ();
}

static GtkWidget *
show_view (Fixture          *f,
           TurnosWindowView  view)
{
  turnos_window_set_view (f->window, view);
  return gtk_stack_get_visible_child (turnos_window_get_stack (f->window));
}

/* The row of My Reservations' Upcoming tab showing @id, once the list has it. */
static GtkWidget *
upcoming_row (GtkWidget  *page,
              const char *id)
{
  AdwViewStack *stack = child (page, TURNOS_TYPE_RESERVATIONS_PAGE, "view_stack");
  GtkWidget *tab = adw_view_stack_get_child_by_name (stack, "upcoming");
  GtkListBox *list = child (tab, TURNOS_TYPE_RESERVATIONS_TAB, "list_box");

  for (int round = 0; round < 1000; round++)
    {
      gboolean never = FALSE;

      for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
        {
          GtkWidget *row = gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (list, i));
          g_autoptr(TurnosReservationItem) item = NULL;

          g_object_get (row, "item", &item, NULL);
          if (item != NULL && g_strcmp0 (turnos_reservation_item_get_reservation (item)->id, id) == 0)
            return row;
        }
      turnos_test_wait_for (&never, 10);
    }
  g_assert_not_reached ();
  return NULL;
}

/*
 * Fixture: the desk's window on dr-ana, booking for @data (a patient's id)
 */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = turnos_test_server_start (TRUE, NULL);
  f->desk = turnos_test_client_new (turnos_test_server_get_url (f->server));
  turnos_test_sign_in (f->desk, f->server, "desk");
  f->booking = turnos_booking_new (f->desk);
  turnos_booking_set_client_id (f->booking, data);
  turnos_booking_load (f->booking, "dr-ana");
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
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->booking);
  g_clear_object (&f->desk);
  turnos_test_server_free (f->server);
}

/*
 * Tests
 */

/* "Reschedule…" on My Reservations (titled with the patient's name): the booking page on the
 * same professional and day, the old time said above it; a new time confirmed moves the session (the old one cancelled,
 * pointing at the new). */
static void
test_reschedule_from_reservations (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(TurnosReservation) old = NULL;
  g_autoptr(GPtrArray) after = NULL;
  TurnosRescheduleBar *bar = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "reschedule_bar");
  TurnosReservation *booked;
  TurnosReservation *was;
  GtkWidget *page;
  GtkWidget *row;
  GDate day;

  turnos_test_working_day (ZONE, 8, &day);
  old = book (f, "patient-2", &day, 10);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));

  page = show_view (f, TURNOS_WINDOW_VIEW_RESERVATIONS);
  g_assert_true (TURNOS_IS_RESERVATIONS_PAGE (page));
  /* Whose reservations: the desk knows patient-2 by name. */
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (adw_window_title_get_subtitle (child (f->window, TURNOS_TYPE_WINDOW, "title")),
                                     "María Sánchez") == 0);
  row = upcoming_row (page, old->id);
  click (child (row, TURNOS_TYPE_RESERVATION_ROW, "reschedule_button"));

  g_assert_cmpint (turnos_window_get_view (f->window), ==, TURNOS_WINDOW_VIEW_BOOKING);
  g_assert_nonnull (turnos_booking_get_rescheduling (f->booking));
  g_assert_cmpstr (turnos_booking_get_rescheduling (f->booking)->id, ==, old->id);
  g_assert_cmpstr (turnos_booking_get_professional_id (f->booking), ==, "dr-ana");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_nonnull (strstr (turnos_reschedule_bar_get_text (bar), "10:00"));
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_date (f->booking) != NULL &&
                          g_date_compare (turnos_booking_get_date (f->booking), &day) == 0);

  pick_day (f, &day);
  pick_hour (f, 14);
  g_assert_true (turnos_booking_continue (f->booking));
  g_assert_cmpint (turnos_booking_get_step (f->booking), ==, TURNOS_BOOKING_STEP_CONFIRM);
  /* The confirm page says which session moves, too. */
  {
    GtkWidget *confirm = gtk_stack_get_child_by_name (turnos_window_get_stack (f->window), "confirm");

    g_assert_true (gtk_widget_get_visible (child (confirm, TURNOS_TYPE_CONFIRM_PAGE, "reschedule_bar")));
  }
  turnos_booking_confirm (f->booking);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_step (f->booking) == TURNOS_BOOKING_STEP_DONE);
  {
    GtkWidget *done = gtk_stack_get_child_by_name (turnos_window_get_stack (f->window), "done");

    g_assert_cmpstr (gtk_label_get_label (child (done, TURNOS_TYPE_DONE_PAGE, "news_title")), ==,
                     "Your Session Is Moved");
  }
  booked = turnos_booking_get_booked (f->booking);
  g_assert_cmpint (g_date_time_get_hour (booked->start), ==, 14);

  after = reservations_of (f, "patient-2");
  was = find (after, old->id);
  g_assert_nonnull (was);
  g_assert_cmpint (was->status, ==, TURNOS_STATUS_CANCELLED);
  g_assert_cmpstr (was->rescheduled_to, ==, booked->id);
  g_assert_cmpint (find (after, booked->id)->status, ==, TURNOS_STATUS_CONFIRMED);

  /* Booking again is a new session: the bar is gone. */
  turnos_booking_start_over (f->booking);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
}

/* Turns "Repeat this session" on as a person does, and sets how many sessions. */
static TurnosSeriesPlan *
repeat (Fixture *f,
        guint    count)
{
  TurnosSeriesBox *box = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "series_box");
  TurnosSeriesPlan *plan = turnos_series_box_get_plan (box);

  gtk_switch_set_active (child (box, TURNOS_TYPE_SERIES_BOX, "repeat_switch"), TRUE);
  g_assert_true (turnos_series_box_get_repeating (box));
  gtk_spin_button_set_value (child (box, TURNOS_TYPE_SERIES_BOX, "count_spin"), count);
  TURNOS_TEST_WAIT_UNTIL (turnos_series_plan_get_checked (plan) && !turnos_series_plan_get_checking (plan) &&
                          g_list_model_get_n_items (turnos_series_plan_get_sessions (plan)) == count);
  return plan;
}

static guint
in_series (GPtrArray  *list,
           const char *series_id)
{
  guint n = 0;

  for (guint i = 0; i < list->len; i++)
    {
      TurnosReservation *r = list->pdata[i];

      if (r->series_id != NULL && (series_id == NULL || g_str_equal (r->series_id, series_id)) &&
          r->status == TURNOS_STATUS_CONFIRMED)
        n++;
    }
  return n;
}

/* "Repeat weekly": the page asks first (a dry run: nothing is stored) and lists each session
 * with its conflict's reason; all or nothing will not book around the time off, "Book the
 * free ones" books the rest, each at the same wall-clock time. */
static void
test_series_lists_conflicts_and_books (Fixture       *f,
                                       gconstpointer  data)
{
  TurnosSeriesBox *box = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "series_box");
  GtkListBox *sessions = child (box, TURNOS_TYPE_SERIES_BOX, "sessions_list");
  GtkWidget *book_button = child (box, TURNOS_TYPE_SERIES_BOX, "book_button");
  GtkWidget *continue_button = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "continue_button");
  g_autoptr(TurnosBlock) block = turnos_block_new ();
  g_autoptr(TurnosBlock) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  TurnosSeriesPlan *plan;
  GDate day, third;

  /* Time off on the third week's session. */
  turnos_test_working_day (ZONE, 8, &day);
  third = day;
  g_date_add_days (&third, 14);
  block->professional_id = g_strdup ("dr-ana");
  block->start = at (&third, 10);
  block->end = at (&third, 11);
  block->reason = g_strdup ("Congreso");
  turnos_client_add_block_async (f->desk, block, NULL, got_cb, &slot);
  result = answer (&slot);
  stored = turnos_client_add_block_finish (f->desk, result, &error);
  g_assert_no_error (error);

  pick_day (f, &day);
  pick_hour (f, 10);
  g_assert_true (gtk_widget_is_sensitive (continue_button));
  plan = repeat (f, 4);
  /* Repeating, the series box books: the page's Continue (one session) is off. */
  g_assert_false (gtk_widget_is_sensitive (continue_button));

  g_assert_cmpuint (turnos_series_plan_get_n_free (plan), ==, 3);
  g_assert_cmpuint (turnos_series_plan_get_n_conflicts (plan), ==, 1);
  for (int i = 0; i < 4; i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (sessions, i));
      const char *subtitle = adw_action_row_get_subtitle (row);

      g_assert_nonnull (row);
      g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "10:00"));
      if (i == 2)
        g_assert_nonnull (strstr (subtitle, "Time off"));
      else
        g_assert_cmpstr (subtitle, ==, "Free");
    }
  g_assert_nonnull (strstr (turnos_series_box_get_summary (box), "3 sessions are free; 1 cannot be booked"));
  /* All or nothing cannot book: the summary beside the greyed Book says the way on. */
  g_assert_nonnull (strstr (turnos_series_box_get_summary (box), "Book the free ones"));
  before = reservations_of (f, "patient-2");
  g_assert_cmpuint (in_series (before, NULL), ==, 0);

  /* All or nothing (the default) does not book around the conflict. */
  g_assert_false (gtk_widget_is_sensitive (book_button));
  gtk_widget_activate (GTK_WIDGET (child (box, TURNOS_TYPE_SERIES_BOX, "free_check")));
  g_assert_cmpint (turnos_series_plan_get_mode (plan), ==, TURNOS_SERIES_FREE_ONES);
  TURNOS_TEST_WAIT_UNTIL (gtk_widget_is_sensitive (book_button));
  click (book_button);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (turnos_series_box_get_summary (box), "3 sessions booked.") == 0);

  after = reservations_of (f, "patient-2");
  g_assert_cmpuint (in_series (after, NULL), ==, 3);
  for (guint i = 0; i < after->len; i++)
    {
      TurnosReservation *r = after->pdata[i];

      if (r->series_id != NULL)
        {
          g_assert_cmpint (g_date_time_get_hour (r->start), ==, 10);
          g_assert_cmpint (g_date_time_get_minute (r->start), ==, 0);
        }
    }
}

/* Every two weeks, until a day: the sessions the server would book are that day's and every
 * other week's after it, up to the last day chosen on the calendar. */
static void
test_series_every_two_weeks_until (Fixture       *f,
                                   gconstpointer  data)
{
  TurnosSeriesBox *box = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "series_box");
  TurnosSeriesPlan *plan;
  GListModel *sessions;
  g_autoptr(GDateTime) last = NULL;
  GDate day, until;

  turnos_test_working_day (ZONE, 8, &day);
  pick_day (f, &day);
  pick_hour (f, 9);
  plan = repeat (f, 2);
  adw_combo_row_set_selected (child (box, TURNOS_TYPE_SERIES_BOX, "every_row"), 1);
  g_assert_cmpuint (turnos_series_plan_get_every_weeks (plan), ==, 2);

  /* Until five weeks on: weeks 0, 2 and 4. */
  until = day;
  g_date_add_days (&until, 35);
  gtk_switch_set_active (child (box, TURNOS_TYPE_SERIES_BOX, "until_switch"), TRUE);
  g_assert_false (gtk_widget_is_sensitive (child (box, TURNOS_TYPE_SERIES_BOX, "count_spin")));
  last = at (&until, 12);
  gtk_calendar_select_day (child (box, TURNOS_TYPE_SERIES_BOX, "until_calendar"), last);
  g_assert_nonnull (turnos_series_plan_get_until (plan));
  g_assert_cmpint (g_date_compare (turnos_series_plan_get_until (plan), &until), ==, 0);
  /* Everything shown still fits a 360 px window (the page's margins are 12 px a side). */
  {
    int min_width;

    gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
    g_test_message ("the series box: at least %d px", min_width);
    g_assert_cmpint (min_width, <=, 360 - 24);
  }
  sessions = turnos_series_plan_get_sessions (plan);
  TURNOS_TEST_WAIT_UNTIL (turnos_series_plan_get_checked (plan) && !turnos_series_plan_get_checking (plan) &&
                          g_list_model_get_n_items (sessions) == 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TurnosSeriesSession) session = g_list_model_get_item (sessions, i);
      GDate expected = day, got;

      g_date_add_days (&expected, 14 * i);
      turnos_date_from_datetime (turnos_series_session_get_start (session), &got);
      g_assert_cmpint (g_date_compare (&got, &expected), ==, 0);
      g_assert_null (turnos_series_session_get_code (session));
    }
  g_assert_nonnull (strstr (turnos_series_box_get_summary (box), "All 3 sessions are free"));
}

/* A professional who asks for a deposit: the page says a series pays one per session, all in
 * one payment, and booking it goes to that payment (its sessions held until it is paid). */
static void
test_series_deposit (Fixture       *f,
                     gconstpointer  data)
{
  TurnosSeriesBox *box = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "series_box");
  GtkWidget *deposit_row = child (box, TURNOS_TYPE_SERIES_BOX, "deposit_row");
  TurnosSeriesPlan *plan;
  TurnosReservation *held;
  GDate day;

  turnos_booking_set_professional_id (f->booking, "dr-bruno");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (f->booking) != NULL &&
                          turnos_booking_get_settings (f->booking)->requires_deposit);
  turnos_test_working_day (ZONE, 9, &day);
  pick_day (f, &day);
  pick_hour (f, 11);
  plan = repeat (f, 3);
  g_assert_cmpuint (turnos_series_plan_get_n_free (plan), ==, 3);
  g_assert_true (gtk_widget_get_visible (deposit_row));
  g_assert_nonnull (strstr (turnos_series_box_get_deposit (box), "for each session: 3 sessions"));
  g_assert_nonnull (strstr (turnos_series_box_get_deposit (box), "paid together in one payment"));
  g_assert_cmpstr (turnos_series_plan_get_deposit_total (plan), ==, "15000.00");

  click (child (box, TURNOS_TYPE_SERIES_BOX, "book_button"));
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_step (f->booking) == TURNOS_BOOKING_STEP_PAYMENT);
  held = turnos_booking_get_draft (f->booking);
  g_assert_nonnull (held->payment_id);
  g_assert_nonnull (held->series_id);
  g_assert_cmpint (turnos_window_get_view (f->window), ==, TURNOS_WINDOW_VIEW_BOOKING);
}

/* A series' session on My Reservations: Cancel asks "only this one" or "this and following";
 * the second cancels it and every later one, and keeps the earlier. */
static void
test_cancel_this_and_following (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(TurnosReservation) first = turnos_reservation_new ();
  g_autoptr(TurnosSeries) series = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  TurnosSeriesRequest request = { 0 };
  AdwMessageDialog *dialog;
  GAsyncResult *slot = NULL;
  GtkWidget *page;
  GDate day;

  turnos_test_working_day (ZONE, 8, &day);
  first->client_id = g_strdup ("patient-2");
  first->professional_id = g_strdup ("dr-ana");
  first->start = at (&day, 16);
  first->modality = TURNOS_MODALITY_VIRTUAL;
  request.first = first;
  request.every_weeks = 1;
  request.count = 3;
  request.mode = TURNOS_SERIES_ALL_OR_NOTHING;
  turnos_client_book_series_async (f->desk, &request, FALSE, NULL, NULL, got_cb, &slot);
  result = answer (&slot);
  series = turnos_client_book_series_finish (f->desk, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->reservations->len, ==, 3);

  page = show_view (f, TURNOS_WINDOW_VIEW_RESERVATIONS);
  upcoming_row (page, ((TurnosReservation *) series->reservations->pdata[1])->id);
  gtk_widget_activate_action (page, "reservations.cancel", "s",
                              ((TurnosReservation *) series->reservations->pdata[1])->id);
  TURNOS_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  g_assert_true (adw_message_dialog_has_response (dialog, "following"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));
  adw_message_dialog_response (dialog, "following");
  gtk_window_destroy (GTK_WINDOW (dialog));

  for (int round = 0; round < 100; round++)
    {
      gboolean never = FALSE;

      g_clear_pointer (&after, g_ptr_array_unref);
      after = reservations_of (f, "patient-2");
      if (in_series (after, series->series_id) == 1)
        break;
      turnos_test_wait_for (&never, 50);
    }
  g_assert_cmpint (find (after, ((TurnosReservation *) series->reservations->pdata[0])->id)->status, ==,
                   TURNOS_STATUS_CONFIRMED);
  g_assert_cmpint (find (after, ((TurnosReservation *) series->reservations->pdata[1])->id)->status, ==,
                   TURNOS_STATUS_CANCELLED);
  g_assert_cmpint (find (after, ((TurnosReservation *) series->reservations->pdata[2])->id)->status, ==,
                   TURNOS_STATUS_CANCELLED);
}

static void
notified_cb (TurnosOfferNotifier *notifier,
             GNotification       *notification,
             gpointer             user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* A professional who sees patients both ways: with a day and a time but no modality, the
 * series box says the modality is what is missing (it said "Pick a day and a free time"). */
static void
test_series_asks_modality (Fixture       *f,
                           gconstpointer  data)
{
  TurnosSeriesBox *box = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "series_box");
  TurnosSeriesPlan *plan = turnos_series_box_get_plan (box);
  GDate day;

  turnos_test_working_day (ZONE, 8, &day);
  turnos_booking_load (f->booking, "dr-carla");
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (turnos_booking_get_professional_id (f->booking), "dr-carla") == 0 &&
                          turnos_booking_get_settings (f->booking) != NULL &&
                          turnos_settings_get_session_minutes (turnos_booking_get_settings (f->booking)) == 90);
  pick_day (f, &day);
  pick_hour (f, 10);
  turnos_booking_set_modality (f->booking, TURNOS_MODALITY_NONE);
  gtk_switch_set_active (child (box, TURNOS_TYPE_SERIES_BOX, "repeat_switch"), TRUE);
  g_assert_true (g_str_has_prefix (turnos_series_box_get_summary (box), "Choose the modality"));
  turnos_booking_set_modality (f->booking, TURNOS_MODALITY_PRESENCIAL);
  TURNOS_TEST_WAIT_UNTIL (turnos_series_plan_get_checked (plan) && !turnos_series_plan_get_checking (plan));
  g_assert_null (strstr (turnos_series_box_get_summary (box), "Choose the modality"));
}

/* One patient, one place: the desk books patient-1 with dr-carla at the hour of their
 * session with dr-ana. The server says patient_busy (not a taken time: the page must not say
 * someone took it); the desk is asked why, and with a reason the booking goes through. The
 * patient picker, the confirm and the done pages name the patient as the desk knows them, not
 * "patient-1". */
static void
test_busy_override (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TurnosReservation) with_ana = NULL;
  AdwMessageDialog *dialog;
  gboolean taken = FALSE;
  GDate day;

  turnos_test_working_day (ZONE, 8, &day);
  with_ana = book (f, "patient-1", &day, 10);
  g_signal_connect_swapped (f->booking, "slot-taken", G_CALLBACK (g_nullify_pointer), &taken);
  taken = TRUE;   /* nulled (FALSE) if the page ever says the time was taken */

  turnos_booking_set_patient_required (f->booking, TRUE);
  turnos_booking_set_client_id (f->booking, "patient-1");
  turnos_booking_load (f->booking, "dr-carla");
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (turnos_booking_get_professional_id (f->booking), "dr-carla") == 0 &&
                          turnos_booking_get_settings (f->booking) != NULL &&
                          turnos_settings_get_session_minutes (turnos_booking_get_settings (f->booking)) == 90);
  /* Chosen by id, the patient shows by name (and what tells namesakes apart) once read. */
  {
    AdwActionRow *chosen = child (turnos_reserve_page_get_patient_picker (TURNOS_RESERVE_PAGE (f->reserve)),
                                  TURNOS_TYPE_PATIENT_PICKER, "chosen_row");

    TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (chosen)), "José Pérez") == 0);
    g_assert_cmpstr (adw_action_row_get_subtitle (chosen), ==, "30111222 · +54 11 5555-0101");
  }
  pick_day (f, &day);
  pick_hour (f, 10);
  g_assert_true (turnos_booking_continue (f->booking));
  g_assert_cmpint (turnos_booking_get_step (f->booking), ==, TURNOS_BOOKING_STEP_CONFIRM);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (summary_patient (f, "confirm", TURNOS_TYPE_CONFIRM_PAGE), "José Pérez") == 0);
  turnos_booking_confirm (f->booking);
  TURNOS_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  g_assert_true (taken);
  g_assert_cmpint (turnos_booking_get_step (f->booking), ==, TURNOS_BOOKING_STEP_CONFIRM);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "already has a session"));
  /* No reason, no booking. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "book"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "joint session with both professionals");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "book"));
  adw_message_dialog_response (dialog, "book");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_step (f->booking) == TURNOS_BOOKING_STEP_DONE);
  g_assert_true (taken);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (summary_patient (f, "done", TURNOS_TYPE_DONE_PAGE), "José Pérez") == 0);
}

/* A day with free times offers the waitlist too (#19: "on any day"), below its times: a
 * patient who wants another time that day waits for one. */
static void
test_waitlist_any_day (Fixture       *f,
                       gconstpointer  data)
{
  TurnosWaitlistButton *button = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "list_waitlist_button");
  GtkWidget *join = child (button, TURNOS_TYPE_WAITLIST_BUTTON, "join_button");
  GDate day;

  turnos_test_working_day (ZONE, 8, &day);
  turnos_booking_set_patient_required (f->booking, TRUE);
  turnos_booking_set_client_id (f->booking, "patient-1");
  turnos_month_view_set_selected (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "month_view"), &day);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "slots_stack")),
                                     "list") == 0);
  TURNOS_TEST_WAIT_UNTIL (gtk_widget_get_mapped (join));
  g_assert_cmpstr (gtk_label_get_label (child (button, TURNOS_TYPE_WAITLIST_BUTTON, "join_label")), ==,
                   "_Add to Waitlist");
  g_assert_true (gtk_widget_grab_focus (join));
  click (join);
  TURNOS_TEST_WAIT_UNTIL (g_str_has_prefix (turnos_waitlist_button_get_status (button), "Added to the waitlist"));
}

/* A day with no free time: the page offers the waitlist; the desk adds patient-1, whose
 * running app (the notifier on patient-1's own account) is told when a session is cancelled
 * there; its "Book" (app.book-offer) opens the booking page on that day. The desk's day lists
 * who waits, by name as the desk knows them (not "patient-1"), names the patients of its
 * sessions, and moves a session from its row. */
static void
test_waitlist_offer_books_that_day (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.turnos.TestTherapy", G_APPLICATION_NON_UNIQUE);
  g_autoptr(TurnosClient) patient = turnos_test_client_new (turnos_test_server_get_url (f->server));
  g_autoptr(TurnosOfferNotifier) notifier = NULL;
  g_autoptr(GPtrArray) full = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  TurnosReservation *ten, *eleven;
  g_autofree char *iso = NULL;
  TurnosWaitlistButton *button = child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "waitlist_button");
  GtkWidget *desk;
  TurnosWaitingList *waiting_list;
  GtkListBox *waiting_rows;
  gboolean notified = FALSE;
  GDate full_day, other;

  /* dr-ana's whole day, 09:00 to 17:00, taken. */
  turnos_test_working_day (ZONE, 8, &full_day);
  iso = turnos_date_format (&full_day);
  for (int hour = 9; hour < 17; hour++)
    g_ptr_array_add (full, book (f, hour < 13 ? "patient-2" : "patient-3", &full_day, hour));
  ten = full->pdata[1];
  eleven = full->pdata[2];

  turnos_test_sign_in (patient, f->server, "patient-1");
  notifier = turnos_offer_notifier_new (G_APPLICATION (app), patient, "patient-1");
  turnos_offer_notifier_set_window (notifier, f->window);
  g_signal_connect (notifier, "notified", G_CALLBACK (notified_cb), &notified);
  TURNOS_TEST_WAIT_UNTIL (turnos_events_get_connected (turnos_offer_notifier_get_events (notifier)));

  /* The desk, for patient-1, on the full day. */
  turnos_booking_set_patient_required (f->booking, TRUE);
  turnos_booking_set_client_id (f->booking, "patient-1");
  turnos_month_view_set_selected (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "month_view"), &full_day);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "slots_stack")),
                                     "empty") == 0);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (button)));
  g_assert_cmpstr (gtk_label_get_label (child (button, TURNOS_TYPE_WAITLIST_BUTTON, "join_label")), ==,
                   "_Add to Waitlist");
  /* Reachable from the keyboard: focus can get to it. */
  for (GtkWidget *w = child (button, TURNOS_TYPE_WAITLIST_BUTTON, "join_button"); w != NULL; w = gtk_widget_get_parent (w))
    g_assert_true (gtk_widget_get_can_focus (w));
  g_assert_true (gtk_widget_grab_focus (child (button, TURNOS_TYPE_WAITLIST_BUTTON, "join_button")));
  click (child (button, TURNOS_TYPE_WAITLIST_BUTTON, "join_button"));
  TURNOS_TEST_WAIT_UNTIL (g_str_has_prefix (turnos_waitlist_button_get_status (button), "Added to the waitlist"));

  /* The desk's day shows who waits. */
  desk = show_view (f, TURNOS_WINDOW_VIEW_DESK);
  g_assert_true (TURNOS_IS_DESK_PAGE (desk));
  {
    g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_get_year (&full_day),
                                                       g_date_get_month (&full_day),
                                                       g_date_get_day (&full_day), 12, 0, 0);

    gtk_calendar_select_day (child (desk, TURNOS_TYPE_DESK_PAGE, "calendar"), noon);
  }
  waiting_list = child (desk, TURNOS_TYPE_DESK_PAGE, "waiting_list");
  waiting_rows = child (waiting_list, TURNOS_TYPE_WAITING_LIST, "entries_list");
  TURNOS_TEST_WAIT_UNTIL (gtk_list_box_get_row_at_index (waiting_rows, 0) != NULL);
  /* The demo seed's name for patient-1, once read: the id only until then. */
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (waiting_rows, 0))),
                                     "José Pérez") == 0);
  g_assert_null (gtk_list_box_get_row_at_index (waiting_rows, 1));
  /* The day's sessions: patient-2 in the morning, patient-3 in the afternoon, by name. */
  TURNOS_TEST_WAIT_UNTIL (rows_subtitled (child (desk, TURNOS_TYPE_DESK_PAGE, "entries_list"),
                                          "María Sánchez · Virtual") == 4 &&
                          rows_subtitled (child (desk, TURNOS_TYPE_DESK_PAGE, "entries_list"),
                                          "Lucía Fernández · Virtual") == 4);

  /* A session cancelled there: patient-1's app is told. */
  cancel (f, ten->id);
  TURNOS_TEST_WAIT_UNTIL (notified);

  /* Elsewhere meanwhile; the notification's Book brings the booking page to that day. */
  other = full_day;
  g_date_add_days (&other, 3);
  turnos_booking_set_date (f->booking, &other);
  turnos_window_set_view (f->window, TURNOS_WINDOW_VIEW_RESERVATIONS);
  /* As the notification's button does: the application's action, with its target. */
  g_action_activate (g_action_map_lookup_action (G_ACTION_MAP (app), "book-offer"),
                     g_variant_new ("(ss)", "dr-ana", iso));
  g_assert_cmpint (turnos_window_get_view (f->window), ==, TURNOS_WINDOW_VIEW_BOOKING);
  g_assert_true (gtk_stack_get_visible_child (turnos_window_get_stack (f->window)) == f->reserve);
  g_assert_cmpint (g_date_compare (turnos_booking_get_date (f->booking), &full_day), ==, 0);
  g_assert_cmpint (g_date_compare (turnos_month_view_get_selected (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "month_view")),
                                   &full_day), ==, 0);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "slots_stack")),
                                     "list") == 0);

  /* "Reschedule…" on the desk's day: the booking page moving that session. */
  desk = show_view (f, TURNOS_WINDOW_VIEW_DESK);
  TURNOS_TEST_WAIT_UNTIL (find_button (desk, "desk.reschedule") != NULL);
  gtk_widget_activate_action (desk, "desk.reschedule", "s", eleven->id);
  g_assert_cmpint (turnos_window_get_view (f->window), ==, TURNOS_WINDOW_VIEW_BOOKING);
  g_assert_cmpstr (turnos_booking_get_rescheduling (f->booking)->id, ==, eleven->id);
  g_assert_true (gtk_widget_get_visible (child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, "reschedule_bar")));
}

/* The offer's notification says the day and time, and books through app.book-offer. */
static void
test_offer_notification (void)
{
  g_autoptr(GNotification) n = NULL;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 3, 12, 2026);
  n = turnos_offer_notifier_build ("dr-ana", &day, "2026-12-03T18:00:00");
  g_assert_true (G_IS_NOTIFICATION (n));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/therapy/reschedule-from-reservations", Fixture, "patient-2", fixture_set_up,
              test_reschedule_from_reservations, fixture_tear_down);
  g_test_add ("/gui/therapy/series-lists-conflicts-and-books", Fixture, "patient-2", fixture_set_up,
              test_series_lists_conflicts_and_books, fixture_tear_down);
  g_test_add ("/gui/therapy/series-every-two-weeks-until", Fixture, "patient-2", fixture_set_up,
              test_series_every_two_weeks_until, fixture_tear_down);
  g_test_add ("/gui/therapy/series-deposit", Fixture, "patient-3", fixture_set_up,
              test_series_deposit, fixture_tear_down);
  g_test_add ("/gui/therapy/cancel-this-and-following", Fixture, "patient-2", fixture_set_up,
              test_cancel_this_and_following, fixture_tear_down);
  g_test_add ("/gui/therapy/series-asks-modality", Fixture, "patient-2", fixture_set_up,
              test_series_asks_modality, fixture_tear_down);
  g_test_add ("/gui/therapy/busy-override", Fixture, "patient-1", fixture_set_up,
              test_busy_override, fixture_tear_down);
  g_test_add ("/gui/therapy/waitlist-any-day", Fixture, "patient-1", fixture_set_up,
              test_waitlist_any_day, fixture_tear_down);
  g_test_add ("/gui/therapy/waitlist-offer-books-that-day", Fixture, "patient-1", fixture_set_up,
              test_waitlist_offer_books_that_day, fixture_tear_down);
  g_test_add_func ("/gui/therapy/offer-notification", test_offer_notification);

  return g_test_run ();
}
