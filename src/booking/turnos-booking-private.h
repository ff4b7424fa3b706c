/* turnos-booking-private.h: what the controller's files share; only they include it
 *
 * TurnosBooking is one GObject in five files: turnos-booking.c (properties, lifecycle, the
 * professionals and their settings), turnos-booking-day.c (the day's free times and the
 * month's overview: debounce, cancel and stale answers), turnos-booking-checkout.c (the
 * draft, confirm, pay and the payment's poll), turnos-booking-live.c (the live events:
 * quiet refreshes, and the notice when the chosen time is taken elsewhere) and
 * turnos-booking-reschedule.c (moving an existing session).
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
  gboolean             outcome_unknown;        /* a confirm got no answer in time */
  gboolean             professionals_loaded;   /* the list arrived, maybe empty */
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

  /* Live updates (turnos-booking-live.c) */
  TurnosEvents        *events;
  TurnosBookingNotice  notice;
  GDateTime           *notice_time;
  GCancellable        *live_cancellable;
  GCancellable        *live_settings_cancellable;
  guint                live_day_id;      /* an idle: refetch the day quietly */
  gboolean             live_changing;    /* the live code itself is changing the slot */

  /* Rescheduling (turnos-booking-reschedule.c) */
  TurnosReservation   *rescheduling;     /* the session being moved, or NULL */
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
  PROP_EVENTS,
  PROP_NOTICE,
  PROP_NOTICE_TIME,
  PROP_RESCHEDULING,
  PROP_OUTCOME_UNKNOWN,
  PROP_PROFESSIONALS_LOADED,
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

/* One request in flight, handed to its callback: the controller and the cancellable that
 * stands for the request. When the selection the request was for changes, the controller
 * cancels that cancellable at once (not when the next debounce fires), and the callback drops
 * whatever comes back for it, success or failure (DESIGN.md, "The booking flow", 1). */
typedef struct
{
  TurnosBooking *self;          /* owned */
  GCancellable  *cancellable;   /* owned */
} TurnosBookingRequest;

/* Cancels the request in *@slot, if any, and starts a new one there. */
TurnosBookingRequest *_turnos_booking_request_new   (TurnosBooking         *self,
                                                     GCancellable         **slot);
/* TRUE when @request was cancelled or replaced in @current (the slot's cancellable now). */
gboolean              _turnos_booking_request_stale (TurnosBookingRequest  *request,
                                                     GCancellable          *current);
void                  _turnos_booking_request_free  (TurnosBookingRequest  *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosBookingRequest, _turnos_booking_request_free)
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

/* turnos-booking.c: the professional's settings arrived (fetches the day and the month). */
void       _turnos_booking_apply_settings      (TurnosBooking     *self,
                                                TurnosSettings    *settings);

/* turnos-booking-live.c: "events", "notice", "notice-time" and "slot-lost", for
 * turnos-booking.c's class_init (before the properties are installed), get_property and
 * dispose. */
void       _turnos_booking_class_live_init     (GObjectClass      *klass,
                                                GParamSpec       **properties);
void       _turnos_booking_live_get_property   (TurnosBooking     *self,
                                                guint              prop_id,
                                                GValue            *value);
void       _turnos_booking_live_dispose        (TurnosBooking     *self);

/* turnos-booking-reschedule.c: "rescheduling", for class_init (before the properties are
 * installed); the free times of @a the user is offered at @now: the server's, or, while a
 * session is moved, computed again as if that session's own time were free. */
void       _turnos_booking_class_reschedule_init (GObjectClass   *klass,
                                                  GParamSpec    **properties);
GArray    *_turnos_booking_free_slots          (TurnosBooking      *self,
                                                TurnosAvailability *a,
                                                GDateTime          *now);

G_END_DECLS
