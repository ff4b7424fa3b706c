/* turnos-booking.h: the booking controller the pages drive; no widgets
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-booking-enums.h"
#include "turnos-booking-types.h"
#include "turnos-client.h"
#include "turnos-events.h"
#include "turnos-payment.h"
#include "turnos-professional.h"
#include "turnos-slot.h"

G_BEGIN_DECLS

#define TURNOS_BOOKING_DEBOUNCE_MS 300
#define TURNOS_BOOKING_POLL_MS 1000

#define TURNOS_BOOKING_ERROR (turnos_booking_error_quark ())

/* Why a payment did not book: carried by "failed". The message is plain English for the log;
 * the window words the code (turnos_format_error()). */
typedef enum
{
  TURNOS_BOOKING_ERROR_PAYMENT_DECLINED,
  TURNOS_BOOKING_ERROR_PAYMENT_EXPIRED,
} TurnosBookingError;

GQuark turnos_booking_error_quark (void);

#define TURNOS_TYPE_BOOKING (turnos_booking_get_type ())
G_DECLARE_FINAL_TYPE (TurnosBooking, turnos_booking, TURNOS, BOOKING, GObject)

/**
 * TurnosBooking:
 *
 * Properties (all notify only on change):
 * - "client" (TurnosClient, construct-only)
 * - "client-id" (string, rw): whose booking this is
 * - "professionals" (GListModel of TurnosProfessional, ro): filled by turnos_booking_load()
 * - "professionals-loaded" (bool, ro): the list has arrived (it may be empty: a fresh store)
 * - "professional-id" (string, rw): setting it fetches the settings, clears the day's slots
 *   and re-fetches the month and the day if one is chosen
 * - "settings" (TurnosSettings boxed, ro, nullable until loaded)
 * - "offered-modality" (TurnosModality, ro): the professional's VIRTUAL, PRESENCIAL or BOTH
 * - "modality" (TurnosModality, rw): chosen for the user when only one is offered
 * - "date" (GDate boxed, rw, nullable): the selected day in the professional's zone
 * - "day-state" (TurnosDayState, ro)
 * - "slots" (GListModel of TurnosSlot, ro): always the same GListStore instance
 * - "slot" (TurnosSlot, rw, nullable): the chosen time; cleared at once on every day pick
 * - "loading" (bool, ro): an availability request is pending (debounce included)
 * - "error" (GError boxed, ro, nullable): the last availability failure; cleared on retry
 * - "month" (TurnosMonthOverview boxed, ro, nullable): the shown month's free-slot counts
 * - "can-continue" (bool, ro): day, slot and modality chosen and nothing loading
 * - "step" (TurnosBookingStep, ro)
 * - "draft" (TurnosReservation boxed, ro, nullable): built by turnos_booking_continue()
 * - "busy" (bool, ro): a confirm or payment request is in flight
 * - "payment" (TurnosPayment boxed, ro, nullable): the deposit being paid
 * - "booked" (TurnosReservation boxed, ro, nullable): the stored reservation on DONE
 * - "outcome-unknown" (bool, ro): the last confirm got no answer in time
 *   (TURNOS_CLIENT_ERROR_TIMED_OUT): the session may have been booked or not. Nothing is
 *   said to have failed; turnos_booking_confirm() again asks with the same Idempotency-Key,
 *   so the server answers the first booking if there was one, or books it now. Cleared when
 *   a confirm starts and when the draft is left.
 * - "patient-required" (bool, rw): booking for others (the desk, the admin): can-continue
 *   also needs a client-id, and start-over clears it, so no booking inherits the last patient
 * - "now" is taken from a clock function a test can replace: turnos_booking_set_clock().
 * - "events" (TurnosEvents, rw, nullable): the window's live events, followed (below)
 * - "notice" (TurnosBookingNotice, ro), "notice-time" (GDateTime, ro, nullable): what the
 *   last live update changed under the user, and the start of the time it is about; cleared
 *   when the user picks another time, day or professional
 * - "rescheduling" (TurnosReservation boxed, ro, nullable): the session being moved
 *   (turnos_booking_reschedule()), to show its old time
 *
 * Signals:
 * - "slot-taken" (): a 409 sent the user back to the free times (which are re-fetched; the
 *   day and modality are kept). The window shows a toast.
 * - "failed" (GError*): a confirm, payment or load failed for another reason; nothing chosen
 *   is lost, the step does not change. The window shows a toast with Retry.
 * - "slot-lost" (TurnosBookingNotice code, GDateTime *start): a live update took the chosen
 *   time away ("notice" and "notice-time" say the same, for bindings).
 *
 * Live updates (DESIGN.md "Live events", turnos-booking-live.c): with "events" set, an
 * availability event for the shown professional refetches the month's overview when it
 * touches the shown month, and the selected day's free times when it touches that day,
 * quietly: the list is not emptied, "loading" does not move, the slots still free keep their
 * objects (a view keeps its selection and focus), the gone are removed and the new inserted.
 * When the chosen time is gone, it is unselected and "slot-lost" says so, unless this
 * controller's own confirm or payment took it. A settings event, and "resync", refetch the
 * settings too (reapplied only when they changed, keeping the chosen time while free).
 */

TurnosBooking *turnos_booking_new (TurnosClient *client);

TurnosClient  *turnos_booking_get_client (TurnosBooking *self);

typedef GDateTime *(*TurnosClockFunc) (gpointer user_data);
void           turnos_booking_set_clock  (TurnosBooking   *self,
                                          TurnosClockFunc  func,
                                          gpointer         user_data);

/* Fetches the professionals; selects @professional_id when given (else the first). */
void           turnos_booking_load       (TurnosBooking   *self,
                                          const char      *professional_id);

const char    *turnos_booking_get_client_id       (TurnosBooking  *self);
void           turnos_booking_set_client_id       (TurnosBooking  *self,
                                                   const char     *client_id);
gboolean       turnos_booking_get_patient_required (TurnosBooking *self);
void           turnos_booking_set_patient_required (TurnosBooking *self,
                                                    gboolean       required);
const char    *turnos_booking_get_professional_id (TurnosBooking  *self);
void           turnos_booking_set_professional_id (TurnosBooking  *self,
                                                   const char     *professional_id);
TurnosSettings *turnos_booking_get_settings       (TurnosBooking  *self);
TurnosModality turnos_booking_get_offered_modality (TurnosBooking *self);
TurnosModality turnos_booking_get_modality        (TurnosBooking  *self);
void           turnos_booking_set_modality        (TurnosBooking  *self,
                                                   TurnosModality  modality);

/* Picking a day: clears slot and slots at once and (re)starts the 300 ms debounce; past and
 * beyond-horizon days set day-state and send nothing. Picking the same day again refreshes. */
const GDate   *turnos_booking_get_date   (TurnosBooking   *self);
void           turnos_booking_set_date   (TurnosBooking   *self,
                                          const GDate     *date);
TurnosDayState turnos_booking_get_day_state (TurnosBooking *self);

/* The month the calendar shows (@month 1-12): fetches its overview, cancelling the previous. */
void           turnos_booking_show_month (TurnosBooking   *self,
                                          int              year,
                                          int              month);
TurnosMonthOverview *turnos_booking_get_month (TurnosBooking *self);

GListModel    *turnos_booking_get_slots  (TurnosBooking   *self);
TurnosSlot    *turnos_booking_get_slot   (TurnosBooking   *self);
void           turnos_booking_set_slot   (TurnosBooking   *self,
                                          TurnosSlot      *slot);
gboolean       turnos_booking_get_loading (TurnosBooking  *self);
const GError  *turnos_booking_get_error  (TurnosBooking   *self);
gboolean       turnos_booking_get_can_continue (TurnosBooking *self);

/* Re-fetches the selected day now (Retry, returning to the reserve page). */
void           turnos_booking_refresh    (TurnosBooking   *self);

TurnosBookingStep  turnos_booking_get_step  (TurnosBooking *self);
TurnosReservation *turnos_booking_get_draft (TurnosBooking *self);

/* Builds the draft (end = start + duration, 45 min when unset; a fresh Idempotency-Key) and
 * goes to PAYMENT when the professional requires a deposit, else CONFIRM. FALSE when
 * can-continue is FALSE. */
gboolean       turnos_booking_continue   (TurnosBooking   *self);
/* Back to RESERVE from CONFIRM or PAYMENT (keeps day, slot and modality, refreshes). */
void           turnos_booking_back       (TurnosBooking   *self);
/* CONFIRM: sends create-without-payment with the draft's key; DONE on success. A timeout
 * sets "outcome-unknown" instead of "failed"; calling this again (Check Again) is safe. */
void           turnos_booking_confirm    (TurnosBooking   *self);
/* PAYMENT: starts the payment (same key) and then follows its status every second until it
 * is decided: approved → DONE; declined or expired → RESERVE with "failed". */
void           turnos_booking_pay        (TurnosBooking   *self);
TurnosPayment *turnos_booking_get_payment (TurnosBooking  *self);
gboolean       turnos_booking_get_busy   (TurnosBooking   *self);
TurnosReservation *turnos_booking_get_booked (TurnosBooking *self);
/* A held time's payment, resumed (from My Reservations): PAYMENT with @held as the draft and
 * its payment (held->payment_id) asked for and then followed as turnos_booking_pay() does;
 * an approved one goes to DONE, a declined or lapsed one to RESERVE with "failed". */
void           turnos_booking_resume_payment (TurnosBooking     *self,
                                              TurnosReservation *held);
gboolean       turnos_booking_get_outcome_unknown (TurnosBooking *self);
gboolean       turnos_booking_get_professionals_loaded (TurnosBooking *self);
/* "Book here" from the front desk's day: that professional, day and time chosen, on RESERVE.
 * The time is selected once the day's free times arrive, if it is still free. */
void           turnos_booking_choose_time (TurnosBooking  *self,
                                           const char     *professional_id,
                                           GDateTime      *start,
                                           GDateTime      *end);
/* From DONE: back to RESERVE for another booking with the same professional; the same
 * patient too, unless "patient-required" (then none is chosen). Rescheduling ends. */
void           turnos_booking_start_over (TurnosBooking   *self);

/**
 * turnos_booking_reschedule:
 * @old: a live session of the patient (stored: id, professional, start, end, modality)
 *
 * "Reschedule" from My Reservations or the desk's day (DESIGN.md "Reschedule, series,
 * waitlist"): RESERVE on @old's professional, modality and day, with "rescheduling" set to
 * @old. While it is, the free times are offered as if @old's own time were free (the server
 * checks the new time ignoring it: 10:00 may move to 10:30 of the same 45-minute session);
 * Continue goes to CONFIRM even when the professional asks for a deposit (the paid one moves
 * with the session); Confirm moves the session (POST /reservations/{id}/reschedule) and goes
 * to DONE with "booked" the new reservation. A 409 slot_taken sends the user back to the free
 * times ("slot-taken"); patient_busy, too_late_to_cancel (past the cancel notice: the desk
 * moves it with a reason, turnos_client_reschedule_async()) and the like are "failed".
 */
void           turnos_booking_reschedule (TurnosBooking     *self,
                                          TurnosReservation *old);
TurnosReservation *turnos_booking_get_rescheduling (TurnosBooking *self);
/* Ends rescheduling: the next confirm books a new session. */
void           turnos_booking_stop_rescheduling (TurnosBooking *self);

/* Follows @events (NULL: none): see "Live updates" above. The controller holds a reference;
 * starting and stopping the connection is the window's business. */
void           turnos_booking_set_events (TurnosBooking   *self,
                                          TurnosEvents    *events);
TurnosEvents  *turnos_booking_get_events (TurnosBooking   *self);
TurnosBookingNotice turnos_booking_get_notice (TurnosBooking *self);
/* The start of the time the notice is about, or NULL. (transfer none) */
GDateTime     *turnos_booking_get_notice_time (TurnosBooking *self);

G_END_DECLS
