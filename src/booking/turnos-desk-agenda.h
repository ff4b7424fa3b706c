/* turnos-desk-agenda.h: the front desk's agenda of all professionals for one day
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-booking.h"
#include "turnos-desk-day.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_DESK_AGENDA (turnos_desk_agenda_get_type ())
G_DECLARE_FINAL_TYPE (TurnosDeskAgenda, turnos_desk_agenda, TURNOS, DESK_AGENDA, GObject)

/**
 * TurnosDeskAgenda:
 *
 * Every professional's day side by side (issue #18, "The desk's agenda"): a column each,
 * live. The page draws a timeline per column from its TurnosDeskDay's entries (sessions,
 * time off, free times), the date in its title, previous/next day and Today.
 *
 * Properties (notify only on change):
 * - "client" (TurnosClient, construct-only)
 * - "events" (TurnosEvents, rw, nullable): followed; each column refreshes when an event
 *   touches its professional's shown day, the professionals are asked again when one
 *   unknown changes (a new professional) and on "resync".
 * - "date" (GDate boxed, rw): the day shown in every column; today (the clock's local date)
 *   until set.
 * - "professionals" (GListModel of TurnosProfessional, ro): in the server's order.
 * - "columns" (GListModel of TurnosDeskDay, ro): one per professional, in the same order; a
 *   professional's column stays the same object across days and refreshes.
 * - "loading" (bool, ro): the professionals are being asked for.
 * - "error" (GError boxed, ro, nullable): why they could not be.
 */
TurnosDeskAgenda *turnos_desk_agenda_new        (TurnosClient     *client);
/* The clock "today" reads (default the real one); for tests. */
void              turnos_desk_agenda_set_clock  (TurnosDeskAgenda *self,
                                                 TurnosClockFunc   func,
                                                 gpointer          user_data);
/* Asks for the professionals (and so the columns): call once the page shows. */
void              turnos_desk_agenda_load       (TurnosDeskAgenda *self);
void              turnos_desk_agenda_set_events (TurnosDeskAgenda *self,
                                                 TurnosEvents     *events);
TurnosEvents     *turnos_desk_agenda_get_events (TurnosDeskAgenda *self);
const GDate      *turnos_desk_agenda_get_date   (TurnosDeskAgenda *self);
void              turnos_desk_agenda_set_date   (TurnosDeskAgenda *self,
                                                 const GDate      *date);
/* Moves the date by @days (-1: previous day, 1: next day). */
void              turnos_desk_agenda_move       (TurnosDeskAgenda *self,
                                                 int               days);
void              turnos_desk_agenda_today      (TurnosDeskAgenda *self);
GListModel       *turnos_desk_agenda_get_professionals (TurnosDeskAgenda *self);
GListModel       *turnos_desk_agenda_get_columns (TurnosDeskAgenda *self);
gboolean          turnos_desk_agenda_get_loading (TurnosDeskAgenda *self);
const GError     *turnos_desk_agenda_get_error  (TurnosDeskAgenda *self);
/* Asks for everything again (Retry). */
void              turnos_desk_agenda_refresh    (TurnosDeskAgenda *self);

G_END_DECLS
