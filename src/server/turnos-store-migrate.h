/* turnos-store-migrate.h: moving a clinic from its SQLite file to PostgreSQL
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * turnos_store_migrate:
 * @from_uri: "sqlite:///path.db", an existing store (migrated to the current schema first)
 * @to_uri: "postgresql://…", a database whose Turnos tables are empty or absent (the schema
 *   is created); its role may create the btree_gist extension
 * @report: (nullable): receives one line per table, "professionals: 3 rows"
 * @error: the reason it did not copy
 *
 * Copies every table of the clinic (professionals, accounts, reservations, blocks, payments,
 * idempotency keys, tokens, sign-in failures, the audit trail with its numbering) in one
 * transaction, then checks each table holds as many rows on both sides before committing.
 * Nothing is written when anything fails. The source is read in one read transaction; stop
 * the servers on it first, or what they write meanwhile stays behind.
 *
 * Returns: TRUE when the copy is committed. G_IO_ERROR_NOT_FOUND for a missing file,
 *   G_IO_ERROR_INVALID_ARGUMENT for other URIs, G_IO_ERROR_EXISTS for a target that holds
 *   rows, G_IO_ERROR_NOT_SUPPORTED in a build without PostgreSQL or for a source with
 *   tables this build does not know; TURNOS_STORE_ERROR from either database.
 */
gboolean turnos_store_migrate (const char  *from_uri,
                               const char  *to_uri,
                               GString     *report,
                               GError     **error);

G_END_DECLS
