/* turnos-client.c: the reservations API client
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-client"

#include "config.h"

#include <libsoup/soup.h>

#include "turnos-client-private.h"
#include "turnos-error.h"
#include "turnos-json.h"
#include "turnos-time.h"

struct _TurnosClient
{
  GObject      parent_instance;

  char        *base_url;
  GUri        *base_uri;
  SoupSession *session;
  guint        timeout;
  GStrv        payment_origin_strv;   /* as set, valid entries only */
  GPtrArray   *payment_origins;       /* of GUri, parsed from it */
  char        *token;       /* bearer token, or NULL (turnos-client-auth part below) */
  char        *user_id;
  char        *user_role;
  gboolean     must_change_password;
};

G_DEFINE_FINAL_TYPE (TurnosClient, turnos_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TIMEOUT,
  PROP_PAYMENT_ORIGINS,
  PROP_TOKEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UNAUTHORIZED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/*
 * Errors: an extended domain that carries the server's error code
 */

typedef struct
{
  char      *api_code;
  GPtrArray *reservations;   /* named by the error body, or NULL */
  GPtrArray *conflicts;      /* a series' TurnosSeriesConflict list, or NULL */
  guint      retry_after;    /* seconds, from a 429's Retry-After; 0 when none */
  char      *field;          /* a refused request's {"error": {"field"}}, or NULL */
} TurnosClientErrorPrivate;

static void
turnos_client_error_private_init (TurnosClientErrorPrivate *priv)
{
  priv->api_code = NULL;
  priv->reservations = NULL;
  priv->conflicts = NULL;
  priv->retry_after = 0;
  priv->field = NULL;
}

static void
turnos_client_error_private_copy (const TurnosClientErrorPrivate *src,
                                  TurnosClientErrorPrivate       *dest)
{
  dest->api_code = g_strdup (src->api_code);
  dest->reservations = src->reservations ? g_ptr_array_ref (src->reservations) : NULL;
  dest->conflicts = src->conflicts ? g_ptr_array_ref (src->conflicts) : NULL;
  dest->retry_after = src->retry_after;
  dest->field = g_strdup (src->field);
}

static void
turnos_client_error_private_clear (TurnosClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->api_code, g_free);
  g_clear_pointer (&priv->reservations, g_ptr_array_unref);
  g_clear_pointer (&priv->conflicts, g_ptr_array_unref);
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (TurnosClientError, turnos_client_error)

const char *
turnos_client_error_get_api_code (const GError *error)
{
  TurnosClientErrorPrivate *priv;

  if (error == NULL || error->domain != TURNOS_CLIENT_ERROR)
    return NULL;
  priv = turnos_client_error_get_private (error);
  return priv ? priv->api_code : NULL;
}

const char *
turnos_client_error_get_field (const GError *error)
{
  TurnosClientErrorPrivate *priv;

  if (error == NULL || error->domain != TURNOS_CLIENT_ERROR)
    return NULL;
  priv = turnos_client_error_get_private (error);
  return priv ? priv->field : NULL;
}

guint
turnos_client_error_get_retry_after (const GError *error)
{
  TurnosClientErrorPrivate *priv;

  if (error == NULL || error->domain != TURNOS_CLIENT_ERROR)
    return 0;
  priv = turnos_client_error_get_private (error);
  return priv ? priv->retry_after : 0;
}

GPtrArray *
turnos_client_error_get_conflicts (const GError *error)
{
  TurnosClientErrorPrivate *priv;

  if (error == NULL || error->domain != TURNOS_CLIENT_ERROR)
    return NULL;
  priv = turnos_client_error_get_private (error);
  return priv ? priv->conflicts : NULL;
}

GPtrArray *
turnos_client_error_get_reservations (const GError *error)
{
  TurnosClientErrorPrivate *priv;

  if (error == NULL || error->domain != TURNOS_CLIENT_ERROR)
    return NULL;
  priv = turnos_client_error_get_private (error);
  return priv ? priv->reservations : NULL;
}

/* The reservations an error body names: {"error": {"reservations": [...]}} or its single
 * {"reservation"}; NULL when it names none. */
static GPtrArray *
error_reservations (JsonNode *body)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_reservation_unref);
  JsonObject *inner = NULL;
  JsonNode *list;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body) ||
      !json_object_has_member (json_node_get_object (body), "error") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (body), "error")))
    return NULL;
  inner = json_object_get_object_member (json_node_get_object (body), "error");
  if ((list = json_object_get_member (inner, "reservations")) != NULL && JSON_NODE_HOLDS_ARRAY (list))
    {
      JsonArray *array = json_node_get_array (list);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          TurnosReservation *r = turnos_reservation_from_json (json_array_get_element (array, i), NULL, NULL);

          if (r != NULL)
            g_ptr_array_add (out, r);
        }
    }
  else if ((list = json_object_get_member (inner, "reservation")) != NULL)
    {
      TurnosReservation *r = turnos_reservation_from_json (list, NULL, NULL);

      if (r != NULL)
        g_ptr_array_add (out, r);
    }
  return out->len > 0 ? g_steal_pointer (&out) : NULL;
}

static GError *
client_error (TurnosClientError  code,
              const char        *api_code,
              const char        *message)
{
  GError *error = g_error_new_literal (TURNOS_CLIENT_ERROR, code, message);

  turnos_client_error_get_private (error)->api_code = g_strdup (api_code);
  return error;
}

/* 401, 403 and 429: who may do what. */
static GError *
auth_error (guint       status,
            const char *code)
{
  if (status == 429)
    return client_error (TURNOS_CLIENT_ERROR_TOO_MANY_ATTEMPTS, code,
                         "Too many failed attempts. Please wait and try again.");
  if (status == 403)
    return client_error (TURNOS_CLIENT_ERROR_FORBIDDEN, code,
                         "Your account may not do that.");
  if (g_strcmp0 (code, TURNOS_CODE_BAD_CREDENTIALS) == 0)
    return client_error (TURNOS_CLIENT_ERROR_UNAUTHORIZED, code,
                         "Wrong user name or password.");
  return client_error (TURNOS_CLIENT_ERROR_UNAUTHORIZED, code,
                       "Your session has ended. Please sign in again.");
}

/* The member a refused request names ({"error": {"field": "working_hours[2]"}}), or NULL. */
static char *
error_field (JsonNode *body)
{
  JsonNode *inner;
  const char *field = NULL;

  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return NULL;
  inner = json_object_get_member (json_node_get_object (body), "error");
  if (inner == NULL || !JSON_NODE_HOLDS_OBJECT (inner) ||
      !turnos_json_get_string (json_node_get_object (inner), "field", TRUE, &field, NULL))
    return NULL;
  return g_strdup (field);
}

/* The error for a non-2xx answer: a code for the GUI to word, English text for the log. */
static GError *
status_error (guint               status,
              JsonNode           *body,
              SoupMessageHeaders *headers)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  turnos_json_error_parse (body, &code, &message);
  if (message != NULL)
    g_debug ("server answered %u %s: %s", status, code, message);

  if (status == 409 && g_strcmp0 (code, TURNOS_CODE_BLOCK_OVERLAPS) == 0)
    {
      GError *error = client_error (TURNOS_CLIENT_ERROR_CONFLICT, code,
                                    "That change is no longer possible.");

      turnos_client_error_get_private (error)->reservations = error_reservations (body);
      return error;
    }
  if (status == 409 && g_strcmp0 (code, TURNOS_CODE_PATIENT_BUSY) == 0)
    {
      /* The patient's own other session: theirs to see. */
      GError *error = client_error (TURNOS_CLIENT_ERROR_CONFLICT, code,
                                    "The patient has another session at that time.");

      turnos_client_error_get_private (error)->reservations = error_reservations (body);
      return error;
    }
  if (status == 409 && g_strcmp0 (code, TURNOS_CODE_SERIES_CONFLICTS) == 0 &&
      JSON_NODE_HOLDS_OBJECT (body) &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (body), "error")))
    {
      GError *error = client_error (TURNOS_CLIENT_ERROR_CONFLICT, code,
                                    "Some sessions of the series cannot be booked.");
      JsonObject *inner = json_object_get_object_member (json_node_get_object (body), "error");

      turnos_client_error_get_private (error)->conflicts =
        turnos_series_conflicts_from_object (inner);
      return error;
    }
  switch (status)
    {
    case 429:
      {
        GError *error = auth_error (status, code);
        const char *after = headers ? soup_message_headers_get_one (headers, "Retry-After") : NULL;
        guint64 seconds = 0;

        /* Delta-seconds only (RFC 9110 also allows a date: the server never sends one). */
        if (after != NULL && g_ascii_string_to_unsigned (after, 10, 0, G_MAXUINT, &seconds, NULL))
          turnos_client_error_get_private (error)->retry_after = (guint) seconds;
        return error;
      }
    case 401:
    case 403:
      return auth_error (status, code);
    case 503:
      if (g_strcmp0 (code, TURNOS_CODE_NO_PAYMENT_PROVIDER) == 0)
        return client_error (TURNOS_CLIENT_ERROR_SERVER, code,
                             "This clinic takes no deposits online. Please contact the clinic to book.");
      return client_error (TURNOS_CLIENT_ERROR_SERVER, code,
                           "The server had a problem. Please try again.");
    case 409:
      /* A 409 is not always a taken time: cancelling twice or too late, or a block over a
       * booking, must not tell the person that someone else took it. */
      if (code == NULL || g_str_equal (code, TURNOS_CODE_SLOT_TAKEN))
        return client_error (TURNOS_CLIENT_ERROR_CONFLICT, code,
                             "Someone else just took that time.");
      if (g_str_equal (code, TURNOS_CODE_ALREADY_CANCELLED))
        return client_error (TURNOS_CLIENT_ERROR_CONFLICT, code,
                             "This session was already cancelled.");
      {
        /* too_late_to_cancel of a series names the session within the notice. */
        GError *error = client_error (TURNOS_CLIENT_ERROR_CONFLICT, code,
                                      "That change is no longer possible.");

        turnos_client_error_get_private (error)->reservations = error_reservations (body);
        return error;
      }
    case 400:
    case 413:
    case 422:
      return client_error (TURNOS_CLIENT_ERROR_INVALID, code,
                           "The server could not accept this request.");
    case 404:
      return client_error (TURNOS_CLIENT_ERROR_NOT_FOUND, code,
                           "That was not found on the server.");
    default:
      return client_error (TURNOS_CLIENT_ERROR_SERVER, code,
                           "The server had a problem. Please try again.");
    }
}

/* status_error(), with the member at fault when the answer names one. */
static GError *
error_for_status (guint               status,
                  JsonNode           *body,
                  SoupMessageHeaders *headers)
{
  GError *error = status_error (status, body, headers);

  turnos_client_error_get_private (error)->field = error_field (body);
  return error;
}

static GError *
error_for_transport (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return client_error (TURNOS_CLIENT_ERROR_TIMED_OUT, NULL,
                         "The server is taking too long to answer.");
  if (error->domain == G_TLS_ERROR)
    {
      g_debug ("TLS: %s", error->message);
      return client_error (TURNOS_CLIENT_ERROR_UNTRUSTED_CERTIFICATE, NULL,
                           "The server's certificate is not trusted.");
    }
  g_debug ("transport: %s", error->message);
  return client_error (TURNOS_CLIENT_ERROR_CANNOT_CONNECT, NULL,
                       "Cannot reach the reservations server.");
}

static GError *
malformed (const char *what)
{
  g_debug ("unreadable answer: %s", what);
  return client_error (TURNOS_CLIENT_ERROR_MALFORMED, NULL,
                       "The server sent an answer Turnos cannot read.");
}

/*
 * Requests
 *
 * Every call is a Call: the request, our own GCancellable, the answer's body read in chunks,
 * and a deadline. The answer is trusted for nothing:
 * - its body is read as a stream (libsoup hands it over decoded) and cut off past
 *   TURNOS_CLIENT_MAX_ANSWER_BYTES, so an endless or inflating answer is refused at that size
 *   instead of filling memory;
 * - the whole call, head and body, must be over within self->timeout seconds: libsoup's own
 *   timeout is per read, and a byte every few seconds would keep a call alive for ever. The
 *   deadline cancels our cancellable and the call fails with TURNOS_CLIENT_ERROR_TIMED_OUT;
 *   the caller's cancellable cancels ours too and stays G_IO_ERROR_CANCELLED.
 * - its JSON goes through turnos_json_parse(), which refuses deep nesting before json-glib.
 *
 * A long-lived call (the live events WebSocket, DESIGN.md) is not one of these: TurnosEvents
 * (turnos-events.c) connects with soup_session_websocket_connect_async() on a session of its
 * own whose "timeout" is 0 (pings come every 30 s), and never arm_deadline(); a ping timeout
 * of its own keeps it honest. Everything else goes through send_request(), which always arms
 * one.
 */

#define READ_CHUNK_BYTES (64 * 1024)

/* Turns a JSON answer into the caller's type, or fails. */
typedef gpointer (*ParseFunc) (TurnosClient *self, JsonNode *node, GError **error);

typedef struct
{
  ParseFunc      parse;
  GDestroyNotify free_result;
  guint          expect_empty : 1;
  guint          timed_out : 1;
  guint          sent_token : 1;

  SoupMessage   *msg;
  GInputStream  *stream;               /* the answer's body, decoded; NULL until the head */
  GByteArray    *body;
  guint8        *chunk;                /* READ_CHUNK_BYTES */
  GCancellable  *cancellable;          /* ours: what libsoup is given */
  GCancellable  *caller_cancellable;
  gulong         caller_handler;
  GSource       *deadline;
} Call;

/* Ends everything the call still has going: the deadline, the link to the caller's
 * cancellable and, when the body was not read to its end, the connection (closing a libsoup
 * body stream otherwise reads the rest of it first: cancelling ours makes it give up and drop
 * the connection at once). Idempotent. */
static void
call_stop (Call *call)
{
  if (call->deadline != NULL)
    {
      g_source_destroy (call->deadline);
      g_clear_pointer (&call->deadline, g_source_unref);
    }
  if (call->caller_handler != 0)
    {
      g_cancellable_disconnect (call->caller_cancellable, call->caller_handler);
      call->caller_handler = 0;
    }
  if (call->stream != NULL)
    {
      if (!g_input_stream_is_closed (call->stream))
        {
          g_cancellable_cancel (call->cancellable);
          g_input_stream_close (call->stream, call->cancellable, NULL);
        }
      g_clear_object (&call->stream);
    }
}

static void
call_free (Call *call)
{
  call_stop (call);
  g_clear_object (&call->msg);
  g_clear_pointer (&call->body, g_byte_array_unref);
  g_free (call->chunk);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->caller_cancellable);
  g_free (call);
}

static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  /* May run in the caller's thread: only cancel, which is thread-safe. */
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
deadline_cb (gpointer user_data)
{
  Call *call = user_data;

  call->timed_out = TRUE;
  g_clear_pointer (&call->deadline, g_source_unref);
  g_cancellable_cancel (call->cancellable);
  return G_SOURCE_REMOVE;
}

/* The call must be over within @seconds (0: no deadline) of now. */
static void
arm_deadline (Call  *call,
              guint  seconds)
{
  g_assert (call->deadline == NULL);

  if (seconds == 0)
    return;
  call->deadline = g_timeout_source_new ((guint) MIN (seconds * (guint64) 1000, G_MAXUINT));
  g_source_set_callback (call->deadline, deadline_cb, call, NULL);
  g_source_set_static_name (call->deadline, "[turnos-client] deadline");
  g_source_attach (call->deadline, g_main_context_get_thread_default ());
}

/* What a transport failure of @call means: the deadline is TIMED_OUT, whatever libsoup says
 * about the cancellation it caused. */
static GError *
error_for_call (Call         *call,
                const GError *error)
{
  if (call->timed_out && !g_cancellable_is_cancelled (call->caller_cancellable))
    {
      g_debug ("no complete answer within the deadline");
      return client_error (TURNOS_CLIENT_ERROR_TIMED_OUT, NULL,
                           "The server is taking too long to answer.");
    }
  return error_for_transport (error);
}

static void
call_fail (GTask  *task,
           GError *error)
{
  call_stop (g_task_get_task_data (task));
  g_task_return_error (task, error);
}

/* The whole body is in: judge the status, then the JSON. */
static void
call_complete (GTask *task)
{
  Call *call = g_task_get_task_data (task);
  TurnosClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = soup_message_get_status (call->msg);
  gpointer parsed;

  call_stop (call);
  if (call->body->len > 0)
    node = turnos_json_parse ((const char *) call->body->data, call->body->len, &error);

  if (status < 200 || status >= 300)
    {
      g_autoptr(GError) failure = error_for_status (status, node,
                                                     soup_message_get_response_headers (call->msg));

      /* A token that no longer works, on any call: whoever keeps the session hears it. */
      if (status == 401 && call->sent_token &&
          g_strcmp0 (turnos_client_error_get_api_code (failure), TURNOS_CODE_BAD_CREDENTIALS) != 0)
        g_signal_emit (self, signals[UNAUTHORIZED], 0, failure);
      g_task_return_error (task, g_steal_pointer (&failure));
      return;
    }
  if (call->expect_empty)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (node == NULL)
    {
      g_task_return_error (task, malformed (error ? error->message : "empty answer"));
      return;
    }
  if (!(parsed = call->parse (self, node, &error)))
    {
      if (error != NULL && error->domain == TURNOS_CLIENT_ERROR)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, malformed (error ? error->message : "unexpected shape"));
      return;
    }
  g_task_return_pointer (task, parsed, call->free_result);
}

static void
closed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_input_stream_close_finish (G_INPUT_STREAM (object), result, &error) &&
      g_cancellable_is_cancelled (call->cancellable))
    {
      call_fail (task, error_for_call (call, error));
      return;
    }
  if (error != NULL)
    g_debug ("closing the answer: %s", error->message);
  call_complete (task);
}

static void read_more (GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  guint status;

  if (n < 0)
    {
      call_fail (task, error_for_call (call, error));
      return;
    }
  if (n == 0)
    {
      /* The body is complete; closing lets libsoup keep the connection for the next call,
       * still under the deadline. */
      g_input_stream_close_async (call->stream, G_PRIORITY_DEFAULT, call->cancellable, closed_cb,
                                  g_steal_pointer (&task));
      return;
    }
  if (call->body->len + (gsize) n > TURNOS_CLIENT_MAX_ANSWER_BYTES)
    {
      status = soup_message_get_status (call->msg);
      call_stop (call);
      if (status < 200 || status >= 300)
        g_task_return_error (task, error_for_status (status, NULL, NULL));
      else
        {
          g_autofree char *what = g_strdup_printf ("answer larger than %u bytes once decoded",
                                                   (guint) TURNOS_CLIENT_MAX_ANSWER_BYTES);

          g_task_return_error (task, malformed (what));
        }
      return;
    }
  g_byte_array_append (call->body, call->chunk, (guint) n);
  read_more (g_steal_pointer (&task));
}

static void
read_more (GTask *task)
{
  Call *call = g_task_get_task_data (task);

  g_input_stream_read_async (call->stream, call->chunk, READ_CHUNK_BYTES, G_PRIORITY_DEFAULT,
                             call->cancellable, read_cb, task);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  call->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (call->stream == NULL)
    {
      call_fail (task, error_for_call (call, error));
      return;
    }
  call->body = g_byte_array_new ();
  call->chunk = g_malloc (READ_CHUNK_BYTES);
  read_more (g_steal_pointer (&task));
}

/* @path_and_query is relative to the base URL, already escaped. */
static void
send_request (TurnosClient        *self,
              const char          *method,
              const char          *path_and_query,
              JsonNode            *body,
              const char          *idempotency_key,
              ParseFunc            parse,
              GDestroyNotify       free_result,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  Call *call = g_new0 (Call, 1);

  g_task_set_source_tag (task, source_tag);
  call->parse = parse;
  call->free_result = free_result;
  call->expect_empty = parse == NULL;
  call->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);

  if (!(uri = g_uri_parse_relative (self->base_uri, path_and_query, SOUP_HTTP_URI_FLAGS, &error)))
    {
      g_task_return_error (task, client_error (TURNOS_CLIENT_ERROR_BAD_ADDRESS, NULL,
                                               "The server address is not valid."));
      return;
    }
  call->msg = soup_message_new_from_uri (method, uri);
  /* The API never redirects; following one would send the request, body and key included,
   * wherever the answer points. A 3xx is an unexpected status like any other. */
  soup_message_add_flags (call->msg, SOUP_MESSAGE_NO_REDIRECT);
  if (body != NULL)
    {
      gsize len;
      g_autofree char *json = turnos_json_to_string (body, &len);
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&json), len);

      soup_message_set_request_body_from_bytes (call->msg, "application/json", bytes);
    }
  if (idempotency_key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (call->msg), "Idempotency-Key",
                                  idempotency_key);
  soup_message_headers_replace (soup_message_get_request_headers (call->msg), "Accept",
                                "application/json");

  /* Already cancelled: the handler runs now, and libsoup fails at once. */
  if (cancellable != NULL)
    {
      call->caller_cancellable = g_object_ref (cancellable);
      call->caller_handler = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                    g_object_ref (call->cancellable),
                                                    g_object_unref);
    }
  call->sent_token = self->token != NULL;
  arm_deadline (call, self->timeout);
  soup_session_send_async (self->session, call->msg, G_PRIORITY_DEFAULT, call->cancellable,
                           send_cb, g_steal_pointer (&task));
}

static gpointer
finish_pointer (TurnosClient  *self,
                GAsyncResult  *result,
                gpointer       source_tag,
                GError       **error)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
escape (const char *s)
{
  return g_uri_escape_string (s ? s : "", NULL, FALSE);
}

/* For the calls in the client's other files (turnos-client-private.h). */
void
_turnos_client_send (TurnosClient          *self,
                     const char            *method,
                     const char            *path_and_query,
                     JsonNode              *body,
                     TurnosClientParseFunc  parse,
                     GDestroyNotify         free_result,
                     GCancellable          *cancellable,
                     GAsyncReadyCallback    callback,
                     gpointer               user_data,
                     gpointer               source_tag)
{
  send_request (self, method, path_and_query, body, NULL, (ParseFunc) parse, free_result,
                cancellable, callback, user_data, source_tag);
}

gpointer
_turnos_client_finish_pointer (TurnosClient  *self,
                               GAsyncResult  *result,
                               gpointer       source_tag,
                               GError       **error)
{
  return finish_pointer (self, result, source_tag, error);
}

char *
_turnos_client_escape (const char *s)
{
  return escape (s);
}

/*
 * Parsers
 */

static gpointer
parse_availability (TurnosClient  *self,
                    JsonNode      *node,
                    GError       **error)
{
  return turnos_availability_from_json (node, error);
}

static gpointer
parse_month (TurnosClient  *self,
             JsonNode      *node,
             GError       **error)
{
  return turnos_month_overview_from_json (node, error);
}

static gpointer
parse_settings (TurnosClient  *self,
                JsonNode      *node,
                GError       **error)
{
  return turnos_settings_from_json (node, error);
}

static gpointer
parse_reservation (TurnosClient  *self,
                   JsonNode      *node,
                   GError       **error)
{
  return turnos_reservation_stored_from_json (node, NULL, error);
}

static gpointer
parse_block (TurnosClient  *self,
             JsonNode      *node,
             GError       **error)
{
  return turnos_block_stored_from_json (node, NULL, error);
}

static int
port_or_default (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static gboolean
is_http_scheme (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);

  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

/* RFC 6454: scheme, host and port. */
static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_uri_get_host (a) != NULL && g_uri_get_host (b) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         port_or_default (a) == port_or_default (b);
}

/* An http(s) URL with a host and no user part, or NULL. Only printable ASCII without
 * backslashes is read at all: where a browser and GUri could split a URL differently
 * ("http://evil\\@own/" …), no URL gets through. */
static GUri *
parse_web_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  for (const guchar *p = (const guchar *) url; *p != '\0'; p++)
    if (*p <= ' ' || *p >= 0x7f || *p == '\\')
      return NULL;
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || !is_http_scheme (uri) || g_uri_get_host (uri) == NULL ||
      *g_uri_get_host (uri) == '\0' || g_uri_get_userinfo (uri) != NULL)
    return NULL;
  return g_steal_pointer (&uri);
}

static gboolean
check_checkout_url (TurnosClient  *self,
                    const char    *url,
                    GError       **error)
{
  g_autoptr(GUri) uri = parse_web_url (url);

  if (uri != NULL && same_origin (uri, self->base_uri))
    return TRUE;
  for (guint i = 0; uri != NULL && i < self->payment_origins->len; i++)
    if (same_origin (uri, self->payment_origins->pdata[i]))
      return TRUE;
  /* A stranger can cause this: log text, not a warning. */
  g_message ("refused a checkout URL outside the server's and the payment origins: %.200s", url);
  g_set_error (error, TURNOS_CLIENT_ERROR, TURNOS_CLIENT_ERROR_UNTRUSTED_URL,
               "checkout URL is not http(s) on the server's origin or a payment origin: %.200s",
               url);
  return FALSE;
}

static gpointer
parse_payment (TurnosClient  *self,
               JsonNode      *node,
               GError       **error)
{
  g_autoptr(TurnosPayment) payment = turnos_payment_from_json (node, NULL, error);

  if (payment == NULL ||
      (payment->checkout_url != NULL && !check_checkout_url (self, payment->checkout_url, error)))
    return NULL;
  return g_steal_pointer (&payment);
}

void
turnos_day_agenda_free (TurnosDayAgenda *agenda)
{
  if (agenda == NULL)
    return;
  g_clear_pointer (&agenda->availability, turnos_availability_unref);
  g_clear_pointer (&agenda->reservations, g_ptr_array_unref);
  g_clear_pointer (&agenda->waitlist, g_ptr_array_unref);
  g_free (agenda);
}

static gpointer parse_reservations (TurnosClient *self, JsonNode *node, GError **error);

static gpointer
parse_day (TurnosClient  *self,
           JsonNode      *node,
           GError       **error)
{
  g_autoptr(TurnosDayAgenda) agenda = g_new0 (TurnosDayAgenda, 1);

  if (!(agenda->availability = turnos_availability_from_json (node, error)) ||
      !(agenda->reservations = parse_reservations (self, node, error)))
    return NULL;
  /* Who waits for the day: an older server says nothing of it. */
  if (json_object_has_member (json_node_get_object (node), "waitlist"))
    {
      if (!(agenda->waitlist = _turnos_client_parse_waitlist (self, node, error)))
        return NULL;
    }
  else
    agenda->waitlist =
      g_ptr_array_new_with_free_func ((GDestroyNotify) turnos_waitlist_entry_unref);
  return g_steal_pointer (&agenda);
}

static gpointer
parse_health (TurnosClient  *self,
              JsonNode      *node,
              GError       **error)
{
  const char *status = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      !turnos_json_get_string (json_node_get_object (node), "status", FALSE, &status, error))
    return NULL;
  return g_strdup (status);
}

/* {"<member>": [items]} into a GPtrArray with @parse per item. */
static GPtrArray *
parse_list (TurnosClient    *self,
            JsonNode        *node,
            const char      *member,
            ParseFunc        parse,
            GDestroyNotify   free_item,
            GError         **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (free_item);
  JsonArray *array = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      !turnos_json_get_array (json_node_get_object (node), member, FALSE, &array, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "no “%s” list", member);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gpointer item = parse (self, json_array_get_element (array, i), error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (out, item);
    }
  return g_steal_pointer (&out);
}

static gpointer
parse_professionals (TurnosClient  *self,
                     JsonNode      *node,
                     GError       **error)
{
  return parse_list (self, node, "professionals", parse_settings,
                     (GDestroyNotify) turnos_settings_unref, error);
}

static gpointer
parse_reservations (TurnosClient  *self,
                    JsonNode      *node,
                    GError       **error)
{
  return parse_list (self, node, "reservations", parse_reservation,
                     (GDestroyNotify) turnos_reservation_unref, error);
}

void
turnos_reservation_page_free (TurnosReservationPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->reservations, g_ptr_array_unref);
  g_free (page->next_cursor);
  g_free (page);
}

static gpointer
parse_reservation_page (TurnosClient  *self,
                        JsonNode      *node,
                        GError       **error)
{
  g_autoptr(TurnosReservationPage) page = g_new0 (TurnosReservationPage, 1);
  const char *cursor = NULL;

  if (!(page->reservations = parse_reservations (self, node, error)))
    return NULL;
  page->paged = json_object_has_member (json_node_get_object (node), "next_cursor");
  if (page->paged &&
      !turnos_json_get_string (json_node_get_object (node), "next_cursor", TRUE, &cursor, error))
    return NULL;
  page->next_cursor = cursor != NULL && *cursor != '\0' ? g_strdup (cursor) : NULL;
  return g_steal_pointer (&page);
}

static gpointer
parse_blocks (TurnosClient  *self,
              JsonNode      *node,
              GError       **error)
{
  return parse_list (self, node, "blocks", parse_block, (GDestroyNotify) turnos_block_unref,
                     error);
}

/*
 * Signing in: the token rides on every request the session queues
 */

static void
on_request_queued_cb (SoupSession  *session,
                      SoupMessage  *msg,
                      TurnosClient *self)
{
  if (self->token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
}

typedef struct
{
  char *token;
  char *user_id;
  char *role;
  gboolean must_change;
} Login;

static void
login_free (Login *login)
{
  g_free (login->token);
  g_free (login->user_id);
  g_free (login->role);
  g_free (login);
}

static gpointer
parse_login (TurnosClient *self,
             JsonNode     *node,
             GError      **error)
{
  Login *login;
  JsonObject *object, *user;
  const char *token = NULL, *id = NULL, *role = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (!turnos_json_get_string (object, "token", FALSE, &token, error))
    return NULL;
  if (!json_object_has_member (object, "user") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "user")))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "no user");
      return NULL;
    }
  user = json_object_get_object_member (object, "user");
  if (!turnos_json_get_string (user, "id", FALSE, &id, error) ||
      !turnos_json_get_string (user, "role", FALSE, &role, error))
    return NULL;
  login = g_new0 (Login, 1);
  login->token = g_strdup (token);
  login->user_id = g_strdup (id);
  login->role = g_strdup (role);
  if (!turnos_json_get_bool (object, "must_change_password", TRUE, &login->must_change, error))
    {
      login_free (login);
      return NULL;
    }
  return login;
}

/*
 * GObject overrides
 */

static void
turnos_client_constructed (GObject *object)
{
  TurnosClient *self = TURNOS_CLIENT (object);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (turnos_client_parent_class)->constructed (object);

  self->base_uri = g_uri_parse (self->base_url ? self->base_url : "", SOUP_HTTP_URI_FLAGS, &error);
  if (self->base_uri == NULL)
    {
      g_warning ("invalid base URL “%s”: %s", self->base_url, error->message);
      self->base_uri = g_uri_parse ("http://127.0.0.1:1/", SOUP_HTTP_URI_FLAGS, NULL);
    }
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "user-agent", "Turnos/" PACKAGE_VERSION " ",
                                                 "max-conns-per-host", 4,
                                                 NULL);
  g_signal_connect_object (self->session, "request-queued",
                           G_CALLBACK (on_request_queued_cb), self, 0);
}

static void
turnos_client_finalize (GObject *object)
{
  TurnosClient *self = TURNOS_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_uri, g_uri_unref);
  g_free (self->base_url);
  g_strfreev (self->payment_origin_strv);
  g_clear_pointer (&self->payment_origins, g_ptr_array_unref);
  g_free (self->token);
  g_free (self->user_id);
  g_free (self->user_role);

  G_OBJECT_CLASS (turnos_client_parent_class)->finalize (object);
}

static void
turnos_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  TurnosClient *self = TURNOS_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_PAYMENT_ORIGINS:
      g_value_set_boxed (value, self->payment_origin_strv);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  TurnosClient *self = TURNOS_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      self->base_url = g_value_dup_string (value);
      break;
    case PROP_TIMEOUT:
      turnos_client_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_PAYMENT_ORIGINS:
      turnos_client_set_payment_origins (self, g_value_get_boxed (value));
      break;
    case PROP_TOKEN:
      turnos_client_set_token (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_client_class_init (TurnosClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = turnos_client_constructed;
  object_class->finalize = turnos_client_finalize;
  object_class->get_property = turnos_client_get_property;
  object_class->set_property = turnos_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, 600, 10,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAYMENT_ORIGINS] =
    g_param_spec_boxed ("payment-origins", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[UNAUTHORIZED] = g_signal_new ("unauthorized", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
turnos_client_init (TurnosClient *self)
{
  self->timeout = 10;
  self->payment_origin_strv = g_new0 (char *, 1);
  self->payment_origins = g_ptr_array_new_with_free_func ((GDestroyNotify) g_uri_unref);
}

/*
 * Public API
 */

TurnosClient *
turnos_client_new (const char *base_url)
{
  return g_object_new (TURNOS_TYPE_CLIENT, "base-url", base_url, NULL);
}

const char *
turnos_client_get_base_url (TurnosClient *self)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (self), NULL);
  return self->base_url;
}

guint
turnos_client_get_timeout (TurnosClient *self)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (self), 0);
  return self->timeout;
}

void
turnos_client_set_timeout (TurnosClient *self,
                           guint         seconds)
{
  g_return_if_fail (TURNOS_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;
  self->timeout = seconds;
  if (self->session != NULL)
    soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

const char * const *
turnos_client_get_payment_origins (TurnosClient *self)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (self), NULL);
  return (const char * const *) self->payment_origin_strv;
}

void
turnos_client_set_payment_origins (TurnosClient       *self,
                                   const char * const *origins)
{
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func ((GDestroyNotify) g_uri_unref);
  g_auto(GStrv) strv = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));

  for (guint i = 0; origins != NULL && origins[i] != NULL; i++)
    {
      GUri *uri = parse_web_url (origins[i]);
      const char *path = uri ? g_uri_get_path (uri) : NULL;

      if (uri == NULL || (path[0] != '\0' && !g_str_equal (path, "/")) ||
          g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
        {
          g_warning ("“%s” is not an http(s) origin; ignored", origins[i]);
          g_clear_pointer (&uri, g_uri_unref);
          continue;
        }
      g_strv_builder_add (kept, origins[i]);
      g_ptr_array_add (uris, uri);
    }
  strv = g_strv_builder_end (kept);
  if (g_strv_equal ((const char * const *) strv, (const char * const *) self->payment_origin_strv))
    return;
  g_strfreev (self->payment_origin_strv);
  self->payment_origin_strv = g_steal_pointer (&strv);
  g_ptr_array_unref (self->payment_origins);
  self->payment_origins = g_steal_pointer (&uris);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAYMENT_ORIGINS]);
}

const char *
turnos_client_get_token (TurnosClient *self)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (self), NULL);
  return self->token;
}

void
turnos_client_set_token (TurnosClient *self,
                         const char   *token)
{
  g_return_if_fail (TURNOS_IS_CLIENT (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;
  g_free (self->token);
  self->token = g_strdup (token);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

const char *
turnos_client_get_user_id (TurnosClient *self)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (self), NULL);
  return self->user_id;
}

const char *
turnos_client_get_user_role (TurnosClient *self)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (self), NULL);
  return self->user_role;
}

gboolean
turnos_client_get_must_change_password (TurnosClient *self)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (self), FALSE);
  return self->must_change_password;
}

void
turnos_client_set_tls_database (TurnosClient *self,
                                GTlsDatabase *database)
{
  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  soup_session_set_tls_database (self->session, database);
}

void
turnos_client_login_async (TurnosClient        *self,
                           const char          *username,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (username != NULL && password != NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "username");
  json_builder_add_string_value (b, username);
  json_builder_set_member_name (b, "password");
  json_builder_add_string_value (b, password);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  send_request (self, "POST", "auth/login", body, NULL, parse_login, (GDestroyNotify) login_free,
                cancellable, callback, user_data, turnos_client_login_async);
}

gboolean
turnos_client_login_finish (TurnosClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  Login *login = finish_pointer (self, result, turnos_client_login_async, error);

  if (login == NULL)
    return FALSE;
  g_free (self->user_id);
  self->user_id = g_steal_pointer (&login->user_id);
  g_free (self->user_role);
  self->user_role = g_steal_pointer (&login->role);
  self->must_change_password = login->must_change;
  turnos_client_set_token (self, login->token);
  login_free (login);
  return TRUE;
}

void
turnos_client_logout_async (TurnosClient        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (TURNOS_IS_CLIENT (self));
  send_request (self, "POST", "auth/logout", NULL, NULL, NULL, NULL, cancellable, callback,
                user_data, turnos_client_logout_async);
}

gboolean
turnos_client_logout_finish (TurnosClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == turnos_client_logout_async, FALSE);

  turnos_client_set_token (self, NULL);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->user_role, g_free);
  self->must_change_password = FALSE;
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
turnos_client_is_local (TurnosClient *self)
{
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  g_return_val_if_fail (TURNOS_IS_CLIENT (self), FALSE);

  if (self->base_uri == NULL || (host = g_uri_get_host (self->base_uri)) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

char *
turnos_client_new_idempotency_key (void)
{
  return g_uuid_string_random ();
}

void
turnos_client_health_async (TurnosClient        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (TURNOS_IS_CLIENT (self));
  send_request (self, "GET", "health", NULL, NULL, parse_health, g_free, cancellable, callback,
                user_data, turnos_client_health_async);
}

gboolean
turnos_client_health_finish (TurnosClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_autofree char *status = finish_pointer (self, result, turnos_client_health_async, error);

  return status != NULL;
}

void
turnos_client_list_professionals_async (TurnosClient        *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (TURNOS_IS_CLIENT (self));
  send_request (self, "GET", "professionals", NULL, NULL, parse_professionals,
                (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data,
                turnos_client_list_professionals_async);
}

GPtrArray *
turnos_client_list_professionals_finish (TurnosClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return finish_pointer (self, result, turnos_client_list_professionals_async, error);
}

void
turnos_client_get_settings_async (TurnosClient        *self,
                                  const char          *professional_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *id = escape (professional_id);
  g_autofree char *path = g_strdup_printf ("professionals/%s/settings", id);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  send_request (self, "GET", path, NULL, NULL, parse_settings,
                (GDestroyNotify) turnos_settings_unref, cancellable, callback, user_data,
                turnos_client_get_settings_async);
}

TurnosSettings *
turnos_client_get_settings_finish (TurnosClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_pointer (self, result, turnos_client_get_settings_async, error);
}

void
turnos_client_get_availability_async (TurnosClient        *self,
                                      const char          *professional_id,
                                      const GDate         *date,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *id = escape (professional_id);
  g_autofree char *day = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  day = turnos_date_format (date);
  path = g_strdup_printf ("reservations/availability?date=%s&professional_id=%s", day, id);
  send_request (self, "GET", path, NULL, NULL, parse_availability,
                (GDestroyNotify) turnos_availability_unref, cancellable, callback, user_data,
                turnos_client_get_availability_async);
}

TurnosAvailability *
turnos_client_get_availability_finish (TurnosClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return finish_pointer (self, result, turnos_client_get_availability_async, error);
}

void
turnos_client_get_day_async (TurnosClient        *self,
                             const char          *professional_id,
                             const GDate         *date,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *id = escape (professional_id);
  g_autofree char *day = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (date != NULL && g_date_valid (date));

  day = turnos_date_format (date);
  path = g_strdup_printf ("professionals/%s/day?date=%s", id, day);
  send_request (self, "GET", path, NULL, NULL, parse_day, (GDestroyNotify) turnos_day_agenda_free,
                cancellable, callback, user_data, turnos_client_get_day_async);
}

TurnosDayAgenda *
turnos_client_get_day_finish (TurnosClient  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return finish_pointer (self, result, turnos_client_get_day_async, error);
}

void
turnos_client_get_month_async (TurnosClient        *self,
                               const char          *professional_id,
                               int                  year,
                               int                  month,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *id = escape (professional_id);
  g_autofree char *path = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (month >= 1 && month <= 12);

  path = g_strdup_printf ("reservations/availability/month?month=%04d-%02d&professional_id=%s",
                          year, month, id);
  send_request (self, "GET", path, NULL, NULL, parse_month,
                (GDestroyNotify) turnos_month_overview_unref, cancellable, callback, user_data,
                turnos_client_get_month_async);
}

TurnosMonthOverview *
turnos_client_get_month_finish (TurnosClient  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_pointer (self, result, turnos_client_get_month_async, error);
}

void
turnos_client_create_reservation_async (TurnosClient        *self,
                                        TurnosReservation   *draft,
                                        const char          *idempotency_key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (draft != NULL);

  body = turnos_reservation_to_node (draft);
  send_request (self, "POST", "reservations/create-without-payment", body, idempotency_key,
                parse_reservation, (GDestroyNotify) turnos_reservation_unref, cancellable,
                callback, user_data, turnos_client_create_reservation_async);
}

TurnosReservation *
turnos_client_create_reservation_finish (TurnosClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return finish_pointer (self, result, turnos_client_create_reservation_async, error);
}

void
turnos_client_list_reservations_async (TurnosClient        *self,
                                       const char          *client_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *id = escape (client_id);
  g_autofree char *path = g_strdup_printf ("reservations?client_id=%s", id);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  send_request (self, "GET", path, NULL, NULL, parse_reservations,
                (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data,
                turnos_client_list_reservations_async);
}

GPtrArray *
turnos_client_list_reservations_finish (TurnosClient  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return finish_pointer (self, result, turnos_client_list_reservations_async, error);
}

void
turnos_client_list_reservations_page_async (TurnosClient            *self,
                                            const char              *client_id,
                                            TurnosReservationFilter  status,
                                            const GDate             *from,
                                            const GDate             *to,
                                            gboolean                 descending,
                                            guint                    limit,
                                            const char              *cursor,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data)
{
  static const char * const filters[] = { "all", "live", "cancelled" };
  g_autofree char *id = escape (client_id);
  g_autoptr(GString) path = g_string_new (NULL);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (status <= TURNOS_RESERVATION_FILTER_CANCELLED);

  g_string_printf (path, "reservations?client_id=%s&status=%s&order=%s", id, filters[status],
                   descending ? "desc" : "asc");
  if (from != NULL && g_date_valid (from))
    {
      g_autofree char *d = turnos_date_format (from);

      g_string_append_printf (path, "&from=%s", d);
    }
  if (to != NULL && g_date_valid (to))
    {
      g_autofree char *d = turnos_date_format (to);

      g_string_append_printf (path, "&to=%s", d);
    }
  if (limit > 0)
    g_string_append_printf (path, "&limit=%u", limit);
  if (cursor != NULL)
    {
      g_autofree char *c = escape (cursor);

      g_string_append_printf (path, "&cursor=%s", c);
    }
  send_request (self, "GET", path->str, NULL, NULL, parse_reservation_page,
                (GDestroyNotify) turnos_reservation_page_free, cancellable, callback, user_data,
                turnos_client_list_reservations_page_async);
}

TurnosReservationPage *
turnos_client_list_reservations_page_finish (TurnosClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  return finish_pointer (self, result, turnos_client_list_reservations_page_async, error);
}

void
turnos_client_cancel_reservation_async (TurnosClient        *self,
                                        const char          *reservation_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *id = escape (reservation_id);
  g_autofree char *path = g_strdup_printf ("reservations/%s/cancel", id);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  send_request (self, "POST", path, NULL, NULL, parse_reservation,
                (GDestroyNotify) turnos_reservation_unref, cancellable, callback, user_data,
                turnos_client_cancel_reservation_async);
}

TurnosReservation *
turnos_client_cancel_reservation_finish (TurnosClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  return finish_pointer (self, result, turnos_client_cancel_reservation_async, error);
}

void
turnos_client_list_blocks_async (TurnosClient        *self,
                                 const char          *professional_id,
                                 const GDate         *from,
                                 const GDate         *to,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *id = escape (professional_id);
  g_autoptr(GString) path = g_string_new (NULL);
  char sep = '?';

  g_return_if_fail (TURNOS_IS_CLIENT (self));

  g_string_printf (path, "professionals/%s/blocks", id);
  if (from != NULL)
    {
      g_autofree char *d = turnos_date_format (from);

      g_string_append_printf (path, "%cfrom=%s", sep, d);
      sep = '&';
    }
  if (to != NULL)
    {
      g_autofree char *d = turnos_date_format (to);

      g_string_append_printf (path, "%cto=%s", sep, d);
    }
  send_request (self, "GET", path->str, NULL, NULL, parse_blocks,
                (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data,
                turnos_client_list_blocks_async);
}

GPtrArray *
turnos_client_list_blocks_finish (TurnosClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_pointer (self, result, turnos_client_list_blocks_async, error);
}

void
turnos_client_add_block_async (TurnosClient        *self,
                               TurnosBlock         *block,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (block != NULL && block->professional_id != NULL);

  id = escape (block->professional_id);
  path = g_strdup_printf ("professionals/%s/blocks", id);
  turnos_block_to_json (block, builder);
  body = json_builder_get_root (builder);
  send_request (self, "POST", path, body, NULL, parse_block, (GDestroyNotify) turnos_block_unref,
                cancellable, callback, user_data, turnos_client_add_block_async);
}

TurnosBlock *
turnos_client_add_block_finish (TurnosClient  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_pointer (self, result, turnos_client_add_block_async, error);
}

void
turnos_client_remove_block_async (TurnosClient        *self,
                                  const char          *professional_id,
                                  const char          *block_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *id = escape (professional_id);
  g_autofree char *bid = escape (block_id);
  g_autofree char *path = g_strdup_printf ("professionals/%s/blocks/%s", id, bid);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  send_request (self, "DELETE", path, NULL, NULL, NULL, NULL, cancellable, callback, user_data,
                turnos_client_remove_block_async);
}

gboolean
turnos_client_remove_block_finish (TurnosClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == turnos_client_remove_block_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
turnos_client_start_payment_async (TurnosClient        *self,
                                   TurnosReservation   *draft,
                                   const char          *idempotency_key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (draft != NULL);

  body = turnos_reservation_to_node (draft);
  send_request (self, "POST", "reservations/payment", body, idempotency_key, parse_payment,
                (GDestroyNotify) turnos_payment_unref, cancellable, callback, user_data,
                turnos_client_start_payment_async);
}

TurnosPayment *
turnos_client_start_payment_finish (TurnosClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_pointer (self, result, turnos_client_start_payment_async, error);
}

void
turnos_client_get_payment_async (TurnosClient        *self,
                                 const char          *payment_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *id = escape (payment_id);
  g_autofree char *path = g_strdup_printf ("reservations/payment/%s", id);

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  send_request (self, "GET", path, NULL, NULL, parse_payment, (GDestroyNotify) turnos_payment_unref,
                cancellable, callback, user_data, turnos_client_get_payment_async);
}

TurnosPayment *
turnos_client_get_payment_finish (TurnosClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish_pointer (self, result, turnos_client_get_payment_async, error);
}

/*
 * Professionals' settings and the audit trail: the admin's calls
 */

void
turnos_settings_change_free (TurnosSettingsChange *change)
{
  if (change == NULL)
    return;
  g_clear_pointer (&change->settings, turnos_settings_unref);
  g_clear_pointer (&change->outside_hours, g_ptr_array_unref);
  g_free (change);
}

static gpointer
parse_settings_change (TurnosClient  *self,
                       JsonNode      *node,
                       GError       **error)
{
  g_autoptr(TurnosSettingsChange) change = g_new0 (TurnosSettingsChange, 1);
  JsonObject *object;
  JsonNode *settings;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  settings = json_object_get_member (object, "settings");
  if (settings == NULL)
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "no settings");
      return NULL;
    }
  if (!(change->settings = turnos_settings_from_json (settings, error)) ||
      !(change->outside_hours = parse_list (self, node, "outside_hours", parse_reservation,
                                            (GDestroyNotify) turnos_reservation_unref, error)))
    return NULL;
  return g_steal_pointer (&change);
}

void
turnos_client_put_settings_async (TurnosClient        *self,
                                  TurnosSettings      *settings,
                                  gboolean             dry_run,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (settings != NULL && settings->user_id != NULL);

  id = escape (settings->user_id);
  path = g_strdup_printf ("professionals/%s/settings%s", id, dry_run ? "?dry_run=1" : "");
  body = turnos_settings_to_node (settings);
  send_request (self, "PUT", path, body, NULL, parse_settings_change,
                (GDestroyNotify) turnos_settings_change_free, cancellable, callback, user_data,
                turnos_client_put_settings_async);
}

TurnosSettingsChange *
turnos_client_put_settings_finish (TurnosClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish_pointer (self, result, turnos_client_put_settings_async, error);
}

void
turnos_audit_record_free (TurnosAuditRecord *record)
{
  if (record == NULL)
    return;
  g_clear_pointer (&record->at, g_date_time_unref);
  g_free (record->actor);
  g_free (record->action);
  g_free (record->target_kind);
  g_free (record->target_id);
  g_free (record->detail);
  g_free (record);
}

void
turnos_audit_result_free (TurnosAuditResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->records, g_ptr_array_unref);
  g_free (result->next_cursor);
  g_free (result);
}

static gpointer
parse_audit_record (TurnosClient  *self,
                    JsonNode      *node,
                    GError       **error)
{
  g_autoptr(TurnosAuditRecord) record = g_new0 (TurnosAuditRecord, 1);
  const char *at = NULL, *actor = NULL, *action = NULL;
  const char *kind = "", *target = "", *detail = "";
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TURNOS_ERROR, TURNOS_ERROR_MISSING_FIELD, "an audit row is not an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!turnos_json_get_int (object, "seq", TRUE, &record->seq, error) ||
      !turnos_json_get_string (object, "at", FALSE, &at, error) ||
      !turnos_json_get_string (object, "actor", FALSE, &actor, error) ||
      !turnos_json_get_string (object, "action", FALSE, &action, error) ||
      !turnos_json_get_string (object, "target_kind", TRUE, &kind, error) ||
      !turnos_json_get_string (object, "target_id", TRUE, &target, error) ||
      !turnos_json_get_string (object, "detail", TRUE, &detail, error))
    return NULL;
  /* "2026-03-02T11:00:00Z": an instant, in UTC. */
  if (!(record->at = g_date_time_new_from_iso8601 (at, NULL)))
    {
      g_set_error (error, TURNOS_ERROR, TURNOS_ERROR_PARSE, "“%.40s” is not an instant", at);
      return NULL;
    }
  record->actor = g_strdup (actor);
  record->action = g_strdup (action);
  record->target_kind = g_strdup (kind ? kind : "");
  record->target_id = g_strdup (target ? target : "");
  record->detail = g_strdup (detail ? detail : "");
  return g_steal_pointer (&record);
}

static gpointer
parse_audit_page (TurnosClient  *self,
                  JsonNode      *node,
                  GError       **error)
{
  g_autoptr(TurnosAuditResult) page = g_new0 (TurnosAuditResult, 1);
  const char *next = NULL;

  if (!(page->records = parse_list (self, node, "audit", parse_audit_record,
                                    (GDestroyNotify) turnos_audit_record_free, error)) ||
      !turnos_json_get_string (json_node_get_object (node), "next_cursor", TRUE, &next, error))
    return NULL;
  page->next_cursor = g_strdup (next);
  return g_steal_pointer (&page);
}

void
turnos_client_list_audit_async (TurnosClient        *self,
                                const GDate         *since,
                                const char          *actor,
                                const char          *target,
                                guint                limit,
                                const char          *cursor,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GString) path = g_string_new ("audit");
  char sep = '?';

  g_return_if_fail (TURNOS_IS_CLIENT (self));
  g_return_if_fail (since == NULL || g_date_valid (since));

  if (since != NULL)
    {
      g_autofree char *d = turnos_date_format (since);

      g_string_append_printf (path, "%csince=%s", sep, d);
      sep = '&';
    }
  if (actor != NULL && *actor != '\0')
    {
      g_autofree char *a = escape (actor);

      g_string_append_printf (path, "%cactor=%s", sep, a);
      sep = '&';
    }
  if (target != NULL && *target != '\0')
    {
      g_autofree char *t = escape (target);

      g_string_append_printf (path, "%ctarget=%s", sep, t);
      sep = '&';
    }
  if (limit > 0)
    {
      g_string_append_printf (path, "%climit=%u", sep, limit);
      sep = '&';
    }
  if (cursor != NULL)
    {
      g_autofree char *c = escape (cursor);

      g_string_append_printf (path, "%ccursor=%s", sep, c);
    }
  send_request (self, "GET", path->str, NULL, NULL, parse_audit_page,
                (GDestroyNotify) turnos_audit_result_free, cancellable, callback, user_data,
                turnos_client_list_audit_async);
}

TurnosAuditResult *
turnos_client_list_audit_finish (TurnosClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_pointer (self, result, turnos_client_list_audit_async, error);
}

/*
 * Private API (turnos-client-private.h), for turnos-client-series.c
 */

void
_turnos_client_send_keyed (TurnosClient          *self,
                           const char            *method,
                           const char            *path_and_query,
                           JsonNode              *body,
                           const char            *idempotency_key,
                           TurnosClientParseFunc  parse,
                           GDestroyNotify         free_result,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data,
                           gpointer               source_tag)
{
  send_request (self, method, path_and_query, body, idempotency_key, (ParseFunc) parse, free_result,
                cancellable, callback, user_data, source_tag);
}

gpointer
_turnos_client_parse_reservation (TurnosClient  *self,
                                  JsonNode      *node,
                                  GError       **error)
{
  return parse_reservation (self, node, error);
}

gpointer
_turnos_client_parse_reservations (TurnosClient  *self,
                                   JsonNode      *node,
                                   GError       **error)
{
  return parse_reservations (self, node, error);
}

gpointer
_turnos_client_parse_payment (TurnosClient  *self,
                              JsonNode      *node,
                              GError       **error)
{
  return parse_payment (self, node, error);
}

GPtrArray *
_turnos_client_parse_list (TurnosClient          *self,
                           JsonNode              *node,
                           const char            *member,
                           TurnosClientParseFunc  parse,
                           GDestroyNotify         free_item,
                           GError               **error)
{
  return parse_list (self, node, member, (ParseFunc) parse, free_item, error);
}
