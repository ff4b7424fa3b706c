/* turnos-types.h: enums shared by every layer, whose string forms are the API's words
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * TurnosStatus:
 * Wire forms: "PENDING", "CONFIRMED", "CANCELLED".
 */
typedef enum
{
  TURNOS_STATUS_PENDING,
  TURNOS_STATUS_CONFIRMED,
  TURNOS_STATUS_CANCELLED,
} TurnosStatus;

/**
 * TurnosModality:
 * Wire forms: "" (none), "Virtual", "Presencial", "BOTH".
 * A reservation carries NONE, VIRTUAL or PRESENCIAL; a professional offers VIRTUAL,
 * PRESENCIAL or BOTH.
 */
typedef enum
{
  TURNOS_MODALITY_NONE,
  TURNOS_MODALITY_VIRTUAL,
  TURNOS_MODALITY_PRESENCIAL,
  TURNOS_MODALITY_BOTH,
} TurnosModality;

/**
 * TurnosSeriesMode:
 * How a weekly series is booked when some of its sessions cannot be (DESIGN.md "Reschedule,
 * series, waitlist"): ALL_OR_NOTHING books none of them then, FREE_ONES books the others.
 * Wire forms: "all_or_nothing", "free_ones".
 */
typedef enum
{
  TURNOS_SERIES_ALL_OR_NOTHING,
  TURNOS_SERIES_FREE_ONES,
} TurnosSeriesMode;

const char *turnos_status_to_string   (TurnosStatus    status);
gboolean    turnos_status_from_string (const char     *str,
                                       TurnosStatus   *out);
const char *turnos_modality_to_string   (TurnosModality  modality);
gboolean    turnos_modality_from_string (const char     *str,
                                         TurnosModality *out);
const char *turnos_series_mode_to_string   (TurnosSeriesMode  mode);
gboolean    turnos_series_mode_from_string (const char       *str,
                                            TurnosSeriesMode *out);

G_END_DECLS
