/* turnos-embedded.c: the server in the client's process, on a thread of its own
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <glib/gstdio.h>

#include "turnos-demo.h"
#include "turnos-embedded.h"
#include "turnos-password.h"
#include "turnos-server.h"

struct _TurnosEmbeddedServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  char         *base_url;
  char         *token;      /* the in-memory admin token the app signs in with */
  char         *temp_dir;
  gboolean      demo;

  /* Start-up handshake */
  GMutex        mutex;
  GCond         cond;
  gboolean      started;
  GError       *error;
  TurnosStore  *store;
};

static gpointer
serve_thread (gpointer data)
{
  TurnosEmbeddedServer *self = data;
  g_autoptr(TurnosServer) server = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (self->context);

  server = turnos_server_new (self->store);
  g_object_set (server, "log-requests", FALSE, NULL);
  turnos_server_set_sandbox_payments (server, self->demo);
  self->token = turnos_server_make_admin_token (server);
  /* Loopback only: the app is the one client. */
  if (turnos_server_listen (server, "127.0.0.1", 0, &error))
    self->base_url = turnos_server_dup_base_url (server);

  g_mutex_lock (&self->mutex);
  self->error = g_steal_pointer (&error);
  self->started = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (self->base_url != NULL)
    g_main_loop_run (self->loop);

  turnos_server_disconnect (server);
  g_clear_object (&server);
  g_clear_object (&self->store);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

static void
embedded_free (TurnosEmbeddedServer *self)
{
  if (self->temp_dir != NULL)
    {
      g_autofree char *db = g_build_filename (self->temp_dir, "turnos.db", NULL);
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);

      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (self->temp_dir);
    }
  g_clear_object (&self->store);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->error);
  g_free (self->temp_dir);
  g_free (self->base_url);
  g_free (self->token);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}

TurnosEmbeddedServer *
turnos_embedded_server_start (const char  *database_uri,
                              gboolean     demo,
                              GError     **error)
{
  TurnosEmbeddedServer *self = g_new0 (TurnosEmbeddedServer, 1);
  g_autofree char *uri = NULL;

  g_return_val_if_fail (database_uri != NULL || demo, NULL);

  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->demo = demo;
  if (!turnos_password_init ())
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "libsodium cannot start");
      goto fail;
    }
  if (database_uri == NULL)
    {
      if (!(self->temp_dir = g_dir_make_tmp ("turnos-demo-XXXXXX", error)))
        goto fail;
      uri = g_strdup_printf ("sqlite://%s/turnos.db", self->temp_dir);
    }
  else
    uri = g_strdup (database_uri);

  /* The store is opened and seeded here, so its errors reach the caller directly; from then
   * on only the server thread touches it. */
  if (!(self->store = turnos_store_open (uri, error)))
    goto fail;
  if (demo)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (!turnos_demo_seed (self->store, now, error))
        goto fail;
    }

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("turnos-server", serve_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->started)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      g_thread_join (g_steal_pointer (&self->thread));
      goto fail;
    }
  return self;

fail:
  embedded_free (self);
  return NULL;
}

const char *
turnos_embedded_server_get_base_url (TurnosEmbeddedServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->base_url;
}

const char *
turnos_embedded_server_get_token (TurnosEmbeddedServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->token;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
turnos_embedded_server_stop (TurnosEmbeddedServer *self)
{
  g_return_if_fail (self != NULL);

  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (g_steal_pointer (&self->thread));
  embedded_free (self);
}
