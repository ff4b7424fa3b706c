/* turnos-desk-day.c: one professional's day as the front desk sees it
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-desk-day.h"
#include "turnos-time.h"

struct _TurnosDeskEntry
{
  GObject              parent_instance;

  TurnosDeskEntryKind  kind;
  GDateTime           *start;
  GDateTime           *end;
  char                *who;
  TurnosModality       modality;
  TurnosReservation   *reservation;   /* RESERVATION: the session itself */
};

G_DEFINE_FINAL_TYPE (TurnosDeskEntry, turnos_desk_entry, G_TYPE_OBJECT)

static void
turnos_desk_entry_finalize (GObject *object)
{
  TurnosDeskEntry *self = TURNOS_DESK_ENTRY (object);

  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  g_free (self->who);
  g_clear_pointer (&self->reservation, turnos_reservation_unref);
  G_OBJECT_CLASS (turnos_desk_entry_parent_class)->finalize (object);
}

static void
turnos_desk_entry_class_init (TurnosDeskEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = turnos_desk_entry_finalize;
}

static void
turnos_desk_entry_init (TurnosDeskEntry *self)
{
}

static TurnosDeskEntry *
entry_new (TurnosDeskEntryKind  kind,
           GDateTime           *start,
           GDateTime           *end,
           const char          *who,
           TurnosModality       modality)
{
  TurnosDeskEntry *self = g_object_new (TURNOS_TYPE_DESK_ENTRY, NULL);

  self->kind = kind;
  self->start = g_date_time_ref (start);
  self->end = g_date_time_ref (end);
  self->who = g_strdup (who);
  self->modality = modality;
  return self;
}

TurnosDeskEntryKind
turnos_desk_entry_get_kind (TurnosDeskEntry *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_ENTRY (self), TURNOS_DESK_ENTRY_FREE);
  return self->kind;
}

GDateTime *
turnos_desk_entry_get_start (TurnosDeskEntry *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_ENTRY (self), NULL);
  return self->start;
}

GDateTime *
turnos_desk_entry_get_end (TurnosDeskEntry *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_ENTRY (self), NULL);
  return self->end;
}

const char *
turnos_desk_entry_get_who (TurnosDeskEntry *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_ENTRY (self), NULL);
  return self->who;
}

TurnosModality
turnos_desk_entry_get_modality (TurnosDeskEntry *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_ENTRY (self), TURNOS_MODALITY_NONE);
  return self->modality;
}

TurnosReservation *
turnos_desk_entry_get_reservation (TurnosDeskEntry *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_ENTRY (self), NULL);
  return self->reservation;
}

struct _TurnosDeskDay
{
  GObject       parent_instance;

  TurnosClient *client;
  GListStore   *entries;
  GCancellable *cancellable;
  GError       *error;
  char         *professional_id;
  GDate         date;
  gboolean      loading;
};

G_DEFINE_FINAL_TYPE (TurnosDeskDay, turnos_desk_day, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PROFESSIONAL_ID,
  PROP_ENTRIES,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_loading (TurnosDeskDay *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (TurnosDeskDay *self,
           const GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  return g_date_time_compare (TURNOS_DESK_ENTRY (*(gpointer *) a)->start,
                              TURNOS_DESK_ENTRY (*(gpointer *) b)->start);
}

/* One day asked for: its callback drops the answer when the request is no longer current. */
typedef struct
{
  TurnosDeskDay *self;          /* owned */
  GCancellable  *cancellable;   /* owned */
} DayRequest;

static void
day_request_free (DayRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DayRequest, day_request_free)

static void
day_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(DayRequest) request = user_data;
  TurnosDeskDay *self = request->self;
  GCancellable *cancellable = request->cancellable;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosDayAgenda) agenda = turnos_client_get_day_finish (TURNOS_CLIENT (object), result, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* Drop any answer, success or failure, for a day or professional no longer shown: its
   * request was cancelled when the choice moved (turnos_desk_day_refresh()). */
  if (cancellable != self->cancellable || g_cancellable_is_cancelled (cancellable))
    return;
  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
  set_error (self, error);
  if (agenda == NULL)
    {
      g_list_store_remove_all (self->entries);
      return;
    }
  for (guint i = 0; i < agenda->reservations->len; i++)
    {
      TurnosReservation *r = agenda->reservations->pdata[i];
      TurnosDeskEntry *entry = entry_new (TURNOS_DESK_ENTRY_RESERVATION, r->start, r->end,
                                          r->client_id, r->modality);

      entry->reservation = turnos_reservation_ref (r);
      g_ptr_array_add (items, entry);
    }
  for (guint i = 0; i < agenda->availability->blocked->len; i++)
    {
      TurnosBlock *b = agenda->availability->blocked->pdata[i];

      g_ptr_array_add (items, entry_new (TURNOS_DESK_ENTRY_BLOCK, b->start, b->end, b->reason,
                                         TURNOS_MODALITY_NONE));
    }
  for (guint i = 0; i < agenda->availability->slots->len; i++)
    {
      TurnosInterval *iv = &g_array_index (agenda->availability->slots, TurnosInterval, i);

      g_ptr_array_add (items, entry_new (TURNOS_DESK_ENTRY_FREE, iv->start, iv->end, NULL,
                                         TURNOS_MODALITY_NONE));
    }
  g_ptr_array_sort (items, compare_entries);
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       items->pdata, items->len);
}

static void
turnos_desk_day_dispose (GObject *object)
{
  TurnosDeskDay *self = TURNOS_DESK_DAY (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (turnos_desk_day_parent_class)->dispose (object);
}

static void
turnos_desk_day_finalize (GObject *object)
{
  TurnosDeskDay *self = TURNOS_DESK_DAY (object);

  g_clear_object (&self->client);
  g_clear_object (&self->entries);
  g_clear_error (&self->error);
  g_free (self->professional_id);
  G_OBJECT_CLASS (turnos_desk_day_parent_class)->finalize (object);
}

static void
turnos_desk_day_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TurnosDeskDay *self = TURNOS_DESK_DAY (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_PROFESSIONAL_ID:
      g_value_set_string (value, self->professional_id);
      break;
    case PROP_ENTRIES:
      g_value_set_object (value, self->entries);
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
turnos_desk_day_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TurnosDeskDay *self = TURNOS_DESK_DAY (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_PROFESSIONAL_ID:
      turnos_desk_day_set_professional_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_desk_day_class_init (TurnosDeskDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = turnos_desk_day_dispose;
  object_class->finalize = turnos_desk_day_finalize;
  object_class->get_property = turnos_desk_day_get_property;
  object_class->set_property = turnos_desk_day_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFESSIONAL_ID] =
    g_param_spec_string ("professional-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENTRIES] = g_param_spec_object ("entries", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
turnos_desk_day_init (TurnosDeskDay *self)
{
  self->entries = g_list_store_new (TURNOS_TYPE_DESK_ENTRY);
  g_date_clear (&self->date, 1);
}

TurnosDeskDay *
turnos_desk_day_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_DESK_DAY, "client", client, NULL);
}

void
turnos_desk_day_set_professional_id (TurnosDeskDay *self,
                                     const char    *professional_id)
{
  g_return_if_fail (TURNOS_IS_DESK_DAY (self));

  if (g_strcmp0 (self->professional_id, professional_id) == 0)
    return;
  g_free (self->professional_id);
  self->professional_id = g_strdup (professional_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFESSIONAL_ID]);
  turnos_desk_day_refresh (self);
}

void
turnos_desk_day_set_date (TurnosDeskDay *self,
                          const GDate   *date)
{
  g_return_if_fail (TURNOS_IS_DESK_DAY (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  self->date = *date;
  turnos_desk_day_refresh (self);
}

const GDate *
turnos_desk_day_get_date (TurnosDeskDay *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_DAY (self), NULL);
  return g_date_valid (&self->date) ? &self->date : NULL;
}

GListModel *
turnos_desk_day_get_entries (TurnosDeskDay *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_DAY (self), NULL);
  return G_LIST_MODEL (self->entries);
}

const char *
turnos_desk_day_get_professional_id (TurnosDeskDay *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_DAY (self), NULL);
  return self->professional_id;
}

const GError *
turnos_desk_day_get_error (TurnosDeskDay *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_DAY (self), NULL);
  return self->error;
}

gboolean
turnos_desk_day_get_loading (TurnosDeskDay *self)
{
  g_return_val_if_fail (TURNOS_IS_DESK_DAY (self), FALSE);
  return self->loading;
}

void
turnos_desk_day_refresh (TurnosDeskDay *self)
{
  DayRequest *request;

  g_return_if_fail (TURNOS_IS_DESK_DAY (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->professional_id == NULL || !g_date_valid (&self->date))
    {
      set_loading (self, FALSE);
      return;
    }
  request = g_new0 (DayRequest, 1);
  request->self = g_object_ref (self);
  request->cancellable = g_cancellable_new ();
  self->cancellable = g_object_ref (request->cancellable);
  set_loading (self, TRUE);
  turnos_client_get_day_async (self->client, self->professional_id, &self->date,
                               request->cancellable, day_cb, request);
}
