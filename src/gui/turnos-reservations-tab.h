/* turnos-reservations-tab.h: one tab of My Reservations: its rows, and what it says when it has none
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-reservations.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_RESERVATIONS_TAB (turnos_reservations_tab_get_type ())
G_DECLARE_FINAL_TYPE (TurnosReservationsTab, turnos_reservations_tab, TURNOS, RESERVATIONS_TAB, GtkWidget)

/**
 * TurnosReservationsTab:
 *
 * Shows a TurnosReservationSection as a list of TurnosReservationRow, or what is true when
 * there is nothing to list: loading, an error with Retry ("reservations.refresh"), or the
 * empty state. Below the rows, a button asks for the next page
 * ("reservations.load-more" with the section's kind nick) while the server has more.
 *
 * Properties: "section" (construct-only), "at-clinic" (bool, given to the rows),
 * "empty-title", "empty-description", "empty-icon-name", "empty-action-label" and
 * "empty-action-name" (the empty state and its one button, none when the label is NULL),
 * "more-label" (the next page's button), "list-label" (the list's accessible name).
 */
GtkWidget *turnos_reservations_tab_new (TurnosReservationSection *section);

G_END_DECLS
