/* turnos-patient-names.h: the patients an agenda names, asked for once each
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-client.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_PATIENT_NAMES (turnos_patient_names_get_type ())
G_DECLARE_FINAL_TYPE (TurnosPatientNames, turnos_patient_names, TURNOS, PATIENT_NAMES, GObject)

/**
 * TurnosPatientNames:
 *
 * Who the patients of the sessions shown are: a reservation carries only the patient's id
 * (client_id), so the desk's agenda and its printed day sheet ask `GET /patients/{id}` for
 * each patient once (name, phone) and keep the answer. A patient that cannot be read (erased,
 * not found, the server away) is remembered as such until turnos_patient_names_forget(), so
 * an agenda redrawn ten times asks once.
 *
 * Signal "changed" (const char *id): the patient @id was just read (or could not be): what
 * turnos_patient_names_lookup() answers for it may be new.
 */
TurnosPatientNames *turnos_patient_names_new      (TurnosClient       *client);
/* The patient @id as read, or NULL while it is asked for (this call asks, the first time)
 * or when it could not be read. (transfer none: valid until the next "changed" for @id or
 * turnos_patient_names_forget()) */
TurnosPerson       *turnos_patient_names_lookup   (TurnosPatientNames *self,
                                                   const char         *id);
/* What to call the patient @id on screen: the display name once read, else @id itself (while
 * it is asked for, as turnos_patient_names_lookup() does, or when it could not be read; also
 * when @self is NULL). (transfer none: valid as the lookup's answer is, or as @id is) */
const char         *turnos_patient_names_get_name (TurnosPatientNames *self,
                                                   const char         *id);
/* Whether @id was asked for and answered, or failed: a lookup now will not ask again. */
gboolean            turnos_patient_names_is_known (TurnosPatientNames *self,
                                                   const char         *id);
/* Reads every patient of @ids (NULL-terminated) not yet known, at most
 * TURNOS_PATIENT_NAMES_PARALLEL requests at a time, then completes (a printed day sheet waits
 * for the names it shows). Never fails but on cancellation (G_IO_ERROR_CANCELLED): a
 * patient that cannot be read is shown by its id. */
#define TURNOS_PATIENT_NAMES_PARALLEL 4
void                turnos_patient_names_fetch_async  (TurnosPatientNames  *self,
                                                       const char * const  *ids,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            turnos_patient_names_fetch_finish (TurnosPatientNames  *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* Forgets everything read: the next lookups ask again (a resync: names and phones may have
 * changed meanwhile). Requests in flight are cancelled. */
void                turnos_patient_names_forget   (TurnosPatientNames *self);

G_END_DECLS
