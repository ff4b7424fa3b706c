/* turnos-series-plan.c: a weekly series as the booking page plans, asks about and books it
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include <string.h>

#include "turnos-booking.h"
#include "turnos-enums.h"
#include "turnos-series-plan.h"
#include "turnos-time.h"

/*
 * One session
 */

struct _TurnosSeriesSession
{
  GObject            parent_instance;

  char              *start_time;
  GDateTime         *start;
  char              *code;
  TurnosReservation *other;
  TurnosReservation *reservation;
};

G_DEFINE_FINAL_TYPE (TurnosSeriesSession, turnos_series_session, G_TYPE_OBJECT)

enum {
  SESSION_PROP_0,
  SESSION_PROP_START_TIME,
  SESSION_PROP_START,
  SESSION_PROP_CODE,
  SESSION_PROP_OTHER,
  SESSION_PROP_RESERVATION,
  SESSION_N_PROPS
};

static GParamSpec *session_properties[SESSION_N_PROPS];

static void
turnos_series_session_finalize (GObject *object)
{
  TurnosSeriesSession *self = TURNOS_SERIES_SESSION (object);

  g_free (self->start_time);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_free (self->code);
  g_clear_pointer (&self->other, turnos_reservation_unref);
  g_clear_pointer (&self->reservation, turnos_reservation_unref);
  G_OBJECT_CLASS (turnos_series_session_parent_class)->finalize (object);
}

static void
turnos_series_session_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TurnosSeriesSession *self = TURNOS_SERIES_SESSION (object);

  switch (prop_id)
    {
    case SESSION_PROP_START_TIME:
      g_value_set_string (value, self->start_time);
      break;
    case SESSION_PROP_START:
      g_value_set_boxed (value, self->start);
      break;
    case SESSION_PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case SESSION_PROP_OTHER:
      g_value_set_boxed (value, self->other);
      break;
    case SESSION_PROP_RESERVATION:
      g_value_set_boxed (value, self->reservation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_series_session_class_init (TurnosSeriesSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = turnos_series_session_finalize;
  object_class->get_property = turnos_series_session_get_property;

  session_properties[SESSION_PROP_START_TIME] = g_param_spec_string ("start-time", NULL, NULL, NULL, ro);
  session_properties[SESSION_PROP_START] =
    g_param_spec_boxed ("start", NULL, NULL, G_TYPE_DATE_TIME, ro);
  session_properties[SESSION_PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, ro);
  session_properties[SESSION_PROP_OTHER] =
    g_param_spec_boxed ("other", NULL, NULL, TURNOS_TYPE_RESERVATION, ro);
  session_properties[SESSION_PROP_RESERVATION] =
    g_param_spec_boxed ("reservation", NULL, NULL, TURNOS_TYPE_RESERVATION, ro);
  g_object_class_install_properties (object_class, SESSION_N_PROPS, session_properties);
}

static void
turnos_series_session_init (TurnosSeriesSession *self)
{
}

const char *
turnos_series_session_get_start_time (TurnosSeriesSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_SESSION (self), NULL);
  return self->start_time;
}

GDateTime *
turnos_series_session_get_start (TurnosSeriesSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_SESSION (self), NULL);
  return self->start;
}

const char *
turnos_series_session_get_code (TurnosSeriesSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_SESSION (self), NULL);
  return self->code;
}

TurnosReservation *
turnos_series_session_get_other (TurnosSeriesSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_SESSION (self), NULL);
  return self->other;
}

TurnosReservation *
turnos_series_session_get_reservation (TurnosSeriesSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_SESSION (self), NULL);
  return self->reservation;
}

/*
 * The plan
 */

#define DEFAULT_COUNT 12

struct _TurnosSeriesPlan
{
  GObject            parent_instance;

  /* Owned references */
  TurnosClient      *client;
  TurnosReservation *first;
  TurnosReservation *repeat;
  TurnosSettings    *settings;
  GListStore        *sessions;
  TurnosSeries      *series;
  GError            *error;

  /* The plan */
  guint              every_weeks;
  guint              count;
  GDate              until;
  TurnosSeriesMode   mode;

  /* State */
  char              *idempotency_key;  /* one per plan: a retried booking is not a second */
  char              *deposit_total;
  guint              n_free;
  guint              n_conflicts;
  gboolean           checking;
  gboolean           checked;
  gboolean           busy;
  guint              debounce_id;
  GCancellable      *check_cancellable;
  GCancellable      *action_cancellable;
};

G_DEFINE_FINAL_TYPE (TurnosSeriesPlan, turnos_series_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_FIRST,
  PROP_REPEAT,
  PROP_EVERY_WEEKS,
  PROP_COUNT,
  PROP_UNTIL,
  PROP_MODE,
  PROP_SETTINGS,
  PROP_SESSIONS,
  PROP_N_FREE,
  PROP_N_CONFLICTS,
  PROP_CHECKING,
  PROP_CHECKED,
  PROP_BUSY,
  PROP_DEPOSIT_TOTAL,
  PROP_SERIES,
  PROP_ERROR,
  N_PROPS
};

enum {
  BOOKED,
  FAILED,
  CANCELLED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_check (TurnosSeriesPlan *self);

static void
notify (TurnosSeriesPlan *self,
        guint             prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_flag (TurnosSeriesPlan *self,
          gboolean         *field,
          gboolean          value,
          guint             prop)
{
  if (*field == value)
    return;
  *field = value;
  notify (self, prop);
}

static void
set_error (TurnosSeriesPlan *self,
           const GError     *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  notify (self, PROP_ERROR);
}

static void
update_deposit (TurnosSeriesPlan *self)
{
  g_autofree char *total = NULL;

  if (self->settings != NULL && self->settings->requires_deposit && self->settings->deposit_amount)
    total = turnos_payment_amount_times (self->settings->deposit_amount, self->n_free);
  if (g_strcmp0 (total, self->deposit_total) == 0)
    return;
  g_free (self->deposit_total);
  self->deposit_total = g_steal_pointer (&total);
  notify (self, PROP_DEPOSIT_TOTAL);
}

static TurnosSeriesSession *
session_new (const char        *start_time,
             GDateTime         *start,
             const char        *code,
             TurnosReservation *other,
             TurnosReservation *reservation)
{
  TurnosSeriesSession *s = g_object_new (TURNOS_TYPE_SERIES_SESSION, NULL);

  s->start_time = g_strdup (start_time);
  s->start = start ? g_date_time_ref (start) : NULL;
  s->code = g_strdup (code);
  s->other = other ? turnos_reservation_ref (other) : NULL;
  s->reservation = reservation ? turnos_reservation_ref (reservation) : NULL;
  return s;
}

static int
compare_sessions (gconstpointer a,
                  gconstpointer b)
{
  return g_strcmp0 (TURNOS_SERIES_SESSION (*(gpointer *) a)->start_time,
                    TURNOS_SERIES_SESSION (*(gpointer *) b)->start_time);
}

/* "sessions" from an answer: its free (or booked) sessions and its conflicts, in time order. */
static void
show (TurnosSeriesPlan *self,
      GPtrArray        *reservations,
      GPtrArray        *conflicts)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_free = 0, n_conflicts = 0;

  for (guint i = 0; reservations != NULL && i < reservations->len; i++)
    {
      TurnosReservation *r = g_ptr_array_index (reservations, i);
      g_autofree char *reading = turnos_time_format (r->start);

      g_ptr_array_add (items, session_new (reading, r->start, NULL, NULL, r->id ? r : NULL));
      n_free++;
    }
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      TurnosSeriesConflict *c = g_ptr_array_index (conflicts, i);
      g_autoptr(GDateTime) start = NULL;
      GTimeZone *tz = self->settings ? self->settings->tz : NULL;

      if (tz != NULL)
        start = turnos_time_parse (c->start_time, tz, NULL);
      g_ptr_array_add (items, session_new (c->start_time, start, c->code, c->reservation, NULL));
      n_conflicts++;
    }
  g_ptr_array_sort (items, compare_sessions);
  g_list_store_splice (self->sessions, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sessions)),
                       items->pdata, items->len);
  if (self->n_free != n_free)
    {
      self->n_free = n_free;
      notify (self, PROP_N_FREE);
    }
  if (self->n_conflicts != n_conflicts)
    {
      self->n_conflicts = n_conflicts;
      notify (self, PROP_N_CONFLICTS);
    }
  update_deposit (self);
}

static void
cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

/* What the server is asked, borrowing the plan's fields. */
static void
fill_request (TurnosSeriesPlan    *self,
              TurnosSeriesRequest *request)
{
  memset (request, 0, sizeof *request);
  request->first = self->repeat == NULL ? self->first : NULL;
  request->repeat_id = self->repeat ? self->repeat->id : NULL;
  request->every_weeks = self->every_weeks;
  request->count = self->count;
  request->until = self->count == 0 && g_date_valid (&self->until) ? &self->until : NULL;
  request->mode = self->mode;
}

static gboolean
has_plan (TurnosSeriesPlan *self)
{
  return (self->first != NULL || self->repeat != NULL) &&
         (self->count > 0 || g_date_valid (&self->until));
}

/* The plan changed: what was shown no longer answers it; ask again after the debounce. */
static void
changed (TurnosSeriesPlan *self)
{
  g_clear_pointer (&self->idempotency_key, g_free);
  set_flag (self, &self->checked, FALSE, PROP_CHECKED);
  schedule_check (self);
}

/*
 * Callbacks
 */

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TurnosSeriesPlan) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosSeries) answer = turnos_client_book_series_finish (TURNOS_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->check_cancellable);
  set_flag (self, &self->checking, FALSE, PROP_CHECKING);
  set_error (self, error);
  if (answer == NULL)
    {
      show (self, NULL, NULL);
      return;
    }
  show (self, answer->reservations, answer->conflicts);
  set_flag (self, &self->checked, TRUE, PROP_CHECKED);
}

static gboolean
debounce_cb (gpointer data)
{
  TurnosSeriesPlan *self = data;

  self->debounce_id = 0;
  turnos_series_plan_check (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_check (TurnosSeriesPlan *self)
{
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  cancel (&self->check_cancellable);
  if (!has_plan (self))
    {
      set_flag (self, &self->checking, FALSE, PROP_CHECKING);
      show (self, NULL, NULL);
      return;
    }
  set_flag (self, &self->checking, TRUE, PROP_CHECKING);
  self->debounce_id = g_timeout_add (TURNOS_BOOKING_DEBOUNCE_MS, debounce_cb, self);
}

static void
book_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TurnosSeriesPlan) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosSeries) series = turnos_client_book_series_finish (TURNOS_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->action_cancellable);
  set_flag (self, &self->busy, FALSE, PROP_BUSY);
  if (series == NULL)
    {
      GPtrArray *conflicts = turnos_client_error_get_conflicts (error);

      /* Refused with reasons: what is free now was asked for too, so show the conflicts and
       * ask again for the rest. */
      if (conflicts != NULL)
        {
          show (self, NULL, conflicts);
          set_flag (self, &self->checked, FALSE, PROP_CHECKED);
          g_clear_pointer (&self->idempotency_key, g_free);
          schedule_check (self);
        }
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }
  g_clear_pointer (&self->series, turnos_series_unref);
  self->series = turnos_series_ref (series);
  notify (self, PROP_SERIES);
  show (self, series->reservations, series->conflicts);
  g_clear_pointer (&self->idempotency_key, g_free);
  g_signal_emit (self, signals[BOOKED], 0, series);
}

static void
cancelled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TurnosSeriesPlan) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = turnos_client_cancel_series_finish (TURNOS_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->action_cancellable);
  set_flag (self, &self->busy, FALSE, PROP_BUSY);
  if (list == NULL)
    g_signal_emit (self, signals[FAILED], 0, error);
  else
    g_signal_emit (self, signals[CANCELLED], 0, list);
}

/*
 * GObject overrides
 */

static void
turnos_series_plan_dispose (GObject *object)
{
  TurnosSeriesPlan *self = TURNOS_SERIES_PLAN (object);

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  cancel (&self->check_cancellable);
  cancel (&self->action_cancellable);
  G_OBJECT_CLASS (turnos_series_plan_parent_class)->dispose (object);
}

static void
turnos_series_plan_finalize (GObject *object)
{
  TurnosSeriesPlan *self = TURNOS_SERIES_PLAN (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->first, turnos_reservation_unref);
  g_clear_pointer (&self->repeat, turnos_reservation_unref);
  g_clear_pointer (&self->settings, turnos_settings_unref);
  g_clear_object (&self->sessions);
  g_clear_pointer (&self->series, turnos_series_unref);
  g_clear_error (&self->error);
  g_free (self->idempotency_key);
  g_free (self->deposit_total);
  G_OBJECT_CLASS (turnos_series_plan_parent_class)->finalize (object);
}

static void
turnos_series_plan_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TurnosSeriesPlan *self = TURNOS_SERIES_PLAN (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_FIRST:
      g_value_set_boxed (value, self->first);
      break;
    case PROP_REPEAT:
      g_value_set_boxed (value, self->repeat);
      break;
    case PROP_EVERY_WEEKS:
      g_value_set_uint (value, self->every_weeks);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    case PROP_UNTIL:
      g_value_set_boxed (value, g_date_valid (&self->until) ? &self->until : NULL);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_SETTINGS:
      g_value_set_boxed (value, self->settings);
      break;
    case PROP_SESSIONS:
      g_value_set_object (value, self->sessions);
      break;
    case PROP_N_FREE:
      g_value_set_uint (value, self->n_free);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->n_conflicts);
      break;
    case PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;
    case PROP_CHECKED:
      g_value_set_boolean (value, self->checked);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_DEPOSIT_TOTAL:
      g_value_set_string (value, self->deposit_total);
      break;
    case PROP_SERIES:
      g_value_set_boxed (value, self->series);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_series_plan_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TurnosSeriesPlan *self = TURNOS_SERIES_PLAN (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_FIRST:
      turnos_series_plan_set_first (self, g_value_get_boxed (value));
      break;
    case PROP_REPEAT:
      turnos_series_plan_set_repeat (self, g_value_get_boxed (value));
      break;
    case PROP_EVERY_WEEKS:
      turnos_series_plan_set_every_weeks (self, g_value_get_uint (value));
      break;
    case PROP_COUNT:
      turnos_series_plan_set_count (self, g_value_get_uint (value));
      break;
    case PROP_UNTIL:
      turnos_series_plan_set_until (self, g_value_get_boxed (value));
      break;
    case PROP_MODE:
      turnos_series_plan_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_SETTINGS:
      turnos_series_plan_set_settings (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_series_plan_class_init (TurnosSeriesPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = turnos_series_plan_dispose;
  object_class->finalize = turnos_series_plan_finalize;
  object_class->get_property = turnos_series_plan_get_property;
  object_class->set_property = turnos_series_plan_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST] = g_param_spec_boxed ("first", NULL, NULL, TURNOS_TYPE_RESERVATION, rw);
  properties[PROP_REPEAT] = g_param_spec_boxed ("repeat", NULL, NULL, TURNOS_TYPE_RESERVATION, rw);
  properties[PROP_EVERY_WEEKS] = g_param_spec_uint ("every-weeks", NULL, NULL, 1, 2, 1, rw);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, TURNOS_SERIES_MAX_SESSIONS, DEFAULT_COUNT, rw);
  properties[PROP_UNTIL] = g_param_spec_boxed ("until", NULL, NULL, G_TYPE_DATE, rw);
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, TURNOS_TYPE_SERIES_MODE, TURNOS_SERIES_ALL_OR_NOTHING, rw);
  properties[PROP_SETTINGS] = g_param_spec_boxed ("settings", NULL, NULL, TURNOS_TYPE_SETTINGS, rw);
  properties[PROP_SESSIONS] = g_param_spec_object ("sessions", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_N_FREE] = g_param_spec_uint ("n-free", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_CONFLICTS] = g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_CHECKING] = g_param_spec_boolean ("checking", NULL, NULL, FALSE, ro);
  properties[PROP_CHECKED] = g_param_spec_boolean ("checked", NULL, NULL, FALSE, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_DEPOSIT_TOTAL] = g_param_spec_string ("deposit-total", NULL, NULL, NULL, ro);
  properties[PROP_SERIES] = g_param_spec_boxed ("series", NULL, NULL, TURNOS_TYPE_SERIES, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BOOKED] = g_signal_new ("booked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, TURNOS_TYPE_SERIES);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
turnos_series_plan_init (TurnosSeriesPlan *self)
{
  self->sessions = g_list_store_new (TURNOS_TYPE_SERIES_SESSION);
  self->every_weeks = 1;
  self->count = DEFAULT_COUNT;
  self->mode = TURNOS_SERIES_ALL_OR_NOTHING;
  g_date_clear (&self->until, 1);
}

/*
 * Public API
 */

TurnosSeriesPlan *
turnos_series_plan_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_SERIES_PLAN, "client", client, NULL);
}

void
turnos_series_plan_set_first (TurnosSeriesPlan  *self,
                              TurnosReservation *first)
{
  g_return_if_fail (TURNOS_IS_SERIES_PLAN (self));

  if (self->first == first && self->repeat == NULL)
    return;
  g_clear_pointer (&self->first, turnos_reservation_unref);
  self->first = first ? turnos_reservation_ref (first) : NULL;
  notify (self, PROP_FIRST);
  if (first != NULL && self->repeat != NULL)
    {
      g_clear_pointer (&self->repeat, turnos_reservation_unref);
      notify (self, PROP_REPEAT);
    }
  changed (self);
}

TurnosReservation *
turnos_series_plan_get_first (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), NULL);
  return self->first;
}

void
turnos_series_plan_set_repeat (TurnosSeriesPlan  *self,
                               TurnosReservation *existing)
{
  g_return_if_fail (TURNOS_IS_SERIES_PLAN (self));
  g_return_if_fail (existing == NULL || existing->id != NULL);

  if (self->repeat == existing)
    return;
  g_clear_pointer (&self->repeat, turnos_reservation_unref);
  self->repeat = existing ? turnos_reservation_ref (existing) : NULL;
  notify (self, PROP_REPEAT);
  if (existing != NULL && self->first != NULL)
    {
      g_clear_pointer (&self->first, turnos_reservation_unref);
      notify (self, PROP_FIRST);
    }
  changed (self);
}

TurnosReservation *
turnos_series_plan_get_repeat (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), NULL);
  return self->repeat;
}

void
turnos_series_plan_set_every_weeks (TurnosSeriesPlan *self,
                                    guint             every_weeks)
{
  g_return_if_fail (TURNOS_IS_SERIES_PLAN (self));
  g_return_if_fail (every_weeks == 1 || every_weeks == 2);

  if (self->every_weeks == every_weeks)
    return;
  self->every_weeks = every_weeks;
  notify (self, PROP_EVERY_WEEKS);
  changed (self);
}

guint
turnos_series_plan_get_every_weeks (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), 1);
  return self->every_weeks;
}

void
turnos_series_plan_set_count (TurnosSeriesPlan *self,
                              guint             count)
{
  g_return_if_fail (TURNOS_IS_SERIES_PLAN (self));
  g_return_if_fail (count <= TURNOS_SERIES_MAX_SESSIONS);

  if (self->count == count)
    return;
  self->count = count;
  notify (self, PROP_COUNT);
  if (count > 0 && g_date_valid (&self->until))
    {
      g_date_clear (&self->until, 1);
      notify (self, PROP_UNTIL);
    }
  changed (self);
}

guint
turnos_series_plan_get_count (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), 0);
  return self->count;
}

void
turnos_series_plan_set_until (TurnosSeriesPlan *self,
                              const GDate      *until)
{
  g_return_if_fail (TURNOS_IS_SERIES_PLAN (self));

  if (until != NULL && g_date_valid (until))
    {
      if (g_date_valid (&self->until) && g_date_compare (&self->until, until) == 0)
        return;
      self->until = *until;
      if (self->count != 0)
        {
          self->count = 0;
          notify (self, PROP_COUNT);
        }
    }
  else
    {
      if (!g_date_valid (&self->until))
        return;
      g_date_clear (&self->until, 1);
      if (self->count == 0)
        {
          self->count = DEFAULT_COUNT;
          notify (self, PROP_COUNT);
        }
    }
  notify (self, PROP_UNTIL);
  changed (self);
}

const GDate *
turnos_series_plan_get_until (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), NULL);
  return g_date_valid (&self->until) ? &self->until : NULL;
}

void
turnos_series_plan_set_mode (TurnosSeriesPlan *self,
                             TurnosSeriesMode  mode)
{
  g_return_if_fail (TURNOS_IS_SERIES_PLAN (self));

  if (self->mode == mode)
    return;
  self->mode = mode;
  notify (self, PROP_MODE);
  /* The mode changes what booking does, not what the sessions are: nothing to ask again. */
  g_clear_pointer (&self->idempotency_key, g_free);
}

TurnosSeriesMode
turnos_series_plan_get_mode (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), TURNOS_SERIES_ALL_OR_NOTHING);
  return self->mode;
}

void
turnos_series_plan_set_settings (TurnosSeriesPlan *self,
                                 TurnosSettings   *settings)
{
  g_return_if_fail (TURNOS_IS_SERIES_PLAN (self));

  if (self->settings == settings)
    return;
  g_clear_pointer (&self->settings, turnos_settings_unref);
  self->settings = settings ? turnos_settings_ref (settings) : NULL;
  notify (self, PROP_SETTINGS);
  update_deposit (self);
}

GListModel *
turnos_series_plan_get_sessions (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), NULL);
  return G_LIST_MODEL (self->sessions);
}

guint
turnos_series_plan_get_n_free (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), 0);
  return self->n_free;
}

guint
turnos_series_plan_get_n_conflicts (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), 0);
  return self->n_conflicts;
}

gboolean
turnos_series_plan_get_checking (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), FALSE);
  return self->checking;
}

gboolean
turnos_series_plan_get_checked (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), FALSE);
  return self->checked;
}

gboolean
turnos_series_plan_get_busy (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), FALSE);
  return self->busy;
}

const char *
turnos_series_plan_get_deposit_total (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), NULL);
  return self->deposit_total;
}

TurnosSeries *
turnos_series_plan_get_series (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), NULL);
  return self->series;
}

const GError *
turnos_series_plan_get_error (TurnosSeriesPlan *self)
{
  g_return_val_if_fail (TURNOS_IS_SERIES_PLAN (self), NULL);
  return self->error;
}

void
turnos_series_plan_check (TurnosSeriesPlan *self)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  TurnosSeriesRequest request;

  g_return_if_fail (TURNOS_IS_SERIES_PLAN (self));

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  cancel (&self->check_cancellable);
  if (!has_plan (self))
    return;
  self->check_cancellable = g_object_ref (cancellable);
  set_flag (self, &self->checking, TRUE, PROP_CHECKING);
  fill_request (self, &request);
  turnos_client_book_series_async (self->client, &request, TRUE, NULL, cancellable, check_cb,
                                   g_object_ref (self));
}

void
turnos_series_plan_book (TurnosSeriesPlan *self,
                         const char       *override_reason)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  TurnosSeriesRequest request;

  g_return_if_fail (TURNOS_IS_SERIES_PLAN (self));
  g_return_if_fail (has_plan (self));

  if (self->busy)
    return;
  if (self->idempotency_key == NULL)
    self->idempotency_key = turnos_client_new_idempotency_key ();
  cancel (&self->action_cancellable);
  self->action_cancellable = g_object_ref (cancellable);
  set_flag (self, &self->busy, TRUE, PROP_BUSY);
  fill_request (self, &request);
  request.override_reason = override_reason;
  turnos_client_book_series_async (self->client, &request, FALSE, self->idempotency_key,
                                   cancellable, book_cb, g_object_ref (self));
}

void
turnos_series_plan_cancel_following (TurnosSeriesPlan  *self,
                                     TurnosReservation *session,
                                     const char        *override_reason)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GDate day;

  g_return_if_fail (TURNOS_IS_SERIES_PLAN (self));
  g_return_if_fail (session != NULL && session->series_id != NULL && session->start != NULL);

  if (self->busy)
    return;
  cancel (&self->action_cancellable);
  self->action_cancellable = g_object_ref (cancellable);
  set_flag (self, &self->busy, TRUE, PROP_BUSY);
  /* The session's own day, in its professional's zone (its start is read in it). */
  turnos_date_from_datetime (session->start, &day);
  turnos_client_cancel_series_async (self->client, session->series_id, &day, override_reason,
                                     cancellable, cancelled_cb, g_object_ref (self));
}
