/* fuzz-reservation.c: a reservation as a draft (a request) and as stored (an answer)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "turnos-reservation.h"
#include "turnos-time.h"

static GTimeZone *zone;   /* for objects without a "timezone" of their own */

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  zone = turnos_time_zone_new ("America/Argentina/Buenos_Aires");
  return 0;
}

typedef TurnosReservation *(*ParseFunc) (JsonNode *node, GTimeZone *tz, GError **error);

/* What it read writes, reads back (in the zone it wrote) and writes again the same. */
static void
round_trip (TurnosReservation *r,
            ParseFunc          parse)
{
  g_autoptr(JsonNode) node = turnos_reservation_to_node (r);
  g_autoptr(TurnosReservation) again = parse (node, NULL, NULL);
  g_autoptr(JsonNode) node2 = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  fuzz_check (again != NULL, "a reservation it wrote reads back");
  node2 = turnos_reservation_to_node (again);
  first = fuzz_dump (node);
  second = fuzz_dump (node2);
  fuzz_check (g_str_equal (first, second), "a reservation reads back the same");
  fuzz_check (g_date_time_equal (r->start, again->start), "start_time reads back the same instant");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonNode) node = fuzz_parse_json (data, size);
  g_autoptr(TurnosReservation) draft = NULL;
  g_autoptr(TurnosReservation) stored = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return 0;

  draft = turnos_reservation_from_json (node, zone, &error);
  fuzz_check ((draft != NULL) == (error == NULL), "a draft or an error, never both or neither");
  g_clear_error (&error);
  stored = turnos_reservation_stored_from_json (node, zone, &error);
  fuzz_check ((stored != NULL) == (error == NULL), "stored or an error, never both or neither");
  fuzz_check (stored == NULL || draft != NULL, "what is stored is a draft too");

  if (draft != NULL)
    {
      fuzz_check (draft->start != NULL && draft->client_id != NULL && draft->professional_id != NULL,
                  "a draft has a start, a patient and a professional");
      fuzz_check (g_utf8_validate (draft->client_id, -1, NULL) &&
                  g_utf8_validate (draft->professional_id, -1, NULL) &&
                  (draft->id == NULL || g_utf8_validate (draft->id, -1, NULL)),
                  "what a draft holds is UTF-8");
      fuzz_check (draft->end == NULL || g_date_time_compare (draft->start, draft->end) < 0,
                  "a draft ends after it starts");
      round_trip (draft, turnos_reservation_from_json);
    }
  if (stored != NULL)
    {
      fuzz_check (stored->id != NULL && *stored->id != '\0' && stored->end != NULL,
                  "a stored reservation has an id and an end");
      round_trip (stored, turnos_reservation_stored_from_json);
    }
  return 0;
}
