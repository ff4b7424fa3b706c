#!/bin/sh
# with-keyring.sh PROGRAM [ARGS…]: runs PROGRAM with a real Secret Service of its own: an
# unlocked gnome-keyring (its login keyring, the default collection) on the session bus this
# script runs in (dbus-run-session with tests/gui/session-bus.conf: nothing else is started),
# keeping its files in a scratch home removed at the end.
#
# Copyright 2026 The Turnos authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
home=$(mktemp -d /tmp/turnos-keyring-XXXXXX)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_RUNTIME_DIR="$home"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
chmod 700 "$home"
# --unlock reads the login keyring's password from stdin and creates it unlocked.
printf 'turnos-test-password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
"$@"
