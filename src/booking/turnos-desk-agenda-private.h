/* turnos-desk-agenda-private.h: what the desk agenda's files share
 *
 * TurnosDeskAgenda is one GObject in two files: turnos-desk-agenda.c (the professionals, the
 * columns, the date, following the events) and turnos-desk-agenda-actions.c (what the desk
 * does to a session: cancel it, mark whether the patient came; the patients' names).
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-desk-agenda.h"

G_BEGIN_DECLS

struct _TurnosDeskAgenda
{
  GObject          parent_instance;

  /* Owned references */
  TurnosClient    *client;
  TurnosEvents    *events;
  GListStore      *professionals;  /* of TurnosProfessional */
  GListStore      *columns;        /* of TurnosDeskDay, in the same order */
  GError          *error;
  GCancellable    *cancellable;
  TurnosPatientNames *patients;
  GCancellable    *actions;        /* the actions in flight, cancelled on dispose */

  /* State */
  GDate            date;
  gboolean         loading;
  TurnosClockFunc  clock;
  gpointer         clock_data;
};

/* turnos-desk-agenda-actions.c */
void _turnos_desk_agenda_class_actions_init (GObjectClass     *klass);
void _turnos_desk_agenda_actions_init       (TurnosDeskAgenda *self);
void _turnos_desk_agenda_actions_dispose    (TurnosDeskAgenda *self);
/* The column of @professional_id, or NULL. (transfer full) */
TurnosDeskDay *_turnos_desk_agenda_find_column (TurnosDeskAgenda *self,
                                                const char       *professional_id);

G_END_DECLS
