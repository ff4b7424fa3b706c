/* turnos-server.h: the reservations API on a SoupServer
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-store.h"

G_BEGIN_DECLS

#define TURNOS_SERVER_MAX_BODY (64 * 1024)
#define TURNOS_SERVER_BACKLOG 1024

#define TURNOS_TYPE_SERVER (turnos_server_get_type ())
G_DECLARE_FINAL_TYPE (TurnosServer, turnos_server, TURNOS, SERVER, GObject)

/* Properties: "store" (construct-only), "hold-minutes" (how long a payment holds its time,
 * default 15), "log-requests" (one log line per request, default TRUE). */
TurnosServer *turnos_server_new        (TurnosStore   *store);
void          turnos_server_set_hold_minutes (TurnosServer *self,
                                              guint         minutes);
/* Listens on @address ("127.0.0.1") and @port (0 picks one) in the thread-default main
 * context. */
gboolean      turnos_server_listen     (TurnosServer  *self,
                                        const char    *address,
                                        guint16        port,
                                        GError       **error);
/* The same, with SO_REUSEPORT: several processes listen on one port and the kernel spreads
 * the connections among them (turnos-server --workers). */
gboolean      turnos_server_listen_shared (TurnosServer  *self,
                                           const char    *address,
                                           guint16        port,
                                           GError       **error);
/* Binds @socket to @address with SO_REUSEPORT. */
gboolean      turnos_socket_bind_shared   (GSocket        *socket,
                                           GSocketAddress *address,
                                           GError        **error);
/* "http://127.0.0.1:PORT/" once listening. */
char         *turnos_server_dup_base_url (TurnosServer *self);
void          turnos_server_disconnect (TurnosServer  *self);
/* Serves one connection made of any stream (the fuzzer feeds raw request bytes through memory
 * streams): requests are read from @stream and answered on it in the thread-default main
 * context until its input ends, then it is closed. @local and @remote stand for the
 * connection's addresses. FALSE with @error when libsoup refuses the stream. */
gboolean      turnos_server_accept_stream (TurnosServer    *self,
                                           GIOStream       *stream,
                                           GSocketAddress  *local,
                                           GSocketAddress  *remote,
                                           GError         **error);

/* The clock every rule reads; tests may replace it. */
typedef GDateTime *(*TurnosServerClock) (gpointer user_data);
void          turnos_server_set_clock  (TurnosServer      *self,
                                        TurnosServerClock  clock,
                                        gpointer           user_data);

G_END_DECLS
