/* turnos-payment-page.c: pay the deposit that holds the time
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <qrencode.h>
#include <string.h>

#include "turnos-booking-summary.h"
#include "turnos-format.h"
#include "turnos-payment-page.h"

/* A QR code's module in pixels, and the quiet zone around it in modules (ISO/IEC 18004). */
#define QR_MODULE_PX 4
#define QR_QUIET_MODULES 4
#define COPIED_FEEDBACK_SECONDS 2

struct _TurnosPaymentPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  TurnosBookingSummary *summary;
  GtkLabel             *amount_label;
  GtkLabel             *status_label;
  GtkLabel             *hold_label;
  GtkWidget            *address_box;
  GtkLabel             *address_label;
  GtkButton            *copy_button;
  GtkWidget            *qr_box;
  GtkImage             *qr_picture;
  GtkSpinner           *spinner;
  GtkButton            *pay_button;
  GtkButton            *reopen_button;

  /* Owned references */
  TurnosBooking        *booking;
  GCancellable         *release_cancellable;   /* giving the held time back, in flight */
  GError               *release_error;          /* why it could not be given back */

  char                 *opened_payment;   /* the checkout already opened in the browser */
  char                 *qr_url;           /* what qr_picture encodes */
  guint                 tick_id;          /* the hold's countdown */
  guint                 copied_id;
  gboolean              no_browser;       /* opening the checkout failed here */
};

G_DEFINE_FINAL_TYPE (TurnosPaymentPage, turnos_payment_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update (TurnosPaymentPage *self);

/*
 * Helpers
 */

static gboolean
waiting (TurnosPaymentPage *self)
{
  TurnosPayment *payment = turnos_booking_get_payment (self->booking);

  return payment != NULL && payment->status == TURNOS_PAYMENT_PENDING;
}

gboolean
turnos_payment_page_reachable_elsewhere (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL || *host == '\0')
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_suffix (host, ".localhost"))
    return FALSE;
  address = g_inet_address_new_from_string (host);
  return address == NULL || !g_inet_address_get_is_loopback (address);
}

GdkTexture *
turnos_payment_page_qr_texture_new (const char *text)
{
  g_autoptr(GBytes) bytes = NULL;
  QRcode *qr;
  guint8 *pixels;
  int side, size;

  g_return_val_if_fail (text != NULL, NULL);

  if (!(qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)))
    return NULL;
  side = qr->width + 2 * QR_QUIET_MODULES;
  size = side * QR_MODULE_PX;
  pixels = g_malloc (size * size * 3);
  memset (pixels, 0xff, size * size * 3);
  for (int y = 0; y < qr->width; y++)
    for (int x = 0; x < qr->width; x++)
      {
        /* Bit 0 of each byte is the module: 1 is dark. */
        if (!(qr->data[y * qr->width + x] & 1))
          continue;
        for (int dy = 0; dy < QR_MODULE_PX; dy++)
          memset (pixels + (((y + QR_QUIET_MODULES) * QR_MODULE_PX + dy) * size +
                            (x + QR_QUIET_MODULES) * QR_MODULE_PX) * 3,
                  0, QR_MODULE_PX * 3);
      }
  QRcode_free (qr);
  bytes = g_bytes_new_take (pixels, size * size * 3);
  return gdk_memory_texture_new (size, size, GDK_MEMORY_R8G8B8, bytes, size * 3);
}

/* "14:32" to go until @until, or NULL once it has passed. */
static char *
time_left (GDateTime *until)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan left = g_date_time_difference (until, now);
  gint64 seconds = (left + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND;

  if (left <= 0)
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d", seconds / 60, (int) (seconds % 60));
}

static void
update_hold (TurnosPaymentPage *self)
{
  TurnosPayment *payment = turnos_booking_get_payment (self->booking);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *until = NULL;
  g_autofree char *left = NULL;
  g_autofree char *text = NULL;

  if (!waiting (self) || payment->expires_at == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->hold_label), FALSE);
      return;
    }
  local = g_date_time_to_local (payment->expires_at);
  until = g_date_time_format (local, "%H:%M");
  if ((left = time_left (payment->expires_at)) != NULL)
    /* Translators: the held time's countdown: a time of day, then minutes:seconds, "10:15", "14:32" */
    text = g_strdup_printf (_("Held for you until %s: %s left"), until, left);
  else
    /* Translators: %s is a time of day, "10:15" */
    text = g_strdup_printf (_("The hold ended at %s."), until);
  gtk_label_set_label (self->hold_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->hold_label), TRUE);
}

static gboolean
tick_cb (gpointer data)
{
  update_hold (data);
  return G_SOURCE_CONTINUE;
}

/* The countdown runs while a hold is shown. */
static void
update_tick (TurnosPaymentPage *self)
{
  gboolean wanted = waiting (self) && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (!wanted)
    g_clear_handle_id (&self->tick_id, g_source_remove);
  else if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
}

static void
update_qr (TurnosPaymentPage *self,
           const char        *url)
{
  gboolean shown = url != NULL && turnos_payment_page_reachable_elsewhere (url);

  if (shown && g_strcmp0 (self->qr_url, url) != 0)
    {
      g_autoptr(GdkTexture) texture = turnos_payment_page_qr_texture_new (url);

      /* At its own size: a scaled QR code blurs. */
      gtk_image_set_from_paintable (self->qr_picture, GDK_PAINTABLE (texture));
      if (texture != NULL)
        gtk_image_set_pixel_size (self->qr_picture, gdk_texture_get_width (texture));
      g_free (self->qr_url);
      self->qr_url = g_strdup (url);
      shown = texture != NULL;
    }
  else if (!shown && self->qr_url != NULL)
    {
      gtk_image_clear (self->qr_picture);
      g_clear_pointer (&self->qr_url, g_free);
    }
  gtk_widget_set_visible (self->qr_box, shown && self->qr_url != NULL);
}

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TurnosPaymentPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    {
      g_debug ("cannot open the checkout: %s", error->message);
      self->no_browser = TRUE;
      update (self);
    }
}

static void
open_checkout (TurnosPaymentPage *self)
{
  TurnosPayment *payment = turnos_booking_get_payment (self->booking);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (payment == NULL || payment->checkout_url == NULL)
    return;
  g_free (self->opened_payment);
  self->opened_payment = g_strdup (payment->payment_id);
  if (g_getenv ("TURNOS_NO_BROWSER") != NULL)
    return;
  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, payment->checkout_url,
                     GDK_CURRENT_TIME, NULL, show_uri_cb, g_object_ref (self));
}

/* The one place the page follows the booking's payment. */
static void
update (TurnosPaymentPage *self)
{
  TurnosSettings *settings = turnos_booking_get_settings (self->booking);
  TurnosPayment *payment = turnos_booking_get_payment (self->booking);
  gboolean pending = waiting (self);
  gboolean busy = turnos_booking_get_busy (self->booking) || self->release_cancellable != NULL;
  const char *url = pending ? payment->checkout_url : NULL;
  g_autofree char *amount = NULL;

  /* What this payment asks for; before it exists, what the professional's settings say. */
  if (payment != NULL && payment->amount != NULL)
    amount = turnos_format_amount (payment->amount, payment->currency);
  else if (settings != NULL)
    amount = turnos_format_amount (settings->deposit_amount, settings->currency);
  gtk_label_set_label (self->amount_label, amount ? amount : "");

  if (pending && g_strcmp0 (self->opened_payment, payment->payment_id) != 0)
    open_checkout (self);
  if (!pending)
    self->no_browser = FALSE;

  if (self->release_error != NULL)
    {
      g_autofree char *why = turnos_format_error (self->release_error);
      g_autofree char *text = NULL;

      /* Translators: %s says why, "Cannot reach the reservations server." */
      text = g_strdup_printf (_("The time could not be given back: %s It stays held for you until the hold ends."), why);
      gtk_label_set_label (self->status_label, text);
    }
  else if (pending && self->no_browser)
    gtk_label_set_label (self->status_label,
                         _("No browser could be opened here. Open the address below to pay, on this computer or on another one; this page follows the payment."));
  else if (pending)
    gtk_label_set_label (self->status_label,
                         _("Waiting for the payment. Complete it in your browser; this page follows it."));
  else
    gtk_label_set_label (self->status_label,
                         _("The time is held for you while you pay. It is booked once the payment is approved."));

  gtk_label_set_label (self->address_label, url ? url : "");
  gtk_widget_set_visible (self->address_box, url != NULL);
  update_qr (self, url);
  update_hold (self);
  update_tick (self);

  gtk_spinner_set_spinning (self->spinner, pending || busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), pending || busy);
  gtk_widget_set_visible (GTK_WIDGET (self->reopen_button), pending);
  gtk_widget_set_visible (GTK_WIDGET (self->pay_button), !pending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "payment.pay", !busy && !pending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "payment.back", self->release_cancellable == NULL);
}

/*
 * Actions
 */

static void
pay_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  turnos_booking_pay (TURNOS_PAYMENT_PAGE (widget)->booking);
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_checkout (TURNOS_PAYMENT_PAGE (widget));
}

static gboolean
copied_done_cb (gpointer data)
{
  TurnosPaymentPage *self = data;

  self->copied_id = 0;
  gtk_button_set_icon_name (self->copy_button, "edit-copy-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button), _("Copy Address"));
  return G_SOURCE_REMOVE;
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TurnosPaymentPage *self = TURNOS_PAYMENT_PAGE (widget);
  TurnosPayment *payment = turnos_booking_get_payment (self->booking);

  if (payment == NULL || payment->checkout_url == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), payment->checkout_url);
  /* Said where it was done, for a moment. */
  gtk_button_set_icon_name (self->copy_button, "object-select-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->copy_button), _("Copied"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Copied"), -1);
  g_clear_handle_id (&self->copied_id, g_source_remove);
  self->copied_id = g_timeout_add_seconds (COPIED_FEEDBACK_SECONDS, copied_done_cb, self);
}

static void
released_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TurnosPaymentPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) released = turnos_client_cancel_reservation_finish (TURNOS_CLIENT (object),
                                                                                  result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->release_cancellable);
  /* Released, or no longer held (it lapsed or was decided meanwhile): back to the times. */
  if (released != NULL || g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT))
    {
      turnos_booking_back (self->booking);
      update (self);
      return;
    }
  g_message ("giving the held time back: %s", error->message);
  self->release_error = g_steal_pointer (&error);
  update (self);
}

static void
on_back_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  TurnosPaymentPage *self = user_data;
  TurnosPayment *payment = turnos_booking_get_payment (self->booking);

  if (!g_str_equal (response, "release") || self->release_cancellable != NULL)
    return;
  if (payment == NULL || payment->reservation == NULL || payment->reservation->id == NULL ||
      payment->status != TURNOS_PAYMENT_PENDING)
    {
      /* Decided meanwhile: nothing is held any more. */
      turnos_booking_back (self->booking);
      return;
    }
  g_clear_error (&self->release_error);
  self->release_cancellable = g_cancellable_new ();
  turnos_client_cancel_reservation_async (turnos_booking_get_client (self->booking),
                                          payment->reservation->id, self->release_cancellable,
                                          released_cb, g_object_ref (self));
  update (self);
}

/* Back gives the held time to others: asked first, and done on the server when the person
 * says so (DESIGN.md: one's own unpaid hold may be released until it lapses). */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TurnosPaymentPage *self = TURNOS_PAYMENT_PAGE (widget);
  TurnosPayment *payment = turnos_booking_get_payment (self->booking);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *until = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->release_cancellable != NULL)
    return;
  if (!waiting (self) || payment->reservation == NULL)
    {
      turnos_booking_back (self->booking);
      return;
    }
  if (payment->expires_at != NULL)
    {
      local = g_date_time_to_local (payment->expires_at);
      until = g_date_time_format (local, "%H:%M");
      /* Translators: %s is a time of day, "10:15" */
      body = g_strdup_printf (_("The time is held for you until %s while you pay. Going back gives it to others, and this payment can no longer be made."), until);
    }
  else
    body = g_strdup (_("Going back gives the held time to others, and this payment can no longer be made."));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Give Back This Time?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Paying"),
                                    "release", _("_Give It Back"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "release",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_back_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * GObject overrides
 */

static void
on_payment_changed_cb (TurnosPaymentPage *self)
{
  /* A new payment starts with nothing failed. */
  g_clear_error (&self->release_error);
  update (self);
}

static void
turnos_payment_page_constructed (GObject *object)
{
  TurnosPaymentPage *self = TURNOS_PAYMENT_PAGE (object);

  G_OBJECT_CLASS (turnos_payment_page_parent_class)->constructed (object);

  g_object_bind_property (self->booking, "draft", self->summary, "reservation", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->booking, "settings", self->summary, "settings", G_BINDING_SYNC_CREATE);
  {
    g_autoptr(TurnosPatientNames) patients = turnos_patient_names_new (turnos_booking_get_client (self->booking));

    turnos_booking_summary_set_patients (self->summary, patients);
  }
  g_signal_connect_object (self->booking, "notify::payment", G_CALLBACK (on_payment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::busy", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::settings", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
turnos_payment_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (turnos_payment_page_parent_class)->map (widget);
  update (TURNOS_PAYMENT_PAGE (widget));
}

static void
turnos_payment_page_unmap (GtkWidget *widget)
{
  TurnosPaymentPage *self = TURNOS_PAYMENT_PAGE (widget);

  GTK_WIDGET_CLASS (turnos_payment_page_parent_class)->unmap (widget);
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
turnos_payment_page_dispose (GObject *object)
{
  TurnosPaymentPage *self = TURNOS_PAYMENT_PAGE (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->copied_id, g_source_remove);
  if (self->release_cancellable != NULL)
    g_cancellable_cancel (self->release_cancellable);
  g_clear_object (&self->release_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_PAYMENT_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->booking);
  g_clear_error (&self->release_error);
  g_clear_pointer (&self->opened_payment, g_free);
  g_clear_pointer (&self->qr_url, g_free);

  G_OBJECT_CLASS (turnos_payment_page_parent_class)->dispose (object);
}

static void
turnos_payment_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BOOKING:
      g_value_set_object (value, TURNOS_PAYMENT_PAGE (object)->booking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_payment_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_BOOKING:
      TURNOS_PAYMENT_PAGE (object)->booking = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Arriving on the page puts the keyboard on what a person does next here. */
static gboolean
turnos_payment_page_grab_focus (GtkWidget *widget)
{
  TurnosPaymentPage *self = TURNOS_PAYMENT_PAGE (widget);

  if (gtk_widget_get_visible (GTK_WIDGET (self->pay_button)))
    return gtk_widget_grab_focus (GTK_WIDGET (self->pay_button));
  return gtk_widget_grab_focus (GTK_WIDGET (self->reopen_button));
}

static void
turnos_payment_page_class_init (TurnosPaymentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->grab_focus = turnos_payment_page_grab_focus;
  widget_class->map = turnos_payment_page_map;
  widget_class->unmap = turnos_payment_page_unmap;

  object_class->constructed = turnos_payment_page_constructed;
  object_class->dispose = turnos_payment_page_dispose;
  object_class->get_property = turnos_payment_page_get_property;
  object_class->set_property = turnos_payment_page_set_property;

  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL, TURNOS_TYPE_BOOKING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TURNOS_TYPE_BOOKING_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-payment-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, summary);
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, amount_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, hold_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, address_box);
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, address_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, qr_box);
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, pay_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, reopen_button);
  gtk_widget_class_install_action (widget_class, "payment.pay", NULL, pay_action);
  gtk_widget_class_install_action (widget_class, "payment.reopen", NULL, reopen_action);
  gtk_widget_class_install_action (widget_class, "payment.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "payment.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "payment.back", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_payment_page_init (TurnosPaymentPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
turnos_payment_page_new (TurnosBooking *booking)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (booking), NULL);
  return g_object_new (TURNOS_TYPE_PAYMENT_PAGE, "booking", booking, NULL);
}
