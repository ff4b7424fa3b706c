/* turnos-cancel-reason.c: the desk says why a session is cancelled past the notice
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-cancel-reason.h"
#include "turnos-format.h"

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

  adw_message_dialog_set_response_enabled (dialog, "cancel", *reason != '\0');
}

static void
on_reason_activate_cb (AdwMessageDialog *dialog)
{
  g_autofree char *reason = reason_of (dialog);

  if (*reason != '\0')
    adw_message_dialog_response (dialog, "cancel");
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response)
{
  TurnosReservations *reservations = g_object_get_data (G_OBJECT (dialog), "turnos-reservations");
  TurnosReservationItem *item = g_object_get_data (G_OBJECT (dialog), "turnos-item");
  g_autofree char *reason = reason_of (dialog);

  if (g_str_equal (response, "cancel") && *reason != '\0')
    turnos_reservations_cancel_with_reason (reservations, item, reason);
}

GtkWindow *
turnos_cancel_reason_ask (GtkWindow             *parent,
                          TurnosReservations    *reservations,
                          TurnosReservationItem *item)
{
  TurnosReservation *r;
  g_autofree char *day = NULL;
  g_autofree char *range = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *entry;

  g_return_val_if_fail (TURNOS_IS_RESERVATIONS (reservations), NULL);
  g_return_val_if_fail (TURNOS_IS_RESERVATION_ITEM (item), NULL);

  r = turnos_reservation_item_get_reservation (item);
  day = turnos_format_day (r->start);
  range = turnos_format_time_range (r->start, r->end);
  /* Translators: professional, day, time range */
  body = g_strdup_printf (_("The session with %s on %s, %s, is closer than the professional’s cancel "
                            "notice. Say why it is cancelled anyway: the reason is kept in the audit."),
                          turnos_reservation_item_get_professional_name (item), day, range);
  dialog = adw_message_dialog_new (parent, _("Cancel Past the Notice?"), body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason, such as “the patient called in sick”"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Session"),
                                    "cancel", _("_Cancel Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "turnos-reservations", g_object_ref (reservations),
                          g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "turnos-item", g_object_ref (item), g_object_unref);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (on_reason_activate_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return GTK_WINDOW (dialog);
}
