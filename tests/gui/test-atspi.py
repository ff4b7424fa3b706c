#!/usr/bin/python3
# test-atspi.py: book a session in the running app through the accessibility tree, as a
# screen-reader user would: find the calendar, a free time and Continue by role and name.
#
# Copyright 2026 The Turnos authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Needs a display and a session bus (meson runs it on an Xvfb of its own, own-display.sh, and
# under dbus-run-session); the bus starts the accessibility bus itself. Every wait polls a condition
# with a bound; nothing waits a fixed time.
import os

# The suite makes GLib warnings fatal; the accessibility libraries warn about the bus's own
# races (a cache path not there yet), which are not ours to fail on. Before GLib loads.
os.environ.pop("G_DEBUG", None)

import datetime
import re
import subprocess
import sys
import time
import zoneinfo

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

TURNOS = sys.argv[1]
ZONE = zoneinfo.ZoneInfo("America/Argentina/Buenos_Aires")
# build-aux/dev test --sanitize runs an app several times slower: every bound stretches.
SCALE = float(os.environ.get("TURNOS_TEST_TIME_SCALE", "1"))
# A slow app still starting up (AddressSanitizer) never shows on the accessibility bus while
# it is asked every 50 ms; once a second lets it register.
POLL = 0.05 if SCALE <= 1 else 1.0
if SCALE > 1:
    # libatspi's own bounds: 800 ms for an app to answer a call, 15 s for one starting up.
    Atspi.set_timeout(int(800 * SCALE * 4), int(15000 * SCALE))
results = []


def wait_for(what, predicate, timeout=20.0, retry_in=None):
    """Polls @predicate until it holds, for @timeout seconds (stretched by SCALE). With
    @retry_in (an app's node), an error's Retry there is pressed, as a person would: a slow
    app (the sanitized one, beside other programs) can meet its client's 10 s deadline while
    it loads, and then says so and offers Retry."""
    end = time.monotonic() + timeout * SCALE
    polls = 0
    while time.monotonic() < end:
        found = predicate()
        if found:
            return found
        polls += 1
        if retry_in is not None and polls % 3 == 0:
            retry = find(retry_in, "push button", "Retry", on_screen)
            if retry is not None:
                print(f"# {what}: the app offered Retry; pressed", flush=True)
                press(retry)
        time.sleep(POLL)
        # The library learns of new apps and windows from the bus's signals, which it reads in
        # the main loop: without this a window that came late was never seen.
        while GLib.MainContext.default().iteration(False):
            pass
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


def on_screen_once_found(root, role, name):
    """A wait's predicate for the node of @role and @name on screen. The tree is walked until
    the node is found, then only that node is asked again: a walk of the whole window costs
    seconds in a sanitized app."""
    found = []

    def probe():
        if not found:
            node = find(root, role, name)
            if node is None:
                return None
            found.append(node)
        return found[0] if on_screen(found[0]) else None
    return probe


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


def day_name(day):
    """How the calendar names a day for a screen reader, before its free times: "Tuesday 1
    December"."""
    return f"{day:%A} {day.day} {day:%B}"


def shown_month(calendar):
    """The month the calendar shows, from its heading ("December 2026"), or None."""
    for node in walk(calendar):
        if node.get_role_name() == "label":
            try:
                return datetime.datetime.strptime(node.get_name() or "", "%B %Y").date()
            except ValueError:
                continue
    return None


def day_button(root, day):
    """The calendar's button for @day, once the month it is in is shown. The month is moved
    to as a person would: by its arrows, looking at the heading again after each press (a slow
    app may still be choosing its first day, which brings today's month back)."""
    calendar = wait_for("the calendar", lambda: find(root, "panel", "Day of the session"))

    def probe():
        button = find(calendar, "push button",
                      test=lambda n: (n.get_name() or "").startswith(day_name(day)))
        if button:
            return button
        month = shown_month(calendar)
        if month is not None and (month.year, month.month) != (day.year, day.month):
            arrow = "Next month" if (month.year, month.month) < (day.year, day.month) else "Previous month"
            press(find(calendar, "push button", arrow))
        return None
    return wait_for(f"the day {day}", probe, retry_in=root)


def start_app(*args):
    env = dict(os.environ)
    for var in ("GTK_A11Y", "NO_AT_BRIDGE", "G_DEBUG"):
        env.pop(var, None)
    env["LANGUAGE"] = "en"
    if SCALE > 1:
        # A slow run that fails says what the app did (its debug log goes to the test's log).
        env["G_MESSAGES_DEBUG"] = "turnos-gui turnos-booking turnos-client"
    return subprocess.Popen([TURNOS, "--demo", "--client", "atspi-patient", *args], env=env)


def focused(node):
    return node.get_state_set().contains(Atspi.StateType.FOCUSED)


def key(*names):
    subprocess.run(["xdotool", "key", "--delay", "30", *names], check=True)


def focus_window(app):
    """No window manager runs here to give the window the keyboard: do what one would."""
    wid = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(app.pid)],
                         check=True, capture_output=True, text=True).stdout.split()[0]
    subprocess.run(["xdotool", "windowfocus", wid], check=True)


def focused_day(root):
    calendar = find(root, "panel", "Day of the session")
    return calendar and find(calendar, "push button", test=focused)


def test_book_by_keyboard():
    """The same booking with keys alone: arrows pick the day, Tab reaches the free times (one
    Tab stop), Down and Enter choose one and continue, Enter confirms."""
    app = start_app()
    try:
        root = wait_for("the app on the accessibility bus", lambda: app_node(app.pid), 60.0)
        wait_for("a day of the calendar focused", lambda: focused_day(root), retry_in=root)
        focus_window(app)

        ahead = (target_day() - datetime.datetime.now(ZONE).date()).days
        key(*["Right"] * ahead)
        wait_for("the day picked", lambda: (focused_day(root).get_name() or "").startswith(
            day_name(target_day())))
        free_times = wait_for("the list of free times", on_screen_once_found(root, "list", "Free times"),
                              retry_in=root)
        wait_for("free times of the day", lambda: find(free_times, "list item", test=on_screen))

        # The calendar is one Tab stop: one Tab leaves it; the list is the next stop but one
        # at most (the month's arrows come first in some orders).
        for _ in range(4):
            if find(free_times, "list item", test=focused):
                break
            key("Tab")
            try:
                wait_for("focus to move", lambda: find(free_times, "list item", test=focused), 0.5)
            except AssertionError:
                pass
        assert find(free_times, "list item", test=focused), "Tab never reached the free times"
        # The whole list is one Tab stop: Tab leaves it for what follows, not the next time,
        # and Shift+Tab comes back to it.
        key("Tab")
        wait_for("focus to leave the list", lambda: not find(free_times, "list item", test=focused))
        key("shift+Tab")
        wait_for("focus back on a time", lambda: find(free_times, "list item", test=focused))
        key("Home")
        wait_for("the first time focused", lambda: find(free_times, "list item", test=focused)
                 == find(free_times, "list item"))

        key("Down", "Return")
        wait_for("Confirm Booking focused", lambda: find(root, "push button", "Confirm Booking", focused))
        key("Return")
        wait_for("the booked page", lambda: find(root, "label", "Your Session Is Booked", on_screen))
    finally:
        app.terminate()
        app.wait(timeout=20 * SCALE)


def test_book_through_atspi():
    app = start_app()
    try:
        root = wait_for("the app on the accessibility bus", lambda: app_node(app.pid), 60.0)
        press(day_button(root, target_day()))

        free_times = wait_for("the list of free times", on_screen_once_found(root, "list", "Free times"),
                              retry_in=root)
        first = wait_for("a free time", lambda: find(free_times, "list item", test=on_screen))
        assert " to " in (first.get_name() or ""), first.get_name()

        def continue_enabled():
            return find(root, "push button", "Continue",
                        lambda n: n.get_state_set().contains(Atspi.StateType.SENSITIVE) and on_screen(n))

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
        # Its buttons are named once each (a button's own label beside its content's made
        # "Add to Calendar Add to Calendar").
        for name in ("Add to Calendar", "Book Another Session"):
            assert find(root, "push button", name, on_screen), name
    finally:
        app.terminate()
        app.wait(timeout=20 * SCALE)


TYPE_NAME = re.compile(r"^(Gtk|Adw|Turnos)[A-Z]\w*$")
CONTROLS = {"push button", "toggle button", "list", "list item", "combo box", "text", "entry",
            "check box", "radio button"}
SPAN = r"\d\d:\d\d to \d\d:\d\d"


def test_names():
    """Every control a screen reader lands on on the booking page has a clean name: the
    calendar's arrows and days, the professional chooser, the modality toggles, the free
    times; Ctrl+? opens the shortcuts, Shift+Tab reaches the header, Alt+2 and Alt+1 switch
    views."""
    app = start_app("--professional", "dr-carla")
    try:
        root = wait_for("the app on the accessibility bus", lambda: app_node(app.pid), 60.0)
        calendar = wait_for("the calendar", lambda: find(root, "panel", "Day of the session"))
        for name in ("Previous month", "Next month"):
            assert find(calendar, "push button", name), name
        wait_for("the professional chooser named", lambda: find(
            root, "push button", "Professional: Lic. Carla Ruiz"), retry_in=root)
        for name in ("Virtual", "In person"):
            wait_for(f"the {name} toggle", lambda: find(root, "push button", name, on_screen))
        assert find(root, "list", "Booking details")

        # The day names say the free times once the month is in.
        day = target_day()
        button = day_button(root, day)
        wait_for("the day's free times named", lambda: re.fullmatch(
            re.escape(day_name(day)) + r", (\d+ free times?|no free times)",
            day_button(root, day).get_name() or ""))
        press(button)
        free_times = wait_for("the list of free times", on_screen_once_found(root, "list", "Free times"),
                              retry_in=root)
        rows = wait_for("free times", lambda: [n for n in walk(free_times)
                                              if n.get_role_name() == "list item" and on_screen(n)])
        for row in rows:
            # The clinic's clock, and this machine's (UTC here) with its zone named.
            assert re.fullmatch(SPAN + r"(, Buenos Aires time; " + SPAN + r" your time, UTC(, .+)?)?",
                                row.get_name() or ""), row.get_name()

        window = find(root, "frame")
        bad = [(n.get_role_name(), n.get_name()) for n in walk(window)
               if n.get_role_name() in CONTROLS and on_screen(n)
               and (not n.get_name() or TYPE_NAME.match(n.get_name()))]
        assert not bad, f"controls without a clean name: {bad}"

        # The keyboard: Shift+Tab from the calendar reaches the header.
        focus_window(app)
        press(day_button(root, day))
        wait_for("a day focused", lambda: focused_day(root))
        for _ in range(25):
            if find(root, "push button", "My Reservations", focused):
                break
            key("shift+Tab")
            try:
                wait_for("focus to move", lambda: find(root, "push button", "My Reservations", focused), 0.3)
            except AssertionError:
                pass
        assert find(root, "push button", "My Reservations", focused), "Shift+Tab never reached the header"

        # Alt+2 shows My Reservations, Alt+1 the booking again.
        key("alt+2")
        wait_for("My Reservations shown", lambda: find(root, "label", "My Reservations", on_screen))
        key("alt+1")
        wait_for("booking shown", lambda: find(root, "label", "Choose date and time", on_screen))

        # Ctrl+? opens the shortcuts window.
        key("ctrl+question")

        def shortcuts_window():
            app_root = app_node(app.pid)
            app_root.clear_cache()
            return any((w.get_name() or "") == "Keyboard Shortcuts"
                       for w in (app_root.get_child_at_index(i) for i in range(app_root.get_child_count()))
                       if w is not None)
        wait_for("the shortcuts window", shortcuts_window)
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


CASES = [("/gui/atspi/book", test_book_through_atspi),
         ("/gui/atspi/book-by-keyboard", test_book_by_keyboard),
         ("/gui/atspi/names-and-keys", test_names),
         ("/gui/atspi/sign-in-by-keyboard", test_sign_in_by_keyboard)]

if len(sys.argv) > 3 and sys.argv[2] == "--case":
    # One case, in a process of its own: exit 0 when it holds, 1 when it does not.
    func = dict(CASES)[sys.argv[3]]
    try:
        func()
    except Exception as e:
        print(f"# {type(e).__name__}: {e}", flush=True)
        sys.exit(1)
    sys.exit(0)

# Each case runs in a fresh client process, so no case walks accessible objects that
# libatspi cached from an earlier case's app (gone by then). Under load libatspi itself
# (python3-gi's client, not Turnos: the app is another process, and its failures are
# assertions) was seen to crash with SIGSEGV; such a case runs once more, and says so.
# The accessibility bus and its registry start on a first client's call: this process makes
# it, so that each case's app finds them running when it starts.
Atspi.get_desktop(0).get_child_count()
for name, _ in CASES:
    for attempt in (1, 2):
        child = subprocess.run([sys.executable, __file__, TURNOS, "--case", name])
        if child.returncode >= 0 or attempt == 2:
            break
        print(f"# {name}: the AT-SPI client process died (signal {-child.returncode}); "
              f"running the case again", flush=True)
    results.append(f"{'ok' if child.returncode == 0 else 'not ok'} {len(results) + 1} {name}")
print(f"1..{len(results)}")
print("\n".join(results))
sys.exit(0 if all(r.startswith("ok") for r in results) else 1)
