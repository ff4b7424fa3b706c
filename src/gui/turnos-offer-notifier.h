/* turnos-offer-notifier.h: tells a waiting patient that time freed up, and books it
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-events.h"
#include "turnos-waiting.h"
#include "turnos-window.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_OFFER_NOTIFIER (turnos_offer_notifier_get_type ())
G_DECLARE_FINAL_TYPE (TurnosOfferNotifier, turnos_offer_notifier, TURNOS, OFFER_NOTIFIER, GObject)

/**
 * TurnosOfferNotifier:
 *
 * While a patient's app runs (DESIGN.md "Reschedule, series, waitlist"): follows the live
 * events of @client (a patient's account) with a TurnosWaiting of their own, and on a
 * waitlist_offer sends a desktop notification (GNotification, id "waitlist-offer") whose
 * "Book" button, like the notification itself, activates "app.book-offer" with
 * ("professional_id", "YYYY-MM-DD"): the window's booking page on that professional and day.
 * The notifier adds that action to @application; "window" (TurnosWindow, rw, nullable, held
 * weakly) is the window it opens.
 *
 * Signal "notified" (GNotification*): a notification was made for an offer (and sent, when
 * @application is registered: an unregistered one has no bus to send on).
 */
TurnosOfferNotifier *turnos_offer_notifier_new        (GApplication        *application,
                                                       TurnosClient        *client,
                                                       const char          *client_id);
void                 turnos_offer_notifier_set_window (TurnosOfferNotifier *self,
                                                       TurnosWindow        *window);
TurnosWaiting       *turnos_offer_notifier_get_waiting (TurnosOfferNotifier *self);
TurnosEvents        *turnos_offer_notifier_get_events  (TurnosOfferNotifier *self);

/* The notification for an offer on @professional_id's @date from @start_time (the offer's
 * "YYYY-MM-DDTHH:MM:SS" on the professional's wall clock, nullable); its actions as above. */
GNotification       *turnos_offer_notifier_build      (const char          *professional_id,
                                                       const GDate         *date,
                                                       const char          *start_time);

G_END_DECLS
