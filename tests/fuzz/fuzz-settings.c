/* fuzz-settings.c: a professional's settings, and the slot engine fed them
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "turnos-interval.h"
#include "turnos-settings.h"
#include "turnos-slots.h"
#include "turnos-time.h"

static GDateTime *now;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  now = g_date_time_new_utc (2026, 3, 2, 15, 0, 0);
  return 0;
}

/* A week of slots from the parsed rules: each slot ends after it starts, in order. */
static void
compute_week (TurnosSettings *s)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 2, G_DATE_MARCH, 2026);
  for (int i = 0; i < 7; i++, g_date_add_days (&day, 1))
    {
      g_autoptr(GArray) slots = turnos_slots_compute_for (s, &day, NULL, NULL, now);

      fuzz_check (slots != NULL, "every day has a slot list");
      for (guint j = 0; j < slots->len; j++)
        {
          const TurnosInterval *iv = &g_array_index (slots, TurnosInterval, j);

          fuzz_check (g_date_time_compare (iv->start, iv->end) < 0, "a slot ends after it starts");
          fuzz_check (j == 0 || g_date_time_compare (g_array_index (slots, TurnosInterval, j - 1).start,
                                                     iv->start) < 0, "slots are in order");
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = fuzz_parse_json (data, size);
  g_autoptr(TurnosSettings) s = NULL;
  g_autoptr(TurnosSettings) again = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) rewritten = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (node == NULL || !(s = turnos_settings_from_json (node, NULL)))
    return 0;
  fuzz_check (s->tz != NULL && s->timezone != NULL && s->user_id != NULL,
              "settings have a zone and a user");
  written = turnos_settings_to_node (s);
  again = turnos_settings_from_json (written, NULL);
  fuzz_check (again != NULL, "settings it wrote read back");
  rewritten = turnos_settings_to_node (again);
  first = fuzz_dump (written);
  second = fuzz_dump (rewritten);
  fuzz_check (g_str_equal (first, second), "settings read back the same");
  compute_week (s);
  return 0;
}
