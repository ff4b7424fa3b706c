/* turnos-json.h: reading JSON documents defensively
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* How deep turnos_json_parse() lets arrays and objects nest. json-glib's parser recurses once
 * per level: 200 KB of 100,000 nested brackets overflow the stack (issue 11, section 6). Our
 * own documents nest four levels at most. */
#define TURNOS_JSON_MAX_DEPTH 64

/* Parses @data (not NUL-terminated, @len bytes) into a root node; TURNOS_ERROR_PARSE on
 * garbage, an empty document, invalid UTF-8, nesting deeper than TURNOS_JSON_MAX_DEPTH
 * (checked with turnos_json_check_document() before json-glib sees a byte), or anything but
 * whitespace after the one value (a second document "{…}{…}" is an error, not the first one). */
JsonNode   *turnos_json_parse (const char *data,
                               gsize       len,
                               GError    **error);
char       *turnos_json_to_string (JsonNode *node,
                                   gsize    *length);

/* One linear lexical pass over @data (@len bytes), building nothing: FALSE with
 * TURNOS_ERROR_PARSE when arrays and objects nest deeper than @max_depth (json-glib's parser
 * recurses once a level), or when it holds what json-glib 1.6 reads beyond JSON: characters
 * outside strings that JSON has not (comments, single quotes, "var a ="), a second value after
 * the first, an escaped NUL in a string. Brackets inside double-quoted strings (escapes
 * included) do not count. The parser still judges the rest. */
gboolean    turnos_json_check_document (const char  *data,
                                        gsize        len,
                                        guint        max_depth,
                                        GError     **error);

/* Typed member access; each returns FALSE and sets TURNOS_ERROR_MISSING_FIELD when the
 * member is absent (unless optional, then returns TRUE leaving *out alone) or of another
 * type. Strings are borrowed from the object. */
gboolean turnos_json_get_string (JsonObject  *object,
                                 const char  *member,
                                 gboolean     optional,
                                 const char **out,
                                 GError     **error);
gboolean turnos_json_get_int    (JsonObject  *object,
                                 const char  *member,
                                 gboolean     optional,
                                 gint64      *out,
                                 GError     **error);
gboolean turnos_json_get_bool   (JsonObject  *object,
                                 const char  *member,
                                 gboolean     optional,
                                 gboolean    *out,
                                 GError     **error);
/* Array members: *out borrowed, NULL when optional and absent. */
gboolean turnos_json_get_array  (JsonObject  *object,
                                 const char  *member,
                                 gboolean     optional,
                                 JsonArray  **out,
                                 GError     **error);

/* {"error": {"code": @code, "message": @message}}; @message is made valid UTF-8 (it may quote
 * a request's raw bytes). */
JsonNode *turnos_json_error_new   (const char *code,
                                   const char *message);
/* Reads the envelope; FALSE when @node is not one. */
gboolean  turnos_json_error_parse (JsonNode   *node,
                                   char      **code,
                                   char      **message);

G_END_DECLS
