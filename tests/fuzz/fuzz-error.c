/* fuzz-error.c: the error envelope {"error": {"code", "message"}} of every non-2xx answer
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-fuzz"

#include "config.h"

#include "fuzz-common.h"
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
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) reread = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autofree char *code2 = NULL;
  g_autofree char *message2 = NULL;
  g_autofree char *text = NULL;
  gsize len;

  if (node == NULL || !turnos_json_error_parse (node, &code, &message))
    return 0;
  fuzz_check (code != NULL && message != NULL, "an envelope has a code and a message");
  written = turnos_json_error_new (code, message);
  text = turnos_json_to_string (written, &len);
  reread = turnos_json_parse (text, len, NULL);
  fuzz_check (reread != NULL, "an envelope it wrote is one JSON document");
  fuzz_check (turnos_json_error_parse (reread, &code2, &message2), "an envelope it wrote reads back");
  fuzz_check (g_str_equal (code, code2) && g_str_equal (message, message2),
              "an envelope reads back the same");
  return 0;
}
