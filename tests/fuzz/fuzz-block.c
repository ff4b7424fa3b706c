/* fuzz-block.c: time off as a request and as the server answers it
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "turnos-block.h"
#include "turnos-time.h"

static GTimeZone *zone;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  zone = turnos_time_zone_new ("Europe/Madrid");
  return 0;
}

static JsonNode *
to_node (const TurnosBlock *b)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  turnos_block_to_json (b, builder);
  return json_builder_get_root (builder);
}

typedef TurnosBlock *(*ParseFunc) (JsonNode *node, GTimeZone *tz, GError **error);

static void
round_trip (TurnosBlock *b,
            ParseFunc    parse)
{
  g_autoptr(JsonNode) node = to_node (b);
  g_autoptr(TurnosBlock) again = parse (node, NULL, NULL);
  g_autoptr(JsonNode) node2 = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  fuzz_check (again != NULL, "a block it wrote reads back");
  node2 = to_node (again);
  first = fuzz_dump (node);
  second = fuzz_dump (node2);
  fuzz_check (g_str_equal (first, second), "a block reads back the same");
  fuzz_check (g_date_time_equal (b->start, again->start) && g_date_time_equal (b->end, again->end),
              "a block reads back the same span");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = fuzz_parse_json (data, size);
  g_autoptr(TurnosBlock) draft = NULL;
  g_autoptr(TurnosBlock) stored = NULL;

  if (node == NULL)
    return 0;
  draft = turnos_block_from_json (node, zone, NULL);
  stored = turnos_block_stored_from_json (node, zone, NULL);
  fuzz_check (stored == NULL || draft != NULL, "what is stored is a draft too");
  if (draft != NULL)
    {
      fuzz_check (g_date_time_compare (draft->start, draft->end) < 0, "a block ends after it starts");
      round_trip (draft, turnos_block_from_json);
    }
  if (stored != NULL)
    {
      fuzz_check (stored->id != NULL && *stored->id != '\0', "a stored block has an id");
      round_trip (stored, turnos_block_stored_from_json);
    }
  return 0;
}
