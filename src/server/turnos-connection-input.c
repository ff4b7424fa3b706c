/* turnos-connection-input.c: an accepted connection's input as libsoup reads it
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why: libsoup 3.2.3 reads the first bytes of the next request on a keep-alive connection
 * with a message nobody has been told about; when that read finds the end of the input (the
 * client closed) it drops the message and forgets the connection without closing it. Which
 * read that is, only a stream under libsoup can see, however libsoup polls (it may read
 * without polling at all, when its own buffer says so). This one lets its owner hold that end
 * back and end the connection while libsoup is still waiting; and, as it sees every byte
 * libsoup reads, answer a request head too large before libsoup gives up on it without an
 * answer.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-connection-input.h"

struct _TurnosConnectionInput
{
  GInputStream                  parent_instance;

  /* Owned references */
  GIOStream                    *connection;
  GInputStream                 *base;         /* @connection's input */

  /* Not owned */
  TurnosConnectionInputFunc     func;
  gpointer                      user_data;

  gboolean                      held;         /* the end was held back: reads block for ever */
};

static void pollable_iface_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TurnosConnectionInput, turnos_connection_input, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM, pollable_iface_init))

/* After a read of @n bytes at @data (0: the end; -1: @error): whether the owner holds it
 * back. */
static gboolean
hold (TurnosConnectionInput  *self,
      const void             *data,
      gssize                  n,
      GError                **error)
{
  if (self->held)
    return TRUE;
  if (self->func == NULL || (n < 0 && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK)))
    return FALSE;
  if (!self->func (data, n, n < 0 ? *error : NULL, self->user_data))
    return FALSE;
  self->held = TRUE;
  return TRUE;
}

static gssize
would_block (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK, "the connection is ending");
  return -1;
}

/*
 * GPollableInputStream
 */

static gboolean
can_poll (GPollableInputStream *stream)
{
  return TRUE;
}

static gboolean
is_readable (GPollableInputStream *stream)
{
  TurnosConnectionInput *self = TURNOS_CONNECTION_INPUT (stream);

  return !self->held && g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (self->base));
}

static GSource *
create_source (GPollableInputStream *stream,
               GCancellable         *cancellable)
{
  TurnosConnectionInput *self = TURNOS_CONNECTION_INPUT (stream);

  /* Held: a source with nothing to wait for, which never fires. Else the socket's own (its
   * callback is never ours: libsoup's filter stream gives it a dummy one). */
  if (self->held)
    return g_pollable_source_new (G_OBJECT (self));
  return g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (self->base), cancellable);
}

static gssize
read_nonblocking (GPollableInputStream  *stream,
                  void                  *buffer,
                  gsize                  count,
                  GError               **error)
{
  TurnosConnectionInput *self = TURNOS_CONNECTION_INPUT (stream);
  g_autoptr(GError) local = NULL;
  gssize n;

  if (self->held)
    return would_block (error);
  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (self->base), buffer,
                                                count, NULL, &local);
  if (hold (self, buffer, n, &local))
    return would_block (error);
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return n;
}

static void
pollable_iface_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = can_poll;
  iface->is_readable = is_readable;
  iface->create_source = create_source;
  iface->read_nonblocking = read_nonblocking;
}

/*
 * GInputStream overrides
 */

static gssize
turnos_connection_input_read (GInputStream  *stream,
                              void          *buffer,
                              gsize          count,
                              GCancellable  *cancellable,
                              GError       **error)
{
  TurnosConnectionInput *self = TURNOS_CONNECTION_INPUT (stream);
  g_autoptr(GError) local = NULL;
  gssize n;

  if (self->held)
    return would_block (error);
  n = g_input_stream_read (self->base, buffer, count, cancellable, &local);
  if (hold (self, buffer, n, &local))
    return would_block (error);
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return n;
}

/* Closing the input closes the connection: libsoup closes the GIOStream it was given, whose
 * output is the socket's own (which closes nothing). */
static gboolean
turnos_connection_input_close (GInputStream  *stream,
                               GCancellable  *cancellable,
                               GError       **error)
{
  TurnosConnectionInput *self = TURNOS_CONNECTION_INPUT (stream);

  return g_io_stream_close (self->connection, cancellable, error);
}

/*
 * GObject overrides
 */

static void
turnos_connection_input_finalize (GObject *object)
{
  TurnosConnectionInput *self = TURNOS_CONNECTION_INPUT (object);

  g_clear_object (&self->base);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (turnos_connection_input_parent_class)->finalize (object);
}

static void
turnos_connection_input_class_init (TurnosConnectionInputClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = turnos_connection_input_finalize;
  stream_class->read_fn = turnos_connection_input_read;
  stream_class->close_fn = turnos_connection_input_close;
}

static void
turnos_connection_input_init (TurnosConnectionInput *self)
{
}

/*
 * Public API
 */

GInputStream *
turnos_connection_input_new (GIOStream                 *connection,
                             TurnosConnectionInputFunc  func,
                             gpointer                   user_data)
{
  TurnosConnectionInput *self;

  g_return_val_if_fail (G_IS_IO_STREAM (connection), NULL);
  g_return_val_if_fail (G_IS_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (connection)), NULL);

  self = g_object_new (TURNOS_TYPE_CONNECTION_INPUT, NULL);
  self->connection = g_object_ref (connection);
  self->base = g_object_ref (g_io_stream_get_input_stream (connection));
  self->func = func;
  self->user_data = user_data;
  return G_INPUT_STREAM (self);
}

void
turnos_connection_input_forget_owner (TurnosConnectionInput *self)
{
  g_return_if_fail (TURNOS_IS_CONNECTION_INPUT (self));
  self->func = NULL;
  self->user_data = NULL;
}
