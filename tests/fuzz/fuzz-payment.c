/* fuzz-payment.c: a deposit payment and the reservation it holds
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-fuzz"

#include "config.h"

#include "fuzz-common.h"
#include "turnos-payment.h"
#include "turnos-time.h"

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
  g_autoptr(TurnosPayment) p = NULL;
  g_autoptr(TurnosPayment) again = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) rewritten = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return 0;
  /* The client reads payments with no zone of its own: the answer carries one. */
  p = turnos_payment_from_json (node, NULL, &error);
  fuzz_check ((p != NULL) == (error == NULL), "a payment or an error, never both or neither");
  if (p == NULL)
    return 0;
  fuzz_check (p->payment_id != NULL, "a payment has an id");
  fuzz_check (p->reservation == NULL || (p->reservation->id != NULL && p->reservation->end != NULL),
              "a payment's reservation is a stored one");
  written = turnos_payment_to_node (p);
  again = turnos_payment_from_json (written, NULL, NULL);
  fuzz_check (again != NULL, "a payment it wrote reads back");
  rewritten = turnos_payment_to_node (again);
  first = fuzz_dump (written);
  second = fuzz_dump (rewritten);
  fuzz_check (g_str_equal (first, second), "a payment reads back the same");
  return 0;
}
