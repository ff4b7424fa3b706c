/* turnos-sqlite-accounts.c: the SQLite store's accounts, tokens, sign-in failures and audit
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tokens are kept as their SHA-256, passwords as argon2id strings: nothing here can sign
 * anyone in if the file is read. secure_delete is on, so an erased patient's bytes are
 * overwritten in the file, not only unlinked.
 */
#define G_LOG_DOMAIN "turnos-server"

#include "config.h"

#include <string.h>

#include "turnos-sqlite-store-private.h"

const char _turnos_sqlite_accounts_schema[] =
  "CREATE TABLE accounts ("
  "  id TEXT PRIMARY KEY,"
  "  role TEXT NOT NULL CHECK (role IN ('patient', 'desk', 'professional', 'admin')),"
  "  username TEXT UNIQUE,"
  "  password TEXT,"
  "  display_name TEXT NOT NULL,"
  "  document TEXT,"
  "  phone TEXT,"
  "  email TEXT,"
  "  sort_name TEXT NOT NULL,"   /* the folded display name: the directory's order */
  "  search TEXT NOT NULL,"      /* folded name, document, phone (also digits only), e-mail */
  "  must_change INTEGER NOT NULL DEFAULT 0,"
  "  erased INTEGER NOT NULL DEFAULT 0,"
  "  created_ts INTEGER NOT NULL);"
  "CREATE INDEX accounts_by_name ON accounts (role, sort_name, id);"
  "CREATE TABLE tokens ("
  "  hash TEXT PRIMARY KEY,"
  "  account_id TEXT NOT NULL REFERENCES accounts (id),"
  "  expires_ts INTEGER NOT NULL);"
  "CREATE INDEX tokens_by_account ON tokens (account_id);"
  "CREATE TABLE login_failures ("
  "  key TEXT NOT NULL,"
  "  ts INTEGER NOT NULL);"
  "CREATE INDEX login_failures_by_key ON login_failures (key, ts);"
  "CREATE TABLE audit ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  ts INTEGER NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  target_kind TEXT NOT NULL,"
  "  target_id TEXT NOT NULL,"
  "  detail TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX audit_by_target ON audit (target_id, seq);"
  "CREATE INDEX audit_by_actor ON audit (actor, seq);";

#define stmt       _turnos_sqlite_stmt
#define done       _turnos_sqlite_done
#define fail       _turnos_sqlite_fail
#define begin_write _turnos_sqlite_begin_write
#define commit     _turnos_sqlite_commit
#define rollback   _turnos_sqlite_rollback

static void
bind_text (sqlite3_stmt *st,
           int           i,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (st, i);
  else
    sqlite3_bind_text (st, i, text, -1, SQLITE_TRANSIENT);
}

static char *
column_dup (sqlite3_stmt *st,
            int           i)
{
  return sqlite3_column_type (st, i) == SQLITE_NULL
         ? NULL : g_strdup ((const char *) sqlite3_column_text (st, i));
}

/* Whether the last step failed on a UNIQUE or PRIMARY KEY constraint. */
static gboolean
is_taken (TurnosSqliteStore *self)
{
  int rc = sqlite3_extended_errcode (self->db);

  return rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY;
}

#define ACCOUNT_COLUMNS \
  "a.id, a.role, a.username, a.display_name, a.document, a.phone, a.email, a.must_change, " \
  "a.erased, a.created_ts, a.sort_name"

static TurnosAccount *
account_from_row (sqlite3_stmt *st)
{
  TurnosAccount *a = turnos_account_new ();

  a->id = column_dup (st, 0);
  turnos_role_from_string ((const char *) sqlite3_column_text (st, 1), &a->role);
  a->username = column_dup (st, 2);
  a->display_name = column_dup (st, 3);
  a->document = column_dup (st, 4);
  a->phone = column_dup (st, 5);
  a->email = column_dup (st, 6);
  a->must_change = sqlite3_column_int (st, 7) != 0;
  a->erased = sqlite3_column_int (st, 8) != 0;
  a->created_at = g_date_time_new_from_unix_utc (sqlite3_column_int64 (st, 9));
  return a;
}

/* What the directory search looks into, folded: name, document, phone as typed and as
 * digits only ("+54 11 5555-0101" is found by "1155550101"), e-mail. */
static char *
search_text (TurnosAccount *a)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *all = NULL;

  for (const char *p = a->phone; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  all = g_strjoin ("\n", a->display_name ? a->display_name : "", a->document ? a->document : "",
                   a->phone ? a->phone : "", digits->str, a->email ? a->email : "", NULL);
  return turnos_fold_for_search (all);
}

static gboolean
sqlite_create_account (TurnosStore    *store,
                       TurnosAccount  *account,
                       const char     *password_hash,
                       GDateTime      *now,
                       GError        **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autofree char *sort_name = turnos_fold_for_search (account->display_name);
  g_autofree char *search = search_text (account);
  sqlite3_stmt *st = stmt (self,
                           "INSERT INTO accounts (id, role, username, password, display_name, "
                           "document, phone, email, sort_name, search, must_change, created_ts) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, account->id);
  bind_text (st, 2, turnos_role_to_string (account->role));
  bind_text (st, 3, account->username);
  bind_text (st, 4, password_hash);
  bind_text (st, 5, account->display_name ? account->display_name : "");
  bind_text (st, 6, account->document);
  bind_text (st, 7, account->phone);
  bind_text (st, 8, account->email);
  bind_text (st, 9, sort_name);
  bind_text (st, 10, search);
  sqlite3_bind_int (st, 11, account->must_change ? 1 : 0);
  sqlite3_bind_int64 (st, 12, g_date_time_to_unix (now));
  if (sqlite3_step (st) != SQLITE_DONE)
    {
      gboolean taken = is_taken (self);

      sqlite3_reset (st);
      if (taken)
        {
          g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT,
                       "the id or the user name is taken");
          return FALSE;
        }
      return fail (self, error);
    }
  sqlite3_reset (st);
  return TRUE;
}

/* One account from @st (bound, not stepped), or NULL with NOT_FOUND or FAILED. Reads the
 * extra text column @extra into @extra_out when asked. */
static TurnosAccount *
one_account (TurnosSqliteStore  *self,
             sqlite3_stmt       *st,
             const char         *what,
             int                 extra,
             char              **extra_out,
             GError            **error)
{
  TurnosAccount *a = NULL;
  int rc = sqlite3_step (st);

  if (rc == SQLITE_ROW)
    {
      a = account_from_row (st);
      if (extra_out != NULL)
        *extra_out = column_dup (st, extra);
    }
  sqlite3_reset (st);
  if (rc == SQLITE_DONE)
    g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no %s", what);
  else if (rc != SQLITE_ROW)
    fail (self, error);
  return a;
}

static TurnosAccount *
sqlite_get_account (TurnosStore  *store,
                    const char   *id,
                    GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st = stmt (self, "SELECT " ACCOUNT_COLUMNS " FROM accounts a WHERE a.id = ?1", error);

  if (st == NULL)
    return NULL;
  bind_text (st, 1, id);
  return one_account (self, st, "such account", 0, NULL, error);
}

static TurnosAccount *
sqlite_find_login (TurnosStore  *store,
                   const char   *username,
                   char        **password_hash,
                   GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st = stmt (self,
                           "SELECT " ACCOUNT_COLUMNS ", a.password FROM accounts a "
                           "WHERE a.username = ?1 AND a.erased = 0", error);

  if (st == NULL)
    return NULL;
  bind_text (st, 1, username);
  return one_account (self, st, "such user", 11, password_hash, error);
}

static gboolean
sqlite_update_account (TurnosStore    *store,
                       TurnosAccount  *account,
                       GError        **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autofree char *sort_name = turnos_fold_for_search (account->display_name);
  g_autofree char *search = search_text (account);
  sqlite3_stmt *st = stmt (self,
                           "UPDATE accounts SET username = ?2, display_name = ?3, document = ?4, "
                           "phone = ?5, email = ?6, sort_name = ?7, search = ?8 "
                           "WHERE id = ?1 AND erased = 0", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, account->id);
  bind_text (st, 2, account->username);
  bind_text (st, 3, account->display_name ? account->display_name : "");
  bind_text (st, 4, account->document);
  bind_text (st, 5, account->phone);
  bind_text (st, 6, account->email);
  bind_text (st, 7, sort_name);
  bind_text (st, 8, search);
  if (sqlite3_step (st) != SQLITE_DONE)
    {
      gboolean taken = is_taken (self);

      sqlite3_reset (st);
      if (taken)
        {
          g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_CONFLICT,
                       "the user name is taken");
          return FALSE;
        }
      return fail (self, error);
    }
  sqlite3_reset (st);
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no such account");
      return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_set_password (TurnosStore  *store,
                     const char   *id,
                     const char   *password_hash,
                     gboolean      must_change,
                     gboolean      revoke,
                     const char   *keep_token_hash,
                     GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st;

  if (!begin_write (self, error))
    return FALSE;
  if (!(st = stmt (self, "UPDATE accounts SET password = ?2, must_change = ?3 WHERE id = ?1", error)))
    goto out;
  bind_text (st, 1, id);
  bind_text (st, 2, password_hash);
  sqlite3_bind_int (st, 3, must_change ? 1 : 0);
  if (!done (self, st, error))
    goto out;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no such account");
      goto out;
    }
  if (revoke)
    {
      if (!(st = stmt (self, "DELETE FROM tokens WHERE account_id = ?1 AND hash IS NOT ?2", error)))
        goto out;
      bind_text (st, 1, id);
      bind_text (st, 2, keep_token_hash);
      if (!done (self, st, error))
        goto out;
    }
  if (!commit (self, error))
    goto out;
  return TRUE;

out:
  rollback (self);
  return FALSE;
}

/* LIKE's wildcards in what a person typed are plain characters. */
static char *
like_pattern (const char *folded)
{
  g_autoptr(GString) s = g_string_new ("%");

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GPtrArray *
sqlite_search_accounts (TurnosStore  *store,
                        TurnosRole    role,
                        const char   *folded,
                        const char   *professional_id,
                        const char   *after_name,
                        const char   *after_id,
                        guint         limit,
                        GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_account_unref);
  g_autofree char *pattern = like_pattern (folded ? folded : "");
  sqlite3_stmt *st = stmt (self,
                           "SELECT " ACCOUNT_COLUMNS " FROM accounts a "
                           "WHERE a.role = ?1 AND a.erased = 0 AND a.search LIKE ?2 ESCAPE '\\' "
                           "AND (?3 IS NULL OR a.id IN (SELECT client_id FROM reservations "
                           "                            WHERE professional_id = ?3)) "
                           "AND (?4 IS NULL OR a.sort_name > ?4 OR (a.sort_name = ?4 AND a.id > ?5)) "
                           "ORDER BY a.sort_name, a.id LIMIT ?6", error);
  int rc;

  if (st == NULL)
    return NULL;
  bind_text (st, 1, turnos_role_to_string (role));
  bind_text (st, 2, pattern);
  bind_text (st, 3, professional_id);
  bind_text (st, 4, after_name);
  bind_text (st, 5, after_id);
  sqlite3_bind_int64 (st, 6, limit);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    g_ptr_array_add (out, account_from_row (st));
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return fail (self, error), NULL;
  return g_steal_pointer (&out);
}

static gboolean
run (TurnosSqliteStore  *self,
     const char         *sql,
     const char         *id,
     gint64              now,
     GError            **error)
{
  sqlite3_stmt *st = stmt (self, sql, error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, id);
  if (strstr (sql, "?2") != NULL)
    sqlite3_bind_int64 (st, 2, now);
  return done (self, st, error);
}

static gboolean
sqlite_erase_account (TurnosStore  *store,
                      const char   *id,
                      GDateTime    *now,
                      GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  gint64 ts = g_date_time_to_unix (now);

  if (!begin_write (self, error))
    return FALSE;
  if (!run (self,
            "UPDATE accounts SET username = NULL, password = NULL, display_name = '', "
            "document = NULL, phone = NULL, email = NULL, sort_name = '', search = '', "
            "erased = 1 WHERE id = ?1", id, ts, error))
    goto out;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no such account");
      goto out;
    }
  if (!run (self, "DELETE FROM tokens WHERE account_id = ?1", id, ts, error) ||
      !run (self, "DELETE FROM waitlist WHERE client_id = ?1", id, ts, error) ||
      !_turnos_sqlite_append_client_cancels (self, id, ts, error) ||
      !run (self,
            "UPDATE reservations SET status = 'CANCELLED', hold_expires_ts = NULL "
            "WHERE client_id = ?1 AND status != 'CANCELLED' AND start_ts > ?2", id, ts, error) ||
      !commit (self, error))
    goto out;
  return TRUE;

out:
  rollback (self);
  return FALSE;
}

static gboolean
sqlite_put_token (TurnosStore  *store,
                  const char   *token_hash,
                  const char   *account_id,
                  GDateTime    *expires,
                  GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st = stmt (self,
                           "INSERT INTO tokens (hash, account_id, expires_ts) VALUES (?1, ?2, ?3)",
                           error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, token_hash);
  bind_text (st, 2, account_id);
  sqlite3_bind_int64 (st, 3, g_date_time_to_unix (expires));
  return done (self, st, error);
}

static TurnosAccount *
sqlite_get_token (TurnosStore  *store,
                  const char   *token_hash,
                  GDateTime   **expires,
                  GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st = stmt (self,
                           "SELECT " ACCOUNT_COLUMNS ", t.expires_ts FROM tokens t "
                           "JOIN accounts a ON a.id = t.account_id WHERE t.hash = ?1", error);
  TurnosAccount *a;
  int rc;

  if (st == NULL)
    return NULL;
  bind_text (st, 1, token_hash);
  rc = sqlite3_step (st);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (st);
      if (rc == SQLITE_DONE)
        g_set_error (error, TURNOS_STORE_ERROR, TURNOS_STORE_ERROR_NOT_FOUND, "no such token");
      else
        fail (self, error);
      return NULL;
    }
  a = account_from_row (st);
  *expires = g_date_time_new_from_unix_utc (sqlite3_column_int64 (st, 11));
  sqlite3_reset (st);
  return a;
}

static gboolean
sqlite_extend_token (TurnosStore  *store,
                     const char   *token_hash,
                     GDateTime    *expires,
                     GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st = stmt (self, "UPDATE tokens SET expires_ts = MAX(expires_ts, ?2) WHERE hash = ?1",
                           error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, token_hash);
  sqlite3_bind_int64 (st, 2, g_date_time_to_unix (expires));
  return done (self, st, error);
}

static gboolean
sqlite_revoke_token (TurnosStore  *store,
                     const char   *token_hash,
                     GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st = stmt (self, "DELETE FROM tokens WHERE hash = ?1", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, token_hash);
  return done (self, st, error);
}

static gboolean
sqlite_add_failure (TurnosStore  *store,
                    const char   *key,
                    GDateTime    *at,
                    GDateTime    *forget_before,
                    GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st = stmt (self, "DELETE FROM login_failures WHERE ts < ?1", error);

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, g_date_time_to_unix (forget_before));
  if (!done (self, st, error) ||
      !(st = stmt (self, "INSERT INTO login_failures (key, ts) VALUES (?1, ?2)", error)))
    return FALSE;
  bind_text (st, 1, key);
  sqlite3_bind_int64 (st, 2, g_date_time_to_unix (at));
  return done (self, st, error);
}

static guint
sqlite_count_failures (TurnosStore  *store,
                       const char   *key,
                       GDateTime    *since,
                       GDateTime   **oldest,
                       GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st = stmt (self,
                           "SELECT COUNT(*), MIN(ts) FROM login_failures WHERE key = ?1 AND ts >= ?2",
                           error);
  guint n = 0;

  if (oldest != NULL)
    *oldest = NULL;
  if (st == NULL)
    return 0;
  bind_text (st, 1, key);
  sqlite3_bind_int64 (st, 2, g_date_time_to_unix (since));
  if (sqlite3_step (st) != SQLITE_ROW)
    {
      sqlite3_reset (st);
      fail (self, error);
      return 0;
    }
  n = (guint) sqlite3_column_int64 (st, 0);
  if (n > 0 && oldest != NULL)
    *oldest = g_date_time_new_from_unix_utc (sqlite3_column_int64 (st, 1));
  sqlite3_reset (st);
  return n;
}

static gboolean
sqlite_clear_failures (TurnosStore  *store,
                       const char   *key,
                       GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st = stmt (self, "DELETE FROM login_failures WHERE key = ?1", error);

  if (st == NULL)
    return FALSE;
  bind_text (st, 1, key);
  return done (self, st, error);
}

static gboolean
sqlite_add_audit (TurnosStore       *store,
                  TurnosAuditEntry  *entry,
                  GError           **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  sqlite3_stmt *st = stmt (self,
                           "INSERT INTO audit (ts, actor, action, target_kind, target_id, detail) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (st == NULL)
    return FALSE;
  sqlite3_bind_int64 (st, 1, g_date_time_to_unix (entry->at));
  bind_text (st, 2, entry->actor);
  bind_text (st, 3, entry->action);
  bind_text (st, 4, entry->target_kind);
  bind_text (st, 5, entry->target_id);
  bind_text (st, 6, entry->detail);
  if (!done (self, st, error))
    return FALSE;
  entry->seq = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static GPtrArray *
sqlite_list_audit (TurnosStore  *store,
                   GDateTime    *since,
                   const char   *actor,
                   const char   *target,
                   gint64        before_seq,
                   guint         limit,
                   GError      **error)
{
  TurnosSqliteStore *self = TURNOS_SQLITE_STORE (store);
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_audit_entry_free);
  sqlite3_stmt *st = stmt (self,
                           "SELECT seq, ts, actor, action, target_kind, target_id, detail FROM audit "
                           "WHERE seq < ?1 AND ts >= ?2 AND (?3 IS NULL OR actor = ?3) "
                           "AND (?4 IS NULL OR target_id = ?4) ORDER BY seq DESC LIMIT ?5", error);
  int rc;

  if (st == NULL)
    return NULL;
  sqlite3_bind_int64 (st, 1, before_seq > 0 ? before_seq : G_MAXINT64);
  sqlite3_bind_int64 (st, 2, since ? g_date_time_to_unix (since) : G_MININT64);
  bind_text (st, 3, actor);
  bind_text (st, 4, target);
  sqlite3_bind_int64 (st, 5, limit);
  while ((rc = sqlite3_step (st)) == SQLITE_ROW)
    {
      TurnosAuditEntry *e = turnos_audit_entry_new ((const char *) sqlite3_column_text (st, 2),
                                                    (const char *) sqlite3_column_text (st, 3),
                                                    (const char *) sqlite3_column_text (st, 4),
                                                    (const char *) sqlite3_column_text (st, 5),
                                                    (const char *) sqlite3_column_text (st, 6));

      e->seq = sqlite3_column_int64 (st, 0);
      e->at = g_date_time_new_from_unix_utc (sqlite3_column_int64 (st, 1));
      g_ptr_array_add (out, e);
    }
  sqlite3_reset (st);
  if (rc != SQLITE_DONE)
    return fail (self, error), NULL;
  return g_steal_pointer (&out);
}

/*
 * Private API (turnos-sqlite-store-private.h)
 */

gboolean
_turnos_sqlite_accounts_open (TurnosSqliteStore  *self,
                              GError            **error)
{
  sqlite3_stmt *st = stmt (self, "PRAGMA secure_delete = ON", error);

  return st != NULL && done (self, st, error);
}

void
_turnos_sqlite_accounts_iface_init (TurnosStoreInterface *iface)
{
  iface->create_account = sqlite_create_account;
  iface->get_account = sqlite_get_account;
  iface->find_login = sqlite_find_login;
  iface->update_account = sqlite_update_account;
  iface->set_password = sqlite_set_password;
  iface->search_accounts = sqlite_search_accounts;
  iface->erase_account = sqlite_erase_account;
  iface->put_token = sqlite_put_token;
  iface->get_token = sqlite_get_token;
  iface->extend_token = sqlite_extend_token;
  iface->revoke_token = sqlite_revoke_token;
  iface->add_failure = sqlite_add_failure;
  iface->count_failures = sqlite_count_failures;
  iface->clear_failures = sqlite_clear_failures;
  iface->add_audit = sqlite_add_audit;
  iface->list_audit = sqlite_list_audit;
}
