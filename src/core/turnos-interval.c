/* turnos-interval.c: a half-open span of time
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include "turnos-error.h"
#include "turnos-interval.h"
#include "turnos-json.h"
#include "turnos-time.h"

void
turnos_interval_init (TurnosInterval *iv,
                      GDateTime      *start,
                      GDateTime      *end)
{
  g_return_if_fail (iv != NULL && start != NULL && end != NULL);
  iv->start = g_date_time_ref (start);
  iv->end = g_date_time_ref (end);
}

void
turnos_interval_clear (TurnosInterval *iv)
{
  g_clear_pointer (&iv->start, g_date_time_unref);
  g_clear_pointer (&iv->end, g_date_time_unref);
}

GArray *
turnos_interval_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (TurnosInterval));

  g_array_set_clear_func (array, (GDestroyNotify) turnos_interval_clear);
  return array;
}

gboolean
turnos_interval_from_json (JsonObject     *object,
                           GTimeZone      *tz,
                           TurnosInterval *out,
                           GError        **error)
{
  const char *s = NULL, *e = NULL, *s_offset = NULL, *e_offset = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;

  /* The rule of turnos-time.h: the start's first occurrence, the end relative to the start,
   * either one at its *_utc_offset when the writer gave one. */
  if (!turnos_json_get_string (object, "start_time", FALSE, &s, error) ||
      !turnos_json_get_string (object, "end_time", FALSE, &e, error) ||
      !turnos_json_get_string (object, "start_utc_offset", TRUE, &s_offset, error) ||
      !turnos_json_get_string (object, "end_utc_offset", TRUE, &e_offset, error) ||
      !(start = turnos_time_parse_full (s, s_offset, tz, NULL, error)))
    return FALSE;
  if (!(end = turnos_time_parse_full (e, e_offset, tz, start, error)))
    {
      if (error != NULL && *error != NULL && (*error)->code == TURNOS_ERROR_INVALID_VALUE)
        g_prefix_error (error, "interval ends before it starts: ");
      return FALSE;
    }
  out->start = g_steal_pointer (&start);
  out->end = g_steal_pointer (&end);
  return TRUE;
}
