/* turnos-serve-thread.c: a TurnosServer serving from a thread and main context of its own
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include "turnos-serve-thread.h"

struct _TurnosServeThread
{
  GMainContext *context;
  GMainLoop    *loop;
  TurnosServer *server;
  GThread      *thread;
  char         *base_url;
};

static gpointer
serve_cb (gpointer data)
{
  TurnosServeThread *self = data;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);
  turnos_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static void
serve_thread_free (TurnosServeThread *self)
{
  g_clear_object (&self->server);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->base_url);
  g_free (self);
}

TurnosServeThread *
turnos_serve_thread_start (TurnosServer  *server,
                           const char    *address,
                           guint16        port,
                           gboolean       shared,
                           GError       **error)
{
  TurnosServeThread *self;
  gboolean ok;

  g_return_val_if_fail (TURNOS_IS_SERVER (server), NULL);
  g_return_val_if_fail (address != NULL, NULL);

  self = g_new0 (TurnosServeThread, 1);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->server = g_object_ref (server);
  g_main_context_push_thread_default (self->context);
  ok = shared ? turnos_server_listen_shared (server, address, port, error)
              : turnos_server_listen (server, address, port, error);
  g_main_context_pop_thread_default (self->context);
  if (!ok)
    {
      serve_thread_free (self);
      return NULL;
    }
  self->base_url = turnos_server_dup_base_url (server);
  self->thread = g_thread_new ("turnos-serve", serve_cb, self);
  return self;
}

const char *
turnos_serve_thread_get_base_url (TurnosServeThread *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->base_url;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
turnos_serve_thread_stop (TurnosServeThread *self)
{
  g_return_if_fail (self != NULL);

  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);
  serve_thread_free (self);
}
