/* turnos-client-reservations.c: a patient's reservations: book, list (paged), cancel
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Part of TurnosClient (turnos-client-private.h): the calls of DESIGN.md's API by resource.
 */
#define G_LOG_DOMAIN "turnos-client"

#include "config.h"

#include "turnos-client-private.h"
#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-time.h"

void
turnos_reservation_page_free (TurnosReservationPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->reservations, g_ptr_array_unref);
  g_free (page->next_cursor);
  g_free (page);
}

static gpointer
parse_reservation_page (TurnosClient  *self,
                        JsonNode      *node,
                        GError       **error)
{
  g_autoptr(TurnosReservationPage) page = g_new0 (TurnosReservationPage, 1);
  const char *cursor = NULL;

  if (!(page->reservations = _turnos_client_parse_reservations (self, node, error)))
    return NULL;
  page->paged = json_object_has_member (json_node_get_object (node), "next_cursor");
  if (page->paged &&
      !turnos_json_get_string (json_node_get_object (node), "next_cursor", TRUE, &cursor, error))
    return NULL;
  page->next_cursor = cursor != NULL && *cursor != '\0' ? g_strdup (cursor) : NULL;
  return g_steal_pointer (&page);
}

void
turnos_client_create_reservation_async (TurnosClient        *self,
                                        TurnosReservation   *draft,
                                        const char          *idempotency_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (draft != NULL);

  body = turnos_reservation_to_node (draft);
  _turnos_client_send_keyed (self, "POST", "reservations/create-without-payment", body, idempotency_key,
                _turnos_client_parse_reservation, (GDestroyNotify) turnos_reservation_unref, cancellable,
                callback, user_data, turnos_client_create_reservation_async);
}

TurnosReservation *
turnos_client_create_reservation_finish (TurnosClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_create_reservation_async, error);
}

void
turnos_client_list_reservations_async (TurnosClient        *self,
                                       const char          *client_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (client_id);
  g_autofree char *path = g_strdup_printf ("reservations?client_id=%s", id);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  _turnos_client_send_keyed (self, "GET", path, NULL, NULL, _turnos_client_parse_reservations,
                (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data,
                turnos_client_list_reservations_async);
}

GPtrArray *
turnos_client_list_reservations_finish (TurnosClient  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_list_reservations_async, error);
}

void
turnos_client_list_reservations_page_async (TurnosClient            *self,
                                            const char              *client_id,
                                            TurnosReservationFilter  status,
                                            const GDate             *from,
                                            const GDate             *to,
                                            gboolean                 descending,
                                            guint                    limit,
                                            const char              *cursor,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data)
{
  static const char * const filters[] = { "all", "live", "cancelled" };
  g_autofree char *id = _turnos_client_escape (client_id);
  g_autoptr(GString) path = g_string_new (NULL);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (status <= TURNOS_RESERVATION_FILTER_CANCELLED);

  g_string_printf (path, "reservations?client_id=%s&status=%s&order=%s", id, filters[status],
                   descending ? "desc" : "asc");
  if (from != NULL && g_date_valid (from))
    {
      g_autofree char *d = turnos_date_format (from);

      g_string_append_printf (path, "&from=%s", d);
    }
  if (to != NULL && g_date_valid (to))
    {
      g_autofree char *d = turnos_date_format (to);

      g_string_append_printf (path, "&to=%s", d);
    }
  if (limit > 0)
    g_string_append_printf (path, "&limit=%u", limit);
  if (cursor != NULL)
    {
      g_autofree char *c = _turnos_client_escape (cursor);

      g_string_append_printf (path, "&cursor=%s", c);
    }
  _turnos_client_send_keyed (self, "GET", path->str, NULL, NULL, parse_reservation_page,
                (GDestroyNotify) turnos_reservation_page_free, cancellable, callback, user_data,
                turnos_client_list_reservations_page_async);
}

TurnosReservationPage *
turnos_client_list_reservations_page_finish (TurnosClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_list_reservations_page_async, error);
}

void
turnos_client_cancel_reservation_async (TurnosClient        *self,
                                        const char          *reservation_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (reservation_id);
  g_autofree char *path = g_strdup_printf ("reservations/%s/cancel", id);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  _turnos_client_send_keyed (self, "POST", path, NULL, NULL, _turnos_client_parse_reservation,
                (GDestroyNotify) turnos_reservation_unref, cancellable, callback, user_data,
                turnos_client_cancel_reservation_async);
}

TurnosReservation *
turnos_client_cancel_reservation_finish (TurnosClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_cancel_reservation_async, error);
}
