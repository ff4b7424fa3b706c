/* turnos-client-accounts.c: the signed-in user, the patient directory, adding a professional
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-client"

#include "config.h"

#include "turnos-client-private.h"
#include "turnos-error.h"
#include "turnos-json.h"

/*
 * Parsers
 */

static gpointer
parse_person (TurnosClient  *self,
              JsonNode      *node,
              GError       **error)
{
  return turnos_person_from_json (node, error);
}

static gpointer
parse_patients (TurnosClient  *self,
                JsonNode      *node,
                GError       **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_person_unref);
  JsonArray *array = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      !turnos_json_get_array (json_node_get_object (node), "patients", FALSE, &array, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "no “patients” list");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      TurnosPerson *person = turnos_person_from_json (json_array_get_element (array, i), error);

      if (person == NULL)
        return NULL;
      g_ptr_array_add (out, person);
    }
  return g_steal_pointer (&out);
}

static gpointer
parse_settings (TurnosClient  *self,
                JsonNode      *node,
                GError       **error)
{
  return turnos_settings_from_json (node, error);
}

static gpointer
parse_reservation (TurnosClient  *self,
                   JsonNode      *node,
                   GError       **error)
{
  return turnos_reservation_stored_from_json (node, NULL, error);
}

static gboolean
finish_boolean (TurnosClient  *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/*
 * Public API
 */

void
turnos_client_get_me_async (TurnosClient        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (TURNOS_IS_CLIENT (self));
  _turnos_client_send (self, "GET", "me", NULL, parse_person, (GDestroyNotify) turnos_person_unref,
                       cancellable, callback, user_data, turnos_client_get_me_async);
}

TurnosPerson *
turnos_client_get_me_finish (TurnosClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_get_me_async, error);
}

void
turnos_client_change_password_async (TurnosClient        *self,
                                     const char          *current,
                                     const char          *new_password,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (current != NULL && new_password != NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "current");
  json_builder_add_string_value (b, current);
  json_builder_set_member_name (b, "new");
  json_builder_add_string_value (b, new_password);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  _turnos_client_send (self, "POST", "auth/password", body, NULL, NULL, cancellable, callback,
                       user_data, turnos_client_change_password_async);
}

gboolean
turnos_client_change_password_finish (TurnosClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish_boolean (self, result, turnos_client_change_password_async, error);
}

void
turnos_client_search_patients_async (TurnosClient        *self,
                                     const char          *query,
                                     guint                limit,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autofree char *q = _turnos_client_escape (query);
  g_autofree char *path = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (limit >= 1 && limit <= 500);

  path = g_strdup_printf ("patients?q=%s&limit=%u", q, limit);
  _turnos_client_send (self, "GET", path, NULL, parse_patients, (GDestroyNotify) g_ptr_array_unref,
                       cancellable, callback, user_data, turnos_client_search_patients_async);
}

GPtrArray *
turnos_client_search_patients_finish (TurnosClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_search_patients_async, error);
}

void
turnos_client_get_patient_async (TurnosClient        *self,
                                 const char          *patient_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (patient_id);
  g_autofree char *path = g_strdup_printf ("patients/%s", id);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  _turnos_client_send (self, "GET", path, NULL, parse_person, (GDestroyNotify) turnos_person_unref,
                       cancellable, callback, user_data, turnos_client_get_patient_async);
}

TurnosPerson *
turnos_client_get_patient_finish (TurnosClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_get_patient_async, error);
}

void
turnos_client_create_patient_async (TurnosClient        *self,
                                    const TurnosPerson  *patient,
                                    const char          *initial_password,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (patient != NULL);

  turnos_person_to_json (patient, b);
  body = json_builder_get_root (b);
  if (initial_password != NULL)
    json_object_set_string_member (json_node_get_object (body), "password", initial_password);
  _turnos_client_send (self, "POST", "patients", body, parse_person,
                       (GDestroyNotify) turnos_person_unref, cancellable, callback, user_data,
                       turnos_client_create_patient_async);
}

TurnosPerson *
turnos_client_create_patient_finish (TurnosClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_create_patient_async, error);
}

void
turnos_client_erase_patient_async (TurnosClient        *self,
                                   const char          *patient_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (patient_id);
  g_autofree char *path = g_strdup_printf ("patients/%s", id);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  _turnos_client_send (self, "DELETE", path, NULL, NULL, NULL, cancellable, callback, user_data,
                       turnos_client_erase_patient_async);
}

gboolean
turnos_client_erase_patient_finish (TurnosClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_boolean (self, result, turnos_client_erase_patient_async, error);
}

void
turnos_client_create_professional_async (TurnosClient          *self,
                                         const TurnosSettings  *settings,
                                         const char            *username,
                                         const char            *initial_password,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (settings != NULL && settings->user_id != NULL);
  g_return_if_fail ((username == NULL) == (initial_password == NULL));

  body = turnos_settings_to_node (settings);
  if (username != NULL)
    {
      json_object_set_string_member (json_node_get_object (body), "username", username);
      json_object_set_string_member (json_node_get_object (body), "password", initial_password);
    }
  _turnos_client_send (self, "POST", "professionals", body, parse_settings,
                       (GDestroyNotify) turnos_settings_unref, cancellable, callback, user_data,
                       turnos_client_create_professional_async);
}

TurnosSettings *
turnos_client_create_professional_finish (TurnosClient  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return _turnos_client_finish_pointer (self, result, turnos_client_create_professional_async,
                                        error);
}

void
turnos_client_cancel_reservation_with_reason_async (TurnosClient        *self,
                                                    const char          *reservation_id,
                                                    const char          *reason,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data)
{
  g_autofree char *id = _turnos_client_escape (reservation_id);
  g_autofree char *path = g_strdup_printf ("reservations/%s/cancel", id);
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (reason != NULL && *reason != '\0');

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "override_reason");
  json_builder_add_string_value (b, reason);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  _turnos_client_send (self, "POST", path, body, parse_reservation,
                       (GDestroyNotify) turnos_reservation_unref, cancellable, callback, user_data,
                       turnos_client_cancel_reservation_with_reason_async);
}

TurnosReservation *
turnos_client_cancel_reservation_with_reason_finish (TurnosClient  *self,
                                                     GAsyncResult  *result,
                                                     GError       **error)
{
  return _turnos_client_finish_pointer (self, result,
                                        turnos_client_cancel_reservation_with_reason_async, error);
}
