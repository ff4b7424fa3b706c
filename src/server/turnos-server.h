/* turnos-server.h: the reservations API on a SoupServer
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "turnos-error.h"
#include "turnos-store.h"

G_BEGIN_DECLS

#define TURNOS_SERVER_MAX_BODY (64 * 1024)
#define TURNOS_SERVER_BACKLOG 1024

#define TURNOS_TYPE_SERVER (turnos_server_get_type ())
G_DECLARE_FINAL_TYPE (TurnosServer, turnos_server, TURNOS, SERVER, GObject)

/* Properties: "store" (construct-only), "hold-minutes" (how long a payment holds its time,
 * default 15), "log-requests" (one log line per request, default TRUE), "public-url" (where
 * patients reach this server, for the links it hands out; default the listening address), and
 * the connection limits of its TurnosListener (see turnos-listener.h): "header-timeout",
 * "body-timeout", "idle-timeout" (ms), "max-connections", "max-connections-per-address",
 * "trusted-proxies".
 *
 * Before a request's body is read, the server refuses what the head alone condemns, without
 * reading the body and closing the connection: a declared Content-Length over
 * TURNOS_SERVER_MAX_BODY (413, also before any 100 Continue), Content-Length values that
 * disagree or come with a Transfer-Encoding (400); a chunked body is cut at the limit (413).
 * A request target over 8 KB is answered 414 and a head over 32 KB 431 (a head libsoup is still
 * reading past 40 KB, the listener answers itself: libsoup would close the connection at 64 KB
 * without a word). HEAD is answered as GET without the body, "OPTIONS *" 204. */
TurnosServer *turnos_server_new        (TurnosStore   *store);
/* The URL the server's own pages (the sandbox checkout) are linked at, e.g.
 * "https://turnos.example.org/"; a "/" is added when missing; NULL or "" for the address it
 * listens on. Links are never built from a request's Host header. */
void          turnos_server_set_public_url (TurnosServer *self,
                                            const char   *url);
void          turnos_server_set_hold_minutes (TurnosServer *self,
                                              guint         minutes);
/* Listens on @address ("127.0.0.1") and @port (0 picks one) in the thread-default main
 * context: from then on, call the server only from that context's thread. */
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
/* "http://127.0.0.1:PORT/" (an IPv6 address in brackets) once listening ("https://…" with a
 * certificate), else NULL. */
char         *turnos_server_dup_base_url (TurnosServer *self);
/* Stops accepting and closes every connection. */
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

/* Serves HTTPS with @certificate (with its private key; libsoup's own TLS through
 * glib-networking) on the sockets opened after this call; NULL for plain HTTP. */
void          turnos_server_set_tls_certificate (TurnosServer    *self,
                                                 GTlsCertificate *certificate);
/* The built-in sandbox payment provider (its Pay button approves a deposit without money):
 * off by default; on with --demo or --sandbox-payments. Off, a deposit answers 503
 * no_payment_provider and the checkout pages are not there. */
void          turnos_server_set_sandbox_payments (TurnosServer *self,
                                                  gboolean      enabled);
/* A new admin token held only in this server's memory, never stored, never expiring: the
 * embedded server's (the app signs nothing in). The caller owns the string. */
char         *turnos_server_make_admin_token (TurnosServer *self);

/* The clock every rule reads; tests may replace it. */
typedef GDateTime *(*TurnosServerClock) (gpointer user_data);
void          turnos_server_set_clock  (TurnosServer      *self,
                                        TurnosServerClock  clock,
                                        gpointer           user_data);

G_END_DECLS
