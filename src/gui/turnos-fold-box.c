/* turnos-fold-box.c: children side by side, or one above the other when narrow
 *
 * Copyright 2026 The Turnos authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "turnos-gui"

#include "config.h"

#include "turnos-fold-box.h"

struct _TurnosFoldBox
{
  GtkWidget  parent_instance;

  int        threshold;
  int        spacing;
  gboolean   folded;
  guint      notify_id;   /* "folded" is notified once the allocation is over */
};

G_DEFINE_FINAL_TYPE (TurnosFoldBox, turnos_fold_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_THRESHOLD,
  PROP_SPACING,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * Helpers
 */

static guint
n_visible (TurnosFoldBox *self)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_should_layout (c))
      n++;
  return n;
}

/* Each column's width when @width is shared by @n columns. */
static int
column_width (TurnosFoldBox *self,
              int            width,
              guint          n)
{
  return n == 0 ? 0 : MAX (0, (width - self->spacing * ((int) n - 1)) / (int) n);
}

/* One column below the threshold, and wherever a column would be narrower than a child
 * can be. */
static gboolean
folds_at (TurnosFoldBox *self,
          int            width)
{
  int col;

  if (width < self->threshold)
    return TRUE;
  col = column_width (self, width, n_visible (self));
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c; c = gtk_widget_get_next_sibling (c))
    {
      int cmin;

      if (!gtk_widget_should_layout (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &cmin, NULL, NULL, NULL);
      if (cmin > col)
        return TRUE;
    }
  return FALSE;
}

static gboolean
notify_folded_cb (gpointer data)
{
  TurnosFoldBox *self = data;

  self->notify_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
  return G_SOURCE_REMOVE;
}

/*
 * GtkWidget overrides
 */

static GtkSizeRequestMode
turnos_fold_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
turnos_fold_box_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  TurnosFoldBox *self = TURNOS_FOLD_BOX (widget);
  guint n = n_visible (self);
  int min = 0, nat = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At least the widest child (it can always fold); at best all of them side by side. */
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
        {
          int cmin, cnat;

          if (!gtk_widget_should_layout (c))
            continue;
          gtk_widget_measure (c, orientation, -1, &cmin, &cnat, NULL, NULL);
          min = MAX (min, cmin);
          nat = MAX (nat, cnat);
        }
      nat = MAX (nat * (int) n + self->spacing * ((int) n - 1), self->threshold);
      nat = MAX (nat, min);
    }
  else
    {
      int width = for_size;
      gboolean folded;
      int col;

      if (width < 0)
        {
          int wmin, wnat;

          turnos_fold_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &wmin, &wnat, NULL, NULL);
          width = wnat;
        }
      folded = folds_at (self, width);
      col = folded ? width : column_width (self, width, n);
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
        {
          int cmin, cnat, wmin;

          if (!gtk_widget_should_layout (c))
            continue;
          gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &wmin, NULL, NULL, NULL);
          gtk_widget_measure (c, orientation, MAX (col, wmin), &cmin, &cnat, NULL, NULL);
          if (folded)
            {
              min += cmin;
              nat += cnat;
            }
          else
            {
              min = MAX (min, cmin);
              nat = MAX (nat, cnat);
            }
        }
      if (folded && n > 1)
        {
          min += self->spacing * ((int) n - 1);
          nat += self->spacing * ((int) n - 1);
        }
    }
  *minimum = min;
  *natural = nat;
  *minimum_baseline = *natural_baseline = -1;
}

static void
turnos_fold_box_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  TurnosFoldBox *self = TURNOS_FOLD_BOX (widget);
  guint n = n_visible (self);
  gboolean folded = folds_at (self, width);
  int col = folded ? width : column_width (self, width, n);
  int x = 0, y = 0;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkAllocation a;

      if (!gtk_widget_should_layout (c))
        continue;
      if (folded)
        {
          int cmin, cnat;

          gtk_widget_measure (c, GTK_ORIENTATION_VERTICAL, width, &cmin, &cnat, NULL, NULL);
          a = (GtkAllocation) { 0, y, width, cnat };
          y += cnat + self->spacing;
        }
      else
        {
          a = (GtkAllocation) { rtl ? width - x - col : x, 0, col, height };
          x += col + self->spacing;
        }
      gtk_widget_size_allocate (c, &a, -1);
    }

  if (self->folded != folded)
    {
      g_debug ("fold box: %s at %d px", folded ? "folded" : "unfolded", width);
      self->folded = folded;
      if (self->notify_id == 0)
        self->notify_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, notify_folded_cb, self, NULL);
    }
}

/*
 * GObject overrides
 */

static void
turnos_fold_box_dispose (GObject *object)
{
  TurnosFoldBox *self = TURNOS_FOLD_BOX (object);

  g_clear_handle_id (&self->notify_id, g_source_remove);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (turnos_fold_box_parent_class)->dispose (object);
}

static void
turnos_fold_box_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TurnosFoldBox *self = TURNOS_FOLD_BOX (object);

  switch (prop_id)
    {
    case PROP_THRESHOLD:
      g_value_set_int (value, self->threshold);
      break;
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_fold_box_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TurnosFoldBox *self = TURNOS_FOLD_BOX (object);
  int v;

  switch (prop_id)
    {
    case PROP_THRESHOLD:
    case PROP_SPACING:
      v = g_value_get_int (value);
      if (prop_id == PROP_THRESHOLD ? self->threshold == v : self->spacing == v)
        return;
      if (prop_id == PROP_THRESHOLD)
        self->threshold = v;
      else
        self->spacing = v;
      gtk_widget_queue_resize (GTK_WIDGET (self));
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
turnos_fold_box_class_init (TurnosFoldBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = turnos_fold_box_dispose;
  object_class->get_property = turnos_fold_box_get_property;
  object_class->set_property = turnos_fold_box_set_property;
  widget_class->get_request_mode = turnos_fold_box_get_request_mode;
  widget_class->measure = turnos_fold_box_measure;
  widget_class->size_allocate = turnos_fold_box_size_allocate;

  properties[PROP_THRESHOLD] =
    g_param_spec_int ("threshold", NULL, NULL, 0, G_MAXINT, 600,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "fold-box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
turnos_fold_box_init (TurnosFoldBox *self)
{
  self->threshold = 600;
}

/*
 * Public API
 */

GtkWidget *
turnos_fold_box_new (void)
{
  return g_object_new (TURNOS_TYPE_FOLD_BOX, NULL);
}

void
turnos_fold_box_append (TurnosFoldBox *self,
                        GtkWidget     *child)
{
  g_return_if_fail (TURNOS_IS_FOLD_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child) && gtk_widget_get_parent (child) == NULL);

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

gboolean
turnos_fold_box_get_folded (TurnosFoldBox *self)
{
  g_return_val_if_fail (TURNOS_IS_FOLD_BOX (self), FALSE);
  return self->folded;
}
