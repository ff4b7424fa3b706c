/* turnos-sqlite-idempotency.c: the SQLite store's Idempotency-Keys
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A key names the first request that came with it (its kind and a hash of its body) and the
 * id of what that request created, so a retry is answered with the same thing and a key sent
 * with another request is refused (turnos-store.h). Reservations, payments and series use
 * them inside their own write transactions.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-sqlite-store-private.h"

#define stmt      _turnos_sqlite_stmt
#define done      _turnos_sqlite_done
#define fail      _turnos_sqlite_fail
#define bind_text _turnos_sqlite_bind_text

/* How long an Idempotency-Key is remembered: a day is plenty for a client's retries. */
#define IDEMPOTENCY_KEEP_SECONDS (24 * 60 * 60)

/* Inside a write transaction: the id a key stands for, or NULL. Keys older than
 * IDEMPOTENCY_KEEP_SECONDS at @now are forgotten first, so the table holds one day of keys,
 * not every key ever sent, and a key that old starts a new request. */
static gboolean
lookup_key (TurnosSqliteStore  *self,
            const char         *key,
            const char         *kind,
            const char         *request_hash,
            gint64              now,
            char              **ref_id,
            GError            **error)
{
  sqlite3_stmt *st = stmt (self, "DELETE FROM idempotency WHERE created_ts < ?1", error);
  int rc;

  *ref_id = NULL;
  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, now - IDEMPOTENCY_KEEP_SECONDS);
  if (!done (self, st, error))
    return FALSE;
  if (!(st = stmt (self, "SELECT request_hash, kind, ref_id FROM idempotency WHERE key = ?1", error)))
    return FALSE;
  bind_text (st, 1, key);
  rc = sqlite3_step (st);
  if (rc == SQLITE_ROW)
    {
      if (g_strcmp0 ((const char *) sqlite3_column_text (st, 0), request_hash) != 0 ||
          g_strcmp0 ((const char *) sqlite3_column_text (st, 1), kind) != 0)
        {
          sqlite3_reset (st);
          g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_IDEMPOTENCY_MISMATCH,
                       "Idempotency-Key “%s” was used for another request", key);
          return FALSE;
        }
      *ref_id = g_strdup ((const char *) sqlite3_column_text (st, 2));
    }
  sqlite3_reset (st);
  return rc == SQLITE_ROW || rc == SQLITE_DONE ? TRUE : fail (self, error);
}

static gboolean
remember_key (TurnosSqliteStore  *self,
              const char         *key,
              const char         *kind,
              const char         *request_hash,
              const char         *ref_id,
              gint64              now,
              GError            **error)
{
  sqlite3_stmt *st = stmt (self,
                           "INSERT INTO idempotency (key, request_hash, kind, ref_id, created_ts) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, key);
  bind_text (st, 2, request_hash ? request_hash : "");
  bind_text (st, 3, kind);
  bind_text (st, 4, ref_id);
  sqlite3_bind_int64 (st, 5, now);
  return done (self, st, error);
}

/*
 * Private API (turnos-sqlite-store-private.h)
 */

gboolean
_turnos_sqlite_lookup_key (TurnosSqliteStore  *self,
                           const char         *key,
                           const char         *kind,
                           const char         *request_hash,
                           gint64              now,
                           char              **ref_id,
                           GError            **error)
{
  return lookup_key (self, key, kind, request_hash, now, ref_id, error);
}

gboolean
_turnos_sqlite_remember_key (TurnosSqliteStore  *self,
                             const char         *key,
                             const char         *kind,
                             const char         *request_hash,
                             const char         *ref_id,
                             gint64              now,
                             GError            **error)
{
  return remember_key (self, key, kind, request_hash, ref_id, now, error);
}
