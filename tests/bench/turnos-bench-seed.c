/* turnos-bench-seed.c: a store for the benchmarks: the demo clinic plus round-the-clock
 * professionals, so distinct bookings never run out of free times
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "turnos-demo.h"
#include "turnos-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (argc != 3)
    {
      g_printerr ("usage: turnos-bench-seed sqlite:///PATH|postgresql://… N_PROFESSIONALS\n");
      return 2;
    }
  if (!(store = turnos_store_open (argv[1], &error)) || !turnos_demo_seed (store, now, &error))
    goto fail;

  /* bench-1 … bench-N: every day, all day, 15-minute sessions on a 15-minute grid, in UTC,
   * no notice, ten years ahead. */
  for (int i = 1; i <= atoi (argv[2]); i++)
    {
      g_autoptr(TurnosSettings) s = turnos_settings_new ();

      s->user_id = g_strdup_printf ("bench-%d", i);
      s->display_name = g_strdup_printf ("Bench %d", i);
      s->session_duration_minutes = 15;
      s->slot_interval_minutes = 15;
      s->session_modality = TURNOS_MODALITY_BOTH;
      s->booking_horizon_days = 3650;
      for (int wd = 1; wd <= 7; wd++)
        turnos_settings_add_hours (s, wd, 0, 24 * 60);
      if (!turnos_store_put_professional (store, s, &error))
        goto fail;
    }
  return EXIT_SUCCESS;

fail:
  g_printerr ("turnos-bench-seed: %s\n", error->message);
  return EXIT_FAILURE;
}
