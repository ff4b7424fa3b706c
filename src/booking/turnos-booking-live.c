/* turnos-booking-live.c: the booking controller's live updates
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What another desk does shows here without the user asking (issue #18): an availability
 * event for the shown professional refetches the month's marks and the selected day's free
 * times. Unlike picking a day (turnos-booking-day.c), a live refresh is quiet: nothing is
 * cleared first, "loading" does not move, and the list is patched in place, so the slots
 * still free keep their objects and a view keeps its selection, focus and scroll. The one
 * thing that may be lost is the chosen time itself, when someone else took it: then it is
 * unselected and said ("slot-lost", "notice").
 *
 * Events come in bursts (a booking is a reservation and an availability event, a block over
 * a week a single one); a refresh waits for an idle, so one burst is one request.
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-booking-private.h"

static guint slot_lost_signal;

static void set_notice (TurnosBooking *self, TurnosBookingNotice notice, GDateTime *at);

/*
 * The day's free times, quietly
 */

/* Whether this controller's own confirm or payment may be what took the chosen time. */
static gboolean
own_booking_in_flight (TurnosBooking *self)
{
  return self->busy || self->payment != NULL || self->booked != NULL ||
         self->step == TURNOS_BOOKING_STEP_DONE;
}

/* Patches the slot list into @free (TurnosInterval, in time order): the slots still there
 * stay as they are, the gone are removed and the new inserted in place. Returns the chosen
 * slot's start when it was removed, else NULL. */
static GDateTime *
patch_slots (TurnosBooking *self,
             GArray        *free)
{
  GListModel *model = G_LIST_MODEL (self->slots);
  GDateTime *lost = NULL;
  guint i = 0, j = 0;

  while (i < g_list_model_get_n_items (model) || j < free->len)
    {
      g_autoptr(TurnosSlot) slot = i < g_list_model_get_n_items (model)
                                   ? g_list_model_get_item (model, i) : NULL;
      TurnosInterval *iv = j < free->len ? &g_array_index (free, TurnosInterval, j) : NULL;
      int order = slot == NULL ? 1 : iv == NULL ? -1
                  : g_date_time_compare (turnos_slot_get_start (slot), iv->start);

      if (order == 0 && g_date_time_equal (turnos_slot_get_end (slot), iv->end))
        {
          i++;
          j++;
          continue;
        }
      if (order <= 0)
        {
          /* Gone (or changed shape: removed here, inserted next round). */
          if (slot == self->slot)
            lost = g_date_time_ref (turnos_slot_get_start (slot));
          g_list_store_remove (self->slots, i);
          continue;
        }
      {
        g_autoptr(TurnosSlot) fresh = turnos_slot_new (iv->start, iv->end);

        g_list_store_insert (self->slots, i, fresh);
        i++;
        j++;
      }
    }
  return lost;
}

static void
live_day_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TurnosBooking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosAvailability) a = turnos_client_get_availability_finish (TURNOS_CLIENT (object),
                                                                           result, &error);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GArray) free = NULL;
  g_autoptr(GDateTime) lost = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->live_cancellable);
  if (a == NULL)
    {
      /* Quiet: what is shown stays; the next event or resync asks again. */
      g_debug ("live refresh: %s", error->message);
      return;
    }
  /* Only for the day still shown, and only if no ordinary fetch took over meanwhile. */
  if (self->loading || self->settings == NULL || !g_date_valid (&self->date) ||
      g_date_compare (&a->date, &self->date) != 0)
    return;

  now = _turnos_booking_now (self);
  free = _turnos_booking_free_slots (self, a, now);
  self->live_changing = TRUE;
  lost = patch_slots (self, free);
  if (lost != NULL)
    turnos_booking_set_slot (self, NULL);
  self->live_changing = FALSE;
  if (lost != NULL && !own_booking_in_flight (self))
    {
      set_notice (self, TURNOS_BOOKING_NOTICE_SLOT_TAKEN, lost);
      g_signal_emit (self, slot_lost_signal, 0, TURNOS_BOOKING_NOTICE_SLOT_TAKEN, lost);
    }
}

static gboolean
live_day_idle_cb (gpointer user_data)
{
  TurnosBooking *self = user_data;
  g_autoptr(GCancellable) cancellable = NULL;

  self->live_day_id = 0;
  if (self->professional_id == NULL || self->settings == NULL || !g_date_valid (&self->date) ||
      self->day_state != TURNOS_DAY_OK)
    return G_SOURCE_REMOVE;
  /* The user's own booking is on its way (or done): the page refreshes on the way back. */
  if (own_booking_in_flight (self))
    return G_SOURCE_REMOVE;
  if (self->loading)
    {
      /* An ordinary fetch is pending: a debounce will ask after this event anyway; one in
       * flight may have been answered before the change, so it is asked again. */
      if (self->debounce_id == 0)
        _turnos_booking_schedule_day (self, 0);
      return G_SOURCE_REMOVE;
    }
  _turnos_booking_cancel (&self->live_cancellable);
  cancellable = g_cancellable_new ();
  self->live_cancellable = g_object_ref (cancellable);
  turnos_client_get_availability_async (self->client, self->professional_id, &self->date,
                                        cancellable, live_day_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
refresh_day_quietly (TurnosBooking *self)
{
  if (self->live_day_id == 0)
    self->live_day_id = g_idle_add (live_day_idle_cb, self);
}

/*
 * The settings, asked again
 */

static gboolean
same_settings (TurnosSettings *a,
               TurnosSettings *b)
{
  g_autoptr(JsonNode) na = turnos_settings_to_node (a);
  g_autoptr(JsonNode) nb = turnos_settings_to_node (b);

  return json_node_equal (na, nb);
}

static void
live_settings_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TurnosBooking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosSettings) settings = turnos_client_get_settings_finish (TURNOS_CLIENT (object),
                                                                         result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->live_settings_cancellable);
  if (settings == NULL || g_strcmp0 (settings->user_id, self->professional_id) != 0)
    return;
  if (self->settings != NULL && same_settings (settings, self->settings))
    {
      refresh_day_quietly (self);
      _turnos_booking_fetch_month (self);
      return;
    }
  /* Hours, duration or modality moved: everything is asked again; the chosen time stays
   * chosen if it is still offered (as on the way back from confirm). */
  if (self->step == TURNOS_BOOKING_STEP_RESERVE && self->slot != NULL)
    g_set_object (&self->keep_slot, self->slot);
  _turnos_booking_apply_settings (self, settings);
}

static void
refresh_settings (TurnosBooking *self)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  if (self->professional_id == NULL)
    return;
  _turnos_booking_cancel (&self->live_settings_cancellable);
  self->live_settings_cancellable = g_object_ref (cancellable);
  turnos_client_get_settings_async (self->client, self->professional_id, cancellable,
                                    live_settings_cb, g_object_ref (self));
}

/*
 * Events
 */

static void
on_availability_cb (TurnosEvents  *events,
                    const char    *professional_id,
                    const GDate   *first,
                    const GDate   *last,
                    TurnosBooking *self)
{
  if (g_strcmp0 (professional_id, self->professional_id) != 0)
    return;
  if (self->shown_month != 0 &&
      turnos_events_range_has_month (first, last, self->shown_year, self->shown_month))
    _turnos_booking_fetch_month (self);
  if (turnos_events_range_has_date (first, last, &self->date))
    refresh_day_quietly (self);
}

static void
on_settings_cb (TurnosEvents  *events,
                const char    *professional_id,
                TurnosBooking *self)
{
  if (g_strcmp0 (professional_id, self->professional_id) == 0)
    refresh_settings (self);
}

static void
on_resync_cb (TurnosEvents  *events,
              TurnosBooking *self)
{
  /* Not listening for a while: anything shown may be stale. */
  if (self->settings != NULL)
    refresh_settings (self);
}

/*
 * The notice
 */

static void
set_notice (TurnosBooking       *self,
            TurnosBookingNotice  notice,
            GDateTime           *at)
{
  gboolean time_changed = (at == NULL) != (self->notice_time == NULL) ||
                          (at != NULL && !g_date_time_equal (at, self->notice_time));

  if (time_changed)
    {
      g_clear_pointer (&self->notice_time, g_date_time_unref);
      self->notice_time = at ? g_date_time_ref (at) : NULL;
    }
  if (self->notice != notice)
    {
      self->notice = notice;
      _turnos_booking_notify (self, PROP_NOTICE);
    }
  if (time_changed)
    _turnos_booking_notify (self, PROP_NOTICE_TIME);
}

/* The user moved on (another time, day or professional): the notice is old news. */
static void
user_changed_cb (TurnosBooking *self,
                 GParamSpec    *pspec,
                 gpointer       user_data)
{
  if (!self->live_changing)
    set_notice (self, TURNOS_BOOKING_NOTICE_NONE, NULL);
}

/*
 * For turnos-booking.c
 */

void
_turnos_booking_class_live_init (GObjectClass  *klass,
                                 GParamSpec   **properties)
{
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  properties[PROP_EVENTS] =
    g_param_spec_object ("events", NULL, NULL, TURNOS_TYPE_EVENTS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTICE] =
    g_param_spec_enum ("notice", NULL, NULL, TURNOS_TYPE_BOOKING_NOTICE,
                       TURNOS_BOOKING_NOTICE_NONE, ro);
  properties[PROP_NOTICE_TIME] =
    g_param_spec_boxed ("notice-time", NULL, NULL, G_TYPE_DATE_TIME, ro);

  slot_lost_signal = g_signal_new ("slot-lost", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 2, TURNOS_TYPE_BOOKING_NOTICE,
                                   G_TYPE_DATE_TIME);
}

void
_turnos_booking_live_get_property (TurnosBooking *self,
                                   guint          prop_id,
                                   GValue        *value)
{
  switch (prop_id)
    {
    case PROP_EVENTS:
      g_value_set_object (value, self->events);
      break;
    case PROP_NOTICE:
      g_value_set_enum (value, self->notice);
      break;
    case PROP_NOTICE_TIME:
      g_value_set_boxed (value, self->notice_time);
      break;
    default:
      g_assert_not_reached ();
    }
}

void
_turnos_booking_live_dispose (TurnosBooking *self)
{
  g_clear_handle_id (&self->live_day_id, g_source_remove);
  _turnos_booking_cancel (&self->live_cancellable);
  _turnos_booking_cancel (&self->live_settings_cancellable);
  if (self->events != NULL)
    g_signal_handlers_disconnect_by_data (self->events, self);
  g_clear_object (&self->events);
  g_clear_pointer (&self->notice_time, g_date_time_unref);
}

/*
 * Public API
 */

void
turnos_booking_set_events (TurnosBooking *self,
                           TurnosEvents  *events)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));
  g_return_if_fail (events == NULL || TURNOS_IS_EVENTS (events));

  if (self->events == events)
    return;
  if (self->events != NULL)
    g_signal_handlers_disconnect_by_data (self->events, self);
  else
    {
      /* The first time: the user's own picks clear the notice from now on. */
      g_signal_connect (self, "notify::slot", G_CALLBACK (user_changed_cb), NULL);
      g_signal_connect (self, "notify::date", G_CALLBACK (user_changed_cb), NULL);
      g_signal_connect (self, "notify::professional-id", G_CALLBACK (user_changed_cb), NULL);
    }
  g_set_object (&self->events, events);
  if (events != NULL)
    {
      g_signal_connect (events, "availability", G_CALLBACK (on_availability_cb), self);
      g_signal_connect (events, "settings", G_CALLBACK (on_settings_cb), self);
      g_signal_connect (events, "resync", G_CALLBACK (on_resync_cb), self);
    }
  _turnos_booking_notify (self, PROP_EVENTS);
}

TurnosEvents *
turnos_booking_get_events (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->events;
}

TurnosBookingNotice
turnos_booking_get_notice (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), TURNOS_BOOKING_NOTICE_NONE);
  return self->notice;
}

GDateTime *
turnos_booking_get_notice_time (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->notice_time;
}
