/* turnos-confirm-page.h: check what will be booked, then confirm
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_CONFIRM_PAGE (turnos_confirm_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosConfirmPage, turnos_confirm_page, TURNOS, CONFIRM_PAGE, GtkWidget)

/* Property "booking" (construct-only). */
GtkWidget *turnos_confirm_page_new           (TurnosBooking     *booking);
/* Puts the keyboard on Confirm (or Check Again after a confirm got no answer). */
void       turnos_confirm_page_focus_default (TurnosConfirmPage *self);

G_END_DECLS
