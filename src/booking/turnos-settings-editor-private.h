/* turnos-settings-editor-private.h: the settings editor's state, shared by its files
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-reservation.h"
#include "turnos-settings-editor.h"

G_BEGIN_DECLS

struct _TurnosSettingsEditor
{
  GObject                   parent_instance;

  /* Owned references */
  TurnosClient             *client;
  TurnosSettings           *stored;          /* EDIT: as last loaded or saved */
  GListStore               *hours;           /* of TurnosHoursItem */
  GListStore               *outside;         /* of TurnosReservationItem */
  GHashTable               *problems;        /* field → TurnosFieldProblem, all of them */
  GHashTable               *refused;         /* field → problem, as the server said */
  GCancellable             *cancellable;     /* the load or save in flight */
  GError                   *error;

  /* The form */
  TurnosSettingsEditorMode  mode;
  char                     *user_id;
  char                     *username;
  char                     *password;
  char                     *display_name;
  int                       session_minutes;
  int                       interval_minutes;
  TurnosModality            modality;
  gboolean                  requires_deposit;
  char                     *deposit_amount;
  char                     *currency;
  char                     *timezone;
  int                       min_notice_minutes;
  int                       horizon_days;
  int                       cancel_notice_minutes;

  /* State */
  gboolean                  id_typed;        /* NEW: user-id no longer follows the name */
  gboolean                  filling;         /* setting every field at once: check at the end */
  gboolean                  loading;
  gboolean                  busy;
  gboolean                  valid;
  gboolean                  dirty;
  gboolean                  can_save;
};

/* turnos-settings-editor.c: the state, as the other files change it */
void            _turnos_settings_editor_fill           (TurnosSettingsEditor     *self,
                                                        TurnosSettingsEditorMode  mode,
                                                        TurnosSettings           *settings);
/* Problems, validity, dirtiness and can-save again, from the fields. */
void            _turnos_settings_editor_check          (TurnosSettingsEditor *self);
void            _turnos_settings_editor_set_busy       (TurnosSettingsEditor *self,
                                                        gboolean              busy);
void            _turnos_settings_editor_set_loading    (TurnosSettingsEditor *self,
                                                        gboolean              loading);
void            _turnos_settings_editor_set_error      (TurnosSettingsEditor *self,
                                                        const GError         *error);
/* Whether the form has a field for the API member @field, where a problem can show. */
gboolean        _turnos_settings_editor_is_form_field  (TurnosSettingsEditor *self,
                                                        const char           *field);
void            _turnos_settings_editor_emit_confirm   (TurnosSettingsEditor *self);
void            _turnos_settings_editor_emit_saved     (TurnosSettingsEditor *self);
void            _turnos_settings_editor_emit_failed    (TurnosSettingsEditor *self,
                                                        const GError         *error);

/* turnos-settings-editor-check.c */

/* The settings the fields make, whatever their problems (NULL only without a mode). An
 * amount or currency that is not one, and a range ending before it starts, are left out. */
TurnosSettings *_turnos_settings_editor_build_settings (TurnosSettingsEditor *self);
/* Every problem of every field into @problems (field → TurnosFieldProblem), the hours' on
 * each item; TRUE when there is none. */
gboolean        _turnos_settings_editor_find_problems  (TurnosSettingsEditor *self,
                                                        GHashTable           *problems);
/* "Dr. Diego Sosa" → "dr-diego-sosa": ASCII letters and digits, the rest one "-". */
char           *_turnos_settings_editor_id_from_name   (const char           *name);
/* Whether @r lies inside @settings' working hours on its weekday, in their zone (as the
 * server's turnos_handle_settings_put() judges it). */
gboolean        _turnos_settings_editor_fits_hours     (const TurnosSettings    *settings,
                                                        const TurnosReservation *r);
/* This computer's zone's IANA name when it has a plain one, else "UTC". */
char           *_turnos_settings_editor_local_zone     (void);

G_END_DECLS
