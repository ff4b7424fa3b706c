/* fuzz-http.c: raw request bytes through the server's request handling, in process
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is what one connection sends: it is read from a memory stream by a TurnosServer's
 * own SoupServer (turnos_server_accept_stream) on a scratch SQLite store seeded once with the
 * demo clinic, on a fixed clock. A finding is a crash, a sanitizer report, a warning or a
 * critical, a 5xx, or a JSON answer that is not one JSON document (an error's without its
 * {"error": {"code"}} envelope). Store state carries over from input to input, as on a server.
 */
#define G_LOG_DOMAIN "turnos-fuzz"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "turnos-demo.h"
#include "turnos-json.h"
#include "turnos-server.h"
#include "turnos-time.h"

static char *dir;
static TurnosStore *store;
static GDateTime *now;
static GSocketAddress *local;
static GSocketAddress *remote;

static GDateTime *
fixed_clock (gpointer data)
{
  return g_date_time_ref (data);
}

static void
remove_store (void)
{
  static const char * const files[] = { "fuzz.db", "fuzz.db-wal", "fuzz.db-shm", "fuzz.db-journal" };

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  g_clear_pointer (&dir, g_free);
  g_clear_pointer (&now, g_date_time_unref);
  g_clear_object (&local);
  g_clear_object (&remote);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *template = NULL;

  fuzz_init ();
  /* A tmpfs when there is one: SQLite's fsyncs cost nothing there. */
  template = g_build_filename (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir (),
                               "turnos-fuzz-XXXXXX", NULL);
  dir = g_mkdtemp (g_steal_pointer (&template));
  g_assert (dir != NULL);
  uri = g_strdup_printf ("sqlite://%s/fuzz.db", dir);
  store = turnos_store_open (uri, &error);
  g_assert_no_error (error);
  /* Monday 2 March 2026, 08:00 at the clinic, as the HTTP tests; the corpus books around it. */
  tz = turnos_time_zone_new ("America/Argentina/Buenos_Aires");
  now = g_date_time_new (tz, 2026, 3, 2, 8, 0, 0);
  if (!turnos_demo_seed (store, now, &error))
    g_error ("demo: %s", error->message);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  local = g_inet_socket_address_new (loopback, 8080);
  remote = g_inet_socket_address_new (loopback, 50000);
  atexit (remove_store);
  return 0;
}

/* Every answer on the wire: a status line, and a JSON body that is one document (an error's
 * with its envelope). Stops at a body it cannot frame (a HEAD answer has none). */
static void
check_answers (const char *out,
               gsize       len,
               gboolean    had_head)
{
  while (len > 0)
    {
      g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
      const char *end = g_strstr_len (out, len, "\r\n\r\n");
      guint status = 0;
      goffset body_len;
      const char *type;

      fuzz_check (len >= 7 && memcmp (out, "HTTP/1.", 7) == 0, "an answer starts with a status line");
      if (end == NULL)
        return;
      fuzz_check (soup_headers_parse_response (out, end + 4 - out, headers, NULL, &status, NULL),
                  "an answer's head parses");
      len -= end + 4 - out;
      out = end + 4;
      if (status == 100 || status == 101)
        continue;
      body_len = soup_message_headers_get_content_length (headers);
      if (had_head || body_len < 0 || (gsize) body_len > len)
        return;
      type = soup_message_headers_get_content_type (headers, NULL);
      if (body_len > 0 && g_strcmp0 (type, "application/json") == 0)
        {
          g_autoptr(JsonNode) node = turnos_json_parse (out, body_len, NULL);

          fuzz_check (node != NULL, "a JSON answer is one JSON document");
          /* libsoup's own 501 and 505 have no body: a JSON 5xx is ours. */
          fuzz_check (status < 500, "no input makes the server fail (5xx)");
          if (status >= 400)
            fuzz_check (turnos_json_error_parse (node, NULL, NULL), "an error answer has its envelope");
        }
      len -= body_len;
      out += body_len;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (g_memdup2 (data, size), size, g_free);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GIOStream) stream = g_simple_io_stream_new (in, out);
  g_autoptr(TurnosServer) server = turnos_server_new (store);
  g_autoptr(GError) error = NULL;

  g_object_set (server, "log-requests", FALSE, NULL);
  turnos_server_set_clock (server, fixed_clock, now);
  /* SoupServer keeps a connection alive for the next request only while it listens
   * somewhere: a loopback port nobody connects to lets one input pipeline several. */
  if (!turnos_server_listen (server, "127.0.0.1", 0, &error))
    g_error ("listen: %s", error->message);
  if (!turnos_server_accept_stream (server, stream, local, remote, &error))
    g_error ("accept: %s", error->message);

  /* Memory streams are always ready: the server reads, answers and writes until it closes
   * the connection or waits for a next request that the ended input never brings. */
  while (!g_io_stream_is_closed (stream) && g_main_context_iteration (NULL, FALSE))
    ;
  /* Then the server goes, and every connection with it. (libsoup 3.2.3 never closes a
   * kept-alive connection whose peer closed: issue #11, section 1; the listening server
   * deals with it in its accept path, which a stream of ours never takes.) */
  turnos_server_disconnect (server);
  g_clear_object (&server);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  /* TURNOS_FUZZ_VERBOSE=1 shows what the server answered, for whoever writes the corpus. */
  if (g_getenv ("TURNOS_FUZZ_VERBOSE") != NULL)
    fprintf (stderr, "%.*s\n----\n",
             (int) g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
             (const char *) g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)));
  check_answers (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                 g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                 g_strstr_len ((const char *) data, size, "HEAD") != NULL);
  return 0;
}
