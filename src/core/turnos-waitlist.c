/* turnos-waitlist.c: a patient waiting for time to free up on a professional's day
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-time.h"
#include "turnos-waitlist.h"

G_DEFINE_BOXED_TYPE (TurnosWaitlistEntry, turnos_waitlist_entry,
                     turnos_waitlist_entry_ref, turnos_waitlist_entry_unref)

TurnosWaitlistEntry *
turnos_waitlist_entry_new (void)
{
  TurnosWaitlistEntry *self = g_new0 (TurnosWaitlistEntry, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_date_clear (&self->date, 1);
  return self;
}

TurnosWaitlistEntry *
turnos_waitlist_entry_ref (TurnosWaitlistEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
turnos_waitlist_entry_unref (TurnosWaitlistEntry *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->professional_id);
  g_free (self->client_id);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->offered_time, g_date_time_unref);
  g_free (self);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
turnos_waitlist_entry_to_json (const TurnosWaitlistEntry *self,
                               JsonBuilder               *builder)
{
  GDateTime *any_time;

  g_return_if_fail (self != NULL && g_date_valid (&self->date));

  json_builder_begin_object (builder);
  if (self->id != NULL)
    add_string (builder, "id", self->id);
  add_string (builder, "professional_id", self->professional_id);
  add_string (builder, "client_id", self->client_id);
  {
    g_autofree char *date = turnos_date_format (&self->date);

    add_string (builder, "date", date);
  }
  if (self->created_at != NULL)
    {
      g_autofree char *created = turnos_time_format (self->created_at);

      add_string (builder, "created_at", created);
    }
  if (self->offered_time != NULL)
    {
      g_autofree char *offered = turnos_time_format (self->offered_time);

      add_string (builder, "offered_time", offered);
    }
  any_time = self->created_at ? self->created_at : self->offered_time;
  if (any_time != NULL)
    add_string (builder, "timezone", g_time_zone_get_identifier (g_date_time_get_timezone (any_time)));
  json_builder_end_object (builder);
}

TurnosWaitlistEntry *
turnos_waitlist_entry_from_json (JsonNode  *node,
                                 gboolean   stored,
                                 GError   **error)
{
  g_autoptr(TurnosWaitlistEntry) self = turnos_waitlist_entry_new ();
  g_autoptr(GTimeZone) tz = NULL;
  const char *id = NULL, *prof = NULL, *client = NULL, *date = NULL, *created = NULL;
  const char *offered = NULL, *zone = NULL;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                           "waitlist entry is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!turnos_json_get_string (object, "id", !stored, &id, error) ||
      !turnos_json_get_string (object, "professional_id", FALSE, &prof, error) ||
      !turnos_json_get_string (object, "client_id", FALSE, &client, error) ||
      !turnos_json_get_string (object, "date", FALSE, &date, error) ||
      !turnos_json_get_string (object, "created_at", TRUE, &created, error) ||
      !turnos_json_get_string (object, "offered_time", TRUE, &offered, error) ||
      !turnos_json_get_string (object, "timezone", TRUE, &zone, error))
    return NULL;
  if (stored && (id == NULL || *id == '\0'))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                           "a stored waitlist entry without id");
      return NULL;
    }
  if (!turnos_date_parse (date, &self->date, error))
    return NULL;
  if (zone != NULL && (tz = turnos_time_zone_new (zone)) != NULL)
    {
      if ((created != NULL && !(self->created_at = turnos_time_parse (created, tz, error))) ||
          (offered != NULL && !(self->offered_time = turnos_time_parse (offered, tz, error))))
        return NULL;
    }
  self->id = g_strdup (id);
  self->professional_id = g_strdup (prof);
  self->client_id = g_strdup (client);
  return g_steal_pointer (&self);
}
