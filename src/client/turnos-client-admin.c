/* turnos-client-admin.c: the admin's calls: a professional's settings written, the audit trail
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
 * Professionals' settings and the audit trail: the admin's calls
 */

void
turnos_settings_change_free (TurnosSettingsChange *change)
{
  if (change == NULL)
    return;
  g_clear_pointer (&change->settings, turnos_settings_unref);
  g_clear_pointer (&change->outside_hours, g_ptr_array_unref);
  g_free (change);
}

static gpointer
parse_settings_change (TurnosClient  *self,
                       JsonNode      *node,
                       GError       **error)
{
  g_autoptr(TurnosSettingsChange) change = g_new0 (TurnosSettingsChange, 1);
  JsonObject *object;
  JsonNode *settings;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  settings = json_object_get_member (object, "settings");
  if (settings == NULL)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "no settings");
      return NULL;
    }
  if (!(change->settings = turnos_settings_from_json (settings, error)) ||
      !(change->outside_hours = _turnos_client_parse_list (self, node, "outside_hours", _turnos_client_parse_reservation,
                                            (GDestroyNotify) turnos_reservation_unref, error)))
    return NULL;
  return g_steal_pointer (&change);
}

void
turnos_client_put_settings_async (TurnosClient        *self,
                                  TurnosSettings      *settings,
                                  gboolean             dry_run,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (settings != NULL && settings->user_id != NULL);

  id = _turnos_client_escape (settings->user_id);
  path = g_strdup_printf ("professionals/%s/settings%s", id, dry_run ? "?dry_run=1" : "");
  body = turnos_settings_to_node (settings);
  _turnos_client_send_keyed (self, "PUT", path, body, NULL, parse_settings_change,
                (GDestroyNotify) turnos_settings_change_free, cancellable, callback, user_data,
                turnos_client_put_settings_async);
}

TurnosSettingsChange *
turnos_client_put_settings_finish (TurnosClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_put_settings_async, error);
}

void
turnos_audit_record_free (TurnosAuditRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->at, g_date_time_unref);
  g_free (record->actor);
  g_free (record->action);
  g_free (record->target_kind);
  g_free (record->target_id);
  g_free (record->detail);
  g_free (record);
}

void
turnos_audit_result_free (TurnosAuditResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->records, g_ptr_array_unref);
  g_free (result->next_cursor);
  g_free (result);
}

static gpointer
parse_audit_record (TurnosClient  *self,
                    JsonNode      *node,
                    GError       **error)
{
  g_autoptr(TurnosAuditRecord) record = g_new0 (TurnosAuditRecord, 1);
  const char *at = NULL, *actor = NULL, *action = NULL;
  const char *kind = "", *target = "", *detail = "";
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "an audit row is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!turnos_json_get_int (object, "seq", TRUE, &record->seq, error) ||
      !turnos_json_get_string (object, "at", FALSE, &at, error) ||
      !turnos_json_get_string (object, "actor", FALSE, &actor, error) ||
      !turnos_json_get_string (object, "action", FALSE, &action, error) ||
      !turnos_json_get_string (object, "target_kind", TRUE, &kind, error) ||
      !turnos_json_get_string (object, "target_id", TRUE, &target, error) ||
      !turnos_json_get_string (object, "detail", TRUE, &detail, error))
    return NULL;
  /* "2026-03-02T11:00:00Z": an instant, in UTC. */
  if (!(record->at = g_date_time_new_from_iso8601 (at, NULL)))
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "“%.40s” is not an instant", at);
      return NULL;
    }
  record->actor = g_strdup (actor);
  record->action = g_strdup (action);
  record->target_kind = g_strdup (kind ? kind : "");
  record->target_id = g_strdup (target ? target : "");
  record->detail = g_strdup (detail ? detail : "");
  return g_steal_pointer (&record);
}

static gpointer
parse_audit_page (TurnosClient  *self,
                  JsonNode      *node,
                  GError       **error)
{
  g_autoptr(TurnosAuditResult) page = g_new0 (TurnosAuditResult, 1);
  const char *next = NULL;

  if (!(page->records = _turnos_client_parse_list (self, node, "audit", parse_audit_record,
                                    (GDestroyNotify) turnos_audit_record_free, error)) ||
      !turnos_json_get_string (json_node_get_object (node), "next_cursor", TRUE, &next, error))
    return NULL;
  page->next_cursor = g_strdup (next);
  return g_steal_pointer (&page);
}

void
turnos_client_list_audit_async (TurnosClient        *self,
                                const GDate         *since,
                                const char          *actor,
                                const char          *target,
                                guint                limit,
                                const char          *cursor,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GString) path = g_string_new ("audit");
  char sep = '?';

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (since == NULL || g_date_valid (since));

  if (since != NULL)
    {
      g_autofree char *d = turnos_date_format (since);

      g_string_append_printf (path, "%csince=%s", sep, d);
      sep = '&';
    }
  if (actor != NULL && *actor != '\0')
    {
      g_autofree char *a = _turnos_client_escape (actor);

      g_string_append_printf (path, "%cactor=%s", sep, a);
      sep = '&';
    }
  if (target != NULL && *target != '\0')
    {
      g_autofree char *t = _turnos_client_escape (target);

      g_string_append_printf (path, "%ctarget=%s", sep, t);
      sep = '&';
    }
  if (limit > 0)
    {
      g_string_append_printf (path, "%climit=%u", sep, limit);
      sep = '&';
    }
  if (cursor != NULL)
    {
      g_autofree char *c = _turnos_client_escape (cursor);

      g_string_append_printf (path, "%ccursor=%s", sep, c);
    }
  _turnos_client_send_keyed (self, "GET", path->str, NULL, NULL, parse_audit_page,
                (GDestroyNotify) turnos_audit_result_free, cancellable, callback, user_data,
                turnos_client_list_audit_async);
}

TurnosAuditResult *
turnos_client_list_audit_finish (TurnosClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_list_audit_async, error);
}
