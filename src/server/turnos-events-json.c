/* turnos-events-json.c: the live events' messages, made by the stores and read by the hub
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <string.h>

#include "turnos-events-json.h"
#include "turnos-json.h"
#include "turnos-json-writer.h"
#include "turnos-time.h"

/*
 * Making
 */

char *
turnos_event_reservation_json (const char   *id,
                               const char   *professional_id,
                               const char   *client_id,
                               TurnosStatus  status,
                               GDateTime    *start)
{
  g_autoptr(TurnosJsonWriter) w = turnos_json_writer_new ();
  GDate day;

  g_return_val_if_fail (id != NULL && professional_id != NULL && start != NULL, NULL);

  turnos_date_from_datetime (start, &day);
  turnos_json_writer_begin_object (w);
  turnos_json_writer_member (w, "type");
  turnos_json_writer_string (w, "reservation");
  turnos_json_writer_member (w, "id");
  turnos_json_writer_string (w, id);
  turnos_json_writer_member (w, "professional_id");
  turnos_json_writer_string (w, professional_id);
  turnos_json_writer_member (w, "client_id");
  turnos_json_writer_string (w, client_id);
  turnos_json_writer_member (w, "status");
  turnos_json_writer_string (w, turnos_status_to_string (status));
  turnos_json_writer_member (w, "date");
  turnos_json_writer_date (w, &day);
  turnos_json_writer_end_object (w);
  return turnos_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}

char *
turnos_event_availability_json (const char *professional_id,
                                GDateTime  *start,
                                GDateTime  *end)
{
  g_autoptr(TurnosJsonWriter) w = turnos_json_writer_new ();
  g_autoptr(GDateTime) last_instant = NULL;
  g_autoptr(GDateTime) local_last = NULL;
  GDate first, last, day;
  guint n = 0;

  g_return_val_if_fail (professional_id != NULL && start != NULL && end != NULL, NULL);

  /* The interval is half-open: its last instant is a microsecond before @end. */
  last_instant = g_date_time_compare (end, start) > 0 ? g_date_time_add (end, -1) : g_date_time_ref (start);
  local_last = g_date_time_to_timezone (last_instant, g_date_time_get_timezone (start));
  turnos_date_from_datetime (start, &first);
  turnos_date_from_datetime (local_last, &last);

  turnos_json_writer_begin_object (w);
  turnos_json_writer_member (w, "type");
  turnos_json_writer_string (w, "availability");
  turnos_json_writer_member (w, "professional_id");
  turnos_json_writer_string (w, professional_id);
  turnos_json_writer_member (w, "dates");
  turnos_json_writer_begin_array (w);
  for (day = first; g_date_compare (&day, &last) <= 0 && n < TURNOS_EVENT_MAX_DATES; n++)
    {
      turnos_json_writer_date (w, &day);
      g_date_add_days (&day, 1);
    }
  turnos_json_writer_end_array (w);
  turnos_json_writer_member (w, "from");
  turnos_json_writer_date (w, &first);
  turnos_json_writer_member (w, "to");
  turnos_json_writer_date (w, &last);
  turnos_json_writer_end_object (w);
  return turnos_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}

char *
turnos_event_settings_json (const char *professional_id)
{
  g_autoptr(TurnosJsonWriter) w = turnos_json_writer_new ();

  g_return_val_if_fail (professional_id != NULL, NULL);

  turnos_json_writer_begin_object (w);
  turnos_json_writer_member (w, "type");
  turnos_json_writer_string (w, "settings");
  turnos_json_writer_member (w, "professional_id");
  turnos_json_writer_string (w, professional_id);
  turnos_json_writer_end_object (w);
  return turnos_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}

char *
turnos_event_waitlist_offer_json (const char *professional_id,
                                  const char *client_id,
                                  GDateTime  *start)
{
  g_autoptr(TurnosJsonWriter) w = turnos_json_writer_new ();
  GDate day;

  g_return_val_if_fail (professional_id != NULL && client_id != NULL && start != NULL, NULL);

  turnos_date_from_datetime (start, &day);
  turnos_json_writer_begin_object (w);
  turnos_json_writer_member (w, "type");
  turnos_json_writer_string (w, "waitlist_offer");
  turnos_json_writer_member (w, "professional_id");
  turnos_json_writer_string (w, professional_id);
  turnos_json_writer_member (w, "client_id");
  turnos_json_writer_string (w, client_id);
  turnos_json_writer_member (w, "date");
  turnos_json_writer_date (w, &day);
  turnos_json_writer_member (w, "start_time");
  turnos_json_writer_time (w, start);
  turnos_json_writer_end_object (w);
  return turnos_json_writer_free_to_string (g_steal_pointer (&w), NULL);
}

/*
 * Reading
 */

static char *
dup_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

gboolean
turnos_event_info_parse (const char      *json,
                         gsize            len,
                         TurnosEventInfo *info)
{
  static const struct
  {
    const char      *name;
    TurnosEventType  type;
  } types[] = {
    { "availability", TURNOS_EVENT_AVAILABILITY },
    { "reservation", TURNOS_EVENT_RESERVATION },
    { "settings", TURNOS_EVENT_SETTINGS },
    { "waitlist_offer", TURNOS_EVENT_WAITLIST_OFFER },
  };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *type = NULL;
  JsonObject *object;

  g_return_val_if_fail (json != NULL && info != NULL, FALSE);

  memset (info, 0, sizeof *info);
  if (!(node = turnos_json_parse (json, len, NULL)) || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  if (!(type = dup_member (object, "type")))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (type, types[i].name))
      info->type = types[i].type;
  info->professional_id = dup_member (object, "professional_id");
  info->client_id = dup_member (object, "client_id");
  return TRUE;
}

void
turnos_event_info_clear (TurnosEventInfo *info)
{
  g_return_if_fail (info != NULL);
  g_clear_pointer (&info->professional_id, g_free);
  g_clear_pointer (&info->client_id, g_free);
  info->type = TURNOS_EVENT_UNKNOWN;
}

gboolean
turnos_event_info_visible (const TurnosEventInfo *info,
                           TurnosRole             role,
                           const char            *account_id)
{
  g_return_val_if_fail (info != NULL, FALSE);

  switch (info->type)
    {
    case TURNOS_EVENT_AVAILABILITY:
    case TURNOS_EVENT_SETTINGS:
      /* Availability is anonymous, as the seed calls it; it names nobody. */
      return TRUE;
    case TURNOS_EVENT_RESERVATION:
      /* Whose reservations each role may list (DESIGN.md "Who may do what"). */
      if (role & (TURNOS_ROLE_DESK | TURNOS_ROLE_ADMIN))
        return TRUE;
      if (role == TURNOS_ROLE_PROFESSIONAL)
        return account_id != NULL && g_strcmp0 (info->professional_id, account_id) == 0;
      if (role == TURNOS_ROLE_PATIENT)
        return account_id != NULL && g_strcmp0 (info->client_id, account_id) == 0;
      return FALSE;
    case TURNOS_EVENT_WAITLIST_OFFER:
      return role == TURNOS_ROLE_PATIENT && account_id != NULL &&
             g_strcmp0 (info->client_id, account_id) == 0;
    case TURNOS_EVENT_UNKNOWN:
    default:
      return FALSE;
    }
}
