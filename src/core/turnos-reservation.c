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
  g_free (self->series_id);
  g_free (self->rescheduled_to);
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

/* @member read by the rule of turnos-time.h, with its @offset_member when given one, after
 * @after when it is an end. An absent or empty @member leaves *@out NULL. */
static gboolean
optional_time (JsonObject  *object,
               const char  *member,
               const char  *offset_member,
               GTimeZone   *tz,
               GDateTime   *after,
               GDateTime  **out,
               gboolean    *by_offset,
               GError     **error)
{
  const char *str = NULL, *offset = NULL;

  if (!turnos_json_get_string (object, member, TRUE, &str, error) ||
      (offset_member != NULL && !turnos_json_get_string (object, offset_member, TRUE, &offset, error)))
    return FALSE;
  if (str == NULL || *str == '\0')
    return TRUE;
  if (offset != NULL && *offset == '\0')
    offset = NULL;
  if (by_offset != NULL)
    *by_offset = offset != NULL;
  return (*out = turnos_time_parse_full (str, offset, tz, after, error)) != NULL;
}

static TurnosReservation *
from_json (JsonNode   *node,
           GTimeZone  *tz,
           gboolean    stored,
           GError    **error)
{
  g_autoptr(TurnosReservation) self = turnos_reservation_new ();
  g_autoptr(GTimeZone) own_tz = NULL;
  JsonObject *object;
  const char *id = NULL, *client = NULL, *prof = NULL, *status = NULL, *modality = NULL;
  const char *zone = NULL, *start = NULL, *payment_id = NULL, *cancel_reason = NULL;
  const char *series_id = NULL, *rescheduled_to = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                           "reservation is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!turnos_json_get_string (object, "id", !stored, &id, error) ||
      !turnos_json_get_string (object, "client_id", FALSE, &client, error) ||
      !turnos_json_get_string (object, "professional_id", FALSE, &prof, error) ||
      !turnos_json_get_string (object, "start_time", FALSE, &start, error) ||
      !turnos_json_get_string (object, "status", !stored, &status, error) ||
      !turnos_json_get_string (object, "session_modality", TRUE, &modality, error) ||
      !turnos_json_get_string (object, "timezone", TRUE, &zone, error) ||
      !turnos_json_get_string (object, "payment_id", TRUE, &payment_id, error) ||
      !turnos_json_get_string (object, "cancel_reason", TRUE, &cancel_reason, error) ||
      !turnos_json_get_string (object, "series_id", TRUE, &series_id, error) ||
      !turnos_json_get_string (object, "rescheduled_to", TRUE, &rescheduled_to, error))
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
  /* What a server stored is whole: an id to act on, a status, an end (the .ics, the desk's
   * day and cancelling all read them). A draft may leave them to the server. */
  if (stored && (id == NULL || *id == '\0' || status == NULL))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                           "a stored reservation without id or status");
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
  if (!optional_time (object, "start_time", "start_utc_offset", tz, NULL, &self->start, NULL, error) ||
      !optional_time (object, "end_time", "end_utc_offset", tz, self->start, &self->end,
                      &self->end_by_offset, error) ||
      !optional_time (object, "created_at", NULL, tz, NULL, &self->created_at, NULL, error) ||
      !optional_time (object, "hold_expires_at", NULL, tz, NULL, &self->hold_expires_at, NULL, error))
    {
      if (error != NULL && *error != NULL && (*error)->code == TURNOS_ERROR_INVALID_VALUE)
        g_prefix_error (error, "reservation ends before it starts: ");
      return NULL;
    }
  if (self->start == NULL)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "empty start_time");
      return NULL;
    }
  if (stored && self->end == NULL)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                           "a stored reservation without end_time");
      return NULL;
    }

  self->id = g_strdup (id);
  self->client_id = g_strdup (client);
  self->professional_id = g_strdup (prof);
  self->timezone = g_strdup (g_time_zone_get_identifier (tz));
  self->payment_id = g_strdup (payment_id);
  self->cancel_reason = g_strdup (cancel_reason);
  self->series_id = series_id != NULL && *series_id != '\0' ? g_strdup (series_id) : NULL;
  self->rescheduled_to = rescheduled_to != NULL && *rescheduled_to != '\0' ? g_strdup (rescheduled_to) : NULL;
  return g_steal_pointer (&self);
}

TurnosReservation *
turnos_reservation_from_json (JsonNode   *node,
                              GTimeZone  *tz,
                              GError    **error)
{
  return from_json (node, tz, FALSE, error);
}

TurnosReservation *
turnos_reservation_stored_from_json (JsonNode   *node,
                                     GTimeZone  *tz,
                                     GError    **error)
{
  return from_json (node, tz, TRUE, error);
}

/* @member as a wall reading, and @offset_member beside it when that reading occurs twice. */
static void
add_time (JsonBuilder *builder,
          const char  *member,
          const char  *offset_member,
          GDateTime   *dt)
{
  g_autofree char *str = NULL;
  g_autofree char *offset = NULL;

  if (dt == NULL)
    return;
  str = turnos_time_format (dt);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, str);
  if (offset_member != NULL && (offset = turnos_time_format_fold_offset (dt)) != NULL)
    {
      json_builder_set_member_name (builder, offset_member);
      json_builder_add_string_value (builder, offset);
    }
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
  add_time (builder, "start_time", "start_utc_offset", self->start);
  add_time (builder, "end_time", "end_utc_offset", self->end);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, turnos_status_to_string (self->status));
  json_builder_set_member_name (builder, "session_modality");
  json_builder_add_string_value (builder, turnos_modality_to_string (self->modality));
  add_time (builder, "created_at", NULL, self->created_at);
  json_builder_set_member_name (builder, "timezone");
  json_builder_add_string_value (builder,
                                 self->timezone ? self->timezone
                                 : g_time_zone_get_identifier (g_date_time_get_timezone (self->start)));
  if (self->status == TURNOS_STATUS_PENDING)
    add_time (builder, "hold_expires_at", NULL, self->hold_expires_at);
  add_string (builder, "payment_id", self->payment_id);
  if (self->status == TURNOS_STATUS_CANCELLED)
    add_string (builder, "cancel_reason", self->cancel_reason);
  add_string (builder, "series_id", self->series_id);
  if (self->status == TURNOS_STATUS_CANCELLED)
    add_string (builder, "rescheduled_to", self->rescheduled_to);
  json_builder_end_object (builder);
}

JsonNode *
turnos_reservation_to_node (const TurnosReservation *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  turnos_reservation_to_json (self, builder);
  return json_builder_get_root (builder);
}

GDateTime *
turnos_reservation_draft_end (const TurnosSettings *settings,
                              GDateTime            *start)
{
  g_return_val_if_fail (settings != NULL && start != NULL, NULL);

  return g_date_time_add_minutes (start, turnos_settings_get_session_minutes (settings));
}

/* The same wall reading (the same string on the wire). */
static gboolean
same_reading (GDateTime *a,
              GDateTime *b)
{
  return g_date_time_to_unix (a) + g_date_time_get_utc_offset (a) / G_TIME_SPAN_SECOND ==
         g_date_time_to_unix (b) + g_date_time_get_utc_offset (b) / G_TIME_SPAN_SECOND;
}

gboolean
turnos_reservation_settle_end (TurnosReservation    *draft,
                               const TurnosSettings *settings,
                               GError              **error)
{
  g_autoptr(GDateTime) end = NULL;

  g_return_val_if_fail (draft != NULL && draft->start != NULL && settings != NULL, FALSE);

  end = turnos_reservation_draft_end (settings, draft->start);
  if (draft->end != NULL &&
      !(draft->end_by_offset ? g_date_time_equal (draft->end, end) : same_reading (draft->end, end)))
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_BAD_DURATION, "a session lasts %d minutes",
                   turnos_settings_get_session_minutes (settings));
      return FALSE;
    }
  g_clear_pointer (&draft->end, g_date_time_unref);
  draft->end = g_steal_pointer (&end);
  draft->end_by_offset = FALSE;
  return TRUE;
}
