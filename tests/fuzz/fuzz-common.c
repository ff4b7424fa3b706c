/* fuzz-common.c: what every libFuzzer harness of tests/fuzz shares
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-fuzz"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "fuzz-common.h"
#include "turnos-json.h"

/* GLib's own abort on a fatal message is a breakpoint (SIGTRAP), which libFuzzer does not
 * catch: abort() here, once the message is out, so the input is kept as a crash. */
static GLogWriterOutput
write_log_cb (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if (!(log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)))
    return G_LOG_WRITER_HANDLED;
  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  fflush (stderr);
  abort ();
}

void
fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);
  g_log_set_writer_func (write_log_cb, NULL, NULL);
}

JsonNode *
fuzz_parse_json (const uint8_t *data,
                 size_t         size)
{
  return turnos_json_parse ((const char *) data, size, NULL);
}

char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  return g_strndup ((const char *) data, size);
}

char *
fuzz_dump (JsonNode *node)
{
  return turnos_json_to_string (node, NULL);
}

void
fuzz_fail (const char *file,
           int         line,
           const char *what)
{
  fprintf (stderr, "fuzz: invariant failed at %s:%d: %s\n", file, line, what);
  fflush (stderr);
  abort ();
}
