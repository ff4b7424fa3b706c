/* turnos-listener.h: accepts the server's connections, keeps count of them and times them out
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Connections a server keeps at most when "max-connections" is 0, and how many descriptors
 * below the process's limit (RLIMIT_NOFILE) it stays, for the database and the main loop. */
#define TURNOS_LISTENER_AUTO_MAX_CONNECTIONS 1024
#define TURNOS_LISTENER_FD_RESERVE           32

#define TURNOS_TYPE_LISTENER (turnos_listener_get_type ())
G_DECLARE_FINAL_TYPE (TurnosListener, turnos_listener, TURNOS, LISTENER, GObject)

/*
 * A TurnosListener accepts the connections of one SoupServer itself and hands each to
 * soup_server_accept_iostream(). libsoup 3.2.3 (Debian 12) cannot be trusted with that:
 * its listener stops accepting for good after one failed accept(2) (EMFILE), and a
 * keep-alive connection the client closes between requests keeps its socket forever. Each
 * connection is followed through its states (waiting for a request head, reading a body,
 * answering, idle between requests) with a deadline for each, and counted against a limit
 * for the server and one for each client address.
 *
 * Properties (all read-write):
 *   "soup"                         the SoupServer served (construct-only)
 *   "header-timeout"               ms from the connection (on a kept-alive one, from the first
 *                                  line of the next request) to the end of the head
 *                                  (default 20,000; before that line, "idle-timeout" runs)
 *   "body-timeout"                 ms from the end of the head to the end of the answer: to
 *                                  read the body and send the answer (default 30,000)
 *   "idle-timeout"                 ms a keep-alive connection may wait for its next request
 *                                  (default 75,000: more than the 60 s a SoupSession keeps an
 *                                  idle connection, so clients close first)
 *   "max-connections"              connections open at once; 0 (the default) takes
 *                                  turnos_listener_default_max_connections(). At the limit the
 *                                  oldest lingering, idle, waiting or slow connection makes room
 *                                  for a new one; if none can, accepting waits.
 *   "max-connections-per-address"  connections from one client address (default 256; a
 *                                  clinic's desks may share one); past it a new connection is
 *                                  answered 429 too_many_connections and closed. A trusted
 *                                  proxy's connections are not limited; instead, requests in
 *                                  progress for one forwarded client address are (429
 *                                  too_many_requests).
 *   "trusted-proxies"              (GStrv) addresses of proxies or load balancers whose
 *                                  X-Forwarded-For names the client (its last entry, the one the
 *                                  proxy added); from anyone else the header is ignored
 *
 * Until a handler sets its answer, every message carries {"error": {"code": "bad_request"}}:
 * the body of the 4xx libsoup itself answers to what it cannot read (a handler's
 * soup_server_message_set_response() must truncate the body first: it appends).
 *
 * A connection upgraded to another protocol (101 Switching Protocols: the WebSocket of the
 * live events) still counts against the limits but has no timeout: its pings keep it honest.
 * It leaves the count when whoever took it over lets its stream go.
 *
 * Everything happens in the thread-default main context of the first
 * turnos_listener_add_socket() call; call every function from that context's thread.
 */

TurnosListener *turnos_listener_new         (SoupServer      *soup);
/* The limit "max-connections" 0 stands for: the soft RLIMIT_NOFILE less
 * TURNOS_LISTENER_FD_RESERVE, at most TURNOS_LISTENER_AUTO_MAX_CONNECTIONS. */
guint           turnos_listener_default_max_connections (void);
/* Starts accepting on @socket, bound and listening. Errors: G_IO_ERROR from creating the
 * socket pair that keeps libsoup's keep-alive on (see the .c). */
gboolean        turnos_listener_add_socket  (TurnosListener  *self,
                                             GSocket         *socket,
                                             GError         **error);
/* The local address of the first socket, or NULL. (transfer none) */
GSocketAddress *turnos_listener_get_address (TurnosListener  *self);
/* Stops accepting and closes the connections it still holds (libsoup's own are closed by
 * soup_server_disconnect()). */
void            turnos_listener_disconnect  (TurnosListener  *self);
/* Connections open now, in any state. */
guint           turnos_listener_get_n_connections (TurnosListener *self);

/* Called once a request's head is read, before libsoup reads the body or says 100 Continue
 * (and before its own handling of the head). @client_over_limit: a request through a trusted
 * proxy whose client has more than "max-connections-per-address" requests in progress, to be
 * answered 429. */
typedef void (*TurnosListenerHeadFunc) (SoupServerMessage *msg,
                                        gboolean           client_over_limit,
                                        gpointer           user_data);
void            turnos_listener_set_head_func (TurnosListener         *self,
                                               TurnosListenerHeadFunc  func,
                                               gpointer                user_data);
/* Answers @msg with @status and {"error": {"code": @code, "message": @message}} straight on
 * the socket, without reading any more of the request (a body too large, a framing a proxy
 * may read otherwise), then closes the connection. May be called from the head function or a
 * got-chunk handler, in the middle of libsoup's reading: libsoup lets go of the connection
 * first. */
void            turnos_listener_refuse      (TurnosListener    *self,
                                             SoupServerMessage *msg,
                                             guint              status,
                                             const char        *code,
                                             const char        *message);
/* soup_status_get_phrase(), knowing also the codes libsoup 3.2 does not (429, 431). */
const char     *turnos_listener_status_phrase (guint status);

/* Serves HTTPS with @certificate (with its private key) on every connection accepted from
 * now on, or plain HTTP with NULL. glib-networking does the TLS. */
void            turnos_listener_set_tls_certificate (TurnosListener  *self,
                                                     GTlsCertificate *certificate);

/* The address of the client @msg came from: the peer, or the last X-Forwarded-For entry
 * when the peer is a trusted proxy (known once the head is read). (transfer none) */
const char     *turnos_listener_get_client_address (SoupServerMessage *msg);

G_END_DECLS
