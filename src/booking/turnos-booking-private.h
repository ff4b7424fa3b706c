/* turnos-booking-private.h: what the controller's files share; only they include it
 *
 * TurnosBooking is one GObject in three files: turnos-booking.c (properties, lifecycle, the
 * professionals and their settings), turnos-booking-day.c (the day's free times and the
 * month's overview: debounce, cancel and stale answers) and turnos-booking-checkout.c (the
 * draft, confirm, pay and the payment's poll).
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-booking.h"

G_BEGIN_DECLS

struct _TurnosBooking
{
  GObject              parent_instance;

  /* Owned references */
  TurnosClient        *client;
  GListStore          *professionals;
  GListStore          *slots;
  TurnosSettings      *settings;
  TurnosSlot          *slot;
  GError              *error;
  TurnosMonthOverview *month;
  TurnosReservation   *draft;
  TurnosPayment       *payment;
  TurnosReservation   *booked;

  /* State */
  char                *client_id;
  char                *professional_id;
  char                *idempotency_key;
  char                *wanted_professional;  /* asked of load(), chosen when the list arrives */
  TurnosSlot          *keep_slot;            /* chosen before going back, kept while free */
  GDate                date;          /* invalid when no day is chosen */
  TurnosDayState       day_state;
  TurnosModality       modality;
  TurnosBookingStep    step;
  gboolean             loading;
  gboolean             can_continue;  /* kept by _turnos_booking_update_can_continue() */
  gboolean             busy;
  gboolean             patient_required;  /* the desk's: no Continue without a patient */
  int                  shown_year;
  int                  shown_month;

  TurnosClockFunc      clock;
  gpointer             clock_data;

  /* Requests in flight */
  guint                debounce_id;
  guint                poll_id;
  GCancellable        *day_cancellable;
  GCancellable        *month_cancellable;
  GCancellable        *settings_cancellable;
  GCancellable        *action_cancellable;
  GCancellable        *load_cancellable;
};

typedef enum
{
  PROP_0,
  PROP_CLIENT,
  PROP_CLIENT_ID,
  PROP_PROFESSIONALS,
  PROP_PROFESSIONAL_ID,
  PROP_SETTINGS,
  PROP_OFFERED_MODALITY,
  PROP_MODALITY,
  PROP_DATE,
  PROP_DAY_STATE,
  PROP_SLOTS,
  PROP_SLOT,
  PROP_LOADING,
  PROP_ERROR,
  PROP_MONTH,
  PROP_CAN_CONTINUE,
  PROP_STEP,
  PROP_DRAFT,
  PROP_BUSY,
  PROP_PAYMENT,
  PROP_BOOKED,
  PROP_PATIENT_REQUIRED,
  N_PROPS
} TurnosBookingProp;

/* turnos-booking.c */
GDateTime *_turnos_booking_now                 (TurnosBooking     *self);
void       _turnos_booking_notify              (TurnosBooking     *self,
                                                TurnosBookingProp  prop);
void       _turnos_booking_emit_failed         (TurnosBooking     *self,
                                                const GError      *error);
void       _turnos_booking_emit_slot_taken     (TurnosBooking     *self);
/* Cancels *@cancellable, if any, and clears it. */
void       _turnos_booking_cancel              (GCancellable     **cancellable);
void       _turnos_booking_update_can_continue (TurnosBooking     *self);
void       _turnos_booking_set_loading         (TurnosBooking     *self,
                                                gboolean           loading);
void       _turnos_booking_set_error           (TurnosBooking     *self,
                                                const GError      *error);

/* turnos-booking-day.c */
void       _turnos_booking_clear_slots         (TurnosBooking     *self);
/* The day changed or must be asked again: clears it at once and asks after @delay_ms. */
void       _turnos_booking_schedule_day        (TurnosBooking     *self,
                                                guint              delay_ms);
/* Asks for the shown month's overview, cancelling the previous request. */
void       _turnos_booking_fetch_month         (TurnosBooking     *self);

G_END_DECLS
