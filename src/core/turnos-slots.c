/* turnos-slots.c: the slot engine, the same on the server and in the client
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-core"

#include "config.h"

#include "turnos-error.h"
#include "turnos-interval.h"
#include "turnos-slots.h"
#include "turnos-time.h"

/* The last day open for booking: today in the professional's zone + the horizon. */
static void
horizon_bounds (const TurnosSettings *settings,
                GDateTime            *now,
                GDate                *today,
                GDate                *last)
{
  g_autoptr(GDateTime) local_now = g_date_time_to_timezone (now, settings->tz);

  turnos_date_from_datetime (local_now, today);
  *last = *today;
  g_date_add_days (last, settings->booking_horizon_days);
}

/* The busy spans as Unix seconds, sorted by start, each with the latest end among it and
 * the spans before it: a slot [start, end) is taken when some span starting before @end ends
 * after @start, one binary search and one look. A month of a busy professional's bookings
 * checked against every slot of every day stays O(slots log n), not O(slots × n). */
typedef struct
{
  gint64 start;
  gint64 max_end;   /* the latest end of this span and all spans sorted before it */
} BusySpan;

static int
compare_span (gconstpointer a,
              gconstpointer b)
{
  gint64 x = ((const BusySpan *) a)->start, y = ((const BusySpan *) b)->start;

  return x < y ? -1 : x > y;
}

static GArray *
busy_spans_new (const TurnosInterval *busy,
                guint                 n_busy)
{
  GArray *spans = g_array_sized_new (FALSE, FALSE, sizeof (BusySpan), n_busy);

  for (guint i = 0; i < n_busy; i++)
    {
      BusySpan span = { g_date_time_to_unix (busy[i].start), g_date_time_to_unix (busy[i].end) };

      g_array_append_val (spans, span);
    }
  g_array_sort (spans, compare_span);
  for (guint i = 1; i < spans->len; i++)
    {
      BusySpan *span = &g_array_index (spans, BusySpan, i);

      span->max_end = MAX (span->max_end, g_array_index (spans, BusySpan, i - 1).max_end);
    }
  return spans;
}

static gboolean
is_free (gint64        start,
         gint64        end,
         const GArray *spans)
{
  const BusySpan *s = (const BusySpan *) (gpointer) spans->data;
  guint lo = 0, hi = spans->len;

  /* lo = how many spans start before @end */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (s[mid].start < end)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo == 0 || s[lo - 1].max_end <= start;
}

/* Calls @func for every grid slot of @date inside the working hours, ignoring busy spans,
 * notice and horizon. Stops when it returns FALSE. */
typedef gboolean (*SlotFunc) (GDateTime *start, GDateTime *end, gpointer data);

static void
foreach_grid_slot (const TurnosSettings *settings,
                   const GDate          *date,
                   SlotFunc              func,
                   gpointer              data)
{
  int weekday = g_date_get_weekday (date);   /* G_DATE_MONDAY = 1 … G_DATE_SUNDAY = 7 */
  int step = MAX (settings->slot_interval_minutes, 1);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint r = 0; r < settings->working_hours->len; r++)
    {
      const TurnosWorkingHours *wh = &g_array_index (settings->working_hours, TurnosWorkingHours, r);
      g_autoptr(GDateTime) range_end = NULL;

      if (wh->weekday != weekday)
        continue;
      /* The range ends at its wall time, or at the first instant after it when a DST gap
       * swallows that wall time. */
      for (int m = wh->end_minute; range_end == NULL && m < wh->end_minute + 24 * 60; m++)
        range_end = turnos_time_at (settings->tz, date, m);
      if (range_end == NULL)
        continue;

      /* Each wall time of the grid by the rule of turnos-time.h (its first occurrence), so
       * the bare string the answer lists names the start it offers. */
      for (int m = wh->start_minute; m < wh->end_minute; m += step)
        {
          g_autoptr(GDateTime) start = turnos_time_at (settings->tz, date, m);
          g_autoptr(GDateTime) end = NULL;
          gint64 key;
          gboolean seen = FALSE;

          if (start == NULL)   /* skipped by a DST change */
            continue;
          /* Overlapping working-hours ranges must not offer one instant twice. */
          key = g_date_time_to_unix (start);
          for (guint i = 0; i < starts->len && !seen; i++)
            seen = g_array_index (starts, gint64, i) == key;
          if (seen)
            continue;
          end = turnos_reservation_draft_end (settings, start);
          if (g_date_time_compare (end, range_end) > 0)
            continue;
          g_array_append_val (starts, key);
          if (!func (start, end, data))
            return;
        }
    }
}

typedef struct
{
  const GArray *spans;
  gint64        earliest;
  GArray       *out;
} ComputeData;

static gboolean
collect_slot (GDateTime *start,
              GDateTime *end,
              gpointer   data)
{
  ComputeData *cd = data;
  TurnosInterval iv;

  if (g_date_time_to_unix (start) < cd->earliest ||
      !is_free (g_date_time_to_unix (start), g_date_time_to_unix (end), cd->spans))
    return TRUE;
  turnos_interval_init (&iv, start, end);
  g_array_append_val (cd->out, iv);
  return TRUE;
}

static int
compare_interval (gconstpointer a,
                  gconstpointer b)
{
  return g_date_time_compare (((const TurnosInterval *) a)->start,
                              ((const TurnosInterval *) b)->start);
}

GArray *
turnos_slots_compute (const TurnosSettings *settings,
                      const GDate          *date,
                      const TurnosInterval *busy,
                      guint                 n_busy,
                      GDateTime            *now)
{
  GArray *out = turnos_interval_array_new ();
  g_autoptr(GArray) spans = NULL;
  ComputeData cd = { NULL, 0, out };
  GDate today, last;

  g_return_val_if_fail (settings != NULL && date != NULL && g_date_valid (date), out);
  g_return_val_if_fail (now != NULL, out);

  horizon_bounds (settings, now, &today, &last);
  if (g_date_compare (date, &today) < 0 || g_date_compare (date, &last) > 0)
    return out;

  spans = busy_spans_new (busy, n_busy);
  cd.spans = spans;
  /* The minimum notice also removes today's past hours. */
  cd.earliest = g_date_time_to_unix (now) + (gint64) settings->min_notice_minutes * 60;
  foreach_grid_slot (settings, date, collect_slot, &cd);
  g_array_sort (out, compare_interval);
  return out;
}

GArray *
turnos_slots_compute_for (const TurnosSettings *settings,
                          const GDate          *date,
                          GPtrArray            *reservations,
                          GPtrArray            *blocks,
                          GDateTime            *now)
{
  g_autoptr(GArray) busy = turnos_interval_array_new ();

  for (guint i = 0; reservations != NULL && i < reservations->len; i++)
    {
      const TurnosReservation *r = g_ptr_array_index (reservations, i);
      TurnosInterval iv;

      if (!turnos_reservation_is_live (r, now) || r->start == NULL || r->end == NULL)
        continue;
      turnos_interval_init (&iv, r->start, r->end);
      g_array_append_val (busy, iv);
    }
  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      const TurnosBlock *b = g_ptr_array_index (blocks, i);
      TurnosInterval iv;

      turnos_interval_init (&iv, b->start, b->end);
      g_array_append_val (busy, iv);
    }

  return turnos_slots_compute (settings, date, (TurnosInterval *) (gpointer) busy->data,
                               busy->len, now);
}

typedef struct
{
  gint64   start;
  gboolean found;
} FindData;

static gboolean
find_slot (GDateTime *start,
           GDateTime *end,
           gpointer   data)
{
  FindData *fd = data;

  if (g_date_time_to_unix (start) == fd->start)
    fd->found = TRUE;
  return !fd->found;
}

gboolean
turnos_slots_check_booking (const TurnosSettings *settings,
                            GDateTime            *start,
                            GDateTime            *end,
                            TurnosModality        modality,
                            GDateTime            *now,
                            GError              **error)
{
  g_autoptr(GDateTime) local_start = NULL;
  int duration;
  GDate date, today, last;
  FindData fd = { 0, FALSE };

  g_return_val_if_fail (settings != NULL && start != NULL && end != NULL && now != NULL, FALSE);

  duration = turnos_settings_get_session_minutes (settings);
  if (g_date_time_difference (end, start) != (GTimeSpan) duration * G_TIME_SPAN_MINUTE)
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_BAD_DURATION,
                   "a session lasts %d minutes", duration);
      return FALSE;
    }
  if (modality != TURNOS_MODALITY_VIRTUAL && modality != TURNOS_MODALITY_PRESENCIAL)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MODALITY_NOT_OFFERED,
                           "a reservation is Virtual or Presencial");
      return FALSE;
    }
  if (settings->session_modality != TURNOS_MODALITY_BOTH && settings->session_modality != modality)
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_MODALITY_NOT_OFFERED,
                   "this professional offers only %s sessions",
                   turnos_modality_to_string (settings->session_modality));
      return FALSE;
    }
  if (g_date_time_compare (start, now) < 0)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_IN_PAST, "that time has passed");
      return FALSE;
    }
  if (g_date_time_difference (start, now) < (GTimeSpan) settings->min_notice_minutes * G_TIME_SPAN_MINUTE)
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_TOO_SOON,
                   "bookings need %d minutes of notice", settings->min_notice_minutes);
      return FALSE;
    }

  local_start = g_date_time_to_timezone (start, settings->tz);
  turnos_date_from_datetime (local_start, &date);
  horizon_bounds (settings, now, &today, &last);
  if (g_date_compare (&date, &last) > 0)
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_BEYOND_HORIZON,
                   "bookings open %d days ahead", settings->booking_horizon_days);
      return FALSE;
    }

  fd.start = g_date_time_to_unix (start);
  foreach_grid_slot (settings, &date, find_slot, &fd);
  if (!fd.found)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_OUTSIDE_HOURS,
                           "not a slot within the working hours");
      return FALSE;
    }
  return TRUE;
}

gboolean
turnos_slots_check_cancel (const TurnosSettings    *settings,
                           const TurnosReservation *reservation,
                           GDateTime               *now,
                           gboolean                 override_notice,
                           GError                 **error)
{
  g_return_val_if_fail (settings != NULL && reservation != NULL && now != NULL, FALSE);

  if (reservation->status == TURNOS_STATUS_CANCELLED)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_ALREADY_CANCELLED,
                           "the reservation is already cancelled");
      return FALSE;
    }
  if (g_date_time_compare (reservation->start, now) <= 0)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_RESERVATION_PAST,
                           "the reservation has already begun");
      return FALSE;
    }
  if (!override_notice &&
      g_date_time_difference (reservation->start, now) <
        (GTimeSpan) settings->cancel_notice_minutes * G_TIME_SPAN_MINUTE)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_TOO_LATE_TO_CANCEL,
                           "cancelling needs more notice than is left");
      return FALSE;
    }
  return TRUE;
}
