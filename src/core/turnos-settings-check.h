/* turnos-settings-check.h: a professional's settings checked as a whole, naming what is wrong
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-settings.h"

G_BEGIN_DECLS

/* The ranges a clinic may set (issue #15). */
#define TURNOS_CHECK_MIN_SESSION      5          /* minutes */
#define TURNOS_CHECK_MAX_SESSION      (8 * 60)
#define TURNOS_CHECK_MAX_NOTICE       (30 * 24 * 60)
#define TURNOS_CHECK_MAX_HORIZON_DAYS 730

/**
 * turnos_settings_check:
 * @node: the settings as the API's JSON (DESIGN.md's settings object)
 * @user_id: the professional's id (the path's); a "user_id" in @node must match it
 * @field: (out): the first bad member's name ("working_hours[2]", "timezone", …) on failure
 * @error: TURNOS_ERROR_INVALID_VALUE or TURNOS_ERROR_MISSING_FIELD, the message naming it
 *
 * Checks the settings as a whole, so nothing becomes invalid silently: a display name of 1
 * to 200 bytes; session_duration_minutes and slot_interval_minutes from 5 to 480; a
 * session_modality of "Virtual", "Presencial" or "BOTH"; an IANA timezone GTimeZone knows;
 * working hours with a weekday 1 to 7, "HH:MM" inside the day, start before end, none
 * overlapping another of the same weekday; min_notice_minutes and cancel_notice_minutes from
 * 0 to 30 days, booking_horizon_days from 1 to 730; with requires_deposit, a deposit_amount
 * such as "5000.00" and a three-letter currency.
 *
 * Returns: (transfer full): the settings, or NULL.
 */
TurnosSettings *turnos_settings_check (JsonNode    *node,
                                       const char  *user_id,
                                       char       **field,
                                       GError     **error);

G_END_DECLS
