/* turnos-audit-log.c: the audit trail, filtered and paged, for the admin
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-audit-log.h"

struct _TurnosAuditLog
{
  GObject       parent_instance;

  /* Owned references */
  TurnosClient *client;
  GListStore   *entries;       /* of TurnosAuditItem */
  GCancellable *cancellable;   /* the page in flight */
  GError       *error;
  char         *next_cursor;

  /* Filters */
  GDate        *since;
  char         *actor;
  char         *target;
  guint         page_size;

  guint         debounce_id;
  gboolean      loading;
  gboolean      has_more;
};

G_DEFINE_FINAL_TYPE (TurnosAuditLog, turnos_audit_log, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_SINCE,
  PROP_ACTOR,
  PROP_TARGET,
  PROP_PAGE_SIZE,
  PROP_ENTRIES,
  PROP_HAS_MORE,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fetch (TurnosAuditLog *self, gboolean more);

static void
set_flag (TurnosAuditLog *self,
          gboolean       *flag,
          gboolean        value,
          guint           prop_id)
{
  if (*flag == value)
    return;
  *flag = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_error (TurnosAuditLog *self,
           GError         *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/*
 * Callbacks
 */

typedef struct
{
  TurnosAuditLog *self;
  gboolean        more;   /* appends, rather than replaces */
} Fetch;

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autofree Fetch *fetch_data = user_data;
  g_autoptr(TurnosAuditLog) self = fetch_data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosAuditResult) page = turnos_client_list_audit_finish (TURNOS_CLIENT (object),
                                                                     result, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  /* Replaced by a later request: its answer is not ours to show. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_flag (self, &self->loading, FALSE, PROP_LOADING);
  if (page == NULL)
    {
      set_error (self, g_steal_pointer (&error));
      return;
    }
  set_error (self, NULL);
  /* The items take the records over. */
  g_ptr_array_set_free_func (page->records, NULL);
  for (guint i = 0; i < page->records->len; i++)
    g_ptr_array_add (items, turnos_audit_item_new (g_ptr_array_index (page->records, i)));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_list_store_splice (self->entries, fetch_data->more ? n : 0, fetch_data->more ? 0 : n,
                       items->pdata, items->len);
  g_free (self->next_cursor);
  self->next_cursor = g_steal_pointer (&page->next_cursor);
  set_flag (self, &self->has_more, self->next_cursor != NULL, PROP_HAS_MORE);
}

static gboolean
debounce_cb (gpointer user_data)
{
  TurnosAuditLog *self = user_data;

  self->debounce_id = 0;
  fetch (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* The first page (@more FALSE) or the next one. */
static void
fetch (TurnosAuditLog *self,
       gboolean        more)
{
  Fetch *fetch_data = g_new0 (Fetch, 1);

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_flag (self, &self->loading, TRUE, PROP_LOADING);
  fetch_data->self = g_object_ref (self);
  fetch_data->more = more;
  turnos_client_list_audit_async (self->client, self->since, self->actor, self->target,
                                  self->page_size, more ? self->next_cursor : NULL,
                                  self->cancellable, fetched_cb, fetch_data);
}

/* A filter changed: the first page again once typing pauses. */
static void
refetch_later (TurnosAuditLog *self)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  set_flag (self, &self->loading, TRUE, PROP_LOADING);
  self->debounce_id = g_timeout_add (TURNOS_AUDIT_LOG_DEBOUNCE_MS, debounce_cb, self);
  g_source_set_name_by_id (self->debounce_id, "[turnos-audit-log] debounce");
}

/*
 * GObject overrides
 */

static void
turnos_audit_log_dispose (GObject *object)
{
  TurnosAuditLog *self = TURNOS_AUDIT_LOG (object);

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (turnos_audit_log_parent_class)->dispose (object);
}

static void
turnos_audit_log_finalize (GObject *object)
{
  TurnosAuditLog *self = TURNOS_AUDIT_LOG (object);

  g_clear_object (&self->client);
  g_clear_object (&self->entries);
  g_clear_error (&self->error);
  g_free (self->next_cursor);
  g_clear_pointer (&self->since, g_date_free);
  g_free (self->actor);
  g_free (self->target);

  G_OBJECT_CLASS (turnos_audit_log_parent_class)->finalize (object);
}

static void
turnos_audit_log_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TurnosAuditLog *self = TURNOS_AUDIT_LOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_SINCE:
      g_value_set_boxed (value, self->since);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    case PROP_TARGET:
      g_value_set_string (value, self->target);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_ENTRIES:
      g_value_set_object (value, self->entries);
      break;
    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_audit_log_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TurnosAuditLog *self = TURNOS_AUDIT_LOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_SINCE:
      turnos_audit_log_set_since (self, g_value_get_boxed (value));
      break;
    case PROP_ACTOR:
      turnos_audit_log_set_actor (self, g_value_get_string (value));
      break;
    case PROP_TARGET:
      turnos_audit_log_set_target (self, g_value_get_string (value));
      break;
    case PROP_PAGE_SIZE:
      if (self->page_size != g_value_get_uint (value))
        {
          self->page_size = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_audit_log_class_init (TurnosAuditLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = turnos_audit_log_dispose;
  object_class->finalize = turnos_audit_log_finalize;
  object_class->get_property = turnos_audit_log_get_property;
  object_class->set_property = turnos_audit_log_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SINCE] = g_param_spec_boxed ("since", NULL, NULL, G_TYPE_DATE, rw);
  properties[PROP_ACTOR] = g_param_spec_string ("actor", NULL, NULL, NULL, rw);
  properties[PROP_TARGET] = g_param_spec_string ("target", NULL, NULL, NULL, rw);
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, 500, TURNOS_AUDIT_LOG_PAGE_SIZE, rw);
  properties[PROP_ENTRIES] = g_param_spec_object ("entries", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_HAS_MORE] = g_param_spec_boolean ("has-more", NULL, NULL, FALSE, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
turnos_audit_log_init (TurnosAuditLog *self)
{
  self->entries = g_list_store_new (TURNOS_TYPE_AUDIT_ITEM);
  self->page_size = TURNOS_AUDIT_LOG_PAGE_SIZE;
}

/*
 * Public API
 */

TurnosAuditLog *
turnos_audit_log_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_AUDIT_LOG, "client", client, NULL);
}

const GDate *
turnos_audit_log_get_since (TurnosAuditLog *self)
{
  g_return_val_if_fail (TURNOS_IS_AUDIT_LOG (self), NULL);
  return self->since;
}

void
turnos_audit_log_set_since (TurnosAuditLog *self,
                            const GDate    *since)
{
  g_return_if_fail (TURNOS_IS_AUDIT_LOG (self));
  g_return_if_fail (since == NULL || g_date_valid (since));

  if ((since == NULL && self->since == NULL) ||
      (since != NULL && self->since != NULL && g_date_compare (since, self->since) == 0))
    return;
  g_clear_pointer (&self->since, g_date_free);
  if (since != NULL)
    self->since = g_date_copy (since);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SINCE]);
  fetch (self, FALSE);
}

const char *
turnos_audit_log_get_actor (TurnosAuditLog *self)
{
  g_return_val_if_fail (TURNOS_IS_AUDIT_LOG (self), NULL);
  return self->actor;
}

/* "" is no filter, as NULL. */
static gboolean
set_filter (char       **field,
            const char  *value)
{
  g_autofree char *stripped = g_strstrip (g_strdup (value ? value : ""));
  char *wanted = *stripped != '\0' ? g_steal_pointer (&stripped) : NULL;

  if (g_strcmp0 (*field, wanted) == 0)
    {
      g_free (wanted);
      return FALSE;
    }
  g_free (*field);
  *field = wanted;
  return TRUE;
}

void
turnos_audit_log_set_actor (TurnosAuditLog *self,
                            const char     *actor)
{
  g_return_if_fail (TURNOS_IS_AUDIT_LOG (self));

  if (!set_filter (&self->actor, actor))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
  refetch_later (self);
}

const char *
turnos_audit_log_get_target (TurnosAuditLog *self)
{
  g_return_val_if_fail (TURNOS_IS_AUDIT_LOG (self), NULL);
  return self->target;
}

void
turnos_audit_log_set_target (TurnosAuditLog *self,
                             const char     *target)
{
  g_return_if_fail (TURNOS_IS_AUDIT_LOG (self));

  if (!set_filter (&self->target, target))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
  refetch_later (self);
}

GListModel *
turnos_audit_log_get_entries (TurnosAuditLog *self)
{
  g_return_val_if_fail (TURNOS_IS_AUDIT_LOG (self), NULL);
  return G_LIST_MODEL (self->entries);
}

gboolean
turnos_audit_log_get_has_more (TurnosAuditLog *self)
{
  g_return_val_if_fail (TURNOS_IS_AUDIT_LOG (self), FALSE);
  return self->has_more;
}

gboolean
turnos_audit_log_get_loading (TurnosAuditLog *self)
{
  g_return_val_if_fail (TURNOS_IS_AUDIT_LOG (self), FALSE);
  return self->loading;
}

void
turnos_audit_log_refresh (TurnosAuditLog *self)
{
  g_return_if_fail (TURNOS_IS_AUDIT_LOG (self));
  fetch (self, FALSE);
}

void
turnos_audit_log_load_more (TurnosAuditLog *self)
{
  g_return_if_fail (TURNOS_IS_AUDIT_LOG (self));

  if (!self->has_more || self->loading)
    return;
  fetch (self, TRUE);
}
