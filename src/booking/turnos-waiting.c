/* turnos-waiting.c: who waits for time to free up, and the offers when it does
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-patient-names.h"
#include "turnos-waiting.h"

/*
 * One entry
 */

struct _TurnosWaitingItem
{
  GObject              parent_instance;

  TurnosWaitlistEntry *entry;
  char                *patient_name;   /* never NULL once listed: the name, or the id */
};

G_DEFINE_FINAL_TYPE (TurnosWaitingItem, turnos_waiting_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ENTRY,
  ITEM_PROP_OFFERED,
  ITEM_PROP_PATIENT_NAME,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
turnos_waiting_item_finalize (GObject *object)
{
  g_clear_pointer (&TURNOS_WAITING_ITEM (object)->entry, turnos_waitlist_entry_unref);
  g_clear_pointer (&TURNOS_WAITING_ITEM (object)->patient_name, g_free);
  G_OBJECT_CLASS (turnos_waiting_item_parent_class)->finalize (object);
}

static void
turnos_waiting_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TurnosWaitingItem *self = TURNOS_WAITING_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ENTRY:
      g_value_set_boxed (value, self->entry);
      break;
    case ITEM_PROP_OFFERED:
      g_value_set_boolean (value, self->entry->offered_time != NULL);
      break;
    case ITEM_PROP_PATIENT_NAME:
      g_value_set_string (value, turnos_waiting_item_get_patient_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_waiting_item_class_init (TurnosWaitingItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = turnos_waiting_item_finalize;
  object_class->get_property = turnos_waiting_item_get_property;
  item_properties[ITEM_PROP_ENTRY] =
    g_param_spec_boxed ("entry", NULL, NULL, TURNOS_TYPE_WAITLIST_ENTRY, ro);
  item_properties[ITEM_PROP_OFFERED] = g_param_spec_boolean ("offered", NULL, NULL, FALSE, ro);
  item_properties[ITEM_PROP_PATIENT_NAME] =
    g_param_spec_string ("patient-name", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
turnos_waiting_item_init (TurnosWaitingItem *self)
{
}

TurnosWaitlistEntry *
turnos_waiting_item_get_entry (TurnosWaitingItem *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITING_ITEM (self), NULL);
  return self->entry;
}

gboolean
turnos_waiting_item_get_offered (TurnosWaitingItem *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITING_ITEM (self), FALSE);
  return self->entry->offered_time != NULL;
}

const char *
turnos_waiting_item_get_patient_name (TurnosWaitingItem *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITING_ITEM (self), NULL);
  return self->patient_name ? self->patient_name : self->entry->client_id;
}

/* Names @item's patient as @patients has them: the display name once read; the id when it
 * could not be read (or has no name). While it is still asked for, a name already shown
 * stays (a resync does not flash the ids back). */
static void
item_name (TurnosWaitingItem  *item,
           TurnosPatientNames *patients)
{
  const char *id = item->entry->client_id;
  TurnosPerson *p = patients ? turnos_patient_names_lookup (patients, id) : NULL;
  const char *name;

  if (p != NULL && p->display_name != NULL && *p->display_name != '\0')
    name = p->display_name;
  else if (patients != NULL && !turnos_patient_names_is_known (patients, id) && item->patient_name != NULL)
    return;
  else
    name = id;
  if (g_strcmp0 (item->patient_name, name) == 0)
    return;
  g_free (item->patient_name);
  item->patient_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_PATIENT_NAME]);
}

/* Takes the place of @item's entry with @entry, notifying what moved. */
static void
item_update (TurnosWaitingItem   *item,
             TurnosWaitlistEntry *entry)
{
  gboolean was_offered = item->entry->offered_time != NULL;
  gboolean moved = (item->entry->offered_time == NULL) != (entry->offered_time == NULL) ||
                   (entry->offered_time != NULL &&
                    !g_date_time_equal (entry->offered_time, item->entry->offered_time));

  if (!moved)
    return;
  g_clear_pointer (&item->entry, turnos_waitlist_entry_unref);
  item->entry = turnos_waitlist_entry_ref (entry);
  g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_ENTRY]);
  if (was_offered != (entry->offered_time != NULL))
    g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_OFFERED]);
}

/*
 * The list
 */

struct _TurnosWaiting
{
  GObject       parent_instance;

  /* Owned references */
  TurnosClient       *client;
  TurnosEvents       *events;
  TurnosPatientNames *patients;
  GListStore         *items;
  GError             *error;
  GPtrArray          *gathering;   /* of TurnosWaitlistEntry: the pages of the answer so far */

  /* Filters */
  char               *professional_id;
  char               *client_id;
  GDate               date;

  /* State */
  gboolean            loading;
  GCancellable       *list_cancellable;
  GCancellable       *action_cancellable;
};

G_DEFINE_FINAL_TYPE (TurnosWaiting, turnos_waiting, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PROFESSIONAL_ID,
  PROP_DATE,
  PROP_CLIENT_ID,
  PROP_ITEMS,
  PROP_LOADING,
  PROP_ERROR,
  PROP_EVENTS,
  PROP_PATIENTS,
  N_PROPS
};

enum {
  OFFER,
  JOINED,
  LEFT,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The most pages one refresh reads: a day's waitlist is a few names. */
#define PAGE_SIZE 100

static void request_page (TurnosWaiting *self, const char *cursor);

static void
cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

static void
set_loading (TurnosWaiting *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_error (TurnosWaiting *self,
           const GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static gboolean
has_filter (TurnosWaiting *self)
{
  return self->professional_id != NULL || self->client_id != NULL;
}

/* The answer, all pages in: entries still listed keep their items (a view keeps its rows). */
static void
apply (TurnosWaiting *self,
       GPtrArray     *entries)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = G_LIST_MODEL (self->items);

  for (guint i = 0; i < entries->len; i++)
    {
      TurnosWaitlistEntry *entry = g_ptr_array_index (entries, i);
      TurnosWaitingItem *item = NULL;

      for (guint j = 0; j < g_list_model_get_n_items (model) && item == NULL; j++)
        {
          g_autoptr(TurnosWaitingItem) old = g_list_model_get_item (model, j);

          if (g_strcmp0 (old->entry->id, entry->id) == 0)
            item = g_object_ref (old);
        }
      if (item != NULL)
        item_update (item, entry);
      else
        {
          item = g_object_new (TURNOS_TYPE_WAITING_ITEM, NULL);
          item->entry = turnos_waitlist_entry_ref (entry);
        }
      item_name (item, self->patients);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (model), items->pdata, items->len);
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TurnosWaiting) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosWaitlistPage) page = turnos_client_list_waitlist_finish (TURNOS_CLIENT (object),
                                                                          result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_error (self, error);
  if (page == NULL)
    {
      g_clear_pointer (&self->gathering, g_ptr_array_unref);
      g_clear_object (&self->list_cancellable);
      set_loading (self, FALSE);
      return;
    }
  g_ptr_array_extend_and_steal (self->gathering, g_steal_pointer (&page->entries));
  if (page->next_cursor != NULL)
    {
      request_page (self, page->next_cursor);
      return;
    }
  apply (self, self->gathering);
  g_clear_pointer (&self->gathering, g_ptr_array_unref);
  g_clear_object (&self->list_cancellable);
  set_loading (self, FALSE);
}

static void
request_page (TurnosWaiting *self,
              const char    *cursor)
{
  turnos_client_list_waitlist_async (self->client, self->professional_id,
                                     g_date_valid (&self->date) ? &self->date : NULL,
                                     self->client_id, PAGE_SIZE, cursor, self->list_cancellable,
                                     page_cb, g_object_ref (self));
}

typedef struct
{
  TurnosWaiting       *self;
  TurnosWaitlistEntry *entry;   /* leaving: the entry */
} Action;

static void
action_free (Action *action)
{
  g_object_unref (action->self);
  g_clear_pointer (&action->entry, turnos_waitlist_entry_unref);
  g_free (action);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Action, action_free)

static void
joined_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TurnosWaiting) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosWaitlistEntry) entry = turnos_client_join_waitlist_finish (TURNOS_CLIENT (object),
                                                                            result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entry != NULL)
    g_signal_emit (self, signals[JOINED], 0, entry);
  else
    g_signal_emit (self, signals[FAILED], 0, error);
  turnos_waiting_refresh (self);
}

static void
left_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Action) action = user_data;
  g_autoptr(GError) error = NULL;

  if (turnos_client_leave_waitlist_finish (TURNOS_CLIENT (object), result, &error))
    g_signal_emit (action->self, signals[LEFT], 0, action->entry);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    g_signal_emit (action->self, signals[FAILED], 0, error);
  turnos_waiting_refresh (action->self);
}

/*
 * Live events
 */

static void
on_availability_cb (TurnosEvents  *events,
                    const char    *professional_id,
                    const GDate   *first,
                    const GDate   *last,
                    TurnosWaiting *self)
{
  /* A patient's own list spans every day; the desk's is one professional's day. */
  if (self->professional_id != NULL && g_strcmp0 (professional_id, self->professional_id) != 0)
    return;
  if (g_date_valid (&self->date) && !turnos_events_range_has_date (first, last, &self->date))
    return;
  turnos_waiting_refresh (self);
}

static void
on_offer_cb (TurnosEvents  *events,
             const char    *professional_id,
             const GDate   *date,
             const char    *start_time,
             TurnosWaiting *self)
{
  turnos_waiting_refresh (self);
  g_signal_emit (self, signals[OFFER], 0, professional_id, date, start_time);
}

static void
on_resync_cb (TurnosEvents  *events,
              TurnosWaiting *self)
{
  /* Names may have changed meanwhile too: asked for again as the list comes in. */
  if (self->patients != NULL)
    turnos_patient_names_forget (self->patients);
  turnos_waiting_refresh (self);
}

/* A patient was just read (or could not be): the items of that patient say so. */
static void
on_patient_changed_cb (TurnosPatientNames *patients,
                       const char         *id,
                       TurnosWaiting      *self)
{
  GListModel *model = G_LIST_MODEL (self->items);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TurnosWaitingItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (item->entry->client_id, id) == 0)
        item_name (item, patients);
    }
}

/*
 * GObject overrides
 */

static void
turnos_waiting_dispose (GObject *object)
{
  TurnosWaiting *self = TURNOS_WAITING (object);

  cancel (&self->list_cancellable);
  cancel (&self->action_cancellable);
  turnos_waiting_set_events (self, NULL);
  if (self->patients != NULL)
    g_signal_handlers_disconnect_by_data (self->patients, self);
  g_clear_object (&self->patients);
  G_OBJECT_CLASS (turnos_waiting_parent_class)->dispose (object);
}

static void
turnos_waiting_finalize (GObject *object)
{
  TurnosWaiting *self = TURNOS_WAITING (object);

  g_clear_object (&self->client);
  g_clear_object (&self->items);
  g_clear_error (&self->error);
  g_clear_pointer (&self->gathering, g_ptr_array_unref);
  g_free (self->professional_id);
  g_free (self->client_id);
  G_OBJECT_CLASS (turnos_waiting_parent_class)->finalize (object);
}

static void
turnos_waiting_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TurnosWaiting *self = TURNOS_WAITING (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_PROFESSIONAL_ID:
      g_value_set_string (value, self->professional_id);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, g_date_valid (&self->date) ? &self->date : NULL);
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
    case PROP_EVENTS:
      g_value_set_object (value, self->events);
      break;
    case PROP_PATIENTS:
      g_value_set_object (value, self->patients);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_waiting_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TurnosWaiting *self = TURNOS_WAITING (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_PROFESSIONAL_ID:
      turnos_waiting_set_professional_id (self, g_value_get_string (value));
      break;
    case PROP_DATE:
      turnos_waiting_set_date (self, g_value_get_boxed (value));
      break;
    case PROP_CLIENT_ID:
      turnos_waiting_set_client_id (self, g_value_get_string (value));
      break;
    case PROP_EVENTS:
      turnos_waiting_set_events (self, g_value_get_object (value));
      break;
    case PROP_PATIENTS:
      turnos_waiting_set_patients (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_waiting_class_init (TurnosWaitingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GType text = G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE;

  object_class->dispose = turnos_waiting_dispose;
  object_class->finalize = turnos_waiting_finalize;
  object_class->get_property = turnos_waiting_get_property;
  object_class->set_property = turnos_waiting_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFESSIONAL_ID] = g_param_spec_string ("professional-id", NULL, NULL, NULL, rw);
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE, rw);
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, rw);
  properties[PROP_ITEMS] = g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_EVENTS] = g_param_spec_object ("events", NULL, NULL, TURNOS_TYPE_EVENTS, rw);
  properties[PROP_PATIENTS] =
    g_param_spec_object ("patients", NULL, NULL, TURNOS_TYPE_PATIENT_NAMES, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OFFER] = g_signal_new ("offer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 3, text,
                                 G_TYPE_DATE | G_SIGNAL_TYPE_STATIC_SCOPE, text);
  signals[JOINED] = g_signal_new ("joined", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, TURNOS_TYPE_WAITLIST_ENTRY);
  signals[LEFT] = g_signal_new ("left", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 1, TURNOS_TYPE_WAITLIST_ENTRY);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
turnos_waiting_init (TurnosWaiting *self)
{
  self->items = g_list_store_new (TURNOS_TYPE_WAITING_ITEM);
  g_date_clear (&self->date, 1);
}

/*
 * Public API
 */

TurnosWaiting *
turnos_waiting_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_WAITING, "client", client, NULL);
}

void
turnos_waiting_set_professional_id (TurnosWaiting *self,
                                    const char    *professional_id)
{
  g_return_if_fail (TURNOS_IS_WAITING (self));

  if (g_strcmp0 (self->professional_id, professional_id) == 0)
    return;
  g_free (self->professional_id);
  self->professional_id = g_strdup (professional_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFESSIONAL_ID]);
  g_list_store_remove_all (self->items);
  turnos_waiting_refresh (self);
}

const char *
turnos_waiting_get_professional_id (TurnosWaiting *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITING (self), NULL);
  return self->professional_id;
}

void
turnos_waiting_set_date (TurnosWaiting *self,
                         const GDate   *date)
{
  g_return_if_fail (TURNOS_IS_WAITING (self));

  if (date != NULL && g_date_valid (date))
    {
      if (g_date_valid (&self->date) && g_date_compare (&self->date, date) == 0)
        return;
      self->date = *date;
    }
  else
    {
      if (!g_date_valid (&self->date))
        return;
      g_date_clear (&self->date, 1);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
  g_list_store_remove_all (self->items);
  turnos_waiting_refresh (self);
}

const GDate *
turnos_waiting_get_date (TurnosWaiting *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITING (self), NULL);
  return g_date_valid (&self->date) ? &self->date : NULL;
}

void
turnos_waiting_set_client_id (TurnosWaiting *self,
                              const char    *client_id)
{
  g_return_if_fail (TURNOS_IS_WAITING (self));

  if (g_strcmp0 (self->client_id, client_id) == 0)
    return;
  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
  g_list_store_remove_all (self->items);
  turnos_waiting_refresh (self);
}

const char *
turnos_waiting_get_client_id (TurnosWaiting *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITING (self), NULL);
  return self->client_id;
}

GListModel *
turnos_waiting_get_items (TurnosWaiting *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITING (self), NULL);
  return G_LIST_MODEL (self->items);
}

gboolean
turnos_waiting_get_loading (TurnosWaiting *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITING (self), FALSE);
  return self->loading;
}

const GError *
turnos_waiting_get_error (TurnosWaiting *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITING (self), NULL);
  return self->error;
}

void
turnos_waiting_set_events (TurnosWaiting *self,
                           TurnosEvents  *events)
{
  g_return_if_fail (TURNOS_IS_WAITING (self));
  g_return_if_fail (events == NULL || TURNOS_IS_EVENTS (events));

  if (self->events == events)
    return;
  if (self->events != NULL)
    g_signal_handlers_disconnect_by_data (self->events, self);
  g_set_object (&self->events, events);
  if (events != NULL)
    {
      g_signal_connect_object (events, "availability", G_CALLBACK (on_availability_cb), self, 0);
      g_signal_connect_object (events, "waitlist-offer", G_CALLBACK (on_offer_cb), self, 0);
      g_signal_connect_object (events, "resync", G_CALLBACK (on_resync_cb), self, 0);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENTS]);
}

TurnosEvents *
turnos_waiting_get_events (TurnosWaiting *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITING (self), NULL);
  return self->events;
}

void
turnos_waiting_set_patients (TurnosWaiting      *self,
                             TurnosPatientNames *patients)
{
  GListModel *model;

  g_return_if_fail (TURNOS_IS_WAITING (self));
  g_return_if_fail (patients == NULL || TURNOS_IS_PATIENT_NAMES (patients));

  if (self->patients == patients)
    return;
  if (self->patients != NULL)
    g_signal_handlers_disconnect_by_data (self->patients, self);
  g_set_object (&self->patients, patients);
  if (patients != NULL)
    g_signal_connect_object (patients, "changed", G_CALLBACK (on_patient_changed_cb), self, 0);
  model = G_LIST_MODEL (self->items);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TurnosWaitingItem) item = g_list_model_get_item (model, i);

      item_name (item, patients);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATIENTS]);
}

TurnosPatientNames *
turnos_waiting_get_patients (TurnosWaiting *self)
{
  g_return_val_if_fail (TURNOS_IS_WAITING (self), NULL);
  return self->patients;
}

void
turnos_waiting_refresh (TurnosWaiting *self)
{
  g_return_if_fail (TURNOS_IS_WAITING (self));

  cancel (&self->list_cancellable);
  g_clear_pointer (&self->gathering, g_ptr_array_unref);
  if (!has_filter (self))
    {
      set_loading (self, FALSE);
      return;
    }
  self->list_cancellable = g_cancellable_new ();
  self->gathering = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_waitlist_entry_unref);
  set_loading (self, TRUE);
  request_page (self, NULL);
}

void
turnos_waiting_join (TurnosWaiting *self,
                     const char    *professional_id,
                     const GDate   *date,
                     const char    *client_id)
{
  g_return_if_fail (TURNOS_IS_WAITING (self));
  g_return_if_fail (professional_id != NULL && client_id != NULL);
  g_return_if_fail (date != NULL && g_date_valid (date));

  if (self->action_cancellable == NULL)
    self->action_cancellable = g_cancellable_new ();
  turnos_client_join_waitlist_async (self->client, professional_id, date, client_id,
                                     self->action_cancellable, joined_cb, g_object_ref (self));
}

void
turnos_waiting_leave (TurnosWaiting     *self,
                      TurnosWaitingItem *item)
{
  Action *action;

  g_return_if_fail (TURNOS_IS_WAITING (self));
  g_return_if_fail (TURNOS_IS_WAITING_ITEM (item));

  if (self->action_cancellable == NULL)
    self->action_cancellable = g_cancellable_new ();
  action = g_new0 (Action, 1);
  action->self = g_object_ref (self);
  action->entry = turnos_waitlist_entry_ref (item->entry);
  turnos_client_leave_waitlist_async (self->client, item->entry->id, self->action_cancellable,
                                      left_cb, action);
}
