/* turnos-error.c: the core error domain and its API words
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include "turnos-error.h"

G_DEFINE_QUARK (turnos-error-quark, turnos_error)

const char *
turnos_error_to_code (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain != TURNOS_ERROR)
    return TURNOS_CODE_INTERNAL;

  switch ((TurnosError) error->code)
    {
    case TURNOS_ERROR_PARSE:
    case TURNOS_ERROR_MISSING_FIELD:
      return TURNOS_CODE_BAD_REQUEST;
    case TURNOS_ERROR_INVALID_VALUE:
      return TURNOS_CODE_INVALID_FIELD;
    case TURNOS_ERROR_BAD_DURATION:
      return TURNOS_CODE_BAD_DURATION;
    case TURNOS_ERROR_OUTSIDE_HOURS:
      return TURNOS_CODE_OUTSIDE_HOURS;
    case TURNOS_ERROR_IN_PAST:
      return TURNOS_CODE_IN_PAST;
    case TURNOS_ERROR_TOO_SOON:
      return TURNOS_CODE_TOO_SOON;
    case TURNOS_ERROR_BEYOND_HORIZON:
      return TURNOS_CODE_BEYOND_HORIZON;
    case TURNOS_ERROR_MODALITY_NOT_OFFERED:
      return TURNOS_CODE_MODALITY_NOT_OFFERED;
    case TURNOS_ERROR_ALREADY_CANCELLED:
      return TURNOS_CODE_ALREADY_CANCELLED;
    case TURNOS_ERROR_RESERVATION_PAST:
      return TURNOS_CODE_RESERVATION_PAST;
    case TURNOS_ERROR_TOO_LATE_TO_CANCEL:
      return TURNOS_CODE_TOO_LATE_TO_CANCEL;
    default:
      return TURNOS_CODE_INTERNAL;
    }
}
