/* turnos-live-follow.c: the views' controllers follow the live events
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Done from outside each controller, through its public API (its ids, its refresh): the
 * bookkeeping of one controller's following lives in a Follow kept as the controller's data,
 * which goes with it.
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-live-follow.h"

#define FOLLOW_KEY "turnos-live-follow"

typedef void (*RefreshFunc) (gpointer view);

typedef struct
{
  GObject      *view;       /* not a reference: the Follow is the view's data */
  TurnosEvents *events;
  RefreshFunc   refresh;
  guint         idle_id;
} Follow;

static void
follow_free (Follow *follow)
{
  g_clear_handle_id (&follow->idle_id, g_source_remove);
  if (follow->events != NULL)
    g_signal_handlers_disconnect_by_data (follow->events, follow);
  g_clear_object (&follow->events);
  g_free (follow);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  Follow *follow = user_data;

  follow->idle_id = 0;
  follow->refresh (follow->view);
  return G_SOURCE_REMOVE;
}

/* A refresh soon: every event of one burst lands before it. */
static void
schedule_refresh (Follow *follow)
{
  if (follow->idle_id == 0)
    follow->idle_id = g_idle_add (refresh_idle_cb, follow);
}

static void
resync_cb (TurnosEvents *events,
           Follow       *follow)
{
  schedule_refresh (follow);
}

/* The view's string property @name equals @value. */
static gboolean
view_is (Follow     *follow,
         const char *name,
         const char *value)
{
  g_autofree char *mine = NULL;

  g_object_get (follow->view, name, &mine, NULL);
  return mine != NULL && g_strcmp0 (mine, value) == 0;
}

/* Replaces @view's following with a new Follow on @events (NULL: none), returned. */
static Follow *
follow (gpointer     view,
        TurnosEvents *events,
        RefreshFunc   refresh)
{
  Follow *f;

  g_object_set_data (G_OBJECT (view), FOLLOW_KEY, NULL);
  if (events == NULL)
    return NULL;
  f = g_new0 (Follow, 1);
  f->view = G_OBJECT (view);
  f->events = g_object_ref (events);
  f->refresh = refresh;
  g_object_set_data_full (G_OBJECT (view), FOLLOW_KEY, f, (GDestroyNotify) follow_free);
  g_signal_connect (events, "resync", G_CALLBACK (resync_cb), f);
  return f;
}

/*
 * My Reservations
 */

static void
reservations_reservation_cb (TurnosEvents *events,
                             const char   *id,
                             const char   *professional_id,
                             const char   *client_id,
                             TurnosStatus  status,
                             const GDate  *date,
                             Follow       *follow)
{
  if (view_is (follow, "client-id", client_id))
    schedule_refresh (follow);
}

void
turnos_reservations_follow_events (TurnosReservations *self,
                                   TurnosEvents       *events)
{
  Follow *f;

  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));
  g_return_if_fail (events == NULL || TURNOS_IS_EVENTS (events));

  if ((f = follow (self, events, (RefreshFunc) turnos_reservations_refresh)) != NULL)
    g_signal_connect (events, "reservation", G_CALLBACK (reservations_reservation_cb), f);
}

/*
 * Time off
 */

static void
time_off_availability_cb (TurnosEvents *events,
                          const char   *professional_id,
                          const GDate  *first,
                          const GDate  *last,
                          Follow       *follow)
{
  if (view_is (follow, "professional-id", professional_id))
    schedule_refresh (follow);
}

static void
professional_settings_cb (TurnosEvents *events,
                          const char   *professional_id,
                          Follow       *follow)
{
  if (view_is (follow, "professional-id", professional_id))
    schedule_refresh (follow);
}

void
turnos_time_off_follow_events (TurnosTimeOff *self,
                               TurnosEvents  *events)
{
  Follow *f;

  g_return_if_fail (TURNOS_IS_TIME_OFF (self));
  g_return_if_fail (events == NULL || TURNOS_IS_EVENTS (events));

  if ((f = follow (self, events, (RefreshFunc) turnos_time_off_refresh)) == NULL)
    return;
  g_signal_connect (events, "availability", G_CALLBACK (time_off_availability_cb), f);
  g_signal_connect (events, "settings", G_CALLBACK (professional_settings_cb), f);
}

/*
 * The desk's day
 */

static gboolean
desk_day_shows (Follow      *follow,
                const char  *professional_id,
                const GDate *first,
                const GDate *last)
{
  return view_is (follow, "professional-id", professional_id) &&
         turnos_events_range_has_date (first, last,
                                       turnos_desk_day_get_date (TURNOS_DESK_DAY (follow->view)));
}

static void
desk_day_availability_cb (TurnosEvents *events,
                          const char   *professional_id,
                          const GDate  *first,
                          const GDate  *last,
                          Follow       *follow)
{
  if (desk_day_shows (follow, professional_id, first, last))
    schedule_refresh (follow);
}

static void
desk_day_reservation_cb (TurnosEvents *events,
                         const char   *id,
                         const char   *professional_id,
                         const char   *client_id,
                         TurnosStatus  status,
                         const GDate  *date,
                         Follow       *follow)
{
  /* A confirmation moves no time, but the day lists it. */
  if (desk_day_shows (follow, professional_id, date, date))
    schedule_refresh (follow);
}

void
turnos_desk_day_follow_events (TurnosDeskDay *self,
                               TurnosEvents  *events)
{
  Follow *f;

  g_return_if_fail (TURNOS_IS_DESK_DAY (self));
  g_return_if_fail (events == NULL || TURNOS_IS_EVENTS (events));

  if ((f = follow (self, events, (RefreshFunc) turnos_desk_day_refresh)) == NULL)
    return;
  g_signal_connect (events, "availability", G_CALLBACK (desk_day_availability_cb), f);
  g_signal_connect (events, "reservation", G_CALLBACK (desk_day_reservation_cb), f);
  g_signal_connect (events, "settings", G_CALLBACK (professional_settings_cb), f);
}
