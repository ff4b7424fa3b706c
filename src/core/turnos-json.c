/* turnos-json.c: reading JSON documents defensively
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include "turnos-error.h"
#include "turnos-json.h"

gboolean
turnos_json_check_depth (const char  *data,
                         gsize        len,
                         guint        max_depth,
                         GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;  /* whatever is escaped, it neither ends the string nor nests */
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE,
                           "arrays and objects nest deeper than %u levels", max_depth);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        case '/':
        case '\'':
          g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE,
                       "“%c” outside a string at byte %" G_GSIZE_FORMAT, c, i);
          return FALSE;
        default:
          break;
        }
    }
  return TRUE;
}

/* json-glib 1.6 reads "{…}{…}" (and "[…] […]", "1 {…}") as one document: it parses every
 * further object or array after the root and keeps only the first. Counting the containers
 * that open at depth 0 tells one document from several. */
typedef struct
{
  guint depth;
  guint top_level;
} Containers;

static void
on_container_start_cb (JsonParser *parser,
                       gpointer    user_data)
{
  Containers *c = user_data;

  if (c->depth++ == 0)
    c->top_level++;
}

static void
on_container_end_cb (JsonParser *parser,
                     gpointer    container,
                     gpointer    user_data)
{
  Containers *c = user_data;

  if (c->depth > 0)
    c->depth--;
}

JsonNode *
turnos_json_parse (const char  *data,
                   gsize        len,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  Containers containers = { 0 };
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
  if (!turnos_json_check_depth (data, len, TURNOS_JSON_MAX_DEPTH, error))
    return NULL;
  g_signal_connect (parser, "object-start", G_CALLBACK (on_container_start_cb), &containers);
  g_signal_connect (parser, "array-start", G_CALLBACK (on_container_start_cb), &containers);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_container_end_cb), &containers);
  g_signal_connect (parser, "array-end", G_CALLBACK (on_container_end_cb), &containers);
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "invalid JSON: %s",
                   local_error->message);
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
  if (containers.top_level != (JSON_NODE_HOLDS_OBJECT (root) || JSON_NODE_HOLDS_ARRAY (root) ? 1 : 0) ||
      json_parser_has_assignment (parser, NULL))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_PARSE,
                           "content after the JSON document");
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

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message != NULL ? message : "");
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
