/* turnos-settings-editor-save.c: the settings editor and the server: loading, the preview of
 * what new hours leave out, saving, and what the server refuses
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-error.h"
#include "turnos-reservation-item.h"
#include "turnos-settings-editor-private.h"

/*
 * Callbacks
 */

static void
set_outside (TurnosSettingsEditor *self,
             GPtrArray            *reservations)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *name = self->stored && self->stored->display_name ? self->stored->display_name : NULL;

  for (guint i = 0; reservations != NULL && i < reservations->len; i++)
    g_ptr_array_add (items, turnos_reservation_item_new (reservations->pdata[i], name, self->stored, now));
  g_list_store_splice (self->outside, 0, g_list_model_get_n_items (G_LIST_MODEL (self->outside)),
                       items->pdata, items->len);
}

static GCancellable *
restart (TurnosSettingsEditor *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  return self->cancellable;
}

/* A refusal the server tied to a field goes beside it; anything else is "failed". */
static void
refused (TurnosSettingsEditor *self,
         const GError         *error)
{
  const char *field = turnos_client_error_get_field (error);
  const char *code = turnos_client_error_get_api_code (error);
  TurnosFieldProblem problem = TURNOS_FIELD_REFUSED;

  if (g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT) &&
      g_strcmp0 (code, TURNOS_CODE_USERNAME_TAKEN) == 0)
    {
      problem = TURNOS_FIELD_TAKEN;
      if (field == NULL)
        field = "user_id";
    }
  else if (!g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_INVALID))
    field = NULL;
  /* "settings" names the whole, and some members have no field of their own. */
  if (field == NULL || !_turnos_settings_editor_is_form_field (self, field))
    {
      _turnos_settings_editor_emit_failed (self, error);
      return;
    }
  g_debug ("the server refused %s", field);
  g_hash_table_insert (self->refused, g_strdup (field), GINT_TO_POINTER (problem));
  _turnos_settings_editor_check (self);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TurnosSettingsEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosSettings) s = turnos_client_get_settings_finish (TURNOS_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  _turnos_settings_editor_set_loading (self, FALSE);
  _turnos_settings_editor_set_error (self, error);
  if (s == NULL)
    {
      _turnos_settings_editor_emit_failed (self, error);
      return;
    }
  _turnos_settings_editor_fill (self, TURNOS_SETTINGS_EDITOR_EDIT, s);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TurnosSettingsEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosSettings) s = turnos_client_create_professional_finish (TURNOS_CLIENT (object),
                                                                          result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  _turnos_settings_editor_set_busy (self, FALSE);
  if (s == NULL)
    {
      refused (self, error);
      return;
    }
  _turnos_settings_editor_fill (self, TURNOS_SETTINGS_EDITOR_EDIT, s);
  _turnos_settings_editor_emit_saved (self);
}

static void
applied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TurnosSettingsEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosSettingsChange) change = turnos_client_put_settings_finish (TURNOS_CLIENT (object),
                                                                              result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  _turnos_settings_editor_set_busy (self, FALSE);
  if (change == NULL)
    {
      refused (self, error);
      return;
    }
  _turnos_settings_editor_fill (self, TURNOS_SETTINGS_EDITOR_EDIT, change->settings);
  /* What the change left out (sessions booked since the preview included), to act on. */
  set_outside (self, change->outside_hours);
  _turnos_settings_editor_emit_saved (self);
}

static void
apply (TurnosSettingsEditor *self)
{
  g_autoptr(TurnosSettings) s = _turnos_settings_editor_build_settings (self);

  _turnos_settings_editor_set_busy (self, TRUE);
  turnos_client_put_settings_async (self->client, s, FALSE, restart (self), applied_cb,
                                    g_object_ref (self));
}

/* Whether @outside holds a session the stored hours take in: one these new hours would
 * leave out. Those already outside were asked about when their hours changed. */
static gboolean
leaves_out_more (TurnosSettingsEditor *self,
                 GPtrArray            *outside)
{
  for (guint i = 0; i < outside->len; i++)
    if (self->stored == NULL || _turnos_settings_editor_fits_hours (self->stored, outside->pdata[i]))
      return TRUE;
  return FALSE;
}

static void
previewed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TurnosSettingsEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosSettingsChange) change = turnos_client_put_settings_finish (TURNOS_CLIENT (object),
                                                                              result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (change == NULL)
    {
      _turnos_settings_editor_set_busy (self, FALSE);
      refused (self, error);
      return;
    }
  if (!leaves_out_more (self, change->outside_hours))
    {
      /* Nothing more is left out than already was: the change itself, at once. */
      apply (self);
      return;
    }
  _turnos_settings_editor_set_busy (self, FALSE);
  set_outside (self, change->outside_hours);
  _turnos_settings_editor_emit_confirm (self);
}

/* PUT …?dry_run=1: nothing changes until the user has seen what the new hours leave out. */
static void
preview (TurnosSettingsEditor *self)
{
  g_autoptr(TurnosSettings) s = _turnos_settings_editor_build_settings (self);

  _turnos_settings_editor_set_busy (self, TRUE);
  turnos_client_put_settings_async (self->client, s, TRUE, restart (self), previewed_cb,
                                    g_object_ref (self));
}

/*
 * Public API
 */

void
turnos_settings_editor_load (TurnosSettingsEditor *self,
                             const char           *professional_id)
{
  g_return_if_fail (TURNOS_IS_SETTINGS_EDITOR (self));
  g_return_if_fail (professional_id != NULL);

  _turnos_settings_editor_set_busy (self, FALSE);
  _turnos_settings_editor_set_loading (self, TRUE);
  _turnos_settings_editor_set_error (self, NULL);
  turnos_client_get_settings_async (self->client, professional_id, restart (self), loaded_cb,
                                    g_object_ref (self));
}

void
turnos_settings_editor_start_new (TurnosSettingsEditor *self)
{
  g_autoptr(TurnosSettings) s = turnos_settings_new ();
  g_autofree char *zone = _turnos_settings_editor_local_zone ();

  g_return_if_fail (TURNOS_IS_SETTINGS_EDITOR (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  _turnos_settings_editor_set_busy (self, FALSE);
  _turnos_settings_editor_set_loading (self, FALSE);
  _turnos_settings_editor_set_error (self, NULL);
  turnos_settings_set_timezone (s, zone);
  g_clear_pointer (&s->display_name, g_free);
  _turnos_settings_editor_fill (self, TURNOS_SETTINGS_EDITOR_NEW, s);
}

gboolean
turnos_settings_editor_save (TurnosSettingsEditor *self,
                             gboolean              confirmed)
{
  g_return_val_if_fail (TURNOS_IS_SETTINGS_EDITOR (self), FALSE);

  if (!self->can_save)
    return FALSE;
  if (self->mode == TURNOS_SETTINGS_EDITOR_NEW)
    {
      g_autoptr(TurnosSettings) s = _turnos_settings_editor_build_settings (self);
      gboolean account = self->username != NULL && *self->username != '\0';

      _turnos_settings_editor_set_busy (self, TRUE);
      turnos_client_create_professional_async (self->client, s, account ? self->username : NULL,
                                               account ? self->password : NULL, restart (self),
                                               created_cb, g_object_ref (self));
      return TRUE;
    }
  if (confirmed)
    apply (self);
  else
    preview (self);
  return TRUE;
}
