#!/usr/bin/python3
# test-atspi.py: book a session in the running app through the accessibility tree, as a
# screen-reader user would: find the calendar, a free time and Continue by role and name.
#
# Copyright 2026 The Turnos authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Needs a display and a session bus (build-aux/dev test runs the suite under xvfb-run and
# dbus-run-session); the bus starts the accessibility bus itself. Every wait polls a condition
# with a bound; nothing waits a fixed time.
import os

# The suite makes GLib warnings fatal; the accessibility libraries warn about the bus's own
# races (a cache path not there yet), which are not ours to fail on. Before GLib loads.
os.environ.pop("G_DEBUG", None)

import datetime
import subprocess
import sys
import time
import zoneinfo

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402,F401

TURNOS = sys.argv[1]
ZONE = zoneinfo.ZoneInfo("America/Argentina/Buenos_Aires")
results = []


def wait_for(what, predicate, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = predicate()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def walk(node):
    yield node
    try:
        n = node.get_child_count()
    except Exception:
        return
    for i in range(n):
        child = node.get_child_at_index(i)
        if child is not None:
            yield from walk(child)


# GTK 4.8 has no screen coordinates; with no window manager the window sits at the origin,
# so its window coordinates are the screen's.
def on_screen(node):
    try:
        ext = node.get_extents(Atspi.CoordType.WINDOW)
    except Exception:
        return False
    return ext.width > 0 and ext.height > 0


def find(root, role, name=None, test=None):
    for node in walk(root):
        if node.get_role_name() != role:
            continue
        if name is not None and (node.get_name() or "") != name:
            continue
        if test is not None and not test(node):
            continue
        return node
    return None


def find_all(root, role, name):
    return [n for n in walk(root) if n.get_role_name() == role and (n.get_name() or "") == name]


def app_node(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_process_id() == pid:
            return app
    return None


def click_at(node):
    ext = node.get_extents(Atspi.CoordType.WINDOW)
    x, y = ext.x + ext.width // 2, ext.y + ext.height // 2
    subprocess.run(["xdotool", "mousemove", str(x), str(y), "click", "1"], check=True)


def press(node):
    action = node.get_action_iface()
    assert action is not None and action.get_n_actions() > 0, node.get_name()
    action.do_action(0)


def target_day():
    """A working day two to four days ahead at the clinic."""
    day = datetime.datetime.now(ZONE).date() + datetime.timedelta(days=2)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def day_label(calendar, day):
    """The calendar cell for @day. Its number also shows for a neighbour month's days: those
    come first (the previous month's tail) or last (the next month's head)."""
    today = datetime.datetime.now(ZONE).date()
    labels = wait_for(f"the calendar cell {day.day}",
                      lambda: [n for n in find_all(calendar, "label", str(day.day)) if on_screen(n)])
    if day.month != today.month:
        return labels[-1]
    return labels[-1] if day.day >= 15 else labels[0]


def start_app():
    env = dict(os.environ)
    for var in ("GTK_A11Y", "NO_AT_BRIDGE", "G_DEBUG"):
        env.pop(var, None)
    env["LANGUAGE"] = "en"
    return subprocess.Popen([TURNOS, "--demo", "--client", "atspi-patient"], env=env)


def focused(node):
    return node.get_state_set().contains(Atspi.StateType.FOCUSED)


def key(*names):
    subprocess.run(["xdotool", "key", "--delay", "30", *names], check=True)


def test_book_by_keyboard():
    """The same booking with keys alone: arrows pick the day, Tab reaches the free times,
    Down and Enter choose one and continue, Enter confirms."""
    app = start_app()
    try:
        root = wait_for("the app on the accessibility bus", lambda: app_node(app.pid))
        wait_for("the calendar focused", lambda: find(root, "filler", "Day of the session", focused))
        # No window manager runs here to give the window the keyboard: do what one would.
        wid = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(app.pid)],
                             check=True, capture_output=True, text=True).stdout.split()[0]
        subprocess.run(["xdotool", "windowfocus", wid], check=True)

        ahead = (target_day() - datetime.datetime.now(ZONE).date()).days
        key(*["Right"] * ahead)
        free_times = wait_for("the list of free times", lambda: find(root, "list", "Free times", on_screen))
        wait_for("free times of the day", lambda: find(free_times, "list item", test=on_screen))

        for _ in range(15):
            if find(free_times, "list item", test=focused):
                break
            key("Tab")
            try:
                wait_for("focus to move", lambda: find(free_times, "list item", test=focused), 0.3)
            except AssertionError:
                pass
        assert find(free_times, "list item", test=focused), "Tab never reached the free times"
        key("Down", "Return")
        wait_for("Confirm Booking focused", lambda: find(root, "push button", "Confirm Booking", focused))
        key("Return")
        wait_for("the booked page", lambda: find(root, "label", "Your Session Is Booked", on_screen))
    finally:
        app.terminate()
        app.wait(timeout=20)


def test_book_through_atspi():
    app = start_app()
    try:
        root = wait_for("the app on the accessibility bus", lambda: app_node(app.pid))
        calendar = wait_for("the calendar", lambda: find(root, "filler", "Day of the session"))
        click_at(day_label(calendar, target_day()))

        free_times = wait_for("the list of free times", lambda: find(root, "list", "Free times", on_screen))
        first = wait_for("a free time", lambda: find(free_times, "list item", test=on_screen))
        spoken = find(first, "label")
        assert spoken is not None and " to " in (spoken.get_name() or ""), spoken and spoken.get_name()

        def continue_enabled():
            return find(root, "push button", "Continue",
                        lambda n: n.get_state_set().contains(Atspi.StateType.SENSITIVE))

        # The row's extents can be read while the list is still being laid out, and xdotool's
        # click then lands beside it; as a person would, click the row again (a bounded retry).
        for attempt in range(5):
            click_at(wait_for("a free time", lambda: find(free_times, "list item", test=on_screen)))
            try:
                cont = wait_for("Continue enabled", continue_enabled, 4.0)
                break
            except AssertionError:
                if attempt == 4:
                    raise
        press(cont)
        confirm = wait_for("Confirm Booking", lambda: find(root, "push button", "Confirm Booking", on_screen))
        press(confirm)
        wait_for("the booked page", lambda: find(root, "label", "Your Session Is Booked", on_screen))
    finally:
        app.terminate()
        app.wait(timeout=20)


def start_server():
    """A real turnos-server on the demo clinic, on a free loopback port."""
    import re
    import tempfile
    folder = tempfile.mkdtemp(prefix="turnos-atspi-")
    server = subprocess.Popen([os.environ["TURNOS_SERVER_BIN"], "--listen", "127.0.0.1:0",
                               "--database", f"sqlite://{folder}/turnos.db", "--demo"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in server.stdout:
        found = re.search(r"Listening on (http://\S+)", line)
        if found:
            return server, found.group(1), folder
    raise AssertionError("the server did not start")


def test_sign_in_by_keyboard():
    """Sign in with keys alone: the user name has the focus, Enter moves on to the password,
    Enter signs in; the desk's window follows."""
    import shutil
    server, url, folder = start_server()
    env = dict(os.environ)
    for var in ("GTK_A11Y", "NO_AT_BRIDGE", "G_DEBUG"):
        env.pop(var, None)
    env["LANGUAGE"] = "en"
    app = subprocess.Popen([TURNOS, "--server", url], env=env)
    try:
        root = wait_for("the app on the accessibility bus", lambda: app_node(app.pid))
        wait_for("the sign-in page", lambda: find(root, "label", "Sign In to Your Clinic"))
        wid = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(app.pid)],
                             check=True, capture_output=True, text=True).stdout.split()[0]
        subprocess.run(["xdotool", "windowfocus", wid], check=True)
        # The page puts the keyboard on the first field to fill: the user name (the server's
        # address is given); Enter moves on to the password, and Enter there signs in.
        wait_for("the user name field", lambda: find(root, "text", "User Name"))
        subprocess.run(["xdotool", "type", "--delay", "30", "desk"], check=True)
        key("Return")
        subprocess.run(["xdotool", "type", "--delay", "30", "demo-desk"], check=True)
        key("Return")
        # The sign-in window goes away meanwhile: a walk may meet a node already gone.
        def gone_ok(predicate):
            def safe():
                try:
                    return predicate()
                except gi.repository.GLib.Error:
                    return None
            return safe
        # Front Desk is in the header of the desk's window only.
        wait_for("the desk's window", gone_ok(lambda: find(root, "push button", "Front Desk", on_screen)))
    finally:
        app.terminate()
        app.wait(timeout=20)
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)


for name, func in [("/gui/atspi/book", test_book_through_atspi),
                   ("/gui/atspi/book-by-keyboard", test_book_by_keyboard),
                   ("/gui/atspi/sign-in-by-keyboard", test_sign_in_by_keyboard)]:
    try:
        func()
        results.append(f"ok {len(results) + 1} {name}")
    except Exception as e:  # report, then fail the run
        results.append(f"not ok {len(results) + 1} {name}")
        print(f"# {type(e).__name__}: {e}")
print(f"1..{len(results)}")
print("\n".join(results))
sys.exit(0 if all(r.startswith("ok") for r in results) else 1)
