/* turnos-settings-editor.h: a professional's settings as a form: checked as typed, previewed,
 * saved; or a new professional with an account
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-admin-enums.h"
#include "turnos-admin-types.h"
#include "turnos-client.h"
#include "turnos-hours-item.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_SETTINGS_EDITOR (turnos_settings_editor_get_type ())
G_DECLARE_FINAL_TYPE (TurnosSettingsEditor, turnos_settings_editor, TURNOS, SETTINGS_EDITOR, GObject)

/**
 * TurnosSettingsEditor:
 *
 * The controller behind the settings page: one property per field, bound both ways to the
 * page's widgets, each checked as it changes with the rules the server applies
 * (turnos-settings-check.h, then turnos_settings_check() itself on the whole), so the page
 * can show each problem beside its field before anything is sent; what the server still
 * refuses lands beside its field too (the error's "field").
 *
 * Properties (notify only on change):
 * - "client" (TurnosClient, construct-only)
 * - "mode" (TurnosSettingsEditorMode, ro): NONE until turnos_settings_editor_load() or
 *   turnos_settings_editor_start_new()
 * - "professional-id" (string, ro): whose settings (EDIT), NULL otherwise
 * - "user-id", "username", "password" (string, rw): NEW only, the account. "user-id" follows
 *   the display name ("Dr. Diego Sosa" → "dr-diego-sosa") until it is set to something else.
 * - "display-name" (string, rw)
 * - "session-minutes", "interval-minutes" (int, rw): 5 to 480
 * - "modality" (TurnosModality, rw): VIRTUAL, PRESENCIAL or BOTH
 * - "requires-deposit" (bool, rw), "deposit-amount" (string, rw: "5000.00", a comma taken as
 *   the decimal point), "currency" (string, rw: three letters, any case)
 * - "timezone" (string, rw): an IANA name; a new professional starts in this computer's zone
 * - "min-notice-minutes", "cancel-notice-minutes" (int, rw): 0 to 30 days;
 *   "horizon-days" (int, rw): 1 to 730
 * - "hours" (GListModel of TurnosHoursItem, ro): the working hours, in the order sent
 * - "valid" (bool, ro): no field has a problem
 * - "dirty" (bool, ro): EDIT: differs from what is stored; NEW: always
 * - "can-save" (bool, ro): valid, dirty, and nothing loading or saving
 * - "loading", "busy" (bool, ro): the settings are being fetched / a save is in flight
 * - "error" (GError, ro, nullable): why loading failed
 * - "outside-hours" (GListModel of TurnosReservationItem, ro): the live future sessions the
 *   hours leave out, from the last preview or save; emptied by any change
 *
 * Integer properties take any int (a spin button may pass through anything while typed): a
 * value out of range is a problem of that field, never clamped.
 *
 * Signals:
 * - "problems-changed" (): the problems of one or more fields changed
 *   (turnos_settings_editor_get_problem(); the hours' are on each TurnosHoursItem)
 * - "confirm-outside-hours" (): the preview found sessions the new hours leave out that
 *   the stored hours take in (all those outside are in "outside-hours"); nothing was
 *   written. turnos_settings_editor_save() with @confirmed applies the change anyway.
 * - "saved" (): stored; a NEW editor turns into EDIT of the professional just added
 * - "failed" (GError): a load or save failed for a reason not tied to a field (no
 *   connection, 403…); nothing is lost
 */
TurnosSettingsEditor     *turnos_settings_editor_new       (TurnosClient         *client);

/* EDIT: fetches @professional_id's settings into the fields. */
void                      turnos_settings_editor_load      (TurnosSettingsEditor *self,
                                                            const char           *professional_id);
/* NEW: empty account fields and the defaults of turnos_settings_new() (45-minute sessions,
 * both modalities, a 60-day horizon, no hours) in this computer's time zone. */
void                      turnos_settings_editor_start_new (TurnosSettingsEditor *self);
TurnosSettingsEditorMode  turnos_settings_editor_get_mode  (TurnosSettingsEditor *self);
const char               *turnos_settings_editor_get_professional_id (TurnosSettingsEditor *self);

/**
 * turnos_settings_editor_get_problem:
 * @field: the API's member name: "display_name", "user_id", "username", "password",
 *   "session_duration_minutes", "slot_interval_minutes", "session_modality",
 *   "deposit_amount", "currency", "timezone", "min_notice_minutes",
 *   "booking_horizon_days", "cancel_notice_minutes"
 *
 * Returns: what is wrong with @field now, TURNOS_FIELD_OK when nothing is. A field the
 * server refused stays refused until it changes.
 */
TurnosFieldProblem turnos_settings_editor_get_problem (TurnosSettingsEditor *self,
                                                       const char           *field);
gboolean           turnos_settings_editor_get_valid    (TurnosSettingsEditor *self);
gboolean           turnos_settings_editor_get_can_save (TurnosSettingsEditor *self);
gboolean           turnos_settings_editor_get_busy     (TurnosSettingsEditor *self);

GListModel        *turnos_settings_editor_get_hours    (TurnosSettingsEditor *self);
/* A new range on @weekday (1-7): after the day's last range (09:00-17:00 on an empty day),
 * up to four hours, ending by midnight. Returns: (transfer none) the item added. */
TurnosHoursItem   *turnos_settings_editor_add_hours    (TurnosSettingsEditor *self,
                                                        int                   weekday);
void               turnos_settings_editor_remove_hours (TurnosSettingsEditor *self,
                                                        TurnosHoursItem      *item);

GListModel        *turnos_settings_editor_get_outside_hours (TurnosSettingsEditor *self);

/* The settings the fields make, or NULL while any field has a problem. */
TurnosSettings    *turnos_settings_editor_build        (TurnosSettingsEditor *self);

/**
 * turnos_settings_editor_save:
 * @confirmed: EDIT: apply even when sessions fall outside the new hours
 *
 * NEW: adds the professional and their account (POST /professionals). EDIT: first a dry run
 * (PUT …?dry_run=1) unless @confirmed; when it lists sessions the new hours leave out and
 * the stored ones took in, "confirm-outside-hours" and nothing more (sessions already
 * outside were asked about before); else the change itself. Ends with "saved" (and
 * "outside-hours" listing every session still outside), with problems beside the fields
 * the server refused, or with "failed".
 *
 * Returns: FALSE (and sends nothing) when "can-save" is FALSE.
 */
gboolean           turnos_settings_editor_save         (TurnosSettingsEditor *self,
                                                        gboolean              confirmed);

/* Every zone name the system's time zone database lists (TZDIR or /usr/share/zoneinfo:
 * tzdata.zi, else zone1970.tab), with "UTC", sorted; never empty (at least "UTC"). */
GStrv              turnos_settings_editor_list_time_zones (void);

G_END_DECLS
