/* turnos-person.h: a person the server knows: an account, or a patient in the directory
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A refcounted plain struct, immutable once shared. The shape of `GET /me`, of
 * `GET /patients?q=` items and of `POST /patients` answers (DESIGN.md, "Accounts and roles");
 * every field but id may be NULL (an erased patient keeps only the id). */
typedef struct
{
  char     *id;                     /* a patient's id is the reservations' client_id */
  char     *role;                   /* "patient", "desk", "professional", "admin" */
  char     *display_name;
  char     *username;               /* NULL: no sign-in (the desk books for them) */
  char     *document;
  char     *phone;
  char     *email;
  gboolean  must_change_password;   /* an initial password the desk chose, not yet replaced */

  /*< private >*/
  gatomicrefcount ref_count;
} TurnosPerson;

#define TURNOS_TYPE_PERSON (turnos_person_get_type ())
GType         turnos_person_get_type (void) G_GNUC_CONST;

TurnosPerson *turnos_person_new   (void);
TurnosPerson *turnos_person_ref   (TurnosPerson *self);
void          turnos_person_unref (TurnosPerson *self);

/* Reads {"id", "role"?, "display_name"?, "username"?, "document"?, "phone"?, "email"?,
 * "must_change_password"?}; "id" is required (TURNOS_ERROR_MISSING_FIELD), an empty string
 * reads as NULL. */
TurnosPerson *turnos_person_from_json (JsonNode            *node,
                                       GError             **error);
/* The directory's fields that are set (display_name, document, phone, email, username), as
 * `POST /patients` takes them; never id, role or the password. */
void          turnos_person_to_json   (const TurnosPerson  *self,
                                       JsonBuilder         *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TurnosPerson, turnos_person_unref)

G_END_DECLS
