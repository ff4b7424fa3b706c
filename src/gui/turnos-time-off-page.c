/* turnos-time-off-page.c: a professional's time off: list, add, remove
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-format.h"
#include "turnos-time-off-page.h"
#include "turnos-time.h"

#define STEP_MINUTES 30

struct _TurnosTimeOffPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkCalendar   *calendar;
  GtkDropDown   *from_dropdown;
  GtkDropDown   *to_dropdown;
  GtkEntry      *reason_entry;
  GtkListBox    *blocks_list;

  /* Owned references */
  TurnosTimeOff *time_off;
  TurnosBooking *booking;
};

G_DEFINE_FINAL_TYPE (TurnosTimeOffPage, turnos_time_off_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TIME_OFF,
  PROP_BOOKING,
  N_PROPS
};

enum {
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TurnosBlock *b = turnos_block_item_get_block (item);
  g_autofree char *from_day = turnos_format_day (b->start);
  g_autofree char *from_time = g_date_time_format (b->start, "%H:%M");
  g_autofree char *to_day = turnos_format_day (b->end);
  g_autofree char *to_time = g_date_time_format (b->end, "%H:%M");
  g_autofree char *title = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  if (g_str_equal (from_day, to_day))
    /* Translators: a day, then the hours of a time off, "Monday 30 November 2026, 13:00 – 17:00" */
    title = g_strdup_printf (_("%s, %s – %s"), from_day, from_time, to_time);
  else
    /* Translators: a time off over several days, "from Monday 30 November 2026 13:00 to …" */
    title = g_strdup_printf (_("From %s %s to %s %s"), from_day, from_time, to_day, to_time);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), b->reason && *b->reason ? b->reason : "");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Time Off"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove This Time Off"), -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", b->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "time-off.remove");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TurnosTimeOffPage *self = TURNOS_TIME_OFF_PAGE (widget);
  TurnosSettings *settings = turnos_booking_get_settings (self->booking);
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  int from = (int) gtk_drop_down_get_selected (self->from_dropdown) * STEP_MINUTES;
  int to = ((int) gtk_drop_down_get_selected (self->to_dropdown) + 1) * STEP_MINUTES;
  GDate day;

  if (settings == NULL)
    return;
  if (to <= from)
    {
      g_signal_emit (self, signals[MESSAGE], 0, _("The time off must end after it starts."));
      return;
    }
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (picked), g_date_time_get_month (picked),
                  g_date_time_get_year (picked));
  start = turnos_time_at (settings->tz, &day, from);
  end = turnos_time_at (settings->tz, &day, to);
  if (start == NULL || end == NULL)
    {
      g_signal_emit (self, signals[MESSAGE], 0, _("That hour does not exist on that day."));
      return;
    }
  turnos_time_off_add (self->time_off, start, end, gtk_editable_get_text (GTK_EDITABLE (self->reason_entry)));
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TurnosTimeOffPage *self = TURNOS_TIME_OFF_PAGE (widget);
  GListModel *blocks = turnos_time_off_get_blocks (self->time_off);
  const char *id = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (blocks); i++)
    {
      g_autoptr(TurnosBlockItem) item = g_list_model_get_item (blocks, i);

      if (g_strcmp0 (turnos_block_item_get_block (item)->id, id) == 0)
        {
          turnos_time_off_remove (self->time_off, item);
          return;
        }
    }
}

static void
on_changed_cb (TurnosTimeOffPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");
  g_signal_emit (self, signals[MESSAGE], 0, _("Time off saved. The free times follow it."));
}

static void
on_failed_cb (TurnosTimeOffPage *self,
              const GError      *error)
{
  g_autofree char *message = turnos_format_error (error);

  g_signal_emit (self, signals[MESSAGE], 0, message);
}

static void
turnos_time_off_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (turnos_time_off_page_parent_class)->map (widget);
  turnos_time_off_refresh (TURNOS_TIME_OFF_PAGE (widget)->time_off);
}

static void
turnos_time_off_page_constructed (GObject *object)
{
  TurnosTimeOffPage *self = TURNOS_TIME_OFF_PAGE (object);
  g_autoptr(GtkStringList) froms = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tos = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (turnos_time_off_page_parent_class)->constructed (object);

  for (int m = 0; m < 24 * 60; m += STEP_MINUTES)
    {
      g_autofree char *from = turnos_clock_format (m);
      g_autofree char *to = turnos_clock_format (m + STEP_MINUTES);

      gtk_string_list_append (froms, from);
      gtk_string_list_append (tos, to);
    }
  gtk_drop_down_set_model (self->from_dropdown, G_LIST_MODEL (froms));
  gtk_drop_down_set_model (self->to_dropdown, G_LIST_MODEL (tos));
  gtk_drop_down_set_selected (self->from_dropdown, 13 * 60 / STEP_MINUTES);
  gtk_drop_down_set_selected (self->to_dropdown, 17 * 60 / STEP_MINUTES - 1);

  g_object_bind_property (self->booking, "professional-id", self->time_off, "professional-id",
                          G_BINDING_SYNC_CREATE);
  gtk_list_box_bind_model (self->blocks_list, turnos_time_off_get_blocks (self->time_off),
                           create_row, NULL, NULL);
  g_signal_connect_object (self->time_off, "changed", G_CALLBACK (on_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->time_off, "failed", G_CALLBACK (on_failed_cb), self, G_CONNECT_SWAPPED);
}

static void
turnos_time_off_page_dispose (GObject *object)
{
  TurnosTimeOffPage *self = TURNOS_TIME_OFF_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_TIME_OFF_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->time_off);
  g_clear_object (&self->booking);

  G_OBJECT_CLASS (turnos_time_off_page_parent_class)->dispose (object);
}

static void
turnos_time_off_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TurnosTimeOffPage *self = TURNOS_TIME_OFF_PAGE (object);

  switch (prop_id)
    {
    case PROP_TIME_OFF:
      g_value_set_object (value, self->time_off);
      break;
    case PROP_BOOKING:
      g_value_set_object (value, self->booking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_time_off_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TurnosTimeOffPage *self = TURNOS_TIME_OFF_PAGE (object);

  switch (prop_id)
    {
    case PROP_TIME_OFF:
      self->time_off = g_value_dup_object (value);
      break;
    case PROP_BOOKING:
      self->booking = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_time_off_page_class_init (TurnosTimeOffPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = turnos_time_off_page_constructed;
  object_class->dispose = turnos_time_off_page_dispose;
  object_class->get_property = turnos_time_off_page_get_property;
  object_class->set_property = turnos_time_off_page_set_property;
  widget_class->map = turnos_time_off_page_map;

  properties[PROP_TIME_OFF] =
    g_param_spec_object ("time-off", NULL, NULL, TURNOS_TYPE_TIME_OFF,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL, TURNOS_TYPE_BOOKING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-time-off-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, blocks_list);
  gtk_widget_class_install_action (widget_class, "time-off.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "time-off.remove", "s", remove_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_time_off_page_init (TurnosTimeOffPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
turnos_time_off_page_new (TurnosTimeOff *time_off,
                          TurnosBooking *booking)
{
  g_return_val_if_fail (TURNOS_IS_TIME_OFF (time_off) && TURNOS_IS_BOOKING (booking), NULL);
  return g_object_new (TURNOS_TYPE_TIME_OFF_PAGE, "time-off", time_off, "booking", booking, NULL);
}
