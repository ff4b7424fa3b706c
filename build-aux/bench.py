#!/usr/bin/env python3
# bench.py: the server benchmarks. Run through `build-aux/dev bench`, which builds the release.
#
# Copyright 2026 The Turnos authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every figure is a median over repeated runs; nothing here asserts a time.
import datetime
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

build = sys.argv[1]
out_json = sys.argv[2]
SERVER = os.path.join(build, "src/server/turnos-server")
LOAD = os.path.join(build, "tests/bench/turnos-load")
SEED = os.path.join(build, "tests/bench/turnos-bench-seed")
FILL = os.path.join(build, "tests/bench/turnos-bench-fill")
TURNOS = os.path.join(build, "src/gui/turnos")
BARE = os.path.join(build, "tests/bench/bare-window")
UI = os.path.join(build, "tests/bench/turnos-bench-ui")
LIVE = os.path.join(build, "tests/bench/turnos-bench-live")
PICKS = int(os.environ.get("TURNOS_BENCH_PICKS", "100"))
STARTS = int(os.environ.get("TURNOS_BENCH_STARTS", "10"))
SCALE = [int(n) for n in os.environ.get("TURNOS_BENCH_SCALE", "10000,1000000,10000000").split(",") if n]
RUNS = int(os.environ.get("TURNOS_BENCH_RUNS", "3"))
SECONDS = float(os.environ.get("TURNOS_BENCH_SECONDS", "3"))
LIVE_SUBSCRIBERS = int(os.environ.get("TURNOS_BENCH_LIVE_SUBSCRIBERS", "100"))
LIVE_BOOKINGS = int(os.environ.get("TURNOS_BENCH_LIVE_BOOKINGS", "100"))
IDLE_SUBSCRIBERS = int(os.environ.get("TURNOS_BENCH_IDLE_SUBSCRIBERS", "1000"))


def start_server(db, workers=1, how="--workers"):
    proc = subprocess.Popen([SERVER, "--listen", "127.0.0.1:0", "--database", "sqlite://" + db,
                             how, str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    if not line.startswith("Listening on http://127.0.0.1:"):
        sys.exit(f"bench: the server did not start: {line!r}")
    port = int(line.rsplit(":", 1)[1].strip().rstrip("/"))
    return proc, port


# The desk's account of the demo clinic (the bench store is seeded with it): bookings and the
# desk's day sign in, availability stays anonymous as the seed's client calls it.
DESK = ("--username", "desk", "--password", "demo-desk")


def load(port, mode, connections, professionals, start, days, extra=()):
    if mode in ("book", "contend", "day"):
        extra = (*DESK, *extra)
    cmd = [LOAD, "--port", str(port), "--mode", mode, "--connections", str(connections),
           "--duration", str(SECONDS), "--professionals", ",".join(professionals),
           "--from", start.isoformat(), "--days", str(days), *extra]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if not res.stdout.strip():
        sys.exit(f"bench: turnos-load failed: {res.stderr}")
    return json.loads(res.stdout)


def first_frame(cmd):
    """Milliseconds from exec to the first painted frame, and peak memory then (KiB)."""
    env = dict(os.environ, TURNOS_BENCH_FIRST_FRAME="1", GSETTINGS_BACKEND="memory")
    start = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    elapsed = (time.monotonic() - start) * 1000
    if line.strip() != "first-frame":
        proc.kill()
        sys.exit(f"bench: {cmd[0]} painted no frame")
    rss = peak_kib(proc.pid)
    proc.terminate()
    proc.wait(timeout=20)
    return elapsed, rss


def client_benchmarks(results):
    if not (os.path.exists(TURNOS) and os.path.exists(BARE) and os.environ.get("DISPLAY")):
        return
    # Interleaved, so a slow spell of the shared machine hits all three alike.
    bare, text, app = [], [], []
    for _ in range(STARTS):
        bare.append(first_frame([BARE]))
        text.append(first_frame([BARE, "--text"]))
        app.append(first_frame([TURNOS, "--demo"]))
    b_ms = statistics.median(x[0] for x in bare)
    t_ms = statistics.median(x[0] for x in text)
    a_ms = statistics.median(x[0] for x in app)
    results["startup"] = {
        "runs": STARTS,
        "bare_window_ms": b_ms, "turnos_demo_ms": a_ms, "ratio": a_ms / b_ms,
        "window_with_text_ms": t_ms, "ratio_to_window_with_text": a_ms / t_ms,
        "bare_window_rss_kib": statistics.median(x[1] for x in bare),
        "turnos_demo_rss_kib": statistics.median(x[1] for x in app)}

    # The booking window against a real server: the default renderer (GL, in software under
    # Xvfb here) and the cairo one, whose frames cost less on a machine without a GPU.
    results["window"] = {}
    for renderer in ("default", "cairo"):
        env = dict(os.environ, TURNOS_SERVER_BIN=SERVER, GSETTINGS_BACKEND="memory")
        if renderer == "cairo":
            env["GSK_RENDERER"] = "cairo"
        res = subprocess.run([UI, "--picks", str(PICKS)], env=env, capture_output=True, text=True)
        if res.returncode != 0 or not res.stdout.strip():
            sys.exit(f"bench: turnos-bench-ui failed: {res.stderr[-2000:]}")
        results["window"][renderer] = json.loads(res.stdout)


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def live_benchmarks(results, tmp):
    """Live events (issue #18): a booking's way to the other windows, and idle subscribers."""
    db = os.path.join(tmp, "live.db")
    subprocess.run([SEED, "sqlite://" + db, "2"], check=True)
    tomorrow = datetime.datetime.now(datetime.timezone.utc).date() + datetime.timedelta(days=1)
    proc, port = start_server(db)
    try:
        runs = []
        for i in range(RUNS):
            day = tomorrow + datetime.timedelta(days=30 * i)
            res = subprocess.run([LIVE, "--port", str(port), "--mode", "latency",
                                  "--subscribers", str(LIVE_SUBSCRIBERS),
                                  "--bookings", str(LIVE_BOOKINGS), "--from", day.isoformat()],
                                 capture_output=True, text=True)
            if res.returncode != 0 or not res.stdout.strip():
                sys.exit(f"bench: turnos-bench-live failed: {res.stderr[-2000:]}")
            runs.append(json.loads(res.stdout))
        results["live"] = {
            "subscribers": LIVE_SUBSCRIBERS, "bookings_per_run": LIVE_BOOKINGS,
            "events_before_201_share": statistics.median(
                r["events_before_201"] / (r["subscribers"] * r["bookings"]) for r in runs)}
        for key in ("answer_ms", "event_after_201_ms", "event_after_send_ms", "rows_after_201_ms",
                    "rows_after_send_ms"):
            results["live"][key] = {p: statistics.median(r[key][p] for r in runs)
                                    for p in ("p50", "p99", "max")}
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)

    # A fresh server: its memory alone, then holding the idle subscribers.
    proc, port = start_server(db)
    try:
        before = rss_kib(proc.pid)
        idle = subprocess.Popen([LIVE, "--port", str(port), "--mode", "idle",
                                 "--subscribers", str(IDLE_SUBSCRIBERS)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        ready = json.loads(idle.stdout.readline() or "{}")
        held = rss_kib(proc.pid)
        idle.stdin.close()
        idle.wait(timeout=60)
        if ready.get("ready") != IDLE_SUBSCRIBERS:
            sys.exit(f"bench: idle subscribers: {ready}")
        results["live_idle"] = {"subscribers": IDLE_SUBSCRIBERS, "server_rss_kib_before": before,
                                "server_rss_kib_with_subscribers": held,
                                "per_subscriber_kib": (held - before) / IDLE_SUBSCRIBERS}
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)


def peak_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def main():
    results = {"machine": {"cores": os.cpu_count(), "note": "shared machine; figures are medians"},
               "runs": RUNS, "seconds_per_run": SECONDS, "availability": [], "bookings": {}}
    with tempfile.TemporaryDirectory(prefix="turnos-bench-") as tmp:
        db = os.path.join(tmp, "bench.db")
        subprocess.run([SEED, "sqlite://" + db, "4"], check=True)
        proc, port = start_server(db)
        try:
            today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=-3))).date()
            demo = ["dr-ana", "dr-bruno", "dr-carla"]
            for c in (1, 8, 32, 128):
                runs = [load(port, "availability", c, demo, today, 60) for _ in range(RUNS)]
                results["availability"].append({
                    "connections": c,
                    "requests_per_s": median(runs, "requests_per_s"),
                    "p50_ms": median(runs, "p50_ms"), "p99_ms": median(runs, "p99_ms"),
                    "p999_ms": median(runs, "p999_ms"),
                    "errors": sum(r["errors"] for r in runs)})
            results["server_peak_rss_kib_after_128"] = peak_kib(proc.pid)

            # The front desk's day, signed in as the desk: the token is checked on every request.
            results["desk_day"] = []
            for c in (1, 8, 32):
                runs = [load(port, "day", c, demo, today, 60) for _ in range(RUNS)]
                results["desk_day"].append({
                    "connections": c, "requests_per_s": median(runs, "requests_per_s"),
                    "p50_ms": median(runs, "p50_ms"), "p99_ms": median(runs, "p99_ms"),
                    "errors": sum(r["errors"] for r in runs)})

            # The same load on both cores: two processes sharing the port and the file, then
            # two threads of one process, each with its own connection.
            for how, key in (("--workers", "availability_2_workers"), ("--threads", "availability_2_threads")):
                proc2, port2 = start_server(db, 2, how)
                try:
                    results[key] = []
                    for c in (8, 32):
                        runs = [load(port2, "availability", c, demo, today, 60) for _ in range(RUNS)]
                        results[key].append({
                            "connections": c, "requests_per_s": median(runs, "requests_per_s"),
                            "p50_ms": median(runs, "p50_ms"), "p99_ms": median(runs, "p99_ms")})
                finally:
                    proc2.send_signal(signal.SIGTERM)
                    proc2.wait(timeout=20)

            bench = ["bench-1", "bench-2", "bench-3", "bench-4"]
            tomorrow = today + datetime.timedelta(days=1)
            distinct = [load(port, "book", 8, bench, tomorrow + datetime.timedelta(days=300 * i), 290)
                        for i in range(RUNS)]
            results["bookings"]["distinct_8_connections"] = {
                "requests_per_s": median(distinct, "requests_per_s"),
                "p50_ms": median(distinct, "p50_ms"), "p99_ms": median(distinct, "p99_ms"),
                "created": sum(r["status"].get("201", 0) for r in distinct),
                "conflicts": sum(r["status"].get("409", 0) for r in distinct)}
            fight = []
            for i in range(RUNS):
                day = tomorrow + datetime.timedelta(days=2000 + i)
                fight.append(load(port, "contend", 32, ["bench-1"], day, 1, ["--contended", "4"]))
            results["bookings"]["contended_32_connections_4_times"] = {
                "requests_per_s": median(fight, "requests_per_s"),
                "created": [r["status"].get("201", 0) for r in fight],
                "conflicts": [r["status"].get("409", 0) for r in fight]}

            # The same day query with the table grown to n rows: the index keeps it O(log n + k),
            # every queried day holding 96 bookings (k) whatever n is. (A 60-day mix queried
            # empty days at 10 thousand rows, which looked faster than the full days later.)
            results["scale"] = []
            for n in SCALE:
                subprocess.run([FILL, db, str(n)], check=True)
                # 20 days: at 10 thousand rows each bench professional has 26 full days.
                runs = [load(port, "availability", 8, bench, tomorrow, 20) for _ in range(RUNS)]
                results["scale"].append({
                    "reservations": n, "requests_per_s": median(runs, "requests_per_s"),
                    "p50_ms": median(runs, "p50_ms"), "p99_ms": median(runs, "p99_ms")})
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)
        live_benchmarks(results, tmp)

    client_benchmarks(results)
    with open(out_json, "w") as f:
        json.dump(results, f, indent=2)

    print(f"Turnos server benchmarks ({results['machine']['cores']} cores, shared; "
          f"median of {RUNS} runs of {SECONDS:g} s)")
    print(f"{'availability':<28}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'p99.9 ms':>10}")
    for a in results["availability"]:
        print(f"{'  ' + str(a['connections']) + ' connections':<28}{a['requests_per_s']:>10.0f}"
              f"{a['p50_ms']:>10.2f}{a['p99_ms']:>10.2f}{a['p999_ms']:>10.2f}")
    print(f"{'desk day (signed in)':<28}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for a in results["desk_day"]:
        print(f"{'  ' + str(a['connections']) + ' connections':<28}{a['requests_per_s']:>10.0f}"
              f"{a['p50_ms']:>10.2f}{a['p99_ms']:>10.2f}")
    for key, label in (("availability_2_workers", "2 processes"), ("availability_2_threads", "2 threads")):
        for a in results[key]:
            print(f"{'  ' + str(a['connections']) + ' conn., ' + label:<28}{a['requests_per_s']:>10.0f}"
                  f"{a['p50_ms']:>10.2f}{a['p99_ms']:>10.2f}")
    d = results["bookings"]["distinct_8_connections"]
    print(f"{'bookings, distinct times':<28}{d['requests_per_s']:>10.0f}{d['p50_ms']:>10.2f}"
          f"{d['p99_ms']:>10.2f}{'':>10}  201: {d['created']}, 409: {d['conflicts']}")
    f = results["bookings"]["contended_32_connections_4_times"]
    print(f"{'bookings, 32 fight for 4':<28}{f['requests_per_s']:>10.0f}{'':>30}"
          f"  201 per run: {f['created']} (4 is right), 409: {f['conflicts']}")
    print(f"{'availability, 8 conn., n rows':<28}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}")
    for sc in results["scale"]:
        print(f"{'  ' + format(sc['reservations'], ',') + ' reservations':<28}"
              f"{sc['requests_per_s']:>10.0f}{sc['p50_ms']:>10.2f}{sc['p99_ms']:>10.2f}")
    print(f"server peak memory after the 128-connection load: "
          f"{results['server_peak_rss_kib_after_128'] / 1024:.1f} MiB")
    lv, li = results["live"], results["live_idle"]
    print(f"live events, {lv['subscribers']} subscribers, {lv['bookings_per_run']} bookings a run: "
          f"from the booking's 201 to another window's event p50 {lv['event_after_201_ms']['p50']:.1f} ms, "
          f"p99 {lv['event_after_201_ms']['p99']:.1f}; to a booking controller's rows updated p50 "
          f"{lv['rows_after_201_ms']['p50']:.1f} ms, p99 {lv['rows_after_201_ms']['p99']:.1f}")
    print(f"  (the event came before the 201 {100 * lv['events_before_201_share']:.0f} % of the time; "
          f"from the request's sending: event p50 {lv['event_after_send_ms']['p50']:.1f} ms, p99 "
          f"{lv['event_after_send_ms']['p99']:.1f}, rows p50 {lv['rows_after_send_ms']['p50']:.1f} ms, "
          f"p99 {lv['rows_after_send_ms']['p99']:.1f}; the 201 itself p50 {lv['answer_ms']['p50']:.1f} ms)")
    print(f"server memory with {li['subscribers']:,} idle subscribers: "
          f"{li['server_rss_kib_with_subscribers'] / 1024:.1f} MiB "
          f"({li['server_rss_kib_before'] / 1024:.1f} MiB before, "
          f"{li['per_subscriber_kib']:.1f} KiB each)")
    if "startup" in results:
        st = results["startup"]
        print(f"start to first frame (median of {st['runs']}): bare window {st['bare_window_ms']:.0f} ms, "
              f"with a title and a label {st['window_with_text_ms']:.0f} ms, "
              f"turnos --demo {st['turnos_demo_ms']:.0f} ms ({st['ratio']:.2f}x the bare window, "
              f"{st['ratio_to_window_with_text']:.2f}x the one with text); peak memory then "
              f"{st['turnos_demo_rss_kib'] / 1024:.1f} MiB for turnos, "
              f"{st['bare_window_rss_kib'] / 1024:.1f} MiB for the bare window")
    for renderer, w in results.get("window", {}).items():
        d, m = w["pick_to_rows_after_debounce_ms"], w["pick_to_model_after_debounce_ms"]
        f, mo = w["rows_frame_paint_ms"], w["month_drawn_ms"]
        print(f"day pick to rows shown, {w['renderer']} ({d['n']} picks, after the 300 ms debounce): "
              f"p50 {d['p50']:.1f} ms, p90 {d['p90']:.1f}, p99 {d['p99']:.1f}, max {d['max']:.1f}; "
              f"rows in the model p50 {m['p50']:.1f} ms, the frame's paint p50 {f['p50']:.1f} ms")
        print(f"  ten picks within 300 ms sent {w['requests_per_ten_quick_picks']} availability requests; "
              f"month overview, {w['bookings_per_day']} bookings a day: answered p50 "
              f"{w['month_answered_ms']['p50']:.1f} ms, drawn p50 {mo['p50']:.1f} ms")
    print(f"written to {out_json}")


main()
