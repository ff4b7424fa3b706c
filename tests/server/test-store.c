/* test-store.c: a store through its interface: SQLite, or PostgreSQL as test-store-pg
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "turnos-sqlite-store.h"
#include "turnos-store.h"
#include "turnos-test-server.h"
#include "turnos-test-store.h"
#include "turnos-time.h"
#ifdef HAVE_POSTGRESQL
#include "turnos-pg-store.h"
#endif

typedef struct
{
  char        *uri;
  TurnosStore *store;
  GTimeZone   *tz;
  GDateTime   *now;
} Fixture;

static GDateTime *
at (Fixture    *f,
    const char *str)
{
  GDateTime *dt = turnos_time_parse (str, f->tz, NULL);

  g_assert_nonnull (dt);
  return dt;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosSettings) s = turnos_settings_new ();

  f->uri = turnos_test_store_new_uri ();
  f->store = turnos_store_open (f->uri, &error);
  g_assert_no_error (error);
  f->tz = turnos_time_zone_new ("America/Argentina/Buenos_Aires");
  f->now = at (f, "2026-03-01T08:00:00");

  s->user_id = g_strdup ("pro");
  g_assert_true (turnos_settings_set_timezone (s, "America/Argentina/Buenos_Aires"));
  g_assert_true (turnos_store_put_professional (f->store, s, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  turnos_test_store_drop (f->uri);
  g_free (f->uri);
  g_time_zone_unref (f->tz);
  g_date_time_unref (f->now);
}

static TurnosReservation *
book (Fixture     *f,
      const char  *client,
      const char  *start,
      const char  *end,
      GDateTime   *hold_until,
      GError     **error)
{
  g_autoptr(TurnosReservation) r = turnos_reservation_new ();

  r->client_id = g_strdup (client);
  r->professional_id = g_strdup ("pro");
  r->start = at (f, start);
  r->end = at (f, end);
  r->modality = TURNOS_MODALITY_VIRTUAL;
  return turnos_store_create_reservation (f->store, r, NULL, NULL, f->now, hold_until,
                                          TURNOS_STORE_BOOK_DEFAULT, NULL,
                                          NULL, error);
}

static guint
live_on (Fixture    *f,
         const char *from,
         const char *to,
         guint      *n_blocks)
{
  g_autoptr(GDateTime) a = at (f, from);
  g_autoptr(GDateTime) b = at (f, to);
  g_autoptr(GPtrArray) reservations = NULL;
  g_autoptr(GPtrArray) blocks = NULL;
  guint live = 0;

  g_assert_true (turnos_store_list_range (f->store, "pro", a, b, &reservations, &blocks, NULL));
  for (guint i = 0; i < reservations->len; i++)
    live += turnos_reservation_is_live (reservations->pdata[i], f->now);
  if (n_blocks != NULL)
    *n_blocks = blocks->len;
  return live;
}

static int
schema_version (TurnosStore *store)
{
#ifdef HAVE_POSTGRESQL
  if (TURNOS_IS_PG_STORE (store))
    return turnos_pg_store_get_schema_version (TURNOS_PG_STORE (store));
#endif
  return turnos_sqlite_store_get_schema_version (TURNOS_SQLITE_STORE (store));
}

static void
test_schema (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosStore) again = NULL;

  g_assert_true (turnos_test_store_is_postgresql () == !TURNOS_IS_SQLITE_STORE (f->store));
  g_assert_cmpint (schema_version (f->store), ==, 9);
  /* Opening an existing, migrated database changes nothing and keeps the rows. */
  g_clear_object (&f->store);
  again = turnos_store_open (f->uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (schema_version (again), ==, 9);
  {
    g_autoptr(TurnosSettings) s = turnos_store_get_professional (again, "pro", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (s->timezone, ==, "America/Argentina/Buenos_Aires");
  }
  f->store = g_steal_pointer (&again);
}

static void
test_overlap (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) long_one = book (f, "a", "2026-03-16T09:00:00", "2026-03-16T10:30:00", NULL, &error);
  g_autoptr(TurnosReservation) next = NULL;
  g_autoptr(TurnosReservation) conflict = NULL;
  g_autoptr(TurnosReservation) after = NULL;
  g_autoptr(TurnosReservation) draft = turnos_reservation_new ();

  g_assert_no_error (error);
  g_assert_cmpint (long_one->status, ==, TURNOS_STATUS_CONFIRMED);

  /* A 90-minute booking at 09:00 takes the 10:00 slot. */
  draft->client_id = g_strdup ("b");
  draft->professional_id = g_strdup ("pro");
  draft->start = at (f, "2026-03-16T10:00:00");
  draft->end = at (f, "2026-03-16T10:45:00");
  draft->modality = TURNOS_MODALITY_VIRTUAL;
  next = turnos_store_create_reservation (f->store, draft, NULL, NULL, f->now, NULL,
                                          TURNOS_STORE_BOOK_DEFAULT, NULL,
                                          &conflict, &error);
  g_assert_null (next);
  g_assert_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT);
  g_assert_nonnull (conflict);
  g_assert_cmpstr (conflict->id, ==, long_one->id);
  g_clear_error (&error);

  /* Half-open: one that starts where the other ends fits. */
  after = book (f, "b", "2026-03-16T10:30:00", "2026-03-16T11:15:00", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (live_on (f, "2026-03-16T00:00:00", "2026-03-17T00:00:00", NULL), ==, 2);
}

static void
test_cancelled_takes_nothing (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) r = book (f, "a", "2026-03-16T09:00:00", "2026-03-16T09:45:00", NULL, &error);
  g_autoptr(TurnosReservation) cancelled = NULL;
  g_autoptr(TurnosReservation) again = NULL;
  g_autoptr(TurnosReservation) twice = NULL;

  cancelled = turnos_store_set_status (f->store, r->id, TURNOS_STATUS_CANCELLED, &error);
  g_assert_no_error (error);
  again = book (f, "b", "2026-03-16T09:00:00", "2026-03-16T09:45:00", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  twice = turnos_store_set_status (f->store, r->id, TURNOS_STATUS_CANCELLED, &error);
  g_assert_null (twice);
  g_assert_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_ALREADY_CANCELLED);
}

static void
test_expired_hold_released (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) hold = g_date_time_add_minutes (f->now, 15);
  g_autoptr(TurnosReservation) held = book (f, "a", "2026-03-16T09:00:00", "2026-03-16T09:45:00", hold, &error);
  g_autoptr(TurnosReservation) blocked = NULL;
  g_autoptr(TurnosReservation) later = NULL;
  g_autoptr(TurnosReservation) old = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (held->status, ==, TURNOS_STATUS_PENDING);
  blocked = book (f, "b", "2026-03-16T09:00:00", "2026-03-16T09:45:00", NULL, &error);
  g_assert_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Sixteen minutes later the hold has lapsed: released in the booking's own transaction. */
  g_date_time_unref (f->now);
  f->now = g_date_time_add_minutes (hold, 1);
  later = book (f, "b", "2026-03-16T09:00:00", "2026-03-16T09:45:00", NULL, &error);
  g_assert_no_error (error);
  old = turnos_store_get_reservation (f->store, held->id, &error);
  g_assert_cmpint (old->status, ==, TURNOS_STATUS_CANCELLED);
}

static void
test_days (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) late = book (f, "a", "2026-03-16T23:30:00", "2026-03-17T00:30:00", NULL, &error);
  g_autoptr(TurnosBlock) block = turnos_block_new ();
  g_autoptr(TurnosBlock) stored = NULL;
  guint n_blocks = 0;

  g_assert_no_error (error);
  /* Across midnight: both days see it. */
  g_assert_cmpuint (live_on (f, "2026-03-16T00:00:00", "2026-03-17T00:00:00", NULL), ==, 1);
  g_assert_cmpuint (live_on (f, "2026-03-17T00:00:00", "2026-03-18T00:00:00", NULL), ==, 1);
  g_assert_cmpuint (live_on (f, "2026-03-18T00:00:00", "2026-03-19T00:00:00", NULL), ==, 0);

  /* A vacation from the 20th to the 30th is seen on the 25th. */
  block->professional_id = g_strdup ("pro");
  block->start = at (f, "2026-03-20T00:00:00");
  block->end = at (f, "2026-03-30T00:00:00");
  block->reason = g_strdup ("Vacation");
  stored = turnos_store_add_block (f->store, block, f->now, NULL, &error);
  g_assert_no_error (error);
  live_on (f, "2026-03-25T00:00:00", "2026-03-26T00:00:00", &n_blocks);
  g_assert_cmpuint (n_blocks, ==, 1);
  live_on (f, "2026-03-30T00:00:00", "2026-03-31T00:00:00", &n_blocks);
  g_assert_cmpuint (n_blocks, ==, 0);
}

static void
test_blocks (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) r = book (f, "a", "2026-03-16T10:00:00", "2026-03-16T10:45:00", NULL, &error);
  g_autoptr(TurnosBlock) over = turnos_block_new ();
  g_autoptr(TurnosBlock) refused = NULL;
  g_autoptr(TurnosBlock) fine = NULL;
  g_autoptr(TurnosReservation) conflict = NULL;
  g_autoptr(TurnosReservation) into_block = NULL;

  over->professional_id = g_strdup ("pro");
  over->start = at (f, "2026-03-16T09:00:00");
  over->end = at (f, "2026-03-16T12:00:00");
  refused = turnos_store_add_block (f->store, over, f->now, &conflict, &error);
  g_assert_null (refused);
  g_assert_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (conflict->id, ==, r->id);
  g_clear_error (&error);

  g_date_time_unref (over->start);
  over->start = at (f, "2026-03-16T11:00:00");
  fine = turnos_store_add_block (f->store, over, f->now, NULL, &error);
  g_assert_no_error (error);
  into_block = book (f, "b", "2026-03-16T11:00:00", "2026-03-16T11:45:00", NULL, &error);
  g_assert_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (turnos_store_remove_block (f->store, "pro", fine->id, &error));
  g_assert_false (turnos_store_remove_block (f->store, "pro", fine->id, &error));
  g_assert_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND);
}

static void
test_idempotency (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TurnosReservation) r = turnos_reservation_new ();
  g_autoptr(TurnosReservation) first = NULL;
  g_autoptr(TurnosReservation) second = NULL;
  g_autoptr(TurnosReservation) other = NULL;
  g_autoptr(GError) error = NULL;
  gboolean replayed = TRUE;

  r->client_id = g_strdup ("a");
  r->professional_id = g_strdup ("pro");
  r->start = at (f, "2026-03-16T09:00:00");
  r->end = at (f, "2026-03-16T09:45:00");
  r->modality = TURNOS_MODALITY_VIRTUAL;
  first = turnos_store_create_reservation (f->store, r, "key-1", "hash-1", f->now, NULL,
                                           TURNOS_STORE_BOOK_DEFAULT,
                                           &replayed, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (replayed);
  second = turnos_store_create_reservation (f->store, r, "key-1", "hash-1", f->now, NULL,
                                            TURNOS_STORE_BOOK_DEFAULT,
                                            &replayed, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (replayed);
  g_assert_cmpstr (second->id, ==, first->id);
  other = turnos_store_create_reservation (f->store, r, "key-1", "hash-2", f->now, NULL,
                                           TURNOS_STORE_BOOK_DEFAULT,
                                           &replayed, NULL, &error);
  g_assert_null (other);
  g_assert_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_IDEMPOTENCY_MISMATCH);
}

/* Rows in @table, read through a connection of the test's own. */
static int
count_rows (Fixture    *f,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr(GPtrArray) rows = turnos_test_store_query (f->uri, sql);

  g_assert_cmpuint (rows->len, ==, 1);
  return atoi (g_ptr_array_index (rows, 0));
}

/* The file of the fixture's SQLite store. */
static const char *
sqlite_path (Fixture *f)
{
  g_assert_true (g_str_has_prefix (f->uri, "sqlite://"));
  return f->uri + strlen ("sqlite://");
}

/* A create with @key at @now, on @day at 09:00; NULL on error. */
static TurnosReservation *
create_keyed (Fixture     *f,
              const char  *key,
              const char  *day,
              GDateTime   *now,
              gboolean    *replayed,
              GError     **error)
{
  g_autoptr(TurnosReservation) r = turnos_reservation_new ();
  g_autofree char *start = g_strdup_printf ("%sT09:00:00", day);
  g_autofree char *end = g_strdup_printf ("%sT09:45:00", day);

  r->client_id = g_strdup ("a");
  r->professional_id = g_strdup ("pro");
  r->start = at (f, start);
  r->end = at (f, end);
  r->modality = TURNOS_MODALITY_VIRTUAL;
  return turnos_store_create_reservation (f->store, r, key, day, now, NULL,
                                          TURNOS_STORE_BOOK_DEFAULT, replayed, NULL, error);
}

/* Keys are forgotten after a day: the table does not grow with every create ever made, and
 * a key that old names a new request. */
static void
test_idempotency_expires (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) next_day = g_date_time_add_hours (f->now, 24);
  g_autoptr(GDateTime) later = g_date_time_add_seconds (next_day, 1);
  g_autoptr(GError) error = NULL;
  gboolean replayed = TRUE;

  for (int i = 0; i < 20; i++)
    {
      g_autofree char *key = g_strdup_printf ("key-%d", i);
      g_autofree char *day = g_strdup_printf ("2026-04-%02d", i + 1);
      g_autoptr(TurnosReservation) r = create_keyed (f, key, day, f->now, &replayed, &error);

      g_assert_no_error (error);
      g_assert_false (replayed);
    }
  g_assert_cmpint (count_rows (f, "idempotency"), ==, 20);

  /* Exactly a day later a key still replays. */
  {
    g_autoptr(TurnosReservation) again = create_keyed (f, "key-0", "2026-04-01", next_day,
                                                       &replayed, &error);
    g_assert_no_error (error);
    g_assert_true (replayed);
    g_assert_cmpint (count_rows (f, "idempotency"), ==, 20);
  }

  /* A second more and the day's keys are gone: key-0 with another body books anew instead
   * of answering a mismatch, and only its own row is left. */
  {
    g_autoptr(TurnosReservation) fresh = create_keyed (f, "key-0", "2026-05-04", later,
                                                       &replayed, &error);
    g_assert_no_error (error);
    g_assert_nonnull (fresh);
    g_assert_false (replayed);
    g_assert_cmpint (count_rows (f, "idempotency"), ==, 1);
  }
}

/* Ids that clash (as two workers forked with one random state once made them) cost a retry
 * with a fresh id, not an error. */
static guint clashing_calls;

static char *
clashing_id (void)
{
  return clashing_calls++ < 2 ? g_strdup ("the-same-id") : g_strdup_printf ("id-%u", clashing_calls);
}

static void
set_id_func (TurnosStore  *store,
             char       *(*func) (void))
{
#ifdef HAVE_POSTGRESQL
  if (TURNOS_IS_PG_STORE (store))
    {
      _turnos_pg_store_set_id_func (TURNOS_PG_STORE (store), func);
      return;
    }
#endif
  _turnos_sqlite_store_set_id_func (TURNOS_SQLITE_STORE (store), func);
}

static void
test_id_clash_retried (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(TurnosReservation) first = NULL;
  g_autoptr(TurnosReservation) second = NULL;
  g_autoptr(TurnosBlock) block = turnos_block_new ();
  g_autoptr(TurnosBlock) stored = NULL;
  g_autoptr(GError) error = NULL;

  clashing_calls = 0;
  set_id_func (f->store, clashing_id);
  first = book (f, "a", "2026-03-16T09:00:00", "2026-03-16T09:45:00", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->id, ==, "the-same-id");
  second = book (f, "b", "2026-03-16T10:00:00", "2026-03-16T10:45:00", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second->id, ==, "id-3");

  /* Blocks take the same path. */
  clashing_calls = 0;
  block->professional_id = g_strdup ("pro");
  block->start = at (f, "2026-03-17T09:00:00");
  block->end = at (f, "2026-03-17T10:00:00");
  stored = turnos_store_add_block (f->store, block, f->now, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&stored, turnos_block_unref);
  stored = turnos_store_add_block (f->store, block, f->now, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->id, ==, "id-3");
  set_id_func (f->store, NULL);
}

/* Patient data is the owner's alone: the file, its -wal and its -shm are 0600, also when an
 * older version left them 0644. */
static void
assert_mode (const char *path,
             guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
test_file_modes (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *db = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *old = NULL;
  g_autofree char *old_uri = NULL;
  g_autoptr(TurnosStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  mode_t mask;

  if (turnos_test_store_is_postgresql ())
    {
      g_test_skip ("PostgreSQL keeps its files itself (0600 in its data directory)");
      return;
    }
  db = g_strdup (sqlite_path (f));
  wal = g_strconcat (db, "-wal", NULL);
  shm = g_strconcat (db, "-shm", NULL);
  dir = g_path_get_dirname (db);
  old = g_build_filename (dir, "old.db", NULL);
  old_uri = g_strdup_printf ("sqlite://%s", old);
  mask = umask (022);

  /* The fixture's store, created under the usual umask, has written through its WAL. */
  assert_mode (db, 0600);
  assert_mode (wal, 0600);
  assert_mode (shm, 0600);

  /* A file left 0644 by an older version is closed to others when opened. */
  g_assert_true (g_file_set_contents (old, "", 0, NULL));
  g_assert_cmpint (g_chmod (old, 0644), ==, 0);
  reopened = turnos_store_open (old_uri, &error);
  g_assert_no_error (error);
  assert_mode (old, 0600);
  g_clear_object (&reopened);
  umask (mask);
  {
    g_autofree char *old_wal = g_strconcat (old, "-wal", NULL);
    g_autofree char *old_shm = g_strconcat (old, "-shm", NULL);

    g_unlink (old);
    g_unlink (old_wal);
    g_unlink (old_shm);
  }
}

/* Threads, each with a connection of its own to one file, insert the same time at once. */
typedef struct
{
  Fixture *f;
  GMutex   mutex;
  GCond    cond;
  gboolean go;
  guint    created;
  guint    conflicts;
} Race;

static gpointer
racer (gpointer data)
{
  Race *race = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosStore) store = turnos_store_open (race->f->uri, &error);
  g_autoptr(TurnosReservation) r = turnos_reservation_new ();
  g_autoptr(TurnosReservation) stored = NULL;

  g_assert_no_error (error);
  r->client_id = g_strdup ("racer");
  r->professional_id = g_strdup ("pro");
  r->start = at (race->f, "2026-03-16T15:00:00");
  r->end = at (race->f, "2026-03-16T15:45:00");
  r->modality = TURNOS_MODALITY_VIRTUAL;

  g_mutex_lock (&race->mutex);
  while (!race->go)
    g_cond_wait (&race->cond, &race->mutex);
  g_mutex_unlock (&race->mutex);

  stored = turnos_store_create_reservation (store, r, NULL, NULL, race->f->now, NULL,
                                            TURNOS_STORE_BOOK_DEFAULT, NULL,
                                            NULL, &error);
  g_mutex_lock (&race->mutex);
  if (stored != NULL)
    race->created++;
  else if (g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT))
    race->conflicts++;
  g_mutex_unlock (&race->mutex);
  return NULL;
}

static void
test_race (Fixture       *f,
           gconstpointer  data)
{
  Race race = { f };
  GThread *threads[8];

  g_mutex_init (&race.mutex);
  g_cond_init (&race.cond);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("racer", racer, &race);
  g_mutex_lock (&race.mutex);
  race.go = TRUE;
  g_cond_broadcast (&race.cond);
  g_mutex_unlock (&race.mutex);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (race.created, ==, 1);
  g_assert_cmpuint (race.conflicts, ==, G_N_ELEMENTS (threads) - 1);
  g_assert_cmpuint (live_on (f, "2026-03-16T00:00:00", "2026-03-17T00:00:00", NULL), ==, 1);
  g_mutex_clear (&race.mutex);
  g_cond_clear (&race.cond);
}

/* One patient, eight professionals, one time: threads with a connection each book it at
 * once, five times over. One patient is in one place: one booking a round, the others
 * PATIENT_BUSY (on PostgreSQL the patient's lock makes them take turns; without it two
 * bookings with two professionals both pass the check). */
typedef struct
{
  Fixture *f;
  GMutex   mutex;
  GCond    cond;
  guint    round;    /* what the threads may start: 1 to 5, 0 none yet */
  guint    next;     /* the professional the next thread takes */
  guint    created[5];
  guint    busy[5];
  guint    other[5];
} PatientRace;

static gpointer
patient_racer (gpointer data)
{
  PatientRace *race = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosStore) store = turnos_store_open (race->f->uri, &error);
  g_autofree char *pro = NULL;

  g_assert_no_error (error);
  g_mutex_lock (&race->mutex);
  pro = g_strdup_printf ("pro-%u", race->next++);
  g_mutex_unlock (&race->mutex);
  for (guint round = 1; round <= 5; round++)
    {
      g_autoptr(TurnosReservation) r = turnos_reservation_new ();
      g_autoptr(TurnosReservation) stored = NULL;
      g_autofree char *start = g_strdup_printf ("2026-03-%02uT15:00:00", 15 + round);
      g_autofree char *end = g_strdup_printf ("2026-03-%02uT15:45:00", 15 + round);

      r->client_id = g_strdup ("racer");
      r->professional_id = g_strdup (pro);
      r->start = at (race->f, start);
      r->end = at (race->f, end);
      r->modality = TURNOS_MODALITY_VIRTUAL;
      g_mutex_lock (&race->mutex);
      while (race->round < round)
        g_cond_wait (&race->cond, &race->mutex);
      g_mutex_unlock (&race->mutex);

      g_clear_error (&error);
      stored = turnos_store_create_reservation (store, r, NULL, NULL, race->f->now, NULL,
                                                TURNOS_STORE_BOOK_DEFAULT, NULL, NULL, &error);
      g_mutex_lock (&race->mutex);
      if (stored != NULL)
        race->created[round - 1]++;
      else if (g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_PATIENT_BUSY))
        race->busy[round - 1]++;
      else
        race->other[round - 1]++;
      g_cond_broadcast (&race->cond);
      g_mutex_unlock (&race->mutex);
    }
  return NULL;
}

static void
test_patient_race (Fixture       *f,
                   gconstpointer  data)
{
  PatientRace race = { f };
  GThread *threads[8];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(TurnosSettings) s = turnos_settings_new ();
      g_autoptr(GError) error = NULL;

      s->user_id = g_strdup_printf ("pro-%u", i);
      g_assert_true (turnos_settings_set_timezone (s, "America/Argentina/Buenos_Aires"));
      g_assert_true (turnos_store_put_professional (f->store, s, &error));
      g_assert_no_error (error);
    }
  g_mutex_init (&race.mutex);
  g_cond_init (&race.cond);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("racer", patient_racer, &race);
  for (guint round = 1; round <= 5; round++)
    {
      g_mutex_lock (&race.mutex);
      race.round = round;
      g_cond_broadcast (&race.cond);
      while (race.created[round - 1] + race.busy[round - 1] + race.other[round - 1] <
             G_N_ELEMENTS (threads))
        g_cond_wait (&race.cond, &race.mutex);
      g_mutex_unlock (&race.mutex);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  for (guint round = 0; round < 5; round++)
    {
      g_assert_cmpuint (race.created[round], ==, 1);
      g_assert_cmpuint (race.busy[round], ==, G_N_ELEMENTS (threads) - 1);
    }
  g_mutex_clear (&race.mutex);
  g_cond_clear (&race.cond);
}

static void
test_payment (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(TurnosReservation) r = turnos_reservation_new ();
  g_autoptr(GDateTime) expires = g_date_time_add_minutes (f->now, 15);
  g_autoptr(TurnosPayment) p = NULL;
  g_autoptr(TurnosPayment) late = NULL;
  g_autoptr(GError) error = NULL;

  r->client_id = g_strdup ("a");
  r->professional_id = g_strdup ("pro");
  r->start = at (f, "2026-03-16T09:00:00");
  r->end = at (f, "2026-03-16T09:45:00");
  r->modality = TURNOS_MODALITY_PRESENCIAL;
  p = turnos_store_create_payment (f->store, r, "10.00", "ARS", NULL, NULL, f->now, expires,
                                   TURNOS_STORE_BOOK_DEFAULT,
                                   NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->status, ==, TURNOS_PAYMENT_PENDING);
  g_assert_cmpint (p->reservation->status, ==, TURNOS_STATUS_PENDING);

  /* Paying after the hold lapsed does not confirm: the time was released. */
  g_date_time_unref (f->now);
  f->now = g_date_time_add_minutes (expires, 1);
  late = turnos_store_decide_payment (f->store, p->payment_id, TRUE, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (late->status, ==, TURNOS_PAYMENT_EXPIRED);
  g_assert_cmpint (late->reservation->status, ==, TURNOS_STATUS_CANCELLED);
}

/* The settings @store gives for "pro" once they have @minutes: at once on SQLite (it checks
 * PRAGMA data_version on every read), within moments on PostgreSQL (another connection's
 * change arrives as a notification). */
static TurnosSettings *
settings_with (TurnosStore *store,
               int          minutes)
{
  g_autoptr(TurnosSettings) s = NULL;

  for (int i = 0; i < 1000; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean never = FALSE;

      g_clear_pointer (&s, turnos_settings_unref);
      s = turnos_store_get_professional (store, "pro", &error);
      g_assert_no_error (error);
      if (s->session_duration_minutes == minutes)
        break;
      g_assert_true (turnos_test_store_is_postgresql ());
      turnos_test_wait_for (&never, 1);
    }
  return g_steal_pointer (&s);
}

/* Settings are parsed once and kept; a change through this store or through another
 * connection to the same database (a second worker process, another server) is seen on a
 * next read. */
static void
test_settings_cache (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosStore) other = turnos_store_open (f->uri, &error);
  g_autoptr(TurnosSettings) first = turnos_store_get_professional (f->store, "pro", &error);
  g_autoptr(TurnosSettings) kept = NULL;
  g_autoptr(TurnosSettings) changed = NULL;
  g_autoptr(TurnosSettings) seen = NULL;
  g_autoptr(TurnosSettings) own = NULL;

  g_assert_no_error (error);
  kept = turnos_store_get_professional (f->store, "pro", &error);
  g_assert_no_error (error);
  g_assert_true (kept == first);

  changed = turnos_settings_copy (first);
  changed->session_duration_minutes = 50;   /* not the default 45 */
  g_assert_true (turnos_settings_set_timezone (changed, "Europe/Madrid"));
  g_assert_true (turnos_store_put_professional (other, changed, &error));
  g_assert_no_error (error);
  seen = settings_with (f->store, 50);
  g_assert_cmpint (seen->session_duration_minutes, ==, 50);
  g_assert_cmpstr (seen->timezone, ==, "Europe/Madrid");
  /* The zone kept for reading rows changed with it. */
  {
    g_autoptr(TurnosReservation) r = book (f, "a", "2026-03-16T09:00:00", "2026-03-16T10:00:00", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (r->timezone, ==, "Europe/Madrid");
  }

  changed->session_duration_minutes = 30;
  g_assert_true (turnos_store_put_professional (f->store, changed, &error));
  own = turnos_store_get_professional (f->store, "pro", &error);
  g_assert_no_error (error);
  g_assert_cmpint (own->session_duration_minutes, ==, 30);
}

/* Every booking first releases the professional's lapsed holds: that sweep must read only
 * PENDING rows through their own index, not the professional's whole agenda (it made each
 * write cost the agenda's size). */
static void
test_pending_sweep_indexed (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;

  if (turnos_test_store_is_postgresql ())
    {
      /* The same partial index; the planner picks it once the table is large. */
      g_autoptr(GPtrArray) rows =
        turnos_test_store_query (f->uri,
                                 "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                                 "AND indexname = 'reservations_pending'");

      g_assert_cmpuint (rows->len, ==, 1);
      g_assert_nonnull (strstr (g_ptr_array_index (rows, 0), "WHERE"));
      return;
    }
  g_assert_cmpint (sqlite3_open_v2 (sqlite_path (f), &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "EXPLAIN QUERY PLAN UPDATE reservations SET status = "
                                       "'CANCELLED' WHERE professional_id = 'pro' AND status = "
                                       "'PENDING' AND hold_expires_ts <= 0", -1, &st, NULL), ==, SQLITE_OK);
  while (sqlite3_step (st) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (st, 3));
  sqlite3_finalize (st);
  sqlite3_close (db);
  g_test_message ("%s", plan->str);
  g_assert_nonnull (strstr (plan->str, "reservations_pending"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/server/store/schema", test_schema);
  ADD ("/server/store/settings-cache", test_settings_cache);
  ADD ("/server/store/overlap", test_overlap);
  ADD ("/server/store/cancelled-takes-nothing", test_cancelled_takes_nothing);
  ADD ("/server/store/expired-hold-released", test_expired_hold_released);
  ADD ("/server/store/days", test_days);
  ADD ("/server/store/blocks", test_blocks);
  ADD ("/server/store/idempotency", test_idempotency);
  ADD ("/server/store/idempotency-expires", test_idempotency_expires);
  ADD ("/server/store/id-clash-retried", test_id_clash_retried);
  ADD ("/server/store/file-modes", test_file_modes);
  ADD ("/server/store/race", test_race);
  ADD ("/server/store/patient-race", test_patient_race);
  ADD ("/server/store/payment-expiry", test_payment);
  ADD ("/server/store/pending-sweep-indexed", test_pending_sweep_indexed);
#undef ADD

  return g_test_run ();
}
