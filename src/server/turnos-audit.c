/* turnos-audit.c: one line of the audit trail
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-audit.h"

TurnosAuditEntry *
turnos_audit_entry_new (const char *actor,
                        const char *action,
                        const char *target_kind,
                        const char *target_id,
                        const char *detail)
{
  TurnosAuditEntry *self = g_new0 (TurnosAuditEntry, 1);

  self->actor = g_strdup (actor ? actor : "anonymous");
  self->action = g_strdup (action);
  self->target_kind = g_strdup (target_kind ? target_kind : "");
  self->target_id = g_strdup (target_id ? target_id : "");
  self->detail = g_strdup (detail ? detail : "");
  return self;
}

void
turnos_audit_entry_free (TurnosAuditEntry *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->at, g_date_time_unref);
  g_free (self->actor);
  g_free (self->action);
  g_free (self->target_kind);
  g_free (self->target_id);
  g_free (self->detail);
  g_free (self);
}

void
turnos_audit_entry_to_json (const TurnosAuditEntry *self,
                            JsonBuilder            *builder)
{
  g_autofree char *at = NULL;

  g_return_if_fail (self != NULL && JSON_IS_BUILDER (builder));

  at = self->at ? g_date_time_format (self->at, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, self->seq);
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, at);
  json_builder_set_member_name (builder, "actor");
  json_builder_add_string_value (builder, self->actor);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, self->action);
  json_builder_set_member_name (builder, "target_kind");
  json_builder_add_string_value (builder, self->target_kind);
  json_builder_set_member_name (builder, "target_id");
  json_builder_add_string_value (builder, self->target_id);
  json_builder_set_member_name (builder, "detail");
  json_builder_add_string_value (builder, self->detail);
  json_builder_end_object (builder);
}
