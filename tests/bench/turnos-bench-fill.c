/* turnos-bench-fill.c: grow the reservations table to N rows, fast, for the scale benchmark
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A benchmark tool, not part of the server: it writes the SQLite store's schema directly, in
 * one transaction per 100 000 rows, which the server's one-booking-at-a-time path is not for.
 * Rows go to bench-1 … bench-4 (15-minute sessions, back to back from tomorrow, UTC), so each
 * of their days holds 96 bookings and the table holds N.
 */
#include "config.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdlib.h>

#define BATCH 100000

int
main (int   argc,
      char *argv[])
{
  sqlite3 *db = NULL;
  sqlite3_stmt *count = NULL, *insert = NULL;
  gint64 have, want, start;

  if (argc != 3 || sqlite3_open (argv[1], &db) != SQLITE_OK)
    {
      g_printerr ("usage: turnos-bench-fill PATH.db N\n");
      return 2;
    }
  want = g_ascii_strtoll (argv[2], NULL, 10);
  sqlite3_busy_timeout (db, 10000);
  sqlite3_exec (db, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
  sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM reservations", -1, &count, NULL);
  sqlite3_step (count);
  have = sqlite3_column_int64 (count, 0);
  sqlite3_finalize (count);

  start = (g_get_real_time () / G_USEC_PER_SEC / 86400 + 1) * 86400;
  sqlite3_prepare_v2 (db,
                      "INSERT INTO reservations (id, client_id, professional_id, start_ts, end_ts, "
                      "status, modality, created_ts) VALUES (?1, 'bench', ?2, ?3, ?4, 'CONFIRMED', "
                      "'Virtual', ?5)", -1, &insert, NULL);
  while (have < want)
    {
      sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
      for (int i = 0; i < BATCH && have < want; i++, have++)
        {
          char id[32], prof[16];
          gint64 slot = have / 4, ts = start + slot * 900;

          g_snprintf (id, sizeof id, "fill-%" G_GINT64_FORMAT, have);
          g_snprintf (prof, sizeof prof, "bench-%d", (int) (have % 4) + 1);
          sqlite3_bind_text (insert, 1, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (insert, 2, prof, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (insert, 3, ts);
          sqlite3_bind_int64 (insert, 4, ts + 900);
          sqlite3_bind_int64 (insert, 5, start);
          if (sqlite3_step (insert) != SQLITE_DONE)
            {
              g_printerr ("turnos-bench-fill: %s\n", sqlite3_errmsg (db));
              return 1;
            }
          sqlite3_reset (insert);
        }
      sqlite3_exec (db, "UPDATE professionals SET max_len = MAX(max_len, 900) WHERE id LIKE 'bench-%'; COMMIT",
                    NULL, NULL, NULL);
    }
  sqlite3_finalize (insert);
  sqlite3_close (db);
  return 0;
}
