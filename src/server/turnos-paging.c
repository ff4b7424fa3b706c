/* turnos-paging.c: the shape every list answer shares (DESIGN.md, "Lists are paged")
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <string.h>

#include "turnos-error.h"
#include "turnos-paging.h"
#include "turnos-text.h"

gboolean
turnos_request_limit (TurnosRequest *request,
                      guint         *limit,
                      TurnosAnswer  *answer)
{
  const char *text = turnos_request_query (request, "limit");
  guint64 n = TURNOS_PAGE_DEFAULT;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, TURNOS_PAGE_MAX, &n, NULL))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "limit: a number from 1 to 500");
      return FALSE;
    }
  *limit = (guint) n;
  return TRUE;
}

gboolean
turnos_request_cursor (TurnosRequest  *request,
                       char          **decoded,
                       TurnosAnswer   *answer)
{
  const char *text = turnos_request_query (request, "cursor");
  g_autoptr(GString) b64 = NULL;
  g_autofree guchar *raw = NULL;
  gsize len = 0;

  *decoded = NULL;
  if (text == NULL)
    return TRUE;
  b64 = g_string_new (text);
  for (gsize i = 0; i < b64->len; i++)
    {
      if (b64->str[i] == '-')
        b64->str[i] = '+';
      else if (b64->str[i] == '_')
        b64->str[i] = '/';
      else if (!g_ascii_isalnum (b64->str[i]))
        goto bad;
    }
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  raw = g_base64_decode (b64->str, &len);
  if (len == 0 || !g_utf8_validate ((const char *) raw, len, NULL) || memchr (raw, 0, len) != NULL)
    goto bad;
  *decoded = g_strndup ((const char *) raw, len);
  return TRUE;

bad:
  turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "cursor: not one this server gave");
  return FALSE;
}

char *
turnos_cursor_encode (const char *raw)
{
  char *b64 = g_base64_encode ((const guchar *) raw, strlen (raw));
  char *end = strchr (b64, '=');

  if (end != NULL)
    *end = '\0';
  for (char *p = b64; *p != '\0'; p++)
    if (*p == '+')
      *p = '-';
    else if (*p == '/')
      *p = '_';
  return b64;
}

void
turnos_cursor_clear (TurnosCursor *cursor)
{
  g_return_if_fail (cursor != NULL);
  g_clear_pointer (&cursor->id, g_free);
}

gboolean
turnos_request_page (TurnosRequest *request,
                     const char    *order,
                     guint         *limit,
                     TurnosCursor  *cursor,
                     TurnosAnswer  *answer)
{
  g_autofree char *raw = NULL;
  g_auto(GStrv) parts = NULL;
  gint64 key;

  g_return_val_if_fail (request != NULL && order != NULL && cursor != NULL, FALSE);

  cursor->key = 0;
  cursor->id = NULL;
  if (!turnos_request_limit (request, limit, answer) ||
      !turnos_request_cursor (request, &raw, answer))
    return FALSE;
  if (raw == NULL)
    return TRUE;
  parts = g_strsplit (raw, "|", 3);
  if (g_strv_length (parts) != 3 || !g_str_equal (parts[0], order) ||
      !g_ascii_string_to_signed (parts[1], 10, G_MININT64, G_MAXINT64, &key, NULL) ||
      parts[2][0] == '\0' || !turnos_text_is_clean (parts[2], TURNOS_REQUEST_MAX_VALUE, FALSE))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "cursor: not one this list gave, for this order");
      return FALSE;
    }
  cursor->key = key;
  cursor->id = g_strdup (parts[2]);
  return TRUE;
}

char *
turnos_cursor_encode_at (const char *order,
                         gint64      key,
                         const char *id)
{
  g_autofree char *raw = NULL;

  g_return_val_if_fail (order != NULL && id != NULL, NULL);

  raw = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s", order, key, id);
  return turnos_cursor_encode (raw);
}

JsonNode *
turnos_page_node (const char *member,
                  GPtrArray  *items,
                  void      (*to_json) (gconstpointer, JsonBuilder *),
                  const char *next_cursor)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    to_json (g_ptr_array_index (items, i), builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "next_cursor");
  if (next_cursor != NULL)
    json_builder_add_string_value (builder, next_cursor);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
