/* turnos-booking-day.c: the day's free times and the month's overview, debounced, stale-proof
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-booking-private.h"
#include "turnos-slots.h"
#include "turnos-time.h"

static void fetch_day (TurnosBooking *self);

/*
 * Helpers
 */

void
_turnos_booking_clear_slots (TurnosBooking *self)
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

  at = _turnos_booking_now (self);
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
  _turnos_booking_notify (self, PROP_DAY_STATE);
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
void
_turnos_booking_schedule_day (TurnosBooking *self,
                              guint          delay_ms)
{
  /* The request for what was shown until now is cancelled at once: whatever it answers,
   * success or failure, is no longer about this day. */
  _turnos_booking_cancel (&self->day_cancellable);
  _turnos_booking_clear_slots (self);
  _turnos_booking_set_error (self, NULL);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  update_day_state (self);

  if (self->day_state != TURNOS_DAY_OK || self->professional_id == NULL || self->settings == NULL)
    {
      _turnos_booking_set_loading (self, FALSE);
      return;
    }
  _turnos_booking_set_loading (self, TRUE);
  self->debounce_id = g_timeout_add (delay_ms, debounce_cb, self);
}

/*
 * Availability
 */

static void
apply_slots (TurnosBooking      *self,
             TurnosAvailability *a)
{
  g_autoptr(GDateTime) at = _turnos_booking_now (self);
  /* The server's own slots, or computed here by the same core function the server uses when
   * it sends only the seed's fields. Past times are never offered. */
  g_autoptr(GArray) free = _turnos_booking_free_slots (self, a, at);
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
  g_autoptr(TurnosBookingRequest) request = user_data;
  TurnosBooking *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosAvailability) a = NULL;
  TurnosSlot *keep;

  a = turnos_client_get_availability_finish (TURNOS_CLIENT (object), result, &error);
  /* Drop any answer, success or failure, for a day or professional no longer selected: the
   * request was cancelled when the selection moved. The date is checked too, for a server
   * that answers another day than the one asked. */
  if (_turnos_booking_request_stale (request, self->day_cancellable))
    return;
  g_clear_object (&self->day_cancellable);
  if (a != NULL && (!g_date_valid (&self->date) || g_date_compare (&a->date, &self->date) != 0))
    {
      g_debug ("availability answered another day than the one asked");
      return;
    }

  _turnos_booking_set_loading (self, FALSE);
  if (a == NULL)
    {
      _turnos_booking_set_error (self, error);
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
  TurnosBookingRequest *request = _turnos_booking_request_new (self, &self->day_cancellable);

  turnos_client_get_availability_async (self->client, self->professional_id, &self->date,
                                        request->cancellable, availability_cb, request);
}

/*
 * Month overview
 */

static void
month_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TurnosBookingRequest) request = user_data;
  TurnosBooking *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosMonthOverview) month = turnos_client_get_month_finish (TURNOS_CLIENT (object),
                                                                         result, &error);

  /* Another month or professional is shown now: its marks are not these. */
  if (_turnos_booking_request_stale (request, self->month_cancellable))
    return;
  g_clear_object (&self->month_cancellable);
  if (month == NULL)
    {
      g_debug ("month overview: %s", error->message);
      return;
    }
  if (month->year != self->shown_year || month->month != self->shown_month)
    return;
  g_clear_pointer (&self->month, turnos_month_overview_unref);
  self->month = g_steal_pointer (&month);
  _turnos_booking_notify (self, PROP_MONTH);
}

void
_turnos_booking_fetch_month (TurnosBooking *self)
{
  TurnosBookingRequest *request;

  _turnos_booking_cancel (&self->month_cancellable);
  if (self->professional_id == NULL || self->shown_month == 0)
    return;
  request = _turnos_booking_request_new (self, &self->month_cancellable);
  turnos_client_get_month_async (self->client, self->professional_id, self->shown_year,
                                 self->shown_month, request->cancellable, month_cb, request);
}

/*
 * Public API
 */

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
  _turnos_booking_schedule_day (self, TURNOS_BOOKING_DEBOUNCE_MS);
  if (changed)
    _turnos_booking_notify (self, PROP_DATE);
  _turnos_booking_update_can_continue (self);
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
      _turnos_booking_notify (self, PROP_MONTH);
    }
  _turnos_booking_fetch_month (self);
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
  _turnos_booking_notify (self, PROP_SLOT);
  _turnos_booking_update_can_continue (self);
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
    _turnos_booking_schedule_day (self, 0);
  _turnos_booking_fetch_month (self);
}
