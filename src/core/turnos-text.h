/* turnos-text.h: what a string from outside may hold
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * turnos_text_is_clean:
 * @value: a NUL-terminated string from a request (an id, a query value, a header, a field)
 * @max_bytes: the longest it may be, in bytes
 * @allow_newlines: TRUE for free text (a reason, a note), where "\n", "\r" and "\t" are text
 *
 * Whether @value is valid UTF-8 of at most @max_bytes bytes without a control character
 * (U+0001–U+001F, U+007F–U+009F; a U+0000 cannot be in a C string, so callers that decode
 * must refuse it before: json-glib and g_uri_unescape_segment() do). Every string that enters
 * the server passes here or is refused with 400 invalid_field.
 */
gboolean turnos_text_is_clean (const char *value,
                               gsize       max_bytes,
                               gboolean    allow_newlines);

G_END_DECLS
