/* turnos-test-store.c: the store a parametrized test runs on, SQLite or PostgreSQL
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>
#ifdef HAVE_POSTGRESQL
#include <libpq-fe.h>
#endif

#include "turnos-test-store.h"

gboolean
turnos_test_store_is_postgresql (void)
{
  return g_strcmp0 (g_getenv ("TURNOS_TEST_STORE"), "postgresql") == 0;
}

static gboolean
is_sqlite (const char *uri)
{
  return g_str_has_prefix (uri, "sqlite://");
}

#ifdef HAVE_POSTGRESQL
/* The schema a test store lives in: the cluster's URI with search_path set to it. */
static char *
with_schema (const char *base,
             const char *schema)
{
  return g_strdup_printf ("%s%soptions=-csearch_path%%3D%s", base,
                          strchr (base, '?') != NULL ? "&" : "?", schema);
}

static char *
schema_of (const char *uri)
{
  const char *p = strstr (uri, "search_path%3D");

  g_assert_nonnull (p);
  return g_strndup (p + strlen ("search_path%3D"), strcspn (p + strlen ("search_path%3D"), "&"));
}

static void
quiet_cb (void       *data,
          const char *message)
{
}

static PGconn *
connect_to (const char *uri)
{
  PGconn *conn = PQconnectdb (uri);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("test store: cannot connect to %s: %s", uri, PQerrorMessage (conn));
  /* "extension already exists, skipping", "drop cascades to …" */
  PQsetNoticeProcessor (conn, quiet_cb, NULL);
  return conn;
}

static PGresult *
run (PGconn     *conn,
     const char *sql)
{
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("test store: %s: %s", sql, PQresultErrorMessage (res));
  return res;
}

static const char *
cluster (void)
{
  const char *base = g_getenv ("TURNOS_TEST_PG_URI");

  if (base == NULL || *base == '\0')
    g_error ("TURNOS_TEST_STORE=postgresql wants a cluster in TURNOS_TEST_PG_URI: run the tests "
             "through meson (its wrapper, build-aux/pg-test-cluster, starts one) or "
             "build-aux/dev test");
  return base;
}
#endif

char *
turnos_test_store_new_uri (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (turnos_test_store_is_postgresql ())
    {
#ifdef HAVE_POSTGRESQL
      static guint counter;
      g_autofree char *name = g_strdup_printf ("turnos_test_%u_%u_%u", (guint) getpid (),
                                               ++counter, g_random_int_range (0, 1000000));
      g_autofree char *sql = g_strdup_printf ("CREATE SCHEMA %s", name);
      PGconn *conn = connect_to (cluster ());

      /* A schema, not a database, per test: CREATE DATABASE takes a third of a second.
       * btree_gist is installed once per database (test programs run side by side: one at
       * a time), so the store's own CREATE EXTENSION finds it there. */
      PQclear (run (conn, "SELECT pg_advisory_lock (7251018)"));
      PQclear (run (conn, "CREATE EXTENSION IF NOT EXISTS btree_gist SCHEMA public"));
      PQclear (run (conn, "SELECT pg_advisory_unlock (7251018)"));
      PQclear (run (conn, sql));
      PQfinish (conn);
      return with_schema (cluster (), name);
#else
      g_error ("this build has no PostgreSQL store");
#endif
    }
  dir = g_dir_make_tmp ("turnos-store-XXXXXX", &error);
  g_assert_no_error (error);
  return g_strdup_printf ("sqlite://%s/t.db", dir);
}

void
turnos_test_store_drop (const char *uri)
{
  if (uri == NULL)
    return;
  if (is_sqlite (uri))
    {
      const char *db = uri + strlen ("sqlite://");
      g_autofree char *dir = g_path_get_dirname (db);
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);

      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
      return;
    }
#ifdef HAVE_POSTGRESQL
  {
    g_autofree char *schema = schema_of (uri);
    g_autofree char *sql = g_strdup_printf ("DROP SCHEMA IF EXISTS %s CASCADE", schema);
    PGconn *conn = connect_to (cluster ());

    PQclear (run (conn, sql));
    PQfinish (conn);
  }
#endif
}

GPtrArray *
turnos_test_store_query (const char *uri,
                         const char *sql)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  if (is_sqlite (uri))
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *st = NULL;
      int rc;

      g_assert_cmpint (sqlite3_open (uri + strlen ("sqlite://"), &db), ==, SQLITE_OK);
      sqlite3_busy_timeout (db, 5000);
      if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
        g_error ("test store: %s: %s", sql, sqlite3_errmsg (db));
      while ((rc = sqlite3_step (st)) == SQLITE_ROW)
        g_ptr_array_add (out, sqlite3_column_type (st, 0) == SQLITE_NULL
                              ? NULL : g_strdup ((const char *) sqlite3_column_text (st, 0)));
      g_assert_cmpint (rc, ==, SQLITE_DONE);
      sqlite3_finalize (st);
      sqlite3_close (db);
      return out;
    }
#ifdef HAVE_POSTGRESQL
  {
    PGconn *conn = connect_to (uri);
    PGresult *res = run (conn, sql);

    for (int i = 0; i < PQntuples (res); i++)
      g_ptr_array_add (out, PQgetisnull (res, i, 0) ? NULL : g_strdup (PQgetvalue (res, i, 0)));
    PQclear (res);
    PQfinish (conn);
  }
#endif
  return out;
}

void
turnos_test_store_exec (const char *uri,
                        const char *sql)
{
  if (is_sqlite (uri))
    {
      sqlite3 *db = NULL;
      char *message = NULL;

      g_assert_cmpint (sqlite3_open (uri + strlen ("sqlite://"), &db), ==, SQLITE_OK);
      sqlite3_busy_timeout (db, 5000);
      if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
        g_error ("test store: %s: %s", sql, message);
      sqlite3_close (db);
      return;
    }
#ifdef HAVE_POSTGRESQL
  {
    PGconn *conn = connect_to (uri);

    PQclear (run (conn, sql));
    PQfinish (conn);
  }
#endif
}

GBytes *
turnos_test_store_dump (const char *uri)
{
  g_autoptr(GByteArray) all = g_byte_array_new ();

  if (is_sqlite (uri))
    {
      const char *db = uri + strlen ("sqlite://");
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *main_data = NULL;
      g_autofree char *wal_data = NULL;
      gsize len = 0, wal_len = 0;

      turnos_test_store_exec (uri, "PRAGMA wal_checkpoint(TRUNCATE)");
      g_assert_true (g_file_get_contents (db, &main_data, &len, NULL));
      g_byte_array_append (all, (guint8 *) main_data, len);
      if (g_file_get_contents (wal, &wal_data, &wal_len, NULL))
        g_byte_array_append (all, (guint8 *) wal_data, wal_len);
    }
  else
    {
      g_autoptr(GPtrArray) tables = turnos_test_store_query (uri,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema ()");

      for (guint i = 0; i < tables->len; i++)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT t::text FROM \"%s\" t",
                                                  (char *) tables->pdata[i]);
          g_autoptr(GPtrArray) rows = turnos_test_store_query (uri, sql);

          for (guint j = 0; j < rows->len; j++)
            if (rows->pdata[j] != NULL)
              g_byte_array_append (all, rows->pdata[j], strlen (rows->pdata[j]) + 1);
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}
