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
 * and a block. */
gboolean turnos_demo_seed (TurnosStore *store,
                           GDateTime   *now,
                           GError     **error);

G_END_DECLS
