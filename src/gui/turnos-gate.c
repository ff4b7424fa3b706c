/* turnos-gate.c: what opens before and around the main window: signing in, signing in again,
 * a fresh clinic's welcome
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-gate.h"
#include "turnos-sign-in-page.h"
#include "turnos-welcome-page.h"

struct _TurnosGate
{
  GObject          parent_instance;

  /* Owned references */
  GtkApplication  *application;
  TurnosSession   *session;
  GSettings       *settings;
  TurnosWindow    *window;          /* the main window */
  GtkWindow       *entry_window;    /* sign-in or welcome, instead of the main window */
  GtkWindow       *resume_dialog;   /* sign-in again, over the main window */
  GCancellable    *cancellable;

  char            *professional_id;
  char            *patient_id;
  gboolean         tell_keyring;    /* said once the main window is there */
};

G_DEFINE_FINAL_TYPE (TurnosGate, turnos_gate, G_TYPE_OBJECT)

enum {
  WINDOW_SHOWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_sign_in (TurnosGate *self);

/*
 * Windows
 */

/* A plain window with a header and one page. */
static GtkWindow *
entry_window_new (TurnosGate *self,
                  GtkWidget  *page,
                  const char *title)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  if (self->application != NULL)
    gtk_window_set_application (GTK_WINDOW (window), self->application);

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  gtk_widget_set_size_request (window, 360, -1);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (window), box);
  return GTK_WINDOW (window);
}

static void
close_entry_window (TurnosGate *self)
{
  GtkWindow *window = g_steal_pointer (&self->entry_window);

  if (window != NULL)
    {
      gtk_window_destroy (window);
      g_object_unref (window);
    }
}

static void
close_resume_dialog (TurnosGate *self)
{
  GtkWindow *dialog = g_steal_pointer (&self->resume_dialog);

  if (dialog != NULL)
    {
      gtk_window_destroy (dialog);
      g_object_unref (dialog);
    }
}

static void
close_main_window (TurnosGate *self)
{
  TurnosWindow *window = g_steal_pointer (&self->window);

  close_resume_dialog (self);
  if (window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (window));
      g_object_unref (window);
    }
}

static void
remember_professional_cb (TurnosGate    *self,
                          GParamSpec    *pspec,
                          TurnosBooking *booking)
{
  const char *id = turnos_booking_get_professional_id (booking);

  if (self->settings != NULL && id != NULL)
    g_settings_set_string (self->settings, "last-professional", id);
}

/* A controller for who is signed in, and the window for their role. */
static void
show_main_window (TurnosGate *self)
{
  g_autoptr(TurnosBooking) booking = turnos_booking_new (turnos_session_get_client (self->session));
  g_autofree char *last = NULL;
  const char *professional = self->professional_id;
  TurnosUserRole role = turnos_session_get_role (self->session);

  switch (role)
    {
    case TURNOS_USER_ROLE_PATIENT:
      /* They are themselves. */
      turnos_booking_set_client_id (booking, turnos_session_get_user_id (self->session));
      break;
    case TURNOS_USER_ROLE_PROFESSIONAL:
      professional = turnos_session_get_user_id (self->session);
      break;
    case TURNOS_USER_ROLE_DESK:
    case TURNOS_USER_ROLE_ADMIN:
    case TURNOS_USER_ROLE_NONE:
    default:
      /* A patient chosen for each booking, never remembered; a command line's for the first. */
      turnos_booking_set_patient_required (booking, TRUE);
      turnos_booking_set_client_id (booking, self->patient_id);
      break;
    }
  g_clear_pointer (&self->patient_id, g_free);
  if (professional == NULL && self->settings != NULL)
    professional = last = g_settings_get_string (self->settings, "last-professional");
  if (role != TURNOS_USER_ROLE_PROFESSIONAL)
    g_signal_connect_object (booking, "notify::professional-id",
                             G_CALLBACK (remember_professional_cb), self, G_CONNECT_SWAPPED);
  turnos_booking_load (booking, professional && *professional ? professional : NULL);

  self->window = g_object_ref_sink (turnos_window_new_for_session (self->application, booking,
                                                                   self->settings, self->session));
  close_entry_window (self);
  gtk_window_present (GTK_WINDOW (self->window));
  if (self->tell_keyring)
    {
      self->tell_keyring = FALSE;
      turnos_window_add_toast (self->window,
                               _("No unlocked keyring was found: you will sign in again the next time "
                                 "Turnos starts."));
    }
  g_signal_emit (self, signals[WINDOW_SHOWN], 0, self->window);
}

static void
on_professional_added_cb (TurnosGate *self)
{
  show_main_window (self);
}

static void
show_welcome (TurnosGate *self)
{
  GtkWidget *page = turnos_welcome_page_new (turnos_session_get_client (self->session));

  close_entry_window (self);
  g_signal_connect_object (page, "added", G_CALLBACK (on_professional_added_cb), self,
                           G_CONNECT_SWAPPED);
  self->entry_window = g_object_ref_sink (entry_window_new (self, page, _("Welcome to Turnos")));
  gtk_window_present (self->entry_window);
  gtk_widget_grab_focus (page);
}

/* An admin on a clinic with no professionals starts by adding one. */
static void
professionals_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TurnosGate) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = turnos_client_list_professionals_finish (TURNOS_CLIENT (object),
                                                                      result, &error);

  /* The application waited for this answer with no window open. */
  if (self->application != NULL)
    g_application_release (G_APPLICATION (self->application));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (turnos_session_get_state (self->session) != TURNOS_SESSION_SIGNED_IN || self->window != NULL)
    return;
  /* A failure shows in the main window, with its own Retry. */
  if (list != NULL && list->len == 0)
    show_welcome (self);
  else
    show_main_window (self);
}

static void
on_signed_in (TurnosGate *self)
{
  if (self->window != NULL)
    return;
  if (turnos_session_get_role (self->session) != TURNOS_USER_ROLE_ADMIN)
    {
      show_main_window (self);
      return;
    }
  if (self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  if (self->application != NULL)
    g_application_hold (G_APPLICATION (self->application));
  turnos_client_list_professionals_async (turnos_session_get_client (self->session),
                                          self->cancellable, professionals_cb, g_object_ref (self));
}

static void
show_sign_in (TurnosGate *self)
{
  GtkWidget *page;

  if (self->entry_window != NULL && TURNOS_IS_SIGN_IN_PAGE (g_object_get_data (G_OBJECT (self->entry_window), "turnos-page")))
    return;
  close_entry_window (self);
  page = turnos_sign_in_page_new (self->session, FALSE);
  self->entry_window = g_object_ref_sink (entry_window_new (self, page, _("Sign In")));
  g_object_set_data (G_OBJECT (self->entry_window), "turnos-page", page);
  gtk_window_present (self->entry_window);
  gtk_widget_grab_focus (page);
}

static void
show_resume_dialog (TurnosGate *self)
{
  GtkWidget *page;
  GtkWindow *dialog;

  if (self->resume_dialog != NULL || self->window == NULL)
    return;
  page = turnos_sign_in_page_new (self->session, TRUE);
  dialog = entry_window_new (self, page, _("Sign In Again"));
  gtk_window_set_modal (dialog, TRUE);
  gtk_window_set_transient_for (dialog, GTK_WINDOW (self->window));
  gtk_window_set_default_size (dialog, 480, 600);
  /* Closing it is not signing in: the dialog comes back until the user signs in or out. */
  gtk_window_set_deletable (dialog, FALSE);
  self->resume_dialog = g_object_ref_sink (dialog);
  gtk_window_present (dialog);
  gtk_widget_grab_focus (page);
}

/*
 * Callbacks
 */

static void
on_state_changed_cb (TurnosGate *self)
{
  switch (turnos_session_get_state (self->session))
    {
    case TURNOS_SESSION_SIGNED_IN:
      close_resume_dialog (self);
      on_signed_in (self);
      break;
    case TURNOS_SESSION_EXPIRED:
      show_resume_dialog (self);
      break;
    case TURNOS_SESSION_SIGNED_OUT:
      close_main_window (self);
      show_sign_in (self);
      break;
    case TURNOS_SESSION_RESTORING:
    case TURNOS_SESSION_CHANGE_PASSWORD:
    default:
      /* The sign-in page shows these itself. */
      break;
    }
}

/* Signed in again after the token expired: what failed is tried again, with everything the
 * user had chosen. */
static void
on_resumed_cb (TurnosGate *self)
{
  close_resume_dialog (self);
  if (self->window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.retry", NULL);
}

static void
on_keyring_unavailable_cb (TurnosGate *self)
{
  if (self->window == NULL)
    {
      self->tell_keyring = TRUE;
      return;
    }
  turnos_window_add_toast (self->window,
                           _("No unlocked keyring was found: you will sign in again the next time "
                             "Turnos starts."));
}

/*
 * GObject overrides
 */

static void
turnos_gate_dispose (GObject *object)
{
  TurnosGate *self = TURNOS_GATE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  close_main_window (self);
  close_entry_window (self);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (turnos_gate_parent_class)->dispose (object);
}

static void
turnos_gate_finalize (GObject *object)
{
  TurnosGate *self = TURNOS_GATE (object);

  g_free (self->professional_id);
  g_free (self->patient_id);

  G_OBJECT_CLASS (turnos_gate_parent_class)->finalize (object);
}

static void
turnos_gate_class_init (TurnosGateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = turnos_gate_dispose;
  object_class->finalize = turnos_gate_finalize;

  signals[WINDOW_SHOWN] = g_signal_new ("window-shown", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, TURNOS_TYPE_WINDOW);
}

static void
turnos_gate_init (TurnosGate *self)
{
}

/*
 * Public API
 */

TurnosGate *
turnos_gate_new (GtkApplication *application,
                 TurnosSession  *session,
                 GSettings      *settings,
                 const char     *professional_id,
                 const char     *patient_id)
{
  TurnosGate *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TURNOS_IS_SESSION (session), NULL);

  self = g_object_new (TURNOS_TYPE_GATE, NULL);
  self->application = application ? g_object_ref (application) : NULL;
  self->session = g_object_ref (session);
  self->settings = settings ? g_object_ref (settings) : NULL;
  self->professional_id = g_strdup (professional_id);
  self->patient_id = g_strdup (patient_id);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (on_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "resumed", G_CALLBACK (on_resumed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "keyring-unavailable", G_CALLBACK (on_keyring_unavailable_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

void
turnos_gate_start (TurnosGate *self)
{
  g_return_if_fail (TURNOS_IS_GATE (self));

  if (turnos_session_get_state (self->session) == TURNOS_SESSION_SIGNED_IN)
    {
      on_signed_in (self);
      return;
    }
  show_sign_in (self);
  turnos_session_restore (self->session);
}

TurnosWindow *
turnos_gate_get_window (TurnosGate *self)
{
  g_return_val_if_fail (TURNOS_IS_GATE (self), NULL);
  return self->window;
}

GtkWindow *
turnos_gate_get_entry_window (TurnosGate *self)
{
  g_return_val_if_fail (TURNOS_IS_GATE (self), NULL);
  return self->entry_window;
}

GtkWindow *
turnos_gate_get_resume_dialog (TurnosGate *self)
{
  g_return_val_if_fail (TURNOS_IS_GATE (self), NULL);
  return self->resume_dialog;
}
