/* turnos-waitlist.h: a patient waiting for time to free up on a professional's day
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * TurnosWaitlistEntry:
 * @id: the entry's id (NULL before stored)
 * @professional_id: whose day
 * @client_id: who waits
 * @date: the day, in the professional's zone
 * @created_at: (nullable): when the patient joined (NULL before stored)
 * @offered_time: (nullable): the start of the last time that freed up on that day since the
 *   patient joined (a waitlist_offer was sent for it), in the professional's zone; NULL while
 *   none has
 * @seq: the store's order of arrival, first come lowest (0 before stored; not in the JSON)
 *
 * DESIGN.md "Reschedule, series, waitlist": when time frees up on @date, the patient is told
 * (a waitlist_offer live event); the first to book wins, and an entry ends with its day.
 * Refcounted, immutable once shared.
 */
typedef struct
{
  char      *id;
  char      *professional_id;
  char      *client_id;
  GDate      date;
  GDateTime *created_at;
  GDateTime *offered_time;
  gint64     seq;

  /*< private >*/
  gatomicrefcount ref_count;
} TurnosWaitlistEntry;

#define TURNOS_TYPE_WAITLIST_ENTRY (turnos_waitlist_entry_get_type ())
GType                turnos_waitlist_entry_get_type (void) G_GNUC_CONST;

TurnosWaitlistEntry *turnos_waitlist_entry_new   (void);
TurnosWaitlistEntry *turnos_waitlist_entry_ref   (TurnosWaitlistEntry *self);
void                 turnos_waitlist_entry_unref (TurnosWaitlistEntry *self);

/* {"id", "professional_id", "client_id", "date": "YYYY-MM-DD", "created_at", "offered_time",
 * "timezone"}: the times are wall readings in "timezone" (the professional's), each written
 * only when set. */
void                 turnos_waitlist_entry_to_json   (const TurnosWaitlistEntry *self,
                                                      JsonBuilder               *builder);
/* As written above; professional_id, client_id and date required, and id when @stored
 * (TURNOS_ERROR_MISSING_FIELD); times need "timezone" (else they are left out). Errors:
 * TURNOS_ERROR_MISSING_FIELD, _PARSE (a date or time). */
TurnosWaitlistEntry *turnos_waitlist_entry_from_json (JsonNode                  *node,
                                                      gboolean                   stored,
                                                      GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosWaitlistEntry, turnos_waitlist_entry_unref)

G_END_DECLS
