/* turnos-interval.h: a half-open span of time, [start, end)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  GDateTime *start;   /* owned */
  GDateTime *end;     /* owned */
} TurnosInterval;

void    turnos_interval_init  (TurnosInterval *iv,
                               GDateTime      *start,
                               GDateTime      *end);
void    turnos_interval_clear (TurnosInterval *iv);

/* A GArray of TurnosInterval that clears its elements. */
GArray *turnos_interval_array_new (void);

/* Reads {"start_time", "end_time"} in @tz by the rule of turnos-time.h (the end relative to
 * the start), with the optional "start_utc_offset" / "end_utc_offset"; unknown members are
 * ignored. An end not after the start is TURNOS_ERROR_INVALID_VALUE. */
gboolean turnos_interval_from_json (JsonObject     *object,
                                    GTimeZone      *tz,
                                    TurnosInterval *out,
                                    GError        **error);

G_END_DECLS
