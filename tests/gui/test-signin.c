/* test-signin.c: signing in, a window per role, the desk's patients, signing in again, a fresh
 * clinic's welcome; real widgets under Xvfb against a real server with accounts
 *
 * Run on a session bus with no service directories (tests/gui/meson.build): no Secret Service
 * answers, so tokens live in memory and the user is told once.
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "turnos-embedded.h"
#include "turnos-gate.h"
#include "turnos-month-view.h"
#include "turnos-new-patient-dialog.h"
#include "turnos-patient-picker.h"
#include "turnos-reserve-page.h"
#include "turnos-sign-in-page.h"
#include "turnos-test-client.h"
#include "turnos-test-server.h"
#include "turnos-time.h"
#include "turnos-welcome-page.h"

#define ZONE "America/Argentina/Buenos_Aires"

typedef struct
{
  TurnosTestServer *server;
  TurnosSession    *session;
  TurnosGate       *gate;
  guint             told_keyring;
} Fixture;

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *action)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), action) == 0)
        return c;
      if ((found = find_button (c, action)) != NULL)
        return found;
    }
  return NULL;
}

static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
type_into (gpointer    editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static void
on_keyring_unavailable_cb (TurnosSession *session,
                           Fixture       *f)
{
  f->told_keyring++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = turnos_test_server_start (TRUE, NULL);
  f->session = turnos_session_new (turnos_test_server_get_url (f->server));
  turnos_test_client_stretch (turnos_session_get_client (f->session));
  g_signal_connect (f->session, "keyring-unavailable", G_CALLBACK (on_keyring_unavailable_cb), f);
  f->gate = turnos_gate_new (NULL, f->session, NULL, NULL, NULL);
  turnos_gate_start (f->gate);
  /* No keyring on this bus: nothing kept, the sign-in page stays. */
  TURNOS_TEST_WAIT_UNTIL (turnos_session_get_state (f->session) == TURNOS_SESSION_SIGNED_OUT &&
                          !turnos_session_get_busy (f->session));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* A keyring call still under way keeps the session alive past this test: it must not call
   * back into a fixture that is gone. */
  g_signal_handlers_disconnect_by_data (f->session, f);
  g_clear_object (&f->gate);
  g_clear_object (&f->session);
  turnos_test_server_free (f->server);
}

static TurnosSignInPage *
sign_in_page (GtkWindow *window)
{
  GtkWidget *page;

  g_assert_nonnull (window);
  page = find_type (GTK_WIDGET (window), TURNOS_TYPE_SIGN_IN_PAGE);
  g_assert_nonnull (page);
  return TURNOS_SIGN_IN_PAGE (page);
}

/* Types @user and @password as a person would and presses Sign In. */
static void
sign_in_with (TurnosSignInPage *page,
              const char       *user,
              const char       *password)
{
  if (gtk_widget_is_sensitive (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "user_row")))
    type_into (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "user_row"), user);
  type_into (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "password_row"), password);
  click (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "sign_in_button"));
}

static void
sign_in_as (Fixture    *f,
            const char *user)
{
  g_autofree char *password = g_strconcat ("demo-", user, NULL);

  sign_in_with (sign_in_page (turnos_gate_get_entry_window (f->gate)), user, password);
  TURNOS_TEST_WAIT_UNTIL (turnos_gate_get_window (f->gate) != NULL);
}

static const char *
error_text (TurnosSignInPage *page)
{
  GtkLabel *label = child (page, TURNOS_TYPE_SIGN_IN_PAGE, "error_label");

  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_label (label) : NULL;
}

static gboolean
header_shows (TurnosWindow *window,
              const char   *view)
{
  {
    g_autoptr(GPtrArray) stack = g_ptr_array_new ();

    g_ptr_array_add (stack, window);
    while (stack->len > 0)
      {
        GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_ACTIONABLE (w) &&
            g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "win.view") == 0 &&
            g_strcmp0 (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (w)), NULL),
                       view) == 0)
          return gtk_widget_get_visible (w);
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_ptr_array_add (stack, c);
      }
  }
  g_assert_not_reached ();
}

/* The views the main menu offers, as their "win.show-view" targets in order, in one string
 * ("professionals audit"), "" when none. */
static char *
menu_views (TurnosWindow *window)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  GMenuModel *model = NULL;

  g_ptr_array_add (stack, window);
  while (stack->len > 0 && model == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (w)))
        model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w));
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_assert_nonnull (model);
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;
          g_autoptr(GVariant) target = NULL;

          if (!g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action) ||
              g_strcmp0 (action, "win.show-view") != 0)
            continue;
          target = g_menu_model_get_item_attribute_value (section, j, G_MENU_ATTRIBUTE_TARGET,
                                                          G_VARIANT_TYPE_STRING);
          g_string_append_printf (out, "%s%s", out->len ? " " : "", g_variant_get_string (target, NULL));
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkWidget *
reserve_page (TurnosWindow *window)
{
  return gtk_stack_get_child_by_name (turnos_window_get_stack (window), "reserve");
}

static TurnosBooking *
booking_of (TurnosWindow *window)
{
  return turnos_reserve_page_get_booking (TURNOS_RESERVE_PAGE (reserve_page (window)));
}

/* Each role signs in and sees exactly its views; signing out brings the sign-in back. The
 * token can only be kept in memory here, and that is said once. */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  static const struct
  {
    const char     *user;
    TurnosUserRole  role;
    gboolean        reservations, desk, time_off, professionals, audit, settings, picker;
    TurnosWindowView start;
    const char     *menu;    /* the views in the main menu */
  } cases[] = {
    { "patient-1", TURNOS_USER_ROLE_PATIENT, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, TURNOS_WINDOW_VIEW_BOOKING,
      "" },
    { "desk", TURNOS_USER_ROLE_DESK, TRUE, TRUE, TRUE, FALSE, FALSE, FALSE, TRUE, TURNOS_WINDOW_VIEW_BOOKING,
      "" },
    { "dr-ana", TURNOS_USER_ROLE_PROFESSIONAL, FALSE, TRUE, TRUE, FALSE, FALSE, TRUE, FALSE, TURNOS_WINDOW_VIEW_DESK,
      "" },
    { "admin", TURNOS_USER_ROLE_ADMIN, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE, TRUE, TURNOS_WINDOW_VIEW_BOOKING,
      "professionals audit" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TurnosWindow *window;
      TurnosBooking *booking;

      g_test_message ("signing in as %s", cases[i].user);
      sign_in_as (f, cases[i].user);
      window = turnos_gate_get_window (f->gate);
      booking = booking_of (window);
      g_assert_null (turnos_gate_get_entry_window (f->gate));
      g_assert_cmpint (turnos_session_get_role (f->session), ==, cases[i].role);
      g_assert_cmpint (header_shows (window, "reservations"), ==, cases[i].reservations);
      g_assert_cmpint (header_shows (window, "desk"), ==, cases[i].desk);
      g_assert_cmpint (header_shows (window, "time-off"), ==, cases[i].time_off);
      {
        g_autofree char *menu = menu_views (window);

        g_assert_cmpint (strstr (menu, "professionals") != NULL, ==, cases[i].professionals);
        g_assert_cmpint (strstr (menu, "audit") != NULL, ==, cases[i].audit);
      }
      g_assert_cmpint (header_shows (window, "settings"), ==, cases[i].settings);
      g_assert_cmpint (turnos_window_get_view (window), ==, cases[i].start);
      /* Every role's window fits a 360-pixel-wide screen: the admin's Professionals and
       * Audit are in the main menu, not in the header. */
      {
        g_autofree char *menu = menu_views (window);
        int minimum;

        g_assert_cmpstr (menu, ==, cases[i].menu);
        gtk_widget_measure (adw_application_window_get_content (ADW_APPLICATION_WINDOW (window)),
                            GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
        g_test_message ("%s's window: at least %d px wide", cases[i].user, minimum);
        g_assert_cmpint (minimum, <=, 360);
      }
      g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (turnos_reserve_page_get_patient_picker (TURNOS_RESERVE_PAGE (reserve_page (window))))),
                       ==, cases[i].picker);
      if (cases[i].role == TURNOS_USER_ROLE_PATIENT)
        g_assert_cmpstr (turnos_booking_get_client_id (booking), ==, "patient-1");
      else if (cases[i].role == TURNOS_USER_ROLE_PROFESSIONAL)
        TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (turnos_booking_get_professional_id (booking), "dr-ana") == 0);
      else
        g_assert_null (turnos_booking_get_client_id (booking));
      TURNOS_TEST_WAIT_UNTIL (turnos_session_get_token_storage (f->session) == TURNOS_TOKEN_STORAGE_MEMORY);

      turnos_session_sign_out (f->session);
      TURNOS_TEST_WAIT_UNTIL (turnos_gate_get_entry_window (f->gate) != NULL &&
                              !turnos_session_get_busy (f->session));
      g_assert_null (turnos_gate_get_window (f->gate));
      g_assert_cmpint (turnos_session_get_role (f->session), ==, TURNOS_USER_ROLE_NONE);
    }
  /* No Secret Service on this bus: said once, not at every sign-in. */
  g_assert_cmpuint (f->told_keyring, ==, 1);
}

static void
test_wrong_password (Fixture       *f,
                     gconstpointer  data)
{
  TurnosSignInPage *page = sign_in_page (turnos_gate_get_entry_window (f->gate));
  GtkWidget *focus = gtk_window_get_focus (turnos_gate_get_entry_window (f->gate));

  /* The keyboard starts on the user name (the server's address is given). */
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, child (page, TURNOS_TYPE_SIGN_IN_PAGE, "user_row")));
  sign_in_with (page, "desk", "not-the-password");
  TURNOS_TEST_WAIT_UNTIL (error_text (page) != NULL);
  g_assert_cmpstr (error_text (page), ==, "Wrong user name or password.");
  g_assert_cmpint (turnos_session_get_state (f->session), ==, TURNOS_SESSION_SIGNED_OUT);
  /* The password is typed again; the user name stays. */
  g_assert_cmpstr (gtk_editable_get_text (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "password_row")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "user_row")), ==, "desk");
  gtk_test_accessible_assert_property (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "error_label"),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Wrong user name or password.");
}

/* Five failures in 15 minutes, then the wait is said in minutes (the server's Retry-After). */
static void
test_throttled (Fixture       *f,
                gconstpointer  data)
{
  TurnosSignInPage *page = sign_in_page (turnos_gate_get_entry_window (f->gate));

  for (int i = 0; i < 6; i++)
    {
      sign_in_with (page, "desk", "wrong-again");
      TURNOS_TEST_WAIT_UNTIL (!turnos_session_get_busy (f->session) && error_text (page) != NULL);
    }
  g_assert_true (g_str_has_prefix (error_text (page), "Too many failed attempts. Try again in "));
  g_assert_true (g_str_has_suffix (error_text (page), " minutes.") || g_str_has_suffix (error_text (page), " minute."));
}

/* A password never goes over plain http to another computer, unless allowed, and then the page
 * says the connection is not private. */
static void
test_insecure_http (Fixture       *f,
                    gconstpointer  data)
{
  TurnosSignInPage *page = sign_in_page (turnos_gate_get_entry_window (f->gate));
  GtkWidget *privacy = child (page, TURNOS_TYPE_SIGN_IN_PAGE, "privacy_label");
  GtkWidget *button = child (page, TURNOS_TYPE_SIGN_IN_PAGE, "sign_in_button");

  type_into (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "user_row"), "desk");
  type_into (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "password_row"), "demo-desk");
  /* Loopback is private: nothing to say. */
  g_assert_false (gtk_widget_get_visible (privacy));
  g_assert_true (gtk_widget_is_sensitive (button));

  type_into (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "server_row"), "http://192.0.2.10:8080/");
  g_assert_true (gtk_widget_get_visible (privacy));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (privacy)), "Turnos does not send your password"));
  g_assert_false (gtk_widget_is_sensitive (button));
  /* Even asked directly, the session refuses, and nothing is sent. */
  turnos_session_sign_in (f->session, "http://192.0.2.10:8080/", "desk", "demo-desk");
  g_assert_error (turnos_session_get_error (f->session), TURNOS_SESSION_ERROR, TURNOS_SESSION_ERROR_INSECURE);
  g_assert_false (turnos_session_get_busy (f->session));

  turnos_session_set_allow_insecure_http (f->session, TRUE);
  type_into (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "server_row"), "http://192.0.2.11:8080/");
  /* The refusal above asked for the password again. */
  type_into (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "password_row"), "demo-desk");
  g_assert_true (gtk_widget_get_visible (privacy));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (privacy)), "This connection is not private"));
  g_assert_true (gtk_widget_is_sensitive (button));

  type_into (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "server_row"), "https://clinic.example/");
  g_assert_false (gtk_widget_get_visible (privacy));
}

/* An unreachable server is said so (not "wrong password"). */
static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  TurnosSignInPage *page = sign_in_page (turnos_gate_get_entry_window (f->gate));

  type_into (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "server_row"), "http://127.0.0.1:1/");
  sign_in_with (page, "desk", "demo-desk");
  TURNOS_TEST_WAIT_UNTIL (error_text (page) != NULL);
  g_assert_cmpstr (error_text (page), ==,
                   "Cannot reach the server at that address. Check the address and your network.");
}

/* Sends @method @path as @token; returns the status and, if asked, the JSON answer. */
static guint
request (Fixture     *f,
         const char  *token,
         const char  *method,
         const char  *path,
         const char  *body,
         JsonNode   **out)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (turnos_test_server_get_url (f->server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (session, msg, NULL, NULL);
  if (out != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      *out = json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL),
                                         g_bytes_get_size (answer), NULL)
             ? json_node_copy (json_parser_get_root (parser)) : NULL;
    }
  return soup_message_get_status (msg);
}

static guint
bookings_of (Fixture    *f,
             const char *patient)
{
  g_autofree char *token = turnos_test_server_login (f->server, "desk");
  g_autofree char *path = g_strdup_printf ("reservations?client_id=%s", patient);
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (request (f, token, "GET", path, NULL, &node), ==, 200);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (node), "reservations"));
}

/* The desk made an account with a first password: at the first sign-in the patient chooses
 * their own, and then books as themselves. */
static void
test_first_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *desk = turnos_test_server_login (f->server, "desk");
  TurnosSignInPage *page = sign_in_page (turnos_gate_get_entry_window (f->gate));
  g_autoptr(JsonNode) created = NULL;
  GtkStack *stack = child (page, TURNOS_TYPE_SIGN_IN_PAGE, "stack");

  g_assert_cmpuint (request (f, desk, "POST", "patients",
                             "{\"display_name\": \"Marta Díaz\", \"username\": \"marta\", \"password\": \"first-one-1\"}",
                             &created), ==, 201);
  sign_in_with (page, "marta", "first-one-1");
  TURNOS_TEST_WAIT_UNTIL (turnos_session_get_state (f->session) == TURNOS_SESSION_CHANGE_PASSWORD);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "password");
  g_assert_null (turnos_gate_get_window (f->gate));

  /* Two different passwords are refused here, before the server. */
  type_into (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "new_password_row"), "my-own-secret");
  type_into (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "repeat_row"), "my-own-secreT");
  click (find_button (GTK_WIDGET (page), "sign-in.change-password"));
  g_assert_cmpstr (gtk_label_get_label (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "password_error_label")), ==,
                   "The two passwords are not the same.");
  type_into (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "repeat_row"), "my-own-secret");
  click (find_button (GTK_WIDGET (page), "sign-in.change-password"));
  TURNOS_TEST_WAIT_UNTIL (turnos_gate_get_window (f->gate) != NULL);
  g_assert_cmpint (turnos_session_get_role (f->session), ==, TURNOS_USER_ROLE_PATIENT);
  g_assert_cmpstr (turnos_booking_get_client_id (booking_of (turnos_gate_get_window (f->gate))), ==,
                   json_object_get_string_member (json_node_get_object (created), "id"));

  /* The new password is the one now. */
  turnos_session_sign_out (f->session);
  TURNOS_TEST_WAIT_UNTIL (turnos_gate_get_entry_window (f->gate) != NULL && !turnos_session_get_busy (f->session));
  sign_in_with (sign_in_page (turnos_gate_get_entry_window (f->gate)), "marta", "my-own-secret");
  TURNOS_TEST_WAIT_UNTIL (turnos_gate_get_window (f->gate) != NULL);
}

static void
pick_day_and_time (TurnosWindow *window,
                   int           ahead)
{
  GtkWidget *reserve = reserve_page (window);
  TurnosBooking *booking = booking_of (window);
  TurnosMonthView *month = child (reserve, TURNOS_TYPE_RESERVE_PAGE, "month_view");
  GtkListBox *slots = child (reserve, TURNOS_TYPE_RESERVE_PAGE, "slots_list");
  GDate day;

  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (booking) != NULL);
  turnos_test_working_day (ZONE, ahead, &day);
  turnos_month_view_set_selected (month, &day);
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (child (reserve, TURNOS_TYPE_RESERVE_PAGE, "slots_stack")), "list") == 0);
  gtk_list_box_select_row (slots, gtk_list_box_get_row_at_index (slots, 0));
  g_assert_nonnull (turnos_booking_get_slot (booking));
}

static const char *
page_name (TurnosWindow *window)
{
  return gtk_stack_get_visible_child_name (turnos_window_get_stack (window));
}

/* Types @query in the picker and waits for the directory's answer. */
static GtkListBox *
search_patients (TurnosPatientPicker *picker,
                 const char          *query)
{
  GtkListBox *results = child (picker, TURNOS_TYPE_PATIENT_PICKER, "results");
  GtkStack *results_stack = child (picker, TURNOS_TYPE_PATIENT_PICKER, "results_stack");

  gtk_stack_set_visible_child_name (results_stack, "idle");
  type_into (child (picker, TURNOS_TYPE_PATIENT_PICKER, "search_entry"), query);
  /* The entry waits for a pause in typing (300 ms) before asking. */
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (results_stack), "idle") != 0);
  return results;
}

/* Desk: "jose" finds José; Continue stays off without a patient; New Patient, then book for
 * them; the next booking starts with no patient. */
static void
test_desk_patients (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *desk = turnos_test_server_login (f->server, "desk");
  TurnosWindow *window;
  TurnosBooking *booking;
  TurnosPatientPicker *picker;
  GtkWidget *continue_button;
  GtkListBox *results;
  GtkListBoxRow *row;
  TurnosNewPatientDialog *dialog;
  const char *new_id;

  g_assert_cmpuint (request (f, desk, "POST", "patients",
                             "{\"display_name\": \"José Luis Ibáñez\", \"document\": \"30123456\", \"phone\": \"+54 11 5555-1234\"}",
                             NULL), ==, 201);
  sign_in_as (f, "desk");
  window = turnos_gate_get_window (f->gate);
  booking = booking_of (window);
  picker = turnos_reserve_page_get_patient_picker (TURNOS_RESERVE_PAGE (reserve_page (window)));
  continue_button = child (reserve_page (window), TURNOS_TYPE_RESERVE_PAGE, "continue_button");

  /* A time but no patient: no Continue. */
  pick_day_and_time (window, 8);
  g_assert_false (gtk_widget_is_sensitive (continue_button));

  /* Without accents or capitals: the demo's José Pérez and the one just added, by name. */
  results = search_patients (picker, "jose");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (picker, TURNOS_TYPE_PATIENT_PICKER, "results_stack")), ==, "list");
  row = gtk_list_box_get_row_at_index (results, 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "José Luis Ibáñez");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "30123456 · +54 11 5555-1234");
  row = gtk_list_box_get_row_at_index (results, 1);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "José Pérez");
  g_assert_null (gtk_list_box_get_row_at_index (results, 2));
  /* By document and by phone too. */
  search_patients (picker, "30123456");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (results, 0))), ==, "José Luis Ibáñez");
  g_assert_null (gtk_list_box_get_row_at_index (results, 1));
  search_patients (picker, "5555-0101");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (results, 0))), ==, "José Pérez");
  search_patients (picker, "nobody-has-this-name");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (picker, TURNOS_TYPE_PATIENT_PICKER, "results_stack")), ==, "message");

  /* A new patient, added from the picker, is chosen. */
  click (find_button (GTK_WIDGET (picker), "picker.new"));
  dialog = NULL;
  for (GList *l = gtk_window_list_toplevels (), *all = l; l != NULL || (g_list_free (all), FALSE); l = l->next)
    if (TURNOS_IS_NEW_PATIENT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_false (gtk_widget_is_sensitive (child (dialog, TURNOS_TYPE_NEW_PATIENT_DIALOG, "add_button")));
  type_into (child (dialog, TURNOS_TYPE_NEW_PATIENT_DIALOG, "name_row"), "Ana Gómez");
  type_into (child (dialog, TURNOS_TYPE_NEW_PATIENT_DIALOG, "document_row"), "27999888");
  /* A user name needs a first password of 8 characters. */
  type_into (child (dialog, TURNOS_TYPE_NEW_PATIENT_DIALOG, "username_row"), "ana.gomez");
  g_assert_false (gtk_widget_is_sensitive (child (dialog, TURNOS_TYPE_NEW_PATIENT_DIALOG, "add_button")));
  type_into (child (dialog, TURNOS_TYPE_NEW_PATIENT_DIALOG, "password_row"), "temporary-1");
  click (child (dialog, TURNOS_TYPE_NEW_PATIENT_DIALOG, "add_button"));
  TURNOS_TEST_WAIT_UNTIL (turnos_patient_picker_get_patient (picker) != NULL);
  new_id = turnos_patient_picker_get_patient (picker)->id;
  g_assert_cmpstr (turnos_booking_get_client_id (booking), ==, new_id);
  g_assert_cmpstr (adw_preferences_row_get_title (child (picker, TURNOS_TYPE_PATIENT_PICKER, "chosen_row")), ==, "Ana Gómez");
  g_assert_true (gtk_widget_is_sensitive (continue_button));

  click (continue_button);
  g_assert_cmpstr (page_name (window), ==, "confirm");
  click (find_button (gtk_stack_get_visible_child (turnos_window_get_stack (window)), "confirm.confirm"));
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (page_name (window), "done") == 0);
  g_assert_cmpuint (bookings_of (f, new_id), ==, 1);

  /* The next booking: no patient, no Continue until one is chosen. */
  click (find_button (gtk_stack_get_child_by_name (turnos_window_get_stack (window), "done"), "done.again"));
  g_assert_cmpstr (page_name (window), ==, "reserve");
  g_assert_null (turnos_booking_get_client_id (booking));
  g_assert_null (turnos_patient_picker_get_patient (picker));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child (picker, TURNOS_TYPE_PATIENT_PICKER, "stack")), ==, "search");
  pick_day_and_time (window, 9);
  g_assert_false (gtk_widget_is_sensitive (continue_button));
}

/* The token is revoked while the desk books: Confirm brings the sign-in back over the window,
 * and once signed in the same booking confirms, with everything chosen kept. */
static void
test_revoked_mid_booking (Fixture       *f,
                          gconstpointer  data)
{
  TurnosWindow *window;
  TurnosBooking *booking;
  TurnosSignInPage *page;
  g_autoptr(TurnosReservation) draft = NULL;
  guint before = bookings_of (f, "patient-2");

  sign_in_as (f, "desk");
  window = turnos_gate_get_window (f->gate);
  booking = booking_of (window);
  turnos_booking_set_client_id (booking, "patient-2");
  pick_day_and_time (window, 8);
  click (child (reserve_page (window), TURNOS_TYPE_RESERVE_PAGE, "continue_button"));
  g_assert_cmpstr (page_name (window), ==, "confirm");
  draft = turnos_reservation_ref (turnos_booking_get_draft (booking));

  /* Revoked elsewhere (a password change, the admin, a logout on another desk). */
  g_assert_cmpuint (request (f, turnos_client_get_token (turnos_session_get_client (f->session)),
                             "POST", "auth/logout", NULL, NULL), ==, 204);
  click (find_button (gtk_stack_get_visible_child (turnos_window_get_stack (window)), "confirm.confirm"));
  TURNOS_TEST_WAIT_UNTIL (turnos_gate_get_resume_dialog (f->gate) != NULL);
  g_assert_cmpint (turnos_session_get_state (f->session), ==, TURNOS_SESSION_EXPIRED);
  g_assert_true (turnos_gate_get_window (f->gate) == window);
  g_assert_cmpstr (page_name (window), ==, "confirm");

  page = sign_in_page (turnos_gate_get_resume_dialog (f->gate));
  /* The same user signs in again: their name is given. */
  g_assert_false (gtk_widget_is_sensitive (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "user_row")));
  g_assert_cmpstr (gtk_editable_get_text (child (page, TURNOS_TYPE_SIGN_IN_PAGE, "user_row")), ==, "desk");
  sign_in_with (page, "desk", "demo-desk");
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (page_name (window), "done") == 0);
  g_assert_null (turnos_gate_get_resume_dialog (f->gate));
  g_assert_cmpstr (turnos_booking_get_client_id (booking), ==, "patient-2");
  g_assert_true (g_date_time_equal (turnos_booking_get_booked (booking)->start, draft->start));
  g_assert_cmpint (turnos_booking_get_booked (booking)->modality, ==, draft->modality);
  g_assert_cmpuint (bookings_of (f, "patient-2"), ==, before + 1);
}

static AdwMessageDialog *
message_dialog (const char *heading)
{
  AdwMessageDialog *found = NULL;
  GList *all = gtk_window_list_toplevels ();

  for (GList *l = all; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        g_strcmp0 (adw_message_dialog_get_heading (l->data), heading) == 0)
      found = l->data;
  g_list_free (all);
  return found;
}

static guint
live_bookings_of (Fixture    *f,
                  const char *patient)
{
  g_autofree char *token = turnos_test_server_login (f->server, "desk");
  g_autofree char *path = g_strdup_printf ("reservations?client_id=%s&status=live", patient);
  g_autoptr(JsonNode) node = NULL;

  g_assert_cmpuint (request (f, token, "GET", path, NULL, &node), ==, 200);
  return json_array_get_length (json_object_get_array_member (json_node_get_object (node), "reservations"));
}

/* The desk cancels a session past the professional's cancel notice: the server refuses, the
 * desk is asked why, and with a reason it is cancelled (the override DESIGN.md allows). */
static void
test_cancel_past_notice (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *admin = turnos_test_server_login (f->server, "admin");
  g_autofree char *desk = turnos_test_server_login (f->server, "desk");
  g_autoptr(JsonNode) settings = NULL;
  g_autoptr(JsonNode) day_node = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autofree char *settings_json = NULL;
  g_autofree char *day_path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *day_str = NULL;
  g_autofree char *action_target = NULL;
  JsonObject *slot;
  const char *id;
  TurnosWindow *window;
  AdwMessageDialog *confirm, *reason;
  GDate day;
  guint before;

  /* dr-ana's sessions can be cancelled only 30 days ahead: the one booked below is past it. */
  g_assert_cmpuint (request (f, NULL, "GET", "professionals/dr-ana/settings", NULL, &settings), ==, 200);
  json_object_set_int_member (json_node_get_object (settings), "cancel_notice_minutes", 30 * 24 * 60);
  settings_json = json_to_string (settings, FALSE);
  g_assert_cmpuint (request (f, admin, "PUT", "professionals/dr-ana/settings", settings_json, NULL), ==, 200);
  turnos_test_working_day (ZONE, 3, &day);
  day_str = turnos_date_format (&day);
  day_path = g_strdup_printf ("reservations/availability?date=%s&professional_id=dr-ana", day_str);
  g_assert_cmpuint (request (f, NULL, "GET", day_path, NULL, &day_node), ==, 200);
  slot = json_array_get_object_element (json_object_get_array_member (json_node_get_object (day_node), "slots"), 0);
  body = g_strdup_printf ("{\"client_id\": \"patient-1\", \"professional_id\": \"dr-ana\", "
                          "\"start_time\": \"%s\", \"end_time\": \"%s\", \"session_modality\": \"Virtual\"}",
                          json_object_get_string_member (slot, "start_time"),
                          json_object_get_string_member (slot, "end_time"));
  g_assert_cmpuint (request (f, desk, "POST", "reservations/create-without-payment", body, &created), ==, 201);
  id = json_object_get_string_member (json_node_get_object (created), "id");
  before = live_bookings_of (f, "patient-1");

  sign_in_as (f, "desk");
  window = turnos_gate_get_window (f->gate);
  turnos_booking_set_client_id (booking_of (window), "patient-1");
  turnos_window_set_view (window, TURNOS_WINDOW_VIEW_RESERVATIONS);
  {
    GtkWidget *page = gtk_stack_get_child_by_name (turnos_window_get_stack (window), "reservations");

    TURNOS_TEST_WAIT_UNTIL (gtk_widget_activate_action (page, "reservations.cancel", "s", id) &&
                            message_dialog ("Cancel This Session?") != NULL);
  }
  confirm = message_dialog ("Cancel This Session?");
  adw_message_dialog_response (confirm, "cancel");
  TURNOS_TEST_WAIT_UNTIL ((reason = message_dialog ("Cancel Past the Notice?")) != NULL);
  /* No reason, no cancel. */
  g_assert_false (adw_message_dialog_get_response_enabled (reason, "cancel"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (reason)), "The patient called in sick");
  g_assert_true (adw_message_dialog_get_response_enabled (reason, "cancel"));
  adw_message_dialog_response (reason, "cancel");
  TURNOS_TEST_WAIT_UNTIL (live_bookings_of (f, "patient-1") == before - 1);
}

/* The admin may erase a patient's personal data, and is asked first. */
static void
test_erase_asks (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *admin = turnos_test_server_login (f->server, "admin");
  TurnosWindow *window;
  TurnosPatientPicker *picker;
  AdwMessageDialog *dialog;
  GtkListBox *results;
  g_autoptr(JsonNode) node = NULL;

  sign_in_as (f, "admin");
  window = turnos_gate_get_window (f->gate);
  picker = turnos_reserve_page_get_patient_picker (TURNOS_RESERVE_PAGE (reserve_page (window)));
  results = search_patients (picker, "30111222");
  g_signal_emit_by_name (results, "row-activated", gtk_list_box_get_row_at_index (results, 0));
  g_assert_cmpstr (turnos_booking_get_client_id (booking_of (window)), ==, "patient-1");

  /* Cancelling the question keeps everything. */
  click (find_button (GTK_WIDGET (picker), "picker.erase"));
  dialog = message_dialog ("Erase José Pérez’s Personal Data?");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  g_assert_cmpuint (request (f, admin, "GET", "patients/patient-1", NULL, &node), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "display_name"), ==, "José Pérez");
  g_clear_pointer (&node, json_node_unref);

  click (find_button (GTK_WIDGET (picker), "picker.erase"));
  adw_message_dialog_response (message_dialog ("Erase José Pérez’s Personal Data?"), "erase");
  TURNOS_TEST_WAIT_UNTIL (turnos_patient_picker_get_patient (picker) == NULL);
  g_assert_null (turnos_booking_get_client_id (booking_of (window)));
  g_assert_cmpuint (request (f, admin, "GET", "patients/patient-1", NULL, &node), ==, 200);
  g_assert_false (json_object_has_member (json_node_get_object (node), "document"));
}

/* The desk may not: no erase button. */
static void
test_desk_cannot_erase (Fixture       *f,
                        gconstpointer  data)
{
  TurnosWindow *window;
  TurnosPatientPicker *picker;

  sign_in_as (f, "desk");
  window = turnos_gate_get_window (f->gate);
  picker = turnos_reserve_page_get_patient_picker (TURNOS_RESERVE_PAGE (reserve_page (window)));
  turnos_booking_set_client_id (booking_of (window), "patient-1");
  g_assert_false (gtk_widget_get_visible (child (picker, TURNOS_TYPE_PATIENT_PICKER, "erase_button")));
}

/* A fresh clinic in the app, no --demo: the welcome page adds the first professional, and the
 * first booking follows. */
static void
test_welcome (void)
{
  g_autofree char *dir = g_dir_make_tmp ("turnos-welcome-XXXXXX", NULL);
  g_autofree char *uri = g_strdup_printf ("sqlite://%s/turnos.db", dir);
  g_autoptr(GError) error = NULL;
  TurnosEmbeddedServer *embedded = turnos_embedded_server_start (uri, FALSE, &error);
  g_autoptr(TurnosClient) client = NULL;
  g_autoptr(TurnosSession) session = NULL;
  g_autoptr(TurnosGate) gate = NULL;
  TurnosWelcomePage *welcome;
  TurnosWindow *window;
  TurnosBooking *booking;
  TurnosSettings *settings;
  g_autoptr(TurnosPerson) patient = turnos_person_new ();

  g_assert_no_error (error);
  client = turnos_test_client_new (turnos_embedded_server_get_base_url (embedded));
  turnos_client_set_token (client, turnos_embedded_server_get_token (embedded));
  session = turnos_session_new_embedded (client);
  gate = turnos_gate_new (NULL, session, NULL, NULL, NULL);
  turnos_gate_start (gate);
  TURNOS_TEST_WAIT_UNTIL (turnos_gate_get_entry_window (gate) != NULL);
  welcome = TURNOS_WELCOME_PAGE (find_type (GTK_WIDGET (turnos_gate_get_entry_window (gate)), TURNOS_TYPE_WELCOME_PAGE));
  g_assert_nonnull (welcome);
  g_assert_null (turnos_gate_get_window (gate));

  g_assert_false (gtk_widget_is_sensitive (child (welcome, TURNOS_TYPE_WELCOME_PAGE, "add_button")));
  type_into (child (welcome, TURNOS_TYPE_WELCOME_PAGE, "name_row"), "Dra. Laura López");
  type_into (child (welcome, TURNOS_TYPE_WELCOME_PAGE, "zone_row"), ZONE);
  type_into (child (welcome, TURNOS_TYPE_WELCOME_PAGE, "from_row"), "10:00");
  type_into (child (welcome, TURNOS_TYPE_WELCOME_PAGE, "to_row"), "14:00");
  click (child (welcome, TURNOS_TYPE_WELCOME_PAGE, "add_button"));
  TURNOS_TEST_WAIT_UNTIL (turnos_gate_get_window (gate) != NULL);
  window = turnos_gate_get_window (gate);
  booking = booking_of (window);
  TURNOS_TEST_WAIT_UNTIL (turnos_booking_get_settings (booking) != NULL);
  settings = turnos_booking_get_settings (booking);
  g_assert_cmpstr (settings->user_id, ==, "dra-laura-lopez");
  g_assert_cmpstr (settings->display_name, ==, "Dra. Laura López");
  g_assert_cmpuint (settings->working_hours->len, ==, 5);
  g_assert_cmpint (g_array_index (settings->working_hours, TurnosWorkingHours, 0).start_minute, ==, 600);
  g_assert_cmpint (g_array_index (settings->working_hours, TurnosWorkingHours, 0).end_minute, ==, 840);
  g_assert_cmpint (settings->session_duration_minutes, ==, 45);

  /* The first booking, for a patient the desk adds. */
  patient->display_name = g_strdup ("Primer Paciente");
  {
    TurnosPatientPicker *picker = turnos_reserve_page_get_patient_picker (TURNOS_RESERVE_PAGE (reserve_page (window)));
    TurnosNewPatientDialog *dialog = NULL;

    click (find_button (GTK_WIDGET (picker), "picker.new"));
    for (GList *l = gtk_window_list_toplevels (), *all = l; l != NULL || (g_list_free (all), FALSE); l = l->next)
      if (TURNOS_IS_NEW_PATIENT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        dialog = l->data;
    g_assert_nonnull (dialog);
    type_into (child (dialog, TURNOS_TYPE_NEW_PATIENT_DIALOG, "name_row"), patient->display_name);
    click (child (dialog, TURNOS_TYPE_NEW_PATIENT_DIALOG, "add_button"));
    TURNOS_TEST_WAIT_UNTIL (turnos_patient_picker_get_patient (picker) != NULL);
  }
  turnos_booking_set_modality (booking, TURNOS_MODALITY_PRESENCIAL);
  pick_day_and_time (window, 3);
  click (child (reserve_page (window), TURNOS_TYPE_RESERVE_PAGE, "continue_button"));
  click (find_button (gtk_stack_get_visible_child (turnos_window_get_stack (window)), "confirm.confirm"));
  TURNOS_TEST_WAIT_UNTIL (g_strcmp0 (page_name (window), "done") == 0);
  g_assert_cmpint (turnos_booking_get_booked (booking)->status, ==, TURNOS_STATUS_CONFIRMED);

  g_clear_object (&gate);
  g_clear_object (&session);
  g_clear_object (&client);
  turnos_embedded_server_stop (embedded);
  {
    g_autofree char *db = g_build_filename (dir, "turnos.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/signin/roles", Fixture, NULL, fixture_set_up, test_roles, fixture_tear_down);
  g_test_add ("/gui/signin/wrong-password", Fixture, NULL, fixture_set_up, test_wrong_password, fixture_tear_down);
  g_test_add ("/gui/signin/throttled", Fixture, NULL, fixture_set_up, test_throttled, fixture_tear_down);
  g_test_add ("/gui/signin/insecure-http", Fixture, NULL, fixture_set_up, test_insecure_http, fixture_tear_down);
  g_test_add ("/gui/signin/unreachable", Fixture, NULL, fixture_set_up, test_unreachable, fixture_tear_down);
  g_test_add ("/gui/signin/first-password", Fixture, NULL, fixture_set_up, test_first_password, fixture_tear_down);
  g_test_add ("/gui/signin/desk-patients", Fixture, NULL, fixture_set_up, test_desk_patients, fixture_tear_down);
  g_test_add ("/gui/signin/revoked-mid-booking", Fixture, NULL, fixture_set_up, test_revoked_mid_booking, fixture_tear_down);
  g_test_add ("/gui/signin/cancel-past-notice", Fixture, NULL, fixture_set_up, test_cancel_past_notice, fixture_tear_down);
  g_test_add ("/gui/signin/erase-asks", Fixture, NULL, fixture_set_up, test_erase_asks, fixture_tear_down);
  g_test_add ("/gui/signin/desk-cannot-erase", Fixture, NULL, fixture_set_up, test_desk_cannot_erase, fixture_tear_down);
  g_test_add_func ("/gui/signin/welcome", test_welcome);

  return g_test_run ();
}
