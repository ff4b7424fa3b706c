/* turnos-pg-store-private.h: what the PostgreSQL store's files share
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * turnos-pg-conn.c holds the connections (a per-process pool), the prepared statements and
 * the errors; turnos-pg-store.c the zones, the constructors and the interface's wiring;
 * turnos-pg-schema.c the migrations; turnos-pg-professionals.c the professionals' settings;
 * turnos-pg-reservations.c the reservations and a day's availability; turnos-pg-blocks.c the
 * blocks (time off); turnos-pg-payments.c the payments; turnos-pg-idempotency.c the
 * Idempotency-Keys; turnos-pg-accounts.c the accounts, tokens, sign-in failures and the audit
 * trail; turnos-pg-store-events.c the live events; turnos-pg-series.c weekly series and
 * reschedules; turnos-pg-waitlist.c the waitlist and its offers; turnos-pg-attendance.c
 * whether the patient came.
 */
#pragma once

#include <libpq-fe.h>

#include "turnos-pg-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

/* One connection and the statements prepared on it (they live as long as it does). */
typedef struct
{
  PGconn     *pg;
  char       *uri;         /* what it was opened for: the pool's key */
  GHashTable *prepared;    /* SQL (a static string, by address) → statement name */
  guint       n_prepared;
} TurnosPgConn;

struct _TurnosPgStore
{
  GObject       parent_instance;

  char         *uri;
  TurnosPgConn *conn;            /* NULL until needed, and after it broke */
  gint64        next_connect_us; /* after a failed attempt, none before this (monotonic) */
  char          sqlstate[6];     /* of the last statement that failed, "" when none */
  GHashTable   *zones;           /* professional id → GTimeZone*, filled lazily */
  GHashTable   *professionals;   /* id → TurnosSettings*; emptied on NOTIFY turnos_settings */
  GTimeZone    *utc;             /* for rows read while the settings could not be */
  GPtrArray    *events;          /* live events of the open transaction (JSON), appended
                                  * by the commit; NULL when none */
  gint64        events_pruned;   /* when old events were last pruned (unix seconds) */
  guint64       events_heard;    /* notifications on TURNOS_PG_EVENTS_CHANNEL read so far */
  TurnosPgIdFunc new_id;         /* turnos_id_new, or a test's */
};

/* How many times a transaction PostgreSQL broke (a deadlock, a serialization failure) is run
 * in all before it is answered as a conflict. */
#define MAX_ATTEMPTS 4
/* How many fresh ids an insert tries before giving up on a key clash. */
#define ID_ATTEMPTS 4

/* The channel a settings change is announced on; the payload is the professional's id, or
 * "*" for everything (a wipe). Every store listens on its connection. */
#define TURNOS_PG_SETTINGS_CHANNEL "turnos_settings"

/* The channel a commit that appended live events announces itself on (no payload). Every
 * store listens; its watch source (turnos_store_watch_events()) fires on it. */
#define TURNOS_PG_EVENTS_CHANNEL "turnos_events"

/* The migrations, turnos-pg-schema.c: runs those the database lacks, up to version @up_to,
 * in one transaction under an advisory lock. */
gboolean   _turnos_pg_migrate             (TurnosPgStore        *self,
                                           int                   up_to,
                                           GError              **error);

/* Professionals and their settings: turnos-pg-professionals.c. Forgetting them drops the
 * kept settings and zones (a wipe). */
void       _turnos_pg_professionals_iface_init (TurnosStoreInterface *iface);
void       _turnos_pg_forget_professionals     (TurnosPgStore        *self);

/* Reservations and a day's availability: turnos-pg-reservations.c. */
void       _turnos_pg_reservations_iface_init (TurnosStoreInterface *iface);

/* Blocks, a professional's time off: turnos-pg-blocks.c. The blocks of @professional_id
 * overlapping [@from, @to) (Unix seconds), by start, appended to @out. */
void       _turnos_pg_blocks_iface_init   (TurnosStoreInterface *iface);
gboolean   _turnos_pg_select_blocks       (TurnosPgStore        *self,
                                           const char           *professional_id,
                                           gint64                from,
                                           gint64                to,
                                           GPtrArray            *out,
                                           GError              **error);

/* Payments, a booking's deposit: turnos-pg-payments.c. */
void       _turnos_pg_payments_iface_init (TurnosStoreInterface *iface);

/* The accounts' schema: migration 2 in turnos-pg-schema.c's list. */
extern const char _turnos_pg_accounts_schema[];

void       _turnos_pg_accounts_iface_init (TurnosStoreInterface *iface);

/* The live events' schema (migration 6) and methods: turnos-pg-store-events.c. The _append_
 * helpers run inside a transaction: the events wait in self->events, and the commit
 * (_turnos_pg_commit) writes them, numbered under the counter row's lock, then announces
 * them (NOTIFY, and "events-appended" once committed). */
extern const char _turnos_pg_events_schema[];
void       _turnos_pg_events_iface_init   (TurnosStoreInterface *iface);
void       _turnos_pg_append_event        (TurnosPgStore        *self,
                                           char                 *json);
/* A reservation event with @status and, when @moves_time, the availability of its days (and,
 * when it is CANCELLED, the waitlist's offers of its time). */
gboolean   _turnos_pg_append_reservation_events (TurnosPgStore  *self,
                                                 const char     *id,
                                                 const char     *client_id,
                                                 const char     *professional_id,
                                                 gint64          start_ts,
                                                 gint64          end_ts,
                                                 TurnosStatus    status,
                                                 gboolean        moves_time,
                                                 GError        **error);
void       _turnos_pg_append_availability (TurnosPgStore        *self,
                                           const char           *professional_id,
                                           gint64                start_ts,
                                           gint64                end_ts);
/* A CANCELLED reservation event, its availability and offers for each row of @res, read as
 * (id, client_id, professional_id, start, end) from column @at on; returns how many, -1 on
 * an error. */
int        _turnos_pg_append_cancels      (TurnosPgStore        *self,
                                           const PGresult       *res,
                                           int                   at,
                                           GError              **error);
/* Inside a transaction: releases the PENDING holds of @professional_id (NULL: everyone's;
 * else its row is taken FOR KEY SHARE first) lapsed at @now, and expires their payments,
 * with their events; @released (optional) receives how many. */
gboolean   _turnos_pg_release_lapsed      (TurnosPgStore        *self,
                                           const char           *professional_id,
                                           gint64                now,
                                           guint                *released,
                                           GError              **error);
/* Inside a transaction: writes the events waiting in self->events. */
gboolean   _turnos_pg_write_events        (TurnosPgStore        *self,
                                           GError              **error);
/* Reads the notifications that arrived on the connection (without waiting): a settings
 * change empties the kept settings, an events one counts in self->events_heard. Returns
 * whether a settings notification named @about (or everything). */
gboolean   _turnos_pg_take_notifies       (TurnosPgStore        *self,
                                           const char           *about);
/* The reservations' columns, in the order reservation rows are read. */
#define TURNOS_PG_RESERVATION_COLUMNS \
  "id, client_id, professional_id, extract(epoch FROM start_at)::bigint, " \
  "extract(epoch FROM end_at)::bigint, status, modality, extract(epoch FROM created_at)::bigint, " \
  "extract(epoch FROM hold_expires_at)::bigint, cancel_reason, payment_id, series_id, rescheduled_to, " \
  "attendance"

/* Attendance (migration 9): turnos-pg-attendance.c. */
extern const char _turnos_pg_attendance_schema[];
void       _turnos_pg_attendance_iface_init (TurnosStoreInterface *iface);

/* Series and reschedules (migration 7): turnos-pg-series.c. */
extern const char _turnos_pg_series_schema[];
void       _turnos_pg_series_iface_init   (TurnosStoreInterface *iface);
/* The waitlist (migration 8): turnos-pg-waitlist.c; the helpers run inside a transaction. */
extern const char _turnos_pg_waitlist_schema[];
void       _turnos_pg_waitlist_iface_init (TurnosStoreInterface *iface);
/* The offers of time freed in [@start_ts, @end_ts) of @professional_id's agenda to every
 * patient (but @except_client, nullable) waiting on a day it overlaps (turnos-store.h). */
gboolean   _turnos_pg_append_offers       (TurnosPgStore        *self,
                                           const char           *professional_id,
                                           gint64                start_ts,
                                           gint64                end_ts,
                                           const char           *except_client,
                                           GError              **error);
/* @client_id booked with @professional_id at @start_ts: their entry for that day ends. */
gboolean   _turnos_pg_waitlist_fulfil     (TurnosPgStore        *self,
                                           const char           *client_id,
                                           const char           *professional_id,
                                           gint64                start_ts,
                                           GError              **error);

/* Reservations, for the files by resource (turnos-pg-reservations.c): a row of
 * TURNOS_PG_RESERVATION_COLUMNS; one by id (NOT_FOUND); the checks and the insert of a
 * booking inside a transaction (turnos-store.h, TurnosStoreBookFlags); Idempotency-Keys
 * (turnos-pg-idempotency.c); a payment by id (turnos-pg-payments.c); the lock one patient's
 * bookings take turns on. */
TurnosReservation *_turnos_pg_reservation_from_row (TurnosPgStore  *self,
                                                    const PGresult *res,
                                                    int             row);
TurnosReservation *_turnos_pg_get_reservation      (TurnosPgStore  *self,
                                                    const char     *id,
                                                    GError        **error);
/* Reservations of @professional_id overlapping [@from, @to) (Unix seconds), any status, by
 * start, appended to @out. */
gboolean   _turnos_pg_select_overlapping  (TurnosPgStore        *self,
                                           const char           *professional_id,
                                           gint64                from,
                                           gint64                to,
                                           GPtrArray            *out,
                                           GError              **error);
TurnosReservation *_turnos_pg_insert_reservation   (TurnosPgStore         *self,
                                                    TurnosReservation     *draft,
                                                    gint64                 now,
                                                    GDateTime             *hold_until,
                                                    TurnosStoreBookFlags   flags,
                                                    const char            *ignore_id,
                                                    const char            *series_id,
                                                    const char            *payment_id,
                                                    TurnosReservation    **conflict,
                                                    GError               **error);
/* After a conflict the exclusion constraint found, outside the transaction: who holds the
 * time @draft asked for, into *@conflict (left alone when none is found). */
void       _turnos_pg_find_conflict       (TurnosPgStore        *self,
                                           TurnosReservation    *draft,
                                           GDateTime            *now,
                                           TurnosReservation   **conflict);
gboolean   _turnos_pg_claim_key           (TurnosPgStore        *self,
                                           const char           *key,
                                           const char           *kind,
                                           const char           *request_hash,
                                           gint64                now,
                                           char                **ref_id,
                                           GError              **error);
gboolean   _turnos_pg_remember_key        (TurnosPgStore        *self,
                                           const char           *key,
                                           const char           *ref_id,
                                           GError              **error);
TurnosPayment *_turnos_pg_get_payment     (TurnosPgStore        *self,
                                           const char           *payment_id,
                                           GError              **error);
gboolean   _turnos_pg_lock_patient        (TurnosPgStore        *self,
                                           const char           *client_id,
                                           GError              **error);

/* The professional's zone (UTC when unknown), kept. (transfer none) */
GTimeZone *_turnos_pg_zone_of             (TurnosPgStore        *self,
                                           const char           *professional_id);
/* Unix seconds @ts as a time in @tz. (transfer full) */
GDateTime *_turnos_pg_local               (GTimeZone            *tz,
                                           gint64                ts);

/* Runs @sql (a static string: it is prepared once per connection, by address) with @n text
 * @params (NULL ones are SQL NULLs). Returns the result (PGRES_TUPLES_OK or COMMAND_OK), or
 * NULL with TURNOS_STORE_ERROR set: CONFLICT for an exclusion, deadlock or serialization
 * failure, UNAVAILABLE when the connection is lost, refused or timed out (the connection is
 * then dropped, and the next call opens a new one), FAILED otherwise. The SQLSTATE of a
 * failure stays in self->sqlstate. */
PGresult  *_turnos_pg_query      (TurnosPgStore       *self,
                                  const char          *sql,
                                  int                  n,
                                  const char * const  *params,
                                  GError             **error);
/* The same, for the statements with no parameter that are not worth preparing ("BEGIN",
 * "COMMIT", a migration); returns whether it succeeded. */
gboolean   _turnos_pg_exec       (TurnosPgStore       *self,
                                  const char          *sql,
                                  GError             **error);
gboolean   _turnos_pg_begin      (TurnosPgStore       *self,
                                  GError             **error);
gboolean   _turnos_pg_commit     (TurnosPgStore       *self,
                                  GError             **error);
/* Ends a transaction that failed, if one is open. */
void       _turnos_pg_rollback   (TurnosPgStore       *self);
/* Whether the last failure had @sqlstate ("23505": a unique key was taken). */
gboolean   _turnos_pg_failed_with (TurnosPgStore      *self,
                                   const char         *sqlstate);
/* Whether @error is worth running the whole transaction again for (a deadlock or a
 * serialization failure, which PostgreSQL resolves by cancelling one side). */
gboolean   _turnos_pg_should_retry (TurnosPgStore     *self,
                                    const GError      *error);

/* The store's connection, (re)opened when needed; for what the statements above cannot do
 * (COPY). UNAVAILABLE when it cannot connect. */
PGconn    *_turnos_pg_connection (TurnosPgStore      *self,
                                  GError            **error);

/* Takes a connection for @uri from the pool, or opens one; checks an idle one is still
 * alive first. UNAVAILABLE when it cannot connect. */
TurnosPgConn *_turnos_pg_conn_take (const char        *uri,
                                    GError           **error);
/* Gives a healthy, idle connection back to the pool (or closes it). */
void          _turnos_pg_conn_give (TurnosPgConn      *conn);
void          _turnos_pg_conn_free (TurnosPgConn      *conn);

/* Parameters: `PARAMS ("a", b)` is the count and the array _turnos_pg_query() takes;
 * INT64 (v) formats a number in a buffer that lives to the end of the enclosing block. */
#define PARAMS(...) G_N_ELEMENTS (((const char *[]) { __VA_ARGS__ })), \
                    ((const char * const []) { __VA_ARGS__ })
#define INT64(v) _turnos_pg_int64 ((char[24]) { 0 }, (v))
const char *_turnos_pg_int64 (char    buf[24],
                              gint64  value);

/* Reading a text-format result: "" and 0 for NULL. */
#define VALUE(res, row, col) PQgetvalue ((res), (row), (col))
gint64      _turnos_pg_get_int64 (const PGresult *res,
                                  int             row,
                                  int             col);
/* NULL for a NULL. */
char       *_turnos_pg_dup       (const PGresult *res,
                                  int             row,
                                  int             col);

G_END_DECLS
