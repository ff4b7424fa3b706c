/* turnos-settings.c: a professional's settings
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-settings.h"
#include "turnos-time.h"

G_DEFINE_BOXED_TYPE (TurnosSettings, turnos_settings, turnos_settings_ref, turnos_settings_unref)

TurnosSettings *
turnos_settings_new (void)
{
  TurnosSettings *self = g_new0 (TurnosSettings, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->session_duration_minutes = TURNOS_DEFAULT_SESSION_MINUTES;
  self->slot_interval_minutes = TURNOS_DEFAULT_SESSION_MINUTES;
  self->session_modality = TURNOS_MODALITY_BOTH;
  self->timezone = g_strdup ("UTC");
  self->tz = g_time_zone_new_utc ();
  self->working_hours = g_array_new (FALSE, TRUE, sizeof (TurnosWorkingHours));
  self->booking_horizon_days = 60;
  return self;
}

TurnosSettings *
turnos_settings_ref (TurnosSettings *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
turnos_settings_unref (TurnosSettings *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->user_id);
  g_free (self->display_name);
  g_free (self->deposit_amount);
  g_free (self->currency);
  g_free (self->timezone);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->working_hours, g_array_unref);
  g_free (self);
}

TurnosSettings *
turnos_settings_copy (const TurnosSettings *self)
{
  TurnosSettings *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = turnos_settings_new ();
  copy->user_id = g_strdup (self->user_id);
  copy->display_name = g_strdup (self->display_name);
  copy->session_duration_minutes = self->session_duration_minutes;
  copy->slot_interval_minutes = self->slot_interval_minutes;
  copy->requires_deposit = self->requires_deposit;
  copy->deposit_amount = g_strdup (self->deposit_amount);
  copy->currency = g_strdup (self->currency);
  copy->session_modality = self->session_modality;
  turnos_settings_set_timezone (copy, self->timezone);
  g_array_append_vals (copy->working_hours, self->working_hours->data, self->working_hours->len);
  copy->min_notice_minutes = self->min_notice_minutes;
  copy->booking_horizon_days = self->booking_horizon_days;
  copy->cancel_notice_minutes = self->cancel_notice_minutes;
  return copy;
}

gboolean
turnos_settings_set_timezone (TurnosSettings *self,
                              const char     *name)
{
  GTimeZone *tz;

  g_return_val_if_fail (self != NULL, FALSE);

  if ((tz = turnos_time_zone_new (name)) == NULL)
    return FALSE;
  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = tz;
  g_free (self->timezone);
  self->timezone = g_strdup (name);
  return TRUE;
}

int
turnos_settings_get_session_minutes (const TurnosSettings *self)
{
  g_return_val_if_fail (self != NULL, TURNOS_DEFAULT_SESSION_MINUTES);

  return self->session_duration_minutes > 0 ? self->session_duration_minutes
                                            : TURNOS_DEFAULT_SESSION_MINUTES;
}

void
turnos_settings_add_hours (TurnosSettings *self,
                           int             weekday,
                           int             start_minute,
                           int             end_minute)
{
  TurnosWorkingHours wh = { weekday, start_minute, end_minute };

  g_return_if_fail (self != NULL);
  g_return_if_fail (weekday >= 1 && weekday <= 7);
  g_return_if_fail (start_minute >= 0 && start_minute < end_minute && end_minute <= 24 * 60);

  g_array_append_val (self->working_hours, wh);
}

static gboolean
get_minutes (JsonObject  *object,
             const char  *member,
             int          min,
             int          max,
             int         *out,
             GError     **error)
{
  gint64 v = *out;

  if (!turnos_json_get_int (object, member, TRUE, &v, error))
    return FALSE;
  if (v < min || v > max)
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                   "field “%s” is out of range", member);
      return FALSE;
    }
  *out = (int) v;
  return TRUE;
}

TurnosSettings *
turnos_settings_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(TurnosSettings) self = turnos_settings_new ();
  JsonObject *object;
  JsonArray *hours = NULL;
  const char *user_id = NULL, *name = NULL, *amount = NULL, *currency = NULL;
  const char *modality = NULL, *timezone = NULL;
  gboolean has_interval;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                           "settings are not an object");
      return NULL;
    }
  object = json_node_get_object (node);

  if (!turnos_json_get_string (object, "user_id", FALSE, &user_id, error) ||
      !turnos_json_get_string (object, "display_name", TRUE, &name, error) ||
      !turnos_json_get_string (object, "timezone", FALSE, &timezone, error) ||
      !turnos_json_get_string (object, "deposit_amount", TRUE, &amount, error) ||
      !turnos_json_get_string (object, "currency", TRUE, &currency, error) ||
      !turnos_json_get_string (object, "session_modality", TRUE, &modality, error) ||
      !turnos_json_get_bool (object, "requires_deposit", TRUE, &self->requires_deposit, error) ||
      !get_minutes (object, "session_duration_minutes", 1, 24 * 60,
                    &self->session_duration_minutes, error) ||
      !get_minutes (object, "min_notice_minutes", 0, 365 * 24 * 60,
                    &self->min_notice_minutes, error) ||
      !get_minutes (object, "booking_horizon_days", 0, 3660, &self->booking_horizon_days, error) ||
      !get_minutes (object, "cancel_notice_minutes", 0, 365 * 24 * 60,
                    &self->cancel_notice_minutes, error) ||
      !turnos_json_get_array (object, "working_hours", TRUE, &hours, error))
    return NULL;

  if (user_id == NULL || *user_id == '\0')
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE, "empty user_id");
      return NULL;
    }
  if (!turnos_settings_set_timezone (self, timezone))
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE, "unknown time zone “%s”",
                   timezone ? timezone : "");
      return NULL;
    }
  self->slot_interval_minutes = self->session_duration_minutes;
  has_interval = json_object_has_member (object, "slot_interval_minutes");
  if (has_interval && !get_minutes (object, "slot_interval_minutes", 1, 24 * 60,
                                    &self->slot_interval_minutes, error))
    return NULL;
  if (modality != NULL && (!turnos_modality_from_string (modality, &self->session_modality) ||
                           self->session_modality == TURNOS_MODALITY_NONE))
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                   "unknown session_modality “%s”", modality);
      return NULL;
    }

  self->user_id = g_strdup (user_id);
  self->display_name = g_strdup (name != NULL ? name : user_id);
  self->deposit_amount = g_strdup (amount);
  self->currency = g_strdup (currency);

  for (guint i = 0; hours != NULL && i < json_array_get_length (hours); i++)
    {
      JsonNode *item = json_array_get_element (hours, i);
      JsonObject *wh;
      gint64 weekday = 0;
      const char *start = NULL, *end = NULL;
      int start_min, end_min;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                               "working_hours holds a non-object");
          return NULL;
        }
      wh = json_node_get_object (item);
      if (!turnos_json_get_int (wh, "weekday", FALSE, &weekday, error) ||
          !turnos_json_get_string (wh, "start", FALSE, &start, error) ||
          !turnos_json_get_string (wh, "end", FALSE, &end, error) ||
          !turnos_clock_parse (start, &start_min, error) ||
          !turnos_clock_parse (end, &end_min, error))
        return NULL;
      if (weekday < 1 || weekday > 7 || start_min >= end_min)
        {
          g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                               "working_hours has an impossible range");
          return NULL;
        }
      turnos_settings_add_hours (self, (int) weekday, start_min, end_min);
    }

  return g_steal_pointer (&self);
}

void
turnos_settings_to_json (const TurnosSettings *self,
                         JsonBuilder          *builder)
{
  g_return_if_fail (self != NULL && JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user_id");
  json_builder_add_string_value (builder, self->user_id);
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, self->display_name ? self->display_name : self->user_id);
  json_builder_set_member_name (builder, "session_duration_minutes");
  json_builder_add_int_value (builder, self->session_duration_minutes);
  json_builder_set_member_name (builder, "slot_interval_minutes");
  json_builder_add_int_value (builder, self->slot_interval_minutes);
  json_builder_set_member_name (builder, "requires_deposit");
  json_builder_add_boolean_value (builder, self->requires_deposit);
  if (self->deposit_amount != NULL)
    {
      json_builder_set_member_name (builder, "deposit_amount");
      json_builder_add_string_value (builder, self->deposit_amount);
    }
  if (self->currency != NULL)
    {
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, self->currency);
    }
  json_builder_set_member_name (builder, "session_modality");
  json_builder_add_string_value (builder, turnos_modality_to_string (self->session_modality));
  json_builder_set_member_name (builder, "timezone");
  json_builder_add_string_value (builder, self->timezone);
  json_builder_set_member_name (builder, "working_hours");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->working_hours->len; i++)
    {
      const TurnosWorkingHours *wh = &g_array_index (self->working_hours, TurnosWorkingHours, i);
      g_autofree char *start = turnos_clock_format (wh->start_minute);
      g_autofree char *end = turnos_clock_format (wh->end_minute);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "weekday");
      json_builder_add_int_value (builder, wh->weekday);
      json_builder_set_member_name (builder, "start");
      json_builder_add_string_value (builder, start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_string_value (builder, end);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "min_notice_minutes");
  json_builder_add_int_value (builder, self->min_notice_minutes);
  json_builder_set_member_name (builder, "booking_horizon_days");
  json_builder_add_int_value (builder, self->booking_horizon_days);
  json_builder_set_member_name (builder, "cancel_notice_minutes");
  json_builder_add_int_value (builder, self->cancel_notice_minutes);
  json_builder_end_object (builder);
}

JsonNode *
turnos_settings_to_node (const TurnosSettings *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  turnos_settings_to_json (self, builder);
  return json_builder_get_root (builder);
}
