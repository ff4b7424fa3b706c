#!/usr/bin/env python3
# Checks that the Flatpak manifest is valid JSON, names the app and builds Turnos with meson.
# Building it needs a GNOME runtime this machine cannot download, so this is what CI can check.
#
# Copyright 2026 The Turnos authors
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import sys

with open(sys.argv[1]) as f:
    manifest = json.load(f)

errors = []
if manifest.get("id") != "io.github.turnos.Turnos":
    errors.append("id is not io.github.turnos.Turnos")
if manifest.get("command") != "turnos":
    errors.append("command is not turnos")
if not str(manifest.get("runtime", "")).startswith("org.gnome."):
    errors.append("runtime is not a GNOME runtime")
modules = [m for m in manifest.get("modules", []) if isinstance(m, dict)]
if not any(m.get("name") == "turnos" and m.get("buildsystem") == "meson" for m in modules):
    errors.append("no meson module named turnos")
for e in errors:
    print("flatpak manifest:", e, file=sys.stderr)
print("1..1")
print(("not ok" if errors else "ok") + " 1 /data/flatpak-manifest")
sys.exit(1 if errors else 0)
