/* turnos-settings-editor-check.c: what the settings editor's fields may hold, checked as the
 * server checks them
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "turnos-settings-check.h"
#include "turnos-settings-editor-private.h"
#include "turnos-text.h"
#include "turnos-time.h"

/* The server's limits on an account (src/server: turnos_setup_name_is_valid(),
 * TURNOS_PASSWORD_MIN_BYTES and _MAX_BYTES). */
#define NAME_MAX_BYTES      64
#define PASSWORD_MIN_BYTES  8
#define PASSWORD_MAX_BYTES  200
#define DISPLAY_MAX_BYTES   200

static gboolean
is_account_name (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/* "5000.00" (or "5000,00") as the wire writes it, or NULL: up to 9 digits, then none or two
 * decimals (turnos-settings-check.c). */
static char *
normalize_amount (const char *typed)
{
  g_autofree char *s = g_strstrip (g_strdup (typed ? typed : ""));
  char *p = s;
  gsize digits = 0;

  while (g_ascii_isdigit (*p))
    p++, digits++;
  if (digits == 0 || digits > 9)
    return NULL;
  if (*p == ',')
    *p = '.';
  if (*p != '\0' && !(p[0] == '.' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && p[3] == '\0'))
    return NULL;
  return g_steal_pointer (&s);
}

/* "ARS" from "ars", or NULL. */
static char *
normalize_currency (const char *typed)
{
  g_autofree char *s = g_strstrip (g_strdup (typed ? typed : ""));

  if (strlen (s) != 3 || !g_ascii_isalpha (s[0]) || !g_ascii_isalpha (s[1]) || !g_ascii_isalpha (s[2]))
    return NULL;
  return g_ascii_strup (s, -1);
}

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static TurnosFieldProblem
check_int (int value,
           int min,
           int max)
{
  return value < min || value > max ? TURNOS_FIELD_OUT_OF_RANGE : TURNOS_FIELD_OK;
}

static void
set_problem (GHashTable         *problems,
             const char         *field,
             TurnosFieldProblem  problem)
{
  if (problem != TURNOS_FIELD_OK)
    g_hash_table_insert (problems, g_strdup (field), GINT_TO_POINTER (problem));
}

TurnosSettings *
_turnos_settings_editor_build_settings (TurnosSettingsEditor *self)
{
  g_autoptr(TurnosSettings) s = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->hours));

  if (self->mode == TURNOS_SETTINGS_EDITOR_NONE)
    return NULL;
  s = self->stored ? turnos_settings_copy (self->stored) : turnos_settings_new ();
  if (self->mode == TURNOS_SETTINGS_EDITOR_NEW)
    {
      g_free (s->user_id);
      s->user_id = g_strdup (self->user_id ? self->user_id : "");
    }
  g_free (s->display_name);
  s->display_name = g_strstrip (g_strdup (self->display_name ? self->display_name : ""));
  s->session_duration_minutes = self->session_minutes;
  s->slot_interval_minutes = self->interval_minutes;
  s->session_modality = self->modality;
  s->requires_deposit = self->requires_deposit;
  g_free (s->deposit_amount);
  s->deposit_amount = normalize_amount (self->deposit_amount);
  g_free (s->currency);
  s->currency = normalize_currency (self->currency);
  if (!turnos_settings_set_timezone (s, self->timezone))
    {
      /* Kept as typed for the check to name; the zone object stays the last known one. */
      g_free (s->timezone);
      s->timezone = g_strdup (self->timezone ? self->timezone : "");
    }
  s->min_notice_minutes = self->min_notice_minutes;
  s->booking_horizon_days = self->horizon_days;
  s->cancel_notice_minutes = self->cancel_notice_minutes;
  g_array_set_size (s->working_hours, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TurnosHoursItem) item = g_list_model_get_item (G_LIST_MODEL (self->hours), i);
      int start = turnos_hours_item_get_start_minute (item);
      int end = turnos_hours_item_get_end_minute (item);

      /* A range ending before it starts is a problem of its own, and no range at all. */
      if (start < end)
        turnos_settings_add_hours (s, turnos_hours_item_get_weekday (item), start, end);
    }
  return g_steal_pointer (&s);
}

/* Each field on its own: all the problems at once, for the page to show beside each. */
static void
check_fields (TurnosSettingsEditor *self,
              GHashTable           *problems)
{
  const char *name = self->display_name ? self->display_name : "";
  gboolean is_new = self->mode == TURNOS_SETTINGS_EDITOR_NEW;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *amount = normalize_amount (self->deposit_amount);
  g_autofree char *currency = normalize_currency (self->currency);

  if (is_blank (name))
    set_problem (problems, "display_name", TURNOS_FIELD_REQUIRED);
  else if (strlen (name) > DISPLAY_MAX_BYTES)
    set_problem (problems, "display_name", TURNOS_FIELD_TOO_LONG);
  else if (!turnos_text_is_clean (name, DISPLAY_MAX_BYTES, FALSE))
    set_problem (problems, "display_name", TURNOS_FIELD_BAD_CHARACTERS);

  if (is_new)
    {
      const char *id = self->user_id ? self->user_id : "";
      const char *user = self->username ? self->username : "";
      const char *secret = self->password ? self->password : "";

      if (*id == '\0')
        set_problem (problems, "user_id", TURNOS_FIELD_REQUIRED);
      else if (strlen (id) > NAME_MAX_BYTES)
        set_problem (problems, "user_id", TURNOS_FIELD_TOO_LONG);
      else if (!is_account_name (id))
        set_problem (problems, "user_id", TURNOS_FIELD_BAD_CHARACTERS);

      /* A user name and an initial password, or neither (a professional who never signs in). */
      if (*user == '\0' && *secret != '\0')
        set_problem (problems, "username", TURNOS_FIELD_REQUIRED);
      else if (strlen (user) > NAME_MAX_BYTES)
        set_problem (problems, "username", TURNOS_FIELD_TOO_LONG);
      else if (!is_account_name (user))
        set_problem (problems, "username", TURNOS_FIELD_BAD_CHARACTERS);
      if (*secret == '\0' && *user != '\0')
        set_problem (problems, "password", TURNOS_FIELD_REQUIRED);
      else if (*secret != '\0' && strlen (secret) < PASSWORD_MIN_BYTES)
        set_problem (problems, "password", TURNOS_FIELD_PASSWORD_SHORT);
      else if (strlen (secret) > PASSWORD_MAX_BYTES)
        set_problem (problems, "password", TURNOS_FIELD_TOO_LONG);
    }

  set_problem (problems, "session_duration_minutes",
               check_int (self->session_minutes, TURNOS_CHECK_MIN_SESSION, TURNOS_CHECK_MAX_SESSION));
  set_problem (problems, "slot_interval_minutes",
               check_int (self->interval_minutes, TURNOS_CHECK_MIN_SESSION, TURNOS_CHECK_MAX_SESSION));
  set_problem (problems, "min_notice_minutes",
               check_int (self->min_notice_minutes, 0, TURNOS_CHECK_MAX_NOTICE));
  set_problem (problems, "cancel_notice_minutes",
               check_int (self->cancel_notice_minutes, 0, TURNOS_CHECK_MAX_NOTICE));
  set_problem (problems, "booking_horizon_days",
               check_int (self->horizon_days, 1, TURNOS_CHECK_MAX_HORIZON_DAYS));
  if (self->modality == TURNOS_MODALITY_NONE)
    set_problem (problems, "session_modality", TURNOS_FIELD_REQUIRED);

  /* With no deposit, the amount and currency wait unused (and are left out if unreadable). */
  if (self->requires_deposit)
    {
      if (is_blank (self->deposit_amount))
        set_problem (problems, "deposit_amount", TURNOS_FIELD_REQUIRED);
      else if (amount == NULL)
        set_problem (problems, "deposit_amount", TURNOS_FIELD_NOT_AN_AMOUNT);
      if (is_blank (self->currency))
        set_problem (problems, "currency", TURNOS_FIELD_REQUIRED);
      else if (currency == NULL)
        set_problem (problems, "currency", TURNOS_FIELD_NOT_A_CURRENCY);
    }

  if (is_blank (self->timezone))
    set_problem (problems, "timezone", TURNOS_FIELD_REQUIRED);
  else if (!(tz = turnos_time_zone_new (self->timezone)))
    set_problem (problems, "timezone", TURNOS_FIELD_UNKNOWN_ZONE);
}

/* The hours' own problems: a range that ends before it starts, or overlaps another range of
 * its weekday (both are marked). */
static gboolean
check_hours (TurnosSettingsEditor *self)
{
  GListModel *model = G_LIST_MODEL (self->hours);
  guint n = g_list_model_get_n_items (model);
  gboolean ok = TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TurnosHoursItem) a = g_list_model_get_item (model, i);
      int day = turnos_hours_item_get_weekday (a);
      int start = turnos_hours_item_get_start_minute (a);
      int end = turnos_hours_item_get_end_minute (a);
      TurnosFieldProblem problem = TURNOS_FIELD_OK;
      g_autofree char *field = g_strdup_printf ("working_hours[%u]", i);

      if (start >= end)
        problem = TURNOS_FIELD_HOURS_ORDER;
      for (guint j = 0; j < n && problem == TURNOS_FIELD_OK; j++)
        {
          g_autoptr(TurnosHoursItem) b = g_list_model_get_item (model, j);

          if (j != i && turnos_hours_item_get_weekday (b) == day &&
              turnos_hours_item_get_start_minute (b) < turnos_hours_item_get_end_minute (b) &&
              start < turnos_hours_item_get_end_minute (b) && turnos_hours_item_get_start_minute (b) < end)
            problem = TURNOS_FIELD_HOURS_OVERLAP;
        }
      if (problem == TURNOS_FIELD_OK && g_hash_table_contains (self->refused, field))
        problem = GPOINTER_TO_INT (g_hash_table_lookup (self->refused, field));
      _turnos_hours_item_set_problem (a, problem);
      ok = ok && problem == TURNOS_FIELD_OK;
    }
  return ok;
}

/* Every problem of every field, in @problems (field → TurnosFieldProblem); the hours' on
 * each item. TRUE when there is none. */
gboolean
_turnos_settings_editor_find_problems (TurnosSettingsEditor *self,
                                       GHashTable           *problems)
{
  g_autoptr(TurnosSettings) built = NULL;
  gboolean hours_ok;
  GHashTableIter iter;
  gpointer key, value;

  if (self->mode != TURNOS_SETTINGS_EDITOR_NONE)
    {
      check_fields (self, problems);
      /* What the server said stays where nothing contradicts it, until the field changes. */
      g_hash_table_iter_init (&iter, self->refused);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_str_has_prefix (key, "working_hours[") && !g_hash_table_contains (problems, key))
          g_hash_table_insert (problems, g_strdup (key), value);
    }
  hours_ok = check_hours (self);
  built = _turnos_settings_editor_build_settings (self);
  if (built == NULL || !hours_ok || g_hash_table_size (problems) > 0)
    return FALSE;

  /* All clear on their own: the server's own check on the whole, for anything else. */
  {
    g_autoptr(JsonNode) node = turnos_settings_to_node (built);
    g_autoptr(TurnosSettings) checked = NULL;
    g_autofree char *field = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(TurnosHoursItem) item = NULL;
    guint index;

    if ((checked = turnos_settings_check (node, built->user_id, &field, &error)) != NULL)
      return TRUE;
    g_debug ("the whole settings refused: %s", error ? error->message : "");
    set_problem (problems, field ? field : "settings", TURNOS_FIELD_REFUSED);
    if (field != NULL && sscanf (field, "working_hours[%u]", &index) == 1 &&
        (item = g_list_model_get_item (G_LIST_MODEL (self->hours), index)) != NULL)
      _turnos_hours_item_set_problem (item, TURNOS_FIELD_REFUSED);
    return FALSE;
  }
}

char *
_turnos_settings_editor_id_from_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name ? name : "", "C");
  g_autoptr(GString) id = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0' && id->len < NAME_MAX_BYTES; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_tolower (*p));
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  return g_string_free (g_steal_pointer (&id), FALSE);
}

char *
_turnos_settings_editor_local_zone (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *id = g_time_zone_get_identifier (local);
  g_autofree char *contents = NULL;
  g_autoptr(GTimeZone) check_tz = NULL;

  if (id != NULL && (check_tz = turnos_time_zone_new (id)) != NULL)
    return g_strdup (id);
  if (g_file_get_contents ("/etc/timezone", &contents, NULL, NULL))
    {
      g_strstrip (contents);
      if ((check_tz = turnos_time_zone_new (contents)) != NULL)
        return g_steal_pointer (&contents);
    }
  return g_strdup ("UTC");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GStrv
turnos_settings_editor_list_time_zones (void)
{
  const char *dir = g_getenv ("TZDIR") ? g_getenv ("TZDIR") : "/usr/share/zoneinfo";
  g_autofree char *zi = g_build_filename (dir, "tzdata.zi", NULL);
  g_autofree char *tab = g_build_filename (dir, "zone1970.tab", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean compiled;
  g_auto(GStrv) lines = NULL;

  /* tzdata.zi, zic's input: "Z NAME …" for each zone. zone1970.tab: the third column. */
  compiled = g_file_get_contents (zi, &contents, NULL, NULL);
  if (!compiled && !g_file_get_contents (tab, &contents, NULL, NULL))
    g_debug ("no time zone list in %s", dir);
  lines = g_strsplit (contents ? contents : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const char *name = NULL;

      if (compiled && !g_str_has_prefix (lines[i], "Z "))
        continue;
      if (!compiled && (lines[i][0] == '#' || lines[i][0] == '\0'))
        continue;
      fields = g_strsplit_set (lines[i], compiled ? " " : "\t", 4);
      if (g_strv_length (fields) >= 3)
        name = compiled ? fields[1] : fields[2];
      if (name != NULL && *name != '\0' && !g_hash_table_contains (seen, name))
        {
          char *copy = g_strdup (name);

          g_hash_table_add (seen, copy);
          g_ptr_array_add (names, copy);
        }
    }
  if (!g_hash_table_contains (seen, "UTC"))
    g_ptr_array_add (names, g_strdup ("UTC"));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

gboolean
_turnos_settings_editor_fits_hours (const TurnosSettings    *settings,
                                    const TurnosReservation *r)
{
  g_autoptr(GDateTime) start = g_date_time_to_timezone (r->start, settings->tz);
  int weekday = g_date_time_get_day_of_week (start);
  int from = g_date_time_get_hour (start) * 60 + g_date_time_get_minute (start);
  int to = from + (int) (g_date_time_difference (r->end, r->start) / G_TIME_SPAN_MINUTE);

  for (guint i = 0; i < settings->working_hours->len; i++)
    {
      const TurnosWorkingHours *wh = &g_array_index (settings->working_hours, TurnosWorkingHours, i);

      if (wh->weekday == weekday && wh->start_minute <= from && to <= wh->end_minute)
        return TRUE;
    }
  return FALSE;
}
