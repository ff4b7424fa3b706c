/* test-cluster.c: four turnos-server processes on one PostgreSQL database
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The servers are real processes on loopback ports, sharing a database on a cluster of this
 * test's own (TURNOS_TEST_PG_PRIVATE: one test stops and starts it). Requests go to all four
 * at once from one libsoup session; the database is then read back with SQL.
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "turnos-test-server.h"
#include "turnos-test-store.h"

#define N_SERVERS 4
#define ZONE      "America/Argentina/Buenos_Aires"

typedef struct
{
  char             *uri;
  TurnosTestServer *servers[N_SERVERS];
  SoupSession      *session;
  char             *desk;     /* the demo desk's token: every server accepts it */
  GDate             day;      /* a working day ahead, in ZONE */
} Cluster;

typedef struct _Batch Batch;

/* One request to one of the servers. */
typedef struct
{
  Batch    *batch;
  guint     server;
  char     *method;
  char     *path;
  char     *body;
  char     *key;          /* Idempotency-Key, or NULL */
  const char *token;      /* the bearer token, or NULL for the desk's */
  gboolean  parse;        /* keep the answer as JSON */
  guint     status;       /* 0 when the exchange failed (the server was gone) */
  JsonNode *answer;
  char     *retry_after;
  gboolean  done;
} Call;

struct _Batch
{
  Cluster   *c;
  GPtrArray *calls;
  guint      next;
  guint      running;
  guint      finished;
  guint      in_flight;
};

static void
call_free (Call *call)
{
  g_free (call->method);
  g_free (call->path);
  g_free (call->body);
  g_free (call->key);
  g_free (call->retry_after);
  g_clear_pointer (&call->answer, json_node_unref);
  g_free (call);
}

static Call *
call_new (guint       server,
          const char *method,
          const char *path,
          const char *body)
{
  Call *call = g_new0 (Call, 1);

  call->server = server % N_SERVERS;
  call->method = g_strdup (method);
  call->path = g_strdup (path);
  call->body = g_strdup (body);
  return call;
}

static void start_next (Batch *batch);

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SoupMessage *msg = user_data;
  Call *call = g_object_get_data (G_OBJECT (msg), "call");
  Batch *batch = call->batch;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);

  call->status = bytes != NULL ? soup_message_get_status (msg) : 0;
  if (bytes != NULL && call->parse && g_bytes_get_size (bytes) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL))
        call->answer = json_node_copy (json_parser_get_root (parser));
    }
  call->retry_after = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                              "Retry-After"));
  call->done = TRUE;
  g_object_unref (msg);
  batch->running--;
  batch->finished++;
  start_next (batch);
}

static void
start_next (Batch *batch)
{
  while (batch->running < batch->in_flight && batch->next < batch->calls->len)
    {
      Call *call = g_ptr_array_index (batch->calls, batch->next++);
      TurnosTestServer *server = batch->c->servers[call->server];
      g_autofree char *url = g_strconcat (turnos_test_server_get_url (server), call->path, NULL);
      g_autofree char *bearer = g_strconcat ("Bearer ", call->token ? call->token : batch->c->desk,
                                             NULL);
      SoupMessage *msg = soup_message_new (call->method, url);
      SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

      call->batch = batch;
      /* libsoup sends a POST only on a fresh connection unless told it may reuse one: ten
       * thousand connections would cost more than the requests. */
      soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
      soup_message_headers_replace (headers, "Authorization", bearer);
      if (call->key != NULL)
        soup_message_headers_replace (headers, "Idempotency-Key", call->key);
      if (call->body != NULL)
        {
          g_autoptr(GBytes) bytes = g_bytes_new (call->body, strlen (call->body));

          soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
        }
      g_object_set_data (G_OBJECT (msg), "call", call);
      batch->running++;
      soup_session_send_and_read_async (batch->c->session, msg, G_PRIORITY_DEFAULT, NULL,
                                        call_done_cb, msg);
    }
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Sends every call of @calls, @in_flight at a time, and runs the main loop until all are
 * answered (bounded: @seconds). */
static void
run_all (Cluster   *c,
         GPtrArray *calls,
         guint      in_flight,
         guint      seconds)
{
  Batch batch = { c, calls, 0, 0, 0, in_flight };
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, set_flag_cb, &timed_out);

  start_next (&batch);
  while (batch.finished < calls->len && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_cmpuint (batch.finished, ==, calls->len);
}

/* One call as @token (NULL: the desk), answered as JSON. */
static guint
call_one (Cluster     *c,
          const char  *token,
          guint        server,
          const char  *method,
          const char  *path,
          const char  *body,
          JsonNode   **answer)
{
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func ((GDestroyNotify) call_free);
  Call *call = call_new (server, method, path, body);
  guint status;

  call->token = token;
  call->parse = TRUE;
  g_ptr_array_add (calls, call);
  run_all (c, calls, 1, 30);
  status = call->status;
  if (answer != NULL)
    *answer = g_steal_pointer (&call->answer);
  return status;
}

static char *
error_code (JsonNode *node)
{
  JsonObject *error;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      !json_object_has_member (json_node_get_object (node), "error"))
    return NULL;
  error = json_object_get_object_member (json_node_get_object (node), "error");
  return g_strdup (json_object_get_string_member (error, "code"));
}

/* A professional of the admin's making: @minutes long sessions every @interval minutes from
 * @from to @to every day, no notice, a year ahead, cancellable any time. */
static void
add_professional (Cluster    *c,
                  guint       server,
                  const char *id,
                  int         minutes,
                  int         interval,
                  const char *from,
                  const char *to)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *admin = turnos_test_server_login (c->servers[server], "admin");

  g_string_printf (body, "{\"user_id\": \"%s\", \"display_name\": \"%s\", "
                         "\"session_duration_minutes\": %d, \"slot_interval_minutes\": %d, "
                         "\"requires_deposit\": false, \"session_modality\": \"Virtual\", "
                         "\"timezone\": \"" ZONE "\", \"working_hours\": [",
                   id, id, minutes, interval);
  for (int d = 1; d <= 7; d++)
    g_string_append_printf (body, "%s{\"weekday\": %d, \"start\": \"%s\", \"end\": \"%s\"}",
                            d > 1 ? ", " : "", d, from, to);
  g_string_append (body, "], \"min_notice_minutes\": 0, \"booking_horizon_days\": 365, "
                         "\"cancel_notice_minutes\": 0}");
  g_assert_cmpuint (call_one (c, admin, server, "POST", "professionals", body->str, NULL), ==, 201);
}

/* "YYYY-MM-DDTHH:MM:00", @days after c->day, at @minute of the day. */
static char *
wall_time (Cluster *c,
           int      days,
           int      minute)
{
  GDate d = c->day;

  g_date_add_days (&d, days);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:00", g_date_get_year (&d),
                          g_date_get_month (&d), g_date_get_day (&d), minute / 60, minute % 60);
}

static char *
booking_body (const char *client,
              const char *professional,
              const char *start)
{
  return g_strdup_printf ("{\"client_id\": \"%s\", \"professional_id\": \"%s\", "
                          "\"start_time\": \"%s\", \"session_modality\": \"Virtual\"}",
                          client, professional, start);
}

static guint
count (Cluster    *c,
       const char *sql)
{
  g_autoptr(GPtrArray) rows = turnos_test_store_query (c->uri, sql);

  g_assert_cmpuint (rows->len, ==, 1);
  return (guint) g_ascii_strtoull (rows->pdata[0], NULL, 10);
}

/* Live: CONFIRMED, or PENDING with its hold not lapsed (DESIGN.md). */
#define LIVE(t) "(" t ".status = 'CONFIRMED' OR (" t ".status = 'PENDING' AND " \
                t ".hold_expires_at > now ()))"

/* Two live reservations of one professional that overlap, and live reservations that
 * overlap a block: both must be none. */
static void
assert_no_overlap (Cluster *c)
{
  g_assert_cmpuint (count (c,
    "SELECT count(*) FROM reservations a JOIN reservations b "
    "ON a.professional_id = b.professional_id AND a.id < b.id "
    "AND tstzrange (a.start_at, a.end_at, '[)') && tstzrange (b.start_at, b.end_at, '[)') "
    "WHERE " LIVE ("a") " AND " LIVE ("b")), ==, 0);
  g_assert_cmpuint (count (c,
    "SELECT count(*) FROM reservations a JOIN blocks b "
    "ON a.professional_id = b.professional_id "
    "AND tstzrange (a.start_at, a.end_at, '[)') && tstzrange (b.start_at, b.end_at, '[)') "
    "WHERE " LIVE ("a")), ==, 0);
}

/*
 * Fixture
 */

static void
cluster_set_up (Cluster       *c,
                gconstpointer  data)
{
  const char *extra[] = { "--hold-minutes", "30", NULL };

  g_assert_true (turnos_test_store_is_postgresql ());
  c->uri = turnos_test_store_new_uri ();
  /* The first seeds the demo clinic; the others find it there. */
  for (guint i = 0; i < N_SERVERS; i++)
    c->servers[i] = turnos_test_server_start_on (c->uri, i == 0, extra);
  c->session = soup_session_new_with_options ("max-conns", 512, "max-conns-per-host", 128,
                                              "timeout", 20, NULL);
  c->desk = turnos_test_server_login (c->servers[1], "desk");
  turnos_test_working_day (ZONE, 2, &c->day);
}

static void
cluster_tear_down (Cluster       *c,
                   gconstpointer  data)
{
  g_clear_object (&c->session);
  for (guint i = 0; i < N_SERVERS; i++)
    g_clear_pointer (&c->servers[i], turnos_test_server_free);
  turnos_test_store_drop (c->uri);
  g_free (c->uri);
  g_free (c->desk);
}

/*
 * Tests
 */

/* 200 desks press Confirm at once, on four servers, for ten times: each time is booked
 * exactly once, everyone else hears 409 slot_taken. */
static void
test_two_hundred (Cluster       *c,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func ((GDestroyNotify) call_free);
  guint created[10] = { 0 }, taken = 0;

  add_professional (c, 0, "dr-rush", 45, 60, "08:00", "18:00");
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *client = g_strdup_printf ("rush-%u", i);
      g_autofree char *start = wall_time (c, 0, 8 * 60 + (i % 10) * 60);
      g_autofree char *body = booking_body (client, "dr-rush", start);
      Call *call = call_new (i, "POST", "reservations/create-without-payment", body);

      call->parse = TRUE;
      g_ptr_array_add (calls, call);
    }
  run_all (c, calls, 200, 60);
  for (guint i = 0; i < calls->len; i++)
    {
      Call *call = g_ptr_array_index (calls, i);
      g_autofree char *code = error_code (call->answer);

      if (call->status == 201)
        created[i % 10]++;
      else
        {
          g_assert_cmpuint (call->status, ==, 409);
          g_assert_cmpstr (code, ==, "slot_taken");
          taken++;
        }
    }
  for (guint t = 0; t < 10; t++)
    g_assert_cmpuint (created[t], ==, 1);
  g_assert_cmpuint (taken, ==, 190);
  g_assert_cmpuint (count (c, "SELECT count(*) FROM reservations WHERE professional_id = 'dr-rush'"),
                    ==, 10);
  assert_no_overlap (c);
}

/* Ten thousand requests at random on two agendas whose sessions overlap the next slots
 * (45 minutes every 15), all at once on four servers: bookings, some in bursts of six around
 * one time (what races), cancels that free time up, time off added and removed. Not one pair
 * of live reservations overlaps, nor does one overlap a block; every 201 is stored. */
static void
test_random_bookings (Cluster       *c,
                      gconstpointer  data)
{
  const char *pros[] = { "dr-r1", "dr-r2" };
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func ((GDestroyNotify) call_free);
  g_autoptr(GPtrArray) booked = g_ptr_array_new_with_free_func (g_free);   /* ids, not cancelled */
  g_autoptr(GPtrArray) blocked = g_ptr_array_new_with_free_func (g_free);  /* "pro/blocks/id" */
  guint created = 0, conflicts = 0, blocks = 0, cancels = 0, n = 0;

  add_professional (c, 0, pros[0], 45, 15, "09:00", "13:00");
  add_professional (c, 1, pros[1], 45, 15, "09:00", "13:00");
  /* In rounds, so cancels and removals can name what earlier rounds made. */
  while (n < 10000)
    {
      g_ptr_array_set_size (calls, 0);
      while (calls->len < 1000)
        {
          const char *pro = pros[g_test_rand_int_range (0, G_N_ELEMENTS (pros))];
          int day = g_test_rand_int_range (0, 3);
          int kind = g_test_rand_int_range (0, 100);
          int minute = 9 * 60 + 15 * g_test_rand_int_range (0, 13);
          Call *call;

          if (kind < 20 && booked->len > 0)
            {
              guint at = g_test_rand_int_range (0, booked->len);
              g_autofree char *path = g_strdup_printf ("reservations/%s/cancel",
                                                       (char *) booked->pdata[at]);

              call = call_new (calls->len, "POST", path, "{}");
              g_ptr_array_remove_index_fast (booked, at);
            }
          else if (kind < 25 && blocked->len > 0)
            {
              guint at = g_test_rand_int_range (0, blocked->len);
              g_autofree char *path = g_strdup_printf ("professionals/%s",
                                                       (char *) blocked->pdata[at]);

              call = call_new (calls->len, "DELETE", path, NULL);
              g_ptr_array_remove_index_fast (blocked, at);
            }
          else if (kind < 30)
            {
              g_autofree char *start = wall_time (c, day, minute);
              g_autofree char *end = wall_time (c, day, minute + 15 * g_test_rand_int_range (1, 3));
              g_autofree char *path = g_strdup_printf ("professionals/%s/blocks", pro);
              g_autofree char *body = g_strdup_printf ("{\"start_time\": \"%s\", \"end_time\": \"%s\", "
                                                       "\"reason\": \"random\"}", start, end);

              call = call_new (calls->len, "POST", path, body);
            }
          else
            {
              /* One booking, or six around one time sent together. */
              static const int burst[] = { 0, 15, -15, 30, 0, 15 };
              guint times = kind < 45 ? G_N_ELEMENTS (burst) : 1;

              for (guint b = 0; b < times; b++)
                {
                  g_autofree char *client = g_strdup_printf ("random-%u-%u", n, calls->len);
                  g_autofree char *start = wall_time (c, day, CLAMP (minute + burst[b], 9 * 60, 12 * 60 + 15));
                  g_autofree char *body = booking_body (client, pro, start);

                  call = call_new (calls->len, "POST", "reservations/create-without-payment", body);
                  call->parse = TRUE;
                  g_ptr_array_add (calls, call);
                }
              continue;
            }
          call->parse = TRUE;
          g_ptr_array_add (calls, call);
        }
      n += calls->len;
      run_all (c, calls, 64, 120);
      for (guint i = 0; i < calls->len; i++)
        {
          Call *call = g_ptr_array_index (calls, i);

          /* Every request answered, never with a 5xx. */
          g_assert_cmpuint (call->status, !=, 0);
          g_assert_cmpuint (call->status, <, 500);
          if (call->status == 409)
            conflicts++;
          else if (g_str_has_suffix (call->path, "/blocks") && call->status == 201)
            {
              const char *pro = strchr (call->path, '/') + 1;

              blocks++;
              g_ptr_array_add (blocked, g_strdup_printf ("%.*s/blocks/%s",
                                                         (int) (strchr (pro, '/') - pro), pro,
                                                         json_object_get_string_member (
                                                           json_node_get_object (call->answer), "id")));
            }
          else if (g_str_has_prefix (call->path, "reservations/create") && call->status == 201)
            {
              created++;
              g_ptr_array_add (booked, g_strdup (json_object_get_string_member (
                                                   json_node_get_object (call->answer), "id")));
            }
          else if (g_str_has_suffix (call->path, "/cancel"))
            cancels += call->status == 200;
        }
    }
  g_test_message ("%u requests: %u booked, %u cancelled, %u blocks, %u refused",
                  n, created, cancels, blocks, conflicts);
  g_assert_cmpuint (created, >, 100);
  g_assert_cmpuint (conflicts, >, 0);
  assert_no_overlap (c);
  /* Every booking answered 201 is there, and live unless this test cancelled it. */
  g_assert_cmpuint (count (c, "SELECT count(*) FROM reservations "
                              "WHERE professional_id IN ('dr-r1', 'dr-r2')"), ==, created);
  g_assert_cmpuint (count (c, "SELECT count(*) FROM reservations "
                              "WHERE professional_id IN ('dr-r1', 'dr-r2') AND status = 'CONFIRMED'"),
                    ==, booked->len);
}

/* Time off and bookings for the same free quarter hour, sent together to different servers,
 * four hundred times: each time either the block or one booking wins, never both. */
static void
test_blocks_race (Cluster       *c,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func ((GDestroyNotify) call_free);
  guint blocks = 0, bookings = 0;

  add_professional (c, 0, "dr-race", 15, 15, "00:00", "23:00");
  for (guint k = 0; k < 400; k++)
    {
      g_autofree char *start = wall_time (c, k / 92, (k % 92) * 15);
      g_autofree char *end = wall_time (c, k / 92, (k % 92) * 15 + 15);
      g_autofree char *block = g_strdup_printf ("{\"start_time\": \"%s\", \"end_time\": \"%s\", "
                                                "\"reason\": \"race\"}", start, end);

      for (guint i = 0; i < N_SERVERS; i++)
        {
          g_autofree char *client = g_strdup_printf ("race-%u-%u", k, i);
          g_autofree char *body = booking_body (client, "dr-race", start);
          Call *call = i == k % N_SERVERS
                       ? call_new (i, "POST", "professionals/dr-race/blocks", block)
                       : call_new (i, "POST", "reservations/create-without-payment", body);

          g_ptr_array_add (calls, call);
        }
    }
  run_all (c, calls, 64, 120);
  for (guint i = 0; i < calls->len; i++)
    {
      Call *call = g_ptr_array_index (calls, i);

      g_assert_true (call->status == 201 || call->status == 409);
      if (call->status == 201)
        {
          if (g_str_has_suffix (call->path, "/blocks"))
            blocks++;
          else
            bookings++;
        }
    }
  g_test_message ("%u blocks, %u bookings", blocks, bookings);
  g_assert_cmpuint (blocks + bookings, ==, 400);
  assert_no_overlap (c);
}

typedef struct
{
  Cluster *c;
  guint    victims;   /* bits: which servers to kill */
  guint    killed;
} Killer;

static gboolean
kill_cb (gpointer data)
{
  Killer *k = data;

  for (guint i = 0; i < N_SERVERS; i++)
    if (k->victims & (1u << i))
      {
        turnos_test_server_kill (k->c->servers[i]);
        k->killed |= 1u << i;
      }
  return G_SOURCE_REMOVE;
}

/* Servers killed with SIGKILL at random moments while they take bookings, twenty times:
 * whatever they answered 201 is in the database. */
static void
test_kill_nine (Cluster       *c,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) acked = g_ptr_array_new_with_free_func (g_free);
  guint slot = 0, lost = 0;

  add_professional (c, 0, "dr-load", 15, 15, "00:00", "23:00");
  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func ((GDestroyNotify) call_free);
      Killer k = { c, g_test_rand_int_range (1, 1 << N_SERVERS), 0 };

      for (guint i = 0; i < 80; i++, slot++)
        {
          g_autofree char *client = g_strdup_printf ("load-%u", slot);
          g_autofree char *start = wall_time (c, slot / 92, (slot % 92) * 15);
          g_autofree char *body = booking_body (client, "dr-load", start);
          Call *call = call_new (i, "POST", "reservations/create-without-payment", body);

          call->parse = TRUE;
          g_ptr_array_add (calls, call);
        }
      g_timeout_add (g_test_rand_int_range (5, 120), kill_cb, &k);
      run_all (c, calls, 32, 60);
      /* The kill may come after the last answer: then it happens now, with none in flight. */
      while (k.killed == 0)
        g_main_context_iteration (NULL, TRUE);
      for (guint i = 0; i < calls->len; i++)
        {
          Call *call = g_ptr_array_index (calls, i);

          if (call->status == 201)
            g_ptr_array_add (acked, g_strdup (json_object_get_string_member (
                                                json_node_get_object (call->answer), "id")));
          else
            {
              /* A killed server answers nothing; a live one never a 5xx. */
              g_assert_true (call->status == 0 || call->status == 409);
              lost++;
            }
        }
      for (guint i = 0; i < N_SERVERS; i++)
        if (k.killed & (1u << i))
          turnos_test_server_respawn (c->servers[i]);
    }
  g_test_message ("%u acknowledged, %u not", acked->len, lost);
  g_assert_cmpuint (acked->len, >, 0);
  g_assert_cmpuint (lost, >, 0);   /* the kills did land while bookings were under way */
  {
    g_autoptr(GPtrArray) rows = turnos_test_store_query (c->uri,
      "SELECT id FROM reservations WHERE professional_id = 'dr-load' AND status = 'CONFIRMED'");
    g_autoptr(GHashTable) stored = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < rows->len; i++)
      g_hash_table_add (stored, rows->pdata[i]);
    for (guint i = 0; i < acked->len; i++)
      g_assert_true (g_hash_table_contains (stored, acked->pdata[i]));
  }
  assert_no_overlap (c);
}

static void
cluster_ctl (const char *what)
{
  const char *script = g_getenv ("TURNOS_PG_TEST_CLUSTER");
  const char *dir = g_getenv ("TURNOS_TEST_PG_DIR");
  const char *argv[] = { script, what, dir, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_nonnull (script);
  g_assert_nonnull (dir);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gboolean
stop_database_cb (gpointer data)
{
  cluster_ctl ("stop");
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* What a batch of availability reads and bookings on every server was answered with. */
typedef struct
{
  guint ok;            /* 200, 201, 409 */
  guint unavailable;   /* 503 store_unavailable, with Retry-After */
} Tally;

static GPtrArray *
load_batch (Cluster *c,
            guint    size,
            guint   *slot)
{
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify) call_free);
  g_autofree char *day = wall_time (c, 0, 0);

  day[10] = '\0';
  for (guint i = 0; i < size; i++)
    {
      Call *call;

      if (i % 2 == 0)
        {
          g_autofree char *path = g_strdup_printf ("reservations/availability?date=%s"
                                                   "&professional_id=dr-away", day);

          call = call_new (i, "GET", path, NULL);
        }
      else
        {
          g_autofree char *client = g_strdup_printf ("away-%u", *slot);
          g_autofree char *start = wall_time (c, 1 + *slot / 92, (*slot % 92) * 15);
          g_autofree char *body = booking_body (client, "dr-away", start);

          (*slot)++;
          call = call_new (i, "POST", "reservations/create-without-payment", body);
        }
      call->parse = TRUE;
      g_ptr_array_add (calls, call);
    }
  return calls;
}

static void
tally (GPtrArray *calls,
       Tally     *t)
{
  for (guint i = 0; i < calls->len; i++)
    {
      Call *call = g_ptr_array_index (calls, i);
      g_autofree char *code = error_code (call->answer);

      /* Every request is answered, and never with a crash or a 500. */
      g_assert_cmpuint (call->status, !=, 0);
      if (call->status == 503)
        {
          g_assert_cmpstr (code, ==, "store_unavailable");
          g_assert_cmpstr (call->retry_after, ==, "1");
          t->unavailable++;
        }
      else
        {
          g_assert_true (call->status == 200 || call->status == 201 || call->status == 409);
          t->ok++;
        }
    }
}

/* The database stops in the middle of a load and starts again: the servers answer 503
 * store_unavailable meanwhile, quickly, and serve again once it is back, by themselves. */
static void
test_database_away (Cluster       *c,
                    gconstpointer  data)
{
  Tally before = { 0 }, away = { 0 }, after = { 0 };
  gboolean stopped = FALSE;
  guint slot = 0;
  gint64 since;

  add_professional (c, 0, "dr-away", 15, 15, "00:00", "23:00");
  {
    g_autoptr(GPtrArray) calls = load_batch (c, 400, &slot);

    /* Stopped while the batch is under way. */
    g_timeout_add (100, stop_database_cb, &stopped);
    run_all (c, calls, 32, 60);
    while (!stopped)
      g_main_context_iteration (NULL, TRUE);
    tally (calls, &before);
  }
  /* Down: every server answers, and fast (no request waits for a timeout). */
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GPtrArray) calls = load_batch (c, 40, &slot);
      gint64 start = g_get_monotonic_time ();

      run_all (c, calls, 40, 60);
      tally (calls, &away);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
    }
  g_assert_cmpuint (away.ok, ==, 0);
  g_assert_cmpuint (away.unavailable, ==, 120);

  /* Back: within moments, every server serves again without being restarted. */
  cluster_ctl ("start");
  since = g_get_monotonic_time ();
  for (;;)
    {
      g_autoptr(GPtrArray) calls = load_batch (c, 40, &slot);
      Tally t = { 0 };

      run_all (c, calls, 40, 60);
      tally (calls, &t);
      if (t.unavailable == 0)
        {
          after = t;
          break;
        }
      g_assert_cmpint (g_get_monotonic_time () - since, <, 20 * G_USEC_PER_SEC);
    }
  g_test_message ("before %u ok %u 503; away %u 503; after %u ok",
                  before.ok, before.unavailable, away.unavailable, after.ok);
  g_assert_cmpuint (after.ok, ==, 40);
  for (guint i = 0; i < N_SERVERS; i++)
    g_assert_true (turnos_test_server_is_running (c->servers[i]));
}

static gboolean
resume_cb (gpointer data)
{
  cluster_ctl ("resume");
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The database hangs (its processes stopped; their host still answers TCP, so nothing but a
 * deadline of the server's own notices): every request is answered 503 within a bound, and
 * once the database answers again every server serves again. */
static void
test_database_hangs (Cluster       *c,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = NULL;
  Tally hung = { 0 };
  gboolean resumed = FALSE;
  guint slot = 0;
  gint64 start, since;

  add_professional (c, 0, "dr-away", 15, 15, "00:00", "23:00");
  /* Every server has its connection open, then the database freezes. */
  calls = load_batch (c, 8, &slot);
  run_all (c, calls, 8, 30);
  g_clear_pointer (&calls, g_ptr_array_unref);
  cluster_ctl ("pause");
  calls = load_batch (c, 8, &slot);
  start = g_get_monotonic_time ();
  run_all (c, calls, 8, 60);
  tally (calls, &hung);
  g_test_message ("8 requests answered in %.1f s while the database hung",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (hung.unavailable, ==, 8);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  g_clear_pointer (&calls, g_ptr_array_unref);

  /* Thawed while requests wait on it: they and the next are served. */
  calls = load_batch (c, 8, &slot);
  g_timeout_add (500, resume_cb, &resumed);
  run_all (c, calls, 8, 60);
  while (!resumed)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&calls, g_ptr_array_unref);
  since = g_get_monotonic_time ();
  for (;;)
    {
      Tally t = { 0 };

      calls = load_batch (c, 40, &slot);
      run_all (c, calls, 40, 60);
      tally (calls, &t);
      g_clear_pointer (&calls, g_ptr_array_unref);
      if (t.unavailable == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time () - since, <, 30 * G_USEC_PER_SEC);
    }
  for (guint i = 0; i < N_SERVERS; i++)
    g_assert_true (turnos_test_server_is_running (c->servers[i]));
}

/* The same create with the same Idempotency-Key, sent to the four servers at once: one
 * booking, and every server answers 201 with it. */
static void
test_idempotent_retry (Cluster       *c,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func ((GDestroyNotify) call_free);
  g_autofree char *start = wall_time (c, 0, 9 * 60);
  g_autofree char *body = booking_body ("retry-1", "dr-retry", start);
  const char *first = NULL;

  add_professional (c, 0, "dr-retry", 45, 60, "08:00", "18:00");
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < N_SERVERS; i++)
      {
        Call *call = call_new (i, "POST", "reservations/create-without-payment", body);

        call->key = g_strdup ("one-draft-one-key");
        call->parse = TRUE;
        g_ptr_array_add (calls, call);
      }
  run_all (c, calls, calls->len, 60);
  for (guint i = 0; i < calls->len; i++)
    {
      Call *call = g_ptr_array_index (calls, i);
      const char *id;

      g_assert_cmpuint (call->status, ==, 201);
      id = json_object_get_string_member (json_node_get_object (call->answer), "id");
      if (first == NULL)
        first = id;
      g_assert_cmpstr (id, ==, first);
    }
  g_assert_cmpuint (count (c, "SELECT count(*) FROM reservations WHERE professional_id = 'dr-retry'"),
                    ==, 1);
}

/* Failed sign-ins on any server count on all: after five, every server refuses even the
 * right password with 429. */
static void
test_throttle_shared (Cluster       *c,
                      gconstpointer  data)
{
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (call_one (c, NULL, i, "POST", "auth/login",
                                "{\"username\": \"dr-ana\", \"password\": \"not it\"}", NULL),
                      ==, 401);
  for (guint i = 0; i < N_SERVERS; i++)
    {
      g_autoptr(JsonNode) answer = NULL;
      g_autofree char *code = NULL;

      g_assert_cmpuint (call_one (c, NULL, i, "POST", "auth/login",
                                  "{\"username\": \"dr-ana\", \"password\": \"demo-dr-ana\"}",
                                  &answer), ==, 429);
      code = error_code (answer);
      g_assert_cmpstr (code, ==, "too_many_attempts");
    }
}

/* A change of settings on one server is what every other serves next (LISTEN/NOTIFY). */
static void
test_settings_everywhere (Cluster       *c,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) settings = NULL;
  g_autofree char *admin = turnos_test_server_login (c->servers[0], "admin");
  g_autofree char *json = NULL;
  JsonObject *object;

  /* Every server reads (and keeps) dr-ana's settings. */
  for (guint i = 0; i < N_SERVERS; i++)
    g_assert_cmpuint (call_one (c, NULL, i, "GET", "professionals/dr-ana/settings", NULL, NULL),
                      ==, 200);
  g_assert_cmpuint (call_one (c, NULL, 0, "GET", "professionals/dr-ana/settings", NULL, &settings),
                    ==, 200);
  object = json_node_get_object (settings);
  json_object_set_int_member (object, "min_notice_minutes", 777);
  json = json_to_string (settings, FALSE);
  g_assert_cmpuint (call_one (c, admin, 3, "PUT", "professionals/dr-ana/settings", json, NULL), ==, 200);
  for (guint i = 0; i < N_SERVERS; i++)
    {
      gint64 seen = 0;

      for (int tries = 0; tries < 200 && seen != 777; tries++)
        {
          g_autoptr(JsonNode) now = NULL;
          gboolean never = FALSE;

          g_assert_cmpuint (call_one (c, NULL, i, "GET", "professionals/dr-ana/settings", NULL, &now),
                            ==, 200);
          seen = json_object_get_int_member (json_node_get_object (now), "min_notice_minutes");
          if (seen != 777)
            turnos_test_wait_for (&never, 5);
        }
      g_assert_cmpint (seen, ==, 777);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Cluster, NULL, cluster_set_up, func, cluster_tear_down)
  ADD ("/server/cluster/two-hundred-creates", test_two_hundred);
  ADD ("/server/cluster/idempotent-retry", test_idempotent_retry);
  ADD ("/server/cluster/throttle-shared", test_throttle_shared);
  ADD ("/server/cluster/settings-everywhere", test_settings_everywhere);
  ADD ("/server/cluster/random-bookings", test_random_bookings);
  ADD ("/server/cluster/blocks-race", test_blocks_race);
  ADD ("/server/cluster/kill-nine", test_kill_nine);
  ADD ("/server/cluster/database-away", test_database_away);
  ADD ("/server/cluster/database-hangs", test_database_hangs);
#undef ADD

  return g_test_run ();
}
