/* turnos-agenda-page.h: the front desk's agenda, every professional's day side by side
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-desk-agenda.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_AGENDA_PAGE (turnos_agenda_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosAgendaPage, turnos_agenda_page, TURNOS, AGENDA_PAGE, GtkWidget)

/**
 * TurnosAgendaPage:
 *
 * The desk's agenda (issue #18): a column per professional of @agenda's columns, each a
 * timeline of the day's sessions, time off and free times, scrolled sideways where the
 * window is narrower than the columns (280 px each). Previous day, Today and Next day
 * (Alt+Left, Alt+Home, Alt+Right), Print (Ctrl+P: turnos-agenda-print.h). A session's menu
 * marks whether the patient came, reschedules or cancels it (asking first, and asking why past the
 * cancel notice). The session chosen stays chosen as the columns refresh.
 *
 * Properties: "agenda" (TurnosDeskAgenda, construct-only); "title" (string, ro): the date
 * shown, in words, for the window's title.
 * Signals: "message" (const char *text): news for a toast (a refused action);
 * "reschedule" (TurnosReservation *session): the desk chose Reschedule: the window moves it
 * through the booking steps (turnos_booking_reschedule()).
 */
GtkWidget  *turnos_agenda_page_new          (TurnosDeskAgenda *agenda);
TurnosDeskAgenda *turnos_agenda_page_get_agenda (TurnosAgendaPage *self);
const char *turnos_agenda_page_get_title    (TurnosAgendaPage *self);
/* The chosen session's reservation id, or NULL. */
const char *turnos_agenda_page_get_selected (TurnosAgendaPage *self);

G_END_DECLS
