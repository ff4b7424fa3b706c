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
#include "turnos-serve-thread.h"
#include "turnos-server.h"

struct _TurnosEmbeddedServer
{
  TurnosServeThread *serving;
  char              *token;      /* the in-memory admin token the app signs in with */
  char              *temp_dir;   /* the demo's scratch store, removed on stop */
};

static void
embedded_free (TurnosEmbeddedServer *self)
{
  g_clear_pointer (&self->serving, turnos_serve_thread_stop);
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
  g_free (self->temp_dir);
  g_free (self->token);
  g_free (self);
}

TurnosEmbeddedServer *
turnos_embedded_server_start (const char  *database_uri,
                              gboolean     demo,
                              GError     **error)
{
  TurnosEmbeddedServer *self = g_new0 (TurnosEmbeddedServer, 1);
  g_autoptr(TurnosStore) store = NULL;
  g_autoptr(TurnosServer) server = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (database_uri != NULL || demo, NULL);

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
   * on only the server's thread touches it. */
  if (!(store = turnos_store_open (uri, error)))
    goto fail;
  if (demo)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (!turnos_demo_seed (store, now, error))
        goto fail;
    }
  server = turnos_server_new (store);
  g_object_set (server, "log-requests", FALSE, NULL);
  turnos_server_set_sandbox_payments (server, demo);
  self->token = turnos_server_make_admin_token (server);
  /* Loopback only: the app is the one client. */
  if (!(self->serving = turnos_serve_thread_start (server, "127.0.0.1", 0, FALSE, error)))
    goto fail;
  return self;

fail:
  embedded_free (self);
  return NULL;
}

const char *
turnos_embedded_server_get_base_url (TurnosEmbeddedServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return turnos_serve_thread_get_base_url (self->serving);
}

const char *
turnos_embedded_server_get_token (TurnosEmbeddedServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->token;
}

void
turnos_embedded_server_stop (TurnosEmbeddedServer *self)
{
  g_return_if_fail (self != NULL);

  embedded_free (self);
}
