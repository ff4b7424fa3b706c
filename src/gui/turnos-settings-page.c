/* turnos-settings-page.c: a professional's settings, preferences-style; or a new professional
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-day-hours-row.h"
#include "turnos-enums.h"
#include "turnos-format.h"
#include "turnos-patient-names.h"
#include "turnos-reservation-item.h"
#include "turnos-settings-page.h"
#include "turnos-zone-button.h"

struct _TurnosSettingsPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  AdwStatusPage        *error_status;
  AdwPreferencesPage   *form;
  AdwPreferencesGroup  *outside_group;
  GtkListBox           *outside_list;
  AdwPreferencesGroup  *account_group;
  AdwPreferencesGroup  *hours_group;
  AdwActionRow         *name_row;
  AdwActionRow         *id_row;
  AdwActionRow         *username_row;
  AdwActionRow         *password_row;
  AdwActionRow         *session_row;
  AdwActionRow         *interval_row;
  AdwActionRow         *modality_row;
  AdwActionRow         *amount_row;
  AdwActionRow         *currency_row;
  AdwActionRow         *zone_row;
  AdwActionRow         *notice_row;
  AdwActionRow         *horizon_row;
  AdwActionRow         *cancel_row;
  GtkWidget            *name_entry;
  GtkWidget            *id_entry;
  GtkWidget            *username_entry;
  GtkWidget            *password_entry;
  GtkWidget            *session_spin;
  GtkWidget            *interval_spin;
  GtkWidget            *modality_dropdown;
  GtkWidget            *deposit_switch;
  GtkWidget            *amount_entry;
  GtkWidget            *currency_entry;
  GtkWidget            *zone_button;
  GtkWidget            *notice_spin;
  GtkWidget            *horizon_spin;
  GtkWidget            *cancel_spin;
  GtkWidget            *save_button;
  GtkSpinner           *busy_spinner;

  GtkWidget            *days[8];   /* the working hours' row of each weekday, 1 to 7 */

  /* Owned references */
  TurnosSettingsEditor *editor;
  TurnosPatientNames   *patients;  /* whose the bookings outside new hours are, by name */
  GHashTable           *hints;     /* field → the row's subtitle when nothing is wrong */
  GHashTable           *icons;     /* field → its row's warning sign */
  GHashTable           *touched;   /* fields typed in since the form was filled */
  gboolean              reveal;    /* Save was pressed: "required" shows everywhere */
};

G_DEFINE_FINAL_TYPE (TurnosSettingsPage, turnos_settings_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EDITOR,
  N_PROPS
};

enum {
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Each field the editor checks, and where the page shows it. */
typedef struct
{
  const char *field;
  gsize       row;      /* offsets in TurnosSettingsPage */
  gsize       widget;
} Field;

#define FIELD(name, row, widget) \
  { name, G_STRUCT_OFFSET (TurnosSettingsPage, row), G_STRUCT_OFFSET (TurnosSettingsPage, widget) }

static const Field fields[] = {
  FIELD ("display_name", name_row, name_entry),
  FIELD ("user_id", id_row, id_entry),
  FIELD ("username", username_row, username_entry),
  FIELD ("password", password_row, password_entry),
  FIELD ("session_duration_minutes", session_row, session_spin),
  FIELD ("slot_interval_minutes", interval_row, interval_spin),
  FIELD ("session_modality", modality_row, modality_dropdown),
  FIELD ("deposit_amount", amount_row, amount_entry),
  FIELD ("currency", currency_row, currency_entry),
  FIELD ("timezone", zone_row, zone_button),
  FIELD ("min_notice_minutes", notice_row, notice_spin),
  FIELD ("booking_horizon_days", horizon_row, horizon_spin),
  FIELD ("cancel_notice_minutes", cancel_row, cancel_spin),
};

#define MEMBER(self, offset) G_STRUCT_MEMBER (gpointer, self, offset)

/* The dropdown's order. */
static const TurnosModality modalities[] = {
  TURNOS_MODALITY_PRESENCIAL, TURNOS_MODALITY_VIRTUAL, TURNOS_MODALITY_BOTH,
};

/* The sentence beside @field when @problem is what is wrong with it. */
static const char *
problem_words (const char         *field,
               TurnosFieldProblem  problem)
{
  gboolean is_name = g_str_equal (field, "user_id") || g_str_equal (field, "username");

  switch (problem)
    {
    case TURNOS_FIELD_OK:
      return NULL;
    case TURNOS_FIELD_REQUIRED:
      if (g_str_equal (field, "display_name"))
        return _("Write the professional’s name.");
      if (g_str_equal (field, "user_id"))
        return _("Write an ID.");
      if (g_str_equal (field, "username"))
        return _("Write a user name, or leave the password empty too.");
      if (g_str_equal (field, "password"))
        return _("Write an initial password, or leave the user name empty too.");
      if (g_str_equal (field, "deposit_amount"))
        return _("Write the deposit’s amount.");
      if (g_str_equal (field, "currency"))
        return _("Write the currency, such as ARS.");
      if (g_str_equal (field, "timezone"))
        return _("Choose a time zone.");
      return _("Choose one.");
    case TURNOS_FIELD_TOO_LONG:
      return _("This is too long.");
    case TURNOS_FIELD_BAD_CHARACTERS:
      if (is_name)
        return _("Use only letters, digits, “.”, “-” and “_”, without spaces.");
      return _("Remove the control characters.");
    case TURNOS_FIELD_OUT_OF_RANGE:
      if (g_str_equal (field, "booking_horizon_days"))
        return _("From 1 to 730 days.");
      if (g_str_has_suffix (field, "notice_minutes"))
        return _("From 0 to 43200 minutes (30 days).");
      return _("From 5 to 480 minutes.");
    case TURNOS_FIELD_NOT_AN_AMOUNT:
      return _("Write an amount such as 5000.00: digits, then none or two decimals.");
    case TURNOS_FIELD_NOT_A_CURRENCY:
      return _("Write the three letters of a currency, such as ARS.");
    case TURNOS_FIELD_UNKNOWN_ZONE:
      return _("Choose a time zone from the list.");
    case TURNOS_FIELD_PASSWORD_SHORT:
      return _("At least 8 characters.");
    case TURNOS_FIELD_TAKEN:
      if (g_str_equal (field, "username"))
        return _("Another account has this user name.");
      return _("Another account has this ID.");
    case TURNOS_FIELD_HOURS_ORDER:
    case TURNOS_FIELD_HOURS_OVERLAP:
    case TURNOS_FIELD_REFUSED:
    default:
      return _("The server did not accept this. Check it and try again.");
    }
}

/*
 * Showing problems
 */

/* A field's problem, as shown: "required" waits until it was typed in or Save pressed. */
static TurnosFieldProblem
shown_problem (TurnosSettingsPage *self,
               const char         *field)
{
  TurnosFieldProblem problem = turnos_settings_editor_get_problem (self->editor, field);

  if (problem == TURNOS_FIELD_REQUIRED && !self->reveal && !g_hash_table_contains (self->touched, field))
    return TURNOS_FIELD_OK;
  return problem;
}

static void
show_problems (TurnosSettingsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      AdwActionRow *row = MEMBER (self, fields[i].row);
      GtkWidget *widget = MEMBER (self, fields[i].widget);
      GtkWidget *icon = g_hash_table_lookup (self->icons, fields[i].field);
      const char *words = problem_words (fields[i].field, shown_problem (self, fields[i].field));
      const char *hint = g_hash_table_lookup (self->hints, fields[i].field);

      adw_action_row_set_subtitle (row, words ? words : hint ? hint : "");
      gtk_widget_set_visible (icon, words != NULL);
      if (words != NULL)
        {
          gtk_widget_add_css_class (widget, "error");
          gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                       GTK_ACCESSIBLE_INVALID_TRUE, -1);
          gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          words, -1);
        }
      else
        {
          gtk_widget_remove_css_class (widget, "error");
          gtk_accessible_reset_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID);
          if (hint != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                            hint, -1);
          else
            gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
        }
    }
}

/* The first field shown with a problem, else the first day with wrong hours, for the focus;
 * NULL when none. */
static GtkWidget *
first_problem (TurnosSettingsPage *self)
{
  GListModel *hours = turnos_settings_editor_get_hours (self->editor);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *widget = MEMBER (self, fields[i].widget);

      if (gtk_widget_get_visible (MEMBER (self, fields[i].row)) &&
          shown_problem (self, fields[i].field) != TURNOS_FIELD_OK)
        return widget;
    }
  for (guint i = 0; i < g_list_model_get_n_items (hours); i++)
    {
      g_autoptr(TurnosHoursItem) item = g_list_model_get_item (hours, i);

      if (turnos_hours_item_get_problem (item) != TURNOS_FIELD_OK)
        return self->days[turnos_hours_item_get_weekday (item)];
    }
  return NULL;
}

static void
update_actions (TurnosSettingsPage *self)
{
  gboolean dirty, busy, loading;

  g_object_get (self->editor, "dirty", &dirty, "busy", &busy, "loading", &loading, NULL);
  /* Sensitive while anything could be saved: pressed with problems, it shows them all. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.save",
                                 turnos_settings_editor_get_mode (self->editor) != TURNOS_SETTINGS_EDITOR_NONE &&
                                 dirty && !busy && !loading);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
}

/* The one place the stack follows the editor. */
static void
update_state (TurnosSettingsPage *self)
{
  TurnosSettingsEditorMode mode = turnos_settings_editor_get_mode (self->editor);
  g_autoptr(GError) error = NULL;
  gboolean loading;

  g_object_get (self->editor, "loading", &loading, "error", &error, NULL);
  if (loading)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  else if (error != NULL || mode == TURNOS_SETTINGS_EDITOR_NONE)
    {
      g_autofree char *words = error ? turnos_format_error (error) : NULL;

      adw_status_page_set_description (self->error_status, words);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_widget_set_visible (GTK_WIDGET (self->id_row), mode == TURNOS_SETTINGS_EDITOR_NEW);
  gtk_widget_set_visible (GTK_WIDGET (self->account_group), mode == TURNOS_SETTINGS_EDITOR_NEW);
  update_actions (self);
}

/*
 * Callbacks
 */

static void
on_mode_changed_cb (TurnosSettingsPage *self)
{
  /* A fresh form: nothing typed yet. */
  g_hash_table_remove_all (self->touched);
  self->reveal = FALSE;
  update_state (self);
  show_problems (self);
}

/* Typed in by the person (it has the focus), not filled by the editor. */
static void
on_field_changed_cb (GtkWidget *widget,
                     gpointer   user_data)
{
  TurnosSettingsPage *self = TURNOS_SETTINGS_PAGE (user_data);
  const char *field = g_object_get_data (G_OBJECT (widget), "turnos-field");
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)) &&
      !g_hash_table_contains (self->touched, field))
    {
      g_hash_table_add (self->touched, (gpointer) field);
      show_problems (self);
    }
}

static void
on_outside_changed_cb (TurnosSettingsPage *self)
{
  GListModel *outside = turnos_settings_editor_get_outside_hours (self->editor);

  gtk_widget_set_visible (GTK_WIDGET (self->outside_group), g_list_model_get_n_items (outside) > 0);
}

#define OUTSIDE_ITEM "turnos-outside-item"
#define OUTSIDE_PATIENTS "turnos-outside-patients"

/* The row's subtitle: the patient by name once read (by id until then); @id is the patient
 * just read, or NULL for any. */
static void
update_outside_row (GtkWidget  *row,
                    const char *id)
{
  TurnosReservationItem *item = g_object_get_data (G_OBJECT (row), OUTSIDE_ITEM);
  TurnosPatientNames *patients = g_object_get_data (G_OBJECT (row), OUTSIDE_PATIENTS);
  TurnosReservation *r = turnos_reservation_item_get_reservation (item);

  if (id != NULL && g_strcmp0 (id, r->client_id) != 0)
    return;
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               turnos_patient_names_get_name (patients, r->client_id));
}

static GtkWidget *
create_outside_row (gpointer item,
                    gpointer user_data)
{
  TurnosSettingsPage *self = user_data;
  TurnosReservation *r = turnos_reservation_item_get_reservation (item);
  g_autofree char *day = turnos_format_day (r->start);
  g_autofree char *range = turnos_format_time_range (r->start, r->end);
  /* Translators: a booking's day and times, "Monday 2 March 2026, 15:00 – 15:45" */
  g_autofree char *title = g_strdup_printf (_("%s, %s"), day, range);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data_full (G_OBJECT (row), OUTSIDE_ITEM, g_object_ref (item), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), OUTSIDE_PATIENTS, g_object_ref (self->patients), g_object_unref);
  update_outside_row (row, NULL);
  g_signal_connect_object (self->patients, "changed", G_CALLBACK (update_outside_row), row,
                           G_CONNECT_SWAPPED);
  return row;
}

static void
on_confirm_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        TurnosSettingsPage *self)
{
  if (g_str_equal (response, "save"))
    turnos_settings_editor_save (self->editor, TRUE);
}

/* New hours leave bookings out: they are listed, and nothing is saved unless asked. */
static void
on_confirm_outside_hours_cb (TurnosSettingsPage *self)
{
  GListModel *outside = turnos_settings_editor_get_outside_hours (self->editor);
  guint n = g_list_model_get_n_items (outside);
  GtkWidget *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *extra = list;
  g_autofree char *body = NULL;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (list), outside, create_outside_row, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Bookings outside the new hours"), -1);
  /* A few rows as they are; more scroll, three or so in sight (the list's frame inside). */
  if (n > 3)
    {
      extra = gtk_scrolled_window_new ();
      gtk_widget_set_margin_top (list, 6);
      gtk_widget_set_margin_bottom (list, 6);
      gtk_widget_set_margin_start (list, 6);
      gtk_widget_set_margin_end (list, 6);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (extra), list);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (extra), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (extra), 200);
    }

  body = g_strdup_printf (ngettext ("%u booking falls outside the new hours. It stays booked: "
                                    "call the patient to move it.",
                                    "%u bookings fall outside the new hours. They stay booked: "
                                    "call the patients to move them.", n), n);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Save the New Hours?"), body);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), extra);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_saved_cb (TurnosSettingsPage *self)
{
  guint outside = g_list_model_get_n_items (turnos_settings_editor_get_outside_hours (self->editor));

  g_signal_emit (self, signals[MESSAGE], 0,
                 outside > 0 ? _("Settings saved. Some bookings are outside the hours: see the list.")
                             : _("Settings saved."));
}

static void
on_failed_cb (TurnosSettingsPage *self,
              const GError       *error)
{
  g_autofree char *words = turnos_format_error (error);

  g_signal_emit (self, signals[MESSAGE], 0, words);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TurnosSettingsPage *self = TURNOS_SETTINGS_PAGE (widget);
  GtkWidget *bad;

  self->reveal = TRUE;
  show_problems (self);
  if ((bad = first_problem (self)) != NULL || !turnos_settings_editor_get_valid (self->editor))
    {
      /* A day's row takes it on its first focusable part, its header. */
      if (bad != NULL && !gtk_widget_grab_focus (bad))
        gtk_widget_child_focus (bad, GTK_DIR_TAB_FORWARD);
      g_signal_emit (self, signals[MESSAGE], 0, _("Check the marked fields."));
      return;
    }
  turnos_settings_editor_save (self->editor, FALSE);
}

static gboolean
modality_to_selected (GBinding     *binding,
                      const GValue *from,
                      GValue       *to,
                      gpointer      user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (modalities); i++)
    if (modalities[i] == (TurnosModality) g_value_get_enum (from))
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  g_value_set_uint (to, GTK_INVALID_LIST_POSITION);
  return TRUE;
}

static gboolean
selected_to_modality (GBinding     *binding,
                      const GValue *from,
                      GValue       *to,
                      gpointer      user_data)
{
  guint i = g_value_get_uint (from);

  if (i >= G_N_ELEMENTS (modalities))
    return FALSE;
  g_value_set_enum (to, modalities[i]);
  return TRUE;
}

/*
 * GObject overrides
 */

/* The form's first field (its name), when the form shows. */
static gboolean
turnos_settings_page_grab_focus (GtkWidget *widget)
{
  TurnosSettingsPage *self = TURNOS_SETTINGS_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0)
    return gtk_widget_grab_focus (self->name_entry);
  return gtk_widget_grab_focus (gtk_stack_get_visible_child (self->stack));
}

static void
bind_field (TurnosSettingsPage *self,
            const char         *property,
            GtkWidget          *widget,
            const char         *widget_property)
{
  g_object_bind_property (self->editor, property, widget, widget_property,
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

static void
turnos_settings_page_constructed (GObject *object)
{
  TurnosSettingsPage *self = TURNOS_SETTINGS_PAGE (object);
  g_autoptr(GtkStringList) modality_names = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (turnos_settings_page_parent_class)->constructed (object);

  for (guint i = 0; i < G_N_ELEMENTS (modalities); i++)
    gtk_string_list_append (modality_names, turnos_format_modality (modalities[i]));
  gtk_drop_down_set_model (GTK_DROP_DOWN (self->modality_dropdown), G_LIST_MODEL (modality_names));

  /* A warning sign before each field's title, shown with its problem. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      AdwActionRow *row = MEMBER (self, fields[i].row);
      GtkWidget *widget = MEMBER (self, fields[i].widget);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      const char *hint = adw_action_row_get_subtitle (row);

      gtk_widget_add_css_class (icon, "error");
      gtk_widget_set_visible (icon, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);
      adw_action_row_add_prefix (row, icon);
      g_hash_table_insert (self->icons, (gpointer) fields[i].field, icon);
      if (hint != NULL && *hint != '\0')
        g_hash_table_insert (self->hints, (gpointer) fields[i].field, g_strdup (hint));
      g_object_set_data (G_OBJECT (widget), "turnos-field", (gpointer) fields[i].field);
      /* Its own name only: a row's activatable widget is also labelled by the row's title,
       * and GTK 4.8 would read both ("Name Name"). */
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      if (GTK_IS_EDITABLE (widget))
        g_signal_connect_object (widget, "changed", G_CALLBACK (on_field_changed_cb), self, 0);
    }

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->deposit_switch), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  /* The dropdown's own button is what takes the focus: it gets the name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_first_child (self->modality_dropdown)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Modality"), -1);
  for (int weekday = 1; weekday <= 7; weekday++)
    {
      self->days[weekday] = turnos_day_hours_row_new (self->editor, weekday);
      adw_preferences_group_add (self->hours_group, self->days[weekday]);
    }

  bind_field (self, "display-name", self->name_entry, "text");
  bind_field (self, "user-id", self->id_entry, "text");
  bind_field (self, "username", self->username_entry, "text");
  bind_field (self, "password", self->password_entry, "text");
  bind_field (self, "session-minutes", self->session_spin, "value");
  bind_field (self, "interval-minutes", self->interval_spin, "value");
  bind_field (self, "requires-deposit", self->deposit_switch, "active");
  bind_field (self, "deposit-amount", self->amount_entry, "text");
  bind_field (self, "currency", self->currency_entry, "text");
  bind_field (self, "timezone", self->zone_button, "zone");
  bind_field (self, "min-notice-minutes", self->notice_spin, "value");
  bind_field (self, "horizon-days", self->horizon_spin, "value");
  bind_field (self, "cancel-notice-minutes", self->cancel_spin, "value");
  g_object_bind_property_full (self->editor, "modality", self->modality_dropdown, "selected",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               modality_to_selected, selected_to_modality, NULL, NULL);
  g_object_bind_property (self->editor, "requires-deposit", self->amount_row, "sensitive",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->editor, "requires-deposit", self->currency_row, "sensitive",
                          G_BINDING_SYNC_CREATE);
  {
    g_autoptr(TurnosClient) client = NULL;

    g_object_get (self->editor, "client", &client, NULL);
    self->patients = turnos_patient_names_new (client);
  }
  gtk_list_box_bind_model (self->outside_list, turnos_settings_editor_get_outside_hours (self->editor),
                           create_outside_row, self, NULL);

  g_signal_connect_object (self->editor, "notify::mode", G_CALLBACK (on_mode_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::professional-id", G_CALLBACK (on_mode_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::loading", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::error", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::dirty", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "notify::busy", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "problems-changed", G_CALLBACK (show_problems), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "confirm-outside-hours", G_CALLBACK (on_confirm_outside_hours_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "failed", G_CALLBACK (on_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (turnos_settings_editor_get_outside_hours (self->editor), "items-changed",
                           G_CALLBACK (on_outside_changed_cb), self, G_CONNECT_SWAPPED);
  on_outside_changed_cb (self);
  update_state (self);
  show_problems (self);
}

static void
turnos_settings_page_dispose (GObject *object)
{
  TurnosSettingsPage *self = TURNOS_SETTINGS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_SETTINGS_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->editor);
  g_clear_object (&self->patients);
  g_clear_pointer (&self->hints, g_hash_table_unref);
  g_clear_pointer (&self->icons, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);

  G_OBJECT_CLASS (turnos_settings_page_parent_class)->dispose (object);
}

static void
turnos_settings_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, TURNOS_SETTINGS_PAGE (object)->editor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_settings_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_EDITOR:
      TURNOS_SETTINGS_PAGE (object)->editor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_settings_page_class_init (TurnosSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = turnos_settings_page_constructed;
  object_class->dispose = turnos_settings_page_dispose;
  object_class->get_property = turnos_settings_page_get_property;
  object_class->set_property = turnos_settings_page_set_property;
  widget_class->grab_focus = turnos_settings_page_grab_focus;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, TURNOS_TYPE_SETTINGS_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (TURNOS_TYPE_ZONE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, form);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, outside_group);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, outside_list);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, account_group);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, hours_group);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, id_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, session_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, interval_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, modality_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, amount_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, currency_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, zone_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, notice_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, horizon_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, cancel_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, id_entry);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, username_entry);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, session_spin);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, modality_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, deposit_switch);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, amount_entry);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, currency_entry);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, zone_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, notice_spin);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, horizon_spin);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, cancel_spin);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosSettingsPage, busy_spinner);

  gtk_widget_class_install_action (widget_class, "settings.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "settings.save", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_settings_page_init (TurnosSettingsPage *self)
{
  self->hints = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->icons = g_hash_table_new (g_str_hash, g_str_equal);
  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
turnos_settings_page_new (TurnosSettingsEditor *editor)
{
  g_return_val_if_fail (TURNOS_IS_SETTINGS_EDITOR (editor), NULL);
  return g_object_new (TURNOS_TYPE_SETTINGS_PAGE, "editor", editor, NULL);
}
