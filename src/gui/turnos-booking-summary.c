/* turnos-booking-summary.c: what is (or will be) booked, as rows
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-booking-summary.h"
#include "turnos-format.h"

struct _TurnosBookingSummary
{
  GtkWidget          parent_instance;

  /* Template widgets */
  AdwActionRow      *professional_row;
  AdwActionRow      *patient_row;
  AdwActionRow      *day_row;
  AdwActionRow      *time_row;
  AdwActionRow      *modality_row;
  AdwActionRow      *deposit_row;
  AdwActionRow      *cancel_row;
  AdwActionRow      *reference_row;

  /* Owned references */
  TurnosReservation  *reservation;
  TurnosSettings     *settings;
  TurnosPatientNames *patients;
};

G_DEFINE_FINAL_TYPE (TurnosBookingSummary, turnos_booking_summary, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RESERVATION,
  PROP_SETTINGS,
  PROP_PATIENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The rows, and one sentence for a screen reader on the whole: the clinic's time with its
 * zone named, the patient's own clock with its day when that differs, the rules. */
static void
update (TurnosBookingSummary *self)
{
  TurnosReservation *r = self->reservation;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *day = NULL;
  g_autofree char *clinic = NULL;
  g_autofree char *local = NULL;
  g_autofree char *deposit = NULL;
  g_autofree char *cancel = NULL;
  const char *patient;

  if (r == NULL || r->start == NULL || r->end == NULL)
    return;

  day = turnos_format_day (r->start);
  clinic = turnos_format_clinic_span (r->start, r->end, TURNOS_SPAN_LONG);
  local = turnos_format_local_span (r->start, r->end, TURNOS_SPAN_LONG);
  adw_action_row_set_subtitle (self->professional_row,
                               self->settings && self->settings->display_name
                               ? self->settings->display_name : r->professional_id);
  /* The patient by name once read; by id until then, or when it cannot be read. */
  patient = turnos_patient_names_get_name (self->patients, r->client_id);
  adw_action_row_set_subtitle (self->patient_row, patient ? patient : "");
  adw_action_row_set_subtitle (self->day_row, day);
  if (local != NULL)
    {
      /* The two clocks on two lines; a virtual session is nowhere, so no place is named. */
      g_autofree char *both = g_strdup_printf ("%s\n%s", clinic, local);
      g_autofree char *clinic_spoken = turnos_format_clinic_span (r->start, r->end, TURNOS_SPAN_SPOKEN);
      g_autofree char *local_spoken = turnos_format_local_span (r->start, r->end, TURNOS_SPAN_SPOKEN);
      g_autofree char *spoken = g_strdup_printf (C_("both clocks", "%s; %s"), clinic_spoken, local_spoken);

      adw_action_row_set_subtitle (self->time_row, both);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spoken, -1);
    }
  else
    {
      g_autofree char *spoken = turnos_format_clinic_span (r->start, r->end, TURNOS_SPAN_SPOKEN);

      adw_action_row_set_subtitle (self->time_row, clinic);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, spoken, -1);
    }
  adw_action_row_set_subtitle (self->modality_row, turnos_format_modality (r->modality));

  if (self->settings != NULL && self->settings->requires_deposit)
    deposit = turnos_format_amount (self->settings->deposit_amount, self->settings->currency);
  gtk_widget_set_visible (GTK_WIDGET (self->deposit_row), deposit != NULL);
  adw_action_row_set_subtitle (self->deposit_row, deposit ? deposit : "");

  /* The cancel policy for this very time, before it bites. */
  if (self->settings != NULL)
    cancel = turnos_format_cancel_until (self->settings, r->start, now);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_row), cancel != NULL);
  adw_action_row_set_subtitle (self->cancel_row, cancel ? cancel : "");

  /* What the clinic asks for on the phone: the stored booking's id. */
  gtk_widget_set_visible (GTK_WIDGET (self->reference_row), r->id != NULL);
  adw_action_row_set_subtitle (self->reference_row, r->id ? r->id : "");
}

static void
turnos_booking_summary_dispose (GObject *object)
{
  TurnosBookingSummary *self = TURNOS_BOOKING_SUMMARY (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_BOOKING_SUMMARY);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->reservation, turnos_reservation_unref);
  g_clear_pointer (&self->settings, turnos_settings_unref);
  if (self->patients != NULL)
    g_signal_handlers_disconnect_by_data (self->patients, self);
  g_clear_object (&self->patients);

  G_OBJECT_CLASS (turnos_booking_summary_parent_class)->dispose (object);
}

static void
turnos_booking_summary_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TurnosBookingSummary *self = TURNOS_BOOKING_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_RESERVATION:
      g_value_set_boxed (value, self->reservation);
      break;
    case PROP_SETTINGS:
      g_value_set_boxed (value, self->settings);
      break;
    case PROP_PATIENTS:
      g_value_set_object (value, self->patients);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_booking_summary_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TurnosBookingSummary *self = TURNOS_BOOKING_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_RESERVATION:
      turnos_booking_summary_set_reservation (self, g_value_get_boxed (value));
      break;
    case PROP_SETTINGS:
      turnos_booking_summary_set_settings (self, g_value_get_boxed (value));
      break;
    case PROP_PATIENTS:
      turnos_booking_summary_set_patients (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_booking_summary_class_init (TurnosBookingSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = turnos_booking_summary_dispose;
  object_class->get_property = turnos_booking_summary_get_property;
  object_class->set_property = turnos_booking_summary_set_property;

  properties[PROP_RESERVATION] =
    g_param_spec_boxed ("reservation", NULL, NULL, TURNOS_TYPE_RESERVATION,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_boxed ("settings", NULL, NULL, TURNOS_TYPE_SETTINGS,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATIENTS] =
    g_param_spec_object ("patients", NULL, NULL, TURNOS_TYPE_PATIENT_NAMES,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-booking-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosBookingSummary, professional_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosBookingSummary, patient_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosBookingSummary, day_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosBookingSummary, time_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosBookingSummary, modality_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosBookingSummary, deposit_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosBookingSummary, cancel_row);
  gtk_widget_class_bind_template_child (widget_class, TurnosBookingSummary, reference_row);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_booking_summary_init (TurnosBookingSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
turnos_booking_summary_set_reservation (TurnosBookingSummary *self,
                                        TurnosReservation    *reservation)
{
  g_return_if_fail (TURNOS_IS_BOOKING_SUMMARY (self));

  if (self->reservation == reservation)
    return;
  g_clear_pointer (&self->reservation, turnos_reservation_unref);
  self->reservation = reservation ? turnos_reservation_ref (reservation) : NULL;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESERVATION]);
}

void
turnos_booking_summary_set_settings (TurnosBookingSummary *self,
                                     TurnosSettings       *settings)
{
  g_return_if_fail (TURNOS_IS_BOOKING_SUMMARY (self));

  if (self->settings == settings)
    return;
  g_clear_pointer (&self->settings, turnos_settings_unref);
  self->settings = settings ? turnos_settings_ref (settings) : NULL;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SETTINGS]);
}

void
turnos_booking_summary_set_patients (TurnosBookingSummary *self,
                                     TurnosPatientNames   *patients)
{
  g_return_if_fail (TURNOS_IS_BOOKING_SUMMARY (self));
  g_return_if_fail (patients == NULL || TURNOS_IS_PATIENT_NAMES (patients));

  if (self->patients == patients)
    return;
  if (self->patients != NULL)
    g_signal_handlers_disconnect_by_data (self->patients, self);
  g_set_object (&self->patients, patients);
  if (patients != NULL)
    g_signal_connect_object (patients, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENTS]);
}
