/* turnos-new-patient-dialog.h: adding a patient to the clinic's directory
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-client.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_NEW_PATIENT_DIALOG (turnos_new_patient_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TurnosNewPatientDialog, turnos_new_patient_dialog, TURNOS, NEW_PATIENT_DIALOG,
                      AdwWindow)

/* Property "client" (construct-only). A modal window: name (required), document, phone,
 * e-mail and, optionally, a user name with an initial password (8 characters or more) so the
 * patient can book from home (they choose their own at the first sign-in). Add sends
 * POST /patients; on success emits "created" (TurnosPerson *) and closes; a failure is said
 * in the window and nothing is lost. */
TurnosNewPatientDialog *turnos_new_patient_dialog_new (TurnosClient *client,
                                                       GtkWindow    *parent);

G_END_DECLS
