/* turnos-events-hub.c: one server's live events subscribers, and the events they hear
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who hears what, and when:
 * - a change is committed with its events (turnos-store.h "Live events");
 * - the hub of the connection that wrote learns it from "events-appended" and reads at once
 *   (an idle of high priority in its thread); it wakes the other hubs of this process
 *   (--threads) the same way; the hubs of other processes (--workers, other servers) learn
 *   it from the store's watch source: SQLite's PRAGMA data_version moving within
 *   TURNOS_SQLITE_EVENTS_POLL_MS, PostgreSQL's NOTIFY at the commit (LISTEN);
 * - each event is parsed once and sent to every subscriber that may see it. A subscriber whose
 *   socket takes no more gets a bounded queue; past it, it is dropped. Nobody waits for it.
 * - pings every "ping-seconds" (libsoup's keepalive); pongs and messages keep a subscriber
 *   alive, and one silent for TURNOS_EVENTS_DEAD_PINGS intervals is dropped.
 * - the first PENDING hold to lapse is watched on the server's clock: when it lapses, the hub
 *   releases lapsed holds in the store, which announces them like any other change.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "turnos-events-hub-private.h"
#include "turnos-events-json.h"
#include "turnos-server-private.h"

/* Events read from the store per query. */
#define READ_BATCH 256
/* The longest the lapse watch sleeps, so a clock moved by a test (or the system) is seen. */
#define LAPSE_TICK_MAX_MS 1000

/*
 * Waking the other hubs of this process: each hub has a Waker, shared with the registry; the
 * hub pointer is read and cleared only in the hub's own thread.
 */

struct _Waker
{
  gatomicrefcount  ref_count;
  GMainContext    *context;
  TurnosEventsHub *hub;        /* NULL once the hub is gone; its thread only */
};

static gint hubs_made;
static GMutex wakers_lock;
static GPtrArray *wakers;      /* of Waker, every live hub's */

static Waker *
waker_ref (Waker *waker)
{
  g_atomic_ref_count_inc (&waker->ref_count);
  return waker;
}

static void
waker_unref (Waker *waker)
{
  if (!g_atomic_ref_count_dec (&waker->ref_count))
    return;
  g_main_context_unref (waker->context);
  g_free (waker);
}


G_DEFINE_FINAL_TYPE (TurnosEventsHub, turnos_events_hub, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PING_SECONDS,
  PROP_MAX_SUBSCRIBERS,
  PROP_QUEUE_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void read_events (TurnosEventsHub *self);
static void arm_lapse (TurnosEventsHub *self);


/*
 * Events
 */

static void
fan_out (TurnosEventsHub  *self,
         TurnosStoreEvent *event)
{
  TurnosEventInfo info;
  g_autoptr(GBytes) bytes = NULL;
  gsize len = strlen (event->json);

  if (!turnos_event_info_parse (event->json, len, &info))
    {
      g_message ("events: event %" G_GINT64_FORMAT " is not one", event->seq);
      return;
    }
  if (info.type == TURNOS_EVENT_RESERVATION)
    self->holds_changed = TRUE;
  bytes = g_bytes_new (event->json, len);
  /* Backwards: a subscriber dropped on the way leaves by swapping in the last one. */
  for (guint i = self->subscribers->len; i > 0; i--)
    {
      Subscriber *s = g_ptr_array_index (self->subscribers, i - 1);

      if (turnos_event_info_visible (&info, s->role, s->account ? s->account->id : NULL))
        _turnos_events_subscriber_send (s, bytes);
    }
  turnos_event_info_clear (&info);
}

static void
close_all (TurnosEventsHub *self,
           gushort          code,
           const char      *reason)
{
  while (self->subscribers->len > 0)
    _turnos_events_subscriber_drop (g_ptr_array_index (self->subscribers, self->subscribers->len - 1), code,
                     reason);
}

static void
read_events (TurnosEventsHub *self)
{
  guint n;

  do
    {
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GError) error = NULL;
      gboolean missed = FALSE;

      events = turnos_store_read_events (self->store, self->last_seq, READ_BATCH, &missed, &error);
      if (events == NULL)
        {
          g_message ("events: cannot read the store's events: %s", error->message);
          return;
        }
      if (missed)
        {
          /* Fell behind what the store keeps: what each subscriber shows may be stale. */
          g_message ("events: missed events after %" G_GINT64_FORMAT "; subscribers resync",
                     self->last_seq);
          close_all (self, TURNOS_EVENTS_CLOSE_RESYNC, "resync");
        }
      for (guint i = 0; i < events->len; i++)
        {
          TurnosStoreEvent *e = g_ptr_array_index (events, i);

          self->last_seq = e->seq;
          fan_out (self, e);
        }
      n = events->len;
    }
  while (n == READ_BATCH);

  if (self->holds_changed)
    {
      self->holds_changed = FALSE;
      arm_lapse (self);
    }
}

static gboolean
read_idle_cb (gpointer user_data)
{
  TurnosEventsHub *self = user_data;

  g_clear_pointer (&self->read_idle, g_source_unref);
  read_events (self);
  return G_SOURCE_REMOVE;
}

/* A read is due in this hub's thread (from it). */
static void
schedule_read (TurnosEventsHub *self)
{
  if (self->read_idle != NULL)
    return;
  self->read_idle = g_idle_source_new ();
  g_source_set_priority (self->read_idle, G_PRIORITY_HIGH);
  g_source_set_callback (self->read_idle, read_idle_cb, self, NULL);
  g_source_set_static_name (self->read_idle, "[turnos-server] events read");
  g_source_attach (self->read_idle, self->context);
}

static gboolean
wake_cb (gpointer user_data)
{
  Waker *waker = user_data;

  if (waker->hub != NULL)
    schedule_read (waker->hub);
  return G_SOURCE_REMOVE;
}

/* This connection committed events: read them now, and wake this process's other hubs. */
static void
events_appended_cb (TurnosStore     *store,
                    TurnosEventsHub *self)
{
  schedule_read (self);

  g_mutex_lock (&wakers_lock);
  for (guint i = 0; wakers != NULL && i < wakers->len; i++)
    {
      Waker *waker = g_ptr_array_index (wakers, i);
      GSource *idle;

      if (waker == self->waker)
        continue;
      idle = g_idle_source_new ();
      g_source_set_priority (idle, G_PRIORITY_HIGH);
      g_source_set_callback (idle, wake_cb, waker_ref (waker), (GDestroyNotify) waker_unref);
      g_source_set_static_name (idle, "[turnos-server] events wake");
      g_source_attach (idle, waker->context);
      g_source_unref (idle);
    }
  g_mutex_unlock (&wakers_lock);
}

static gboolean
watch_cb (gpointer user_data)
{
  read_events (user_data);
  return G_SOURCE_CONTINUE;
}

/*
 * Lapsing holds
 */

static gboolean lapse_cb (gpointer user_data);

/* Asks the store when the first hold lapses, and watches the clock for it. */
static void
arm_lapse (TurnosEventsHub *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan wait;

  g_clear_pointer (&self->next_lapse, g_date_time_unref);
  if (!turnos_store_next_hold_expiry (self->store, &self->next_lapse, &error))
    g_message ("events: cannot find the next hold to lapse: %s", error->message);
  if (self->lapse != NULL)
    {
      g_source_destroy (self->lapse);
      g_clear_pointer (&self->lapse, g_source_unref);
    }
  if (self->next_lapse == NULL)
    return;
  now = _turnos_server_now (self->server);
  wait = g_date_time_difference (self->next_lapse, now) / G_TIME_SPAN_MILLISECOND;
  self->lapse = g_timeout_source_new ((guint) CLAMP (wait, 0, LAPSE_TICK_MAX_MS));
  g_source_set_callback (self->lapse, lapse_cb, self, NULL);
  g_source_set_static_name (self->lapse, "[turnos-server] events lapse");
  g_source_attach (self->lapse, self->context);
}

static gboolean
lapse_cb (gpointer user_data)
{
  TurnosEventsHub *self = user_data;
  g_autoptr(GDateTime) now = _turnos_server_now (self->server);
  g_autoptr(GError) error = NULL;
  GTimeSpan wait;

  if (g_date_time_compare (now, self->next_lapse) >= 0)
    {
      /* Every process watching does this; the store releases (and announces) each hold once. */
      if (!turnos_store_release_lapsed (self->store, now, NULL, &error))
        g_message ("events: cannot release lapsed holds: %s", error->message);
      g_clear_pointer (&self->lapse, g_source_unref);
      arm_lapse (self);
      return G_SOURCE_REMOVE;
    }
  /* Not yet on the server's clock: look again, no later than a tick from now. */
  wait = g_date_time_difference (self->next_lapse, now) / G_TIME_SPAN_MILLISECOND;
  g_source_set_ready_time (self->lapse, g_get_monotonic_time () +
                                        CLAMP (wait, 1, LAPSE_TICK_MAX_MS) * G_TIME_SPAN_MILLISECOND);
  return G_SOURCE_CONTINUE;
}

/*
 * Sweeping: the silent, and tokens revoked or expired since
 */

static gboolean
sweep_cb (gpointer user_data)
{
  TurnosEventsHub *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 silence = (gint64) (self->ping_seconds * TURNOS_EVENTS_DEAD_PINGS * G_USEC_PER_SEC);

  /* Backwards: a subscriber dropped leaves by swapping in the last one. */
  for (guint i = self->subscribers->len; i > 0; i--)
    _turnos_events_subscriber_check (g_ptr_array_index (self->subscribers, i - 1), now, silence);
  return G_SOURCE_CONTINUE;
}

static void
arm_sweep (TurnosEventsHub *self)
{
  if (self->sweep != NULL)
    {
      g_source_destroy (self->sweep);
      g_clear_pointer (&self->sweep, g_source_unref);
    }
  self->sweep = g_timeout_source_new_seconds (self->ping_seconds);
  g_source_set_callback (self->sweep, sweep_cb, self, NULL);
  g_source_set_static_name (self->sweep, "[turnos-server] events sweep");
  g_source_attach (self->sweep, self->context);
}

/*
 * GObject overrides
 */

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
turnos_events_hub_dispose (GObject *object)
{
  TurnosEventsHub *self = TURNOS_EVENTS_HUB (object);

  if (self->waker != NULL)
    {
      g_mutex_lock (&wakers_lock);
      g_ptr_array_remove_fast (wakers, self->waker);
      g_mutex_unlock (&wakers_lock);
      self->waker->hub = NULL;
      g_clear_pointer (&self->waker, waker_unref);
    }
  if (self->subscribers != NULL)
    close_all (self, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "the server is stopping");
  destroy_source (&self->watch);
  destroy_source (&self->read_idle);
  destroy_source (&self->sweep);
  destroy_source (&self->lapse);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (turnos_events_hub_parent_class)->dispose (object);
}

static void
turnos_events_hub_finalize (GObject *object)
{
  TurnosEventsHub *self = TURNOS_EVENTS_HUB (object);

  g_clear_pointer (&self->subscribers, g_ptr_array_unref);
  g_clear_pointer (&self->next_lapse, g_date_time_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (turnos_events_hub_parent_class)->finalize (object);
}

static void
turnos_events_hub_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TurnosEventsHub *self = TURNOS_EVENTS_HUB (object);

  switch (prop_id)
    {
    case PROP_PING_SECONDS:
      g_value_set_uint (value, self->ping_seconds);
      break;
    case PROP_MAX_SUBSCRIBERS:
      g_value_set_uint (value, self->max_subscribers);
      break;
    case PROP_QUEUE_LIMIT:
      g_value_set_uint (value, self->queue_limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_events_hub_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TurnosEventsHub *self = TURNOS_EVENTS_HUB (object);

  switch (prop_id)
    {
    case PROP_PING_SECONDS:
      self->ping_seconds = g_value_get_uint (value);
      for (guint i = 0; i < self->subscribers->len; i++)
        soup_websocket_connection_set_keepalive_interval (
          ((Subscriber *) g_ptr_array_index (self->subscribers, i))->conn, self->ping_seconds);
      if (self->sweep != NULL)
        arm_sweep (self);
      break;
    case PROP_MAX_SUBSCRIBERS:
      self->max_subscribers = g_value_get_uint (value);
      break;
    case PROP_QUEUE_LIMIT:
      self->queue_limit = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_events_hub_class_init (TurnosEventsHubClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = turnos_events_hub_dispose;
  object_class->finalize = turnos_events_hub_finalize;
  object_class->get_property = turnos_events_hub_get_property;
  object_class->set_property = turnos_events_hub_set_property;

  properties[PROP_PING_SECONDS] =
    g_param_spec_uint ("ping-seconds", NULL, NULL, 1, 3600, TURNOS_EVENTS_PING_SECONDS, rw);
  properties[PROP_MAX_SUBSCRIBERS] =
    g_param_spec_uint ("max-subscribers", NULL, NULL, 0, G_MAXUINT, TURNOS_EVENTS_MAX_SUBSCRIBERS, rw);
  properties[PROP_QUEUE_LIMIT] =
    g_param_spec_uint ("queue-limit", NULL, NULL, 1, G_MAXUINT, TURNOS_EVENTS_QUEUE_LIMIT, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static guint
default_max_subscribers (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      limit.rlim_cur < TURNOS_EVENTS_MAX_SUBSCRIBERS + TURNOS_EVENTS_FD_RESERVE)
    return limit.rlim_cur > 2 * TURNOS_EVENTS_FD_RESERVE
           ? (guint) limit.rlim_cur - TURNOS_EVENTS_FD_RESERVE
           : (guint) limit.rlim_cur / 2;
  return TURNOS_EVENTS_MAX_SUBSCRIBERS;
}

static void
turnos_events_hub_init (TurnosEventsHub *self)
{
  self->subscribers = g_ptr_array_new_with_free_func ((GDestroyNotify) _turnos_events_subscriber_free);
  self->ping_seconds = TURNOS_EVENTS_PING_SECONDS;
  self->max_subscribers = default_max_subscribers ();
  self->queue_limit = TURNOS_EVENTS_QUEUE_LIMIT;
}

/*
 * Public API
 */

TurnosEventsHub *
turnos_events_hub_new (TurnosServer *server)
{
  TurnosEventsHub *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (TURNOS_IS_SERVER (server), NULL);

  self = g_object_new (TURNOS_TYPE_EVENTS_HUB, NULL);
  self->index = (guint) g_atomic_int_add (&hubs_made, 1) + 1;
  self->server = server;
  self->store = g_object_ref (_turnos_server_get_store (server));
  self->context = g_main_context_ref_thread_default ();

  /* Subscribers hear what is committed from now on. */
  if (!turnos_store_last_event_seq (self->store, &self->last_seq, &error))
    g_message ("events: cannot find the last event: %s", error->message);
  g_signal_connect (self->store, "events-appended", G_CALLBACK (events_appended_cb), self);
  self->watch = turnos_store_watch_events (self->store);
  g_source_set_callback (self->watch, watch_cb, self, NULL);
  g_source_attach (self->watch, self->context);

  self->waker = g_new0 (Waker, 1);
  g_atomic_ref_count_init (&self->waker->ref_count);
  self->waker->context = g_main_context_ref (self->context);
  self->waker->hub = self;
  g_mutex_lock (&wakers_lock);
  if (wakers == NULL)
    wakers = g_ptr_array_new ();
  g_ptr_array_add (wakers, self->waker);
  g_mutex_unlock (&wakers_lock);

  arm_sweep (self);
  arm_lapse (self);
  return self;
}

void
turnos_events_hub_add (TurnosEventsHub         *self,
                       SoupWebsocketConnection *conn)
{
  Subscriber *s;

  g_return_if_fail (TURNOS_IS_EVENTS_HUB (self));
  g_return_if_fail (SOUP_IS_WEBSOCKET_CONNECTION (conn));

  s = _turnos_events_subscriber_new (self, conn);
  g_ptr_array_add (self->subscribers, s);
  _turnos_events_subscriber_hello (s);
}

gboolean
turnos_events_hub_is_full (TurnosEventsHub *self)
{
  g_return_val_if_fail (TURNOS_IS_EVENTS_HUB (self), TRUE);
  return self->subscribers->len >= self->max_subscribers;
}

guint
turnos_events_hub_get_n_subscribers (TurnosEventsHub *self)
{
  g_return_val_if_fail (TURNOS_IS_EVENTS_HUB (self), 0);
  return self->subscribers->len;
}

void
turnos_events_hub_close_all (TurnosEventsHub *self)
{
  g_return_if_fail (TURNOS_IS_EVENTS_HUB (self));
  close_all (self, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "the server is stopping");
}

void
turnos_events_hub_poll (TurnosEventsHub *self)
{
  g_return_if_fail (TURNOS_IS_EVENTS_HUB (self));
  read_events (self);
}
