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

/* json-glib 1.6 reads more than JSON: single-quoted strings, comments, "var a = …;", and
 * several documents one after another ("{…}{…}"), of which it keeps the first and leaks the
 * rest. A lexical pass first takes JSON's own characters only outside strings, one value and
 * then whitespace only, and no escaped NUL in a string (json-glib ends the string there:
 * "patient-1\u0000x" would read as "patient-1"). It also counts the nesting, since json-glib's
 * parser recurses once per level (100,000 brackets overflow the stack: issue 11 §6). Returns
 * why not, or NULL. */
static const char *
scan_document (const char *data,
               gsize       len,
               guint       max_depth)
{
  gsize depth = 0;
  gboolean started = FALSE, ended = FALSE, in_scalar = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (depth == 0 && in_scalar && !g_ascii_isalnum (c) && c != '-' && c != '+' && c != '.')
        {
          in_scalar = FALSE;
          ended = TRUE;
        }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        continue;
      if (ended)
        return "content after the JSON document";
      if (c == '"')
        {
          for (i++; i < len && data[i] != '"'; i++)
            if (data[i] == '\\' && ++i < len && data[i] == 'u' && i + 4 < len &&
                memcmp (data + i + 1, "0000", 4) == 0)
              return "a string holds NUL";
          started = TRUE;
          ended = depth == 0;
        }
      else if (c == '{' || c == '[')
        {
          if (depth == 0 && started)
            return "content after the JSON document";
          started = TRUE;
          if (++depth > max_depth)
            return "arrays and objects nest too deep";
        }
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return "not JSON";
          ended = --depth == 0;
        }
      else if (c == ',' || c == ':')
        {
          if (depth == 0)
            return "not JSON";
        }
      else if (g_ascii_isalnum (c) || c == '-' || c == '+' || c == '.')
        {
          if (depth == 0 && !started)
            started = in_scalar = TRUE;
        }
      else
        return "not JSON";
    }
  return NULL;
}

gboolean
turnos_json_check_document (const char  *data,
                            gsize        len,
                            guint        max_depth,
                            GError     **error)
{
  const char *refused;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if ((refused = scan_document (data, len, max_depth)) != NULL)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, refused);
      return FALSE;
    }
  return TRUE;
}

/* What json-glib reads otherwise than other readers, watched from its own signals: a
 * duplicate member name keeps the last value (others keep the first); an escaped lone
 * surrogate ("\udc00") becomes a string that is not UTF-8. */
typedef struct
{
  GArray   *members;     /* per open container: members seen so far */
  gboolean  duplicate;
  gboolean  bad_string;
} Watch;

static void
on_container_start_cb (JsonParser *parser,
                       gpointer    user_data)
{
  Watch *w = user_data;
  guint none = 0;

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

JsonNode *
turnos_json_parse (const char  *data,
                   gsize        len,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  Watch watch = { members, FALSE, FALSE };
  const char *refused;
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
  if ((refused = scan_document (data, len, TURNOS_JSON_MAX_DEPTH)) != NULL)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, refused);
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
