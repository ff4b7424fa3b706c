/* turnos-day-hours-row.c: one weekday's working hours in the settings page: ranges to add,
 * change and remove
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "turnos-day-hours-row.h"
#include "turnos-format.h"
#include "turnos-time.h"

#define DAY_MINUTES  (24 * 60)
#define STEP_MINUTES 15

struct _TurnosDayHoursRow
{
  AdwExpanderRow        parent_instance;

  /* Template widgets */
  AdwActionRow         *add_row;
  GtkWidget            *warning;      /* before the day's name: one of its ranges is wrong */

  /* Owned references */
  TurnosSettingsEditor *editor;
  GPtrArray            *range_rows;   /* the rows of this day's ranges, in order */

  int                   weekday;
  gboolean              focus_new;    /* a range was just added here: focus it once shown */
};

G_DEFINE_FINAL_TYPE (TurnosDayHoursRow, turnos_day_hours_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_EDITOR,
  PROP_WEEKDAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_summary (TurnosDayHoursRow *self);
static void update_warning (TurnosDayHoursRow *self);

/*
 * Time spin buttons: minutes after midnight, read and written as HH:MM
 */

static gboolean
on_time_output_cb (GtkSpinButton *spin)
{
  int minutes = (int) (gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)) + 0.5);
  g_autofree char *text = turnos_clock_format (minutes);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* "9:30", "09:30", "930", "9" (an hour), "24:00"; anything else is refused, and the value
 * stays as it was. */
static int
on_time_input_cb (GtkSpinButton *spin,
                  double        *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  unsigned h, m = 0, n;
  char rest;

  if (sscanf (text, "%u:%u%c", &h, &m, &rest) == 2)
    ;
  else if (sscanf (text, "%u%c", &n, &rest) == 1)
    {
      h = n < 100 ? n : n / 100;
      m = n < 100 ? 0 : n % 100;
    }
  else
    return GTK_INPUT_ERROR;
  if (m >= 60 || h * 60 + m > DAY_MINUTES)
    return GTK_INPUT_ERROR;
  *value = h * 60 + m;
  return TRUE;
}

static GtkWidget *
time_spin_new (const char *accessible_name)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (0, 0, DAY_MINUTES, STEP_MINUTES, 60, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, 1, 0);

  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  g_signal_connect (spin, "output", G_CALLBACK (on_time_output_cb), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_time_input_cb), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  return spin;
}

/*
 * The ranges
 */

static const char *
problem_words (TurnosFieldProblem problem)
{
  switch (problem)
    {
    case TURNOS_FIELD_OK:
      return NULL;
    case TURNOS_FIELD_HOURS_ORDER:
      return _("These hours must end after they start.");
    case TURNOS_FIELD_HOURS_OVERLAP:
      return _("These hours overlap others on the same day.");
    case TURNOS_FIELD_REQUIRED:
    case TURNOS_FIELD_TOO_LONG:
    case TURNOS_FIELD_BAD_CHARACTERS:
    case TURNOS_FIELD_OUT_OF_RANGE:
    case TURNOS_FIELD_NOT_AN_AMOUNT:
    case TURNOS_FIELD_NOT_A_CURRENCY:
    case TURNOS_FIELD_UNKNOWN_ZONE:
    case TURNOS_FIELD_PASSWORD_SHORT:
    case TURNOS_FIELD_TAKEN:
    case TURNOS_FIELD_REFUSED:
    default:
      return _("The server did not accept these hours.");
    }
}

/* What is wrong with the range shown on its row: words, a warning sign, both spin buttons
 * marked invalid. */
static void
show_problem (AdwActionRow *row)
{
  TurnosHoursItem *item = g_object_get_data (G_OBJECT (row), "turnos-item");
  const char *words = problem_words (turnos_hours_item_get_problem (item));
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "turnos-icon");
  GPtrArray *spins = g_object_get_data (G_OBJECT (row), "turnos-spins");

  adw_action_row_set_subtitle (row, words ? words : "");
  gtk_widget_set_visible (icon, words != NULL);
  for (guint i = 0; i < spins->len; i++)
    {
      GtkWidget *spin = spins->pdata[i];

      if (words != NULL)
        {
          gtk_widget_add_css_class (spin, "error");
          gtk_accessible_update_state (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_STATE_INVALID,
                                       GTK_ACCESSIBLE_INVALID_TRUE, -1);
          gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          words, -1);
        }
      else
        {
          gtk_widget_remove_css_class (spin, "error");
          gtk_accessible_reset_state (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_STATE_INVALID);
          gtk_accessible_reset_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
        }
    }
}

static void
on_remove_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  TurnosDayHoursRow *self = TURNOS_DAY_HOURS_ROW (user_data);
  TurnosHoursItem *item = g_object_get_data (G_OBJECT (button), "turnos-item");

  turnos_settings_editor_remove_hours (self->editor, item);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_row));
}

/* A pair of spin buttons for @item's start and end, side by side or one over the other. */
static GtkWidget *
spin_pair_new (TurnosDayHoursRow *self,
               TurnosHoursItem   *item,
               GtkOrientation     orientation,
               GPtrArray         *spins)
{
  const char *day = turnos_day_hours_row_weekday_name (self->weekday);
  /* Translators: a screen reader's name for the start of a range of working hours, "Monday, from" */
  g_autofree char *from_name = g_strdup_printf (_("%s, from"), day);
  /* Translators: a screen reader's name for the end of a range of working hours, "Monday, to" */
  g_autofree char *to_name = g_strdup_printf (_("%s, to"), day);
  GtkWidget *box = gtk_box_new (orientation, 6);
  GtkWidget *start = time_spin_new (from_name);
  GtkWidget *end = time_spin_new (to_name);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), start);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      GtkWidget *dash = gtk_label_new ("–");

      gtk_accessible_update_property (GTK_ACCESSIBLE (dash), GTK_ACCESSIBLE_PROPERTY_LABEL, _("to"), -1);
      gtk_box_append (GTK_BOX (box), dash);
    }
  gtk_box_append (GTK_BOX (box), end);
  g_object_bind_property (item, "start-minute", gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (start)),
                          "value", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (item, "end-minute", gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (end)),
                          "value", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_ptr_array_add (spins, start);
  g_ptr_array_add (spins, end);
  return box;
}

static GtkWidget *
range_row_new (TurnosDayHoursRow *self,
               TurnosHoursItem   *item)
{
  const char *day = turnos_day_hours_row_weekday_name (self->weekday);
  /* Translators: a button's name for screen readers, "Remove these hours on Monday" */
  g_autofree char *remove_name = g_strdup_printf (_("Remove these hours on %s"), day);
  GtkWidget *row = adw_action_row_new ();
  /* Side by side where they fit, else one over the other (a phone). */
  GtkWidget *squeezer = adw_squeezer_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GPtrArray *spins = g_ptr_array_new ();

  adw_squeezer_add (ADW_SQUEEZER (squeezer), spin_pair_new (self, item, GTK_ORIENTATION_HORIZONTAL, spins));
  adw_squeezer_add (ADW_SQUEEZER (squeezer), spin_pair_new (self, item, GTK_ORIENTATION_VERTICAL, spins));
  adw_squeezer_set_homogeneous (ADW_SQUEEZER (squeezer), FALSE);
  adw_squeezer_set_transition_type (ADW_SQUEEZER (squeezer), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
  adw_squeezer_set_xalign (ADW_SQUEEZER (squeezer), 1.0);
  gtk_widget_set_valign (squeezer, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  g_object_set_data (G_OBJECT (remove), "turnos-item", item);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self, 0);
  gtk_widget_add_css_class (icon, "error");
  gtk_widget_set_visible (icon, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);

  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), squeezer);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  g_object_set_data_full (G_OBJECT (row), "turnos-item", g_object_ref (item), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "turnos-spins", spins, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data (G_OBJECT (row), "turnos-squeezer", squeezer);
  g_object_set_data (G_OBJECT (row), "turnos-icon", icon);

  g_signal_connect_object (item, "notify::problem", G_CALLBACK (show_problem), row, G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::problem", G_CALLBACK (update_warning), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::start-minute", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::end-minute", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  show_problem (ADW_ACTION_ROW (row));
  return row;
}

/* A warning sign on the day when one of its ranges is wrong, and the day opened to show it
 * (a problem the server found is not hidden in a closed day). */
static void
update_warning (TurnosDayHoursRow *self)
{
  gboolean wrong = FALSE;

  for (guint i = 0; i < self->range_rows->len && !wrong; i++)
    {
      TurnosHoursItem *item = g_object_get_data (self->range_rows->pdata[i], "turnos-item");

      wrong = turnos_hours_item_get_problem (item) != TURNOS_FIELD_OK;
    }
  gtk_widget_set_visible (self->warning, wrong);
  if (wrong)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
}

/* "10:00 – 14:00, 15:00 – 18:00", or "Closed". */
static void
update_summary (TurnosDayHoursRow *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; i < self->range_rows->len; i++)
    {
      TurnosHoursItem *item = g_object_get_data (self->range_rows->pdata[i], "turnos-item");
      g_autofree char *start = turnos_clock_format (turnos_hours_item_get_start_minute (item));
      g_autofree char *end = turnos_clock_format (turnos_hours_item_get_end_minute (item));

      if (summary->len > 0)
        /* Translators: between two ranges of working hours, "09:00 – 12:00, 14:00 – 18:00" */
        g_string_append (summary, _(", "));
      /* Translators: a range of working hours, "09:00 – 12:00" */
      g_string_append_printf (summary, _("%s – %s"), start, end);
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                 summary->len > 0 ? summary->str : _("Closed"));
}

/* The day's ranges, as the editor has them, then "Add Hours" last. */
static void
rebuild (TurnosDayHoursRow *self)
{
  GListModel *hours = turnos_settings_editor_get_hours (self->editor);
  g_autoptr(GtkWidget) add_row = g_object_ref (GTK_WIDGET (self->add_row));
  GtkWidget *last = NULL;

  for (guint i = 0; i < self->range_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), self->range_rows->pdata[i]);
  g_ptr_array_set_size (self->range_rows, 0);
  adw_expander_row_remove (ADW_EXPANDER_ROW (self), add_row);

  for (guint i = 0; i < g_list_model_get_n_items (hours); i++)
    {
      g_autoptr(TurnosHoursItem) item = g_list_model_get_item (hours, i);

      if (turnos_hours_item_get_weekday (item) != self->weekday)
        continue;
      last = range_row_new (self, item);
      g_ptr_array_add (self->range_rows, last);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), last);
    }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), add_row);
  update_summary (self);
  update_warning (self);
  if (self->focus_new && last != NULL)
    {
      AdwSqueezer *squeezer = g_object_get_data (G_OBJECT (last), "turnos-squeezer");
      GtkWidget *shown = adw_squeezer_get_visible_child (squeezer);

      /* The start of whichever layout shows; before the first allocation, the first. */
      if (shown == NULL)
        shown = gtk_widget_get_first_child (GTK_WIDGET (squeezer));
      gtk_widget_grab_focus (gtk_widget_get_first_child (shown));
    }
  self->focus_new = FALSE;
}

/*
 * Callbacks
 */

static void
on_add_activated_cb (TurnosDayHoursRow *self)
{
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  self->focus_new = TRUE;
  turnos_settings_editor_add_hours (self->editor, self->weekday);
}

/*
 * GObject overrides
 */

static void
turnos_day_hours_row_constructed (GObject *object)
{
  TurnosDayHoursRow *self = TURNOS_DAY_HOURS_ROW (object);
  const char *day = turnos_day_hours_row_weekday_name (self->weekday);
  /* Translators: a row's name for screen readers, "Add hours on Monday" */
  g_autofree char *add_name = g_strdup_printf (_("Add hours on %s"), day);

  G_OBJECT_CLASS (turnos_day_hours_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), day);
  self->warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (self->warning, "error");
  gtk_widget_set_visible (self->warning, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->warning), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Problem"), -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (self), self->warning);
  /* Its own name, not its title's as well (GTK 4.8 would read both). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->add_row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  add_name, -1);
  g_signal_connect_object (self->add_row, "activated", G_CALLBACK (on_add_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (turnos_settings_editor_get_hours (self->editor), "items-changed",
                           G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
turnos_day_hours_row_dispose (GObject *object)
{
  TurnosDayHoursRow *self = TURNOS_DAY_HOURS_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_DAY_HOURS_ROW);
  g_clear_pointer (&self->range_rows, g_ptr_array_unref);
  g_clear_object (&self->editor);

  G_OBJECT_CLASS (turnos_day_hours_row_parent_class)->dispose (object);
}

static void
turnos_day_hours_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TurnosDayHoursRow *self = TURNOS_DAY_HOURS_ROW (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      g_value_set_object (value, self->editor);
      break;
    case PROP_WEEKDAY:
      g_value_set_int (value, self->weekday);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_day_hours_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TurnosDayHoursRow *self = TURNOS_DAY_HOURS_ROW (object);

  switch (prop_id)
    {
    case PROP_EDITOR:
      self->editor = g_value_dup_object (value);
      break;
    case PROP_WEEKDAY:
      self->weekday = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_day_hours_row_class_init (TurnosDayHoursRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = turnos_day_hours_row_constructed;
  object_class->dispose = turnos_day_hours_row_dispose;
  object_class->get_property = turnos_day_hours_row_get_property;
  object_class->set_property = turnos_day_hours_row_set_property;

  properties[PROP_EDITOR] =
    g_param_spec_object ("editor", NULL, NULL, TURNOS_TYPE_SETTINGS_EDITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WEEKDAY] =
    g_param_spec_int ("weekday", NULL, NULL, 1, 7, 1,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-day-hours-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosDayHoursRow, add_row);
}

static void
turnos_day_hours_row_init (TurnosDayHoursRow *self)
{
  self->range_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
turnos_day_hours_row_new (TurnosSettingsEditor *editor,
                          int                   weekday)
{
  g_return_val_if_fail (TURNOS_IS_SETTINGS_EDITOR (editor), NULL);
  g_return_val_if_fail (weekday >= 1 && weekday <= 7, NULL);
  return g_object_new (TURNOS_TYPE_DAY_HOURS_ROW, "editor", editor, "weekday", weekday, NULL);
}

const char *
turnos_day_hours_row_weekday_name (int weekday)
{
  switch (weekday)
    {
    case 1: return _("Monday");
    case 2: return _("Tuesday");
    case 3: return _("Wednesday");
    case 4: return _("Thursday");
    case 5: return _("Friday");
    case 6: return _("Saturday");
    case 7: return _("Sunday");
    default: g_return_val_if_reached (NULL);
    }
}
