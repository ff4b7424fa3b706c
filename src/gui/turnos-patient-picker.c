/* turnos-patient-picker.c: the desk chooses whose session this is from the patient directory
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-format.h"
#include "turnos-new-patient-dialog.h"
#include "turnos-patient-names.h"
#include "turnos-patient-picker.h"

struct _TurnosPatientPicker
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkSearchEntry *search_entry;
  GtkStack       *results_stack;
  GtkListBox     *results;
  GtkLabel       *message_label;
  AdwActionRow   *chosen_row;
  GtkWidget      *erase_button;

  /* Owned references */
  TurnosBooking  *booking;
  TurnosPerson   *patient;
  TurnosPatientNames *patients;   /* reads a patient chosen by id only */
  GCancellable   *search_cancellable;
  GCancellable   *erase_cancellable;

  gboolean        can_erase;
};

G_DEFINE_FINAL_TYPE (TurnosPatientPicker, turnos_patient_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BOOKING,
  PROP_PATIENT,
  PROP_CAN_ERASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "30123456 · +54 11 5555-1234": what tells two patients of one name apart. */
static char *
describe (const TurnosPerson *person)
{
  g_autoptr(GStrvBuilder) parts = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (person->document != NULL)
    g_strv_builder_add (parts, person->document);
  if (person->phone != NULL)
    g_strv_builder_add (parts, person->phone);
  if (person->email != NULL && person->document == NULL && person->phone == NULL)
    g_strv_builder_add (parts, person->email);
  strv = g_strv_builder_end (parts);
  return g_strjoinv (" · ", strv);
}

static const char *
name_of (const TurnosPerson *person)
{
  return person->display_name ? person->display_name : person->id;
}

static void
show_message (TurnosPatientPicker *self,
              const char          *text)
{
  gtk_label_set_label (self->message_label, text);
  gtk_stack_set_visible_child_name (self->results_stack, "message");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->results_stack),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
update_chosen (TurnosPatientPicker *self)
{
  if (self->patient == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "search");
      return;
    }
  {
    g_autofree char *subtitle = describe (self->patient);
    g_autofree char *escaped = g_markup_escape_text (name_of (self->patient), -1);
    g_autofree char *escaped_sub = g_markup_escape_text (subtitle, -1);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->chosen_row), escaped);
    adw_action_row_set_subtitle (self->chosen_row, escaped_sub);
  }
  gtk_widget_set_visible (self->erase_button, self->can_erase);
  gtk_stack_set_visible_child_name (self->stack, "chosen");
}

/*
 * Searching
 */

static void
fill_results (TurnosPatientPicker *self,
              GPtrArray           *patients)
{
  for (GtkWidget *row; (row = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL;)
    gtk_list_box_remove (self->results, row);
  for (guint i = 0; i < patients->len; i++)
    {
      TurnosPerson *person = g_ptr_array_index (patients, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = describe (person);
      g_autofree char *title = g_markup_escape_text (name_of (person), -1);
      g_autofree char *escaped_sub = g_markup_escape_text (subtitle, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_sub);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "turnos-person", turnos_person_ref (person),
                              (GDestroyNotify) turnos_person_unref);
      gtk_list_box_append (self->results, row);
    }
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TurnosPatientPicker) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) patients = turnos_client_search_patients_finish (TURNOS_CLIENT (object),
                                                                       result, &error);

  /* A newer search replaced this one: its answer is stale. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->search_cancellable);
  if (patients == NULL)
    {
      g_autofree char *text = turnos_format_error (error);

      show_message (self, text);
      return;
    }
  fill_results (self, patients);
  if (patients->len == 0)
    show_message (self, _("No patient matches. Check the spelling, or add a new patient."));
  else
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u patient found", "%u patients found",
                                      patients->len), patients->len);

      gtk_stack_set_visible_child_name (self->results_stack, "list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->results_stack),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
    }
}

/* The entry waited TURNOS_PATIENT_PICKER_DEBOUNCE_MS after the last key ("search-delay"). */
static void
on_search_changed_cb (TurnosPatientPicker *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (*query == '\0' || self->booking == NULL)
    {
      gtk_stack_set_visible_child_name (self->results_stack, "idle");
      return;
    }
  self->search_cancellable = g_cancellable_new ();
  turnos_client_search_patients_async (turnos_booking_get_client (self->booking), query,
                                       TURNOS_PATIENT_PICKER_LIMIT, self->search_cancellable,
                                       search_cb, g_object_ref (self));
}

/* Enter with one result chooses it. */
static void
on_search_activate_cb (TurnosPatientPicker *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results, 0);

  if (first != NULL && gtk_list_box_get_row_at_index (self->results, 1) == NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "list") == 0)
    turnos_patient_picker_set_patient (self, g_object_get_data (G_OBJECT (first), "turnos-person"));
}

static void
on_row_activated_cb (TurnosPatientPicker *self,
                     GtkListBoxRow       *row)
{
  turnos_patient_picker_set_patient (self, g_object_get_data (G_OBJECT (row), "turnos-person"));
}

/* A patient chosen by id only (a command line, a test, a booking moved): their record, once
 * read, names them ("José Pérez", not "patient-1"). */
static void
on_patient_read_cb (TurnosPatientPicker *self,
                    const char          *id)
{
  TurnosPerson *p;

  if (self->patient == NULL || self->patient->display_name != NULL ||
      g_strcmp0 (self->patient->id, id) != 0)
    return;
  if ((p = turnos_patient_names_lookup (self->patients, id)) == NULL)
    return;
  turnos_person_unref (self->patient);
  self->patient = turnos_person_ref (p);
  update_chosen (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
}

/* The booking's patient changed elsewhere: cleared for the next booking, or set by id. */
static void
on_client_id_changed_cb (TurnosPatientPicker *self)
{
  const char *id = turnos_booking_get_client_id (self->booking);

  if (self->patient != NULL && g_strcmp0 (self->patient->id, id) == 0)
    return;
  g_clear_pointer (&self->patient, turnos_person_unref);
  if (id != NULL && *id != '\0')
    {
      self->patient = turnos_person_new ();
      self->patient->id = g_strdup (id);
      if (self->patients == NULL)
        {
          self->patients = turnos_patient_names_new (turnos_booking_get_client (self->booking));
          g_signal_connect_object (self->patients, "changed", G_CALLBACK (on_patient_read_cb), self,
                                   G_CONNECT_SWAPPED);
        }
      on_patient_read_cb (self, id);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_stack_set_visible_child_name (self->results_stack, "idle");
    }
  update_chosen (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
}

/*
 * Actions
 */

static void
on_created_cb (TurnosPatientPicker *self,
               TurnosPerson        *patient)
{
  turnos_patient_picker_set_patient (self, patient);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TurnosPatientPicker *self = TURNOS_PATIENT_PICKER (widget);
  TurnosNewPatientDialog *dialog;

  g_return_if_fail (self->booking != NULL);
  dialog = turnos_new_patient_dialog_new (turnos_booking_get_client (self->booking),
                                          GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_created_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TurnosPatientPicker *self = TURNOS_PATIENT_PICKER (widget);

  turnos_patient_picker_set_patient (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
erased_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TurnosPatientPicker) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!turnos_client_erase_patient_finish (TURNOS_CLIENT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = turnos_format_error (error);

          adw_action_row_set_subtitle (self->chosen_row, text);
        }
      return;
    }
  turnos_patient_picker_set_patient (self, NULL);
}

static void
on_erase_response_cb (TurnosPatientPicker *self,
                      const char          *response)
{
  if (!g_str_equal (response, "erase") || self->patient == NULL)
    return;
  if (self->erase_cancellable != NULL)
    g_cancellable_cancel (self->erase_cancellable);
  g_clear_object (&self->erase_cancellable);
  self->erase_cancellable = g_cancellable_new ();
  turnos_client_erase_patient_async (turnos_booking_get_client (self->booking), self->patient->id,
                                     self->erase_cancellable, erased_cb, g_object_ref (self));
}

/* Erasing cannot be undone: it is said, and asked, first. */
static void
erase_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TurnosPatientPicker *self = TURNOS_PATIENT_PICKER (widget);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (self->patient == NULL)
    return;
  /* Translators: %s is a patient's name */
  heading = g_strdup_printf (_("Erase %s’s Personal Data?"), name_of (self->patient));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       heading,
                                                       _("Their name, document, phone and e-mail are "
                                                         "removed for good. Past sessions stay in the "
                                                         "agendas without a name; future ones are "
                                                         "cancelled.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "erase", _("_Erase"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_erase_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * GObject overrides
 */

static void
turnos_patient_picker_dispose (GObject *object)
{
  TurnosPatientPicker *self = TURNOS_PATIENT_PICKER (object);

  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  if (self->erase_cancellable != NULL)
    g_cancellable_cancel (self->erase_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->erase_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_PATIENT_PICKER);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->booking);
  g_clear_pointer (&self->patient, turnos_person_unref);
  g_clear_object (&self->patients);

  G_OBJECT_CLASS (turnos_patient_picker_parent_class)->dispose (object);
}

static void
turnos_patient_picker_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TurnosPatientPicker *self = TURNOS_PATIENT_PICKER (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      g_value_set_object (value, self->booking);
      break;
    case PROP_PATIENT:
      g_value_set_boxed (value, self->patient);
      break;
    case PROP_CAN_ERASE:
      g_value_set_boolean (value, self->can_erase);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_patient_picker_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TurnosPatientPicker *self = TURNOS_PATIENT_PICKER (object);

  switch (prop_id)
    {
    case PROP_BOOKING:
      turnos_patient_picker_set_booking (self, g_value_get_object (value));
      break;
    case PROP_CAN_ERASE:
      turnos_patient_picker_set_can_erase (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_patient_picker_class_init (TurnosPatientPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = turnos_patient_picker_dispose;
  object_class->get_property = turnos_patient_picker_get_property;
  object_class->set_property = turnos_patient_picker_set_property;

  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL, TURNOS_TYPE_BOOKING,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATIENT] =
    g_param_spec_boxed ("patient", NULL, NULL, TURNOS_TYPE_PERSON,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_ERASE] =
    g_param_spec_boolean ("can-erase", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-patient-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosPatientPicker, stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosPatientPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TurnosPatientPicker, results_stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosPatientPicker, results);
  gtk_widget_class_bind_template_child (widget_class, TurnosPatientPicker, message_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosPatientPicker, chosen_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosPatientPicker, erase_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "picker.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "picker.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "picker.erase", NULL, erase_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_patient_picker_init (TurnosPatientPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
turnos_patient_picker_new (void)
{
  return g_object_new (TURNOS_TYPE_PATIENT_PICKER, NULL);
}

void
turnos_patient_picker_set_booking (TurnosPatientPicker *self,
                                   TurnosBooking       *booking)
{
  g_return_if_fail (TURNOS_IS_PATIENT_PICKER (self));
  g_return_if_fail (booking == NULL || TURNOS_IS_BOOKING (booking));
  g_return_if_fail (self->booking == NULL || self->booking == booking);

  if (self->booking == booking)
    return;
  self->booking = g_object_ref (booking);
  g_signal_connect_object (booking, "notify::client-id", G_CALLBACK (on_client_id_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_client_id_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOOKING]);
}

TurnosPerson *
turnos_patient_picker_get_patient (TurnosPatientPicker *self)
{
  g_return_val_if_fail (TURNOS_IS_PATIENT_PICKER (self), NULL);
  return self->patient;
}

void
turnos_patient_picker_set_patient (TurnosPatientPicker *self,
                                   TurnosPerson        *patient)
{
  g_return_if_fail (TURNOS_IS_PATIENT_PICKER (self));

  if (self->patient == patient)
    return;
  g_clear_pointer (&self->patient, turnos_person_unref);
  self->patient = patient ? turnos_person_ref (patient) : NULL;
  if (patient == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_stack_set_visible_child_name (self->results_stack, "idle");
    }
  update_chosen (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENT]);
  if (self->booking != NULL)
    turnos_booking_set_client_id (self->booking, patient ? patient->id : NULL);
}

void
turnos_patient_picker_set_can_erase (TurnosPatientPicker *self,
                                     gboolean             can_erase)
{
  g_return_if_fail (TURNOS_IS_PATIENT_PICKER (self));

  can_erase = !!can_erase;
  if (self->can_erase == can_erase)
    return;
  self->can_erase = can_erase;
  gtk_widget_set_visible (self->erase_button, can_erase && self->patient != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_ERASE]);
}

gboolean
turnos_patient_picker_focus_default (TurnosPatientPicker *self)
{
  g_return_val_if_fail (TURNOS_IS_PATIENT_PICKER (self), FALSE);

  if (self->patient == NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return gtk_widget_child_focus (GTK_WIDGET (self->chosen_row), GTK_DIR_TAB_FORWARD);
}
