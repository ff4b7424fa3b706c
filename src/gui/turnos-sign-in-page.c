/* turnos-sign-in-page.c: signing in (server, user, password), and the first password of one's own
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-format.h"
#include "turnos-sign-in-page.h"

struct _TurnosSignInPage
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkLabel         *title_label;
  GtkLabel         *description_label;
  GtkStack         *stack;
  AdwEntryRow      *server_row;
  AdwEntryRow      *user_row;
  AdwEntryRow      *password_row;
  GtkLabel         *privacy_label;
  GtkLabel         *error_label;
  GtkButton        *sign_in_button;
  AdwEntryRow      *new_password_row;
  AdwEntryRow      *repeat_row;
  GtkLabel         *password_error_label;
  GtkSpinner       *spinner;

  /* Owned references */
  TurnosSession    *session;

  gboolean          resume;
};

G_DEFINE_FINAL_TYPE (TurnosSignInPage, turnos_sign_in_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_RESUME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Words
 */

char *
turnos_sign_in_page_format_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == TURNOS_SESSION_ERROR)
    switch ((TurnosSessionError) error->code)
      {
      case TURNOS_SESSION_ERROR_INSECURE:
        return g_strdup (_("Turnos does not send your password over plain HTTP to another computer. "
                           "Use the server’s https:// address, or ask your clinic."));
      case TURNOS_SESSION_ERROR_PASSWORDS_DIFFER:
        return g_strdup (_("The two passwords are not the same."));
      case TURNOS_SESSION_ERROR_BAD_ADDRESS:
      default:
        return g_strdup (_("Type the server’s address, such as https://turnos.example.com/."));
      }
  if (error->domain == TURNOS_CLIENT_ERROR)
    switch ((TurnosClientError) error->code)
      {
      case TURNOS_CLIENT_ERROR_UNAUTHORIZED:
        return g_strdup (_("Wrong user name or password."));
      case TURNOS_CLIENT_ERROR_FORBIDDEN:
        if (g_strcmp0 (turnos_client_error_get_api_code (error), "bad_credentials") == 0)
          return g_strdup (_("The current password is wrong."));
        break;
      case TURNOS_CLIENT_ERROR_INVALID:
        return g_strdup (_("Choose a password of at least 8 characters."));
      case TURNOS_CLIENT_ERROR_TOO_MANY_ATTEMPTS:
        {
          guint seconds = turnos_client_error_get_retry_after (error);
          guint minutes = (seconds + 59) / 60;

          if (seconds == 0)
            return g_strdup (_("Too many failed attempts. Please wait a few minutes and try again."));
          if (seconds < 60)
            return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Too many failed attempts. Try again in %u second.",
                                                 "Too many failed attempts. Try again in %u seconds.",
                                                 seconds), seconds);
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Too many failed attempts. Try again in %u minute.",
                                               "Too many failed attempts. Try again in %u minutes.",
                                               minutes), minutes);
        }
      case TURNOS_CLIENT_ERROR_CANNOT_CONNECT:
      case TURNOS_CLIENT_ERROR_BAD_ADDRESS:
        return g_strdup (_("Cannot reach the server at that address. Check the address and your network."));
      case TURNOS_CLIENT_ERROR_UNTRUSTED_CERTIFICATE:
        return g_strdup (_("The server’s certificate is not trusted, so this may not be your clinic’s server. "
                           "If your clinic uses its own certificate authority, start Turnos with --ca FILE."));
      default:
        break;
      }
  return turnos_format_error (error);
}

/*
 * From the session to the widgets
 */

static void
set_description (TurnosSignInPage *self,
                 const char       *text)
{
  gtk_label_set_label (self->description_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), text != NULL);
}

static void
show_error (GtkLabel     *label,
            const GError *error)
{
  g_autofree char *text = error ? turnos_sign_in_page_format_error (error) : NULL;

  gtk_label_set_label (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  /* A screen reader hears what went wrong (GTK 4.8 has no announcement call). */
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    text, -1);
}

/* Whether the typed address may take a password, and what to say about its privacy. */
static gboolean
update_privacy (TurnosSignInPage *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->server_row));
  gboolean is_private = FALSE;
  gboolean ok;

  ok = turnos_session_check_address (url, turnos_session_get_allow_insecure_http (self->session),
                                     &is_private, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->privacy_label), *url != '\0' && !is_private);
  if (ok && !is_private)
    gtk_label_set_label (self->privacy_label,
                         _("This connection is not private: your password and bookings can be read "
                           "by others on the network."));
  else if (!ok && *url != '\0')
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      turnos_session_check_address (url, FALSE, NULL, &error);
      text = turnos_sign_in_page_format_error (error);
      gtk_label_set_label (self->privacy_label, text);
    }
  return ok;
}

static void
update_actions (TurnosSignInPage *self)
{
  gboolean busy = turnos_session_get_busy (self->session);
  gboolean address_ok = update_privacy (self);
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  const char *fresh = gtk_editable_get_text (GTK_EDITABLE (self->new_password_row));
  const char *repeat = gtk_editable_get_text (GTK_EDITABLE (self->repeat_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in",
                                 !busy && address_ok && *user != '\0' && *password != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.change-password",
                                 !busy && *fresh != '\0' && *repeat != '\0');
}

static void
update_state (TurnosSignInPage *self)
{
  TurnosSessionState state = turnos_session_get_state (self->session);
  const char *page;

  switch (state)
    {
    case TURNOS_SESSION_RESTORING:
      page = "checking";
      gtk_label_set_label (self->title_label, _("Signing In"));
      set_description (self, NULL);
      break;
    case TURNOS_SESSION_CHANGE_PASSWORD:
      page = "password";
      gtk_label_set_label (self->title_label, _("Choose Your Password"));
      set_description (self, _("Your clinic set a first password for you. Choose one of your own "
                                         "to go on: at least 8 characters, known only to you."));
      break;
    case TURNOS_SESSION_EXPIRED:
    case TURNOS_SESSION_SIGNED_OUT:
    case TURNOS_SESSION_SIGNED_IN:
    default:
      page = "sign-in";
      if (self->resume)
        {
          gtk_label_set_label (self->title_label, _("Sign In Again"));
          set_description (self, _("Your session has ended. Sign in to carry on where you were."));
        }
      else
        {
          gtk_label_set_label (self->title_label, _("Sign In to Your Clinic"));
          set_description (self, _("Use the user name and password your clinic gave you."));
        }
      break;
    }
  if (g_str_equal (page, "checking"))
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, page);
  update_actions (self);
  /* The keyboard goes to the first field the shown form needs. */
  if (!g_str_equal (page, "checking"))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
update_error (TurnosSignInPage *self)
{
  const GError *error = turnos_session_get_error (self->session);

  if (turnos_session_get_state (self->session) == TURNOS_SESSION_CHANGE_PASSWORD)
    show_error (self->password_error_label, error);
  else
    show_error (self->error_label, error);
  /* After a failure the password is typed again. */
  if (error != NULL && turnos_session_get_state (self->session) != TURNOS_SESSION_CHANGE_PASSWORD &&
      !g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CANNOT_CONNECT))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
}

/*
 * Callbacks
 */

static void
on_server_changed_cb (TurnosSignInPage *self)
{
  update_actions (self);
}

static void
on_fields_changed_cb (TurnosSignInPage *self)
{
  update_actions (self);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TurnosSignInPage *self = TURNOS_SIGN_IN_PAGE (widget);

  turnos_session_sign_in (self->session,
                          self->resume ? NULL : gtk_editable_get_text (GTK_EDITABLE (self->server_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->user_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
}

static void
change_password_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TurnosSignInPage *self = TURNOS_SIGN_IN_PAGE (widget);

  turnos_session_change_password (self->session,
                                  gtk_editable_get_text (GTK_EDITABLE (self->new_password_row)),
                                  gtk_editable_get_text (GTK_EDITABLE (self->repeat_row)));
}

/* Enter moves on to the next empty field, and signs in from the last one. */
static void
on_entry_activated_cb (TurnosSignInPage *self,
                       AdwEntryRow      *row)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->server_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->user_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.sign-in", NULL);
}

static void
on_password_activated_cb (TurnosSignInPage *self,
                          AdwEntryRow      *row)
{
  if (row == self->new_password_row)
    gtk_widget_grab_focus (GTK_WIDGET (self->repeat_row));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.change-password", NULL);
}

/*
 * GObject overrides
 */

static void
turnos_sign_in_page_constructed (GObject *object)
{
  TurnosSignInPage *self = TURNOS_SIGN_IN_PAGE (object);
  const char *url, *user;

  G_OBJECT_CLASS (turnos_sign_in_page_parent_class)->constructed (object);

  g_assert (TURNOS_IS_SESSION (self->session));

  url = turnos_session_get_server_url (self->session);
  user = turnos_session_get_username (self->session);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url ? url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user && self->resume ? user : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !self->resume);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), !self->resume);

  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::busy", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::allow-insecure-http", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::error", G_CALLBACK (update_error), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
  update_error (self);
}

static void
turnos_sign_in_page_dispose (GObject *object)
{
  TurnosSignInPage *self = TURNOS_SIGN_IN_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_SIGN_IN_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (turnos_sign_in_page_parent_class)->dispose (object);
}

static void
turnos_sign_in_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TurnosSignInPage *self = TURNOS_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_RESUME:
      g_value_set_boolean (value, self->resume);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_sign_in_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TurnosSignInPage *self = TURNOS_SIGN_IN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_RESUME:
      self->resume = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Arriving on the page puts the keyboard on the first field still to fill. */
static gboolean
turnos_sign_in_page_grab_focus (GtkWidget *widget)
{
  TurnosSignInPage *self = TURNOS_SIGN_IN_PAGE (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "password") == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (self->new_password_row));
  if (*gtk_editable_get_text (GTK_EDITABLE (self->server_row)) == '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  if (*gtk_editable_get_text (GTK_EDITABLE (self->user_row)) == '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  return gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
turnos_sign_in_page_class_init (TurnosSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = turnos_sign_in_page_constructed;
  object_class->dispose = turnos_sign_in_page_dispose;
  object_class->get_property = turnos_sign_in_page_get_property;
  object_class->set_property = turnos_sign_in_page_set_property;
  widget_class->grab_focus = turnos_sign_in_page_grab_focus;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TURNOS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESUME] =
    g_param_spec_boolean ("resume", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosSignInPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosSignInPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosSignInPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosSignInPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSignInPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSignInPage, privacy_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosSignInPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosSignInPage, new_password_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSignInPage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosSignInPage, password_error_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosSignInPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_activated_cb);

  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "sign-in.change-password", NULL,
                                   change_password_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_sign_in_page_init (TurnosSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
turnos_sign_in_page_new (TurnosSession *session,
                         gboolean       resume)
{
  g_return_val_if_fail (TURNOS_IS_SESSION (session), NULL);
  return g_object_new (TURNOS_TYPE_SIGN_IN_PAGE, "session", session, "resume", resume, NULL);
}
