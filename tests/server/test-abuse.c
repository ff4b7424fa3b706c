/* test-abuse.c: what a careless or hostile client does to a real turnos-server process
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case is a reproducer from issue 11, run against the built server spawned on a loopback
 * port. Waits are bounded: the main loop until a condition holds, or a socket with a timeout.
 */
#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "turnos-json.h"
#include "turnos-test-server.h"

#define ZONE "America/Argentina/Buenos_Aires"

/*
 * Helpers
 */

typedef struct
{
  guint   pending;
  guint   by_status[600];
} Tally;

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Tally *tally = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, NULL);
  guint status = soup_message_get_status (msg);

  tally->by_status[MIN (status, G_N_ELEMENTS (tally->by_status) - 1)]++;
  tally->pending--;
}

/* A plain TCP connection to the server, from @from (an address of 127.0.0.0/8, so that one
 * test can be several clients; NULL: 127.0.0.1), whose reads and writes give up after
 * @timeout_s. NULL if it cannot connect. */
static GSocket *
raw_connect_from (guint16     port,
                  const char *from,
                  guint       timeout_s)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) to = g_inet_socket_address_new (loopback, port);

  if (socket == NULL)
    return NULL;
  if (from != NULL)
    {
      g_autoptr(GSocketAddress) local = g_inet_socket_address_new_from_string (from, 0);

      if (!g_socket_bind (socket, local, FALSE, NULL))
        return NULL;
    }
  g_socket_set_timeout (socket, timeout_s);
  if (!g_socket_connect (socket, to, NULL, NULL))
    return NULL;
  return g_steal_pointer (&socket);
}

static GSocket *
raw_connect (TurnosTestServer *server,
             const char       *from)
{
  GSocket *socket = raw_connect_from (turnos_test_server_get_port (server), from, 5);

  g_assert_nonnull (socket);
  return socket;
}

static gboolean
raw_send (GSocket    *socket,
          const char *data,
          gssize      len)
{
  gsize n = len < 0 ? strlen (data) : (gsize) len;

  for (gsize sent = 0; sent < n;)
    {
      gssize r = g_socket_send (socket, data + sent, n - sent, NULL, NULL);

      if (r <= 0)
        return FALSE;
      sent += r;
    }
  return TRUE;
}

/* Reads one whole answer (its head, then Content-Length bytes of body): its status, and its
 * body if @body is not NULL. FALSE if the connection ends or times out first. */
static gboolean
raw_read_answer (GSocket  *socket,
                 guint    *status,
                 char    **body)
{
  g_autoptr(GString) in = g_string_new (NULL);
  gssize head_len = -1;
  gsize content_length = 0;

  while (head_len < 0 || in->len < head_len + content_length)
    {
      char buf[4096];
      gssize n = g_socket_receive (socket, buf, sizeof buf, NULL, NULL);
      const char *end;

      if (n <= 0)
        return FALSE;
      g_string_append_len (in, buf, n);
      if (head_len < 0 && (end = strstr (in->str, "\r\n\r\n")) != NULL)
        {
          g_autofree char *head = g_ascii_strdown (in->str, end - in->str);
          const char *cl = strstr (head, "\r\ncontent-length:");

          head_len = end - in->str + 4;
          if (cl != NULL)
            content_length = g_ascii_strtoull (cl + strlen ("\r\ncontent-length:"), NULL, 10);
        }
    }
  if (!g_str_has_prefix (in->str, "HTTP/1.") || in->len < 12)
    return FALSE;
  *status = (guint) g_ascii_strtoull (in->str + 9, NULL, 10);
  if (body != NULL)
    *body = g_strndup (in->str + head_len, content_length);
  return TRUE;
}

/* What the server sends until it closes the connection or @timeout_ms pass; *@closed_ms gets
 * how long it took to close, -1 if it did not. */
static char *
raw_read_until_close (GSocket *socket,
                      guint    timeout_ms,
                      gint64  *closed_ms)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + (gint64) timeout_ms * 1000;
  GString *in = g_string_new (NULL);

  *closed_ms = -1;
  while (TRUE)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      g_autoptr(GError) error = NULL;
      char buf[4096];
      gssize n;

      if (left <= 0 || !g_socket_condition_timed_wait (socket, G_IO_IN, left, NULL, NULL))
        break;
      n = g_socket_receive_with_blocking (socket, buf, sizeof buf, FALSE, NULL, &error);
      if (n > 0)
        {
          g_string_append_len (in, buf, n);
          continue;
        }
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        continue;
      *closed_ms = (g_get_monotonic_time () - start) / 1000;
      break;
    }
  return g_string_free (in, FALSE);
}

/* The "code" of a {"error": {"code": …}} answer body, or NULL. */
static char *
error_code_of (const char *body)
{
  g_autoptr(JsonNode) node = body != NULL ? turnos_json_parse (body, strlen (body), NULL) : NULL;
  char *code = NULL;

  if (node == NULL || !turnos_json_error_parse (node, &code, NULL))
    return NULL;
  return code;
}

/* The body of an answer read whole (after its head), or "". */
static const char *
body_of (const char *answer)
{
  const char *end = strstr (answer, "\r\n\r\n");

  return end != NULL ? end + 4 : "";
}

static guint
status_of (const char *answer)
{
  return g_str_has_prefix (answer, "HTTP/1.") && strlen (answer) >= 12
    ? (guint) g_ascii_strtoull (answer + 9, NULL, 10) : 0;
}

/* One GET /health on a fresh connection: its status (0 if none came). */
static guint
health (TurnosTestServer *server,
        const char       *from)
{
  g_autoptr(GSocket) socket = raw_connect (server, from);
  guint status = 0;

  if (!raw_send (socket, "GET /health HTTP/1.1\r\nHost: t\r\n\r\n", -1) ||
      !raw_read_answer (socket, &status, NULL))
    return 0;
  return status;
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The working day after @day (any working day at least *@ahead days ahead when @day is
 * cleared), from the real clock in the clinic's zone. */
static void
next_working_day (int   *ahead,
                  GDate *day)
{
  GDate next;

  do
    turnos_test_working_day (ZONE, (*ahead)++, &next);
  while (g_date_valid (day) && g_date_compare (&next, day) <= 0);
  *day = next;
}

/*
 * --workers after --demo
 */

/* Two workers forked after the demo seeded the store once made the same ids (GLib's GRand
 * state is inherited across fork): every other write answered 500. Now 200 bookings of
 * distinct times sent at once all land. */
static void
test_workers_ids (void)
{
  const char * const args[] = { "--workers", "2", NULL };
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, args);
  g_autofree char *url = g_strconcat (turnos_test_server_get_url (server),
                                      "reservations/create-without-payment", NULL);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns", 64,
                                                                  "max-conns-per-host", 64,
                                                                  NULL);
  g_autofree char *token = turnos_test_server_login (server, "desk");
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  Tally tally = { 0 };
  GDate day;
  int ahead = 8;

  g_date_clear (&day, 1);

  /* dr-ana works weekdays 09:00 to 17:00, a session on each hour; the demo's own bookings
   * are within the first five working days. */
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autofree char *body = NULL;
      g_autoptr(GBytes) bytes = NULL;

      if (i % 8 == 0)
        next_working_day (&ahead, &day);
      body = g_strdup_printf ("{\"client_id\": \"workers-%u\", \"professional_id\": \"dr-ana\","
                              " \"start_time\": \"%04d-%02d-%02dT%02u:00:00\","
                              " \"session_modality\": \"Virtual\"}", i,
                              g_date_get_year (&day), g_date_get_month (&day),
                              g_date_get_day (&day), 9 + i % 8);
      bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
      tally.pending++;
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, &tally);
    }
  TURNOS_TEST_WAIT_UNTIL (tally.pending == 0);
  for (guint s = 0; s < G_N_ELEMENTS (tally.by_status); s++)
    if (tally.by_status[s] > 0)
      g_test_message ("%u × %u", tally.by_status[s], s);
  g_assert_cmpuint (tally.by_status[500], ==, 0);
  g_assert_cmpuint (tally.by_status[201], ==, 200);
}

/*
 * Descriptors
 */

typedef struct
{
  guint16  port;
  guint    ok;
  guint    failed;
  char    *why;       /* the first failure */
  gboolean done;
} Churn;

/* Desks that quit: each connection completes an exchange with keep-alive, then the client
 * closes it. Blocking sockets in a thread of their own, so that the main loop keeps reading
 * the server's log meanwhile. */
static gpointer
churn_thread (gpointer data)
{
  Churn *churn = data;

  for (guint i = 0; i < 5000 && churn->failed == 0; i++)
    {
      g_autoptr(GSocket) socket = raw_connect_from (churn->port, NULL, 2);
      guint status = 0;
      const char *why = NULL;

      if (socket == NULL)
        why = "cannot connect";
      else if (!raw_send (socket, "GET /health HTTP/1.1\r\nHost: t\r\n\r\n", -1))
        why = "cannot send";
      else if (!raw_read_answer (socket, &status, NULL))
        why = "no answer";
      else if (status != 200)
        why = "not 200";
      if (why == NULL)
        churn->ok++;
      else if (churn->failed++ == 0)
        churn->why = g_strdup_printf ("connection %u: %s", i, why);
      if (socket != NULL)
        g_socket_close (socket, NULL);
    }
  g_main_context_invoke (NULL, set_flag_cb, &churn->done);
  return NULL;
}

/* libsoup 3.2.3 kept the socket of every keep-alive connection the client closed: under 256
 * descriptors the server answered some 230 requests, then never accepted again. */
static void
test_closed_keep_alive (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start_limited (FALSE, 256, NULL);
  Churn churn = { turnos_test_server_get_port (server), 0, 0, FALSE };
  GThread *thread = g_thread_new ("churn", churn_thread, &churn);

  g_assert_true (turnos_test_wait_for (&churn.done, 90000 * turnos_test_time_scale ()));
  g_thread_join (thread);
  if (churn.why != NULL)
    g_test_message ("%s", churn.why);
  g_free (churn.why);
  g_assert_cmpuint (churn.failed, ==, 0);
  g_assert_cmpuint (churn.ok, ==, 5000);
  g_assert_cmpuint (health (server, NULL), ==, 200);
}

/* Out of descriptors (a limit set above what the process may open), accept(2) fails with
 * EMFILE: libsoup's listener gave up for good. Now the server says so, waits and accepts again
 * once descriptors are free. */
static void
test_emfile_recovery (void)
{
  const char * const args[] = { "--max-connections", "1000", NULL };
  g_autoptr(TurnosTestServer) server = turnos_test_server_start_limited (FALSE, 64, args);
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 100; i++)
    g_ptr_array_add (open, raw_connect (server, NULL));
  TURNOS_TEST_WAIT_UNTIL (turnos_test_server_has_log (server, "cannot accept connections"));
  g_assert_true (turnos_test_server_has_log (server, "Too many open files"));
  g_ptr_array_set_size (open, 0);
  g_assert_cmpuint (health (server, NULL), ==, 200);
}

/*
 * Time
 */

typedef struct
{
  const char *name;
  const char *request;     /* sent at once */
  gboolean    answered;    /* the request is whole: read its answer first */
} Slow;

static const Slow slow_clients[] = {
  { "silent", "", FALSE },
  { "half a request line", "GET /heal", FALSE },
  { "a head without its blank line", "GET /health HTTP/1.1\r\nHost: t\r\n", FALSE },
  { "a body that stops", "POST /reservations/create-without-payment HTTP/1.1\r\nHost: t\r\n"
                         "Content-Length: 100\r\n\r\n{\"client_id\": ", FALSE },
  { "an idle keep-alive connection", "GET /health HTTP/1.1\r\nHost: t\r\n\r\n", TRUE },
  { "a second request that stops", "GET /health HTTP/1.1\r\nHost: t\r\n\r\nGET /hea", TRUE },
};

/* Each kind of slow client is cut off within its timeout (half a second here). */
static void
test_timeouts (void)
{
  const char * const args[] = { "--header-timeout", "0.5", "--body-timeout", "0.5",
                                "--idle-timeout", "0.5", NULL };
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (FALSE, args);

  for (guint i = 0; i < G_N_ELEMENTS (slow_clients); i++)
    {
      const Slow *c = &slow_clients[i];
      g_autoptr(GSocket) socket = raw_connect (server, NULL);
      g_autofree char *rest = NULL;
      gint64 closed_ms;
      guint status;

      g_test_message ("%s", c->name);
      g_assert_true (raw_send (socket, c->request, -1));
      if (c->answered)
        {
          g_assert_true (raw_read_answer (socket, &status, NULL));
          g_assert_cmpuint (status, ==, 200);
        }
      rest = raw_read_until_close (socket, 5000, &closed_ms);
      g_assert_cmpstr (rest, ==, "");
      g_assert_cmpint (closed_ms, >=, 400);
      g_assert_cmpint (closed_ms, <=, 3000);
    }
  g_assert_cmpuint (health (server, NULL), ==, 200);
}

/* 300 clients that send half a request and wait, from 300 addresses, against a server that
 * may open 256 descriptors: a desk still gets its answer at once, not after a timeout. */
static void
test_slow_clients_under_limit (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start_limited (FALSE, 256, NULL);
  g_autoptr(GPtrArray) slow = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *from = g_strdup_printf ("127.0.%u.%u", 1 + i / 200, 1 + i % 200);
      GSocket *socket = raw_connect (server, from);

      g_assert_true (raw_send (socket, i % 2 ? "GET /health HTTP/1.1\r\nHost: t\r\n"
                                             : "POST /reservations/create-without-payment HTTP/1.1\r\n"
                                               "Host: t\r\nContent-Length: 50\r\n\r\n{", -1));
      g_ptr_array_add (slow, socket);
    }
  start = g_get_monotonic_time ();
  g_assert_cmpuint (health (server, NULL), ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  TURNOS_TEST_WAIT_UNTIL (turnos_test_server_has_log (server, "at the limit of"));
}

/*
 * Bodies and framing
 */

typedef struct
{
  const char *name;
  const char *request;
  guint       status;
  const char *code;
} Refused;

static const Refused refused[] = {
  { "a declared gigabyte",
    "POST /reservations/create-without-payment HTTP/1.1\r\nHost: t\r\n"
    "Content-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n{", 413, "body_too_large" },
  { "ten gigabytes expecting 100 Continue",
    "POST /reservations/create-without-payment HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\n"
    "Content-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n", 413, "body_too_large" },
  { "Content-Length and Transfer-Encoding",
    "POST /reservations/create-without-payment HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
    "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "bad_request" },
};

/* Refused on the head alone: the answer comes without a byte of the body sent (the server
 * read none, nor said 100 Continue), and the connection closes. */
static void
test_refused_before_the_body (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (FALSE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      const Refused *r = &refused[i];
      g_autoptr(GSocket) socket = raw_connect (server, NULL);
      g_autofree char *answer = NULL;
      g_autofree char *code = NULL;
      gint64 closed_ms;

      g_test_message ("%s", r->name);
      g_assert_true (raw_send (socket, r->request, -1));
      answer = raw_read_until_close (socket, 3000, &closed_ms);
      g_assert_cmpuint (status_of (answer), ==, r->status);
      code = error_code_of (body_of (answer));
      g_assert_cmpstr (code, ==, r->code);
      g_assert_cmpint (closed_ms, >=, 0);
    }
  g_assert_cmpuint (health (server, NULL), ==, 200);
}

/* A chunked body is cut at the limit: the answer comes while the client is still sending. */
static void
test_chunked_limit (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (FALSE, NULL);
  g_autoptr(GSocket) socket = raw_connect (server, NULL);
  g_autofree char *chunk = g_strdup_printf ("4000\r\n%*s\r\n", 0x4000, "");
  g_autofree char *answer = NULL;
  g_autofree char *code = NULL;
  gint64 closed_ms;

  g_assert_true (raw_send (socket, "POST /reservations/create-without-payment HTTP/1.1\r\n"
                                   "Host: t\r\nContent-Type: application/json\r\n"
                                   "Transfer-Encoding: chunked\r\n\r\n", -1));
  /* 80 KB and no last chunk: without the cut the server waits for the rest. */
  for (guint i = 0; i < 5; i++)
    g_assert_true (raw_send (socket, chunk, -1));
  answer = raw_read_until_close (socket, 3000, &closed_ms);
  g_assert_cmpuint (status_of (answer), ==, 413);
  code = error_code_of (body_of (answer));
  g_assert_cmpstr (code, ==, "body_too_large");
}

/* Two Content-Length headers: libsoup took the last one and a booking was written, while a
 * proxy in front may have taken the first. Now 400, and nothing is written. */
static void
test_two_content_lengths (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (TRUE, NULL);
  g_autoptr(GSocket) socket = raw_connect (server, NULL);
  g_autoptr(GSocket) check = NULL;
  g_autofree char *body = NULL;
  g_autofree char *request = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *code = NULL;
  g_autofree char *list = NULL;
  g_autofree char *token = turnos_test_server_login (server, "desk");
  g_autofree char *check_request = g_strdup_printf ("GET /reservations?client_id=smuggler HTTP/1.1\r\n"
                                                    "Host: t\r\nAuthorization: Bearer %s\r\n\r\n", token);
  gint64 closed_ms;
  guint status;
  GDate day;
  int ahead = 8;

  g_date_clear (&day, 1);
  next_working_day (&ahead, &day);
  body = g_strdup_printf ("{\"client_id\": \"smuggler\", \"professional_id\": \"dr-ana\","
                          " \"start_time\": \"%04d-%02d-%02dT10:00:00\", \"session_modality\": \"Virtual\"}",
                          g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day));
  request = g_strdup_printf ("POST /reservations/create-without-payment HTTP/1.1\r\nHost: t\r\n"
                             "Content-Type: application/json\r\nContent-Length: 2\r\n"
                             "Content-Length: %zu\r\n\r\n%s", strlen (body), body);
  g_assert_true (raw_send (socket, request, -1));
  answer = raw_read_until_close (socket, 3000, &closed_ms);
  g_assert_cmpuint (status_of (answer), ==, 400);
  code = error_code_of (body_of (answer));
  g_assert_cmpstr (code, ==, "bad_request");

  check = raw_connect (server, NULL);
  g_assert_true (raw_send (check, check_request, -1));
  g_assert_true (raw_read_answer (check, &status, &list));
  g_assert_cmpuint (status, ==, 200);
  g_assert_null (strstr (list, "smuggler"));
}

/*
 * Addresses
 */

/* One address may hold so many connections; the next is answered 429 and closed, while
 * another address is served. */
static void
test_per_address_cap (void)
{
  const char * const args[] = { "--max-connections-per-address", "3", NULL };
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (FALSE, args);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocket) fourth = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *code = NULL;
  gint64 closed_ms;

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (held, raw_connect (server, "127.0.0.2"));
  /* Each of the three is served. */
  for (guint i = 0; i < 3; i++)
    {
      guint status;

      g_assert_true (raw_send (held->pdata[i], "GET /health HTTP/1.1\r\nHost: t\r\n\r\n", -1));
      g_assert_true (raw_read_answer (held->pdata[i], &status, NULL));
      g_assert_cmpuint (status, ==, 200);
    }
  fourth = raw_connect (server, "127.0.0.2");
  answer = raw_read_until_close (fourth, 3000, &closed_ms);
  g_assert_cmpuint (status_of (answer), ==, 429);
  code = error_code_of (body_of (answer));
  g_assert_cmpstr (code, ==, "too_many_connections");
  g_assert_cmpint (closed_ms, >=, 0);
  g_assert_cmpuint (health (server, "127.0.0.3"), ==, 200);

  /* One closes: there is room again (once the server has seen the close). */
  g_ptr_array_remove_index (held, 0);
  {
    guint status = 0;

    for (guint i = 0; i < 100 && status != 200; i++)
      {
        gboolean never = FALSE;

        turnos_test_wait_for (&never, 20);
        status = health (server, "127.0.0.2");
      }
    g_assert_cmpuint (status, ==, 200);
  }
}

/* Behind a trusted proxy every client is the proxy's address: its connections are not
 * capped, and requests in progress are counted for the client X-Forwarded-For names (its
 * last entry, the one the proxy added). From anyone else the header means nothing. */
static void
test_trusted_proxy (void)
{
  const char * const args[] = { "--max-connections-per-address", "2",
                                "--trusted-proxy", "127.0.0.2", NULL };
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (FALSE, args);
  g_autoptr(GPtrArray) proxy = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) other = g_ptr_array_new_with_free_func (g_object_unref);
  const char *slow = "POST /reservations/create-without-payment HTTP/1.1\r\nHost: t\r\n"
                     "X-Forwarded-For: 10.9.9.9\r\nContent-Length: 50\r\n\r\n{";
  g_autofree char *body = NULL;
  g_autofree char *code = NULL;
  guint status;

  /* Five connections from the proxy, more than two: all served. */
  for (guint i = 0; i < 5; i++)
    {
      GSocket *socket = raw_connect (server, "127.0.0.2");

      g_assert_true (raw_send (socket, "GET /health HTTP/1.1\r\nHost: t\r\n"
                                       "X-Forwarded-For: 10.0.0.1\r\n\r\n", -1));
      g_assert_true (raw_read_answer (socket, &status, NULL));
      g_assert_cmpuint (status, ==, 200);
      g_ptr_array_add (proxy, socket);
    }
  /* Two requests of 10.9.9.9 in progress (bodies not yet sent)… */
  g_assert_true (raw_send (proxy->pdata[0], slow, -1));
  g_assert_true (raw_send (proxy->pdata[1], slow, -1));
  /* …so a third for it is refused, even with other addresses made up before it… */
  g_assert_true (raw_send (proxy->pdata[2], "GET /health HTTP/1.1\r\nHost: t\r\n"
                                            "X-Forwarded-For: 203.0.113.7, 10.9.9.9\r\n\r\n", -1));
  g_assert_true (raw_read_answer (proxy->pdata[2], &status, &body));
  g_assert_cmpuint (status, ==, 429);
  code = error_code_of (body);
  g_assert_cmpstr (code, ==, "too_many_requests");
  /* …while another client of the proxy is served. */
  g_assert_true (raw_send (proxy->pdata[3], "GET /health HTTP/1.1\r\nHost: t\r\n"
                                            "X-Forwarded-For: 10.9.9.9, 10.9.9.8\r\n\r\n", -1));
  g_assert_true (raw_read_answer (proxy->pdata[3], &status, NULL));
  g_assert_cmpuint (status, ==, 200);

  /* Not the proxy: two connections, whatever X-Forwarded-For says, then 429. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *request = g_strdup_printf ("GET /health HTTP/1.1\r\nHost: t\r\n"
                                                  "X-Forwarded-For: 10.1.1.%u\r\n\r\n", i);
      GSocket *socket = raw_connect (server, "127.0.0.3");

      g_assert_true (raw_send (socket, request, -1));
      g_assert_true (raw_read_answer (socket, &status, NULL));
      g_assert_cmpuint (status, ==, i < 2 ? 200 : 429);
      g_ptr_array_add (other, socket);
    }
}

/*
 * What libsoup answers itself
 */

typedef struct
{
  const char *name;
  const char *request;     /* NULL: a GET /health made long (below) */
  guint       status;
  const char *code;        /* NULL: no body */
  guint       long_target; /* bytes of query string */
  guint       long_header; /* bytes of one header's value */
} Raw;

static const Raw raw_answers[] = {
  { "OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", 204, NULL },
  { "HEAD /health", "HEAD /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n", 200, NULL },
  { "%zz in the path", "GET /professionals/%zz/settings HTTP/1.1\r\nHost: t\r\n"
                       "Connection: close\r\n\r\n", 400, "bad_request" },
  /* With raw paths, %00 reaches the router, which names the field it refuses. */
  { "%00 in the path", "GET /professionals/a%00/settings HTTP/1.1\r\nHost: t\r\n"
                       "Connection: close\r\n\r\n", 400, "invalid_field" },
  { "no request line", "HELLO\r\n\r\n", 400, "bad_request" },
  { "an unknown Transfer-Encoding", "POST /reservations/create-without-payment HTTP/1.1\r\n"
                                    "Host: t\r\nTransfer-Encoding: gzip\r\n\r\n", 501, "bad_request" },
  { "a request target over 8 KB", NULL, 414, "uri_too_long", 9000, 0 },
  { "a head over 32 KB", NULL, 431, "headers_too_large", 0, 40000 },
  /* Past 64 KB libsoup gave up and closed the connection without an answer. */
  { "a request target over 64 KB", NULL, 414, "uri_too_long", 70000, 0 },
  { "a head over 64 KB", NULL, 431, "headers_too_large", 0, 70000 },
};

/* Every 4xx carries {"error": {"code"}}, also those libsoup answers before any handler of
 * ours runs; OPTIONS * and HEAD are answered, not refused. */
static void
test_libsoup_answers (void)
{
  g_autoptr(TurnosTestServer) server = turnos_test_server_start (FALSE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (raw_answers); i++)
    {
      const Raw *r = &raw_answers[i];
      g_autoptr(GSocket) socket = raw_connect (server, NULL);
      g_autofree char *made = NULL;
      g_autofree char *answer = NULL;
      g_autofree char *code = NULL;
      gint64 closed_ms;

      g_test_message ("%s", r->name);
      if (r->request == NULL)
        {
          g_autofree char *query = g_strnfill (r->long_target, 'q');
          g_autofree char *pad = g_strnfill (r->long_header, 'p');

          made = g_strdup_printf ("GET /health?%s HTTP/1.1\r\nHost: t\r\nX-Pad: %s\r\n"
                                  "Connection: close\r\n\r\n", query, pad);
        }
      g_assert_true (raw_send (socket, r->request != NULL ? r->request : made, -1));
      answer = raw_read_until_close (socket, 3000, &closed_ms);
      g_assert_cmpuint (status_of (answer), ==, r->status);
      code = error_code_of (body_of (answer));
      g_assert_cmpstr (code, ==, r->code);
      if (r->code == NULL)
        g_assert_cmpstr (body_of (answer), ==, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/abuse/closed-keep-alive", test_closed_keep_alive);
  g_test_add_func ("/server/abuse/emfile-recovery", test_emfile_recovery);
  g_test_add_func ("/server/abuse/timeouts", test_timeouts);
  g_test_add_func ("/server/abuse/slow-clients-under-limit", test_slow_clients_under_limit);
  g_test_add_func ("/server/abuse/refused-before-the-body", test_refused_before_the_body);
  g_test_add_func ("/server/abuse/chunked-limit", test_chunked_limit);
  g_test_add_func ("/server/abuse/two-content-lengths", test_two_content_lengths);
  g_test_add_func ("/server/abuse/per-address-cap", test_per_address_cap);
  g_test_add_func ("/server/abuse/trusted-proxy", test_trusted_proxy);
  g_test_add_func ("/server/abuse/libsoup-answers", test_libsoup_answers);
  g_test_add_func ("/server/abuse/workers-ids", test_workers_ids);

  return g_test_run ();
}
