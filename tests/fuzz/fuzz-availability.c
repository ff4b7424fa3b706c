/* fuzz-availability.c: a day's availability answer
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
  g_autoptr(TurnosAvailability) a = NULL;
  g_autoptr(TurnosAvailability) again = NULL;
  g_autoptr(JsonNode) reread = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_len, second_len;

  if (node == NULL || !(a = turnos_availability_from_json (node, NULL)))
    return 0;
  fuzz_check (g_date_valid (&a->date) && a->tz != NULL, "a day in a zone");
  /* The streamed writer's document is JSON that reads back as the same answer. */
  first = turnos_availability_to_json (a, &first_len);
  reread = turnos_json_parse (first, first_len, NULL);
  fuzz_check (reread != NULL, "the streamed answer is one JSON document");
  again = turnos_availability_from_json (reread, NULL);
  fuzz_check (again != NULL, "an answer it wrote reads back");
  second = turnos_availability_to_json (again, &second_len);
  fuzz_check (first_len == second_len && memcmp (first, second, first_len) == 0,
              "an answer reads back the same");
  return 0;
}
