/* turnos-settings-editor.c: a professional's settings as a form: its fields and state (the
 * checks are in turnos-settings-editor-check.c, the server in turnos-settings-editor-save.c)
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-enums.h"
#include "turnos-reservation-item.h"
#include "turnos-settings-editor-private.h"

#define DAY_MINUTES (24 * 60)

G_DEFINE_FINAL_TYPE (TurnosSettingsEditor, turnos_settings_editor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_MODE,
  PROP_PROFESSIONAL_ID,
  PROP_USER_ID,
  PROP_USERNAME,
  PROP_PASSWORD,
  PROP_DISPLAY_NAME,
  PROP_SESSION_MINUTES,
  PROP_INTERVAL_MINUTES,
  PROP_MODALITY,
  PROP_REQUIRES_DEPOSIT,
  PROP_DEPOSIT_AMOUNT,
  PROP_CURRENCY,
  PROP_TIMEZONE,
  PROP_MIN_NOTICE_MINUTES,
  PROP_HORIZON_DAYS,
  PROP_CANCEL_NOTICE_MINUTES,
  PROP_HOURS,
  PROP_VALID,
  PROP_DIRTY,
  PROP_CAN_SAVE,
  PROP_LOADING,
  PROP_BUSY,
  PROP_ERROR,
  PROP_OUTSIDE_HOURS,
  N_PROPS
};

enum {
  PROBLEMS_CHANGED,
  CONFIRM_OUTSIDE_HOURS,
  SAVED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The API member each field property stands for. */
static const char *
field_of (guint prop_id)
{
  switch (prop_id)
    {
    case PROP_USER_ID:               return "user_id";
    case PROP_USERNAME:              return "username";
    case PROP_PASSWORD:              return "password";
    case PROP_DISPLAY_NAME:          return "display_name";
    case PROP_SESSION_MINUTES:       return "session_duration_minutes";
    case PROP_INTERVAL_MINUTES:      return "slot_interval_minutes";
    case PROP_MODALITY:              return "session_modality";
    case PROP_REQUIRES_DEPOSIT:      return "requires_deposit";
    case PROP_DEPOSIT_AMOUNT:        return "deposit_amount";
    case PROP_CURRENCY:              return "currency";
    case PROP_TIMEZONE:              return "timezone";
    case PROP_MIN_NOTICE_MINUTES:    return "min_notice_minutes";
    case PROP_HORIZON_DAYS:          return "booking_horizon_days";
    case PROP_CANCEL_NOTICE_MINUTES: return "cancel_notice_minutes";
    default:                         return NULL;
    }
}

static gboolean
same_problems (GHashTable *a,
               GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (b, key) || g_hash_table_lookup (b, key) != value)
      return FALSE;
  return TRUE;
}

static void
set_flag (TurnosSettingsEditor *self,
          gboolean             *flag,
          gboolean              value,
          guint                 prop_id)
{
  if (*flag == value)
    return;
  *flag = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
update_can_save (TurnosSettingsEditor *self)
{
  set_flag (self, &self->can_save,
            self->mode != TURNOS_SETTINGS_EDITOR_NONE && self->valid && self->dirty &&
            !self->loading && !self->busy,
            PROP_CAN_SAVE);
}

/* Everything that follows from the fields: problems, validity, dirtiness. */
void
_turnos_settings_editor_check (TurnosSettingsEditor *self)
{
  g_autoptr(GHashTable) problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(TurnosSettings) built = NULL;
  gboolean ok;
  GHashTableIter iter;
  gpointer key, value;

  if (self->filling)
    return;
  ok = _turnos_settings_editor_find_problems (self, problems);
  built = _turnos_settings_editor_build_settings (self);

  if (!same_problems (problems, self->problems))
    {
      g_hash_table_remove_all (self->problems);
      g_hash_table_iter_init (&iter, problems);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (self->problems, g_strdup (key), value);
      g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
    }
  set_flag (self, &self->valid, ok, PROP_VALID);

  if (self->mode == TURNOS_SETTINGS_EDITOR_EDIT && built != NULL && self->stored != NULL)
    {
      g_autoptr(JsonNode) a = turnos_settings_to_node (built);
      g_autoptr(JsonNode) b = turnos_settings_to_node (self->stored);

      set_flag (self, &self->dirty, !json_node_equal (a, b), PROP_DIRTY);
    }
  else
    set_flag (self, &self->dirty, self->mode == TURNOS_SETTINGS_EDITOR_NEW, PROP_DIRTY);
  update_can_save (self);
}

/* A field changed: what the server said of it, and any preview, no longer hold. */
static void
changed (TurnosSettingsEditor *self,
         const char           *field)
{
  if (self->filling)
    return;
  if (field != NULL)
    g_hash_table_remove (self->refused, field);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->outside)) > 0)
    g_list_store_remove_all (self->outside);
  _turnos_settings_editor_check (self);
}

static void
set_string (TurnosSettingsEditor *self,
            char                **field,
            const char           *value,
            guint                 prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  changed (self, field_of (prop_id));
}

static void
set_int (TurnosSettingsEditor *self,
         int                  *field,
         int                   value,
         guint                 prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  changed (self, field_of (prop_id));
}

static void
on_hours_item_notify_cb (TurnosSettingsEditor *self)
{
  /* Any range's change may settle or cause an overlap elsewhere: the server's word on
   * every range goes. */
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->refused);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, "working_hours"))
      g_hash_table_iter_remove (&iter);
  changed (self, NULL);
}

static void
watch_hours_item (TurnosSettingsEditor *self,
                  TurnosHoursItem      *item)
{
  g_signal_connect_object (item, "notify::start-minute", G_CALLBACK (on_hours_item_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::end-minute", G_CALLBACK (on_hours_item_notify_cb),
                           self, G_CONNECT_SWAPPED);
}

void
_turnos_settings_editor_set_error (TurnosSettingsEditor *self,
           const GError         *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* Every field from @s at once; one check at the end. */
void
_turnos_settings_editor_fill (TurnosSettingsEditor     *self,
      TurnosSettingsEditorMode  mode,
      TurnosSettings           *s)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_object_freeze_notify (G_OBJECT (self));
  self->filling = TRUE;
  if (self->mode != mode)
    {
      self->mode = mode;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
    }
  g_clear_pointer (&self->stored, turnos_settings_unref);
  if (mode == TURNOS_SETTINGS_EDITOR_EDIT)
    self->stored = turnos_settings_ref (s);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFESSIONAL_ID]);
  self->id_typed = FALSE;
  g_object_set (self,
                "user-id", mode == TURNOS_SETTINGS_EDITOR_EDIT ? s->user_id : "",
                "username", "",
                "password", "",
                "display-name", s->display_name ? s->display_name : "",
                "session-minutes", s->session_duration_minutes,
                "interval-minutes", s->slot_interval_minutes,
                "modality", s->session_modality,
                "requires-deposit", s->requires_deposit,
                "deposit-amount", s->deposit_amount ? s->deposit_amount : "",
                "currency", s->currency ? s->currency : "",
                "timezone", s->timezone,
                "min-notice-minutes", s->min_notice_minutes,
                "horizon-days", s->booking_horizon_days,
                "cancel-notice-minutes", s->cancel_notice_minutes,
                NULL);
  for (guint i = 0; i < s->working_hours->len; i++)
    {
      const TurnosWorkingHours *wh = &g_array_index (s->working_hours, TurnosWorkingHours, i);
      TurnosHoursItem *item = turnos_hours_item_new (wh->weekday, wh->start_minute, wh->end_minute);

      watch_hours_item (self, item);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->hours, 0, g_list_model_get_n_items (G_LIST_MODEL (self->hours)),
                       items->pdata, items->len);
  g_list_store_remove_all (self->outside);
  g_hash_table_remove_all (self->refused);
  self->filling = FALSE;
  _turnos_settings_editor_check (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_turnos_settings_editor_set_busy (TurnosSettingsEditor *self,
          gboolean              busy)
{
  set_flag (self, &self->busy, busy, PROP_BUSY);
  update_can_save (self);
}

void
_turnos_settings_editor_set_loading (TurnosSettingsEditor *self,
             gboolean              loading)
{
  set_flag (self, &self->loading, loading, PROP_LOADING);
  update_can_save (self);
}

/* Whether the form has a field for the API member @field (where a problem can be shown). */
gboolean
_turnos_settings_editor_is_form_field (TurnosSettingsEditor *self,
               const char           *field)
{
  static const char * const account[] = { "user_id", "username", "password", NULL };

  if (g_str_has_prefix (field, "working_hours["))
    return TRUE;
  if (g_strv_contains (account, field))
    return self->mode == TURNOS_SETTINGS_EDITOR_NEW;
  for (guint prop_id = PROP_DISPLAY_NAME; prop_id <= PROP_CANCEL_NOTICE_MINUTES; prop_id++)
    if (g_strcmp0 (field_of (prop_id), field) == 0 && prop_id != PROP_REQUIRES_DEPOSIT)
      return TRUE;
  return FALSE;
}

void
_turnos_settings_editor_emit_confirm (TurnosSettingsEditor *self)
{
  g_signal_emit (self, signals[CONFIRM_OUTSIDE_HOURS], 0);
}

void
_turnos_settings_editor_emit_saved (TurnosSettingsEditor *self)
{
  g_signal_emit (self, signals[SAVED], 0);
}

void
_turnos_settings_editor_emit_failed (TurnosSettingsEditor *self,
                                     const GError         *error)
{
  g_signal_emit (self, signals[FAILED], 0, error);
}

/*
 * GObject overrides
 */

static void
turnos_settings_editor_dispose (GObject *object)
{
  TurnosSettingsEditor *self = TURNOS_SETTINGS_EDITOR (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (turnos_settings_editor_parent_class)->dispose (object);
}

static void
turnos_settings_editor_finalize (GObject *object)
{
  TurnosSettingsEditor *self = TURNOS_SETTINGS_EDITOR (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->stored, turnos_settings_unref);
  g_clear_object (&self->hours);
  g_clear_object (&self->outside);
  g_clear_pointer (&self->problems, g_hash_table_unref);
  g_clear_pointer (&self->refused, g_hash_table_unref);
  g_clear_error (&self->error);
  g_free (self->user_id);
  g_free (self->username);
  g_free (self->password);
  g_free (self->display_name);
  g_free (self->deposit_amount);
  g_free (self->currency);
  g_free (self->timezone);

  G_OBJECT_CLASS (turnos_settings_editor_parent_class)->finalize (object);
}

static void
turnos_settings_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TurnosSettingsEditor *self = TURNOS_SETTINGS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_PROFESSIONAL_ID:
      g_value_set_string (value, turnos_settings_editor_get_professional_id (self));
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_PASSWORD:
      g_value_set_string (value, self->password);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_SESSION_MINUTES:
      g_value_set_int (value, self->session_minutes);
      break;
    case PROP_INTERVAL_MINUTES:
      g_value_set_int (value, self->interval_minutes);
      break;
    case PROP_MODALITY:
      g_value_set_enum (value, self->modality);
      break;
    case PROP_REQUIRES_DEPOSIT:
      g_value_set_boolean (value, self->requires_deposit);
      break;
    case PROP_DEPOSIT_AMOUNT:
      g_value_set_string (value, self->deposit_amount);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_TIMEZONE:
      g_value_set_string (value, self->timezone);
      break;
    case PROP_MIN_NOTICE_MINUTES:
      g_value_set_int (value, self->min_notice_minutes);
      break;
    case PROP_HORIZON_DAYS:
      g_value_set_int (value, self->horizon_days);
      break;
    case PROP_CANCEL_NOTICE_MINUTES:
      g_value_set_int (value, self->cancel_notice_minutes);
      break;
    case PROP_HOURS:
      g_value_set_object (value, self->hours);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_CAN_SAVE:
      g_value_set_boolean (value, self->can_save);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_OUTSIDE_HOURS:
      g_value_set_object (value, self->outside);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_settings_editor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TurnosSettingsEditor *self = TURNOS_SETTINGS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_USER_ID:
      {
        g_autofree char *derived = _turnos_settings_editor_id_from_name (self->display_name);

        /* Typed over, it stops following the name; cleared, it follows again. */
        if (!self->filling)
          self->id_typed = g_strcmp0 (g_value_get_string (value), derived) != 0 &&
                           g_value_get_string (value) != NULL && *g_value_get_string (value) != '\0';
        set_string (self, &self->user_id, g_value_get_string (value), prop_id);
      }
      break;
    case PROP_USERNAME:
      set_string (self, &self->username, g_value_get_string (value), prop_id);
      break;
    case PROP_PASSWORD:
      set_string (self, &self->password, g_value_get_string (value), prop_id);
      break;
    case PROP_DISPLAY_NAME:
      if (self->mode == TURNOS_SETTINGS_EDITOR_NEW && !self->id_typed && !self->filling)
        {
          g_autofree char *derived = _turnos_settings_editor_id_from_name (g_value_get_string (value));

          /* The id follows, checked with the name at once. */
          g_object_freeze_notify (object);
          self->filling = TRUE;
          set_string (self, &self->user_id, derived, PROP_USER_ID);
          self->filling = FALSE;
          g_hash_table_remove (self->refused, "user_id");
          set_string (self, &self->display_name, g_value_get_string (value), prop_id);
          g_object_thaw_notify (object);
        }
      else
        set_string (self, &self->display_name, g_value_get_string (value), prop_id);
      break;
    case PROP_SESSION_MINUTES:
      set_int (self, &self->session_minutes, g_value_get_int (value), prop_id);
      break;
    case PROP_INTERVAL_MINUTES:
      set_int (self, &self->interval_minutes, g_value_get_int (value), prop_id);
      break;
    case PROP_MODALITY:
      if (self->modality != (TurnosModality) g_value_get_enum (value))
        {
          self->modality = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
          changed (self, field_of (prop_id));
        }
      break;
    case PROP_REQUIRES_DEPOSIT:
      set_int (self, &self->requires_deposit, g_value_get_boolean (value), prop_id);
      break;
    case PROP_DEPOSIT_AMOUNT:
      set_string (self, &self->deposit_amount, g_value_get_string (value), prop_id);
      break;
    case PROP_CURRENCY:
      set_string (self, &self->currency, g_value_get_string (value), prop_id);
      break;
    case PROP_TIMEZONE:
      set_string (self, &self->timezone, g_value_get_string (value), prop_id);
      break;
    case PROP_MIN_NOTICE_MINUTES:
      set_int (self, &self->min_notice_minutes, g_value_get_int (value), prop_id);
      break;
    case PROP_HORIZON_DAYS:
      set_int (self, &self->horizon_days, g_value_get_int (value), prop_id);
      break;
    case PROP_CANCEL_NOTICE_MINUTES:
      set_int (self, &self->cancel_notice_minutes, g_value_get_int (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_settings_editor_class_init (TurnosSettingsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = turnos_settings_editor_dispose;
  object_class->finalize = turnos_settings_editor_finalize;
  object_class->get_property = turnos_settings_editor_get_property;
  object_class->set_property = turnos_settings_editor_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, TURNOS_TYPE_SETTINGS_EDITOR_MODE,
                       TURNOS_SETTINGS_EDITOR_NONE, ro);
  properties[PROP_PROFESSIONAL_ID] = g_param_spec_string ("professional-id", NULL, NULL, NULL, ro);
  properties[PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, rw);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, rw);
  properties[PROP_PASSWORD] = g_param_spec_string ("password", NULL, NULL, NULL, rw);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, rw);
  properties[PROP_SESSION_MINUTES] =
    g_param_spec_int ("session-minutes", NULL, NULL, G_MININT, G_MAXINT, TURNOS_DEFAULT_SESSION_MINUTES, rw);
  properties[PROP_INTERVAL_MINUTES] =
    g_param_spec_int ("interval-minutes", NULL, NULL, G_MININT, G_MAXINT, TURNOS_DEFAULT_SESSION_MINUTES, rw);
  properties[PROP_MODALITY] =
    g_param_spec_enum ("modality", NULL, NULL, TURNOS_TYPE_MODALITY, TURNOS_MODALITY_BOTH, rw);
  properties[PROP_REQUIRES_DEPOSIT] = g_param_spec_boolean ("requires-deposit", NULL, NULL, FALSE, rw);
  properties[PROP_DEPOSIT_AMOUNT] = g_param_spec_string ("deposit-amount", NULL, NULL, NULL, rw);
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, NULL, rw);
  properties[PROP_TIMEZONE] = g_param_spec_string ("timezone", NULL, NULL, NULL, rw);
  properties[PROP_MIN_NOTICE_MINUTES] =
    g_param_spec_int ("min-notice-minutes", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_HORIZON_DAYS] =
    g_param_spec_int ("horizon-days", NULL, NULL, G_MININT, G_MAXINT, 60, rw);
  properties[PROP_CANCEL_NOTICE_MINUTES] =
    g_param_spec_int ("cancel-notice-minutes", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_HOURS] = g_param_spec_object ("hours", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_VALID] = g_param_spec_boolean ("valid", NULL, NULL, FALSE, ro);
  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_SAVE] = g_param_spec_boolean ("can-save", NULL, NULL, FALSE, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_OUTSIDE_HOURS] = g_param_spec_object ("outside-hours", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROBLEMS_CHANGED] =
    g_signal_new ("problems-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
  signals[CONFIRM_OUTSIDE_HOURS] =
    g_signal_new ("confirm-outside-hours", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
turnos_settings_editor_init (TurnosSettingsEditor *self)
{
  self->hours = g_list_store_new (TURNOS_TYPE_HOURS_ITEM);
  self->outside = g_list_store_new (TURNOS_TYPE_RESERVATION_ITEM);
  self->problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* Never NULL: an entry bound to one takes its text. */
  self->user_id = g_strdup ("");
  self->username = g_strdup ("");
  self->password = g_strdup ("");
  self->display_name = g_strdup ("");
  self->deposit_amount = g_strdup ("");
  self->currency = g_strdup ("");
  self->session_minutes = TURNOS_DEFAULT_SESSION_MINUTES;
  self->interval_minutes = TURNOS_DEFAULT_SESSION_MINUTES;
  self->modality = TURNOS_MODALITY_BOTH;
  self->horizon_days = 60;
}

/*
 * Public API
 */

TurnosSettingsEditor *
turnos_settings_editor_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_SETTINGS_EDITOR, "client", client, NULL);
}

TurnosSettingsEditorMode
turnos_settings_editor_get_mode (TurnosSettingsEditor *self)
{
  g_return_val_if_fail (TURNOS_IS_SETTINGS_EDITOR (self), TURNOS_SETTINGS_EDITOR_NONE);
  return self->mode;
}

const char *
turnos_settings_editor_get_professional_id (TurnosSettingsEditor *self)
{
  g_return_val_if_fail (TURNOS_IS_SETTINGS_EDITOR (self), NULL);
  return self->mode == TURNOS_SETTINGS_EDITOR_EDIT && self->stored ? self->stored->user_id : NULL;
}

TurnosFieldProblem
turnos_settings_editor_get_problem (TurnosSettingsEditor *self,
                                    const char           *field)
{
  g_return_val_if_fail (TURNOS_IS_SETTINGS_EDITOR (self), TURNOS_FIELD_OK);
  g_return_val_if_fail (field != NULL, TURNOS_FIELD_OK);
  return GPOINTER_TO_INT (g_hash_table_lookup (self->problems, field));
}

gboolean
turnos_settings_editor_get_valid (TurnosSettingsEditor *self)
{
  g_return_val_if_fail (TURNOS_IS_SETTINGS_EDITOR (self), FALSE);
  return self->valid;
}

gboolean
turnos_settings_editor_get_can_save (TurnosSettingsEditor *self)
{
  g_return_val_if_fail (TURNOS_IS_SETTINGS_EDITOR (self), FALSE);
  return self->can_save;
}

gboolean
turnos_settings_editor_get_busy (TurnosSettingsEditor *self)
{
  g_return_val_if_fail (TURNOS_IS_SETTINGS_EDITOR (self), FALSE);
  return self->busy;
}

GListModel *
turnos_settings_editor_get_hours (TurnosSettingsEditor *self)
{
  g_return_val_if_fail (TURNOS_IS_SETTINGS_EDITOR (self), NULL);
  return G_LIST_MODEL (self->hours);
}

TurnosHoursItem *
turnos_settings_editor_add_hours (TurnosSettingsEditor *self,
                                  int                   weekday)
{
  GListModel *model;
  g_autoptr(TurnosHoursItem) item = NULL;
  int last_end = -1;

  g_return_val_if_fail (TURNOS_IS_SETTINGS_EDITOR (self), NULL);
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, NULL);

  model = G_LIST_MODEL (self->hours);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TurnosHoursItem) other = g_list_model_get_item (model, i);

      if (turnos_hours_item_get_weekday (other) == weekday)
        last_end = MAX (last_end, turnos_hours_item_get_end_minute (other));
    }
  if (last_end < 0)
    item = turnos_hours_item_new (weekday, 9 * 60, 17 * 60);
  else
    {
      /* After the day's last range: an hour's break, then up to four hours. */
      int start = MIN (last_end + 60, DAY_MINUTES - 60);

      item = turnos_hours_item_new (weekday, start, MIN (start + 4 * 60, DAY_MINUTES));
    }
  watch_hours_item (self, item);
  g_list_store_append (self->hours, item);
  changed (self, NULL);
  return item;
}

void
turnos_settings_editor_remove_hours (TurnosSettingsEditor *self,
                                     TurnosHoursItem      *item)
{
  guint position;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (TURNOS_IS_SETTINGS_EDITOR (self));
  g_return_if_fail (TURNOS_IS_HOURS_ITEM (item));

  if (!g_list_store_find (self->hours, item, &position))
    return;
  g_signal_handlers_disconnect_by_data (item, self);
  g_list_store_remove (self->hours, position);
  /* The positions after it moved: what the server said of them no longer points right. */
  g_hash_table_iter_init (&iter, self->refused);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, "working_hours"))
      g_hash_table_iter_remove (&iter);
  changed (self, NULL);
}

GListModel *
turnos_settings_editor_get_outside_hours (TurnosSettingsEditor *self)
{
  g_return_val_if_fail (TURNOS_IS_SETTINGS_EDITOR (self), NULL);
  return G_LIST_MODEL (self->outside);
}

TurnosSettings *
turnos_settings_editor_build (TurnosSettingsEditor *self)
{
  g_return_val_if_fail (TURNOS_IS_SETTINGS_EDITOR (self), NULL);
  return self->valid ? _turnos_settings_editor_build_settings (self) : NULL;
}

