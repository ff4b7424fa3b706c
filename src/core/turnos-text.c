/* turnos-text.c: what a string from outside may hold
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include <string.h>

#include "turnos-text.h"

gboolean
turnos_text_is_clean (const char *value,
                      gsize       max_bytes,
                      gboolean    allow_newlines)
{
  gsize len;

  g_return_val_if_fail (value != NULL, FALSE);

  len = strlen (value);
  if (len > max_bytes || !g_utf8_validate (value, len, NULL))
    return FALSE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (allow_newlines && (c == '\n' || c == '\r' || c == '\t'))
        continue;
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return FALSE;
    }
  return TRUE;
}
