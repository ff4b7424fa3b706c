/* turnos-payment-page.h: pay the deposit that holds the time
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_PAYMENT_PAGE (turnos_payment_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosPaymentPage, turnos_payment_page, TURNOS, PAYMENT_PAGE, GtkWidget)

/**
 * TurnosPaymentPage:
 *
 * Pays the booking's deposit: Pay Deposit starts the payment and opens its checkout in the
 * browser. While it is pending the page keeps the checkout's address on screen with Copy
 * (and a QR code for a phone when the address can be reached from another device), counts
 * down the hold, and follows the payment. Back asks first when a time is held and, if the
 * person says so, releases it on the server.
 *
 * Property "booking" (construct-only).
 */
GtkWidget  *turnos_payment_page_new (TurnosBooking *booking);

/* Whether @url could be opened from another device: FALSE for localhost and loopback
 * addresses (the embedded server's), and for what is not a URL with a host. */
gboolean    turnos_payment_page_reachable_elsewhere (const char *url);
/* @text as a QR code (error correction M, a 4-module quiet zone), black on white, or NULL
 * when it does not fit one. */
GdkTexture *turnos_payment_page_qr_texture_new (const char *text);

G_END_DECLS
