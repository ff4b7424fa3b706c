/* turnos-sqlite-professionals.c: the SQLite store's professionals and their settings
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A professional's settings are a JSON document in one row, with the longest session they
 * keep (max_len, which bounds the reservations' range scans). The settings and the zones
 * derived from them are read once and kept (turnos-sqlite-store.c's zone_of()).
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <string.h>

#include "turnos-json.h"
#include "turnos-sqlite-store-private.h"

#define stmt        _turnos_sqlite_stmt
#define done        _turnos_sqlite_done
#define fail        _turnos_sqlite_fail
#define bind_text   _turnos_sqlite_bind_text
#define begin_write _turnos_sqlite_begin_write
#define commit      _turnos_sqlite_commit
#define rollback    _turnos_sqlite_rollback

/*
 * Caches
 */

/* The settings and zones are read once and kept. Our own writes drop what they change;
 * another connection's commit (a second worker process, an admin tool) changes
 * PRAGMA data_version, and then everything kept is dropped and read again. */
static void
forget_professionals (TurnosSqliteStore *self)
{
  g_hash_table_remove_all (self->professionals);
  g_hash_table_remove_all (self->zones);
}

static void
fresh_cache (TurnosSqliteStore *self)
{
  sqlite3_stmt *st = stmt (self, "PRAGMA data_version", NULL);
  gint64 version;

  if (st == NULL || sqlite3_step (st) != SQLITE_ROW)
    {
      forget_professionals (self);
      return;
    }
  version = sqlite3_column_int64 (st, 0);
  sqlite3_reset (st);
  if (version != self->data_version)
    {
      forget_professionals (self);
      self->data_version = version;
    }
}

/*
 * Store interface
 */

static GPtrArray *
sqlite_list_professionals (TurnosStore  *store,
                           GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_settings_unref);
  sqlite3_stmt *st = stmt (self, "SELECT settings FROM professionals ORDER BY id", error);
  int rc;

  if (st == NULL)
    return NULL;
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      const char *json = (const char *) sqlite3_column_text (st, 0);
      g_autoptr(JsonNode) node = turnos_json_parse (json, strlen (json), NULL);
      TurnosSettings *s = node ? turnos_settings_from_json (node, NULL) : NULL;

      if (s != NULL)
        g_ptr_array_add (out, s);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return fail (self, error), NULL;
  return g_steal_pointer (&out);
}

static TurnosSettings *
sqlite_get_professional (TurnosStore  *store,
                         const char   *id,
                         GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  TurnosSettings *cached;
  sqlite3_stmt *st;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TurnosSettings) settings = NULL;
  const char *json;
  int rc;

  fresh_cache (self);
  if ((cached = g_hash_table_lookup (self->professionals, id)) != NULL)
    return turnos_settings_ref (cached);

  if ((st = stmt (self, "SELECT settings FROM professionals WHERE id = ?1", error)) == NULL)
    return NULL;
  bind_text (st, 1, id);
  rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (st);
      if (rc != SQLITE_DONE)
        return fail (self, error), NULL;
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND,
                   "no professional “%s”", id);
      return NULL;
    }
  json = (const char *) sqlite3_column_text (st, 0);
  node = turnos_json_parse (json, strlen (json), error);
  sqlite3_reset (st);
  if (node == NULL || (settings = turnos_settings_from_json (node, error)) == NULL)
    return NULL;
  g_hash_table_insert (self->professionals, g_strdup (id), turnos_settings_ref (settings));
  return g_steal_pointer (&settings);
}

static gboolean
sqlite_put_professional (TurnosStore     *store,
                         TurnosSettings  *settings,
                         GError         **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(JsonNode) node = turnos_settings_to_node (settings);
  g_autofree char *json = turnos_json_to_string (node, NULL);
  sqlite3_stmt *st;

  if (!begin_write (self, error))
    return FALSE;
  st = stmt (self,
             "INSERT INTO professionals (id, settings) VALUES (?1, ?2) "
             "ON CONFLICT (id) DO UPDATE SET settings = excluded.settings", error);
  if (st == NULL)
    goto out;
  bind_text (st, 1, settings->user_id);
  bind_text (st, 2, json);
  g_hash_table_remove (self->zones, settings->user_id);
  g_hash_table_remove (self->professionals, settings->user_id);
  if (!done (self, st, error) ||
      !_turnos_sqlite_append_settings (self, settings->user_id, error) ||
      !commit (self, error))
    goto out;
  return TRUE;

out:
  rollback (self);
  return FALSE;
}

void
_turnos_sqlite_professionals_iface_init (TurnosStoreInterface *iface)
{
  iface->list_professionals = sqlite_list_professionals;
  iface->get_professional = sqlite_get_professional;
  iface->put_professional = sqlite_put_professional;
}

void
_turnos_sqlite_forget_professionals (TurnosSqliteStore *self)
{
  forget_professionals (self);
}
