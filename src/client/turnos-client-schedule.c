/* turnos-client-schedule.c: what the clinic offers: professionals, their settings, availability, a day's agenda, the month, time off
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

/*
 * Parsers
 */

static gpointer
parse_availability (TurnosClient  *self,
                    JsonNode      *node,
                    GError       **error)
{
  return turnos_availability_from_json (node, error);
}

static gpointer
parse_month (TurnosClient  *self,
             JsonNode      *node,
             GError       **error)
{
  return turnos_month_overview_from_json (node, error);
}

static gpointer
parse_settings (TurnosClient  *self,
                JsonNode      *node,
                GError       **error)
{
  return turnos_settings_from_json (node, error);
}

static gpointer
parse_block (TurnosClient  *self,
             JsonNode      *node,
             GError       **error)
{
  return turnos_block_stored_from_json (node, NULL, error);
}

void
turnos_day_agenda_free (TurnosDayAgenda *agenda)
{
  if (agenda == NULL)
    return;
  g_clear_pointer (&agenda->availability, turnos_availability_unref);
  g_clear_pointer (&agenda->reservations, g_ptr_array_unref);
  g_clear_pointer (&agenda->waitlist, g_ptr_array_unref);
  g_free (agenda);
}

static gpointer
parse_day (TurnosClient  *self,
           JsonNode      *node,
           GError       **error)
{
  g_autoptr(TurnosDayAgenda) agenda = g_new0 (TurnosDayAgenda, 1);

  if (!(agenda->availability = turnos_availability_from_json (node, error)) ||
      !(agenda->reservations = _turnos_client_parse_reservations (self, node, error)))
    return NULL;
  /* Who waits for the day: an older server says nothing of it. */
  if (json_object_has_member (json_node_get_object (node), "waitlist"))
    {
      if (!(agenda->waitlist = _turnos_client_parse_waitlist (self, node, error)))
        return NULL;
    }
  else
    agenda->waitlist =
      g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_waitlist_entry_unref);
  return g_steal_pointer (&agenda);
}

static gpointer
parse_professionals (TurnosClient  *self,
                     JsonNode      *node,
                     GError       **error)
{
  return _turnos_client_parse_list (self, node, "professionals", parse_settings,
                     (GDestroyNotify) turnos_settings_unref, error);
}

static gpointer
parse_blocks (TurnosClient  *self,
              JsonNode      *node,
              GError       **error)
{
  return _turnos_client_parse_list (self, node, "blocks", parse_block, (GDestroyNotify) turnos_block_unref,
                     error);
}

void
turnos_client_list_professionals_async (TurnosClient        *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (TURNOS_IS_CLIENT (self));
  _turnos_client_send_keyed (self, "GET", "professionals", NULL, NULL, parse_professionals,
                (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data,
                turnos_client_list_professionals_async);
}

GPtrArray *
turnos_client_list_professionals_finish (TurnosClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_list_professionals_async, error);
}

void
turnos_client_get_settings_async (TurnosClient        *self,
                                  const char          *professional_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (professional_id);
  g_autofree char *path = g_strdup_printf ("professionals/%s/settings", id);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  _turnos_client_send_keyed (self, "GET", path, NULL, NULL, parse_settings,
                (GDestroyNotify) turnos_settings_unref, cancellable, callback, user_data,
                turnos_client_get_settings_async);
}

TurnosSettings *
turnos_client_get_settings_finish (TurnosClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_get_settings_async, error);
}

void
turnos_client_get_availability_async (TurnosClient        *self,
                                      const char          *professional_id,
                                      const GDate         *date,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (professional_id);
  g_autofree char *day = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  day = turnos_date_format (date);
  path = g_strdup_printf ("reservations/availability?date=%s&professional_id=%s", day, id);
  _turnos_client_send_keyed (self, "GET", path, NULL, NULL, parse_availability,
                (GDestroyNotify) turnos_availability_unref, cancellable, callback, user_data,
                turnos_client_get_availability_async);
}

TurnosAvailability *
turnos_client_get_availability_finish (TurnosClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_get_availability_async, error);
}

void
turnos_client_get_day_async (TurnosClient        *self,
                             const char          *professional_id,
                             const GDate         *date,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (professional_id);
  g_autofree char *day = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  day = turnos_date_format (date);
  path = g_strdup_printf ("professionals/%s/day?date=%s", id, day);
  _turnos_client_send_keyed (self, "GET", path, NULL, NULL, parse_day, (GDestroyNotify) turnos_day_agenda_free,
                cancellable, callback, user_data, turnos_client_get_day_async);
}

TurnosDayAgenda *
turnos_client_get_day_finish (TurnosClient  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_get_day_async, error);
}

void
turnos_client_get_month_async (TurnosClient        *self,
                               const char          *professional_id,
                               int                  year,
                               int                  month,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (professional_id);
  g_autofree char *path = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (month >= 1 && month <= 12);

  path = g_strdup_printf ("reservations/availability/month?month=%04d-%02d&professional_id=%s",
                          year, month, id);
  _turnos_client_send_keyed (self, "GET", path, NULL, NULL, parse_month,
                (GDestroyNotify) turnos_month_overview_unref, cancellable, callback, user_data,
                turnos_client_get_month_async);
}

TurnosMonthOverview *
turnos_client_get_month_finish (TurnosClient  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_get_month_async, error);
}

void
turnos_client_list_blocks_async (TurnosClient        *self,
                                 const char          *professional_id,
                                 const GDate         *from,
                                 const GDate         *to,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (professional_id);
  g_autoptr(GString) path = g_string_new (NULL);
  char sep = '?';

  g_return_if_fail (TURNOS_IS_CLIENT (self));

  g_string_printf (path, "professionals/%s/blocks", id);
  if (from != NULL)
    {
      g_autofree char *d = turnos_date_format (from);

      g_string_append_printf (path, "%cfrom=%s", sep, d);
      sep = '&';
    }
  if (to != NULL)
    {
      g_autofree char *d = turnos_date_format (to);

      g_string_append_printf (path, "%cto=%s", sep, d);
    }
  _turnos_client_send_keyed (self, "GET", path->str, NULL, NULL, parse_blocks,
                (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data,
                turnos_client_list_blocks_async);
}

GPtrArray *
turnos_client_list_blocks_finish (TurnosClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_list_blocks_async, error);
}

void
turnos_client_add_block_async (TurnosClient        *self,
                               TurnosBlock         *block,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (block != NULL && block->professional_id != NULL);

  id = _turnos_client_escape (block->professional_id);
  path = g_strdup_printf ("professionals/%s/blocks", id);
  turnos_block_to_json (block, builder);
  body = json_builder_get_root (builder);
  _turnos_client_send_keyed (self, "POST", path, body, NULL, parse_block, (GDestroyNotify) turnos_block_unref,
                cancellable, callback, user_data, turnos_client_add_block_async);
}

TurnosBlock *
turnos_client_add_block_finish (TurnosClient  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_add_block_async, error);
}

void
turnos_client_remove_block_async (TurnosClient        *self,
                                  const char          *professional_id,
                                  const char          *block_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (professional_id);
  g_autofree char *bid = _turnos_client_escape (block_id);
  g_autofree char *path = g_strdup_printf ("professionals/%s/blocks/%s", id, bid);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  _turnos_client_send_keyed (self, "DELETE", path, NULL, NULL, NULL, NULL, cancellable, callback, user_data,
                turnos_client_remove_block_async);
}

gboolean
turnos_client_remove_block_finish (TurnosClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == turnos_client_remove_block_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
