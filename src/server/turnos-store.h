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
#include "turnos-settings.h"

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
} TurnosStoreError;

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
                                            gboolean *replayed, TurnosReservation **conflict,
                                            GError **error);
  TurnosReservation *(*get_reservation)    (TurnosStore *self, const char *id, GError **error);
  GPtrArray         *(*list_reservations)  (TurnosStore *self,
                                            const TurnosReservationQuery *query,
                                            gboolean *more, GError **error);
  TurnosReservation *(*set_status)         (TurnosStore *self, const char *id,
                                            TurnosStatus status, GError **error);
  TurnosBlock       *(*add_block)          (TurnosStore *self, TurnosBlock *block, GDateTime *now,
                                            TurnosReservation **conflict, GError **error);
  gboolean           (*remove_block)       (TurnosStore *self, const char *professional_id,
                                            const char *block_id, GError **error);
  TurnosPayment     *(*create_payment)     (TurnosStore *self, TurnosReservation *draft,
                                            const char *amount, const char *currency,
                                            const char *idempotency_key, const char *request_hash,
                                            GDateTime *now, GDateTime *expires_at,
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
 * way (NULL when it is a block). */
TurnosReservation *turnos_store_create_reservation (TurnosStore *self, TurnosReservation *draft,
                                                    const char *idempotency_key,
                                                    const char *request_hash,
                                                    GDateTime *now, GDateTime *hold_until,
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
/* Refuses (CONFLICT, @conflict set) a block over a live reservation. */
TurnosBlock       *turnos_store_add_block          (TurnosStore *self, TurnosBlock *block,
                                                    GDateTime *now,
                                                    TurnosReservation **conflict,
                                                    GError **error);
gboolean           turnos_store_remove_block       (TurnosStore *self,
                                                    const char *professional_id,
                                                    const char *block_id, GError **error);
/* A PENDING hold until @expires_at and its payment, in one transaction. */
TurnosPayment     *turnos_store_create_payment     (TurnosStore *self, TurnosReservation *draft,
                                                    const char *amount, const char *currency,
                                                    const char *idempotency_key,
                                                    const char *request_hash,
                                                    GDateTime *now, GDateTime *expires_at,
                                                    gboolean *replayed,
                                                    TurnosReservation **conflict,
                                                    GError **error);
/* A pending payment whose hold has lapsed at @now is marked expired and its time released. */
TurnosPayment     *turnos_store_get_payment        (TurnosStore *self, const char *payment_id,
                                                    GDateTime *now, GError **error);
/* Approve (CONFIRMED) or decline (released). A payment already decided is returned as it is. */
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
 * (secure_delete overwrites the freed bytes), every token revoked, and their live
 * reservations that start after @now cancelled; the past ones stay under the id alone. */
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
 * the same transaction as the change: a reservation made, confirmed, cancelled, released or
 * lapsed; a block added or removed; a professional's settings written. Events are numbered
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
/* For store implementations: emits "events-appended" on @self. */
void           turnos_store_emit_events_appended (TurnosStore *self);

G_END_DECLS
