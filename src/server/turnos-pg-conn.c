/* turnos-pg-conn.c: the PostgreSQL store's connections, statements and errors
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A store holds one connection while it lives and gives it back to a per-process pool when
 * it is finalized; the next store for the same database takes it with its prepared
 * statements. turnos-server is single-threaded per process (each of --threads has its own
 * store), so one connection per store is all a store can use at once.
 *
 * Every wait is bounded, so a database that goes away costs a request a 503, never a hang:
 * connect_timeout, statement_timeout, lock_timeout, TCP keepalives and tcp_user_timeout for a
 * peer that vanished without a word, and a deadline of our own on every answer, for one that
 * hangs while its host still answers TCP. A lost connection is dropped; the next call opens a new
 * one, at most one attempt per RECONNECT_PAUSE_MS while the database stays away.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "turnos-pg-store-private.h"

/* Idle connections the pool keeps, all databases together. */
#define POOL_MAX_IDLE 8
/* After a failed connection attempt, the next is tried no sooner than this. */
#define RECONNECT_PAUSE_MS 500
/* How long a statement may go unanswered before the connection is given up: past the
 * server's own statement_timeout (5 s), for a database that stopped answering at all. */
#define ANSWER_TIMEOUT_MS 7000

static GMutex pool_mutex;
static GQueue pool = G_QUEUE_INIT;   /* idle TurnosPgConn*, the most recently used first */
static pid_t  pool_pid;              /* the process the pooled connections belong to */

/* A forked child (turnos-server --workers) inherits the pool's sockets, which are its
 * parent's sessions: it must neither use them nor say goodbye on them (PQfinish would end
 * the parent's session). It closes its copies of the sockets and starts an empty pool. With
 * the mutex held. */
static void
forget_inherited_pool (void)
{
  if (pool_pid == getpid ())
    return;
  while (pool.length > 0)
    {
      TurnosPgConn *conn = g_queue_pop_head (&pool);

      if (PQsocket (conn->pg) >= 0)
        close (PQsocket (conn->pg));
      /* The PGconn itself is left as it is: finishing it would write on the socket. */
    }
  pool_pid = getpid ();
}

void
_turnos_pg_conn_free (TurnosPgConn *conn)
{
  if (conn == NULL)
    return;
  g_clear_pointer (&conn->pg, PQfinish);
  g_clear_pointer (&conn->prepared, g_hash_table_unref);
  g_free (conn->uri);
  g_free (conn);
}

/* Whether @conn can take a new statement: connected, outside a transaction, and not closed
 * by the server while it sat idle (a terminated backend leaves its goodbye in the socket,
 * which PQconsumeInput reads). */
static gboolean
is_usable (TurnosPgConn *conn)
{
  return conn->pg != NULL && PQstatus (conn->pg) == CONNECTION_OK &&
         PQconsumeInput (conn->pg) == 1 && PQstatus (conn->pg) == CONNECTION_OK &&
         PQtransactionStatus (conn->pg) == PQTRANS_IDLE;
}

static char *
one_line (const char *message)
{
  char *line = g_strdup (message ? message : "");

  g_strstrip (line);
  for (char *p = line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  return line;
}

/* "NOTICE: relation … already exists, skipping" and the like: for debugging, not stderr. */
static void
notice_cb (void       *data,
           const char *message)
{
  g_autofree char *line = one_line (message);

  g_debug ("PostgreSQL: %s", line);
}

/* Settings changed and events appended by any server reach every other through these
 * channels. A connection in the pool listens to nothing (nobody would read what came). */
static gboolean
listen_all (TurnosPgConn  *conn,
            GError       **error)
{
  g_autoptr(PGresult) res = PQexec (conn->pg, "LISTEN " TURNOS_PG_SETTINGS_CHANNEL "; "
                                              "LISTEN " TURNOS_PG_EVENTS_CHANNEL);

  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      g_autofree char *why = one_line (PQerrorMessage (conn->pg));

      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_UNAVAILABLE,
                   "PostgreSQL: cannot listen: %s", why);
      return FALSE;
    }
  return TRUE;
}

static TurnosPgConn *
connect_to (const char  *uri,
            GError     **error)
{
  /* Ours come first: with expand_dbname, what the URI says wins over them. */
  static const char * const keys[] = {
    "connect_timeout", "keepalives", "keepalives_idle", "keepalives_interval",
    "keepalives_count", "tcp_user_timeout", "application_name", "options", "dbname", NULL
  };
  const char *values[] = {
    "3", "1", "10", "3", "3", "10000", "turnos-server",
    "-c statement_timeout=5s -c lock_timeout=3s -c idle_in_transaction_session_timeout=60s "
    "-c TimeZone=UTC",
    uri, NULL
  };
  TurnosPgConn *conn = g_new0 (TurnosPgConn, 1);

  conn->uri = g_strdup (uri);
  conn->prepared = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  conn->pg = PQconnectdbParams (keys, values, 1);
  if (conn->pg == NULL || PQstatus (conn->pg) != CONNECTION_OK)
    {
      g_autofree char *why = one_line (conn->pg ? PQerrorMessage (conn->pg) : "out of memory");

      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_UNAVAILABLE,
                   "PostgreSQL: cannot connect: %s", why);
      _turnos_pg_conn_free (conn);
      return NULL;
    }
  PQsetNoticeProcessor (conn->pg, notice_cb, NULL);
  if (!listen_all (conn, error))
    {
      _turnos_pg_conn_free (conn);
      return NULL;
    }
  return conn;
}

TurnosPgConn *
_turnos_pg_conn_take (const char  *uri,
                      GError     **error)
{
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func ((GDestroyNotify) _turnos_pg_conn_free);
  TurnosPgConn *found = NULL;

  g_mutex_lock (&pool_mutex);
  forget_inherited_pool ();
  for (GList *l = pool.head; l != NULL && found == NULL;)
    {
      GList *next = l->next;
      TurnosPgConn *conn = l->data;

      if (g_str_equal (conn->uri, uri))
        {
          g_queue_delete_link (&pool, l);
          if (is_usable (conn))
            found = conn;
          else
            g_ptr_array_add (stale, conn);
        }
      l = next;
    }
  g_mutex_unlock (&pool_mutex);
  if (found != NULL && !listen_all (found, error))
    {
      g_clear_pointer (&found, _turnos_pg_conn_free);
      g_clear_error (error);
    }
  return found != NULL ? found : connect_to (uri, error);
}

void
_turnos_pg_conn_give (TurnosPgConn *conn)
{
  TurnosPgConn *oldest = NULL;

  if (conn == NULL)
    return;
  if (is_usable (conn))
    {
      PQclear (PQexec (conn->pg, "UNLISTEN *"));
      /* What arrived before the UNLISTEN is nobody's either. */
      for (PGnotify *n; (n = PQnotifies (conn->pg)) != NULL;)
        PQfreemem (n);
    }
  if (!is_usable (conn))
    {
      _turnos_pg_conn_free (conn);
      return;
    }
  g_mutex_lock (&pool_mutex);
  forget_inherited_pool ();
  g_queue_push_head (&pool, conn);
  if (pool.length > POOL_MAX_IDLE)
    oldest = g_queue_pop_tail (&pool);
  g_mutex_unlock (&pool_mutex);
  _turnos_pg_conn_free (oldest);
}

/* The store's connection, opened (or reopened) when needed. */
static TurnosPgConn *
conn_of (TurnosPgStore  *self,
         GError        **error)
{
  gint64 now = g_get_monotonic_time ();

  if (self->conn != NULL)
    {
      /* Between transactions, a connection the server closed is noticed before it is used. */
      if (PQtransactionStatus (self->conn->pg) != PQTRANS_IDLE || is_usable (self->conn))
        return self->conn;
      g_message ("PostgreSQL: the connection was lost; reconnecting");
      g_clear_pointer (&self->conn, _turnos_pg_conn_free);
    }
  if (now < self->next_connect_us)
    {
      g_set_error_literal (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_UNAVAILABLE,
                           "PostgreSQL: the database was unreachable a moment ago");
      return NULL;
    }
  /* A new connection: whatever was kept may have changed while no one was listening. */
  g_hash_table_remove_all (self->professionals);
  g_hash_table_remove_all (self->zones);
  if (!(self->conn = _turnos_pg_conn_take (self->uri, error)))
    {
      self->next_connect_us = now + RECONNECT_PAUSE_MS * 1000;
      return NULL;
    }
  self->next_connect_us = 0;
  return self->conn;
}

static TurnosStoreError
classify (const char *sqlstate,
          gboolean    lost)
{
  static const char * const away[] = {
    "57P01",   /* admin_shutdown: the server is stopping */
    "57P02",   /* crash_shutdown */
    "57P03",   /* cannot_connect_now: starting or in recovery */
    "57014",   /* query_canceled: statement_timeout */
    "55P03",   /* lock_not_available: lock_timeout */
    "25P03",   /* idle_in_transaction_session_timeout */
    "53300",   /* too_many_connections */
  };

  if (lost || sqlstate == NULL || g_str_has_prefix (sqlstate, "08") ||
      g_str_has_prefix (sqlstate, "53"))
    return TURNOS_STORE_ERROR_UNAVAILABLE;
  for (guint i = 0; i < G_N_ELEMENTS (away); i++)
    if (g_str_equal (sqlstate, away[i]))
      return TURNOS_STORE_ERROR_UNAVAILABLE;
  if (g_str_equal (sqlstate, "23P01") ||   /* exclusion_violation: the overlap rule */
      g_str_equal (sqlstate, "40001") ||   /* serialization_failure */
      g_str_equal (sqlstate, "40P01"))     /* deadlock_detected */
    return TURNOS_STORE_ERROR_CONFLICT;
  return TURNOS_STORE_ERROR_FAILED;
}

/* The answer to what was just sent on @conn, waited for ANSWER_TIMEOUT_MS at most: the
 * first error of its results, else its last result. NULL when the connection broke or the
 * database said nothing in time (a hung host: TCP keepalives pass, statement_timeout runs on
 * the server that hangs); the connection is then unusable and check() drops it. */
static PGresult *
answer (TurnosPgConn *conn,
        gboolean      sent)
{
  gint64 deadline = g_get_monotonic_time () + ANSWER_TIMEOUT_MS * 1000;
  PGresult *kept = NULL, *res;

  if (!sent)
    return NULL;
  for (;;)
    {
      while (PQisBusy (conn->pg))
        {
          struct pollfd fd = { PQsocket (conn->pg), POLLIN, 0 };
          gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
          int ready;

          if (left <= 0)
            {
              g_message ("PostgreSQL: no answer within %d ms; giving the connection up",
                         ANSWER_TIMEOUT_MS);
              PQclear (kept);
              /* Whatever comes later on this socket is nobody's: it goes. */
              shutdown (PQsocket (conn->pg), SHUT_RDWR);
              PQconsumeInput (conn->pg);
              return NULL;
            }
          ready = poll (&fd, 1, (int) left);
          if ((ready < 0 && errno != EINTR) || (ready > 0 && !PQconsumeInput (conn->pg)))
            {
              PQclear (kept);
              return NULL;
            }
        }
      if ((res = PQgetResult (conn->pg)) == NULL)
        return kept;
      if (kept != NULL && (PQresultStatus (kept) == PGRES_FATAL_ERROR ||
                           PQresultStatus (kept) == PGRES_NONFATAL_ERROR))
        PQclear (res);
      else
        {
          PQclear (kept);
          kept = res;
        }
    }
}

/* Takes @res; TRUE when it is a success. */
static gboolean
check (TurnosPgStore  *self,
       PGresult       *res,
       GError        **error)
{
  ExecStatusType status = res ? PQresultStatus (res) : PGRES_FATAL_ERROR;
  const char *sqlstate;
  gboolean lost;
  TurnosStoreError code;
  g_autofree char *why = NULL;

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    {
      self->sqlstate[0] = '\0';
      return TRUE;
    }
  sqlstate = res ? PQresultErrorField (res, PG_DIAG_SQLSTATE) : NULL;
  lost = PQstatus (self->conn->pg) != CONNECTION_OK;
  g_strlcpy (self->sqlstate, sqlstate ? sqlstate : "", sizeof self->sqlstate);
  code = classify (sqlstate, lost);
  why = one_line (res ? PQresultErrorMessage (res) : PQerrorMessage (self->conn->pg));
  g_set_error (error, TURNOS_STORE_ERROR, code, "PostgreSQL: %s", why);
  PQclear (res);
  /* No result at all (nothing could be sent, or no answer came): the connection's state is
   * unknown, and it goes like a lost one. */
  if (res == NULL || lost ||
      (code == TURNOS_STORE_ERROR_UNAVAILABLE && sqlstate != NULL &&
       (g_str_has_prefix (sqlstate, "08") || g_str_has_prefix (sqlstate, "57P"))))
    g_clear_pointer (&self->conn, _turnos_pg_conn_free);
  return FALSE;
}

gboolean
_turnos_pg_take_notifies (TurnosPgStore *self,
                          const char    *about)
{
  gboolean touched = FALSE;
  PGnotify *n;

  if (self->conn == NULL || PQconsumeInput (self->conn->pg) != 1)
    {
      g_hash_table_remove_all (self->professionals);
      g_hash_table_remove_all (self->zones);
      return TRUE;
    }
  while ((n = PQnotifies (self->conn->pg)) != NULL)
    {
      if (g_str_equal (n->relname, TURNOS_PG_EVENTS_CHANNEL))
        self->events_heard++;
      else if (g_str_equal (n->relname, TURNOS_PG_SETTINGS_CHANNEL))
        {
          if (g_str_equal (n->extra, "*"))
            {
              g_hash_table_remove_all (self->professionals);
              g_hash_table_remove_all (self->zones);
            }
          else
            {
              g_hash_table_remove (self->professionals, n->extra);
              g_hash_table_remove (self->zones, n->extra);
            }
          touched |= g_str_equal (n->extra, "*") || g_strcmp0 (n->extra, about) == 0;
        }
      PQfreemem (n);
    }
  return touched;
}

PGconn *
_turnos_pg_connection (TurnosPgStore  *self,
                       GError        **error)
{
  TurnosPgConn *conn = conn_of (self, error);

  return conn != NULL ? conn->pg : NULL;
}

PGresult *
_turnos_pg_query (TurnosPgStore       *self,
                  const char          *sql,
                  int                  n,
                  const char * const  *params,
                  GError             **error)
{
  TurnosPgConn *conn = conn_of (self, error);
  const char *name;
  PGresult *res;

  if (conn == NULL)
    return NULL;
  if ((name = g_hash_table_lookup (conn->prepared, sql)) == NULL)
    {
      char *fresh = g_strdup_printf ("turnos_%u", ++conn->n_prepared);
      PGresult *prepared = answer (conn, PQsendPrepare (conn->pg, fresh, sql, n, NULL));

      /* check() clears a failure; a success says nothing more and is cleared here. */
      if (!check (self, prepared, error))
        {
          g_free (fresh);
          return NULL;
        }
      PQclear (prepared);
      g_hash_table_insert (conn->prepared, (gpointer) sql, fresh);
      name = fresh;
    }
  res = answer (conn, PQsendQueryPrepared (conn->pg, name, n, params, NULL, NULL, 0));
  return check (self, res, error) ? res : NULL;
}

gboolean
_turnos_pg_exec (TurnosPgStore  *self,
                 const char     *sql,
                 GError        **error)
{
  TurnosPgConn *conn = conn_of (self, error);
  PGresult *res;

  if (conn == NULL)
    return FALSE;
  res = answer (conn, PQsendQuery (conn->pg, sql));
  if (!check (self, res, error))
    return FALSE;
  PQclear (res);
  return TRUE;
}

gboolean
_turnos_pg_begin (TurnosPgStore  *self,
                  GError        **error)
{
  return _turnos_pg_exec (self, "BEGIN", error);
}

gboolean
_turnos_pg_commit (TurnosPgStore  *self,
                   GError        **error)
{
  gboolean announce = self->events != NULL && self->events->len > 0;

  /* The events last, so the counter row's lock is held for as short a time as can be. */
  if (announce && !_turnos_pg_write_events (self, error))
    return FALSE;
  g_clear_pointer (&self->events, g_ptr_array_unref);
  if (!_turnos_pg_exec (self, "COMMIT", error))
    return FALSE;
  /* The live events it carried are readable by everyone now (turnos-store.h). */
  if (announce)
    turnos_store_emit_events_appended (TURNOS_STORE (self));
  return TRUE;
}

void
_turnos_pg_rollback (TurnosPgStore *self)
{
  PGTransactionStatusType status;

  g_clear_pointer (&self->events, g_ptr_array_unref);
  if (self->conn == NULL)
    return;
  status = PQtransactionStatus (self->conn->pg);
  if (status == PQTRANS_INTRANS || status == PQTRANS_INERROR)
    PQclear (answer (self->conn, PQsendQuery (self->conn->pg, "ROLLBACK")));
  if (PQstatus (self->conn->pg) != CONNECTION_OK)
    g_clear_pointer (&self->conn, _turnos_pg_conn_free);
}

gboolean
_turnos_pg_failed_with (TurnosPgStore *self,
                        const char    *sqlstate)
{
  return g_str_equal (self->sqlstate, sqlstate);
}

gboolean
_turnos_pg_should_retry (TurnosPgStore *self,
                         const GError  *error)
{
  return g_error_matches (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT) &&
         (g_str_equal (self->sqlstate, "40P01") || g_str_equal (self->sqlstate, "40001"));
}

const char *
_turnos_pg_int64 (char    buf[24],
                  gint64  value)
{
  g_snprintf (buf, 24, "%" G_GINT64_FORMAT, value);
  return buf;
}

gint64
_turnos_pg_get_int64 (const PGresult *res,
                      int             row,
                      int             col)
{
  return PQgetisnull (res, row, col) ? 0 : g_ascii_strtoll (PQgetvalue (res, row, col), NULL, 10);
}

char *
_turnos_pg_dup (const PGresult *res,
                int             row,
                int             col)
{
  return PQgetisnull (res, row, col) ? NULL : g_strdup (PQgetvalue (res, row, col));
}
