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

char *
turnos_cursor_encode (const char *order,
                      gint64      key,
                      const char *id)
{
  g_autofree char *plain = NULL;
  char *b64;

  g_return_val_if_fail (order != NULL && id != NULL, NULL);

  plain = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s", order, key, id);
  b64 = g_base64_encode ((const guchar *) plain, strlen (plain));
  /* base64url, without padding: safe in a query without escaping */
  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  *strchrnul (b64, '=') = '\0';
  return b64;
}

static gboolean
cursor_decode (const char   *text,
               const char   *order,
               TurnosCursor *cursor)
{
  g_autofree char *b64 = NULL;
  g_autofree guchar *plain = NULL;
  g_auto(GStrv) parts = NULL;
  gsize len = strlen (text), plain_len = 0;
  gint64 key;

  if (len == 0 || len > 1024 || strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != len)
    return FALSE;
  b64 = g_strnfill (len + (4 - len % 4) % 4, '=');
  memcpy (b64, text, len);
  g_strdelimit (b64, "-", '+');
  g_strdelimit (b64, "_", '/');
  plain = g_base64_decode (b64, &plain_len);
  if (plain == NULL || plain_len == 0 || memchr (plain, '\0', plain_len) != NULL)
    return FALSE;
  plain = g_realloc (plain, plain_len + 1);
  plain[plain_len] = '\0';
  parts = g_strsplit ((const char *) plain, "|", 3);
  if (g_strv_length (parts) != 3 || !g_str_equal (parts[0], order) ||
      !g_ascii_string_to_signed (parts[1], 10, G_MININT64, G_MAXINT64, &key, NULL) ||
      parts[2][0] == '\0' || !turnos_text_is_clean (parts[2], TURNOS_REQUEST_MAX_VALUE, FALSE))
    return FALSE;
  cursor->key = key;
  cursor->id = g_strdup (parts[2]);
  return TRUE;
}

gboolean
turnos_request_page (TurnosRequest *request,
                     const char    *order,
                     guint         *limit,
                     TurnosCursor  *cursor,
                     TurnosAnswer  *answer)
{
  const char *limit_str = turnos_request_query (request, "limit");
  const char *cursor_str = turnos_request_query (request, "cursor");
  guint64 n = TURNOS_PAGE_DEFAULT_LIMIT;

  g_return_val_if_fail (request != NULL && order != NULL && limit != NULL && cursor != NULL, FALSE);

  cursor->key = 0;
  cursor->id = NULL;
  if (limit_str != NULL &&
      !g_ascii_string_to_unsigned (limit_str, 10, 1, TURNOS_PAGE_MAX_LIMIT, &n, NULL))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "limit must be 1 to 500");
      return FALSE;
    }
  if (cursor_str != NULL && !cursor_decode (cursor_str, order, cursor))
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "cursor is not one this list gave, for this order");
      return FALSE;
    }
  *limit = (guint) n;
  return TRUE;
}

void
turnos_cursor_clear (TurnosCursor *cursor)
{
  g_return_if_fail (cursor != NULL);
  g_clear_pointer (&cursor->id, g_free);
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
