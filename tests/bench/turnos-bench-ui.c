/* turnos-bench-ui.c: the booking window's own figures, under Xvfb against a real server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A benchmark, not a test: it asserts no time, it prints one JSON document on stdout.
 *
 * - Day pick to rows: from the calendar's day-selected (what a click runs) to the end of the
 *   frame that paints the new rows, for N picks inside one month; the 300 ms debounce is by
 *   design, so the figure that matters is what comes after it. Also the time until the rows
 *   are in the list model (the answer fetched and read), the rest being layout and paint.
 * - Ten picks within 300 ms: how many availability requests reach the server.
 * - Of that, the frame's own cost: from its layout to the end of its paint, which is the
 *   renderer's (software GL under Xvfb on these machines).
 * - The month overview of a busy professional (40 bookings every day): from the pick that
 *   shows another month to the overview answered and parsed, and to the frame that paints
 *   its marks.
 *
 * The server is the real turnos-server (TURNOS_SERVER_BIN), spawned by the tests' helper on a
 * loopback port; the busy professional's bookings are written straight into its SQLite file.
 */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "turnos-booking.h"
#include "turnos-reserve-page.h"
#include "turnos-store.h"
#include "turnos-test-server.h"
#include "turnos-time.h"
#include "turnos-window.h"

#define BUSY "busy"
#define ZONE "America/Argentina/Buenos_Aires"
#define PER_DAY 40
#define DAYS 400

typedef struct
{
  TurnosBooking *booking;
  TurnosWindow  *window;
  GtkCalendar   *calendar;
  gboolean       want_rows;   /* a pick is waiting for its rows */
  gboolean       want_paint;  /* rows (or marks) are in, waiting for the frame that paints them */
  gboolean       want_month;
  int            month_no;    /* the month (1-12) whose overview is awaited */
  gint64         rows_at, layout_at, painted_at, month_at;
} Bench;

static int   picks = 100;
static int   bursts = 5;
static int   months = 12;

static GOptionEntry entries[] = {
  { "picks", 0, 0, G_OPTION_ARG_INT, &picks, "Day picks to time", "N" },
  { "bursts", 0, 0, G_OPTION_ARG_INT, &bursts, "Bursts of ten quick picks", "N" },
  { "months", 0, 0, G_OPTION_ARG_INT, &months, "Months of the busy professional to show", "N" },
  { NULL }
};

/* The busy professional: 08:00-20:00 every day, 15-minute sessions, and 40 of the 48 booked
 * (every sixth free) for DAYS days from today, in one transaction. */
static void
seed_busy (const char *db_path)
{
  g_autofree char *uri = g_strdup_printf ("sqlite://%s", db_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosSettings) s = turnos_settings_new ();
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  sqlite3 *db = NULL;
  sqlite3_stmt *insert = NULL;

  s->user_id = g_strdup (BUSY);
  s->display_name = g_strdup ("Busy Professional");
  s->session_modality = TURNOS_MODALITY_BOTH;
  s->session_duration_minutes = 15;
  s->slot_interval_minutes = 15;
  s->booking_horizon_days = DAYS;
  turnos_settings_set_timezone (s, ZONE);
  for (int wd = 1; wd <= 7; wd++)
    turnos_settings_add_hours (s, wd, 8 * 60, 20 * 60);
  {
    g_autoptr(TurnosStore) store = turnos_store_open (uri, &error);

    if (store == NULL || !turnos_store_put_professional (store, s, &error))
      g_error ("bench: %s", error->message);
  }

  if (sqlite3_open (db_path, &db) != SQLITE_OK)
    g_error ("bench: %s", sqlite3_errmsg (db));
  sqlite3_busy_timeout (db, 10000);
  sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db,
                      "INSERT INTO reservations (id, client_id, professional_id, start_ts, end_ts, "
                      "status, modality, created_ts) VALUES (?1, 'bench', '" BUSY "', ?2, ?3, "
                      "'CONFIRMED', 'Virtual', ?4)", -1, &insert, NULL);
  for (int day = 0; day < DAYS; day++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (now, day);
      g_autoptr(GDateTime) eight = g_date_time_new (tz, g_date_time_get_year (date),
                                                    g_date_time_get_month (date),
                                                    g_date_time_get_day_of_month (date), 8, 0, 0);

      for (int k = 0; k < 48; k++)
        {
          g_autofree char *id = NULL;
          gint64 start = g_date_time_to_unix (eight) + k * 900;

          if (k % 6 == 5)
            continue;
          id = g_strdup_printf ("busy-%d-%d", day, k);
          sqlite3_bind_text (insert, 1, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (insert, 2, start);
          sqlite3_bind_int64 (insert, 3, start + 900);
          sqlite3_bind_int64 (insert, 4, g_date_time_to_unix (now));
          if (sqlite3_step (insert) != SQLITE_DONE)
            g_error ("bench: %s", sqlite3_errmsg (db));
          sqlite3_reset (insert);
        }
    }
  sqlite3_finalize (insert);
  sqlite3_exec (db, "UPDATE professionals SET max_len = MAX(max_len, 900) WHERE id = '" BUSY "'; COMMIT",
                NULL, NULL, NULL);
  sqlite3_close (db);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Bench      *b)
{
  if (b->want_rows && g_list_model_get_n_items (model) > 0)
    {
      b->rows_at = g_get_monotonic_time ();
      b->want_rows = FALSE;
      b->want_paint = TRUE;
    }
}

static void
on_month_cb (Bench *b)
{
  TurnosMonthOverview *m = turnos_booking_get_month (b->booking);

  if (b->want_month && m != NULL && m->month == b->month_no)
    {
      b->month_at = g_get_monotonic_time ();
      b->want_month = FALSE;
      b->want_paint = TRUE;
    }
}

/* GTK's own layout handler ran first: what follows is the paint. */
static void
on_layout_cb (GdkFrameClock *clock,
              Bench         *b)
{
  b->layout_at = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Bench         *b)
{
  if (b->want_paint)
    {
      b->painted_at = g_get_monotonic_time ();
      b->want_paint = FALSE;
    }
}

/* Runs the main loop until @cond holds or 10 s pass; a benchmark that hangs is a bug. */
#define RUN_UNTIL(cond)                                                         \
  G_STMT_START {                                                                \
    gint64 _end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;                \
    while (!(cond) && g_get_monotonic_time () < _end)                           \
      g_main_context_iteration (NULL, TRUE);                                    \
    if (!(cond))                                                                \
      g_error ("bench: timed out waiting for %s", #cond);                       \
  } G_STMT_END

/* Runs the main loop for @ms, for the requests a burst might still send. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  turnos_test_wait_for (&done, ms);
}

static void
pick (Bench *b,
      int    year,
      int    month,
      int    day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (year, month, day, 12, 0, 0);

  gtk_calendar_select_day (b->calendar, dt);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* {"p50":…,"p90":…,"p99":…,"max":…} of @values (sorted here). */
static void
print_distribution (GArray *values)
{
  double *v = (double *) values->data;
  guint n = values->len;

  g_array_sort (values, compare_double);
  printf ("{\"n\": %u, \"min\": %.2f, \"p50\": %.2f, \"p90\": %.2f, \"p99\": %.2f, \"max\": %.2f}",
          n, v[0], v[n / 2], v[MIN (n - 1, n * 90 / 100)], v[MIN (n - 1, n * 99 / 100)], v[n - 1]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the booking window");
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosTestServer) server = NULL;
  g_autoptr(TurnosClient) client = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GArray) after_debounce = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) to_model = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) computed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) sent = g_string_new (NULL);
  GtkWidget *reserve;
  Bench b = { 0 };
  int year, month;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("turnos-bench-ui: %s\n", error->message);
      return 2;
    }
  adw_init ();

  server = turnos_test_server_start (TRUE, NULL);
  turnos_test_server_stop (server);
  seed_busy (turnos_test_server_get_database_path (server));
  turnos_test_server_restart (server);

  client = turnos_client_new (turnos_test_server_get_url (server));
  turnos_test_sign_in (client, server, "desk");
  b.booking = turnos_booking_new (client);
  turnos_booking_set_client_id (b.booking, "patient-1");
  turnos_booking_load (b.booking, BUSY);
  RUN_UNTIL (turnos_booking_get_settings (b.booking) != NULL);

  b.window = turnos_window_new (NULL, b.booking, NULL);
  reserve = gtk_stack_get_child_by_name (turnos_window_get_stack (b.window), "reserve");
  b.calendar = GTK_CALENDAR (gtk_widget_get_template_child (reserve, TURNOS_TYPE_RESERVE_PAGE, "calendar"));
  g_signal_connect (turnos_booking_get_slots (b.booking), "items-changed",
                    G_CALLBACK (on_items_changed_cb), &b);
  g_signal_connect_swapped (b.booking, "notify::month", G_CALLBACK (on_month_cb), &b);
  gtk_window_present (GTK_WINDOW (b.window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (b.window)), "layout",
                    G_CALLBACK (on_layout_cb), &b);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (b.window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &b);

  /* Next month, where every day 1-28 is ahead and inside the horizon: settle on its 1st. */
  next = g_date_time_add_months (now, 1);
  year = g_date_time_get_year (next);
  month = g_date_time_get_month (next);
  b.want_rows = TRUE;
  pick (&b, year, month, 1);
  RUN_UNTIL (!b.want_rows && !b.want_paint && !turnos_booking_get_loading (b.booking));

  for (int i = 0; i < picks; i++)
    {
      gint64 t0;
      double ms;

      b.want_rows = TRUE;
      t0 = g_get_monotonic_time ();
      pick (&b, year, month, 2 + i % 27);
      RUN_UNTIL (!b.want_rows && !b.want_paint);
      ms = (b.painted_at - t0) / 1000.0;
      g_array_append_val (total, ms);
      ms -= 300;
      g_array_append_val (after_debounce, ms);
      ms = (b.rows_at - t0) / 1000.0 - 300;
      g_array_append_val (to_model, ms);
      ms = (b.painted_at - b.layout_at) / 1000.0;
      g_array_append_val (frame, ms);
      RUN_UNTIL (!turnos_booking_get_loading (b.booking));
    }

  /* Ten picks 25 ms apart (225 ms in all), then count what reached the server. */
  for (int i = 0; i < bursts; i++)
    {
      guint before = turnos_test_server_count_requests (server, "GET /reservations/availability?");
      guint after;

      b.want_rows = TRUE;
      for (int k = 0; k < 10; k++)
        {
          pick (&b, year, month, 2 + (i * 10 + k) % 27);
          if (k < 9)
            run_for (25);
        }
      RUN_UNTIL (!b.want_rows && !b.want_paint && !turnos_booking_get_loading (b.booking));
      run_for (400);
      after = turnos_test_server_count_requests (server, "GET /reservations/availability?");
      g_string_append_printf (sent, "%s%u", i ? ", " : "", after - before);
    }

  /* The busy professional's next months, each on its 15th. */
  for (int i = 1; i <= months; i++)
    {
      g_autoptr(GDateTime) shown = g_date_time_add_months (next, i);
      gint64 t0;
      double ms;

      b.want_month = TRUE;
      b.month_no = g_date_time_get_month (shown);
      b.want_rows = FALSE;
      t0 = g_get_monotonic_time ();
      pick (&b, g_date_time_get_year (shown), g_date_time_get_month (shown), 15);
      RUN_UNTIL (!b.want_month && !b.want_paint);
      ms = (b.month_at - t0) / 1000.0;
      g_array_append_val (computed, ms);
      ms = (b.painted_at - t0) / 1000.0;
      g_array_append_val (drawn, ms);
      RUN_UNTIL (!turnos_booking_get_loading (b.booking));
    }

  printf ("{\"renderer\": \"%s\", ", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (b.window))));
  printf ("\"professional\": \"%s\", \"bookings_per_day\": %d,\n \"pick_to_rows_ms\": ", BUSY, PER_DAY);
  print_distribution (total);
  printf (",\n \"pick_to_rows_after_debounce_ms\": ");
  print_distribution (after_debounce);
  printf (",\n \"pick_to_model_after_debounce_ms\": ");
  print_distribution (to_model);
  printf (",\n \"requests_per_ten_quick_picks\": [%s],\n \"month_answered_ms\": ", sent->str);
  print_distribution (computed);
  printf (",\n \"month_drawn_ms\": ");
  print_distribution (drawn);
  printf (",\n \"rows_frame_paint_ms\": ");
  print_distribution (frame);
  printf ("}\n");

  gtk_window_destroy (GTK_WINDOW (b.window));
  g_clear_object (&b.booking);
  return EXIT_SUCCESS;
}
