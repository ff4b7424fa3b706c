/* turnos-audit-page.c: who did what, when, to what: the admin's audit view
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-audit-page.h"
#include "turnos-format.h"

struct _TurnosAuditPage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkMenuButton  *since_button;
  GtkPopover     *since_popover;
  GtkCalendar    *since_calendar;
  GtkEditable    *actor_entry;
  GtkEditable    *target_entry;
  GtkStack       *stack;
  GtkListBox     *list;
  GtkWidget      *more_button;
  AdwStatusPage  *empty_status;
  AdwStatusPage  *error_status;

  /* Owned references */
  TurnosAuditLog *log;
};

G_DEFINE_FINAL_TYPE (TurnosAuditPage, turnos_audit_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The audit's actions (src/server: turnos_request_audit()) in words. */
static const struct
{
  const char *action;
  const char *words;
} actions[] = {
  { "reservation.create", N_("Made a booking") },
  { "reservation.cancel", N_("Cancelled a booking") },
  { "reservation.cancel.override", N_("Cancelled a booking past the notice") },
  { "reservation.reschedule", N_("Moved a booking") },
  { "reservation.attendance", N_("Marked attendance") },
  { "block.add", N_("Added time off") },
  { "block.remove", N_("Removed time off") },
  { "patient.create", N_("Added a patient") },
  { "patient.edit", N_("Edited a patient") },
  { "patient.export", N_("Exported a patient’s data") },
  { "patient.erase", N_("Erased a patient") },
  { "payment.create", N_("Started a deposit payment") },
  { "payment.approve", N_("Deposit paid") },
  { "payment.decline", N_("Deposit declined") },
  { "professional.create", N_("Added a professional") },
  { "settings.change", N_("Changed a professional’s settings") },
  { "login.failed", N_("Failed to sign in") },
  { "password.failed", N_("Failed to change a password") },
  { "account.password", N_("Changed a password") },
};

/* "booking r-12": what kind of thing, and its id. */
static char *
describe_target (const char *kind,
                 const char *id)
{
  const char *word = kind;

  if (g_str_equal (kind, "reservation"))
    word = C_("audit target", "booking");
  else if (g_str_equal (kind, "block"))
    word = C_("audit target", "time off");
  else if (g_str_equal (kind, "patient"))
    word = C_("audit target", "patient");
  else if (g_str_equal (kind, "professional"))
    word = C_("audit target", "professional");
  else if (g_str_equal (kind, "account"))
    word = C_("audit target", "account");
  else if (g_str_equal (kind, "payment"))
    word = C_("audit target", "payment");
  if (*id == '\0')
    return g_strdup (word);
  /* Translators: what an audit line was done to, its kind then its id: "booking r-12" */
  return g_strdup_printf (C_("audit target", "%s %s"), word, id);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  TurnosAuditItem *entry = item;
  g_autoptr(GDateTime) local = g_date_time_to_local (turnos_audit_item_get_at (entry));
  g_autofree char *day = turnos_format_day (local);
  g_autofree char *time = g_date_time_format (local, "%H:%M");
  g_autofree char *target = describe_target (turnos_audit_item_get_target_kind (entry),
                                             turnos_audit_item_get_target_id (entry));
  const char *actor = turnos_audit_item_get_actor (entry);
  const char *detail = turnos_audit_item_get_detail (entry);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (g_str_equal (actor, "anonymous"))
    actor = _("someone not signed in");
  /* Translators: an audit line's day, time, who, and what it was done to:
   * "Monday 2 March 2026, 11:00 · by desk · booking r-12" */
  subtitle = g_strdup_printf (_("%s, %s · by %s · %s"), day, time, actor, target);
  if (*detail != '\0')
    {
      char *with_detail = g_strconcat (subtitle, "\n", detail, NULL);

      g_free (subtitle);
      subtitle = with_detail;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 turnos_audit_page_action_words (turnos_audit_item_get_action (entry)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* A label's reading, not markup: ids and reasons are typed by people. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

/* The one place the stack follows the log. */
static void
update_state (TurnosAuditPage *self)
{
  GListModel *entries = turnos_audit_log_get_entries (self->log);
  g_autoptr(GError) error = NULL;
  gboolean loading = turnos_audit_log_get_loading (self->log);
  gboolean has_more = turnos_audit_log_get_has_more (self->log);
  guint n = g_list_model_get_n_items (entries);

  g_object_get (self->log, "error", &error, NULL);
  if (error != NULL && !loading)
    {
      g_autofree char *words = turnos_format_error (error);

      adw_status_page_set_description (self->error_status, words);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      gboolean filtered = turnos_audit_log_get_since (self->log) != NULL ||
                          turnos_audit_log_get_actor (self->log) != NULL ||
                          turnos_audit_log_get_target (self->log) != NULL;

      adw_status_page_set_description (self->empty_status,
                                       filtered ? _("Nothing was done that these filters match.")
                                                : _("Nothing has been done yet."));
      gtk_stack_set_visible_child_name (self->stack, loading ? "loading" : "empty");
    }
  gtk_widget_set_visible (self->more_button, has_more);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.more", has_more && !loading);
}

static void
update_since_label (TurnosAuditPage *self)
{
  const GDate *since = turnos_audit_log_get_since (self->log);
  char text[64];

  g_autofree char *name = NULL;
  GtkWidget *toggle;

  if (since == NULL)
    g_strlcpy (text, _("Any Day"), sizeof text);
  /* Translators: a short date in g_date_strftime() format; reorder as your language writes
   * dates, e.g. "%-d/%m/%Y" */
  else if (g_date_strftime (text, sizeof text, _("%b %-d, %Y"), since) == 0)
    g_strlcpy (text, "?", sizeof text);
  gtk_menu_button_set_label (self->since_button, text);
  /* The button inside is what takes the focus: its name says what it is, and what is set. */
  /* Translators: a button's name for screen readers, "Since: Any Day" or "Since: 2 Mar 2026" */
  name = g_strdup_printf (_("Since: %s"), text);
  toggle = gtk_widget_get_first_child (GTK_WIDGET (self->since_button));
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/*
 * Callbacks
 */

static void
on_day_selected_cb (TurnosAuditPage *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->since_calendar);
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (picked), g_date_time_get_month (picked),
                  g_date_time_get_year (picked));
  turnos_audit_log_set_since (self->log, &day);
  gtk_popover_popdown (self->since_popover);
}

static void
on_actor_changed_cb (TurnosAuditPage *self)
{
  turnos_audit_log_set_actor (self->log, gtk_editable_get_text (self->actor_entry));
}

static void
on_target_changed_cb (TurnosAuditPage *self)
{
  turnos_audit_log_set_target (self->log, gtk_editable_get_text (self->target_entry));
}

static void
any_day_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TurnosAuditPage *self = TURNOS_AUDIT_PAGE (widget);

  turnos_audit_log_set_since (self->log, NULL);
  gtk_popover_popdown (self->since_popover);
}

static void
more_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  turnos_audit_log_load_more (TURNOS_AUDIT_PAGE (widget)->log);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  turnos_audit_log_refresh (TURNOS_AUDIT_PAGE (widget)->log);
}

/*
 * GObject overrides
 */

static void
turnos_audit_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (turnos_audit_page_parent_class)->map (widget);
  turnos_audit_log_refresh (TURNOS_AUDIT_PAGE (widget)->log);
}

static void
turnos_audit_page_constructed (GObject *object)
{
  TurnosAuditPage *self = TURNOS_AUDIT_PAGE (object);

  G_OBJECT_CLASS (turnos_audit_page_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->list, turnos_audit_log_get_entries (self->log), create_row, NULL, NULL);
  g_signal_connect_object (turnos_audit_log_get_entries (self->log), "items-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->log, "notify::loading", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->log, "notify::has-more", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->log, "notify::error", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->log, "notify::since", G_CALLBACK (update_since_label), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->since_calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->actor_entry, "search-changed", G_CALLBACK (on_actor_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->target_entry, "search-changed", G_CALLBACK (on_target_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* Their own names only (a row's activatable widget is also labelled by its title, and
   * GTK 4.8 would read both). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->since_button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->actor_entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->target_entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  update_since_label (self);
  update_state (self);
}

static void
turnos_audit_page_dispose (GObject *object)
{
  TurnosAuditPage *self = TURNOS_AUDIT_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_AUDIT_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->log);

  G_OBJECT_CLASS (turnos_audit_page_parent_class)->dispose (object);
}

static void
turnos_audit_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_LOG:
      g_value_set_object (value, TURNOS_AUDIT_PAGE (object)->log);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_audit_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_LOG:
      TURNOS_AUDIT_PAGE (object)->log = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_audit_page_class_init (TurnosAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = turnos_audit_page_constructed;
  object_class->dispose = turnos_audit_page_dispose;
  object_class->get_property = turnos_audit_page_get_property;
  object_class->set_property = turnos_audit_page_set_property;
  widget_class->map = turnos_audit_page_map;

  properties[PROP_LOG] =
    g_param_spec_object ("log", NULL, NULL, TURNOS_TYPE_AUDIT_LOG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosAuditPage, since_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosAuditPage, since_popover);
  gtk_widget_class_bind_template_child (widget_class, TurnosAuditPage, since_calendar);
  gtk_widget_class_bind_template_child (widget_class, TurnosAuditPage, actor_entry);
  gtk_widget_class_bind_template_child (widget_class, TurnosAuditPage, target_entry);
  gtk_widget_class_bind_template_child (widget_class, TurnosAuditPage, stack);
  gtk_widget_class_bind_template_child (widget_class, TurnosAuditPage, list);
  gtk_widget_class_bind_template_child (widget_class, TurnosAuditPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosAuditPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, TurnosAuditPage, error_status);

  gtk_widget_class_install_action (widget_class, "audit.any-day", NULL, any_day_action);
  gtk_widget_class_install_action (widget_class, "audit.more", NULL, more_action);
  gtk_widget_class_install_action (widget_class, "audit.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "audit.refresh", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
turnos_audit_page_init (TurnosAuditPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

GtkWidget *
turnos_audit_page_new (TurnosAuditLog *log)
{
  g_return_val_if_fail (TURNOS_IS_AUDIT_LOG (log), NULL);
  return g_object_new (TURNOS_TYPE_AUDIT_PAGE, "log", log, NULL);
}

const char *
turnos_audit_page_action_words (const char *action)
{
  g_return_val_if_fail (action != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (actions[i].action, action))
      return _(actions[i].words);
  return action;
}
