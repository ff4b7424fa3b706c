/* turnos-sqlite-attendance.c: the SQLite store marks a session's attendance
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One column on the reservations (migration 9 in turnos-sqlite-schema.c's list), written in a
 * write transaction with the reservation event that tells every open agenda (issue #18).
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-sqlite-store-private.h"

const char _turnos_sqlite_attendance_schema[] =
  "ALTER TABLE reservations ADD COLUMN attendance TEXT NOT NULL DEFAULT '' "
  "CHECK (attendance IN ('', 'arrived', 'no_show'));";

static TurnosReservation *
sqlite_set_attendance (TurnosStore       *store,
                       const char        *id,
                       TurnosAttendance   attendance,
                       GError           **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(TurnosReservation) current = NULL;
  sqlite3_stmt *st;

  if (!_turnos_sqlite_begin_write (self, error))
    return NULL;
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
      _turnos_sqlite_rollback (self);
      return g_steal_pointer (&current);
    }
  st = _turnos_sqlite_stmt (self, "UPDATE reservations SET attendance = ?2 WHERE id = ?1", error);
  if (st == NULL)
    goto out;
  sqlite3_bind_text (st, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (st, 2, turnos_attendance_to_string (attendance), -1, SQLITE_STATIC);
  /* A reservation event: no time moved, so no availability one. */
  if (!_turnos_sqlite_done (self, st, error) ||
      !_turnos_sqlite_append_reservation_events (self, id, current->client_id,
                                                 current->professional_id,
                                                 g_date_time_to_unix (current->start),
                                                 g_date_time_to_unix (current->end),
                                                 current->status, FALSE, error) ||
      !_turnos_sqlite_commit (self, error))
    goto out;
  return turnos_store_get_reservation (store, id, error);

out:
  _turnos_sqlite_rollback (self);
  return NULL;
}

void
_turnos_sqlite_attendance_iface_init (TurnosStoreInterface *iface)
{
  iface->set_attendance = sqlite_set_attendance;
}
