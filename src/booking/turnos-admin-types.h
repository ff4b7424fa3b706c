/* turnos-admin-types.h: the admin controllers' enums, registered by gnome.mkenums_simple
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * TurnosFieldProblem:
 * @TURNOS_FIELD_OK: nothing wrong
 * @TURNOS_FIELD_REQUIRED: empty, and it may not be
 * @TURNOS_FIELD_TOO_LONG: longer than the server keeps
 * @TURNOS_FIELD_BAD_CHARACTERS: a control character in a name; in an id or a user name,
 *   anything but letters, digits, ".", "-" and "_"
 * @TURNOS_FIELD_OUT_OF_RANGE: a number outside what the clinic may set (turnos-settings-check.h)
 * @TURNOS_FIELD_NOT_AN_AMOUNT: not an amount such as 5000.00 (up to 9 digits, then none or
 *   two decimals)
 * @TURNOS_FIELD_NOT_A_CURRENCY: not three letters such as ARS
 * @TURNOS_FIELD_UNKNOWN_ZONE: not a time zone GTimeZone knows
 * @TURNOS_FIELD_HOURS_ORDER: working hours that end before they start
 * @TURNOS_FIELD_HOURS_OVERLAP: working hours overlapping others of the same weekday
 * @TURNOS_FIELD_PASSWORD_SHORT: an initial password under 8 bytes
 * @TURNOS_FIELD_TAKEN: the server has this id or user name already (409 username_taken)
 * @TURNOS_FIELD_REFUSED: the server (or the shared check) refused it for a reason not
 *   listed above
 *
 * What is wrong with one field of a form, for the page to word beside it. Nicks: "ok",
 * "required", "too-long", "bad-characters", "out-of-range", "not-an-amount",
 * "not-a-currency", "unknown-zone", "hours-order", "hours-overlap", "password-short",
 * "taken", "refused".
 */
typedef enum
{
  TURNOS_FIELD_OK,
  TURNOS_FIELD_REQUIRED,
  TURNOS_FIELD_TOO_LONG,
  TURNOS_FIELD_BAD_CHARACTERS,
  TURNOS_FIELD_OUT_OF_RANGE,
  TURNOS_FIELD_NOT_AN_AMOUNT,
  TURNOS_FIELD_NOT_A_CURRENCY,
  TURNOS_FIELD_UNKNOWN_ZONE,
  TURNOS_FIELD_HOURS_ORDER,
  TURNOS_FIELD_HOURS_OVERLAP,
  TURNOS_FIELD_PASSWORD_SHORT,
  TURNOS_FIELD_TAKEN,
  TURNOS_FIELD_REFUSED,
} TurnosFieldProblem;

/**
 * TurnosSettingsEditorMode:
 * @TURNOS_SETTINGS_EDITOR_NONE: nothing loaded yet
 * @TURNOS_SETTINGS_EDITOR_NEW: a professional to add: settings and an account
 * @TURNOS_SETTINGS_EDITOR_EDIT: an existing professional's settings
 *
 * What the settings editor is saving. Nicks: "none", "new", "edit".
 */
typedef enum
{
  TURNOS_SETTINGS_EDITOR_NONE,
  TURNOS_SETTINGS_EDITOR_NEW,
  TURNOS_SETTINGS_EDITOR_EDIT,
} TurnosSettingsEditorMode;

G_END_DECLS
