/* turnos-series.c: a weekly series of sessions: when they fall, and what a booking of one says
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-series.h"
#include "turnos-time.h"

/*
 * Occurrences
 */

static void
occurrence_clear (TurnosOccurrence *o)
{
  g_clear_pointer (&o->start_time, g_free);
  g_clear_pointer (&o->start, g_date_time_unref);
}

/* The reading "YYYY-MM-DDTHH:MM:SS" of @first's time of day on @date. */
static char *
reading_on (const GDate *date,
            GDateTime   *first)
{
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date),
                          g_date_time_get_hour (first), g_date_time_get_minute (first),
                          g_date_time_get_second (first));
}

GArray *
turnos_series_occurrences (GDateTime   *first,
                           guint        every_weeks,
                           guint        count,
                           const GDate *until,
                           GError     **error)
{
  g_autoptr(GArray) out = NULL;
  GTimeZone *tz;
  GDate day;

  g_return_val_if_fail (first != NULL, NULL);

  if (every_weeks != 1 && every_weeks != 2)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                           "a series repeats every week or every two weeks");
      return NULL;
    }
  if ((count == 0) == (until == NULL || !g_date_valid (until)))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                           "a series takes a count or an end date, not both");
      return NULL;
    }
  if (count > TURNOS_SERIES_MAX_SESSIONS)
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                   "a series books at most %d sessions", TURNOS_SERIES_MAX_SESSIONS);
      return NULL;
    }

  tz = g_date_time_get_timezone (first);
  turnos_date_from_datetime (first, &day);
  if (count == 0 && g_date_compare (until, &day) < 0)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                           "the series ends before its first session");
      return NULL;
    }

  out = g_array_new (FALSE, TRUE, sizeof (TurnosOccurrence));
  g_array_set_clear_func (out, (GDestroyNotify) occurrence_clear);
  for (guint i = 0; count == 0 || i < count; i++)
    {
      TurnosOccurrence o = { 0 };

      if (count == 0 && g_date_compare (&day, until) > 0)
        break;
      if (out->len == TURNOS_SERIES_MAX_SESSIONS)
        {
          g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE,
                       "a series books at most %d sessions", TURNOS_SERIES_MAX_SESSIONS);
          return NULL;
        }
      o.date = day;
      o.start_time = reading_on (&day, first);
      /* The first is what was asked for (maybe the second run of a repeated hour, named by
       * its offset); the others are their readings, by the rule. */
      o.start = i == 0 ? g_date_time_ref (first) : turnos_time_parse (o.start_time, tz, NULL);
      g_array_append_val (out, o);
      if (g_date_get_year (&day) >= TURNOS_YEAR_MAX)
        break;
      g_date_add_days (&day, 7 * every_weeks);
    }
  return g_steal_pointer (&out);
}

/*
 * Conflicts
 */

TurnosSeriesConflict *
turnos_series_conflict_new (const char        *start_time,
                            const char        *code,
                            TurnosReservation *reservation)
{
  TurnosSeriesConflict *self;

  g_return_val_if_fail (start_time != NULL && code != NULL, NULL);

  self = g_new0 (TurnosSeriesConflict, 1);
  self->start_time = g_strdup (start_time);
  self->code = g_strdup (code);
  self->reservation = reservation ? turnos_reservation_ref (reservation) : NULL;
  return self;
}

void
turnos_series_conflict_free (TurnosSeriesConflict *self)
{
  if (self == NULL)
    return;
  g_free (self->start_time);
  g_free (self->code);
  g_clear_pointer (&self->reservation, turnos_reservation_unref);
  g_free (self);
}

void
turnos_series_conflict_to_json (const TurnosSeriesConflict *self,
                                JsonBuilder                *builder)
{
  g_return_if_fail (self != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "start_time");
  json_builder_add_string_value (builder, self->start_time);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, self->code);
  if (self->reservation != NULL)
    {
      json_builder_set_member_name (builder, "reservation");
      turnos_reservation_to_json (self->reservation, builder);
    }
  json_builder_end_object (builder);
}

TurnosSeriesConflict *
turnos_series_conflict_from_json (JsonNode  *node,
                                  GError   **error)
{
  const char *start = NULL, *code = NULL;
  JsonObject *object;
  JsonNode *other;
  g_autoptr(TurnosReservation) reservation = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "conflict is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!turnos_json_get_string (object, "start_time", FALSE, &start, error) ||
      !turnos_json_get_string (object, "code", FALSE, &code, error))
    return NULL;
  if ((other = json_object_get_member (object, "reservation")) != NULL)
    reservation = turnos_reservation_stored_from_json (other, NULL, NULL);
  return turnos_series_conflict_new (start, code, reservation);
}

/*
 * The answer
 */

G_DEFINE_BOXED_TYPE (TurnosSeries, turnos_series, turnos_series_ref, turnos_series_unref)

TurnosSeries *
turnos_series_new (void)
{
  TurnosSeries *self = g_new0 (TurnosSeries, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->reservations = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  self->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_series_conflict_free);
  return self;
}

TurnosSeries *
turnos_series_ref (TurnosSeries *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
turnos_series_unref (TurnosSeries *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->series_id);
  g_ptr_array_unref (self->reservations);
  g_ptr_array_unref (self->conflicts);
  g_clear_pointer (&self->payment, turnos_payment_unref);
  g_free (self);
}

GPtrArray *
turnos_series_conflicts_from_object (JsonObject *object)
{
  g_autoptr(GPtrArray) out = NULL;
  JsonNode *node;
  JsonArray *array;

  g_return_val_if_fail (object != NULL, NULL);

  if ((node = json_object_get_member (object, "conflicts")) == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_series_conflict_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      TurnosSeriesConflict *c = turnos_series_conflict_from_json (json_array_get_element (array, i), NULL);

      if (c != NULL)
        g_ptr_array_add (out, c);
    }
  return g_steal_pointer (&out);
}

TurnosSeries *
turnos_series_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(TurnosSeries) self = turnos_series_new ();
  g_autoptr(GPtrArray) conflicts = NULL;
  JsonObject *object;
  JsonArray *reservations = NULL;
  JsonNode *payment;
  const char *id = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "series is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (json_object_has_member (object, "series_id") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "series_id")) &&
      !turnos_json_get_string (object, "series_id", FALSE, &id, error))
    return NULL;
  if (!turnos_json_get_array (object, "reservations", FALSE, &reservations, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (reservations); i++)
    {
      JsonNode *element = json_array_get_element (reservations, i);
      TurnosReservation *r = id != NULL ? turnos_reservation_stored_from_json (element, NULL, error)
                                        : turnos_reservation_from_json (element, NULL, error);

      if (r == NULL)
        return NULL;
      g_ptr_array_add (self->reservations, r);
    }
  if ((conflicts = turnos_series_conflicts_from_object (object)) != NULL)
    g_ptr_array_extend_and_steal (self->conflicts, g_steal_pointer (&conflicts));
  payment = json_object_get_member (object, "payment");
  if (payment != NULL && !JSON_NODE_HOLDS_NULL (payment) &&
      !(self->payment = turnos_payment_from_json (payment, NULL, error)))
    return NULL;
  self->series_id = id != NULL && *id != '\0' ? g_strdup (id) : NULL;
  return g_steal_pointer (&self);
}

JsonNode *
turnos_series_to_node (const TurnosSeries *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "series_id");
  if (self->series_id != NULL)
    json_builder_add_string_value (builder, self->series_id);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "reservations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->reservations->len; i++)
    turnos_reservation_to_json (g_ptr_array_index (self->reservations, i), builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "conflicts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->conflicts->len; i++)
    turnos_series_conflict_to_json (g_ptr_array_index (self->conflicts, i), builder);
  json_builder_end_array (builder);
  if (self->payment != NULL)
    {
      g_autoptr(JsonNode) payment = turnos_payment_to_node (self->payment);

      json_builder_set_member_name (builder, "payment");
      json_builder_add_value (builder, g_steal_pointer (&payment));
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
