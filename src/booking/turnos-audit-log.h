/* turnos-audit-log.h: the audit trail, filtered and paged, for the admin
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * (Not turnos-audit.h: the server's audit row has that name, and the window links both.)
 */
#pragma once

#include <gio/gio.h>

#include "turnos-audit-item.h"
#include "turnos-client.h"

G_BEGIN_DECLS

#define TURNOS_AUDIT_LOG_DEBOUNCE_MS 300
#define TURNOS_AUDIT_LOG_PAGE_SIZE   50

#define TURNOS_TYPE_AUDIT_LOG (turnos_audit_log_get_type ())
G_DECLARE_FINAL_TYPE (TurnosAuditLog, turnos_audit_log, TURNOS, AUDIT_LOG, GObject)

/**
 * TurnosAuditLog:
 *
 * Who did what, when, to which reservation, block, patient or setting: GET /audit, newest
 * first, one page at a time.
 *
 * Properties (notify only on change):
 * - "client" (TurnosClient, construct-only)
 * - "since" (GDate boxed, rw, nullable): only from that day on (UTC); setting it refreshes
 * - "actor", "target" (string, rw, nullable): only what that account did / what was done to
 *   that id; setting either refreshes after TURNOS_AUDIT_LOG_DEBOUNCE_MS without another
 *   change (typing)
 * - "page-size" (uint, rw): rows per page, 1 to 500, default TURNOS_AUDIT_LOG_PAGE_SIZE
 * - "entries" (GListModel of TurnosAuditItem, ro): the pages fetched so far, in order;
 *   always the same instance
 * - "has-more" (bool, ro): the server has older rows (a next_cursor)
 * - "loading" (bool, ro): a page is being fetched (debounce included)
 * - "error" (GError, ro, nullable): why the last page failed; cleared on the next try
 *
 * An answer to a request that a later refresh replaced is dropped.
 */
TurnosAuditLog *turnos_audit_log_new        (TurnosClient   *client);
const GDate    *turnos_audit_log_get_since  (TurnosAuditLog *self);
void            turnos_audit_log_set_since  (TurnosAuditLog *self,
                                             const GDate    *since);
const char     *turnos_audit_log_get_actor  (TurnosAuditLog *self);
void            turnos_audit_log_set_actor  (TurnosAuditLog *self,
                                             const char     *actor);
const char     *turnos_audit_log_get_target (TurnosAuditLog *self);
void            turnos_audit_log_set_target (TurnosAuditLog *self,
                                             const char     *target);
GListModel     *turnos_audit_log_get_entries (TurnosAuditLog *self);
gboolean        turnos_audit_log_get_has_more (TurnosAuditLog *self);
gboolean        turnos_audit_log_get_loading (TurnosAuditLog *self);
/* The first page again, now (replacing the entries when it arrives). */
void            turnos_audit_log_refresh    (TurnosAuditLog *self);
/* The next page, appended; nothing when there is none or a page is on its way. */
void            turnos_audit_log_load_more  (TurnosAuditLog *self);

G_END_DECLS
