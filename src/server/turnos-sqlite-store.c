/* turnos-sqlite-store.c: the SQLite store
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times are unix seconds; the professional's zone turns them back into wall-clock times.
 * Durability: WAL with synchronous=FULL, so a committed write survives a power cut.
 * Every statement is prepared once and kept; every value is a bound parameter.
 * The file, its -wal and its -shm are the owner's alone (0600): they hold patient data.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "turnos-id.h"
#include "turnos-sqlite-store-private.h"

/* How many fresh ids an insert tries before giving up on a key clash. */
#define ID_ATTEMPTS 4

static void store_iface_init (TurnosStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TurnosSqliteStore, turnos_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TURNOS_TYPE_STORE, store_iface_init))

static gboolean
fail (TurnosSqliteStore  *self,
      GError            **error)
{
  g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED, "SQLite: %s",
               sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (TurnosSqliteStore  *self,
      const char         *sql,
      GError            **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED, "SQLite: %s",
                   message ? message : "failed");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* A kept prepared statement, reset and with its bindings cleared. */
static sqlite3_stmt *
stmt (TurnosSqliteStore  *self,
      const char         *sql,
      GError            **error)
{
  sqlite3_stmt *st = g_hash_table_lookup (self->statements, sql);

  if (st == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        {
          fail (self, error);
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, st);
    }
  sqlite3_reset (st);
  sqlite3_clear_bindings (st);
  return st;
}

static void
bind_text (sqlite3_stmt *st,
           int           i,
           const char   *text)
{
  sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
}

static gboolean
done (TurnosSqliteStore  *self,
      sqlite3_stmt       *st,
      GError            **error)
{
  int rc = sqlite3_step (st);

  sqlite3_reset (st);
  return rc == SQLITE_DONE || rc == SQLITE_ROW ? TRUE : fail (self, error);
}

/* Steps an INSERT whose parameters but the first (the row's id) are bound, with a fresh id
 * from @self->new_id, and again with another while the primary key clashes: ids are random,
 * so a clash is all but impossible, yet it must cost a retry, not a 500. Returns the id the
 * row got, or NULL with @error set. */
static char *
insert_with_fresh_id (TurnosSqliteStore  *self,
                      sqlite3_stmt       *st,
                      GError            **error)
{
  for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++)
    {
      g_autofree char *id = self->new_id ();
      int rc;

      bind_text (st, 1, id);
      rc = sqlite3_step (st);
      sqlite3_reset (st);
      if (rc == SQLITE_DONE)
        return g_steal_pointer (&id);
      if (sqlite3_extended_errcode (self->db) != SQLITE_CONSTRAINT_PRIMARYKEY)
        break;
      g_message ("store: id %s is taken; trying another", id);
    }
  fail (self, error);
  return NULL;
}

static gboolean
begin_write (TurnosSqliteStore  *self,
             GError            **error)
{
  sqlite3_stmt *st = stmt (self, "BEGIN IMMEDIATE", error);

  return st != NULL && done (self, st, error);
}

static gboolean
commit (TurnosSqliteStore  *self,
        GError            **error)
{
  sqlite3_stmt *st = stmt (self, "COMMIT", error);

  if (st == NULL || !done (self, st, error))
    return FALSE;
  /* The live events it carried are readable by everyone now (turnos-store.h). */
  if (self->events_appended)
    {
      self->events_appended = FALSE;
      turnos_store_emit_events_appended (TURNOS_STORE (self));
    }
  return TRUE;
}

static void
rollback (TurnosSqliteStore *self)
{
  self->events_appended = FALSE;
  if (!sqlite3_get_autocommit (self->db))
    exec (self, "ROLLBACK", NULL);
}

/*
 * Rows to models
 */

static GTimeZone *
zone_of (TurnosSqliteStore *self,
         const char        *professional_id)
{
  GTimeZone *tz = g_hash_table_lookup (self->zones, professional_id);

  if (tz == NULL)
    {
      g_autoptr(TurnosSettings) settings = turnos_store_get_professional (TURNOS_STORE (self),
                                                                          professional_id, NULL);

      tz = settings != NULL ? g_time_zone_ref (settings->tz) : g_time_zone_new_utc ();
      g_hash_table_insert (self->zones, g_strdup (professional_id), tz);
    }
  return tz;
}

static GDateTime *
local (GTimeZone *tz,
       gint64     ts)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ts);

  return g_date_time_to_timezone (utc, tz);
}

/*
 * Store interface
 */

static gboolean
sqlite_wipe (TurnosStore  *store,
             GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);

  _turnos_sqlite_forget_professionals (self);
  return exec (self,
               "BEGIN IMMEDIATE; DELETE FROM idempotency; DELETE FROM payments; "
               "DELETE FROM tokens; DELETE FROM login_failures; DELETE FROM audit; "
               "DELETE FROM accounts; DELETE FROM events; DELETE FROM waitlist; "
               "DELETE FROM blocks; DELETE FROM reservations; DELETE FROM professionals; COMMIT;",
               error);
}

static void
store_iface_init (TurnosStoreInterface *iface)
{
  iface->wipe = sqlite_wipe;
  _turnos_sqlite_professionals_iface_init (iface);
  _turnos_sqlite_reservations_iface_init (iface);
  _turnos_sqlite_blocks_iface_init (iface);
  _turnos_sqlite_payments_iface_init (iface);
  _turnos_sqlite_accounts_iface_init (iface);
  _turnos_sqlite_events_iface_init (iface);
  _turnos_sqlite_series_iface_init (iface);
  _turnos_sqlite_waitlist_iface_init (iface);
  _turnos_sqlite_attendance_iface_init (iface);
}

/*
 * GObject overrides
 */

static void
turnos_sqlite_store_finalize (GObject *object)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->zones, g_hash_table_unref);
  g_clear_pointer (&self->professionals, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (turnos_sqlite_store_parent_class)->finalize (object);
}

static void
turnos_sqlite_store_class_init (TurnosSqliteStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = turnos_sqlite_store_finalize;
}

static void
finalize_stmt (gpointer st)
{
  sqlite3_finalize (st);
}

static void
turnos_sqlite_store_init (TurnosSqliteStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_stmt);
  self->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_time_zone_unref);
  self->professionals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) turnos_settings_unref);
  self->data_version = -1;
  self->new_id = turnos_id_new;
}

/*
 * Public API
 */

int
turnos_sqlite_store_get_schema_version (TurnosSqliteStore *self)
{
  sqlite3_stmt *st;
  int version = -1;

  g_return_val_if_fail (TURNOS_IS_SQLITE_STORE (self), -1);

  if ((st = stmt (self, "PRAGMA user_version", NULL)) != NULL && sqlite3_step (st) == SQLITE_ROW)
    version = sqlite3_column_int (st, 0);
  if (st != NULL)
    sqlite3_reset (st);
  return version;
}

void
_turnos_sqlite_store_set_id_func (TurnosSqliteStore       *self,
                                  TurnosSqliteStoreIdFunc  func)
{
  g_return_if_fail (TURNOS_IS_SQLITE_STORE (self));
  self->new_id = func != NULL ? func : turnos_id_new;
}

/* Takes group and other access away from @path if it exists; @fd when it is open already. */
static void
restrict_mode (const char *path,
               int         fd)
{
  struct stat st;

  if ((fd >= 0 ? fstat (fd, &st) : stat (path, &st)) != 0 || (st.st_mode & 077) == 0)
    return;
  if ((fd >= 0 ? fchmod (fd, st.st_mode & 0700) : chmod (path, st.st_mode & 0700)) == 0)
    g_message ("store: %s was open to other users (%03o); now %03o", path,
               (guint) (st.st_mode & 0777), (guint) (st.st_mode & 0700));
  else
    g_message ("store: %s is open to other users (%03o) and cannot be changed: %s", path,
               (guint) (st.st_mode & 0777), g_strerror (errno));
}

/* SQLite would create the file 0644 (less the umask), and it gives the -wal and -shm the
 * database's own mode: create it 0600 first, and close files an older version left open. */
static gboolean
prepare_files (const char  *path,
               GError     **error)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  int fd;

  if (g_str_equal (path, ":memory:") || g_str_has_prefix (path, "file:"))
    return TRUE;
  if ((fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0)
    {
      int saved = errno;

      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED, "cannot open %s: %s",
                   path, g_strerror (saved));
      return FALSE;
    }
  restrict_mode (path, fd);
  close (fd);
  restrict_mode (wal, -1);
  restrict_mode (shm, -1);
  return TRUE;
}

TurnosStore *
turnos_sqlite_store_new (const char  *path,
                         GError     **error)
{
  g_autoptr(TurnosSqliteStore) self = g_object_new (TURNOS_TYPE_SQLITE_STORE, NULL);

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  if (!prepare_files (path, error))
    return NULL;
  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_FAILED,
                   "cannot open %s: %s", path, self->db ? sqlite3_errmsg (self->db) : "no memory");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  if (!exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                   "PRAGMA foreign_keys = ON;", error) ||
      !_turnos_sqlite_migrate (self, error) ||
      !_turnos_sqlite_accounts_open (self, error))
    return NULL;
  return TURNOS_STORE (g_steal_pointer (&self));
}

/*
 * Private API (turnos-sqlite-store-private.h), for the files by resource
 */

gboolean
_turnos_sqlite_exec (TurnosSqliteStore  *self,
                     const char         *sql,
                     GError            **error)
{
  return exec (self, sql, error);
}

sqlite3_stmt *
_turnos_sqlite_stmt (TurnosSqliteStore  *self,
                     const char         *sql,
                     GError            **error)
{
  return stmt (self, sql, error);
}

void
_turnos_sqlite_bind_text (sqlite3_stmt *st,
                          int           i,
                          const char   *text)
{
  bind_text (st, i, text);
}

gboolean
_turnos_sqlite_done (TurnosSqliteStore  *self,
                     sqlite3_stmt       *st,
                     GError            **error)
{
  return done (self, st, error);
}

gboolean
_turnos_sqlite_fail (TurnosSqliteStore  *self,
                     GError            **error)
{
  return fail (self, error);
}

gboolean
_turnos_sqlite_begin_write (TurnosSqliteStore  *self,
                            GError            **error)
{
  return begin_write (self, error);
}

gboolean
_turnos_sqlite_commit (TurnosSqliteStore  *self,
                       GError            **error)
{
  return commit (self, error);
}

void
_turnos_sqlite_rollback (TurnosSqliteStore *self)
{
  rollback (self);
}

GTimeZone *
_turnos_sqlite_zone_of (TurnosSqliteStore *self,
                        const char        *professional_id)
{
  return zone_of (self, professional_id);
}

GDateTime *
_turnos_sqlite_local (GTimeZone *tz,
                      gint64     ts)
{
  return local (tz, ts);
}

char *
_turnos_sqlite_insert_with_fresh_id (TurnosSqliteStore  *self,
                                     sqlite3_stmt       *st,
                                     GError            **error)
{
  return insert_with_fresh_id (self, st, error);
}
