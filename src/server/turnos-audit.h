/* turnos-audit.h: one line of the audit trail: who did what, when, to what
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * TurnosAuditEntry:
 * Written for every write (bookings, cancels and overrides with their reason, blocks,
 * settings, patient edits, erasures) and every failed sign-in. @actor and @target_id are
 * account, reservation, block or payment ids: pseudonyms, never a person's name, so the
 * trail survives an erasure without keeping the personal data.
 */
typedef struct
{
  gint64      seq;          /* the store's order, newest highest; 0 before it is stored */
  GDateTime  *at;
  char       *actor;        /* an account id, or "anonymous" */
  char       *action;       /* "reservation.create", "login.failed", … */
  char       *target_kind;  /* "reservation", "block", "professional", "patient", "account", "payment" */
  char       *target_id;
  char       *detail;       /* a reason or a short note; never personal data; "" when none */
} TurnosAuditEntry;

TurnosAuditEntry *turnos_audit_entry_new  (const char *actor,
                                           const char *action,
                                           const char *target_kind,
                                           const char *target_id,
                                           const char *detail);
void              turnos_audit_entry_free (TurnosAuditEntry *self);
/* {"seq", "at" (UTC, ISO 8601 with Z), "actor", "action", "target_kind", "target_id", "detail"} */
void              turnos_audit_entry_to_json (const TurnosAuditEntry *self,
                                              JsonBuilder            *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosAuditEntry, turnos_audit_entry_free)

G_END_DECLS
