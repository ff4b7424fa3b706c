/* turnos-slot-row.c: one free time in the list
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "turnos-format.h"
#include "turnos-slot-row.h"

struct _TurnosSlotRow
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkLabel   *time_label;
  GtkLabel   *local_label;

  /* Owned references */
  TurnosSlot *item;
};

G_DEFINE_FINAL_TYPE (TurnosSlotRow, turnos_slot_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The clinic's time, and this computer's on a line of its own with its day when that is not
 * the clinic's; a screen reader hears both, with the zones named. */
static void
update (TurnosSlotRow *self)
{
  GDateTime *start, *end;
  g_autofree char *range = NULL;
  g_autofree char *local = NULL;
  g_autofree char *spoken = NULL;

  if (self->item == NULL)
    return;
  start = turnos_slot_get_start (self->item);
  end = turnos_slot_get_end (self->item);
  range = turnos_format_time_range (start, end);
  local = turnos_format_local_span (start, end, TURNOS_SPAN_SHORT);
  gtk_label_set_label (self->time_label, range);
  gtk_label_set_label (self->local_label, local ? local : "");
  gtk_widget_set_visible (GTK_WIDGET (self->local_label), local != NULL);
  if (local != NULL)
    {
      g_autofree char *clinic = turnos_format_clinic_span (start, end, TURNOS_SPAN_SPOKEN);
      g_autofree char *mine = turnos_format_local_span (start, end, TURNOS_SPAN_SPOKEN);

      /* Translators: a free time read aloud on both clocks: "09:00 to 09:45, Buenos Aires
       * time; 21:00 to 21:45 your time, Tokyo" */
      spoken = g_strdup_printf (C_("both clocks", "%s; %s"), clinic, mine);
    }
  else
    spoken = turnos_format_time_range_spoken (start, end);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
turnos_slot_row_dispose (GObject *object)
{
  TurnosSlotRow *self = TURNOS_SLOT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TURNOS_TYPE_SLOT_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (turnos_slot_row_parent_class)->dispose (object);
}

static void
turnos_slot_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TurnosSlotRow *self = TURNOS_SLOT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_slot_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TurnosSlotRow *self = TURNOS_SLOT_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      turnos_slot_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_slot_row_class_init (TurnosSlotRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = turnos_slot_row_dispose;
  object_class->get_property = turnos_slot_row_get_property;
  object_class->set_property = turnos_slot_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, TURNOS_TYPE_SLOT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/turnos/Turnos/ui/turnos-slot-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TurnosSlotRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, TurnosSlotRow, local_label);
}

static void
turnos_slot_row_init (TurnosSlotRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
turnos_slot_row_set_item (TurnosSlotRow *self,
                          TurnosSlot    *item)
{
  g_return_if_fail (TURNOS_IS_SLOT_ROW (self));

  if (g_set_object (&self->item, item))
    {
      update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
    }
}

GtkWidget *
turnos_slot_row_new (TurnosSlot *item)
{
  g_return_val_if_fail (item == NULL || TURNOS_IS_SLOT (item), NULL);
  return g_object_new (TURNOS_TYPE_SLOT_ROW, "item", item, NULL);
}

TurnosSlot *
turnos_slot_row_get_item (TurnosSlotRow *self)
{
  g_return_val_if_fail (TURNOS_IS_SLOT_ROW (self), NULL);
  return self->item;
}
