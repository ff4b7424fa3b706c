/* turnos-person.c: a person the server knows: an account, or a patient in the directory
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-person.h"

G_DEFINE_BOXED_TYPE (TurnosPerson, turnos_person, turnos_person_ref, turnos_person_unref)

TurnosPerson *
turnos_person_new (void)
{
  TurnosPerson *self = g_new0 (TurnosPerson, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

TurnosPerson *
turnos_person_ref (TurnosPerson *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
turnos_person_unref (TurnosPerson *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->role);
  g_free (self->display_name);
  g_free (self->username);
  g_free (self->document);
  g_free (self->phone);
  g_free (self->email);
  g_free (self);
}

static gboolean
read_optional (JsonObject  *object,
               const char  *member,
               char       **out,
               GError     **error)
{
  const char *value = NULL;

  if (!turnos_json_get_string (object, member, TRUE, &value, error))
    return FALSE;
  *out = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
  return TRUE;
}

TurnosPerson *
turnos_person_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(TurnosPerson) self = turnos_person_new ();
  JsonObject *object;
  const char *id = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "a person is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!turnos_json_get_string (object, "id", FALSE, &id, error))
    return NULL;
  if (*id == '\0')
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "a person has an empty id");
      return NULL;
    }
  self->id = g_strdup (id);
  if (!read_optional (object, "role", &self->role, error) ||
      !read_optional (object, "display_name", &self->display_name, error) ||
      !read_optional (object, "username", &self->username, error) ||
      !read_optional (object, "document", &self->document, error) ||
      !read_optional (object, "phone", &self->phone, error) ||
      !read_optional (object, "email", &self->email, error) ||
      !turnos_json_get_bool (object, "must_change_password", TRUE, &self->must_change_password,
                             error))
    return NULL;
  return g_steal_pointer (&self);
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
turnos_person_to_json (const TurnosPerson *self,
                       JsonBuilder        *builder)
{
  g_return_if_fail (self != NULL && JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  add_string (builder, "display_name", self->display_name);
  add_string (builder, "document", self->document);
  add_string (builder, "phone", self->phone);
  add_string (builder, "email", self->email);
  add_string (builder, "username", self->username);
  json_builder_end_object (builder);
}
