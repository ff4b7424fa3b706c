/* turnos-embedded.h: the server in the client's process, on a thread of its own
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TurnosEmbeddedServer TurnosEmbeddedServer;

/* Starts the server on its own thread and GMainContext, on 127.0.0.1 and a free port, so the
 * caller's main loop never waits on the store. @database_uri may be NULL with @demo: a fresh
 * temporary file, removed on stop. With @demo the store is wiped and the demo clinic seeded. */
TurnosEmbeddedServer *turnos_embedded_server_start        (const char           *database_uri,
                                                           gboolean              demo,
                                                           GError              **error);
const char           *turnos_embedded_server_get_base_url (TurnosEmbeddedServer *self);
/* An admin token made in memory at start (never stored, never expiring, unknown to any other
 * process): the app sends it as its bearer token, so one desk with no server set never signs
 * in. The sandbox payment provider is on only with @demo. */
const char           *turnos_embedded_server_get_token    (TurnosEmbeddedServer *self);
/* Stops serving, joins the thread and frees @self. */
void                  turnos_embedded_server_stop         (TurnosEmbeddedServer *self);

G_END_DECLS
