/* turnos-server-config.h: turnos-server's settings file
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * turnos_server_config_apply:
 * @path: (nullable): a GKeyFile, e.g. /etc/turnos/turnos-server.conf, or NULL for none
 * @listen, @database, @tls_cert, @tls_key: (inout): each kept when the command line gave it
 *   (non-NULL), else the file's "listen", "database", "tls-cert", "tls-key"
 * @workers: (inout): kept when the command line gave it (non-zero), else the file's
 *   "workers", else 1
 * @insecure_http: (inout): TRUE when the command line or the file's "insecure-http" says so
 * @trusted_proxies: (inout): kept when the command line gave some (non-NULL), else the
 *   file's "trusted-proxy", a list ("10.0.0.5;10.0.0.6"; the addresses are checked later)
 * @error: G_KEY_FILE_ERROR for a file that cannot be read or parsed, a value of the wrong
 *   type, or a key this server does not know (a typo would otherwise pass unseen)
 *
 * Reads group [server] of @path; the command line has the last word. A relative tls-cert or
 * tls-key is taken relative to the file's folder.
 *
 * Returns: whether the file was applied.
 */
gboolean turnos_server_config_apply (const char  *path,
                                     char       **listen,
                                     char       **database,
                                     char       **tls_cert,
                                     char       **tls_key,
                                     int         *workers,
                                     gboolean    *insecure_http,
                                     char      ***trusted_proxies,
                                     GError     **error);

G_END_DECLS
