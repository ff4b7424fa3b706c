/* turnos-payment-page.c: pay the deposit that holds the time
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-booking-summary.h"
#include "turnos-format.h"
#include "turnos-payment-page.h"

struct _TurnosPaymentPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  TurnosBookingSummary *summary;
  GtkLabel             *amount_label;
  GtkLabel             *status_label;
  GtkSpinner           *spinner;
  GtkButton            *pay_button;
  GtkButton            *reopen_button;

  /* Owned references */
  TurnosBooking        *booking;

  char                 *opened_payment;   /* the checkout already opened in the browser */
};

G_DEFINE_FINAL_TYPE (TurnosPaymentPage, turnos_payment_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TurnosPaymentPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    {
      TurnosPayment *payment = turnos_booking_get_payment (self->booking);
      g_autofree char *text = NULL;

      g_debug ("cannot open the checkout: %s", error->message);
      /* Translators: %s is the address of the payment page */
      text = g_strdup_printf (_("No browser could be opened. Open this address to pay: %s"),
                              payment ? payment->checkout_url : "");
      gtk_label_set_label (self->status_label, text);
      /* So the address can be copied. */
      gtk_label_set_selectable (self->status_label, TRUE);
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

static void
update (TurnosPaymentPage *self)
{
  TurnosSettings *settings = turnos_booking_get_settings (self->booking);
  TurnosPayment *payment = turnos_booking_get_payment (self->booking);
  gboolean waiting = payment != NULL && payment->status == TURNOS_PAYMENT_PENDING;
  gboolean busy = turnos_booking_get_busy (self->booking);

  if (settings != NULL)
    {
      g_autofree char *amount = turnos_format_amount (settings->deposit_amount, settings->currency);

      gtk_label_set_label (self->amount_label, amount);
    }
  if (waiting && g_strcmp0 (self->opened_payment, payment->payment_id) != 0)
    open_checkout (self);
  if (waiting)
    gtk_label_set_label (self->status_label,
                         _("Waiting for the payment. Complete it in your browser; this page follows it."));
  else
    gtk_label_set_label (self->status_label,
                         _("The time is held for you while you pay. It is booked once the payment is approved."));
  gtk_spinner_set_spinning (self->spinner, waiting || busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), waiting || busy);
  gtk_widget_set_visible (GTK_WIDGET (self->reopen_button), waiting);
  gtk_widget_set_visible (GTK_WIDGET (self->pay_button), !waiting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "payment.pay", !busy && !waiting);
}

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

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  turnos_booking_back (TURNOS_PAYMENT_PAGE (widget)->booking);
}

static void
turnos_payment_page_constructed (GObject *object)
{
  TurnosPaymentPage *self = TURNOS_PAYMENT_PAGE (object);

  G_OBJECT_CLASS (turnos_payment_page_parent_class)->constructed (object);

  g_object_bind_property (self->booking, "draft", self->summary, "reservation", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->booking, "settings", self->summary, "settings", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->booking, "notify::payment", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::busy", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::settings", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
turnos_payment_page_dispose (GObject *object)
{
  TurnosPaymentPage *self = TURNOS_PAYMENT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_PAYMENT_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->booking);
  g_clear_pointer (&self->opened_payment, g_free);

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
  return gtk_widget_grab_focus (GTK_WIDGET (TURNOS_PAYMENT_PAGE (widget)->pay_button));
}

static void
turnos_payment_page_class_init (TurnosPaymentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->grab_focus = turnos_payment_page_grab_focus;

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
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, pay_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosPaymentPage, reopen_button);
  gtk_widget_class_install_action (widget_class, "payment.pay", NULL, pay_action);
  gtk_widget_class_install_action (widget_class, "payment.reopen", NULL, reopen_action);
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
