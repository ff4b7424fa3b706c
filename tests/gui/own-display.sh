#!/bin/sh
# own-display.sh PROGRAM [ARGS…]: runs PROGRAM on an X server of its own: an Xvfb with one
# 1280×1024 screen, no TCP, on the first free display number (Xvfb picks it and says which
# through -displayfd), stopped when PROGRAM ends. PROGRAM's exit status is this script's.
#
# A UI test shares nothing with another test that runs beside it: not the keyboard focus, and
# not the selections (PRIMARY, CLIPBOARD). On a shared display a test that selects text makes
# every other GTK test ask it for its formats, and one that ends before answering leaves GTK
# 4.8 in the others holding (and at exit, leaking) the unfinished read.
#
# Copyright 2026 The Turnos authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
dir=$(mktemp -d /tmp/turnos-display-XXXXXX)
xvfb=
cleanup() {
  if [ -n "$xvfb" ]; then
    kill "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
mkfifo "$dir/displayfd"
Xvfb -displayfd 3 -nolisten tcp -noreset -screen 0 1280x1024x24 \
  3>"$dir/displayfd" 2>"$dir/xvfb.log" &
xvfb=$!
# Blocks until Xvfb has a display and writes its number, or ends (then the pipe says nothing).
display=
read -r display <"$dir/displayfd" || true
if [ -z "$display" ]; then
  echo "own-display.sh: Xvfb did not start:" >&2
  cat "$dir/xvfb.log" >&2
  exit 1
fi
status=0
DISPLAY=":$display" XAUTHORITY= "$@" || status=$?
exit "$status"
