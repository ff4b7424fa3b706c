/* turnos-catalog.c: the project's translations, looked up per request
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <libintl.h>
#include <string.h>

#include "turnos-catalog.h"

#define MO_MAGIC 0x950412deU
#define MO_HEADER_BYTES 28
#define MAX_CATALOG_BYTES (4 * 1024 * 1024)
#define MAX_RANGES 16

/* language (interned) → GHashTable of msgid → msgstr, empty when there is no catalog. Filled
 * under the lock; a table, once in, is never changed or freed, so it is read without it. */
static GMutex      lock;
static GHashTable *catalogs;

static guint32
read_u32 (const guint8 *p,
          gboolean      swap)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  v = GUINT32_FROM_LE (v);
  return swap ? GUINT32_SWAP_LE_BE (v) : v;
}

/* The @i-th string of the table at @table, if it is whole, NUL-terminated and UTF-8. */
static const char *
mo_string (const guint8 *data,
           gsize         len,
           guint32       table,
           guint32       i,
           gboolean      swap,
           guint32      *length)
{
  guint32 n = read_u32 (data + table + 8 * (gsize) i, swap);
  guint32 offset = read_u32 (data + table + 8 * (gsize) i + 4, swap);

  if (offset >= len || n >= len - offset || data[offset + n] != '\0' ||
      !g_utf8_validate ((const char *) data + offset, n, NULL))
    return NULL;
  *length = n;
  return (const char *) data + offset;
}

/* The GNU .mo format (gettext manual, "The Format of GNU MO Files"): a header, then two tables
 * of (length, offset) pairs, the msgids and their msgstrs. Plural and context entries are
 * skipped: the server's strings use neither. Whatever is out of bounds is skipped too. */
static GHashTable *
parse_mo (const guint8 *data,
          gsize         len)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint32 n, originals, translations;
  gboolean swap;

  if (len < MO_HEADER_BYTES)
    return table;
  if (read_u32 (data, FALSE) == MO_MAGIC)
    swap = FALSE;
  else if (read_u32 (data, TRUE) == MO_MAGIC)
    swap = TRUE;
  else
    return table;
  n = read_u32 (data + 8, swap);
  originals = read_u32 (data + 12, swap);
  translations = read_u32 (data + 16, swap);
  if (originals > len || translations > len ||
      n > (len - originals) / 8 || n > (len - translations) / 8)
    return table;

  for (guint32 i = 0; i < n; i++)
    {
      guint32 id_len = 0, str_len = 0;
      const char *msgid = mo_string (data, len, originals, i, swap, &id_len);
      const char *msgstr = mo_string (data, len, translations, i, swap, &str_len);

      /* The header (an empty msgid), plural forms (a NUL inside), contexts (an EOT inside). */
      if (msgid == NULL || msgstr == NULL || id_len == 0 || str_len == 0 ||
          strlen (msgid) != id_len || strlen (msgstr) != str_len || strchr (msgid, '\004') != NULL)
        continue;
      g_hash_table_replace (table, g_strdup (msgid), g_strdup (msgstr));
    }
  return table;
}

/* A language folder's name: "es", "es_AR"; nothing that could walk out of the directory. */
static gboolean
is_language_name (const char *name)
{
  gsize n = strlen (name);

  if (n != 2 && n != 5)
    return FALSE;
  if (!g_ascii_islower (name[0]) || !g_ascii_islower (name[1]))
    return FALSE;
  return n == 2 || (name[2] == '_' && g_ascii_isupper (name[3]) && g_ascii_isupper (name[4]));
}

/* The catalog of @language (interned), read the first time. */
static GHashTable *
catalog_for (const char *language)
{
  GHashTable *table;

  g_mutex_lock (&lock);
  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);
  table = g_hash_table_lookup (catalogs, language);
  if (table == NULL)
    {
      const char *dir = bindtextdomain (GETTEXT_PACKAGE, NULL);
      g_autofree char *path = g_build_filename (dir ? dir : LOCALEDIR, language, "LC_MESSAGES",
                                                GETTEXT_PACKAGE ".mo", NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_get_contents (path, &contents, &len, NULL) && len <= MAX_CATALOG_BYTES)
        table = parse_mo ((const guint8 *) contents, len);
      else
        table = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (catalogs, (gpointer) language, table);
    }
  g_mutex_unlock (&lock);
  return table;
}

/* @language if it has a catalog with anything in it, else NULL. */
static const char *
available (const char *language)
{
  const char *interned;

  if (!is_language_name (language))
    return NULL;
  interned = g_intern_string (language);
  return g_hash_table_size (catalog_for (interned)) > 0 ? interned : NULL;
}

typedef struct
{
  char   *tag;
  double  q;
  guint   order;
} Range;

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const Range *ra = a, *rb = b;

  if (ra->q != rb->q)
    return ra->q > rb->q ? -1 : 1;
  return ra->order < rb->order ? -1 : ra->order > rb->order;
}

/* One Accept-Language range, "es-AR;q=0.8": FALSE when it cannot be read. */
static gboolean
parse_range (const char *text,
             guint       order,
             Range      *out)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  g_autofree char *tag = NULL;
  double q = 1.0;

  if (parts[0] == NULL)
    return FALSE;
  tag = g_strstrip (g_strdup (parts[0]));
  if (*tag == '\0' || strlen (tag) > 35)
    return FALSE;
  for (const char *p = tag; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '*')
      return FALSE;
  for (guint i = 1; parts[i] != NULL; i++)
    {
      g_autofree char *param = g_strstrip (g_strdup (parts[i]));
      char *end = NULL;

      if (g_ascii_strncasecmp (param, "q=", 2) != 0)
        continue;
      q = g_ascii_strtod (param + 2, &end);
      if (end == param + 2 || *end != '\0' || !(q >= 0.0 && q <= 1.0))
        return FALSE;
    }
  out->tag = g_steal_pointer (&tag);
  out->q = q;
  out->order = order;
  return TRUE;
}

const char *
turnos_catalog_pick_language (const char *accept_language)
{
  g_auto(GStrv) items = NULL;
  g_autoptr(GArray) ranges = NULL;
  const char *picked = NULL;
  gboolean done = FALSE;

  if (accept_language == NULL)
    return NULL;
  items = g_strsplit (accept_language, ",", MAX_RANGES + 1);
  ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  for (guint i = 0; items[i] != NULL && i < MAX_RANGES; i++)
    {
      Range r;

      if (!parse_range (items[i], i, &r))
        continue;
      if (r.q > 0.0)
        g_array_append_val (ranges, r);
      else
        g_free (r.tag);   /* "q=0": not acceptable */
    }
  g_array_sort (ranges, compare_ranges);

  for (guint i = 0; i < ranges->len; i++)
    {
      Range *r = &g_array_index (ranges, Range, i);
      g_auto(GStrv) subtags = NULL;
      g_autofree char *language = NULL;

      if (!done)
        {
          subtags = g_strsplit (r->tag, "-", 3);
          language = g_ascii_strdown (subtags[0], -1);
          if (g_str_equal (language, "*") || g_str_equal (language, "en"))
            done = TRUE;   /* the source language */
          else
            {
              if (subtags[1] != NULL && strlen (subtags[1]) == 2)
                {
                  g_autofree char *region = g_ascii_strup (subtags[1], -1);
                  g_autofree char *full = g_strdup_printf ("%s_%s", language, region);

                  picked = available (full);
                }
              if (picked == NULL)
                picked = available (language);
              done = picked != NULL;
            }
        }
      g_free (r->tag);
    }
  return picked;
}

const char *
turnos_catalog_translate (const char *language,
                          const char *msgid)
{
  const char *msgstr;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (language == NULL)
    return msgid;
  msgstr = g_hash_table_lookup (catalog_for (g_intern_string (language)), msgid);
  return msgstr != NULL ? msgstr : msgid;
}
