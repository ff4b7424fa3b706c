/* turnos-sqlite-store-private.h: what the SQLite store's files by resource share
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * turnos-sqlite-store.c holds the connection, its helpers, the transactions, the zones and
 * the interface's wiring; turnos-sqlite-schema.c the migrations; turnos-sqlite-professionals.c
 * the professionals' settings; turnos-sqlite-reservations.c the reservations and a day's
 * availability; turnos-sqlite-blocks.c the blocks (time off); turnos-sqlite-payments.c the
 * payments; turnos-sqlite-idempotency.c the Idempotency-Keys; turnos-sqlite-accounts.c the
 * accounts, tokens, sign-in failures and the audit trail; turnos-sqlite-store-events.c the
 * live events; turnos-sqlite-series.c weekly series and reschedules; turnos-sqlite-waitlist.c
 * the waitlist and its offers; turnos-sqlite-attendance.c whether the patient came.
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

/* The reservations' columns, in the order reservation_from_row() reads them. */
#define TURNOS_SQLITE_RESERVATION_COLUMNS \
  "id, client_id, professional_id, start_ts, end_ts, status, modality, created_ts, hold_expires_ts, " \
  "cancel_reason, payment_id, series_id, rescheduled_to, attendance"

/* How often another connection's events are looked for (turnos-sqlite-store-events.c). */
/* turnos_reservation_is_live() in SQL, for a row of reservations at the instant @now (a
 * parameter or expression of Unix seconds): confirmed, or a payment hold not yet lapsed.
 * The one place the SQLite store writes that rule; keep the two in step. */
#define TURNOS_SQLITE_IS_LIVE(now) \
  "(status = 'CONFIRMED' OR (status = 'PENDING' AND " \
  "(hold_expires_ts IS NULL OR hold_expires_ts > " now ")))"

#define TURNOS_SQLITE_EVENTS_POLL_MS 50

/* The migrations, turnos-sqlite-schema.c: runs those the database lacks. */
gboolean      _turnos_sqlite_migrate             (TurnosSqliteStore     *self,
                                                  GError               **error);

/* Professionals and their settings: turnos-sqlite-professionals.c. Forgetting them drops
 * the kept settings and zones (a wipe). */
void          _turnos_sqlite_professionals_iface_init (TurnosStoreInterface *iface);
void          _turnos_sqlite_forget_professionals     (TurnosSqliteStore    *self);

/* Reservations and a day's availability: turnos-sqlite-reservations.c. */
void          _turnos_sqlite_reservations_iface_init (TurnosStoreInterface *iface);

/* Blocks, a professional's time off: turnos-sqlite-blocks.c. The blocks of
 * @professional_id overlapping [@from, @to) (Unix seconds), by start, appended to @out. */
void          _turnos_sqlite_blocks_iface_init (TurnosStoreInterface *iface);
gboolean      _turnos_sqlite_select_blocks     (TurnosSqliteStore    *self,
                                                const char           *professional_id,
                                                gint64                from,
                                                gint64                to,
                                                GPtrArray            *out,
                                                GError              **error);

/* Payments, a booking's deposit: turnos-sqlite-payments.c. */
void          _turnos_sqlite_payments_iface_init (TurnosStoreInterface *iface);

/* The accounts' schema: migration 2 in turnos-sqlite-schema.c's list. */
extern const char _turnos_sqlite_accounts_schema[];

/* Sets the connection up for the accounts (PRAGMA secure_delete, so an erased patient's
 * bytes are overwritten in the file, not only unlinked). */
gboolean      _turnos_sqlite_accounts_open       (TurnosSqliteStore     *self,
                                                  GError               **error);
void          _turnos_sqlite_accounts_iface_init (TurnosStoreInterface  *iface);

/* Attendance: the column (migration 9) and the method, turnos-sqlite-attendance.c. */
extern const char _turnos_sqlite_attendance_schema[];
void          _turnos_sqlite_attendance_iface_init (TurnosStoreInterface *iface);

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
/* Unix seconds @ts as a time in @tz. (transfer full) */
GDateTime    *_turnos_sqlite_local               (GTimeZone             *tz,
                                                  gint64                 ts);

/* Series and reschedules (migration 7): turnos-sqlite-series.c. */
extern const char _turnos_sqlite_series_schema[];
void          _turnos_sqlite_series_iface_init   (TurnosStoreInterface  *iface);

/* The waitlist (migration 8): turnos-sqlite-waitlist.c. The helpers run inside a write
 * transaction. */
extern const char _turnos_sqlite_waitlist_schema[];
void          _turnos_sqlite_waitlist_iface_init (TurnosStoreInterface  *iface);
/* The offers of time freed in [@start_ts, @end_ts) of @professional_id's agenda to every
 * patient (but @except_client, nullable) waiting on a day it overlaps (turnos-store.h). */
gboolean      _turnos_sqlite_append_offers       (TurnosSqliteStore     *self,
                                                  const char            *professional_id,
                                                  gint64                 start_ts,
                                                  gint64                 end_ts,
                                                  const char            *except_client,
                                                  GError               **error);
/* @client_id booked with @professional_id at @start_ts: their entry for that day ends. */
gboolean      _turnos_sqlite_waitlist_fulfil     (TurnosSqliteStore     *self,
                                                  const char            *client_id,
                                                  const char            *professional_id,
                                                  gint64                 start_ts,
                                                  GError               **error);

/* Reservations, for the files by resource (turnos-sqlite-reservations.c): a row of
 * TURNOS_SQLITE_RESERVATION_COLUMNS; one by id (NOT_FOUND); the checks and the insert of a
 * booking inside a write transaction (turnos-store.h, TurnosStoreBookFlags), returning the new
 * id; an INSERT whose ?1 is a fresh id (turnos-sqlite-store.c); Idempotency-Keys
 * (turnos-sqlite-idempotency.c); a payment by id (turnos-sqlite-payments.c). */
TurnosReservation *_turnos_sqlite_reservation_from_row (TurnosSqliteStore  *self,
                                                        sqlite3_stmt       *st);
TurnosReservation *_turnos_sqlite_get_reservation  (TurnosSqliteStore     *self,
                                                    const char            *id,
                                                    GError               **error);
/* Reservations of @professional_id overlapping [@from, @to) (Unix seconds), any status, by
 * start, appended to @out. */
gboolean      _turnos_sqlite_select_overlapping  (TurnosSqliteStore     *self,
                                                  const char            *professional_id,
                                                  gint64                 from,
                                                  gint64                 to,
                                                  GPtrArray             *out,
                                                  GError               **error);
char         *_turnos_sqlite_insert_reservation  (TurnosSqliteStore     *self,
                                                  TurnosReservation     *draft,
                                                  gint64                 now,
                                                  GDateTime             *hold_until,
                                                  TurnosStoreBookFlags   flags,
                                                  const char            *ignore_id,
                                                  const char            *series_id,
                                                  const char            *payment_id,
                                                  TurnosReservation    **conflict,
                                                  GError               **error);
char         *_turnos_sqlite_insert_with_fresh_id (TurnosSqliteStore    *self,
                                                   sqlite3_stmt         *st,
                                                   GError              **error);
gboolean      _turnos_sqlite_lookup_key          (TurnosSqliteStore     *self,
                                                  const char            *key,
                                                  const char            *kind,
                                                  const char            *request_hash,
                                                  gint64                 now,
                                                  char                 **ref_id,
                                                  GError               **error);
gboolean      _turnos_sqlite_remember_key        (TurnosSqliteStore     *self,
                                                  const char            *key,
                                                  const char            *kind,
                                                  const char            *request_hash,
                                                  const char            *ref_id,
                                                  gint64                 now,
                                                  GError               **error);
TurnosPayment *_turnos_sqlite_get_payment        (TurnosSqliteStore     *self,
                                                  const char            *payment_id,
                                                  GError               **error);

/* Helpers of turnos-sqlite-store.c: SQL run once (several statements, no parameters); a
 * kept prepared statement (reset, bindings cleared); a text parameter (copied); a step to
 * the end; the error from the connection; write transactions. */
gboolean      _turnos_sqlite_exec        (TurnosSqliteStore  *self,
                                          const char         *sql,
                                          GError            **error);
sqlite3_stmt *_turnos_sqlite_stmt        (TurnosSqliteStore  *self,
                                          const char         *sql,
                                          GError            **error);
void          _turnos_sqlite_bind_text   (sqlite3_stmt       *st,
                                          int                 i,
                                          const char         *text);
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
