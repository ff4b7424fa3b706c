/* test-admin.c: the admin's views with real widgets under Xvfb, against a real server:
 * Professionals with their settings, and the Audit
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "turnos-audit-page.h"
#include "turnos-booking.h"
#include "turnos-day-hours-row.h"
#include "turnos-professionals-page.h"
#include "turnos-settings-page.h"
#include "turnos-test-client.h"
#include "turnos-test-server.h"
#include "turnos-time.h"
#include "turnos-window.h"
#include "turnos-zone-button.h"

#define ZONE "America/Argentina/Buenos_Aires"

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

typedef gboolean (*Match) (GtkWidget *widget, gconstpointer data);

/* The first descendant of @root, depth first, that @match takes. */
static GtkWidget *
find (GtkWidget     *root,
      Match          match,
      gconstpointer  data)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (match (c, data))
        return c;
      if ((found = find (c, match, data)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_day (GtkWidget     *widget,
        gconstpointer  data)
{
  int weekday;

  if (!TURNOS_IS_DAY_HOURS_ROW (widget))
    return FALSE;
  g_object_get (widget, "weekday", &weekday, NULL);
  return weekday == GPOINTER_TO_INT (data);
}

/* A spin button shown on screen (a range's other layout is not), other than @data. */
static gboolean
is_spin (GtkWidget     *widget,
         gconstpointer  data)
{
  return GTK_IS_SPIN_BUTTON (widget) && gtk_widget_get_mapped (widget) && (data == NULL || widget != data);
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

/* The focus is on @widget or inside it (an entry's text). */
static gboolean
has_focus (gpointer widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The visible page of the template child @stack of @widget. */
static const char *
shown (gpointer    widget,
       GType       type,
       const char *stack)
{
  return gtk_stack_get_visible_child_name (child (widget, type, stack));
}

static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Typed as a person would: the field has the focus. */
static void
type_into (GtkWidget  *widget,
           const char *text)
{
  gtk_widget_grab_focus (widget);
  gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

/* Monday to Sunday's range @index on the settings page: its two spin buttons. */
static void
range_spins (GtkWidget   *settings_page,
             int          weekday,
             GtkWidget  **start,
             GtkWidget  **end)
{
  GtkWidget *day = find (settings_page, is_day, GINT_TO_POINTER (weekday));

  g_assert_nonnull (day);
  *start = find (day, is_spin, NULL);
  *end = find (day, is_spin, *start);
  g_assert_nonnull (*start);
  g_assert_nonnull (*end);
}

static void
add_range (GtkWidget *settings_page,
           int        weekday,
           int        from,
           int        to)
{
  GtkWidget *day = find (settings_page, is_day, GINT_TO_POINTER (weekday));
  GtkWidget *start, *end;

  g_signal_emit_by_name (child (day, TURNOS_TYPE_DAY_HOURS_ROW, "add_row"), "activated");
  /* The day opens to show it. */
  TURNOS_TEST_WAIT_UNTIL (find (day, is_spin, NULL) != NULL);
  range_spins (settings_page, weekday, &start, &end);
  /* The new range has the focus, to be typed over. */
  g_assert_true (has_focus (start));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (start), from);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (end), to);
  /* Read and written as a clock. */
  {
    g_autofree char *shown = turnos_clock_format (from);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start)), ==, shown);
  }
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

static void
message_cb (GtkWidget  *page,
            const char *text,
            char      **out)
{
  g_free (*out);
  *out = g_strdup (text);
}

typedef struct
{
  TurnosTestServer *server;
  TurnosClient     *client;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = turnos_test_server_start (TRUE, NULL);
  f->client = turnos_test_client_new (turnos_test_server_get_url (f->server));
  turnos_test_sign_in (f->client, f->server, "admin");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  turnos_test_server_free (f->server);
}

/* The window around a page, presented (for focus and mapping). */
static GtkWidget *
window_with (GtkWidget *page)
{
  GtkWidget *window = adw_window_new ();

  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Every template builds, and lets go. */
static void
test_templates (void)
{
  g_autoptr(TurnosClient) client = turnos_client_new ("http://127.0.0.1:1/");
  g_autoptr(TurnosSettingsEditor) editor = turnos_settings_editor_new (client);
  g_autoptr(TurnosProfessionals) professionals = turnos_professionals_new (client);
  g_autoptr(TurnosAuditLog) log = turnos_audit_log_new (client);
  GtkWidget *widgets[] = {
    turnos_settings_page_new (editor),
    turnos_professionals_page_new (professionals),
    turnos_audit_page_new (log),
    turnos_zone_button_new (),
    turnos_day_hours_row_new (editor, 3),
  };

  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      g_object_ref_sink (widgets[i]);
      g_assert_finalize_object (widgets[i]);
    }
}

/* Each page fits a 360-pixel-wide phone, with a range of hours and problems showing. */
static void
test_narrow (void)
{
  g_autoptr(TurnosClient) client = turnos_client_new ("http://127.0.0.1:1/");
  g_autoptr(TurnosSettingsEditor) editor = turnos_settings_editor_new (client);
  g_autoptr(TurnosProfessionals) professionals = turnos_professionals_new (client);
  g_autoptr(TurnosAuditLog) log = turnos_audit_log_new (client);
  GtkWidget *pages[] = {
    turnos_settings_page_new (editor),
    turnos_professionals_page_new (professionals),
    turnos_audit_page_new (log),
  };

  turnos_settings_editor_start_new (editor);
  g_object_set (editor, "display-name", "Dr. Wenceslao Aristóbulo Fernández de la Concepción",
                "password", "x", NULL);
  turnos_settings_editor_add_hours (editor, 1);
  turnos_settings_editor_add_hours (editor, 1);
  gtk_widget_activate_action (pages[0], "settings.save", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *window = window_with (pages[i]);
      int minimum;

      gtk_widget_measure (pages[i], GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      g_test_message ("%s: %d px", G_OBJECT_TYPE_NAME (pages[i]), minimum);
      g_assert_cmpint (minimum, <=, 360);
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* Through the window's Professionals view: a professional working Mondays and Wednesdays
 * 10:00-14:00, added with the form, is what the booking calendar then offers. */
static void
test_add_professional (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TurnosBooking) booking = turnos_booking_new (f->client);
  TurnosWindow *window;
  GtkWidget *page, *settings_page;
  TurnosSettingsEditor *editor;
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) next = g_date_time_add_months (now, 1);
  TurnosMonthOverview *month;
  guint marked = 0;
  GDate day;

  turnos_booking_load (booking, "dr-ana");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (booking) != NULL);
  window = turnos_window_new (NULL, booking, NULL);
  gtk_window_present (GTK_WINDOW (window));

  /* The menu's Professionals: its "win.view" target. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "view",
                                  g_variant_new_string ("professionals"));
  g_assert_cmpint (turnos_window_get_view (window), ==, TURNOS_WINDOW_VIEW_PROFESSIONALS);
  g_assert_cmpstr (turnos_window_get_title_text (window), ==, "Professionals");
  page = gtk_stack_get_visible_child (turnos_window_get_stack (window));
  g_assert_true (TURNOS_IS_PROFESSIONALS_PAGE (page));
  TURNOS_TEST_WAIT_UNTIL (count_children (child (page, TURNOS_TYPE_PROFESSIONALS_PAGE, "list")) == 3);
  editor = turnos_professionals_page_get_editor (TURNOS_PROFESSIONALS_PAGE (page));
  settings_page = find (page, is_type, GSIZE_TO_POINTER (TURNOS_TYPE_SETTINGS_PAGE));

  gtk_widget_activate_action (page, "professionals.add", NULL);
  g_assert_cmpstr (shown (page, TURNOS_TYPE_PROFESSIONALS_PAGE, "stack"), ==, "editor");
  g_assert_true (has_focus (child (settings_page, TURNOS_TYPE_SETTINGS_PAGE, "name_entry")));
  type_into (child (settings_page, TURNOS_TYPE_SETTINGS_PAGE, "name_entry"), "Dr. Diego Sosa");
  g_assert_cmpstr (gtk_editable_get_text (child (settings_page, TURNOS_TYPE_SETTINGS_PAGE, "id_entry")), ==, "dr-diego-sosa");
  type_into (child (settings_page, TURNOS_TYPE_SETTINGS_PAGE, "username_entry"), "diego");
  type_into (child (settings_page, TURNOS_TYPE_SETTINGS_PAGE, "password_entry"), "first-pass");
  gtk_spin_button_set_value (child (settings_page, TURNOS_TYPE_SETTINGS_PAGE, "session_spin"), 60);
  gtk_spin_button_set_value (child (settings_page, TURNOS_TYPE_SETTINGS_PAGE, "interval_spin"), 60);
  gtk_spin_button_set_value (child (settings_page, TURNOS_TYPE_SETTINGS_PAGE, "horizon_spin"), 120);
  turnos_zone_button_set_zone (child (settings_page, TURNOS_TYPE_SETTINGS_PAGE, "zone_button"), ZONE);
  add_range (settings_page, 1, 10 * 60, 14 * 60);
  add_range (settings_page, 3, 10 * 60, 14 * 60);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (find (settings_page, is_day, GINT_TO_POINTER (1)))),
                   ==, "10:00 – 14:00");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (find (settings_page, is_day, GINT_TO_POINTER (2)))),
                   ==, "Closed");
  g_assert_true (turnos_settings_editor_get_valid (editor));

  click (child (settings_page, TURNOS_TYPE_SETTINGS_PAGE, "save_button"));
  /* Added: back on the list, and the window reloads what booking shows. */
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (shown (page, TURNOS_TYPE_PROFESSIONALS_PAGE, "stack"), "list") == 0);
  TURNOS_TEST_WAIT_UNTIL (count_children (child (page, TURNOS_TYPE_PROFESSIONALS_PAGE, "list")) == 4);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (turnos_booking_get_professional_id (booking), "dr-ana") == 0 &&
                          turnos_booking_get_settings (booking) != NULL);

  /* The booking calendar's month: only Mondays and Wednesdays, each with 10:00 to 14:00. */
  turnos_window_set_view (window, TURNOS_WINDOW_VIEW_BOOKING);
  turnos_booking_set_professional_id (booking, "dr-diego-sosa");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (booking) != NULL);
  turnos_booking_show_month (booking, g_date_time_get_year (next), g_date_time_get_month (next));
  TURNOS_TEST_WAIT_UNTIL ((month = turnos_booking_get_month (booking)) != NULL &&
                          month->month == g_date_time_get_month (next));
  for (guint i = 0; i < month->days->len; i++)
    {
      const TurnosMonthDay *d = &g_array_index (month->days, TurnosMonthDay, i);
      GDateWeekday weekday = g_date_get_weekday (&d->date);

      if (weekday == G_DATE_MONDAY || weekday == G_DATE_WEDNESDAY)
        {
          g_assert_cmpint (d->free_slots, ==, 4);
          marked++;
        }
      else
        g_assert_cmpint (d->free_slots, ==, 0);
    }
  g_assert_cmpuint (marked, >=, 8);
  turnos_test_working_day (ZONE, 8, &day);
  while (g_date_get_weekday (&day) != G_DATE_WEDNESDAY)
    g_date_add_days (&day, 1);
  turnos_booking_set_date (booking, &day);
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (booking) &&
                          g_list_model_get_n_items (turnos_booking_get_slots (booking)) > 0);
  {
    GListModel *slots = turnos_booking_get_slots (booking);
    const char *want[] = { "10:00", "11:00", "12:00", "13:00" };

    g_assert_cmpuint (g_list_model_get_n_items (slots), ==, G_N_ELEMENTS (want));
    for (guint i = 0; i < G_N_ELEMENTS (want); i++)
      {
        g_autoptr(TurnosSlot) slot = g_list_model_get_item (slots, i);
        g_autofree char *start = g_date_time_format (turnos_slot_get_start (slot), "%H:%M");

        g_assert_cmpstr (start, ==, want[i]);
      }
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  const char *widget;     /* the settings page's template child */
  const char *text;       /* typed into it */
  const char *row;
  const char *words;      /* then shown as the row's subtitle */
} BadField;

/* Each invalid field is answered beside it: words, a warning sign, the field marked invalid;
 * and Save says so and goes to the first. What only the server knows lands there too. */
static void
test_invalid_fields (Fixture       *f,
                     gconstpointer  data)
{
  static const BadField cases[] = {
    { "name_entry", "", "name_row", "Write the professional’s name." },
    { "id_entry", "dr diego", "id_row", "Use only letters, digits, “.”, “-” and “_”, without spaces." },
    { "username_entry", "diego sosa", "username_row", "Use only letters, digits, “.”, “-” and “_”, without spaces." },
    { "password_entry", "short", "password_row", "At least 8 characters." },
    { "amount_entry", "5.000", "amount_row", "Write an amount such as 5000.00: digits, then none or two decimals." },
    { "amount_entry", "", "amount_row", "Write the deposit’s amount." },
    { "currency_entry", "pesos", "currency_row", "Write the three letters of a currency, such as ARS." },
  };
  g_autoptr(TurnosSettingsEditor) editor = turnos_settings_editor_new (f->client);
  GtkWidget *page = turnos_settings_page_new (editor);
  GtkWidget *window = window_with (page);
  g_autofree char *message = NULL;
  GtkWidget *start, *end;

  g_signal_connect (page, "message", G_CALLBACK (message_cb), &message);
  turnos_settings_editor_start_new (editor);
  type_into (child (page, TURNOS_TYPE_SETTINGS_PAGE, "name_entry"), "Dr. Diego Sosa");
  type_into (child (page, TURNOS_TYPE_SETTINGS_PAGE, "username_entry"), "diego");
  type_into (child (page, TURNOS_TYPE_SETTINGS_PAGE, "password_entry"), "first-pass");
  gtk_switch_set_active (child (page, TURNOS_TYPE_SETTINGS_PAGE, "deposit_switch"), TRUE);
  type_into (child (page, TURNOS_TYPE_SETTINGS_PAGE, "amount_entry"), "5000.00");
  type_into (child (page, TURNOS_TYPE_SETTINGS_PAGE, "currency_entry"), "ARS");
  g_assert_true (turnos_settings_editor_get_valid (editor));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *widget = child (page, TURNOS_TYPE_SETTINGS_PAGE, cases[i].widget);
      AdwActionRow *row = child (page, TURNOS_TYPE_SETTINGS_PAGE, cases[i].row);
      g_autofree char *before = g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
      const char *hint = adw_action_row_get_subtitle (row);
      g_autofree char *hint_copy = g_strdup (hint);

      g_test_message ("%s = “%s”", cases[i].widget, cases[i].text);
      type_into (widget, cases[i].text);
      g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, cases[i].words);
      g_assert_true (gtk_widget_has_css_class (widget, "error"));
      gtk_test_accessible_assert_state (widget, GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
      gtk_test_accessible_assert_property (widget, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, cases[i].words);

      /* Save: nothing sent; focus on the field, and said. */
      gtk_widget_grab_focus (child (page, TURNOS_TYPE_SETTINGS_PAGE, "save_button"));
      g_clear_pointer (&message, g_free);
      gtk_widget_activate_action (page, "settings.save", NULL);
      g_assert_false (turnos_settings_editor_get_busy (editor));
      g_assert_cmpstr (message, ==, "Check the marked fields.");
      g_assert_true (has_focus (widget));

      type_into (widget, before);
      g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, hint_copy);
      g_assert_false (gtk_widget_has_css_class (widget, "error"));
    }

  /* Hours that end before they start, beside the range. */
  add_range (page, 2, 9 * 60, 17 * 60);
  range_spins (page, 2, &start, &end);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (end), 8 * 60);
  g_assert_true (gtk_widget_has_css_class (end, "error"));
  gtk_test_accessible_assert_property (end, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "These hours must end after they start.");
  /* Closed, the day still says so; Save goes to it. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find (page, is_day, GINT_TO_POINTER (2))), FALSE);
  gtk_widget_grab_focus (child (page, TURNOS_TYPE_SETTINGS_PAGE, "name_entry"));
  gtk_widget_activate_action (page, "settings.save", NULL);
  g_assert_true (has_focus (find (page, is_day, GINT_TO_POINTER (2))));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (end), 17 * 60);
  g_assert_false (gtk_widget_has_css_class (end, "error"));

  /* An id only the server knows is taken. */
  type_into (child (page, TURNOS_TYPE_SETTINGS_PAGE, "id_entry"), "dr-ana");
  click (child (page, TURNOS_TYPE_SETTINGS_PAGE, "save_button"));
  TURNOS_TEST_WAIT_UNTIL (turnos_settings_editor_get_problem (editor, "user_id") == TURNOS_FIELD_TAKEN);
  g_assert_cmpstr (adw_action_row_get_subtitle (child (page, TURNOS_TYPE_SETTINGS_PAGE, "id_row")), ==,
                   "Another account has this ID.");
  g_assert_true (gtk_widget_has_css_class (child (page, TURNOS_TYPE_SETTINGS_PAGE, "id_entry"), "error"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static void
settings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  *(TurnosSettings **) data = turnos_client_get_settings_finish (TURNOS_CLIENT (object), result, NULL);
}

static int
stored_end_of_first_range (Fixture    *f,
                           const char *id)
{
  g_autoptr(TurnosSettings) s = NULL;

  turnos_client_get_settings_async (f->client, id, NULL, settings_cb, &s);
  TURNOS_TEST_WAIT_UNTIL (s != NULL);
  return g_array_index (s->working_hours, TurnosWorkingHours, 0).end_minute;
}

/* Hours that leave a booking out: a dialog lists it; Cancel saves nothing, Save Anyway saves,
 * and the page keeps the list to act on. */
static void
test_outside_hours (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TurnosSettingsEditor) editor = turnos_settings_editor_new (f->client);
  GtkWidget *page = turnos_settings_page_new (editor);
  GtkWidget *window = window_with (page);
  GListModel *hours = turnos_settings_editor_get_hours (editor);
  AdwMessageDialog *dialog;
  int before;
  guint saved = 0;

  g_signal_connect_swapped (editor, "saved", G_CALLBACK (g_atomic_int_inc), &saved);
  turnos_settings_editor_load (editor, "dr-ana");
  g_assert_cmpstr (shown (page, TURNOS_TYPE_SETTINGS_PAGE, "stack"), ==, "loading");
  TURNOS_TEST_WAIT_UNTIL (turnos_settings_editor_get_mode (editor) == TURNOS_SETTINGS_EDITOR_EDIT);
  g_assert_cmpstr (shown (page, TURNOS_TYPE_SETTINGS_PAGE, "stack"), ==, "form");
  /* Editing, not adding: no id or account fields. */
  g_assert_false (gtk_widget_get_visible (child (page, TURNOS_TYPE_SETTINGS_PAGE, "id_row")));
  g_assert_false (gtk_widget_get_visible (child (page, TURNOS_TYPE_SETTINGS_PAGE, "account_group")));
  g_assert_cmpstr (gtk_editable_get_text (child (page, TURNOS_TYPE_SETTINGS_PAGE, "name_entry")), ==, "Dra. Ana Gómez");
  before = stored_end_of_first_range (f, "dr-ana");

  for (guint i = 0; i < g_list_model_get_n_items (hours); i++)
    {
      g_autoptr(TurnosHoursItem) item = g_list_model_get_item (hours, i);

      turnos_hours_item_set_end_minute (item, 12 * 60);
    }
  click (child (page, TURNOS_TYPE_SETTINGS_PAGE, "save_button"));
  TURNOS_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save the New Hours?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "1 booking falls outside the new hours. It stays booked: call the patient to move it.");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (stored_end_of_first_range (f, "dr-ana"), ==, before);
  g_assert_cmpuint (saved, ==, 0);

  click (child (page, TURNOS_TYPE_SETTINGS_PAGE, "save_button"));
  TURNOS_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  TURNOS_TEST_WAIT_UNTIL (saved == 1);
  g_assert_cmpint (stored_end_of_first_range (f, "dr-ana"), ==, 12 * 60);
  /* Still outside, and shown: who to call. */
  g_assert_true (gtk_widget_get_visible (child (page, TURNOS_TYPE_SETTINGS_PAGE, "outside_group")));
  g_assert_cmpuint (count_children (child (page, TURNOS_TYPE_SETTINGS_PAGE, "outside_list")), ==, 1);
  {
    AdwActionRow *row = ADW_ACTION_ROW (gtk_widget_get_first_child (child (page, TURNOS_TYPE_SETTINGS_PAGE, "outside_list")));

    /* The demo's patient-3, by name once read. */
    TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (adw_action_row_get_subtitle (row), "Lucía Fernández") == 0);
  }
  g_assert_false (gtk_widget_get_sensitive (child (page, TURNOS_TYPE_SETTINGS_PAGE, "save_button")));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The zone list finds "Buenos Aires" by any part of its name, regardless of case. */
static void
test_zone_search (void)
{
  GtkWidget *button = turnos_zone_button_new ();
  GtkWidget *window = window_with (button);
  GtkEditable *search = child (button, TURNOS_TYPE_ZONE_BUTTON, "search");
  GListModel *shown;

  turnos_zone_button_set_zone (TURNOS_ZONE_BUTTON (button), "UTC");
  turnos_zone_button_popup (TURNOS_ZONE_BUTTON (button));
  TURNOS_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (search)));
  g_assert_true (has_focus (search));
  gtk_editable_set_text (search, "buenos");
  shown = G_LIST_MODEL (gtk_list_view_get_model (child (button, TURNOS_TYPE_ZONE_BUTTON, "list")));
  TURNOS_TEST_WAIT_UNTIL (g_list_model_get_n_items (shown) == 1);
  {
    g_autoptr(GtkStringObject) first = g_list_model_get_item (shown, 0);

    g_assert_cmpstr (gtk_string_object_get_string (first), ==, "America/Argentina/Buenos Aires");
  }
  /* Enter takes the first match. */
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (turnos_zone_button_get_zone (TURNOS_ZONE_BUTTON (button)), ==, ZONE);
  gtk_test_accessible_assert_property (child (button, TURNOS_TYPE_ZONE_BUTTON, "button"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Time zone: America/Argentina/Buenos Aires");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The audit: what was done in words, by whom, to what; Load More through the pages; the
 * filters narrow it; nothing matching says so. */
static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TurnosAuditLog) log = turnos_audit_log_new (f->client);
  GtkWidget *page = turnos_audit_page_new (log);
  GtkWidget *window;
  GtkWidget *list = child (page, TURNOS_TYPE_AUDIT_PAGE, "list");
  GtkWidget *more = child (page, TURNOS_TYPE_AUDIT_PAGE, "more_button");
  GtkStack *stack = child (page, TURNOS_TYPE_AUDIT_PAGE, "stack");
  g_autoptr(TurnosSettings) settings = NULL;

  /* Three changes of dr-carla's settings, by the admin. */
  turnos_client_get_settings_async (f->client, "dr-carla", NULL, settings_cb, &settings);
  TURNOS_TEST_WAIT_UNTIL (settings != NULL);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(TurnosSettingsEditor) editor = turnos_settings_editor_new (f->client);
      guint saved = 0;

      g_signal_connect_swapped (editor, "saved", G_CALLBACK (g_atomic_int_inc), &saved);
      turnos_settings_editor_load (editor, "dr-carla");
      TURNOS_TEST_WAIT_UNTIL (turnos_settings_editor_get_mode (editor) == TURNOS_SETTINGS_EDITOR_EDIT);
      g_object_set (editor, "horizon-days", 30 + i, NULL);
      g_assert_true (turnos_settings_editor_save (editor, FALSE));
      TURNOS_TEST_WAIT_UNTIL (saved == 1);
    }

  g_object_set (log, "page-size", 2, NULL);
  window = window_with (page);   /* shown: it asks */
  TURNOS_TEST_WAIT_UNTIL (count_children (list) == 2);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  {
    GtkWidget *row = gtk_widget_get_first_child (list);
    const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     "Changed a professional’s settings");
    g_assert_true (g_str_has_suffix (subtitle, " · by admin · professional dr-carla"));
  }
  click (more);
  TURNOS_TEST_WAIT_UNTIL (count_children (list) == 3);
  TURNOS_TEST_WAIT_UNTIL (!gtk_widget_get_visible (more));

  /* Nobody did anything: said so. */
  gtk_editable_set_text (child (page, TURNOS_TYPE_AUDIT_PAGE, "actor_entry"), "nobody");
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") == 0);
  gtk_editable_set_text (child (page, TURNOS_TYPE_AUDIT_PAGE, "actor_entry"), "");
  TURNOS_TEST_WAIT_UNTIL (count_children (list) == 2);

  /* Not the admin: the reason, and Retry. */
  turnos_test_sign_in (f->client, f->server, "desk");
  gtk_widget_activate_action (page, "audit.refresh", NULL);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "error") == 0);
  g_assert_nonnull (adw_status_page_get_description (child (page, TURNOS_TYPE_AUDIT_PAGE, "error_status")));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/admin/templates", test_templates);
  g_test_add_func ("/gui/admin/narrow", test_narrow);
  g_test_add ("/gui/admin/add-professional", Fixture, NULL, fixture_set_up, test_add_professional, fixture_tear_down);
  g_test_add ("/gui/admin/invalid-fields", Fixture, NULL, fixture_set_up, test_invalid_fields, fixture_tear_down);
  g_test_add ("/gui/admin/outside-hours", Fixture, NULL, fixture_set_up, test_outside_hours, fixture_tear_down);
  g_test_add_func ("/gui/admin/zone-search", test_zone_search);
  g_test_add ("/gui/admin/audit", Fixture, NULL, fixture_set_up, test_audit, fixture_tear_down);

  return g_test_run ();
}
