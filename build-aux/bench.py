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
import shutil
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
# Which parts run: the SQLite server, the PostgreSQL server, the two side by side, live
# events across processes on each, the desktop client.
PARTS = os.environ.get("TURNOS_BENCH_PARTS", "sqlite,postgresql,versus,live,client").split(",")
PG_SCALE = [int(n) for n in os.environ.get("TURNOS_BENCH_PG_SCALE", ",".join(map(str, SCALE))).split(",") if n]
VERSUS_ROUNDS = int(os.environ.get("TURNOS_BENCH_VERSUS_ROUNDS", "9"))
PG_CLUSTER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pg-test-cluster")
LIVE_SUBSCRIBERS = int(os.environ.get("TURNOS_BENCH_LIVE_SUBSCRIBERS", "100"))
LIVE_BOOKINGS = int(os.environ.get("TURNOS_BENCH_LIVE_BOOKINGS", "100"))
IDLE_SUBSCRIBERS = int(os.environ.get("TURNOS_BENCH_IDLE_SUBSCRIBERS", "1000"))


def start_server(uri, workers=1, how="--workers", extra=()):
    proc = subprocess.Popen([SERVER, "--listen", "127.0.0.1:0", "--database", uri,
                             how, str(workers), *extra],
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


def postgresql_benchmarks(results, today):
    """The same loads on PostgreSQL (a cluster of its own, durable: fsync and synchronous
    commits as a clinic runs it), with one and two server processes, and the scale run."""
    tmp = tempfile.mkdtemp(prefix="turnos-pg-bench-", dir="/tmp")
    env = dict(os.environ, TURNOS_PG_DURABLE="1")
    base = subprocess.run([PG_CLUSTER, "start", tmp], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()
    pg = results["postgresql"] = {"durable": True}
    try:
        subprocess.run([SEED, base, "4"], check=True)
        demo = ["dr-ana", "dr-bruno", "dr-carla"]
        bench = ["bench-1", "bench-2", "bench-3", "bench-4"]
        tomorrow = today + datetime.timedelta(days=1)
        for workers in (1, 2):
            proc, port = start_server(base, workers)
            try:
                key = f"{workers}_process" + ("es" if workers > 1 else "")
                part = pg[key] = {"availability": []}
                for c in (8, 32):
                    runs = [load(port, "availability", c, demo, today, 60) for _ in range(RUNS)]
                    part["availability"].append({
                        "connections": c, "requests_per_s": median(runs, "requests_per_s"),
                        "p50_ms": median(runs, "p50_ms"), "p99_ms": median(runs, "p99_ms"),
                        "errors": sum(r["errors"] for r in runs)})
                # Days apart from the other process count's, so both book free times.
                shift = 0 if workers == 1 else 300 * RUNS
                distinct = [load(port, "book", 8, bench,
                                 tomorrow + datetime.timedelta(days=shift + 300 * i), 290)
                            for i in range(RUNS)]
                part["bookings_distinct_8_connections"] = {
                    "requests_per_s": median(distinct, "requests_per_s"),
                    "p50_ms": median(distinct, "p50_ms"), "p99_ms": median(distinct, "p99_ms"),
                    "created": sum(r["status"].get("201", 0) for r in distinct),
                    "conflicts": sum(r["status"].get("409", 0) for r in distinct)}
                fight = [load(port, "contend", 32, ["bench-1"],
                              tomorrow + datetime.timedelta(days=3000 + 10 * workers + i), 1,
                              ["--contended", "4"])
                         for i in range(RUNS)]
                part["bookings_contended_32_connections_4_times"] = {
                    "requests_per_s": median(fight, "requests_per_s"),
                    "created": [r["status"].get("201", 0) for r in fight],
                    "conflicts": [r["status"].get("409", 0) for r in fight]}
            finally:
                proc.send_signal(signal.SIGTERM)
                proc.wait(timeout=20)

        # The scale run in a database of its own: the fill's rows start tomorrow, where the
        # bookings above are.
        subprocess.run(["psql", "-q", base, "-c", "CREATE DATABASE turnos_scale"], check=True)
        scale_uri = base.rsplit("/", 1)[0] + "/turnos_scale"
        subprocess.run([SEED, scale_uri, "4"], check=True)
        proc, port = start_server(scale_uri)
        try:
            pg["scale"] = []
            for n in PG_SCALE:
                started = time.monotonic()
                subprocess.run([FILL, scale_uri, str(n)], check=True)
                filled = time.monotonic() - started
                runs = [load(port, "availability", 8, bench, tomorrow, 20) for _ in range(RUNS)]
                pg["scale"].append({
                    "reservations": n, "fill_s": filled,
                    "requests_per_s": median(runs, "requests_per_s"),
                    "p50_ms": median(runs, "p50_ms"), "p99_ms": median(runs, "p99_ms")})
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)
    finally:
        subprocess.run([PG_CLUSTER, "stop", tmp], check=False)
        shutil.rmtree(tmp, ignore_errors=True)


def versus_benchmarks(results, today):
    """SQLite and PostgreSQL side by side, one and two processes each, their runs interleaved
    so a busy spell of the shared machine falls on all alike: the medians and their ratios."""
    tmp = tempfile.mkdtemp(prefix="turnos-versus-", dir="/tmp")
    os.chmod(tmp, 0o755)   # the cluster's folder inside is the postgres user's (as root)
    env = dict(os.environ, TURNOS_PG_DURABLE="1")
    base = subprocess.run([PG_CLUSTER, "start", os.path.join(tmp, "pg")], env=env,
                          capture_output=True, text=True, check=True).stdout.strip()
    servers = []
    try:
        sqlite = "sqlite://" + os.path.join(tmp, "versus.db")
        subprocess.run([SEED, sqlite, "4"], check=True)
        subprocess.run([SEED, base, "4"], check=True)
        for name, uri in (("sqlite", sqlite), ("postgresql", base)):
            for workers in (1, 2):
                proc, port = start_server(uri, workers)
                servers.append((f"{name}_{workers}", proc, port))
        demo = ["dr-ana", "dr-bruno", "dr-carla"]
        bench = ["bench-1", "bench-2", "bench-3", "bench-4"]
        tomorrow = today + datetime.timedelta(days=1)
        runs = {key: {"availability": [], "book": []} for key, _, _ in servers}
        for r in range(VERSUS_ROUNDS):
            for i, (key, _, port) in enumerate(servers):
                runs[key]["availability"].append(load(port, "availability", 8, demo, today, 60))
                # Each server's own days (two servers share each store), fresh every round.
                day = tomorrow + datetime.timedelta(days=15 * (i % 2) + 30 * r)
                runs[key]["book"].append(load(port, "book", 8, bench, day, 15))
        out = results["versus"] = {"rounds": VERSUS_ROUNDS, "connections": 8}
        for key in runs:
            out[key] = {kind: {"requests_per_s": median(v, "requests_per_s"),
                               "p50_ms": median(v, "p50_ms"), "p99_ms": median(v, "p99_ms"),
                               "errors": sum(x["errors"] for x in v),
                               "non_2xx": sum(n for s, n in ((int(k), n) for x in v
                                                             for k, n in x["status"].items())
                                              if s >= 300)}
                        for kind, v in runs[key].items()}
        for workers in (1, 2):
            for kind in ("availability", "book"):
                pg = [x["requests_per_s"] for x in runs[f"postgresql_{workers}"][kind]]
                sq = [x["requests_per_s"] for x in runs[f"sqlite_{workers}"][kind]]
                out[f"ratio_{kind}_{workers}"] = statistics.median(p / s for p, s in zip(pg, sq))
    finally:
        for _, proc, _ in servers:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)
        subprocess.run([PG_CLUSTER, "stop", os.path.join(tmp, "pg")], check=False)
        shutil.rmtree(tmp, ignore_errors=True)


def live_versus_benchmarks(results, today):
    """Live events across processes: a booking answered by one of two --workers reaches the
    subscribers held by the other through the store (SQLite: PRAGMA data_version, polled;
    PostgreSQL: LISTEN/NOTIFY). Runs interleaved, medians of their p50 and p99."""
    tmp = tempfile.mkdtemp(prefix="turnos-live-", dir="/tmp")
    os.chmod(tmp, 0o755)   # the cluster's folder inside is the postgres user's (as root)
    env = dict(os.environ, TURNOS_PG_DURABLE="1")
    base = subprocess.run([PG_CLUSTER, "start", os.path.join(tmp, "pg")], env=env,
                          capture_output=True, text=True, check=True).stdout.strip()
    servers = []
    try:
        sqlite = "sqlite://" + os.path.join(tmp, "live.db")
        subprocess.run([SEED, sqlite, "2"], check=True)
        subprocess.run([SEED, base, "2"], check=True)
        for name, uri in (("sqlite", sqlite), ("postgresql", base)):
            proc, port = start_server(uri, 2)
            servers.append((name, proc, port))
        runs = {name: [] for name, _, _ in servers}
        for r in range(RUNS):
            for name, _, port in servers:
                day = today + datetime.timedelta(days=1 + 30 * r)
                res = subprocess.run([LIVE, "--port", str(port), "--mode", "latency",
                                      "--subscribers", str(LIVE_SUBSCRIBERS),
                                      "--bookings", str(LIVE_BOOKINGS), "--from", day.isoformat()],
                                     capture_output=True, text=True)
                if res.returncode != 0 or not res.stdout.strip():
                    sys.exit(f"bench: turnos-bench-live failed: {res.stderr[-2000:]}")
                runs[name].append(json.loads(res.stdout))
        out = results["live_versus"] = {"runs": RUNS, "workers": 2,
                                        "subscribers": LIVE_SUBSCRIBERS,
                                        "bookings_per_run": LIVE_BOOKINGS}
        for name in runs:
            out[name] = {key: {p: statistics.median(x[key][p] for x in runs[name])
                               for p in ("p50", "p99")}
                         for key in ("answer_ms", "event_after_201_ms", "event_after_send_ms")}
        out["ratio_event_after_send_p50"] = statistics.median(
            p["event_after_send_ms"]["p50"] / s["event_after_send_ms"]["p50"]
            for p, s in zip(runs["postgresql"], runs["sqlite"]))
    finally:
        for _, proc, _ in servers:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)
        subprocess.run([PG_CLUSTER, "stop", os.path.join(tmp, "pg")], check=False)
        shutil.rmtree(tmp, ignore_errors=True)


def print_live_versus(results):
    v = results.get("live_versus")
    if not v:
        return
    print(f"live events, 2 processes, {v['subscribers']} subscribers, {v['bookings_per_run']} "
          f"bookings a run, median of {v['runs']} interleaved runs (ms):")
    for name, label in (("sqlite", "SQLite (polled)"), ("postgresql", "PostgreSQL (NOTIFY)")):
        x = v[name]
        print(f"  {label}: request sent to event p50 {x['event_after_send_ms']['p50']:.1f}, "
              f"p99 {x['event_after_send_ms']['p99']:.1f}; 201 p50 {x['answer_ms']['p50']:.1f}")
    print(f"  PostgreSQL/SQLite, send to event p50: {v['ratio_event_after_send_p50']:.2f}")


def print_versus(results):
    v = results.get("versus")
    if not v:
        return
    print(f"SQLite beside PostgreSQL, 8 connections, {v['rounds']} interleaved rounds "
          f"(req/s, p50 ms; PostgreSQL/SQLite = median of the rounds' ratios)")
    for kind, label in (("availability", "availability"), ("book", "bookings, distinct times")):
        for workers in (1, 2):
            s, p = v[f"sqlite_{workers}"][kind], v[f"postgresql_{workers}"][kind]
            print(f"  {label}, {workers} process{'es' if workers > 1 else ''}: SQLite "
                  f"{s['requests_per_s']:.0f} ({s['p50_ms']:.2f}), PostgreSQL {p['requests_per_s']:.0f} "
                  f"({p['p50_ms']:.2f}), ratio {v[f'ratio_{kind}_{workers}']:.2f}")


def print_postgresql(results):
    pg = results.get("postgresql")
    if not pg:
        return
    print(f"PostgreSQL 15 (fsync on, synchronous commits)")
    for key, label in (("1_process", "1 process"), ("2_processes", "2 processes")):
        part = pg[key]
        for a in part["availability"]:
            print(f"{'  availability, ' + str(a['connections']) + ' conn., ' + label:<40}"
                  f"{a['requests_per_s']:>10.0f}{a['p50_ms']:>10.2f}{a['p99_ms']:>10.2f}")
        d = part["bookings_distinct_8_connections"]
        print(f"{'  bookings, distinct times, ' + label:<40}{d['requests_per_s']:>10.0f}"
              f"{d['p50_ms']:>10.2f}{d['p99_ms']:>10.2f}  201: {d['created']}, 409: {d['conflicts']}")
        f = part["bookings_contended_32_connections_4_times"]
        print(f"{'  bookings, 32 fight for 4, ' + label:<40}{f['requests_per_s']:>10.0f}{'':>20}"
              f"  201 per run: {f['created']} (4 is right), 409: {f['conflicts']}")
    for sc in pg["scale"]:
        print(f"{'  availability, 8 conn., ' + format(sc['reservations'], ',') + ' rows':<40}"
              f"{sc['requests_per_s']:>10.0f}{sc['p50_ms']:>10.2f}{sc['p99_ms']:>10.2f}"
              f"  (filled in {sc['fill_s']:.0f} s)")


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
    proc, port = start_server("sqlite://" + db)
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

    # A fresh server: its memory alone, then holding the idle subscribers. They all come from
    # 127.0.0.1, so the per-address bound (256 by default) is lifted, as it would be for a
    # clinic whose desks sit behind one router; the connection bound has room for them.
    proc, port = start_server("sqlite://" + db, extra=(
        "--max-connections-per-address", str(IDLE_SUBSCRIBERS + 16),
        "--max-connections", str(IDLE_SUBSCRIBERS + 64)))
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
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=-3))).date()
    if "sqlite" in PARTS:
        sqlite_benchmarks(results)
    if "postgresql" in PARTS:
        postgresql_benchmarks(results, today)
    if "versus" in PARTS:
        versus_benchmarks(results, today)
    if "live" in PARTS:
        live_versus_benchmarks(results, today)
    if "client" in PARTS:
        client_benchmarks(results)
    with open(out_json, "w") as f:
        json.dump(results, f, indent=2)
    print_results(results)


def sqlite_benchmarks(results):
    with tempfile.TemporaryDirectory(prefix="turnos-bench-") as tmp:
        db = os.path.join(tmp, "bench.db")
        subprocess.run([SEED, "sqlite://" + db, "4"], check=True)
        proc, port = start_server("sqlite://" + db)
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
                proc2, port2 = start_server("sqlite://" + db, 2, how)
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
            # Bookings from two processes on the one file, beside PostgreSQL's two.
            proc2, port2 = start_server("sqlite://" + db, 2)
            try:
                two = [load(port2, "book", 8, bench, tomorrow + datetime.timedelta(days=900 + 300 * i), 290)
                       for i in range(RUNS)]
            finally:
                proc2.send_signal(signal.SIGTERM)
                proc2.wait(timeout=20)
            results["bookings"]["distinct_8_connections_2_workers"] = {
                "requests_per_s": median(two, "requests_per_s"),
                "p50_ms": median(two, "p50_ms"), "p99_ms": median(two, "p99_ms"),
                "created": sum(r["status"].get("201", 0) for r in two),
                "conflicts": sum(r["status"].get("409", 0) for r in two)}

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


def print_results(results):
    print(f"Turnos server benchmarks ({results['machine']['cores']} cores, shared; "
          f"median of {RUNS} runs of {SECONDS:g} s)")
    if "desk_day" in results:
        print("SQLite (WAL, synchronous=FULL)")
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
        t = results["bookings"]["distinct_8_connections_2_workers"]
        print(f"{'bookings, 2 processes':<28}{t['requests_per_s']:>10.0f}{t['p50_ms']:>10.2f}"
              f"{t['p99_ms']:>10.2f}{'':>10}  201: {t['created']}, 409: {t['conflicts']}")
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
    print_postgresql(results)
    print_versus(results)
    print_live_versus(results)
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
