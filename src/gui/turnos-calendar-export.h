/* turnos-calendar-export.h: Add to Calendar: a session written as an iCalendar file and opened
 * with the person's calendar app
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "turnos-reservation.h"

G_BEGIN_DECLS

/**
 * turnos_calendar_export_path:
 * @reservation_id: the reservation's id, as the server sent it
 *
 * Where Add to Calendar writes @reservation_id's event: turnos-ID.ics in Turnos's folder of
 * the user's cache ($XDG_CACHE_HOME/turnos). Characters of the id other than ASCII letters,
 * digits, '-' and '_' are written as '_', so an id from a hostile server cannot name a file
 * anywhere else.
 *
 * Returns: (transfer full): the file's path
 */
char    *turnos_calendar_export_path   (const char          *reservation_id);

/**
 * turnos_calendar_export_async:
 * @parent: (nullable): the window the calendar app opens over
 * @reservation: the session to add (its state decides STATUS and SEQUENCE: a cancelled one's
 *   file cancels the event imported before, turnos_ics_from_reservation())
 * @title: the event's SUMMARY, e.g. "Session with Dra. Ana Gómez"
 * @cancellable: (nullable): stops the writing and the wait for the app
 *
 * Writes the event to turnos_calendar_export_path() (in a worker thread; the folder is made
 * 0700) and opens it with the app the desktop has for text/calendar (gtk_show_uri_full()).
 * Nothing is asked: the file's place is Turnos's own, and the calendar app does the adding.
 * With TURNOS_NO_BROWSER set in the environment (the tests), no app is started.
 */
void     turnos_calendar_export_async  (GtkWindow           *parent,
                                        TurnosReservation   *reservation,
                                        const char          *title,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/**
 * turnos_calendar_export_finish:
 * @result: the result given to the callback
 *
 * What to tell the person, the same from every page: nothing when a calendar app opened the
 * file or the export was cancelled; where the file is when no app opened it; that it could not
 * be written (the folder or the disk refused; the reason goes to the debug log).
 *
 * Returns: (transfer full) (nullable): a translated sentence to show, or NULL
 */
char    *turnos_calendar_export_finish (GAsyncResult        *result);

G_END_DECLS
