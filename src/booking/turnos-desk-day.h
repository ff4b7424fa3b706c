/* turnos-desk-day.h: one professional's day as the front desk sees it
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-client.h"

G_BEGIN_DECLS

typedef enum
{
  TURNOS_DESK_ENTRY_RESERVATION,
  TURNOS_DESK_ENTRY_BLOCK,
  TURNOS_DESK_ENTRY_FREE,
} TurnosDeskEntryKind;

#define TURNOS_TYPE_DESK_ENTRY (turnos_desk_entry_get_type ())
G_DECLARE_FINAL_TYPE (TurnosDeskEntry, turnos_desk_entry, TURNOS, DESK_ENTRY, GObject)

TurnosDeskEntryKind turnos_desk_entry_get_kind     (TurnosDeskEntry *self);
GDateTime          *turnos_desk_entry_get_start    (TurnosDeskEntry *self);
GDateTime          *turnos_desk_entry_get_end      (TurnosDeskEntry *self);
/* The patient (reservation) or the reason (block); NULL for a free time. */
const char         *turnos_desk_entry_get_who      (TurnosDeskEntry *self);
TurnosModality      turnos_desk_entry_get_modality (TurnosDeskEntry *self);
/* A reservation's session itself (to reschedule or cancel it), NULL for the other kinds. The
 * day's waitlist is a TurnosWaiting on the same professional and date (turnos-waiting.h). */
TurnosReservation  *turnos_desk_entry_get_reservation (TurnosDeskEntry *self);

#define TURNOS_TYPE_DESK_DAY (turnos_desk_day_get_type ())
G_DECLARE_FINAL_TYPE (TurnosDeskDay, turnos_desk_day, TURNOS, DESK_DAY, GObject)

/* Properties: "client" (construct-only), "professional-id", "entries" (GListModel of
 * TurnosDeskEntry: reservations, blocks and free times of the day, in time order), "loading",
 * "error" (GError, nullable: the day's last request failed; the entries are then empty). */
TurnosDeskDay *turnos_desk_day_new        (TurnosClient  *client);
void           turnos_desk_day_set_professional_id (TurnosDeskDay *self,
                                                    const char    *professional_id);
/* Shows @date (fetches it). */
void           turnos_desk_day_set_date   (TurnosDeskDay *self,
                                           const GDate   *date);
const char    *turnos_desk_day_get_professional_id (TurnosDeskDay *self);
/* The day shown, or NULL before one is set. */
const GDate   *turnos_desk_day_get_date   (TurnosDeskDay *self);
GListModel    *turnos_desk_day_get_entries (TurnosDeskDay *self);
const GError  *turnos_desk_day_get_error  (TurnosDeskDay *self);
gboolean       turnos_desk_day_get_loading (TurnosDeskDay *self);
void           turnos_desk_day_refresh    (TurnosDeskDay *self);

G_END_DECLS
