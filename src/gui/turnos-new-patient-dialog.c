/* turnos-new-patient-dialog.c: adding a patient to the clinic's directory
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-format.h"
#include "turnos-new-patient-dialog.h"

#define MIN_PASSWORD_CHARS 8

struct _TurnosNewPatientDialog
{
  AdwWindow      parent_instance;

  /* Template widgets */
  AdwEntryRow   *name_row;
  AdwEntryRow   *document_row;
  AdwEntryRow   *phone_row;
  AdwEntryRow   *email_row;
  AdwEntryRow   *username_row;
  AdwEntryRow   *password_row;
  GtkLabel      *error_label;
  GtkWidget     *add_button;

  /* Owned references */
  TurnosClient  *client;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (TurnosNewPatientDialog, turnos_new_patient_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

enum {
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
field (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static void
update_actions (TurnosNewPatientDialog *self)
{
  g_autofree char *name = field (self->name_row);
  g_autofree char *username = field (self->username_row);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  gboolean account_ok = username == NULL ? *password == '\0'
                                         : g_utf8_strlen (password, -1) >= MIN_PASSWORD_CHARS;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "patient.add",
                                 self->cancellable == NULL && name != NULL && account_ok);
}

static void
on_changed_cb (TurnosNewPatientDialog *self)
{
  update_actions (self);
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TurnosNewPatientDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosPerson) patient = turnos_client_create_patient_finish (TURNOS_CLIENT (object),
                                                                        result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  update_actions (self);
  if (patient == NULL)
    {
      g_autofree char *text = NULL;

      if (g_strcmp0 (turnos_client_error_get_api_code (error), "username_taken") == 0)
        text = g_strdup (_("That user name is taken. Choose another."));
      else if (g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_INVALID))
        text = g_strdup (_("Check the fields: the e-mail needs an @, and the user name only letters, "
                           "digits, “.”, “-” or “_”."));
      else
        text = turnos_format_error (error);
      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
      return;
    }
  g_signal_emit (self, signals[CREATED], 0, patient);
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TurnosNewPatientDialog *self = TURNOS_NEW_PATIENT_DIALOG (widget);
  g_autoptr(TurnosPerson) patient = turnos_person_new ();
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  patient->display_name = field (self->name_row);
  patient->document = field (self->document_row);
  patient->phone = field (self->phone_row);
  patient->email = field (self->email_row);
  patient->username = field (self->username_row);
  if (patient->display_name == NULL || self->cancellable != NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  self->cancellable = g_cancellable_new ();
  update_actions (self);
  turnos_client_create_patient_async (self->client, patient,
                                      patient->username ? password : NULL, self->cancellable,
                                      created_cb, g_object_ref (self));
}

static void
turnos_new_patient_dialog_dispose (GObject *object)
{
  TurnosNewPatientDialog *self = TURNOS_NEW_PATIENT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_NEW_PATIENT_DIALOG);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (turnos_new_patient_dialog_parent_class)->dispose (object);
}

static void
turnos_new_patient_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  TurnosNewPatientDialog *self = TURNOS_NEW_PATIENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_new_patient_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  TurnosNewPatientDialog *self = TURNOS_NEW_PATIENT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_new_patient_dialog_class_init (TurnosNewPatientDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = turnos_new_patient_dialog_dispose;
  object_class->get_property = turnos_new_patient_dialog_get_property;
  object_class->set_property = turnos_new_patient_dialog_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, TURNOS_TYPE_PERSON);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-new-patient-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosNewPatientDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosNewPatientDialog, document_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosNewPatientDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosNewPatientDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosNewPatientDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosNewPatientDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosNewPatientDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosNewPatientDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);

  gtk_widget_class_install_action (widget_class, "patient.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "patient.add", NULL);
}

static void
turnos_new_patient_dialog_init (TurnosNewPatientDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
}

TurnosNewPatientDialog *
turnos_new_patient_dialog_new (TurnosClient *client,
                               GtkWindow    *parent)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_NEW_PATIENT_DIALOG, "client", client,
                       "transient-for", parent, NULL);
}
