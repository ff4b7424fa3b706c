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
#include "turnos-json.h"
#include "turnos-payment-page.h"
#include "turnos-test-inproc.h"
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
  client = turnos_client_new (f->t->url);
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
  GtkPicture *qr = child (page, TURNOS_TYPE_PAYMENT_PAGE, "qr_picture");
  g_autofree char *want = g_strdup_printf (LAN_URL "sandbox/checkout/%s", payment->payment_id);

  g_assert_cmpstr (payment->checkout_url, ==, want);
  g_assert_true (gtk_widget_get_visible (child (page, TURNOS_TYPE_PAYMENT_PAGE, "address_box")));
  g_assert_cmpstr (gtk_label_get_label (address), ==, want);
  g_assert_true (gtk_label_get_selectable (address));
  g_assert_true (gtk_widget_get_visible (child (page, TURNOS_TYPE_PAYMENT_PAGE, "qr_box")));
  g_assert_nonnull (gtk_picture_get_paintable (qr));
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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/payment/qr-helpers", test_payment_qr_helpers);
  g_test_add ("/gui/payment/address-and-qr", Paying, LAN_URL, paying_set_up,
              test_payment_address_and_qr, paying_tear_down);
  g_test_add ("/gui/payment/no-qr-on-loopback", Paying, NULL, paying_set_up,
              test_payment_no_qr_on_loopback, paying_tear_down);
  g_test_add ("/gui/payment/back-asks-and-releases", Paying, NULL, paying_set_up,
              test_payment_back_asks_and_releases, paying_tear_down);

  return g_test_run ();
}
