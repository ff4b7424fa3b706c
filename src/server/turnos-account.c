/* turnos-account.c: who signs in, with which role; a patient in the directory
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-account.h"

static const struct
{
  TurnosRole  role;
  const char *name;
} role_names[] = {
  { TURNOS_ROLE_PATIENT, "patient" },
  { TURNOS_ROLE_DESK, "desk" },
  { TURNOS_ROLE_PROFESSIONAL, "professional" },
  { TURNOS_ROLE_ADMIN, "admin" },
};

const char *
turnos_role_to_string (TurnosRole role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (role_names[i].role == role)
      return role_names[i].name;
  return NULL;
}

gboolean
turnos_role_from_string (const char *text,
                         TurnosRole *out)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (role_names); i++)
    if (g_str_equal (role_names[i].name, text))
      {
        *out = role_names[i].role;
        return TRUE;
      }
  return FALSE;
}

TurnosAccount *
turnos_account_new (void)
{
  TurnosAccount *self = g_new0 (TurnosAccount, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->role = TURNOS_ROLE_PATIENT;
  return self;
}

TurnosAccount *
turnos_account_ref (TurnosAccount *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
turnos_account_unref (TurnosAccount *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->username);
  g_free (self->display_name);
  g_free (self->document);
  g_free (self->phone);
  g_free (self->email);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_free (self);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

void
turnos_account_to_json (const TurnosAccount *self,
                        gboolean             full,
                        JsonBuilder         *builder)
{
  g_return_if_fail (self != NULL && JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  add_string (builder, "id", self->id);
  add_string (builder, "role", turnos_role_to_string (self->role));
  add_string (builder, "display_name", self->display_name ? self->display_name : "");
  if (full)
    {
      add_string (builder, "username", self->username);
      add_string (builder, "document", self->document);
      add_string (builder, "phone", self->phone);
      add_string (builder, "email", self->email);
      json_builder_set_member_name (builder, "must_change_password");
      json_builder_add_boolean_value (builder, self->must_change);
      if (self->erased)
        {
          json_builder_set_member_name (builder, "erased");
          json_builder_add_boolean_value (builder, TRUE);
        }
    }
  json_builder_end_object (builder);
}

JsonNode *
turnos_account_to_node (const TurnosAccount *self,
                        gboolean             full)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  turnos_account_to_json (self, full, builder);
  return json_builder_get_root (builder);
}

char *
turnos_fold_for_search (const char *text)
{
  g_autofree char *nfd = NULL;
  g_autoptr(GString) bare = NULL;

  if (text == NULL)
    return g_strdup ("");
  nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (nfd == NULL)
    return g_strdup ("");
  bare = g_string_new (NULL);
  for (const char *p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      g_string_append_unichar (bare, c);
    }
  return g_utf8_casefold (bare->str, bare->len);
}
