/* turnos-window.c: the main window, following the booking's step
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-agenda-page.h"
#include "turnos-busy-override.h"
#include "turnos-audit-page.h"
#include "turnos-cancel-reason.h"
#include "turnos-confirm-page.h"
#include "turnos-desk-page.h"
#include "turnos-done-page.h"
#include "turnos-format.h"
#include "turnos-gui-enums.h"
#include "turnos-live-follow.h"
#include "turnos-payment-page.h"
#include "turnos-professionals-page.h"
#include "turnos-reservations-page.h"
#include "turnos-reserve-page.h"
#include "turnos-settings-page.h"
#include "turnos-time-off-page.h"
#include "turnos-window.h"

struct _TurnosWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toasts;
  AdwWindowTitle       *title;
  GtkButton            *back_button;
  GtkWidget            *views_box;
  GtkStack             *stack;
  GtkRevealer          *live_revealer;
  GtkWidget            *reservations_button;
  GtkWidget            *desk_button;
  GtkWidget            *time_off_button;
  GMenu                *views_section;
  GtkWidget            *settings_button;

  /* Owned references */
  TurnosSession        *session;   /* nullable: who is signed in */
  TurnosBooking        *booking;
  TurnosReservations   *reservations;
  TurnosTimeOff        *time_off;
  TurnosDeskDay        *desk_day;
  TurnosDeskAgenda     *agenda;
  TurnosEvents         *events;   /* this window's live events (issue #18) */
  GSettings            *settings;
  GSimpleAction        *view_action;   /* "win.view": its state is the view's nick */

  TurnosWindowView      view;
  gboolean              away;   /* showing another view, not the booking steps */
  guint                 help_overlay_id;
  guint                 n_toasts;   /* shown or queued: the pages make room for them */
  guint                 live_off_id;   /* shows the "live updates off" line if it lasts */
};

/* Connecting takes a moment, at start and after a drop: the line shows only if live updates
 * stay off this long, so a window never flashes it. */
#define LIVE_OFF_DELAY_S 3

/* The least strip a toast takes at the window's bottom (a one-line toast and its margins):
 * the pages end above the strip while a toast is up, so a toast never covers a control. */
#define TOAST_STRIP_PX 62

G_DEFINE_FINAL_TYPE (TurnosWindow, turnos_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_BOOKING,
  PROP_SETTINGS,
  PROP_VIEW,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void on_book_here_cb (TurnosWindow *self);
static void on_professionals_changed_cb (TurnosWindow *self);
static void on_message_cb (TurnosWindow *self, const char *text);
static void show_step (TurnosWindow *self);
static void on_reschedule_cb (TurnosWindow *self, TurnosReservation *session);

/* Builds a page the first time it is shown, then shows it. */
static void
show_page (TurnosWindow *self,
           const char   *name)
{
  if (gtk_stack_get_child_by_name (self->stack, name) == NULL)
    {
      GtkWidget *page;

      if (g_str_equal (name, "payment"))
        page = turnos_payment_page_new (self->booking);
      else if (g_str_equal (name, "confirm"))
        page = turnos_confirm_page_new (self->booking);
      else if (g_str_equal (name, "done"))
        page = turnos_done_page_new (self->booking);
      else if (g_str_equal (name, "reservations"))
        {
          page = turnos_reservations_page_new (self->reservations, self->booking);
        }
      else if (g_str_equal (name, "time-off"))
        {
          page = turnos_time_off_page_new (self->time_off, self->booking);
        }
      /* The admin's views (issue #16). */
      else if (g_str_equal (name, "professionals"))
        {
          g_autoptr(TurnosProfessionals) professionals =
            turnos_professionals_new (turnos_booking_get_client (self->booking));

          page = turnos_professionals_page_new (professionals);
          g_signal_connect_object (page, "message", G_CALLBACK (on_message_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (page, "changed", G_CALLBACK (on_professionals_changed_cb), self,
                                   G_CONNECT_SWAPPED);
        }
      else if (g_str_equal (name, "agenda"))
        {
          /* The desk's agenda (issue #18): its date is the window's subtitle. */
          page = turnos_agenda_page_new (self->agenda);
          g_signal_connect_object (page, "message", G_CALLBACK (on_message_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (page, "notify::title", G_CALLBACK (show_step), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (page, "reschedule", G_CALLBACK (on_reschedule_cb), self, G_CONNECT_SWAPPED);
        }
      else if (g_str_equal (name, "audit"))
        {
          g_autoptr(TurnosAuditLog) log = turnos_audit_log_new (turnos_booking_get_client (self->booking));

          page = turnos_audit_page_new (log);
        }
      else if (g_str_equal (name, "settings"))
        {
          /* A professional's own settings: the admin's editor, on their own id. */
          TurnosClient *client = turnos_booking_get_client (self->booking);
          g_autoptr(TurnosSettingsEditor) editor = turnos_settings_editor_new (client);

          turnos_settings_editor_load (editor, turnos_client_get_user_id (client));
          page = turnos_settings_page_new (editor);
          g_signal_connect_object (page, "message", G_CALLBACK (on_message_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (editor, "saved", G_CALLBACK (on_professionals_changed_cb), self,
                                   G_CONNECT_SWAPPED);
        }
      else
        {
          page = turnos_desk_page_new (self->desk_day, self->booking);
          g_signal_connect_object (page, "book-here", G_CALLBACK (on_book_here_cb), self, G_CONNECT_SWAPPED);
        }
      gtk_stack_add_named (self->stack, page, name);
    }
  gtk_stack_set_visible_child_name (self->stack, name);
}

/* The keyboard goes to what a person does next on @page. */
static void
focus_page (GtkWidget *page)
{
  if (TURNOS_IS_RESERVE_PAGE (page))
    turnos_reserve_page_focus_default (TURNOS_RESERVE_PAGE (page));
  else if (TURNOS_IS_CONFIRM_PAGE (page))
    turnos_confirm_page_focus_default (TURNOS_CONFIRM_PAGE (page));
  else if (TURNOS_IS_DONE_PAGE (page))
    turnos_done_page_focus_default (TURNOS_DONE_PAGE (page));
  else
    gtk_widget_grab_focus (page);
}

/* Whose reservations are shown: the patient by name once read ("José Pérez"), by id until
 * then or when it cannot be read. */
static const char *
patient_name (TurnosWindow *self)
{
  const char *id = turnos_booking_get_client_id (self->booking);
  return turnos_patient_names_get_name (turnos_desk_agenda_get_patients (self->agenda), id);
}

static void
on_patient_named_cb (TurnosWindow *self)
{
  if (self->view == TURNOS_WINDOW_VIEW_RESERVATIONS)
    adw_window_title_set_subtitle (self->title, patient_name (self));
}

/* The one place the visible page follows the controller's step. */
static void
show_step (TurnosWindow *self)
{
  TurnosSettings *s = turnos_booking_get_settings (self->booking);
  const char *name = s && s->display_name ? s->display_name : "";
  TurnosBookingStep step = turnos_booking_get_step (self->booking);

  switch (self->view)
    {
    case TURNOS_WINDOW_VIEW_RESERVATIONS:
      show_page (self, "reservations");
      adw_window_title_set_title (self->title, _("My Reservations"));
      adw_window_title_set_subtitle (self->title, patient_name (self));
      break;
    case TURNOS_WINDOW_VIEW_TIME_OFF:
      show_page (self, "time-off");
      adw_window_title_set_title (self->title, _("Time Off"));
      adw_window_title_set_subtitle (self->title, name);
      break;
    case TURNOS_WINDOW_VIEW_DESK:
      show_page (self, "desk");
      adw_window_title_set_title (self->title, _("Front Desk"));
      adw_window_title_set_subtitle (self->title, name);
      break;
    case TURNOS_WINDOW_VIEW_AGENDA:
      show_page (self, "agenda");
      adw_window_title_set_title (self->title, _("Agenda"));
      adw_window_title_set_subtitle (self->title,
                                     turnos_agenda_page_get_title (TURNOS_AGENDA_PAGE (gtk_stack_get_child_by_name (self->stack, "agenda"))));
      break;
    case TURNOS_WINDOW_VIEW_PROFESSIONALS:
      show_page (self, "professionals");
      adw_window_title_set_title (self->title, _("Professionals"));
      adw_window_title_set_subtitle (self->title, NULL);
      break;
    case TURNOS_WINDOW_VIEW_AUDIT:
      show_page (self, "audit");
      adw_window_title_set_title (self->title, _("Audit"));
      adw_window_title_set_subtitle (self->title, _("Who did what, and when"));
      break;
    case TURNOS_WINDOW_VIEW_SETTINGS:
      show_page (self, "settings");
      adw_window_title_set_title (self->title, _("My Settings"));
      adw_window_title_set_subtitle (self->title, name);
      break;
    case TURNOS_WINDOW_VIEW_BOOKING:
    default:
      break;
    }
  if (self->view != TURNOS_WINDOW_VIEW_BOOKING)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
      gtk_widget_set_visible (self->views_box, TRUE);
      self->away = TRUE;
      return;
    }
  if (self->away)
    {
      /* Back from the other views: what was cancelled or blocked there shows at once, since
       * availability is never cached. */
      self->away = FALSE;
      turnos_booking_refresh (self->booking);
    }

  switch (step)
    {
    case TURNOS_BOOKING_STEP_PAYMENT:
      show_page (self, "payment");
      adw_window_title_set_title (self->title, _("Pay the Deposit"));
      adw_window_title_set_subtitle (self->title, name);
      break;
    case TURNOS_BOOKING_STEP_CONFIRM:
      show_page (self, "confirm");
      adw_window_title_set_title (self->title, _("Confirm Your Booking"));
      adw_window_title_set_subtitle (self->title, name);
      break;
    case TURNOS_BOOKING_STEP_DONE:
      show_page (self, "done");
      adw_window_title_set_title (self->title, _("Booked"));
      adw_window_title_set_subtitle (self->title, name);
      break;
    case TURNOS_BOOKING_STEP_RESERVE:
    default:
      show_page (self, "reserve");
      adw_window_title_set_title (self->title, _("Choose date and time"));
      adw_window_title_set_subtitle (self->title,
                                     _("Pick the day, time and modality for your session"));
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          step == TURNOS_BOOKING_STEP_PAYMENT || step == TURNOS_BOOKING_STEP_CONFIRM);
  gtk_widget_set_visible (self->views_box, !gtk_widget_get_visible (GTK_WIDGET (self->back_button)));
  gtk_widget_set_visible (GTK_WIDGET (self->stack), TRUE);
  focus_page (gtk_stack_get_visible_child (self->stack));
}

/* The strip is as tall as the toast shown, which wraps on a narrow window: each toast
 * widget is the overlay's child beside its content. */
static void
update_toast_strip (TurnosWindow *self)
{
  GtkWidget *overlay = GTK_WIDGET (self->toasts);
  GtkWidget *content = adw_toast_overlay_get_child (self->toasts);
  int width = gtk_widget_get_width (overlay);
  int strip = TOAST_STRIP_PX;

  if (width <= 0)
    width = gtk_widget_get_width (GTK_WIDGET (self));
  for (GtkWidget *c = gtk_widget_get_first_child (overlay); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      int margins_x = gtk_widget_get_margin_start (c) + gtk_widget_get_margin_end (c);
      int min_w, nat_w, nat_h;

      if (c == content || !gtk_widget_get_visible (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
      gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, MAX (min_w, MIN (nat_w, width - margins_x)),
                          NULL, &nat_h, NULL, NULL);
      strip = MAX (strip, nat_h + gtk_widget_get_margin_top (c) + gtk_widget_get_margin_bottom (c));
    }
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->stack), strip);
}

static void
on_toast_dismissed_cb (TurnosWindow *self)
{
  /* The toasts are dismissed as the window goes too. */
  if (self->stack == NULL || self->n_toasts == 0)
    return;
  if (--self->n_toasts == 0)
    gtk_widget_set_margin_bottom (GTK_WIDGET (self->stack), 0);
  else
    update_toast_strip (self);   /* the next one in the queue */
}

static void
toast (TurnosWindow *self,
       const char   *text,
       const char   *action)
{
  AdwToast *t = adw_toast_new (text);

  self->n_toasts++;
  g_signal_connect_object (t, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self, G_CONNECT_SWAPPED);

  adw_toast_set_timeout (t, 8);
  if (action != NULL)
    {
      adw_toast_set_button_label (t, _("_Retry"));
      adw_toast_set_action_name (t, action);
    }
  adw_toast_overlay_add_toast (self->toasts, t);
  update_toast_strip (self);
  /* Screen readers hear it too (GTK 4.8 has no announce call: the toast's label is live). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->toasts), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

/* A page's news (a saved setting, a refused one) as a toast. */
static void
on_message_cb (TurnosWindow *self,
               const char   *text)
{
  toast (self, text, NULL);
}

/* Shows @view, or goes back to booking from it. */
static void
show_view (TurnosWindow     *self,
           TurnosWindowView  view,
           gboolean          show)
{
  if (show)
    turnos_window_set_view (self, view);
  else if (self->view == view)
    turnos_window_set_view (self, TURNOS_WINDOW_VIEW_BOOKING);
}

/* A professional was added or their settings changed: the booking's list and settings
 * (perhaps the chosen professional's own) come again from the server. */
static void
on_professionals_changed_cb (TurnosWindow *self)
{
  g_autofree char *id = g_strdup (turnos_booking_get_professional_id (self->booking));

  turnos_booking_set_professional_id (self->booking, NULL);
  turnos_booking_load (self->booking, id);
}

/* The agenda's Reschedule: the booking steps, on the session's professional and day. */
static void
on_reschedule_cb (TurnosWindow      *self,
                  TurnosReservation *session)
{
  turnos_booking_reschedule (self->booking, session);
  turnos_window_set_view (self, TURNOS_WINDOW_VIEW_BOOKING);
}

static void
on_book_here_cb (TurnosWindow *self)
{
  turnos_window_set_view (self, TURNOS_WINDOW_VIEW_BOOKING);
}

/* Where a role starts, and where leaving a view goes: a professional books nothing. */
static TurnosWindowView
home_view (TurnosWindow *self)
{
  if (self->session != NULL && turnos_session_get_role (self->session) == TURNOS_USER_ROLE_PROFESSIONAL)
    return TURNOS_WINDOW_VIEW_DESK;
  return TURNOS_WINDOW_VIEW_BOOKING;
}

/* The server refused a cancel past the notice: the desk and the admin say why, and it goes. */
static void
on_reason_needed_cb (TurnosWindow          *self,
                     TurnosReservationItem *item)
{
  turnos_cancel_reason_ask (GTK_WINDOW (self), self->reservations, item);
}

/* Who is signed in decides which views the header offers (DESIGN.md, "Accounts and roles");
 * with no session (tests, tools) the booking views all show, as before accounts. */
static void
apply_role (TurnosWindow *self)
{
  TurnosUserRole role = self->session ? turnos_session_get_role (self->session) : TURNOS_USER_ROLE_NONE;
  gboolean anyone = self->session == NULL;
  gboolean admin = role == TURNOS_USER_ROLE_ADMIN;
  gboolean desk = role == TURNOS_USER_ROLE_DESK || admin;
  GtkWidget *reserve = gtk_stack_get_child_by_name (self->stack, "reserve");

  gtk_widget_set_visible (self->reservations_button,
                          anyone || desk || role == TURNOS_USER_ROLE_PATIENT);
  gtk_widget_set_visible (self->desk_button, anyone || desk || role == TURNOS_USER_ROLE_PROFESSIONAL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.agenda", anyone || desk);
  gtk_widget_set_visible (self->time_off_button,
                          anyone || desk || role == TURNOS_USER_ROLE_PROFESSIONAL);
  g_menu_remove_all (self->views_section);
  if (admin)
    {
      g_menu_append (self->views_section, _("Professionals"), "win.show-view::professionals");
      g_menu_append (self->views_section, _("Audit"), "win.show-view::audit");
    }
  gtk_widget_set_visible (self->settings_button, role == TURNOS_USER_ROLE_PROFESSIONAL);
  gtk_widget_set_tooltip_text (self->reservations_button,
                               desk ? _("Patient’s Reservations") : _("My Reservations"));
  turnos_reservations_set_may_override (self->reservations, desk);
  if (reserve != NULL)
    turnos_patient_picker_set_can_erase (turnos_reserve_page_get_patient_picker (TURNOS_RESERVE_PAGE (reserve)),
                                         admin);
}

static gboolean
view_from_nick (GVariant         *nick,
                TurnosWindowView *out)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (TURNOS_TYPE_WINDOW_VIEW);
  GEnumValue *value = g_enum_get_value_by_nick (klass, g_variant_get_string (nick, NULL));

  if (value == NULL)
    return FALSE;
  *out = value->value;
  return TRUE;
}

/* "win.view" with a view's nick: the header's buttons, whose pressed state is the action's. */
static void
on_view_activated_cb (TurnosWindow *self,
                      GVariant     *parameter)
{
  TurnosWindowView view;

  if (!view_from_nick (parameter, &view))
    return;
  /* Pressing the pressed view's button again goes back to booking: that is how one leaves a
   * view, so this is not a property action, which could only set it again. */
  if (view == self->view)
    view = home_view (self);
  turnos_window_set_view (self, view);
}

/* g_action_group_change_action_state(): sets the view, never toggles. */
static void
on_view_change_state_cb (TurnosWindow *self,
                         GVariant     *state)
{
  TurnosWindowView view;

  if (view_from_nick (state, &view))
    turnos_window_set_view (self, view);
}

static void
on_slot_taken_cb (TurnosWindow *self)
{
  toast (self, _("That time was just taken. Please choose another."), NULL);
}

static void
on_failed_cb (TurnosWindow *self,
              const GError *error)
{
  g_autofree char *message = NULL;

  /* The desk may book a patient who is busy elsewhere then, saying why (#19). */
  if (turnos_busy_override_applies (error) && turnos_booking_get_patient_required (self->booking) &&
      turnos_booking_get_step (self->booking) == TURNOS_BOOKING_STEP_CONFIRM &&
      turnos_booking_get_rescheduling (self->booking) == NULL)
    {
      turnos_busy_override_ask (GTK_WINDOW (self), self->booking, error);
      return;
    }
  message = turnos_format_error (error);
  /* A declined or lapsed payment has no retry: it is back on the free times. */
  toast (self, message, error->domain == TURNOS_BOOKING_ERROR ? NULL : "win.retry");
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TurnosWindow *self = TURNOS_WINDOW (widget);

  switch (turnos_booking_get_step (self->booking))
    {
    case TURNOS_BOOKING_STEP_CONFIRM:
      turnos_booking_confirm (self->booking);
      break;
    case TURNOS_BOOKING_STEP_PAYMENT:
      turnos_booking_pay (self->booking);
      break;
    case TURNOS_BOOKING_STEP_RESERVE:
    case TURNOS_BOOKING_STEP_DONE:
    default:
      turnos_booking_refresh (self->booking);
      break;
    }
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TurnosWindow *self = TURNOS_WINDOW (widget);
  TurnosBookingStep step = turnos_booking_get_step (self->booking);

  /* Leaving the payment page may give the held time back: that page asks first. */
  if (step == TURNOS_BOOKING_STEP_PAYMENT)
    gtk_widget_activate_action (gtk_stack_get_child_by_name (self->stack, "payment"), "payment.back", NULL);
  else if (step == TURNOS_BOOKING_STEP_CONFIRM)
    turnos_booking_back (self->booking);
}

/* Alt+1…4: a view, set, not toggled as its header button does. */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TurnosWindowView view;

  if (view_from_nick (parameter, &view))
    turnos_window_set_view (TURNOS_WINDOW (widget), view);
}

/* The main menu's Agenda, and Alt+5: for the desk and the admin (apply_role()). */
static void
agenda_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  turnos_window_set_view (TURNOS_WINDOW (widget), TURNOS_WINDOW_VIEW_AGENDA);
}

static gboolean
show_live_off_cb (gpointer user_data)
{
  TurnosWindow *self = user_data;

  self->live_off_id = 0;
  gtk_revealer_set_reveal_child (self->live_revealer, TRUE);
  return G_SOURCE_REMOVE;
}

/* The events connection came up or went down: the quiet line follows, after a delay. */
static void
on_live_changed_cb (TurnosWindow *self)
{
  if (self->live_revealer == NULL)
    return;   /* the window is going */
  if (turnos_events_get_connected (self->events))
    {
      g_clear_handle_id (&self->live_off_id, g_source_remove);
      gtk_revealer_set_reveal_child (self->live_revealer, FALSE);
    }
  else if (self->live_off_id == 0 && !gtk_revealer_get_reveal_child (self->live_revealer))
    self->live_off_id = g_timeout_add_seconds (LIVE_OFF_DELAY_S, show_live_off_cb, self);
}

static gboolean
turnos_window_close_request (GtkWindow *window)
{
  TurnosWindow *self = TURNOS_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (turnos_window_parent_class)->close_request (window);
}

/* The shortcuts window is a whole window of widgets: GtkApplication would build it from
 * gtk/help-overlay.ui as this window is added, before the first frame. It is built once the
 * main loop is idle after that frame instead. */
static gboolean
load_help_overlay_cb (gpointer user_data)
{
  TurnosWindow *self = user_data;
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/turnos/Turnos/ui/turnos-shortcuts.ui");

  self->help_overlay_id = 0;
  gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                           GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  return G_SOURCE_REMOVE;
}

static void
turnos_window_constructed (GObject *object)
{
  TurnosWindow *self = TURNOS_WINDOW (object);

  G_OBJECT_CLASS (turnos_window_parent_class)->constructed (object);

  /* Only the reserve page is built before the first frame; the others when first shown. */
  gtk_stack_add_named (self->stack, turnos_reserve_page_new (self->booking), "reserve");
  self->help_overlay_id = g_idle_add_full (G_PRIORITY_LOW, load_help_overlay_cb, self, NULL);

  /* The patient's reservations follow the patient chosen on the reserve page. */
  self->reservations = turnos_reservations_new (turnos_booking_get_client (self->booking));
  g_object_bind_property (self->booking, "client-id", self->reservations, "client-id",
                          G_BINDING_SYNC_CREATE);
  self->time_off = turnos_time_off_new (turnos_booking_get_client (self->booking));
  self->desk_day = turnos_desk_day_new (turnos_booking_get_client (self->booking));
  self->agenda = turnos_desk_agenda_new (turnos_booking_get_client (self->booking));
  g_signal_connect_object (self->reservations, "reason-needed", G_CALLBACK (on_reason_needed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (turnos_desk_agenda_get_patients (self->agenda), "changed",
                           G_CALLBACK (on_patient_named_cb), self, G_CONNECT_SWAPPED);

  /* One events connection per window: every view it shows follows it. A booking given with
   * its own (a test's) keeps that one. */
  self->events = turnos_events_new (turnos_booking_get_client (self->booking));
  if (turnos_booking_get_events (self->booking) == NULL)
    turnos_booking_set_events (self->booking, self->events);
  turnos_reservations_follow_events (self->reservations, self->events);
  turnos_time_off_follow_events (self->time_off, self->events);
  turnos_desk_day_follow_events (self->desk_day, self->events);
  turnos_desk_agenda_set_events (self->agenda, self->events);
  g_signal_connect_object (self->events, "notify::connected", G_CALLBACK (on_live_changed_cb), self,
                           G_CONNECT_SWAPPED);
  turnos_events_start (self->events);
  on_live_changed_cb (self);

  g_signal_connect_object (self->booking, "notify::step", G_CALLBACK (show_step), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "notify::settings", G_CALLBACK (show_step), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "slot-taken", G_CALLBACK (on_slot_taken_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->booking, "failed", G_CALLBACK (on_failed_cb), self, G_CONNECT_SWAPPED);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  apply_role (self);
  if (home_view (self) != TURNOS_WINDOW_VIEW_BOOKING)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (TURNOS_TYPE_WINDOW_VIEW);

      self->view = home_view (self);
      g_simple_action_set_state (self->view_action,
                                 g_variant_new_string (g_enum_get_value (klass, self->view)->value_nick));
    }
  show_step (self);
}

static void
turnos_window_dispose (GObject *object)
{
  TurnosWindow *self = TURNOS_WINDOW (object);

  g_clear_handle_id (&self->help_overlay_id, g_source_remove);
  g_clear_handle_id (&self->live_off_id, g_source_remove);
  if (self->events != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->events, self);
      turnos_events_stop (self->events);
      if (self->booking != NULL && turnos_booking_get_events (self->booking) == self->events)
        turnos_booking_set_events (self->booking, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_WINDOW);
  g_clear_object (&self->booking);
  g_clear_object (&self->reservations);
  g_clear_object (&self->time_off);
  g_clear_object (&self->desk_day);
  g_clear_object (&self->agenda);
  g_clear_object (&self->settings);
  g_clear_object (&self->events);
  g_clear_object (&self->session);
  g_clear_object (&self->view_action);

  G_OBJECT_CLASS (turnos_window_parent_class)->dispose (object);
}

static void
turnos_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TurnosWindow *self = TURNOS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      g_value_set_object (value, self->booking);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_VIEW:
      g_value_set_enum (value, self->view);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TurnosWindow *self = TURNOS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      self->booking = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_VIEW:
      turnos_window_set_view (self, g_value_get_enum (value));
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_window_class_init (TurnosWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = turnos_window_constructed;
  object_class->dispose = turnos_window_dispose;
  object_class->get_property = turnos_window_get_property;
  object_class->set_property = turnos_window_set_property;
  window_class->close_request = turnos_window_close_request;

  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL, TURNOS_TYPE_BOOKING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] =
    g_param_spec_enum ("view", NULL, NULL, TURNOS_TYPE_WINDOW_VIEW, TURNOS_WINDOW_VIEW_BOOKING,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TURNOS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosWindow, reservations_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosWindow, desk_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosWindow, time_off_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosWindow, views_section);
  gtk_widget_class_bind_template_child (widget_class, TurnosWindow, settings_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, TurnosWindow, title);
  gtk_widget_class_bind_template_child (widget_class, TurnosWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosWindow, views_box);
  gtk_widget_class_bind_template_child (widget_class, TurnosWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosWindow, live_revealer);

  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.agenda", NULL, agenda_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.agenda", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_5, GDK_ALT_MASK, "win.agenda", NULL);
  {
    static const char * const views[] = { "booking", "reservations", "desk", "time-off" };

    for (guint i = 0; i < G_N_ELEMENTS (views); i++)
      {
        gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                             "win.show-view", "s", views[i]);
        gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_1 + i, GDK_ALT_MASK,
                                             "win.show-view", "s", views[i]);
      }
  }
  /* The shortcuts window is the window's own (load_help_overlay_cb()), so GtkApplication never
   * bound its key: Ctrl+? as in every GNOME app. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK,
                                       "win.show-help-overlay", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_question, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-help-overlay", NULL);
}

static void
turnos_window_init (TurnosWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->view = TURNOS_WINDOW_VIEW_BOOKING;
  self->view_action = g_simple_action_new_stateful ("view", G_VARIANT_TYPE_STRING,
                                                    g_variant_new_string ("booking"));
  g_signal_connect_object (self->view_action, "activate", G_CALLBACK (on_view_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_action, "change-state", G_CALLBACK (on_view_change_state_cb),
                           self, G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (self->view_action));
}

TurnosWindow *
turnos_window_new (GtkApplication *application,
                   TurnosBooking  *booking,
                   GSettings      *settings)
{
  return g_object_new (TURNOS_TYPE_WINDOW, "application", application, "booking", booking,
                       "settings", settings, NULL);
}

TurnosWindow *
turnos_window_new_for_session (GtkApplication *application,
                               TurnosBooking  *booking,
                               GSettings      *settings,
                               TurnosSession  *session)
{
  return g_object_new (TURNOS_TYPE_WINDOW, "application", application, "booking", booking,
                       "settings", settings, "session", session, NULL);
}

TurnosSession *
turnos_window_get_session (TurnosWindow *self)
{
  g_return_val_if_fail (TURNOS_IS_WINDOW (self), NULL);
  return self->session;
}

void
turnos_window_add_toast (TurnosWindow *self,
                         const char   *text)
{
  g_return_if_fail (TURNOS_IS_WINDOW (self));
  g_return_if_fail (text != NULL);
  toast (self, text, NULL);
}

GtkStack *
turnos_window_get_stack (TurnosWindow *self)
{
  g_return_val_if_fail (TURNOS_IS_WINDOW (self), NULL);
  return self->stack;
}

TurnosWindowView
turnos_window_get_view (TurnosWindow *self)
{
  g_return_val_if_fail (TURNOS_IS_WINDOW (self), TURNOS_WINDOW_VIEW_BOOKING);
  return self->view;
}

void
turnos_window_set_view (TurnosWindow     *self,
                        TurnosWindowView  view)
{
  g_autoptr(GEnumClass) klass = NULL;

  g_return_if_fail (TURNOS_IS_WINDOW (self));

  if (self->view == view)
    return;
  klass = g_type_class_ref (TURNOS_TYPE_WINDOW_VIEW);
  self->view = view;
  g_simple_action_set_state (self->view_action,
                             g_variant_new_string (g_enum_get_value (klass, view)->value_nick));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
  /* Set at construction, the view is shown once the pages exist. */
  if (self->reservations != NULL)
    show_step (self);
}

void
turnos_window_show_reservations (TurnosWindow *self,
                                 gboolean      show)
{
  g_return_if_fail (TURNOS_IS_WINDOW (self));
  show_view (self, TURNOS_WINDOW_VIEW_RESERVATIONS, show);
}

void
turnos_window_show_desk (TurnosWindow *self,
                         gboolean      show)
{
  g_return_if_fail (TURNOS_IS_WINDOW (self));
  show_view (self, TURNOS_WINDOW_VIEW_DESK, show);
}

void
turnos_window_show_time_off (TurnosWindow *self,
                             gboolean      show)
{
  g_return_if_fail (TURNOS_IS_WINDOW (self));
  show_view (self, TURNOS_WINDOW_VIEW_TIME_OFF, show);
}

const char *
turnos_window_get_title_text (TurnosWindow *self)
{
  g_return_val_if_fail (TURNOS_IS_WINDOW (self), NULL);
  return adw_window_title_get_title (self->title);
}
