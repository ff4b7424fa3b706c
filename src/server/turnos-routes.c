/* turnos-routes.c: the API's routes as data, and the dispatch over them
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <string.h>

#include "turnos-error.h"
#include "turnos-handlers.h"
#include "turnos-routes.h"
#include "turnos-server-private.h"
#include "turnos-text.h"

/* Who may call, as in DESIGN.md's table "Who may do what". */
#define ALL    TURNOS_ROLES_ALL
#define IN     TURNOS_ROLES_SIGNED_IN
#define PAT    TURNOS_ROLE_PATIENT
#define DESK   TURNOS_ROLE_DESK
#define PRO    TURNOS_ROLE_PROFESSIONAL
#define ADMIN  TURNOS_ROLE_ADMIN

/* DESIGN.md's HTTP API, one line a route, with the roles that may call it; handlers check
 * ownership (a patient's own, a professional's agenda). */
static const TurnosRoute routes[] = {
  { "GET",    "/health",                              ALL,                     turnos_handle_health },
  { "POST",   "/auth/login",                          ALL,                     turnos_handle_login },
  { "POST",   "/auth/logout",                         IN,                      turnos_handle_logout },
  { "POST",   "/auth/password",                       IN,                      turnos_handle_password },
  { "GET",    "/me",                                  IN,                      turnos_handle_me },
  { "GET",    "/events",                              ALL,                     turnos_handle_events },
  { "GET",    "/professionals",                       ALL,                     turnos_handle_professionals },
  { "POST",   "/professionals",                       ADMIN,                   turnos_handle_professionals_create },
  { "GET",    "/professionals/{}/settings",           ALL,                     turnos_handle_settings },
  { "PUT",    "/professionals/{}/settings",           PRO | ADMIN,             turnos_handle_settings_put },
  { "GET",    "/professionals/{}/day",                DESK | PRO | ADMIN,      turnos_handle_desk_day },
  { "GET",    "/professionals/{}/blocks",             DESK | PRO | ADMIN,      turnos_handle_blocks_list },
  { "POST",   "/professionals/{}/blocks",             DESK | PRO | ADMIN,      turnos_handle_blocks_add },
  { "DELETE", "/professionals/{}/blocks/{}",          DESK | PRO | ADMIN,      turnos_handle_blocks_remove },
  { "GET",    "/reservations",                        PAT | DESK | PRO | ADMIN, turnos_handle_reservations_list },
  { "GET",    "/reservations/availability",           ALL,                     turnos_handle_availability },
  { "GET",    "/reservations/availability/month",     ALL,                     turnos_handle_availability_month },
  { "POST",   "/reservations/create-without-payment", PAT | DESK | ADMIN,      turnos_handle_create },
  { "POST",   "/reservations/payment",                PAT | DESK | ADMIN,      turnos_handle_payment_create },
  { "GET",    "/reservations/payment/{}",             PAT | DESK | ADMIN,      turnos_handle_payment_get },
  { "POST",   "/reservations/{}/cancel",              PAT | DESK | PRO | ADMIN, turnos_handle_cancel },
  { "POST",   "/reservations/{}/attendance",          DESK | PRO | ADMIN,      turnos_handle_attendance },
  { "POST",   "/reservations/{}/reschedule",          PAT | DESK | PRO | ADMIN, turnos_handle_reschedule },
  { "POST",   "/reservations/series",                 PAT | DESK | ADMIN,      turnos_handle_series_create },
  { "POST",   "/reservations/series/{}/cancel",       PAT | DESK | PRO | ADMIN, turnos_handle_series_cancel },
  { "POST",   "/waitlist",                            PAT | DESK | ADMIN,      turnos_handle_waitlist_add },
  { "GET",    "/waitlist",                            PAT | DESK | PRO | ADMIN, turnos_handle_waitlist_list },
  { "DELETE", "/waitlist/{}",                         PAT | DESK | ADMIN,      turnos_handle_waitlist_remove },
  { "GET",    "/patients",                            DESK | PRO | ADMIN,      turnos_handle_patients_search },
  { "POST",   "/patients",                            DESK | ADMIN,            turnos_handle_patients_create },
  { "GET",    "/patients/{}",                         PAT | DESK | PRO | ADMIN, turnos_handle_patient_get },
  { "PATCH",  "/patients/{}",                         PAT | DESK | ADMIN,      turnos_handle_patient_edit },
  { "DELETE", "/patients/{}",                         ADMIN,                   turnos_handle_patient_erase },
  { "GET",    "/patients/{}/export",                  PAT | ADMIN,             turnos_handle_patient_export },
  { "GET",    "/audit",                               ADMIN,                   turnos_handle_audit },
  /* The unguessable payment id is the key, as with a real provider's page. */
  { "GET",    "/sandbox/checkout/{}",                 ALL,                     turnos_handle_sandbox_page },
  { "POST",   "/sandbox/checkout/{}/pay",             ALL,                     turnos_handle_sandbox_pay },
  { "POST",   "/sandbox/checkout/{}/decline",         ALL,                     turnos_handle_sandbox_decline },
  { NULL, NULL, 0, NULL }
};

const TurnosRoute *
turnos_routes_get_table (void)
{
  return routes;
}

/* Whether the raw @segments fit @pattern; the "{}" segments are collected, still encoded,
 * into @raw_params. */
static gboolean
match (const char  *pattern,
       char       **segments,
       const char **raw_params)
{
  g_auto(GStrv) want = g_strsplit (pattern + 1, "/", -1);
  guint n = 0;
  guint i;

  for (i = 0; want[i] != NULL; i++)
    {
      if (segments[i] == NULL)
        return FALSE;
      if (g_str_equal (want[i], "{}"))
        {
          g_assert (n < TURNOS_ROUTE_MAX_PARAMS);
          raw_params[n++] = segments[i];
        }
      else if (!g_str_equal (want[i], segments[i]))
        return FALSE;
    }
  return segments[i] == NULL;
}

/* The first route in the table for @segments with @method, or NULL; sets @path_known when
 * any route has this path (then the answer is 405, not 404). */
static const TurnosRoute *
find_route (const char  *method,
            char       **segments,
            const char **raw_params,
            gboolean    *path_known)
{
  *path_known = FALSE;
  for (const TurnosRoute *r = routes; r->pattern != NULL; r++)
    {
      const char *params[TURNOS_ROUTE_MAX_PARAMS] = { NULL };

      if (!match (r->pattern, segments, params))
        continue;
      *path_known = TRUE;
      if (g_str_equal (r->method, method) ||
          (g_str_equal (method, "HEAD") && g_str_equal (r->method, "GET")))
        {
          memcpy (raw_params, params, sizeof params);
          return r;
        }
    }
  return NULL;
}

/* The decoded, checked query, or NULL with @answer set. */
static GHashTable *
read_query (const char   *raw,
            TurnosAnswer *answer)
{
  g_autoptr(GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  GUriParamsIter iter;
  char *name, *value;

  if (raw == NULL)
    return g_steal_pointer (&query);
  g_uri_params_iter_init (&iter, raw, -1, "&", G_URI_PARAMS_WWW_FORM);
  while (g_uri_params_iter_next (&iter, &name, &value, &error))
    {
      g_autofree char *message = NULL;

      if (!turnos_text_is_clean (name, TURNOS_REQUEST_MAX_VALUE, FALSE) ||
          !turnos_text_is_clean (value, TURNOS_REQUEST_MAX_VALUE, FALSE))
        {
          message = g_strdup_printf ("the query parameter “%s” holds a control character or is "
                                     "too long", g_utf8_validate (name, -1, NULL) ? name : "?");
          turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, message);
          g_free (name);
          g_free (value);
          return NULL;
        }
      if (g_hash_table_contains (query, name))
        {
          message = g_strdup_printf ("the query parameter “%s” is given twice", name);
          turnos_answer_error (answer, 400, TURNOS_CODE_BAD_REQUEST, message);
          g_free (name);
          g_free (value);
          return NULL;
        }
      g_hash_table_insert (query, name, value);
    }
  if (error != NULL)
    {
      /* %00, %zz or bytes that are not UTF-8 */
      turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD, "the query cannot be decoded");
      return NULL;
    }
  return g_steal_pointer (&query);
}

/* Routes an account may call before it sets its own password (besides anonymous ones). */
static gboolean
open_before_password_change (const TurnosRoute *route)
{
  return route->handler == turnos_handle_me || route->handler == turnos_handle_logout ||
         route->handler == turnos_handle_password || (route->roles & TURNOS_ROLE_ANONYMOUS);
}

/* Who sent @msg: the account its bearer token signs in (NULL when none was sent), or FALSE
 * with @answer set (401 for a header that is not a live bearer token, 500 when the store
 * failed). */
static gboolean
authenticate (TurnosServer       *server,
              SoupServerMessage  *msg,
              GDateTime          *now,
              TurnosAccount     **account,
              char              **token_hash,
              TurnosAnswer       *answer)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr(GError) error = NULL;
  const char *token;

  *account = NULL;
  if (value == NULL)
    return TRUE;
  if (g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    {
      turnos_answer_error (answer, 401, TURNOS_CODE_UNAUTHENTICATED,
                           "Authorization must be “Bearer TOKEN”");
      return FALSE;
    }
  token = value + 7;
  while (*token == ' ')
    token++;
  if (*token == '\0' || !turnos_text_is_clean (token, TURNOS_REQUEST_MAX_VALUE, FALSE) ||
      !(*account = turnos_auth_check (_turnos_server_get_auth (server),
                                      _turnos_server_get_store (server), token, now,
                                      token_hash, &error)))
    {
      if (error != NULL)
        turnos_answer_store_error (answer, error);
      else
        turnos_answer_error (answer, 401, TURNOS_CODE_UNAUTHENTICATED,
                             "the token is unknown, expired or revoked: sign in again");
      return FALSE;
    }
  return TRUE;
}

void
turnos_routes_dispatch (TurnosServer      *server,
                        SoupServerMessage *msg,
                        TurnosAnswer      *answer)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *path = g_uri_get_path (uri);   /* still percent-encoded */
  const char *raw_params[TURNOS_ROUTE_MAX_PARAMS] = { NULL };
  g_autoptr(GPtrArray) decoded = g_ptr_array_new_with_free_func (g_free);   /* owns params */
  g_auto(GStrv) segments = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(TurnosAccount) account = NULL;
  g_autofree char *token_hash = NULL;
  const TurnosRoute *route;
  gboolean path_known;
  TurnosRequest request = { 0 };

  g_return_if_fail (TURNOS_IS_SERVER (server));
  g_return_if_fail (answer != NULL);

  if (path == NULL || path[0] != '/')
    {
      turnos_answer_error (answer, 404, TURNOS_CODE_NOT_FOUND, "no such resource");
      return;
    }
  segments = g_strsplit (path + 1, "/", -1);
  /* An empty segment ("//", a trailing "/") matches no route. */
  for (guint i = 0; segments[i] != NULL; i++)
    if (segments[i][0] == '\0')
      {
        turnos_answer_error (answer, 404, TURNOS_CODE_NOT_FOUND, "no such resource");
        return;
      }

  route = find_route (method, segments, raw_params, &path_known);
  if (route == NULL)
    {
      if (path_known)
        turnos_answer_error (answer, 405, TURNOS_CODE_METHOD_NOT_ALLOWED, "method not allowed here");
      else
        turnos_answer_error (answer, 404, TURNOS_CODE_NOT_FOUND, "no such resource");
      return;
    }

  /* 401/403 come before anything the request carries is looked at. */
  now = _turnos_server_now (server);
  if (route->handler != turnos_handle_login &&
      !authenticate (server, msg, now, &account, &token_hash, answer))
    return;
  if (!(route->roles & (account ? account->role : TURNOS_ROLE_ANONYMOUS)))
    {
      if (account == NULL)
        turnos_answer_error (answer, 401, TURNOS_CODE_UNAUTHENTICATED, "sign in first");
      else
        turnos_answer_error (answer, 403, TURNOS_CODE_FORBIDDEN, "your role may not do this");
      return;
    }
  if (account != NULL && account->must_change && !open_before_password_change (route))
    {
      turnos_answer_error (answer, 403, TURNOS_CODE_PASSWORD_CHANGE,
                           "set a password of your own first (POST /auth/password)");
      return;
    }

  for (guint i = 0; i < TURNOS_ROUTE_MAX_PARAMS && raw_params[i] != NULL; i++)
    {
      char *segment = g_uri_unescape_segment (raw_params[i], NULL, NULL);

      g_ptr_array_add (decoded, segment);
      if (segment == NULL || !turnos_text_is_clean (segment, TURNOS_REQUEST_MAX_VALUE, FALSE))
        {
          turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                               "a path segment cannot be decoded, holds a control character or is too long");
          return;
        }
      request.params[i] = segment;
    }
  if (!(query = read_query (g_uri_get_query (uri), answer)))
    return;

  request.server = server;
  request.store = _turnos_server_get_store (server);
  request.msg = msg;
  request.query = query;
  request.now = now;
  request.account = account;
  request.token_hash = token_hash;
  route->handler (&request, answer);
}
