/* test-views.c: the payment page, My Reservations, Front Desk and Time Off with real widgets
 * under Xvfb, against real servers
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
#include "turnos-desk-page.h"
#include "turnos-format.h"
#include "turnos-json.h"
#include "turnos-payment-page.h"
#include "turnos-reservation-row.h"
#include "turnos-calendar-export.h"
#include "turnos-reservations-page.h"
#include "turnos-reservations-tab.h"
#include "turnos-time-off-page.h"
#include "turnos-test-inproc.h"
#include "turnos-test-client.h"
#include "turnos-test-server.h"
#include "turnos-time.h"
#include "turnos-window.h"

#define ZONE "America/Argentina/Buenos_Aires"
#define LAN_URL "http://192.0.2.10:8080/"
#define LAN_ORIGIN "http://192.0.2.10:8080"

/*
 * Helpers
 */

static gpointer
child (GtkWidget  *widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (object);
  return object;
}

static GtkWidget *
page_named (TurnosWindow *window,
            const char   *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (turnos_window_get_stack (window), name);

  g_assert_nonnull (page);
  return page;
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

/* As a click on a response button does: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static GDateTime *
real_clock (gpointer data)
{
  return g_date_time_new_now_utc ();
}

/*
 * The payment page, against a server in this process whose checkout is on another address
 */

typedef struct
{
  TurnosTestInproc *t;
  TurnosBooking    *booking;
  TurnosWindow     *window;
} Paying;

static void
paying_set_up (Paying        *f,
               gconstpointer  data)
{
  const char *public_url = data;
  g_autoptr(TurnosClient) client = NULL;

  f->t = turnos_test_inproc_new ();
  turnos_server_set_clock (f->t->server, real_clock, NULL);
  client = turnos_test_client_new (f->t->url);
  /* The fixture's token was made on its fixed clock, long gone on the real one. */
  g_free (f->t->token);
  f->t->token = turnos_test_inproc_login (f->t, "desk");
  turnos_client_set_token (client, f->t->token);
  if (public_url != NULL)
    {
      const char *origins[] = { LAN_ORIGIN, NULL };

      /* As a clinic's server behind its own address: the checkout is on it, not on loopback. */
      turnos_server_set_public_url (f->t->server, public_url);
      turnos_client_set_payment_origins (client, origins);
    }
  f->booking = turnos_booking_new (client);
  turnos_booking_set_client_id (f->booking, "patient-3");
  turnos_booking_load (f->booking, "dr-bruno");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (f->booking) != NULL);
  f->window = turnos_window_new (NULL, f->booking, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
paying_tear_down (Paying        *f,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->booking);
  g_clear_pointer (&f->t, turnos_test_inproc_free);
}

/* Chooses dr-bruno's first free time in a week and a bit, continues, and pays: the payment
 * page, waiting. */
static GtkWidget *
start_paying (Paying *f)
{
  GListModel *slots = turnos_booking_get_slots (f->booking);
  g_autoptr(TurnosSlot) slot = NULL;
  GtkWidget *page;
  GDate day;

  turnos_test_working_day (ZONE, 8, &day);
  turnos_booking_set_date (f->booking, &day);
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (f->booking) && g_list_model_get_n_items (slots) > 0);
  slot = g_list_model_get_item (slots, 0);
  turnos_booking_set_slot (f->booking, slot);
  g_assert_true (turnos_booking_continue (f->booking));
  page = page_named (f->window, "payment");
  g_assert_true (gtk_stack_get_visible_child (turnos_window_get_stack (f->window)) == page);
  gtk_widget_activate_action (page, "payment.pay", NULL);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_payment (f->booking) != NULL);
  return page;
}

/* With no browser (or a browser elsewhere) the address stays on the page with Copy, a QR
 * code when a phone can reach it, and the hold's countdown. */
static void
test_payment_address_and_qr (Paying        *f,
                             gconstpointer  data)
{
  GtkWidget *page = start_paying (f);
  TurnosPayment *payment = turnos_booking_get_payment (f->booking);
  GtkLabel *address = child (page, TURNOS_TYPE_PAYMENT_PAGE, "address_label");
  GtkLabel *hold = child (page, TURNOS_TYPE_PAYMENT_PAGE, "hold_label");
  GtkImage *qr = child (page, TURNOS_TYPE_PAYMENT_PAGE, "qr_picture");
  g_autofree char *want = g_strdup_printf (LAN_URL "sandbox/checkout/%s", payment->payment_id);

  g_assert_cmpstr (payment->checkout_url, ==, want);
  g_assert_true (gtk_widget_get_visible (child (page, TURNOS_TYPE_PAYMENT_PAGE, "address_box")));
  g_assert_cmpstr (gtk_label_get_label (address), ==, want);
  g_assert_true (gtk_label_get_selectable (address));
  g_assert_true (gtk_widget_get_visible (child (page, TURNOS_TYPE_PAYMENT_PAGE, "qr_box")));
  g_assert_nonnull (gtk_image_get_paintable (qr));
  g_assert_cmpint (gtk_image_get_pixel_size (qr), ==, gdk_paintable_get_intrinsic_width (gtk_image_get_paintable (qr)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (hold)));
  g_assert_nonnull (strstr (gtk_label_get_label (hold), "left"));

  /* Copy puts the address on the clipboard. */
  gtk_widget_activate_action (page, "payment.copy", NULL);
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (page);
    GValue text = G_VALUE_INIT;

    TURNOS_TEST_WAIT_UNTIL (gdk_clipboard_get_content (clipboard) != NULL);
    g_value_init (&text, G_TYPE_STRING);
    g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &text, NULL));
    g_assert_cmpstr (g_value_get_string (&text), ==, want);
    g_value_unset (&text);
  }
}

/* The embedded server's checkout is on loopback: its address is shown, but no QR code a
 * phone could not open. */
static void
test_payment_no_qr_on_loopback (Paying        *f,
                                gconstpointer  data)
{
  GtkWidget *page = start_paying (f);
  TurnosPayment *payment = turnos_booking_get_payment (f->booking);

  g_assert_true (g_str_has_prefix (payment->checkout_url, "http://127.0.0.1:"));
  g_assert_true (gtk_widget_get_visible (child (page, TURNOS_TYPE_PAYMENT_PAGE, "address_box")));
  g_assert_false (gtk_widget_get_visible (child (page, TURNOS_TYPE_PAYMENT_PAGE, "qr_box")));
}

static void
test_payment_qr_helpers (void)
{
  static const struct { const char *url; gboolean reachable; } cases[] = {
    { "http://192.0.2.10:8080/sandbox/checkout/x", TRUE },
    { "https://pay.example.com/c/1", TRUE },
    { "http://[2001:db8::1]:8080/c", TRUE },
    { "http://127.0.0.1:40123/sandbox/checkout/x", FALSE },
    { "http://127.7.0.1/x", FALSE },
    { "http://[::1]:8080/x", FALSE },
    { "http://localhost:8080/x", FALSE },
    { "http://clinic.localhost/x", FALSE },
    { "not a url", FALSE },
  };
  g_autoptr(GdkTexture) texture = turnos_payment_page_qr_texture_new ("http://192.0.2.10:8080/sandbox/checkout/84cf318f-3d81-40ec-b7ad-bc923ea2e14a");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_true (turnos_payment_page_reachable_elsewhere (cases[i].url) == cases[i].reachable);
  /* 78 bytes at level M: a version 5 symbol, 37 modules, plus 4 on each side, 4 px each. */
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, (37 + 8) * 4);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, (37 + 8) * 4);
}

static JsonNode *
reservations_of (Paying     *f,
                 const char *patient)
{
  g_autofree char *path = g_strdup_printf ("reservations?client_id=%s", patient);
  JsonNode *node = NULL;

  g_assert_cmpuint (turnos_test_inproc_request (f->t, "GET", path, NULL, -1, &node), ==, 200);
  return node;
}

static JsonObject *
newest (JsonNode *list)
{
  JsonArray *array = json_object_get_array_member (json_node_get_object (list), "reservations");
  JsonObject *latest = NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *r = json_array_get_object_element (array, i);

      if (latest == NULL || g_strcmp0 (json_object_get_string_member (r, "created_at"),
                                       json_object_get_string_member (latest, "created_at")) >= 0)
        latest = r;
    }
  g_assert_nonnull (latest);
  return latest;
}

/* Back from a held time asks first; keeping it stays, giving it back releases it on the server
 * and the time is free again. The header's Back and Escape ask the same. */
static void
test_payment_back_asks_and_releases (Paying        *f,
                                     gconstpointer  data)
{
  GtkWidget *page = start_paying (f);
  g_autoptr(TurnosPayment) held = turnos_payment_ref (turnos_booking_get_payment (f->booking));
  g_autoptr(JsonNode) before = reservations_of (f, "patient-3");
  g_autoptr(JsonNode) after = NULL;
  AdwMessageDialog *dialog;

  g_assert_cmpstr (json_object_get_string_member (newest (before), "status"), ==, "PENDING");

  /* The header's Back: asked, kept. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL);
  TURNOS_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  respond (dialog, "keep");
  g_assert_cmpint (turnos_booking_get_step (f->booking), ==, TURNOS_BOOKING_STEP_PAYMENT);
  g_assert_nonnull (turnos_booking_get_payment (f->booking));

  /* The page's Back: asked, given back. */
  gtk_widget_activate_action (page, "payment.back", NULL);
  TURNOS_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  respond (dialog, "release");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_step (f->booking) == TURNOS_BOOKING_STEP_RESERVE);
  after = reservations_of (f, "patient-3");
  g_assert_cmpstr (json_object_get_string_member (newest (after), "status"), ==, "CANCELLED");
  g_assert_cmpstr (json_object_get_string_member (newest (after), "cancel_reason"), ==, "released");
  g_assert_cmpstr (json_object_get_string_member (newest (after), "payment_id"), ==, held->payment_id);
}


/*
 * My Reservations, Front Desk and Time Off, against the demo clinic on the real clock
 */

typedef struct
{
  TurnosTestServer *server;
  TurnosClient     *client;
  TurnosBooking    *booking;
  TurnosWindow     *window;
} Viewing;

static void
viewing_set_up (Viewing       *f,
                gconstpointer  data)
{
  f->server = turnos_test_server_start (TRUE, NULL);
  f->client = turnos_test_client_new (turnos_test_server_get_url (f->server));
  turnos_test_sign_in (f->client, f->server, "desk");
  f->booking = turnos_booking_new (f->client);
  turnos_booking_set_client_id (f->booking, data ? data : "patient-1");
  turnos_booking_load (f->booking, "dr-ana");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (f->booking) != NULL);
  f->window = turnos_window_new (NULL, f->booking, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
viewing_tear_down (Viewing       *f,
                   gconstpointer  data)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->booking);
  g_clear_object (&f->client);
  turnos_test_server_free (f->server);
}

static GtkWidget *
show_view (Viewing          *f,
           TurnosWindowView  view,
           const char       *page)
{
  GtkWidget *shown;

  turnos_window_set_view (f->window, view);
  shown = gtk_stack_get_visible_child (turnos_window_get_stack (f->window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (turnos_window_get_stack (f->window)), ==, page);
  return shown;
}

static GDateTime *
day_at (const GDate *day,
        int          hour)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);

  return g_date_time_new (tz, g_date_get_year (day), g_date_get_month (day), g_date_get_day (day),
                          hour, 0, 0);
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static gboolean
is_shown (GtkWidget *widget)
{
  return gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  *(TurnosReservation **) data = turnos_client_create_reservation_finish (TURNOS_CLIENT (object), result, NULL);
}

/* Books @patient with dr-ana at @hour on @day, straight through the client. */
static TurnosReservation *
book (Viewing     *f,
      const char  *patient,
      const GDate *day,
      int          hour)
{
  g_autoptr(TurnosReservation) draft = turnos_reservation_new ();
  TurnosReservation *stored = NULL;

  draft->client_id = g_strdup (patient);
  draft->professional_id = g_strdup ("dr-ana");
  draft->start = day_at (day, hour);
  draft->end = g_date_time_add_minutes (draft->start, 45);
  draft->modality = TURNOS_MODALITY_VIRTUAL;
  turnos_client_create_reservation_async (f->client, draft, NULL, NULL, created_cb, &stored);
  TURNOS_TEST_WAIT_UNTIL (stored != NULL);
  return stored;
}

/* Time Off: a range of whole days, checked as it is typed. */
static void
test_time_off_range_of_days (Viewing       *f,
                             gconstpointer  data)
{
  GtkWidget *page = show_view (f, TURNOS_WINDOW_VIEW_TIME_OFF, "time-off");
  GtkListBox *list = child (page, TURNOS_TYPE_TIME_OFF_PAGE, "blocks_list");
  GtkLabel *problem = child (page, TURNOS_TYPE_TIME_OFF_PAGE, "problem_label");
  GtkWidget *add = child (page, TURNOS_TYPE_TIME_OFF_PAGE, "add_button");
  GDate first, last;
  g_autoptr(GDateTime) first_noon = NULL;
  g_autoptr(GDateTime) last_noon = NULL;
  guint before;

  TURNOS_TEST_WAIT_UNTIL (n_rows (list) > 0);   /* the demo's team meeting */
  before = n_rows (list);
  turnos_test_working_day (ZONE, 15, &first);
  last = first;
  g_date_add_days (&last, 2);
  first_noon = day_at (&first, 12);
  last_noon = day_at (&last, 12);

  /* From 13:00 to 12:00 on one day: said at once, and Add waits. */
  gtk_calendar_select_day (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "from_calendar"), first_noon);
  gtk_drop_down_set_selected (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "from_dropdown"), 13 * 2);
  gtk_drop_down_set_selected (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "to_dropdown"), 12 * 2 - 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problem)));
  g_assert_cmpstr (gtk_label_get_label (problem), ==, "The time off must end after it starts.");
  g_assert_false (gtk_widget_is_sensitive (add));

  /* Three whole days. */
  gtk_switch_set_active (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "all_day_switch"), TRUE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (problem)));
  gtk_calendar_select_day (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "to_calendar"), last_noon);
  g_assert_true (gtk_widget_is_sensitive (add));
  gtk_editable_set_text (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "reason_entry"), "Congreso");
  gtk_widget_activate_action (page, "time-off.add", NULL);
  TURNOS_TEST_WAIT_UNTIL (n_rows (list) == before + 1);
  {
    g_autoptr(TurnosTimeOff) time_off = NULL;
    g_autoptr(GDateTime) from = day_at (&first, 0);
    g_autoptr(GDateTime) after = NULL;
    GDate next = last;
    GListModel *blocks;
    gboolean found = FALSE;

    g_date_add_days (&next, 1);
    after = day_at (&next, 0);
    g_object_get (page, "time-off", &time_off, NULL);
    blocks = turnos_time_off_get_blocks (time_off);
    for (guint i = 0; i < g_list_model_get_n_items (blocks); i++)
      {
        g_autoptr(TurnosBlockItem) item = g_list_model_get_item (blocks, i);
        TurnosBlock *b = turnos_block_item_get_block (item);

        if (g_strcmp0 (b->reason, "Congreso") != 0)
          continue;
        found = TRUE;
        g_assert_true (g_date_time_equal (b->start, from));
        g_assert_true (g_date_time_equal (b->end, after));
      }
    g_assert_true (found);
  }
}

/* Removing offers Undo, which puts the same time off back. */
static void
test_time_off_undo (Viewing       *f,
                    gconstpointer  data)
{
  GtkWidget *page = show_view (f, TURNOS_WINDOW_VIEW_TIME_OFF, "time-off");
  GtkListBox *list = child (page, TURNOS_TYPE_TIME_OFF_PAGE, "blocks_list");
  g_autoptr(TurnosTimeOff) time_off = NULL;
  g_autoptr(TurnosBlock) meeting = NULL;
  g_autoptr(TurnosBlockItem) item = NULL;
  GListModel *blocks;

  g_object_get (page, "time-off", &time_off, NULL);
  blocks = turnos_time_off_get_blocks (time_off);
  TURNOS_TEST_WAIT_UNTIL (n_rows (list) == 1);
  item = g_list_model_get_item (blocks, 0);
  meeting = turnos_block_ref (turnos_block_item_get_block (item));
  g_assert_cmpstr (meeting->reason, ==, "Reunión de equipo");

  gtk_widget_activate_action (page, "time-off.remove", "s", meeting->id);
  TURNOS_TEST_WAIT_UNTIL (n_rows (list) == 0 && turnos_time_off_get_loaded (time_off) &&
                          !turnos_time_off_get_loading (time_off));
  /* Nothing left: the list says so, and what to do. */
  g_assert_true (is_shown (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "list_empty_label")));

  gtk_widget_activate_action (page, "time-off.undo", NULL);
  TURNOS_TEST_WAIT_UNTIL (n_rows (list) == 1);
  {
    g_autoptr(TurnosBlockItem) back = g_list_model_get_item (blocks, 0);
    TurnosBlock *b = turnos_block_item_get_block (back);

    g_assert_true (g_date_time_equal (b->start, meeting->start));
    g_assert_true (g_date_time_equal (b->end, meeting->end));
    g_assert_cmpstr (b->reason, ==, meeting->reason);
  }
}

/* A refusal names every session in the way, with its patient and time. */
static void
test_time_off_names_sessions (Viewing       *f,
                              gconstpointer  data)
{
  GtkWidget *page = show_view (f, TURNOS_WINDOW_VIEW_TIME_OFF, "time-off");
  GtkLabel *problem = child (page, TURNOS_TYPE_TIME_OFF_PAGE, "problem_label");
  g_autoptr(TurnosReservation) first = NULL;
  g_autoptr(TurnosReservation) second = NULL;
  g_autoptr(GDateTime) noon = NULL;
  const char *text;
  GDate day;

  turnos_test_working_day (ZONE, 16, &day);
  first = book (f, "patient-2", &day, 10);
  second = book (f, "patient-3", &day, 15);
  noon = day_at (&day, 12);
  gtk_switch_set_active (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "all_day_switch"), TRUE);
  gtk_calendar_select_day (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "from_calendar"), noon);
  gtk_calendar_select_day (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "to_calendar"), noon);
  gtk_widget_activate_action (page, "time-off.add", NULL);
  TURNOS_TEST_WAIT_UNTIL (gtk_widget_get_visible (GTK_WIDGET (problem)));
  /* The patients by name, once read (by id until then). */
  TURNOS_TEST_WAIT_UNTIL (strstr (gtk_label_get_label (problem), "María Sánchez") != NULL &&
                          strstr (gtk_label_get_label (problem), "Lucía Fernández") != NULL);
  text = gtk_label_get_label (problem);
  g_assert_nonnull (strstr (text, "2 booked sessions"));
  g_assert_nonnull (strstr (text, "• María Sánchez, "));
  g_assert_nonnull (strstr (text, "10:00 – 10:45"));
  g_assert_nonnull (strstr (text, "• Lucía Fernández, "));
  g_assert_nonnull (strstr (text, "15:00 – 15:45"));
  g_assert_null (strstr (text, "patient-"));

  /* Changing the range clears it. */
  gtk_switch_set_active (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "all_day_switch"), FALSE);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (problem)));
}

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

/* A time list opens on the time chosen, not on 00:00. */
static void
test_time_off_lists_open_on_value (Viewing       *f,
                                   gconstpointer  data)
{
  GtkWidget *page = show_view (f, TURNOS_WINDOW_VIEW_TIME_OFF, "time-off");
  GtkDropDown *from = child (page, TURNOS_TYPE_TIME_OFF_PAGE, "from_dropdown");
  GtkWidget *popover = find_descendant (GTK_WIDGET (from), GTK_TYPE_POPOVER);
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;

  g_assert_nonnull (popover);
  scrolled = find_descendant (popover, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_drop_down_set_selected (from, 20 * 2);   /* 20:00 */
  gtk_popover_popup (GTK_POPOVER (popover));
  TURNOS_TEST_WAIT_UNTIL (gtk_adjustment_get_value (adjustment) > 0);
  /* Scrolled to it: its row is inside the shown part of the list. */
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <=,
                     gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
  gtk_popover_popdown (GTK_POPOVER (popover));
}

/* Another professional chosen while Time Off is shown: their list, not a spinner for ever. */
static void
test_time_off_follows_professional (Viewing       *f,
                                    gconstpointer  data)
{
  GtkWidget *page = show_view (f, TURNOS_WINDOW_VIEW_TIME_OFF, "time-off");
  GtkListBox *list = child (page, TURNOS_TYPE_TIME_OFF_PAGE, "blocks_list");

  TURNOS_TEST_WAIT_UNTIL (n_rows (list) == 1);
  turnos_booking_set_professional_id (f->booking, "dr-carla");
  TURNOS_TEST_WAIT_UNTIL (is_shown (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "list_empty_label")));
  g_assert_false (is_shown (child (page, TURNOS_TYPE_TIME_OFF_PAGE, "list_spinner")));
}

/* With no professional chosen, Time Off and Front Desk say so and what to do. */
static void
test_no_professional (Viewing       *f,
                      gconstpointer  data)
{
  GtkWidget *time_off;
  GtkWidget *desk;

  turnos_booking_set_professional_id (f->booking, NULL);
  time_off = show_view (f, TURNOS_WINDOW_VIEW_TIME_OFF, "time-off");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (time_off, TURNOS_TYPE_TIME_OFF_PAGE, "stack")), ==,
                   "no-professional");
  desk = show_view (f, TURNOS_WINDOW_VIEW_DESK, "desk");
  g_assert_true (is_shown (child (desk, TURNOS_TYPE_DESK_PAGE, "note_box")));
  g_assert_cmpstr (gtk_label_get_label (child (desk, TURNOS_TYPE_DESK_PAGE, "note_title")), ==,
                   "No Professional Chosen");
  g_assert_cmpstr (gtk_actionable_get_action_name (child (desk, TURNOS_TYPE_DESK_PAGE, "note_button")), ==,
                   "desk.book");
}

/* Front Desk: the day is named, and a day off says so instead of a thin empty line. */
static void
test_desk_names_the_day (Viewing       *f,
                         gconstpointer  data)
{
  GtkWidget *page = show_view (f, TURNOS_WINDOW_VIEW_DESK, "desk");
  AdwPreferencesGroup *group = child (page, TURNOS_TYPE_DESK_PAGE, "day_group");
  GtkListBox *list = child (page, TURNOS_TYPE_DESK_PAGE, "entries_list");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) saturday_noon = NULL;
  g_autofree char *today_words = turnos_format_day (now);
  g_autofree char *saturday_words = NULL;
  GDate saturday;

  g_assert_cmpstr (adw_preferences_group_get_title (group), ==, today_words);
  g_assert_true (g_str_has_prefix (adw_preferences_group_get_description (group), "Today. "));

  /* dr-ana works Monday to Friday. */
  turnos_test_working_day (ZONE, 3, &saturday);
  while (g_date_get_weekday (&saturday) != G_DATE_SATURDAY)
    g_date_add_days (&saturday, 1);
  saturday_noon = day_at (&saturday, 12);
  saturday_words = turnos_format_day (saturday_noon);
  gtk_calendar_select_day (child (page, TURNOS_TYPE_DESK_PAGE, "calendar"), saturday_noon);
  TURNOS_TEST_WAIT_UNTIL (is_shown (child (page, TURNOS_TYPE_DESK_PAGE, "note_box")));
  g_assert_cmpstr (adw_preferences_group_get_title (group), ==, saturday_words);
  g_assert_false (g_str_has_prefix (adw_preferences_group_get_description (group), "Today. "));
  g_assert_cmpstr (gtk_label_get_label (child (page, TURNOS_TYPE_DESK_PAGE, "note_title")), ==, "A Day Off");
  g_assert_nonnull (strstr (gtk_label_get_label (child (page, TURNOS_TYPE_DESK_PAGE, "note_text")), "Dra. Ana Gómez"));
  g_assert_false (is_shown (GTK_WIDGET (list)));
}

/* A server that does not answer: Front Desk says the day could not be loaded, with Retry. */
static void
test_desk_error (Viewing       *f,
                 gconstpointer  data)
{
  GtkWidget *page = show_view (f, TURNOS_WINDOW_VIEW_DESK, "desk");
  g_autoptr(GDateTime) noon = NULL;
  GDate day;

  turnos_test_server_stop (f->server);
  turnos_test_working_day (ZONE, 9, &day);
  noon = day_at (&day, 12);
  gtk_calendar_select_day (child (page, TURNOS_TYPE_DESK_PAGE, "calendar"), noon);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (gtk_label_get_label (child (page, TURNOS_TYPE_DESK_PAGE, "note_title")),
                                     "The Day Could Not Be Loaded") == 0);
  g_assert_true (is_shown (child (page, TURNOS_TYPE_DESK_PAGE, "note_box")));
  g_assert_cmpstr (gtk_actionable_get_action_name (child (page, TURNOS_TYPE_DESK_PAGE, "note_button")), ==,
                   "desk.refresh");
}

/* The rows of My Reservations' tab @name. */
static GPtrArray *
rows_of (GtkWidget  *page,
         const char *name)
{
  AdwViewStack *stack = child (page, TURNOS_TYPE_RESERVATIONS_PAGE, "view_stack");
  GtkWidget *tab = adw_view_stack_get_child_by_name (stack, name);
  GtkListBox *list = child (tab, TURNOS_TYPE_RESERVATIONS_TAB, "list_box");
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    g_ptr_array_add (rows, gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (list, i)));
  return rows;
}

static const char *
tab_state (GtkWidget  *page,
           const char *name)
{
  AdwViewStack *stack = child (page, TURNOS_TYPE_RESERVATIONS_PAGE, "view_stack");
  GtkWidget *tab = adw_view_stack_get_child_by_name (stack, name);

  return gtk_stack_get_visible_child_name (child (tab, TURNOS_TYPE_RESERVATIONS_TAB, "stack"));
}

static void
show_tab (GtkWidget  *page,
          const char *name)
{
  adw_view_stack_set_visible_child_name (child (page, TURNOS_TYPE_RESERVATIONS_PAGE, "view_stack"), name);
}

/* Upcoming first; Past and Cancelled when shown; each says what is true when empty. */
static void
test_reservations_tabs (Viewing       *f,
                        gconstpointer  data)
{
  GtkWidget *page = show_view (f, TURNOS_WINDOW_VIEW_RESERVATIONS, "reservations");
  AdwViewStack *stack = child (page, TURNOS_TYPE_RESERVATIONS_PAGE, "view_stack");

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "upcoming");
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (tab_state (page, "upcoming"), "list") == 0);
  {
    g_autoptr(GPtrArray) rows = rows_of (page, "upcoming");

    g_assert_cmpuint (rows->len, ==, 1);
  }
  show_tab (page, "past");
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (tab_state (page, "past"), "list") == 0);
  show_tab (page, "cancelled");
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (tab_state (page, "cancelled"), "empty") == 0);

  /* Another patient with nothing booked: the empty Upcoming offers booking. */
  turnos_booking_set_client_id (f->booking, "patient-9");
  show_tab (page, "upcoming");
  gtk_widget_activate_action (page, "reservations.refresh", NULL);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (tab_state (page, "upcoming"), "empty") == 0);

  /* Nobody: the page asks whose sessions to show. */
  turnos_booking_set_client_id (f->booking, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (page, TURNOS_TYPE_RESERVATIONS_PAGE, "stack")), ==,
                   "no-patient");
}

/* A cancelled session keeps its calendar button, whose file cancels the event. */
static void
test_reservations_cancelled_calendar (Viewing       *f,
                                      gconstpointer  data)
{
  GtkWidget *page = show_view (f, TURNOS_WINDOW_VIEW_RESERVATIONS, "reservations");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) cancelled = NULL;
  TurnosReservationItem *item;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ics = NULL;
  AdwMessageDialog *dialog;

  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (tab_state (page, "upcoming"), "list") == 0);
  rows = rows_of (page, "upcoming");
  g_object_get (rows->pdata[0], "item", &item, NULL);
  id = g_strdup (turnos_reservation_item_get_reservation (item)->id);
  g_object_unref (item);
  g_assert_true (gtk_widget_get_visible (child (rows->pdata[0], TURNOS_TYPE_RESERVATION_ROW, "cancel_button")));

  gtk_widget_activate_action (page, "reservations.cancel", "s", id);
  TURNOS_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  respond (dialog, "cancel");
  show_tab (page, "cancelled");
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (tab_state (page, "cancelled"), "list") == 0);
  cancelled = rows_of (page, "cancelled");
  g_assert_cmpuint (cancelled->len, ==, 1);
  g_assert_true (gtk_widget_get_visible (child (cancelled->pdata[0], TURNOS_TYPE_RESERVATION_ROW, "calendar_button")));
  g_assert_false (gtk_widget_get_visible (child (cancelled->pdata[0], TURNOS_TYPE_RESERVATION_ROW, "cancel_button")));
  g_assert_cmpstr (gtk_label_get_label (child (cancelled->pdata[0], TURNOS_TYPE_RESERVATION_ROW, "status_label")), ==,
                   "Cancelled");

  path = turnos_calendar_export_path (id);
  g_unlink (path);
  gtk_widget_activate_action (page, "reservations.add-to-calendar", "s", id);
  TURNOS_TEST_WAIT_UNTIL (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (path, &ics, NULL, NULL));
  g_assert_nonnull (strstr (ics, "STATUS:CANCELLED"));
  g_unlink (path);
}

static GDateTime *
fixed_clock (gpointer data)
{
  return g_date_time_ref (data);
}

/* Past the cancel notice, no Cancel: the rule is said instead, and at the clinic's own desk
 * (the server on this machine) without "call the clinic". */
static void
test_reservations_notice_hides_cancel (Viewing       *f,
                                       gconstpointer  data)
{
  g_autoptr(TurnosReservations) reservations = turnos_reservations_new (f->client);
  g_autoptr(TurnosReservations) probe = turnos_reservations_new (f->client);
  g_autoptr(GDateTime) late = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  GListModel *upcoming;

  /* When patient-1's session is, then an hour before it. */
  turnos_reservations_set_client_id (probe, "patient-1");
  turnos_reservations_refresh (probe);
  upcoming = turnos_reservation_section_get_items (turnos_reservations_get_section (probe, TURNOS_RESERVATIONS_UPCOMING));
  TURNOS_TEST_WAIT_UNTIL (g_list_model_get_n_items (upcoming) == 1);
  {
    g_autoptr(TurnosReservationItem) item = g_list_model_get_item (upcoming, 0);

    late = g_date_time_add_hours (turnos_reservation_item_get_reservation (item)->start, -1);
  }

  turnos_reservations_set_clock (reservations, fixed_clock, late);
  turnos_reservations_set_client_id (reservations, "patient-1");
  page = turnos_reservations_page_new (reservations, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (tab_state (page, "upcoming"), "list") == 0);
  rows = rows_of (page, "upcoming");
  g_assert_false (gtk_widget_get_visible (child (rows->pdata[0], TURNOS_TYPE_RESERVATION_ROW, "cancel_button")));
  g_assert_cmpstr (gtk_label_get_label (child (rows->pdata[0], TURNOS_TYPE_RESERVATION_ROW, "policy_label")), ==,
                   "Cancelling closed 24 hours before the start.");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
payment_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  *(TurnosPayment **) data = turnos_client_start_payment_finish (TURNOS_CLIENT (object), result, NULL);
}

/* A pending payment's row resumes paying, on the payment page with its address. */
static void
test_reservations_resume_paying (Viewing       *f,
                                 gconstpointer  data)
{
  g_autoptr(TurnosReservation) draft = turnos_reservation_new ();
  g_autoptr(TurnosPayment) held = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) ten = NULL;
  GtkWidget *page;
  GtkWidget *payment_page;
  GDate day;

  turnos_test_working_day (ZONE, 10, &day);
  ten = day_at (&day, 10);
  draft->client_id = g_strdup ("patient-1");
  draft->professional_id = g_strdup ("dr-bruno");
  draft->start = g_date_time_ref (ten);
  draft->end = g_date_time_add_minutes (ten, 45);
  draft->modality = TURNOS_MODALITY_PRESENCIAL;
  turnos_client_start_payment_async (f->client, draft, NULL, NULL, payment_cb, &held);
  TURNOS_TEST_WAIT_UNTIL (held != NULL);

  page = show_view (f, TURNOS_WINDOW_VIEW_RESERVATIONS, "reservations");
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (tab_state (page, "upcoming"), "list") == 0);
  TURNOS_TEST_WAIT_UNTIL (n_rows (child (adw_view_stack_get_child_by_name (child (page, TURNOS_TYPE_RESERVATIONS_PAGE, "view_stack"), "upcoming"),
                                         TURNOS_TYPE_RESERVATIONS_TAB, "list_box")) == 2);
  rows = rows_of (page, "upcoming");
  /* Soonest first: patient-1's session with dr-ana in two working days, then the hold. */
  g_assert_true (gtk_widget_get_visible (child (rows->pdata[1], TURNOS_TYPE_RESERVATION_ROW, "pay_button")));
  g_assert_cmpstr (gtk_label_get_label (child (rows->pdata[1], TURNOS_TYPE_RESERVATION_ROW, "status_label")), ==,
                   "Pending payment");

  gtk_widget_activate_action (page, "reservations.pay", "s", held->reservation->id);
  g_assert_cmpint (turnos_window_get_view (f->window), ==, TURNOS_WINDOW_VIEW_BOOKING);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_payment (f->booking) != NULL);
  g_assert_cmpstr (turnos_booking_get_payment (f->booking)->payment_id, ==, held->payment_id);
  g_assert_cmpint (turnos_booking_get_step (f->booking), ==, TURNOS_BOOKING_STEP_PAYMENT);
  payment_page = page_named (f->window, "payment");
  g_assert_true (gtk_stack_get_visible_child (turnos_window_get_stack (f->window)) == payment_page);
  g_assert_cmpstr (gtk_label_get_label (child (payment_page, TURNOS_TYPE_PAYMENT_PAGE, "address_label")), ==,
                   held->checkout_url);
}

/* Each of these pages fits a 360 px wide window: nothing is cut off on a phone-sized screen. */
static void
test_pages_fit_360 (void)
{
  g_autoptr(TurnosClient) client = turnos_client_new ("http://127.0.0.1:1/");
  g_autoptr(TurnosBooking) booking = turnos_booking_new (client);
  g_autoptr(TurnosReservations) reservations = turnos_reservations_new (client);
  g_autoptr(TurnosTimeOff) time_off = turnos_time_off_new (client);
  g_autoptr(TurnosDeskDay) desk_day = turnos_desk_day_new (client);
  GtkWidget *pages[] = {
    turnos_payment_page_new (booking),
    turnos_reservations_page_new (reservations, booking),
    turnos_time_off_page_new (time_off, booking),
    turnos_desk_page_new (desk_day, booking),
  };

  turnos_reservations_set_client_id (reservations, "patient-1");
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *window = gtk_window_new ();
      int min = 0;

      gtk_window_set_child (GTK_WINDOW (window), pages[i]);
      gtk_widget_measure (pages[i], GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      g_test_message ("%s: %d px", G_OBJECT_TYPE_NAME (pages[i]), min);
      g_assert_cmpint (min, <=, 360);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/payment/qr-helpers", test_payment_qr_helpers);
  g_test_add_func ("/gui/views/pages-fit-360", test_pages_fit_360);
  g_test_add ("/gui/payment/address-and-qr", Paying, LAN_URL, paying_set_up,
              test_payment_address_and_qr, paying_tear_down);
  g_test_add ("/gui/payment/no-qr-on-loopback", Paying, NULL, paying_set_up,
              test_payment_no_qr_on_loopback, paying_tear_down);
  g_test_add ("/gui/payment/back-asks-and-releases", Paying, NULL, paying_set_up,
              test_payment_back_asks_and_releases, paying_tear_down);

  g_test_add ("/gui/time-off/range-of-days", Viewing, NULL, viewing_set_up,
              test_time_off_range_of_days, viewing_tear_down);
  g_test_add ("/gui/time-off/undo", Viewing, NULL, viewing_set_up, test_time_off_undo, viewing_tear_down);
  g_test_add ("/gui/time-off/names-sessions", Viewing, NULL, viewing_set_up,
              test_time_off_names_sessions, viewing_tear_down);
  g_test_add ("/gui/time-off/lists-open-on-value", Viewing, NULL, viewing_set_up,
              test_time_off_lists_open_on_value, viewing_tear_down);
  g_test_add ("/gui/time-off/follows-professional", Viewing, NULL, viewing_set_up,
              test_time_off_follows_professional, viewing_tear_down);
  g_test_add ("/gui/views/no-professional", Viewing, NULL, viewing_set_up, test_no_professional,
              viewing_tear_down);
  g_test_add ("/gui/desk/names-the-day", Viewing, NULL, viewing_set_up, test_desk_names_the_day,
              viewing_tear_down);
  g_test_add ("/gui/desk/error", Viewing, NULL, viewing_set_up, test_desk_error, viewing_tear_down);
  g_test_add ("/gui/reservations/tabs", Viewing, NULL, viewing_set_up, test_reservations_tabs,
              viewing_tear_down);
  g_test_add ("/gui/reservations/cancelled-calendar", Viewing, NULL, viewing_set_up,
              test_reservations_cancelled_calendar, viewing_tear_down);
  g_test_add ("/gui/reservations/notice-hides-cancel", Viewing, NULL, viewing_set_up,
              test_reservations_notice_hides_cancel, viewing_tear_down);
  g_test_add ("/gui/reservations/resume-paying", Viewing, NULL, viewing_set_up,
              test_reservations_resume_paying, viewing_tear_down);

  return g_test_run ();
}
