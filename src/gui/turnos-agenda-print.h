/* turnos-agenda-print.h: the desk agenda's day sheet, printed
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "turnos-desk-agenda.h"

G_BEGIN_DECLS

/* Prints the day sheet of @agenda's date (GtkPrintOperation): each professional's sessions,
 * in the columns' order, with time, patient, phone and modality. The patients' names and
 * phones are read first (turnos_patient_names_fetch_async()); a patient that cannot be read
 * is printed by id. With @export_filename (nullable) the sheet is written there as a PDF,
 * with no dialog (GTK_PRINT_OPERATION_ACTION_EXPORT); otherwise the print dialog shows over
 * @parent (nullable). Completes when the operation has run: TRUE printed or exported, FALSE
 * with no error when the dialog was cancelled; errors: GTK_PRINT_ERROR, or
 * G_IO_ERROR_CANCELLED. */
void     turnos_agenda_print_async  (TurnosDeskAgenda    *agenda,
                                     GtkWindow           *parent,
                                     const char          *export_filename,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean turnos_agenda_print_finish (TurnosDeskAgenda    *agenda,
                                     GAsyncResult        *result,
                                     GError             **error);

/* The date as the agenda's title and the sheet's heading say it ("Wednesday, March 4, 2026"). */
char    *turnos_agenda_format_date  (const GDate         *date);

G_END_DECLS
