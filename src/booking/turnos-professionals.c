/* turnos-professionals.c: the clinic's professionals, for the admin's list
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-professionals.h"

struct _TurnosProfessionals
{
  GObject       parent_instance;

  /* Owned references */
  TurnosClient *client;
  GListStore   *list;          /* of TurnosProfessional */
  GCancellable *cancellable;   /* the refresh in flight */
  GError       *error;

  gboolean      loading;
};

G_DEFINE_FINAL_TYPE (TurnosProfessionals, turnos_professionals, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PROFESSIONALS,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Callbacks
 */

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TurnosProfessionals) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = turnos_client_list_professionals_finish (TURNOS_CLIENT (object),
                                                                      result, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  if (self->error != NULL || error != NULL)
    {
      g_clear_error (&self->error);
      self->error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  if (list == NULL)
    return;
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (items, turnos_professional_new (g_ptr_array_index (list, i)));
  g_list_store_splice (self->list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->list)),
                       items->pdata, items->len);
}

/*
 * GObject overrides
 */

static void
turnos_professionals_dispose (GObject *object)
{
  TurnosProfessionals *self = TURNOS_PROFESSIONALS (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (turnos_professionals_parent_class)->dispose (object);
}

static void
turnos_professionals_finalize (GObject *object)
{
  TurnosProfessionals *self = TURNOS_PROFESSIONALS (object);

  g_clear_object (&self->client);
  g_clear_object (&self->list);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (turnos_professionals_parent_class)->finalize (object);
}

static void
turnos_professionals_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TurnosProfessionals *self = TURNOS_PROFESSIONALS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_PROFESSIONALS:
      g_value_set_object (value, self->list);
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
turnos_professionals_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TurnosProfessionals *self = TURNOS_PROFESSIONALS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_professionals_class_init (TurnosProfessionalsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = turnos_professionals_dispose;
  object_class->finalize = turnos_professionals_finalize;
  object_class->get_property = turnos_professionals_get_property;
  object_class->set_property = turnos_professionals_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFESSIONALS] =
    g_param_spec_object ("professionals", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
turnos_professionals_init (TurnosProfessionals *self)
{
  self->list = g_list_store_new (TURNOS_TYPE_PROFESSIONAL);
}

/*
 * Public API
 */

TurnosProfessionals *
turnos_professionals_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_PROFESSIONALS, "client", client, NULL);
}

TurnosClient *
turnos_professionals_get_client (TurnosProfessionals *self)
{
  g_return_val_if_fail (TURNOS_IS_PROFESSIONALS (self), NULL);
  return self->client;
}

GListModel *
turnos_professionals_get_list (TurnosProfessionals *self)
{
  g_return_val_if_fail (TURNOS_IS_PROFESSIONALS (self), NULL);
  return G_LIST_MODEL (self->list);
}

void
turnos_professionals_refresh (TurnosProfessionals *self)
{
  g_return_if_fail (TURNOS_IS_PROFESSIONALS (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (!self->loading)
    {
      self->loading = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  turnos_client_list_professionals_async (self->client, self->cancellable, listed_cb,
                                          g_object_ref (self));
}

TurnosProfessional *
turnos_professionals_find (TurnosProfessionals *self,
                           const char          *id)
{
  GListModel *model;

  g_return_val_if_fail (TURNOS_IS_PROFESSIONALS (self), NULL);

  model = G_LIST_MODEL (self->list);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TurnosProfessional) p = g_list_model_get_item (model, i);

      if (g_strcmp0 (turnos_professional_get_id (p), id) == 0)
        return p;   /* the store keeps its reference */
    }
  return NULL;
}
