/* turnos-booking-checkout.c: the draft, confirm, pay and the payment's poll
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-booking-private.h"
#include "turnos-error.h"
#include "turnos-slots.h"
#include "turnos-time.h"

static gboolean poll_payment_cb (gpointer data);

/*
 * Helpers
 */

static void
set_busy (TurnosBooking *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  _turnos_booking_notify (self, PROP_BUSY);
}

static void
set_step (TurnosBooking     *self,
          TurnosBookingStep  step)
{
  if (self->step == step)
    return;
  self->step = step;
  _turnos_booking_notify (self, PROP_STEP);
}

static void
set_payment (TurnosBooking *self,
             TurnosPayment *payment)
{
  if (self->payment == payment)
    return;
  g_clear_pointer (&self->payment, turnos_payment_unref);
  self->payment = payment ? turnos_payment_ref (payment) : NULL;
  _turnos_booking_notify (self, PROP_PAYMENT);
}

static void
set_booked (TurnosBooking     *self,
            TurnosReservation *booked)
{
  if (self->booked == booked)
    return;
  g_clear_pointer (&self->booked, turnos_reservation_unref);
  self->booked = booked ? turnos_reservation_ref (booked) : NULL;
  _turnos_booking_notify (self, PROP_BOOKED);
}

static void
set_outcome_unknown (TurnosBooking *self,
                     gboolean       unknown)
{
  if (self->outcome_unknown == unknown)
    return;
  self->outcome_unknown = unknown;
  _turnos_booking_notify (self, PROP_OUTCOME_UNKNOWN);
}

static void
stop_actions (TurnosBooking *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  _turnos_booking_cancel (&self->action_cancellable);
  set_busy (self, FALSE);
  set_outcome_unknown (self, FALSE);
}

static void
time_taken (TurnosBooking *self)
{
  set_step (self, TURNOS_BOOKING_STEP_RESERVE);
  set_payment (self, NULL);
  _turnos_booking_schedule_day (self, 0);
  _turnos_booking_fetch_month (self);
  _turnos_booking_emit_slot_taken (self);
}

static void
booked (TurnosBooking     *self,
        TurnosReservation *reservation)
{
  set_booked (self, reservation);
  set_step (self, TURNOS_BOOKING_STEP_DONE);
}

/*
 * Callbacks
 */

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TurnosBooking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) r = turnos_client_create_reservation_finish (TURNOS_CLIENT (object),
                                                                           result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (r != NULL)
    booked (self, r);
  else if (g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT))
    time_taken (self);
  else if (g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_TIMED_OUT))
    /* The request went out and no answer came: it may have been stored. Saying it failed
     * could make the patient book twice elsewhere; asking again with the same key tells. */
    set_outcome_unknown (self, TRUE);
  else
    _turnos_booking_emit_failed (self, error);
}

static void
reschedule_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TurnosBooking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) r = turnos_client_reschedule_finish (TURNOS_CLIENT (object), result,
                                                                   &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (r != NULL)
    booked (self, r);
  else if (g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT) &&
           (g_strcmp0 (turnos_client_error_get_api_code (error), TURNOS_CODE_SLOT_TAKEN) == 0 ||
            turnos_client_error_get_api_code (error) == NULL))
    time_taken (self);
  else
    /* patient_busy, too_late_to_cancel, already_cancelled: said by "failed". */
    _turnos_booking_emit_failed (self, error);
}

static void
payment_decided (TurnosBooking *self,
                 TurnosPayment *payment)
{
  g_autoptr(GError) error = NULL;

  set_payment (self, payment);
  switch (payment->status)
    {
    case TURNOS_PAYMENT_PENDING:
      g_clear_handle_id (&self->poll_id, g_source_remove);
      self->poll_id = g_timeout_add (TURNOS_BOOKING_POLL_MS, poll_payment_cb, self);
      return;
    case TURNOS_PAYMENT_APPROVED:
      booked (self, payment->reservation);
      return;
    case TURNOS_PAYMENT_DECLINED:
      error = g_error_new_literal (TURNOS_BOOKING_ERROR, TURNOS_BOOKING_ERROR_PAYMENT_DECLINED,
                                   "the payment was declined");
      break;
    case TURNOS_PAYMENT_EXPIRED:
    default:
      error = g_error_new_literal (TURNOS_BOOKING_ERROR, TURNOS_BOOKING_ERROR_PAYMENT_EXPIRED,
                                   "the time to pay ran out");
      break;
    }
  set_payment (self, NULL);
  set_step (self, TURNOS_BOOKING_STEP_RESERVE);
  _turnos_booking_schedule_day (self, 0);
  _turnos_booking_emit_failed (self, error);
}

static void
payment_status_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TurnosBooking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosPayment) payment = NULL;

  payment = turnos_client_get_payment_finish (TURNOS_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (payment == NULL &&
      (g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_UNTRUSTED_URL) ||
       g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_MALFORMED) ||
       g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_NOT_FOUND)))
    {
      /* Not a hiccup: asking again would get the same answer forever. */
      _turnos_booking_emit_failed (self, error);
      return;
    }
  if (payment == NULL)
    {
      /* A hiccup while waiting: keep waiting, the payment is still on the server. */
      g_debug ("payment status: %s", error->message);
      self->poll_id = g_timeout_add (TURNOS_BOOKING_POLL_MS, poll_payment_cb, self);
      return;
    }
  payment_decided (self, payment);
}

static gboolean
poll_payment_cb (gpointer data)
{
  TurnosBooking *self = data;

  self->poll_id = 0;
  if (self->payment != NULL && self->action_cancellable != NULL)
    turnos_client_get_payment_async (self->client, self->payment->payment_id,
                                     self->action_cancellable, payment_status_cb,
                                     g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
payment_started_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TurnosBooking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosPayment) payment = turnos_client_start_payment_finish (TURNOS_CLIENT (object),
                                                                        result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (payment != NULL)
    payment_decided (self, payment);
  else if (g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT))
    time_taken (self);
  else
    _turnos_booking_emit_failed (self, error);
}

static void
payment_resumed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TurnosBooking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosPayment) payment = turnos_client_get_payment_finish (TURNOS_CLIENT (object),
                                                                      result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (payment != NULL)
    payment_decided (self, payment);
  else
    _turnos_booking_emit_failed (self, error);
}

/*
 * Public API
 */

TurnosBookingStep
turnos_booking_get_step (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), TURNOS_BOOKING_STEP_RESERVE);
  return self->step;
}

TurnosReservation *
turnos_booking_get_draft (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->draft;
}

gboolean
turnos_booking_continue (TurnosBooking *self)
{
  g_autoptr(TurnosReservation) draft = NULL;

  g_return_val_if_fail (TURNOS_IS_BOOKING (self), FALSE);

  if (!self->can_continue || self->settings == NULL)
    return FALSE;

  /* The slot as the server listed it, end included: the end is never recomputed from the
   * start, so a slot in a repeated DST hour is booked exactly as offered. */
  draft = turnos_reservation_new ();
  draft->client_id = g_strdup (self->client_id && *self->client_id ? self->client_id : "anonymous");
  draft->professional_id = g_strdup (self->professional_id);
  draft->start = g_date_time_ref (turnos_slot_get_start (self->slot));
  draft->end = g_date_time_ref (turnos_slot_get_end (self->slot));
  draft->modality = self->modality;
  draft->timezone = g_strdup (self->settings->timezone);

  g_clear_pointer (&self->draft, turnos_reservation_unref);
  self->draft = g_steal_pointer (&draft);
  g_free (self->idempotency_key);
  self->idempotency_key = turnos_client_new_idempotency_key ();
  set_outcome_unknown (self, FALSE);
  _turnos_booking_notify (self, PROP_DRAFT);

  /* A session moved keeps its deposit: nothing to pay again. */
  set_step (self, self->settings->requires_deposit && self->rescheduling == NULL
                  ? TURNOS_BOOKING_STEP_PAYMENT : TURNOS_BOOKING_STEP_CONFIRM);
  return TRUE;
}

void
turnos_booking_back (TurnosBooking *self)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));

  stop_actions (self);
  set_payment (self, NULL);
  set_step (self, TURNOS_BOOKING_STEP_RESERVE);
  /* Returning to the free times always asks again: availability is never cached. The chosen
   * time is kept when it is still free. */
  if (g_date_valid (&self->date) && self->settings != NULL)
    {
      g_autoptr(TurnosSlot) keep = self->slot ? g_object_ref (self->slot) : NULL;

      _turnos_booking_schedule_day (self, 0);
      g_set_object (&self->keep_slot, keep);
    }
  _turnos_booking_fetch_month (self);
}

void
turnos_booking_confirm (TurnosBooking *self)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_return_if_fail (TURNOS_IS_BOOKING (self));
  g_return_if_fail (self->draft != NULL);

  if (self->busy)
    return;
  _turnos_booking_cancel (&self->action_cancellable);
  self->action_cancellable = g_object_ref (cancellable);
  set_busy (self, TRUE);
  set_outcome_unknown (self, FALSE);
  /* The draft's key, the same on every try: a second try after a lost answer gets the first
   * booking back instead of a second one (DESIGN.md, "Retries are safe"). */
  if (self->rescheduling != NULL)
    turnos_client_reschedule_async (self->client, self->rescheduling->id, self->draft->start,
                                    self->draft->end, self->draft->modality, NULL, cancellable,
                                    reschedule_cb, g_object_ref (self));
  else
    turnos_client_create_reservation_async (self->client, self->draft, self->idempotency_key,
                                            cancellable, create_cb, g_object_ref (self));
}

void
turnos_booking_pay (TurnosBooking *self)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_return_if_fail (TURNOS_IS_BOOKING (self));
  g_return_if_fail (self->draft != NULL);

  if (self->busy)
    return;
  /* Paying again resumes the same payment: the same key gives back the same hold. */
  g_clear_handle_id (&self->poll_id, g_source_remove);
  _turnos_booking_cancel (&self->action_cancellable);
  self->action_cancellable = g_object_ref (cancellable);
  set_busy (self, TRUE);
  turnos_client_start_payment_async (self->client, self->draft, self->idempotency_key,
                                     cancellable, payment_started_cb, g_object_ref (self));
}

TurnosPayment *
turnos_booking_get_payment (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->payment;
}

gboolean
turnos_booking_get_busy (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), FALSE);
  return self->busy;
}

TurnosReservation *
turnos_booking_get_booked (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->booked;
}

gboolean
turnos_booking_get_outcome_unknown (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), FALSE);
  return self->outcome_unknown;
}

void
turnos_booking_resume_payment (TurnosBooking     *self,
                               TurnosReservation *held)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_return_if_fail (TURNOS_IS_BOOKING (self));
  g_return_if_fail (held != NULL && held->payment_id != NULL && held->professional_id != NULL);

  stop_actions (self);
  set_booked (self, NULL);
  set_payment (self, NULL);
  turnos_booking_set_professional_id (self, held->professional_id);
  g_clear_pointer (&self->draft, turnos_reservation_unref);
  self->draft = turnos_reservation_ref (held);
  /* Its payment exists: paying again must not start a second one with a fresh key. */
  g_clear_pointer (&self->idempotency_key, g_free);
  _turnos_booking_notify (self, PROP_DRAFT);
  set_step (self, TURNOS_BOOKING_STEP_PAYMENT);
  self->action_cancellable = g_object_ref (cancellable);
  set_busy (self, TRUE);
  turnos_client_get_payment_async (self->client, held->payment_id, cancellable, payment_resumed_cb,
                                   g_object_ref (self));
}

void
turnos_booking_choose_time (TurnosBooking *self,
                            const char    *professional_id,
                            GDateTime     *start,
                            GDateTime     *end)
{
  g_autoptr(TurnosSlot) wanted = NULL;
  GDate day;

  g_return_if_fail (TURNOS_IS_BOOKING (self));
  g_return_if_fail (professional_id != NULL && start != NULL && end != NULL);

  stop_actions (self);
  set_step (self, TURNOS_BOOKING_STEP_RESERVE);
  turnos_booking_set_professional_id (self, professional_id);
  turnos_date_from_datetime (start, &day);
  turnos_booking_set_date (self, &day);
  wanted = turnos_slot_new (start, end);
  g_set_object (&self->keep_slot, wanted);
}

void
turnos_booking_start_over (TurnosBooking *self)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));

  stop_actions (self);
  set_booked (self, NULL);
  set_payment (self, NULL);
  if (self->draft != NULL)
    {
      g_clear_pointer (&self->draft, turnos_reservation_unref);
      _turnos_booking_notify (self, PROP_DRAFT);
    }
  turnos_booking_stop_rescheduling (self);
  /* The desk books for one patient after another: the next one is chosen afresh. */
  if (self->patient_required)
    turnos_booking_set_client_id (self, NULL);
  set_step (self, TURNOS_BOOKING_STEP_RESERVE);
  if (g_date_valid (&self->date))
    _turnos_booking_schedule_day (self, 0);
  _turnos_booking_fetch_month (self);
}
