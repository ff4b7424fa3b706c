/* turnos-reservation.c: a booking of one patient with one professional
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-reservation.h"
#include "turnos-time.h"

G_DEFINE_BOXED_TYPE (TurnosReservation, turnos_reservation,
                     turnos_reservation_ref, turnos_reservation_unref)

TurnosReservation *
turnos_reservation_new (void)
{
  TurnosReservation *self = g_new0 (TurnosReservation, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->status = TURNOS_STATUS_PENDING;
  self->modality = TURNOS_MODALITY_NONE;
  return self;
}

TurnosReservation *
turnos_reservation_ref (TurnosReservation *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
turnos_reservation_unref (TurnosReservation *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->client_id);
  g_free (self->professional_id);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->hold_expires_at, g_date_time_unref);
  g_free (self->timezone);
  g_free (self->payment_id);
  g_free (self->cancel_reason);
  g_free (self);
}

gboolean
turnos_reservation_is_live (const TurnosReservation *self,
                            GDateTime               *now)
{
  g_return_val_if_fail (self != NULL, FALSE);

  switch (self->status)
    {
    case TURNOS_STATUS_CONFIRMED:
      return TRUE;
    case TURNOS_STATUS_PENDING:
      return self->hold_expires_at == NULL || now == NULL ||
             g_date_time_compare (now, self->hold_expires_at) < 0;
    case TURNOS_STATUS_CANCELLED:
    default:
      return FALSE;
    }
}

static gboolean
optional_time (JsonObject  *object,
               const char  *member,
               GTimeZone   *tz,
               GDateTime  **out,
               GError     **error)
{
  const char *str = NULL;

  if (!turnos_json_get_string (object, member, TRUE, &str, error))
    return FALSE;
  if (str == NULL || *str == '\0')
    return TRUE;
  return (*out = turnos_time_parse (str, tz, error)) != NULL;
}

TurnosReservation *
turnos_reservation_from_json (JsonNode   *node,
                              GTimeZone  *tz,
                              GError    **error)
{
  g_autoptr(TurnosReservation) self = turnos_reservation_new ();
  g_autoptr(GTimeZone) own_tz = NULL;
  JsonObject *object;
  const char *id = NULL, *client = NULL, *prof = NULL, *status = NULL, *modality = NULL;
  const char *zone = NULL, *start = NULL, *payment_id = NULL, *cancel_reason = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                           "reservation is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!turnos_json_get_string (object, "id", TRUE, &id, error) ||
      !turnos_json_get_string (object, "client_id", FALSE, &client, error) ||
      !turnos_json_get_string (object, "professional_id", FALSE, &prof, error) ||
      !turnos_json_get_string (object, "start_time", FALSE, &start, error) ||
      !turnos_json_get_string (object, "status", TRUE, &status, error) ||
      !turnos_json_get_string (object, "session_modality", TRUE, &modality, error) ||
      !turnos_json_get_string (object, "timezone", TRUE, &zone, error) ||
      !turnos_json_get_string (object, "payment_id", TRUE, &payment_id, error) ||
      !turnos_json_get_string (object, "cancel_reason", TRUE, &cancel_reason, error))
    return NULL;

  if (zone != NULL && *zone != '\0')
    {
      if ((own_tz = turnos_time_zone_new (zone)) == NULL)
        {
          g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE, "unknown time zone “%s”", zone);
          return NULL;
        }
      tz = own_tz;
    }
  if (tz == NULL)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                           "reservation without a time zone");
      return NULL;
    }
  if (client == NULL || *client == '\0' || prof == NULL || *prof == '\0')
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                           "empty client_id or professional_id");
      return NULL;
    }
  if (status != NULL && !turnos_status_from_string (status, &self->status))
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE, "unknown status “%s”", status);
      return NULL;
    }
  if (modality != NULL && (!turnos_modality_from_string (modality, &self->modality) ||
                           self->modality == TURNOS_MODALITY_BOTH))
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                   "unknown session_modality “%s”", modality);
      return NULL;
    }
  if (!(self->start = turnos_time_parse (start, tz, error)) ||
      !optional_time (object, "end_time", tz, &self->end, error) ||
      !optional_time (object, "created_at", tz, &self->created_at, error) ||
      !optional_time (object, "hold_expires_at", tz, &self->hold_expires_at, error))
    return NULL;
  if (self->end != NULL && g_date_time_compare (self->start, self->end) >= 0)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                           "reservation ends before it starts");
      return NULL;
    }

  self->id = g_strdup (id);
  self->client_id = g_strdup (client);
  self->professional_id = g_strdup (prof);
  self->timezone = g_strdup (g_time_zone_get_identifier (tz));
  self->payment_id = g_strdup (payment_id);
  self->cancel_reason = g_strdup (cancel_reason);
  return g_steal_pointer (&self);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          GDateTime   *dt)
{
  g_autofree char *str = NULL;

  if (dt == NULL)
    return;
  str = turnos_time_format (dt);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, str);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

void
turnos_reservation_to_json (const TurnosReservation *self,
                            JsonBuilder             *builder)
{
  g_return_if_fail (self != NULL && self->start != NULL);

  json_builder_begin_object (builder);
  if (self->id != NULL)
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, self->id);
    }
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_string_value (builder, self->client_id);
  json_builder_set_member_name (builder, "professional_id");
  json_builder_add_string_value (builder, self->professional_id);
  add_time (builder, "start_time", self->start);
  add_time (builder, "end_time", self->end);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, turnos_status_to_string (self->status));
  json_builder_set_member_name (builder, "session_modality");
  json_builder_add_string_value (builder, turnos_modality_to_string (self->modality));
  add_time (builder, "created_at", self->created_at);
  json_builder_set_member_name (builder, "timezone");
  json_builder_add_string_value (builder,
                                 self->timezone ? self->timezone
                                 : g_time_zone_get_identifier (g_date_time_get_timezone (self->start)));
  if (self->status == TURNOS_STATUS_PENDING)
    add_time (builder, "hold_expires_at", self->hold_expires_at);
  add_string (builder, "payment_id", self->payment_id);
  if (self->status == TURNOS_STATUS_CANCELLED)
    add_string (builder, "cancel_reason", self->cancel_reason);
  json_builder_end_object (builder);
}

JsonNode *
turnos_reservation_to_node (const TurnosReservation *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  turnos_reservation_to_json (self, builder);
  return json_builder_get_root (builder);
}
