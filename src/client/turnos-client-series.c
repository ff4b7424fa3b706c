/* turnos-client-series.c: series, reschedules, the waitlist and the desk's overrides
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DESIGN.md "Reschedule, series, waitlist". Part of TurnosClient (turnos-client-private.h).
 */
#define G_LOG_DOMAIN "turnos-client"

#include "config.h"

#include "turnos-client-private.h"
#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-time.h"

/*
 * Parsers
 */

static gpointer
parse_series (TurnosClient  *self,
              JsonNode      *node,
              GError       **error)
{
  g_autoptr(TurnosSeries) series = turnos_series_from_json (node, error);

  /* A deposit's checkout page is checked as a single payment's is. */
  if (series != NULL && series->payment != NULL)
    {
      g_autoptr(JsonNode) payment = turnos_payment_to_node (series->payment);
      g_autoptr(TurnosPayment) checked = _turnos_client_parse_payment (self, payment, error);

      if (checked == NULL)
        return NULL;
    }
  return g_steal_pointer (&series);
}

static gpointer
parse_entry (TurnosClient  *self,
             JsonNode      *node,
             GError       **error)
{
  return turnos_waitlist_entry_from_json (node, TRUE, error);
}

GPtrArray *
_turnos_client_parse_waitlist (TurnosClient  *self,
                               JsonNode      *node,
                               GError       **error)
{
  return _turnos_client_parse_list (self, node, "waitlist", parse_entry,
                                    (GDestroyNotify) turnos_waitlist_entry_unref, error);
}

void
turnos_waitlist_page_free (TurnosWaitlistPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->entries, g_ptr_array_unref);
  g_free (page->next_cursor);
  g_free (page);
}

static gpointer
parse_waitlist_page (TurnosClient  *self,
                     JsonNode      *node,
                     GError       **error)
{
  g_autoptr(TurnosWaitlistPage) page = g_new0 (TurnosWaitlistPage, 1);
  const char *cursor = NULL;

  if (!(page->entries = _turnos_client_parse_waitlist (self, node, error)) ||
      !turnos_json_get_string (json_node_get_object (node), "next_cursor", TRUE, &cursor, error))
    return NULL;
  page->next_cursor = cursor != NULL && *cursor != '\0' ? g_strdup (cursor) : NULL;
  return g_steal_pointer (&page);
}

/* {"series_id", "reservations": [...]}: the sessions a series cancel cancelled. */
static gpointer
parse_cancelled (TurnosClient  *self,
                 JsonNode      *node,
                 GError       **error)
{
  return _turnos_client_parse_reservations (self, node, error);
}

/*
 * Bodies
 */

/* @member as a wall reading in @dt's zone, with its *_utc_offset when the reading occurs
 * twice there (turnos-time.h, rule 4). */
static void
add_time (JsonObject *object,
          const char *member,
          const char *offset_member,
          GDateTime  *dt)
{
  g_autofree char *reading = turnos_time_format (dt);
  g_autofree char *offset = turnos_time_format_fold_offset (dt);

  json_object_set_string_member (object, member, reading);
  if (offset != NULL)
    json_object_set_string_member (object, offset_member, offset);
}

static JsonNode *
override_body (const char *override_reason)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  if (override_reason != NULL)
    json_object_set_string_member (object, "override_reason", override_reason);
  json_node_take_object (node, object);
  return node;
}

/*
 * Public API
 */

void
turnos_client_create_reservation_override_async (TurnosClient        *self,
                                                 TurnosReservation   *draft,
                                                 const char          *override_reason,
                                                 const char          *idempotency_key,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  g_autoptr(JsonNode) sealed = NULL;
  g_autoptr(JsonNode) body = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (draft != NULL);

  /* The draft's members (an immutable object), and the reason beside them. */
  sealed = turnos_reservation_to_node (draft);
  body = override_body (override_reason);
  json_object_iter_init (&iter, json_node_get_object (sealed));
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (json_node_get_object (body), name, json_node_copy (value));
  _turnos_client_send_keyed (self, "POST", "reservations/create-without-payment", body,
                             idempotency_key, _turnos_client_parse_reservation,
                             (GDestroyNotify) turnos_reservation_unref, cancellable, callback,
                             user_data, turnos_client_create_reservation_override_async);
}

TurnosReservation *
turnos_client_create_reservation_override_finish (TurnosClient  *self,
                                                  GAsyncResult  *result,
                                                  GError       **error)
{
  return _turnos_client_finish_pointer (self, result,
                                        turnos_client_create_reservation_override_async, error);
}

void
turnos_client_cancel_reservation_override_async (TurnosClient        *self,
                                                 const char          *reservation_id,
                                                 const char          *override_reason,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (reservation_id);
  g_autofree char *path = g_strdup_printf ("reservations/%s/cancel", id);
  g_autoptr(JsonNode) body = override_body (override_reason);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  _turnos_client_send (self, "POST", path, override_reason ? body : NULL,
                       _turnos_client_parse_reservation, (GDestroyNotify) turnos_reservation_unref,
                       cancellable, callback, user_data,
                       turnos_client_cancel_reservation_override_async);
}

TurnosReservation *
turnos_client_cancel_reservation_override_finish (TurnosClient  *self,
                                                  GAsyncResult  *result,
                                                  GError       **error)
{
  return _turnos_client_finish_pointer (self, result,
                                        turnos_client_cancel_reservation_override_async, error);
}

void
turnos_client_book_series_async (TurnosClient              *self,
                                 const TurnosSeriesRequest *request,
                                 gboolean                   dry_run,
                                 const char                *idempotency_key,
                                 GCancellable              *cancellable,
                                 GAsyncReadyCallback        callback,
                                 gpointer                   user_data)
{
  g_autoptr(JsonNode) body = NULL;
  JsonObject *object;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (request != NULL && (request->first != NULL) != (request->repeat_id != NULL));
  g_return_if_fail ((request->count > 0) !=
                    (request->until != NULL && g_date_valid (request->until)));

  body = json_node_new (JSON_NODE_OBJECT);
  object = json_object_new ();
  json_node_take_object (body, object);
  if (request->first != NULL)
    json_object_set_member (object, "reservation", turnos_reservation_to_node (request->first));
  else
    json_object_set_string_member (object, "repeat", request->repeat_id);
  json_object_set_int_member (object, "every_weeks", request->every_weeks);
  if (request->count > 0)
    json_object_set_int_member (object, "count", request->count);
  else
    {
      g_autofree char *until = turnos_date_format (request->until);

      json_object_set_string_member (object, "until", until);
    }
  json_object_set_string_member (object, "mode", turnos_series_mode_to_string (request->mode));
  if (request->override_reason != NULL)
    json_object_set_string_member (object, "override_reason", request->override_reason);
  _turnos_client_send_keyed (self, "POST",
                             dry_run ? "reservations/series?dry_run=1" : "reservations/series",
                             body, dry_run ? NULL : idempotency_key, parse_series,
                             (GDestroyNotify) turnos_series_unref, cancellable, callback,
                             user_data, turnos_client_book_series_async);
}

TurnosSeries *
turnos_client_book_series_finish (TurnosClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_book_series_async, error);
}

void
turnos_client_cancel_series_async (TurnosClient        *self,
                                   const char          *series_id,
                                   const GDate         *from,
                                   const char          *override_reason,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (series_id);
  g_autofree char *day = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = override_body (override_reason);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (from != NULL && g_date_valid (from));

  day = turnos_date_format (from);
  path = g_strdup_printf ("reservations/series/%s/cancel?from=%s", id, day);
  _turnos_client_send (self, "POST", path, override_reason ? body : NULL, parse_cancelled,
                       (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data,
                       turnos_client_cancel_series_async);
}

GPtrArray *
turnos_client_cancel_series_finish (TurnosClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_cancel_series_async, error);
}

void
turnos_client_reschedule_async (TurnosClient        *self,
                                const char          *reservation_id,
                                GDateTime           *start,
                                GDateTime           *end,
                                TurnosModality       modality,
                                const char          *override_reason,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (reservation_id);
  g_autofree char *path = g_strdup_printf ("reservations/%s/reschedule", id);
  g_autoptr(JsonNode) body = override_body (override_reason);
  JsonObject *object = json_node_get_object (body);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (start != NULL);

  add_time (object, "start_time", "start_utc_offset", start);
  if (end != NULL)
    add_time (object, "end_time", "end_utc_offset", end);
  if (modality == TURNOS_MODALITY_VIRTUAL || modality == TURNOS_MODALITY_PRESENCIAL)
    json_object_set_string_member (object, "session_modality",
                                   turnos_modality_to_string (modality));
  _turnos_client_send (self, "POST", path, body, _turnos_client_parse_reservation,
                       (GDestroyNotify) turnos_reservation_unref, cancellable, callback, user_data,
                       turnos_client_reschedule_async);
}

TurnosReservation *
turnos_client_reschedule_finish (TurnosClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_reschedule_async, error);
}

void
turnos_client_join_waitlist_async (TurnosClient        *self,
                                   const char          *professional_id,
                                   const GDate         *date,
                                   const char          *client_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *day = NULL;
  JsonObject *object = json_object_new ();

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (professional_id != NULL && client_id != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  day = turnos_date_format (date);
  json_object_set_string_member (object, "professional_id", professional_id);
  json_object_set_string_member (object, "date", day);
  json_object_set_string_member (object, "client_id", client_id);
  json_node_take_object (body, object);
  _turnos_client_send (self, "POST", "waitlist", body, parse_entry,
                       (GDestroyNotify) turnos_waitlist_entry_unref, cancellable, callback,
                       user_data, turnos_client_join_waitlist_async);
}

TurnosWaitlistEntry *
turnos_client_join_waitlist_finish (TurnosClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_join_waitlist_async, error);
}

void
turnos_client_list_waitlist_async (TurnosClient        *self,
                                   const char          *professional_id,
                                   const GDate         *date,
                                   const char          *client_id,
                                   guint                limit,
                                   const char          *cursor,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GString) path = g_string_new ("waitlist");
  char sep = '?';

  g_return_if_fail (TURNOS_IS_CLIENT (self));

#define ADD_PARAM(name, value)                                            \
  G_STMT_START {                                                          \
    g_autofree char *_escaped = _turnos_client_escape (value);            \
    g_string_append_printf (path, "%c%s=%s", sep, name, _escaped);        \
    sep = '&';                                                            \
  } G_STMT_END
  if (professional_id != NULL)
    ADD_PARAM ("professional_id", professional_id);
  if (date != NULL && g_date_valid (date))
    {
      g_autofree char *day = turnos_date_format (date);

      ADD_PARAM ("date", day);
    }
  if (client_id != NULL)
    ADD_PARAM ("client_id", client_id);
  if (limit > 0)
    {
      g_autofree char *n = g_strdup_printf ("%u", limit);

      ADD_PARAM ("limit", n);
    }
  if (cursor != NULL)
    ADD_PARAM ("cursor", cursor);
#undef ADD_PARAM
  _turnos_client_send (self, "GET", path->str, NULL, parse_waitlist_page,
                       (GDestroyNotify) turnos_waitlist_page_free, cancellable, callback, user_data,
                       turnos_client_list_waitlist_async);
}

TurnosWaitlistPage *
turnos_client_list_waitlist_finish (TurnosClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_list_waitlist_async, error);
}

void
turnos_client_leave_waitlist_async (TurnosClient        *self,
                                    const char          *entry_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (entry_id);
  g_autofree char *path = g_strdup_printf ("waitlist/%s", id);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  _turnos_client_send (self, "DELETE", path, NULL, NULL, NULL, cancellable, callback, user_data,
                       turnos_client_leave_waitlist_async);
}

gboolean
turnos_client_leave_waitlist_finish (TurnosClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        turnos_client_leave_waitlist_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
