/* fuzz-month.c: the month overview answer
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "turnos-availability.h"
#include "turnos-json.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = fuzz_parse_json (data, size);
  g_autoptr(TurnosMonthOverview) m = NULL;
  g_autoptr(TurnosMonthOverview) again = NULL;
  g_autoptr(JsonNode) reread = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_len, second_len;

  if (node == NULL || !(m = turnos_month_overview_from_json (node, NULL)))
    return 0;
  fuzz_check (m->month >= 1 && m->month <= 12, "a month of the year");
  for (guint i = 0; i < m->days->len; i++)
    {
      const TurnosMonthDay *day = &g_array_index (m->days, TurnosMonthDay, i);

      fuzz_check (g_date_valid (&day->date) && day->free_slots >= 0, "a day with a count");
    }
  first = turnos_month_overview_to_json (m, &first_len);
  reread = turnos_json_parse (first, first_len, NULL);
  fuzz_check (reread != NULL, "the streamed answer is one JSON document");
  again = turnos_month_overview_from_json (reread, NULL);
  fuzz_check (again != NULL, "an overview it wrote reads back");
  second = turnos_month_overview_to_json (again, &second_len);
  fuzz_check (first_len == second_len && memcmp (first, second, first_len) == 0,
              "an overview reads back the same");
  return 0;
}
