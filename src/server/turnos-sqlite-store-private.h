/* turnos-sqlite-store-private.h: what the SQLite store's files by resource share
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * turnos-sqlite-store.c holds the connection, the migrations and the reservations;
 * turnos-sqlite-accounts.c the accounts, tokens, sign-in failures and the audit trail.
 */
#pragma once

#include <sqlite3.h>

#include "turnos-sqlite-store.h"

G_BEGIN_DECLS

struct _TurnosSqliteStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* static SQL string → sqlite3_stmt* */
  GHashTable *zones;        /* professional id → GTimeZone*, filled lazily */
  GHashTable *professionals; /* id → TurnosSettings*, parsed once; see fresh_cache() */
  gint64      data_version; /* PRAGMA data_version when the caches were last checked */
  TurnosSqliteStoreIdFunc new_id; /* turnos_id_new, or a test's */
};

/* The accounts' schema: migration 2 in turnos-sqlite-store.c's list. */
extern const char _turnos_sqlite_accounts_schema[];

/* Sets the connection up for the accounts (PRAGMA secure_delete, so an erased patient's
 * bytes are overwritten in the file, not only unlinked). */
gboolean      _turnos_sqlite_accounts_open       (TurnosSqliteStore     *self,
                                                  GError               **error);
void          _turnos_sqlite_accounts_iface_init (TurnosStoreInterface  *iface);

/* Helpers of turnos-sqlite-store.c: a kept prepared statement (reset, bindings cleared);
 * a step to the end; the error from the connection; write transactions. */
sqlite3_stmt *_turnos_sqlite_stmt        (TurnosSqliteStore  *self,
                                          const char         *sql,
                                          GError            **error);
gboolean      _turnos_sqlite_done        (TurnosSqliteStore  *self,
                                          sqlite3_stmt       *st,
                                          GError            **error);
gboolean      _turnos_sqlite_fail        (TurnosSqliteStore  *self,
                                          GError            **error);
gboolean      _turnos_sqlite_begin_write (TurnosSqliteStore  *self,
                                          GError            **error);
gboolean      _turnos_sqlite_commit      (TurnosSqliteStore  *self,
                                          GError            **error);
void          _turnos_sqlite_rollback    (TurnosSqliteStore  *self);

G_END_DECLS
