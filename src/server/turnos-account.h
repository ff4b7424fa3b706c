/* turnos-account.h: who signs in, with which role; a patient in the directory
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * TurnosRole:
 * DESIGN.md's "Accounts and roles", as bits so a route can name the set of roles that may
 * call it. An anonymous caller (no token) is TURNOS_ROLE_ANONYMOUS.
 */
typedef enum
{
  TURNOS_ROLE_ANONYMOUS    = 1 << 0,
  TURNOS_ROLE_PATIENT      = 1 << 1,
  TURNOS_ROLE_DESK         = 1 << 2,
  TURNOS_ROLE_PROFESSIONAL = 1 << 3,
  TURNOS_ROLE_ADMIN        = 1 << 4,
} TurnosRole;

#define TURNOS_ROLES_SIGNED_IN (TURNOS_ROLE_PATIENT | TURNOS_ROLE_DESK | \
                                TURNOS_ROLE_PROFESSIONAL | TURNOS_ROLE_ADMIN)
#define TURNOS_ROLES_ALL       (TURNOS_ROLE_ANONYMOUS | TURNOS_ROLES_SIGNED_IN)
#define TURNOS_ROLES_STAFF     (TURNOS_ROLE_DESK | TURNOS_ROLE_PROFESSIONAL | TURNOS_ROLE_ADMIN)

/* "patient", "desk", "professional", "admin"; NULL for anything else. */
const char *turnos_role_to_string   (TurnosRole  role);
gboolean    turnos_role_from_string (const char *text,
                                     TurnosRole *out);

/**
 * TurnosAccount:
 * One person the server knows: staff who sign in, and patients, who may have no user name
 * (the desk books for them). @id is what the seed calls a user id: a patient's is the
 * reservation's client_id, a professional's the professional_id of their settings.
 * A refcounted plain struct, immutable once shared.
 */
typedef struct
{
  char       *id;
  TurnosRole  role;
  char       *username;        /* NULL: cannot sign in */
  char       *display_name;
  char       *document;        /* a DNI or passport number; NULL when not given */
  char       *phone;
  char       *email;
  gboolean    must_change;     /* the password was set by someone else */
  gboolean    erased;          /* the personal data is gone (DELETE /patients/{id}) */
  GDateTime  *created_at;

  /*< private >*/
  gatomicrefcount ref_count;
} TurnosAccount;

TurnosAccount *turnos_account_new   (void);
TurnosAccount *turnos_account_ref   (TurnosAccount *self);
void           turnos_account_unref (TurnosAccount *self);

/* {"id", "role", "display_name", "username"?, "document"?, "phone"?, "email"?,
 * "must_change_password"} as the API answers it; @full FALSE gives only id, role and
 * display_name (a signed-in user, the "user" of a login answer). */
void           turnos_account_to_json (const TurnosAccount *self,
                                       gboolean             full,
                                       JsonBuilder         *builder);
JsonNode      *turnos_account_to_node (const TurnosAccount *self,
                                       gboolean             full);

/**
 * turnos_fold_for_search:
 * @text: UTF-8
 *
 * @text without accents and case, for the patient search: "José" and "JOSE" both give
 * "jose" (NFD, combining marks dropped, case folded). Returns a new string.
 */
char          *turnos_fold_for_search (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosAccount, turnos_account_unref)

G_END_DECLS
