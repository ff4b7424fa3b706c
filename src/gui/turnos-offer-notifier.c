/* turnos-offer-notifier.c: tells a waiting patient that time freed up, and books it
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "turnos-format.h"
#include "turnos-offer-notifier.h"
#include "turnos-time.h"

struct _TurnosOfferNotifier
{
  GObject        parent_instance;

  /* Owned references */
  TurnosEvents  *events;
  TurnosWaiting *waiting;

  /* Weak references */
  GApplication  *application;
  TurnosWindow  *window;
};

G_DEFINE_FINAL_TYPE (TurnosOfferNotifier, turnos_offer_notifier, G_TYPE_OBJECT)

enum {
  NOTIFIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/*
 * Callbacks
 */

/* "app.book-offer" ("professional_id", "YYYY-MM-DD"): the booking page on that day. */
static void
book_offer_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  TurnosOfferNotifier *self = user_data;
  g_autoptr(TurnosBooking) booking = NULL;
  const char *professional_id;
  const char *day;
  GDate date;

  g_variant_get (parameter, "(&s&s)", &professional_id, &day);
  if (self->window == NULL || *professional_id == '\0' || !turnos_date_parse (day, &date, NULL))
    return;
  g_object_get (self->window, "booking", &booking, NULL);
  /* Whatever step the window was on, the offer is a new booking. */
  switch (turnos_booking_get_step (booking))
    {
    case TURNOS_BOOKING_STEP_DONE:
      turnos_booking_start_over (booking);
      break;
    case TURNOS_BOOKING_STEP_CONFIRM:
    case TURNOS_BOOKING_STEP_PAYMENT:
      turnos_booking_back (booking);
      break;
    case TURNOS_BOOKING_STEP_RESERVE:
    default:
      break;
    }
  turnos_booking_stop_rescheduling (booking);
  turnos_booking_set_professional_id (booking, professional_id);
  turnos_booking_set_date (booking, &date);
  turnos_window_set_view (self->window, TURNOS_WINDOW_VIEW_BOOKING);
  gtk_window_present (GTK_WINDOW (self->window));
}

static void
on_offer_cb (TurnosOfferNotifier *self,
             const char          *professional_id,
             const GDate         *date,
             const char          *start_time)
{
  g_autoptr(GNotification) notification = turnos_offer_notifier_build (professional_id, date, start_time);

  /* One at a time: a newer offer replaces the one shown. */
  if (self->application != NULL && g_application_get_is_registered (self->application))
    g_application_send_notification (self->application, "waitlist-offer", notification);
  g_signal_emit (self, signals[NOTIFIED], 0, notification);
}

/*
 * GObject overrides
 */

static void
turnos_offer_notifier_dispose (GObject *object)
{
  TurnosOfferNotifier *self = TURNOS_OFFER_NOTIFIER (object);

  if (self->events != NULL)
    turnos_events_stop (self->events);
  if (self->waiting != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->waiting, self);
      turnos_waiting_set_events (self->waiting, NULL);
    }
  g_clear_object (&self->waiting);
  g_clear_object (&self->events);
  if (self->application != NULL)
    {
      g_action_map_remove_action (G_ACTION_MAP (self->application), "book-offer");
      g_clear_weak_pointer (&self->application);
    }
  g_clear_weak_pointer (&self->window);

  G_OBJECT_CLASS (turnos_offer_notifier_parent_class)->dispose (object);
}

static void
turnos_offer_notifier_class_init (TurnosOfferNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = turnos_offer_notifier_dispose;

  signals[NOTIFIED] = g_signal_new ("notified", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_NOTIFICATION);
}

static void
turnos_offer_notifier_init (TurnosOfferNotifier *self)
{
}

/*
 * Public API
 */

TurnosOfferNotifier *
turnos_offer_notifier_new (GApplication *application,
                           TurnosClient *client,
                           const char   *client_id)
{
  TurnosOfferNotifier *self;
  g_autoptr(GSimpleAction) book = NULL;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (TURNOS_TYPE_OFFER_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  book = g_simple_action_new ("book-offer", G_VARIANT_TYPE ("(ss)"));
  g_signal_connect_object (book, "activate", G_CALLBACK (book_offer_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (application), G_ACTION (book));

  self->events = turnos_events_new (client);
  self->waiting = turnos_waiting_new (client);
  turnos_waiting_set_client_id (self->waiting, client_id);
  turnos_waiting_set_events (self->waiting, self->events);
  g_signal_connect_object (self->waiting, "offer", G_CALLBACK (on_offer_cb), self, G_CONNECT_SWAPPED);
  turnos_events_start (self->events);
  return self;
}

void
turnos_offer_notifier_set_window (TurnosOfferNotifier *self,
                                  TurnosWindow        *window)
{
  g_return_if_fail (TURNOS_IS_OFFER_NOTIFIER (self));
  g_return_if_fail (window == NULL || TURNOS_IS_WINDOW (window));

  g_set_weak_pointer (&self->window, window);
}

TurnosWaiting *
turnos_offer_notifier_get_waiting (TurnosOfferNotifier *self)
{
  g_return_val_if_fail (TURNOS_IS_OFFER_NOTIFIER (self), NULL);
  return self->waiting;
}

TurnosEvents *
turnos_offer_notifier_get_events (TurnosOfferNotifier *self)
{
  g_return_val_if_fail (TURNOS_IS_OFFER_NOTIFIER (self), NULL);
  return self->events;
}

GNotification *
turnos_offer_notifier_build (const char  *professional_id,
                             const GDate *date,
                             const char  *start_time)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GDateTime) noon = NULL;
  g_autofree char *day = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *body = NULL;
  GVariant *target;

  g_return_val_if_fail (professional_id != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  noon = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date), g_date_get_day (date),
                              12, 0, 0);
  day = turnos_format_day (noon);
  iso = turnos_date_format (date);
  /* "YYYY-MM-DDTHH:MM:SS": its HH:MM is the professional's clock, as the booking page shows. */
  if (start_time != NULL && strlen (start_time) >= 16 && start_time[10] == 'T')
    {
      g_autofree char *hhmm = g_strndup (start_time + 11, 5);

      /* Translators: a desktop notification: the day, then the time freed up */
      body = g_strdup_printf (_("A time freed up on %s, from %s. The first to book it gets it."), day, hhmm);
    }
  else
    /* Translators: a desktop notification: the day a time freed up on */
    body = g_strdup_printf (_("A time freed up on %s. The first to book it gets it."), day);

  notification = g_notification_new (_("A Time Freed Up"));
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  target = g_variant_new ("(ss)", professional_id, iso);
  g_notification_set_default_action_and_target_value (notification, "app.book-offer", target);
  /* Translators: the button of the notification that a time freed up */
  g_notification_add_button_with_target_value (notification, _("Book"), "app.book-offer", target);
  return g_steal_pointer (&notification);
}
