/* turnos-pg-store.h: the PostgreSQL store
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-store.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_PG_STORE (turnos_pg_store_get_type ())
G_DECLARE_FINAL_TYPE (TurnosPgStore, turnos_pg_store, TURNOS, PG_STORE, GObject)

/* The schema version this build migrates a database to (the same numbering as SQLite's). */
#define TURNOS_PG_SCHEMA_VERSION 9

/**
 * turnos_pg_store_new:
 * @uri: a libpq connection URI, "postgresql://user@host:port/dbname?…"; the role must be
 *   allowed to create the btree_gist extension (it is trusted: owning the database is enough)
 *
 * Connects, and creates or migrates the schema (one server at a time: an advisory lock
 * orders several servers starting together). Behaves as the SQLite store does, with
 * PostgreSQL's exclusion constraint as the last word on overlaps. One store is used from one
 * thread at a time (each of turnos-server's --threads opens its own); its connection is kept,
 * returned to a per-process pool when the store is finalized, and replaced by a new one when
 * it breaks. Statements are prepared once per connection. Waits are bounded: connecting
 * (connect_timeout 3 s), statements (statement_timeout 5 s, lock_timeout 3 s) and a dead
 * peer (TCP keepalives, tcp_user_timeout); a URI's own values win over these.
 *
 * Returns: the store, or NULL with TURNOS_STORE_ERROR_UNAVAILABLE when the database cannot
 *   be reached, TURNOS_STORE_ERROR_FAILED when it refuses the schema.
 */
TurnosStore *turnos_pg_store_new                (const char     *uri,
                                                 GError        **error);

/* The schema version of the database (TURNOS_PG_SCHEMA_VERSION once migrated), -1 when it
 * cannot be read. */
int          turnos_pg_store_get_schema_version (TurnosPgStore  *self);

/* Makes a new row id (transfer full). */
typedef char *(*TurnosPgIdFunc) (void);
/* For tests: where the ids of new reservations, blocks and payments come from (default
 * turnos_id_new()); NULL restores the default. */
void         _turnos_pg_store_set_id_func (TurnosPgStore  *self,
                                           TurnosPgIdFunc  func);

/* For tests: opens @uri migrated up to @version only (1 to TURNOS_PG_SCHEMA_VERSION), as
 * an older turnos-server left it. */
TurnosStore *_turnos_pg_store_new_at_version (const char  *uri,
                                              int          version,
                                              GError     **error);

/* The tables of a migrated database, in the order a copy fills them (referenced first). */
extern const char * const turnos_pg_store_tables[];

G_END_DECLS
