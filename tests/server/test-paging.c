/* test-paging.c: lists are paged and never cut silently (DESIGN.md, "Lists are paged")
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "turnos-json.h"
#include "turnos-test-inproc.h"
#include "turnos-time.h"

typedef struct
{
  TurnosTestInproc *t;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->t = turnos_test_inproc_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->t, turnos_test_inproc_free);
}

/* Stores a reservation of @client with dr-ana at @start (Buenos Aires wall time, 45 minutes)
 * straight into the store: the list is what is tested, not the booking rules. */
static TurnosReservation *
store_one (Fixture    *f,
           const char *client,
           GDateTime  *start,
           gboolean    cancelled)
{
  g_autoptr(TurnosReservation) r = turnos_reservation_new ();
  g_autoptr(GError) error = NULL;
  TurnosReservation *stored;

  r->client_id = g_strdup (client);
  r->professional_id = g_strdup ("dr-ana");
  r->start = g_date_time_ref (start);
  r->end = g_date_time_add_minutes (start, 45);
  r->modality = TURNOS_MODALITY_VIRTUAL;
  stored = turnos_store_create_reservation (f->t->store, r, NULL, NULL, f->t->now, NULL,
                                            TURNOS_STORE_BOOK_DEFAULT, NULL,
                                            NULL, &error);
  g_assert_no_error (error);
  if (cancelled)
    {
      g_autoptr(TurnosReservation) done = turnos_store_set_status (f->t->store, stored->id,
                                                                  TURNOS_STATUS_CANCELLED, &error);
      g_assert_no_error (error);
      turnos_reservation_unref (stored);
      stored = g_steal_pointer (&done);
    }
  return stored;
}

static GDateTime *
ba (int year, int month, int day, int hour)
{
  g_autoptr(GTimeZone) tz = turnos_time_zone_new ("America/Argentina/Buenos_Aires");

  return g_date_time_new (tz, year, month, day, hour, 0, 0);
}

/* Walks every page of @query; returns the ids in the order given and checks each page's
 * size and that the last page has no next_cursor. */
static GPtrArray *
walk (Fixture    *f,
      const char *query,
      guint       limit,
      guint      *pages)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;

  *pages = 0;
  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("reservations?%s&limit=%u%s%s", query, limit,
                                               cursor ? "&cursor=" : "", cursor ? cursor : "");
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;
      JsonArray *list;
      JsonNode *next;

      g_assert_cmpuint (turnos_test_inproc_request (f->t, "GET", path, NULL, -1, &node), ==, 200);
      object = json_node_get_object (node);
      list = json_object_get_array_member (object, "reservations");
      next = json_object_get_member (object, "next_cursor");
      g_assert_nonnull (next);
      for (guint i = 0; i < json_array_get_length (list); i++)
        g_ptr_array_add (ids, g_strdup (json_object_get_string_member (json_array_get_object_element (list, i), "id")));
      (*pages)++;
      g_clear_pointer (&cursor, g_free);
      if (JSON_NODE_HOLDS_NULL (next))
        break;
      g_assert_cmpuint (json_array_get_length (list), ==, limit);
      cursor = g_strdup (json_node_get_string (next));
      g_assert_cmpuint (*pages, <, 100);
    }
  return ids;
}

/* The case: 1005 sessions; the old list gave 1000 and the 5 soonest were missing. */
static void
test_many (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) asc = NULL;
  g_autoptr(GPtrArray) desc = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint pages;

  for (int i = 0; i < 1005; i++)
    {
      g_autoptr(GDateTime) day = ba (2026, 6, 1, 0);
      g_autoptr(GDateTime) start = g_date_time_add_hours (day, i);
      g_autoptr(TurnosReservation) r = store_one (f, "pat-many", start, FALSE);

      g_ptr_array_add (made, g_strdup (r->id));
    }

  asc = walk (f, "client_id=pat-many&order=asc", 500, &pages);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (asc->len, ==, 1005);
  for (guint i = 0; i < asc->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (asc, i), ==, g_ptr_array_index (made, i));
      g_assert_true (g_hash_table_add (seen, g_ptr_array_index (asc, i)));
    }

  desc = walk (f, "client_id=pat-many", 100, &pages);   /* default order: newest first */
  g_assert_cmpuint (pages, ==, 11);
  g_assert_cmpuint (desc->len, ==, 1005);
  for (guint i = 0; i < desc->len; i++)
    g_assert_cmpstr (g_ptr_array_index (desc, i), ==, g_ptr_array_index (made, 1004 - i));
}

/* The other case: one upcoming live session and 1000 cancelled later ones. */
static void
test_live_first (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) soon = ba (2026, 3, 4, 12);
  g_autoptr(TurnosReservation) live = store_one (f, "pat-mixed", soon, FALSE);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) cancelled = NULL;
  guint pages;

  for (int i = 0; i < 1000; i++)
    {
      g_autoptr(GDateTime) day = ba (2026, 3, 10, 0);
      g_autoptr(GDateTime) start = g_date_time_add_hours (day, i);
      g_autoptr(TurnosReservation) r = store_one (f, "pat-mixed", start, TRUE);
    }

  ids = walk (f, "client_id=pat-mixed&status=live&from=2026-03-02&order=asc", 100, &pages);
  g_assert_cmpuint (pages, ==, 1);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (ids, 0), ==, live->id);

  cancelled = walk (f, "client_id=pat-mixed&status=cancelled", 500, &pages);
  g_assert_cmpuint (cancelled->len, ==, 1000);
  g_assert_cmpuint (pages, ==, 2);
}

/* Days are the professional's: 22:30 in Buenos Aires is 01:30 UTC the next day, and belongs
 * to its Buenos Aires day; two sessions at one instant keep a stable order. */
static void
test_days_and_ties (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) late = ba (2026, 3, 5, 22);
  g_autoptr(GDateTime) late30 = g_date_time_add_minutes (late, 30);
  g_autoptr(GDateTime) next = ba (2026, 3, 6, 9);
  g_autoptr(TurnosReservation) a = store_one (f, "pat-days", late30, FALSE);
  g_autoptr(TurnosReservation) b = store_one (f, "pat-days", next, FALSE);
  g_autoptr(GPtrArray) on5 = NULL;
  g_autoptr(GPtrArray) on6 = NULL;
  g_autoptr(GPtrArray) both = NULL;
  guint pages;

  on5 = walk (f, "client_id=pat-days&from=2026-03-05&to=2026-03-05", 10, &pages);
  g_assert_cmpuint (on5->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (on5, 0), ==, a->id);
  on6 = walk (f, "client_id=pat-days&from=2026-03-06", 10, &pages);
  g_assert_cmpuint (on6->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (on6, 0), ==, b->id);

  /* Pages of one never skip or repeat. */
  both = walk (f, "client_id=pat-days&order=asc", 1, &pages);
  g_assert_cmpuint (pages, ==, 2);
  g_assert_cmpuint (both->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (both, 0), ==, a->id);
  g_assert_cmpstr (g_ptr_array_index (both, 1), ==, b->id);
}

/* Time off is paged the same way. */
static void
test_blocks (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *cursor = NULL;
  guint seen = 0, pages = 0;

  for (int i = 0; i < 7; i++)
    {
      g_autoptr(TurnosBlock) block = turnos_block_new ();
      g_autoptr(TurnosBlock) stored = NULL;
      g_autoptr(GError) error = NULL;

      block->professional_id = g_strdup ("dr-ana");
      block->start = ba (2026, 7, 1 + i, 9);
      block->end = ba (2026, 7, 1 + i, 12);
      block->reason = g_strdup ("x");
      stored = turnos_store_add_block (f->t->store, block, f->t->now, NULL, &error);
      g_assert_no_error (error);
    }
  do
    {
      g_autofree char *path = g_strdup_printf ("professionals/dr-ana/blocks?from=2026-07-01&limit=3%s%s",
                                               cursor ? "&cursor=" : "", cursor ? cursor : "");
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;
      JsonNode *next;

      g_assert_cmpuint (turnos_test_inproc_request (f->t, "GET", path, NULL, -1, &node), ==, 200);
      object = json_node_get_object (node);
      seen += json_array_get_length (json_object_get_array_member (object, "blocks"));
      next = json_object_get_member (object, "next_cursor");
      g_clear_pointer (&cursor, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
      pages++;
    }
  while (cursor != NULL && pages < 10);
  g_assert_cmpuint (seen, ==, 7);
  g_assert_cmpuint (pages, ==, 3);
}

static void
test_bad_parameters (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const bad[] = {
    "reservations?client_id=p&limit=0",
    "reservations?client_id=p&limit=501",
    "reservations?client_id=p&limit=ten",
    "reservations?client_id=p&limit=-1",
    "reservations?client_id=p&cursor=garbage!",
    "reservations?client_id=p&cursor=ZGVzY3wxfA",          /* "desc|1|": no id */
    "reservations?client_id=p&cursor=YXNjfDF8eA&order=desc", /* an asc cursor in a desc list */
    "reservations?client_id=p&status=maybe",
    "reservations?client_id=p&order=sideways",
    "reservations?client_id=p&from=2026-02-30",
  };
  g_autofree char *asc_cursor = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *code = NULL;
      guint status;

      g_test_message ("%s", bad[i]);
      status = turnos_test_inproc_request (f->t, "GET", bad[i], NULL, -1, &node);
      g_assert_cmpuint (status, ==, 400);
      code = turnos_test_error_code (node);
      g_assert_true (g_str_equal (code, "invalid_field") || g_str_equal (code, "invalid_date"));
    }
  /* and the asc cursor itself is fine in an asc list */
  g_assert_cmpuint (turnos_test_inproc_request (f->t, "GET", "reservations?client_id=p&cursor=YXNjfDF8eA&order=asc",
                                                NULL, -1, NULL), ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/server/paging/many", test_many);
  ADD ("/server/paging/live-first", test_live_first);
  ADD ("/server/paging/days-and-ties", test_days_and_ties);
  ADD ("/server/paging/blocks", test_blocks);
  ADD ("/server/paging/bad-parameters", test_bad_parameters);
#undef ADD

  return g_test_run ();
}
