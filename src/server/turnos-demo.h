/* turnos-demo.h: the demo clinic
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-store.h"

G_BEGIN_DECLS

/* Wipes @store and seeds three professionals (dr-ana: Virtual only; dr-bruno: Presencial only
 * with a deposit; dr-carla: both, 90-minute sessions), three patients' bookings around @now
 * and a block; and an account of each role (admin, desk, each professional, patient-1 to 3),
 * each signing in with its id and "demo-" + id. */
gboolean turnos_demo_seed (TurnosStore *store,
                           GDateTime   *now,
                           GError     **error);

G_END_DECLS
