/* turnos-serve-modes.h: turnos-server's three ways to serve: one process, --workers, --threads
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "turnos-server.h"
#include "turnos-store.h"

G_BEGIN_DECLS

/* What every server of the process is set up with (turnos-server's options, checked by
 * main.c). Timeouts in seconds, 0 for the server's default. */
typedef struct
{
  int              hold_minutes;
  double           header_timeout;
  double           body_timeout;
  double           idle_timeout;
  int              max_connections;  /* 0: from the descriptor limit, shared among --threads */
  int              max_per_address;  /* 0: the default */
  char           **trusted_proxies;  /* borrowed */
  int              threads;
  gboolean         sandbox;          /* the sandbox payment provider (--demo, --sandbox-payments) */
  GTlsCertificate *tls_certificate;  /* HTTPS with it, or NULL; owned */
} TurnosServeOptions;

void turnos_serve_options_clear (TurnosServeOptions *options);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TurnosServeOptions, turnos_serve_options_clear)

/**
 * turnos_serve_single:
 * @store: (transfer none): the opened store
 * @address: an IP address; @port: 0 for a free one
 *
 * One server on one thread: listens, prints "Listening on URL" on stdout, serves until
 * SIGINT or SIGTERM, then disconnects.
 *
 * Returns: FALSE with @error set (G_IO_ERROR) when it cannot listen.
 */
gboolean turnos_serve_single  (TurnosStore              *store,
                               const char               *address,
                               guint16                   port,
                               const TurnosServeOptions *options,
                               GError                  **error);

/**
 * turnos_serve_threads:
 * @store: (transfer none): the opened store, for the first thread
 * @database: the store's URI, which each further thread opens for a connection of its own
 *
 * @options->threads servers in one process, each with its own store connection, socket on
 * the one port (SO_REUSEPORT: the kernel spreads the connections) and thread; the
 * descriptor limit is shared among them. Prints, serves and stops as turnos_serve_single().
 *
 * Returns: FALSE with @error set (G_IO_ERROR, or the store's) when one cannot start.
 */
gboolean turnos_serve_threads (TurnosStore              *store,
                               const char               *database,
                               const char               *address,
                               guint16                   port,
                               const TurnosServeOptions *options,
                               GError                  **error);

/**
 * turnos_serve_workers:
 * @database: the store's URI; nothing of it may be open in this process yet
 * @workers: how many processes, 2 to 64
 *
 * @workers processes forked before GLib starts any thread, each opening its own connection
 * to @database and its own socket on one port (SO_REUSEPORT). The first prints the URL and,
 * on SIGINT or SIGTERM, stops the others and waits for them; the rest say nothing on stdout.
 *
 * Returns: FALSE with @error set (G_IO_ERROR, or the store's) when it cannot start.
 */
gboolean turnos_serve_workers (const char               *database,
                               int                       workers,
                               const char               *address,
                               guint16                   port,
                               const TurnosServeOptions *options,
                               GError                  **error);

G_END_DECLS
