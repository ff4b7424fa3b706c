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
  gboolean    events_appended; /* the open transaction appended live events */
  gint64      events_pruned;   /* when old events were last pruned (unix seconds) */
};

/* How often another connection's events are looked for (turnos-sqlite-store-events.c). */
#define TURNOS_SQLITE_EVENTS_POLL_MS 50

/* The accounts' schema: migration 2 in turnos-sqlite-store.c's list. */
extern const char _turnos_sqlite_accounts_schema[];

/* Sets the connection up for the accounts (PRAGMA secure_delete, so an erased patient's
 * bytes are overwritten in the file, not only unlinked). */
gboolean      _turnos_sqlite_accounts_open       (TurnosSqliteStore     *self,
                                                  GError               **error);
void          _turnos_sqlite_accounts_iface_init (TurnosStoreInterface  *iface);

/* The live events' schema (migration 3) and methods: turnos-sqlite-store-events.c. The
 * _append_ helpers run inside a write transaction; the commit emits "events-appended". */
extern const char _turnos_sqlite_events_schema[];
void          _turnos_sqlite_events_iface_init   (TurnosStoreInterface  *iface);
gboolean      _turnos_sqlite_append_event        (TurnosSqliteStore     *self,
                                                  const char            *json,
                                                  GError               **error);
/* A reservation event with @status and, when @moves_time, the availability of its days. */
gboolean      _turnos_sqlite_append_reservation_events (TurnosSqliteStore  *self,
                                                        const char         *id,
                                                        const char         *client_id,
                                                        const char         *professional_id,
                                                        gint64              start_ts,
                                                        gint64              end_ts,
                                                        TurnosStatus        status,
                                                        gboolean            moves_time,
                                                        GError            **error);
gboolean      _turnos_sqlite_append_availability (TurnosSqliteStore     *self,
                                                  const char            *professional_id,
                                                  gint64                 start_ts,
                                                  gint64                 end_ts,
                                                  GError               **error);
gboolean      _turnos_sqlite_append_settings     (TurnosSqliteStore     *self,
                                                  const char            *professional_id,
                                                  GError               **error);
/* Releases the PENDING holds of @professional_id (NULL: everyone's) lapsed at @now, and
 * expires their payments, with their events; @released (optional) receives how many. */
gboolean      _turnos_sqlite_release_lapsed      (TurnosSqliteStore     *self,
                                                  const char            *professional_id,
                                                  gint64                 now,
                                                  guint                 *released,
                                                  GError               **error);
/* The events of cancelling every live reservation of @client_id that starts after @after
 * (an erasure), appended before the rows change. */
gboolean      _turnos_sqlite_append_client_cancels (TurnosSqliteStore   *self,
                                                    const char          *client_id,
                                                    gint64               after,
                                                    GError             **error);
/* The professional's zone (UTC when unknown), kept. (transfer none) */
GTimeZone    *_turnos_sqlite_zone_of             (TurnosSqliteStore     *self,
                                                  const char            *professional_id);

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
