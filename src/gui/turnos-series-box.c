/* turnos-series-box.c: "Repeat weekly" on the booking page
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-error.h"
#include "turnos-format.h"
#include "turnos-series-box.h"
#include "turnos-time.h"

struct _TurnosSeriesBox
{
  GtkWidget         parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkSwitch        *repeat_switch;
  AdwComboRow      *every_row;
  AdwActionRow     *count_row;
  GtkSpinButton    *count_spin;
  AdwActionRow     *until_row;
  GtkMenuButton    *until_button;
  GtkCalendar      *until_calendar;
  GtkSwitch        *until_switch;
  AdwActionRow     *all_row;
  GtkCheckButton   *all_check;
  AdwActionRow     *free_row;
  GtkCheckButton   *free_check;
  AdwActionRow     *deposit_row;
  GtkWidget        *result_box;
  GtkLabel         *summary_label;
  GtkListBox       *sessions_list;
  GtkButton        *book_button;
  GtkLabel         *book_label;

  /* Owned references */
  TurnosBooking    *booking;
  TurnosSeriesPlan *plan;
  char             *summary;
  char             *deposit;
  char             *outcome;        /* what the last booking did, until the plan changes */

  gboolean          syncing;
};

G_DEFINE_FINAL_TYPE (TurnosSeriesBox, turnos_series_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKING,
  PROP_REPEATING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update (TurnosSeriesBox *self);

/*
 * Helpers
 */

static gboolean
repeating (TurnosSeriesBox *self)
{
  return gtk_switch_get_active (self->repeat_switch);
}

static gboolean
for_desk (TurnosSeriesBox *self)
{
  return self->booking != NULL && turnos_booking_get_patient_required (self->booking);
}

/* The page's choice as the series' first session: NULL until a day, a time and a modality
 * are chosen. */
static TurnosReservation *
first_of_booking (TurnosSeriesBox *self)
{
  TurnosSlot *slot = turnos_booking_get_slot (self->booking);
  TurnosSettings *settings = turnos_booking_get_settings (self->booking);
  const char *client_id = turnos_booking_get_client_id (self->booking);
  TurnosReservation *first;

  if (slot == NULL || settings == NULL || turnos_booking_get_modality (self->booking) == TURNOS_MODALITY_NONE ||
      client_id == NULL || *client_id == '\0')
    return NULL;
  first = turnos_reservation_new ();
  first->client_id = g_strdup (client_id);
  first->professional_id = g_strdup (turnos_booking_get_professional_id (self->booking));
  first->start = g_date_time_ref (turnos_slot_get_start (slot));
  first->end = g_date_time_ref (turnos_slot_get_end (slot));
  first->modality = turnos_booking_get_modality (self->booking);
  first->timezone = g_strdup (settings->timezone);
  return first;
}

/* The page's choice changed: the plan follows it while repeating. */
static void
sync_first (TurnosSeriesBox *self)
{
  g_autoptr(TurnosReservation) first = NULL;

  if (self->booking == NULL || self->plan == NULL)
    return;
  turnos_series_plan_set_settings (self->plan, turnos_booking_get_settings (self->booking));
  if (repeating (self))
    first = first_of_booking (self);
  /* The booked series' time is taken now, and unchosen: what was booked stays said until
   * another first session is chosen. */
  if (first != NULL || !repeating (self))
    g_clear_pointer (&self->outcome, g_free);
  turnos_series_plan_set_first (self->plan, first);
  update (self);
}

static char *
session_when (TurnosSeriesSession *session)
{
  GDateTime *start = turnos_series_session_get_start (session);
  g_autofree char *day = NULL;
  g_autofree char *hhmm = NULL;

  if (start == NULL)
    return g_strdup (turnos_series_session_get_start_time (session));
  day = turnos_format_day (start);
  hhmm = g_date_time_format (start, "%H:%M");
  /* Translators: a session of a series: "Thursday 3 December 2026, 18:00" */
  return g_strdup_printf (C_("series session", "%s, %s"), day, hhmm);
}

static GtkWidget *
create_session_row_cb (gpointer item,
                       gpointer user_data)
{
  TurnosSeriesBox *self = user_data;
  TurnosSeriesSession *session = item;
  const char *code = turnos_series_session_get_code (session);
  const char *reason = turnos_series_box_reason (code, for_desk (self));
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = session_when (session);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  if (turnos_series_session_get_reservation (session) != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), C_("series session", "Booked"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason ? reason : C_("series session", "Free"));
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), reason ? "dialog-warning-symbolic" : "object-select-symbolic");
  if (reason != NULL)
    gtk_widget_add_css_class (row, "conflict");
  return row;
}

/* The deposit line: a series pays one deposit per session, all in one payment. */
static void
update_deposit (TurnosSeriesBox *self)
{
  TurnosSettings *s = self->booking ? turnos_booking_get_settings (self->booking) : NULL;
  const char *total = self->plan ? turnos_series_plan_get_deposit_total (self->plan) : NULL;

  g_clear_pointer (&self->deposit, g_free);
  if (s != NULL && s->requires_deposit)
    {
      g_autofree char *each = turnos_format_amount (s->deposit_amount, s->currency);
      guint n = self->plan ? turnos_series_plan_get_n_free (self->plan) : 0;

      if (total != NULL && n > 0)
        {
          g_autofree char *sum = turnos_format_amount (total, s->currency);

          /* Translators: the deposit of a weekly series: the deposit of one session, the
           * sessions' count, the sum */
          self->deposit = g_strdup_printf (ngettext ("A deposit of %s for each session: %u session, %s, paid together in one payment. The sessions are held until it is paid.",
                                                     "A deposit of %s for each session: %u sessions, %s, paid together in one payment. The sessions are held until it is paid.",
                                                     n), each, n, sum);
        }
      else
        /* Translators: the deposit of a weekly series; %s is one session's deposit */
        self->deposit = g_strdup_printf (_("A deposit of %s for each session, all paid together in one payment. The sessions are held until it is paid."),
                                         each);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->deposit_row), self->deposit ? self->deposit : "");
  gtk_widget_set_visible (GTK_WIDGET (self->deposit_row), repeating (self) && self->deposit != NULL);
}

static void
set_summary (TurnosSeriesBox *self,
             char            *text)
{
  g_free (self->summary);
  self->summary = text;
  gtk_label_set_label (self->summary_label, text ? text : "");
  /* GTK 4.8 has no announcement call: the list's description changes, and is read. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sessions_list),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text ? text : "", -1);
}

/* The one place the box says what is true of the plan. */
static void
update (TurnosSeriesBox *self)
{
  gboolean on = repeating (self) && self->plan != NULL;
  gboolean have_first;
  gboolean checked, busy, all;
  guint n_free, n_conflicts;
  const GError *error;
  gboolean can_book;
  g_autofree char *book = NULL;

  if (self->plan == NULL)
    {
      gtk_widget_set_visible (self->result_box, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "series.book", FALSE);
      return;
    }
  have_first = turnos_series_plan_get_first (self->plan) != NULL;
  checked = turnos_series_plan_get_checked (self->plan);
  busy = turnos_series_plan_get_busy (self->plan);
  n_free = turnos_series_plan_get_n_free (self->plan);
  n_conflicts = turnos_series_plan_get_n_conflicts (self->plan);
  all = turnos_series_plan_get_mode (self->plan) == TURNOS_SERIES_ALL_OR_NOTHING;
  error = turnos_series_plan_get_error (self->plan);

  gtk_widget_set_visible (GTK_WIDGET (self->every_row), on);
  gtk_widget_set_visible (GTK_WIDGET (self->count_row), on);
  gtk_widget_set_visible (GTK_WIDGET (self->until_row), on);
  gtk_widget_set_visible (GTK_WIDGET (self->all_row), on);
  gtk_widget_set_visible (GTK_WIDGET (self->free_row), on);
  gtk_widget_set_visible (self->result_box, on);
  gtk_widget_set_sensitive (GTK_WIDGET (self->count_spin), !gtk_switch_get_active (self->until_switch));
  gtk_widget_set_sensitive (GTK_WIDGET (self->until_button), gtk_switch_get_active (self->until_switch));
  update_deposit (self);

  if (!on)
    set_summary (self, NULL);
  else if (self->outcome != NULL)
    set_summary (self, g_strdup (self->outcome));
  else if (!have_first && turnos_booking_get_slot (self->booking) != NULL &&
           turnos_booking_get_modality (self->booking) == TURNOS_MODALITY_NONE)
    /* A day and a time are chosen: what is missing is the modality, so say that. */
    set_summary (self, g_strdup (_("Choose the modality, in person or virtual: every session of the series keeps it.")));
  else if (!have_first)
    set_summary (self, g_strdup (for_desk (self) && turnos_booking_get_client_id (self->booking) == NULL
                                 ? _("Choose the patient, a day and a free time: they are the series’ first session.")
                                 : _("Pick a day and a free time: they are the series’ first session.")));
  else if (error != NULL)
    set_summary (self, turnos_format_error (error));
  else if (!checked || turnos_series_plan_get_checking (self->plan))
    set_summary (self, g_strdup (_("Checking every session with the clinic…")));
  else if (n_conflicts == 0)
    set_summary (self, g_strdup_printf (ngettext ("The %u session is free.", "All %u sessions are free.", n_free),
                                        n_free));
  else
    {
      /* Translators: the dry run of a series: free sessions, then sessions in conflict */
      g_autofree char *counts = g_strdup_printf (ngettext ("%u session is free; %u cannot be booked (see below).",
                                                           "%u sessions are free; %u cannot be booked (see below).",
                                                           n_free), n_free, n_conflicts);

      /* All or nothing cannot book: say why Book is off, and the way on, beside it. */
      set_summary (self, all ? g_strdup_printf ("%s %s", counts,
                                                _("Some sessions cannot be booked: choose “Book the free ones”, or another time."))
                             : g_steal_pointer (&counts));
    }

  can_book = on && have_first && checked && !busy && !turnos_series_plan_get_checking (self->plan) &&
             n_free > 0 && (n_conflicts == 0 || !all);
  /* Translators: the series' Book button; %u is how many sessions it books */
  book = g_strdup_printf (ngettext ("_Book %u Session", "_Book %u Sessions", n_free), n_free);
  gtk_label_set_label (self->book_label, book);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->book_button),
                               on && n_conflicts > 0 && all
                               ? _("Some sessions cannot be booked: choose “Book the free ones”, or another time.")
                               : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "series.book", can_book);
}

/*
 * Callbacks
 */

static void
on_repeat_toggled_cb (TurnosSeriesBox *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPEATING]);
  if (self->syncing)
    return;
  sync_first (self);
}

static void
on_every_changed_cb (TurnosSeriesBox *self)
{
  if (self->syncing || self->plan == NULL)
    return;
  g_clear_pointer (&self->outcome, g_free);
  turnos_series_plan_set_every_weeks (self->plan, adw_combo_row_get_selected (self->every_row) == 1 ? 2 : 1);
}

static void
on_count_changed_cb (TurnosSeriesBox *self)
{
  if (self->syncing || self->plan == NULL || gtk_switch_get_active (self->until_switch))
    return;
  g_clear_pointer (&self->outcome, g_free);
  turnos_series_plan_set_count (self->plan, (guint) gtk_spin_button_get_value_as_int (self->count_spin));
}

static void
set_until_from_calendar (TurnosSeriesBox *self)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (self->until_calendar);
  /* Short: the row fits a 360 px window beside its switch. */
  g_autofree char *label = turnos_format_day_of (dt, TURNOS_SPAN_SHORT);
  GDate until;

  g_date_clear (&until, 1);
  g_date_set_dmy (&until, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  gtk_menu_button_set_label (self->until_button, label);
  turnos_series_plan_set_until (self->plan, &until);
}

static void
on_until_toggled_cb (TurnosSeriesBox *self)
{
  if (self->syncing || self->plan == NULL)
    return;
  g_clear_pointer (&self->outcome, g_free);
  if (gtk_switch_get_active (self->until_switch))
    set_until_from_calendar (self);
  else
    {
      turnos_series_plan_set_until (self->plan, NULL);
      turnos_series_plan_set_count (self->plan, (guint) gtk_spin_button_get_value_as_int (self->count_spin));
    }
  update (self);
}

static void
on_until_picked_cb (TurnosSeriesBox *self)
{
  if (self->syncing || self->plan == NULL || !gtk_switch_get_active (self->until_switch))
    return;
  g_clear_pointer (&self->outcome, g_free);
  set_until_from_calendar (self);
  gtk_menu_button_popdown (self->until_button);
}

static void
on_mode_toggled_cb (TurnosSeriesBox *self)
{
  if (self->syncing || self->plan == NULL)
    return;
  turnos_series_plan_set_mode (self->plan, gtk_check_button_get_active (self->all_check)
                                           ? TURNOS_SERIES_ALL_OR_NOTHING : TURNOS_SERIES_FREE_ONES);
  update (self);
}

static void
on_booked_cb (TurnosSeriesBox *self,
              TurnosSeries    *series)
{
  guint n = series->reservations->len;

  g_free (self->outcome);
  if (series->payment != NULL && n > 0)
    {
      /* One payment for every session's deposit: paid as a single session's is, on the
       * payment page, which follows it to the end. */
      self->outcome = g_strdup (_("The sessions are held: pay the series’ deposit to confirm them."));
      turnos_booking_resume_payment (self->booking, g_ptr_array_index (series->reservations, 0));
    }
  else
    {
      /* Translators: after booking a weekly series */
      self->outcome = g_strdup_printf (ngettext ("%u session booked.", "%u sessions booked.", n), n);
      turnos_booking_refresh (self->booking);
    }
  update (self);
}

static void
on_failed_cb (TurnosSeriesBox *self,
              const GError    *error)
{
  g_autofree char *text = turnos_format_error (error);

  g_free (self->outcome);
  /* A 409 series_conflicts has refreshed the list: the reasons are below. */
  if (g_strcmp0 (turnos_client_error_get_api_code (error), "series_conflicts") == 0)
    self->outcome = g_strdup (_("Some sessions were taken meanwhile: nothing was booked. See below."));
  else
    self->outcome = g_steal_pointer (&text);
  update (self);
}

/*
 * Actions
 */

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TurnosSeriesBox *self = TURNOS_SERIES_BOX (widget);

  if (self->plan == NULL)
    return;
  g_clear_pointer (&self->outcome, g_free);
  turnos_series_plan_book (self->plan, NULL);
  update (self);
}

/*
 * GObject overrides
 */

static void
turnos_series_box_dispose (GObject *object)
{
  TurnosSeriesBox *self = TURNOS_SERIES_BOX (object);

  turnos_series_box_set_booking (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_SERIES_BOX);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->deposit, g_free);
  g_clear_pointer (&self->outcome, g_free);

  G_OBJECT_CLASS (turnos_series_box_parent_class)->dispose (object);
}

static void
turnos_series_box_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TurnosSeriesBox *self = TURNOS_SERIES_BOX (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      g_value_set_object (value, self->booking);
      break;
    case PROP_REPEATING:
      g_value_set_boolean (value, repeating (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_series_box_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TurnosSeriesBox *self = TURNOS_SERIES_BOX (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      turnos_series_box_set_booking (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_series_box_class_init (TurnosSeriesBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = turnos_series_box_dispose;
  object_class->get_property = turnos_series_box_get_property;
  object_class->set_property = turnos_series_box_set_property;

  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL, TURNOS_TYPE_BOOKING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPEATING] =
    g_param_spec_boolean ("repeating", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-series-box.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, group);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, repeat_switch);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, every_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, count_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, count_spin);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, until_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, until_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, until_calendar);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, until_switch);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, all_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, all_check);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, free_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, free_check);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, deposit_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, result_box);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, book_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosSeriesBox, book_label);
  gtk_widget_class_bind_template_callback (widget_class, on_repeat_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_every_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_count_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_until_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_until_picked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_toggled_cb);
  gtk_widget_class_install_action (widget_class, "series.book", NULL, book_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
turnos_series_box_init (TurnosSeriesBox *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->book_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Book the series"), -1);
  update (self);
}

/*
 * Public API
 */

GtkWidget *
turnos_series_box_new (TurnosBooking *booking)
{
  g_return_val_if_fail (booking == NULL || TURNOS_IS_BOOKING (booking), NULL);
  return g_object_new (TURNOS_TYPE_SERIES_BOX, "booking", booking, NULL);
}

void
turnos_series_box_set_booking (TurnosSeriesBox *self,
                               TurnosBooking   *booking)
{
  const char *follow[] = { "notify::slot", "notify::modality", "notify::settings",
                           "notify::client-id", "notify::professional-id" };

  g_return_if_fail (TURNOS_IS_SERIES_BOX (self));
  g_return_if_fail (booking == NULL || TURNOS_IS_BOOKING (booking));

  if (self->booking == booking)
    return;
  const char *follow_plan[] = { "notify::sessions", "notify::n-free", "notify::n-conflicts",
                                "notify::checking", "notify::checked", "notify::busy",
                                "notify::deposit-total", "notify::error", "notify::first" };

  if (self->booking != NULL)
    g_signal_handlers_disconnect_by_data (self->booking, self);
  if (self->plan != NULL)
    g_signal_handlers_disconnect_by_data (self->plan, self);
  if (self->sessions_list != NULL)
    gtk_list_box_bind_model (self->sessions_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->plan);
  g_set_object (&self->booking, booking);
  if (booking != NULL)
    {
      /* The plan asks the server as the page's client: the patient, or the desk. */
      self->plan = turnos_series_plan_new (turnos_booking_get_client (booking));
      for (guint i = 0; i < G_N_ELEMENTS (follow_plan); i++)
        g_signal_connect_object (self->plan, follow_plan[i], G_CALLBACK (update), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->plan, "booked", G_CALLBACK (on_booked_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->plan, "failed", G_CALLBACK (on_failed_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_bind_model (self->sessions_list, turnos_series_plan_get_sessions (self->plan),
                               create_session_row_cb, self, NULL);
      for (guint i = 0; i < G_N_ELEMENTS (follow); i++)
        g_signal_connect_object (booking, follow[i], G_CALLBACK (sync_first), self, G_CONNECT_SWAPPED);
      sync_first (self);
    }
  else
    update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKING]);
}

gboolean
turnos_series_box_get_repeating (TurnosSeriesBox *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_BOX (self), FALSE);
  return repeating (self);
}

TurnosSeriesPlan *
turnos_series_box_get_plan (TurnosSeriesBox *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_BOX (self), NULL);
  return self->plan;
}

const char *
turnos_series_box_get_summary (TurnosSeriesBox *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_BOX (self), NULL);
  return self->summary;
}

const char *
turnos_series_box_get_deposit (TurnosSeriesBox *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_BOX (self), NULL);
  return self->deposit;
}

const char *
turnos_series_box_reason (const char *code,
                          gboolean    for_desk)
{
  if (code == NULL)
    return NULL;
  if (g_str_equal (code, "slot_taken"))
    return C_("series conflict", "Taken: another session is booked then");
  if (g_str_equal (code, "blocked"))
    return C_("series conflict", "Time off: the professional is away");
  if (g_str_equal (code, "beyond_horizon"))
    return C_("series conflict", "Past the booking horizon: too far ahead to book yet");
  if (g_str_equal (code, "patient_busy"))
    return for_desk ? C_("series conflict", "The patient has another session then")
                    : C_("series conflict", "You have another session then");
  if (g_str_equal (code, "outside_working_hours"))
    return C_("series conflict", "Outside the professional’s hours that day");
  if (g_str_equal (code, "too_soon") || g_str_equal (code, "in_past"))
    return C_("series conflict", "Too soon to book");
  if (g_str_equal (code, "invalid_time"))
    return C_("series conflict", "The clocks change at that time that day");
  return C_("series conflict", "Cannot be booked");
}
