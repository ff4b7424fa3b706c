/* turnos-busy-override.c: the desk books a patient who has another session at that time
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-busy-override.h"
#include "turnos-error.h"
#include "turnos-format.h"

gboolean
turnos_busy_override_applies (const GError *error)
{
  return g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT) &&
         g_strcmp0 (turnos_client_error_get_api_code (error), TURNOS_CODE_PATIENT_BUSY) == 0;
}

static char *
reason_of (AdwMessageDialog *dialog)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

static void
on_reason_changed_cb (AdwMessageDialog *dialog)
{
  g_autofree char *reason = reason_of (dialog);

  adw_message_dialog_set_response_enabled (dialog, "book", *reason != '\0');
}

static void
on_reason_activate_cb (AdwMessageDialog *dialog)
{
  g_autofree char *reason = reason_of (dialog);

  if (*reason != '\0')
    adw_message_dialog_response (dialog, "book");
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response)
{
  TurnosBooking *booking = g_object_get_data (G_OBJECT (dialog), "turnos-booking");
  g_autofree char *reason = reason_of (dialog);

  if (g_str_equal (response, "book") && *reason != '\0' &&
      turnos_booking_get_step (booking) == TURNOS_BOOKING_STEP_CONFIRM)
    turnos_booking_confirm_with_override (booking, reason);
}

GtkWindow *
turnos_busy_override_ask (GtkWindow     *parent,
                          TurnosBooking *booking,
                          const GError  *error)
{
  GPtrArray *others = turnos_client_error_get_reservations (error);
  g_autofree char *body = NULL;
  GtkWidget *dialog, *entry;

  g_return_val_if_fail (TURNOS_IS_BOOKING (booking), NULL);

  if (others != NULL && others->len > 0)
    {
      TurnosReservation *other = g_ptr_array_index (others, 0);
      g_autofree char *day = turnos_format_day (other->start);
      g_autofree char *range = turnos_format_time_range (other->start, other->end);

      /* Translators: the patient's other session: its day, then its time range */
      body = g_strdup_printf (_("The patient already has a session on %s, %s. Say why they are "
                                "booked at this time as well: the reason is kept in the audit."),
                              day, range);
    }
  else
    body = g_strdup (_("The patient already has a session at this time. Say why they are booked "
                       "at this time as well: the reason is kept in the audit."));
  dialog = adw_message_dialog_new (parent, _("Book a Patient Who Is Busy?"), body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason, such as “the sessions are joint”"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "back", _("_Back"),
                                    "book", _("_Book Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "book",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "book", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "back");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "back");
  g_object_set_data_full (G_OBJECT (dialog), "turnos-booking", g_object_ref (booking), g_object_unref);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_reason_activate_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return GTK_WINDOW (dialog);
}
