/* turnos-audit-page.h: who did what, when, to what: the admin's audit view
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "turnos-audit-log.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_AUDIT_PAGE (turnos_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (TurnosAuditPage, turnos_audit_page, TURNOS, AUDIT_PAGE, GtkWidget)

/**
 * TurnosAuditPage:
 *
 * Filters (since a day, picked on a calendar; who, by account id; to what, by id), then one
 * row per line of the trail, newest first: what was done in words, when on this computer's
 * clock, by whom, to which booking, time off, patient, professional or account, and any
 * detail (a reason, the fields changed); "Load More" (action "audit.more") while older lines
 * remain. Refreshed when shown and by Ctrl+R (action "audit.refresh").
 *
 * Property "log" (TurnosAuditLog, construct-only).
 */
GtkWidget  *turnos_audit_page_new           (TurnosAuditLog *log);
/* What @action ("reservation.create", …) reads as, "Booked"; the code itself when unknown. */
const char *turnos_audit_page_action_words  (const char     *action);

G_END_DECLS
