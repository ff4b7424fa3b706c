/* turnos-agenda-page.c: the front desk's agenda, every professional's day side by side
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-agenda-page.h"
#include "turnos-agenda-print.h"
#include "turnos-format.h"

struct _TurnosAgendaPage
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkWidget        *previous_button;
  GtkLabel         *date_label;
  GtkSpinner       *spinner;
  GtkLabel         *error_label;
  GtkWidget        *scroller;
  GtkWidget        *columns_box;

  /* Owned references */
  TurnosDeskAgenda *agenda;
  GHashTable       *column_widgets;   /* TurnosDeskDay → its column's GtkBox (ref) */
  GCancellable     *cancellable;      /* printing */
  char             *title;
  char             *selected;         /* the chosen session's reservation id */

  /* State */
  gboolean          loaded;
  gboolean          restoring;        /* selecting a row again, not the user */
};

G_DEFINE_FINAL_TYPE (TurnosAgendaPage, turnos_agenda_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_AGENDA,
  PROP_TITLE,
  N_PROPS
};

enum {
  MESSAGE,
  RESCHEDULE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What a column widget keeps (object data). */
#define COLUMN_LIST "turnos-list"
#define COLUMN_HEADER "turnos-header"
#define COLUMN_PLACEHOLDER "turnos-placeholder"
#define ROW_ENTRY "turnos-entry"
#define ROW_MENU "turnos-menu"

/*
 * Helpers
 */

static TurnosAgendaPage *
page_of (GtkWidget *widget)
{
  return TURNOS_AGENDA_PAGE (gtk_widget_get_ancestor (widget, TURNOS_TYPE_AGENDA_PAGE));
}

static TurnosReservation *
row_reservation (GtkWidget *row)
{
  TurnosDeskEntry *entry = g_object_get_data (G_OBJECT (row), ROW_ENTRY);

  return entry ? turnos_desk_entry_get_reservation (entry) : NULL;
}

/* The session @id among the columns' entries, or NULL. (transfer none) */
static TurnosReservation *
find_reservation (TurnosAgendaPage *self,
                  const char       *id)
{
  GListModel *columns = turnos_desk_agenda_get_columns (self->agenda);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(TurnosDeskDay) column = g_list_model_get_item (columns, i);
      GListModel *entries = turnos_desk_day_get_entries (column);

      for (guint j = 0; j < g_list_model_get_n_items (entries); j++)
        {
          g_autoptr(TurnosDeskEntry) e = g_list_model_get_item (entries, j);
          TurnosReservation *r = turnos_desk_entry_get_reservation (e);

          if (r != NULL && g_strcmp0 (r->id, id) == 0)
            return r;
        }
    }
  return NULL;
}

/* "José Pérez", or the patient's id until the name is read. */
static const char *
patient_name (TurnosAgendaPage  *self,
              TurnosReservation *r)
{
  return turnos_patient_names_get_name (turnos_desk_agenda_get_patients (self->agenda), r->client_id);
}

static const char *
attendance_text (TurnosAttendance attendance)
{
  switch (attendance)
    {
    case TURNOS_ATTENDANCE_ARRIVED:
      return _("Arrived");
    case TURNOS_ATTENDANCE_NO_SHOW:
      return _("Did not come");
    case TURNOS_ATTENDANCE_NONE:
    default:
      return NULL;
    }
}

/* A row's words: who, phone, modality and attendance for a session. */
static void
update_row (TurnosAgendaPage *self,
            GtkWidget        *row)
{
  TurnosDeskEntry *entry = g_object_get_data (G_OBJECT (row), ROW_ENTRY);
  TurnosReservation *r = turnos_desk_entry_get_reservation (entry);
  TurnosPerson *p;
  GtkWidget *menu = g_object_get_data (G_OBJECT (row), ROW_MENU);
  g_autoptr(GString) text = NULL;
  g_autofree char *range = NULL;
  g_autofree char *label = NULL;
  const char *said;

  if (r == NULL)
    return;
  p = turnos_patient_names_lookup (turnos_desk_agenda_get_patients (self->agenda), r->client_id);
  text = g_string_new (patient_name (self, r));
  if (p != NULL && p->phone != NULL)
    g_string_append_printf (text, " · %s", p->phone);
  g_string_append_printf (text, " · %s", turnos_format_modality (r->modality));
  if ((said = attendance_text (r->attendance)) != NULL)
    g_string_append_printf (text, " · %s", said);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text->str);

  range = turnos_format_time_range (r->start, r->end);
  /* Translators: the accessible name of a session's menu: time range, patient */
  label = g_strdup_printf (_("Actions for %s, %s"), range, patient_name (self, r));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (menu, label);
}

static GMenuModel *
session_menu (TurnosReservation *r)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) came = g_menu_new ();
  g_autoptr(GMenu) cancel = g_menu_new ();

#define ADD(m, label, action)                                                   \
  G_STMT_START {                                                                \
    g_autoptr(GMenuItem) i = g_menu_item_new (label, NULL);                     \
    g_menu_item_set_action_and_target_value (i, action, g_variant_new_string (r->id)); \
    g_menu_append_item (m, i);                                                  \
  } G_STMT_END
  if (r->attendance != TURNOS_ATTENDANCE_ARRIVED)
    ADD (came, _("Mark _Arrived"), "agenda.arrived");
  if (r->attendance != TURNOS_ATTENDANCE_NO_SHOW)
    ADD (came, _("Mark _No-Show"), "agenda.no-show");
  if (r->attendance != TURNOS_ATTENDANCE_NONE)
    ADD (came, _("C_lear Attendance"), "agenda.clear-attendance");
  ADD (cancel, _("_Reschedule…"), "agenda.reschedule");
  ADD (cancel, _("_Cancel Session…"), "agenda.cancel");
#undef ADD
  g_menu_append_section (menu, NULL, G_MENU_MODEL (came));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (cancel));
  return G_MENU_MODEL (menu);
}

/* The free times from @entry on that no session or time off parts: one gap on the
 * timeline, shown by its first free time's row. Returns FALSE for a free time inside a gap
 * (its row is hidden); otherwise sets the gap's last end and its number of free times. */
static gboolean
free_gap (GListModel      *entries,
          TurnosDeskEntry *entry,
          GDateTime      **end,
          guint           *count)
{
  guint n = g_list_model_get_n_items (entries);
  guint i;

  for (i = 0; i < n; i++)
    {
      g_autoptr(TurnosDeskEntry) e = g_list_model_get_item (entries, i);

      if (e == entry)
        break;
    }
  if (i > 0)
    {
      g_autoptr(TurnosDeskEntry) before = g_list_model_get_item (entries, i - 1);

      if (turnos_desk_entry_get_kind (before) == TURNOS_DESK_ENTRY_FREE)
        return FALSE;
    }
  *end = turnos_desk_entry_get_end (entry);
  *count = 0;
  for (; i < n; i++)
    {
      g_autoptr(TurnosDeskEntry) e = g_list_model_get_item (entries, i);

      if (turnos_desk_entry_get_kind (e) != TURNOS_DESK_ENTRY_FREE)
        break;
      if (g_date_time_compare (turnos_desk_entry_get_end (e), *end) > 0)
        *end = turnos_desk_entry_get_end (e);
      (*count)++;
    }
  return TRUE;
}

/* A free time right after another is inside the gap its first one shows. */
static gboolean
starts_row (gpointer item,
            gpointer user_data)
{
  GListModel *entries = user_data;
  GDateTime *end;
  guint count;

  return turnos_desk_entry_get_kind (item) != TURNOS_DESK_ENTRY_FREE ||
         free_gap (entries, item, &end, &count);
}

/* What a column's rows are made from: the page (which outlives its lists) and the day. */
typedef struct
{
  TurnosAgendaPage *self;
  TurnosDeskDay    *day;    /* owned */
} RowMaker;

static void
row_maker_free (gpointer data)
{
  RowMaker *maker = data;

  g_clear_object (&maker->day);
  g_free (maker);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RowMaker *maker = user_data;
  TurnosAgendaPage *self = maker->self;
  TurnosDeskEntry *entry = item;
  g_autofree char *range = turnos_format_time_range (turnos_desk_entry_get_start (entry),
                                                     turnos_desk_entry_get_end (entry));
  GtkWidget *row = adw_action_row_new ();
  const char *who = turnos_desk_entry_get_who (entry);

  g_object_set_data_full (G_OBJECT (row), ROW_ENTRY, g_object_ref (entry), g_object_unref);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), range);
  switch (turnos_desk_entry_get_kind (entry))
    {
    case TURNOS_DESK_ENTRY_RESERVATION:
      {
        TurnosReservation *r = turnos_desk_entry_get_reservation (entry);
        g_autoptr(GMenuModel) model = session_menu (r);
        GtkWidget *menu = gtk_menu_button_new ();

        gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
        gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu), model);
        gtk_widget_set_valign (menu, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (menu, "flat");
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu);
        /* Enter on the row opens its menu. */
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), menu);
        g_object_set_data (G_OBJECT (row), ROW_MENU, menu);
        adw_action_row_set_icon_name (ADW_ACTION_ROW (row),
                                      r->attendance == TURNOS_ATTENDANCE_ARRIVED ? "emblem-ok-symbolic"
                                      : r->attendance == TURNOS_ATTENDANCE_NO_SHOW ? "action-unavailable-symbolic"
                                      : "avatar-default-symbolic");
        gtk_widget_add_css_class (row, "agenda-session");
        update_row (self, row);
      }
      break;
    case TURNOS_DESK_ENTRY_BLOCK:
      {
        /* Translators: a block in the day, with its reason */
        g_autofree char *text = g_strdup_printf (_("Time off: %s"), who && *who ? who : _("no reason given"));

        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
        adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "action-unavailable-symbolic");
        gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
        gtk_widget_add_css_class (row, "agenda-time-off");
      }
      break;
    case TURNOS_DESK_ENTRY_FREE:
    default:
      {
        GDateTime *end = NULL;
        guint count = 0;

        gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
        gtk_widget_add_css_class (row, "agenda-free");
        /* A gap is one row: its free times are the times one could book in it. */
        if (free_gap (turnos_desk_day_get_entries (maker->day), entry, &end, &count))
          {
            g_autofree char *gap = turnos_format_time_range (turnos_desk_entry_get_start (entry), end);
            g_autofree char *text = NULL;

            adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gap);
            /* Translators: a gap in a professional's day, and how many sessions could start in it */
            text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Free: %u time to book",
                                                 "Free: %u times to book", count), count);
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
          }
      }
      break;
    }
  return row;
}

/* The chosen session's row selected again in @list after its rows were made anew; the focus
 * back on it if the refresh took the focus away. */
static void
restore_selection (TurnosAgendaPage *self,
                   GtkListBox       *list)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->selected == NULL)
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      TurnosReservation *r = GTK_IS_LIST_BOX_ROW (c) ? row_reservation (c) : NULL;

      if (r != NULL && g_str_equal (r->id, self->selected))
        {
          GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

          self->restoring = TRUE;
          gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (c));
          self->restoring = FALSE;
          /* The root may still point at the row just taken away. */
          if ((focus == NULL || gtk_widget_get_root (focus) != root) && gtk_widget_get_mapped (c))
            gtk_widget_grab_focus (c);
          return;
        }
    }
}

static void
update_placeholder (GtkWidget *column)
{
  TurnosDeskDay *day = g_object_get_data (G_OBJECT (column), "turnos-day");
  GtkLabel *placeholder = g_object_get_data (G_OBJECT (column), COLUMN_PLACEHOLDER);
  const GError *error = turnos_desk_day_get_error (day);

  if (error != NULL)
    {
      g_autofree char *text = turnos_format_error (error);

      gtk_label_set_label (placeholder, text);
    }
  else if (turnos_desk_day_get_loading (day))
    gtk_label_set_label (placeholder, _("Loading…"));
  else
    gtk_label_set_label (placeholder, _("Not working this day"));
}

/*
 * Callbacks
 */

static void
on_entries_changed_cb (GtkListBox *list)
{
  TurnosAgendaPage *self = page_of (GTK_WIDGET (list));

  if (self != NULL)
    restore_selection (self, list);
}

static void
on_row_selected_cb (GtkListBox    *list,
                    GtkListBoxRow *row)
{
  TurnosAgendaPage *self = page_of (GTK_WIDGET (list));
  TurnosReservation *r;

  /* A row taken away by a refresh unselects it: the choice stays (restore_selection()). */
  if (self == NULL || self->restoring || row == NULL || (r = row_reservation (GTK_WIDGET (row))) == NULL)
    return;
  g_free (self->selected);
  self->selected = g_strdup (r->id);
  /* One choice in the whole agenda. */
  for (GtkWidget *c = gtk_widget_get_first_child (self->columns_box); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkListBox *other = g_object_get_data (G_OBJECT (c), COLUMN_LIST);

      if (other != list)
        gtk_list_box_unselect_all (other);
    }
}

static void
on_patient_changed_cb (TurnosAgendaPage *self,
                       const char       *id)
{
  for (GtkWidget *c = gtk_widget_get_first_child (self->columns_box); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *list = g_object_get_data (G_OBJECT (c), COLUMN_LIST);

      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          TurnosReservation *r = GTK_IS_LIST_BOX_ROW (row) ? row_reservation (row) : NULL;

          if (r != NULL && g_strcmp0 (r->client_id, id) == 0)
            update_row (self, row);
        }
    }
}

/* A new column for @day: its professional's name over the day's timeline. */
static GtkWidget *
create_column (TurnosAgendaPage *self,
               TurnosDeskDay    *day)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_label_new (NULL);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *placeholder = gtk_label_new (NULL);
  g_autoptr(GtkFilterListModel) rows = NULL;
  GtkCustomFilter *filter;
  RowMaker *maker;

  gtk_widget_set_size_request (column, 280, -1);
  gtk_widget_set_hexpand (column, TRUE);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (header, "heading");
  gtk_box_append (GTK_BOX (column), header);

  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_SINGLE);
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_widget_add_css_class (list, "boxed-list");
  /* A row per session, per time off, and per gap (its first free time). */
  filter = gtk_custom_filter_new (starts_row, turnos_desk_day_get_entries (day), NULL);
  rows = gtk_filter_list_model_new (g_object_ref (turnos_desk_day_get_entries (day)), GTK_FILTER (filter));
  maker = g_new0 (RowMaker, 1);
  maker->self = self;
  maker->day = g_object_ref (day);
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (rows), create_row, maker, row_maker_free);
  gtk_box_append (GTK_BOX (column), list);

  g_object_set_data (G_OBJECT (column), COLUMN_LIST, list);
  g_object_set_data (G_OBJECT (column), COLUMN_HEADER, header);
  g_object_set_data (G_OBJECT (column), COLUMN_PLACEHOLDER, placeholder);
  g_object_set_data_full (G_OBJECT (column), "turnos-day", g_object_ref (day), g_object_unref);
  /* After the list box's own handler has made the rows. */
  g_signal_connect_object (rows, "items-changed", G_CALLBACK (on_entries_changed_cb), list,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (day, "notify::loading", G_CALLBACK (update_placeholder), column, G_CONNECT_SWAPPED);
  g_signal_connect_object (day, "notify::error", G_CALLBACK (update_placeholder), column, G_CONNECT_SWAPPED);
  g_signal_connect (list, "row-selected", G_CALLBACK (on_row_selected_cb), NULL);
  update_placeholder (column);
  return column;
}

/* The columns in the agenda's order; a professional's column widget is kept across
 * refreshes (its list, its choice). */
static void
on_columns_changed_cb (TurnosAgendaPage *self)
{
  GListModel *columns = turnos_desk_agenda_get_columns (self->agenda);
  GListModel *professionals = turnos_desk_agenda_get_professionals (self->agenda);
  g_autoptr(GHashTable) old = g_steal_pointer (&self->column_widgets);
  GtkWidget *c;

  self->column_widgets = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  while ((c = gtk_widget_get_first_child (self->columns_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->columns_box), c);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(TurnosDeskDay) day = g_list_model_get_item (columns, i);
      g_autoptr(TurnosProfessional) pro = g_list_model_get_item (professionals, i);
      const char *name = pro ? turnos_professional_get_display_name (pro) : NULL;
      g_autofree char *list_name = NULL;
      GtkWidget *column = old ? g_hash_table_lookup (old, day) : NULL;
      GtkWidget *list;

      if (column == NULL)
        column = create_column (self, day);
      g_hash_table_insert (self->column_widgets, day, g_object_ref_sink (column));
      if (name == NULL)
        name = turnos_desk_day_get_professional_id (day);
      gtk_label_set_label (g_object_get_data (G_OBJECT (column), COLUMN_HEADER), name);
      list = g_object_get_data (G_OBJECT (column), COLUMN_LIST);
      /* Translators: the accessible name of a professional's column */
      list_name = g_strdup_printf (_("The day of %s"), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, list_name, -1);
      gtk_box_append (GTK_BOX (self->columns_box), column);
      restore_selection (self, GTK_LIST_BOX (list));
    }
}

static void
update_title (TurnosAgendaPage *self)
{
  g_autofree char *title = turnos_agenda_format_date (turnos_desk_agenda_get_date (self->agenda));

  gtk_label_set_label (self->date_label, title);
  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

static void
on_date_changed_cb (TurnosAgendaPage *self)
{
  /* Another day, other sessions. */
  g_clear_pointer (&self->selected, g_free);
  update_title (self);
}

static void
on_state_changed_cb (TurnosAgendaPage *self)
{
  const GError *error = turnos_desk_agenda_get_error (self->agenda);
  gboolean loading = turnos_desk_agenda_get_loading (self->agenda);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error != NULL)
    {
      g_autofree char *text = turnos_format_error (error);

      gtk_label_set_label (self->error_label, text);
    }
}

static void
on_failed_cb (TurnosAgendaPage *self,
              const GError     *error)
{
  g_autofree char *text = turnos_format_error (error);

  g_signal_emit (self, signals[MESSAGE], 0, text);
}

static char *
reason_of (AdwMessageDialog *dialog)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

static void
on_reason_changed_cb (AdwMessageDialog *dialog)
{
  g_autofree char *reason = reason_of (dialog);

  adw_message_dialog_set_response_enabled (dialog, "cancel", *reason != '\0');
}

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       TurnosAgendaPage *self)
{
  TurnosReservation *r = g_object_get_data (G_OBJECT (dialog), "turnos-reservation");
  g_autofree char *reason = NULL;

  if (!g_str_equal (response, "cancel"))
    return;
  if (adw_message_dialog_get_extra_child (dialog) != NULL)
    {
      reason = reason_of (dialog);
      if (*reason == '\0')
        return;
    }
  turnos_desk_agenda_cancel (self->agenda, r, reason);
}

/* Asks before cancelling @r; with @past_notice, asks why too (the reason goes to the audit). */
static void
ask_cancel (TurnosAgendaPage  *self,
            TurnosReservation *r,
            gboolean           past_notice)
{
  g_autofree char *range = turnos_format_time_range (r->start, r->end);
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (past_notice)
    /* Translators: patient, time range */
    body = g_strdup_printf (_("The session of %s at %s is closer than the professional’s cancel "
                              "notice. Say why it is cancelled anyway: the reason is kept in the audit."),
                            patient_name (self, r), range);
  else
    /* Translators: patient, time range */
    body = g_strdup_printf (_("The session of %s at %s is cancelled and its time is free again."),
                            patient_name (self, r), range);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   past_notice ? _("Cancel Past the Notice?") : _("Cancel This Session?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep Session"),
                                    "cancel", past_notice ? _("_Cancel Anyway") : _("_Cancel Session"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  if (past_notice)
    {
      GtkWidget *entry = gtk_entry_new ();

      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason, such as “the patient called in sick”"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"), -1);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel", FALSE);
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog);
    }
  g_object_set_data_full (G_OBJECT (dialog), "turnos-reservation", turnos_reservation_ref (r),
                          (GDestroyNotify) turnos_reservation_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  if (past_notice)
    gtk_widget_grab_focus (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)));
}

static void
on_reason_needed_cb (TurnosAgendaPage  *self,
                     TurnosReservation *r)
{
  ask_cancel (self, r, TRUE);
}

static void
print_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TurnosAgendaPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!turnos_agenda_print_finish (TURNOS_DESK_AGENDA (object), result, &error) && error != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

/*
 * Actions
 */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TurnosAgendaPage *self = TURNOS_AGENDA_PAGE (widget);

  if (g_str_equal (action_name, "agenda.today"))
    turnos_desk_agenda_today (self->agenda);
  else
    turnos_desk_agenda_move (self->agenda, g_str_equal (action_name, "agenda.next") ? 1 : -1);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TurnosAgendaPage *self = TURNOS_AGENDA_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  turnos_agenda_print_async (self->agenda, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                             self->cancellable, print_cb, g_object_ref (self));
}

static void
session_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TurnosAgendaPage *self = TURNOS_AGENDA_PAGE (widget);
  TurnosReservation *r = find_reservation (self, g_variant_get_string (parameter, NULL));

  if (r == NULL)
    return;   /* gone meanwhile */
  if (g_str_equal (action_name, "agenda.cancel"))
    ask_cancel (self, r, FALSE);
  else if (g_str_equal (action_name, "agenda.reschedule"))
    g_signal_emit (self, signals[RESCHEDULE], 0, r);
  else if (g_str_equal (action_name, "agenda.arrived"))
    turnos_desk_agenda_set_attendance (self->agenda, r, TURNOS_ATTENDANCE_ARRIVED);
  else if (g_str_equal (action_name, "agenda.no-show"))
    turnos_desk_agenda_set_attendance (self->agenda, r, TURNOS_ATTENDANCE_NO_SHOW);
  else
    turnos_desk_agenda_set_attendance (self->agenda, r, TURNOS_ATTENDANCE_NONE);
}

/*
 * GObject overrides
 */

static void
turnos_agenda_page_map (GtkWidget *widget)
{
  TurnosAgendaPage *self = TURNOS_AGENDA_PAGE (widget);

  GTK_WIDGET_CLASS (turnos_agenda_page_parent_class)->map (widget);
  /* Asked for the first time it shows. */
  if (!self->loaded)
    {
      self->loaded = TRUE;
      turnos_desk_agenda_load (self->agenda);
    }
}

static void
turnos_agenda_page_constructed (GObject *object)
{
  TurnosAgendaPage *self = TURNOS_AGENDA_PAGE (object);

  G_OBJECT_CLASS (turnos_agenda_page_parent_class)->constructed (object);

  /* The title names a day from the start: today until the agenda is moved. */
  if (turnos_desk_agenda_get_date (self->agenda) == NULL)
    turnos_desk_agenda_today (self->agenda);
  g_signal_connect_object (turnos_desk_agenda_get_columns (self->agenda), "items-changed",
                           G_CALLBACK (on_columns_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->agenda, "notify::date", G_CALLBACK (on_date_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->agenda, "notify::loading", G_CALLBACK (on_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->agenda, "notify::error", G_CALLBACK (on_state_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->agenda, "failed", G_CALLBACK (on_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->agenda, "reason-needed", G_CALLBACK (on_reason_needed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (turnos_desk_agenda_get_patients (self->agenda), "changed",
                           G_CALLBACK (on_patient_changed_cb), self, G_CONNECT_SWAPPED);
  on_columns_changed_cb (self);
  on_state_changed_cb (self);
  update_title (self);
}

static void
turnos_agenda_page_dispose (GObject *object)
{
  TurnosAgendaPage *self = TURNOS_AGENDA_PAGE (object);

  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->agenda != NULL)
    {
      g_signal_handlers_disconnect_by_data (turnos_desk_agenda_get_columns (self->agenda), self);
      g_signal_handlers_disconnect_by_data (turnos_desk_agenda_get_patients (self->agenda), self);
      g_signal_handlers_disconnect_by_data (self->agenda, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_AGENDA_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->column_widgets, g_hash_table_unref);
  g_clear_object (&self->agenda);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (turnos_agenda_page_parent_class)->dispose (object);
}

static void
turnos_agenda_page_finalize (GObject *object)
{
  TurnosAgendaPage *self = TURNOS_AGENDA_PAGE (object);

  g_free (self->title);
  g_free (self->selected);

  G_OBJECT_CLASS (turnos_agenda_page_parent_class)->finalize (object);
}

static void
turnos_agenda_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TurnosAgendaPage *self = TURNOS_AGENDA_PAGE (object);

  switch (prop_id)
    {
    case PROP_AGENDA:
      g_value_set_object (value, self->agenda);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_agenda_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  TurnosAgendaPage *self = TURNOS_AGENDA_PAGE (object);

  switch (prop_id)
    {
    case PROP_AGENDA:
      self->agenda = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_agenda_page_class_init (TurnosAgendaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = turnos_agenda_page_constructed;
  object_class->dispose = turnos_agenda_page_dispose;
  object_class->finalize = turnos_agenda_page_finalize;
  object_class->get_property = turnos_agenda_page_get_property;
  object_class->set_property = turnos_agenda_page_set_property;
  widget_class->map = turnos_agenda_page_map;

  properties[PROP_AGENDA] =
    g_param_spec_object ("agenda", NULL, NULL, TURNOS_TYPE_DESK_AGENDA,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[RESCHEDULE] = g_signal_new ("reschedule", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 1, TURNOS_TYPE_RESERVATION);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-agenda-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosAgendaPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, TurnosAgendaPage, date_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosAgendaPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TurnosAgendaPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosAgendaPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, TurnosAgendaPage, columns_box);

  gtk_widget_class_install_action (widget_class, "agenda.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "agenda.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "agenda.today", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "agenda.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "agenda.arrived", "s", session_action);
  gtk_widget_class_install_action (widget_class, "agenda.no-show", "s", session_action);
  gtk_widget_class_install_action (widget_class, "agenda.clear-attendance", "s", session_action);
  gtk_widget_class_install_action (widget_class, "agenda.cancel", "s", session_action);
  gtk_widget_class_install_action (widget_class, "agenda.reschedule", "s", session_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "agenda.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "agenda.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "agenda.today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "agenda.print", NULL);
}

static void
turnos_agenda_page_init (TurnosAgendaPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->column_widgets = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

/*
 * Public API
 */

GtkWidget *
turnos_agenda_page_new (TurnosDeskAgenda *agenda)
{
  g_return_val_if_fail (TURNOS_IS_DESK_AGENDA (agenda), NULL);
  return g_object_new (TURNOS_TYPE_AGENDA_PAGE, "agenda", agenda, NULL);
}

TurnosDeskAgenda *
turnos_agenda_page_get_agenda (TurnosAgendaPage *self)
{
  g_return_val_if_fail (TURNOS_IS_AGENDA_PAGE (self), NULL);
  return self->agenda;
}

const char *
turnos_agenda_page_get_title (TurnosAgendaPage *self)
{
  g_return_val_if_fail (TURNOS_IS_AGENDA_PAGE (self), NULL);
  return self->title;
}

const char *
turnos_agenda_page_get_selected (TurnosAgendaPage *self)
{
  g_return_val_if_fail (TURNOS_IS_AGENDA_PAGE (self), NULL);
  return self->selected;
}
