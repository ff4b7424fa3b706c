/* turnos-block.h: time off, a span in which a professional takes no bookings
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char      *id;               /* NULL before stored */
  char      *professional_id;
  GDateTime *start;            /* may span many days */
  GDateTime *end;
  char      *reason;           /* may be NULL */

  /*< private >*/
  gatomicrefcount ref_count;
} TurnosBlock;

#define TURNOS_TYPE_BLOCK (turnos_block_get_type ())
GType        turnos_block_get_type (void) G_GNUC_CONST;

TurnosBlock *turnos_block_new   (void);
TurnosBlock *turnos_block_ref   (TurnosBlock *self);
void         turnos_block_unref (TurnosBlock *self);

/* JSON: {"id", "professional_id", "start_time", "end_time", "reason", "timezone",
 * "start_utc_offset", "end_utc_offset"}; start_time and end_time required (read in "timezone"
 * when it is a known zone, else in @tz, by the rule of turnos-time.h: the end relative to the
 * start, so 02:00–02:00 on a fall-back night is the repeated hour), end after start; the
 * others optional (a request, or a day's "blocked" list). to_json writes the *_utc_offset
 * additions beside a reading that occurs twice.
 * Errors: TURNOS_ERROR_PARSE, _MISSING_FIELD, _INVALID_VALUE. */
TurnosBlock *turnos_block_from_json (JsonNode          *node,
                                     GTimeZone         *tz,
                                     GError           **error);
/* A block as the server answers it when it was added or listed: as above, and a non-empty
 * id is required (TURNOS_ERROR_MISSING_FIELD), since removing it names it. */
TurnosBlock *turnos_block_stored_from_json (JsonNode    *node,
                                            GTimeZone   *tz,
                                            GError     **error);
void         turnos_block_to_json   (const TurnosBlock *self,
                                     JsonBuilder       *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosBlock, turnos_block_unref)

G_END_DECLS
