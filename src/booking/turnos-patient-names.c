/* turnos-patient-names.c: the patients an agenda names, asked for once each
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-patient-names.h"

struct _TurnosPatientNames
{
  GObject       parent_instance;

  /* Owned references */
  TurnosClient *client;
  GHashTable   *known;        /* id → TurnosPerson, or FAILED */
  GHashTable   *asking;       /* id → GPtrArray of the fetch GTasks waiting for it */
  GCancellable *cancellable;  /* every request in flight; replaced by forget() */
};

G_DEFINE_FINAL_TYPE (TurnosPatientNames, turnos_patient_names, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a patient that could not be read maps to in "known". */
#define FAILED ((gpointer) &signals)

/* One request: its answer is dropped once forget() replaced the cancellable. */
typedef struct
{
  TurnosPatientNames *self;          /* owned */
  char               *id;
  GCancellable       *cancellable;   /* owned */
} Ask;

static void
ask_free (Ask *ask)
{
  g_clear_object (&ask->self);
  g_free (ask->id);
  g_clear_object (&ask->cancellable);
  g_free (ask);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ask, ask_free)

/* A fetch: the ids not asked for yet, and how many it waits for. */
typedef struct
{
  GQueue pending;      /* char * */
  guint  in_flight;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_queue_clear_full (&fetch->pending, g_free);
  g_free (fetch);
}

static void ask_for (TurnosPatientNames *self, const char *id, GTask *waiter);

/*
 * Helpers
 */

static void
unref_person (gpointer data)
{
  if (data != FAILED)
    turnos_person_unref (data);
}

/* Asks for @task's next ids while it has room; completes it when nothing is left. */
static void
fetch_pump (TurnosPatientNames *self,
            GTask              *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  while (fetch->in_flight < TURNOS_PATIENT_NAMES_PARALLEL && !g_queue_is_empty (&fetch->pending))
    {
      g_autofree char *id = g_queue_pop_head (&fetch->pending);

      if (g_hash_table_contains (self->known, id))
        continue;
      fetch->in_flight++;
      ask_for (self, id, task);
    }
  if (fetch->in_flight == 0 && g_queue_is_empty (&fetch->pending) && !g_task_had_error (task) &&
      !g_task_get_completed (task))
    g_task_return_boolean (task, TRUE);
}

static void
patient_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Ask) ask = user_data;
  TurnosPatientNames *self = ask->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosPerson) person = turnos_client_get_patient_finish (TURNOS_CLIENT (object), result,
                                                                     &error);
  g_autoptr(GPtrArray) waiters = NULL;
  gpointer key = NULL;

  /* Forgotten meanwhile: forget() took care of whoever waited. */
  if (ask->cancellable != self->cancellable || g_cancellable_is_cancelled (ask->cancellable))
    return;
  if (!g_hash_table_steal_extended (self->asking, ask->id, &key, (gpointer *) &waiters))
    return;
  g_free (key);
  if (person == NULL)
    g_debug ("patient %s: %s", ask->id, error->message);
  g_hash_table_replace (self->known, g_strdup (ask->id),
                        person ? turnos_person_ref (person) : FAILED);
  g_signal_emit (self, signals[CHANGED], 0, ask->id);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);
      Fetch *fetch = g_task_get_task_data (task);

      fetch->in_flight--;
      fetch_pump (self, task);
    }
}

/* Asks for @id unless it is asked for already; @waiter (nullable) is told when it is in. */
static void
ask_for (TurnosPatientNames *self,
         const char         *id,
         GTask              *waiter)
{
  GPtrArray *waiters = g_hash_table_lookup (self->asking, id);
  Ask *ask;

  if (waiters == NULL)
    {
      waiters = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->asking, g_strdup (id), waiters);
      ask = g_new0 (Ask, 1);
      ask->self = g_object_ref (self);
      ask->id = g_strdup (id);
      ask->cancellable = g_object_ref (self->cancellable);
      turnos_client_get_patient_async (self->client, id, ask->cancellable, patient_cb, ask);
    }
  if (waiter != NULL)
    g_ptr_array_add (waiters, g_object_ref (waiter));
}

/*
 * GObject overrides
 */

static void
turnos_patient_names_dispose (GObject *object)
{
  TurnosPatientNames *self = TURNOS_PATIENT_NAMES (object);

  g_cancellable_cancel (self->cancellable);
  g_hash_table_remove_all (self->asking);

  G_OBJECT_CLASS (turnos_patient_names_parent_class)->dispose (object);
}

static void
turnos_patient_names_finalize (GObject *object)
{
  TurnosPatientNames *self = TURNOS_PATIENT_NAMES (object);

  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->known);
  g_hash_table_unref (self->asking);

  G_OBJECT_CLASS (turnos_patient_names_parent_class)->finalize (object);
}

static void
turnos_patient_names_class_init (TurnosPatientNamesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = turnos_patient_names_dispose;
  object_class->finalize = turnos_patient_names_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1,
                                   G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
turnos_patient_names_init (TurnosPatientNames *self)
{
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_person);
  self->asking = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  self->cancellable = g_cancellable_new ();
}

/*
 * Public API
 */

TurnosPatientNames *
turnos_patient_names_new (TurnosClient *client)
{
  TurnosPatientNames *self;

  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);

  self = g_object_new (TURNOS_TYPE_PATIENT_NAMES, NULL);
  self->client = g_object_ref (client);
  return self;
}

TurnosPerson *
turnos_patient_names_lookup (TurnosPatientNames *self,
                             const char         *id)
{
  gpointer found;

  g_return_val_if_fail (TURNOS_IS_PATIENT_NAMES (self), NULL);

  if (id == NULL || *id == '\0')
    return NULL;
  if (!g_hash_table_lookup_extended (self->known, id, NULL, &found))
    {
      ask_for (self, id, NULL);
      return NULL;
    }
  return found == FAILED ? NULL : found;
}

const char *
turnos_patient_names_get_name (TurnosPatientNames *self,
                               const char         *id)
{
  TurnosPerson *p;

  g_return_val_if_fail (self == NULL || TURNOS_IS_PATIENT_NAMES (self), id);

  p = self != NULL ? turnos_patient_names_lookup (self, id) : NULL;
  return p != NULL && p->display_name != NULL && *p->display_name != '\0' ? p->display_name : id;
}

gboolean
turnos_patient_names_is_known (TurnosPatientNames *self,
                               const char         *id)
{
  g_return_val_if_fail (TURNOS_IS_PATIENT_NAMES (self), FALSE);
  return id != NULL && g_hash_table_contains (self->known, id);
}

void
turnos_patient_names_fetch_async (TurnosPatientNames  *self,
                                  const char * const  *ids,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Fetch *fetch;

  g_return_if_fail (TURNOS_IS_PATIENT_NAMES (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, turnos_patient_names_fetch_async);
  fetch = g_new0 (Fetch, 1);
  g_queue_init (&fetch->pending);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (*ids[i] != '\0')
      g_queue_push_tail (&fetch->pending, g_strdup (ids[i]));
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);
  fetch_pump (self, task);
}

gboolean
turnos_patient_names_fetch_finish (TurnosPatientNames  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
turnos_patient_names_forget (TurnosPatientNames *self)
{
  g_autoptr(GHashTable) asking = NULL;
  g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer id, waiters;

  g_return_if_fail (TURNOS_IS_PATIENT_NAMES (self));

  g_cancellable_cancel (self->cancellable);
  g_object_unref (self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_hash_table_remove_all (self->known);
  asking = g_steal_pointer (&self->asking);
  self->asking = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  /* A fetch waiting for a request just dropped asks for that id again. */
  g_hash_table_iter_init (&iter, asking);
  while (g_hash_table_iter_next (&iter, &id, &waiters))
    for (guint i = 0; i < ((GPtrArray *) waiters)->len; i++)
      {
        GTask *task = g_ptr_array_index ((GPtrArray *) waiters, i);
        Fetch *fetch = g_task_get_task_data (task);

        fetch->in_flight--;
        g_queue_push_head (&fetch->pending, g_strdup (id));
        g_ptr_array_add (again, g_object_ref (task));
      }
  for (guint i = 0; i < again->len; i++)
    fetch_pump (self, g_ptr_array_index (again, i));
}
