/* turnos-booking.c: the booking controller the pages drive: properties, lifecycle, professionals
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-booking-private.h"
#include "turnos-enums.h"

G_DEFINE_FINAL_TYPE (TurnosBooking, turnos_booking, G_TYPE_OBJECT)
G_DEFINE_QUARK (turnos-booking-error-quark, turnos_booking_error)

enum {
  SLOT_TAKEN,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/*
 * Shared with the other files (turnos-booking-private.h)
 */

GDateTime *
_turnos_booking_now (TurnosBooking *self)
{
  return self->clock ? self->clock (self->clock_data) : g_date_time_new_now_utc ();
}

void
_turnos_booking_notify (TurnosBooking     *self,
                        TurnosBookingProp  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_turnos_booking_emit_failed (TurnosBooking *self,
                             const GError  *error)
{
  g_signal_emit (self, signals[FAILED], 0, error);
}

void
_turnos_booking_emit_slot_taken (TurnosBooking *self)
{
  g_signal_emit (self, signals[SLOT_TAKEN], 0);
}

void
_turnos_booking_cancel (GCancellable **cancellable)
{
  if (*cancellable != NULL)
    g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
}

TurnosBookingRequest *
_turnos_booking_request_new (TurnosBooking  *self,
                             GCancellable  **slot)
{
  TurnosBookingRequest *request = g_new0 (TurnosBookingRequest, 1);

  _turnos_booking_cancel (slot);
  *slot = g_cancellable_new ();
  request->self = g_object_ref (self);
  request->cancellable = g_object_ref (*slot);
  return request;
}

gboolean
_turnos_booking_request_stale (TurnosBookingRequest *request,
                               GCancellable         *current)
{
  return request->cancellable != current || g_cancellable_is_cancelled (request->cancellable);
}

void
_turnos_booking_request_free (TurnosBookingRequest *request)
{
  g_clear_object (&request->self);
  g_clear_object (&request->cancellable);
  g_free (request);
}

static gboolean
compute_can_continue (TurnosBooking *self)
{
  return g_date_valid (&self->date) && self->slot != NULL && !self->loading &&
         (!self->patient_required || (self->client_id != NULL && *self->client_id != '\0')) &&
         (self->modality == TURNOS_MODALITY_VIRTUAL || self->modality == TURNOS_MODALITY_PRESENCIAL);
}

/* Called at the end of every mutator of what can-continue reads (date, slot, loading,
 * modality): notifies only when it moved. */
void
_turnos_booking_update_can_continue (TurnosBooking *self)
{
  gboolean can_continue = compute_can_continue (self);

  if (self->can_continue == can_continue)
    return;
  self->can_continue = can_continue;
  _turnos_booking_notify (self, PROP_CAN_CONTINUE);
}

void
_turnos_booking_set_loading (TurnosBooking *self,
                             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  _turnos_booking_notify (self, PROP_LOADING);
  _turnos_booking_update_can_continue (self);
}

void
_turnos_booking_set_error (TurnosBooking *self,
                           const GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  _turnos_booking_notify (self, PROP_ERROR);
}

/*
 * Professionals and their settings
 */

void
_turnos_booking_apply_settings (TurnosBooking  *self,
                                TurnosSettings *settings)
{
  TurnosModality offered;

  g_clear_pointer (&self->settings, turnos_settings_unref);
  self->settings = turnos_settings_ref (settings);
  _turnos_booking_notify (self, PROP_SETTINGS);
  _turnos_booking_notify (self, PROP_OFFERED_MODALITY);

  offered = settings->session_modality;
  /* With one modality offered it is chosen for the user; with both, a choice made for another
   * professional stays, since it is offered here too. */
  if (offered == TURNOS_MODALITY_VIRTUAL || offered == TURNOS_MODALITY_PRESENCIAL)
    turnos_booking_set_modality (self, offered);

  if (g_date_valid (&self->date))
    _turnos_booking_schedule_day (self, 0);
  _turnos_booking_fetch_month (self);
}

static void
settings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TurnosBookingRequest) request = user_data;
  TurnosBooking *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosSettings) settings = turnos_client_get_settings_finish (TURNOS_CLIENT (object),
                                                                         result, &error);

  /* Another professional was chosen meanwhile: nothing of this one is shown. */
  if (_turnos_booking_request_stale (request, self->settings_cancellable))
    return;
  g_clear_object (&self->settings_cancellable);
  if (settings == NULL)
    {
      _turnos_booking_set_loading (self, FALSE);
      _turnos_booking_set_error (self, error);
      _turnos_booking_emit_failed (self, error);
      return;
    }
  if (g_strcmp0 (settings->user_id, self->professional_id) == 0)
    _turnos_booking_apply_settings (self, settings);
}

static void
professionals_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TurnosBooking) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = turnos_client_list_professionals_finish (TURNOS_CLIENT (object),
                                                                      result, &error);
  const char *wanted = self->wanted_professional;
  const char *chosen = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (list == NULL)
    {
      _turnos_booking_set_error (self, error);
      _turnos_booking_emit_failed (self, error);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      TurnosSettings *s = g_ptr_array_index (list, i);

      g_ptr_array_add (items, turnos_professional_new (s));
      if (g_strcmp0 (s->user_id, wanted) == 0)
        chosen = s->user_id;
    }
  g_list_store_splice (self->professionals, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->professionals)),
                       items->pdata, items->len);
  if (!self->professionals_loaded)
    {
      self->professionals_loaded = TRUE;
      _turnos_booking_notify (self, PROP_PROFESSIONALS_LOADED);
    }
  if (chosen == NULL && list->len > 0)
    chosen = ((TurnosSettings *) g_ptr_array_index (list, 0))->user_id;
  if (chosen != NULL)
    turnos_booking_set_professional_id (self, chosen);
}

/*
 * GObject overrides
 */

static void
turnos_booking_dispose (GObject *object)
{
  TurnosBooking *self = TURNOS_BOOKING (object);

  g_clear_handle_id (&self->debounce_id, g_source_remove);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  _turnos_booking_cancel (&self->day_cancellable);
  _turnos_booking_cancel (&self->month_cancellable);
  _turnos_booking_cancel (&self->settings_cancellable);
  _turnos_booking_cancel (&self->action_cancellable);
  _turnos_booking_cancel (&self->load_cancellable);
  _turnos_booking_live_dispose (self);

  G_OBJECT_CLASS (turnos_booking_parent_class)->dispose (object);
}

static void
turnos_booking_finalize (GObject *object)
{
  TurnosBooking *self = TURNOS_BOOKING (object);

  g_clear_object (&self->client);
  g_clear_object (&self->professionals);
  g_clear_object (&self->slots);
  g_clear_object (&self->slot);
  g_clear_pointer (&self->settings, turnos_settings_unref);
  g_clear_pointer (&self->month, turnos_month_overview_unref);
  g_clear_pointer (&self->draft, turnos_reservation_unref);
  g_clear_pointer (&self->payment, turnos_payment_unref);
  g_clear_pointer (&self->booked, turnos_reservation_unref);
  g_clear_pointer (&self->rescheduling, turnos_reservation_unref);
  g_clear_error (&self->error);
  g_free (self->client_id);
  g_free (self->professional_id);
  g_free (self->idempotency_key);
  g_free (self->wanted_professional);
  g_clear_object (&self->keep_slot);

  G_OBJECT_CLASS (turnos_booking_parent_class)->finalize (object);
}

static void
turnos_booking_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TurnosBooking *self = TURNOS_BOOKING (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_PROFESSIONALS:
      g_value_set_object (value, self->professionals);
      break;
    case PROP_PROFESSIONAL_ID:
      g_value_set_string (value, self->professional_id);
      break;
    case PROP_SETTINGS:
      g_value_set_boxed (value, self->settings);
      break;
    case PROP_OFFERED_MODALITY:
      g_value_set_enum (value, turnos_booking_get_offered_modality (self));
      break;
    case PROP_MODALITY:
      g_value_set_enum (value, self->modality);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, turnos_booking_get_date (self));
      break;
    case PROP_DAY_STATE:
      g_value_set_enum (value, self->day_state);
      break;
    case PROP_SLOTS:
      g_value_set_object (value, self->slots);
      break;
    case PROP_SLOT:
      g_value_set_object (value, self->slot);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_MONTH:
      g_value_set_boxed (value, self->month);
      break;
    case PROP_CAN_CONTINUE:
      g_value_set_boolean (value, self->can_continue);
      break;
    case PROP_STEP:
      g_value_set_enum (value, self->step);
      break;
    case PROP_DRAFT:
      g_value_set_boxed (value, self->draft);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_PAYMENT:
      g_value_set_boxed (value, self->payment);
      break;
    case PROP_BOOKED:
      g_value_set_boxed (value, self->booked);
      break;
    case PROP_OUTCOME_UNKNOWN:
      g_value_set_boolean (value, self->outcome_unknown);
      break;
    case PROP_PROFESSIONALS_LOADED:
      g_value_set_boolean (value, self->professionals_loaded);
      break;
    case PROP_EVENTS:
    case PROP_NOTICE:
    case PROP_NOTICE_TIME:
      _turnos_booking_live_get_property (self, prop_id, value);
      break;
    case PROP_RESCHEDULING:
      g_value_set_boxed (value, self->rescheduling);
      break;
    case PROP_PATIENT_REQUIRED:
      g_value_set_boolean (value, self->patient_required);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_booking_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TurnosBooking *self = TURNOS_BOOKING (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CLIENT_ID:
      turnos_booking_set_client_id (self, g_value_get_string (value));
      break;
    case PROP_PROFESSIONAL_ID:
      turnos_booking_set_professional_id (self, g_value_get_string (value));
      break;
    case PROP_MODALITY:
      turnos_booking_set_modality (self, g_value_get_enum (value));
      break;
    case PROP_DATE:
      turnos_booking_set_date (self, g_value_get_boxed (value));
      break;
    case PROP_SLOT:
      turnos_booking_set_slot (self, g_value_get_object (value));
      break;
    case PROP_EVENTS:
      turnos_booking_set_events (self, g_value_get_object (value));
      break;
    case PROP_PATIENT_REQUIRED:
      turnos_booking_set_patient_required (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_booking_class_init (TurnosBookingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = turnos_booking_dispose;
  object_class->finalize = turnos_booking_finalize;
  object_class->get_property = turnos_booking_get_property;
  object_class->set_property = turnos_booking_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] = g_param_spec_string ("client-id", NULL, NULL, NULL, rw);
  properties[PROP_PROFESSIONALS] =
    g_param_spec_object ("professionals", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_PROFESSIONAL_ID] = g_param_spec_string ("professional-id", NULL, NULL, NULL, rw);
  properties[PROP_SETTINGS] =
    g_param_spec_boxed ("settings", NULL, NULL, TURNOS_TYPE_SETTINGS, ro);
  properties[PROP_OFFERED_MODALITY] =
    g_param_spec_enum ("offered-modality", NULL, NULL, TURNOS_TYPE_MODALITY,
                       TURNOS_MODALITY_BOTH, ro);
  properties[PROP_MODALITY] =
    g_param_spec_enum ("modality", NULL, NULL, TURNOS_TYPE_MODALITY, TURNOS_MODALITY_NONE, rw);
  properties[PROP_DATE] = g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE, rw);
  properties[PROP_DAY_STATE] =
    g_param_spec_enum ("day-state", NULL, NULL, TURNOS_TYPE_DAY_STATE, TURNOS_DAY_NONE, ro);
  properties[PROP_SLOTS] = g_param_spec_object ("slots", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_SLOT] = g_param_spec_object ("slot", NULL, NULL, TURNOS_TYPE_SLOT, rw);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_MONTH] =
    g_param_spec_boxed ("month", NULL, NULL, TURNOS_TYPE_MONTH_OVERVIEW, ro);
  properties[PROP_CAN_CONTINUE] = g_param_spec_boolean ("can-continue", NULL, NULL, FALSE, ro);
  properties[PROP_STEP] =
    g_param_spec_enum ("step", NULL, NULL, TURNOS_TYPE_BOOKING_STEP,
                       TURNOS_BOOKING_STEP_RESERVE, ro);
  properties[PROP_DRAFT] =
    g_param_spec_boxed ("draft", NULL, NULL, TURNOS_TYPE_RESERVATION, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_PAYMENT] = g_param_spec_boxed ("payment", NULL, NULL, TURNOS_TYPE_PAYMENT, ro);
  properties[PROP_BOOKED] =
    g_param_spec_boxed ("booked", NULL, NULL, TURNOS_TYPE_RESERVATION, ro);
  _turnos_booking_class_live_init (object_class, properties);
  _turnos_booking_class_reschedule_init (object_class, properties);
  properties[PROP_OUTCOME_UNKNOWN] = g_param_spec_boolean ("outcome-unknown", NULL, NULL, FALSE, ro);
  properties[PROP_PROFESSIONALS_LOADED] =
    g_param_spec_boolean ("professionals-loaded", NULL, NULL, FALSE, ro);
  properties[PROP_PATIENT_REQUIRED] = g_param_spec_boolean ("patient-required", NULL, NULL, FALSE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SLOT_TAKEN] = g_signal_new ("slot-taken", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
turnos_booking_init (TurnosBooking *self)
{
  self->professionals = g_list_store_new (TURNOS_TYPE_PROFESSIONAL);
  self->slots = g_list_store_new (TURNOS_TYPE_SLOT);
  self->day_state = TURNOS_DAY_NONE;
  self->step = TURNOS_BOOKING_STEP_RESERVE;
  g_date_clear (&self->date, 1);
}

/*
 * Public API
 */

TurnosBooking *
turnos_booking_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_BOOKING, "client", client, NULL);
}

TurnosClient *
turnos_booking_get_client (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->client;
}

void
turnos_booking_set_clock (TurnosBooking   *self,
                          TurnosClockFunc  func,
                          gpointer         user_data)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));
  self->clock = func;
  self->clock_data = user_data;
}

void
turnos_booking_load (TurnosBooking *self,
                     const char    *professional_id)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_return_if_fail (TURNOS_IS_BOOKING (self));

  if (self->wanted_professional != professional_id)
    {
      g_free (self->wanted_professional);
      self->wanted_professional = g_strdup (professional_id);
    }
  _turnos_booking_cancel (&self->load_cancellable);
  self->load_cancellable = g_object_ref (cancellable);
  _turnos_booking_set_error (self, NULL);
  turnos_client_list_professionals_async (self->client, cancellable, professionals_cb,
                                          g_object_ref (self));
}

const char *
turnos_booking_get_client_id (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->client_id;
}

void
turnos_booking_set_client_id (TurnosBooking *self,
                              const char    *client_id)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));

  if (g_strcmp0 (self->client_id, client_id) == 0)
    return;
  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  _turnos_booking_notify (self, PROP_CLIENT_ID);
  _turnos_booking_update_can_continue (self);
}

gboolean
turnos_booking_get_patient_required (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), FALSE);
  return self->patient_required;
}

void
turnos_booking_set_patient_required (TurnosBooking *self,
                                     gboolean       required)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));

  required = !!required;
  if (self->patient_required == required)
    return;
  self->patient_required = required;
  _turnos_booking_notify (self, PROP_PATIENT_REQUIRED);
  _turnos_booking_update_can_continue (self);
}

const char *
turnos_booking_get_professional_id (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->professional_id;
}

void
turnos_booking_set_professional_id (TurnosBooking *self,
                                    const char    *professional_id)
{
  TurnosBookingRequest *request;

  g_return_if_fail (TURNOS_IS_BOOKING (self));

  if (g_strcmp0 (self->professional_id, professional_id) == 0)
    return;
  g_free (self->professional_id);
  self->professional_id = g_strdup (professional_id);
  _turnos_booking_notify (self, PROP_PROFESSIONAL_ID);

  /* Nothing of the previous professional stays on screen, and no answer for them is
   * waited for. */
  _turnos_booking_cancel (&self->day_cancellable);
  _turnos_booking_cancel (&self->month_cancellable);
  _turnos_booking_cancel (&self->settings_cancellable);
  g_clear_handle_id (&self->debounce_id, g_source_remove);
  _turnos_booking_clear_slots (self);
  if (self->settings != NULL)
    {
      g_clear_pointer (&self->settings, turnos_settings_unref);
      _turnos_booking_notify (self, PROP_SETTINGS);
      _turnos_booking_notify (self, PROP_OFFERED_MODALITY);
    }
  if (self->month != NULL)
    {
      g_clear_pointer (&self->month, turnos_month_overview_unref);
      _turnos_booking_notify (self, PROP_MONTH);
    }
  if (professional_id == NULL)
    return;

  /* The professionals list already holds the settings; ask only when it does not. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->professionals)); i++)
    {
      g_autoptr(TurnosProfessional) p = g_list_model_get_item (G_LIST_MODEL (self->professionals), i);

      if (g_strcmp0 (turnos_professional_get_id (p), professional_id) == 0)
        {
          _turnos_booking_apply_settings (self, turnos_professional_get_settings (p));
          return;
        }
    }
  if (g_date_valid (&self->date))
    _turnos_booking_set_loading (self, TRUE);
  request = _turnos_booking_request_new (self, &self->settings_cancellable);
  turnos_client_get_settings_async (self->client, professional_id, request->cancellable,
                                    settings_cb, request);
}

TurnosSettings *
turnos_booking_get_settings (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), NULL);
  return self->settings;
}

TurnosModality
turnos_booking_get_offered_modality (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), TURNOS_MODALITY_BOTH);
  return self->settings ? self->settings->session_modality : TURNOS_MODALITY_BOTH;
}

TurnosModality
turnos_booking_get_modality (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), TURNOS_MODALITY_NONE);
  return self->modality;
}

void
turnos_booking_set_modality (TurnosBooking  *self,
                             TurnosModality  modality)
{
  g_return_if_fail (TURNOS_IS_BOOKING (self));

  if (self->modality == modality)
    return;
  self->modality = modality;
  _turnos_booking_notify (self, PROP_MODALITY);
  _turnos_booking_update_can_continue (self);
}

gboolean
turnos_booking_get_professionals_loaded (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), FALSE);
  return self->professionals_loaded;
}

gboolean
turnos_booking_get_can_continue (TurnosBooking *self)
{
  g_return_val_if_fail (TURNOS_IS_BOOKING (self), FALSE);
  return self->can_continue;
}
