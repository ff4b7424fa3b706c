/* turnos-auth.h: who a bearer token signs in, with a cache that outlives no revocation
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-store.h"

G_BEGIN_DECLS

/* Token lifetimes (issue #15): staff tokens last 12 hours from their last use (sliding),
 * patients' 30 days from sign-in. */
#define TURNOS_AUTH_STAFF_HOURS      12
#define TURNOS_AUTH_PATIENT_DAYS     30
/* A sliding token's expiry is written back at most this often, not on every request. */
#define TURNOS_AUTH_SLIDE_SECONDS    (5 * 60)
/* How long a cached token is believed before the store is asked again: a token revoked by
 * another process (--workers, another server on the same database) is refused within this. */
#define TURNOS_AUTH_RECHECK_SECONDS  2

typedef struct _TurnosAuth TurnosAuth;

TurnosAuth    *turnos_auth_new   (void);
void           turnos_auth_free  (TurnosAuth *self);

/**
 * turnos_auth_check:
 * @self: the server's cache
 * @store: where tokens live
 * @token: the bearer token as sent
 * @now: the server's clock
 * @token_hash_out: (out) (optional): the token's SHA-256, for logout
 * @error: TURNOS_STORE_ERROR_FAILED when the store failed
 *
 * The account @token signs in, or NULL (with no @error) when it is unknown, revoked or
 * expired at @now. A token is looked up in the store at most once per
 * TURNOS_AUTH_RECHECK_SECONDS (monotonic) per process; a staff token's expiry slides to
 * @now + TURNOS_AUTH_STAFF_HOURS, written back at most every TURNOS_AUTH_SLIDE_SECONDS.
 * Returns: (transfer full) (nullable): the account.
 */
TurnosAccount *turnos_auth_check (TurnosAuth   *self,
                                  TurnosStore  *store,
                                  const char   *token,
                                  GDateTime    *now,
                                  char        **token_hash_out,
                                  GError      **error);

/**
 * turnos_auth_sign_in:
 *
 * Makes a token for @account (sign-in succeeded), keeps its hash in @store and in the cache,
 * and returns the token; @expires_out receives its expiry (UTC).
 */
char          *turnos_auth_sign_in (TurnosAuth     *self,
                                    TurnosStore    *store,
                                    TurnosAccount  *account,
                                    GDateTime      *now,
                                    GDateTime     **expires_out,
                                    GError        **error);

/* Drops one token (by hash) from the cache, or every cached token of @account_id but
 * @keep_hash (a password change, an erasure). The store is the caller's to update. */
void           turnos_auth_forget         (TurnosAuth *self,
                                           const char *token_hash);
void           turnos_auth_forget_account (TurnosAuth *self,
                                           const char *account_id,
                                           const char *keep_hash);

/* A token that exists only in this process's memory, never stored and never expiring: the
 * embedded server's admin token (one desk with no server set never signs in). */
void           turnos_auth_add_memory_token (TurnosAuth    *self,
                                             const char    *token,
                                             TurnosAccount *account);

/* When a token for @role made at @now expires. */
GDateTime     *turnos_auth_expiry (TurnosRole  role,
                                   GDateTime  *now);

G_END_DECLS
