/* turnos-reserve-page.c: choose the day, the time and the modality
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-enums.h"
#include "turnos-format.h"
#include "turnos-patient-picker.h"
#include "turnos-reserve-page.h"
#include "turnos-slot-row.h"

struct _TurnosReservePage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkDropDown        *professional_dropdown;
  AdwActionRow       *professional_row;
  TurnosPatientPicker *patient_picker;
  GtkCalendar        *calendar;
  GtkStack           *slots_stack;
  GtkSpinner         *loading_spinner;
  GtkListView        *slots_view;
  GtkSingleSelection *selection;
  AdwStatusPage      *unavailable_status;
  AdwStatusPage      *error_status;
  GtkWidget          *modality_choice;
  GtkLabel           *modality_label;
  GtkButton          *continue_button;

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

static void
update_slots_stack (TurnosReservePage *self)
{
  const GError *error = turnos_booking_get_error (self->booking);
  const char *page;

  switch (turnos_booking_get_day_state (self->booking))
    {
    case TURNOS_DAY_NONE:
      page = "pick";
      break;
    case TURNOS_DAY_PAST:
      adw_status_page_set_title (self->unavailable_status, _("This day has passed"));
      adw_status_page_set_description (self->unavailable_status, _("Pick today or a later day."));
      page = "unavailable";
      break;
    case TURNOS_DAY_BEYOND_HORIZON:
      {
        TurnosSettings *s = turnos_booking_get_settings (self->booking);
        int days = s ? s->booking_horizon_days : 0;
        g_autofree char *text =
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Bookings open %d day ahead. Pick an earlier day.",
                                        "Bookings open %d days ahead. Pick an earlier day.", days), days);

        adw_status_page_set_title (self->unavailable_status, _("Too far ahead"));
        adw_status_page_set_description (self->unavailable_status, text);
        page = "unavailable";
      }
      break;
    case TURNOS_DAY_OK:
    default:
      if (turnos_booking_get_loading (self->booking))
        page = "loading";
      else if (error != NULL)
        {
          g_autofree char *message = turnos_format_error (error);

          adw_status_page_set_description (self->error_status, message);
          page = "error";
        }
      else if (g_list_model_get_n_items (turnos_booking_get_slots (self->booking)) == 0)
        page = "empty";
      else
        page = "list";
      break;
    }
  update_spinner (self, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->slots_stack, page);
  announce (self, page);
}

/* Which modalities are offered; the chosen one is the "reserve.modality" action's state. */
static void
update_modality (TurnosReservePage *self)
{
  TurnosModality offered = turnos_booking_get_offered_modality (self->booking);
  gboolean single = offered == TURNOS_MODALITY_VIRTUAL || offered == TURNOS_MODALITY_PRESENCIAL;

  gtk_widget_set_visible (self->modality_choice, !single);
  gtk_widget_set_visible (GTK_WIDGET (self->modality_label), single);
  if (single)
    gtk_label_set_label (self->modality_label,
                         offered == TURNOS_MODALITY_VIRTUAL
                         ? _("Sessions with this professional are virtual.")
                         : _("Sessions with this professional are in person."));
}

static void
update_marks (TurnosReservePage *self)
{
  TurnosMonthOverview *month = turnos_booking_get_month (self->booking);

  gtk_calendar_clear_marks (self->calendar);
  if (month == NULL)
    return;
  {
    g_autoptr(GDateTime) shown = gtk_calendar_get_date (self->calendar);

    if (g_date_time_get_year (shown) != month->year || g_date_time_get_month (shown) != month->month)
      return;
  }
  for (guint i = 0; i < month->days->len; i++)
    {
      TurnosMonthDay *day = &g_array_index (month->days, TurnosMonthDay, i);

      if (day->free_slots > 0)
        gtk_calendar_mark_day (self->calendar, g_date_get_day (&day->date));
    }
}

static void
update_professionals (TurnosReservePage *self)
{
  GListModel *model = G_LIST_MODEL (gtk_drop_down_get_model (self->professional_dropdown));
  const char *id = turnos_booking_get_professional_id (self->booking);
  guint n = g_list_model_get_n_items (model);

  gtk_widget_set_visible (GTK_WIDGET (self->professional_row), n > 1);
  self->syncing = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TurnosProfessional) p = g_list_model_get_item (model, i);

      if (g_strcmp0 (turnos_professional_get_id (p), id) == 0)
        gtk_drop_down_set_selected (self->professional_dropdown, i);
    }
  self->syncing = FALSE;
}

static void
update_selection (TurnosReservePage *self)
{
  TurnosSlot *slot = turnos_booking_get_slot (self->booking);
  GListModel *slots = turnos_booking_get_slots (self->booking);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; slot != NULL && i < g_list_model_get_n_items (slots); i++)
    {
      g_autoptr(TurnosSlot) item = g_list_model_get_item (slots, i);

      if (item == slot)
        position = i;
    }
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;
}

/*
 * Callbacks
 */

/* The day was chosen elsewhere ("Book here" on the desk's day): show it. */
static void
on_date_changed_cb (TurnosReservePage *self)
{
  const GDate *date = turnos_booking_get_date (self->booking);
  g_autoptr(GDateTime) shown = gtk_calendar_get_date (self->calendar);

  if (date != NULL && (g_date_time_get_year (shown) != (int) g_date_get_year (date) ||
                       g_date_time_get_month (shown) != (int) g_date_get_month (date) ||
                       g_date_time_get_day_of_month (shown) != (int) g_date_get_day (date)))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                       g_date_get_day (date), 12, 0, 0);

      gtk_calendar_select_day (self->calendar, dt);
    }
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

/* GTK 4.8's arrows move the selected date without day-selected: follow the date itself. */
static void
on_calendar_date_changed_cb (TurnosReservePage *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (self->calendar);
  const GDate *current = turnos_booking_get_date (self->booking);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  turnos_booking_show_month (self->booking, g_date_time_get_year (dt), g_date_time_get_month (dt));
  update_marks (self);
  if (current == NULL || g_date_compare (current, &date) != 0)
    turnos_booking_set_date (self->booking, &date);
}

/* GTK 4.8's calendar starts its keyboard focus on a stale cell (arrows from today can land in
 * another month): the arrows move the selected day itself, and the debounce absorbs the
 * quick presses. Home comes back to today. */
static gboolean
on_calendar_key_pressed_cb (TurnosReservePage *self,
                            guint              keyval,
                            guint              keycode,
                            GdkModifierType    state)
{
  g_autoptr(GDateTime) current = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) next = NULL;
  int days;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: days = -1; break;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: days = 1; break;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: days = -7; break;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: days = 7; break;
    case GDK_KEY_Home: case GDK_KEY_KP_Home:
      next = g_date_time_new_now_local ();
      days = 0;
      break;
    default:
      return FALSE;
    }
  if (next == NULL)
    next = g_date_time_add_days (current, days);
  gtk_calendar_select_day (self->calendar, next);
  return TRUE;
}

static void
on_selection_changed_cb (TurnosReservePage *self)
{
  if (self->syncing)
    return;
  turnos_booking_set_slot (self->booking, gtk_single_selection_get_selected_item (self->selection));
}

/* The page's "modality" is the controller's: passing it on lets "reserve.modality" follow. */
static void
on_modality_changed_cb (TurnosReservePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODALITY]);
}

static void
on_professional_selected_cb (TurnosReservePage *self)
{
  TurnosProfessional *p;

  if (self->syncing)
    return;
  p = gtk_drop_down_get_selected_item (self->professional_dropdown);
  if (p != NULL)
    turnos_booking_set_professional_id (self->booking, turnos_professional_get_id (p));
}

static void
on_slot_activated_cb (TurnosReservePage *self,
                      guint              position)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "reserve.continue", NULL);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reserve.continue",
                                 turnos_booking_get_can_continue (self->booking));
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

  gtk_single_selection_set_model (self->selection, turnos_booking_get_slots (self->booking));
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
  g_object_bind_property (self->booking, "patient-required", self->patient_picker, "visible",
                          G_BINDING_SYNC_CREATE);

  /* One handler for each property the page shows. */
  g_signal_connect_object (self->booking, "notify::offered-modality", G_CALLBACK (update_modality),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::month", G_CALLBACK (update_marks), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::professional-id",
                           G_CALLBACK (update_professionals), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::slot", G_CALLBACK (update_selection), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::date", G_CALLBACK (on_date_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::can-continue", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::modality", G_CALLBACK (on_modality_changed_cb),
                           self, G_CONNECT_SWAPPED);
  /* The free-times area reads the day's state, the wait, the failure and the settings (the
   * horizon's length), and the slots themselves. */
  g_signal_connect_object (self->booking, "notify::day-state", G_CALLBACK (update_slots_stack),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::loading", G_CALLBACK (update_slots_stack), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::error", G_CALLBACK (update_slots_stack), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::settings", G_CALLBACK (update_slots_stack), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (turnos_booking_get_slots (self->booking), "items-changed",
                           G_CALLBACK (on_slots_changed_cb), self, G_CONNECT_SWAPPED);

  update_professionals (self);
  update_modality (self);
  update_slots_stack (self);
  update_actions (self);

  /* Start on the calendar's day, today: the controller follows the calendar from here on. */
  on_calendar_date_changed_cb (self);
}

static void
turnos_reserve_page_dispose (GObject *object)
{
  TurnosReservePage *self = TURNOS_RESERVE_PAGE (object);

  g_clear_handle_id (&self->spinner_id, g_source_remove);
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

/* Arriving on the page puts the keyboard on what a person does next here. */
static gboolean
turnos_reserve_page_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (TURNOS_RESERVE_PAGE (widget)->calendar));
}

static void
turnos_reserve_page_class_init (TurnosReservePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->grab_focus = turnos_reserve_page_grab_focus;

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

  g_type_ensure (TURNOS_TYPE_SLOT_ROW);
  g_type_ensure (TURNOS_TYPE_PATIENT_PICKER);
  g_type_ensure (TURNOS_TYPE_PROFESSIONAL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-reserve-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, professional_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, professional_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, patient_picker);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, calendar);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, slots_stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, slots_view);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, selection);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, unavailable_status);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, error_status);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, modality_choice);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, modality_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservePage, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_professional_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_slot_activated_cb);

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

static void
turnos_reserve_page_init (TurnosReservePage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_calendar_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->calendar), keys);
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
