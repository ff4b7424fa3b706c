/* turnos-types.c: the API's words for the shared enums
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include "turnos-types.h"

static const char * const status_words[] = { "PENDING", "CONFIRMED", "CANCELLED" };
static const char * const modality_words[] = { "", "Virtual", "Presencial", "BOTH" };

const char *
turnos_status_to_string (TurnosStatus status)
{
  g_return_val_if_fail (status <= TURNOS_STATUS_CANCELLED, NULL);
  return status_words[status];
}

gboolean
turnos_status_from_string (const char   *str,
                           TurnosStatus *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (status_words); i++)
    if (g_str_equal (str, status_words[i]))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
turnos_modality_to_string (TurnosModality modality)
{
  g_return_val_if_fail (modality <= TURNOS_MODALITY_BOTH, NULL);
  return modality_words[modality];
}

gboolean
turnos_modality_from_string (const char     *str,
                             TurnosModality *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (modality_words); i++)
    if (g_str_equal (str, modality_words[i]))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

static const char * const series_mode_words[] = { "all_or_nothing", "free_ones" };

const char *
turnos_series_mode_to_string (TurnosSeriesMode mode)
{
  g_return_val_if_fail (mode <= TURNOS_SERIES_FREE_ONES, NULL);
  return series_mode_words[mode];
}

gboolean
turnos_series_mode_from_string (const char       *str,
                                TurnosSeriesMode *out)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (series_mode_words); i++)
    if (g_str_equal (str, series_mode_words[i]))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}
