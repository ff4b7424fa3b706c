/* turnos-patient-picker.h: the desk chooses whose session this is from the patient directory
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-booking.h"

G_BEGIN_DECLS

#define TURNOS_PATIENT_PICKER_DEBOUNCE_MS 300
#define TURNOS_PATIENT_PICKER_LIMIT 20

#define TURNOS_TYPE_PATIENT_PICKER (turnos_patient_picker_get_type ())
G_DECLARE_FINAL_TYPE (TurnosPatientPicker, turnos_patient_picker, TURNOS, PATIENT_PICKER, GtkWidget)

/* Search as you type (by name, document or phone; GET /patients?q= after a 300 ms pause, a
 * stale answer dropped), results with name, document and phone; choosing one sets the
 * booking's "client-id", and clearing the booking's client-id (the next booking) empties the
 * picker. "New Patient" adds one (TurnosNewPatientDialog) and chooses them.
 *
 * Properties: "booking" (TurnosBooking, set once: whose client does the searching and whose
 * client-id is chosen), "patient" (TurnosPerson boxed, ro, nullable: the chosen one) and
 * "can-erase" (bool, rw: the admin may erase the chosen patient's personal data, after
 * confirming). */
GtkWidget    *turnos_patient_picker_new         (void);
void          turnos_patient_picker_set_booking (TurnosPatientPicker *self,
                                                 TurnosBooking       *booking);
TurnosPerson *turnos_patient_picker_get_patient (TurnosPatientPicker *self);
/* Chooses @patient (NULL: none) as if picked from the results. */
void          turnos_patient_picker_set_patient (TurnosPatientPicker *self,
                                                 TurnosPerson        *patient);
void          turnos_patient_picker_set_can_erase (TurnosPatientPicker *self,
                                                   gboolean             can_erase);

/* Puts the keyboard on the search (no patient yet) or on the chosen patient. Not a grab_focus
 * override: GTK offers a container the focus while Tab walks through it, and an override would
 * pull the walk back into the picker. */
gboolean turnos_patient_picker_focus_default (TurnosPatientPicker *self);

G_END_DECLS
