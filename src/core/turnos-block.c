/* turnos-block.c: time off
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include "turnos-block.h"
#include "turnos-error.h"
#include "turnos-interval.h"
#include "turnos-json.h"
#include "turnos-time.h"

G_DEFINE_BOXED_TYPE (TurnosBlock, turnos_block, turnos_block_ref, turnos_block_unref)

TurnosBlock *
turnos_block_new (void)
{
  TurnosBlock *self = g_new0 (TurnosBlock, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

TurnosBlock *
turnos_block_ref (TurnosBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
turnos_block_unref (TurnosBlock *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->professional_id);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  g_free (self->reason);
  g_free (self);
}

static TurnosBlock *
from_json (JsonNode   *node,
           GTimeZone  *tz,
           gboolean    stored,
           GError    **error)
{
  g_autoptr(TurnosBlock) self = turnos_block_new ();
  g_autoptr(GTimeZone) own_tz = NULL;
  TurnosInterval iv = { 0 };
  JsonObject *object;
  const char *id = NULL, *prof = NULL, *reason = NULL, *zone = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "block is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!turnos_json_get_string (object, "id", !stored, &id, error) ||
      !turnos_json_get_string (object, "professional_id", TRUE, &prof, error) ||
      !turnos_json_get_string (object, "reason", TRUE, &reason, error) ||
      !turnos_json_get_string (object, "timezone", TRUE, &zone, error))
    return NULL;
  if (stored && (id == NULL || *id == '\0'))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "a stored block without id");
      return NULL;
    }
  if (zone != NULL && (own_tz = turnos_time_zone_new (zone)) != NULL)
    tz = own_tz;
  if (tz == NULL)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "block without a time zone");
      return NULL;
    }
  if (!turnos_interval_from_json (object, tz, &iv, error))
    return NULL;

  self->id = g_strdup (id);
  self->professional_id = g_strdup (prof);
  self->reason = g_strdup (reason);
  self->start = g_steal_pointer (&iv.start);
  self->end = g_steal_pointer (&iv.end);
  return g_steal_pointer (&self);
}

TurnosBlock *
turnos_block_from_json (JsonNode   *node,
                        GTimeZone  *tz,
                        GError    **error)
{
  return from_json (node, tz, FALSE, error);
}

TurnosBlock *
turnos_block_stored_from_json (JsonNode   *node,
                               GTimeZone  *tz,
                               GError    **error)
{
  return from_json (node, tz, TRUE, error);
}

void
turnos_block_to_json (const TurnosBlock *self,
                      JsonBuilder       *builder)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *start_offset = NULL;
  g_autofree char *end_offset = NULL;

  g_return_if_fail (self != NULL && self->start != NULL && self->end != NULL);

  start = turnos_time_format (self->start);
  end = turnos_time_format (self->end);
  json_builder_begin_object (builder);
  if (self->id != NULL)
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, self->id);
    }
  if (self->professional_id != NULL)
    {
      json_builder_set_member_name (builder, "professional_id");
      json_builder_add_string_value (builder, self->professional_id);
    }
  json_builder_set_member_name (builder, "start_time");
  json_builder_add_string_value (builder, start);
  json_builder_set_member_name (builder, "end_time");
  json_builder_add_string_value (builder, end);
  /* Which run of a repeated hour, where a reading alone cannot say (turnos-time.h, rule 4). */
  if ((start_offset = turnos_time_format_fold_offset (self->start)) != NULL)
    {
      json_builder_set_member_name (builder, "start_utc_offset");
      json_builder_add_string_value (builder, start_offset);
    }
  if ((end_offset = turnos_time_format_fold_offset (self->end)) != NULL)
    {
      json_builder_set_member_name (builder, "end_utc_offset");
      json_builder_add_string_value (builder, end_offset);
    }
  json_builder_set_member_name (builder, "reason");
  json_builder_add_string_value (builder, self->reason ? self->reason : "");
  json_builder_set_member_name (builder, "timezone");
  json_builder_add_string_value (builder, g_time_zone_get_identifier (g_date_time_get_timezone (self->start)));
  json_builder_end_object (builder);
}
