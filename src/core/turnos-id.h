/* turnos-id.h: record ids from the system's random source
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * turnos_id_new:
 *
 * A new random id: 122 bits from the kernel's random source (getrandom(2), else
 * /dev/urandom) as an RFC 4122 version 4 UUID string, "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
 * in lower case.
 *
 * Unlike g_uuid_string_random(), which draws from GLib's process-wide GRand, nothing of it is
 * kept in the process: two processes forked from one parent (turnos-server --workers after
 * --demo) never make the same ids. Never fails; aborts only if the kernel has no random
 * source at all.
 *
 * Returns: (transfer full): a 36-character id
 */
char *turnos_id_new (void);

G_END_DECLS
