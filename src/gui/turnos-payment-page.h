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

/* Property "booking" (construct-only). */
GtkWidget *turnos_payment_page_new (TurnosBooking *booking);

G_END_DECLS
