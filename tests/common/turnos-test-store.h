/* turnos-test-store.h: the store a parametrized test runs on, SQLite or PostgreSQL
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * meson registers the server's store and HTTP tests twice: as they are (SQLite), and with
 * "-pg" and TURNOS_TEST_STORE=postgresql, on the throwaway cluster build-aux/pg-test-cluster
 * starts (TURNOS_TEST_PG_URI). The tests ask here for their store and never name one.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether this run is on PostgreSQL (TURNOS_TEST_STORE=postgresql). */
gboolean   turnos_test_store_is_postgresql (void);

/* A URI for a fresh, empty store: "sqlite://DIR/t.db" in a new temporary DIR, or a new
 * schema in the database TURNOS_TEST_PG_URI names ("…?options=-csearch_path%3DSCHEMA").
 * Aborts the test when it cannot. */
char      *turnos_test_store_new_uri (void);

/* Removes what turnos_test_store_new_uri() made: the file, its WAL and its folder, or the
 * schema. NULL is ignored. */
void       turnos_test_store_drop (const char *uri);

/* The first column of every row @sql answers on @uri's database, as strings (a NULL as
 * NULL). @sql must read the same in both dialects. Aborts the test on an error. */
GPtrArray *turnos_test_store_query (const char *uri,
                                    const char *sql);

/* Runs @sql (statements without an answer) on @uri's database. Aborts the test on an error. */
void       turnos_test_store_exec (const char *uri,
                                   const char *sql);

/* Everything the store keeps, to look for what must not be there: for SQLite the bytes of
 * the file and its WAL after a checkpoint (freed pages included: secure_delete is checked
 * too); for PostgreSQL every row of every table as text (old row versions wait for VACUUM,
 * which the README tells the operator). */
GBytes    *turnos_test_store_dump (const char *uri);

G_END_DECLS
