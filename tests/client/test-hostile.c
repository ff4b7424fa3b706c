/* test-hostile.c: TurnosClient against a server that misbehaves on purpose
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Anyone on the path of plain HTTP can be the server (issue 11, section 6). Each case asserts
 * the exact error, that the wait ended by the client's own doing within a bound (a bounded
 * main-loop run, no sleeping), and that the process's peak memory stayed bounded.
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "turnos-client.h"
#include "turnos-error.h"
#include "turnos-hostile-server.h"
#include "turnos-json.h"
#include "turnos-test-server.h"

/* What one hostile case may add to the process's peak resident memory: the client keeps at
 * most TURNOS_CLIENT_MAX_ANSWER_BYTES of an answer; the rest is libsoup's and zlib's buffers
 * and this process's own server. Without the fixes these cases reach 500 MB to 1 GB. */
#define MEMORY_BOUND_KB (32 * 1024)

/*
 * Helpers
 */

typedef struct
{
  GAsyncResult *result;
  gboolean      done;
} Wait;

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static gsize
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field) && lines[i][strlen (field)] == ':')
      return (gsize) g_ascii_strtoull (lines[i] + strlen (field) + 1, NULL, 10);
  g_assert_not_reached ();
}

/* Brings the peak (VmHWM) down to what is resident now (Linux's clear_refs "5"), so the next
 * reading is this case's own peak; returns that starting point. Where the kernel refuses,
 * the peak so far stands in, and the bound still holds over it. */
static gsize
memory_mark (void)
{
  int fd = g_open ("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC, 0);

  if (fd < 0 || write (fd, "5", 1) != 1)
    g_test_message ("cannot reset VmHWM; measuring against the peak so far");
  if (fd >= 0)
    close (fd);
  return status_kb ("VmHWM");
}

static void
assert_memory_bounded (gsize mark_kb)
{
  gsize peak_kb = status_kb ("VmHWM");

  g_test_message ("peak resident memory grew by %" G_GSIZE_FORMAT " KB", peak_kb - mark_kb);
  g_assert_cmpuint (peak_kb - mark_kb, <, MEMORY_BOUND_KB);
}

/* Runs the main loop until @wait is done, for at most @bound_ms, and asserts that it was;
 * returns the milliseconds it took. */
static gint64
await_within (Wait  *wait,
              guint  bound_ms)
{
  gint64 start = g_get_monotonic_time ();

  g_assert_true (turnos_test_wait_for (&wait->done, bound_ms));
  return (g_get_monotonic_time () - start) / 1000;
}

static GBytes *
bytes_of (GString *string)
{
  return g_string_free_to_bytes (string);
}

static GBytes *
nested (const char *open,
        const char *inner,
        const char *close,
        guint       depth)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (s, close);
  return bytes_of (s);
}

/* GET /professionals against @server; the result (NULL or a list) and its error. */
static GPtrArray *
list_professionals (TurnosClient  *client,
                    GCancellable  *cancellable,
                    guint          bound_ms,
                    gint64        *took_ms,
                    GError       **error)
{
  Wait wait = { NULL, FALSE };
  GPtrArray *list;
  gint64 ms;

  turnos_client_list_professionals_async (client, cancellable, done_cb, &wait);
  ms = await_within (&wait, bound_ms);
  if (took_ms != NULL)
    *took_ms = ms;
  list = turnos_client_list_professionals_finish (client, wait.result, error);
  g_object_unref (wait.result);
  return list;
}

/*
 * Nesting: json-glib's parser recurses per level
 */

typedef struct
{
  const char *name;
  const char *prefix;
  const char *open;
  const char *inner;
  const char *close;
  guint       depth;
  const char *suffix;
  gboolean    readable;
} NestingCase;

#define A_LIST "{\"professionals\": [], \"x\": "

static const NestingCase nesting_cases[] = {
  /* 100,000 levels in 200 KB: a stack overflow inside json-glib without the check. */
  { "arrays", "", "[", "", "]", 100000, "", FALSE },
  { "objects", "", "{\"a\":", "1", "}", 100000, "", FALSE },
  /* json-glib reads C comments and single-quoted strings: a double quote inside one must not
   * hide the nesting after it from the scan. */
  { "after-comment", "/* \" */ ", "[", "", "]", 100000, "", FALSE },
  { "after-single-quotes", "['\"', ", "[", "", "]", 100000, "]", FALSE },
  /* An answer of the right shape one level too deep, and one at the limit. */
  { "one-too-deep", A_LIST, "[", "1", "]", TURNOS_JSON_MAX_DEPTH, "}", FALSE },
  { "at-the-limit", A_LIST, "[", "1", "]", TURNOS_JSON_MAX_DEPTH - 1, "}", TRUE },
};

static void
test_nesting (gconstpointer data)
{
  const NestingCase *c = data;
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  g_autoptr(GBytes) inner = nested (c->open, c->inner, c->close, c->depth);
  g_autoptr(GString) body = g_string_new (c->prefix);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gsize mark;

  g_string_append_len (body, g_bytes_get_data (inner, NULL), g_bytes_get_size (inner));
  g_string_append (body, c->suffix);
  bytes = g_bytes_new (body->str, body->len);
  turnos_hostile_server_script (server, TURNOS_HOSTILE_WHOLE, 200, NULL, bytes, 0);

  mark = memory_mark ();
  list = list_professionals (client, NULL, 5000, NULL, &error);
  assert_memory_bounded (mark);
  if (c->readable)
    {
      g_assert_no_error (error);
      g_assert_cmpuint (list->len, ==, 0);
    }
  else
    {
      g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_MALFORMED);
      g_assert_null (list);
    }
}

static void
test_brackets_in_strings (void)
{
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  g_autoptr(GString) body = g_string_new ("{\"professionals\": [{\"user_id\": \"dr-\\\"");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  /* 100,000 brackets inside a name (after an escaped quote) nest nothing. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (body, '[');
  g_string_append (body, "\", \"timezone\": \"UTC\"}]}");
  bytes = g_bytes_new (body->str, body->len);
  turnos_hostile_server_script (server, TURNOS_HOSTILE_WHOLE, 200, NULL, bytes, 0);

  list = list_professionals (client, NULL, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_depth_scan (void)
{
  static const struct
  {
    const char *json;
    gboolean    ok;
  } cases[] = {
    { "[[[]]]", TRUE },
    { "[[[[]]]]", FALSE },
    { "{\"a\": {\"b\": [1]}}", TRUE },
    { "{\"a\": {\"b\": [[1]]}}", FALSE },
    { "[\"[[[[[[\", \"]]]]\"]", TRUE },
    { "[\"\\\\\", [[[]]]]", FALSE },     /* an escaped backslash ends the escape */
    { "[\"\\\"[[[[\"]", TRUE },          /* an escaped quote does not end the string */
    { "]]]][[[]]]", FALSE },             /* closers without openers are not JSON either */
    { "[/* ]]] */ 1]", FALSE },
    { "['[[[[']", FALSE },
    { "", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = turnos_json_check_document (cases[i].json, strlen (cases[i].json), 3, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE);
    }
}

/*
 * Size: the answer is capped once decoded
 */

/* {"professionals": [...]} with valid settings until it is at least @size bytes. */
static GBytes *
professionals_of_size (gsize size)
{
  GString *s = g_string_new ("{\"professionals\": [");

  for (guint i = 0; s->len < size; i++)
    g_string_append_printf (s, "%s{\"user_id\": \"dr-%u\", \"display_name\": \"Dr. %u\", "
                            "\"timezone\": \"America/Argentina/Buenos_Aires\"}",
                            i > 0 ? ", " : "", i, i);
  g_string_append (s, "]}");
  return bytes_of (s);
}

/* An empty list padded with spaces (valid JSON) to exactly @size bytes. */
static GBytes *
padded_to (gsize size)
{
  GString *s = g_string_new ("{\"professionals\": []}");

  g_assert_cmpuint (size, >=, s->len);
  while (s->len < size)
    g_string_append_c (s, ' ');
  return bytes_of (s);
}

/* gzip of an empty list followed by @spaces spaces: about a thousandth of its inflated size. */
static GBytes *
gzip_bomb (gsize spaces)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const char *head = "{\"professionals\": []}";
  gsize head_left = strlen (head);
  g_autofree char *block = g_malloc (1024 * 1024);
  guint8 buf[64 * 1024];
  gsize left = spaces;
  GConverterResult res = G_CONVERTER_CONVERTED;

  memset (block, ' ', 1024 * 1024);
  while (res != G_CONVERTER_FINISHED)
    {
      const char *in = head_left > 0 ? head + strlen (head) - head_left : block;
      gsize in_len = head_left > 0 ? head_left : MIN (left, (gsize) 1024 * 1024);
      gboolean last = head_left == 0 && left == in_len;
      gsize read = 0, written = 0;
      g_autoptr(GError) error = NULL;

      res = g_converter_convert (G_CONVERTER (compressor), in, in_len, buf, sizeof buf,
                                 last ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                 &read, &written, &error);
      g_assert_no_error (error);
      g_byte_array_append (out, buf, written);
      if (head_left > 0)
        head_left -= read;
      else
        left -= read;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static void
test_endless_chunked (void)
{
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  g_autoptr(GBytes) chunk = nested ("[", "", "", 64 * 1024 - 1);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 took;
  gsize mark;

  turnos_hostile_server_script (server, TURNOS_HOSTILE_ENDLESS, 200, NULL, chunk, 0);
  mark = memory_mark ();
  /* Well inside the client's 10 s deadline: the cap ends it, not the clock. */
  list = list_professionals (client, NULL, 5000, &took, &error);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_MALFORMED);
  g_assert_null (list);
  assert_memory_bounded (mark);
  g_test_message ("refused after %" G_GINT64_FORMAT " ms", took);
  /* The client hung up rather than reading on in the background. */
  TURNOS_TEST_WAIT_UNTIL (turnos_hostile_server_get_hangups (server) == 1);
}

static void
test_oversized (void)
{
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  /* The right shape, only too much of it. */
  g_autoptr(GBytes) body = professionals_of_size (5 * 1024 * 1024);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gsize mark;

  turnos_hostile_server_script (server, TURNOS_HOSTILE_WHOLE, 200, NULL, body, 0);
  mark = memory_mark ();
  list = list_professionals (client, NULL, 5000, NULL, &error);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_MALFORMED);
  g_assert_null (list);
  assert_memory_bounded (mark);
}

static void
test_size_limit (void)
{
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  g_autoptr(GBytes) at_limit = padded_to (TURNOS_CLIENT_MAX_ANSWER_BYTES);
  g_autoptr(GBytes) over_limit = padded_to (TURNOS_CLIENT_MAX_ANSWER_BYTES + 1);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  turnos_hostile_server_script (server, TURNOS_HOSTILE_WHOLE, 200, NULL, at_limit, 0);
  list = list_professionals (client, NULL, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  turnos_hostile_server_script (server, TURNOS_HOSTILE_WHOLE, 200, NULL, over_limit, 0);
  list = list_professionals (client, NULL, 5000, NULL, &error);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_MALFORMED);
  g_assert_null (list);
  g_clear_error (&error);

  /* An oversized error answer is still that status's error, without its body. */
  turnos_hostile_server_script (server, TURNOS_HOSTILE_WHOLE, 409, NULL, over_limit, 0);
  list = list_professionals (client, NULL, 5000, NULL, &error);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_CONFLICT);
  g_assert_null (turnos_client_error_get_api_code (error));
}

static void
test_gzip_bomb (void)
{
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  /* 1 GB of JSON in about 1 MB on the wire. */
  g_autoptr(GBytes) bomb = gzip_bomb ((gsize) 1024 * 1024 * 1024);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gsize mark;

  g_test_message ("the bomb is %" G_GSIZE_FORMAT " bytes", g_bytes_get_size (bomb));
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 2 * 1024 * 1024);
  turnos_hostile_server_script (server, TURNOS_HOSTILE_WHOLE, 200, "Content-Encoding: gzip\r\n",
                                bomb, 0);
  mark = memory_mark ();
  list = list_professionals (client, NULL, 5000, NULL, &error);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_MALFORMED);
  g_assert_null (list);
  assert_memory_bounded (mark);
}

static void
test_gzip_small (void)
{
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  g_autoptr(GBytes) small = gzip_bomb (1000);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  /* A compressed answer within the cap is read as ever. */
  turnos_hostile_server_script (server, TURNOS_HOSTILE_WHOLE, 200, "Content-Encoding: gzip\r\n",
                                small, 0);
  list = list_professionals (client, NULL, 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
}

/*
 * Time: every call has a deadline, not only a per-read timeout
 */

typedef struct
{
  TurnosHostileMode mode;
  guint             interval_ms;
} TrickleCase;

/* A byte every 400 ms never trips a 1 s per-read timeout; the body alone would take 8 s. */
static const TrickleCase trickle_body = { TURNOS_HOSTILE_TRICKLE_BODY, 400 };
static const TrickleCase trickle_head = { TURNOS_HOSTILE_TRICKLE_HEAD, 400 };

static void
test_trickle (gconstpointer data)
{
  const TrickleCase *c = data;
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"professionals\": []}", 21);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 took;
  gsize mark;

  turnos_client_set_timeout (client, 1);
  turnos_hostile_server_script (server, c->mode, 200, NULL, body, c->interval_ms);
  mark = memory_mark ();
  list = list_professionals (client, NULL, 4000, &took, &error);
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_TIMED_OUT);
  g_assert_null (list);
  assert_memory_bounded (mark);
  /* At the deadline: not before it, and not a trickle's length after. */
  g_test_message ("timed out after %" G_GINT64_FORMAT " ms", took);
  g_assert_cmpint (took, >=, 900);
  g_assert_cmpint (took, <, 1900);
  TURNOS_TEST_WAIT_UNTIL (turnos_hostile_server_get_hangups (server) == 1);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel_during_trickle (void)
{
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"professionals\": []}", 21);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 took;

  /* The caller's cancel stays a cancel, before the deadline and instead of it. */
  turnos_client_set_timeout (client, 2);
  turnos_hostile_server_script (server, TURNOS_HOSTILE_TRICKLE_BODY, 200, NULL, body, 100);
  g_timeout_add (500, cancel_cb, cancellable);
  list = list_professionals (client, cancellable, 4000, &took, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (list);
  g_assert_cmpint (took, <, 1500);
  TURNOS_TEST_WAIT_UNTIL (turnos_hostile_server_get_hangups (server) == 1);
}

static void
test_cancelled_before (void)
{
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  list = list_professionals (client, cancellable, 4000, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (list);
}

static void
test_deadline_per_call (void)
{
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"professionals\": []}", 21);
  g_autoptr(GError) error = NULL;

  /* Each call gets its own deadline: three calls in a row, each under the 1 s timeout and
   * together well over it, and a timed-out call leaves the next one alone. */
  turnos_client_set_timeout (client, 1);
  turnos_hostile_server_script (server, TURNOS_HOSTILE_TRICKLE_BODY, 200, NULL, body, 30);
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) list = list_professionals (client, NULL, 4000, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (list->len, ==, 0);
    }
  turnos_hostile_server_script (server, TURNOS_HOSTILE_TRICKLE_BODY, 200, NULL, body, 400);
  g_assert_null (list_professionals (client, NULL, 4000, NULL, &error));
  g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_TIMED_OUT);
  g_clear_error (&error);
  turnos_hostile_server_script (server, TURNOS_HOSTILE_WHOLE, 200, NULL, body, 0);
  {
    g_autoptr(GPtrArray) list = list_professionals (client, NULL, 4000, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 0);
  }
}

/*
 * Redirects: the API has none, and following one would send the request (its body, its
 * Idempotency-Key) wherever the answer says
 */

static void
test_redirect (void)
{
  static const guint statuses[] = { 301, 302, 303, 307, 308 };
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosHostileServer) elsewhere = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"professionals\": []}", 21);
  g_autofree char *location = g_strdup_printf ("Location: %sprofessionals\r\n",
                                               turnos_hostile_server_get_url (elsewhere));

  turnos_hostile_server_script (elsewhere, TURNOS_HOSTILE_WHOLE, 200, NULL, body, 0);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GError) error = NULL;

      turnos_hostile_server_script (server, TURNOS_HOSTILE_WHOLE, statuses[i], location, body, 0);
      list = list_professionals (client, NULL, 5000, NULL, &error);
      g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_SERVER);
      g_assert_null (list);
    }
  g_assert_cmpuint (turnos_hostile_server_get_requests (server), ==, G_N_ELEMENTS (statuses));
  g_assert_cmpuint (turnos_hostile_server_get_requests (elsewhere), ==, 0);
}

/*
 * Links: only checkout pages on the server's origin or a declared payment origin
 */

typedef struct
{
  const char *name;
  const char *url;        /* "{o}" stands for the hostile server's "127.0.0.1:PORT" */
  gboolean    trusted;
} CheckoutCase;

static const CheckoutCase checkout_cases[] = {
  { "own-origin", "http://{o}/checkout/p1", TRUE },
  { "own-origin-bare", "http://{o}", TRUE },
  { "own-origin-spelled-otherwise", "HTTP://{o}/checkout/p1?step=2#top", TRUE },
  { "payment-origin", "https://pay.example.com/checkout/p1", TRUE },
  { "payment-origin-spelled-otherwise", "https://PAY.example.com:443/checkout/p1", TRUE },
  { "file", "file:///etc/passwd", FALSE },
  { "javascript", "javascript:alert(document.cookie)", FALSE },
  { "data", "data:text/html,<script>alert(1)</script>", FALSE },
  { "ftp", "ftp://{o}/checkout", FALSE },
  { "another-host", "http://evil.example/checkout/p1", FALSE },
  { "another-scheme", "https://{o}/checkout/p1", FALSE },
  { "another-port", "http://127.0.0.1/checkout/p1", FALSE },
  { "another-name-for-the-host", "http://localhost:1/checkout/p1", FALSE },
  { "payment-origin-other-scheme", "http://pay.example.com/checkout/p1", FALSE },
  { "payment-origin-as-prefix", "https://pay.example.com.evil.example/", FALSE },
  { "payment-origin-other-port", "https://pay.example.com:8443/", FALSE },
  { "user-part", "http://evil.example@{o}/checkout", FALSE },
  { "own-origin-as-user-part", "http://{o}@evil.example/checkout", FALSE },
  /* Browsers read \ as / in http URLs: the host would be evil.example. */
  { "backslash", "http://evil.example\\@{o}/checkout", FALSE },
  { "space", "http://{o}/check out", FALSE },
  { "newline", "http://{o}/\ncheckout", FALSE },
  { "scheme-relative", "//{o}/checkout/p1", FALSE },
  { "relative", "/checkout/p1", FALSE },
  { "empty", "", FALSE },
};

static char *
expand (const char *pattern,
        const char *origin)
{
  GString *s = g_string_new (pattern);

  g_string_replace (s, "{o}", origin, 0);
  return g_string_free (s, FALSE);
}

static GBytes *
payment_with (const char *checkout_url)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gsize len;
  char *json;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "payment_id");
  json_builder_add_string_value (builder, "p1");
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "pending");
  if (checkout_url != NULL)
    {
      json_builder_set_member_name (builder, "checkout_url");
      json_builder_add_string_value (builder, checkout_url);
    }
  json_builder_set_member_name (builder, "amount");
  json_builder_add_string_value (builder, "5000.00");
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, "ARS");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = turnos_json_to_string (root, &len);
  return g_bytes_new_take (json, len);
}

static TurnosReservation *
some_draft (void)
{
  TurnosReservation *r = turnos_reservation_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();

  r->client_id = g_strdup ("patient-1");
  r->professional_id = g_strdup ("dr-ana");
  r->start = g_date_time_new (tz, 2030, 3, 15, 10, 0, 0);
  r->end = g_date_time_add_minutes (r->start, 45);
  r->modality = TURNOS_MODALITY_VIRTUAL;
  return r;
}

static void
test_checkout_url (gconstpointer data)
{
  const CheckoutCase *c = data;
  static const char * const origins[] = { "https://pay.example.com", NULL };
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  g_autofree char *url = expand (c->url, turnos_hostile_server_get_authority (server));
  g_autoptr(GBytes) body = payment_with (url);
  g_autoptr(TurnosReservation) draft = some_draft ();

  turnos_client_set_payment_origins (client, origins);
  turnos_hostile_server_script (server, TURNOS_HOSTILE_WHOLE, 201, NULL, body, 0);

  /* Both calls that return a payment: starting it, and asking how it goes. */
  for (int call = 0; call < 2; call++)
    {
      Wait wait = { NULL, FALSE };
      g_autoptr(TurnosPayment) payment = NULL;
      g_autoptr(GError) error = NULL;

      if (call == 0)
        turnos_client_start_payment_async (client, draft, NULL, NULL, done_cb, &wait);
      else
        turnos_client_get_payment_async (client, "p1", NULL, done_cb, &wait);
      await_within (&wait, 5000);
      payment = call == 0
        ? turnos_client_start_payment_finish (client, wait.result, &error)
        : turnos_client_get_payment_finish (client, wait.result, &error);
      g_object_unref (wait.result);

      if (c->trusted)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (payment->checkout_url, ==, url);
        }
      else
        {
          g_assert_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_UNTRUSTED_URL);
          g_assert_null (payment);
        }
    }
  g_assert_cmpuint (turnos_hostile_server_get_requests (server), ==, 2);
}

static void
test_checkout_absent (void)
{
  g_autoptr(TurnosHostileServer) server = turnos_hostile_server_new ();
  g_autoptr(TurnosClient) client = turnos_client_new (turnos_hostile_server_get_url (server));
  g_autoptr(GBytes) body = payment_with (NULL);
  g_autoptr(TurnosPayment) payment = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL, FALSE };

  /* No link at all is no link to refuse. */
  turnos_hostile_server_script (server, TURNOS_HOSTILE_WHOLE, 200, NULL, body, 0);
  turnos_client_get_payment_async (client, "p1", NULL, done_cb, &wait);
  await_within (&wait, 5000);
  payment = turnos_client_get_payment_finish (client, wait.result, &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  g_assert_null (payment->checkout_url);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_payment_origins_property (void)
{
  static const char * const set[] = {
    "https://pay.example.com", "file:///etc", "https://pay.example.com/path",
    "https://user@pay.example.com", "ftp://pay.example.com", "http://pay2.example.com:8080/",
    NULL,
  };
  static const char * const kept[] = {
    "https://pay.example.com", "http://pay2.example.com:8080/", NULL,
  };
  g_autoptr(TurnosClient) client = turnos_client_new ("http://127.0.0.1:1/");
  g_auto(GStrv) read_back = NULL;
  guint notified = 0;

  g_assert_cmpuint (g_strv_length ((GStrv) turnos_client_get_payment_origins (client)), ==, 0);
  g_signal_connect (client, "notify::payment-origins", G_CALLBACK (count_notify_cb), &notified);
  for (int i = 0; i < 4; i++)
    g_test_expect_message ("turnos-client", G_LOG_LEVEL_WARNING, "*not an http(s) origin*");
  turnos_client_set_payment_origins (client, set);
  g_test_assert_expected_messages ();
  g_assert_true (g_strv_equal (turnos_client_get_payment_origins (client), kept));
  g_assert_cmpuint (notified, ==, 1);

  g_object_get (client, "payment-origins", &read_back, NULL);
  g_assert_true (g_strv_equal ((const char * const *) read_back, kept));
  turnos_client_set_payment_origins (client, kept);
  g_assert_cmpuint (notified, ==, 1);
  turnos_client_set_payment_origins (client, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (g_strv_length ((GStrv) turnos_client_get_payment_origins (client)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (nesting_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/client/hostile/nesting/%s",
                                               nesting_cases[i].name);

      g_test_add_data_func (path, &nesting_cases[i], test_nesting);
    }
  g_test_add_func ("/client/hostile/nesting/brackets-in-strings", test_brackets_in_strings);
  g_test_add_func ("/client/hostile/nesting/scan", test_depth_scan);
  g_test_add_func ("/client/hostile/size/endless-chunked", test_endless_chunked);
  g_test_add_func ("/client/hostile/size/oversized", test_oversized);
  g_test_add_func ("/client/hostile/size/limit", test_size_limit);
  g_test_add_func ("/client/hostile/size/gzip-bomb", test_gzip_bomb);
  g_test_add_func ("/client/hostile/size/gzip-small", test_gzip_small);
  g_test_add_data_func ("/client/hostile/deadline/trickled-body", &trickle_body, test_trickle);
  g_test_add_data_func ("/client/hostile/deadline/trickled-head", &trickle_head, test_trickle);
  g_test_add_func ("/client/hostile/deadline/per-call", test_deadline_per_call);
  g_test_add_func ("/client/hostile/deadline/cancel-stays-cancel", test_cancel_during_trickle);
  g_test_add_func ("/client/hostile/deadline/cancelled-before", test_cancelled_before);
  g_test_add_func ("/client/hostile/redirect", test_redirect);
  for (guint i = 0; i < G_N_ELEMENTS (checkout_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/client/hostile/checkout-url/%s",
                                               checkout_cases[i].name);

      g_test_add_data_func (path, &checkout_cases[i], test_checkout_url);
    }
  g_test_add_func ("/client/hostile/checkout-url/absent", test_checkout_absent);
  g_test_add_func ("/client/hostile/payment-origins", test_payment_origins_property);

  return g_test_run ();
}
