/* test-settings-editor.c: a professional's settings as a form, against a real server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "turnos-booking.h"
#include "turnos-error.h"
#include "turnos-reservation-item.h"
#include "turnos-settings-editor.h"
#include "turnos-test-server.h"
#include "turnos-time.h"

#define ZONE "America/Argentina/Buenos_Aires"

static void
count_cb (gpointer data)
{
  (*(guint *) data)++;
}

static void
failed_cb (TurnosSettingsEditor *editor,
           const GError         *error,
           gpointer              data)
{
  GError **out = data;

  g_clear_error (out);
  *out = g_error_copy (error);
}

static void
settings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  *(TurnosSettings **) data = turnos_client_get_settings_finish (TURNOS_CLIENT (object), result, NULL);
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  g_autoptr(GError) error = NULL;

  turnos_client_login_finish (TURNOS_CLIENT (object), result, &error);
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static TurnosSettings *
stored_settings (TurnosClient *client,
                 const char   *id)
{
  TurnosSettings *s = NULL;

  turnos_client_get_settings_async (client, id, NULL, settings_cb, &s);
  TURNOS_TEST_WAIT_UNTIL (s != NULL);
  return s;
}

/* A new professional with every field valid: the baseline each case spoils once. */
static void
fill_valid (TurnosSettingsEditor *editor)
{
  g_object_set (editor,
                "display-name", "Dr. Diego Sosa",
                "username", "diego",
                "password", "first-pass",
                "session-minutes", 60,
                "interval-minutes", 60,
                "requires-deposit", TRUE,
                "deposit-amount", "5000.00",
                "currency", "ARS",
                "timezone", ZONE,
                NULL);
}

typedef struct
{
  const char         *property;
  const char         *string;     /* or, when NULL, */
  int                 number;
  const char         *field;
  TurnosFieldProblem  problem;
} BadField;

/* Each field checked as typed, with the server's limits, beside itself. */
static void
test_checks_as_typed (void)
{
  static const BadField cases[] = {
    { "display-name", "", 0, "display_name", TURNOS_FIELD_REQUIRED },
    { "display-name", "   ", 0, "display_name", TURNOS_FIELD_REQUIRED },
    { "display-name", "Dr.\aBad", 0, "display_name", TURNOS_FIELD_BAD_CHARACTERS },
    { "user-id", "dr diego", 0, "user_id", TURNOS_FIELD_BAD_CHARACTERS },
    { "user-id", "dr-diego-sosa-dr-diego-sosa-dr-diego-sosa-dr-diego-sosa-dr-diego-sosa", 0,
      "user_id", TURNOS_FIELD_TOO_LONG },
    { "username", "diego sosa", 0, "username", TURNOS_FIELD_BAD_CHARACTERS },
    { "username", "", 0, "username", TURNOS_FIELD_REQUIRED },        /* with a password */
    { "password", "short", 0, "password", TURNOS_FIELD_PASSWORD_SHORT },
    { "password", "", 0, "password", TURNOS_FIELD_REQUIRED },        /* with a user name */
    { "session-minutes", NULL, 4, "session_duration_minutes", TURNOS_FIELD_OUT_OF_RANGE },
    { "session-minutes", NULL, 481, "session_duration_minutes", TURNOS_FIELD_OUT_OF_RANGE },
    { "interval-minutes", NULL, 0, "slot_interval_minutes", TURNOS_FIELD_OUT_OF_RANGE },
    { "min-notice-minutes", NULL, -1, "min_notice_minutes", TURNOS_FIELD_OUT_OF_RANGE },
    { "cancel-notice-minutes", NULL, 30 * 24 * 60 + 1, "cancel_notice_minutes", TURNOS_FIELD_OUT_OF_RANGE },
    { "horizon-days", NULL, 0, "booking_horizon_days", TURNOS_FIELD_OUT_OF_RANGE },
    { "horizon-days", NULL, 731, "booking_horizon_days", TURNOS_FIELD_OUT_OF_RANGE },
    { "deposit-amount", "", 0, "deposit_amount", TURNOS_FIELD_REQUIRED },
    { "deposit-amount", "5.000", 0, "deposit_amount", TURNOS_FIELD_NOT_AN_AMOUNT },
    { "deposit-amount", "-5", 0, "deposit_amount", TURNOS_FIELD_NOT_AN_AMOUNT },
    { "deposit-amount", "1234567890", 0, "deposit_amount", TURNOS_FIELD_NOT_AN_AMOUNT },
    { "currency", "pesos", 0, "currency", TURNOS_FIELD_NOT_A_CURRENCY },
    { "currency", "", 0, "currency", TURNOS_FIELD_REQUIRED },
    { "timezone", "Mars/Olympus_Mons", 0, "timezone", TURNOS_FIELD_UNKNOWN_ZONE },
    { "timezone", "../etc/passwd", 0, "timezone", TURNOS_FIELD_UNKNOWN_ZONE },
  };
  g_autoptr(TurnosClient) client = turnos_client_new ("http://127.0.0.1:1/");
  g_autoptr(TurnosSettingsEditor) editor = turnos_settings_editor_new (client);
  guint problems_changed = 0;

  g_signal_connect_swapped (editor, "problems-changed", G_CALLBACK (count_cb), &problems_changed);
  turnos_settings_editor_start_new (editor);
  g_assert_cmpint (turnos_settings_editor_get_mode (editor), ==, TURNOS_SETTINGS_EDITOR_NEW);
  /* Empty, the name is wanted (and with it the id it gives). */
  g_assert_cmpint (turnos_settings_editor_get_problem (editor, "display_name"), ==, TURNOS_FIELD_REQUIRED);
  g_assert_false (turnos_settings_editor_get_can_save (editor));

  fill_valid (editor);
  g_assert_true (turnos_settings_editor_get_valid (editor));
  g_assert_true (turnos_settings_editor_get_can_save (editor));
  {
    g_autofree char *id = NULL;

    g_object_get (editor, "user-id", &id, NULL);
    g_assert_cmpstr (id, ==, "dr-diego-sosa");
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GValue before = G_VALUE_INIT;
      guint changes = problems_changed;

      g_test_message ("%s = %s%d", cases[i].property, cases[i].string ? cases[i].string : "",
                      cases[i].number);
      g_value_init (&before, cases[i].string ? G_TYPE_STRING : G_TYPE_INT);
      g_object_get_property (G_OBJECT (editor), cases[i].property, &before);
      if (cases[i].string != NULL)
        g_object_set (editor, cases[i].property, cases[i].string, NULL);
      else
        g_object_set (editor, cases[i].property, cases[i].number, NULL);
      g_assert_cmpint (turnos_settings_editor_get_problem (editor, cases[i].field), ==, cases[i].problem);
      g_assert_cmpuint (problems_changed, ==, changes + 1);
      g_assert_false (turnos_settings_editor_get_valid (editor));
      g_assert_false (turnos_settings_editor_get_can_save (editor));
      g_assert_null (turnos_settings_editor_build (editor));

      g_object_set_property (G_OBJECT (editor), cases[i].property, &before);
      g_value_unset (&before);
      g_assert_cmpint (turnos_settings_editor_get_problem (editor, cases[i].field), ==, TURNOS_FIELD_OK);
      g_assert_true (turnos_settings_editor_get_valid (editor));
    }

  /* A comma is a decimal point; a currency's case does not matter; no account at all is
   * fine; with no deposit, the amount waits unused. */
  g_object_set (editor, "deposit-amount", "5000,50", "currency", "ars", "username", "",
                "password", "", NULL);
  g_assert_true (turnos_settings_editor_get_valid (editor));
  {
    g_autoptr(TurnosSettings) built = turnos_settings_editor_build (editor);

    g_assert_cmpstr (built->deposit_amount, ==, "5000.50");
    g_assert_cmpstr (built->currency, ==, "ARS");
    g_assert_cmpstr (built->user_id, ==, "dr-diego-sosa");
  }
  g_object_set (editor, "requires-deposit", FALSE, "deposit-amount", "lots", NULL);
  g_assert_true (turnos_settings_editor_get_valid (editor));

  /* Typed over, the id stops following the name. */
  g_object_set (editor, "user-id", "diego", NULL);
  g_object_set (editor, "display-name", "Dr. Diego A. Sosa", NULL);
  {
    g_autofree char *id = NULL;

    g_object_get (editor, "user-id", &id, NULL);
    g_assert_cmpstr (id, ==, "diego");
  }
}

static TurnosHoursItem *
hours_at (TurnosSettingsEditor *editor,
          guint                 position)
{
  g_autoptr(TurnosHoursItem) item = g_list_model_get_item (turnos_settings_editor_get_hours (editor), position);

  g_assert_nonnull (item);
  return item;   /* the model keeps it */
}

/* Ranges that end before they start, or overlap another of their day, are marked. */
static void
test_hours_problems (void)
{
  g_autoptr(TurnosClient) client = turnos_client_new ("http://127.0.0.1:1/");
  g_autoptr(TurnosSettingsEditor) editor = turnos_settings_editor_new (client);
  TurnosHoursItem *monday, *afternoon, *tuesday;

  turnos_settings_editor_start_new (editor);
  fill_valid (editor);

  monday = turnos_settings_editor_add_hours (editor, 1);
  g_assert_cmpint (turnos_hours_item_get_start_minute (monday), ==, 9 * 60);
  g_assert_cmpint (turnos_hours_item_get_end_minute (monday), ==, 17 * 60);
  /* A second range on the same day starts after the first, with a break. */
  afternoon = turnos_settings_editor_add_hours (editor, 1);
  g_assert_cmpint (turnos_hours_item_get_start_minute (afternoon), ==, 18 * 60);
  g_assert_cmpint (turnos_hours_item_get_end_minute (afternoon), ==, 22 * 60);
  tuesday = turnos_settings_editor_add_hours (editor, 2);
  g_assert_true (turnos_settings_editor_get_valid (editor));

  turnos_hours_item_set_start_minute (afternoon, 16 * 60);
  g_assert_cmpint (turnos_hours_item_get_problem (monday), ==, TURNOS_FIELD_HOURS_OVERLAP);
  g_assert_cmpint (turnos_hours_item_get_problem (afternoon), ==, TURNOS_FIELD_HOURS_OVERLAP);
  g_assert_cmpint (turnos_hours_item_get_problem (tuesday), ==, TURNOS_FIELD_OK);
  g_assert_false (turnos_settings_editor_get_valid (editor));
  turnos_hours_item_set_start_minute (afternoon, 17 * 60);   /* touching is not overlapping */
  g_assert_cmpint (turnos_hours_item_get_problem (monday), ==, TURNOS_FIELD_OK);
  g_assert_true (turnos_settings_editor_get_valid (editor));

  turnos_hours_item_set_end_minute (tuesday, 9 * 60);
  g_assert_cmpint (turnos_hours_item_get_problem (tuesday), ==, TURNOS_FIELD_HOURS_ORDER);
  g_assert_false (turnos_settings_editor_get_valid (editor));
  turnos_settings_editor_remove_hours (editor, tuesday);
  g_assert_true (turnos_settings_editor_get_valid (editor));
  g_assert_cmpuint (g_list_model_get_n_items (turnos_settings_editor_get_hours (editor)), ==, 2);

  /* Up to midnight, written "24:00". */
  turnos_hours_item_set_end_minute (afternoon, 24 * 60);
  g_assert_true (turnos_settings_editor_get_valid (editor));
  {
    g_autoptr(TurnosSettings) built = turnos_settings_editor_build (editor);
    g_autoptr(JsonNode) node = turnos_settings_to_node (built);
    JsonArray *hours = json_object_get_array_member (json_node_get_object (node), "working_hours");

    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (hours, 1), "end"),
                     ==, "24:00");
  }
}

/* Added through the editor, a professional working Mondays and Wednesdays 10:00 to 14:00 is
 * bookable at once, on those days only, at those times. */
static void
test_add_professional (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosSettingsEditor) editor = turnos_settings_editor_new (client);
  g_autoptr(TurnosBooking) booking = NULL;
  g_autoptr(GError) failure = NULL;
  g_autoptr(GTimeZone) tz = turnos_time_zone_new (ZONE);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) next = g_date_time_add_months (now, 1);
  TurnosHoursItem *monday, *wednesday;
  TurnosMonthOverview *month;
  guint saved = 0, marked = 0;
  GDate day;

  turnos_test_sign_in (client, server, "admin");
  g_signal_connect_swapped (editor, "saved", G_CALLBACK (count_cb), &saved);
  g_signal_connect (editor, "failed", G_CALLBACK (failed_cb), &failure);
  turnos_settings_editor_start_new (editor);
  fill_valid (editor);
  g_object_set (editor, "requires-deposit", FALSE, "min-notice-minutes", 0, "horizon-days", 120, NULL);
  monday = turnos_settings_editor_add_hours (editor, 1);
  g_object_set (monday, "start-minute", 10 * 60, "end-minute", 14 * 60, NULL);
  wednesday = turnos_settings_editor_add_hours (editor, 3);
  g_object_set (wednesday, "start-minute", 10 * 60, "end-minute", 14 * 60, NULL);
  g_assert_true (turnos_settings_editor_save (editor, FALSE));
  g_assert_true (turnos_settings_editor_get_busy (editor));
  TURNOS_TEST_WAIT_UNTIL (saved == 1 || failure != NULL);
  g_assert_no_error (failure);
  g_assert_cmpint (turnos_settings_editor_get_mode (editor), ==, TURNOS_SETTINGS_EDITOR_EDIT);
  g_assert_cmpstr (turnos_settings_editor_get_professional_id (editor), ==, "dr-diego-sosa");
  g_assert_false (turnos_settings_editor_get_can_save (editor));   /* nothing changed since */

  /* The booking controller offers them: next month, Mondays and Wednesdays only. */
  booking = turnos_booking_new (client);
  turnos_booking_load (booking, "dr-diego-sosa");
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (booking) != NULL &&
                          g_strcmp0 (turnos_booking_get_settings (booking)->user_id, "dr-diego-sosa") == 0);
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

  /* A Monday's times: 10:00, 11:00, 12:00 and 13:00, an hour each. */
  turnos_test_working_day (ZONE, 8, &day);
  while (g_date_get_weekday (&day) != G_DATE_MONDAY)
    g_date_add_days (&day, 1);
  turnos_booking_set_date (booking, &day);
  TURNOS_TEST_WAIT_UNTIL (!turnos_booking_get_loading (booking) &&
                          g_list_model_get_n_items (turnos_booking_get_slots (booking)) > 0);
  {
    GListModel *slots = turnos_booking_get_slots (booking);
    const char *want[] = { "10:00-11:00", "11:00-12:00", "12:00-13:00", "13:00-14:00" };

    g_assert_cmpuint (g_list_model_get_n_items (slots), ==, G_N_ELEMENTS (want));
    for (guint i = 0; i < G_N_ELEMENTS (want); i++)
      {
        g_autoptr(TurnosSlot) slot = g_list_model_get_item (slots, i);
        g_autofree char *start = g_date_time_format (turnos_slot_get_start (slot), "%H:%M");
        g_autofree char *end = g_date_time_format (turnos_slot_get_end (slot), "%H:%M");
        g_autofree char *range = g_strdup_printf ("%s-%s", start, end);

        g_assert_cmpstr (range, ==, want[i]);
      }
  }

  /* The account signs in, as the editor said. */
  {
    g_autoptr(TurnosClient) diego = turnos_client_new (turnos_test_server_get_url (server));
    gboolean done = FALSE;

    turnos_client_login_async (diego, "diego", "first-pass", NULL, login_cb, &done);
    TURNOS_TEST_WAIT_UNTIL (done);
    g_assert_cmpstr (turnos_client_get_user_id (diego), ==, "dr-diego-sosa");
    g_assert_cmpstr (turnos_client_get_user_role (diego), ==, "professional");
  }
}

/* New hours that leave sessions out are shown first, and saved only once confirmed. */
static void
test_preview_outside_hours (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosSettingsEditor) editor = turnos_settings_editor_new (client);
  g_autoptr(TurnosSettings) before = NULL;
  g_autoptr(TurnosSettings) after = NULL;
  g_autoptr(GError) failure = NULL;
  GListModel *hours = turnos_settings_editor_get_hours (editor);
  GListModel *outside = turnos_settings_editor_get_outside_hours (editor);
  guint saved = 0, confirm = 0;

  turnos_test_sign_in (client, server, "dr-ana");
  g_signal_connect_swapped (editor, "saved", G_CALLBACK (count_cb), &saved);
  g_signal_connect_swapped (editor, "confirm-outside-hours", G_CALLBACK (count_cb), &confirm);
  g_signal_connect (editor, "failed", G_CALLBACK (failed_cb), &failure);
  turnos_settings_editor_load (editor, "dr-ana");
  TURNOS_TEST_WAIT_UNTIL (turnos_settings_editor_get_mode (editor) == TURNOS_SETTINGS_EDITOR_EDIT);
  g_assert_false (turnos_settings_editor_get_can_save (editor));
  g_assert_cmpuint (g_list_model_get_n_items (hours), >, 0);
  before = stored_settings (client, "dr-ana");

  /* Mornings only: the demo's 15:00 session with patient-3 falls outside. */
  for (guint i = 0; i < g_list_model_get_n_items (hours); i++)
    g_object_set (hours_at (editor, i), "end-minute", 12 * 60, NULL);
  g_assert_true (turnos_settings_editor_get_can_save (editor));
  g_assert_true (turnos_settings_editor_save (editor, FALSE));
  TURNOS_TEST_WAIT_UNTIL (confirm == 1 || saved > 0 || failure != NULL);
  g_assert_no_error (failure);
  g_assert_cmpuint (saved, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (outside), ==, 1);
  {
    g_autoptr(TurnosReservationItem) item = g_list_model_get_item (outside, 0);
    TurnosReservation *r = turnos_reservation_item_get_reservation (item);

    g_assert_cmpstr (r->client_id, ==, "patient-3");
    g_assert_cmpint (g_date_time_get_hour (r->start), ==, 15);
  }
  /* Nothing changed yet. */
  after = stored_settings (client, "dr-ana");
  g_assert_cmpuint (after->working_hours->len, ==, before->working_hours->len);
  g_assert_cmpint (g_array_index (after->working_hours, TurnosWorkingHours, 0).end_minute, ==,
                   g_array_index (before->working_hours, TurnosWorkingHours, 0).end_minute);
  g_clear_pointer (&after, turnos_settings_unref);

  /* Confirmed: saved, and the list still says who to call. */
  g_assert_true (turnos_settings_editor_save (editor, TRUE));
  TURNOS_TEST_WAIT_UNTIL (saved == 1 || failure != NULL);
  g_assert_no_error (failure);
  g_assert_cmpuint (confirm, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (outside), ==, 1);
  after = stored_settings (client, "dr-ana");
  g_assert_cmpint (g_array_index (after->working_hours, TurnosWorkingHours, 0).end_minute, ==, 12 * 60);
  g_assert_false (turnos_settings_editor_get_can_save (editor));

  /* A change that leaves out no session the stored hours took in is saved at once, with
   * no question (the 15:00 session was asked about already), and still listed. */
  g_object_set (editor, "session-minutes", 30, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (outside), ==, 0);   /* a change empties it */
  g_object_set (editor, "interval-minutes", 30, NULL);
  g_assert_true (turnos_settings_editor_save (editor, FALSE));
  TURNOS_TEST_WAIT_UNTIL (saved == 2 || failure != NULL);
  g_assert_no_error (failure);
  g_assert_cmpuint (confirm, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (outside), ==, 1);
  g_assert_cmpuint (turnos_test_server_count_requests (server, "PUT /professionals/dr-ana/settings?dry_run=1"), ==, 2);
}

/* What only the server can know lands beside its field; what belongs to no field is said. */
static void
test_server_refusals (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_test_server_get_url (server));
  g_autoptr(TurnosSettingsEditor) editor = turnos_settings_editor_new (client);
  g_autoptr(GError) failure = NULL;
  guint saved = 0;

  turnos_test_sign_in (client, server, "admin");
  g_signal_connect_swapped (editor, "saved", G_CALLBACK (count_cb), &saved);
  g_signal_connect (editor, "failed", G_CALLBACK (failed_cb), &failure);
  turnos_settings_editor_start_new (editor);
  fill_valid (editor);

  /* An id a professional has. */
  g_object_set (editor, "user-id", "dr-ana", NULL);
  g_assert_true (turnos_settings_editor_save (editor, FALSE));
  TURNOS_TEST_WAIT_UNTIL (!turnos_settings_editor_get_busy (editor));
  g_assert_null (failure);
  g_assert_cmpint (turnos_settings_editor_get_problem (editor, "user_id"), ==, TURNOS_FIELD_TAKEN);
  g_assert_false (turnos_settings_editor_get_can_save (editor));
  /* Changing it clears what the server said. */
  g_object_set (editor, "user-id", "dr-diego", NULL);
  g_assert_cmpint (turnos_settings_editor_get_problem (editor, "user_id"), ==, TURNOS_FIELD_OK);

  /* A user name another account has. */
  g_object_set (editor, "username", "desk", NULL);
  g_assert_true (turnos_settings_editor_save (editor, FALSE));
  TURNOS_TEST_WAIT_UNTIL (!turnos_settings_editor_get_busy (editor));
  g_assert_null (failure);
  g_assert_cmpint (turnos_settings_editor_get_problem (editor, "username"), ==, TURNOS_FIELD_TAKEN);
  g_assert_cmpint (turnos_settings_editor_get_problem (editor, "user_id"), ==, TURNOS_FIELD_OK);
  g_object_set (editor, "username", "diego", NULL);
  g_assert_true (turnos_settings_editor_save (editor, FALSE));
  TURNOS_TEST_WAIT_UNTIL (saved == 1 || failure != NULL);
  g_assert_no_error (failure);

  /* Another professional's settings, as dr-ana: not a field's fault. */
  turnos_test_sign_in (client, server, "dr-ana");
  turnos_settings_editor_load (editor, "dr-bruno");
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (turnos_settings_editor_get_professional_id (editor), "dr-bruno") == 0);
  g_object_set (editor, "horizon-days", 90, NULL);
  g_assert_true (turnos_settings_editor_save (editor, FALSE));
  TURNOS_TEST_WAIT_UNTIL (failure != NULL);
  g_assert_error (failure, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_FORBIDDEN);
  g_assert_true (turnos_settings_editor_get_valid (editor));
  g_assert_true (turnos_settings_editor_get_can_save (editor));   /* nothing lost: try again */

  /* An unknown professional: loading fails, said. */
  g_clear_error (&failure);
  turnos_settings_editor_load (editor, "dr-nobody");
  TURNOS_TEST_WAIT_UNTIL (failure != NULL);
  g_assert_error (failure, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_NOT_FOUND);
}

static void
test_time_zones (void)
{
  g_auto(GStrv) zones = turnos_settings_editor_list_time_zones ();
  guint n = g_strv_length (zones);

  g_assert_cmpuint (n, >, 300);
  g_assert_true (g_strv_contains ((const char * const *) zones, ZONE));
  g_assert_true (g_strv_contains ((const char * const *) zones, "UTC"));
  g_assert_true (g_strv_contains ((const char * const *) zones, "Europe/Madrid"));
  for (guint i = 0; i + 1 < n; i++)
    g_assert_cmpint (g_strcmp0 (zones[i], zones[i + 1]), <, 0);
  /* Every one is a zone GTimeZone knows (and so the server's check accepts). */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GTimeZone) tz = turnos_time_zone_new (zones[i]);

      if (tz == NULL)
        g_error ("%s is listed but unknown", zones[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/booking/settings-editor/checks-as-typed", test_checks_as_typed);
  g_test_add_func ("/booking/settings-editor/hours-problems", test_hours_problems);
  g_test_add_func ("/booking/settings-editor/add-professional", test_add_professional);
  g_test_add_func ("/booking/settings-editor/preview-outside-hours", test_preview_outside_hours);
  g_test_add_func ("/booking/settings-editor/server-refusals", test_server_refusals);
  g_test_add_func ("/booking/settings-editor/time-zones", test_time_zones);

  return g_test_run ();
}
