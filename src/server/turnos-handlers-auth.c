/* turnos-handlers-auth.c: signing in and out, the signed-in user, changing one's password
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <string.h>

#include "turnos-error.h"
#include "turnos-handlers.h"
#include "turnos-json.h"
#include "turnos-password.h"
#include "turnos-server-private.h"
#include "turnos-store.h"

/* Failed sign-ins allowed per account and per client address within the window, before
 * 429 too_many_attempts (issue #15). */
#define MAX_FAILURES    5
#define WINDOW_MINUTES  15

/* The throttle's keys: the user name only as a hash (it may be someone's e-mail, or a
 * password typed in the wrong box), the address as it is. */
static char *
account_key (const char *username)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, username, -1);

  return g_strconcat ("account:", hash, NULL);
}

/* Seconds until @key may try again, 0 when it may now. */
static guint
throttled_for (TurnosRequest  *request,
               const char     *key,
               GError        **error)
{
  g_autoptr(GDateTime) since = g_date_time_add_minutes (request->now, -WINDOW_MINUTES);
  g_autoptr(GDateTime) oldest = NULL;
  g_autoptr(GDateTime) free_at = NULL;
  guint n = turnos_store_count_failures (request->store, key, since, &oldest, error);
  GTimeSpan left;

  if (n < MAX_FAILURES || oldest == NULL)
    return 0;
  free_at = g_date_time_add_minutes (oldest, WINDOW_MINUTES);
  left = g_date_time_difference (free_at, request->now);
  return (guint) MAX (1, (left + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND);
}

static void
record_failure (TurnosRequest *request,
                const char    *key)
{
  g_autoptr(GDateTime) forget = g_date_time_add_minutes (request->now, -WINDOW_MINUTES);
  g_autoptr(GError) error = NULL;

  if (!turnos_store_add_failure (request->store, key, request->now, forget, &error))
    g_message ("sign-in throttle: %s", error->message);
}

static JsonNode *
login_answer (const char    *token,
              GDateTime     *expires,
              TurnosAccount *account)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autofree char *at = g_date_time_format (expires, "%Y-%m-%dT%H:%M:%SZ");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "token");
  json_builder_add_string_value (b, token);
  json_builder_set_member_name (b, "expires_at");
  json_builder_add_string_value (b, at);
  json_builder_set_member_name (b, "must_change_password");
  json_builder_add_boolean_value (b, account->must_change);
  json_builder_set_member_name (b, "user");
  turnos_account_to_json (account, FALSE, b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

void
turnos_handle_login (TurnosRequest *request,
                     TurnosAnswer  *answer)
{
  g_autoptr(JsonNode) node = turnos_request_read_object (request, answer);
  g_autoptr(TurnosAccount) account = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *token = NULL;
  g_autofree char *address = NULL;
  g_autofree char *address_key = NULL;
  g_autofree char *user_key = NULL;
  const char *username = NULL, *password = NULL;
  JsonObject *object;
  guint wait;
  gboolean ok;

  if (node == NULL)
    return;
  object = json_node_get_object (node);
  if (!turnos_request_string_member (object, "username", TURNOS_REQUEST_MAX_VALUE, FALSE,
                                     &username, answer) ||
      !turnos_request_string_member (object, "password", TURNOS_PASSWORD_MAX_BYTES, FALSE,
                                     &password, answer))
    return;
  if (username == NULL || *username == '\0' || password == NULL)
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, "username and password are required");
      return;
    }

  address = _turnos_server_client_address (request->server, request->msg);
  address_key = g_strconcat ("address:", address, NULL);
  user_key = account_key (username);
  wait = throttled_for (request, user_key, &error);
  if (error == NULL)
    wait = MAX (wait, throttled_for (request, address_key, &error));
  if (error != NULL)
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  if (wait > 0)
    {
      turnos_answer_error (answer, 429, TURNOS_CODE_TOO_MANY_ATTEMPTS,
                           "too many failed sign-ins: wait before trying again");
      answer->retry_after = wait;
      return;
    }

  account = turnos_store_find_login (request->store, username, &stored, &error);
  if (account == NULL && !g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  if (account == NULL)
    {
      turnos_password_waste (password);   /* an unknown name costs what a wrong password does */
      ok = FALSE;
    }
  else
    ok = turnos_password_verify (stored, password);
  if (!ok)
    {
      g_autofree char *detail = g_strdup_printf ("from %s", address);

      record_failure (request, user_key);
      record_failure (request, address_key);
      turnos_request_audit (request, "login.failed", "account", account ? account->id : "", detail);
      turnos_answer_error (answer, 401, TURNOS_CODE_BAD_CREDENTIALS, "wrong user name or password");
      return;
    }

  turnos_store_clear_failures (request->store, user_key, NULL);
  if (turnos_password_needs_rehash (stored))
    {
      g_autofree char *fresh = turnos_password_hash (password);

      if (fresh == NULL ||
          !turnos_store_set_password (request->store, account->id, fresh, account->must_change,
                                      FALSE, NULL, &error))
        g_message ("sign-in: cannot rehash a password: %s", error ? error->message : "no memory");
      g_clear_error (&error);
    }
  token = turnos_auth_sign_in (_turnos_server_get_auth (request->server), request->store, account,
                               request->now, &expires, &error);
  if (token == NULL)
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  turnos_answer_json (answer, 200, login_answer (token, expires, account));
}

void
turnos_handle_logout (TurnosRequest *request,
                      TurnosAnswer  *answer)
{
  g_autoptr(GError) error = NULL;

  if (request->token_hash != NULL)
    {
      if (!turnos_store_revoke_token (request->store, request->token_hash, &error))
        {
          turnos_answer_store_error (answer, error);
          return;
        }
      turnos_auth_forget (_turnos_server_get_auth (request->server), request->token_hash);
    }
  turnos_answer_clear (answer);
  answer->status = 204;
}

void
turnos_handle_me (TurnosRequest *request,
                  TurnosAnswer  *answer)
{
  turnos_answer_json (answer, 200, turnos_account_to_node (request->account, TRUE));
}

void
turnos_handle_password (TurnosRequest *request,
                        TurnosAnswer  *answer)
{
  g_autoptr(JsonNode) node = turnos_request_read_object (request, answer);
  g_autoptr(TurnosAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *fresh = NULL;
  const char *current = NULL, *wanted = NULL;
  JsonObject *object;

  if (node == NULL)
    return;
  object = json_node_get_object (node);
  if (!turnos_request_string_member (object, "current", TURNOS_PASSWORD_MAX_BYTES, FALSE,
                                     &current, answer) ||
      !turnos_request_string_member (object, "new", TURNOS_PASSWORD_MAX_BYTES, FALSE,
                                     &wanted, answer))
    return;
  if (current == NULL)
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, "current is required");
      return;
    }
  if (wanted == NULL || strlen (wanted) < TURNOS_PASSWORD_MIN_BYTES)
    {
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                           "new: a password of 8 to 200 bytes is required");
      return;
    }
  if (request->account->username == NULL ||
      !(account = turnos_store_find_login (request->store, request->account->username, &stored,
                                           &error)))
    {
      if (error != NULL && !g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND))
        turnos_answer_store_error (answer, error);
      else
        turnos_answer_error (answer, 403, TURNOS_CODE_FORBIDDEN, "this account has no password to change");
      return;
    }
  if (!turnos_password_verify (stored, current))
    {
      turnos_request_audit (request, "password.failed", "account", account->id, "");
      turnos_answer_error (answer, 403, TURNOS_CODE_BAD_CREDENTIALS, "current: the password is wrong");
      return;
    }
  if (!(fresh = turnos_password_hash (wanted)) ||
      !turnos_store_set_password (request->store, account->id, fresh, FALSE, TRUE,
                                  request->token_hash, &error))
    {
      turnos_answer_store_error (answer, error);
      return;
    }
  /* Every cached token of the account goes, the caller's too: it is read again from the
   * store, which kept it, with the account as it is now (no longer must_change). */
  turnos_auth_forget_account (_turnos_server_get_auth (request->server), account->id, NULL);
  turnos_request_audit (request, "account.password", "account", account->id, "");
  turnos_answer_clear (answer);
  answer->status = 204;
}
