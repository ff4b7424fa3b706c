/* turnos-reservations.c: one patient's reservations, as the "my reservations" page shows them
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-booking"

#include "config.h"

#include "turnos-reservations.h"
#include "turnos-time.h"

#define N_KINDS 3

/*
 * TurnosReservationSection: one tab's rows and how far they are loaded
 */

struct _TurnosReservationSection
{
  GObject                 parent_instance;

  /* Owned references */
  GListStore             *items;
  GError                 *error;
  GCancellable           *cancellable;   /* the page in flight */

  TurnosReservationsKind  kind;
  char                   *cursor;        /* the next page's, NULL when there is none */
  gboolean                loading;
  gboolean                loaded;
  gboolean                wanted;        /* asked for before the professionals' rules came */
};

G_DEFINE_FINAL_TYPE (TurnosReservationSection, turnos_reservation_section, G_TYPE_OBJECT)

enum {
  SECTION_PROP_0,
  SECTION_PROP_KIND,
  SECTION_PROP_ITEMS,
  SECTION_PROP_LOADING,
  SECTION_PROP_LOADED,
  SECTION_PROP_HAS_MORE,
  SECTION_PROP_ERROR,
  SECTION_N_PROPS
};

static GParamSpec *section_properties[SECTION_N_PROPS];

static void
section_set_loading (TurnosReservationSection *self,
                     gboolean                  loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), section_properties[SECTION_PROP_LOADING]);
}

static void
section_set_loaded (TurnosReservationSection *self,
                    gboolean                  loaded)
{
  if (self->loaded == loaded)
    return;
  self->loaded = loaded;
  g_object_notify_by_pspec (G_OBJECT (self), section_properties[SECTION_PROP_LOADED]);
}

static void
section_set_cursor (TurnosReservationSection *self,
                    const char               *cursor)
{
  gboolean had_more = self->cursor != NULL;

  if (g_strcmp0 (self->cursor, cursor) == 0)
    return;
  g_free (self->cursor);
  self->cursor = g_strdup (cursor);
  if (had_more != (cursor != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), section_properties[SECTION_PROP_HAS_MORE]);
}

static void
section_set_error (TurnosReservationSection *self,
                   const GError             *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  self->error = error ? g_error_copy (error) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), section_properties[SECTION_PROP_ERROR]);
}

/* Stops its request in flight, if any. */
static void
section_stop (TurnosReservationSection *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->wanted = FALSE;
  section_set_loading (self, FALSE);
}

/* Back to nothing asked for: a new patient. */
static void
section_reset (TurnosReservationSection *self)
{
  section_stop (self);
  g_list_store_remove_all (self->items);
  section_set_cursor (self, NULL);
  section_set_error (self, NULL);
  section_set_loaded (self, FALSE);
}

static int
compare_start (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  TurnosReservation *ra = turnos_reservation_item_get_reservation (*(TurnosReservationItem **) a);
  TurnosReservation *rb = turnos_reservation_item_get_reservation (*(TurnosReservationItem **) b);
  int order = g_date_time_compare (ra->start, rb->start);

  /* UPCOMING soonest first; the others latest first. */
  return GPOINTER_TO_INT (user_data) == TURNOS_RESERVATIONS_UPCOMING ? order : -order;
}

/* Shows @items (of TurnosReservationItem) in order, touching the store only if it changes. */
static void
section_show (TurnosReservationSection *self,
              GPtrArray                *items)
{
  GListModel *model = G_LIST_MODEL (self->items);
  gboolean same = g_list_model_get_n_items (model) == items->len;

  g_ptr_array_sort_with_data (items, (GCompareDataFunc) compare_start, GINT_TO_POINTER (self->kind));
  for (guint i = 0; same && i < items->len; i++)
    {
      g_autoptr(GObject) shown = g_list_model_get_item (model, i);

      same = shown == items->pdata[i];
    }
  if (!same)
    g_list_store_splice (self->items, 0, g_list_model_get_n_items (model), items->pdata, items->len);
}

static void
section_remove (TurnosReservationSection *self,
                TurnosReservationItem    *item)
{
  guint position;

  if (g_list_store_find (self->items, item, &position))
    g_list_store_remove (self->items, position);
}

static void
turnos_reservation_section_finalize (GObject *object)
{
  TurnosReservationSection *self = TURNOS_RESERVATION_SECTION (object);

  g_clear_object (&self->items);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  g_free (self->cursor);

  G_OBJECT_CLASS (turnos_reservation_section_parent_class)->finalize (object);
}

static void
turnos_reservation_section_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  TurnosReservationSection *self = TURNOS_RESERVATION_SECTION (object);

  switch (prop_id)
    {
    case SECTION_PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case SECTION_PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    case SECTION_PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case SECTION_PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case SECTION_PROP_HAS_MORE:
      g_value_set_boolean (value, self->cursor != NULL);
      break;
    case SECTION_PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reservation_section_class_init (TurnosReservationSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = turnos_reservation_section_finalize;
  object_class->get_property = turnos_reservation_section_get_property;

  section_properties[SECTION_PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, TURNOS_TYPE_RESERVATIONS_KIND,
                       TURNOS_RESERVATIONS_UPCOMING, ro);
  section_properties[SECTION_PROP_ITEMS] = g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  section_properties[SECTION_PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);
  section_properties[SECTION_PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);
  section_properties[SECTION_PROP_HAS_MORE] = g_param_spec_boolean ("has-more", NULL, NULL, FALSE, ro);
  section_properties[SECTION_PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  g_object_class_install_properties (object_class, SECTION_N_PROPS, section_properties);
}

static void
turnos_reservation_section_init (TurnosReservationSection *self)
{
  self->items = g_list_store_new (TURNOS_TYPE_RESERVATION_ITEM);
}

TurnosReservationsKind
turnos_reservation_section_get_kind (TurnosReservationSection *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_SECTION (self), TURNOS_RESERVATIONS_UPCOMING);
  return self->kind;
}

GListModel *
turnos_reservation_section_get_items (TurnosReservationSection *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_SECTION (self), NULL);
  return G_LIST_MODEL (self->items);
}

gboolean
turnos_reservation_section_get_loading (TurnosReservationSection *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_SECTION (self), FALSE);
  return self->loading;
}

gboolean
turnos_reservation_section_get_loaded (TurnosReservationSection *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_SECTION (self), FALSE);
  return self->loaded;
}

gboolean
turnos_reservation_section_get_has_more (TurnosReservationSection *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_SECTION (self), FALSE);
  return self->cursor != NULL;
}

const GError *
turnos_reservation_section_get_error (TurnosReservationSection *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATION_SECTION (self), NULL);
  return self->error;
}

/*
 * TurnosReservations
 */

struct _TurnosReservations
{
  GObject                   parent_instance;

  /* Owned references */
  TurnosClient             *client;
  TurnosReservationSection *sections[N_KINDS];
  GHashTable               *names;      /* professional id → display name */
  GHashTable               *rules;      /* professional id → TurnosSettings */
  GCancellable             *names_cancellable;

  TurnosReservationsClock   clock;
  gpointer                  clock_data;
  char                     *client_id;
  guint                     poll_id;
  gboolean                  names_loaded;
  gboolean                  following;
  gboolean                  unpaged;   /* the server's last answer ignored the paging */
  gboolean                  may_override;   /* the desk's and the admin's: cancel past the notice */
};

G_DEFINE_FINAL_TYPE (TurnosReservations, turnos_reservations, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CLIENT_ID,
  PROP_FOLLOWING,
  N_PROPS
};

enum {
  CANCELLED,
  FAILED,
  REASON_NEEDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void request_page (TurnosReservations *self, TurnosReservationsKind kind, gboolean fresh);

/*
 * Helpers
 */

static GDateTime *
now (TurnosReservations *self)
{
  return self->clock ? self->clock (self->clock_data) : g_date_time_new_now_utc ();
}

/* This computer's date: the line between UPCOMING and PAST, as sent to the server. */
static void
today (GDateTime *now_utc,
       GDate     *out)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (now_utc);

  turnos_date_from_datetime (local, out);
}

/* The section @r belongs in: by its state, then by its own day in its professional's zone. */
static TurnosReservationsKind
classify (TurnosReservation *r,
          GDateTime         *at,
          const GDate       *day)
{
  GDate start;

  switch (turnos_reservation_state_at (r, at))
    {
    case TURNOS_RESERVATION_CANCELLED:
    case TURNOS_RESERVATION_EXPIRED:
    case TURNOS_RESERVATION_RELEASED:
      return TURNOS_RESERVATIONS_CANCELLED;
    case TURNOS_RESERVATION_CONFIRMED:
    case TURNOS_RESERVATION_PENDING_PAYMENT:
    default:
      turnos_date_from_datetime (r->start, &start);
      return g_date_compare (&start, day) >= 0 ? TURNOS_RESERVATIONS_UPCOMING : TURNOS_RESERVATIONS_PAST;
    }
}

/* The item @r is shown by anywhere, updated from @r; else a new one. */
static TurnosReservationItem *
item_for (TurnosReservations *self,
          TurnosReservation  *r,
          GDateTime          *at)
{
  TurnosSettings *rules = g_hash_table_lookup (self->rules, r->professional_id);
  TurnosReservationItem *item = r->id ? turnos_reservations_find (self, r->id) : NULL;

  if (item != NULL)
    {
      /* Made before the names were in (or by another path): named now if it can be. */
      turnos_reservation_item_set_professional_name (item, g_hash_table_lookup (self->names, r->professional_id));
      turnos_reservation_item_set_may_override (item, self->may_override);
      turnos_reservation_item_update (item, r, rules, at);
      return g_object_ref (item);
    }
  item = turnos_reservation_item_new (r, g_hash_table_lookup (self->names, r->professional_id),
                                      rules, at);
  if (self->may_override)
    {
      turnos_reservation_item_set_may_override (item, TRUE);
      turnos_reservation_item_update (item, r, rules, at);
    }
  return item;
}

static gboolean
section_has (TurnosReservationSection *section,
             TurnosReservationState    state)
{
  GListModel *items = G_LIST_MODEL (section->items);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(TurnosReservationItem) item = g_list_model_get_item (items, i);

      if (turnos_reservation_item_get_state (item) == state)
        return TRUE;
    }
  return FALSE;
}

static gboolean
poll_cb (gpointer data)
{
  TurnosReservations *self = data;

  self->poll_id = 0;
  request_page (self, TURNOS_RESERVATIONS_UPCOMING, TRUE);
  return G_SOURCE_REMOVE;
}

/* Asks again while a pending payment is on screen: its status follows the server. */
static void
update_poll (TurnosReservations *self)
{
  gboolean wanted = self->following &&
                    section_has (self->sections[TURNOS_RESERVATIONS_UPCOMING],
                                 TURNOS_RESERVATION_PENDING_PAYMENT);

  if (!wanted)
    g_clear_handle_id (&self->poll_id, g_source_remove);
  else if (self->poll_id == 0 && !self->sections[TURNOS_RESERVATIONS_UPCOMING]->loading)
    self->poll_id = g_timeout_add (TURNOS_RESERVATIONS_POLL_MS, poll_cb, self);
}

/* Every row of an unpaged answer goes to its section; none has more. */
static void
apply_everything (TurnosReservations *self,
                  GPtrArray          *rows,
                  GDateTime          *at,
                  const GDate        *day)
{
  GPtrArray *buckets[N_KINDS];

  for (guint k = 0; k < N_KINDS; k++)
    buckets[k] = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      TurnosReservation *r = rows->pdata[i];

      g_ptr_array_add (buckets[classify (r, at, day)], item_for (self, r, at));
    }
  for (guint k = 0; k < N_KINDS; k++)
    {
      TurnosReservationSection *section = self->sections[k];

      section_stop (section);
      section_show (section, buckets[k]);
      section_set_cursor (section, NULL);
      section_set_error (section, NULL);
      section_set_loaded (section, TRUE);
      g_ptr_array_unref (buckets[k]);
    }
}

/* A page of @section's own rows: the first replaces what it shows, the next ones add to it.
 * A row that is no longer @section's (a hold that lapsed since the server answered) is left
 * for its own section's next answer. */
static void
apply_page (TurnosReservations       *self,
            TurnosReservationSection *section,
            TurnosReservationPage    *page,
            gboolean                  fresh,
            GDateTime                *at,
            const GDate              *day)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *shown = G_LIST_MODEL (section->items);
  gboolean lost = FALSE;

  if (!fresh)
    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      g_ptr_array_add (items, g_list_model_get_item (shown, i));
  for (guint i = 0; i < page->reservations->len; i++)
    {
      TurnosReservation *r = page->reservations->pdata[i];
      g_autoptr(TurnosReservationItem) item = NULL;

      if (classify (r, at, day) != section->kind)
        continue;
      item = item_for (self, r, at);
      if (!g_ptr_array_find (items, item, NULL))
        g_ptr_array_add (items, g_steal_pointer (&item));
    }
  /* What left this section (cancelled elsewhere, a lapsed hold, yesterday's) belongs to
   * another one now: ask those that are shown again. */
  for (guint i = 0; fresh && i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(TurnosReservationItem) item = g_list_model_get_item (shown, i);

      lost |= !g_ptr_array_find (items, item, NULL);
    }
  section_show (section, items);
  section_set_cursor (section, page->next_cursor);
  section_set_loaded (section, TRUE);
  for (guint k = 0; lost && k < N_KINDS; k++)
    if (k != section->kind && self->sections[k]->loaded && !self->sections[k]->loading)
      request_page (self, k, TRUE);
}

/*
 * Callbacks
 */

typedef struct
{
  TurnosReservations     *self;
  TurnosReservationsKind  kind;
  gboolean                fresh;
} PageRequest;

static void
page_request_free (PageRequest *request)
{
  g_object_unref (request->self);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageRequest, page_request_free)

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(PageRequest) request = user_data;
  TurnosReservations *self = request->self;
  TurnosReservationSection *section = self->sections[request->kind];
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservationPage) page = NULL;
  g_autoptr(GDateTime) at = NULL;
  GDate day;

  page = turnos_client_list_reservations_page_finish (TURNOS_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&section->cancellable);
  section_set_loading (section, FALSE);
  section_set_error (section, error);
  if (page != NULL)
    {
      at = now (self);
      today (at, &day);
      self->unpaged = !page->paged;
      if (page->paged)
        apply_page (self, section, page, request->fresh, at, &day);
      else
        apply_everything (self, page->reservations, at, &day);
    }
  update_poll (self);
}

/* Asks for @kind's first page (@fresh) or its next one. */
static void
request_page (TurnosReservations     *self,
              TurnosReservationsKind  kind,
              gboolean                fresh)
{
  TurnosReservationSection *section = self->sections[kind];
  g_autoptr(GDateTime) at = now (self);
  PageRequest *request;
  GDate day, yesterday;

  if (!fresh && section->cursor == NULL)
    return;
  section_stop (section);
  if (kind == TURNOS_RESERVATIONS_UPCOMING)
    g_clear_handle_id (&self->poll_id, g_source_remove);
  section->cancellable = g_cancellable_new ();
  section_set_loading (section, TRUE);

  request = g_new0 (PageRequest, 1);
  request->self = g_object_ref (self);
  request->kind = kind;
  request->fresh = fresh;
  today (at, &day);
  yesterday = day;
  g_date_subtract_days (&yesterday, 1);
  switch (kind)
    {
    case TURNOS_RESERVATIONS_UPCOMING:
      turnos_client_list_reservations_page_async (self->client, self->client_id,
                                                  TURNOS_RESERVATION_FILTER_LIVE, &day, NULL, FALSE,
                                                  TURNOS_RESERVATIONS_PAGE_SIZE,
                                                  fresh ? NULL : section->cursor,
                                                  section->cancellable, page_cb, request);
      break;
    case TURNOS_RESERVATIONS_PAST:
      turnos_client_list_reservations_page_async (self->client, self->client_id,
                                                  TURNOS_RESERVATION_FILTER_LIVE, NULL, &yesterday,
                                                  TRUE, TURNOS_RESERVATIONS_PAGE_SIZE,
                                                  fresh ? NULL : section->cursor,
                                                  section->cancellable, page_cb, request);
      break;
    case TURNOS_RESERVATIONS_CANCELLED:
    default:
      turnos_client_list_reservations_page_async (self->client, self->client_id,
                                                  TURNOS_RESERVATION_FILTER_CANCELLED, NULL, NULL,
                                                  TRUE, TURNOS_RESERVATIONS_PAGE_SIZE,
                                                  fresh ? NULL : section->cursor,
                                                  section->cancellable, page_cb, request);
      break;
    }
}

/* The first pages of UPCOMING and of what was shown or asked for before. Only once the
 * professionals' names and rules are in (professionals_cb()), or tried: see
 * request_first_pages_when_named(). */
static void
request_first_pages (TurnosReservations *self)
{
  for (guint k = 0; k < N_KINDS; k++)
    {
      TurnosReservationSection *section = self->sections[k];

      /* A server that does not page answers all three sections at once: UPCOMING's answer
       * fills the others. */
      if (k == TURNOS_RESERVATIONS_UPCOMING ||
          (!self->unpaged && (section->loaded || section->wanted)))
        request_page (self, k, TRUE);
      else if (self->unpaged)
        section_stop (section);
    }
}

/* The first pages again (a cancel answered, what the viewer may do changed): after the
 * names and rules when they are not in yet, so no row is made with an id for a name. */
static void
request_first_pages_when_named (TurnosReservations *self)
{
  if (self->names_loaded)
    request_first_pages (self);
  else if (self->names_cancellable == NULL)
    turnos_reservations_refresh (self);
}

static void
professionals_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TurnosReservations) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = turnos_client_list_professionals_finish (TURNOS_CLIENT (object),
                                                                      result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->names_cancellable);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      TurnosSettings *s = list->pdata[i];

      g_hash_table_replace (self->names, g_strdup (s->user_id), g_strdup (s->display_name));
      g_hash_table_replace (self->rules, g_strdup (s->user_id), turnos_settings_ref (s));
    }
  self->names_loaded = list != NULL;
  /* Names and rules first, so rows never show an id where a name belongs, nor Cancel where
   * the rule forbids it. Without them the rows still come, with what is known. */
  request_first_pages (self);
}

/* Moves @item to the CANCELLED section, shown there if that section is. */
static void
move_to_cancelled (TurnosReservations    *self,
                   TurnosReservationItem *item)
{
  TurnosReservationSection *cancelled = self->sections[TURNOS_RESERVATIONS_CANCELLED];
  g_autoptr(TurnosReservationItem) keep = g_object_ref (item);

  section_remove (self->sections[TURNOS_RESERVATIONS_UPCOMING], item);
  section_remove (self->sections[TURNOS_RESERVATIONS_PAST], item);
  if (cancelled->loaded && !g_list_store_find (cancelled->items, item, NULL))
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
      GListModel *shown = G_LIST_MODEL (cancelled->items);

      for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
        g_ptr_array_add (items, g_list_model_get_item (shown, i));
      g_ptr_array_add (items, g_object_ref (item));
      section_show (cancelled, items);
    }
}

typedef struct
{
  TurnosReservations    *self;
  TurnosReservationItem *item;
} Cancel;

static void
cancel_free (Cancel *cancel)
{
  g_object_unref (cancel->self);
  g_object_unref (cancel->item);
  g_free (cancel);
}

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Cancel *cancel = user_data;
  TurnosReservations *self = cancel->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(TurnosReservation) r = NULL;
  TurnosReservationItem *item;

  if (g_async_result_is_tagged (result, turnos_client_cancel_reservation_with_reason_async))
    r = turnos_client_cancel_reservation_with_reason_finish (TURNOS_CLIENT (object), result, &error);
  else
    r = turnos_client_cancel_reservation_finish (TURNOS_CLIENT (object), result, &error);

  if (r != NULL && (item = turnos_reservations_find (self, r->id)) != NULL)
    {
      g_autoptr(GDateTime) at = now (self);

      turnos_reservation_item_update (item, r, g_hash_table_lookup (self->rules, r->professional_id), at);
      move_to_cancelled (self, item);
    }
  if (r != NULL)
    g_signal_emit (self, signals[CANCELLED], 0, r);
  else if (self->may_override &&
           g_strcmp0 (turnos_client_error_get_api_code (error), "too_late_to_cancel") == 0)
    g_signal_emit (self, signals[REASON_NEEDED], 0, cancel->item);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[FAILED], 0, error);
  /* Either way the sections say what the server now holds. */
  if (self->client_id != NULL && *self->client_id != '\0')
    request_first_pages_when_named (self);
  cancel_free (cancel);
}

static Cancel *
cancel_new (TurnosReservations    *self,
            TurnosReservationItem *item)
{
  Cancel *cancel = g_new0 (Cancel, 1);

  cancel->self = g_object_ref (self);
  cancel->item = g_object_ref (item);
  return cancel;
}

/*
 * GObject overrides
 */

static void
turnos_reservations_dispose (GObject *object)
{
  TurnosReservations *self = TURNOS_RESERVATIONS (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->names_cancellable != NULL)
    g_cancellable_cancel (self->names_cancellable);
  g_clear_object (&self->names_cancellable);
  for (guint k = 0; k < N_KINDS; k++)
    if (self->sections[k] != NULL)
      section_stop (self->sections[k]);

  G_OBJECT_CLASS (turnos_reservations_parent_class)->dispose (object);
}

static void
turnos_reservations_finalize (GObject *object)
{
  TurnosReservations *self = TURNOS_RESERVATIONS (object);

  g_clear_object (&self->client);
  for (guint k = 0; k < N_KINDS; k++)
    g_clear_object (&self->sections[k]);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->rules, g_hash_table_unref);
  g_free (self->client_id);

  G_OBJECT_CLASS (turnos_reservations_parent_class)->finalize (object);
}

static void
turnos_reservations_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TurnosReservations *self = TURNOS_RESERVATIONS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CLIENT_ID:
      g_value_set_string (value, self->client_id);
      break;
    case PROP_FOLLOWING:
      g_value_set_boolean (value, self->following);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reservations_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TurnosReservations *self = TURNOS_RESERVATIONS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CLIENT_ID:
      turnos_reservations_set_client_id (self, g_value_get_string (value));
      break;
    case PROP_FOLLOWING:
      turnos_reservations_set_following (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reservations_class_init (TurnosReservationsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = turnos_reservations_dispose;
  object_class->finalize = turnos_reservations_finalize;
  object_class->get_property = turnos_reservations_get_property;
  object_class->set_property = turnos_reservations_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TURNOS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOWING] =
    g_param_spec_boolean ("following", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, TURNOS_TYPE_RESERVATION);
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[REASON_NEEDED] = g_signal_new ("reason-needed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         TURNOS_TYPE_RESERVATION_ITEM);
}

static void
turnos_reservations_init (TurnosReservations *self)
{
  for (guint k = 0; k < N_KINDS; k++)
    {
      self->sections[k] = g_object_new (TURNOS_TYPE_RESERVATION_SECTION, NULL);
      self->sections[k]->kind = k;
    }
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) turnos_settings_unref);
}

/*
 * Public API
 */

TurnosReservations *
turnos_reservations_new (TurnosClient *client)
{
  g_return_val_if_fail (TURNOS_IS_CLIENT (client), NULL);
  return g_object_new (TURNOS_TYPE_RESERVATIONS, "client", client, NULL);
}

TurnosClient *
turnos_reservations_get_client (TurnosReservations *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATIONS (self), NULL);
  return self->client;
}

void
turnos_reservations_set_client_id (TurnosReservations *self,
                                   const char         *client_id)
{
  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));

  if (g_strcmp0 (self->client_id, client_id) == 0)
    return;
  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  for (guint k = 0; k < N_KINDS; k++)
    section_reset (self->sections[k]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

const char *
turnos_reservations_get_client_id (TurnosReservations *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATIONS (self), NULL);
  return self->client_id;
}

TurnosReservationSection *
turnos_reservations_get_section (TurnosReservations     *self,
                                 TurnosReservationsKind  kind)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATIONS (self), NULL);
  g_return_val_if_fail (kind < N_KINDS, NULL);
  return self->sections[kind];
}

void
turnos_reservations_set_following (TurnosReservations *self,
                                   gboolean            following)
{
  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));

  following = !!following;
  if (self->following == following)
    return;
  self->following = following;
  update_poll (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
}

gboolean
turnos_reservations_get_following (TurnosReservations *self)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATIONS (self), FALSE);
  return self->following;
}

void
turnos_reservations_refresh (TurnosReservations *self)
{
  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));

  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->names_cancellable != NULL)
    g_cancellable_cancel (self->names_cancellable);
  g_clear_object (&self->names_cancellable);
  if (self->client_id == NULL || *self->client_id == '\0')
    {
      for (guint k = 0; k < N_KINDS; k++)
        section_reset (self->sections[k]);
      return;
    }
  /* Shown as loading at once, though the rows are asked for once the rules are in. */
  for (guint k = 0; k < N_KINDS; k++)
    {
      TurnosReservationSection *section = self->sections[k];

      if (k == TURNOS_RESERVATIONS_UPCOMING || section->loaded || section->wanted)
        {
          section_stop (section);
          section->wanted = TRUE;
          section_set_loading (section, TRUE);
        }
    }
  self->names_cancellable = g_cancellable_new ();
  turnos_client_list_professionals_async (self->client, self->names_cancellable, professionals_cb,
                                          g_object_ref (self));
}

void
turnos_reservations_load_more (TurnosReservations     *self,
                               TurnosReservationsKind  kind)
{
  TurnosReservationSection *section;

  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));
  g_return_if_fail (kind < N_KINDS);

  section = self->sections[kind];
  if (self->client_id == NULL || *self->client_id == '\0' || section->loading)
    return;
  if (section->loaded)
    {
      request_page (self, kind, FALSE);
      return;
    }
  if (!self->names_loaded)
    {
      /* Its rows come right after the professionals' rules. */
      section->wanted = TRUE;
      section_set_loading (section, TRUE);
      if (self->names_cancellable == NULL)
        turnos_reservations_refresh (self);
      return;
    }
  request_page (self, kind, TRUE);
}

void
turnos_reservations_cancel (TurnosReservations    *self,
                            TurnosReservationItem *item)
{
  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));
  g_return_if_fail (TURNOS_IS_RESERVATION_ITEM (item));

  turnos_client_cancel_reservation_async (self->client,
                                          turnos_reservation_item_get_reservation (item)->id,
                                          NULL, cancel_cb, cancel_new (self, item));
}

void
turnos_reservations_set_may_override (TurnosReservations *self,
                                      gboolean            may_override)
{
  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));

  if (self->may_override == !!may_override)
    return;
  self->may_override = !!may_override;
  /* What each row offers follows: asked for again. */
  if (self->client_id != NULL && *self->client_id != '\0')
    request_first_pages_when_named (self);
}

void
turnos_reservations_cancel_with_reason (TurnosReservations    *self,
                                        TurnosReservationItem *item,
                                        const char            *reason)
{
  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));
  g_return_if_fail (TURNOS_IS_RESERVATION_ITEM (item));
  g_return_if_fail (reason != NULL && *reason != '\0');

  turnos_client_cancel_reservation_with_reason_async (self->client,
                                                      turnos_reservation_item_get_reservation (item)->id,
                                                      reason, NULL, cancel_cb,
                                                      cancel_new (self, item));
}

TurnosReservationItem *
turnos_reservations_find (TurnosReservations *self,
                          const char         *id)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATIONS (self), NULL);

  for (guint k = 0; id != NULL && k < N_KINDS; k++)
    {
      GListModel *items = G_LIST_MODEL (self->sections[k]->items);

      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(TurnosReservationItem) item = g_list_model_get_item (items, i);

          if (g_strcmp0 (turnos_reservation_item_get_reservation (item)->id, id) == 0)
            return item;   /* the section keeps it */
        }
    }
  return NULL;
}

void
turnos_reservations_set_clock (TurnosReservations      *self,
                               TurnosReservationsClock  clock,
                               gpointer                 user_data)
{
  g_return_if_fail (TURNOS_IS_RESERVATIONS (self));

  self->clock = clock;
  self->clock_data = user_data;
}
