/* turnos-series-plan.h: a weekly series as the booking page plans, asks about and books it
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-client.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_SERIES_SESSION (turnos_series_session_get_type ())
G_DECLARE_FINAL_TYPE (TurnosSeriesSession, turnos_series_session, TURNOS, SERIES_SESSION, GObject)

/**
 * TurnosSeriesSession:
 *
 * One session of a planned series, as the last check (or the booking) found it. Read-only
 * properties: "start-time" (string: the wall reading in the professional's zone, always set),
 * "start" (GDateTime, nullable: NULL for a time a DST change skips that day), "code" (string,
 * nullable: why it cannot be booked, an API word: slot_taken, blocked, patient_busy,
 * beyond_horizon, outside_working_hours, too_soon, invalid_time…; NULL when it is free),
 * "other" (TurnosReservation, nullable: with patient_busy, the patient's own session in the
 * way), "reservation" (TurnosReservation, nullable: once booked, the stored session).
 */
const char        *turnos_series_session_get_start_time  (TurnosSeriesSession *self);
GDateTime         *turnos_series_session_get_start       (TurnosSeriesSession *self);
const char        *turnos_series_session_get_code        (TurnosSeriesSession *self);
TurnosReservation *turnos_series_session_get_other       (TurnosSeriesSession *self);
TurnosReservation *turnos_series_session_get_reservation (TurnosSeriesSession *self);

#define TURNOS_TYPE_SERIES_PLAN (turnos_series_plan_get_type ())
G_DECLARE_FINAL_TYPE (TurnosSeriesPlan, turnos_series_plan, TURNOS, SERIES_PLAN, GObject)

/**
 * TurnosSeriesPlan:
 *
 * "Repeat weekly" (DESIGN.md "Reschedule, series, waitlist"): the booking page's series, or one
 * from an existing session. The page sets what to repeat and how; the plan asks the server
 * (a dry run, debounced like a day pick: TURNOS_BOOKING_DEBOUNCE_MS after the last change, the
 * request before cancelled and a stale answer dropped) and lists every session with its
 * conflict for the user to confirm; then books it.
 *
 * Properties (notified on change):
 * - "client" (TurnosClient, construct-only)
 * - "first" (TurnosReservation boxed, rw, nullable): the first session, a draft (client,
 *   professional, start, modality; TurnosBooking's "draft" once the user continues)
 * - "repeat" (TurnosReservation boxed, rw, nullable): instead, a live session to repeat from
 *   (it becomes the series' first); setting one clears the other
 * - "every-weeks" (uint 1–2, rw, default 1)
 * - "count" (uint 0–52, rw, default 12): sessions in all, the first included; 0 while "until"
 *   is set (setting one clears the other)
 * - "until" (GDate boxed, rw, nullable): the last day a session may fall on
 * - "mode" (TurnosSeriesMode, rw): what booking does when sessions conflict
 * - "settings" (TurnosSettings boxed, rw, nullable): the professional's (for the deposit)
 * - "sessions" (GListModel of TurnosSeriesSession, ro): the last answer's, in time order
 * - "n-free", "n-conflicts" (uint, ro): of "sessions"
 * - "checking" (bool, ro): a dry run is pending (debounce included)
 * - "checked" (bool, ro): "sessions" answers the current plan
 * - "busy" (bool, ro): a booking or a cancel is in flight
 * - "deposit-total" (string, ro, nullable): when the professional asks for a deposit, what
 *   the series pays: one deposit per free session ("15000.00"), in "settings"' currency. A
 *   series pays ONE payment for all of them; its sessions are held until it is paid.
 * - "series" (TurnosSeries boxed, ro, nullable): what the last booking stored
 * - "error" (GError boxed, ro, nullable): the last check's failure
 *
 * Signals:
 * - "booked" (TurnosSeries*): booked. With a deposit, series->payment is to be paid: hand the
 *   first session (it carries payment_id) to turnos_booking_resume_payment(), which follows
 *   that payment to DONE like a single deposit's.
 * - "failed" (GError*): a booking or a cancel failed; a 409 series_conflicts has refreshed
 *   "sessions" with the conflicts (turnos_client_error_get_conflicts()) first.
 * - "cancelled" (GPtrArray* of TurnosReservation): turnos_series_plan_cancel_following() did.
 */
TurnosSeriesPlan *turnos_series_plan_new             (TurnosClient       *client);

void              turnos_series_plan_set_first       (TurnosSeriesPlan   *self,
                                                      TurnosReservation  *first);
TurnosReservation *turnos_series_plan_get_first      (TurnosSeriesPlan   *self);
void              turnos_series_plan_set_repeat      (TurnosSeriesPlan   *self,
                                                      TurnosReservation  *existing);
TurnosReservation *turnos_series_plan_get_repeat     (TurnosSeriesPlan   *self);
void              turnos_series_plan_set_every_weeks (TurnosSeriesPlan   *self,
                                                      guint               every_weeks);
guint             turnos_series_plan_get_every_weeks (TurnosSeriesPlan   *self);
void              turnos_series_plan_set_count       (TurnosSeriesPlan   *self,
                                                      guint               count);
guint             turnos_series_plan_get_count       (TurnosSeriesPlan   *self);
/* @until NULL: by count again (12 when it was 0). */
void              turnos_series_plan_set_until       (TurnosSeriesPlan   *self,
                                                      const GDate        *until);
const GDate      *turnos_series_plan_get_until       (TurnosSeriesPlan   *self);
void              turnos_series_plan_set_mode        (TurnosSeriesPlan   *self,
                                                      TurnosSeriesMode    mode);
TurnosSeriesMode  turnos_series_plan_get_mode        (TurnosSeriesPlan   *self);
void              turnos_series_plan_set_settings    (TurnosSeriesPlan   *self,
                                                      TurnosSettings     *settings);

GListModel       *turnos_series_plan_get_sessions    (TurnosSeriesPlan   *self);
guint             turnos_series_plan_get_n_free      (TurnosSeriesPlan   *self);
guint             turnos_series_plan_get_n_conflicts (TurnosSeriesPlan   *self);
gboolean          turnos_series_plan_get_checking    (TurnosSeriesPlan   *self);
gboolean          turnos_series_plan_get_checked     (TurnosSeriesPlan   *self);
gboolean          turnos_series_plan_get_busy        (TurnosSeriesPlan   *self);
const char       *turnos_series_plan_get_deposit_total (TurnosSeriesPlan *self);
TurnosSeries     *turnos_series_plan_get_series      (TurnosSeriesPlan   *self);
const GError     *turnos_series_plan_get_error       (TurnosSeriesPlan   *self);

/* Asks now (the dry run), without waiting for the debounce. */
void              turnos_series_plan_check           (TurnosSeriesPlan   *self);
/* Books the plan in its mode; @override_reason (nullable) is the desk's, past patient_busy.
 * A retry after a failure that was not an answer (a timeout) sends the same Idempotency-Key. */
void              turnos_series_plan_book            (TurnosSeriesPlan   *self,
                                                      const char         *override_reason);
/* "Cancel this and the following": @session's series from @session's day on; the desk's
 * @override_reason (nullable) past the cancel notice. */
void              turnos_series_plan_cancel_following (TurnosSeriesPlan  *self,
                                                       TurnosReservation *session,
                                                       const char        *override_reason);

G_END_DECLS
