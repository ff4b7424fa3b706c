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

/* DESIGN.md's HTTP API, one line a route. */
static const TurnosRoute routes[] = {
  { "GET",    "/health",                              turnos_handle_health },
  { "GET",    "/professionals",                       turnos_handle_professionals },
  { "GET",    "/professionals/{}/settings",           turnos_handle_settings },
  { "GET",    "/professionals/{}/day",                turnos_handle_desk_day },
  { "GET",    "/professionals/{}/blocks",             turnos_handle_blocks_list },
  { "POST",   "/professionals/{}/blocks",             turnos_handle_blocks_add },
  { "DELETE", "/professionals/{}/blocks/{}",          turnos_handle_blocks_remove },
  { "GET",    "/reservations",                        turnos_handle_reservations_list },
  { "GET",    "/reservations/availability",           turnos_handle_availability },
  { "GET",    "/reservations/availability/month",     turnos_handle_availability_month },
  { "POST",   "/reservations/create-without-payment", turnos_handle_create },
  { "POST",   "/reservations/payment",                turnos_handle_payment_create },
  { "GET",    "/reservations/payment/{}",             turnos_handle_payment_get },
  { "POST",   "/reservations/{}/cancel",              turnos_handle_cancel },
  { "GET",    "/sandbox/checkout/{}",                 turnos_handle_sandbox_page },
  { "POST",   "/sandbox/checkout/{}/pay",             turnos_handle_sandbox_pay },
  { "POST",   "/sandbox/checkout/{}/decline",         turnos_handle_sandbox_decline },
  { NULL, NULL, NULL }
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

void
turnos_routes_dispatch (TurnosServer      *server,
                        SoupServerMessage *msg,
                        TurnosAnswer      *answer)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *path = g_uri_get_path (uri);   /* still percent-encoded */
  const char *raw_params[TURNOS_ROUTE_MAX_PARAMS] = { NULL };
  g_autofree char *decoded[TURNOS_ROUTE_MAX_PARAMS] = { NULL };
  g_auto(GStrv) segments = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GDateTime) now = NULL;
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

  for (guint i = 0; i < TURNOS_ROUTE_MAX_PARAMS && raw_params[i] != NULL; i++)
    {
      decoded[i] = g_uri_unescape_segment (raw_params[i], NULL, NULL);
      if (decoded[i] == NULL || !turnos_text_is_clean (decoded[i], TURNOS_REQUEST_MAX_VALUE, FALSE))
        {
          turnos_answer_error (answer, 400, TURNOS_CODE_INVALID_FIELD,
                               "a path segment cannot be decoded, holds a control character or is too long");
          return;
        }
      request.params[i] = decoded[i];
    }
  if (!(query = read_query (g_uri_get_query (uri), answer)))
    return;

  now = _turnos_server_now (server);
  request.server = server;
  request.store = _turnos_server_get_store (server);
  request.msg = msg;
  request.query = query;
  request.now = now;
  route->handler (&request, answer);
}
