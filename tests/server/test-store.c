/* test-store.c: a store through its interface: SQLite, or PostgreSQL as test-store-pg
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
  return turnos_store_create_reservation (f->store, r, NULL, NULL, f->now, hold_until, NULL,
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
  g_assert_cmpint (schema_version (f->store), ==, 2);
  /* Opening an existing, migrated database changes nothing and keeps the rows. */
  g_clear_object (&f->store);
  again = turnos_store_open (f->uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (schema_version (again), ==, 2);
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
  next = turnos_store_create_reservation (f->store, draft, NULL, NULL, f->now, NULL, NULL,
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
                                           &replayed, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (replayed);
  second = turnos_store_create_reservation (f->store, r, "key-1", "hash-1", f->now, NULL,
                                            &replayed, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (replayed);
  g_assert_cmpstr (second->id, ==, first->id);
  other = turnos_store_create_reservation (f->store, r, "key-1", "hash-2", f->now, NULL,
                                           &replayed, NULL, &error);
  g_assert_null (other);
  g_assert_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_IDEMPOTENCY_MISMATCH);
}

/* Threads, each with a connection of its own to one database, insert the same time at once. */
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

  stored = turnos_store_create_reservation (store, r, NULL, NULL, race->f->now, NULL, NULL,
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
  ADD ("/server/store/race", test_race);
  ADD ("/server/store/payment-expiry", test_payment);
#undef ADD

  return g_test_run ();
}
