/* turnos-waiting.h: who waits for time to free up, and the offers when it does
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-client.h"
#include "turnos-events.h"
#include "turnos-patient-names.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_WAITING_ITEM (turnos_waiting_item_get_type ())
G_DECLARE_FINAL_TYPE (TurnosWaitingItem, turnos_waiting_item, TURNOS, WAITING_ITEM, GObject)

/* One waitlist entry in a list. Read-only properties (notified on change): "entry"
 * (TurnosWaitlistEntry boxed), "offered" (bool: time freed up on its day since the patient
 * joined; the entry's offered_time says when it started), "patient-name" (string, never NULL:
 * the patient's display name once the list's "patients" read it, else their id (the entry's
 * client_id, which the server always sets): while it is asked for, when it could not be read,
 * or with no "patients" set). */
TurnosWaitlistEntry *turnos_waiting_item_get_entry        (TurnosWaitingItem *self);
gboolean             turnos_waiting_item_get_offered      (TurnosWaitingItem *self);
const char          *turnos_waiting_item_get_patient_name (TurnosWaitingItem *self);

#define TURNOS_TYPE_WAITING (turnos_waiting_get_type ())
G_DECLARE_FINAL_TYPE (TurnosWaiting, turnos_waiting, TURNOS, WAITING, GObject)

/**
 * TurnosWaiting:
 *
 * A waitlist (DESIGN.md "Reschedule, series, waitlist"), as the desk's day shows who waits
 * ("professional-id" and "date" set) or as a patient's app shows the days they wait for
 * ("client-id" set, the others NULL). The list is asked for when what it shows changes, and
 * again whenever a live event may have changed it.
 *
 * Properties (notified on change): "client" (TurnosClient, construct-only),
 * "professional-id", "date" (GDate boxed), "client-id" (each rw, nullable: filters of the
 * list), "items" (GListModel of TurnosWaitingItem, first come first; every page of the
 * answer), "loading" (bool, ro), "error" (GError boxed, ro, nullable: the last list's
 * failure), "events" (TurnosEvents, rw, nullable: followed as below), "patients"
 * (TurnosPatientNames, rw, nullable: who names the items' patients, "patient-name"; the desk
 * sets it, a patient's own list needs none; each item's name follows its "changed").
 *
 * Signals:
 * - "offer" (const char *professional_id, const GDate *date, const char *start_time): a
 *   waitlist_offer for this account: time freed up on a day it waits for, from @start_time
 *   (the professional's wall clock, "YYYY-MM-DDTHH:MM:SS"). The GUI tells the patient (a
 *   GNotification whose "Book" opens the booking on that professional and day,
 *   turnos_booking_choose_time() or set_professional_id + set_date); the first to book wins.
 * - "joined" (TurnosWaitlistEntry*), "left" (TurnosWaitlistEntry*): turnos_waiting_join() or
 *   _leave() did (the list is asked for again).
 * - "failed" (GError*): a join or leave failed (409 waitlist_full, 403, …).
 *
 * Live updates, with "events" set: an "availability" event touching the shown day (or any,
 * for a patient's own list) asks again quietly (an offer shows on its row); "waitlist-offer"
 * asks again and emits "offer"; "resync" forgets the names read ("patients") and asks again.
 */
TurnosWaiting *turnos_waiting_new                 (TurnosClient  *client);
void           turnos_waiting_set_professional_id (TurnosWaiting *self,
                                                   const char    *professional_id);
const char    *turnos_waiting_get_professional_id (TurnosWaiting *self);
void           turnos_waiting_set_date            (TurnosWaiting *self,
                                                   const GDate   *date);
const GDate   *turnos_waiting_get_date            (TurnosWaiting *self);
void           turnos_waiting_set_client_id       (TurnosWaiting *self,
                                                   const char    *client_id);
const char    *turnos_waiting_get_client_id       (TurnosWaiting *self);
GListModel    *turnos_waiting_get_items           (TurnosWaiting *self);
gboolean       turnos_waiting_get_loading         (TurnosWaiting *self);
const GError  *turnos_waiting_get_error           (TurnosWaiting *self);
void           turnos_waiting_set_events          (TurnosWaiting *self,
                                                   TurnosEvents  *events);
TurnosEvents  *turnos_waiting_get_events          (TurnosWaiting *self);
void           turnos_waiting_set_patients        (TurnosWaiting      *self,
                                                   TurnosPatientNames *patients);
TurnosPatientNames *turnos_waiting_get_patients   (TurnosWaiting *self);

/* Asks for the list again (nothing while no filter is set). */
void           turnos_waiting_refresh             (TurnosWaiting *self);
/* "Tell me if a time frees up" (a patient, for themselves) / "Add to waitlist" (the desk). */
void           turnos_waiting_join                (TurnosWaiting *self,
                                                   const char    *professional_id,
                                                   const GDate   *date,
                                                   const char    *client_id);
void           turnos_waiting_leave               (TurnosWaiting     *self,
                                                   TurnosWaitingItem *item);

G_END_DECLS
