/* turnos-json.c: reading JSON documents defensively
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include <string.h>

#include "turnos-error.h"
#include "turnos-json.h"

/* What json-glib 1.6 lets through, watched from its own signals (so the lexing is its own):
 * it reads "{…}{…}" (and "[…] […]", "1 {…}") as one document, parsing every further object or
 * array after the root and keeping only the first; a duplicate member name keeps the last
 * value; an escaped lone surrogate ("\udc00") becomes a string that is not UTF-8. Each is a
 * document that another reader (a proxy in front, the client) reads otherwise. */
typedef struct
{
  GArray   *members;     /* per open container: members seen so far */
  guint     top_level;   /* containers opened at depth 0 */
  gboolean  duplicate;
  gboolean  bad_string;
} Watch;

static void
on_container_start_cb (JsonParser *parser,
                       gpointer    user_data)
{
  Watch *w = user_data;
  guint none = 0;

  if (w->members->len == 0)
    w->top_level++;
  g_array_append_val (w->members, none);
}

static void
on_container_end_cb (JsonParser *parser,
                     gpointer    container,
                     gpointer    user_data)
{
  Watch *w = user_data;

  if (w->members->len > 0)
    g_array_set_size (w->members, w->members->len - 1);
}

static gboolean
is_utf8_string (JsonNode *node)
{
  return !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
         g_utf8_validate (json_node_get_string (node), -1, NULL);
}

static void
on_object_member_cb (JsonParser *parser,
                     JsonObject *object,
                     const char *name,
                     gpointer    user_data)
{
  Watch *w = user_data;
  guint *seen = w->members->len > 0 ? &g_array_index (w->members, guint, w->members->len - 1) : NULL;

  /* A name seen before replaces its member: the object does not grow. */
  if (seen != NULL && json_object_get_size (object) != ++(*seen))
    w->duplicate = TRUE;
  if (!g_utf8_validate (name, -1, NULL) || !is_utf8_string (json_object_get_member (object, name)))
    w->bad_string = TRUE;
}

static void
on_array_element_cb (JsonParser *parser,
                     JsonArray  *array,
                     int         index,
                     gpointer    user_data)
{
  Watch *w = user_data;

  if (!is_utf8_string (json_array_get_element (array, index)))
    w->bad_string = TRUE;
}

/* "\u0000" as an escape (after an odd run of backslashes): json-glib ends the string there,
 * so "patient-1\u0000x" would read as "patient-1". */
static gboolean
has_escaped_nul (const char *data,
                 gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      gsize run = 0;

      while (i < len && data[i] == '\\')
        {
          run++;
          i++;
        }
      if (run % 2 == 1 && i + 5 <= len && data[i] == 'u' && memcmp (data + i + 1, "0000", 4) == 0)
        return TRUE;
    }
  return FALSE;
}

JsonNode *
turnos_json_parse (const char  *data,
                   gsize        len,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  Watch watch = { members, 0, FALSE, FALSE };
  JsonNode *root;

  if (data == NULL || len == 0)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "empty document");
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, NULL))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "document is not UTF-8");
      return NULL;
    }
  if (has_escaped_nul (data, len))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "a string holds NUL");
      return NULL;
    }
  g_signal_connect (parser, "object-start", G_CALLBACK (on_container_start_cb), &watch);
  g_signal_connect (parser, "array-start", G_CALLBACK (on_container_start_cb), &watch);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_container_end_cb), &watch);
  g_signal_connect (parser, "array-end", G_CALLBACK (on_container_end_cb), &watch);
  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member_cb), &watch);
  g_signal_connect (parser, "array-element", G_CALLBACK (on_array_element_cb), &watch);
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      /* json-glib quotes the text it choked on, which may be a broken escape. */
      g_autofree char *reason = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "invalid JSON: %s", reason);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "empty document");
      return NULL;
    }
  /* One value and nothing after it: a second document (or json-glib's JavaScript
   * "var name = …;") is what a proxy in front may read differently from us. */
  if (watch.top_level != (JSON_NODE_HOLDS_OBJECT (root) || JSON_NODE_HOLDS_ARRAY (root) ? 1 : 0) ||
      json_parser_has_assignment (parser, NULL))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_PARSE,
                           "content after the JSON document");
      return NULL;
    }
  if (watch.duplicate)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "a member name appears twice");
      return NULL;
    }
  if (watch.bad_string || !is_utf8_string (root))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "a string is not UTF-8");
      return NULL;
    }
  return json_node_ref (root);
}

char *
turnos_json_to_string (JsonNode *node,
                       gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (node != NULL, NULL);

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, length);
}

static JsonNode *
lookup (JsonObject  *object,
        const char  *member,
        gboolean     optional,
        gboolean    *absent,
        GError     **error)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  *absent = node == NULL;
  if (node == NULL && !optional)
    g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "missing field “%s”", member);
  return node;
}

static gboolean
wrong_type (const char  *member,
            const char  *type,
            GError     **error)
{
  g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
               "field “%s” is not %s", member, type);
  return FALSE;
}

gboolean
turnos_json_get_string (JsonObject  *object,
                        const char  *member,
                        gboolean     optional,
                        const char **out,
                        GError     **error)
{
  gboolean absent;
  JsonNode *node = lookup (object, member, optional, &absent, error);

  if (absent)
    return optional;
  if (JSON_NODE_HOLDS_NULL (node) && optional)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (member, "a string", error);
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
turnos_json_get_int (JsonObject  *object,
                     const char  *member,
                     gboolean     optional,
                     gint64      *out,
                     GError     **error)
{
  gboolean absent;
  JsonNode *node = lookup (object, member, optional, &absent, error);

  if (absent)
    return optional;
  if (JSON_NODE_HOLDS_NULL (node) && optional)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (member, "an integer", error);
  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
turnos_json_get_bool (JsonObject  *object,
                      const char  *member,
                      gboolean     optional,
                      gboolean    *out,
                      GError     **error)
{
  gboolean absent;
  JsonNode *node = lookup (object, member, optional, &absent, error);

  if (absent)
    return optional;
  if (JSON_NODE_HOLDS_NULL (node) && optional)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (member, "a boolean", error);
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
turnos_json_get_array (JsonObject  *object,
                       const char  *member,
                       gboolean     optional,
                       JsonArray  **out,
                       GError     **error)
{
  gboolean absent;
  JsonNode *node = lookup (object, member, optional, &absent, error);

  *out = NULL;
  if (absent)
    return optional;
  if (JSON_NODE_HOLDS_NULL (node) && optional)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (member, "an array", error);
  *out = json_node_get_array (node);
  return TRUE;
}

JsonNode *
turnos_json_error_new (const char *code,
                       const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  /* A message may quote the request ("no payment “…”" with a path's raw bytes), and
   * json-glib writes whatever bytes it is given. */
  g_autofree char *text = g_utf8_make_valid (message != NULL ? message : "", -1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
turnos_json_error_parse (JsonNode  *node,
                         char     **code,
                         char     **message)
{
  JsonNode *inner;
  JsonObject *object;
  const char *c = NULL, *m = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  inner = json_object_get_member (json_node_get_object (node), "error");
  if (inner == NULL || !JSON_NODE_HOLDS_OBJECT (inner))
    return FALSE;
  object = json_node_get_object (inner);
  if (!turnos_json_get_string (object, "code", FALSE, &c, NULL) || c == NULL)
    return FALSE;
  turnos_json_get_string (object, "message", TRUE, &m, NULL);
  if (code != NULL)
    *code = g_strdup (c);
  if (message != NULL)
    *message = g_strdup (m != NULL ? m : "");
  return TRUE;
}
