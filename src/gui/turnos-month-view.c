/* turnos-month-view.c: a month as a grid of days, with the days that have free times marked
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>

#include "turnos-format.h"
#include "turnos-month-view.h"

#define COLS 7
#define ROWS 6
#define CELLS (COLS * ROWS)

struct _TurnosMonthView
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkLabel            *title_label;
  GtkWidget           *prev_button;
  GtkWidget           *next_button;
  GtkGrid             *grid;

  /* Built in init: the weekday names, then six weeks of day buttons */
  GtkWidget           *weekdays[COLS];
  GtkWidget           *cells[CELLS];
  GtkWidget           *numbers[CELLS];

  /* Owned references */
  TurnosMonthOverview *overview;

  /* State */
  int                  year;
  int                  month;        /* 1-12 */
  int                  week_start;   /* the first column's weekday: 0 Sunday … 6 Saturday */
  int                  first_cell;   /* the cell of day 1 */
  int                  n_days;
  int                  focus_cell;   /* the one day button that takes the keyboard focus */
  GDate                selected;     /* invalid when none */
  GDate                today;
  GDate                first_bookable;  /* invalid: open */
  GDate                last_bookable;   /* invalid: open */
};

G_DEFINE_FINAL_TYPE (TurnosMonthView, turnos_month_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_YEAR,
  PROP_MONTH,
  PROP_SELECTED,
  PROP_OVERVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Helpers
 */

/* The locale's first day of the week, 0 Sunday … 6 Saturday, as GtkCalendar reads it. */
static int
locale_week_start (void)
{
#ifdef __GLIBC__
  union { unsigned int word; char *string; } langinfo;
  int week_1stday = 0;
  int first_weekday;
  guint week_origin;

  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first_weekday = langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  week_origin = langinfo.word;
  if (week_origin == 19971130)        /* a Sunday */
    week_1stday = 0;
  else if (week_origin == 19971201)   /* a Monday */
    week_1stday = 1;
  return (week_1stday + first_weekday - 1 + 7) % 7;
#else
  return 1;
#endif
}

static void
date_of_cell (TurnosMonthView *self,
              int              cell,
              GDate           *out)
{
  g_date_clear (out, 1);
  g_date_set_dmy (out, 1, self->month, self->year);
  if (cell > self->first_cell)
    g_date_add_days (out, cell - self->first_cell);
  else if (cell < self->first_cell)
    g_date_subtract_days (out, self->first_cell - cell);
}

static gboolean
in_shown_month (TurnosMonthView *self,
                const GDate     *date)
{
  return g_date_valid (date) && (int) g_date_get_year (date) == self->year &&
         (int) g_date_get_month (date) == self->month;
}

static int
cell_of (TurnosMonthView *self,
         const GDate     *date)
{
  return self->first_cell + g_date_get_day (date) - 1;
}

/* The free times of @day in the shown month, or -1 when the overview does not say. */
static int
free_slots_of (TurnosMonthView *self,
               const GDate     *day)
{
  TurnosMonthOverview *o = self->overview;

  if (o == NULL || o->year != self->year || o->month != self->month)
    return -1;
  for (guint i = 0; i < o->days->len; i++)
    {
      TurnosMonthDay *d = &g_array_index (o->days, TurnosMonthDay, i);

      if (g_date_valid (&d->date) && g_date_compare (&d->date, day) == 0)
        return d->free_slots;
    }
  return -1;
}

static gboolean
bookable (TurnosMonthView *self,
          const GDate     *day)
{
  if (g_date_valid (&self->first_bookable) && g_date_compare (day, &self->first_bookable) < 0)
    return FALSE;
  if (g_date_valid (&self->last_bookable) && g_date_compare (day, &self->last_bookable) > 0)
    return FALSE;
  return TRUE;
}

static void
set_class (GtkWidget  *widget,
           const char *name,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, name);
  else
    gtk_widget_remove_css_class (widget, name);
}

/* Whether the keyboard is on one of the day buttons. */
static gboolean
focus_in_grid (TurnosMonthView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->grid));
}

static void
update_title (TurnosMonthView *self)
{
  g_autoptr(GDateTime) first = g_date_time_new_utc (self->year, self->month, 1, 12, 0, 0);
  /* Translators: the calendar's heading, a month and its year in g_date_time_format() format
   * (%OB is the month's name standing alone); Spanish "%OB de %Y" */
  g_autofree char *text = g_date_time_format (first, _("%OB %Y"));
  g_autofree char *head = NULL;
  const char *rest;

  if (text == NULL)
    return;
  /* Some locales write month names in lower case; a heading starts with a capital. */
  rest = g_utf8_next_char (text);
  head = g_utf8_strup (text, rest - text);
  {
    g_autofree char *title = g_strconcat (head, rest, NULL);

    gtk_label_set_label (self->title_label, title);
  }
}

/* Every day button from the state: number, today, selected, marked, dimmed, its name, and
 * which one takes the focus. */
static void
update_cells (TurnosMonthView *self)
{
  gboolean had_focus = focus_in_grid (self);
  GDate first;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, self->month, self->year);
  self->first_cell = (g_date_get_weekday (&first) % 7 - self->week_start + 7) % 7;
  self->n_days = g_date_get_days_in_month (self->month, self->year);

  if (in_shown_month (self, &self->selected))
    self->focus_cell = cell_of (self, &self->selected);
  else if (in_shown_month (self, &self->today))
    self->focus_cell = cell_of (self, &self->today);
  else
    self->focus_cell = self->first_cell;

  for (int i = 0; i < CELLS; i++)
    {
      GtkWidget *cell = self->cells[i];
      int day = i - self->first_cell + 1;
      gboolean inside = day >= 1 && day <= self->n_days;
      gboolean selected = FALSE, today = FALSE, marked = FALSE, dim = FALSE;
      g_autofree char *number = NULL;
      g_autofree char *name = NULL;
      GDate date;

      if (inside)
        {
          int free_slots;

          date_of_cell (self, i, &date);
          free_slots = free_slots_of (self, &date);
          selected = g_date_valid (&self->selected) && g_date_compare (&date, &self->selected) == 0;
          today = g_date_valid (&self->today) && g_date_compare (&date, &self->today) == 0;
          marked = free_slots > 0;
          dim = !bookable (self, &date);
          number = g_strdup_printf ("%d", day);
          name = turnos_format_calendar_day (&date, free_slots, today);
        }
      /* The days of the months around are blank, and nothing to a screen reader. */
      gtk_label_set_label (GTK_LABEL (self->numbers[i]), inside ? number : "");
      gtk_widget_set_sensitive (cell, inside);
      gtk_widget_set_can_target (cell, inside);
      gtk_widget_set_focusable (cell, i == self->focus_cell);
      set_class (cell, "other-month", !inside);
      set_class (cell, "selected", selected);
      set_class (cell, "today", today);
      set_class (cell, "marked", marked);
      set_class (cell, "unbookable", dim);
      gtk_accessible_update_state (GTK_ACCESSIBLE (cell),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, !inside,
                                   GTK_ACCESSIBLE_STATE_SELECTED, selected,
                                   -1);
      if (inside)
        gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL);
    }
  if (had_focus)
    gtk_widget_grab_focus (self->cells[self->focus_cell]);
}

static void
set_month (TurnosMonthView *self,
           int              year,
           int              month)
{
  gboolean year_changed = self->year != year;
  gboolean month_changed = self->month != month;

  if (!year_changed && !month_changed)
    return;
  self->year = year;
  self->month = month;
  update_title (self);
  update_cells (self);
  g_object_freeze_notify (G_OBJECT (self));
  if (year_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
  if (month_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Chooses @date as a person does: its month is shown, and the keyboard follows it there. */
static void
choose (TurnosMonthView *self,
        const GDate     *date,
        gboolean         focus)
{
  turnos_month_view_set_selected (self, date);
  if (focus)
    gtk_widget_grab_focus (self->cells[self->focus_cell]);
}

static void
move_months (TurnosMonthView *self,
             int              delta)
{
  int index = self->year * 12 + (self->month - 1) + delta;

  turnos_month_view_show_month (self, index / 12, index % 12 + 1);
}

/*
 * Callbacks
 */

static void
on_cell_clicked_cb (GtkButton       *cell,
                    TurnosMonthView *self)
{
  for (int i = 0; i < CELLS; i++)
    if (self->cells[i] == GTK_WIDGET (cell))
      {
        GDate date;

        date_of_cell (self, i, &date);
        choose (self, &date, TRUE);
        return;
      }
}

static void
on_prev_clicked_cb (TurnosMonthView *self)
{
  move_months (self, -1);
}

static void
on_next_clicked_cb (TurnosMonthView *self)
{
  move_months (self, 1);
}

/* The keys move from the focused day: the day buttons are one Tab stop. */
static gboolean
on_key_pressed_cb (TurnosMonthView *self,
                   guint            keyval,
                   guint            keycode,
                   GdkModifierType  state)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int days = 0, months = 0;
  GDate date;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: days = rtl ? 1 : -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: days = rtl ? -1 : 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: days = -7; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: days = 7; break;
    case GDK_KEY_Page_Up: case GDK_KEY_KP_Page_Up: months = -1; break;
    case GDK_KEY_Page_Down: case GDK_KEY_KP_Page_Down: months = 1; break;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
      if (!g_date_valid (&self->today))
        return FALSE;
      choose (self, &self->today, TRUE);
      return TRUE;
    default:
      return FALSE;
    }

  date_of_cell (self, self->focus_cell, &date);
  if (days > 0)
    g_date_add_days (&date, days);
  else if (days < 0)
    g_date_subtract_days (&date, -days);
  else if (months > 0)
    g_date_add_months (&date, months);   /* the 31st becomes the month's last day */
  else
    g_date_subtract_months (&date, -months);
  choose (self, &date, TRUE);
  return TRUE;
}

/*
 * GObject overrides
 */

static void
turnos_month_view_dispose (GObject *object)
{
  TurnosMonthView *self = TURNOS_MONTH_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_MONTH_VIEW);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->overview, turnos_month_overview_unref);

  G_OBJECT_CLASS (turnos_month_view_parent_class)->dispose (object);
}

static void
turnos_month_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TurnosMonthView *self = TURNOS_MONTH_VIEW (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_MONTH:
      g_value_set_int (value, self->month);
      break;
    case PROP_SELECTED:
      g_value_set_boxed (value, turnos_month_view_get_selected (self));
      break;
    case PROP_OVERVIEW:
      g_value_set_boxed (value, self->overview);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_month_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TurnosMonthView *self = TURNOS_MONTH_VIEW (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      turnos_month_view_show_month (self, g_value_get_int (value), self->month);
      break;
    case PROP_MONTH:
      turnos_month_view_show_month (self, self->year, g_value_get_int (value));
      break;
    case PROP_SELECTED:
      turnos_month_view_set_selected (self, g_value_get_boxed (value));
      break;
    case PROP_OVERVIEW:
      turnos_month_view_set_overview (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_month_view_class_init (TurnosMonthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = turnos_month_view_dispose;
  object_class->get_property = turnos_month_view_get_property;
  object_class->set_property = turnos_month_view_set_property;

  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 1, 9999, 2000,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MONTH] =
    g_param_spec_int ("month", NULL, NULL, 1, 12, 1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_boxed ("selected", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERVIEW] =
    g_param_spec_boxed ("overview", NULL, NULL, TURNOS_TYPE_MONTH_OVERVIEW,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-month-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosMonthView, title_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosMonthView, prev_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosMonthView, next_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosMonthView, grid);
  gtk_widget_class_bind_template_callback (widget_class, on_prev_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "month-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
turnos_month_view_init (TurnosMonthView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->week_start = locale_week_start ();
  g_date_clear (&self->selected, 1);
  g_date_clear (&self->first_bookable, 1);
  g_date_clear (&self->last_bookable, 1);
  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  /* The weekday names, in the locale's words, from a week known to start on a Sunday. */
  for (int col = 0; col < COLS; col++)
    {
      int weekday = (col + self->week_start) % 7;   /* 0 Sunday */
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2023, 1, 1 + weekday, 12, 0, 0);
      g_autofree char *abbr = g_date_time_format (dt, "%a");
      g_autofree char *full = g_date_time_format (dt, "%A");

      self->weekdays[col] = gtk_label_new (abbr);
      gtk_widget_add_css_class (self->weekdays[col], "weekday");
      gtk_widget_add_css_class (self->weekdays[col], "dim-label");
      gtk_widget_add_css_class (self->weekdays[col], "caption-heading");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->weekdays[col]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, full, -1);
      gtk_grid_attach (self->grid, self->weekdays[col], col, 0, 1, 1);
    }
  for (int i = 0; i < CELLS; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *dot = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      self->numbers[i] = gtk_label_new ("");
      gtk_widget_add_css_class (self->numbers[i], "numeric");
      gtk_widget_set_halign (dot, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (dot, "mark");
      gtk_box_append (GTK_BOX (box), self->numbers[i]);
      gtk_box_append (GTK_BOX (box), dot);
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

      self->cells[i] = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (self->cells[i]), box);
      gtk_widget_add_css_class (self->cells[i], "day");
      gtk_widget_add_css_class (self->cells[i], "flat");
      gtk_widget_set_halign (self->cells[i], GTK_ALIGN_CENTER);
      gtk_widget_set_focus_on_click (self->cells[i], FALSE);
      g_signal_connect (self->cells[i], "clicked", G_CALLBACK (on_cell_clicked_cb), self);
      gtk_grid_attach (self->grid, self->cells[i], i % COLS, 1 + i / COLS, 1, 1);
    }

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->grid), keys);

  self->year = g_date_time_get_year (now);
  self->month = g_date_time_get_month (now);
  update_title (self);
  update_cells (self);
}

/*
 * Public API
 */

GtkWidget *
turnos_month_view_new (void)
{
  return g_object_new (TURNOS_TYPE_MONTH_VIEW, NULL);
}

int
turnos_month_view_get_year (TurnosMonthView *self)
{
  g_return_val_if_fail (TURNOS_IS_MONTH_VIEW (self), 0);
  return self->year;
}

int
turnos_month_view_get_month (TurnosMonthView *self)
{
  g_return_val_if_fail (TURNOS_IS_MONTH_VIEW (self), 0);
  return self->month;
}

void
turnos_month_view_show_month (TurnosMonthView *self,
                              int              year,
                              int              month)
{
  g_return_if_fail (TURNOS_IS_MONTH_VIEW (self));
  g_return_if_fail (month >= 1 && month <= 12);
  g_return_if_fail (year >= 1 && year <= 9999);

  set_month (self, year, month);
}

const GDate *
turnos_month_view_get_selected (TurnosMonthView *self)
{
  g_return_val_if_fail (TURNOS_IS_MONTH_VIEW (self), NULL);
  return g_date_valid (&self->selected) ? &self->selected : NULL;
}

void
turnos_month_view_set_selected (TurnosMonthView *self,
                                const GDate     *date)
{
  gboolean valid;

  g_return_if_fail (TURNOS_IS_MONTH_VIEW (self));

  valid = date != NULL && g_date_valid (date);
  if (valid == g_date_valid (&self->selected) &&
      (!valid || g_date_compare (date, &self->selected) == 0))
    return;
  if (valid)
    self->selected = *date;
  else
    g_date_clear (&self->selected, 1);

  g_object_freeze_notify (G_OBJECT (self));
  if (valid && !in_shown_month (self, &self->selected))
    set_month (self, g_date_get_year (date), g_date_get_month (date));
  else
    update_cells (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  g_object_thaw_notify (G_OBJECT (self));
}

TurnosMonthOverview *
turnos_month_view_get_overview (TurnosMonthView *self)
{
  g_return_val_if_fail (TURNOS_IS_MONTH_VIEW (self), NULL);
  return self->overview;
}

void
turnos_month_view_set_overview (TurnosMonthView     *self,
                                TurnosMonthOverview *overview)
{
  g_return_if_fail (TURNOS_IS_MONTH_VIEW (self));

  if (self->overview == overview)
    return;
  g_clear_pointer (&self->overview, turnos_month_overview_unref);
  self->overview = overview ? turnos_month_overview_ref (overview) : NULL;
  update_cells (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERVIEW]);
}

void
turnos_month_view_set_today (TurnosMonthView *self,
                             const GDate     *today)
{
  g_return_if_fail (TURNOS_IS_MONTH_VIEW (self));
  g_return_if_fail (today != NULL && g_date_valid (today));

  if (g_date_compare (today, &self->today) == 0)
    return;
  self->today = *today;
  update_cells (self);
}

void
turnos_month_view_set_bookable (TurnosMonthView *self,
                                const GDate     *first,
                                const GDate     *last)
{
  g_return_if_fail (TURNOS_IS_MONTH_VIEW (self));

  g_date_clear (&self->first_bookable, 1);
  g_date_clear (&self->last_bookable, 1);
  if (first != NULL && g_date_valid (first))
    self->first_bookable = *first;
  if (last != NULL && g_date_valid (last))
    self->last_bookable = *last;
  update_cells (self);
}

GtkWidget *
turnos_month_view_get_day_button (TurnosMonthView *self,
                                  guint            day)
{
  g_return_val_if_fail (TURNOS_IS_MONTH_VIEW (self), NULL);

  if (day < 1 || (int) day > self->n_days)
    return NULL;
  return self->cells[self->first_cell + day - 1];
}

void
turnos_month_view_focus_day (TurnosMonthView *self)
{
  g_return_if_fail (TURNOS_IS_MONTH_VIEW (self));
  gtk_widget_grab_focus (self->cells[self->focus_cell]);
}
