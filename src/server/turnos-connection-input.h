/* turnos-connection-input.h: an accepted connection's input as libsoup reads it
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TURNOS_TYPE_CONNECTION_INPUT (turnos_connection_input_get_type ())
G_DECLARE_FINAL_TYPE (TurnosConnectionInput, turnos_connection_input, TURNOS, CONNECTION_INPUT,
                      GInputStream)

/* Told of every read: @n bytes at @data, or the end of the input (@n 0), or a failure (@n -1,
 * @error). Returning TRUE holds it back: that read, and every read and poll after it, would
 * block for ever, and the owner ends the connection itself (see turnos-listener.c). */
typedef gboolean (*TurnosConnectionInputFunc) (const guint8 *data,
                                               gssize        n,
                                               const GError *error,
                                               gpointer      user_data);

/*
 * A pollable GInputStream over the input of @connection (a GSocketConnection), whose reads
 * and polls it passes on, and which closes the whole of @connection when it is closed: the
 * input of the GIOStream handed to soup_server_accept_iostream(), with @connection's output
 * (g_simple_io_stream_new()). @func (optional) is told of every read.
 */
GInputStream *turnos_connection_input_new          (GIOStream                 *connection,
                                                    TurnosConnectionInputFunc  func,
                                                    gpointer                   user_data);
/* Stops telling: from now on reads are passed on as they are. */
void          turnos_connection_input_forget_owner (TurnosConnectionInput        *self);

G_END_DECLS
