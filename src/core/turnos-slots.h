/* turnos-slots.h: the slot engine, the same on the server and in the client
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-block.h"
#include "turnos-interval.h"
#include "turnos-reservation.h"
#include "turnos-settings.h"

G_BEGIN_DECLS

/**
 * turnos_slots_compute:
 * @settings: the professional's rules
 * @date: the day, in the professional's zone
 * @busy: (nullable): TurnosInterval spans that are taken (live reservations, blocks), any days
 * @n_busy: their count
 * @now: the current instant
 *
 * A pure function. The slots are the wall-clock times of the grid that exist on @date (from
 * each working-hours range's start, every slot_interval_minutes), each lasting
 * session_duration_minutes of elapsed time, kept when the whole slot lies inside the working
 * hours range, overlaps no busy span, starts at or after @now + min_notice and on a day no
 * later than today + booking_horizon_days (today in the professional's zone).
 *
 * Returns: (transfer full): a GArray of TurnosInterval in time order.
 */
GArray *turnos_slots_compute (const TurnosSettings *settings,
                              const GDate          *date,
                              const TurnosInterval *busy,
                              guint                 n_busy,
                              GDateTime            *now);

/* The same, with the busy spans taken from live @reservations (cancelled and expired holds
 * take nothing) and @blocks. Either array may be NULL. */
GArray *turnos_slots_compute_for (const TurnosSettings *settings,
                                  const GDate          *date,
                                  GPtrArray            *reservations,
                                  GPtrArray            *blocks,
                                  GDateTime            *now);

/**
 * turnos_slots_check_booking:
 *
 * The server's rules for a new booking, from the same engine: @end is @start + duration
 * (TURNOS_ERROR_BAD_DURATION), @start is not past (IN_PAST), respects the minimum notice
 * (TOO_SOON) and the horizon (BEYOND_HORIZON), and @start is a slot of the grid inside the
 * working hours (OUTSIDE_HOURS). @modality must be Virtual or Presencial and offered by the
 * professional (MODALITY_NOT_OFFERED). Overlaps are the store's job.
 */
gboolean turnos_slots_check_booking (const TurnosSettings *settings,
                                     GDateTime            *start,
                                     GDateTime            *end,
                                     TurnosModality        modality,
                                     GDateTime            *now,
                                     GError              **error);

/**
 * turnos_slots_check_cancel:
 * @settings: the professional's rules (cancel_notice_minutes)
 * @reservation: the reservation to cancel
 * @now: the current instant (the server's clock)
 * @override_notice: TRUE when the caller may cancel past the notice (DESIGN.md: the desk, with
 *   a reason; and anyone releasing their own unpaid PENDING hold)
 *
 * The rules for cancelling (DESIGN.md, "What the server guarantees"): a cancelled reservation
 * cannot be cancelled again (TURNOS_ERROR_ALREADY_CANCELLED); one that has begun cannot be
 * cancelled (TURNOS_ERROR_RESERVATION_PAST); and less than cancel_notice_minutes before its
 * start it cannot be cancelled unless @override_notice (TURNOS_ERROR_TOO_LATE_TO_CANCEL).
 *
 * Returns: TRUE when it may be cancelled.
 */
gboolean turnos_slots_check_cancel (const TurnosSettings    *settings,
                                    const TurnosReservation *reservation,
                                    GDateTime               *now,
                                    gboolean                 override_notice,
                                    GError                 **error);

G_END_DECLS
