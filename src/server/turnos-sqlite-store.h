/* turnos-sqlite-store.h: the SQLite store
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-store.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_SQLITE_STORE (turnos_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (TurnosSqliteStore, turnos_sqlite_store, TURNOS, SQLITE_STORE, GObject)

/* Opens (creating and migrating) the database at @path. One connection, used from one thread
 * at a time; open one store per thread to share a file (WAL). The file and its -wal and -shm
 * are made (or made again) readable and writable by their owner only (0600).
 * Errors: TURNOS_STORE_ERROR_FAILED. */
TurnosStore *turnos_sqlite_store_new (const char *path,
                                      GError    **error);

/* The schema version a migrated database has. */
int          turnos_sqlite_store_get_schema_version (TurnosSqliteStore *self);

/* Makes a new row id (transfer full). */
typedef char *(*TurnosSqliteStoreIdFunc) (void);
/* For tests: where the ids of new reservations, blocks and payments come from (default
 * turnos_id_new()); NULL restores the default. */
void         _turnos_sqlite_store_set_id_func (TurnosSqliteStore       *self,
                                               TurnosSqliteStoreIdFunc  func);

G_END_DECLS
