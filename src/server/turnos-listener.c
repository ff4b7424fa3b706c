/* turnos-listener.c: accepts the server's connections, keeps count of them and times them out
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why not soup_server_listen_socket(): two faults of libsoup 3.2.3's server (Debian 12),
 * read in its sources.
 *
 * 1. A socket per closed keep-alive connection. After a complete exchange on a keep-alive
 *    connection, soup_server_message_io_http1_finished() makes the next SoupServerMessage and
 *    waits for its first byte. Only when bytes arrive does io_read() call started_cb, which
 *    makes SoupServer connect request_finished() as the message's completion callback. When
 *    the client closes instead, soup_message_io_data_read_headers() reads 0 bytes and fails
 *    with "Connection terminated unexpectedly"; io_run() finishes the message, but with no
 *    completion callback nobody calls soup_server_connection_disconnect(): the
 *    SoupServerConnection stays in SoupServer's client list, its GSocket in CLOSE-WAIT,
 *    forever. (Fixed upstream after 3.2.)
 * 2. No recovery from a failed accept. SoupListener's listen_watch() returns G_SOURCE_REMOVE
 *    when g_socket_accept() fails, so the first EMFILE (which 1. brings after about a
 *    thousand requests under a 1,024-descriptor limit) ends accepting for good, silently.
 *
 * So this file accepts itself and hands each connection to soup_server_accept_iostream(),
 * and follows it through libsoup's signals. libsoup reads the connection through a
 * TurnosConnectionInput: when a read between requests finds the client's close (or a reset),
 * that is held back from libsoup, which goes on waiting for the next request, and the
 * listener takes the connection back with soup_server_message_steal_connection() (which
 * drops it from the client list) and closes it. (Watching the socket beside libsoup is not
 * enough: libsoup may read the close without polling, when its own buffer says there is
 * something to read.) The same taking back ends a connection whose deadline passes, or one
 * refused before its body is read.
 *
 * libsoup keeps a connection alive after a request only while the server has a listener of
 * its own (request_finished() checks priv->listeners). It gets one that can never accept:
 * one end of a socket pair nobody writes to (soup_listener_new() takes a connected socket).
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "turnos-connection-input.h"
#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-listener.h"
#include "turnos-server.h"

/* What a connection is doing, each with its own deadline (none for UPGRADED). */
typedef enum
{
  CONN_HEAD,      /* waiting for a request's head: header-timeout */
  CONN_BODY,      /* reading its body and answering it: body-timeout */
  CONN_IDLE,      /* between requests: idle-timeout */
  CONN_CLOSING,   /* refused: the answer is out, the rest of the request is drained */
  CONN_UPGRADED,  /* taken over by another protocol */
  N_STATES
} ConnState;

typedef struct
{
  TurnosListener    *listener;   /* unowned: it forgets every connection before it goes */
  GSocket           *socket;
  GIOStream         *tls;        /* the TLS session over the socket, or NULL for plain HTTP */
  GIOStream         *stream;     /* what libsoup was given: the socket's (or TLS) output and… */
  TurnosConnectionInput *input;  /* …its input, which holds back the close between requests */
  GSocketAddress    *remote;     /* also libsoup's: carries the way back to this struct */
  char              *address;    /* the peer's IP */
  gboolean           proxied;    /* the peer is a trusted proxy */
  gboolean           counted;    /* counts in per_address */
  gboolean           in_soup;    /* libsoup holds the connection */
  ConnState          state;
  gint64             deadline;   /* monotonic µs */
  GList              link;       /* in listener->queues[state] */
  SoupServerMessage *msg;        /* its first message, whose "disconnected" says libsoup let go */
  gulong             disconnected_id;
  GSource           *reap;       /* ends the connection once its input is held back… */
  guint              refusal;    /* …answering this first (0: none) */
  gsize              head_read;  /* bytes read since the last request ended (its head, mostly) */
  gboolean           head_line;  /* …with the end of a line among them */
  GSource           *drain;      /* CLOSING: reads what the client still sends */
  char              *client;     /* a proxied request in progress: its client, in in_flight */
  gboolean           over_limit; /* …which has too many in progress */
  gsize              drained;
} Conn;

typedef struct
{
  gint64 last;
  guint  skipped;
} Throttle;

struct _TurnosListener
{
  GObject       parent_instance;

  /* Owned references */
  SoupServer   *soup;
  GMainContext *context;
  GPtrArray    *sockets;         /* listening GSockets */
  GPtrArray    *accept_sources;  /* one per socket while accepting */
  GSocket      *anchor[2];       /* the socket pair that keeps keep-alive on */
  GSocketAddress *address;       /* the first socket's */
  GSource      *tick;            /* checks deadlines while there are connections */
  GSource      *retry;           /* accepting again after a failure */
  GHashTable   *per_address;     /* address → connections (GUINT) */
  GHashTable   *in_flight;       /* forwarded client address → requests in progress */
  GPtrArray    *trusted;         /* GInetAddress of trusted proxies */
  GStrv         trusted_proxies;
  GTlsCertificate *tls_certificate; /* HTTPS with it, or NULL */

  /* State */
  GQueue        queues[N_STATES];
  guint         n_conns;
  guint         backoff_ms;
  gboolean      paused;          /* at the limit with nothing to make room, or backing off */
  guint         auto_limit;      /* turnos_listener_default_max_connections() when listening */
  gboolean      disconnected;
  Throttle      log_accept, log_evict, log_refuse, log_timeout;

  /* Not owned */
  TurnosListenerHeadFunc head_func;
  gpointer      head_data;

  /* Settings */
  guint         header_timeout;
  guint         body_timeout;
  guint         idle_timeout;
  guint         max_connections;
  guint         max_per_address;
};

G_DEFINE_FINAL_TYPE (TurnosListener, turnos_listener, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOUP,
  PROP_HEADER_TIMEOUT,
  PROP_BODY_TIMEOUT,
  PROP_IDLE_TIMEOUT,
  PROP_MAX_CONNECTIONS,
  PROP_MAX_CONNECTIONS_PER_ADDRESS,
  PROP_TRUSTED_PROXIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define ACCEPT_BATCH      32        /* connections taken per wake-up */
#define BACKOFF_FIRST_MS  10
#define BACKOFF_MAX_MS    1000
#define LINGER_MS         2000      /* at most, draining a refused request */
#define LINGER_BYTES      (1024 * 1024)
#define LOG_EVERY_US      (10 * G_USEC_PER_SEC)
/* Bytes read for one request head past which it is answered 414 or 431 by the listener.
 * libsoup gives up on a head over 64 KB and closes the connection without an answer; the
 * server's head function answers heads over 32 KB; libsoup reads at most 8 KB ahead (one
 * RESPONSE_BLOCK_SIZE), so a head read past this is over 32 KB. */
#define HEAD_READ_LIMIT   (40 * 1024)

/* On the remote GSocketAddress handed to libsoup: its Conn. */
static GQuark
conn_quark (void)
{
  return g_quark_from_static_string ("turnos-listener-conn");
}

/* On a proxied SoupServerMessage: the forwarded client's address. */
static GQuark
client_quark (void)
{
  return g_quark_from_static_string ("turnos-listener-client");
}

/* What every message answers until a handler says otherwise: libsoup answers some requests
 * itself before any handler runs (a request line it cannot parse, a path with “%zz” or one
 * that decodes to “..”, a Content-Length that is not a number, a Transfer-Encoding it does not
 * know), and this is then the body of its 4xx (or 501). */
static const char unreadable_request[] =
  "{\"error\":{\"code\":\"" TURNOS_CODE_BAD_REQUEST "\",\"message\":\"the request could not be read\"}}";

static void conn_close (Conn *conn);

/*
 * Logging
 */

/* g_message, at most once in LOG_EVERY_US for @t: a flood of bad clients makes one line
 * every ten seconds saying how many. */
static void G_GNUC_PRINTF (2, 3)
throttled_message (Throttle   *t,
                   const char *format,
                   ...)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *text = NULL;
  va_list args;

  if (t->last != 0 && now - t->last < LOG_EVERY_US)
    {
      t->skipped++;
      return;
    }
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  if (t->skipped > 0)
    g_message ("%s (and %u more since the last such line)", text, t->skipped);
  else
    g_message ("%s", text);
  t->last = now;
  t->skipped = 0;
}

/*
 * Connections
 */

static Conn *
conn_of (SoupServerMessage *msg)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);

  return remote != NULL ? g_object_get_qdata (G_OBJECT (remote), conn_quark ()) : NULL;
}

static guint
timeout_of (TurnosListener *self,
            ConnState       state)
{
  switch (state)
    {
    case CONN_HEAD:
      return self->header_timeout;
    case CONN_BODY:
      return self->body_timeout;
    case CONN_IDLE:
      return self->idle_timeout;
    case CONN_CLOSING:
      return MIN (LINGER_MS, self->body_timeout);
    case CONN_UPGRADED:
    case N_STATES:
    default:
      return 0;
    }
}

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
conn_disarm (Conn *conn)
{
  destroy_source (&conn->reap);
  destroy_source (&conn->drain);
}

/* Moves @conn to the tail of @state's queue, with that state's deadline from now. Each queue
 * is thus in deadline order (one timeout per state). */
static void
conn_enter (Conn      *conn,
            ConnState  state)
{
  TurnosListener *self = conn->listener;
  guint ms = timeout_of (self, state);

  g_queue_unlink (&self->queues[conn->state], &conn->link);
  conn->state = state;
  conn->deadline = ms > 0 ? g_get_monotonic_time () + (gint64) ms * 1000 : G_MAXINT64;
  g_queue_push_tail_link (&self->queues[state], &conn->link);
}

static void
release_client (Conn *conn)
{
  TurnosListener *self = conn->listener;
  guint n;

  if (conn->client == NULL)
    return;
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->in_flight, conn->client));
  if (n <= 1)
    g_hash_table_remove (self->in_flight, conn->client);
  else
    g_hash_table_insert (self->in_flight, g_strdup (conn->client), GUINT_TO_POINTER (n - 1));
  g_clear_pointer (&conn->client, g_free);
}

static void resume_accepting (TurnosListener *self);

/* Drops everything kept about @conn. Its socket is closed already, or belongs to whoever
 * took it over. */
static void
conn_forget (Conn *conn)
{
  TurnosListener *self = conn->listener;

  conn_disarm (conn);
  release_client (conn);
  if (conn->msg != NULL)
    {
      g_clear_signal_handler (&conn->disconnected_id, conn->msg);
      g_clear_object (&conn->msg);
    }
  g_object_set_qdata (G_OBJECT (conn->remote), conn_quark (), NULL);
  if (conn->counted)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, conn->address));

      if (n <= 1)
        g_hash_table_remove (self->per_address, conn->address);
      else
        g_hash_table_insert (self->per_address, g_strdup (conn->address), GUINT_TO_POINTER (n - 1));
    }
  g_queue_unlink (&self->queues[conn->state], &conn->link);
  self->n_conns--;

  if (conn->input != NULL)
    turnos_connection_input_forget_owner (conn->input);
  g_clear_object (&conn->input);
  g_clear_object (&conn->stream);
  g_clear_object (&conn->tls);
  g_clear_object (&conn->socket);
  g_clear_object (&conn->remote);
  g_free (conn->address);
  g_free (conn);

  if (self->paused)
    resume_accepting (self);
}

/* The stream of an upgraded connection is gone: so is the connection. */
static void
on_upgraded_stream_gone (gpointer  data,
                         GObject  *where_the_stream_was)
{
  Conn *conn = data;

  conn->stream = NULL;
  conn_forget (conn);
}

/* libsoup let go of the connection: it closed it (a request without keep-alive, an error,
 * shutting down), or handed it over to another protocol. */
static void
on_disconnected_cb (SoupServerMessage *msg,
                    gpointer           user_data)
{
  Conn *conn = user_data;

  if (!conn->in_soup)
    return;  /* taken back by conn_take_back() */
  conn->in_soup = FALSE;
  if (!g_input_stream_is_closed (G_INPUT_STREAM (conn->input)))
    {
      /* The hook for the WebSocket of the live events: libsoup handed the open stream to the
       * upgraded protocol (101 Switching Protocols). It counts until that lets the stream
       * go, with no deadline. */
      conn_disarm (conn);
      conn_enter (conn, CONN_UPGRADED);
      g_object_weak_ref (G_OBJECT (conn->stream), on_upgraded_stream_gone, conn);
      g_object_unref (conn->stream);
      return;
    }
  conn_forget (conn);
}

/* Takes @conn back from libsoup, which stops reading and writing it; the socket stays
 * open. libsoup must be waiting on a message of its own: always so outside our callbacks from
 * the end of a request, since the close of an idle connection is held back from it (in libsoup
 * 3.2.3 stealing a connection after it saw that close dereferences the message I/O it freed). */
static void
conn_take_back (Conn *conn)
{
  g_autoptr(GIOStream) stolen = NULL;

  g_assert (conn->in_soup && conn->msg != NULL);
  conn->in_soup = FALSE;
  /* libsoup's wrapper of conn->stream: letting it go leaves the socket open. Any message of
   * the connection can take it back; the first is the one at hand. */
  stolen = soup_server_message_steal_connection (conn->msg);
}

/* Ends @conn now, in any state but UPGRADED. */
static void
conn_close (Conn *conn)
{
  if (conn->in_soup)
    conn_take_back (conn);
  g_socket_close (conn->socket, NULL);
  conn_forget (conn);
}

/* Reads without blocking: > 0 bytes, 0 at the peer's close, -1 with errno. */
static gssize
receive (Conn   *conn,
         void   *buf,
         gsize   len,
         int     flags)
{
  return recv (g_socket_get_fd (conn->socket), buf, len, flags | MSG_DONTWAIT);
}

static gboolean
would_block (void)
{
  return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
}

static gboolean
on_drain_cb (GSocket      *socket,
             GIOCondition  condition,
             gpointer      user_data)
{
  Conn *conn = user_data;
  char buf[16384];

  for (int i = 0; i < 4; i++)
    {
      gssize n = receive (conn, buf, sizeof buf, 0);

      if (n < 0 && would_block ())
        return G_SOURCE_CONTINUE;
      if (n <= 0 || (conn->drained += n) > LINGER_BYTES)
        {
          conn_disarm (conn);
          conn_close (conn);
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_CONTINUE;
}

static void
drain (Conn *conn)
{
  conn_disarm (conn);
  conn->drain = g_socket_create_source (conn->socket, G_IO_IN, NULL);
  g_source_set_callback (conn->drain, G_SOURCE_FUNC (on_drain_cb), conn, NULL);
  g_source_attach (conn->drain, conn->listener->context);
}

/* Writes an answer with a JSON error body straight on the socket, stops sending, and drains
 * what the client still sends for a while: closing with unread bytes would reset the
 * connection, and the client might lose the answer. */
static void
conn_answer_and_close (Conn       *conn,
                       guint       status,
                       const char *code,
                       const char *message)
{
  g_autoptr(JsonNode) node = turnos_json_error_new (code, message);
  gsize body_len;
  g_autofree char *body = turnos_json_to_string (node, &body_len);
  g_autofree char *answer = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                                             "Content-Type: application/json\r\n"
                                             "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                             "Connection: close\r\n\r\n%s",
                                             status, turnos_listener_status_phrase (status), body_len,
                                             body);

  g_assert (!conn->in_soup);
  /* The send buffer, empty since the request, takes this whole; if not, the client gets less.
   * (MSG_NOSIGNAL: a peer gone already must not SIGPIPE the server.) Over TLS the answer goes
   * through the session, once its handshake is done; before it, the client only sees the
   * connection close. */
  if (conn->tls != NULL)
    {
      GOutputStream *out = g_io_stream_get_output_stream (conn->tls);
      g_autoptr(GError) error = NULL;

      if (g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (out), answer,
                                                      strlen (answer), NULL, &error) < 0)
        g_debug ("answering %s over TLS: %s", conn->address, error->message);
    }
  else if (send (g_socket_get_fd (conn->socket), answer, strlen (answer), MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
    g_debug ("answering %s: %s", conn->address, g_strerror (errno));
  g_socket_shutdown (conn->socket, FALSE, TRUE, NULL);
  conn_enter (conn, CONN_CLOSING);
  drain (conn);
}

static gboolean
on_reap_cb (gpointer user_data)
{
  Conn *conn = user_data;

  g_clear_pointer (&conn->reap, g_source_unref);
  if (conn->refusal == 0 || !conn->in_soup)
    {
      conn_close (conn);
      return G_SOURCE_REMOVE;
    }
  conn_take_back (conn);
  if (conn->refusal == SOUP_STATUS_REQUEST_URI_TOO_LONG)
    conn_answer_and_close (conn, conn->refusal, TURNOS_CODE_URI_TOO_LONG, "the request target is too long");
  else
    conn_answer_and_close (conn, conn->refusal, TURNOS_CODE_HEADERS_TOO_LARGE, "the request head is too large");
  return G_SOURCE_REMOVE;
}

/* Holds libsoup's input back for good and ends the connection (answering @refusal first, if
 * not 0) as soon as libsoup has returned to the main loop. */
static gboolean
hold_and_end (Conn  *conn,
              guint  refusal)
{
  if (conn->reap == NULL)
    {
      conn->refusal = refusal;
      conn->reap = g_idle_source_new ();
      g_source_set_priority (conn->reap, G_PRIORITY_HIGH);
      g_source_set_callback (conn->reap, on_reap_cb, conn, NULL);
      g_source_attach (conn->reap, conn->listener->context);
    }
  return TRUE;
}

/* Every read of libsoup's. The client's close (or a reset) between requests is the end of the
 * connection, which libsoup 3.2.3 would keep for ever: held back, libsoup waits on, and the
 * connection is taken back. (During a request libsoup sees the end itself.) And a request
 * head that goes on past HEAD_READ_LIMIT is answered 414 (no line has ended: the request
 * line) or 431, where libsoup would close without a word. */
static gboolean
on_input_cb (const guint8 *data,
             gssize        n,
             const GError *error,
             gpointer      user_data)
{
  Conn *conn = user_data;

  if (!conn->in_soup || (conn->state != CONN_IDLE && conn->state != CONN_HEAD))
    return FALSE;
  if (n <= 0)
    return conn->state == CONN_IDLE ? hold_and_end (conn, 0) : FALSE;
  if (!conn->head_line && memchr (data, '\n', n) != NULL)
    conn->head_line = TRUE;
  if ((conn->head_read += n) <= HEAD_READ_LIMIT)
    return FALSE;
  throttled_message (&conn->listener->log_refuse, "refused a request from %s: its head is over %u bytes",
                     conn->address, HEAD_READ_LIMIT);
  return hold_and_end (conn, conn->head_line ? 431 : SOUP_STATUS_REQUEST_URI_TOO_LONG);
}

/*
 * Room for connections
 */

static guint
limit (TurnosListener *self)
{
  return self->max_connections > 0 ? self->max_connections : self->auto_limit;
}

/* The connection to close to make room: the oldest one lingering after a refusal, else idle
 * between requests, else waiting for its request's head, else in the middle of a request;
 * never an upgraded one. */
static Conn *
find_evictable (TurnosListener *self)
{
  static const ConnState order[] = { CONN_CLOSING, CONN_IDLE, CONN_HEAD, CONN_BODY };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (self->queues[order[i]].head != NULL)
      return self->queues[order[i]].head->data;
  return NULL;
}

static const char *
state_name (ConnState state)
{
  static const char * const names[] = { "waiting for a request", "reading a body or answering",
                                        "idle between requests", "closing", "upgraded" };

  return state < N_STATES ? names[state] : "?";
}

static void
evict (TurnosListener *self,
       Conn           *conn)
{
  throttled_message (&self->log_evict,
                     "at the limit of %u connections: closed the oldest (%s), from %s",
                     limit (self), state_name (conn->state), conn->address);
  conn_close (conn);
}

/*
 * Deadlines
 */

static gboolean
on_tick_cb (gpointer user_data)
{
  TurnosListener *self = user_data;
  gint64 now = g_get_monotonic_time ();

  for (ConnState s = 0; s < N_STATES; s++)
    {
      GList *head;

      if (s == CONN_UPGRADED)
        continue;
      while ((head = self->queues[s].head) != NULL && ((Conn *) head->data)->deadline <= now)
        {
          Conn *conn = head->data;

          if (s != CONN_CLOSING)
            throttled_message (&self->log_timeout, "closed a connection from %s: %s for over %u ms",
                               conn->address, state_name (s), timeout_of (self, s));
          conn_close (conn);
        }
    }
  if (self->n_conns == 0)
    {
      g_clear_pointer (&self->tick, g_source_unref);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* A timer that checks the deadlines while there are connections, a quarter of the shortest
 * timeout apart (50 ms to 1 s): no timer to move on every request. */
static void
ensure_tick (TurnosListener *self)
{
  guint shortest = MIN (MIN (self->header_timeout, self->body_timeout), self->idle_timeout);

  if (self->tick != NULL)
    return;
  self->tick = g_timeout_source_new (CLAMP (shortest / 4, 50, 1000));
  g_source_set_callback (self->tick, on_tick_cb, self, NULL);
  g_source_attach (self->tick, self->context);
}

/*
 * Accepting
 */

static gboolean
is_trusted (TurnosListener *self,
            GInetAddress   *address)
{
  for (guint i = 0; i < self->trusted->len; i++)
    if (g_inet_address_equal (address, g_ptr_array_index (self->trusted, i)))
      return TRUE;
  return FALSE;
}

static void
admit (TurnosListener *self,
       GSocket        *socket)
{
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  GInetAddress *inet;
  Conn *conn;
  guint n;

  if (!G_IS_INET_SOCKET_ADDRESS (remote) || local == NULL)
    {
      /* Gone before we looked. */
      g_socket_close (socket, NULL);
      return;
    }
  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote));
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);

  conn = g_new0 (Conn, 1);
  conn->listener = self;
  conn->socket = g_object_ref (socket);
  conn->remote = g_object_ref (remote);
  conn->address = g_inet_address_to_string (inet);
  conn->proxied = is_trusted (self, inet);
  conn->link.data = conn;
  conn->state = CONN_HEAD;
  conn->deadline = g_get_monotonic_time () + (gint64) self->header_timeout * 1000;
  g_queue_push_tail_link (&self->queues[CONN_HEAD], &conn->link);
  self->n_conns++;
  ensure_tick (self);

  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_address, conn->address));
  if (!conn->proxied && n >= self->max_per_address)
    {
      throttled_message (&self->log_refuse, "refused a connection from %s: it has %u already",
                         conn->address, n);
      conn_answer_and_close (conn, 429 /* Too Many Requests */, TURNOS_CODE_TOO_MANY_CONNECTIONS,
                             "too many connections from this address");
      return;
    }
  g_hash_table_insert (self->per_address, g_strdup (conn->address), GUINT_TO_POINTER (n + 1));
  conn->counted = TRUE;

  g_object_set_qdata (G_OBJECT (remote), conn_quark (), conn);
  {
    g_autoptr(GSocketConnection) connection = g_socket_connection_factory_create_connection (socket);
    GIOStream *base = G_IO_STREAM (connection);

    if (self->tls_certificate != NULL)
      {
        g_autoptr(GError) error = NULL;

        /* The handshake runs on libsoup's first read, without blocking. libsoup sees a plain
         * stream: to it the request is http, the server's own URLs say https. */
        conn->tls = g_tls_server_connection_new (base, self->tls_certificate, &error);
        if (conn->tls == NULL)
          {
            throttled_message (&self->log_refuse, "TLS for %s: %s", conn->address, error->message);
            conn_close (conn);
            return;
          }
        base = conn->tls;
      }
    conn->input = TURNOS_CONNECTION_INPUT (turnos_connection_input_new (base, on_input_cb, conn));
    conn->stream = g_simple_io_stream_new (G_INPUT_STREAM (conn->input),
                                           g_io_stream_get_output_stream (base));
  }
  conn->in_soup = TRUE;
  /* libsoup emits request-started for the first message before this returns. */
  soup_server_accept_iostream (self->soup, conn->stream, local, remote, NULL);
}

static gboolean on_accept_ready_cb (GSocket *socket, GIOCondition condition, gpointer user_data);

static void
stop_accepting (TurnosListener *self)
{
  for (guint i = 0; i < self->accept_sources->len; i++)
    g_source_destroy (g_ptr_array_index (self->accept_sources, i));
  g_ptr_array_set_size (self->accept_sources, 0);
}

static void
start_accepting (TurnosListener *self)
{
  stop_accepting (self);
  for (guint i = 0; i < self->sockets->len; i++)
    {
      GSource *source = g_socket_create_source (g_ptr_array_index (self->sockets, i), G_IO_IN, NULL);

      g_source_set_callback (source, G_SOURCE_FUNC (on_accept_ready_cb), self, NULL);
      g_source_attach (source, self->context);
      g_ptr_array_add (self->accept_sources, source);
    }
}

/* After a pause at the limit or a failed accept: a connection has closed, or the back-off
 * is over. (A failure again backs off longer.) */
static void
resume_accepting (TurnosListener *self)
{
  if (self->disconnected || self->n_conns >= limit (self))
    return;
  if (self->retry != NULL)
    {
      g_source_destroy (self->retry);
      g_clear_pointer (&self->retry, g_source_unref);
    }
  self->paused = FALSE;
  start_accepting (self);
}

static gboolean
on_retry_cb (gpointer user_data)
{
  TurnosListener *self = user_data;

  g_clear_pointer (&self->retry, g_source_unref);
  if (self->n_conns < limit (self))
    resume_accepting (self);
  else
    self->paused = TRUE;  /* until a connection closes */
  return G_SOURCE_REMOVE;
}

/* accept(2) failed (out of descriptors, most likely): wait, longer each time, and try again;
 * sooner if a connection closes. */
static void
back_off (TurnosListener *self,
          const GError   *error)
{
  self->backoff_ms = self->backoff_ms == 0 ? BACKOFF_FIRST_MS : MIN (self->backoff_ms * 2, BACKOFF_MAX_MS);
  throttled_message (&self->log_accept, "cannot accept connections: %s (%u open); trying again in %u ms",
                     error->message, self->n_conns, self->backoff_ms);
  stop_accepting (self);
  self->paused = TRUE;
  if (self->retry != NULL)
    g_source_destroy (self->retry);
  g_clear_pointer (&self->retry, g_source_unref);
  self->retry = g_timeout_source_new (self->backoff_ms);
  g_source_set_callback (self->retry, on_retry_cb, self, NULL);
  g_source_attach (self->retry, self->context);
}

static gboolean
on_accept_ready_cb (GSocket      *socket,
                    GIOCondition  condition,
                    gpointer      user_data)
{
  TurnosListener *self = user_data;

  for (int i = 0; i < ACCEPT_BATCH; i++)
    {
      g_autoptr(GSocket) accepted = NULL;
      g_autoptr(GError) error = NULL;

      if (self->n_conns >= limit (self) && find_evictable (self) == NULL)
        {
          /* Everything open is being answered: the rest wait in the backlog. */
          stop_accepting (self);
          self->paused = TRUE;
          return G_SOURCE_REMOVE;
        }
      if (!(accepted = g_socket_accept (socket, NULL, &error)))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return G_SOURCE_CONTINUE;
          back_off (self, error);
          return G_SOURCE_REMOVE;
        }
      self->backoff_ms = 0;
      if (self->n_conns >= limit (self))
        evict (self, find_evictable (self));
      admit (self, accepted);
    }
  return G_SOURCE_CONTINUE;
}

/*
 * libsoup's signals
 */

static void
on_request_started_cb (SoupServer        *soup,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  Conn *conn = conn_of (msg);

  if (conn == NULL)
    return;
  if (conn->msg == NULL)
    {
      /* The first message (libsoup starts it as the connection is handed over): it hears of
       * the connection's end, whichever message is current then. */
      conn->msg = g_object_ref (msg);
      conn->disconnected_id = g_signal_connect (msg, "disconnected",
                                                G_CALLBACK (on_disconnected_cb), conn);
    }
  if (conn->state != CONN_HEAD)
    conn_enter (conn, CONN_HEAD);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    unreadable_request, sizeof unreadable_request - 1);
}

/* The answer is out. If libsoup keeps the connection for another request it now waits for
 * its first byte, and a close then is held back (on_input_cb()). (If it does not keep it,
 * on_disconnected_cb() runs next, before the main loop does.) */
static void
on_request_done_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  Conn *conn = conn_of (msg);

  if (conn == NULL || !conn->in_soup)
    return;
  if (msg == conn->msg)
    {
      /* Kept for its "disconnected" only: let its bodies go. */
      soup_message_body_truncate (soup_server_message_get_request_body (msg));
      soup_message_body_truncate (soup_server_message_get_response_body (msg));
    }
  release_client (conn);
  conn->head_read = 0;
  conn->head_line = FALSE;
  conn_enter (conn, CONN_IDLE);
}

/* The client a trusted proxy forwards for: the last X-Forwarded-For entry (the one the proxy
 * added; those before it are the client's word), else the proxy itself. */
static char *
forwarded_client (SoupServerMessage *msg,
                  const char        *peer)
{
  const char *list = soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                                    "X-Forwarded-For");
  const char *last;
  g_autofree char *entry = NULL;
  g_autoptr(GInetAddress) address = NULL;

  if (list == NULL)
    return g_strdup (peer);
  last = strrchr (list, ',');
  entry = g_strstrip (g_strdup (last != NULL ? last + 1 : list));
  if ((address = g_inet_address_new_from_string (entry)) == NULL)
    return g_strdup (peer);
  return g_inet_address_to_string (address);
}

/* A request's head is read: the connection moves on to its body (and answer), a proxied
 * request is counted for its client, and the head function has its say. */
static void
got_headers (Conn              *conn,
             SoupServerMessage *msg)
{
  TurnosListener *self = conn->listener;

  conn_enter (conn, CONN_BODY);
  conn->over_limit = FALSE;
  if (conn->proxied)
    {
      guint n;

      release_client (conn);
      conn->client = forwarded_client (msg, conn->address);
      g_object_set_qdata_full (G_OBJECT (msg), client_quark (), g_strdup (conn->client), g_free);
      n = GPOINTER_TO_UINT (g_hash_table_lookup (self->in_flight, conn->client)) + 1;
      g_hash_table_insert (self->in_flight, g_strdup (conn->client), GUINT_TO_POINTER (n));
      if (n > self->max_per_address)
        {
          throttled_message (&self->log_refuse, "refused a request for %s through %s: it has %u in progress",
                             conn->client, conn->address, n - 1);
          conn->over_limit = TRUE;
        }
    }
  if (self->head_func != NULL)
    self->head_func (msg, conn->over_limit, self->head_data);
}

/* On SoupServerMessage::got-headers, for every message of the process (the connection's
 * listener is found from the message), before libsoup's own handler: unlike an early handler,
 * which libsoup calls with the query string decoded into a table, this costs a request next to
 * nothing. */
static gboolean
on_got_headers_hook (GSignalInvocationHint *hint,
                     guint                  n_params,
                     const GValue          *params,
                     gpointer               data)
{
  SoupServerMessage *msg = g_value_get_object (&params[0]);
  Conn *conn = conn_of (msg);

  if (conn != NULL && conn->in_soup)
    got_headers (conn, msg);
  return TRUE;
}

/*
 * GObject overrides
 */

static void
turnos_listener_dispose (GObject *object)
{
  TurnosListener *self = TURNOS_LISTENER (object);

  turnos_listener_disconnect (self);
  if (self->soup != NULL)
    g_signal_handlers_disconnect_by_data (self->soup, self);
  g_clear_object (&self->soup);

  G_OBJECT_CLASS (turnos_listener_parent_class)->dispose (object);
}

static void
turnos_listener_finalize (GObject *object)
{
  TurnosListener *self = TURNOS_LISTENER (object);

  g_clear_pointer (&self->sockets, g_ptr_array_unref);
  g_clear_pointer (&self->accept_sources, g_ptr_array_unref);
  g_clear_pointer (&self->per_address, g_hash_table_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->trusted, g_ptr_array_unref);
  g_clear_pointer (&self->trusted_proxies, g_strfreev);
  g_clear_object (&self->tls_certificate);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->address);

  G_OBJECT_CLASS (turnos_listener_parent_class)->finalize (object);
}

static void
set_trusted_proxies (TurnosListener     *self,
                     const char * const *proxies)
{
  g_ptr_array_set_size (self->trusted, 0);
  for (guint i = 0; proxies != NULL && proxies[i] != NULL; i++)
    {
      GInetAddress *address = g_inet_address_new_from_string (proxies[i]);

      if (address != NULL)
        g_ptr_array_add (self->trusted, address);
      else
        g_message ("“%s” is not an IP address: not trusted as a proxy", proxies[i]);
    }
  g_strfreev (self->trusted_proxies);
  self->trusted_proxies = g_strdupv ((GStrv) proxies);
}

static void
turnos_listener_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TurnosListener *self = TURNOS_LISTENER (object);

  switch (prop_id)
    {
    case PROP_SOUP:
      g_value_set_object (value, self->soup);
      break;
    case PROP_HEADER_TIMEOUT:
      g_value_set_uint (value, self->header_timeout);
      break;
    case PROP_BODY_TIMEOUT:
      g_value_set_uint (value, self->body_timeout);
      break;
    case PROP_IDLE_TIMEOUT:
      g_value_set_uint (value, self->idle_timeout);
      break;
    case PROP_MAX_CONNECTIONS:
      g_value_set_uint (value, self->max_connections);
      break;
    case PROP_MAX_CONNECTIONS_PER_ADDRESS:
      g_value_set_uint (value, self->max_per_address);
      break;
    case PROP_TRUSTED_PROXIES:
      g_value_set_boxed (value, self->trusted_proxies);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint (TurnosListener *self,
          guint          *field,
          const GValue   *value,
          guint           prop_id)
{
  guint v = g_value_get_uint (value);

  if (*field == v)
    return;
  *field = v;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
turnos_listener_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TurnosListener *self = TURNOS_LISTENER (object);

  switch (prop_id)
    {
    case PROP_SOUP:
      self->soup = g_value_dup_object (value);
      break;
    case PROP_HEADER_TIMEOUT:
      set_uint (self, &self->header_timeout, value, prop_id);
      break;
    case PROP_BODY_TIMEOUT:
      set_uint (self, &self->body_timeout, value, prop_id);
      break;
    case PROP_IDLE_TIMEOUT:
      set_uint (self, &self->idle_timeout, value, prop_id);
      break;
    case PROP_MAX_CONNECTIONS:
      set_uint (self, &self->max_connections, value, prop_id);
      break;
    case PROP_MAX_CONNECTIONS_PER_ADDRESS:
      set_uint (self, &self->max_per_address, value, prop_id);
      break;
    case PROP_TRUSTED_PROXIES:
      set_trusted_proxies (self, g_value_get_boxed (value));
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_listener_constructed (GObject *object)
{
  TurnosListener *self = TURNOS_LISTENER (object);

  G_OBJECT_CLASS (turnos_listener_parent_class)->constructed (object);

  g_signal_connect (self->soup, "request-started", G_CALLBACK (on_request_started_cb), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (on_request_done_cb), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (on_request_done_cb), self);
}

static void
turnos_listener_class_init (TurnosListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  g_autoptr(GTypeClass) message_class = g_type_class_ref (SOUP_TYPE_SERVER_MESSAGE);

  /* Once for the process, for as long as it lives. */
  g_signal_add_emission_hook (g_signal_lookup ("got-headers", SOUP_TYPE_SERVER_MESSAGE), 0,
                              on_got_headers_hook, NULL, NULL);

  object_class->constructed = turnos_listener_constructed;
  object_class->dispose = turnos_listener_dispose;
  object_class->finalize = turnos_listener_finalize;
  object_class->get_property = turnos_listener_get_property;
  object_class->set_property = turnos_listener_set_property;

  properties[PROP_SOUP] =
    g_param_spec_object ("soup", NULL, NULL, SOUP_TYPE_SERVER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HEADER_TIMEOUT] =
    g_param_spec_uint ("header-timeout", NULL, NULL, 10, 24 * 3600 * 1000, 20 * 1000, flags);
  properties[PROP_BODY_TIMEOUT] =
    g_param_spec_uint ("body-timeout", NULL, NULL, 10, 24 * 3600 * 1000, 30 * 1000, flags);
  properties[PROP_IDLE_TIMEOUT] =
    g_param_spec_uint ("idle-timeout", NULL, NULL, 10, 24 * 3600 * 1000, 75 * 1000, flags);
  properties[PROP_MAX_CONNECTIONS] =
    g_param_spec_uint ("max-connections", NULL, NULL, 0, 1000 * 1000, 0, flags);
  properties[PROP_MAX_CONNECTIONS_PER_ADDRESS] =
    g_param_spec_uint ("max-connections-per-address", NULL, NULL, 1, 1000 * 1000, 256, flags);
  properties[PROP_TRUSTED_PROXIES] =
    g_param_spec_boxed ("trusted-proxies", NULL, NULL, G_TYPE_STRV, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
turnos_listener_init (TurnosListener *self)
{
  self->sockets = g_ptr_array_new_with_free_func (g_object_unref);
  self->accept_sources = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);
  self->per_address = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->trusted = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < N_STATES; i++)
    g_queue_init (&self->queues[i]);
  self->header_timeout = 20 * 1000;
  self->body_timeout = 30 * 1000;
  self->idle_timeout = 75 * 1000;
  self->max_per_address = 256;
  self->auto_limit = TURNOS_LISTENER_AUTO_MAX_CONNECTIONS;
}

/*
 * Public API
 */

TurnosListener *
turnos_listener_new (SoupServer *soup)
{
  g_return_val_if_fail (SOUP_IS_SERVER (soup), NULL);
  return g_object_new (TURNOS_TYPE_LISTENER, "soup", soup, NULL);
}

guint
turnos_listener_default_max_connections (void)
{
  struct rlimit rl;

  if (getrlimit (RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY ||
      rl.rlim_cur >= TURNOS_LISTENER_AUTO_MAX_CONNECTIONS + TURNOS_LISTENER_FD_RESERVE)
    return TURNOS_LISTENER_AUTO_MAX_CONNECTIONS;
  return MAX ((guint) rl.rlim_cur, 2 * TURNOS_LISTENER_FD_RESERVE) - TURNOS_LISTENER_FD_RESERVE;
}

/* libsoup's own listener, which can never accept: see the top of the file. */
static gboolean
anchor_keep_alive (TurnosListener  *self,
                   GError         **error)
{
  int fds[2];

  if (self->anchor[0] != NULL)
    return TRUE;
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "socketpair: %s",
                   g_strerror (saved));
      return FALSE;
    }
  if (!(self->anchor[0] = g_socket_new_from_fd (fds[0], error)))
    {
      close (fds[0]);
      close (fds[1]);
      return FALSE;
    }
  if (!(self->anchor[1] = g_socket_new_from_fd (fds[1], error)))
    {
      close (fds[1]);
      g_clear_object (&self->anchor[0]);
      return FALSE;
    }
  return soup_server_listen_socket (self->soup, self->anchor[0], 0, error);
}

gboolean
turnos_listener_add_socket (TurnosListener  *self,
                            GSocket         *socket,
                            GError         **error)
{
  g_return_val_if_fail (TURNOS_IS_LISTENER (self), FALSE);
  g_return_val_if_fail (G_IS_SOCKET (socket), FALSE);

  if (self->context == NULL)
    self->context = g_main_context_ref_thread_default ();
  if (!anchor_keep_alive (self, error))
    return FALSE;
  if (self->address == NULL && !(self->address = g_socket_get_local_address (socket, error)))
    return FALSE;
  self->auto_limit = turnos_listener_default_max_connections ();
  g_socket_set_blocking (socket, FALSE);
  g_ptr_array_add (self->sockets, g_object_ref (socket));
  self->disconnected = FALSE;
  if (!self->paused)
    start_accepting (self);
  return TRUE;
}

GSocketAddress *
turnos_listener_get_address (TurnosListener *self)
{
  g_return_val_if_fail (TURNOS_IS_LISTENER (self), NULL);
  return self->address;
}

void
turnos_listener_disconnect (TurnosListener *self)
{
  g_return_if_fail (TURNOS_IS_LISTENER (self));

  self->disconnected = TRUE;
  stop_accepting (self);
  if (self->retry != NULL)
    {
      g_source_destroy (self->retry);
      g_clear_pointer (&self->retry, g_source_unref);
    }
  for (guint i = 0; i < self->sockets->len; i++)
    g_socket_close (g_ptr_array_index (self->sockets, i), NULL);
  g_ptr_array_set_size (self->sockets, 0);

  /* libsoup closes its own on soup_server_disconnect(); these are ours. */
  for (ConnState s = 0; s < N_STATES; s++)
    while (self->queues[s].head != NULL)
      {
        Conn *conn = self->queues[s].head->data;

        if (s == CONN_UPGRADED)
          {
            if (conn->stream != NULL)
              g_object_weak_unref (G_OBJECT (conn->stream), on_upgraded_stream_gone, conn);
            conn->stream = NULL;
            conn_forget (conn);
          }
        else
          conn_close (conn);
      }
  if (self->tick != NULL)
    {
      g_source_destroy (self->tick);
      g_clear_pointer (&self->tick, g_source_unref);
    }
  if (self->anchor[1] != NULL)
    g_socket_close (self->anchor[1], NULL);
  g_clear_object (&self->anchor[1]);
  g_clear_object (&self->anchor[0]);
}

guint
turnos_listener_get_n_connections (TurnosListener *self)
{
  g_return_val_if_fail (TURNOS_IS_LISTENER (self), 0);
  return self->n_conns;
}

void
turnos_listener_set_head_func (TurnosListener         *self,
                               TurnosListenerHeadFunc  func,
                               gpointer                user_data)
{
  g_return_if_fail (TURNOS_IS_LISTENER (self));
  self->head_func = func;
  self->head_data = user_data;
}

void
turnos_listener_refuse (TurnosListener    *self,
                        SoupServerMessage *msg,
                        guint              status,
                        const char        *code,
                        const char        *message)
{
  Conn *conn = conn_of (msg);

  g_return_if_fail (TURNOS_IS_LISTENER (self));

  if (conn == NULL || !conn->in_soup)
    {
      /* Not a connection of ours: libsoup answers, after reading the request. */
      g_autoptr(JsonNode) node = turnos_json_error_new (code, message);
      gsize len;
      char *json = turnos_json_to_string (node, &len);

      soup_message_body_truncate (soup_server_message_get_response_body (msg));
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json, len);
      soup_server_message_set_status (msg, status, turnos_listener_status_phrase (status));
      return;
    }
  conn_take_back (conn);
  conn_answer_and_close (conn, status, code, message);
}

const char *
turnos_listener_get_client_address (SoupServerMessage *msg)
{
  const char *client;
  Conn *conn;

  g_return_val_if_fail (SOUP_IS_SERVER_MESSAGE (msg), NULL);

  if ((client = g_object_get_qdata (G_OBJECT (msg), client_quark ())) != NULL)
    return client;
  if ((conn = conn_of (msg)) != NULL)
    return conn->address;
  return soup_server_message_get_remote_host (msg);
}

const char *
turnos_listener_status_phrase (guint status)
{
  switch (status)
    {
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    default:
      return soup_status_get_phrase (status);
    }
}

void
turnos_listener_set_tls_certificate (TurnosListener  *self,
                                     GTlsCertificate *certificate)
{
  g_return_if_fail (TURNOS_IS_LISTENER (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  g_set_object (&self->tls_certificate, certificate);
}
