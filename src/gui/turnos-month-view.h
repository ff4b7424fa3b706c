/* turnos-month-view.h: a month as a grid of days, with the days that have free times marked
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "turnos-availability.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_MONTH_VIEW (turnos_month_view_get_type ())
G_DECLARE_FINAL_TYPE (TurnosMonthView, turnos_month_view, TURNOS, MONTH_VIEW, GtkWidget)

/**
 * TurnosMonthView:
 *
 * One month drawn by us, as GNOME Calendar's date chooser does: GtkCalendar 4.8 applies
 * gtk_calendar_mark_day() only at its next grid rebuild, so its marks lagged a month or a
 * professional behind (issue #14). Here the marks are redrawn the moment they are set.
 *
 * Properties (all notify only on change):
 * - "year", "month" (int, rw; month 1-12): the month shown
 * - "selected" (GDate boxed, rw, nullable): the chosen day, which may lie in another month
 * - "overview" (TurnosMonthOverview boxed, rw, nullable): free times per day. The shown
 *   month's days with free_slots > 0 are marked, and only when the overview is for the shown
 *   month: with none (still loading, or another month's) no day is marked.
 *
 * The person moves "selected" by clicking a day or with the keyboard (the days are one Tab
 * stop: Left/Right a day, Up/Down a week, Page Up/Down a month, Home today), and "year" and
 * "month" with the arrows, or by following the keyboard into another month. Each day is a
 * button whose accessible name says the day and its free times, "Tuesday 1 December, 8 free
 * times"; the selected one has the SELECTED state.
 */
GtkWidget           *turnos_month_view_new          (void);

int                  turnos_month_view_get_year     (TurnosMonthView     *self);
int                  turnos_month_view_get_month    (TurnosMonthView     *self);
/* Shows @month (1-12) of @year. */
void                 turnos_month_view_show_month   (TurnosMonthView     *self,
                                                     int                  year,
                                                     int                  month);
/* NULL when no day is chosen. */
const GDate         *turnos_month_view_get_selected (TurnosMonthView     *self);
/* Chooses @date (NULL: none) and shows its month. */
void                 turnos_month_view_set_selected (TurnosMonthView     *self,
                                                     const GDate         *date);
TurnosMonthOverview *turnos_month_view_get_overview (TurnosMonthView     *self);
void                 turnos_month_view_set_overview (TurnosMonthView     *self,
                                                     TurnosMonthOverview *overview);
/* Today in the clinic's zone (this computer's day until set): outlined, and where Home goes. */
void                 turnos_month_view_set_today    (TurnosMonthView     *self,
                                                     const GDate         *today);
/* The days that can be booked, @first to @last inclusive (either NULL: open): the others are
 * dimmed, and still chosen with a click, for the page to say why they cannot be booked. */
void                 turnos_month_view_set_bookable (TurnosMonthView     *self,
                                                     const GDate         *first,
                                                     const GDate         *last);
/* Puts the keyboard on the days' one Tab stop: the chosen day, else today, else the 1st. */
void                 turnos_month_view_focus_day    (TurnosMonthView     *self);
/* The button of day @day (1-31) of the shown month, or NULL past its end: for tests. */
GtkWidget           *turnos_month_view_get_day_button (TurnosMonthView   *self,
                                                       guint              day);

G_END_DECLS
