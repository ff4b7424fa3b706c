/* turnos-keyring.c: the sign-in token kept in the desktop's keyring, never with a prompt
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include <libsecret/secret.h>
#include <string.h>

#include "turnos-keyring.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    APP_ID, SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

typedef struct
{
  char          *server;
  char          *user;
  char          *token;
  SecretService *service;
  guint          pending;   /* deletions still running */
} Op;

static void
op_free (Op *op)
{
  g_free (op->server);
  g_free (op->user);
  if (op->token != NULL)
    {
      memset (op->token, 0, strlen (op->token));
      g_free (op->token);
    }
  g_clear_object (&op->service);
  g_free (op);
}

static GTask *
op_task (const char          *server,
         const char          *user,
         const char          *token,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data,
         gpointer             source_tag)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  op->server = g_strdup (server);
  op->user = g_strdup (user);
  op->token = g_strdup (token);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  return task;
}

static GHashTable *
attributes (Op *op)
{
  GHashTable *attrs = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attrs, "server", op->server);
  if (op->user != NULL)
    g_hash_table_insert (attrs, "user", op->user);
  return attrs;
}

/* The Secret Service, or NULL with the task already returned (@unavailable is what to say). */
static SecretService *
service_or_return (GTask        *task,
                   GAsyncResult *result,
                   gboolean      unavailable_ok)
{
  g_autoptr(GError) error = NULL;
  SecretService *service = secret_service_get_finish (result, &error);

  if (service != NULL)
    return service;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    {
      g_debug ("no Secret Service: %s", error->message);
      if (unavailable_ok)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                 "no Secret Service on the session bus: %s", error->message);
    }
  return NULL;
}

/*
 * Storing
 */

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretItem) item = secret_item_create_finish (result, &error);

  if (item == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
default_collection_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretCollection) collection = secret_collection_for_alias_finish (result, &error);
  g_autoptr(GHashTable) attrs = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autofree char *label = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Creating a collection or unlocking one would prompt: never. */
  if (collection == NULL || secret_collection_get_locked (collection))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               "the keyring's default collection is %s",
                               collection == NULL ? "missing" : "locked");
      return;
    }
  attrs = attributes (op);
  value = secret_value_new (op->token, -1, "text/plain");
  /* Not translated: the label is seen in a keyring manager, the same for everyone. */
  label = g_strdup_printf ("Turnos sign-in for %s at %s", op->user, op->server);
  secret_item_create (collection, token_schema (), attrs, label, value,
                      SECRET_ITEM_CREATE_REPLACE, g_task_get_cancellable (task), created_cb,
                      g_object_ref (task));
}

static void
store_service_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);

  if (!(op->service = service_or_return (task, result, FALSE)))
    return;
  secret_collection_for_alias (op->service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                               g_task_get_cancellable (task), default_collection_cb,
                               g_object_ref (task));
}

void
turnos_keyring_store_async (const char          *server,
                            const char          *user,
                            const char          *token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (server != NULL && user != NULL && token != NULL);

  task = op_task (server, user, token, cancellable, callback, user_data, turnos_keyring_store_async);
  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable, store_service_cb,
                      g_steal_pointer (&task));
}

gboolean
turnos_keyring_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/*
 * Looking up
 */

typedef struct
{
  char *user;
  char *token;
} Found;

static void
found_free (Found *found)
{
  g_free (found->user);
  if (found->token != NULL)
    {
      memset (found->token, 0, strlen (found->token));
      g_free (found->token);
    }
  g_free (found);
}

static void
lookup_search_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items = secret_service_search_finish (SECRET_SERVICE (object), result, &error);
  Found *found = g_new0 (Found, 1);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      found_free (found);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    g_debug ("keyring search: %s", error->message);
  for (GList *l = items; l != NULL && found->token == NULL; l = l->next)
    {
      SecretItem *item = l->data;
      g_autoptr(SecretValue) value = NULL;
      g_autoptr(GHashTable) attrs = NULL;
      const char *user;

      if (secret_item_get_locked (item) || !(value = secret_item_get_secret (item)))
        continue;
      attrs = secret_item_get_attributes (item);
      user = g_hash_table_lookup (attrs, "user");
      if (user == NULL || secret_value_get_text (value) == NULL)
        continue;
      found->user = g_strdup (user);
      found->token = g_strdup (secret_value_get_text (value));
    }
  g_list_free_full (items, g_object_unref);
  g_task_return_pointer (task, found, (GDestroyNotify) found_free);
}

static void
lookup_service_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) attrs = NULL;
  g_autoptr(GError) error = NULL;

  op->service = secret_service_get_finish (result, &error);
  if (op->service == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, g_new0 (Found, 1), (GDestroyNotify) found_free);
      return;
    }
  attrs = attributes (op);
  /* No SECRET_SEARCH_UNLOCK: a locked item stays locked, and unread. */
  secret_service_search (op->service, token_schema (), attrs,
                         SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS,
                         g_task_get_cancellable (task), lookup_search_cb, g_object_ref (task));
}

void
turnos_keyring_lookup_async (const char          *server,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (server != NULL);

  task = op_task (server, NULL, NULL, cancellable, callback, user_data, turnos_keyring_lookup_async);
  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable, lookup_service_cb,
                      g_steal_pointer (&task));
}

gboolean
turnos_keyring_lookup_finish (GAsyncResult  *result,
                              char         **user,
                              char         **token,
                              GError       **error)
{
  Found *found;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (user != NULL && token != NULL, FALSE);

  *user = *token = NULL;
  if (!(found = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;
  *user = g_steal_pointer (&found->user);
  *token = g_steal_pointer (&found->token);
  found_free (found);
  return TRUE;
}

/*
 * Clearing
 */

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!secret_item_delete_finish (SECRET_ITEM (object), result, &error))
    g_debug ("keyring delete: %s", error->message);
  if (--op->pending == 0)
    g_task_return_boolean (task, TRUE);
}

static void
clear_search_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *items = secret_service_search_finish (SECRET_SERVICE (object), result, &error);

  if (error != NULL)
    g_debug ("keyring search: %s", error->message);
  op->pending = 1;
  for (GList *l = items; l != NULL; l = l->next)
    if (!secret_item_get_locked (l->data))
      {
        op->pending++;
        secret_item_delete (l->data, NULL, deleted_cb, g_object_ref (task));
      }
  g_list_free_full (items, g_object_unref);
  if (--op->pending == 0)
    g_task_return_boolean (task, TRUE);
}

static void
clear_service_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(GHashTable) attrs = NULL;

  if (!(op->service = service_or_return (task, result, TRUE)))
    return;
  attrs = attributes (op);
  secret_service_search (op->service, token_schema (), attrs, SECRET_SEARCH_ALL,
                         g_task_get_cancellable (task), clear_search_cb, g_object_ref (task));
}

void
turnos_keyring_clear_async (const char          *server,
                            const char          *user,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (server != NULL);

  task = op_task (server, user, NULL, cancellable, callback, user_data, turnos_keyring_clear_async);
  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable, clear_service_cb,
                      g_steal_pointer (&task));
}

gboolean
turnos_keyring_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
