/* turnos-reservations-page.c: a patient's reservations: see, add to a calendar, cancel
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-format.h"
#include "turnos-ics.h"
#include "turnos-reservation-row.h"
#include "turnos-reservations-page.h"

struct _TurnosReservationsPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  AdwStatusPage      *error_status;

  /* Owned references */
  TurnosReservations *reservations;
};

G_DEFINE_FINAL_TYPE (TurnosReservationsPage, turnos_reservations_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RESERVATIONS,
  N_PROPS
};

enum {
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_stack (TurnosReservationsPage *self)
{
  GListModel *items = turnos_reservations_get_items (self->reservations);
  const GError *error = turnos_reservations_get_error (self->reservations);
  const char *page;

  if (g_list_model_get_n_items (items) > 0)
    page = "list";
  else if (turnos_reservations_get_loading (self->reservations))
    page = "loading";
  else if (error != NULL)
    {
      g_autofree char *message = turnos_format_error (error);

      adw_status_page_set_description (self->error_status, message);
      page = "error";
    }
  else
    page = "empty";
  gtk_stack_set_visible_child_name (self->stack, page);
}

static TurnosReservationItem *
find_item (TurnosReservationsPage *self,
           const char             *id)
{
  GListModel *items = turnos_reservations_get_items (self->reservations);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(TurnosReservationItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (turnos_reservation_item_get_reservation (item)->id, id) == 0)
        return item;   /* the list keeps it */
    }
  return NULL;
}

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  TurnosReservationsPage *self = user_data;
  const char *id = g_object_get_data (G_OBJECT (dialog), "reservation-id");
  TurnosReservationItem *item = find_item (self, id);

  if (g_str_equal (response, "cancel") && item != NULL)
    turnos_reservations_cancel (self->reservations, item);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  TurnosReservationItem *item = find_item (self, id);
  TurnosReservation *r;
  g_autofree char *day = NULL;
  g_autofree char *range = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (item == NULL)
    return;
  r = turnos_reservation_item_get_reservation (item);
  day = turnos_format_day (r->start);
  range = turnos_format_time_range (r->start, r->end);
  /* Translators: professional, day, time range */
  body = g_strdup_printf (_("The session with %s on %s, %s, will be cancelled and the time freed for others."),
                          turnos_reservation_item_get_professional_name (item), day, range);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Cancel This Session?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Session"),
                                    "cancel", _("_Cancel Session"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "reservation-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

char *
turnos_reservations_page_ics_path (const char *reservation_id)
{
  g_autofree char *name = g_strdup_printf ("turnos-%s.ics", reservation_id);

  return g_build_filename (g_get_user_cache_dir (), "turnos", name, NULL);
}

static void
show_ics_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TurnosReservationsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_object_steal_data (G_OBJECT (self), "ics-path");

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    {
      /* Translators: %s is a file's path */
      g_autofree char *text = g_strdup_printf (_("No calendar app opened it. The event is saved in %s"), path);

      g_signal_emit (self, signals[MESSAGE], 0, text);
    }
}

static void
add_to_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (widget);
  TurnosReservationItem *item = find_item (self, g_variant_get_string (parameter, NULL));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *uri = NULL;
  TurnosReservation *r;

  if (item == NULL)
    return;
  r = turnos_reservation_item_get_reservation (item);
  /* Translators: the calendar event's title; %s is the professional */
  summary = g_strdup_printf (_("Session with %s"), turnos_reservation_item_get_professional_name (item));
  ics = turnos_ics_from_reservation (r, summary, turnos_format_modality (r->modality), now);
  path = turnos_reservations_page_ics_path (r->id);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_file_set_contents (path, ics, -1, &error))
    {
      g_signal_emit (self, signals[MESSAGE], 0, _("The calendar file could not be written."));
      return;
    }
  if (g_getenv ("TURNOS_NO_BROWSER") != NULL)
    return;
  uri = g_filename_to_uri (path, NULL, NULL);
  g_object_set_data_full (G_OBJECT (self), "ics-path", g_steal_pointer (&path), g_free);
  gtk_show_uri_full (GTK_WINDOW (gtk_widget_get_root (widget)), uri, GDK_CURRENT_TIME, NULL,
                     show_ics_cb, g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  turnos_reservations_refresh (TURNOS_RESERVATIONS_PAGE (widget)->reservations);
}

static void
on_cancelled_cb (TurnosReservationsPage *self)
{
  g_signal_emit (self, signals[MESSAGE], 0, _("Session cancelled. The time is free again."));
}

static void
on_failed_cb (TurnosReservationsPage *self,
              const GError           *error)
{
  g_autofree char *message = turnos_format_error (error);

  g_signal_emit (self, signals[MESSAGE], 0, message);
}

static void
turnos_reservations_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (turnos_reservations_page_parent_class)->map (widget);
  /* Changes made elsewhere show up whenever the page is shown. */
  turnos_reservations_refresh (TURNOS_RESERVATIONS_PAGE (widget)->reservations);
}

static void
turnos_reservations_page_constructed (GObject *object)
{
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (object);

  G_OBJECT_CLASS (turnos_reservations_page_parent_class)->constructed (object);

  gtk_single_selection_set_model (self->selection, turnos_reservations_get_items (self->reservations));
  g_signal_connect_object (self->reservations, "notify", G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (turnos_reservations_get_items (self->reservations), "items-changed",
                           G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reservations, "cancelled", G_CALLBACK (on_cancelled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reservations, "failed", G_CALLBACK (on_failed_cb), self, G_CONNECT_SWAPPED);
  update_stack (self);
}

static void
turnos_reservations_page_dispose (GObject *object)
{
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_RESERVATIONS_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->reservations);

  G_OBJECT_CLASS (turnos_reservations_page_parent_class)->dispose (object);
}

static void
turnos_reservations_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RESERVATIONS:
      g_value_set_object (value, TURNOS_RESERVATIONS_PAGE (object)->reservations);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reservations_page_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_RESERVATIONS:
      TURNOS_RESERVATIONS_PAGE (object)->reservations = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_reservations_page_class_init (TurnosReservationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = turnos_reservations_page_constructed;
  object_class->dispose = turnos_reservations_page_dispose;
  object_class->get_property = turnos_reservations_page_get_property;
  object_class->set_property = turnos_reservations_page_set_property;
  widget_class->map = turnos_reservations_page_map;

  properties[PROP_RESERVATIONS] =
    g_param_spec_object ("reservations", NULL, NULL, TURNOS_TYPE_RESERVATIONS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (TURNOS_TYPE_RESERVATION_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-reservations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsPage, error_status);
  gtk_widget_class_install_action (widget_class, "reservations.cancel", "s", cancel_action);
  gtk_widget_class_install_action (widget_class, "reservations.add-to-calendar", "s",
                                   add_to_calendar_action);
  gtk_widget_class_install_action (widget_class, "reservations.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "reservations.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "reservations.refresh", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_reservations_page_init (TurnosReservationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
turnos_reservations_page_new (TurnosReservations *reservations)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATIONS (reservations), NULL);
  return g_object_new (TURNOS_TYPE_RESERVATIONS_PAGE, "reservations", reservations, NULL);
}
