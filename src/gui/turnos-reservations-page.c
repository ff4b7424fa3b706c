/* turnos-reservations-page.c: a patient's reservations: see, add to a calendar, cancel, pay
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-calendar-export.h"
#include "turnos-error.h"
#include "turnos-format.h"
#include "turnos-ics.h"
#include "turnos-reservation-row.h"
#include "turnos-reservations-page.h"
#include "turnos-reservations-tab.h"
#include "turnos-series-plan.h"

struct _TurnosReservationsPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toasts;
  GtkStack           *stack;
  AdwViewSwitcher    *switcher;
  AdwViewStack       *view_stack;

  /* Owned references */
  TurnosReservations *reservations;
  TurnosBooking      *booking;
  TurnosSeriesPlan   *series;         /* "Cancel this and following" */
  GCancellable       *cancellable;    /* Add to Calendar's, until disposed */
};

G_DEFINE_FINAL_TYPE (TurnosReservationsPage, turnos_reservations_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_RESERVATIONS,
  PROP_BOOKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Helpers
 */

static void
toast (TurnosReservationsPage *self,
       const char             *text,
       const char             *button,
       const char             *action,
       GVariant               *target)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 8);
  if (button != NULL)
    {
      adw_toast_set_button_label (t, button);
      adw_toast_set_action_name (t, action);
      if (target != NULL)
        adw_toast_set_action_target_value (t, target);
    }
  adw_toast_overlay_add_toast (self->toasts, t);
  /* Screen readers hear it too (GTK 4.8 has no announce call). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->toasts), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

static void
update_stack (TurnosReservationsPage *self)
{
  const char *client_id = turnos_reservations_get_client_id (self->reservations);

  gtk_stack_set_visible_child_name (self->stack, client_id && *client_id ? "tabs" : "no-patient");
}

/* A tab is asked for the first time it is shown. */
static void
on_tab_shown_cb (TurnosReservationsPage *self)
{
  GtkWidget *tab = adw_view_stack_get_visible_child (self->view_stack);
  TurnosReservationSection *section;

  if (tab == NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  g_object_get (tab, "section", &section, NULL);
  if (!turnos_reservation_section_get_loaded (section) && !turnos_reservation_section_get_loading (section))
    turnos_reservations_load_more (self->reservations, turnos_reservation_section_get_kind (section));
  g_object_unref (section);
}

static TurnosReservationItem *
find_item (TurnosReservationsPage *self,
           GVariant               *parameter)
{
  return turnos_reservations_find (self->reservations, g_variant_get_string (parameter, NULL));
}

static void
add_tab (TurnosReservationsPage *self,
         TurnosReservationsKind  kind,
         const char             *name,
         const char             *title,
         const char             *icon_name,
         const char             *list_label,
         const char             *empty_title,
         const char             *empty_description,
         const char             *empty_action_label,
         const char             *more_label)
{
  GtkWidget *tab = g_object_new (TURNOS_TYPE_RESERVATIONS_TAB,
                                 "section", turnos_reservations_get_section (self->reservations, kind),
                                 "at-clinic", turnos_client_is_local (turnos_reservations_get_client (self->reservations)),
                                 "empty-title", empty_title,
                                 "empty-description", empty_description,
                                 "empty-icon-name", icon_name,
                                 "empty-action-label", empty_action_label,
                                 "empty-action-name", empty_action_label ? "reservations.book" : NULL,
                                 "more-label", more_label,
                                 "list-label", list_label,
                                 NULL);

  adw_view_stack_add_titled_with_icon (self->view_stack, tab, name, title, icon_name);
}

/*
 * Actions
 */

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  TurnosReservationsPage *self = user_data;
  const char *id = g_object_get_data (G_OBJECT (dialog), "reservation-id");
  TurnosReservationItem *item = turnos_reservations_find (self->reservations, id);

  if (g_str_equal (response, "cancel") && item != NULL)
    turnos_reservations_cancel (self->reservations, item);
  else if (g_str_equal (response, "following") && item != NULL)
    turnos_series_plan_cancel_following (self->series, turnos_reservation_item_get_reservation (item),
                                         NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (widget);
  TurnosReservationItem *item = find_item (self, parameter);
  TurnosReservation *r;
  g_autofree char *day = NULL;
  g_autofree char *range = NULL;
  g_autofree char *body = NULL;
  const char *name;
  gboolean hold;
  GtkWidget *dialog;

  if (item == NULL || !turnos_reservation_item_get_can_cancel (item))
    return;
  r = turnos_reservation_item_get_reservation (item);
  name = turnos_reservation_item_get_professional_name (item);
  hold = turnos_reservation_item_get_state (item) == TURNOS_RESERVATION_PENDING_PAYMENT;
  day = turnos_format_day (r->start);
  range = turnos_format_time_range (r->start, r->end);
  if (hold)
    /* Translators: professional, day, time range */
    body = g_strdup_printf (_("The time held for you with %s on %s, %s, is given back to others, and its payment can no longer be made."),
                            name, day, range);
  else
    /* Translators: professional, day, time range */
    body = g_strdup_printf (_("The session with %s on %s, %s, will be cancelled and the time freed for others."),
                            name, day, range);
  if (!hold && r->series_id != NULL)
    {
      char *more = g_strconcat (body, " ", _("It is part of a weekly series: the later sessions can be cancelled with it."), NULL);

      g_free (body);
      body = more;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   hold ? _("Give Back This Time?") : _("Cancel This Session?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", hold ? _("_Keep It") : _("_Keep Session"),
                                    "cancel", hold ? _("_Give It Back") : _("_Cancel Session"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                              ADW_RESPONSE_DESTRUCTIVE);
  /* A weekly series: this one only, or this one and every later one. */
  if (!hold && r->series_id != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "following",
                                       _("Cancel _This and Following"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "following",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                             _("Cancel _Only This One"));
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data_full (G_OBJECT (dialog), "reservation-id", g_strdup (r->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TurnosReservationsPage) self = user_data;
  g_autofree char *text = turnos_calendar_export_finish (result);

  if (text != NULL)
    toast (self, text, NULL, NULL, NULL);
}

/* Writes the session's .ics and opens it; a cancelled session's says STATUS:CANCELLED, with
 * the same UID, so importing it cancels the event added before. */
static void
add_to_calendar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (widget);
  TurnosReservationItem *item = find_item (self, parameter);
  g_autofree char *title = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (item == NULL)
    return;
  /* Translators: the calendar event's title; %s is the professional */
  title = g_strdup_printf (_("Session with %s"), turnos_reservation_item_get_professional_name (item));
  turnos_calendar_export_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                turnos_reservation_item_get_reservation (item), title,
                                self->cancellable, exported_cb, g_object_ref (self));
}

static void
pay_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (widget);
  TurnosReservationItem *item = find_item (self, parameter);

  if (item == NULL || self->booking == NULL || !turnos_reservation_item_get_can_pay (item))
    return;
  turnos_booking_resume_payment (self->booking, turnos_reservation_item_get_reservation (item));
  gtk_widget_activate_action (widget, "win.view", "s", "booking");
}

/* "Reschedule…": the booking page on the session's professional, modality and day, with its
 * old time shown; confirming there moves it. */
static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (widget);
  TurnosReservationItem *item = find_item (self, parameter);

  if (item == NULL || self->booking == NULL || !turnos_reservation_item_get_can_cancel (item))
    return;
  turnos_booking_reschedule (self->booking, turnos_reservation_item_get_reservation (item));
  gtk_widget_activate_action (widget, "win.view", "s", "booking");
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gtk_widget_activate_action (widget, "win.view", "s", "booking");
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  turnos_reservations_refresh (TURNOS_RESERVATIONS_PAGE (widget)->reservations);
}

static void
load_more_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (widget);
  g_autoptr(GEnumClass) kinds = g_type_class_ref (TURNOS_TYPE_RESERVATIONS_KIND);
  GEnumValue *kind = g_enum_get_value_by_nick (kinds, g_variant_get_string (parameter, NULL));

  if (kind != NULL)
    turnos_reservations_load_more (self->reservations, kind->value);
}

/*
 * Callbacks
 */

static void
on_cancelled_cb (TurnosReservationsPage *self,
                 TurnosReservation      *r)
{
  if (g_strcmp0 (r->cancel_reason, "released") == 0)
    {
      toast (self, _("The held time was given back."), NULL, NULL, NULL);
      return;
    }
  /* The event added to a calendar before is cancelled by importing this one. */
  toast (self, _("Session cancelled. The time is free again."), _("_Update Your Calendar"),
         "reservations.add-to-calendar", g_variant_new_string (r->id));
}

static void
on_series_cancelled_cb (TurnosReservationsPage *self,
                        GPtrArray              *cancelled)
{
  g_autofree char *text = NULL;

  /* Translators: after "Cancel This and Following" */
  text = g_strdup_printf (ngettext ("%u session cancelled. The time is free again.",
                                    "%u sessions cancelled. The time is free again.",
                                    cancelled->len), cancelled->len);
  toast (self, text, NULL, NULL, NULL);
  turnos_reservations_refresh (self->reservations);
}

static void on_failed_cb (TurnosReservationsPage *self, const GError *error);

static void
on_series_failed_cb (TurnosReservationsPage *self,
                     const GError           *error)
{
  on_failed_cb (self, error);
  turnos_reservations_refresh (self->reservations);
}

static void
on_failed_cb (TurnosReservationsPage *self,
              const GError           *error)
{
  g_autofree char *message = NULL;

  /* The notice passed while the page was open. At the clinic's own desk there is no clinic
   * to call: say only what happened. */
  if (g_strcmp0 (turnos_client_error_get_api_code (error), TURNOS_CODE_TOO_LATE_TO_CANCEL) == 0 &&
      turnos_client_is_local (turnos_reservations_get_client (self->reservations)))
    message = g_strdup (_("This session starts too soon to be cancelled now."));
  else
    message = turnos_format_error (error);
  toast (self, message, NULL, NULL, NULL);
}

/*
 * GObject overrides
 */

static void
turnos_reservations_page_map (GtkWidget *widget)
{
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (widget);

  GTK_WIDGET_CLASS (turnos_reservations_page_parent_class)->map (widget);
  /* Changes made elsewhere show up whenever the page is shown, and a pending payment follows
   * the server while it is. */
  turnos_reservations_set_following (self->reservations, TRUE);
  turnos_reservations_refresh (self->reservations);
  on_tab_shown_cb (self);
}

static void
turnos_reservations_page_unmap (GtkWidget *widget)
{
  turnos_reservations_set_following (TURNOS_RESERVATIONS_PAGE (widget)->reservations, FALSE);
  GTK_WIDGET_CLASS (turnos_reservations_page_parent_class)->unmap (widget);
}

static void
turnos_reservations_page_constructed (GObject *object)
{
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (object);

  G_OBJECT_CLASS (turnos_reservations_page_parent_class)->constructed (object);

  /* Translators: My Reservations' tabs, after Cal.com's */
  add_tab (self, TURNOS_RESERVATIONS_UPCOMING, "upcoming", _("Upcoming"), "x-office-calendar-symbolic",
           _("Upcoming sessions"), _("No Upcoming Sessions"),
           _("Sessions booked for this patient from today on show here."), _("_Book a Session"),
           _("_Show More"));
  add_tab (self, TURNOS_RESERVATIONS_PAST, "past", _("Past"), "document-open-recent-symbolic",
           _("Past sessions"), _("No Past Sessions"),
           _("Sessions this patient had before today show here."), NULL,
           _("_Show Earlier Sessions"));
  add_tab (self, TURNOS_RESERVATIONS_CANCELLED, "cancelled", C_("tab", "Cancelled"),
           "edit-delete-symbolic", _("Cancelled sessions"), _("Nothing Cancelled"),
           _("Cancelled sessions, and times held for a deposit that was not paid, show here."), NULL,
           _("_Show Earlier Sessions"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.pay", self->booking != NULL);

  g_signal_connect_object (self->view_stack, "notify::visible-child", G_CALLBACK (on_tab_shown_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reservations, "notify::client-id", G_CALLBACK (update_stack), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reservations, "cancelled", G_CALLBACK (on_cancelled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reservations, "failed", G_CALLBACK (on_failed_cb), self, G_CONNECT_SWAPPED);
  self->series = turnos_series_plan_new (turnos_reservations_get_client (self->reservations));
  g_signal_connect_object (self->series, "cancelled", G_CALLBACK (on_series_cancelled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->series, "failed", G_CALLBACK (on_series_failed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reservations.reschedule", self->booking != NULL);
  update_stack (self);
}

static void
turnos_reservations_page_dispose (GObject *object)
{
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_RESERVATIONS_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  if (self->reservations != NULL)
    turnos_reservations_set_following (self->reservations, FALSE);
  g_clear_object (&self->reservations);
  g_clear_object (&self->booking);
  if (self->series != NULL)
    g_signal_handlers_disconnect_by_data (self->series, self);
  g_clear_object (&self->series);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (turnos_reservations_page_parent_class)->dispose (object);
}

static void
turnos_reservations_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_RESERVATIONS:
      g_value_set_object (value, self->reservations);
      break;
    case PROP_BOOKING:
      g_value_set_object (value, self->booking);
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
  TurnosReservationsPage *self = TURNOS_RESERVATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_RESERVATIONS:
      self->reservations = g_value_dup_object (value);
      break;
    case PROP_BOOKING:
      self->booking = g_value_dup_object (value);
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
  widget_class->unmap = turnos_reservations_page_unmap;

  properties[PROP_RESERVATIONS] =
    g_param_spec_object ("reservations", NULL, NULL, TURNOS_TYPE_RESERVATIONS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BOOKING] =
    g_param_spec_object ("booking", NULL, NULL, TURNOS_TYPE_BOOKING,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TURNOS_TYPE_RESERVATIONS_TAB);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-reservations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsPage, switcher);
  gtk_widget_class_bind_template_child (widget_class, TurnosReservationsPage, view_stack);
  gtk_widget_class_install_action (widget_class, "reservations.cancel", "s", cancel_action);
  gtk_widget_class_install_action (widget_class, "reservations.add-to-calendar", "s",
                                   add_to_calendar_action);
  gtk_widget_class_install_action (widget_class, "reservations.pay", "s", pay_action);
  gtk_widget_class_install_action (widget_class, "reservations.reschedule", "s", reschedule_action);
  gtk_widget_class_install_action (widget_class, "reservations.book", NULL, book_action);
  gtk_widget_class_install_action (widget_class, "reservations.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "reservations.load-more", "s", load_more_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "reservations.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "reservations.refresh", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_reservations_page_init (TurnosReservationsPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
turnos_reservations_page_new (TurnosReservations *reservations,
                              TurnosBooking      *booking)
{
  g_return_val_if_fail (TURNOS_IS_RESERVATIONS (reservations), NULL);
  g_return_val_if_fail (booking == NULL || TURNOS_IS_BOOKING (booking), NULL);
  return g_object_new (TURNOS_TYPE_RESERVATIONS_PAGE, "reservations", reservations,
                       "booking", booking, NULL);
}
