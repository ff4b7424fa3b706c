/* turnos-time-off-page.c: a professional's time off: list, add, remove
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-error.h"
#include "turnos-format.h"
#include "turnos-patient-names.h"
#include "turnos-time-off-page.h"
#include "turnos-time.h"

#define STEP_MINUTES 30

struct _TurnosTimeOffPage
{
  GtkWidget        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toasts;
  GtkStack        *stack;
  GtkSwitch       *all_day_switch;
  GtkMenuButton   *from_day_button;
  GtkCalendar     *from_calendar;
  GtkDropDown     *from_dropdown;
  GtkMenuButton   *to_day_button;
  GtkCalendar     *to_calendar;
  GtkDropDown     *to_dropdown;
  GtkEditable     *reason_entry;
  GtkLabel        *problem_label;
  GtkSpinner      *list_spinner;
  GtkWidget       *list_empty_label;
  GtkWidget       *list_error_box;
  GtkLabel        *list_error_label;
  GtkListBox      *blocks_list;

  /* Owned references */
  TurnosTimeOff   *time_off;
  TurnosBooking   *booking;
  TurnosBlock     *removed;      /* the last block removed, for Undo */
  GError          *refusal;      /* why the server refused the last addition */
  TurnosPatientNames *patients;  /* who the sessions in the way are, by name */
};

G_DEFINE_FINAL_TYPE (TurnosTimeOffPage, turnos_time_off_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TIME_OFF,
  PROP_BOOKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Helpers
 */

static void
toast (TurnosTimeOffPage *self,
       const char        *text,
       const char        *button,
       const char        *action)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 8);
  if (button != NULL)
    {
      adw_toast_set_button_label (t, button);
      adw_toast_set_action_name (t, action);
    }
  adw_toast_overlay_add_toast (self->toasts, t);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->toasts), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

/* "Wed 2 Dec" on the day buttons; "Wed 2 Dec 2027" when it is not this year. */
static char *
short_day (GDateTime *dt)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (dt) == g_date_time_get_year (now))
    /* Translators: a strftime format for a short day of this year, "Wed 2 Dec" */
    return g_date_time_format (dt, _("%a %-d %b"));
  /* Translators: a strftime format for a short day with its year, "Wed 2 Dec 2027" */
  return g_date_time_format (dt, _("%a %-d %b %Y"));
}

static void
calendar_date (GtkCalendar *calendar,
               GDate       *out)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);

  g_date_clear (out, 1);
  g_date_set_dmy (out, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
}

static void
select_date (GtkCalendar *calendar,
             const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                   g_date_get_day (date), 12, 0, 0);

  gtk_calendar_select_day (calendar, dt);
}

/* The range the form says, in the professional's zone; FALSE with the reason when it is not
 * one (ends before it starts, an hour a DST change skips). */
static gboolean
form_range (TurnosTimeOffPage  *self,
            GDateTime         **start_out,
            GDateTime         **end_out,
            const char        **problem)
{
  TurnosSettings *settings = turnos_booking_get_settings (self->booking);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GDate from, to;

  *problem = NULL;
  if (settings == NULL)
    {
      *problem = _("The professional’s settings are still loading.");
      return FALSE;
    }
  calendar_date (self->from_calendar, &from);
  calendar_date (self->to_calendar, &to);
  if (gtk_switch_get_active (self->all_day_switch))
    {
      /* Whole days: from the first one's start to the end of the last one. */
      turnos_day_bounds (settings->tz, &from, &start, NULL);
      turnos_day_bounds (settings->tz, &to, NULL, &end);
    }
  else
    {
      int from_minutes = (int) gtk_drop_down_get_selected (self->from_dropdown) * STEP_MINUTES;
      int to_minutes = ((int) gtk_drop_down_get_selected (self->to_dropdown) + 1) * STEP_MINUTES;

      start = turnos_time_at (settings->tz, &from, from_minutes);
      end = turnos_time_at (settings->tz, &to, to_minutes);
      if (start == NULL || end == NULL)
        {
          *problem = _("That hour does not exist on that day.");
          return FALSE;
        }
    }
  if (start == NULL || end == NULL || g_date_time_compare (end, start) <= 0)
    {
      *problem = _("The time off must end after it starts.");
      return FALSE;
    }
  if (start_out != NULL)
    *start_out = g_steal_pointer (&start);
  if (end_out != NULL)
    *end_out = g_steal_pointer (&end);
  return TRUE;
}

/* "These sessions are booked in that time…" with each one's patient and time. */
static char *
refusal_text (TurnosTimeOffPage *self,
              const GError      *error)
{
  GPtrArray *sessions = turnos_client_error_get_reservations (error);
  g_autoptr(GString) text = g_string_new (NULL);

  if (sessions == NULL)
    return turnos_format_error (error);
  g_string_append_printf (text,
                          ngettext ("This time off would fall on %u booked session. Cancel or move it first:",
                                    "This time off would fall on %u booked sessions. Cancel or move them first:",
                                    sessions->len),
                          sessions->len);
  for (guint i = 0; i < sessions->len; i++)
    {
      TurnosReservation *r = sessions->pdata[i];
      g_autofree char *day = turnos_format_day (r->start);
      g_autofree char *range = r->end ? turnos_format_time_range (r->start, r->end) : g_date_time_format (r->start, "%H:%M");

      g_string_append_c (text, '\n');
      /* Translators: one session in the way of a time off: the patient, the day, the time range */
      g_string_append_printf (text, _("• %s, %s, %s"),
                              turnos_patient_names_get_name (self->patients, r->client_id), day, range);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Checked as it is typed: the problem is said where it is, and Add waits for a valid range. */
static void
validate (TurnosTimeOffPage *self)
{
  const char *problem = NULL;
  gboolean valid = form_range (self, NULL, NULL, &problem);
  g_autofree char *refused = self->refusal ? refusal_text (self, self->refusal) : NULL;
  const char *shown = problem ? problem : refused;

  gtk_label_set_label (self->problem_label, shown ? shown : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), shown != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "time-off.add", valid);
  gtk_widget_set_sensitive (GTK_WIDGET (self->from_dropdown), !gtk_switch_get_active (self->all_day_switch));
  gtk_widget_set_sensitive (GTK_WIDGET (self->to_dropdown), !gtk_switch_get_active (self->all_day_switch));
}

static void
clear_refusal (TurnosTimeOffPage *self)
{
  g_clear_error (&self->refusal);
}

static void
on_form_changed_cb (TurnosTimeOffPage *self)
{
  clear_refusal (self);
  validate (self);
}

static void
update_day_buttons (TurnosTimeOffPage *self)
{
  g_autoptr(GDateTime) from = gtk_calendar_get_date (self->from_calendar);
  g_autoptr(GDateTime) to = gtk_calendar_get_date (self->to_calendar);
  g_autofree char *from_text = short_day (from);
  g_autofree char *to_text = short_day (to);

  gtk_menu_button_set_label (self->from_day_button, from_text);
  gtk_menu_button_set_label (self->to_day_button, to_text);
}

static void
on_from_day_cb (TurnosTimeOffPage *self)
{
  GDate from, to;

  calendar_date (self->from_calendar, &from);
  calendar_date (self->to_calendar, &to);
  /* A range never ends before it starts: the last day follows the first. */
  if (g_date_compare (&to, &from) < 0)
    select_date (self->to_calendar, &from);
  update_day_buttons (self);
  on_form_changed_cb (self);
}

static void
on_to_day_cb (TurnosTimeOffPage *self)
{
  update_day_buttons (self);
  on_form_changed_cb (self);
}

static void
on_day_picked_cb (GtkCalendar *calendar,
                  GtkMenuButton *button)
{
  gtk_menu_button_popdown (button);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;
      if ((found = find_descendant (c, type)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
scroll_to_selected_cb (gpointer data)
{
  GtkDropDown *dropdown = data;
  GtkWidget *popover = find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_POPOVER);
  GtkWidget *list = popover ? find_descendant (popover, GTK_TYPE_LIST_VIEW) : NULL;
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (list != NULL && selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", selected);
  g_object_unref (dropdown);
  return G_SOURCE_REMOVE;
}

/* GtkDropDown 4.8 opens its list at the top: 00:00 when 13:00 is chosen. It opens on the
 * chosen time instead, once the list has its size. */
static void
on_dropdown_popup_cb (GtkWidget   *popover,
                      GtkDropDown *dropdown)
{
  g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, scroll_to_selected_cb, g_object_ref (dropdown), NULL);
}

static void
open_on_selected (GtkDropDown *dropdown)
{
  GtkWidget *popover = find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_POPOVER);

  if (popover != NULL)
    g_signal_connect_object (popover, "map", G_CALLBACK (on_dropdown_popup_cb), dropdown, 0);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TurnosBlock *b = turnos_block_item_get_block (item);
  g_autofree char *from_day = turnos_format_day (b->start);
  g_autofree char *from_time = g_date_time_format (b->start, "%H:%M");
  g_autofree char *to_time = g_date_time_format (b->end, "%H:%M");
  g_autoptr(GDateTime) last_moment = g_date_time_add_seconds (b->end, -1);
  g_autofree char *to_day = turnos_format_day (last_moment);
  g_autofree char *title = NULL;
  gboolean whole_days = g_str_equal (from_time, "00:00") && g_str_equal (to_time, "00:00");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  if (whole_days && g_str_equal (from_day, to_day))
    /* Translators: a whole day off, "Monday 30 November 2026, all day" */
    title = g_strdup_printf (_("%s, all day"), from_day);
  else if (whole_days)
    /* Translators: whole days off, "From Monday 30 November 2026 to Friday 4 December 2026, all day" */
    title = g_strdup_printf (_("From %s to %s, all day"), from_day, to_day);
  else if (g_str_equal (from_day, to_day))
    /* Translators: a day, then the hours of a time off, "Monday 30 November 2026, 13:00 – 17:00" */
    title = g_strdup_printf (_("%s, %s – %s"), from_day, from_time, to_time);
  else
    {
      g_autofree char *end_day = turnos_format_day (b->end);

      /* Translators: a time off over several days, "from Monday 30 November 2026 13:00 to …" */
      title = g_strdup_printf (_("From %s %s to %s %s"), from_day, from_time, end_day, to_time);
    }
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

/* The one place the page's states follow the professional and the list. */
static void
update_states (TurnosTimeOffPage *self)
{
  const char *professional = turnos_booking_get_professional_id (self->booking);
  GListModel *blocks = turnos_time_off_get_blocks (self->time_off);
  const GError *error = turnos_time_off_get_error (self->time_off);
  const char *page;

  gtk_stack_set_visible_child_name (self->stack, professional ? "main" : "no-professional");
  if (g_list_model_get_n_items (blocks) > 0)
    page = "list";
  else if (error != NULL && !turnos_time_off_get_loading (self->time_off))
    {
      g_autofree char *message = turnos_format_error (error);

      gtk_label_set_label (self->list_error_label, message);
      page = "error";
    }
  else if (turnos_time_off_get_loading (self->time_off) || !turnos_time_off_get_loaded (self->time_off))
    page = "loading";
  else
    page = "empty";
  gtk_widget_set_visible (GTK_WIDGET (self->blocks_list), g_str_equal (page, "list"));
  gtk_widget_set_visible (self->list_error_box, g_str_equal (page, "error"));
  gtk_widget_set_visible (self->list_empty_label, g_str_equal (page, "empty"));
  gtk_widget_set_visible (GTK_WIDGET (self->list_spinner), g_str_equal (page, "loading"));
  gtk_spinner_set_spinning (self->list_spinner, g_str_equal (page, "loading"));
  validate (self);
}

/*
 * Actions
 */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TurnosTimeOffPage *self = TURNOS_TIME_OFF_PAGE (widget);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  const char *problem = NULL;

  if (turnos_booking_get_professional_id (self->booking) == NULL ||
      !form_range (self, &start, &end, &problem))
    {
      validate (self);
      return;
    }
  clear_refusal (self);
  turnos_time_off_add (self->time_off, start, end, gtk_editable_get_text (self->reason_entry));
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

/* Puts the block just removed back, as it was (GNOME Calendar's Undo). */
static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TurnosTimeOffPage *self = TURNOS_TIME_OFF_PAGE (widget);
  g_autoptr(TurnosBlock) block = g_steal_pointer (&self->removed);

  if (block == NULL || g_strcmp0 (block->professional_id, turnos_booking_get_professional_id (self->booking)) != 0)
    return;
  turnos_time_off_add (self->time_off, block->start, block->end, block->reason);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  turnos_time_off_refresh (TURNOS_TIME_OFF_PAGE (widget)->time_off);
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.view", "s", "booking");
}

/*
 * Callbacks
 */

static void
on_added_cb (TurnosTimeOffPage *self)
{
  gtk_editable_set_text (self->reason_entry, "");
  clear_refusal (self);
  validate (self);
  toast (self, _("Time off saved. The free times follow it."), NULL, NULL);
}

static void
on_removed_cb (TurnosTimeOffPage *self,
               TurnosBlock       *block)
{
  g_clear_pointer (&self->removed, turnos_block_unref);
  self->removed = turnos_block_ref (block);
  toast (self, _("Time off removed. Its hours can be booked again."), _("_Undo"), "time-off.undo");
}

static void
on_failed_cb (TurnosTimeOffPage *self,
              const GError      *error)
{
  if (turnos_client_error_get_reservations (error) != NULL)
    {
      /* Said where it was asked, and kept until the form changes. */
      g_clear_error (&self->refusal);
      self->refusal = g_error_copy (error);
      validate (self);
    }
  else
    {
      g_autofree char *message = turnos_format_error (error);

      toast (self, message, NULL, NULL);
    }
}

/*
 * GObject overrides
 */

/* Another professional chosen while the page is shown: their time off, at once. */
static void
on_professional_changed_cb (TurnosTimeOffPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    turnos_time_off_refresh (self->time_off);
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
  open_on_selected (self->from_dropdown);
  open_on_selected (self->to_dropdown);

  g_signal_connect_object (self->from_dropdown, "notify::selected", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_dropdown, "notify::selected", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->all_day_switch, "notify::active", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  /* The arrows change the date without day-selected: the date itself is followed. */
  g_signal_connect_object (self->from_calendar, "notify::day", G_CALLBACK (on_from_day_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_calendar, "notify::month", G_CALLBACK (on_from_day_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_calendar, "notify::year", G_CALLBACK (on_from_day_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_calendar, "day-selected", G_CALLBACK (on_from_day_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_calendar, "notify::day", G_CALLBACK (on_to_day_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_calendar, "notify::month", G_CALLBACK (on_to_day_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_calendar, "notify::year", G_CALLBACK (on_to_day_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->to_calendar, "day-selected", G_CALLBACK (on_to_day_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->from_calendar, "day-selected", G_CALLBACK (on_day_picked_cb), self->from_day_button, 0);
  g_signal_connect_object (self->to_calendar, "day-selected", G_CALLBACK (on_day_picked_cb), self->to_day_button, 0);
  if (self->booking != NULL)
    {
      /* A refusal names the patients in the way; their names come in after it. */
      self->patients = turnos_patient_names_new (turnos_booking_get_client (self->booking));
      g_signal_connect_object (self->patients, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
    }

  g_object_bind_property (self->booking, "professional-id", self->time_off, "professional-id",
                          G_BINDING_SYNC_CREATE);
  gtk_list_box_bind_model (self->blocks_list, turnos_time_off_get_blocks (self->time_off),
                           create_row, NULL, NULL);
  g_signal_connect_object (self->time_off, "notify::professional-id", G_CALLBACK (on_professional_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->time_off, "added", G_CALLBACK (on_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->time_off, "removed", G_CALLBACK (on_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->time_off, "failed", G_CALLBACK (on_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->time_off, "notify", G_CALLBACK (update_states), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (turnos_time_off_get_blocks (self->time_off), "items-changed",
                           G_CALLBACK (update_states), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::professional-id", G_CALLBACK (update_states), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::settings", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
  update_day_buttons (self);
  update_states (self);
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
  g_clear_pointer (&self->removed, turnos_block_unref);
  g_clear_error (&self->refusal);
  g_clear_object (&self->patients);

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-time-off-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, all_day_switch);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, from_day_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, to_day_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, problem_label);
  gtk_widget_class_bind_template_child_full (widget_class, "add_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, list_spinner);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, list_empty_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, list_error_box);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, list_error_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosTimeOffPage, blocks_list);
  gtk_widget_class_install_action (widget_class, "time-off.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "time-off.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "time-off.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "time-off.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "time-off.book", NULL, book_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "time-off.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "time-off.refresh", NULL);
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
