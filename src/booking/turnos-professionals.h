/* turnos-professionals.h: the clinic's professionals, for the admin's list
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-client.h"
#include "turnos-professional.h"

G_BEGIN_DECLS

#define TURNOS_TYPE_PROFESSIONALS (turnos_professionals_get_type ())
G_DECLARE_FINAL_TYPE (TurnosProfessionals, turnos_professionals, TURNOS, PROFESSIONALS, GObject)

/**
 * TurnosProfessionals:
 *
 * Properties: "client" (construct-only), "professionals" (GListModel of TurnosProfessional,
 * in the server's order; always the same instance), "loading" (bool), "error" (GError,
 * nullable: why the last refresh failed; the list keeps what it had).
 */
TurnosProfessionals *turnos_professionals_new        (TurnosClient        *client);
TurnosClient        *turnos_professionals_get_client (TurnosProfessionals *self);
GListModel          *turnos_professionals_get_list   (TurnosProfessionals *self);
/* GET /professionals again; an answer to an older refresh is dropped. */
void                 turnos_professionals_refresh    (TurnosProfessionals *self);
/* The professional with @id in the list, or NULL. (transfer none) */
TurnosProfessional  *turnos_professionals_find       (TurnosProfessionals *self,
                                                      const char          *id);

G_END_DECLS
