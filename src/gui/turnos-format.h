/* turnos-format.h: how times, days, modalities and amounts read in the window
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "turnos-payment.h"
#include "turnos-reservation.h"

G_BEGIN_DECLS

/* "09:00 – 09:45", in the zone the times carry (the professional's). */
char       *turnos_format_time_range       (GDateTime      *start,
                                            GDateTime      *end);
/* "09:00 to 09:45", for screen readers. */
char       *turnos_format_time_range_spoken (GDateTime     *start,
                                             GDateTime     *end);
/* The same span on this computer's clock, or NULL when the zones agree at @start. */
char       *turnos_format_local_range      (GDateTime      *start,
                                            GDateTime      *end);
/* "Monday 30 November 2026", in the locale's words and order. */
char       *turnos_format_day              (GDateTime      *dt);
const char *turnos_format_modality         (TurnosModality  modality);
/* "5000.00 ARS" as the locale writes amounts where it can. */
char       *turnos_format_amount           (const char     *amount,
                                            const char     *currency);
/* The sentence a person reads about @error: the one place errors become words. It switches
 * on the domain and code (TURNOS_CLIENT_ERROR with the server's code, TURNOS_BOOKING_ERROR)
 * and never shows error->message, which the lower layers write for the log; any other
 * domain reads as a generic failure. */
char       *turnos_format_error            (const GError   *error);

G_END_DECLS
