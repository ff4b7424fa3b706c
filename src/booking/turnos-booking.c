/* turnos-booking.c: the booking controller the pages drive; no widgets
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "turnos-booking.h"
#include "turnos-enums.h"
#include "turnos-slots.h"
#include "turnos-time.h"

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
  gboolean             can_continue;  /* kept by update_can_continue() */
  gboolean             busy;
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

G_DEFINE_FINAL_TYPE (TurnosBooking, turnos_booking, G_TYPE_OBJECT)
G_DEFINE_QUARK (turnos-booking-error-quark, turnos_booking_error)

enum {
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
  N_PROPS
};

enum {
  SLOT_TAKEN,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void fetch_day (TurnosBooking *self);
static void fetch_month (TurnosBooking *self);

/*
 * Helpers
 */

static GDateTime *
now (TurnosBooking *self)
{
  return self->clock ? self->clock (self->clock_data) : g_date_time_new_now_utc ();
}

static void
notify (TurnosBooking *self,
        int            prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static gboolean
compute_can_continue (TurnosBooking *self)
{
  return g_date_valid (&self->date) && self->slot != NULL && !self->loading &&
         (self->modality == TURNOS_MODALITY_VIRTUAL || self->modality == TURNOS_MODALITY_PRESENCIAL);
}

/* Called at the end of every mutator of what can-continue reads (date, slot, loading,
 * modality): notifies only when it moved. */
static void
update_can_continue (TurnosBooking *self)
{
  gboolean can_continue = compute_can_continue (self);

  if (self->can_continue == can_continue)
    return;
  self->can_continue = can_continue;
  notify (self, PROP_CAN_CONTINUE);
}

static void
set_loading (TurnosBooking *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  notify (self, PROP_LOADING);
  update_can_continue (self);
}

static void
set_error (TurnosBooking *self,
           const GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  notify (self, PROP_ERROR);
}

static void
set_busy (TurnosBooking *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  notify (self, PROP_BUSY);
}

static void
set_step (TurnosBooking     *self,
          TurnosBookingStep  step)
{
  if (self->step == step)
    return;
  self->step = step;
  notify (self, PROP_STEP);
}

static void
set_payment (TurnosBooking *self,
             TurnosPayment *payment)
{
  if (self->payment == payment)
    return;
  g_clear_pointer (&self->payment, turnos_payment_unref);
  self->payment = payment ? turnos_payment_ref (payment) : NULL;
  notify (self, PROP_PAYMENT);
}

static void
set_booked (TurnosBooking     *self,
            TurnosReservation *booked)
{
  if (self->booked == booked)
    return;
  g_clear_pointer (&self->booked, turnos_reservation_unref);
  self->booked = booked ? turnos_reservation_ref (booked) : NULL;
  notify (self, PROP_BOOKED);
}

static void
clear_slots (TurnosBooking *self)
{
  turnos_booking_set_slot (self, NULL);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->slots)) > 0)
    g_list_store_remove_all (self->slots);
}

/* Past, beyond the horizon, or fine, in the professional's zone. */
static TurnosDayState
compute_day_state (TurnosBooking *self)
{
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) local = NULL;
  GDate today, last;

  if (!g_date_valid (&self->date))
    return TURNOS_DAY_NONE;
  if (self->settings == NULL)
    return TURNOS_DAY_OK;

  at = now (self);
  local = g_date_time_to_timezone (at, self->settings->tz);
  turnos_date_from_datetime (local, &today);
  last = today;
  g_date_add_days (&last, self->settings->booking_horizon_days);
  if (g_date_compare (&self->date, &today) < 0)
    return TURNOS_DAY_PAST;
  if (g_date_compare (&self->date, &last) > 0)
    return TURNOS_DAY_BEYOND_HORIZON;
  return TURNOS_DAY_OK;
}

static void
update_day_state (TurnosBooking *self)
{
  TurnosDayState state = compute_day_state (self);

  if (self->day_state == state)
    return;
  self->day_state = state;
  notify (self, PROP_DAY_STATE);
}

static gboolean
debounce_cb (gpointer data)
{
  TurnosBooking *self = data;

  self->debounce_id = 0;
  fetch_day (self);
  return G_SOURCE_REMOVE;
}

/* The day changed or must be fetched again: clear at once, then ask after the debounce. */
static void
schedule_day (TurnosBooking *self,
              guint          delay_ms)
{
  clear_slots (self);
  set_error (self, NULL);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  update_day_state (self);

  if (self->day_state != TURNOS_DAY_OK || self->professional_id == NULL || self->settings == NULL)
    {
      cancel (&self->day_cancellable);
      set_loading (self, FALSE);
      return;
    }
  set_loading (self, TRUE);
  self->debounce_id = g_timeout_add (delay_ms, debounce_cb, self);
}

/*
 * Availability
 */

/* The free slots from the answer: the server's own, or computed here from what it says is
 * taken when it sends only the seed's fields. Past times are never offered. */
static GArray *
slots_from_answer (TurnosBooking      *self,
                   TurnosAvailability *a)
{
  g_autoptr(GDateTime) at = now (self);
  g_autoptr(GDateTime) earliest = g_date_time_add_minutes (at, self->settings->min_notice_minutes);
  g_autoptr(GArray) busy = NULL;
  GArray *out;

  if (a->has_slots)
    {
      out = turnos_interval_array_new ();
      for (guint i = 0; i < a->slots->len; i++)
        {
          TurnosInterval *iv = &g_array_index (a->slots, TurnosInterval, i);
          TurnosInterval copy;

          if (g_date_time_compare (iv->start, earliest) < 0)
            continue;
          turnos_interval_init (&copy, iv->start, iv->end);
          g_array_append_val (out, copy);
        }
      return out;
    }

  busy = turnos_interval_array_new ();
  if (a->occupied->len > 0)
    for (guint i = 0; i < a->occupied->len; i++)
      {
        TurnosInterval *iv = &g_array_index (a->occupied, TurnosInterval, i);
        TurnosInterval copy;

        turnos_interval_init (&copy, iv->start, iv->end);
        g_array_append_val (busy, copy);
      }
  else
    for (guint i = 0; a->occupied_slots[i] != NULL; i++)
      {
        g_autoptr(GDateTime) start = turnos_time_parse (a->occupied_slots[i], self->settings->tz, NULL);
        g_autoptr(GDateTime) end = NULL;
        TurnosInterval iv;

        if (start == NULL)
          continue;
        end = g_date_time_add_minutes (start, self->settings->session_duration_minutes > 0
                                       ? self->settings->session_duration_minutes
                                       : TURNOS_DEFAULT_SESSION_MINUTES);
        turnos_interval_init (&iv, start, end);
        g_array_append_val (busy, iv);
      }
  for (guint i = 0; i < a->blocked->len; i++)
    {
      TurnosBlock *b = g_ptr_array_index (a->blocked, i);
      TurnosInterval iv;

      turnos_interval_init (&iv, b->start, b->end);
      g_array_append_val (busy, iv);
    }
  return turnos_slots_compute (self->settings, &a->date, (TurnosInterval *) (gpointer) busy->data,
                               busy->len, at);
}

static void
apply_slots (TurnosBooking      *self,
             TurnosAvailability *a)
{
  g_autoptr(GArray) free = slots_from_answer (self, a);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < free->len; i++)
    {
      TurnosInterval *iv = &g_array_index (free, TurnosInterval, i);

      g_ptr_array_add (items, turnos_slot_new (iv->start, iv->end));
    }
  g_list_store_splice (self->slots, 0, g_list_model_get_n_items (G_LIST_MODEL (self->slots)),
                       items->pdata, items->len);
}

static void
availability_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TurnosBooking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosAvailability) a = NULL;
  TurnosSlot *keep;

  a = turnos_client_get_availability_finish (TURNOS_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Drop an answer for a day or professional no longer selected. */
  if (a != NULL && (!g_date_valid (&self->date) || g_date_compare (&a->date, &self->date) != 0))
    return;

  set_loading (self, FALSE);
  if (a == NULL)
    {
      set_error (self, error);
      return;
    }
  apply_slots (self, a);

  /* Coming back from confirm or payment: the chosen time stays chosen while it is free. */
  keep = self->keep_slot;
  for (guint i = 0; keep != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->slots)); i++)
    {
      g_autoptr(TurnosSlot) slot = g_list_model_get_item (G_LIST_MODEL (self->slots), i);

      if (g_date_time_equal (turnos_slot_get_start (slot), turnos_slot_get_start (keep)))
        turnos_booking_set_slot (self, slot);
    }
  g_clear_object (&self->keep_slot);
}

static void
fetch_day (TurnosBooking *self)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  cancel (&self->day_cancellable);
  self->day_cancellable = g_object_ref (cancellable);
  turnos_client_get_availability_async (self->client, self->professional_id, &self->date,
                                        cancellable, availability_cb, g_object_ref (self));
}

/*
 * Month overview
 */

static void
month_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TurnosBooking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosMonthOverview) month = turnos_client_get_month_finish (TURNOS_CLIENT (object),
                                                                         result, &error);

  if (month == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("month overview: %s", error->message);
      return;
    }
  if (month->year != self->shown_year || month->month != self->shown_month)
    return;
  g_clear_pointer (&self->month, turnos_month_overview_unref);
  self->month = g_steal_pointer (&month);
  notify (self, PROP_MONTH);
}

static void
fetch_month (TurnosBooking *self)
{
  g_autoptr(GCancellable) cancellable = NULL;

  cancel (&self->month_cancellable);
  if (self->professional_id == NULL || self->shown_month == 0)
    return;
  cancellable = g_cancellable_new ();
  self->month_cancellable = g_object_ref (cancellable);
  turnos_client_get_month_async (self->client, self->professional_id, self->shown_year,
                                 self->shown_month, cancellable, month_cb, g_object_ref (self));
}

/*
 * Professionals and their settings
 */

static void
apply_settings (TurnosBooking  *self,
                TurnosSettings *settings)
{
  TurnosModality offered;

  g_clear_pointer (&self->settings, turnos_settings_unref);
  self->settings = turnos_settings_ref (settings);
  notify (self, PROP_SETTINGS);
  notify (self, PROP_OFFERED_MODALITY);

  offered = settings->session_modality;
  /* With one modality offered it is chosen for the user; with both, a choice made for another
   * professional stays, since it is offered here too. */
  if (offered == TURNOS_MODALITY_VIRTUAL || offered == TURNOS_MODALITY_PRESENCIAL)
    turnos_booking_set_modality (self, offered);

  if (g_date_valid (&self->date))
    schedule_day (self, 0);
  fetch_month (self);
}

static void
settings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TurnosBooking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosSettings) settings = turnos_client_get_settings_finish (TURNOS_CLIENT (object),
                                                                         result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (settings == NULL)
    {
      set_loading (self, FALSE);
      set_error (self, error);
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }
  if (g_strcmp0 (settings->user_id, self->professional_id) == 0)
    apply_settings (self, settings);
}

static void
professionals_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TurnosBooking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = turnos_client_list_professionals_finish (TURNOS_CLIENT (object),
                                                                      result, &error);
  const char *wanted = self->wanted_professional;
  const char *chosen = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (list == NULL)
    {
      set_error (self, error);
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      TurnosSettings *s = g_ptr_array_index (list, i);

      g_ptr_array_add (items, turnos_professional_new (s));
      if (g_strcmp0 (s->user_id, wanted) == 0)
        chosen = s->user_id;
    }
  g_list_store_splice (self->professionals, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->professionals)),
                       items->pdata, items->len);
  if (chosen == NULL && list->len > 0)
    chosen = ((TurnosSettings *) g_ptr_array_index (list, 0))->user_id;
  if (chosen != NULL)
    turnos_booking_set_professional_id (self, chosen);
}

/*
 * Confirm and pay
 */

static void
time_taken (TurnosBooking *self)
{
  set_step (self, TURNOS_BOOKING_STEP_RESERVE);
  set_payment (self, NULL);
  schedule_day (self, 0);
  fetch_month (self);
  g_signal_emit (self, signals[SLOT_TAKEN], 0);
}

static void
booked (TurnosBooking     *self,
        TurnosReservation *reservation)
{
  set_booked (self, reservation);
  set_step (self, TURNOS_BOOKING_STEP_DONE);
}

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
  else
    g_signal_emit (self, signals[FAILED], 0, error);
}

static gboolean poll_payment_cb (gpointer data);

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
                                   _("The payment was declined. The time was not booked."));
      break;
    case TURNOS_PAYMENT_EXPIRED:
    default:
      error = g_error_new_literal (TURNOS_BOOKING_ERROR, TURNOS_BOOKING_ERROR_PAYMENT_EXPIRED,
                                   _("The time to pay ran out. The time was not booked."));
      break;
    }
  set_payment (self, NULL);
  set_step (self, TURNOS_BOOKING_STEP_RESERVE);
  schedule_day (self, 0);
  g_signal_emit (self, signals[FAILED], 0, error);
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
    g_signal_emit (self, signals[FAILED], 0, error);
}

static void
stop_actions (TurnosBooking *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  cancel (&self->action_cancellable);
  set_busy (self, FALSE);
}

/*
 * GObject overrides
 */

static void
turnos_booking_dispose (GObject *object)
{
  TurnosBooking *self = TURNOS_BOOKING (object);

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  cancel (&self->day_cancellable);
  cancel (&self->month_cancellable);
  cancel (&self->settings_cancellable);
  cancel (&self->action_cancellable);
  cancel (&self->load_cancellable);

  G_OBJECT_CLASS (turnos_booking_parent_class)->dispose (object);
}

static void
turnos_booking_finalize (GObject *object)
{
  TurnosBooking *self = TURNOS_BOOKING (object);

  g_clear_object (&self->client);
  g_clear_object (&self->professionals);
  g_clear_object (&self->slots);
  g_clear_object (&self->slot);
  g_clear_pointer (&self->settings, turnos_settings_unref);
  g_clear_pointer (&self->month, turnos_month_overview_unref);
  g_clear_pointer (&self->draft, turnos_reservation_unref);
  g_clear_pointer (&self->payment, turnos_payment_unref);
  g_clear_pointer (&self->booked, turnos_reservation_unref);
  g_clear_error (&self->error);
  g_free (self->client_id);
  g_free (self->professional_id);
  g_free (self->idempotency_key);
  g_free (self->wanted_professional);
  g_clear_object (&self->keep_slot);

  G_OBJECT_CLASS (turnos_booking_parent_class)->finalize (object);
}

static void
turnos_booking_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TurnosBooking *self = TURNOS_BOOKING (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_PROFESSIONALS:
      g_value_set_object (value, self->professionals);
      break;
    case PROP_PROFESSIONAL_ID:
      g_value_set_string (value, self->professional_id);
      break;
    case PROP_SETTINGS:
      g_value_set_boxed (value, self->settings);
      break;
    case PROP_OFFERED_MODALITY:
      g_value_set_enum (value, turnos_booking_get_offered_modality (self));
      break;
    case PROP_MODALITY:
      g_value_set_enum (value, self->modality);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, turnos_booking_get_date (self));
      break;
    case PROP_DAY_STATE:
      g_value_set_enum (value, self->day_state);
      break;
    case PROP_SLOTS:
      g_value_set_object (value, self->slots);
      break;
    case PROP_SLOT:
      g_value_set_object (value, self->slot);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_MONTH:
      g_value_set_boxed (value, self->month);
      break;
    case PROP_CAN_CONTINUE:
      g_value_set_boolean (value, self->can_continue);
      break;
    case PROP_STEP:
      g_value_set_enum (value, self->step);
      break;
    case PROP_DRAFT:
      g_value_set_boxed (value, self->draft);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_PAYMENT:
      g_value_set_boxed (value, self->payment);
      break;
    case PROP_BOOKED:
      g_value_set_boxed (value, self->booked);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_booking_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TurnosBooking *self = TURNOS_BOOKING (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CLIENT_ID:
      turnos_booking_set_client_id (self, g_value_get_string (value));
      break;
    case PROP_PROFESSIONAL_ID:
      turnos_booking_set_professional_id (self, g_value_get_string (value));
      break;
    case PROP_MODALITY:
      turnos_booking_set_modality (self, g_value_get_enum (value));
      break;
    case PROP_DATE:
      turnos_booking_set_date (self, g_value_get_boxed (value));
      break;
    case PROP_SLOT:
      turnos_booking_set_slot (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_booking_class_init (TurnosBookingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = turnos_booking_dispose;
  object_class->finalize = turnos_booking_finalize;
  object_class->get_property = turnos_booking_get_property;
  object_class->set_property = turnos_booking_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, rw);
  properties[PROP_PROFESSIONALS] =
    g_param_spec_object ("professionals", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_PROFESSIONAL_ID] = g_param_spec_string ("professional-id", NULL, NULL, NULL, rw);
  properties[PROP_SETTINGS] =
    g_param_spec_boxed ("settings", NULL, NULL, TURNOS_TYPE_SETTINGS, ro);
  properties[PROP_OFFERED_MODALITY] =
    g_param_spec_enum ("offered-modality", NULL, NULL, TURNOS_TYPE_MODALITY,
                       TURNOS_MODALITY_BOTH, ro);
  properties[PROP_MODALITY] =
    g_param_spec_enum ("modality", NULL, NULL, TURNOS_TYPE_MODALITY, TURNOS_MODALITY_NONE, rw);
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE, rw);
  properties[PROP_DAY_STATE] =
    g_param_spec_enum ("day-state", NULL, NULL, TURNOS_TYPE_DAY_STATE, TURNOS_DAY_NONE, ro);
  properties[PROP_SLOTS] = g_param_spec_object ("slots", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_SLOT] = g_param_spec_object ("slot", NULL, NULL, TURNOS_TYPE_SLOT, rw);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_MONTH] =
    g_param_spec_boxed ("month", NULL, NULL, TURNOS_TYPE_MONTH_OVERVIEW, ro);
  properties[PROP_CAN_CONTINUE] = g_param_spec_boolean ("can-continue", NULL, NULL, FALSE, ro);
  properties[PROP_STEP] =
    g_param_spec_enum ("step", NULL, NULL, TURNOS_TYPE_BOOKING_STEP,
                       TURNOS_BOOKING_STEP_RESERVE, ro);
  properties[PROP_DRAFT] =
    g_param_spec_boxed ("draft", NULL, NULL, TURNOS_TYPE_RESERVATION, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_PAYMENT] = g_param_spec_boxed ("payment", NULL, NULL, TURNOS_TYPE_PAYMENT, ro);
  properties[PROP_BOOKED] =
    g_param_spec_boxed ("booked", NULL, NULL, TURNOS_TYPE_RESERVATION, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SLOT_TAKEN] = g_signal_new ("slot-taken", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
turnos_booking_init (TurnosBooking *self)
{
  self->professionals = g_list_store_new (TURNOS_TYPE_PROFESSIONAL);
  self->slots = g_list_store_new (TURNOS_TYPE_SLOT);
  self->day_state = TURNOS_DAY_NONE;
  self->step = TURNOS_BOOKING_STEP_RESERVE;
  g_date_clear (&self->date, 1);
}

/*
 * Public API
 */

TurnosBooking *
turnos_booking_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_BOOKING, "client", client, NULL);
}

TurnosClient *
turnos_booking_get_client (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->client;
}

void
turnos_booking_set_clock (TurnosBooking   *self,
                          TurnosClockFunc  func,
                          gpointer         user_data)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));
  self->clock = func;
  self->clock_data = user_data;
}

void
turnos_booking_load (TurnosBooking *self,
                     const char    *professional_id)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_return_if_fail (TURNOS_IS_BOOKING (self));

  if (self->wanted_professional != professional_id)
    {
      g_free (self->wanted_professional);
      self->wanted_professional = g_strdup (professional_id);
    }
  cancel (&self->load_cancellable);
  self->load_cancellable = g_object_ref (cancellable);
  set_error (self, NULL);
  turnos_client_list_professionals_async (self->client, cancellable, professionals_cb,
                                          g_object_ref (self));
}

const char *
turnos_booking_get_client_id (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->client_id;
}

void
turnos_booking_set_client_id (TurnosBooking *self,
                              const char    *client_id)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));

  if (g_strcmp0 (self->client_id, client_id) == 0)
    return;
  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  notify (self, PROP_CLIENT_ID);
}

const char *
turnos_booking_get_professional_id (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->professional_id;
}

void
turnos_booking_set_professional_id (TurnosBooking *self,
                                    const char    *professional_id)
{
  g_autoptr(GCancellable) cancellable = NULL;

  g_return_if_fail (TURNOS_IS_BOOKING (self));

  if (g_strcmp0 (self->professional_id, professional_id) == 0)
    return;
  g_free (self->professional_id);
  self->professional_id = g_strdup (professional_id);
  notify (self, PROP_PROFESSIONAL_ID);

  /* Nothing of the previous professional stays on screen. */
  cancel (&self->day_cancellable);
  cancel (&self->settings_cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  clear_slots (self);
  if (self->settings != NULL)
    {
      g_clear_pointer (&self->settings, turnos_settings_unref);
      notify (self, PROP_SETTINGS);
      notify (self, PROP_OFFERED_MODALITY);
    }
  if (self->month != NULL)
    {
      g_clear_pointer (&self->month, turnos_month_overview_unref);
      notify (self, PROP_MONTH);
    }
  if (professional_id == NULL)
    return;

  /* The professionals list already holds the settings; ask only when it does not. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->professionals)); i++)
    {
      g_autoptr(TurnosProfessional) p = g_list_model_get_item (G_LIST_MODEL (self->professionals), i);

      if (g_strcmp0 (turnos_professional_get_id (p), professional_id) == 0)
        {
          apply_settings (self, turnos_professional_get_settings (p));
          return;
        }
    }
  if (g_date_valid (&self->date))
    set_loading (self, TRUE);
  cancellable = g_cancellable_new ();
  self->settings_cancellable = g_object_ref (cancellable);
  turnos_client_get_settings_async (self->client, professional_id, cancellable, settings_cb,
                                    g_object_ref (self));
}

TurnosSettings *
turnos_booking_get_settings (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->settings;
}

TurnosModality
turnos_booking_get_offered_modality (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), TURNOS_MODALITY_BOTH);
  return self->settings ? self->settings->session_modality : TURNOS_MODALITY_BOTH;
}

TurnosModality
turnos_booking_get_modality (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), TURNOS_MODALITY_NONE);
  return self->modality;
}

void
turnos_booking_set_modality (TurnosBooking  *self,
                             TurnosModality  modality)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));

  if (self->modality == modality)
    return;
  self->modality = modality;
  notify (self, PROP_MODALITY);
  update_can_continue (self);
}

const GDate *
turnos_booking_get_date (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return g_date_valid (&self->date) ? &self->date : NULL;
}

void
turnos_booking_set_date (TurnosBooking *self,
                         const GDate   *date)
{
  gboolean changed;

  g_return_if_fail (TURNOS_IS_BOOKING (self));

  changed = (date == NULL) != !g_date_valid (&self->date) ||
            (date != NULL && g_date_compare (date, &self->date) != 0);
  if (date != NULL && g_date_valid (date))
    self->date = *date;
  else
    g_date_clear (&self->date, 1);
  /* Picking a day, even the same one again, starts over: the debounce restarts. */
  schedule_day (self, TURNOS_BOOKING_DEBOUNCE_MS);
  if (changed)
    notify (self, PROP_DATE);
  update_can_continue (self);
}

TurnosDayState
turnos_booking_get_day_state (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), TURNOS_DAY_NONE);
  return self->day_state;
}

void
turnos_booking_show_month (TurnosBooking *self,
                           int            year,
                           int            month)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));
  g_return_if_fail (month >= 1 && month <= 12);

  if (self->shown_year == year && self->shown_month == month && self->month != NULL)
    return;
  self->shown_year = year;
  self->shown_month = month;
  if (self->month != NULL)
    {
      g_clear_pointer (&self->month, turnos_month_overview_unref);
      notify (self, PROP_MONTH);
    }
  fetch_month (self);
}

TurnosMonthOverview *
turnos_booking_get_month (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->month;
}

GListModel *
turnos_booking_get_slots (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return G_LIST_MODEL (self->slots);
}

TurnosSlot *
turnos_booking_get_slot (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->slot;
}

void
turnos_booking_set_slot (TurnosBooking *self,
                         TurnosSlot    *slot)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));
  g_return_if_fail (slot == NULL || TURNOS_IS_SLOT (slot));

  if (self->slot == slot)
    return;
  g_set_object (&self->slot, slot);
  notify (self, PROP_SLOT);
  update_can_continue (self);
}

gboolean
turnos_booking_get_loading (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), FALSE);
  return self->loading;
}

const GError *
turnos_booking_get_error (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->error;
}

gboolean
turnos_booking_get_can_continue (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), FALSE);
  return self->can_continue;
}

void
turnos_booking_refresh (TurnosBooking *self)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));

  if (self->settings == NULL && self->professional_id != NULL)
    {
      /* The settings never arrived (the server was down): ask again from the start. */
      g_autofree char *id = g_strdup (self->professional_id);

      g_clear_pointer (&self->professional_id, g_free);
      turnos_booking_set_professional_id (self, id);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->professionals)) == 0 && self->professional_id == NULL)
    {
      turnos_booking_load (self, self->wanted_professional);
      return;
    }
  if (g_date_valid (&self->date))
    schedule_day (self, 0);
  fetch_month (self);
}

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
  int duration;

  g_return_val_if_fail (TURNOS_IS_BOOKING (self), FALSE);

  if (!self->can_continue || self->settings == NULL)
    return FALSE;

  duration = self->settings->session_duration_minutes > 0 ? self->settings->session_duration_minutes
                                                          : TURNOS_DEFAULT_SESSION_MINUTES;
  draft = turnos_reservation_new ();
  draft->client_id = g_strdup (self->client_id && *self->client_id ? self->client_id : "anonymous");
  draft->professional_id = g_strdup (self->professional_id);
  draft->start = g_date_time_ref (turnos_slot_get_start (self->slot));
  draft->end = g_date_time_add_minutes (draft->start, duration);
  draft->modality = self->modality;
  draft->timezone = g_strdup (self->settings->timezone);

  g_clear_pointer (&self->draft, turnos_reservation_unref);
  self->draft = g_steal_pointer (&draft);
  g_free (self->idempotency_key);
  self->idempotency_key = turnos_client_new_idempotency_key ();
  notify (self, PROP_DRAFT);

  set_step (self, self->settings->requires_deposit ? TURNOS_BOOKING_STEP_PAYMENT
                                                   : TURNOS_BOOKING_STEP_CONFIRM);
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

      schedule_day (self, 0);
      g_set_object (&self->keep_slot, keep);
    }
  fetch_month (self);
}

void
turnos_booking_confirm (TurnosBooking *self)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_return_if_fail (TURNOS_IS_BOOKING (self));
  g_return_if_fail (self->draft != NULL);

  if (self->busy)
    return;
  cancel (&self->action_cancellable);
  self->action_cancellable = g_object_ref (cancellable);
  set_busy (self, TRUE);
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
  cancel (&self->action_cancellable);
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
      notify (self, PROP_DRAFT);
    }
  set_step (self, TURNOS_BOOKING_STEP_RESERVE);
  if (g_date_valid (&self->date))
    schedule_day (self, 0);
  fetch_month (self);
}
