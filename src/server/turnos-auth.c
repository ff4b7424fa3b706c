/* turnos-auth.c: who a bearer token signs in, with a cache that outlives no revocation
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checking a token costs a hash and a table lookup; the store is asked again only once the
 * cached answer is TURNOS_AUTH_RECHECK_SECONDS old, so a revocation on another process
 * (logout, password change, erasure) reaches this one within that.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-auth.h"
#include "turnos-password.h"

/* Past this many cached tokens the cache starts over: it only saves lookups. */
#define MAX_CACHED 10000

typedef struct
{
  TurnosAccount *account;
  GDateTime     *expires;      /* UTC; NULL for a memory token */
  gint64         checked_us;   /* monotonic time of the last store lookup */
  gboolean       memory;
} Entry;

struct _TurnosAuth
{
  GMutex      mutex;
  GHashTable *tokens;   /* token hash → Entry* */
};

static void
entry_free (Entry *e)
{
  g_clear_pointer (&e->account, turnos_account_unref);
  g_clear_pointer (&e->expires, g_date_time_unref);
  g_free (e);
}

TurnosAuth *
turnos_auth_new (void)
{
  TurnosAuth *self = g_new0 (TurnosAuth, 1);

  g_mutex_init (&self->mutex);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) entry_free);
  return self;
}

void
turnos_auth_free (TurnosAuth *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->tokens);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

GDateTime *
turnos_auth_expiry (TurnosRole  role,
                    GDateTime  *now)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

  if (role == TURNOS_ROLE_PATIENT)
    return g_date_time_add_days (utc, TURNOS_AUTH_PATIENT_DAYS);
  return g_date_time_add_hours (utc, TURNOS_AUTH_STAFF_HOURS);
}

static gboolean
is_stored_cb (gpointer key,
              gpointer value,
              gpointer user_data)
{
  return !((Entry *) value)->memory;
}

/* With the mutex held. */
static void
remember (TurnosAuth    *self,
          const char    *hash,
          TurnosAccount *account,
          GDateTime     *expires,
          gboolean       memory)
{
  Entry *e = g_new0 (Entry, 1);

  if (g_hash_table_size (self->tokens) >= MAX_CACHED)
    g_hash_table_foreach_remove (self->tokens, is_stored_cb, NULL);
  e->account = turnos_account_ref (account);
  e->expires = expires ? g_date_time_ref (expires) : NULL;
  e->checked_us = g_get_monotonic_time ();
  e->memory = memory;
  g_hash_table_replace (self->tokens, g_strdup (hash), e);
}

/* Whether a staff token used at @now should have its expiry written forward. */
static gboolean
should_slide (TurnosAccount *account,
              GDateTime     *expires,
              GDateTime     *now)
{
  g_autoptr(GDateTime) want = NULL;

  if (account->role == TURNOS_ROLE_PATIENT)
    return FALSE;
  want = turnos_auth_expiry (account->role, now);
  return g_date_time_difference (want, expires) > TURNOS_AUTH_SLIDE_SECONDS * G_TIME_SPAN_SECOND;
}

TurnosAccount *
turnos_auth_check (TurnosAuth   *self,
                   TurnosStore  *store,
                   const char   *token,
                   GDateTime    *now,
                   char        **token_hash_out,
                   GError      **error)
{
  g_autofree char *hash = NULL;
  g_autoptr(TurnosAccount) account = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GError) local_error = NULL;
  Entry *e;

  g_return_val_if_fail (self != NULL && token != NULL && now != NULL, NULL);

  hash = turnos_token_hash (token);
  g_mutex_lock (&self->mutex);
  e = g_hash_table_lookup (self->tokens, hash);
  if (e != NULL && e->memory)
    account = turnos_account_ref (e->account);
  else if (e != NULL &&
           g_get_monotonic_time () - e->checked_us < TURNOS_AUTH_RECHECK_SECONDS * G_USEC_PER_SEC &&
           !should_slide (e->account, e->expires, now))
    {
      if (g_date_time_compare (now, e->expires) < 0)
        account = turnos_account_ref (e->account);
      else
        g_hash_table_remove (self->tokens, hash);
      g_mutex_unlock (&self->mutex);
      if (account != NULL && token_hash_out != NULL)
        *token_hash_out = g_steal_pointer (&hash);
      return g_steal_pointer (&account);
    }
  g_mutex_unlock (&self->mutex);
  if (account != NULL)
    {
      if (token_hash_out != NULL)
        *token_hash_out = g_steal_pointer (&hash);
      return g_steal_pointer (&account);
    }

  /* Not cached, or cached long enough ago to ask again. */
  account = turnos_store_get_token (store, hash, &expires, &local_error);
  if (account == NULL)
    {
      g_mutex_lock (&self->mutex);
      g_hash_table_remove (self->tokens, hash);
      g_mutex_unlock (&self->mutex);
      if (!g_error_matches (local_error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (g_date_time_compare (now, expires) >= 0 || account->erased)
    {
      /* Expired: gone for good, from the store too. */
      turnos_store_revoke_token (store, hash, NULL);
      g_mutex_lock (&self->mutex);
      g_hash_table_remove (self->tokens, hash);
      g_mutex_unlock (&self->mutex);
      return NULL;
    }
  if (should_slide (account, expires, now))
    {
      g_autoptr(GDateTime) later = turnos_auth_expiry (account->role, now);

      if (!turnos_store_extend_token (store, hash, later, error))
        return NULL;
      g_date_time_unref (expires);
      expires = g_steal_pointer (&later);
    }
  g_mutex_lock (&self->mutex);
  remember (self, hash, account, expires, FALSE);
  g_mutex_unlock (&self->mutex);
  if (token_hash_out != NULL)
    *token_hash_out = g_steal_pointer (&hash);
  return g_steal_pointer (&account);
}

char *
turnos_auth_sign_in (TurnosAuth     *self,
                     TurnosStore    *store,
                     TurnosAccount  *account,
                     GDateTime      *now,
                     GDateTime     **expires_out,
                     GError        **error)
{
  g_autofree char *token = turnos_token_new ();
  g_autofree char *hash = turnos_token_hash (token);
  g_autoptr(GDateTime) expires = turnos_auth_expiry (account->role, now);

  g_return_val_if_fail (self != NULL && account != NULL, NULL);

  if (!turnos_store_put_token (store, hash, account->id, expires, error))
    return NULL;
  g_mutex_lock (&self->mutex);
  remember (self, hash, account, expires, FALSE);
  g_mutex_unlock (&self->mutex);
  if (expires_out != NULL)
    *expires_out = g_steal_pointer (&expires);
  return g_steal_pointer (&token);
}

void
turnos_auth_forget (TurnosAuth *self,
                    const char *token_hash)
{
  g_return_if_fail (self != NULL && token_hash != NULL);

  g_mutex_lock (&self->mutex);
  g_hash_table_remove (self->tokens, token_hash);
  g_mutex_unlock (&self->mutex);
}

void
turnos_auth_forget_account (TurnosAuth *self,
                            const char *account_id,
                            const char *keep_hash)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (self != NULL && account_id != NULL);

  g_mutex_lock (&self->mutex);
  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_equal (((Entry *) value)->account->id, account_id) &&
        g_strcmp0 (key, keep_hash) != 0)
      g_hash_table_iter_remove (&iter);
  g_mutex_unlock (&self->mutex);
}

void
turnos_auth_add_memory_token (TurnosAuth    *self,
                              const char    *token,
                              TurnosAccount *account)
{
  g_autofree char *hash = NULL;

  g_return_if_fail (self != NULL && token != NULL && account != NULL);

  hash = turnos_token_hash (token);
  g_mutex_lock (&self->mutex);
  remember (self, hash, account, NULL, TRUE);
  g_mutex_unlock (&self->mutex);
}
