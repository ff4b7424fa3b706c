/* turnos-desk-agenda-actions.c: what the desk does to a session in the agenda
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cancel (with the desk's reason past the notice) and mark whether the patient came
 * (DESIGN.md's attendance call). Each answer refreshes the session's column at once; the live
 * events that the same change sends to every window refresh it again, harmlessly.
 * Reschedule is the therapy work's (DESIGN.md "Reschedule, series, waitlist"): the agenda
 * page keeps its place (turnos-agenda-page.c, "Reschedule").
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-desk-agenda-private.h"
#include "turnos-error.h"

enum {
  CHANGED,
  REASON_NEEDED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One action in flight: the agenda, and the session it is about. */
typedef struct
{
  TurnosDeskAgenda  *self;          /* owned */
  TurnosReservation *reservation;   /* owned */
  gboolean           with_reason;
} Action;

static void
action_free (Action *action)
{
  g_clear_object (&action->self);
  g_clear_pointer (&action->reservation, turnos_reservation_unref);
  g_free (action);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Action, action_free)

static Action *
action_new (TurnosDeskAgenda  *self,
            TurnosReservation *reservation)
{
  Action *action = g_new0 (Action, 1);

  action->self = g_object_ref (self);
  action->reservation = turnos_reservation_ref (reservation);
  return action;
}

static void
refresh_column (TurnosDeskAgenda *self,
                const char       *professional_id)
{
  g_autoptr(TurnosDeskDay) column = _turnos_desk_agenda_find_column (self, professional_id);

  if (column != NULL)
    turnos_desk_day_refresh (column);
}

/* The answer to a cancel or an attendance: the same handling for both. */
static void
answered (Action            *action,
          TurnosReservation *now,
          const GError      *error)
{
  TurnosDeskAgenda *self = action->self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Whatever the answer, the column shows what the server holds now. */
  refresh_column (self, action->reservation->professional_id);
  if (now != NULL)
    g_signal_emit (self, signals[CHANGED], 0, now);
  else if (!action->with_reason &&
           g_strcmp0 (turnos_client_error_get_api_code (error), TURNOS_CODE_TOO_LATE_TO_CANCEL) == 0)
    g_signal_emit (self, signals[REASON_NEEDED], 0, action->reservation);
  else
    g_signal_emit (self, signals[FAILED], 0, error);
}

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Action) action = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) now = NULL;

  if (action->with_reason)
    now = turnos_client_cancel_reservation_with_reason_finish (TURNOS_CLIENT (object), result, &error);
  else
    now = turnos_client_cancel_reservation_finish (TURNOS_CLIENT (object), result, &error);
  answered (action, now, error);
}

static void
attendance_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Action) action = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) now = turnos_client_set_attendance_finish (TURNOS_CLIENT (object),
                                                                          result, &error);

  answered (action, now, error);
}

/*
 * For turnos-desk-agenda.c
 */

void
_turnos_desk_agenda_class_actions_init (GObjectClass *klass)
{
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, TURNOS_TYPE_RESERVATION);
  signals[REASON_NEEDED] = g_signal_new ("reason-needed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         TURNOS_TYPE_RESERVATION);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

void
_turnos_desk_agenda_actions_init (TurnosDeskAgenda *self)
{
  self->actions = g_cancellable_new ();
}

void
_turnos_desk_agenda_actions_dispose (TurnosDeskAgenda *self)
{
  if (self->actions != NULL)
    g_cancellable_cancel (self->actions);
  g_clear_object (&self->actions);
  if (self->patients != NULL)
    turnos_patient_names_forget (self->patients);
  g_clear_object (&self->patients);
}

/*
 * Public API
 */

TurnosClient *
turnos_desk_agenda_get_client (TurnosDeskAgenda *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_AGENDA (self), NULL);
  return self->client;
}

TurnosPatientNames *
turnos_desk_agenda_get_patients (TurnosDeskAgenda *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_AGENDA (self), NULL);

  /* Made on first use: the client is a construct property, set after init. */
  if (self->patients == NULL)
    self->patients = turnos_patient_names_new (self->client);
  return self->patients;
}

void
turnos_desk_agenda_cancel (TurnosDeskAgenda  *self,
                           TurnosReservation *reservation,
                           const char        *reason)
{
  Action *action;

  g_return_if_fail (TURNOS_IS_DESK_AGENDA (self));
  g_return_if_fail (reservation != NULL && reservation->id != NULL);

  action = action_new (self, reservation);
  action->with_reason = reason != NULL && *reason != '\0';
  if (action->with_reason)
    turnos_client_cancel_reservation_with_reason_async (self->client, reservation->id, reason,
                                                        self->actions, cancel_cb, action);
  else
    turnos_client_cancel_reservation_async (self->client, reservation->id, self->actions,
                                            cancel_cb, action);
}

void
turnos_desk_agenda_set_attendance (TurnosDeskAgenda  *self,
                                   TurnosReservation *reservation,
                                   TurnosAttendance   attendance)
{
  g_return_if_fail (TURNOS_IS_DESK_AGENDA (self));
  g_return_if_fail (reservation != NULL && reservation->id != NULL);

  turnos_client_set_attendance_async (self->client, reservation->id, attendance, self->actions,
                                      attendance_cb, action_new (self, reservation));
}
