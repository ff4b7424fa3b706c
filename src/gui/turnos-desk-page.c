/* turnos-desk-page.c: the front desk's day for one professional
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-desk-page.h"
#include "turnos-format.h"
#include "turnos-time.h"
#include "turnos-waiting-list.h"

struct _TurnosDeskPage
{
  GtkWidget             parent_instance;

  /* Template widgets */
  GtkCalendar          *calendar;
  AdwPreferencesGroup  *day_group;
  GtkSpinner           *spinner;
  GtkWidget            *note_box;
  GtkLabel             *note_title;
  GtkLabel             *note_text;
  GtkButton            *note_button;
  GtkLabel             *note_button_label;
  GtkListBox           *entries_list;
  TurnosWaitingList    *waiting_list;

  /* Owned references */
  TurnosDeskDay        *desk_day;
  TurnosBooking        *booking;
  TurnosPatientNames   *patients;   /* the day's and the waitlist's patients, by name */
};

G_DEFINE_FINAL_TYPE (TurnosDeskPage, turnos_desk_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DESK_DAY,
  PROP_BOOKING,
  N_PROPS
};

enum {
  BOOK_HERE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* "Reschedule…" on a session's row: "desk.reschedule" with its id. */
static GtkWidget *
reschedule_button_new (TurnosReservation *r)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Reschedule…"));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Move this session to another time"), -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", r->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "desk.reschedule");
  return button;
}

#define ROW_ENTRY "turnos-desk-entry"

/* A session row's subtitle: the patient by name ("José Pérez · Virtual"), by id until the
 * name is read or when it cannot be. */
static void
update_session_row (TurnosPatientNames *patients,
                    const char         *id,
                    GtkWidget          *row)
{
  TurnosDeskEntry *entry = g_object_get_data (G_OBJECT (row), ROW_ENTRY);
  const char *who = turnos_desk_entry_get_who (entry);
  g_autofree char *text = NULL;

  if (id != NULL && g_strcmp0 (id, who) != 0)
    return;
  /* Translators: the patient, then the modality, "José Pérez · Virtual" */
  text = g_strdup_printf (_("%s · %s"), turnos_patient_names_get_name (patients, who),
                          turnos_format_modality (turnos_desk_entry_get_modality (entry)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TurnosDeskPage *self = user_data;
  TurnosDeskEntry *entry = item;
  g_autofree char *range = turnos_format_time_range (turnos_desk_entry_get_start (entry),
                                                     turnos_desk_entry_get_end (entry));
  GtkWidget *row = adw_action_row_new ();
  const char *who = turnos_desk_entry_get_who (entry);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), range);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  switch (turnos_desk_entry_get_kind (entry))
    {
    case TURNOS_DESK_ENTRY_RESERVATION:
      {
        g_object_set_data_full (G_OBJECT (row), ROW_ENTRY, g_object_ref (entry), g_object_unref);
        update_session_row (self->patients, NULL, row);
        g_signal_connect_object (self->patients, "changed", G_CALLBACK (update_session_row), row, 0);
        adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "avatar-default-symbolic");
        if (turnos_desk_entry_get_reservation (entry) != NULL)
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     reschedule_button_new (turnos_desk_entry_get_reservation (entry)));
      }
      break;
    case TURNOS_DESK_ENTRY_BLOCK:
      {
        /* Translators: a block in the day, with its reason */
        g_autofree char *text = g_strdup_printf (_("Time off: %s"), who && *who ? who : _("no reason given"));

        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
        adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "action-unavailable-symbolic");
      }
      break;
    case TURNOS_DESK_ENTRY_FREE:
    default:
      {
        GtkWidget *button = gtk_button_new_with_label (_("Book Here"));
        g_autofree char *start = turnos_time_format (turnos_desk_entry_get_start (entry));

        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Free"));
        gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
        gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", start);
        gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "desk.book-here");
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      }
      break;
    }
  return row;
}

/* The note shown instead of the list, with one button; @title NULL hides it. */
static void
show_note (TurnosDeskPage *self,
           const char     *title,
           const char     *text,
           const char     *button,
           const char     *action)
{
  gtk_widget_set_visible (self->note_box, title != NULL);
  gtk_label_set_label (self->note_title, title ? title : "");
  gtk_label_set_label (self->note_text, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_text), text != NULL);
  gtk_label_set_label (self->note_button_label, button ? button : "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->note_button), action);
  gtk_widget_set_visible (GTK_WIDGET (self->note_button), button != NULL);
}

static gboolean
works_on (TurnosSettings *settings,
          const GDate    *date)
{
  int weekday = g_date_get_weekday (date);   /* 1 = Monday, as working_hours */

  for (guint i = 0; i < settings->working_hours->len; i++)
    if (g_array_index (settings->working_hours, TurnosWorkingHours, i).weekday == weekday)
      return TRUE;
  return FALSE;
}

/* The one place the page says what is true of the day shown: its date, and a note when
 * there is nothing to list. */
static void
update (TurnosDeskPage *self)
{
  const GDate *date = turnos_desk_day_get_date (self->desk_day);
  TurnosSettings *settings = turnos_booking_get_settings (self->booking);
  const GError *error = turnos_desk_day_get_error (self->desk_day);
  gboolean loading = turnos_desk_day_get_loading (self->desk_day);
  guint n = g_list_model_get_n_items (turnos_desk_day_get_entries (self->desk_day));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  turnos_date_from_datetime (now, &today);
  if (date != NULL)
    {
      g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                         g_date_get_day (date), 12, 0, 0);
      g_autofree char *day = turnos_format_day (noon);

      adw_preferences_group_set_title (self->day_group, day);
      adw_preferences_group_set_description (self->day_group,
                                             g_date_compare (date, &today) == 0
                                             ? _("Today. Sessions, time off and the free times between them.")
                                             : _("Sessions, time off and the free times between them."));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->entries_list), !loading && n > 0);
  if (turnos_booking_get_professional_id (self->booking) == NULL)
    show_note (self, _("No Professional Chosen"),
               _("Choose the professional on the booking page; their day shows here."),
               _("_Go to Booking"), "desk.book");
  else if (loading)
    show_note (self, NULL, NULL, NULL, NULL);
  else if (error != NULL)
    {
      g_autofree char *why = turnos_format_error (error);

      show_note (self, _("The Day Could Not Be Loaded"), why, _("_Retry"), "desk.refresh");
    }
  else if (n > 0 || date == NULL)
    show_note (self, NULL, NULL, NULL, NULL);
  else if (settings != NULL && !works_on (settings, date))
    {
      /* Translators: %s is the professional, "Dra. Ana Gómez" */
      g_autofree char *text = g_strdup_printf (_("%s has no working hours on this day of the week. Pick another day on the calendar."),
                                               settings->display_name ? settings->display_name : settings->user_id);

      show_note (self, _("A Day Off"), text, NULL, NULL);
    }
  else if (g_date_compare (date, &today) < 0)
    show_note (self, _("This Day Has Passed"), _("No sessions were booked on it."), NULL, NULL);
  else
    show_note (self, _("Nothing on This Day"),
               _("No sessions, no time off and no free times to book. Pick another day on the calendar."),
               NULL, NULL);
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.view", "s", "booking");
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  turnos_desk_day_refresh (TURNOS_DESK_PAGE (widget)->desk_day);
}

static void
book_here_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TurnosDeskPage *self = TURNOS_DESK_PAGE (widget);
  GListModel *entries = turnos_desk_day_get_entries (self->desk_day);
  const char *wanted = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(TurnosDeskEntry) entry = g_list_model_get_item (entries, i);
      g_autofree char *start = turnos_time_format (turnos_desk_entry_get_start (entry));

      if (turnos_desk_entry_get_kind (entry) == TURNOS_DESK_ENTRY_FREE && g_str_equal (start, wanted))
        {
          turnos_booking_choose_time (self->booking, turnos_booking_get_professional_id (self->booking),
                                      turnos_desk_entry_get_start (entry),
                                      turnos_desk_entry_get_end (entry));
          g_signal_emit (self, signals[BOOK_HERE], 0);
          return;
        }
    }
}

/* "Reschedule…" on a session of the day: the booking page on its professional, modality and
 * day with its old time shown (turnos_booking_reschedule()). */
static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TurnosDeskPage *self = TURNOS_DESK_PAGE (widget);
  GListModel *entries = turnos_desk_day_get_entries (self->desk_day);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(TurnosDeskEntry) entry = g_list_model_get_item (entries, i);
      TurnosReservation *r = turnos_desk_entry_get_reservation (entry);

      if (r != NULL && g_strcmp0 (r->id, g_variant_get_string (parameter, NULL)) == 0)
        {
          turnos_booking_reschedule (self->booking, r);
          g_signal_emit (self, signals[BOOK_HERE], 0);
          return;
        }
    }
}

static void
on_calendar_changed_cb (TurnosDeskPage *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (self->calendar);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  turnos_desk_day_set_date (self->desk_day, &date);
  turnos_waiting_set_date (turnos_waiting_list_get_waiting (self->waiting_list), &date);
  update (self);
}

static void
turnos_desk_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (turnos_desk_page_parent_class)->map (widget);
  turnos_desk_day_refresh (TURNOS_DESK_PAGE (widget)->desk_day);
  turnos_waiting_refresh (turnos_waiting_list_get_waiting (TURNOS_DESK_PAGE (widget)->waiting_list));
}

static void
turnos_desk_page_constructed (GObject *object)
{
  TurnosDeskPage *self = TURNOS_DESK_PAGE (object);

  G_OBJECT_CLASS (turnos_desk_page_parent_class)->constructed (object);

  {
    g_autoptr(TurnosWaiting) waiting = turnos_waiting_new (turnos_booking_get_client (self->booking));

    self->patients = turnos_patient_names_new (turnos_booking_get_client (self->booking));
    turnos_waiting_set_patients (waiting, self->patients);
    g_object_bind_property (self->booking, "professional-id", waiting, "professional-id",
                            G_BINDING_SYNC_CREATE);
    /* Live as the booking is: a time freed up or taken that day, a resync. */
    g_object_bind_property (self->booking, "events", waiting, "events", G_BINDING_SYNC_CREATE);
    turnos_waiting_list_set_waiting (self->waiting_list, waiting);
  }

  g_object_bind_property (self->booking, "professional-id", self->desk_day, "professional-id",
                          G_BINDING_SYNC_CREATE);
  gtk_list_box_bind_model (self->entries_list, turnos_desk_day_get_entries (self->desk_day),
                           create_row, self, NULL);
  g_signal_connect_object (self->desk_day, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (turnos_desk_day_get_entries (self->desk_day), "items-changed",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::settings", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::professional-id", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  on_calendar_changed_cb (self);
  update (self);
}

static void
turnos_desk_page_dispose (GObject *object)
{
  TurnosDeskPage *self = TURNOS_DESK_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_DESK_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->desk_day);
  g_clear_object (&self->booking);
  g_clear_object (&self->patients);

  G_OBJECT_CLASS (turnos_desk_page_parent_class)->dispose (object);
}

static void
turnos_desk_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TurnosDeskPage *self = TURNOS_DESK_PAGE (object);

  switch (prop_id)
    {
    case PROP_DESK_DAY:
      g_value_set_object (value, self->desk_day);
      break;
    case PROP_BOOKING:
      g_value_set_object (value, self->booking);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_desk_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TurnosDeskPage *self = TURNOS_DESK_PAGE (object);

  switch (prop_id)
    {
    case PROP_DESK_DAY:
      self->desk_day = g_value_dup_object (value);
      break;
    case PROP_BOOKING:
      self->booking = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_desk_page_class_init (TurnosDeskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = turnos_desk_page_constructed;
  object_class->dispose = turnos_desk_page_dispose;
  object_class->get_property = turnos_desk_page_get_property;
  object_class->set_property = turnos_desk_page_set_property;
  widget_class->map = turnos_desk_page_map;

  properties[PROP_DESK_DAY] =
    g_param_spec_object ("desk-day", NULL, NULL, TURNOS_TYPE_DESK_DAY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL, TURNOS_TYPE_BOOKING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[BOOK_HERE] = g_signal_new ("book-here", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TURNOS_TYPE_WAITING_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-desk-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosDeskPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, TurnosDeskPage, day_group);
  gtk_widget_class_bind_template_child (widget_class, TurnosDeskPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TurnosDeskPage, note_box);
  gtk_widget_class_bind_template_child (widget_class, TurnosDeskPage, note_title);
  gtk_widget_class_bind_template_child (widget_class, TurnosDeskPage, note_text);
  gtk_widget_class_bind_template_child (widget_class, TurnosDeskPage, note_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosDeskPage, note_button_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosDeskPage, entries_list);
  gtk_widget_class_bind_template_child (widget_class, TurnosDeskPage, waiting_list);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_changed_cb);
  gtk_widget_class_install_action (widget_class, "desk.book-here", "s", book_here_action);
  gtk_widget_class_install_action (widget_class, "desk.book", NULL, book_action);
  gtk_widget_class_install_action (widget_class, "desk.reschedule", "s", reschedule_action);
  gtk_widget_class_install_action (widget_class, "desk.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "desk.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "desk.refresh", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_desk_page_init (TurnosDeskPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
turnos_desk_page_new (TurnosDeskDay *desk_day,
                      TurnosBooking *booking)
{
  g_return_val_if_fail (TURNOS_IS_DESK_DAY (desk_day) && TURNOS_IS_BOOKING (booking), NULL);
  return g_object_new (TURNOS_TYPE_DESK_PAGE, "desk-day", desk_day, "booking", booking, NULL);
}
