/* turnos-time-off.c: a professional's blocks (holidays, meetings): list, add, remove
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-time-off.h"

struct _TurnosBlockItem
{
  GObject      parent_instance;

  TurnosBlock *block;
};

G_DEFINE_FINAL_TYPE (TurnosBlockItem, turnos_block_item, G_TYPE_OBJECT)

static void
turnos_block_item_finalize (GObject *object)
{
  g_clear_pointer (&TURNOS_BLOCK_ITEM (object)->block, turnos_block_unref);
  G_OBJECT_CLASS (turnos_block_item_parent_class)->finalize (object);
}

static void
turnos_block_item_class_init (TurnosBlockItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = turnos_block_item_finalize;
}

static void
turnos_block_item_init (TurnosBlockItem *self)
{
}

TurnosBlock *
turnos_block_item_get_block (TurnosBlockItem *self)
{
  g_return_val_if_fail (TURNOS_IS_BLOCK_ITEM (self), NULL);
  return self->block;
}

struct _TurnosTimeOff
{
  GObject       parent_instance;

  TurnosClient *client;
  GListStore   *blocks;
  GError       *error;
  GCancellable *cancellable;
  char         *professional_id;
  gboolean      loading;
  gboolean      loaded;
};

G_DEFINE_FINAL_TYPE (TurnosTimeOff, turnos_time_off, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PROFESSIONAL_ID,
  PROP_BLOCKS,
  PROP_LOADING,
  PROP_LOADED,
  PROP_ERROR,
  N_PROPS
};

enum {
  CHANGED,
  ADDED,
  REMOVED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_loading (TurnosTimeOff *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_loaded (TurnosTimeOff *self,
            gboolean       loaded)
{
  if (self->loaded == loaded)
    return;
  self->loaded = loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
set_error (TurnosTimeOff *self,
           const GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TurnosTimeOff) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = turnos_client_list_blocks_finish (TURNOS_CLIENT (object), result, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_error (self, error);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      TurnosBlockItem *item = g_object_new (TURNOS_TYPE_BLOCK_ITEM, NULL);

      item->block = turnos_block_ref (list->pdata[i]);
      g_ptr_array_add (items, item);
    }
  if (list != NULL)
    g_list_store_splice (self->blocks, 0, g_list_model_get_n_items (G_LIST_MODEL (self->blocks)),
                         items->pdata, items->len);
  if (list != NULL)
    set_loaded (self, TRUE);
  set_loading (self, FALSE);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TurnosTimeOff) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosBlock) block = turnos_client_add_block_finish (TURNOS_CLIENT (object), result, &error);

  if (block != NULL)
    {
      g_signal_emit (self, signals[CHANGED], 0);
      g_signal_emit (self, signals[ADDED], 0, block);
    }
  else
    g_signal_emit (self, signals[FAILED], 0, error);
  turnos_time_off_refresh (self);
}

typedef struct
{
  TurnosTimeOff *self;
  TurnosBlock   *block;
} Removal;

static void
removal_free (Removal *removal)
{
  g_object_unref (removal->self);
  turnos_block_unref (removal->block);
  g_free (removal);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Removal, removal_free)

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Removal) removal = user_data;
  TurnosTimeOff *self = removal->self;
  g_autoptr(GError) error = NULL;

  if (turnos_client_remove_block_finish (TURNOS_CLIENT (object), result, &error))
    {
      g_signal_emit (self, signals[CHANGED], 0);
      g_signal_emit (self, signals[REMOVED], 0, removal->block);
    }
  else
    g_signal_emit (self, signals[FAILED], 0, error);
  turnos_time_off_refresh (self);
}

static void
turnos_time_off_dispose (GObject *object)
{
  TurnosTimeOff *self = TURNOS_TIME_OFF (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (turnos_time_off_parent_class)->dispose (object);
}

static void
turnos_time_off_finalize (GObject *object)
{
  TurnosTimeOff *self = TURNOS_TIME_OFF (object);

  g_clear_object (&self->client);
  g_clear_object (&self->blocks);
  g_clear_error (&self->error);
  g_free (self->professional_id);
  G_OBJECT_CLASS (turnos_time_off_parent_class)->finalize (object);
}

static void
turnos_time_off_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TurnosTimeOff *self = TURNOS_TIME_OFF (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_PROFESSIONAL_ID:
      g_value_set_string (value, self->professional_id);
      break;
    case PROP_BLOCKS:
      g_value_set_object (value, self->blocks);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_time_off_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TurnosTimeOff *self = TURNOS_TIME_OFF (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_PROFESSIONAL_ID:
      turnos_time_off_set_professional_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_time_off_class_init (TurnosTimeOffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = turnos_time_off_dispose;
  object_class->finalize = turnos_time_off_finalize;
  object_class->get_property = turnos_time_off_get_property;
  object_class->set_property = turnos_time_off_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFESSIONAL_ID] =
    g_param_spec_string ("professional-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BLOCKS] = g_param_spec_object ("blocks", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, TURNOS_TYPE_BLOCK);
  signals[REMOVED] = g_signal_new ("removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, TURNOS_TYPE_BLOCK);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
turnos_time_off_init (TurnosTimeOff *self)
{
  self->blocks = g_list_store_new (TURNOS_TYPE_BLOCK_ITEM);
}

TurnosTimeOff *
turnos_time_off_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_TIME_OFF, "client", client, NULL);
}

void
turnos_time_off_set_professional_id (TurnosTimeOff *self,
                                     const char    *professional_id)
{
  g_return_if_fail (TURNOS_IS_TIME_OFF (self));

  if (g_strcmp0 (self->professional_id, professional_id) == 0)
    return;
  g_free (self->professional_id);
  self->professional_id = g_strdup (professional_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFESSIONAL_ID]);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_list_store_remove_all (self->blocks);
  set_loading (self, FALSE);
  set_loaded (self, FALSE);
  set_error (self, NULL);
}

const char *
turnos_time_off_get_professional_id (TurnosTimeOff *self)
{
  g_return_val_if_fail (TURNOS_IS_TIME_OFF (self), NULL);
  return self->professional_id;
}

gboolean
turnos_time_off_get_loading (TurnosTimeOff *self)
{
  g_return_val_if_fail (TURNOS_IS_TIME_OFF (self), FALSE);
  return self->loading;
}

gboolean
turnos_time_off_get_loaded (TurnosTimeOff *self)
{
  g_return_val_if_fail (TURNOS_IS_TIME_OFF (self), FALSE);
  return self->loaded;
}

const GError *
turnos_time_off_get_error (TurnosTimeOff *self)
{
  g_return_val_if_fail (TURNOS_IS_TIME_OFF (self), NULL);
  return self->error;
}

GListModel *
turnos_time_off_get_blocks (TurnosTimeOff *self)
{
  g_return_val_if_fail (TURNOS_IS_TIME_OFF (self), NULL);
  return G_LIST_MODEL (self->blocks);
}

void
turnos_time_off_refresh (TurnosTimeOff *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  g_return_if_fail (TURNOS_IS_TIME_OFF (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->professional_id == NULL)
    return;
  /* From yesterday: a block that began yesterday may still run today in any zone. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_subtract_days (&today, 1);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  turnos_client_list_blocks_async (self->client, self->professional_id, &today, NULL,
                                   self->cancellable, list_cb, g_object_ref (self));
}

void
turnos_time_off_add (TurnosTimeOff *self,
                     GDateTime     *start,
                     GDateTime     *end,
                     const char    *reason)
{
  g_autoptr(TurnosBlock) block = turnos_block_new ();

  g_return_if_fail (TURNOS_IS_TIME_OFF (self));
  g_return_if_fail (start != NULL && end != NULL && self->professional_id != NULL);

  block->professional_id = g_strdup (self->professional_id);
  block->start = g_date_time_ref (start);
  block->end = g_date_time_ref (end);
  block->reason = g_strdup (reason);
  turnos_client_add_block_async (self->client, block, NULL, added_cb, g_object_ref (self));
}

void
turnos_time_off_remove (TurnosTimeOff   *self,
                        TurnosBlockItem *item)
{
  Removal *removal;

  g_return_if_fail (TURNOS_IS_TIME_OFF (self));
  g_return_if_fail (TURNOS_IS_BLOCK_ITEM (item));

  removal = g_new0 (Removal, 1);
  removal->self = g_object_ref (self);
  removal->block = turnos_block_ref (item->block);
  turnos_client_remove_block_async (self->client, self->professional_id, item->block->id, NULL,
                                    removed_cb, removal);
}
