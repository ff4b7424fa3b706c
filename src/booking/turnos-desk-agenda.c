/* turnos-desk-agenda.c: the front desk's agenda of all professionals for one day
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-desk-agenda.h"
#include "turnos-live-follow.h"
#include "turnos-time.h"

struct _TurnosDeskAgenda
{
  GObject          parent_instance;

  /* Owned references */
  TurnosClient    *client;
  TurnosEvents    *events;
  GListStore      *professionals;  /* of TurnosProfessional */
  GListStore      *columns;        /* of TurnosDeskDay, in the same order */
  GError          *error;
  GCancellable    *cancellable;

  /* State */
  GDate            date;
  gboolean         loading;
  TurnosClockFunc  clock;
  gpointer         clock_data;
};

G_DEFINE_FINAL_TYPE (TurnosDeskAgenda, turnos_desk_agenda, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_EVENTS,
  PROP_DATE,
  PROP_PROFESSIONALS,
  PROP_COLUMNS,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Helpers
 */

static void
set_loading (TurnosDeskAgenda *self,
             gboolean          loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (TurnosDeskAgenda *self,
           const GError     *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/* The column of @professional_id, or NULL. (transfer full) */
static TurnosDeskDay *
find_column (TurnosDeskAgenda *self,
             const char       *professional_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->columns)); i++)
    {
      g_autoptr(TurnosDeskDay) column = g_list_model_get_item (G_LIST_MODEL (self->columns), i);
      g_autofree char *id = NULL;

      g_object_get (column, "professional-id", &id, NULL);
      if (g_strcmp0 (id, professional_id) == 0)
        return g_steal_pointer (&column);
    }
  return NULL;
}

static void
professionals_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TurnosDeskAgenda) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = turnos_client_list_professionals_finish (TURNOS_CLIENT (object),
                                                                      result, &error);
  g_autoptr(GPtrArray) professionals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
  set_error (self, error);
  if (list == NULL)
    return;
  for (guint i = 0; i < list->len; i++)
    {
      TurnosSettings *s = g_ptr_array_index (list, i);
      TurnosDeskDay *column = find_column (self, s->user_id);

      /* A professional already shown keeps its column, its entries and its following. */
      if (column == NULL)
        {
          column = turnos_desk_day_new (self->client);
          turnos_desk_day_set_professional_id (column, s->user_id);
          turnos_desk_day_set_date (column, &self->date);
          turnos_desk_day_follow_events (column, self->events);
        }
      g_ptr_array_add (professionals, turnos_professional_new (s));
      g_ptr_array_add (columns, column);
    }
  g_list_store_splice (self->professionals, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->professionals)),
                       professionals->pdata, professionals->len);
  g_list_store_splice (self->columns, 0, g_list_model_get_n_items (G_LIST_MODEL (self->columns)),
                       columns->pdata, columns->len);
}

static void
load_professionals (TurnosDeskAgenda *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  turnos_client_list_professionals_async (self->client, self->cancellable, professionals_cb,
                                          g_object_ref (self));
}

/*
 * Events: each column follows its own (turnos-live-follow.c); the agenda watches for
 * professionals it does not know, and for a resync
 */

static void
settings_cb (TurnosEvents     *events,
             const char       *professional_id,
             TurnosDeskAgenda *self)
{
  /* A new professional, or a new name: the list is asked again (the columns follow their
   * own professional's events). */
  load_professionals (self);
}

static void
resync_cb (TurnosEvents     *events,
           TurnosDeskAgenda *self)
{
  load_professionals (self);
}

/*
 * GObject overrides
 */

static void
turnos_desk_agenda_dispose (GObject *object)
{
  TurnosDeskAgenda *self = TURNOS_DESK_AGENDA (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->events != NULL)
    g_signal_handlers_disconnect_by_data (self->events, self);
  g_clear_object (&self->events);
  if (self->columns != NULL)
    g_list_store_remove_all (self->columns);

  G_OBJECT_CLASS (turnos_desk_agenda_parent_class)->dispose (object);
}

static void
turnos_desk_agenda_finalize (GObject *object)
{
  TurnosDeskAgenda *self = TURNOS_DESK_AGENDA (object);

  g_clear_object (&self->client);
  g_clear_object (&self->professionals);
  g_clear_object (&self->columns);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (turnos_desk_agenda_parent_class)->finalize (object);
}

static void
turnos_desk_agenda_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TurnosDeskAgenda *self = TURNOS_DESK_AGENDA (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_EVENTS:
      g_value_set_object (value, self->events);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, turnos_desk_agenda_get_date (self));
      break;
    case PROP_PROFESSIONALS:
      g_value_set_object (value, self->professionals);
      break;
    case PROP_COLUMNS:
      g_value_set_object (value, self->columns);
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
turnos_desk_agenda_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TurnosDeskAgenda *self = TURNOS_DESK_AGENDA (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_EVENTS:
      turnos_desk_agenda_set_events (self, g_value_get_object (value));
      break;
    case PROP_DATE:
      turnos_desk_agenda_set_date (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_desk_agenda_class_init (TurnosDeskAgendaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = turnos_desk_agenda_dispose;
  object_class->finalize = turnos_desk_agenda_finalize;
  object_class->get_property = turnos_desk_agenda_get_property;
  object_class->set_property = turnos_desk_agenda_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENTS] = g_param_spec_object ("events", NULL, NULL, TURNOS_TYPE_EVENTS, rw);
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE, rw);
  properties[PROP_PROFESSIONALS] =
    g_param_spec_object ("professionals", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_COLUMNS] = g_param_spec_object ("columns", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
turnos_desk_agenda_init (TurnosDeskAgenda *self)
{
  self->professionals = g_list_store_new (TURNOS_TYPE_PROFESSIONAL);
  self->columns = g_list_store_new (TURNOS_TYPE_DESK_DAY);
  g_date_clear (&self->date, 1);
}

/*
 * Public API
 */

TurnosDeskAgenda *
turnos_desk_agenda_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_DESK_AGENDA, "client", client, NULL);
}

void
turnos_desk_agenda_set_clock (TurnosDeskAgenda *self,
                              TurnosClockFunc   func,
                              gpointer          user_data)
{
  g_return_if_fail (TURNOS_IS_DESK_AGENDA (self));
  self->clock = func;
  self->clock_data = user_data;
}

void
turnos_desk_agenda_load (TurnosDeskAgenda *self)
{
  g_return_if_fail (TURNOS_IS_DESK_AGENDA (self));

  if (!g_date_valid (&self->date))
    turnos_desk_agenda_today (self);
  load_professionals (self);
}

void
turnos_desk_agenda_set_events (TurnosDeskAgenda *self,
                               TurnosEvents     *events)
{
  g_return_if_fail (TURNOS_IS_DESK_AGENDA (self));
  g_return_if_fail (events == NULL || TURNOS_IS_EVENTS (events));

  if (self->events == events)
    return;
  if (self->events != NULL)
    g_signal_handlers_disconnect_by_data (self->events, self);
  g_set_object (&self->events, events);
  if (events != NULL)
    {
      g_signal_connect (events, "settings", G_CALLBACK (settings_cb), self);
      g_signal_connect (events, "resync", G_CALLBACK (resync_cb), self);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->columns)); i++)
    {
      g_autoptr(TurnosDeskDay) column = g_list_model_get_item (G_LIST_MODEL (self->columns), i);

      turnos_desk_day_follow_events (column, events);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENTS]);
}

TurnosEvents *
turnos_desk_agenda_get_events (TurnosDeskAgenda *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_AGENDA (self), NULL);
  return self->events;
}

const GDate *
turnos_desk_agenda_get_date (TurnosDeskAgenda *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_AGENDA (self), NULL);
  return g_date_valid (&self->date) ? &self->date : NULL;
}

void
turnos_desk_agenda_set_date (TurnosDeskAgenda *self,
                             const GDate      *date)
{
  g_return_if_fail (TURNOS_IS_DESK_AGENDA (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  if (g_date_valid (&self->date) && g_date_compare (date, &self->date) == 0)
    return;
  self->date = *date;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->columns)); i++)
    {
      g_autoptr(TurnosDeskDay) column = g_list_model_get_item (G_LIST_MODEL (self->columns), i);

      turnos_desk_day_set_date (column, &self->date);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

void
turnos_desk_agenda_move (TurnosDeskAgenda *self,
                         int               days)
{
  GDate date;

  g_return_if_fail (TURNOS_IS_DESK_AGENDA (self));

  if (!g_date_valid (&self->date))
    turnos_desk_agenda_today (self);
  date = self->date;
  if (days > 0)
    g_date_add_days (&date, days);
  else if (days < 0)
    g_date_subtract_days (&date, -days);
  turnos_desk_agenda_set_date (self, &date);
}

void
turnos_desk_agenda_today (TurnosDeskAgenda *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;
  GDate today;

  g_return_if_fail (TURNOS_IS_DESK_AGENDA (self));

  now = self->clock ? self->clock (self->clock_data) : g_date_time_new_now_utc ();
  local = g_date_time_to_local (now);
  turnos_date_from_datetime (local, &today);
  turnos_desk_agenda_set_date (self, &today);
}

GListModel *
turnos_desk_agenda_get_professionals (TurnosDeskAgenda *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_AGENDA (self), NULL);
  return G_LIST_MODEL (self->professionals);
}

GListModel *
turnos_desk_agenda_get_columns (TurnosDeskAgenda *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_AGENDA (self), NULL);
  return G_LIST_MODEL (self->columns);
}

gboolean
turnos_desk_agenda_get_loading (TurnosDeskAgenda *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_AGENDA (self), FALSE);
  return self->loading;
}

const GError *
turnos_desk_agenda_get_error (TurnosDeskAgenda *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_AGENDA (self), NULL);
  return self->error;
}

void
turnos_desk_agenda_refresh (TurnosDeskAgenda *self)
{
  g_return_if_fail (TURNOS_IS_DESK_AGENDA (self));

  load_professionals (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->columns)); i++)
    {
      g_autoptr(TurnosDeskDay) column = g_list_model_get_item (G_LIST_MODEL (self->columns), i);

      turnos_desk_day_refresh (column);
    }
}
