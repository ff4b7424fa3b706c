/* turnos-reservations.c: one patient's reservations, as the "my reservations" page shows them
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-reservations.h"

struct _TurnosReservations
{
  GObject       parent_instance;

  /* Owned references */
  TurnosClient *client;
  GListStore   *items;
  GError       *error;
  GHashTable   *names;          /* professional id → display name */
  GCancellable *cancellable;

  char         *client_id;
  gboolean      loading;
  gboolean      may_override;   /* the desk's and the admin's: cancel past the notice */
};

G_DEFINE_FINAL_TYPE (TurnosReservations, turnos_reservations, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CLIENT_ID,
  PROP_ITEMS,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

enum {
  CANCELLED,
  FAILED,
  REASON_NEEDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_loading (TurnosReservations *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (TurnosReservations *self,
           const GError       *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* Same reservations in the same order: update in place; else replace the list. */
static void
apply (TurnosReservations *self,
       GPtrArray          *list)
{
  GListModel *model = G_LIST_MODEL (self->items);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) items = NULL;
  gboolean same = g_list_model_get_n_items (model) == list->len;

  for (guint i = 0; same && i < list->len; i++)
    {
      g_autoptr(TurnosReservationItem) item = g_list_model_get_item (model, i);

      same = g_strcmp0 (turnos_reservation_item_get_reservation (item)->id,
                        ((TurnosReservation *) list->pdata[i])->id) == 0;
    }
  if (same)
    {
      for (guint i = 0; i < list->len; i++)
        {
          g_autoptr(TurnosReservationItem) item = g_list_model_get_item (model, i);

          turnos_reservation_item_update (item, list->pdata[i], now);
        }
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < list->len; i++)
    {
      TurnosReservation *r = list->pdata[i];

      g_ptr_array_add (items, turnos_reservation_item_new (r, g_hash_table_lookup (self->names,
                                                                                  r->professional_id),
                                                           now));
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (model), items->pdata, items->len);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TurnosReservations) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = turnos_client_list_reservations_finish (TURNOS_CLIENT (object),
                                                                     result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  set_error (self, error);
  if (list != NULL)
    apply (self, list);
}

static void
professionals_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TurnosReservations) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = turnos_client_list_professionals_finish (TURNOS_CLIENT (object),
                                                                      result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      TurnosSettings *s = list->pdata[i];

      g_hash_table_replace (self->names, g_strdup (s->user_id), g_strdup (s->display_name));
    }
  /* Names first, then the list, so rows never show an id where a name belongs. */
  turnos_client_list_reservations_async (self->client, self->client_id, self->cancellable,
                                         list_cb, g_object_ref (self));
}

typedef struct
{
  TurnosReservations    *self;
  TurnosReservationItem *item;
} Cancel;

static void
cancel_free (Cancel *cancel)
{
  g_object_unref (cancel->self);
  g_object_unref (cancel->item);
  g_free (cancel);
}

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Cancel *cancel = user_data;
  TurnosReservations *self = cancel->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) r = NULL;

  if (g_async_result_is_tagged (result, turnos_client_cancel_reservation_with_reason_async))
    r = turnos_client_cancel_reservation_with_reason_finish (TURNOS_CLIENT (object), result, &error);
  else
    r = turnos_client_cancel_reservation_finish (TURNOS_CLIENT (object), result, &error);

  if (r != NULL)
    g_signal_emit (self, signals[CANCELLED], 0, r);
  else if (self->may_override &&
           g_strcmp0 (turnos_client_error_get_api_code (error), "too_late_to_cancel") == 0)
    g_signal_emit (self, signals[REASON_NEEDED], 0, cancel->item);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[FAILED], 0, error);
  /* Either way the list says what the server now holds. */
  turnos_reservations_refresh (self);
  cancel_free (cancel);
}

static Cancel *
cancel_new (TurnosReservations    *self,
            TurnosReservationItem *item)
{
  Cancel *cancel = g_new0 (Cancel, 1);

  cancel->self = g_object_ref (self);
  cancel->item = g_object_ref (item);
  return cancel;
}

static void
turnos_reservations_dispose (GObject *object)
{
  TurnosReservations *self = TURNOS_RESERVATIONS (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (turnos_reservations_parent_class)->dispose (object);
}

static void
turnos_reservations_finalize (GObject *object)
{
  TurnosReservations *self = TURNOS_RESERVATIONS (object);

  g_clear_object (&self->client);
  g_clear_object (&self->items);
  g_clear_error (&self->error);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_free (self->client_id);

  G_OBJECT_CLASS (turnos_reservations_parent_class)->finalize (object);
}

static void
turnos_reservations_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TurnosReservations *self = TURNOS_RESERVATIONS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
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
turnos_reservations_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TurnosReservations *self = TURNOS_RESERVATIONS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CLIENT_ID:
      turnos_reservations_set_client_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reservations_class_init (TurnosReservationsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = turnos_reservations_dispose;
  object_class->finalize = turnos_reservations_finalize;
  object_class->get_property = turnos_reservations_get_property;
  object_class->set_property = turnos_reservations_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ITEMS] = g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, TURNOS_TYPE_RESERVATION);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[REASON_NEEDED] = g_signal_new ("reason-needed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         TURNOS_TYPE_RESERVATION_ITEM);
}

static void
turnos_reservations_init (TurnosReservations *self)
{
  self->items = g_list_store_new (TURNOS_TYPE_RESERVATION_ITEM);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

TurnosReservations *
turnos_reservations_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_RESERVATIONS, "client", client, NULL);
}

void
turnos_reservations_set_client_id (TurnosReservations *self,
                                   const char         *client_id)
{
  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));

  if (g_strcmp0 (self->client_id, client_id) == 0)
    return;
  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
  g_list_store_remove_all (self->items);
}

const char *
turnos_reservations_get_client_id (TurnosReservations *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATIONS (self), NULL);
  return self->client_id;
}

GListModel *
turnos_reservations_get_items (TurnosReservations *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATIONS (self), NULL);
  return G_LIST_MODEL (self->items);
}

gboolean
turnos_reservations_get_loading (TurnosReservations *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATIONS (self), FALSE);
  return self->loading;
}

const GError *
turnos_reservations_get_error (TurnosReservations *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATIONS (self), NULL);
  return self->error;
}

void
turnos_reservations_refresh (TurnosReservations *self)
{
  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->client_id == NULL || *self->client_id == '\0')
    {
      g_list_store_remove_all (self->items);
      set_loading (self, FALSE);
      return;
    }
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  turnos_client_list_professionals_async (self->client, self->cancellable, professionals_cb,
                                          g_object_ref (self));
}

void
turnos_reservations_cancel (TurnosReservations    *self,
                            TurnosReservationItem *item)
{
  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));
  g_return_if_fail (TURNOS_IS_RESERVATION_ITEM (item));

  turnos_client_cancel_reservation_async (self->client,
                                          turnos_reservation_item_get_reservation (item)->id,
                                          NULL, cancel_cb, cancel_new (self, item));
}

void
turnos_reservations_set_may_override (TurnosReservations *self,
                                      gboolean            may_override)
{
  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));
  self->may_override = !!may_override;
}

void
turnos_reservations_cancel_with_reason (TurnosReservations    *self,
                                        TurnosReservationItem *item,
                                        const char            *reason)
{
  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));
  g_return_if_fail (TURNOS_IS_RESERVATION_ITEM (item));
  g_return_if_fail (reason != NULL && *reason != '\0');

  turnos_client_cancel_reservation_with_reason_async (self->client,
                                                      turnos_reservation_item_get_reservation (item)->id,
                                                      reason, NULL, cancel_cb,
                                                      cancel_new (self, item));
}
