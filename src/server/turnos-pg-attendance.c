/* turnos-pg-attendance.c: the PostgreSQL store marks a session's attendance
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the SQLite store's (turnos-sqlite-attendance.c): one column on the reservations
 * (migration 9), written in one transaction with the reservation event that tells every open
 * agenda (issue #18).
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-pg-store-private.h"

const char _turnos_pg_attendance_schema[] =
  "ALTER TABLE reservations ADD COLUMN attendance text NOT NULL DEFAULT '' "
  "CHECK (attendance IN ('', 'arrived', 'no_show'));";

static TurnosReservation *
pg_set_attendance (TurnosStore       *store,
                   const char        *id,
                   TurnosAttendance   attendance,
                   GError           **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  g_autoptr(TurnosReservation) current = NULL;
  PGresult *res;
  gboolean changed;

  if (!_turnos_pg_begin (self, error))
    return NULL;
  /* The row stays as read until the commit: a cancel at another desk waits for this. */
  res = _turnos_pg_query (self, "SELECT 1 FROM reservations WHERE id = $1 FOR UPDATE",
                          PARAMS (id), error);
  if (res == NULL)
    goto out;
  PQclear (res);
  if (!(current = turnos_store_get_reservation (store, id, error)))
    goto out;
  if (current->status != TURNOS_STATUS_CONFIRMED)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_ALREADY_CANCELLED,
                   "reservation %s is %s, not confirmed", id,
                   turnos_status_to_string (current->status));
      goto out;
    }
  /* The same word again changes nothing, and tells nobody. */
  if (current->attendance == attendance)
    {
      _turnos_pg_rollback (self);
      return g_steal_pointer (&current);
    }
  res = _turnos_pg_query (self, "UPDATE reservations SET attendance = $2 WHERE id = $1",
                          PARAMS (id, turnos_attendance_to_string (attendance)), error);
  if (res == NULL)
    goto out;
  changed = !g_str_equal (PQcmdTuples (res), "0");
  PQclear (res);
  g_assert (changed);   /* the row is locked above */
  /* A reservation event: no time moved, so no availability one. */
  if (!_turnos_pg_append_reservation_events (self, id, current->client_id, current->professional_id,
                                             g_date_time_to_unix (current->start),
                                             g_date_time_to_unix (current->end),
                                             current->status, FALSE, error) ||
      !_turnos_pg_commit (self, error))
    goto out;
  return turnos_store_get_reservation (store, id, error);

out:
  _turnos_pg_rollback (self);
  return NULL;
}

void
_turnos_pg_attendance_iface_init (TurnosStoreInterface *iface)
{
  iface->set_attendance = pg_set_attendance;
}
