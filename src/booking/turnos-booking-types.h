/* turnos-booking-types.h: the booking controller's enums, registered by gnome.mkenums_simple
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * TurnosBookingStep:
 * @TURNOS_BOOKING_STEP_RESERVE: choosing the day, time and modality
 * @TURNOS_BOOKING_STEP_PAYMENT: paying the deposit for the draft
 * @TURNOS_BOOKING_STEP_CONFIRM: confirming the draft, no deposit asked
 * @TURNOS_BOOKING_STEP_DONE: booked
 *
 * Which page the window shows; the window follows the "step" property. Nicks: "reserve",
 * "payment", "confirm", "done".
 */
typedef enum
{
  TURNOS_BOOKING_STEP_RESERVE,
  TURNOS_BOOKING_STEP_PAYMENT,
  TURNOS_BOOKING_STEP_CONFIRM,
  TURNOS_BOOKING_STEP_DONE,
} TurnosBookingStep;

/**
 * TurnosDayState:
 * @TURNOS_DAY_OK: a day that can be booked: its free times are asked for
 * @TURNOS_DAY_PAST: before today in the professional's zone
 * @TURNOS_DAY_BEYOND_HORIZON: after today + booking_horizon_days
 * @TURNOS_DAY_NONE: no day chosen yet
 *
 * Why the selected day has no request behind it. Nicks: "ok", "past", "beyond-horizon",
 * "none".
 */
typedef enum
{
  TURNOS_DAY_OK,
  TURNOS_DAY_PAST,
  TURNOS_DAY_BEYOND_HORIZON,
  TURNOS_DAY_NONE,
} TurnosDayState;

/**
 * TurnosBookingNotice:
 * @TURNOS_BOOKING_NOTICE_NONE: nothing to say
 * @TURNOS_BOOKING_NOTICE_SLOT_TAKEN: the time the user had chosen was just taken elsewhere (a
 *   booking at another desk or in a patient's app, a hold, time off): it is no longer chosen
 *   and no longer in the list. The GUI words it ("10:00 was just booked at another desk") in
 *   the page and in the list's accessible description.
 *
 * What a live update changed under the user. Nicks: "none", "slot-taken".
 */
typedef enum
{
  TURNOS_BOOKING_NOTICE_NONE,
  TURNOS_BOOKING_NOTICE_SLOT_TAKEN,
} TurnosBookingNotice;

G_END_DECLS
