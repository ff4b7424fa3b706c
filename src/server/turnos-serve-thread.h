/* turnos-serve-thread.h: a TurnosServer serving from a thread and main context of its own
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-server.h"

G_BEGIN_DECLS

typedef struct _TurnosServeThread TurnosServeThread;

/**
 * turnos_serve_thread_start:
 * @server: a configured server that does not listen yet; the thread takes a reference, and
 *   from now on only the thread may touch it (nor its store)
 * @address: an IP address, "127.0.0.1"
 * @port: the port, 0 for a free one
 * @shared: bind with SO_REUSEPORT, beside other servers on the same port (--threads)
 * @error: G_IO_ERROR when it cannot listen
 *
 * Listens with a new main context as the thread default (so every source the server makes
 * then is attached there), then runs that context's loop on a new thread until
 * turnos_serve_thread_stop(). Used by turnos-server --threads and by the app's embedded
 * server: one serving thread, written once.
 *
 * Returns: (transfer full) (nullable): the running thread, or NULL with @error set.
 */
TurnosServeThread *turnos_serve_thread_start        (TurnosServer       *server,
                                                     const char         *address,
                                                     guint16             port,
                                                     gboolean            shared,
                                                     GError            **error);
/* "http://127.0.0.1:PORT/" as it listens. */
const char        *turnos_serve_thread_get_base_url (TurnosServeThread  *self);
/* Stops the loop, disconnects the server in its own thread, joins it and frees @self. */
void               turnos_serve_thread_stop         (TurnosServeThread  *self);

G_END_DECLS
