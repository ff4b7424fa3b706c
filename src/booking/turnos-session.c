/* turnos-session.c: who is signed in, their token (kept in the keyring), signing in again
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include <string.h>

#include "turnos-keyring.h"
#include "turnos-session.h"

struct _TurnosSession
{
  GObject             parent_instance;

  /* Owned references */
  TurnosClient       *client;
  GTlsDatabase       *tls_database;
  GError             *error;

  /* State */
  char               *user_id;
  char               *username;
  char               *display_name;
  char               *current_password;   /* the initial one, until the user replaces it */
  TurnosSessionState  state;
  TurnosUserRole      role;
  TurnosTokenStorage  token_storage;
  gboolean            embedded;
  gboolean            busy;
  gboolean            allow_insecure;
  gboolean            told_keyring;       /* "keyring-unavailable" was emitted */
  gboolean            resuming;           /* signing in again from EXPIRED */
};

G_DEFINE_FINAL_TYPE (TurnosSession, turnos_session, G_TYPE_OBJECT)
G_DEFINE_QUARK (turnos-session-error-quark, turnos_session_error)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_EMBEDDED,
  PROP_SERVER_URL,
  PROP_STATE,
  PROP_ROLE,
  PROP_USER_ID,
  PROP_USERNAME,
  PROP_DISPLAY_NAME,
  PROP_BUSY,
  PROP_ERROR,
  PROP_TOKEN_STORAGE,
  PROP_ALLOW_INSECURE_HTTP,
  N_PROPS
};

enum {
  KEYRING_UNAVAILABLE,
  RESUMED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void on_unauthorized_cb (TurnosSession *self, const GError *error);

/*
 * State
 */

static void
wipe (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
set_string (TurnosSession  *self,
            char          **field,
            const char     *value,
            guint           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_state (TurnosSession      *self,
           TurnosSessionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_busy (TurnosSession *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_error (TurnosSession *self,
           const GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_role (TurnosSession  *self,
          TurnosUserRole  role)
{
  if (self->role == role)
    return;
  self->role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

static void
set_token_storage (TurnosSession      *self,
                   TurnosTokenStorage  storage)
{
  if (self->token_storage == storage)
    return;
  self->token_storage = storage;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN_STORAGE]);
}

static TurnosUserRole
role_from_string (const char *role)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (TURNOS_TYPE_USER_ROLE);
  GEnumValue *value = role ? g_enum_get_value_by_nick (klass, role) : NULL;

  return value ? value->value : TURNOS_USER_ROLE_NONE;
}

static void
set_client (TurnosSession *self,
            TurnosClient  *client)
{
  if (self->client == client)
    return;
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_func (self->client, on_unauthorized_cb, self);
  g_set_object (&self->client, client);
  if (client != NULL)
    {
      if (self->tls_database != NULL)
        turnos_client_set_tls_database (client, self->tls_database);
      g_signal_connect_object (client, "unauthorized", G_CALLBACK (on_unauthorized_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
}

/* Nobody signed in: the client keeps no token, nothing is remembered of the user. */
static void
forget_user (TurnosSession *self)
{
  turnos_client_set_token (self->client, NULL);
  wipe (&self->current_password);
  set_string (self, &self->user_id, NULL, PROP_USER_ID);
  set_string (self, &self->display_name, NULL, PROP_DISPLAY_NAME);
  set_role (self, TURNOS_USER_ROLE_NONE);
  set_token_storage (self, TURNOS_TOKEN_STORAGE_NONE);
}

/* "https://host" and "host" as the client wants them: a scheme and a final slash, so that
 * the calls' relative paths land under the base path. */
static char *
normalize_url (const char *url)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (url ? url : ""));
  g_autofree char *with_scheme = NULL;

  if (*trimmed == '\0')
    return NULL;
  with_scheme = strstr (trimmed, "://") ? g_strdup (trimmed) : g_strconcat ("https://", trimmed, NULL);
  if (!g_str_has_suffix (with_scheme, "/"))
    return g_strconcat (with_scheme, "/", NULL);
  return g_steal_pointer (&with_scheme);
}

/*
 * Keeping the token
 */

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TurnosSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (turnos_keyring_store_finish (result, &error))
    {
      set_token_storage (self, TURNOS_TOKEN_STORAGE_KEYRING);
      return;
    }
  g_debug ("token kept in memory only: %s", error->message);
  /* Signed out meanwhile: nothing to tell. */
  if (turnos_client_get_token (self->client) == NULL)
    return;
  set_token_storage (self, TURNOS_TOKEN_STORAGE_MEMORY);
  if (!self->told_keyring)
    {
      self->told_keyring = TRUE;
      g_signal_emit (self, signals[KEYRING_UNAVAILABLE], 0);
    }
}

static void
keep_token (TurnosSession *self)
{
  turnos_keyring_store_async (turnos_client_get_base_url (self->client), self->username,
                              turnos_client_get_token (self->client), NULL, stored_cb,
                              g_object_ref (self));
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!turnos_keyring_clear_finish (result, &error))
    g_debug ("keyring clear: %s", error->message);
}

/*
 * Callbacks
 */

/* The account as the server has it: role, id and name; then the state that follows. */
static void
me_cb (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr(TurnosSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosPerson) me = turnos_client_get_me_finish (TURNOS_CLIENT (object), result, &error);
  gboolean restoring = self->state == TURNOS_SESSION_RESTORING;
  gboolean resumed = self->resuming;

  self->resuming = FALSE;
  if (me == NULL)
    {
      if (restoring && g_error_matches (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_UNAUTHORIZED))
        {
          /* Kept, but no longer taken: forget it, and ask. */
          turnos_keyring_clear_async (turnos_client_get_base_url (self->client), self->username,
                                      NULL, cleared_cb, NULL);
          g_clear_error (&error);
        }
      forget_user (self);
      set_error (self, error);
      set_busy (self, FALSE);
      set_state (self, resumed ? TURNOS_SESSION_EXPIRED : TURNOS_SESSION_SIGNED_OUT);
      return;
    }
  set_string (self, &self->user_id, me->id, PROP_USER_ID);
  set_string (self, &self->display_name, me->display_name, PROP_DISPLAY_NAME);
  set_role (self, role_from_string (me->role));
  set_busy (self, FALSE);
  if (me->must_change_password || turnos_client_get_must_change_password (TURNOS_CLIENT (object)))
    {
      if (restoring)
        {
          /* Never stored in this state: whoever kept it, the user signs in with the password. */
          forget_user (self);
          set_state (self, TURNOS_SESSION_SIGNED_OUT);
          return;
        }
      set_state (self, TURNOS_SESSION_CHANGE_PASSWORD);
      return;
    }
  wipe (&self->current_password);
  if (restoring)
    set_token_storage (self, TURNOS_TOKEN_STORAGE_KEYRING);
  else
    keep_token (self);
  set_state (self, TURNOS_SESSION_SIGNED_IN);
  if (resumed)
    g_signal_emit (self, signals[RESUMED], 0);
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TurnosSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!turnos_client_login_finish (TURNOS_CLIENT (object), result, &error))
    {
      gboolean resumed = self->resuming;

      self->resuming = FALSE;
      wipe (&self->current_password);
      set_error (self, error);
      set_busy (self, FALSE);
      set_state (self, resumed ? TURNOS_SESSION_EXPIRED : TURNOS_SESSION_SIGNED_OUT);
      return;
    }
  turnos_client_get_me_async (self->client, NULL, me_cb, g_object_ref (self));
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TurnosSession) self = user_data;
  g_autofree char *user = NULL;
  g_autofree char *token = NULL;

  turnos_keyring_lookup_finish (result, &user, &token, NULL);
  if (token == NULL || self->state != TURNOS_SESSION_RESTORING)
    {
      if (self->state == TURNOS_SESSION_RESTORING)
        set_state (self, TURNOS_SESSION_SIGNED_OUT);
      set_busy (self, FALSE);
      return;
    }
  set_string (self, &self->username, user, PROP_USERNAME);
  turnos_client_set_token (self->client, token);
  wipe (&token);
  turnos_client_get_me_async (self->client, NULL, me_cb, g_object_ref (self));
}

static void
password_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TurnosSession) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!turnos_client_change_password_finish (TURNOS_CLIENT (object), result, &error))
    {
      set_error (self, error);
      return;
    }
  wipe (&self->current_password);
  keep_token (self);
  set_state (self, TURNOS_SESSION_SIGNED_IN);
}

static void
signed_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TurnosSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!turnos_keyring_clear_finish (result, &error))
    g_debug ("keyring clear: %s", error->message);
  forget_user (self);
  set_busy (self, FALSE);
  set_state (self, TURNOS_SESSION_SIGNED_OUT);
}

static void
logged_out_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TurnosSession) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Whatever the server said, the token is forgotten here. */
  if (!turnos_client_logout_finish (TURNOS_CLIENT (object), result, &error))
    g_debug ("logout: %s", error->message);
  turnos_keyring_clear_async (turnos_client_get_base_url (self->client), self->username, NULL,
                              signed_out_cb, g_object_ref (self));
}

static void
on_unauthorized_cb (TurnosSession *self,
                    const GError  *error)
{
  if (self->embedded || self->state != TURNOS_SESSION_SIGNED_IN)
    return;
  g_debug ("the token stopped working: signing in again");
  turnos_keyring_clear_async (turnos_client_get_base_url (self->client), self->username, NULL,
                              cleared_cb, NULL);
  set_token_storage (self, TURNOS_TOKEN_STORAGE_NONE);
  set_state (self, TURNOS_SESSION_EXPIRED);
}

/*
 * GObject overrides
 */

static void
turnos_session_dispose (GObject *object)
{
  TurnosSession *self = TURNOS_SESSION (object);

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_func (self->client, on_unauthorized_cb, self);
  g_clear_object (&self->client);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (turnos_session_parent_class)->dispose (object);
}

static void
turnos_session_finalize (GObject *object)
{
  TurnosSession *self = TURNOS_SESSION (object);

  g_clear_error (&self->error);
  g_free (self->user_id);
  g_free (self->username);
  g_free (self->display_name);
  wipe (&self->current_password);

  G_OBJECT_CLASS (turnos_session_parent_class)->finalize (object);
}

static void
turnos_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TurnosSession *self = TURNOS_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_EMBEDDED:
      g_value_set_boolean (value, self->embedded);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, turnos_session_get_server_url (self));
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;
    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_TOKEN_STORAGE:
      g_value_set_enum (value, self->token_storage);
      break;
    case PROP_ALLOW_INSECURE_HTTP:
      g_value_set_boolean (value, self->allow_insecure);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TurnosSession *self = TURNOS_SESSION (object);

  switch (prop_id)
    {
    case PROP_EMBEDDED:
      self->embedded = g_value_get_boolean (value);
      break;
    case PROP_ALLOW_INSECURE_HTTP:
      turnos_session_set_allow_insecure_http (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_session_class_init (TurnosSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = turnos_session_dispose;
  object_class->finalize = turnos_session_finalize;
  object_class->get_property = turnos_session_get_property;
  object_class->set_property = turnos_session_set_property;

  properties[PROP_CLIENT] = g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT, ro);
  properties[PROP_EMBEDDED] =
    g_param_spec_boolean ("embedded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVER_URL] = g_param_spec_string ("server-url", NULL, NULL, NULL, ro);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, TURNOS_TYPE_SESSION_STATE, TURNOS_SESSION_SIGNED_OUT, ro);
  properties[PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL, TURNOS_TYPE_USER_ROLE, TURNOS_USER_ROLE_NONE, ro);
  properties[PROP_USER_ID] = g_param_spec_string ("user-id", NULL, NULL, NULL, ro);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, ro);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_TOKEN_STORAGE] =
    g_param_spec_enum ("token-storage", NULL, NULL, TURNOS_TYPE_TOKEN_STORAGE,
                       TURNOS_TOKEN_STORAGE_NONE, ro);
  properties[PROP_ALLOW_INSECURE_HTTP] =
    g_param_spec_boolean ("allow-insecure-http", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[KEYRING_UNAVAILABLE] =
    g_signal_new ("keyring-unavailable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RESUMED] = g_signal_new ("resumed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
turnos_session_init (TurnosSession *self)
{
  self->state = TURNOS_SESSION_SIGNED_OUT;
}

/*
 * Public API
 */

TurnosSession *
turnos_session_new (const char *server_url)
{
  TurnosSession *self = g_object_new (TURNOS_TYPE_SESSION, NULL);
  g_autofree char *url = normalize_url (server_url);
  g_autoptr(TurnosClient) client = turnos_client_new (url ? url : "https://localhost/");

  set_client (self, client);
  return self;
}

TurnosSession *
turnos_session_new_embedded (TurnosClient *client)
{
  TurnosSession *self;

  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);

  self = g_object_new (TURNOS_TYPE_SESSION, "embedded", TRUE, NULL);
  set_client (self, client);
  self->role = TURNOS_USER_ROLE_ADMIN;
  self->state = TURNOS_SESSION_SIGNED_IN;
  return self;
}

TurnosClient *
turnos_session_get_client (TurnosSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SESSION (self), NULL);
  return self->client;
}

gboolean
turnos_session_get_embedded (TurnosSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SESSION (self), FALSE);
  return self->embedded;
}

const char *
turnos_session_get_server_url (TurnosSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SESSION (self), NULL);
  return self->client ? turnos_client_get_base_url (self->client) : NULL;
}

TurnosSessionState
turnos_session_get_state (TurnosSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SESSION (self), TURNOS_SESSION_SIGNED_OUT);
  return self->state;
}

TurnosUserRole
turnos_session_get_role (TurnosSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SESSION (self), TURNOS_USER_ROLE_NONE);
  return self->role;
}

const char *
turnos_session_get_user_id (TurnosSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SESSION (self), NULL);
  return self->user_id;
}

const char *
turnos_session_get_username (TurnosSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SESSION (self), NULL);
  return self->username;
}

const char *
turnos_session_get_display_name (TurnosSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SESSION (self), NULL);
  return self->display_name;
}

gboolean
turnos_session_get_busy (TurnosSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SESSION (self), FALSE);
  return self->busy;
}

const GError *
turnos_session_get_error (TurnosSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SESSION (self), NULL);
  return self->error;
}

TurnosTokenStorage
turnos_session_get_token_storage (TurnosSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SESSION (self), TURNOS_TOKEN_STORAGE_NONE);
  return self->token_storage;
}

gboolean
turnos_session_get_allow_insecure_http (TurnosSession *self)
{
  g_return_val_if_fail (TURNOS_IS_SESSION (self), FALSE);
  return self->allow_insecure;
}

void
turnos_session_set_allow_insecure_http (TurnosSession *self,
                                        gboolean       allow)
{
  g_return_if_fail (TURNOS_IS_SESSION (self));

  allow = !!allow;
  if (self->allow_insecure == allow)
    return;
  self->allow_insecure = allow;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOW_INSECURE_HTTP]);
}

void
turnos_session_set_tls_database (TurnosSession *self,
                                 GTlsDatabase  *database)
{
  g_return_if_fail (TURNOS_IS_SESSION (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  g_set_object (&self->tls_database, database);
  if (self->client != NULL)
    turnos_client_set_tls_database (self->client, database);
}

gboolean
turnos_session_check_address (const char  *server_url,
                              gboolean     allow_insecure,
                              gboolean    *is_private,
                              GError     **error)
{
  g_autofree char *url = normalize_url (server_url);
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *scheme, *host;
  gboolean loopback;

  if (is_private != NULL)
    *is_private = FALSE;
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  host = uri ? g_uri_get_host (uri) : NULL;
  if (scheme == NULL || host == NULL || *host == '\0' ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, TURNOS_SESSION_ERROR, TURNOS_SESSION_ERROR_BAD_ADDRESS,
                   "not an http or https address: %s", server_url ? server_url : "");
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    {
      if (is_private != NULL)
        *is_private = TRUE;
      return TRUE;
    }
  address = g_inet_address_new_from_string (host);
  loopback = g_ascii_strcasecmp (host, "localhost") == 0 ||
             (address != NULL && g_inet_address_get_is_loopback (address));
  if (is_private != NULL)
    *is_private = loopback;
  if (loopback || allow_insecure)
    return TRUE;
  g_set_error (error, TURNOS_SESSION_ERROR, TURNOS_SESSION_ERROR_INSECURE,
               "plain http to %s: passwords are not sent that way", host);
  return FALSE;
}

void
turnos_session_restore (TurnosSession *self)
{
  g_return_if_fail (TURNOS_IS_SESSION (self));

  if (self->embedded || self->busy || self->state != TURNOS_SESSION_SIGNED_OUT)
    return;
  /* A kept token is a password of sorts: it goes only where a password may. */
  if (!turnos_session_check_address (turnos_session_get_server_url (self), self->allow_insecure,
                                     NULL, NULL))
    return;
  set_busy (self, TRUE);
  set_state (self, TURNOS_SESSION_RESTORING);
  turnos_keyring_lookup_async (turnos_session_get_server_url (self), NULL, lookup_cb,
                               g_object_ref (self));
}

void
turnos_session_sign_in (TurnosSession *self,
                        const char    *server_url,
                        const char    *username,
                        const char    *password)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_return_if_fail (TURNOS_IS_SESSION (self));
  g_return_if_fail (username != NULL && password != NULL);

  if (self->embedded || self->busy ||
      (self->state != TURNOS_SESSION_SIGNED_OUT && self->state != TURNOS_SESSION_EXPIRED))
    return;
  self->resuming = self->state == TURNOS_SESSION_EXPIRED;
  if (!self->resuming && server_url != NULL)
    {
      url = normalize_url (server_url);
      if (url == NULL ||
          !turnos_session_check_address (url, self->allow_insecure, NULL, &error))
        {
          if (error == NULL)
            g_set_error_literal (&error, TURNOS_SESSION_ERROR, TURNOS_SESSION_ERROR_BAD_ADDRESS,
                                 "no server address");
          set_error (self, error);
          return;
        }
      if (g_strcmp0 (url, turnos_session_get_server_url (self)) != 0)
        {
          g_autoptr(TurnosClient) client = turnos_client_new (url);

          /* Another server, the same patience. */
          turnos_client_set_timeout (client, turnos_client_get_timeout (self->client));
          set_client (self, client);
        }
    }
  else if (!turnos_session_check_address (turnos_session_get_server_url (self),
                                          self->allow_insecure, NULL, &error))
    {
      set_error (self, error);
      return;
    }

  set_error (self, NULL);
  set_string (self, &self->username, username, PROP_USERNAME);
  wipe (&self->current_password);
  self->current_password = g_strdup (password);
  set_busy (self, TRUE);
  turnos_client_login_async (self->client, username, password, NULL, login_cb, g_object_ref (self));
}

void
turnos_session_change_password (TurnosSession *self,
                                const char    *new_password,
                                const char    *repeated)
{
  g_return_if_fail (TURNOS_IS_SESSION (self));
  g_return_if_fail (new_password != NULL && repeated != NULL);

  if (self->busy || self->state != TURNOS_SESSION_CHANGE_PASSWORD || self->current_password == NULL)
    return;
  if (!g_str_equal (new_password, repeated))
    {
      g_autoptr(GError) error = g_error_new_literal (TURNOS_SESSION_ERROR,
                                                     TURNOS_SESSION_ERROR_PASSWORDS_DIFFER,
                                                     "the two passwords differ");

      set_error (self, error);
      return;
    }
  set_error (self, NULL);
  set_busy (self, TRUE);
  turnos_client_change_password_async (self->client, self->current_password, new_password, NULL,
                                       password_cb, g_object_ref (self));
}

void
turnos_session_sign_out (TurnosSession *self)
{
  g_return_if_fail (TURNOS_IS_SESSION (self));

  if (self->embedded || self->busy || self->state == TURNOS_SESSION_SIGNED_OUT)
    return;
  set_error (self, NULL);
  set_busy (self, TRUE);
  turnos_client_logout_async (self->client, NULL, logged_out_cb, g_object_ref (self));
}
