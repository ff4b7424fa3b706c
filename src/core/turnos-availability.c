/* turnos-availability.c: a day's answer and the month overview
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include "turnos-availability.h"
#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-time.h"

G_DEFINE_BOXED_TYPE (TurnosAvailability, turnos_availability,
                     turnos_availability_ref, turnos_availability_unref)
G_DEFINE_BOXED_TYPE (TurnosMonthOverview, turnos_month_overview,
                     turnos_month_overview_ref, turnos_month_overview_unref)

TurnosAvailability *
turnos_availability_new (void)
{
  TurnosAvailability *self = g_new0 (TurnosAvailability, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_date_clear (&self->date, 1);
  self->occupied_slots = g_new0 (char *, 1);
  self->occupied = turnos_interval_array_new ();
  self->blocked = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_block_unref);
  self->slots = turnos_interval_array_new ();
  return self;
}

TurnosAvailability *
turnos_availability_ref (TurnosAvailability *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
turnos_availability_unref (TurnosAvailability *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->timezone);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_strfreev (self->occupied_slots);
  g_array_unref (self->occupied);
  g_ptr_array_unref (self->blocked);
  g_array_unref (self->slots);
  g_free (self);
}

static gboolean
read_intervals (JsonArray  *array,
                GTimeZone  *tz,
                GArray     *out,
                GError    **error)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      TurnosInterval iv = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                               "an interval is not an object");
          return FALSE;
        }
      if (!turnos_interval_from_json (json_node_get_object (item), tz, &iv, error))
        return FALSE;
      g_array_append_val (out, iv);
    }
  return TRUE;
}

TurnosAvailability *
turnos_availability_from_json (JsonNode  *node,
                               GError   **error)
{
  g_autoptr(TurnosAvailability) self = turnos_availability_new ();
  g_autoptr(GPtrArray) occupied_slots = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  JsonObject *object;
  JsonArray *starts = NULL, *occupied = NULL, *blocked = NULL, *slots = NULL;
  const char *date = NULL, *zone = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                           "availability is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!turnos_json_get_string (object, "date", FALSE, &date, error) ||
      !turnos_json_get_string (object, "timezone", FALSE, &zone, error) ||
      !turnos_json_get_array (object, "occupiedSlots", FALSE, &starts, error) ||
      !turnos_json_get_array (object, "occupied", TRUE, &occupied, error) ||
      !turnos_json_get_array (object, "blocked", TRUE, &blocked, error) ||
      !turnos_json_get_array (object, "slots", TRUE, &slots, error) ||
      !turnos_date_parse (date, &self->date, error))
    return NULL;
  if ((self->tz = turnos_time_zone_new (zone)) == NULL)
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE, "unknown time zone “%s”",
                   zone ? zone : "");
      return NULL;
    }
  self->timezone = g_strdup (zone);

  for (guint i = 0; i < json_array_get_length (starts); i++)
    {
      JsonNode *item = json_array_get_element (starts, i);
      g_autoptr(GDateTime) start = NULL;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                               "occupiedSlots holds a non-string");
          return NULL;
        }
      if (!(start = turnos_time_parse (json_node_get_string (item), self->tz, error)))
        return NULL;
      g_ptr_array_add (occupied_slots, g_strdup (json_node_get_string (item)));
    }
  g_strfreev (self->occupied_slots);
  self->occupied_slots = (GStrv) g_ptr_array_steal (occupied_slots, NULL);

  if (!read_intervals (occupied, self->tz, self->occupied, error) ||
      !read_intervals (slots, self->tz, self->slots, error))
    return NULL;
  self->has_slots = slots != NULL;

  for (guint i = 0; blocked != NULL && i < json_array_get_length (blocked); i++)
    {
      TurnosBlock *block = turnos_block_from_json (json_array_get_element (blocked, i),
                                                   self->tz, error);

      if (block == NULL)
        return NULL;
      g_ptr_array_add (self->blocked, block);
    }

  return g_steal_pointer (&self);
}

JsonNode *
turnos_availability_to_node (const TurnosAvailability *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *date = turnos_date_format (&self->date);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "date");
  json_builder_add_string_value (builder, date);
  json_builder_set_member_name (builder, "timezone");
  json_builder_add_string_value (builder, self->timezone);
  json_builder_set_member_name (builder, "occupiedSlots");
  json_builder_begin_array (builder);
  for (guint i = 0; self->occupied_slots[i] != NULL; i++)
    json_builder_add_string_value (builder, self->occupied_slots[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "occupied");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->occupied->len; i++)
    turnos_interval_to_json (&g_array_index (self->occupied, TurnosInterval, i), builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "blocked");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->blocked->len; i++)
    turnos_block_to_json (g_ptr_array_index (self->blocked, i), builder);
  json_builder_end_array (builder);
  if (self->has_slots)
    {
      json_builder_set_member_name (builder, "slots");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->slots->len; i++)
        turnos_interval_to_json (&g_array_index (self->slots, TurnosInterval, i), builder);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

TurnosMonthOverview *
turnos_month_overview_new (void)
{
  TurnosMonthOverview *self = g_new0 (TurnosMonthOverview, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->days = g_array_new (FALSE, TRUE, sizeof (TurnosMonthDay));
  return self;
}

TurnosMonthOverview *
turnos_month_overview_ref (TurnosMonthOverview *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
turnos_month_overview_unref (TurnosMonthOverview *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->timezone);
  g_array_unref (self->days);
  g_free (self);
}

TurnosMonthOverview *
turnos_month_overview_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(TurnosMonthOverview) self = turnos_month_overview_new ();
  g_autoptr(GTimeZone) tz = NULL;
  JsonObject *object;
  JsonArray *days = NULL;
  const char *month = NULL, *zone = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                           "month overview is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!turnos_json_get_string (object, "month", FALSE, &month, error) ||
      !turnos_json_get_string (object, "timezone", FALSE, &zone, error) ||
      !turnos_json_get_array (object, "days", FALSE, &days, error) ||
      !turnos_month_parse (month, &self->year, &self->month, error))
    return NULL;
  if ((tz = turnos_time_zone_new (zone)) == NULL)
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE, "unknown time zone “%s”",
                   zone ? zone : "");
      return NULL;
    }
  self->timezone = g_strdup (zone);

  for (guint i = 0; i < json_array_get_length (days); i++)
    {
      JsonNode *item = json_array_get_element (days, i);
      TurnosMonthDay day = { 0 };
      const char *date = NULL;
      gint64 free_slots = 0;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD,
                               "a day is not an object");
          return NULL;
        }
      if (!turnos_json_get_string (json_node_get_object (item), "date", FALSE, &date, error) ||
          !turnos_json_get_int (json_node_get_object (item), "free_slots", FALSE, &free_slots,
                                error) ||
          !turnos_date_parse (date, &day.date, error))
        return NULL;
      if (free_slots < 0 || (int) g_date_get_year (&day.date) != self->year ||
          (int) g_date_get_month (&day.date) != self->month)
        {
          g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                               "a day outside the month or a negative count");
          return NULL;
        }
      day.free_slots = (int) free_slots;
      g_array_append_val (self->days, day);
    }
  return g_steal_pointer (&self);
}

JsonNode *
turnos_month_overview_to_node (const TurnosMonthOverview *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autofree char *month = g_strdup_printf ("%04d-%02d", self->year, self->month);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "month");
  json_builder_add_string_value (builder, month);
  json_builder_set_member_name (builder, "timezone");
  json_builder_add_string_value (builder, self->timezone);
  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->days->len; i++)
    {
      const TurnosMonthDay *day = &g_array_index (self->days, TurnosMonthDay, i);
      g_autofree char *date = turnos_date_format (&day->date);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, date);
      json_builder_set_member_name (builder, "free_slots");
      json_builder_add_int_value (builder, day->free_slots);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
