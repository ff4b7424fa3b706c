/* turnos-pg-idempotency.c: the PostgreSQL store's Idempotency-Keys
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the SQLite store's (turnos-sqlite-idempotency.c), with one more step for several
 * servers: a request claims its key (an insert that waits for another transaction holding
 * the same key) before it does anything, and writes what it created into the key at the end.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-pg-store-private.h"

#define query _turnos_pg_query

/* How long an Idempotency-Key is remembered: a day is plenty for a client's retries. */
#define IDEMPOTENCY_KEEP_SECONDS (24 * 60 * 60)

/* Inside a transaction: claims @key for this request. Waits for a request holding the same
 * key on another connection to end, so two servers given one retry agree. *@ref_id is NULL
 * when the key is now ours, else the id the first request stored (a replay);
 * IDEMPOTENCY_MISMATCH when the key came with another request. */
static gboolean
claim_key (TurnosPgStore  *self,
           const char     *key,
           const char     *kind,
           const char     *request_hash,
           gint64          now,
           char          **ref_id,
           GError        **error)
{
  PGresult *res;
  gboolean ours;

  *ref_id = NULL;
  /* Keys older than IDEMPOTENCY_KEEP_SECONDS at @now are forgotten first, so the table holds
   * one day of keys, not every key ever sent, and a key that old starts a new request. */
  if (!(res = query (self, "DELETE FROM idempotency WHERE created_at < to_timestamp($1)",
                     PARAMS (INT64 (now - IDEMPOTENCY_KEEP_SECONDS)), error)))
    return FALSE;
  PQclear (res);
  if (!(res = query (self,
                     "INSERT INTO idempotency (key, request_hash, kind, ref_id, created_at) "
                     "VALUES ($1, $2, $3, '', to_timestamp($4)) ON CONFLICT (key) DO NOTHING",
                     PARAMS (key, request_hash ? request_hash : "", kind, INT64 (now)), error)))
    return FALSE;
  ours = g_str_equal (PQcmdTuples (res), "1");
  PQclear (res);
  if (ours)
    return TRUE;

  if (!(res = query (self, "SELECT request_hash, kind, ref_id FROM idempotency WHERE key = $1",
                     PARAMS (key), error)))
    return FALSE;
  if (PQntuples (res) == 0 ||
      g_strcmp0 (VALUE (res, 0, 0), request_hash ? request_hash : "") != 0 ||
      g_strcmp0 (VALUE (res, 0, 1), kind) != 0)
    {
      PQclear (res);
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_IDEMPOTENCY_MISMATCH,
                   "Idempotency-Key “%s” was used for another request", key);
      return FALSE;
    }
  *ref_id = g_strdup (VALUE (res, 0, 2));
  PQclear (res);
  return TRUE;
}

static gboolean
remember_key (TurnosPgStore  *self,
              const char     *key,
              const char     *ref_id,
              GError        **error)
{
  PGresult *res = query (self, "UPDATE idempotency SET ref_id = $2 WHERE key = $1",
                         PARAMS (key, ref_id), error);

  if (res == NULL)
    return FALSE;
  PQclear (res);
  return TRUE;
}

/*
 * Private API (turnos-pg-store-private.h)
 */

gboolean
_turnos_pg_claim_key (TurnosPgStore  *self,
                      const char     *key,
                      const char     *kind,
                      const char     *request_hash,
                      gint64          now,
                      char          **ref_id,
                      GError        **error)
{
  return claim_key (self, key, kind, request_hash, now, ref_id, error);
}

gboolean
_turnos_pg_remember_key (TurnosPgStore  *self,
                         const char     *key,
                         const char     *ref_id,
                         GError        **error)
{
  return remember_key (self, key, ref_id, error);
}
