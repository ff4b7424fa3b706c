/* turnos-pg-professionals.c: the PostgreSQL store's professionals and their settings
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the SQLite store's (turnos-sqlite-professionals.c): a professional's settings are a
 * JSON document in one row, read once and kept with the zones derived from them. A change
 * is announced to every server on TURNOS_PG_SETTINGS_CHANNEL, in the transaction that
 * makes it.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <string.h>

#include "turnos-events-json.h"
#include "turnos-json.h"
#include "turnos-pg-store-private.h"

#define query          _turnos_pg_query
#define begin          _turnos_pg_begin
#define commit         _turnos_pg_commit
#define rollback       _turnos_pg_rollback

/*
 * Caches
 */

static void
forget_professionals (TurnosPgStore *self)
{
  g_hash_table_remove_all (self->professionals);
  g_hash_table_remove_all (self->zones);
}

/* The settings and zones are read once and kept. Any server's change is announced on
 * TURNOS_PG_SETTINGS_CHANNEL and reaches this connection as a notification, read here
 * (without waiting) before the cache is used. With no connection, nothing is kept. Returns
 * whether a notification named @about (or everything). */
#define fresh_cache _turnos_pg_take_notifies

/*
 * Store interface
 */

static GPtrArray *
pg_list_professionals (TurnosStore  *store,
                       GError      **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_settings_unref);
  PGresult *res = query (self, "SELECT settings FROM professionals ORDER BY id", 0, NULL, error);

  if (res == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (res); i++)
    {
      const char *json = VALUE (res, i, 0);
      g_autoptr(JsonNode) node = turnos_json_parse (json, strlen (json), NULL);
      TurnosSettings *s = node ? turnos_settings_from_json (node, NULL) : NULL;

      if (s != NULL)
        g_ptr_array_add (out, s);
    }
  PQclear (res);
  return g_steal_pointer (&out);
}

static TurnosSettings *
pg_get_professional (TurnosStore  *store,
                     const char   *id,
                     GError      **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  TurnosSettings *cached;
  PGresult *res;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TurnosSettings) settings = NULL;

  fresh_cache (self, NULL);
  if ((cached = g_hash_table_lookup (self->professionals, id)) != NULL)
    return turnos_settings_ref (cached);

  if (!(res = query (self, "SELECT settings FROM professionals WHERE id = $1", PARAMS (id), error)))
    return NULL;
  if (PQntuples (res) == 0)
    {
      PQclear (res);
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND,
                   "no professional “%s”", id);
      return NULL;
    }
  node = turnos_json_parse (VALUE (res, 0, 0), strlen (VALUE (res, 0, 0)), error);
  PQclear (res);
  if (node == NULL || (settings = turnos_settings_from_json (node, error)) == NULL)
    return NULL;
  /* A change announced with this answer may have committed after the answer was read: then
   * the answer is not kept. */
  if (!fresh_cache (self, id))
    g_hash_table_insert (self->professionals, g_strdup (id), turnos_settings_ref (settings));
  return g_steal_pointer (&settings);
}

static gboolean
pg_put_professional (TurnosStore     *store,
                     TurnosSettings  *settings,
                     GError         **error)
{
  TurnosPgStore *self = TURNOS_PG_STORE (store);
  g_autoptr(JsonNode) node = turnos_settings_to_node (settings);
  g_autofree char *json = turnos_json_to_string (node, NULL);
  PGresult *res;

  g_hash_table_remove (self->zones, settings->user_id);
  g_hash_table_remove (self->professionals, settings->user_id);
  if (!begin (self, error))
    return FALSE;
  /* The change, its announcement to the other servers' caches and its live event commit
   * together. */
  res = query (self,
               "WITH up AS (INSERT INTO professionals (id, settings) VALUES ($1, $2) "
               "            ON CONFLICT (id) DO UPDATE SET settings = excluded.settings "
               "            RETURNING id) "
               "SELECT pg_notify('" TURNOS_PG_SETTINGS_CHANNEL "', id) FROM up",
               PARAMS (settings->user_id, json), error);
  if (res == NULL)
    goto out;
  PQclear (res);
  _turnos_pg_append_event (self, turnos_event_settings_json (settings->user_id));
  if (!commit (self, error))
    goto out;
  return TRUE;

out:
  rollback (self);
  return FALSE;
}

void
_turnos_pg_professionals_iface_init (TurnosStoreInterface *iface)
{
  iface->list_professionals = pg_list_professionals;
  iface->get_professional = pg_get_professional;
  iface->put_professional = pg_put_professional;
}

void
_turnos_pg_forget_professionals (TurnosPgStore *self)
{
  forget_professionals (self);
}
