/* turnos-booking-reschedule.c: moving an existing session with the booking flow
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-booking-private.h"
#include "turnos-slots.h"
#include "turnos-time.h"

void
_turnos_booking_class_reschedule_init (GObjectClass  *klass,
                                       GParamSpec   **properties)
{
  properties[PROP_RESCHEDULING] =
    g_param_spec_boxed ("rescheduling", NULL, NULL, TURNOS_TYPE_RESERVATION,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

/* Whether [@start, @end) is the moved session's own time. */
static gboolean
is_own (TurnosReservation *own,
        GDateTime         *start,
        GDateTime         *end)
{
  return g_date_time_equal (start, own->start) && (end == NULL || g_date_time_equal (end, own->end));
}

GArray *
_turnos_booking_free_slots (TurnosBooking      *self,
                            TurnosAvailability *a,
                            GDateTime          *now)
{
  TurnosReservation *own = self->rescheduling;
  g_autoptr(GArray) busy = NULL;

  if (own == NULL || g_strcmp0 (own->professional_id, self->professional_id) != 0)
    return turnos_availability_free_slots (a, self->settings, now);

  /* The day's busy times but the session's own, through the same engine as the server's. */
  busy = turnos_interval_array_new ();
  if (a->occupied->len > 0)
    for (guint i = 0; i < a->occupied->len; i++)
      {
        TurnosInterval *iv = &g_array_index (a->occupied, TurnosInterval, i);
        TurnosInterval copy;

        if (is_own (own, iv->start, iv->end))
          continue;
        turnos_interval_init (&copy, iv->start, iv->end);
        g_array_append_val (busy, copy);
      }
  else
    for (guint i = 0; a->occupied_slots != NULL && a->occupied_slots[i] != NULL; i++)
      {
        g_autoptr(GDateTime) start = turnos_time_parse (a->occupied_slots[i], self->settings->tz, NULL);
        g_autoptr(GDateTime) end = NULL;
        TurnosInterval iv;

        if (start == NULL || is_own (own, start, NULL))
          continue;
        end = turnos_reservation_draft_end (self->settings, start);
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
                               busy->len, now);
}

void
turnos_booking_reschedule (TurnosBooking     *self,
                           TurnosReservation *old)
{
  GDate day;

  g_return_if_fail (TURNOS_IS_BOOKING (self));
  g_return_if_fail (old != NULL && old->id != NULL && old->professional_id != NULL && old->start != NULL);

  /* From wherever the flow was: a fresh start on the session's professional. */
  turnos_booking_start_over (self);
  if (old->client_id != NULL)
    turnos_booking_set_client_id (self, old->client_id);
  g_clear_pointer (&self->rescheduling, turnos_reservation_unref);
  self->rescheduling = turnos_reservation_ref (old);
  _turnos_booking_notify (self, PROP_RESCHEDULING);
  turnos_booking_set_professional_id (self, old->professional_id);
  if (old->modality == TURNOS_MODALITY_VIRTUAL || old->modality == TURNOS_MODALITY_PRESENCIAL)
    turnos_booking_set_modality (self, old->modality);
  turnos_date_from_datetime (old->start, &day);
  turnos_booking_set_date (self, &day);
}

TurnosReservation *
turnos_booking_get_rescheduling (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->rescheduling;
}

void
turnos_booking_stop_rescheduling (TurnosBooking *self)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));

  if (self->rescheduling == NULL)
    return;
  g_clear_pointer (&self->rescheduling, turnos_reservation_unref);
  _turnos_booking_notify (self, PROP_RESCHEDULING);
}
