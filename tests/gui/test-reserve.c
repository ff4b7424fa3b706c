/* test-reserve.c: the booking pages (reserve, confirm, done) with real widgets under Xvfb:
 * true calendar marks, layouts from 360 to 2560 px, loading and empty states, the rules shown
 * before they bite, a confirm whose answer never came, the booking reference
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
#include "turnos-booking-summary.h"
#include "turnos-calendar-export.h"
#include "turnos-confirm-page.h"
#include "turnos-done-page.h"
#include "turnos-fold-box.h"
#include "turnos-hostile-server.h"
#include "turnos-json.h"
#include "turnos-month-view.h"
#include "turnos-reserve-page.h"
#include "turnos-slot-row.h"
#include "turnos-slots.h"
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

/* What a case starts with: a professional, a window size, and whether the demo clinic is
 * there at all. */
typedef struct
{
  const char *professional;
  int         width;
  int         height;
  gboolean    empty_store;
} Setup;

static gpointer
child (GtkWidget  *widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (object);
  return object;
}

static gpointer
page_child (Fixture    *f,
            const char *name)
{
  return child (f->reserve, TURNOS_TYPE_RESERVE_PAGE, name);
}

static const char *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (turnos_window_get_stack (f->window));
}

static const char *
slots_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (page_child (f, "slots_stack"));
}

/* Runs the main loop for @ms: for what must NOT happen, or for frames to be drawn. */
static void
run_for (guint ms)
{
  gboolean never = FALSE;

  turnos_test_wait_for (&never, ms);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const Setup *setup = data;
  g_autoptr(TurnosClient) client = NULL;

  f->server = turnos_test_server_start (!setup->empty_store, NULL);
  client = turnos_test_client_new (turnos_test_server_get_url (f->server));
  /* The front desk books for patient-3 (an empty store has no accounts: reading is anonymous). */
  if (!setup->empty_store)
    turnos_test_sign_in (client, f->server, "desk");
  f->booking = turnos_booking_new (client);
  turnos_booking_set_client_id (f->booking, "patient-3");
  if (setup->professional != NULL)
    {
      turnos_booking_load (f->booking, setup->professional);
      TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (f->booking) != NULL);
    }

  f->window = turnos_window_new (NULL, f->booking, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), setup->width, setup->height);
  /* A default size is cut to the screen's (1280 x 1024 under the suite's Xvfb): a window
   * larger than that is asked for as its least size, which X gives with no window manager. */
  if (setup->width > 1280)
    gtk_widget_set_size_request (GTK_WIDGET (f->window), setup->width, setup->height);
  gtk_window_present (GTK_WINDOW (f->window));
  f->reserve = gtk_stack_get_child_by_name (turnos_window_get_stack (f->window), "reserve");
  g_assert_true (TURNOS_IS_RESERVE_PAGE (f->reserve));
  TURNOS_TEST_WAIT_UNTIL (gtk_widget_get_mapped (f->reserve) &&
                          gtk_widget_get_width (GTK_WIDGET (f->window)) > 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->booking);
  turnos_test_server_free (f->server);
}

static void
pick_day (Fixture     *f,
          const GDate *day)
{
  turnos_month_view_set_selected (page_child (f, "month_view"), day);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (slots_page (f), "list") == 0);
}

static GtkListBoxRow *
slot_row (Fixture *f,
          int      i)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (page_child (f, "slots_list"), i);

  g_assert_nonnull (row);
  return row;
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static graphene_rect_t
bounds (GtkWidget *widget,
        GtkWidget *relative_to)
{
  graphene_rect_t r;

  g_assert_true (gtk_widget_compute_bounds (widget, relative_to, &r));
  return r;
}

/*
 * Marks on the calendar must be true
 */

/* The days of @year-@month that have free times for @professional, as the server says:
 * bit d is day d. */
static guint32
server_free_days (Fixture    *f,
                  const char *professional,
                  int         year,
                  int         month)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%sreservations/availability/month?month=%04d-%02d&professional_id=%s",
                                          turnos_test_server_get_url (f->server), year, month,
                                          professional);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TurnosMonthOverview) overview = NULL;
  guint32 days = 0;

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  node = turnos_json_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL);
  overview = turnos_month_overview_from_json (node, NULL);
  g_assert_nonnull (overview);
  for (guint i = 0; i < overview->days->len; i++)
    {
      TurnosMonthDay *d = &g_array_index (overview->days, TurnosMonthDay, i);

      if (d->free_slots > 0)
        days |= 1u << g_date_get_day (&d->date);
    }
  return days;
}

/* The days the calendar shows marked now: what a person sees. */
static guint32
marked_days (Fixture *f)
{
  TurnosMonthView *view = page_child (f, "month_view");
  guint32 days = 0;
  GtkWidget *button;

  for (guint d = 1; (button = turnos_month_view_get_day_button (view, d)) != NULL; d++)
    if (gtk_widget_has_css_class (button, "marked"))
      days |= 1u << d;
  return days;
}

static gboolean
month_loaded (Fixture *f)
{
  TurnosMonthView *view = page_child (f, "month_view");
  TurnosMonthOverview *month = turnos_booking_get_month (f->booking);

  return month != NULL && month->year == turnos_month_view_get_year (view) &&
         month->month == turnos_month_view_get_month (view);
}

/* The shown month's marks, once loaded, are the server's for the chosen professional; and
 * they stay so (no late answer changes them). */
static void
assert_marks_true (Fixture *f)
{
  TurnosMonthView *view = page_child (f, "month_view");
  const char *professional = turnos_booking_get_professional_id (f->booking);

  TURNOS_TEST_WAIT_UNTIL (month_loaded (f));
  g_assert_cmphex (marked_days (f), ==, server_free_days (f, professional,
                                                         turnos_month_view_get_year (view),
                                                         turnos_month_view_get_month (view)));
  run_for (300);
  g_assert_cmphex (marked_days (f), ==, server_free_days (f, professional,
                                                         turnos_month_view_get_year (view),
                                                         turnos_month_view_get_month (view)));
}

static void
select_professional (Fixture    *f,
                     const char *id)
{
  GtkDropDown *dropdown = page_child (f, "professional_dropdown");
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TurnosProfessional) p = g_list_model_get_item (model, i);

      if (g_str_equal (turnos_professional_get_id (p), id))
        {
          gtk_drop_down_set_selected (dropdown, i);
          g_assert_cmpstr (turnos_booking_get_professional_id (f->booking), ==, id);
          return;
        }
    }
  g_assert_not_reached ();
}

/* Issue #14: at the start, after the month arrow, after another professional and after three
 * quick clicks past the horizon, with no day picked, the marked days are the server's
 * free_slots > 0 for the month shown, or none while it loads. */
static void
test_marks_true (Fixture       *f,
                 gconstpointer  data)
{
  TurnosMonthView *view = page_child (f, "month_view");
  GtkWidget *next = child (GTK_WIDGET (view), TURNOS_TYPE_MONTH_VIEW, "next_button");
  int horizon;

  /* At the start: no day is picked for the person, and this month's days are marked. */
  g_assert_null (turnos_booking_get_date (f->booking));
  g_assert_null (turnos_month_view_get_selected (view));
  assert_marks_true (f);
  g_assert_cmphex (marked_days (f), !=, 0);

  /* The month arrow: none while the next month loads, then its own. */
  click (next);
  g_assert_cmphex (marked_days (f), ==, 0);
  assert_marks_true (f);

  /* Another professional, who works other days: none meanwhile, then theirs. */
  select_professional (f, "dr-bruno");
  g_assert_cmphex (marked_days (f), ==, 0);
  assert_marks_true (f);
  select_professional (f, "dr-ana");
  g_assert_cmphex (marked_days (f), ==, 0);
  assert_marks_true (f);

  /* Three quick clicks, past the horizon: none of the months passed through is drawn. */
  horizon = turnos_booking_get_settings (f->booking)->booking_horizon_days;
  g_assert_cmpint (horizon, <, 90);
  click (next);
  click (next);
  click (next);
  g_assert_cmphex (marked_days (f), ==, 0);
  assert_marks_true (f);
  g_assert_cmphex (marked_days (f), ==, 0);
  g_assert_null (turnos_booking_get_date (f->booking));
}

/* Each day is a button named for a screen reader with its free times, and the keyboard moves
 * the chosen day: arrows by a day, Page Down by a month, Home back to today. */
static void
test_calendar_keys_and_names (Fixture       *f,
                              gconstpointer  data)
{
  TurnosMonthView *view = page_child (f, "month_view");
  GtkWidget *grid = child (GTK_WIDGET (view), TURNOS_TYPE_MONTH_VIEW, "grid");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (grid);
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  GtkEventController *keys = NULL;
  GDate today, expected;
  gboolean handled;

  for (guint i = 0; keys == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        keys = c;
    }
  g_assert_nonnull (keys);
  turnos_date_from_datetime (now, &today);

  /* Names, with the free times once the month is in. */
  TURNOS_TEST_WAIT_UNTIL (month_loaded (f));
  {
    TurnosMonthOverview *month = turnos_booking_get_month (f->booking);

    for (guint i = 0; i < month->days->len; i++)
      {
        TurnosMonthDay *d = &g_array_index (month->days, TurnosMonthDay, i);
        g_autoptr(GDateTime) noon = g_date_time_new (tz, g_date_get_year (&d->date), g_date_get_month (&d->date),
                                                     g_date_get_day (&d->date), 12, 0, 0);
        g_autofree char *day = g_date_time_format (noon, "%A %-d %B");
        g_autofree char *name = NULL;

        if (d->free_slots == 0)
          name = g_strdup_printf ("%s%s, no free times", day,
                                  g_date_compare (&d->date, &today) == 0 ? ", today" : "");
        else
          name = g_strdup_printf ("%s%s, %d free time%s", day,
                                  g_date_compare (&d->date, &today) == 0 ? ", today" : "",
                                  d->free_slots, d->free_slots == 1 ? "" : "s");
        gtk_test_accessible_assert_property (turnos_month_view_get_day_button (view, g_date_get_day (&d->date)),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL, name);
      }
  }

  /* From today (nothing chosen yet), Right chooses tomorrow. */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, (GdkModifierType) 0, &handled);
  g_assert_true (handled);
  expected = today;
  g_date_add_days (&expected, 1);
  g_assert_cmpint (g_date_compare (turnos_booking_get_date (f->booking), &expected), ==, 0);
  gtk_test_accessible_assert_state (turnos_month_view_get_day_button (view, g_date_get_day (&expected)),
                                    GTK_ACCESSIBLE_STATE_SELECTED, TRUE);

  /* Down a week, Page Down a month (the month shown follows), Home today. */
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, (GdkModifierType) 0, &handled);
  g_date_add_days (&expected, 7);
  g_assert_cmpint (g_date_compare (turnos_booking_get_date (f->booking), &expected), ==, 0);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Page_Down, 0, (GdkModifierType) 0, &handled);
  g_date_add_months (&expected, 1);
  g_assert_cmpint (g_date_compare (turnos_booking_get_date (f->booking), &expected), ==, 0);
  g_assert_cmpint (turnos_month_view_get_month (view), ==, g_date_get_month (&expected));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Home, 0, (GdkModifierType) 0, &handled);
  g_assert_cmpint (g_date_compare (turnos_booking_get_date (f->booking), &today), ==, 0);
  g_assert_cmpint (turnos_month_view_get_month (view), ==, g_date_get_month (&today));
}

/*
 * Layouts at every size
 */

/* The window is @width wide after a few frames, and its content could be that narrow. */
static void
assert_fits (Fixture *f,
             int      width)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
  GtkWidget *page = gtk_stack_get_visible_child (turnos_window_get_stack (f->window));
  int min_width;

  run_for (200);
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_test_message ("%s page: at least %d px", G_OBJECT_TYPE_NAME (page), min_width);
  g_assert_cmpint (min_width, <=, width);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
}

/* On a 360 x 640 screen: one column, Continue on the screen, and the window does not grow
 * when a day's times arrive; the two clocks of a time never run together. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
      if ((found = find_descendant (c, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The header's title: what of it shows is whole, never cut to "Cho…". Returns the title
 * shown (an AdwWindowTitle), or NULL when there is no room for any. */
static GtkWidget *
shown_title (Fixture *f)
{
  GtkWidget *header = find_descendant (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR);
  GtkWidget *squeezer = find_descendant (header, ADW_TYPE_SQUEEZER);
  GtkWidget *shown;
  int natural;

  g_assert_nonnull (squeezer);
  shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer));
  if (!ADW_IS_WINDOW_TITLE (shown))
    return NULL;
  gtk_widget_measure (shown, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (natural, <=, gtk_widget_get_width (shown));
  return shown;
}

static void
test_layout_narrow (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (f->window));
  GtkWidget *bar_continue = page_child (f, "bar_continue_button");
  GtkWidget *month_view = page_child (f, "month_view");
  GtkWidget *stack = page_child (f, "slots_stack");
  graphene_rect_t b, m, s;
  int min_width, width;
  GDate day;

  TURNOS_TEST_WAIT_UNTIL (turnos_fold_box_get_folded (page_child (f, "columns")));
  width = gtk_widget_get_width (window);   /* the window's, inside its frame */
  g_assert_cmpint (width, <=, 360);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, width);

  /* Continue is in the bar below the page, on the screen. */
  TURNOS_TEST_WAIT_UNTIL (gtk_widget_get_mapped (bar_continue));
  g_assert_false (gtk_widget_get_visible (page_child (f, "continue_button")));
  /* Mapped comes a frame before the folded layout's allocation on a busy machine (the bar
   * was seen at x = -32 then): wait for that frame, for as long as a wait may take. */
  TURNOS_TEST_WAIT_UNTIL ((b = bounds (bar_continue, window)).origin.x >= 0 &&
                          b.origin.x + b.size.width <= 360 && b.origin.y + b.size.height <= 640);

  /* The calendar above the times. */
  turnos_test_working_day (ZONE, 8, &day);
  pick_day (f, &day);
  run_for (200);
  m = bounds (month_view, window);
  s = bounds (stack, window);
  g_assert_cmpfloat (s.origin.y, >=, m.origin.y + m.size.height);

  /* The times arrived: the window is as wide as before, and could still be. */
  g_assert_cmpint (gtk_widget_get_width (window), ==, width);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, width);
  /* "Choose date and time" does not fit beside the view buttons: no title, not "Cho…". */
  g_assert_null (shown_title (f));

  /* Each row: the clinic's time above this computer's (UTC here), never side by side. */
  for (int i = 0; gtk_list_box_get_row_at_index (page_child (f, "slots_list"), i) != NULL; i++)
    {
      GtkWidget *row = GTK_WIDGET (slot_row (f, i));
      GtkWidget *time_label = child (row, TURNOS_TYPE_SLOT_ROW, "time_label");
      GtkWidget *local_label = child (row, TURNOS_TYPE_SLOT_ROW, "local_label");
      graphene_rect_t t, l;

      if (!gtk_widget_get_mapped (row))
        continue;
      g_assert_true (gtk_widget_get_visible (local_label));
      t = bounds (time_label, row);
      l = bounds (local_label, row);
      g_assert_false (graphene_rect_intersection (&t, &l, NULL));
      g_assert_cmpfloat (l.origin.x + l.size.width, <=, bounds (row, row).size.width);
    }

  /* The confirm and done pages fit too: the window never grows past the screen. */
  gtk_list_box_select_row (page_child (f, "slots_list"), slot_row (f, 0));
  click (bar_continue);
  g_assert_cmpstr (visible_page (f), ==, "confirm");
  assert_fits (f, width);
  click (child (gtk_stack_get_visible_child (turnos_window_get_stack (f->window)),
                TURNOS_TYPE_CONFIRM_PAGE, "confirm_button"));
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (visible_page (f), "done") == 0);
  assert_fits (f, width);
}

/* On a 2560-wide screen: two columns, and Continue right below the times, not at the
 * window's bottom. At 1280, the same, and picking a day does not grow the window. */
static void
test_layout_wide (Fixture       *f,
                  gconstpointer  data)
{
  const Setup *setup = data;
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *continue_button = page_child (f, "continue_button");
  graphene_rect_t c, s, m;
  GDate day;
  int width;

  run_for (200);
  g_assert_false (turnos_fold_box_get_folded (page_child (f, "columns")));
  g_assert_false (gtk_widget_get_visible (page_child (f, "action_bar")));
  width = gtk_widget_get_width (window);
  g_assert_cmpint (width, <=, setup->width);
  g_assert_cmpint (width, >, setup->width - 20);
  turnos_test_working_day (ZONE, 8, &day);
  pick_day (f, &day);
  gtk_list_box_select_row (page_child (f, "slots_list"), slot_row (f, 0));
  run_for (200);
  g_assert_cmpint (gtk_widget_get_width (window), ==, width);

  m = bounds (page_child (f, "month_view"), window);
  s = bounds (page_child (f, "slots_stack"), window);
  c = bounds (continue_button, window);
  g_assert_cmpfloat (s.origin.x, >=, m.origin.x + m.size.width);
  g_assert_cmpfloat (c.origin.y, >=, s.origin.y + s.size.height);
  g_assert_cmpfloat (c.origin.y - (s.origin.y + s.size.height), <, 60);
  g_assert_cmpfloat (c.origin.y + c.size.height, <=, setup->height);
  g_assert_true (gtk_widget_is_sensitive (continue_button));
  /* The whole title, with its subtitle. */
  g_assert_nonnull (shown_title (f));
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (shown_title (f))), !=, "");
}

/* A toast takes a strip of its own at the bottom: it covers no control of the page. */
static void
test_toast_covers_nothing (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  AdwToastOverlay *overlay = child (window, TURNOS_TYPE_WINDOW, "toasts");
  GtkWidget *content = adw_toast_overlay_get_child (overlay);
  GtkWidget *toast = NULL;
  graphene_rect_t t, s;

  g_signal_emit_by_name (f->booking, "slot-taken");
  for (int i = 0; i < 100 && toast == NULL; i++)
    {
      run_for (20);
      for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (overlay)); c; c = gtk_widget_get_next_sibling (c))
        if (c != content && gtk_widget_get_mapped (c) && gtk_widget_get_height (c) > 0)
          toast = c;
    }
  g_assert_nonnull (toast);
  run_for (300);   /* its show animation */
  t = bounds (toast, window);
  s = bounds (GTK_WIDGET (turnos_window_get_stack (f->window)), window);
  g_assert_cmpfloat (t.origin.y, >=, s.origin.y + s.size.height);
}

/*
 * Loading, empty and error states
 */

/* Whether the window's live events are connected and its "Live updates are off" line hidden. */
static gboolean
live_settled (Fixture *f)
{
  TurnosEvents *events = turnos_booking_get_events (f->booking);
  GtkRevealer *live = child (GTK_WIDGET (f->window), TURNOS_TYPE_WINDOW, "live_revealer");

  return (events == NULL || turnos_events_get_connected (events)) &&
         !gtk_revealer_get_child_revealed (live);
}

/* Before the professionals arrive: no "No free times", no modality offered, and nothing
 * moves when they arrive. */
static void
test_loading_state (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *columns = page_child (f, "columns");
  AdwActionRow *rules = page_child (f, "rules_row");
  graphene_rect_t before, after;
  GDate day;

  run_for (200);
  g_assert_null (turnos_booking_get_settings (f->booking));
  g_assert_false (gtk_widget_get_visible (page_child (f, "modality_choice")));
  g_assert_cmpstr (slots_page (f), ==, "pick");
  g_assert_cmpstr (adw_action_row_get_subtitle (rules), ==, "Loading the professional’s rules…");
  /* A day picked before the professional is known waits, and says nothing about the day. */
  turnos_test_working_day (ZONE, 8, &day);
  turnos_month_view_set_selected (page_child (f, "month_view"), &day);
  g_assert_cmpstr (slots_page (f), ==, "loading");
  /* Live updates on and their "off" line gone: a start slower than its 3 s (the sanitizers)
   * shows it for a while, and it moves the page, as it should. */
  TURNOS_TEST_WAIT_UNTIL (live_settled (f));
  run_for (200);
  before = bounds (columns, window);

  turnos_booking_load (f->booking, "dr-carla");
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (slots_page (f), "list") == 0);
  run_for (200);
  after = bounds (columns, window);
  g_assert_cmpfloat (after.origin.y, ==, before.origin.y);
  g_assert_true (gtk_widget_get_visible (page_child (f, "modality_choice")));
  g_assert_cmpstr (adw_action_row_get_subtitle (rules), ==, "Free cancellation up to 24 hours before the session");
}

/* A fresh store has no professionals: the page says so, with a way on. */
static void
test_no_professionals (Fixture       *f,
                       gconstpointer  data)
{
  GtkStack *stack = page_child (f, "page_stack");
  GtkWidget *page;

  turnos_booking_load (f->booking, NULL);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_professionals_loaded (f->booking));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-professionals");
  page = gtk_stack_get_visible_child (stack);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "No Professionals Yet");
  /* Check Again asks the server again. */
  {
    guint before = turnos_test_server_count_requests (f->server, "GET /professionals");

    gtk_widget_activate_action (f->reserve, "reserve.retry", NULL);
    TURNOS_TEST_WAIT_UNTIL (turnos_test_server_count_requests (f->server, "GET /professionals") > before);
  }
}

/*
 * Rules are shown before they bite; times say whose clock and which day
 */

/* The deposit and the cancel notice are on the reserve page as soon as the professional is
 * chosen, with the amount written for the locale ("C" here: the English marks). */
static void
test_rules_on_reserve_page (Fixture       *f,
                            gconstpointer  data)
{
  AdwActionRow *rules = page_child (f, "rules_row");

  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rules)), ==,
                   "Deposit: 5,000.00 ARS, paid when booking");
  g_assert_cmpstr (adw_action_row_get_subtitle (rules), ==,
                   "Free cancellation up to 24 hours before the session");
  select_professional (f, "dr-ana");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rules)), ==, "No deposit");
}

static AdwActionRow *
summary_row (GtkWidget  *page,
             GType       type,
             const char *name)
{
  return child (child (page, type, "summary"), TURNOS_TYPE_BOOKING_SUMMARY, name);
}

/* The confirm and done pages say until when the session can be cancelled, on whose clock,
 * without "at the clinic" for a virtual one; the done page gives the booking reference and
 * no "You can close Turnos"; Add to Calendar saves the event. */
static void
test_confirm_and_done (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  GtkWidget *confirm, *done;
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *day_part = NULL;
  g_autofree char *expected = NULL;
  TurnosReservation *booked;
  const char *time_text;
  GDate day;

  turnos_test_working_day (ZONE, 8, &day);
  pick_day (f, &day);
  gtk_list_box_select_row (page_child (f, "slots_list"), slot_row (f, 1));
  click (page_child (f, "continue_button"));
  g_assert_cmpstr (visible_page (f), ==, "confirm");
  confirm = gtk_stack_get_visible_child (turnos_window_get_stack (f->window));

  until = g_date_time_add_minutes (turnos_booking_get_draft (f->booking)->start, -1440);
  day_part = g_date_time_format (until, "%a %-d %b, %H:%M");
  /* TZ is UTC here, so the clinic's zone is named. */
  expected = g_strdup_printf ("Free cancellation until %s (Buenos Aires time)", day_part);
  g_assert_cmpstr (adw_action_row_get_subtitle (summary_row (confirm, TURNOS_TYPE_CONFIRM_PAGE, "cancel_row")),
                   ==, expected);
  time_text = adw_action_row_get_subtitle (summary_row (confirm, TURNOS_TYPE_CONFIRM_PAGE, "time_row"));
  g_assert_nonnull (strstr (time_text, ", Buenos Aires time\n"));
  g_assert_nonnull (strstr (time_text, " your time, UTC"));
  g_assert_null (strstr (time_text, "at the clinic"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (summary_row (confirm, TURNOS_TYPE_CONFIRM_PAGE, "reference_row"))));

  click (child (confirm, TURNOS_TYPE_CONFIRM_PAGE, "confirm_button"));
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (visible_page (f), "done") == 0);
  done = gtk_stack_get_visible_child (turnos_window_get_stack (f->window));
  booked = turnos_booking_get_booked (f->booking);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (summary_row (done, TURNOS_TYPE_DONE_PAGE, "reference_row"))));
  g_assert_cmpstr (adw_action_row_get_subtitle (summary_row (done, TURNOS_TYPE_DONE_PAGE, "reference_row")),
                   ==, booked->id);
  g_assert_cmpstr (adw_action_row_get_subtitle (summary_row (done, TURNOS_TYPE_DONE_PAGE, "cancel_row")),
                   ==, expected);
  g_assert_null (strstr (gtk_label_get_label (child (done, TURNOS_TYPE_DONE_PAGE, "news_description")),
                         "close Turnos"));

  /* Add to Calendar, as on My Reservations: nothing is asked; the event is written where
   * turnos_calendar_export_path() says and opened with the calendar app. The tests start no
   * app (TURNOS_NO_BROWSER), so the page says where the file is. */
  {
    g_autofree char *path = turnos_calendar_export_path (booked->id);
    g_autofree char *ics = NULL;
    GtkLabel *saved = child (done, TURNOS_TYPE_DONE_PAGE, "saved_label");

    /* A place that cannot be written (a folder where the file goes): said, and Add to
     * Calendar works again once it can be. */
    g_unlink (path);
    g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
    gtk_widget_activate_action (done, "done.add-to-calendar", NULL);
    TURNOS_TEST_WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (saved)));
    g_assert_cmpstr (gtk_label_get_label (saved), ==, "The calendar file could not be written.");
    g_assert_cmpint (g_rmdir (path), ==, 0);

    gtk_widget_activate_action (done, "done.add-to-calendar", NULL);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (saved)));
    TURNOS_TEST_WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (saved)));
    g_assert_nonnull (strstr (gtk_label_get_label (saved), "No calendar app opened it"));
    g_assert_nonnull (strstr (gtk_label_get_label (saved), path));
    g_assert_true (g_file_get_contents (path, &ics, NULL, NULL));
    g_assert_nonnull (strstr (ics, "SUMMARY:Session with Dra. Ana Gómez"));
    g_assert_nonnull (strstr (ics, "DTSTART;TZID=America/Argentina/Buenos_Aires:"));
    g_assert_nonnull (strstr (ics, booked->id));
    g_unlink (path);
  }
}

/* An id from a hostile server names no file outside Turnos's cache folder. */
static void
test_calendar_export_path (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "turnos", NULL);
  g_autofree char *path = turnos_calendar_export_path ("../../.profile/x y");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *plain = turnos_calendar_export_path ("3f2a-9c_1E");
  g_autofree char *plain_name = g_path_get_basename (plain);

  g_assert_cmpstr (dir, ==, folder);
  g_assert_cmpstr (name, ==, "turnos-_______profile_x_y.ics");
  g_assert_cmpstr (plain_name, ==, "turnos-3f2a-9c_1E.ics");
}

/* A professional who sees patients both ways: a time chosen and no modality yet, Continue
 * says what it waits for (beside it on a wide page, in the bar on a narrow one, and to a
 * screen reader), instead of staying grey for no reason given. */
static void
test_modality_missing (Fixture       *f,
                       gconstpointer  data)
{
  const Setup *setup = data;
  gboolean narrow = setup->width < 600;
  GtkLabel *hint = page_child (f, "continue_hint");
  GtkLabel *choice = page_child (f, "choice_label");
  GtkWidget *button = page_child (f, narrow ? "bar_continue_button" : "continue_button");
  const char *waiting = "Choose Virtual or In person to continue.";
  GDate day;

  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_offered_modality (f->booking) == TURNOS_MODALITY_BOTH);
  TURNOS_TEST_WAIT_UNTIL (turnos_fold_box_get_folded (page_child (f, "columns")) == narrow);
  turnos_booking_set_modality (f->booking, TURNOS_MODALITY_NONE);
  turnos_test_working_day (ZONE, 8, &day);
  pick_day (f, &day);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hint)));
  gtk_list_box_select_row (page_child (f, "slots_list"), slot_row (f, 0));
  run_for (50);

  g_assert_false (gtk_widget_is_sensitive (button));
  {
    g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (button),
                                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                 waiting);

    g_assert_null (wrong);
  }
  if (narrow)
    {
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hint)));
      g_assert_cmpstr (gtk_label_get_label (choice), ==, waiting);
    }
  else
    {
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (hint)));
      g_assert_cmpstr (gtk_label_get_label (hint), ==, waiting);
    }

  /* Chosen: Continue goes on, and the bar says what it will book. */
  turnos_booking_set_modality (f->booking, TURNOS_MODALITY_PRESENCIAL);
  run_for (50);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hint)));
  g_assert_cmpstr (gtk_label_get_label (choice), !=, waiting);
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
}

/* A confirm whose answer never came: the page says it could not tell, not that it failed,
 * and Check Again finds the booking. A hostile server plays the clinic's: each request gets
 * the answer scripted at the time. */
static void
test_confirm_timeout (void)
{
  g_autoptr(TurnosHostileServer) hostile = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (hostile));
  g_autoptr(TurnosBooking) booking = turnos_booking_new (client);
  g_autoptr(TurnosSettings) settings = turnos_settings_new ();
  g_autoptr(TurnosAvailability) a = turnos_availability_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(TurnosReservation) stored = NULL;
  g_autoptr(GBytes) body = NULL;
  TurnosWindow *window;
  GtkWidget *reserve, *confirm;
  JsonNode *node;
  char *json;
  gsize len;
  GDate day;

  settings->user_id = g_strdup ("dr-x");
  settings->display_name = g_strdup ("Dr. X");
  turnos_settings_set_timezone (settings, ZONE);
  settings->session_modality = TURNOS_MODALITY_VIRTUAL;
  for (int wd = 1; wd <= 5; wd++)
    turnos_settings_add_hours (settings, wd, 9 * 60, 17 * 60);
  node = turnos_settings_to_node (settings);
  json = turnos_json_to_string (node, &len);
  json_node_unref (node);
  body = g_bytes_new_take (json, len);
  turnos_hostile_server_script (hostile, TURNOS_HOSTILE_WHOLE, 200, NULL, body, 0);
  turnos_client_set_timeout (client, 1);
  turnos_booking_set_client_id (booking, "patient-9");
  turnos_booking_set_professional_id (booking, "dr-x");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (booking) != NULL);

  window = turnos_window_new (NULL, booking, NULL);
  gtk_window_present (GTK_WINDOW (window));
  reserve = gtk_stack_get_child_by_name (turnos_window_get_stack (window), "reserve");

  /* The day's times. */
  turnos_test_working_day (ZONE, 8, &day);
  a->date = day;
  a->timezone = g_strdup (ZONE);
  a->tz = turnos_time_zone_new (ZONE);
  g_array_unref (a->slots);
  a->slots = turnos_slots_compute (settings, &day, NULL, 0, now);
  a->has_slots = TRUE;
  g_clear_pointer (&body, g_bytes_unref);
  json = turnos_availability_to_json (a, &len);
  body = g_bytes_new_take (json, len);
  turnos_hostile_server_script (hostile, TURNOS_HOSTILE_WHOLE, 200, NULL, body, 0);
  turnos_month_view_set_selected (child (reserve, TURNOS_TYPE_RESERVE_PAGE, "month_view"), &day);
  TURNOS_TEST_WAIT_UNTIL (gtk_list_box_get_row_at_index (child (reserve, TURNOS_TYPE_RESERVE_PAGE, "slots_list"), 0) != NULL);
  gtk_list_box_select_row (child (reserve, TURNOS_TYPE_RESERVE_PAGE, "slots_list"),
                           gtk_list_box_get_row_at_index (child (reserve, TURNOS_TYPE_RESERVE_PAGE, "slots_list"), 0));
  g_assert_true (turnos_booking_continue (booking));
  confirm = gtk_stack_get_visible_child (turnos_window_get_stack (window));
  g_assert_true (TURNOS_IS_CONFIRM_PAGE (confirm));

  /* The answer to Confirm comes a byte a second: past the client's one-second deadline. */
  stored = turnos_reservation_ref (turnos_booking_get_draft (booking));
  stored->id = g_strdup ("r-77");
  stored->status = TURNOS_STATUS_CONFIRMED;
  stored->created_at = g_date_time_ref (now);
  node = turnos_reservation_to_node (stored);
  json = turnos_json_to_string (node, &len);
  json_node_unref (node);
  g_clear_pointer (&body, g_bytes_unref);
  body = g_bytes_new_take (json, len);
  turnos_hostile_server_script (hostile, TURNOS_HOSTILE_TRICKLE_HEAD, 201, NULL, body, 1000);
  click (child (confirm, TURNOS_TYPE_CONFIRM_PAGE, "confirm_button"));
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_outcome_unknown (booking));
  g_assert_true (gtk_widget_get_visible (child (confirm, TURNOS_TYPE_CONFIRM_PAGE, "unknown_box")));
  g_assert_false (gtk_widget_get_visible (child (confirm, TURNOS_TYPE_CONFIRM_PAGE, "confirm_button")));
  g_assert_cmpstr (gtk_label_get_label (child (confirm, TURNOS_TYPE_CONFIRM_PAGE, "unknown_title")), ==,
                   "We could not tell whether it was booked");
  /* No toast says it failed. */
  g_assert_cmpint (gtk_widget_get_margin_bottom (GTK_WIDGET (turnos_window_get_stack (window))), ==, 0);

  /* Check Again: the server answers now, with the booking it stored. */
  turnos_hostile_server_script (hostile, TURNOS_HOSTILE_WHOLE, 201, NULL, body, 0);
  click (child (confirm, TURNOS_TYPE_CONFIRM_PAGE, "check_button"));
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_step (booking) == TURNOS_BOOKING_STEP_DONE);
  g_assert_cmpstr (turnos_booking_get_booked (booking)->id, ==, "r-77");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (turnos_window_get_stack (window)), ==, "done");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Alt+1…4 are "win.show-view": it sets the view, it never toggles back. */
static void
test_view_shortcuts (Fixture       *f,
                     gconstpointer  data)
{
  static const struct { const char *nick; TurnosWindowView view; } views[] = {
    { "reservations", TURNOS_WINDOW_VIEW_RESERVATIONS },
    { "reservations", TURNOS_WINDOW_VIEW_RESERVATIONS },
    { "desk", TURNOS_WINDOW_VIEW_DESK },
    { "time-off", TURNOS_WINDOW_VIEW_TIME_OFF },
    { "booking", TURNOS_WINDOW_VIEW_BOOKING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", views[i].nick);
      g_assert_cmpint (turnos_window_get_view (f->window), ==, views[i].view);
    }
  /* Ctrl+? finds the shortcuts window once it is built. */
  TURNOS_TEST_WAIT_UNTIL (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)) != NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL);
  TURNOS_TEST_WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)))));
  gtk_window_close (GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window))));
}

int
main (int   argc,
      char *argv[])
{
  static const Setup ana = { "dr-ana", 900, 720, FALSE };
  static const Setup bruno = { "dr-bruno", 900, 720, FALSE };
  static const Setup carla = { "dr-carla", 900, 720, FALSE };
  static const Setup carla_phone = { "dr-carla", 360, 640, FALSE };
  static const Setup phone = { "dr-ana", 360, 640, FALSE };
  static const Setup desktop = { "dr-ana", 1280, 900, FALSE };
  static const Setup big = { "dr-ana", 2560, 1440, FALSE };
  static const Setup unloaded = { NULL, 900, 720, FALSE };
  static const Setup fresh = { NULL, 900, 720, TRUE };

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/reserve/marks-true", Fixture, &ana, fixture_set_up, test_marks_true, fixture_tear_down);
  g_test_add ("/gui/reserve/calendar-keys-and-names", Fixture, &ana, fixture_set_up, test_calendar_keys_and_names, fixture_tear_down);
  g_test_add ("/gui/reserve/layout/360", Fixture, &phone, fixture_set_up, test_layout_narrow, fixture_tear_down);
  g_test_add ("/gui/reserve/layout/1280", Fixture, &desktop, fixture_set_up, test_layout_wide, fixture_tear_down);
  g_test_add ("/gui/reserve/layout/2560", Fixture, &big, fixture_set_up, test_layout_wide, fixture_tear_down);
  g_test_add ("/gui/reserve/toast-covers-nothing", Fixture, &phone, fixture_set_up, test_toast_covers_nothing, fixture_tear_down);
  g_test_add ("/gui/reserve/loading", Fixture, &unloaded, fixture_set_up, test_loading_state, fixture_tear_down);
  g_test_add ("/gui/reserve/no-professionals", Fixture, &fresh, fixture_set_up, test_no_professionals, fixture_tear_down);
  g_test_add ("/gui/reserve/rules-before-booking", Fixture, &bruno, fixture_set_up, test_rules_on_reserve_page, fixture_tear_down);
  g_test_add ("/gui/reserve/modality-missing", Fixture, &carla, fixture_set_up, test_modality_missing, fixture_tear_down);
  g_test_add ("/gui/reserve/modality-missing/360", Fixture, &carla_phone, fixture_set_up, test_modality_missing, fixture_tear_down);
  g_test_add ("/gui/reserve/confirm-and-done", Fixture, &ana, fixture_set_up, test_confirm_and_done, fixture_tear_down);
  g_test_add_func ("/gui/reserve/confirm-timeout", test_confirm_timeout);
  g_test_add_func ("/gui/reserve/calendar-export-path", test_calendar_export_path);
  g_test_add ("/gui/reserve/view-shortcuts", Fixture, &ana, fixture_set_up, test_view_shortcuts, fixture_tear_down);

  return g_test_run ();
}
