/* turnos-reserve-page.c: choose the day, the time and the modality
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-enums.h"
#include "turnos-fold-box.h"
#include "turnos-format.h"
#include "turnos-month-view.h"
#include "turnos-patient-picker.h"
#include "turnos-reschedule-bar.h"
#include "turnos-reserve-page.h"
#include "turnos-series-box.h"
#include "turnos-slot-row.h"
#include "turnos-time.h"
#include "turnos-waitlist-button.h"

struct _TurnosReservePage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkStack           *page_stack;
  GtkWidget          *details_group;
  GtkDropDown        *professional_dropdown;
  AdwActionRow       *professional_row;
  TurnosPatientPicker *patient_picker;
  AdwActionRow       *rules_row;
  TurnosFoldBox      *columns;
  TurnosMonthView    *month_view;
  GtkLabel           *marks_label;
  GtkLabel           *times_label;
  GtkLabel           *lost_label;
  GtkStack           *slots_stack;
  GtkSpinner         *loading_spinner;
  GtkListBox         *slots_list;
  AdwStatusPage      *unavailable_status;
  AdwStatusPage      *error_status;
  AdwActionRow       *modality_row;
  GtkWidget          *modality_choice;
  GtkButton          *continue_button;
  GtkLabel           *continue_hint;
  GtkWidget          *action_bar;
  GtkWidget          *bar_continue_button;
  GtkLabel           *choice_label;
  TurnosRescheduleBar *reschedule_bar;
  TurnosWaitlistButton *waitlist_button;
  TurnosWaitlistButton *list_waitlist_button;   /* the same, below a day's free times */
  TurnosSeriesBox    *series_box;

  /* Owned references */
  TurnosBooking      *booking;

  gboolean            syncing;
  guint               spinner_id;   /* starts the spinner if loading lasts */
};

/* A wait shorter than this shows no animation: the debounce (300 ms) and a quick answer
 * paint nothing but the rows, and a software renderer is not kept busy by a spinner. */
#define SPINNER_DELAY_MS 600

G_DEFINE_FINAL_TYPE (TurnosReservePage, turnos_reserve_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKING,
  PROP_MODALITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Helpers
 */

/* Noon of @date in the professional's zone (or UTC before it is known), for formatting. */
static GDateTime *
noon_of (TurnosReservePage *self,
         const GDate       *date)
{
  TurnosSettings *s = turnos_booking_get_settings (self->booking);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return g_date_time_new (s ? s->tz : utc, g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date), 12, 0, 0);
}

static GDateTime *
now_at_clinic (TurnosReservePage *self)
{
  TurnosSettings *s = turnos_booking_get_settings (self->booking);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return s ? g_date_time_to_timezone (now, s->tz) : g_date_time_to_local (now);
}

/*
 * From the controller to the widgets
 */

/* GTK 4.8 has no announcement call: the free-times area's description says what it shows
 * now, and a screen reader hears it change. */
static void
announce (TurnosReservePage *self,
          const char        *page)
{
  guint n = g_list_model_get_n_items (turnos_booking_get_slots (self->booking));
  g_autofree char *text = NULL;

  if (g_str_equal (page, "loading"))
    text = g_strdup (_("Loading free times"));
  else if (g_str_equal (page, "list"))
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u free time", "%u free times", n), n);
  else if (g_str_equal (page, "empty"))
    text = g_strdup (_("No free times this day"));
  else if (g_str_equal (page, "error"))
    text = g_strdup (_("Free times could not be loaded"));
  else if (g_str_equal (page, "unavailable"))
    text = g_strdup (adw_status_page_get_title (self->unavailable_status));
  else
    text = g_strdup (_("Pick a day"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->slots_stack),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static gboolean
start_spinner_cb (gpointer user_data)
{
  TurnosReservePage *self = user_data;

  self->spinner_id = 0;
  gtk_spinner_start (self->loading_spinner);
  return G_SOURCE_REMOVE;
}

static void
update_spinner (TurnosReservePage *self,
                gboolean           loading)
{
  if (!loading)
    {
      g_clear_handle_id (&self->spinner_id, g_source_remove);
      gtk_spinner_stop (self->loading_spinner);
    }
  else if (self->spinner_id == 0 && !gtk_spinner_get_spinning (self->loading_spinner))
    self->spinner_id = g_timeout_add (SPINNER_DELAY_MS, start_spinner_cb, self);
}

/* What the free-times area shows. Until the professional is known nothing is said about the
 * day: "No free times this day" would be a guess. */
static void
update_slots_stack (TurnosReservePage *self)
{
  const GError *error = turnos_booking_get_error (self->booking);
  TurnosDayState state = turnos_booking_get_day_state (self->booking);
  const char *page;

  if (state == TURNOS_DAY_NONE)
    page = error != NULL && turnos_booking_get_settings (self->booking) == NULL ? "error" : "pick";
  else if (turnos_booking_get_settings (self->booking) == NULL)
    page = error != NULL ? "error" : "loading";
  else if (state == TURNOS_DAY_PAST)
    {
      adw_status_page_set_title (self->unavailable_status, _("This day has passed"));
      adw_status_page_set_description (self->unavailable_status, _("Pick today or a later day."));
      page = "unavailable";
    }
  else if (state == TURNOS_DAY_BEYOND_HORIZON)
    {
      int days = turnos_booking_get_settings (self->booking)->booking_horizon_days;
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Sessions can be booked up to %d day ahead. Pick an earlier day.",
                                      "Sessions can be booked up to %d days ahead. Pick an earlier day.",
                                      days), days);

      adw_status_page_set_title (self->unavailable_status, _("Too far ahead"));
      adw_status_page_set_description (self->unavailable_status, text);
      page = "unavailable";
    }
  else if (turnos_booking_get_loading (self->booking))
    page = "loading";
  else if (error != NULL)
    page = "error";
  else if (g_list_model_get_n_items (turnos_booking_get_slots (self->booking)) == 0)
    page = "empty";
  else
    page = "list";

  if (g_str_equal (page, "error"))
    {
      g_autofree char *message = turnos_format_error (error);

      adw_status_page_set_description (self->error_status, message);
    }
  update_spinner (self, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->slots_stack, page);
  announce (self, page);
}

/* The day and whose clock the times are on, above the list. */
/* A live update took the chosen time ("notice"): said over the list and as the list's
 * accessible description (GTK 4.8 has no announce call); gone when another is chosen. */
static void
update_notice (TurnosReservePage *self)
{
  GDateTime *at = turnos_booking_get_notice_time (self->booking);

  if (turnos_booking_get_notice (self->booking) == TURNOS_BOOKING_NOTICE_SLOT_TAKEN && at != NULL)
    {
      g_autofree char *time = g_date_time_format (at, "%H:%M");
      /* Translators: a time the user had chosen, "10:00", just booked by someone else */
      g_autofree char *text = g_strdup_printf (_("%s was just booked at another desk"), time);

      gtk_label_set_label (self->lost_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->lost_label), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->slots_list),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->lost_label), FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->slots_list),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
update_times_label (TurnosReservePage *self)
{
  const GDate *date = turnos_booking_get_date (self->booking);
  TurnosSettings *s = turnos_booking_get_settings (self->booking);
  g_autoptr(GDateTime) noon = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;

  if (s == NULL)
    {
      gtk_label_set_label (self->times_label, date ? "" : _("Pick a day on the calendar"));
      if (date == NULL)
        return;
    }
  if (date == NULL)
    {
      g_autoptr(GDateTime) now = now_at_clinic (self);

      zone = turnos_format_zone_of (now);
      /* Translators: above the free times before a day is picked; %s is "Buenos Aires time" */
      text = g_strdup_printf (_("Pick a day on the calendar. Times are in %s."), zone);
      gtk_label_set_label (self->times_label, text);
      return;
    }
  noon = noon_of (self, date);
  day = turnos_format_day_of (noon, TURNOS_SPAN_LONG);
  if (s == NULL)
    {
      gtk_label_set_label (self->times_label, day);
      return;
    }
  zone = turnos_format_zone_of (noon);
  /* Translators: above the free times: the day, then whose clock: "Tuesday 1 December ·
   * Buenos Aires time" */
  text = g_strdup_printf (_("%s · %s"), day, zone);
  gtk_label_set_label (self->times_label, text);
}

/* Which modalities are offered; the chosen one is the "reserve.modality" action's state.
 * Nothing is offered for a professional not yet known. */
static void
update_modality (TurnosReservePage *self)
{
  TurnosModality offered = turnos_booking_get_offered_modality (self->booking);
  const char *text;

  if (turnos_booking_get_settings (self->booking) == NULL)
    text = _("Known once the professional is loaded");
  else if (offered == TURNOS_MODALITY_VIRTUAL)
    text = _("Sessions with this professional are virtual.");
  else if (offered == TURNOS_MODALITY_PRESENCIAL)
    text = _("Sessions with this professional are in person.");
  else
    text = _("By video call, or at the clinic");
  adw_action_row_set_subtitle (self->modality_row, text);
  gtk_widget_set_visible (self->modality_choice,
                          turnos_booking_get_settings (self->booking) != NULL &&
                          offered == TURNOS_MODALITY_BOTH);
}

/* The deposit and the cancel notice, as soon as the professional is chosen. */
static void
update_rules (TurnosReservePage *self)
{
  TurnosSettings *s = turnos_booking_get_settings (self->booking);
  g_autofree char *deposit = NULL;
  g_autofree char *notice = NULL;

  if (s == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rules_row), _("Deposit and cancellation"));
      adw_action_row_set_subtitle (self->rules_row, _("Loading the professional’s rules…"));
      return;
    }
  deposit = turnos_format_deposit (s);
  notice = turnos_format_cancel_notice (s);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rules_row), deposit);
  adw_action_row_set_subtitle (self->rules_row, notice);
}

/* The calendar's today and bookable days, in the professional's zone. */
static void
update_calendar_range (TurnosReservePage *self)
{
  TurnosSettings *s = turnos_booking_get_settings (self->booking);
  g_autoptr(GDateTime) now = now_at_clinic (self);
  GDate today, last;

  turnos_date_from_datetime (now, &today);
  turnos_month_view_set_today (self->month_view, &today);
  if (s == NULL)
    {
      turnos_month_view_set_bookable (self->month_view, &today, NULL);
      return;
    }
  last = today;
  g_date_add_days (&last, s->booking_horizon_days);
  turnos_month_view_set_bookable (self->month_view, &today, &last);
}

/* The marks are the controller's month, drawn at once; none while it loads. */
static void
update_marks (TurnosReservePage *self)
{
  TurnosMonthOverview *month = turnos_booking_get_month (self->booking);
  int year = turnos_month_view_get_year (self->month_view);
  int shown = turnos_month_view_get_month (self->month_view);
  gboolean any = FALSE;

  if (month != NULL && (month->year != year || month->month != shown))
    month = NULL;
  turnos_month_view_set_overview (self->month_view, month);

  for (guint i = 0; month != NULL && i < month->days->len; i++)
    any |= g_array_index (month->days, TurnosMonthDay, i).free_slots > 0;
  if (turnos_booking_get_professional_id (self->booking) == NULL)
    gtk_label_set_label (self->marks_label, "");
  else if (month == NULL)
    gtk_label_set_label (self->marks_label, _("Looking for days with free times…"));
  else if (any)
    gtk_label_set_label (self->marks_label, _("Marked days have free times."));
  else
    gtk_label_set_label (self->marks_label, _("No free times this month. Try the next one."));
}

static void
update_professionals (TurnosReservePage *self)
{
  GListModel *model = G_LIST_MODEL (gtk_drop_down_get_model (self->professional_dropdown));
  const char *id = turnos_booking_get_professional_id (self->booking);
  guint n = g_list_model_get_n_items (model);
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->professional_dropdown));

  self->syncing = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TurnosProfessional) p = g_list_model_get_item (model, i);

      if (g_strcmp0 (turnos_professional_get_id (p), id) == 0)
        {
          gtk_drop_down_set_selected (self->professional_dropdown, i);
          /* The dropdown's own button is what a screen reader lands on: name it for what it
           * chooses and what is chosen, not "GtkToggleButton". */
          if (GTK_IS_TOGGLE_BUTTON (button))
            {
              /* Translators: the professional chooser read aloud, %s is the chosen one */
              g_autofree char *name = g_strdup_printf (_("Professional: %s"),
                                                       turnos_professional_get_display_name (p));

              gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
            }
        }
    }
  self->syncing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->professional_dropdown), n > 1);
  gtk_stack_set_visible_child_name (self->page_stack,
                                    turnos_booking_get_professionals_loaded (self->booking) && n == 0
                                    ? "no-professionals" : "main");
}

static TurnosSlotRow *
row_of_slot (TurnosReservePage *self,
             TurnosSlot        *slot)
{
  for (int i = 0; slot != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->slots_list, i);

      if (row == NULL)
        break;
      if (turnos_slot_row_get_item (TURNOS_SLOT_ROW (row)) == slot)
        return TURNOS_SLOT_ROW (row);
    }
  return NULL;
}

/* A time is chosen and Continue still waits: for a modality, when the professional offers
 * both and none is pressed (turnos_booking_get_can_continue()). Said beside Continue on a
 * wide page, in the bar on a narrow one, and to a screen reader on both buttons. */
static const char *
modality_missing (TurnosReservePage *self)
{
  if (turnos_booking_get_slot (self->booking) == NULL ||
      turnos_booking_get_offered_modality (self->booking) != TURNOS_MODALITY_BOTH ||
      turnos_booking_get_modality (self->booking) == TURNOS_MODALITY_VIRTUAL ||
      turnos_booking_get_modality (self->booking) == TURNOS_MODALITY_PRESENCIAL)
    return NULL;
  /* Translators: the two toggles of the Modality row, by their labels */
  return _("Choose Virtual or In person to continue.");
}

static void
update_hint (TurnosReservePage *self)
{
  const char *missing = modality_missing (self);

  gtk_label_set_label (self->continue_hint, missing ? missing : "");
  gtk_widget_set_visible (GTK_WIDGET (self->continue_hint),
                          missing != NULL && !turnos_fold_box_get_folded (self->columns));
  if (missing != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->continue_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, missing, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar_continue_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, missing, -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->continue_button),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->bar_continue_button),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* The bar below a narrow page says what Continue will book, or what it waits for. */
static void
update_choice (TurnosReservePage *self)
{
  TurnosSlot *slot = turnos_booking_get_slot (self->booking);
  const char *missing = modality_missing (self);
  g_autofree char *day = NULL;
  g_autofree char *range = NULL;
  g_autofree char *text = NULL;

  update_hint (self);
  if (slot == NULL)
    {
      gtk_label_set_label (self->choice_label,
                           turnos_booking_get_date (self->booking) ? _("Choose a free time")
                                                                   : _("Pick a day and a free time"));
      return;
    }
  if (missing != NULL)
    {
      gtk_label_set_label (self->choice_label, missing);
      return;
    }
  day = turnos_format_day_of (turnos_slot_get_start (slot), TURNOS_SPAN_SHORT);
  range = turnos_format_time_range (turnos_slot_get_start (slot), turnos_slot_get_end (slot));
  /* Translators: the chosen day and time, "Tue 2 Dec, 10:00 – 10:45" */
  text = g_strdup_printf (C_("day and time", "%s, %s"), day, range);
  gtk_label_set_label (self->choice_label, text);
}

static void
update_selection (TurnosReservePage *self)
{
  TurnosSlotRow *row = row_of_slot (self, turnos_booking_get_slot (self->booking));

  self->syncing = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->slots_list, GTK_LIST_BOX_ROW (row));
  else
    gtk_list_box_unselect_all (self->slots_list);
  self->syncing = FALSE;
  update_choice (self);
}

/*
 * Callbacks
 */

static GtkWidget *
create_slot_row_cb (gpointer item,
                    gpointer user_data)
{
  return turnos_slot_row_new (item);
}

/* The day was chosen elsewhere ("Book here" on the desk's day, a test): show it. */
static void
on_date_changed_cb (TurnosReservePage *self)
{
  self->syncing = TRUE;
  turnos_month_view_set_selected (self->month_view, turnos_booking_get_date (self->booking));
  self->syncing = FALSE;
  update_times_label (self);
  update_slots_stack (self);
  update_choice (self);
}

static void
on_settings_changed_cb (TurnosReservePage *self)
{
  update_modality (self);
  update_choice (self);
  update_rules (self);
  update_calendar_range (self);
  update_times_label (self);
  update_slots_stack (self);
}

static void
on_slots_changed_cb (TurnosReservePage *self)
{
  update_slots_stack (self);
}

static void
on_professionals_changing_cb (TurnosReservePage *self)
{
  self->syncing = TRUE;
}

static void
on_professionals_changed_cb (TurnosReservePage *self)
{
  self->syncing = FALSE;
  update_professionals (self);
}

/* The person chose a day on the calendar. */
static void
on_month_view_selected_cb (TurnosReservePage *self)
{
  const GDate *chosen = turnos_month_view_get_selected (self->month_view);
  const GDate *current = turnos_booking_get_date (self->booking);

  if (self->syncing || self->booking == NULL)
    return;
  if ((chosen == NULL) != (current == NULL) ||
      (chosen != NULL && g_date_compare (chosen, current) != 0))
    turnos_booking_set_date (self->booking, chosen);
}

/* The calendar shows another month: its marks are asked for, and none are drawn meanwhile. */
static void
on_month_view_month_cb (TurnosReservePage *self)
{
  if (self->booking == NULL)
    return;
  turnos_booking_show_month (self->booking, turnos_month_view_get_year (self->month_view),
                             turnos_month_view_get_month (self->month_view));
  update_marks (self);
}

static void
on_folded_cb (TurnosReservePage *self)
{
  gboolean folded = turnos_fold_box_get_folded (self->columns);

  gtk_widget_set_visible (GTK_WIDGET (self->continue_button), !folded);
  gtk_widget_set_visible (self->action_bar, folded);
  if (self->booking != NULL)
    update_hint (self);
}

static void
on_rows_selected_cb (TurnosReservePage *self)
{
  GtkListBoxRow *row;

  if (self->syncing || self->booking == NULL)
    return;
  row = gtk_list_box_get_selected_row (self->slots_list);
  turnos_booking_set_slot (self->booking, row ? turnos_slot_row_get_item (TURNOS_SLOT_ROW (row)) : NULL);
}

/* Enter on a time (or a double click) chooses it and goes on. */
static void
on_row_activated_cb (TurnosReservePage *self,
                     GtkListBoxRow     *row)
{
  turnos_booking_set_slot (self->booking, turnos_slot_row_get_item (TURNOS_SLOT_ROW (row)));
  gtk_widget_activate_action (GTK_WIDGET (self), "reserve.continue", NULL);
}

/* The free times are one Tab stop, with the arrows inside (GtkListBox moves Tab from row to
 * row): Tab and Shift+Tab on a time leave the list, by walking the window's focus chain with
 * the list out of it for that one step. */
static gboolean
on_list_key_pressed_cb (TurnosReservePage *self,
                        guint              keyval,
                        guint              keycode,
                        GdkModifierType    state)
{
  GtkWidget *list = GTK_WIDGET (self->slots_list);
  GtkDirectionType direction;
  GtkRoot *root;
  gboolean moved;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab && keyval != GDK_KEY_ISO_Left_Tab)
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || (root = gtk_widget_get_root (list)) == NULL)
    return FALSE;
  direction = keyval == GDK_KEY_ISO_Left_Tab || (state & GDK_SHIFT_MASK) != 0
              ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (list, TRUE);
  return moved;
}

/* The page's "modality" is the controller's: passing it on lets "reserve.modality" follow. */
static void
on_modality_changed_cb (TurnosReservePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODALITY]);
  update_choice (self);
}

static void
on_professional_selected_cb (TurnosReservePage *self)
{
  TurnosProfessional *p;

  if (self->syncing || self->booking == NULL)
    return;
  p = gtk_drop_down_get_selected_item (self->professional_dropdown);
  if (p != NULL)
    turnos_booking_set_professional_id (self->booking, turnos_professional_get_id (p));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  turnos_booking_refresh (TURNOS_RESERVE_PAGE (widget)->booking);
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  turnos_booking_continue (TURNOS_RESERVE_PAGE (widget)->booking);
}

static void
update_actions (TurnosReservePage *self)
{
  /* Repeating, the series box books; Continue is for one session. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reserve.continue",
                                 turnos_booking_get_can_continue (self->booking) &&
                                 !turnos_series_box_get_repeating (self->series_box));
}

static void
on_repeating_cb (TurnosReservePage *self)
{
  if (self->booking != NULL)
    update_actions (self);
}

/*
 * GObject overrides
 */

static void
turnos_reserve_page_constructed (GObject *object)
{
  TurnosReservePage *self = TURNOS_RESERVE_PAGE (object);

  G_OBJECT_CLASS (turnos_reserve_page_parent_class)->constructed (object);

  g_assert (TURNOS_IS_BOOKING (self->booking));

  gtk_list_box_bind_model (self->slots_list, turnos_booking_get_slots (self->booking),
                           create_slot_row_cb, NULL, NULL);
  {
    g_autoptr(GListModel) professionals = NULL;

    /* The dropdown moves its selection while the list changes under it: that is not the
     * person choosing, so the page ignores it and puts back the controller's choice. */
    g_object_get (self->booking, "professionals", &professionals, NULL);
    g_signal_connect_object (professionals, "items-changed",
                             G_CALLBACK (on_professionals_changing_cb), self, G_CONNECT_SWAPPED);
    self->syncing = TRUE;
    gtk_drop_down_set_model (self->professional_dropdown, professionals);
    self->syncing = FALSE;
    g_signal_connect_object (professionals, "items-changed",
                             G_CALLBACK (on_professionals_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  }
  turnos_patient_picker_set_booking (self->patient_picker, self->booking);
  turnos_reschedule_bar_set_booking (self->reschedule_bar, self->booking);
  turnos_waitlist_button_set_booking (self->waitlist_button, self->booking);
  turnos_waitlist_button_set_booking (self->list_waitlist_button, self->booking);
  turnos_series_box_set_booking (self->series_box, self->booking);
  g_object_bind_property (self->booking, "patient-required", self->patient_picker, "visible",
                          G_BINDING_SYNC_CREATE);

  /* One handler for each property the page shows. */
  g_signal_connect_object (self->booking, "notify::settings", G_CALLBACK (on_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::month", G_CALLBACK (update_marks), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::professional-id",
                           G_CALLBACK (update_professionals), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::professional-id", G_CALLBACK (update_marks),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::professionals-loaded",
                           G_CALLBACK (update_professionals), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::slot", G_CALLBACK (update_selection), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::date", G_CALLBACK (on_date_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::can-continue", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::modality", G_CALLBACK (on_modality_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* The free-times area reads the day's state, the wait, the failure, and the slots. */
  g_signal_connect_object (self->booking, "notify::day-state", G_CALLBACK (update_slots_stack),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::loading", G_CALLBACK (update_slots_stack), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::error", G_CALLBACK (update_slots_stack), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::notice", G_CALLBACK (update_notice), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::notice-time", G_CALLBACK (update_notice), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (turnos_booking_get_slots (self->booking), "items-changed",
                           G_CALLBACK (on_slots_changed_cb), self, G_CONNECT_SWAPPED);

  update_professionals (self);
  on_settings_changed_cb (self);
  update_actions (self);
  on_folded_cb (self);

  /* No day is chosen for the person: the calendar opens on the chosen day's month (a day
   * chosen before the page, "Book here") or today's, with its marks asked for. */
  if (turnos_booking_get_date (self->booking) != NULL)
    on_date_changed_cb (self);
  else
    update_choice (self);
  on_month_view_month_cb (self);
}

static void
turnos_reserve_page_dispose (GObject *object)
{
  TurnosReservePage *self = TURNOS_RESERVE_PAGE (object);

  g_clear_handle_id (&self->spinner_id, g_source_remove);
  /* The list empties as it goes: that is not the person unchoosing the time. */
  if (self->slots_list != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->slots_list, self);
      gtk_list_box_bind_model (self->slots_list, NULL, NULL, NULL, NULL);
    }
  if (self->month_view != NULL)
    g_signal_handlers_disconnect_by_data (self->month_view, self);
  if (self->professional_dropdown != NULL)
    g_signal_handlers_disconnect_by_data (self->professional_dropdown, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_RESERVE_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->booking);

  G_OBJECT_CLASS (turnos_reserve_page_parent_class)->dispose (object);
}

static void
turnos_reserve_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TurnosReservePage *self = TURNOS_RESERVE_PAGE (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      g_value_set_object (value, self->booking);
      break;
    case PROP_MODALITY:
      g_value_set_enum (value, self->booking ? turnos_booking_get_modality (self->booking)
                                             : TURNOS_MODALITY_NONE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reserve_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TurnosReservePage *self = TURNOS_RESERVE_PAGE (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      self->booking = g_value_dup_object (value);
      break;
    case PROP_MODALITY:
      turnos_booking_set_modality (self->booking, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reserve_page_class_init (TurnosReservePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = turnos_reserve_page_constructed;
  object_class->dispose = turnos_reserve_page_dispose;
  object_class->get_property = turnos_reserve_page_get_property;
  object_class->set_property = turnos_reserve_page_set_property;

  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL, TURNOS_TYPE_BOOKING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The controller's modality, seen from the page for the "reserve.modality" action. */
  properties[PROP_MODALITY] =
    g_param_spec_enum ("modality", NULL, NULL, TURNOS_TYPE_MODALITY, TURNOS_MODALITY_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TURNOS_TYPE_FOLD_BOX);
  g_type_ensure (TURNOS_TYPE_MONTH_VIEW);
  g_type_ensure (TURNOS_TYPE_PATIENT_PICKER);
  g_type_ensure (TURNOS_TYPE_PROFESSIONAL);
  g_type_ensure (TURNOS_TYPE_RESCHEDULE_BAR);
  g_type_ensure (TURNOS_TYPE_WAITLIST_BUTTON);
  g_type_ensure (TURNOS_TYPE_SERIES_BOX);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-reserve-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, details_group);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, professional_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, professional_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, patient_picker);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, rules_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, columns);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, month_view);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, marks_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, times_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, lost_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, slots_stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, slots_list);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, unavailable_status);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, error_status);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, modality_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, modality_choice);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, continue_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, continue_hint);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, bar_continue_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, choice_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, reschedule_bar);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, waitlist_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, list_waitlist_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, series_box);
  gtk_widget_class_bind_template_callback (widget_class, on_repeating_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_view_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_month_view_month_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_rows_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_professional_selected_cb);

  gtk_widget_class_install_action (widget_class, "reserve.continue", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "reserve.retry", NULL, retry_action);
  gtk_widget_class_install_property_action (widget_class, "reserve.modality", "modality");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "reserve.continue", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "reserve.continue", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "reserve.retry", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* The first GtkListBox under @widget, depth first. */
static GtkWidget *
find_list_box (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_BOX (c))
        return c;
      if ((found = find_list_box (c)) != NULL)
        return found;
    }
  return NULL;
}

static void
turnos_reserve_page_init (TurnosReservePage *self)
{
  GtkEventController *keys;
  GtkWidget *rows;

  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_list_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->slots_list), keys);

  /* AdwPreferencesGroup's list of rows would be read as "GtkListBox". */
  if ((rows = find_list_box (self->details_group)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (rows), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Booking details"), -1);
}

GtkWidget *
turnos_reserve_page_new (TurnosBooking *booking)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (booking), NULL);
  return g_object_new (TURNOS_TYPE_RESERVE_PAGE, "booking", booking, NULL);
}

TurnosPatientPicker *
turnos_reserve_page_get_patient_picker (TurnosReservePage *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVE_PAGE (self), NULL);
  return self->patient_picker;
}

TurnosBooking *
turnos_reserve_page_get_booking (TurnosReservePage *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVE_PAGE (self), NULL);
  return self->booking;
}

void
turnos_reserve_page_focus_default (TurnosReservePage *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (TURNOS_IS_RESERVE_PAGE (self));

  row = gtk_list_box_get_selected_row (self->slots_list);
  if (row != NULL && gtk_widget_get_mapped (GTK_WIDGET (row)) && gtk_widget_grab_focus (GTK_WIDGET (row)))
    return;
  turnos_month_view_focus_day (self->month_view);
}
