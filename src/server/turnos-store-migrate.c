/* turnos-store-migrate.c: moving a clinic from its SQLite file to PostgreSQL
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Row by row through COPY … FROM STDIN, in one PostgreSQL transaction holding every table
 * locked; the SQLite side is read in one read transaction. Unix seconds become timestamptz,
 * 0/1 booleans; the ids, hashes and the audit's numbering are kept as they are, so tokens
 * still sign in and links still point where they did.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "turnos-sqlite-store-private.h"
#include "turnos-store-migrate.h"
#ifdef HAVE_POSTGRESQL
#include "turnos-pg-store-private.h"
#endif

#ifdef HAVE_POSTGRESQL

/* One table: its SQLite columns in the order of its PostgreSQL ones, and how each is
 * written: t text, s Unix seconds (a timestamptz), b 0/1 (a boolean), i an integer. */
typedef struct
{
  const char *name;
  const char *sqlite_columns;
  const char *pg_columns;
  const char *kinds;
} Table;

/* Referenced tables first. */
static const Table tables[] = {
  { "professionals", "id, settings", "id, settings", "tt" },
  { "accounts",
    "id, role, username, password, display_name, document, phone, email, sort_name, search, "
    "must_change, erased, created_ts",
    "id, role, username, password, display_name, document, phone, email, sort_name, search, "
    "must_change, erased, created_at",
    "ttttttttttbbs" },
  { "reservations",
    "id, client_id, professional_id, start_ts, end_ts, status, modality, created_ts, hold_expires_ts, "
    "cancel_reason, payment_id, series_id, rescheduled_to, attendance",
    "id, client_id, professional_id, start_at, end_at, status, modality, created_at, hold_expires_at, "
    "cancel_reason, payment_id, series_id, rescheduled_to, attendance",
    "tttssttsstttt" "t" },
  { "blocks", "id, professional_id, start_ts, end_ts, reason",
    "id, professional_id, start_at, end_at, reason", "ttsst" },
  { "payments", "id, reservation_id, status, amount, currency, expires_ts",
    "id, reservation_id, status, amount, currency, expires_at", "ttttts" },
  { "idempotency", "key, request_hash, kind, ref_id, created_ts",
    "key, request_hash, kind, ref_id, created_at", "tttts" },
  { "tokens", "hash, account_id, expires_ts", "hash, account_id, expires_at", "tts" },
  { "login_failures", "key, ts", "key, at", "ts" },
  { "audit", "seq, ts, actor, action, target_kind, target_id, detail",
    "seq, at, actor, action, target_kind, target_id, detail", "istttt" "t" },
  /* In the order of arrival (SQLite's rowid); PostgreSQL numbers them again in that order. */
  { "waitlist", "id, professional_id, client_id, day, day_start_ts, day_end_ts, created_ts, offered_ts",
    "id, professional_id, client_id, day, day_start_at, day_end_at, created_at, offered_at",
    "ttttssss" },
};

/* What COPY's text format makes of a value. */
static void
append_copy_text (GString    *line,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (line, "\\\\"); break;
      case '\n': g_string_append (line, "\\n"); break;
      case '\r': g_string_append (line, "\\r"); break;
      case '\t': g_string_append (line, "\\t"); break;
      default: g_string_append_c (line, *p); break;
      }
}

static void
append_value (GString      *line,
              sqlite3_stmt *st,
              int           col,
              char          kind)
{
  if (sqlite3_column_type (st, col) == SQLITE_NULL)
    {
      g_string_append (line, "\\N");
      return;
    }
  switch (kind)
    {
    case 's':
      {
        g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (sqlite3_column_int64 (st, col));
        g_autofree char *text = g_date_time_format (at, "%Y-%m-%d %H:%M:%S+00");

        g_string_append (line, text);
      }
      break;
    case 'b':
      g_string_append (line, sqlite3_column_int (st, col) ? "t" : "f");
      break;
    case 'i':
      g_string_append_printf (line, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (st, col));
      break;
    default:
      append_copy_text (line, (const char *) sqlite3_column_text (st, col));
      break;
    }
}

static gboolean
pg_failed (PGconn  *pg,
           GError **error)
{
  g_autofree char *why = g_strstrip (g_strdup (PQerrorMessage (pg)));

  g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED, "PostgreSQL: %s", why);
  return FALSE;
}

static gboolean
sqlite_failed (sqlite3  *db,
               GError  **error)
{
  g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED, "SQLite: %s",
               sqlite3_errmsg (db));
  return FALSE;
}

/* Copies one table; @copied receives how many rows. */
static gboolean
copy_table (sqlite3      *db,
            PGconn       *pg,
            const Table  *t,
            gint64       *copied,
            GError      **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s", t->sqlite_columns, t->name);
  g_autofree char *copy = g_strdup_printf ("COPY %s (%s) FROM STDIN", t->name, t->pg_columns);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(PGresult) res = NULL;
  sqlite3_stmt *st = NULL;
  int n = (int) strlen (t->kinds), rc;
  gboolean ok = TRUE;

  *copied = 0;
  if (sqlite3_prepare_v2 (db, select, -1, &st, NULL) != SQLITE_OK)
    return sqlite_failed (db, error);
  g_assert (sqlite3_column_count (st) == n);
  res = PQexec (pg, copy);
  if (PQresultStatus (res) != PGRES_COPY_IN)
    {
      sqlite3_finalize (st);
      return pg_failed (pg, error);
    }
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      g_string_truncate (line, 0);
      for (int i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (line, '\t');
          append_value (line, st, i, t->kinds[i]);
        }
      g_string_append_c (line, '\n');
      if (PQputCopyData (pg, line->str, (int) line->len) != 1)
        {
          ok = pg_failed (pg, error);
          break;
        }
      (*copied)++;
    }
  if (ok && rc != SQLITE_DONE)
    ok = sqlite_failed (db, error);
  sqlite3_finalize (st);
  if (PQputCopyEnd (pg, ok ? NULL : "the copy failed") != 1 && ok)
    ok = pg_failed (pg, error);
  g_clear_pointer (&res, PQclear);
  /* The COPY's own result, then the end of the results. */
  while ((res = PQgetResult (pg)) != NULL)
    {
      if (ok && PQresultStatus (res) != PGRES_COMMAND_OK)
        {
          g_autofree char *why = g_strstrip (g_strdup (PQresultErrorMessage (res)));

          g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED,
                       "PostgreSQL: copying %s: %s", t->name, why);
          ok = FALSE;
        }
      g_clear_pointer (&res, PQclear);
    }
  return ok;
}

static gint64
sqlite_count (sqlite3     *db,
              const char  *table,
              GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *st = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &st, NULL) != SQLITE_OK)
    {
      sqlite_failed (db, error);
      return -1;
    }
  if (sqlite3_step (st) == SQLITE_ROW)
    n = sqlite3_column_int64 (st, 0);
  else
    sqlite_failed (db, error);
  sqlite3_finalize (st);
  return n;
}

static gint64
pg_count (TurnosPgStore  *store,
          const char     *table,
          GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  PGconn *pg = _turnos_pg_connection (store, error);
  g_autoptr(PGresult) res = NULL;

  if (pg == NULL)
    return -1;
  res = PQexec (pg, sql);
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      pg_failed (pg, error);
      return -1;
    }
  return g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
}

/* Every table of the SQLite file is one this copy knows. */
static gboolean
knows_every_table (sqlite3  *db,
                   GError  **error)
{
  sqlite3_stmt *st = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                              "AND name NOT LIKE 'sqlite_%'", -1, &st, NULL) != SQLITE_OK)
    return sqlite_failed (db, error);
  while (ok && sqlite3_step (st) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (st, 0);
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
        known |= g_str_equal (tables[i].name, name);
      /* Live events are the last ten minutes' news, not the clinic: clients resync. */
      known |= g_str_equal (name, "events");
      if (!known)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "the SQLite store has a table “%s” this turnos-server cannot copy", name);
          ok = FALSE;
        }
    }
  sqlite3_finalize (st);
  return ok;
}

static gboolean
run (PGconn      *pg,
     const char  *sql,
     GError     **error)
{
  g_autoptr(PGresult) res = PQexec (pg, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    return pg_failed (pg, error);
  return TRUE;
}

static gboolean
migrate (TurnosSqliteStore  *source,
         TurnosPgStore      *target,
         GString            *report,
         GError            **error)
{
  g_autoptr(GString) lock = g_string_new ("LOCK TABLE ");
  sqlite3 *db = source->db;
  PGconn *pg;
  gint64 copied[G_N_ELEMENTS (tables)];

  if (turnos_sqlite_store_get_schema_version (source) != TURNOS_PG_SCHEMA_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "the SQLite store has schema version %d, this copy knows %d",
                   turnos_sqlite_store_get_schema_version (source), TURNOS_PG_SCHEMA_VERSION);
      return FALSE;
    }
  if (!knows_every_table (db, error) || !(pg = _turnos_pg_connection (target, error)))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_string_append_printf (lock, "%s%s", i > 0 ? ", " : "", tables[i].name);
  g_string_append (lock, " IN ACCESS EXCLUSIVE MODE");
  if (!run (pg, "BEGIN", error))
    return FALSE;
  if (!run (pg, "SET LOCAL statement_timeout = 0", error) || !run (pg, lock->str, error))
    goto out;
  /* Refuses a database that already holds a clinic. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 n = pg_count (target, tables[i].name, error);

      if (n < 0)
        goto out;
      if (n > 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       "the target database is not empty: %s holds %" G_GINT64_FORMAT " rows",
                       tables[i].name, n);
          goto out;
        }
    }

  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite_failed (db, error);
      goto out;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (!copy_table (db, pg, &tables[i], &copied[i], error))
      {
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
        goto out;
      }
  /* Counted on both sides: what was read is what is there, and what is there now. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 there = sqlite_count (db, tables[i].name, error);
      gint64 here = there < 0 ? -1 : pg_count (target, tables[i].name, error);

      if (there < 0 || here < 0)
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          goto out;
        }
      if (here != there || here != copied[i])
        {
          g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED,
                       "%s: %" G_GINT64_FORMAT " rows in SQLite, %" G_GINT64_FORMAT
                       " copied, %" G_GINT64_FORMAT " in PostgreSQL",
                       tables[i].name, there, copied[i], here);
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          goto out;
        }
      if (report != NULL)
        g_string_append_printf (report, "%s: %" G_GINT64_FORMAT " rows\n", tables[i].name, here);
    }
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  /* The audit goes on numbering after the copied entries; every server drops its caches. */
  if (!run (pg, "SELECT setval (pg_get_serial_sequence ('audit', 'seq'), "
                "COALESCE (max (seq), 1), max (seq) IS NOT NULL) FROM audit", error) ||
      !run (pg, "SELECT pg_notify ('" TURNOS_PG_SETTINGS_CHANNEL "', '*')", error) ||
      !run (pg, "COMMIT", error))
    goto out;
  return TRUE;

out:
  PQclear (PQexec (pg, "ROLLBACK"));
  return FALSE;
}

#endif /* HAVE_POSTGRESQL */

gboolean
turnos_store_migrate (const char  *from_uri,
                      const char  *to_uri,
                      GString     *report,
                      GError     **error)
{
#ifdef HAVE_POSTGRESQL
  g_autoptr(TurnosStore) source = NULL;
  g_autoptr(TurnosStore) target = NULL;
  const char *path;

  g_return_val_if_fail (from_uri != NULL && to_uri != NULL, FALSE);

  if (!g_str_has_prefix (from_uri, "sqlite://") ||
      !(g_str_has_prefix (to_uri, "postgresql://") || g_str_has_prefix (to_uri, "postgres://")))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "--migrate-to wants postgresql://… and --database sqlite:///…");
      return FALSE;
    }
  path = from_uri + strlen ("sqlite://");
  /* Opening a missing file would make an empty clinic of it. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "there is no SQLite store at %s", path);
      return FALSE;
    }
  if (!(source = turnos_store_open (from_uri, error)) ||
      !(target = turnos_store_open (to_uri, error)))
    return FALSE;
  return migrate (TURNOS_SQLITE_STORE (source), TURNOS_PG_STORE (target), report, error);
#else
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "this build has no PostgreSQL store (-Dpostgresql=disabled)");
  return FALSE;
#endif
}
