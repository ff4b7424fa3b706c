/* turnos-bench-live.c: how fast a booking reaches the other windows, and what idle
 * subscribers cost the server (issue #18)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * --mode latency: N windows' TurnosEvents (signed in as the desk) and one booking controller
 * showing bench-1's day listen to a server on 127.0.0.1:PORT; bookings of that day's next
 * free time are made one after another over HTTP, each waiting until every window has heard
 * it and the controller's rows are updated. For each booking it times, from the 201 (and from
 * the request's sending), every window's availability event and the controller's rows.
 * Prints one JSON object.
 *
 * --mode idle: opens N subscriptions (signed in), waits for every hello, prints {"ready": N}
 * and holds them until stdin closes: the caller measures the server's memory meanwhile.
 */
#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "turnos-booking.h"
#include "turnos-json.h"
#include "turnos-time.h"

static int    opt_port = 0;
static char  *opt_mode = NULL;
static int    opt_subscribers = 100;
static int    opt_bookings = 100;
static char  *opt_professional = NULL;
static char  *opt_from = NULL;

static GOptionEntry entries[] = {
  { "port", 0, 0, G_OPTION_ARG_INT, &opt_port, "Server port on 127.0.0.1", "PORT" },
  { "mode", 'm', 0, G_OPTION_ARG_STRING, &opt_mode, "latency or idle", "MODE" },
  { "subscribers", 's', 0, G_OPTION_ARG_INT, &opt_subscribers, "Listening windows", "N" },
  { "bookings", 'b', 0, G_OPTION_ARG_INT, &opt_bookings, "Bookings to time (latency)", "N" },
  { "professional", 0, 0, G_OPTION_ARG_STRING, &opt_professional, "Whose day (bench-1)", "ID" },
  { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from, "The first day booked", "YYYY-MM-DD" },
  { NULL }
};

static char *base_url;
static char *token;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@flag or @ms pass; FALSE on timeout. */
static gboolean
run_until (gboolean *flag,
           guint     ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return *flag;
}

#define RUN_UNTIL(cond, ms)                                             \
  G_STMT_START {                                                        \
    gint64 _end = g_get_monotonic_time () + (ms) * 1000;                \
    while (!(cond))                                                     \
      {                                                                 \
        gboolean _never = FALSE;                                        \
        if (g_get_monotonic_time () > _end)                             \
          {                                                             \
            g_printerr ("turnos-bench-live: timed out: %s\n", #cond);   \
            exit (EXIT_FAILURE);                                        \
          }                                                             \
        run_until (&_never, 5);                                         \
      }                                                                 \
  } G_STMT_END

typedef struct
{
  SoupMessage *msg;
  GBytes      *body;
  gint64       answered;
  gboolean     done;
} Call;

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;

  call->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);
  call->answered = g_get_monotonic_time ();
  call->done = TRUE;
}

/* POST @path with @body (JSON) as the desk; the status. */
static guint
post (SoupSession *session,
      const char  *path,
      const char  *body,
      gint64      *sent,
      gint64      *answered,
      GBytes     **answer)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  Call call = { 0 };

  call.msg = soup_message_new ("POST", url);
  soup_message_set_request_body_from_bytes (call.msg, "application/json", bytes);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (call.msg), "Authorization", value);
    }
  if (sent != NULL)
    *sent = g_get_monotonic_time ();
  soup_session_send_and_read_async (session, call.msg, G_PRIORITY_DEFAULT, NULL, call_cb, &call);
  if (!run_until (&call.done, 10000))
    {
      g_printerr ("turnos-bench-live: POST %s timed out\n", path);
      exit (EXIT_FAILURE);
    }
  if (answered != NULL)
    *answered = call.answered;
  if (answer != NULL)
    *answer = call.body ? g_bytes_ref (call.body) : NULL;
  g_clear_pointer (&call.body, g_bytes_unref);
  {
    guint status = soup_message_get_status (call.msg);

    g_object_unref (call.msg);
    return status;
  }
}

static void
sign_in (SoupSession *session)
{
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (post (session, "auth/login", "{\"username\": \"desk\", \"password\": \"demo-desk\"}", NULL,
            NULL, &answer) != 200 ||
      !(node = turnos_json_parse (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), NULL)))
    {
      g_printerr ("turnos-bench-live: cannot sign in as the desk\n");
      exit (EXIT_FAILURE);
    }
  token = g_strdup (json_object_get_string_member (json_node_get_object (node), "token"));
}

/*
 * Latency
 */

typedef struct
{
  gint64 heard;           /* when this window last heard about the professional's day */
} Window;

static char *professional;

static void
window_availability_cb (TurnosEvents *events,
                        const char   *professional_id,
                        const GDate  *first,
                        const GDate  *last,
                        Window       *window)
{
  if (g_strcmp0 (professional_id, professional) == 0 && window->heard == 0)
    window->heard = g_get_monotonic_time ();
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* {"p50": …, "p99": …, "max": …, "n": …} of @values (ms), sorted here. */
static void
print_stats (GString    *out,
             const char *name,
             GArray     *values)
{
  double p50 = 0, p99 = 0, max = 0;

  g_array_sort (values, compare_doubles);
  if (values->len > 0)
    {
      p50 = g_array_index (values, double, (values->len - 1) * 50 / 100);
      p99 = g_array_index (values, double, (values->len - 1) * 99 / 100);
      max = g_array_index (values, double, values->len - 1);
    }
  g_string_append_printf (out, ", \"%s\": {\"n\": %u, \"p50\": %.3f, \"p99\": %.3f, \"max\": %.3f}",
                          name, values->len, p50, p99, max);
}

static GDateTime *
now_clock (gpointer data)
{
  return g_date_time_new_now_utc ();
}

/* The controller's rows lost @start. */
typedef struct
{
  GDateTime *start;
  gint64     updated;
} Watch;

static void
rows_changed_cb (GListModel *slots,
                 guint       position,
                 guint       removed,
                 guint       added,
                 Watch      *watch)
{
  if (watch->start == NULL || watch->updated != 0 || removed == 0)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (slots); i++)
    {
      g_autoptr(TurnosSlot) slot = g_list_model_get_item (slots, i);

      if (g_date_time_equal (turnos_slot_get_start (slot), watch->start))
        return;
    }
  watch->updated = g_get_monotonic_time ();
}

static int
run_latency (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) listeners = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree Window *windows = g_new0 (Window, opt_subscribers);
  g_autoptr(GArray) after_201 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) after_send = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rows_after_201 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rows_after_send = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) answers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(TurnosClient) client = NULL;
  g_autoptr(TurnosEvents) events = NULL;
  g_autoptr(TurnosBooking) booking = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint before_201 = 0;
  Watch watch = { 0 };
  GDate day;

  sign_in (session);
  for (int i = 0; i < opt_subscribers; i++)
    {
      TurnosClient *c = turnos_client_new (base_url);
      TurnosEvents *e;

      turnos_client_set_token (c, token);
      e = turnos_events_new (c);
      g_signal_connect (e, "availability", G_CALLBACK (window_availability_cb), &windows[i]);
      turnos_events_start (e);
      g_ptr_array_add (clients, c);
      g_ptr_array_add (listeners, e);
    }

  /* The window whose rows are timed: bench-1's day, live like the others. */
  client = turnos_client_new (base_url);
  turnos_client_set_token (client, token);
  events = turnos_events_new (client);
  turnos_events_start (events);
  booking = turnos_booking_new (client);
  turnos_booking_set_clock (booking, now_clock, NULL);
  turnos_booking_set_events (booking, events);
  turnos_booking_set_client_id (booking, "patient-1");
  turnos_booking_load (booking, professional);
  RUN_UNTIL (turnos_booking_get_settings (booking) != NULL, 10000);
  g_date_clear (&day, 1);
  if (opt_from == NULL)
    {
      g_autoptr(GDateTime) tomorrow = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) next = g_date_time_add_days (tomorrow, 1);

      opt_from = g_date_time_format (next, "%Y-%m-%d");
    }
  if (!turnos_date_parse (opt_from, &day, NULL))
    {
      g_printerr ("turnos-bench-live: --from wants YYYY-MM-DD\n");
      return EXIT_FAILURE;
    }
  turnos_booking_set_date (booking, &day);
  RUN_UNTIL (!turnos_booking_get_loading (booking), 10000);
  g_signal_connect (turnos_booking_get_slots (booking), "items-changed", G_CALLBACK (rows_changed_cb),
                    &watch);
  RUN_UNTIL (turnos_events_get_connected (events), 10000);
  for (int i = 0; i < opt_subscribers; i++)
    RUN_UNTIL (turnos_events_get_connected (g_ptr_array_index (listeners, i)), 20000);

  for (int n = 0; n < opt_bookings; n++)
    {
      GListModel *slots = turnos_booking_get_slots (booking);
      g_autoptr(TurnosSlot) slot = NULL;
      g_autofree char *start = NULL;
      g_autofree char *body = NULL;
      gint64 sent, answered;
      guint status;

      if (g_list_model_get_n_items (slots) == 0)
        {
          /* The day is full: the next one. */
          g_date_add_days (&day, 1);
          turnos_booking_set_date (booking, &day);
          RUN_UNTIL (!turnos_booking_get_loading (booking), 10000);
        }
      slot = g_list_model_get_item (slots, 0);
      start = turnos_time_format (turnos_slot_get_start (slot));
      body = g_strdup_printf ("{\"client_id\": \"patient-1\", \"professional_id\": \"%s\", "
                              "\"start_time\": \"%s\", \"session_modality\": \"Virtual\"}",
                              professional, start);
      for (int i = 0; i < opt_subscribers; i++)
        windows[i].heard = 0;
      watch.start = turnos_slot_get_start (slot);
      watch.updated = 0;

      status = post (session, "reservations/create-without-payment", body, &sent, &answered, NULL);
      if (status != 201)
        {
          g_printerr ("turnos-bench-live: booking %s answered %u\n", start, status);
          return EXIT_FAILURE;
        }
      for (int i = 0; i < opt_subscribers; i++)
        RUN_UNTIL (windows[i].heard != 0, 10000);
      RUN_UNTIL (watch.updated != 0, 10000);
      watch.start = NULL;

      g_array_append_val (answers, (double) { (answered - sent) / 1000.0 });
      for (int i = 0; i < opt_subscribers; i++)
        {
          double from_201 = (windows[i].heard - answered) / 1000.0;

          /* The event is sent at the commit, the answer after it: it may come first. */
          if (from_201 < 0)
            before_201++;
          g_array_append_val (after_201, (double) { MAX (from_201, 0) });
          g_array_append_val (after_send, (double) { (windows[i].heard - sent) / 1000.0 });
        }
      g_array_append_val (rows_after_201, (double) { MAX ((watch.updated - answered) / 1000.0, 0) });
      g_array_append_val (rows_after_send, (double) { (watch.updated - sent) / 1000.0 });
    }

  g_string_append_printf (out, "{\"subscribers\": %d, \"bookings\": %d", opt_subscribers,
                          opt_bookings);
  g_string_append_printf (out, ", \"events_before_201\": %u", before_201);
  print_stats (out, "answer_ms", answers);
  print_stats (out, "event_after_201_ms", after_201);
  print_stats (out, "event_after_send_ms", after_send);
  print_stats (out, "rows_after_201_ms", rows_after_201);
  print_stats (out, "rows_after_send_ms", rows_after_send);
  g_string_append (out, "}\n");
  fputs (out->str, stdout);

  g_signal_handlers_disconnect_by_data (turnos_booking_get_slots (booking), &watch);
  for (guint i = 0; i < listeners->len; i++)
    {
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (listeners, i), &windows[i]);
      turnos_events_stop (g_ptr_array_index (listeners, i));
    }
  turnos_events_stop (events);
  return EXIT_SUCCESS;
}

/*
 * Idle subscribers
 */

typedef struct
{
  guint hellos;
  guint failed;
} Idle;

static void
idle_message_cb (SoupWebsocketConnection *conn,
                 SoupWebsocketDataType    type,
                 GBytes                  *message,
                 Idle                    *idle)
{
  if (g_strstr_len (g_bytes_get_data (message, NULL), g_bytes_get_size (message), "\"desk\"") != NULL)
    idle->hellos++;
}

typedef struct
{
  Idle      *idle;
  GPtrArray *conns;
} Opening;

static void
idle_connected_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Opening *opening = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *conn = soup_session_websocket_connect_finish (SOUP_SESSION (object),
                                                                       result, &error);
  g_autofree char *first = NULL;

  if (conn == NULL)
    {
      g_printerr ("turnos-bench-live: %s\n", error->message);
      opening->idle->failed++;
      return;
    }
  g_signal_connect (conn, "message", G_CALLBACK (idle_message_cb), opening->idle);
  first = g_strdup_printf ("{\"token\": \"%s\"}", token);
  soup_websocket_connection_send_text (conn, first);
  g_ptr_array_add (opening->conns, conn);
}

static gboolean
stdin_closed_cb (GIOChannel   *channel,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static int
run_idle (void)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", opt_subscribers + 16,
                                                                  "max-conns-per-host",
                                                                  opt_subscribers + 16, NULL);
  g_autoptr(GPtrArray) conns = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *url = g_strconcat (base_url, "events", NULL);
  g_autoptr(GIOChannel) in = g_io_channel_unix_new (0);
  Idle idle = { 0 };
  Opening opening = { &idle, conns };
  gboolean closed = FALSE;

  sign_in (session);
  soup_session_remove_feature_by_type (session, SOUP_TYPE_WEBSOCKET_EXTENSION_MANAGER);
  /* In batches, as windows open over a morning, not all in one instant. */
  for (int i = 0; i < opt_subscribers; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

      soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                            idle_connected_cb, &opening);
      if (i % 50 == 49)
        RUN_UNTIL (idle.hellos + idle.failed >= (guint) i + 1, 20000);
    }
  RUN_UNTIL (idle.hellos + idle.failed >= (guint) opt_subscribers, 20000);
  printf ("{\"ready\": %u, \"failed\": %u}\n", idle.hellos, idle.failed);
  fflush (stdout);
  g_io_add_watch (in, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_closed_cb, &closed);
  run_until (&closed, G_MAXINT);
  return idle.failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- live events benchmark");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || opt_port <= 0 || opt_mode == NULL)
    {
      g_printerr ("turnos-bench-live: %s\n", error ? error->message : "--port and --mode are needed");
      return 2;
    }
  base_url = g_strdup_printf ("http://127.0.0.1:%d/", opt_port);
  professional = g_strdup (opt_professional ? opt_professional : "bench-1");
  if (g_str_equal (opt_mode, "latency"))
    return run_latency ();
  if (g_str_equal (opt_mode, "idle"))
    return run_idle ();
  g_printerr ("turnos-bench-live: --mode is latency or idle\n");
  return 2;
}
