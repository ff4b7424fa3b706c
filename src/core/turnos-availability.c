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
#include "turnos-reservation.h"
#include "turnos-slots.h"
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
turnos_availability_new_for_day (const TurnosSettings *settings,
                                 const GDate          *date,
                                 GPtrArray            *reservations,
                                 GPtrArray            *blocks,
                                 GDateTime            *now,
                                 GPtrArray           **live_out)
{
  g_autoptr(TurnosAvailability) a = turnos_availability_new ();
  g_autoptr(GPtrArray) starts = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);

  g_return_val_if_fail (settings != NULL && date != NULL && now != NULL, NULL);

  a->date = *date;
  a->timezone = g_strdup (settings->timezone);
  a->tz = g_time_zone_ref (settings->tz);
  for (guint i = 0; reservations != NULL && i < reservations->len; i++)
    {
      TurnosReservation *r = g_ptr_array_index (reservations, i);
      TurnosInterval iv;

      if (!turnos_reservation_is_live (r, now))
        continue;
      g_ptr_array_add (live, turnos_reservation_ref (r));
      g_ptr_array_add (starts, turnos_time_format (r->start));
      turnos_interval_init (&iv, r->start, r->end);
      g_array_append_val (a->occupied, iv);
    }
  g_strfreev (a->occupied_slots);
  a->occupied_slots = (GStrv) g_ptr_array_steal (starts, NULL);
  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    g_ptr_array_add (a->blocked, turnos_block_ref (g_ptr_array_index (blocks, i)));
  g_array_unref (a->slots);
  a->slots = turnos_availability_compute_slots (a, settings, now);
  a->has_slots = TRUE;
  if (live_out != NULL)
    *live_out = g_steal_pointer (&live);
  return g_steal_pointer (&a);
}

GArray *
turnos_availability_compute_slots (const TurnosAvailability *self,
                                   const TurnosSettings     *settings,
                                   GDateTime                *now)
{
  g_autoptr(GArray) busy = turnos_interval_array_new ();

  g_return_val_if_fail (self != NULL && settings != NULL && now != NULL, NULL);

  if (self->occupied->len > 0)
    for (guint i = 0; i < self->occupied->len; i++)
      {
        TurnosInterval *iv = &g_array_index (self->occupied, TurnosInterval, i);
        TurnosInterval copy;

        turnos_interval_init (&copy, iv->start, iv->end);
        g_array_append_val (busy, copy);
      }
  else
    for (guint i = 0; self->occupied_slots != NULL && self->occupied_slots[i] != NULL; i++)
      {
        g_autoptr(GDateTime) start = turnos_time_parse (self->occupied_slots[i], settings->tz, NULL);
        g_autoptr(GDateTime) end = NULL;
        TurnosInterval iv;

        if (start == NULL)
          continue;
        end = turnos_reservation_draft_end (settings, start);
        turnos_interval_init (&iv, start, end);
        g_array_append_val (busy, iv);
      }
  for (guint i = 0; i < self->blocked->len; i++)
    {
      TurnosBlock *b = g_ptr_array_index (self->blocked, i);
      TurnosInterval iv;

      turnos_interval_init (&iv, b->start, b->end);
      g_array_append_val (busy, iv);
    }
  return turnos_slots_compute (settings, &self->date, (TurnosInterval *) (gpointer) busy->data,
                               busy->len, now);
}

GArray *
turnos_availability_free_slots (const TurnosAvailability *self,
                                const TurnosSettings     *settings,
                                GDateTime                *now)
{
  g_autoptr(GDateTime) earliest = NULL;
  GArray *out;

  g_return_val_if_fail (self != NULL && settings != NULL && now != NULL, NULL);

  if (!self->has_slots)
    return turnos_availability_compute_slots (self, settings, now);

  earliest = g_date_time_add_minutes (now, settings->min_notice_minutes);
  out = turnos_interval_array_new ();
  for (guint i = 0; i < self->slots->len; i++)
    {
      TurnosInterval *iv = &g_array_index (self->slots, TurnosInterval, i);
      TurnosInterval copy;

      if (g_date_time_compare (iv->start, earliest) < 0)
        continue;
      turnos_interval_init (&copy, iv->start, iv->end);
      g_array_append_val (out, copy);
    }
  return out;
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

/* @member as a wall reading and, when that reading occurs twice in the zone, @offset_member
 * naming which run (turnos-time.h, rule 4): a reader that knows it gets the instant back. */
static void
write_time (TurnosJsonWriter *w,
            const char       *member,
            const char       *offset_member,
            GDateTime        *dt)
{
  g_autofree char *offset = turnos_time_format_fold_offset (dt);

  turnos_json_writer_member (w, member);
  turnos_json_writer_time (w, dt);
  if (offset != NULL)
    {
      turnos_json_writer_member (w, offset_member);
      turnos_json_writer_string (w, offset);
    }
}

static void
write_intervals (TurnosJsonWriter *w,
                 const char       *member,
                 GArray           *intervals)
{
  turnos_json_writer_member (w, member);
  turnos_json_writer_begin_array (w);
  for (guint i = 0; i < intervals->len; i++)
    {
      const TurnosInterval *iv = &g_array_index (intervals, TurnosInterval, i);

      turnos_json_writer_begin_object (w);
      write_time (w, "start_time", "start_utc_offset", iv->start);
      write_time (w, "end_time", "end_utc_offset", iv->end);
      turnos_json_writer_end_object (w);
    }
  turnos_json_writer_end_array (w);
}

void
turnos_availability_write_members (const TurnosAvailability *self,
                                   TurnosJsonWriter         *w)
{
  g_return_if_fail (self != NULL && w != NULL);

  turnos_json_writer_member (w, "date");
  turnos_json_writer_date (w, &self->date);
  turnos_json_writer_member (w, "timezone");
  turnos_json_writer_string (w, self->timezone);
  turnos_json_writer_member (w, "occupiedSlots");
  turnos_json_writer_begin_array (w);
  for (guint i = 0; self->occupied_slots[i] != NULL; i++)
    turnos_json_writer_string (w, self->occupied_slots[i]);
  turnos_json_writer_end_array (w);
  write_intervals (w, "occupied", self->occupied);
  /* Blocks are few (most days have none): they keep their one JsonBuilder form. */
  turnos_json_writer_member (w, "blocked");
  turnos_json_writer_begin_array (w);
  for (guint i = 0; i < self->blocked->len; i++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
      g_autoptr(JsonNode) node = NULL;

      turnos_block_to_json (g_ptr_array_index (self->blocked, i), builder);
      node = json_builder_get_root (builder);
      turnos_json_writer_node (w, node);
    }
  turnos_json_writer_end_array (w);
  if (self->has_slots)
    write_intervals (w, "slots", self->slots);
}

char *
turnos_availability_to_json (const TurnosAvailability *self,
                             gsize                    *length)
{
  TurnosJsonWriter *w = turnos_json_writer_new ();

  turnos_json_writer_begin_object (w);
  turnos_availability_write_members (self, w);
  turnos_json_writer_end_object (w);
  return turnos_json_writer_free_to_string (w, length);
}

/* A tree from the streamed document, so both forms are always the same document. */
static JsonNode *
reparse (char  *json,
         gsize  length)
{
  g_autofree char *owned = json;
  JsonNode *node = turnos_json_parse (owned, length, NULL);

  g_assert (node != NULL);
  return node;
}

JsonNode *
turnos_availability_to_node (const TurnosAvailability *self)
{
  gsize length;
  char *json = turnos_availability_to_json (self, &length);

  return reparse (json, length);
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
      if (free_slots < 0 || free_slots > G_MAXINT || (int) g_date_get_year (&day.date) != self->year ||
          (int) g_date_get_month (&day.date) != self->month)
        {
          g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                               "a day outside the month or a count out of range");
          return NULL;
        }
      day.free_slots = (int) free_slots;
      g_array_append_val (self->days, day);
    }
  return g_steal_pointer (&self);
}

char *
turnos_month_overview_to_json (const TurnosMonthOverview *self,
                               gsize                     *length)
{
  TurnosJsonWriter *w = turnos_json_writer_new ();
  g_autofree char *month = g_strdup_printf ("%04d-%02d", self->year, self->month);

  turnos_json_writer_begin_object (w);
  turnos_json_writer_member (w, "month");
  turnos_json_writer_string (w, month);
  turnos_json_writer_member (w, "timezone");
  turnos_json_writer_string (w, self->timezone);
  turnos_json_writer_member (w, "days");
  turnos_json_writer_begin_array (w);
  for (guint i = 0; i < self->days->len; i++)
    {
      const TurnosMonthDay *day = &g_array_index (self->days, TurnosMonthDay, i);

      turnos_json_writer_begin_object (w);
      turnos_json_writer_member (w, "date");
      turnos_json_writer_date (w, &day->date);
      turnos_json_writer_member (w, "free_slots");
      turnos_json_writer_int (w, day->free_slots);
      turnos_json_writer_end_object (w);
    }
  turnos_json_writer_end_array (w);
  turnos_json_writer_end_object (w);
  return turnos_json_writer_free_to_string (w, length);
}

JsonNode *
turnos_month_overview_to_node (const TurnosMonthOverview *self)
{
  gsize length;
  char *json = turnos_month_overview_to_json (self, &length);

  return reparse (json, length);
}
