/* turnos-series-box.h: "Repeat weekly" on the booking page
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"
#include "turnos-series-plan.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_SERIES_BOX (turnos_series_box_get_type ())
G_DECLARE_FINAL_TYPE (TurnosSeriesBox, turnos_series_box, TURNOS, SERIES_BOX, GtkWidget)

/**
 * TurnosSeriesBox:
 *
 * The booking page's "Repeat weekly" (DESIGN.md "Reschedule, series, waitlist"): off, the page
 * books one session as always; on, the time chosen on the page is the first of a weekly series
 * (every week or every two weeks; a number of sessions up to 52, or until a day). While it is
 * set the box asks the server what would be booked (a dry run, TurnosSeriesPlan) and lists
 * every session with its conflict's reason (taken, time off, past the horizon, the patient
 * busy elsewhere…); "Book all or nothing" or "Book the free ones" says what booking does with
 * the conflicts. The deposit, when the professional asks for one: one per session, paid
 * together in one payment (the page then goes to the payment as for one session; the sessions
 * are held until it is paid).
 *
 * Properties: "booking" (TurnosBooking, rw, nullable): whose choice is the first session;
 * "repeating" (bool, ro): "Repeat this session" is on (the page's own Continue books one
 * session, so it is off then).
 */
GtkWidget        *turnos_series_box_new         (TurnosBooking   *booking);
void              turnos_series_box_set_booking (TurnosSeriesBox *self,
                                                 TurnosBooking   *booking);
gboolean          turnos_series_box_get_repeating (TurnosSeriesBox *self);
TurnosSeriesPlan *turnos_series_box_get_plan    (TurnosSeriesBox *self);
/* What the box says of the plan now (a summary line, the deposit line): for tests. */
const char       *turnos_series_box_get_summary (TurnosSeriesBox *self);
const char       *turnos_series_box_get_deposit (TurnosSeriesBox *self);
/* The reason read for a conflict's API code (NULL: free). */
const char       *turnos_series_box_reason      (const char      *code,
                                                 gboolean         for_desk);

G_END_DECLS
