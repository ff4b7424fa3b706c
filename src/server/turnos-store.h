/* turnos-store.h: where reservations live; nothing above a store speaks SQL
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-account.h"
#include "turnos-audit.h"
#include "turnos-block.h"
#include "turnos-payment.h"
#include "turnos-reservation.h"
#include "turnos-series.h"
#include "turnos-settings.h"
#include "turnos-waitlist.h"

G_BEGIN_DECLS

#define TURNOS_STORE_ERROR (turnos_store_error_quark ())

typedef enum
{
  TURNOS_STORE_ERROR_NOT_FOUND,
  TURNOS_STORE_ERROR_CONFLICT,            /* overlaps a live reservation or a block */
  TURNOS_STORE_ERROR_ALREADY_CANCELLED,
  TURNOS_STORE_ERROR_IDEMPOTENCY_MISMATCH,/* the key was used with another request */
  TURNOS_STORE_ERROR_FAILED,              /* the database failed */
  TURNOS_STORE_ERROR_UNAVAILABLE,         /* the database cannot be reached now (it went away,
                                           * or timed out); the store reconnects by itself */
  TURNOS_STORE_ERROR_PATIENT_BUSY,        /* the patient has another live session then */
  TURNOS_STORE_ERROR_TOO_LATE,            /* a session to change starts too soon */
  TURNOS_STORE_ERROR_LIMIT,               /* a bound on what one person keeps was reached */
} TurnosStoreError;

/**
 * TurnosStoreBookFlags:
 * @TURNOS_STORE_BOOK_DEFAULT: every check
 * @TURNOS_STORE_BOOK_ALLOW_PATIENT_OVERLAP: the desk's override_reason (DESIGN.md "Who may do
 *   what"): the patient may keep another live session at the same time
 *
 * How a booking (create, payment hold, series, reschedule) may bend the store's checks.
 *
 * One patient, one place (DESIGN.md "Reschedule, series, waitlist"): every method that books
 * checks, in the same write transaction as the professional's overlap and after it, that no
 * live reservation of the draft's client_id, with any professional, overlaps the new
 * [start, end): else TURNOS_STORE_ERROR_PATIENT_BUSY, its @conflict the patient's other
 * session. (SQLite: BEGIN IMMEDIATE serializes it with every other booking, on the
 * (client_id, start_ts) index bounded by the longest session. PostgreSQL: an exclusion
 * constraint on (client_id, tstzrange) over live rows not booked with the override, or the
 * same lock its professional's check takes.) A reschedule ignores the session it moves.
 * Booking also ends the patient's waitlist entry for that professional's day, in the same
 * transaction: the first to book wins.
 */
typedef enum
{
  TURNOS_STORE_BOOK_DEFAULT               = 0,
  TURNOS_STORE_BOOK_ALLOW_PATIENT_OVERLAP = 1 << 0,
} TurnosStoreBookFlags;

/**
 * TurnosStoreSeriesRequest:
 * @drafts: TurnosReservation: the sessions to book, all of one patient and one professional,
 *   in time order, each already through the core's rules (turnos_slots_check_booking())
 * @join_id: (nullable): a live reservation of the same patient and professional, in no
 *   series yet, that becomes the series' first session ("Repeat weekly" from a session); it
 *   is not among @drafts
 * @mode: ALL_OR_NOTHING: one session that cannot be booked books none; FREE_ONES: the others
 *   are booked
 * @dry_run: check only: nothing is written (the transaction is rolled back)
 * @flags: as for every booking
 * @now: the server's clock (holds lapse against it)
 * @hold_until: (nullable): the professional asks for a deposit: the sessions are PENDING
 *   holds until then, with ONE payment for the whole series whose amount is
 *   @deposit_amount × the sessions booked (turnos_payment_amount_times()), in @currency
 * @idempotency_key, @request_hash: (nullable): as for create_reservation; a replay answers
 *   the series as it stands (its sessions now, no conflicts)
 */
typedef struct
{
  GPtrArray            *drafts;
  const char           *join_id;
  TurnosSeriesMode      mode;
  gboolean              dry_run;
  TurnosStoreBookFlags  flags;
  GDateTime            *now;
  GDateTime            *hold_until;
  const char           *deposit_amount;
  const char           *currency;
  const char           *idempotency_key;
  const char           *request_hash;
} TurnosStoreSeriesRequest;

/**
 * TurnosWaitlistQuery:
 * @professional_id: (nullable): only this professional's days
 * @client_id: (nullable): only this patient's entries
 * @date: (nullable): only this day
 * @now: entries whose day has ended at @now are not listed (they are over)
 * @limit: at most this many (1 to 500)
 * @after_key, @after_id: with @after_id non-NULL, only entries after this position in the
 *   order (the entry's seq, then id): the last one of the previous page
 *
 * The order is total and stable: seq ascending (then id), first come first.
 */
typedef struct
{
  const char  *professional_id;
  const char  *client_id;
  const GDate *date;
  GDateTime   *now;
  guint        limit;
  gint64       after_key;
  const char  *after_id;
} TurnosWaitlistQuery;

GQuark turnos_store_error_quark (void);

/**
 * TurnosReservationQuery:
 * @client_id: whose reservations (required)
 * @professional_id: (nullable): only those in this professional's agenda
 * @from: (nullable): the first day, inclusive, in each reservation's professional's zone
 * @to: (nullable): the last day, inclusive, likewise
 * @filter: live, not live, or all, at @now
 * @now: the instant "live" is judged at
 * @descending: newest start first, else soonest first
 * @limit: at most this many (1 to 500)
 * @after_start, @after_id: with @after_id non-NULL, only reservations after this position
 *   in the order (start instant as Unix seconds, then id): the last one of the previous page
 *
 * The order is total and stable: (start, id), ascending or descending.
 */
typedef struct
{
  const char              *client_id;
  const char              *professional_id;
  const GDate             *from;
  const GDate             *to;
  TurnosReservationFilter  filter;
  GDateTime               *now;
  gboolean                 descending;
  guint                    limit;
  gint64                   after_start;
  const char              *after_id;
} TurnosReservationQuery;

/* Whether @r's local start day (in its professional's zone) lies within @query's from and to
 * (each optional): the exact test a store runs on the rows its SQL narrowed. */
gboolean turnos_reservation_query_within_days (const TurnosReservationQuery *query,
                                               const TurnosReservation      *r);
/* The instants (Unix seconds) that surely hold @query's days whatever a professional's zone:
 * from's midnight UTC less 14 h to the midnight UTC after to plus 14 h (the largest UTC
 * offsets); @earliest and @latest where a bound is absent. The SQL's coarse range. */
void     turnos_reservation_query_instants    (const TurnosReservationQuery *query,
                                               gint64                        earliest,
                                               gint64                        latest,
                                               gint64                       *from_ts,
                                               gint64                       *to_ts);

#define TURNOS_TYPE_STORE (turnos_store_get_type ())
G_DECLARE_INTERFACE (TurnosStore, turnos_store, TURNOS, STORE, GObject)

/* Times cross the interface as GDateTime and are kept as instants; a store gives them back
 * in the professional's zone. */
struct _TurnosStoreInterface
{
  GTypeInterface parent_iface;

  GPtrArray         *(*list_professionals) (TurnosStore *self, GError **error);
  TurnosSettings    *(*get_professional)   (TurnosStore *self, const char *id, GError **error);
  gboolean           (*put_professional)   (TurnosStore *self, TurnosSettings *settings,
                                            GError **error);
  gboolean           (*list_range)         (TurnosStore *self, const char *professional_id,
                                            GDateTime *from, GDateTime *to,
                                            GPtrArray **reservations, GPtrArray **blocks,
                                            GError **error);
  TurnosReservation *(*create_reservation) (TurnosStore *self, TurnosReservation *draft,
                                            const char *idempotency_key, const char *request_hash,
                                            GDateTime *now, GDateTime *hold_until,
                                            TurnosStoreBookFlags flags,
                                            gboolean *replayed, TurnosReservation **conflict,
                                            GError **error);
  TurnosReservation *(*get_reservation)    (TurnosStore *self, const char *id, GError **error);
  GPtrArray         *(*list_reservations)  (TurnosStore *self,
                                            const TurnosReservationQuery *query,
                                            gboolean *more, GError **error);
  TurnosReservation *(*set_status)         (TurnosStore *self, const char *id,
                                            TurnosStatus status, GError **error);
  /* Optional: a store without it answers FAILED (see turnos_store_set_attendance()). */
  TurnosReservation *(*set_attendance)     (TurnosStore *self, const char *id,
                                            TurnosAttendance attendance, GError **error);
  TurnosBlock       *(*add_block)          (TurnosStore *self, TurnosBlock *block, GDateTime *now,
                                            TurnosReservation **conflict, GError **error);
  gboolean           (*remove_block)       (TurnosStore *self, const char *professional_id,
                                            const char *block_id, GError **error);
  TurnosPayment     *(*create_payment)     (TurnosStore *self, TurnosReservation *draft,
                                            const char *amount, const char *currency,
                                            const char *idempotency_key, const char *request_hash,
                                            GDateTime *now, GDateTime *expires_at,
                                            TurnosStoreBookFlags flags,
                                            gboolean *replayed, TurnosReservation **conflict,
                                            GError **error);
  TurnosPayment     *(*get_payment)        (TurnosStore *self, const char *payment_id,
                                            GDateTime *now, GError **error);
  TurnosPayment     *(*decide_payment)     (TurnosStore *self, const char *payment_id,
                                            gboolean approved, GDateTime *now, GError **error);
  gboolean           (*wipe)               (TurnosStore *self, GError **error);

  /* Accounts, tokens, sign-in failures and the audit trail (see the wrappers below) */
  gboolean           (*create_account)     (TurnosStore *self, TurnosAccount *account,
                                            const char *password_hash, GDateTime *now,
                                            GError **error);
  TurnosAccount     *(*get_account)        (TurnosStore *self, const char *id, GError **error);
  TurnosAccount     *(*find_login)         (TurnosStore *self, const char *username,
                                            char **password_hash, GError **error);
  gboolean           (*update_account)     (TurnosStore *self, TurnosAccount *account,
                                            GError **error);
  gboolean           (*set_password)       (TurnosStore *self, const char *id,
                                            const char *password_hash, gboolean must_change,
                                            gboolean revoke, const char *keep_token_hash,
                                            GError **error);
  GPtrArray         *(*search_accounts)    (TurnosStore *self, TurnosRole role,
                                            const char *folded, const char *professional_id,
                                            const char *after_name, const char *after_id,
                                            guint limit, GError **error);
  gboolean           (*erase_account)      (TurnosStore *self, const char *id, GDateTime *now,
                                            GError **error);
  gboolean           (*put_token)          (TurnosStore *self, const char *token_hash,
                                            const char *account_id, GDateTime *expires,
                                            GError **error);
  TurnosAccount     *(*get_token)          (TurnosStore *self, const char *token_hash,
                                            GDateTime **expires, GError **error);
  gboolean           (*extend_token)       (TurnosStore *self, const char *token_hash,
                                            GDateTime *expires, GError **error);
  gboolean           (*revoke_token)       (TurnosStore *self, const char *token_hash,
                                            GError **error);
  gboolean           (*add_failure)        (TurnosStore *self, const char *key, GDateTime *at,
                                            GDateTime *forget_before, GError **error);
  guint              (*count_failures)     (TurnosStore *self, const char *key, GDateTime *since,
                                            GDateTime **oldest, GError **error);
  gboolean           (*clear_failures)     (TurnosStore *self, const char *key, GError **error);
  gboolean           (*add_audit)          (TurnosStore *self, TurnosAuditEntry *entry,
                                            GError **error);
  GPtrArray         *(*list_audit)         (TurnosStore *self, GDateTime *since,
                                            const char *actor, const char *target,
                                            gint64 before_seq, guint limit, GError **error);

  /* Live events (see the wrappers below) */
  GPtrArray         *(*read_events)        (TurnosStore *self, gint64 after_seq, guint limit,
                                            gboolean *missed, GError **error);
  gboolean           (*last_event_seq)     (TurnosStore *self, gint64 *seq, GError **error);
  GSource           *(*watch_events)       (TurnosStore *self);
  gboolean           (*release_lapsed)     (TurnosStore *self, GDateTime *now, guint *released,
                                            GError **error);
  gboolean           (*next_hold_expiry)   (TurnosStore *self, GDateTime **expiry,
                                            GError **error);

  /* Series, reschedule, waitlist (see the wrappers below) */
  TurnosSeries      *(*create_series)      (TurnosStore *self,
                                            const TurnosStoreSeriesRequest *request,
                                            gboolean *replayed, GError **error);
  GPtrArray         *(*list_series)        (TurnosStore *self, const char *series_id,
                                            GError **error);
  GPtrArray         *(*cancel_series)      (TurnosStore *self, const char *series_id,
                                            GDateTime *from, GDateTime *not_before,
                                            GDateTime *now, TurnosReservation **too_late,
                                            GError **error);
  TurnosReservation *(*reschedule)         (TurnosStore *self, const char *id,
                                            TurnosReservation *draft, TurnosStoreBookFlags flags,
                                            GDateTime *now, TurnosReservation **conflict,
                                            GError **error);
  TurnosWaitlistEntry *(*add_waitlist)     (TurnosStore *self, TurnosWaitlistEntry *entry,
                                            GDateTime *now, guint max_per_client,
                                            gboolean *existed, GError **error);
  TurnosWaitlistEntry *(*get_waitlist)     (TurnosStore *self, const char *id, GError **error);
  gboolean           (*remove_waitlist)    (TurnosStore *self, const char *id, GError **error);
  GPtrArray         *(*list_waitlist)      (TurnosStore *self, const TurnosWaitlistQuery *query,
                                            gboolean *more, GError **error);
};

/* Picks the store by the URI's scheme: "sqlite:///absolute/path.db" (turnos-sqlite-store.h)
 * or "postgresql://…" / "postgres://…", any libpq connection URI (turnos-pg-store.h). Creates
 * and migrates the schema. G_IO_ERROR_INVALID_ARGUMENT for another scheme,
 * G_IO_ERROR_NOT_SUPPORTED for PostgreSQL in a build without it; TURNOS_STORE_ERROR when the
 * database cannot be opened. */
TurnosStore       *turnos_store_open (const char *uri,
                                      GError    **error);

GPtrArray         *turnos_store_list_professionals (TurnosStore *self, GError **error);
/* A shared reference: treat it as immutable (a store may keep and hand out the same one).
 * TURNOS_STORE_ERROR_NOT_FOUND when there is no such professional. */
TurnosSettings    *turnos_store_get_professional   (TurnosStore *self, const char *id,
                                                    GError **error);
gboolean           turnos_store_put_professional   (TurnosStore *self, TurnosSettings *settings,
                                                    GError **error);
/* The live reservations (CONFIRMED, or PENDING with a hold not expired at @now… the caller
 * filters with turnos_reservation_is_live) and blocks of one professional overlapping
 * [@from, @to). O(log n + k) in the number of reservations. */
gboolean           turnos_store_list_range         (TurnosStore *self,
                                                    const char *professional_id,
                                                    GDateTime *from, GDateTime *to,
                                                    GPtrArray **reservations,
                                                    GPtrArray **blocks,
                                                    GError **error);
/* Checks the overlap with live reservations and blocks and inserts, in one write transaction.
 * @hold_until non-NULL stores a PENDING hold, else CONFIRMED. With an @idempotency_key seen
 * before, returns the first reservation and sets @replayed (a different @request_hash:
 * IDEMPOTENCY_MISMATCH). On CONFLICT, @conflict (optional) receives the reservation in the
 * way (NULL when it is a block); then the patient's own sessions (TurnosStoreBookFlags:
 * PATIENT_BUSY, @conflict the patient's other session). The draft's payment_id, series_id,
 * cancel_reason and rescheduled_to are not stored. */
TurnosReservation *turnos_store_create_reservation (TurnosStore *self, TurnosReservation *draft,
                                                    const char *idempotency_key,
                                                    const char *request_hash,
                                                    GDateTime *now, GDateTime *hold_until,
                                                    TurnosStoreBookFlags flags,
                                                    gboolean *replayed,
                                                    TurnosReservation **conflict,
                                                    GError **error);
TurnosReservation *turnos_store_get_reservation    (TurnosStore *self, const char *id,
                                                    GError **error);
/* One page of a patient's reservations, at most @query->limit, in @query's order; @more is
 * set when more match after the last one (nothing is ever cut silently). */
GPtrArray         *turnos_store_list_reservations  (TurnosStore *self,
                                                    const TurnosReservationQuery *query,
                                                    gboolean *more, GError **error);
TurnosReservation *turnos_store_set_status         (TurnosStore *self, const char *id,
                                                    TurnosStatus status, GError **error);
/**
 * turnos_store_set_attendance:
 * @id: the reservation
 * @attendance: what the desk or the professional says (NONE clears it)
 *
 * Whether the patient came (DESIGN.md: `POST /reservations/{id}/attendance`). In one write
 * transaction: @id must exist (else NOT_FOUND) and be CONFIRMED (else ALREADY_CANCELLED: a
 * CANCELLED reservation, or a PENDING hold whose deposit is not paid); its `attendance` is
 * set, and a reservation event (turnos_event_reservation_json() with its unchanged status;
 * no availability event: no time moved) is appended as for every change. The same value
 * again writes nothing and appends no event. The clock is not judged: a session may be
 * marked before it starts (the desk's word; the GUI offers it from the session's day on).
 * A store keeps the value as the words "", "arrived", "no_show" (SQLite: a TEXT column
 * `attendance NOT NULL DEFAULT ''`, migration 7); every reservation it returns carries it.
 *
 * Returns: (transfer full): the reservation as stored now, or NULL: NOT_FOUND,
 *   ALREADY_CANCELLED, FAILED (also when the store has no set_attendance method)
 */
TurnosReservation *turnos_store_set_attendance     (TurnosStore *self, const char *id,
                                                    TurnosAttendance attendance,
                                                    GError **error);
/* Refuses (CONFLICT, @conflict set) a block over a live reservation. */
TurnosBlock       *turnos_store_add_block          (TurnosStore *self, TurnosBlock *block,
                                                    GDateTime *now,
                                                    TurnosReservation **conflict,
                                                    GError **error);
gboolean           turnos_store_remove_block       (TurnosStore *self,
                                                    const char *professional_id,
                                                    const char *block_id, GError **error);
/* A PENDING hold until @expires_at and its payment, in one transaction; checked as
 * turnos_store_create_reservation() checks. */
TurnosPayment     *turnos_store_create_payment     (TurnosStore *self, TurnosReservation *draft,
                                                    const char *amount, const char *currency,
                                                    const char *idempotency_key,
                                                    const char *request_hash,
                                                    GDateTime *now, GDateTime *expires_at,
                                                    TurnosStoreBookFlags flags,
                                                    gboolean *replayed,
                                                    TurnosReservation **conflict,
                                                    GError **error);
/* A pending payment whose hold has lapsed at @now is marked expired and its time released. */
TurnosPayment     *turnos_store_get_payment        (TurnosStore *self, const char *payment_id,
                                                    GDateTime *now, GError **error);
/* Approve (CONFIRMED) or decline (released): every PENDING reservation that carries the
 * payment's id (a series' sessions share one payment) moves together. A payment already
 * decided is returned as it is; a pending one none of whose reservations is still held
 * expires. */
TurnosPayment     *turnos_store_decide_payment     (TurnosStore *self, const char *payment_id,
                                                    gboolean approved, GDateTime *now,
                                                    GError **error);
/* Removes every row (for --demo). */
gboolean           turnos_store_wipe               (TurnosStore *self, GError **error);

/*
 * Accounts (DESIGN.md "Accounts and roles"). Passwords cross this interface only as
 * argon2id strings, tokens only as their SHA-256 (turnos-password.h).
 */

/* Inserts @account (its id, role, names and contact; created_at is @now). CONFLICT when the
 * id or the user name is taken. */
gboolean       turnos_store_create_account  (TurnosStore *self, TurnosAccount *account,
                                             const char *password_hash, GDateTime *now,
                                             GError **error);
/* NOT_FOUND when there is no such account. */
TurnosAccount *turnos_store_get_account     (TurnosStore *self, const char *id, GError **error);
/* The account that signs in as @username and its stored argon2id string (NULL when it has
 * none); NOT_FOUND when no account has that user name. */
TurnosAccount *turnos_store_find_login      (TurnosStore *self, const char *username,
                                             char **password_hash, GError **error);
/* Writes @account's names, contact and user name (not its role or password). CONFLICT when
 * the user name is another's, NOT_FOUND when the account is gone. */
gboolean       turnos_store_update_account  (TurnosStore *self, TurnosAccount *account,
                                             GError **error);
/* Replaces the password and, with @revoke, revokes every token of the account but
 * @keep_token_hash (NULL: all of them), in one transaction. (A rehash at sign-in revokes
 * nothing; a change of password does.) */
gboolean       turnos_store_set_password    (TurnosStore *self, const char *id,
                                             const char *password_hash, gboolean must_change,
                                             gboolean revoke, const char *keep_token_hash,
                                             GError **error);
/* Accounts of @role whose folded name, document, phone or e-mail holds @folded (NULL or "":
 * all), ordered by folded name then id, after (@after_name, @after_id) when given, at most
 * @limit. With @professional_id, only patients with a reservation with that professional. */
GPtrArray     *turnos_store_search_accounts (TurnosStore *self, TurnosRole role,
                                             const char *folded, const char *professional_id,
                                             const char *after_name, const char *after_id,
                                             guint limit, GError **error);
/* Erases the person's data: names, document, contact, user name and password are removed
 * (secure_delete overwrites the freed bytes), every token revoked, their waitlist entries
 * removed, and their live reservations that start after @now cancelled; the past ones stay
 * under the id alone. */
gboolean       turnos_store_erase_account   (TurnosStore *self, const char *id, GDateTime *now,
                                             GError **error);

/* A token (by its hash) for @account_id until @expires. */
gboolean       turnos_store_put_token       (TurnosStore *self, const char *token_hash,
                                             const char *account_id, GDateTime *expires,
                                             GError **error);
/* The account a token hash signs in, and until when; NOT_FOUND when revoked or unknown
 * (expiry is the caller's to check against its clock). */
TurnosAccount *turnos_store_get_token       (TurnosStore *self, const char *token_hash,
                                             GDateTime **expires, GError **error);
gboolean       turnos_store_extend_token    (TurnosStore *self, const char *token_hash,
                                             GDateTime *expires, GError **error);
gboolean       turnos_store_revoke_token    (TurnosStore *self, const char *token_hash,
                                             GError **error);

/* Failed sign-ins, by a key the caller makes ("account:HASH", "address:IP"): shared by every
 * process on the store. add_failure also forgets the rows older than @forget_before. */
gboolean       turnos_store_add_failure     (TurnosStore *self, const char *key, GDateTime *at,
                                             GDateTime *forget_before, GError **error);
/* How many failures of @key since @since, and the oldest of them (NULL when none). */
guint          turnos_store_count_failures  (TurnosStore *self, const char *key,
                                             GDateTime *since, GDateTime **oldest,
                                             GError **error);
gboolean       turnos_store_clear_failures  (TurnosStore *self, const char *key, GError **error);

/* Appends @entry (its at must be set); sets its seq. */
gboolean       turnos_store_add_audit       (TurnosStore *self, TurnosAuditEntry *entry,
                                             GError **error);
/* Newest first: entries since @since (NULL: all), by @actor and about @target (NULL: any),
 * with seq below @before_seq (0: from the newest), at most @limit. */
GPtrArray     *turnos_store_list_audit      (TurnosStore *self, GDateTime *since,
                                             const char *actor, const char *target,
                                             gint64 before_seq, guint limit, GError **error);

/*
 * Live events (DESIGN.md "Live events"; the messages are turnos-events-json.h's).
 *
 * Every write that moves availability or a reservation appends its events, as JSON text, in
 * the same transaction as the change: a reservation made, confirmed, cancelled, released,
 * lapsed or rescheduled; a block added or removed; a professional's settings written. A
 * write that frees time (a reservation cancelled, released, lapsed or moved away; a block
 * removed) also appends, for every waitlist entry of that professional whose day the freed
 * time overlaps (but the patient who freed it), a waitlist_offer to that patient whose
 * start_time is the freed time's start, or its day's start when it began the day before
 * (turnos_event_waitlist_offer_json()), and sets the entry's offered_time to it. Events are numbered
 * in commit order (seq) and kept a while (TURNOS_STORE_EVENTS_KEEP_SECONDS), so that every
 * process and thread on one database, each with its own connection, hears every change by
 * reading what follows the last seq it read. The contract a store keeps: once a reader has
 * read seq N, no event is ever committed below N + 1 (SQLite's BEGIN IMMEDIATE serializes
 * writers; a PostgreSQL sequence is neither gapless nor in commit order, so a PostgreSQL store
 * serializes its appends itself, e.g. by updating one counter row in the same transaction).
 * Two ways tell a reader there is something new:
 * - the store's "events-appended" signal, emitted (in the writing thread, after the commit)
 *   by the connection that wrote them: the writer's own process learns at once;
 * - turnos_store_watch_events(): a GSource that fires when another connection may have
 *   appended some (SQLite polls PRAGMA data_version; a PostgreSQL store would LISTEN).
 */

/* How long appended events are kept: far longer than any reader takes to read them. */
#define TURNOS_STORE_EVENTS_KEEP_SECONDS 600

/* One stored event. */
typedef struct
{
  gint64  seq;
  char   *json;
} TurnosStoreEvent;

void           turnos_store_event_free      (TurnosStoreEvent *event);

/* At most @limit events with a seq above @after_seq, oldest first (a GPtrArray of
 * TurnosStoreEvent, possibly empty). @missed is set when some events after @after_seq were
 * already forgotten (the reader fell behind by more than TURNOS_STORE_EVENTS_KEEP_SECONDS):
 * its subscribers must refetch everything. (SQLite's seqs have no gaps, so a first row past
 * @after_seq + 1 says it; a store whose seqs may have gaps keeps a pruned-up-to mark.) */
GPtrArray     *turnos_store_read_events     (TurnosStore *self, gint64 after_seq, guint limit,
                                             gboolean *missed, GError **error);
/* The seq of the newest event (0 when none was ever appended): where a new reader starts. */
gboolean       turnos_store_last_event_seq  (TurnosStore *self, gint64 *seq, GError **error);
/* A new source that fires (its callback is a GSourceFunc) whenever another connection may
 * have appended events; attach it to the context of the thread that uses @self. Never NULL. */
GSource       *turnos_store_watch_events    (TurnosStore *self);
/* Releases every PENDING hold lapsed at @now (its payment expired, its time freed), with its
 * events, in one write transaction; @released (optional) receives how many. Several
 * processes may call it at once: each hold is released, and announced, once. */
gboolean       turnos_store_release_lapsed  (TurnosStore *self, GDateTime *now,
                                             guint *released, GError **error);
/* When the first PENDING hold lapses (UTC), or NULL when none is pending. */
gboolean       turnos_store_next_hold_expiry (TurnosStore *self, GDateTime **expiry,
                                              GError **error);
/*
 * Series, reschedule, waitlist (DESIGN.md "Reschedule, series, waitlist")
 */

/**
 * turnos_store_create_series:
 * @request: what to book (see TurnosStoreSeriesRequest)
 * @replayed: (optional): set when @request's Idempotency-Key was seen before
 *
 * Checks every draft and books them in ONE write transaction, each checked as
 * turnos_store_create_reservation() checks (after those before it are in, so a series never
 * overlaps itself): a session in the way of a live reservation of the professional is a
 * conflict "slot_taken", in time off "blocked", in the way of the patient's own session
 * "patient_busy" (with that session). Every session booked gets the one new series_id (and
 * @request->join_id's reservation too, first). With ALL_OR_NOTHING and any conflict, or
 * FREE_ONES and none free, nothing is written: the answer has no series_id and no
 * reservations, only the conflicts. A dry run writes nothing either way: its reservations are
 * the drafts that would be booked.
 *
 * Returns: (transfer full): the series (see TurnosSeries; its payment set with
 *   @request->hold_until), or NULL: IDEMPOTENCY_MISMATCH, NOT_FOUND (@request->join_id),
 *   ALREADY_CANCELLED (@request->join_id is not live or is in a series already), FAILED
 */
TurnosSeries      *turnos_store_create_series      (TurnosStore *self,
                                                    const TurnosStoreSeriesRequest *request,
                                                    gboolean *replayed, GError **error);
/* Every session of @series_id, any status, in time order; NOT_FOUND when none has it. */
GPtrArray         *turnos_store_list_series        (TurnosStore *self, const char *series_id,
                                                    GError **error);
/**
 * turnos_store_cancel_series:
 * @from: the first instant whose sessions are cancelled (the start of a day, for "this one and
 *   the following")
 * @not_before: a CONFIRMED session to cancel that starts before this is too late (the cancel
 *   notice; @now for the desk's override); PENDING holds may be released any time
 * @now: sessions that have begun at @now are left alone
 * @too_late: (optional): on TOO_LATE, the first session that is
 *
 * In one write transaction, cancels every session of @series_id starting at or after @from
 * and after @now that is live at @now (a CONFIRMED one gets cancel_reason "cancelled", a
 * PENDING hold "released"), with their events and waitlist offers.
 *
 * Returns: (transfer full): the sessions cancelled (maybe none), in time order, or NULL:
 *   NOT_FOUND (no session has @series_id), TOO_LATE (nothing changed), FAILED
 */
GPtrArray         *turnos_store_cancel_series      (TurnosStore *self, const char *series_id,
                                                    GDateTime *from, GDateTime *not_before,
                                                    GDateTime *now,
                                                    TurnosReservation **too_late,
                                                    GError **error);
/**
 * turnos_store_reschedule:
 * @id: the reservation to move
 * @draft: its new time (start, end, modality); client and professional are @id's
 * @conflict: (optional): on CONFLICT or PATIENT_BUSY, the reservation in the way
 *
 * In one write transaction: @id must be live at @now (else ALREADY_CANCELLED); @draft is
 * checked as turnos_store_create_reservation() checks, ignoring @id's own time; a new
 * reservation is inserted with @id's status (a PENDING hold keeps its expiry), series_id and
 * payment_id (the payment now names the new one: a paid deposit moves with the session);
 * @id becomes CANCELLED with cancel_reason "rescheduled", rescheduled_to the new id and no
 * payment_id. Events: the new reservation, the old one cancelled, the availability of both,
 * and waitlist offers for the old time the new one does not take.
 *
 * Returns: (transfer full): the new reservation, or NULL: NOT_FOUND, ALREADY_CANCELLED,
 *   CONFLICT, PATIENT_BUSY, FAILED
 */
TurnosReservation *turnos_store_reschedule         (TurnosStore *self, const char *id,
                                                    TurnosReservation *draft,
                                                    TurnosStoreBookFlags flags,
                                                    GDateTime *now,
                                                    TurnosReservation **conflict,
                                                    GError **error);
/**
 * turnos_store_add_waitlist:
 * @entry: professional_id, client_id and date (in the professional's zone) of the entry
 * @max_per_client: how many entries whose day has not ended one patient may keep
 * @existed: (optional): set when the patient already waited for that day: the existing
 *   entry is returned and nothing is written
 *
 * In one write transaction: forgets every entry whose day has ended at @now (entries end
 * with their day), then inserts (created_at @now). NOT_FOUND: no such professional; LIMIT:
 * the patient keeps @max_per_client entries already.
 *
 * Returns: (transfer full): the stored entry, or NULL with @error set
 */
TurnosWaitlistEntry *turnos_store_add_waitlist     (TurnosStore *self, TurnosWaitlistEntry *entry,
                                                    GDateTime *now, guint max_per_client,
                                                    gboolean *existed, GError **error);
/* NOT_FOUND when there is no such entry. */
TurnosWaitlistEntry *turnos_store_get_waitlist     (TurnosStore *self, const char *id,
                                                    GError **error);
/* NOT_FOUND when there is no such entry. */
gboolean           turnos_store_remove_waitlist    (TurnosStore *self, const char *id,
                                                    GError **error);
/* One page of entries, at most @query->limit, in @query's order; @more is set when more
 * match after the last one. */
GPtrArray         *turnos_store_list_waitlist      (TurnosStore *self,
                                                    const TurnosWaitlistQuery *query,
                                                    gboolean *more, GError **error);

/* For store implementations: emits "events-appended" on @self. */
void           turnos_store_emit_events_appended (TurnosStore *self);

G_END_DECLS
