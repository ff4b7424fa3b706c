/* turnos-settings-check.c: a professional's settings checked as a whole
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include <string.h>

#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-settings-check.h"
#include "turnos-text.h"
#include "turnos-time.h"

static gboolean
bad (char       **field,
     GError     **error,
     const char  *member,
     const char  *why)
{
  *field = g_strdup (member);
  g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_INVALID_VALUE, "%s: %s", member, why);
  return FALSE;
}

static gboolean
check_int (JsonObject  *object,
           const char  *member,
           gint64       min,
           gint64       max,
           gboolean     required,
           char       **field,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *why = NULL;

  if (node == NULL)
    return !required || bad (field, error, member, "is required");
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      why = g_strdup_printf ("a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT, min, max);
      return bad (field, error, member, why);
    }
  return TRUE;
}

/* A string member, or NULL when absent; FALSE when present and not a clean string. */
static gboolean
check_string (JsonObject  *object,
              const char  *member,
              gsize        max,
              const char **out,
              char       **field,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !turnos_text_is_clean (json_node_get_string (node), max, FALSE))
    return bad (field, error, member, "not a string of printable characters of the right length");
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
is_amount (const char *s)
{
  gsize digits = 0;

  while (g_ascii_isdigit (*s))
    s++, digits++;
  if (digits == 0 || digits > 9)
    return FALSE;
  if (*s == '\0')
    return TRUE;
  return s[0] == '.' && g_ascii_isdigit (s[1]) && g_ascii_isdigit (s[2]) && s[3] == '\0';
}

static gboolean
check_hours (JsonObject  *object,
             char       **field,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, "working_hours");
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (int) * 3);
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return bad (field, error, "working_hours", "a list of {weekday, start, end}");
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *name = g_strdup_printf ("working_hours[%u]", i);
      JsonObject *wh;
      JsonNode *weekday, *start, *end;
      int span[3];

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return bad (field, error, name, "not an object");
      wh = json_node_get_object (item);
      weekday = json_object_get_member (wh, "weekday");
      start = json_object_get_member (wh, "start");
      end = json_object_get_member (wh, "end");
      if (weekday == NULL || !JSON_NODE_HOLDS_VALUE (weekday) ||
          json_node_get_value_type (weekday) != G_TYPE_INT64 ||
          json_node_get_int (weekday) < 1 || json_node_get_int (weekday) > 7)
        return bad (field, error, name, "weekday must be 1 (Monday) to 7 (Sunday)");
      if (start == NULL || !JSON_NODE_HOLDS_VALUE (start) ||
          json_node_get_value_type (start) != G_TYPE_STRING ||
          end == NULL || !JSON_NODE_HOLDS_VALUE (end) ||
          json_node_get_value_type (end) != G_TYPE_STRING ||
          !turnos_clock_parse (json_node_get_string (start), &span[1], NULL) ||
          !turnos_clock_parse (json_node_get_string (end), &span[2], NULL))
        return bad (field, error, name, "start and end must be times of day, HH:MM");
      if (span[1] >= span[2])
        return bad (field, error, name, "start must come before end, inside the day");
      span[0] = (int) json_node_get_int (weekday);
      for (guint j = 0; j < spans->len; j++)
        {
          const int *other = &g_array_index (spans, int, j * 3);

          if (other[0] == span[0] && span[1] < other[2] && other[1] < span[2])
            return bad (field, error, name, "overlaps other hours of the same weekday");
        }
      g_array_append_vals (spans, span, 1);
    }
  return TRUE;
}

TurnosSettings *
turnos_settings_check (JsonNode    *node,
                       const char  *user_id,
                       char       **field,
                       GError     **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(JsonNode) copy = NULL;
  JsonObject *object;
  const char *id = NULL, *name = NULL, *zone = NULL, *modality = NULL, *amount = NULL;
  const char *currency = NULL;
  gboolean deposit = FALSE;
  TurnosModality m;
  JsonNode *member;

  g_return_val_if_fail (user_id != NULL && field != NULL, NULL);

  *field = NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      *field = g_strdup ("settings");
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "settings: not an object");
      return NULL;
    }
  object = json_node_get_object (node);

  if (!check_string (object, "user_id", 200, &id, field, error) ||
      (id != NULL && !g_str_equal (id, user_id) &&
       !bad (field, error, "user_id", "does not match the professional's id")) ||
      !check_string (object, "display_name", 200, &name, field, error) ||
      ((name == NULL || *name == '\0') && !bad (field, error, "display_name", "is required")) ||
      !check_int (object, "session_duration_minutes", TURNOS_CHECK_MIN_SESSION,
                  TURNOS_CHECK_MAX_SESSION, TRUE, field, error) ||
      !check_int (object, "slot_interval_minutes", TURNOS_CHECK_MIN_SESSION,
                  TURNOS_CHECK_MAX_SESSION, FALSE, field, error) ||
      !check_int (object, "min_notice_minutes", 0, TURNOS_CHECK_MAX_NOTICE, FALSE, field, error) ||
      !check_int (object, "cancel_notice_minutes", 0, TURNOS_CHECK_MAX_NOTICE, FALSE, field, error) ||
      !check_int (object, "booking_horizon_days", 1, TURNOS_CHECK_MAX_HORIZON_DAYS, FALSE, field,
                  error) ||
      !check_string (object, "timezone", 100, &zone, field, error) ||
      !check_string (object, "session_modality", 20, &modality, field, error) ||
      !check_string (object, "deposit_amount", 20, &amount, field, error) ||
      !check_string (object, "currency", 3, &currency, field, error) ||
      !check_hours (object, field, error))
    return NULL;
  if (zone == NULL || !(tz = turnos_time_zone_new (zone)))
    return bad (field, error, "timezone", "not an IANA time zone this server knows"), NULL;
  if (modality != NULL && (!turnos_modality_from_string (modality, &m) || m == TURNOS_MODALITY_NONE))
    return bad (field, error, "session_modality", "Virtual, Presencial or BOTH"), NULL;
  if ((member = json_object_get_member (object, "requires_deposit")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        return bad (field, error, "requires_deposit", "true or false"), NULL;
      deposit = json_node_get_boolean (member);
    }
  if (deposit && (amount == NULL || !is_amount (amount)))
    return bad (field, error, "deposit_amount", "a deposit such as \"5000.00\" is required"), NULL;
  if (amount != NULL && !is_amount (amount))
    return bad (field, error, "deposit_amount", "an amount such as \"5000.00\""), NULL;
  if (currency != NULL && (strlen (currency) != 3 || !g_ascii_isupper (currency[0]) ||
                           !g_ascii_isupper (currency[1]) || !g_ascii_isupper (currency[2])))
    return bad (field, error, "currency", "an ISO 4217 code such as ARS"), NULL;
  if (deposit && currency == NULL)
    return bad (field, error, "currency", "is required with a deposit"), NULL;

  /* Everything checked: the core's reader builds it, on a copy whose user_id is the path's
   * (json_node_copy() would share the caller's object). */
  copy = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (copy, json_object_new ());
  {
    JsonObjectIter iter;
    const char *key;
    JsonNode *value;

    json_object_iter_init (&iter, object);
    while (json_object_iter_next (&iter, &key, &value))
      json_object_set_member (json_node_get_object (copy), key, json_node_ref (value));
  }
  json_object_set_string_member (json_node_get_object (copy), "user_id", user_id);
  return turnos_settings_from_json (copy, error);
}
