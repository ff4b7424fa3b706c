/* turnos-load.c: an HTTP/1.1 keep-alive load generator for turnos-server
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * N connections on one epoll loop, each sending its next request as soon as the previous
 * answer is read, for a fixed duration. The requests are a deterministic mix of professionals
 * and days (availability, the desk's day) or of times (bookings), so two runs send the same
 * sequence. With --username and --password it signs in first (POST /auth/login) and sends
 * the token with every request, as a desk does.
 * Prints one JSON object: requests, errors, statuses, requests/s and latency percentiles.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

typedef enum { MODE_AVAILABILITY, MODE_BOOK, MODE_CONTEND, MODE_DAY } Mode;

typedef struct
{
  int      fd;
  guint    index;      /* this connection's number */
  guint64  sent;       /* requests sent on it */
  gint64   started_us; /* when the pending request was sent */
  GString *out;
  gsize    out_done;
  GString *in;
} Conn;

static char    *opt_host = NULL;
static int      opt_port = 0;
static int      opt_connections = 1;
static double   opt_duration = 5.0;
static char    *opt_mode = NULL;
static char    *opt_professionals = NULL;
static char    *opt_from = NULL;
static int      opt_days = 30;
static int      opt_contended = 4;
static int      opt_step_minutes = 15;
static char    *opt_username = NULL;
static char    *opt_password = NULL;
static char    *auth_header = NULL;   /* "Authorization: Bearer …\r\n" or "" */

static GOptionEntry entries[] = {
  { "host", 0, 0, G_OPTION_ARG_STRING, &opt_host, "Server address (127.0.0.1)", "ADDR" },
  { "port", 0, 0, G_OPTION_ARG_INT, &opt_port, "Server port", "PORT" },
  { "connections", 'c', 0, G_OPTION_ARG_INT, &opt_connections, "Concurrent connections", "N" },
  { "duration", 'd', 0, G_OPTION_ARG_DOUBLE, &opt_duration, "Seconds to run", "S" },
  { "mode", 'm', 0, G_OPTION_ARG_STRING, &opt_mode, "availability, day, book or contend", "MODE" },
  { "professionals", 'p', 0, G_OPTION_ARG_STRING, &opt_professionals, "Comma-separated ids", "IDS" },
  { "from", 0, 0, G_OPTION_ARG_STRING, &opt_from, "First day, YYYY-MM-DD", "DATE" },
  { "days", 0, 0, G_OPTION_ARG_INT, &opt_days, "How many days the mix spans", "N" },
  { "contended", 0, 0, G_OPTION_ARG_INT, &opt_contended, "Times fought over (contend)", "N" },
  { "step-minutes", 0, 0, G_OPTION_ARG_INT, &opt_step_minutes, "Booking grid (book, contend)", "N" },
  { "username", 'u', 0, G_OPTION_ARG_STRING, &opt_username, "Sign in as this user first", "NAME" },
  { "password", 0, 0, G_OPTION_ARG_STRING, &opt_password, "The user's password", "PASSWORD" },
  { NULL }
};

static Mode     mode;
static GStrv    professionals;
static guint    n_professionals;
static GDate    from_date;
static GArray  *latencies;   /* guint32 microseconds */
static guint64  n_requests, n_errors;
static guint64  statuses[600];
static guint64  book_counter;

static void
day_string (guint offset,
            char  out[11])
{
  GDate d = from_date;

  g_date_add_days (&d, offset);
  g_snprintf (out, 11, "%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
              g_date_get_day (&d));
}

/* Availability: a fixed pseudo-random walk over professionals × days. Bookings: distinct
 * times walk forward on the grid; contended ones cycle over a few times everyone wants. */
static void
build_request (Conn *c)
{
  guint64 k = c->sent;
  char day[11];

  g_string_truncate (c->out, 0);
  c->out_done = 0;

  if (mode == MODE_AVAILABILITY || mode == MODE_DAY)
    {
      guint64 mix = (c->index * 7919u + k * 104729u) % ((guint64) n_professionals * opt_days);
      const char *prof = professionals[(mix / opt_days) % n_professionals];

      day_string (mix % opt_days, day);
      if (mode == MODE_DAY)
        g_string_append_printf (c->out,
                                "GET /professionals/%s/day?date=%s HTTP/1.1\r\n"
                                "Host: %s\r\n%s\r\n", prof, day, opt_host, auth_header);
      else
        g_string_append_printf (c->out,
                                "GET /reservations/availability?date=%s&professional_id=%s HTTP/1.1\r\n"
                                "Host: %s\r\n%s\r\n", day, prof, opt_host, auth_header);
      return;
    }

  {
    guint64 slot = mode == MODE_BOOK ? book_counter++ : (k + c->index) % opt_contended;
    guint per_day = 24 * 60 / opt_step_minutes;
    guint64 per_prof = (guint64) per_day * opt_days;
    const char *prof = professionals[(slot / per_prof) % n_professionals];
    guint in_day = (slot % per_prof) % per_day;
    int start_min = in_day * opt_step_minutes;
    int end_min = start_min + opt_step_minutes;
    char end_day[11];
    g_autofree char *body = NULL;

    day_string ((slot % per_prof) / per_day, day);
    day_string ((slot % per_prof) / per_day + (end_min >= 24 * 60 ? 1 : 0), end_day);
    end_min %= 24 * 60;
    body = g_strdup_printf ("{\"client_id\":\"bench-%u-%" G_GUINT64_FORMAT "\","
                            "\"professional_id\":\"%s\",\"session_modality\":\"Virtual\","
                            "\"start_time\":\"%sT%02d:%02d:00\",\"end_time\":\"%sT%02d:%02d:00\"}",
                            c->index, k, prof, day, start_min / 60, start_min % 60,
                            end_day, end_min / 60, end_min % 60);
    g_string_append_printf (c->out,
                            "POST /reservations/create-without-payment HTTP/1.1\r\n"
                            "Host: %s\r\n%sContent-Type: application/json\r\n"
                            "Content-Length: %zu\r\n\r\n%s",
                            opt_host, auth_header, strlen (body), body);
  }
}

static int
connect_one (void)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons (opt_port) };
  int one = 1;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  if (fd < 0 || inet_pton (AF_INET, opt_host, &addr.sin_addr) != 1 ||
      connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0)
    {
      g_printerr ("turnos-load: cannot connect to %s:%d: %s\n", opt_host, opt_port,
                  g_strerror (errno));
      exit (2);
    }
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  /* Edge-triggered epoll reads until EAGAIN: the socket must not block. */
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

/* A complete answer in c->in: returns its status and consumes it, or 0 if not complete. */
static int
take_response (Conn *c)
{
  const char *head_end = g_strstr_len (c->in->str, c->in->len, "\r\n\r\n");
  const char *cl;
  gsize head_len, body_len = 0;
  int status = 0;

  if (head_end == NULL)
    return 0;
  head_len = head_end + 4 - c->in->str;
  if (sscanf (c->in->str, "HTTP/1.%*d %d", &status) != 1)
    return -1;
  cl = g_strstr_len (c->in->str, head_len, "Content-Length:");
  if (cl == NULL)
    cl = g_strstr_len (c->in->str, head_len, "content-length:");
  if (cl != NULL)
    body_len = strtoul (cl + strlen ("Content-Length:"), NULL, 10);
  else if (g_strstr_len (c->in->str, head_len, "chunked") != NULL)
    {
      const char *end = g_strstr_len (head_end + 4, c->in->len - head_len, "\r\n0\r\n\r\n");

      if (end == NULL)
        return 0;
      body_len = end + 7 - (head_end + 4);
    }
  if (c->in->len < head_len + body_len)
    return 0;
  g_string_erase (c->in, 0, head_len + body_len);
  return status;
}

/* POST /auth/login on a connection of its own, before the clock starts; the token into
 * auth_header. Exits on failure: a load run without its token would only measure 401s. */
static void
sign_in (void)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}",
                                           opt_username, opt_password);
  g_autofree char *request = g_strdup_printf ("POST /auth/login HTTP/1.1\r\nHost: %s\r\n"
                                              "Content-Type: application/json\r\n"
                                              "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                                              opt_host, strlen (body), body);
  g_autoptr(GString) answer = g_string_new (NULL);
  int fd = connect_one ();
  const char *token, *end;
  char buf[4096];
  ssize_t n;

  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  if (send (fd, request, strlen (request), MSG_NOSIGNAL) != (ssize_t) strlen (request))
    {
      g_printerr ("turnos-load: cannot send the sign-in\n");
      exit (2);
    }
  while ((n = recv (fd, buf, sizeof buf, 0)) > 0)
    g_string_append_len (answer, buf, n);
  close (fd);
  if (!g_str_has_prefix (answer->str, "HTTP/1.1 200") ||
      !(token = strstr (answer->str, "\"token\"")) ||
      !(token = strchr (token + 7, '"')) || !(end = strchr (token + 1, '"')))
    {
      g_printerr ("turnos-load: sign-in refused: %.80s\n", answer->str);
      exit (2);
    }
  auth_header = g_strdup_printf ("Authorization: Bearer %.*s\r\n", (int) (end - token - 1), token + 1);
}

static void
send_some (Conn *c)
{
  while (c->out_done < c->out->len)
    {
      ssize_t n = send (c->fd, c->out->str + c->out_done, c->out->len - c->out_done, MSG_NOSIGNAL);

      if (n < 0)
        {
          if (errno == EAGAIN || errno == EINTR)
            return;
          g_printerr ("turnos-load: send: %s\n", g_strerror (errno));
          exit (2);
        }
      c->out_done += n;
    }
}

static void
start_request (Conn *c)
{
  build_request (c);
  c->started_us = g_get_monotonic_time ();
  send_some (c);
}

static int
compare_u32 (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (double p)
{
  guint idx;

  if (latencies->len == 0)
    return 0;
  idx = (guint) (p / 100.0 * (latencies->len - 1) + 0.5);
  return g_array_index (latencies, guint32, idx) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- load turnos-server");
  g_autoptr(GError) error = NULL;
  g_autofree Conn *conns = NULL;
  struct epoll_event events[256];
  gint64 start, deadline;
  double elapsed;
  int ep;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("turnos-load: %s\n", error->message);
      return 2;
    }
  if (opt_host == NULL)
    opt_host = g_strdup ("127.0.0.1");
  if (opt_port <= 0 || opt_connections < 1 || opt_days < 1 || opt_contended < 1 ||
      opt_professionals == NULL || opt_from == NULL || opt_step_minutes < 1)
    {
      g_printerr ("turnos-load: --port, --professionals and --from are required\n");
      return 2;
    }
  if (g_strcmp0 (opt_mode, "book") == 0)
    mode = MODE_BOOK;
  else if (g_strcmp0 (opt_mode, "contend") == 0)
    mode = MODE_CONTEND;
  else if (g_strcmp0 (opt_mode, "day") == 0)
    mode = MODE_DAY;
  else
    mode = MODE_AVAILABILITY;
  professionals = g_strsplit (opt_professionals, ",", -1);
  n_professionals = g_strv_length (professionals);
  g_date_clear (&from_date, 1);
  g_date_set_parse (&from_date, opt_from);
  if (!g_date_valid (&from_date))
    {
      g_printerr ("turnos-load: bad --from date\n");
      return 2;
    }

  if (opt_username != NULL)
    sign_in ();
  else
    auth_header = g_strdup ("");

  latencies = g_array_sized_new (FALSE, FALSE, sizeof (guint32), 1 << 16);
  ep = epoll_create1 (0);
  conns = g_new0 (Conn, opt_connections);
  for (int i = 0; i < opt_connections; i++)
    {
      struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = &conns[i] };

      conns[i].fd = connect_one ();
      conns[i].index = i;
      conns[i].out = g_string_new (NULL);
      conns[i].in = g_string_new (NULL);
      epoll_ctl (ep, EPOLL_CTL_ADD, conns[i].fd, &ev);
    }

  start = g_get_monotonic_time ();
  deadline = start + (gint64) (opt_duration * G_USEC_PER_SEC);
  for (int i = 0; i < opt_connections; i++)
    start_request (&conns[i]);

  while (g_get_monotonic_time () < deadline)
    {
      int n = epoll_wait (ep, events, G_N_ELEMENTS (events), 100);

      for (int e = 0; e < n; e++)
        {
          Conn *c = events[e].data.ptr;
          char buf[16384];
          ssize_t got;

          if (events[e].events & EPOLLOUT)
            send_some (c);
          while ((got = recv (c->fd, buf, sizeof buf, 0)) > 0)
            g_string_append_len (c->in, buf, got);
          if (got < 0 && errno != EAGAIN && errno != EINTR)
            {
              g_printerr ("turnos-load: recv: %s\n", g_strerror (errno));
              return 2;
            }
          if (got == 0)
            {
              g_printerr ("turnos-load: the server closed a connection\n");
              return 2;
            }
          for (;;)
            {
              int status = take_response (c);
              guint32 us;

              if (status == 0)
                break;
              us = (guint32) MIN (g_get_monotonic_time () - c->started_us, G_MAXUINT32);
              g_array_append_val (latencies, us);
              n_requests++;
              if (status < 0 || status >= 600)
                n_errors++;
              else
                statuses[status]++;
              c->sent++;
              if (g_get_monotonic_time () < deadline)
                start_request (c);
            }
        }
    }
  elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_array_sort (latencies, compare_u32);
  g_print ("{\"mode\": \"%s\", \"connections\": %d, \"seconds\": %.2f, \"requests\": %"
           G_GUINT64_FORMAT ", \"requests_per_s\": %.1f, \"p50_ms\": %.3f, \"p99_ms\": %.3f, "
           "\"p999_ms\": %.3f, \"max_ms\": %.3f, \"errors\": %" G_GUINT64_FORMAT,
           mode == MODE_AVAILABILITY ? "availability" : mode == MODE_DAY ? "day"
           : mode == MODE_BOOK ? "book" : "contend",
           opt_connections, elapsed, n_requests, n_requests / elapsed, percentile (50),
           percentile (99), percentile (99.9), percentile (100), n_errors);
  g_print (", \"status\": {");
  for (int s = 0, first = 1; s < 600; s++)
    if (statuses[s] > 0)
      {
        g_print ("%s\"%d\": %" G_GUINT64_FORMAT, first ? "" : ", ", s, statuses[s]);
        first = 0;
      }
  g_print ("}}\n");

  for (int i = 0; i < opt_connections; i++)
    {
      close (conns[i].fd);
      g_string_free (conns[i].out, TRUE);
      g_string_free (conns[i].in, TRUE);
    }
  g_strfreev (professionals);
  g_free (auth_header);
  g_array_unref (latencies);
  return n_errors > 0 ? 1 : 0;
}
