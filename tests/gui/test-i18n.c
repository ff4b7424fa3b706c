/* test-i18n.c: the window in Rioplatense Spanish
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "turnos-audit-page.h"
#include "turnos-booking.h"
#include "turnos-format.h"
#include "turnos-settings-page.h"
#include "turnos-time.h"
#include "turnos-window.h"

static void
test_reserve_title (void)
{
  g_autoptr(TurnosClient) client = turnos_client_new ("http://127.0.0.1:1/");
  g_autoptr(TurnosBooking) booking = turnos_booking_new (client);
  TurnosWindow *window = turnos_window_new (NULL, booking, NULL);

  g_assert_cmpstr (turnos_window_get_title_text (window), ==, "Seleccioná fecha y horario");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_formats (void)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("America/Argentina/Buenos_Aires");
  g_autoptr(GDateTime) start = g_date_time_new (tz, 2026, 12, 1, 9, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_minutes (start, 45);
  g_autofree char *day = turnos_format_day (start);
  g_autofree char *spoken = turnos_format_time_range_spoken (start, end);
  g_autofree char *amount = turnos_format_amount ("5000.00", "ARS");

  /* Day and month names come from the C library's es_AR locale, the order from the PO. */
  g_assert_cmpstr (day, ==, "martes 1 de diciembre de 2026");
  g_assert_cmpstr (spoken, ==, "de 09:00 a 09:45");
  g_assert_cmpstr (amount, ==, "5.000,00 ARS");
  g_assert_cmpstr (turnos_format_modality (TURNOS_MODALITY_PRESENCIAL), ==, "Presencial");
}

/* Whose clock, which day and the rules, in Rioplatense words: "tu horario", not "tu hora". */
static void
test_booking_words (void)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("America/Argentina/Buenos_Aires");
  g_autoptr(GDateTime) start = g_date_time_new (tz, 2026, 11, 30, 20, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_minutes (start, 45);
  g_autoptr(GDateTime) before = g_date_time_new (tz, 2026, 11, 20, 9, 0, 0);
  g_autoptr(TurnosSettings) s = turnos_settings_new ();
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  g_autofree char *clinic = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *deposit = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *until = NULL;
  g_autofree char *day_name = NULL;
  GDate day;

  g_setenv ("TZ", "Asia/Tokyo", TRUE);
  clinic = turnos_format_clinic_span (start, end, TURNOS_SPAN_SHORT);
  mine = turnos_format_local_span (start, end, TURNOS_SPAN_LONG);
  g_assert_cmpstr (clinic, ==, "20:00 – 20:45, horario de Buenos Aires");
  g_assert_cmpstr (mine, ==, "08:00 – 08:45 en tu horario, Tokyo, martes 1 de diciembre");

  turnos_settings_set_timezone (s, "America/Argentina/Buenos_Aires");
  s->requires_deposit = TRUE;
  s->deposit_amount = g_strdup ("5000.00");
  s->currency = g_strdup ("ARS");
  s->cancel_notice_minutes = 1440;
  deposit = turnos_format_deposit (s);
  notice = turnos_format_cancel_notice (s);
  until = turnos_format_cancel_until (s, start, before);
  g_assert_cmpstr (deposit, ==, "Seña: 5.000,00 ARS, se paga al reservar");
  g_assert_cmpstr (notice, ==, "Cancelación sin cargo hasta 24 horas antes del turno");
  g_assert_cmpstr (until, ==, "Cancelación sin cargo hasta el dom 29 de nov, 20:00 (horario de Buenos Aires)");

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 12, 2026);
  day_name = turnos_format_calendar_day (&day, 8, FALSE);
  g_assert_cmpstr (day_name, ==, "martes 1 de diciembre, 8 horarios libres");
  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
}

/* The booking layer writes its errors for the log: the window's words are translated. */
static void
test_error_words (void)
{
  g_autoptr(GError) declined = g_error_new_literal (TURNOS_BOOKING_ERROR,
                                                    TURNOS_BOOKING_ERROR_PAYMENT_DECLINED,
                                                    "the payment was declined");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "disk on fire");
  g_autofree char *declined_words = turnos_format_error (declined);
  g_autofree char *other_words = turnos_format_error (other);

  g_assert_cmpstr (declined_words, ==, "El pago fue rechazado. El horario no se reservó.");
  g_assert_cmpstr (other_words, ==, "Algo salió mal. Volvé a intentarlo.");
}

/* The admin's views in voseo, with "turno" for a booking. */
static void
test_admin_words (void)
{
  g_autoptr(TurnosClient) client = turnos_client_new ("http://127.0.0.1:1/");
  g_autoptr(TurnosSettingsEditor) editor = turnos_settings_editor_new (client);
  GtkWidget *page = g_object_ref_sink (turnos_settings_page_new (editor));
  GtkWidget *name = GTK_WIDGET (gtk_widget_get_template_child (page, TURNOS_TYPE_SETTINGS_PAGE, "name_entry"));
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  turnos_settings_editor_start_new (editor);
  gtk_widget_grab_focus (name);
  gtk_editable_set_text (GTK_EDITABLE (name), "x");
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_template_child (page, TURNOS_TYPE_SETTINGS_PAGE, "name_row"))),
                   ==, "Escribí el nombre del profesional.");
  g_assert_cmpstr (turnos_audit_page_action_words ("reservation.create"), ==, "Reservó un turno");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (page);
}

int
main (int   argc,
      char *argv[])
{
  /* build-aux/dev deps generates es_AR.UTF-8; without it this test cannot say anything. */
  g_assert_nonnull (setlocale (LC_ALL, "es_AR.UTF-8"));
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TURNOS_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/i18n/reserve-title", test_reserve_title);
  g_test_add_func ("/gui/i18n/formats", test_formats);
  g_test_add_func ("/gui/i18n/error-words", test_error_words);
  g_test_add_func ("/gui/i18n/booking-words", test_booking_words);
  g_test_add_func ("/gui/i18n/admin-words", test_admin_words);

  return g_test_run ();
}
