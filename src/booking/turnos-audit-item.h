/* turnos-audit-item.h: one line of the audit trail as an item of a GListModel
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "turnos-client.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_AUDIT_ITEM (turnos_audit_item_get_type ())
G_DECLARE_FINAL_TYPE (TurnosAuditItem, turnos_audit_item, TURNOS, AUDIT_ITEM, GObject)

/* Read-only properties: "at" (GDateTime, UTC), "actor", "action", "target-kind",
 * "target-id", "detail" (strings, never NULL; see TurnosAuditRecord). */
/* Takes @record (a TurnosAuditRecord with its "at"). */
TurnosAuditItem *turnos_audit_item_new             (TurnosAuditRecord *record);
GDateTime       *turnos_audit_item_get_at          (TurnosAuditItem   *self);
const char      *turnos_audit_item_get_actor       (TurnosAuditItem   *self);
const char      *turnos_audit_item_get_action      (TurnosAuditItem   *self);
const char      *turnos_audit_item_get_target_kind (TurnosAuditItem   *self);
const char      *turnos_audit_item_get_target_id   (TurnosAuditItem   *self);
const char      *turnos_audit_item_get_detail      (TurnosAuditItem   *self);

G_END_DECLS
