#!/usr/bin/env python3
# test-openapi.py: data/openapi.json says what turnos-server really answers.
#
# Copyright 2026 The Turnos authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-openapi.py TURNOS-SERVER OPENAPI.json TURNOS-ROUTES.c
#
# 1. Every route in the server's table (src/server/turnos-routes.c) has its path and method in
#    the document, and the document has no operation the table lacks: a new route fails here
#    until it is documented. Each operation's x-roles are the table's roles column, and it is
#    anonymous (security with {}) exactly when the table lets anonymous callers in.
# 2. A real turnos-server on a scratch demo store is called on every route, signed in with the
#    demo's accounts (user name = id, password "demo-" + id) as the roles that may, with answers
#    that succeed and answers that fail, and once as every role that may not (401 anonymous,
#    403 signed in). Each answer's status must be documented for that operation, its JSON body
#    must validate against the documented schema (python3-jsonschema, JSON Schema 2020-12 as
#    OpenAPI 3.1 uses it) and the headers documented as required (WWW-Authenticate on a 401,
#    Retry-After on a 429) must be there; a request body that succeeded must fit the documented
#    request schema. Every route must have been answered with a 2xx and with an error.
import base64
import http.client
import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import warnings
import zoneinfo

import jsonschema

ZONE = zoneinfo.ZoneInfo("America/Argentina/Buenos_Aires")
METHODS = ("get", "post", "put", "patch", "delete")

# Who signs in for each role (the demo clinic's accounts).
AS_ROLE = {"patient": "patient-1", "desk": "desk", "professional": "dr-ana", "admin": "admin"}

results = []


def check(name, ok, why=""):
    results.append((name, ok, why))


# The role flags of src/server/turnos-account.h, by the names the routes table uses.
ROLES = ("anonymous", "patient", "desk", "professional", "admin")
ROLE_FLAGS = {
    "TURNOS_ROLE_ANONYMOUS": {"anonymous"},
    "TURNOS_ROLE_PATIENT": {"patient"},
    "TURNOS_ROLE_DESK": {"desk"},
    "TURNOS_ROLE_PROFESSIONAL": {"professional"},
    "TURNOS_ROLE_ADMIN": {"admin"},
    "TURNOS_ROLES_SIGNED_IN": {"patient", "desk", "professional", "admin"},
    "TURNOS_ROLES_STAFF": {"desk", "professional", "admin"},
    "TURNOS_ROLES_ALL": set(ROLES),
}


class TableError(Exception):
    pass


def route_table(path):
    """[(METHOD, "/pattern/{}/…", {roles})] for each row of the routes table, in its order.

    A row is { "METHOD", "/pattern", ROLES, handler }, ROLES flags joined with "|" (the file's
    own #define abbreviations allowed); the table ends at its { NULL, … } row. Raises
    TableError when a row cannot be read, so a new column fails here, not silently."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    aliases = dict(re.findall(r"^#define[ \t]+(\w+)[ \t]+(\w+)[ \t]*$", text, re.M))
    start = text.find("routes[] = {")
    if start < 0:
        raise TableError("no “routes[] = {” in %s" % path)
    end = re.compile(r"\{\s*NULL\s*,").search(text, start)
    if end is None:
        raise TableError("the routes table has no { NULL, … } row to end it")
    body = re.sub(r"/\*.*?\*/", "", text[start + len("routes[] = {"):end.start()], flags=re.S)
    rows = re.findall(r'\{(?:"[^"]*"|[^{}"])*\}', body)
    table = []
    for row in rows:
        m = re.fullmatch(r'\{\s*"([A-Z]+)"\s*,\s*"(/[^"]*)"\s*,\s*([\w\s|]+?)\s*,\s*\w+\s*\}', row)
        if m is None:
            raise TableError("cannot read the row %s" % " ".join(row.split()))
        roles = set()
        for flag in m.group(3).split("|"):
            flag = aliases.get(flag.strip(), flag.strip())
            if flag not in ROLE_FLAGS:
                raise TableError("unknown role %r in the row %s" % (flag, " ".join(row.split())))
            roles |= ROLE_FLAGS[flag]
        table.append((m.group(1), m.group(2), frozenset(roles)))
    return table


def normal(template):
    """"/professionals/{professional_id}/settings" → "/professionals/{}/settings"."""
    return re.sub(r"\{[^}/]+\}", "{}", template)


class Server:
    def __init__(self, binary):
        self.dir = tempfile.mkdtemp(prefix="turnos-openapi-")
        self.proc = subprocess.Popen(
            [binary, "--listen", "127.0.0.1:0", "--database",
             "sqlite://" + os.path.join(self.dir, "t.db"), "--demo"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"Listening on (http://\S+/)", line)
        if not m:
            self.stop()
            raise SystemExit("turnos-server did not start: %r" % line)
        self.url = m.group(1)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        shutil.rmtree(self.dir, ignore_errors=True)


def template_regex(pattern):
    return "^" + re.escape(pattern).replace(r"\{\}", "[^/]+") + "$"


class Api:
    """Calls the server and checks each answer against the document."""

    def __init__(self, server, doc):
        self.server = server
        self.doc = doc
        with warnings.catch_warnings():
            # Debian 12's jsonschema (4.10) has no "referencing" library yet.
            warnings.simplefilter("ignore", DeprecationWarning)
            self.resolver = jsonschema.RefResolver.from_schema(doc)
        self.ops = {}   # (METHOD, normal path) → (template, operation)
        for template, item in doc["paths"].items():
            for method in METHODS:
                if method in item:
                    self.ops[(method.upper(), normal(template))] = (template, item[method])
        self.answered = set()   # (METHOD, normal path) answered with a 2xx
        self.errors = set()     # (METHOD, normal path) answered with a 4xx
        self.tokens = {}        # user → bearer token

    def find(self, method, path):
        for (m, pattern), found in self.ops.items():
            if m == method and re.match(template_regex(pattern), path):
                return pattern, found
        return None, None

    def known_path(self, path):
        return any(re.match(template_regex(p), path) for (_, p) in self.ops)

    def validate(self, name, schema, body):
        try:
            jsonschema.Draft202012Validator(schema, resolver=self.resolver).validate(body)
            return True
        except jsonschema.ValidationError as e:
            check(name, False, "%s at %s" % (e.message, "/".join(str(p) for p in e.absolute_path)))
            return False

    def component(self, kind, item):
        while "$ref" in item:
            item = self.doc["components"][kind][item["$ref"].rsplit("/", 1)[1]]
        return item

    def sign_in(self, user, password=None):
        """Signs @user in (the demo's password when none is given); returns the answer."""
        status, answer = self.call("POST", "auth/login",
                                   body={"username": user, "password": password or "demo-" + user},
                                   expect=200)
        if status == 200 and isinstance(answer, dict):
            self.tokens[user] = answer["token"]
        return answer

    def handshake(self, path):
        """A WebSocket handshake (RFC 6455 §4.1) on @path: the answer must be the documented 101."""
        url = urllib.parse.urlparse(self.server.url)
        key = base64.b64encode(os.urandom(16)).decode()
        with socket.create_connection((url.hostname, url.port), timeout=10) as s:
            s.sendall(("GET /%s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\n"
                       "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                       "Sec-WebSocket-Version: 13\r\n\r\n" % (path, url.hostname, url.port, key)).encode())
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = s.recv(4096)
                if not chunk:
                    break
                head += chunk
        status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/1.1 ") else 0
        bare = "/" + path
        pattern, found = self.find("GET", bare)
        name = "/openapi/answer/GET %s -> %d" % (bare, status)
        ok = found is not None and status == 101 and "101" in found[1]["responses"]
        check(name, ok, "" if ok else "a handshake answered %d" % status)
        if ok:
            self.answered.add(("GET", pattern))

    def send_expecting(self, method, path, data, headers):
        """A body over the server's 64 KB is sent as a careful client does, with "Expect:
        100-continue": the head first, the body only after 100 Continue. The server refuses on
        the declared length before that and closes; sending the body at once (urllib) could
        meet the closed socket (a broken pipe) before the answer was read."""
        url = urllib.parse.urlsplit(self.server.url)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        try:
            conn.putrequest(method, url.path.rstrip("/") + "/" + path.lstrip("/"))
            for name, value in headers.items():
                conn.putheader(name, value)
            conn.putheader("Content-Type", "application/json")
            conn.putheader("Content-Length", str(len(data)))
            conn.putheader("Expect", "100-continue")
            conn.endheaders()
            # http.client skips a 100 Continue and would wait for the body's answer: a server
            # that says 100 to this body fails by the timeout.
            r = conn.getresponse()
            return r.status, r.headers, r.read()
        finally:
            conn.close()

    def call(self, method, path, body=None, expect=None, headers=None, user=None, token=None):
        """@path is relative, with its query; @user is whose token to send (signed in before),
        @token a token of one's own. Returns (status, parsed body or text)."""
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
        elif isinstance(body, str):
            data = body.encode()
        else:
            data = body
        headers = dict(headers or {})
        if user is not None:
            token = self.tokens.get(user, "not-signed-in")
        if token is not None:
            headers["Authorization"] = "Bearer " + token
        req = urllib.request.Request(self.server.url + path.lstrip("/"), data=data, method=method,
                                     headers=headers)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if data is not None and len(data) > 64 * 1024:
            status, got, raw = self.send_expecting(method, path, data, headers)
        else:
            try:
                with urllib.request.urlopen(req, timeout=10) as r:
                    status, got, raw = r.status, r.headers, r.read()
            except urllib.error.HTTPError as e:
                status, got, raw = e.code, e.headers, e.read()
        ctype = got.get("Content-Type", "")
        bare = "/" + path.split("?")[0].lstrip("/")
        name = "/openapi/answer/%s %s -> %d" % (method, bare, status)
        if expect is not None and status != expect:
            who = " as " + user if user else ""
            check(name, False, "expected %d%s: %s" % (expect, who, raw[:300]))
            return status, None
        parsed = json.loads(raw) if raw and "json" in ctype else raw.decode("utf-8", "replace")
        pattern, found = self.find(method, bare)
        if found is None:
            # Only the generic answers: no such path (404) or not with this method (405).
            want = 405 if self.known_path(bare) else 404
            generic = "MethodNotAllowed" if want == 405 else "NotFound"
            schema = {"$ref": "#/components/responses/%s/content/application~1json/schema"
                      % generic}
            ok = status == want and self.validate(name, schema, parsed)
            check(name, ok, "" if ok else "an undocumented operation answered %d" % status)
            return status, parsed
        template, op = found
        name = "/openapi/answer/%s %s -> %d" % (method, template, status)
        spec = op["responses"].get(str(status))
        if spec is None:
            check(name, False, "status %d is not documented for %s %s" % (status, method, template))
            return status, parsed
        spec = self.component("responses", spec)
        ok = True
        for header, h in spec.get("headers", {}).items():
            h = self.component("headers", h)
            value = got.get(header)
            if value is None:
                if h.get("required"):
                    check(name, False, "no %s header, documented as required" % header)
                    ok = False
            elif not self.validate(name, h.get("schema", {}), value):
                ok = False
        content = spec.get("content")
        if content is None:
            if raw:
                check(name, False, "a body where none is documented")
                ok = False
        elif "application/json" in content:
            if "json" not in ctype:
                check(name, False, "Content-Type %r, documented application/json" % ctype)
                ok = False
            elif not self.validate(name, content["application/json"]["schema"], parsed):
                ok = False
        else:
            want = next(iter(content))
            if not ctype.startswith(want):
                check(name, False, "Content-Type %r, documented %r" % (ctype, want))
                ok = False
        if ok:
            check(name, True)
        if 200 <= status < 300:
            self.answered.add((method, pattern))
            # What the server took must be what the document asks for.
            content = op.get("requestBody", {}).get("content", {})
            schema = content.get("application/json", {}).get("schema")
            if schema is not None and isinstance(body, (dict, list)):
                rname = "/openapi/request/%s %s" % (method, template)
                if self.validate(rname, schema, body):
                    check(rname, True)
        elif 400 <= status < 500:
            self.errors.add((method, pattern))
        return status, parsed


def check_roles(doc, table):
    """Each operation's x-roles and security against the table's roles column."""
    default = doc.get("security", [])
    for method, pattern, roles in table:
        for template, item in doc["paths"].items():
            if normal(template) == pattern and method.lower() in item:
                op = item[method.lower()]
                break
        else:
            continue   # reported as undocumented already
        name = "/openapi/roles/%s %s" % (method, pattern)
        said = set(op.get("x-roles", []))
        security = op.get("security", default)
        anonymous = {} in security or security == []
        if said != roles:
            check(name, False, "x-roles %s, the table says %s" % (sorted(said), sorted(roles)))
        elif anonymous != ("anonymous" in roles):
            check(name, False, "security %s, but anonymous callers are %s" %
                  (json.dumps(security), "let in" if "anonymous" in roles else "refused"))
        else:
            check(name, True)


def refuse_others(api, table):
    """Every route, as every role its row leaves out: 401 anonymous, 403 signed in. Checked
    before anything the request carries, so any id in the path will do."""
    for method, pattern, roles in table:
        path = pattern.replace("{}", "x")
        for role in ("anonymous",) + tuple(AS_ROLE):
            if role in roles:
                continue
            if role == "anonymous":
                api.call(method, path, expect=401)
            else:
                api.call(method, path, expect=403, user=AS_ROLE[role])


def working_day(ahead):
    day = datetime.datetime.now(ZONE).date() + datetime.timedelta(days=ahead)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def fall_back_sunday():
    """The next last Sunday of October at least two days ahead: Europe/Madrid repeats its
    02:00-03:00 then."""
    today = datetime.date.today()
    for year in (today.year, today.year + 1):
        day = datetime.date(year, 10, 31)
        day -= datetime.timedelta(days=(day.weekday() + 1) % 7)
        if day >= today + datetime.timedelta(days=2):
            return day
    raise AssertionError("no October after this one")


def exercise_therapy(api, big):
    """Weekly series, reschedules and the waitlist (issue #19)."""
    for user in ("patient-2", "patient-3"):
        api.sign_in(user)
    first = working_day(12)
    series = "reservations/series"
    draft = {"client_id": "patient-2", "professional_id": "dr-ana",
             "start_time": first.isoformat() + "T15:00:00", "session_modality": "Virtual"}
    weekly = {"reservation": draft, "count": 4}
    api.call("POST", series + "?dry_run=1", body=weekly, expect=200, user="patient-2")
    _, booked = api.call("POST", series, body=weekly, expect=201, user="desk",
                         headers={"Idempotency-Key": "openapi-series"})
    api.call("POST", series, body=weekly, expect=409, user="desk")
    api.call("POST", series, body=dict(weekly, every_weeks=3), expect=400, user="desk")
    api.call("POST", series, body=dict(weekly, count=2, until=first.isoformat()), expect=400,
             user="desk")
    api.call("POST", series, body={"reservation": dict(draft, professional_id="nobody"), "count": 2},
             expect=404, user="desk")
    api.call("POST", series, body={"reservation": dict(draft, client_id="patient-3"), "count": 2},
             expect=403, user="patient-2")
    api.call("POST", series, body=dict(weekly, count=2), expect=422, user="desk",
             headers={"Idempotency-Key": "openapi-series"})
    api.call("POST", series, body=big, expect=413, user="desk")
    deposit = {"reservation": {"client_id": "patient-3", "professional_id": "dr-bruno",
                               "start_time": first.isoformat() + "T16:00:00",
                               "session_modality": "Presencial"},
               "count": 2, "mode": "free_ones"}
    api.call("POST", series, body=deposit, expect=201, user="desk")
    if booked:
        third = booked["reservations"][2]["start_time"][:10]
        cancel = "reservations/series/%s/cancel?from=%s" % (booked["series_id"], third)
        api.call("POST", cancel, expect=403, user="patient-1")
        api.call("POST", cancel, expect=200, user="patient-2")
        api.call("POST", "reservations/series/%s/cancel?from=soon" % booked["series_id"], expect=400,
                 user="desk")
        api.call("POST", cancel, body=big, expect=413, user="desk")
        # The first session moves an hour later; then onto the patient's own second: taken.
        moved = "reservations/%s/reschedule" % booked["reservations"][0]["id"]
        api.call("POST", moved, expect=201, user="patient-2",
                 body={"start_time": first.isoformat() + "T16:00:00"})
        second = "reservations/%s/reschedule" % booked["reservations"][1]["id"]
        api.call("POST", second, expect=409, user="desk",
                 body={"start_time": first.isoformat() + "T16:00:00"})
        api.call("POST", second, expect=422, user="desk",
                 body={"start_time": first.isoformat() + "T16:30:00"})
        api.call("POST", second, expect=400, user="desk", body={"end_time": "soon"})
        api.call("POST", second, expect=403, user="patient-3",
                 body={"start_time": first.isoformat() + "T11:00:00"})
        api.call("POST", second, body=big, expect=413, user="desk")
    api.call("POST", "reservations/nope/reschedule", expect=404, user="desk",
             body={"start_time": first.isoformat() + "T11:00:00"})
    # The patient in two places: patient_busy, and the desk's override.
    busy = {"client_id": "patient-2", "professional_id": "dr-carla",
            "start_time": first.isoformat() + "T15:30:00", "session_modality": "Virtual"}
    api.call("POST", "reservations/create-without-payment", body=busy, expect=409, user="patient-2")
    api.call("POST", "reservations/create-without-payment", expect=201, user="desk",
             body=dict(busy, override_reason="Two rooms"))

    # The waitlist.
    day = working_day(13).isoformat()
    wait = {"professional_id": "dr-ana", "date": day, "client_id": "patient-2"}
    _, entry = api.call("POST", "waitlist", body=wait, expect=201, user="patient-2")
    api.call("POST", "waitlist", body=wait, expect=200, user="desk")
    api.call("POST", "waitlist", body=dict(wait, client_id="patient-3"), expect=403, user="patient-2")
    api.call("POST", "waitlist", body=dict(wait, client_id="nobody"), expect=404, user="desk")
    api.call("POST", "waitlist", body=dict(wait, date="2000-01-01"), expect=422, user="desk")
    api.call("POST", "waitlist", body=dict(wait, date="soon"), expect=400, user="desk")
    api.call("POST", "waitlist", body=big, expect=413, user="desk")
    api.call("POST", "waitlist", body=dict(wait, client_id="patient-3"), expect=201, user="desk")
    _, page = api.call("GET", "waitlist?professional_id=dr-ana&date=%s&limit=1" % day, expect=200,
                       user="desk")
    if page and page["next_cursor"]:
        api.call("GET", "waitlist?professional_id=dr-ana&date=%s&limit=1&cursor=%s"
                 % (day, page["next_cursor"]), expect=200, user="dr-ana")
    api.call("GET", "waitlist", expect=200, user="patient-2")
    api.call("GET", "waitlist?client_id=patient-3", expect=403, user="patient-2")
    api.call("GET", "waitlist?date=soon", expect=400, user="desk")
    api.call("GET", "waitlist?professional_id=nobody", expect=404, user="desk")
    api.call("GET", "professionals/dr-ana/day?date=" + day, expect=200, user="desk")
    if entry:
        api.call("DELETE", "waitlist/" + entry["id"], expect=403, user="patient-3")
        api.call("DELETE", "waitlist/" + entry["id"], expect=204, user="patient-2")
        api.call("DELETE", "waitlist/" + entry["id"], expect=404, user="desk")


def exercise(api, table):
    day = working_day(9)
    d = day.isoformat()
    month = day.strftime("%Y-%m")
    big = b"{" + b" " * (2 * 1024 * 1024) + b"}"
    book = "reservations/create-without-payment"
    hold = "reservations/payment"

    def availability(prof, date):
        return "reservations/availability?date=%s&professional_id=%s" % (date, prof)

    # Anonymous calls, and what a token that is not live does to them.
    api.call("GET", "health", expect=200)
    # The live events: a WebSocket handshake opens it (101), a plain GET is refused (426).
    api.handshake("events")
    api.call("GET", "events", expect=426)
    api.call("GET", "health", expect=401, token="not-a-token")
    api.call("GET", "health", expect=401, headers={"Authorization": "Basic ZGVzazpkZW1vLWRlc2s="})
    api.call("DELETE", "health", expect=405)
    api.call("GET", "no/such/thing", expect=404)
    api.call("GET", "professionals", expect=200)
    api.call("GET", "professionals/dr-ana/settings", expect=200)
    api.call("GET", "professionals/nobody/settings", expect=404)
    api.call("GET", availability("dr-ana", d), expect=200)
    api.call("GET", "reservations/availability?date=%s" % d, expect=400)
    api.call("GET", availability("nobody", d), expect=404)
    api.call("GET", "reservations/availability/month?month=%s&professional_id=dr-ana" % month,
             expect=200)
    api.call("GET", "reservations/availability/month?month=13&professional_id=dr-ana", expect=400)

    # Signing in: the demo's accounts, then what is refused (one failure, not yet throttled).
    for user in AS_ROLE.values():
        api.sign_in(user)
    api.call("POST", "auth/login", body={"username": "desk", "password": "wrong"}, expect=401)
    api.call("POST", "auth/login", body={"username": "desk"}, expect=400)
    api.call("POST", "auth/login", body="{not json", expect=400)
    api.call("POST", "auth/login", body=big, expect=413)
    for user in AS_ROLE.values():
        api.call("GET", "me", expect=200, user=user)
    api.call("GET", availability("dr-ana", d), expect=200, user="desk")
    refuse_others(api, table)

    # Professionals: one added in Europe/Madrid, working the night its clocks go back, so the
    # answers carry the *_utc_offset members of a repeated hour.
    fold = fall_back_sunday().isoformat()
    madrid = {"user_id": "dr-openapi", "display_name": "Dra. Olga Pérez",
              "session_duration_minutes": 30, "slot_interval_minutes": 30,
              "session_modality": "Virtual", "timezone": "Europe/Madrid",
              "working_hours": [{"weekday": 7, "start": "00:00", "end": "06:00"}],
              "min_notice_minutes": 0, "booking_horizon_days": 730, "cancel_notice_minutes": 0}
    mondays = [{"weekday": 1, "start": "09:00", "end": "12:00"}]
    overlapping = mondays + [{"weekday": 1, "start": "11:00", "end": "13:00"}]
    api.call("POST", "professionals", body=madrid, expect=201, user="admin")
    api.call("POST", "professionals", body=madrid, expect=409, user="admin")
    api.call("POST", "professionals", body=dict(madrid, user_id="dr otra"), expect=400,
             user="admin")
    _, bad = api.call("POST", "professionals", expect=400, user="admin",
                      body=dict(madrid, user_id="dr-otra", working_hours=overlapping))
    check("/openapi/settings/field",
          isinstance(bad, dict) and bad["error"].get("field") == "working_hours[1]",
          "error.field: %r" % (bad,))
    _, slots = api.call("GET", availability("dr-openapi", fold), expect=200)
    _, night = api.call("POST", book, expect=201, user="desk",
                        body={"client_id": "patient-3", "professional_id": "dr-openapi",
                              "start_time": fold + "T02:30:00", "session_modality": "Virtual"})
    api.call("POST", "professionals/dr-openapi/blocks", expect=201, user="desk",
             body={"start_time": fold + "T02:00:00", "start_utc_offset": "+01:00",
                   "end_time": fold + "T03:00:00"})
    api.call("GET", "professionals/dr-openapi/day?date=" + fold, expect=200, user="admin")
    _, moved = api.call("PUT", "professionals/dr-openapi/settings", expect=200, user="admin",
                        body=dict(madrid, working_hours=mondays))
    check("/openapi/settings/outside-hours",
          isinstance(moved, dict) and isinstance(night, dict) and
          [r["id"] for r in moved["outside_hours"]] == [night["id"]],
          "outside_hours: %r" % (moved,))
    check("/openapi/fold/offsets",
          isinstance(slots, dict) and any("start_utc_offset" in s for s in slots.get("slots", []))
          and isinstance(night, dict) and night.get("end_utc_offset") == "+01:00",
          "no *_utc_offset in the answers of a repeated hour")
    if night:
        api.call("POST", "reservations/%s/cancel" % night["id"], body={"override_reason": "moved"},
                 expect=200, user="desk")
    _, ana = api.call("GET", "professionals/dr-ana/settings", expect=200)
    if ana:
        api.call("PUT", "professionals/dr-ana/settings", body=ana, expect=200, user="dr-ana")
        api.call("PUT", "professionals/dr-bruno/settings", body=ana, expect=403, user="dr-ana")
        api.call("PUT", "professionals/dr-ana/settings", body=dict(ana, timezone="Mars/Olympus"),
                 expect=400, user="dr-ana")
        api.call("PUT", "professionals/nobody/settings", body=ana, expect=404, user="admin")
        api.call("PUT", "professionals/dr-ana/settings", body=big, expect=413, user="dr-ana")

    # The desk's day and time off.
    api.call("GET", "professionals/dr-ana/day?date=" + d, expect=200, user="desk")
    api.call("GET", "professionals/dr-ana/day?date=" + d, expect=200, user="dr-ana")
    api.call("GET", "professionals/dr-bruno/day?date=" + d, expect=403, user="dr-ana")
    api.call("GET", "professionals/dr-ana/day?date=tomorrow", expect=400, user="desk")
    api.call("GET", "professionals/nobody/day?date=" + d, expect=404, user="desk")

    # Book, list, cancel.
    mine = {"client_id": "patient-1", "professional_id": "dr-ana", "start_time": d + "T10:00:00",
            "session_modality": "Virtual"}
    key = {"Idempotency-Key": "openapi-1"}
    _, booked = api.call("POST", book, body=mine, headers=key, expect=201, user="patient-1")
    api.call("POST", book, body=mine, headers=key, expect=201, user="patient-1")
    api.call("POST", book, body=mine, expect=409, user="patient-1")
    api.call("POST", book, body=dict(mine, client_id="patient-2"), expect=403, user="patient-1")
    api.call("POST", book, body=dict(mine, override_reason="urgent"), expect=403, user="patient-1")
    api.call("POST", book, body=dict(mine, start_time=d + "T10:30:00"), expect=422, user="desk")
    api.call("POST", book, body="{not json", expect=400, user="desk")
    api.call("POST", book, body=dict(mine, professional_id="nobody"), expect=404, user="desk")
    api.call("POST", book, body=big, expect=413, user="desk")
    _, other = api.call("POST", book, expect=201, user="desk",
                        body=dict(mine, client_id="patient-3", start_time=d + "T11:00:00"))
    api.call("GET", "reservations", expect=200, user="patient-1")
    upcoming = "reservations?client_id=patient-1&status=live&from=%s&order=asc&limit=1" % d
    _, first = api.call("GET", upcoming, expect=200, user="desk")
    if first and first["next_cursor"]:
        api.call("GET", upcoming + "&cursor=" + first["next_cursor"], expect=200, user="desk")
    api.call("GET", "reservations?client_id=patient-1", expect=200, user="dr-ana")
    api.call("GET", "reservations?client_id=patient-2", expect=403, user="patient-1")
    api.call("GET", "reservations", expect=400, user="desk")
    api.call("GET", "reservations?client_id=patient-1&cursor=!!", expect=400, user="desk")

    # Time off: added, refused over the booking with the sessions named, removed.
    _, block = api.call("POST", "professionals/dr-ana/blocks", expect=201, user="dr-ana",
                        body={"start_time": d + "T13:00:00", "end_time": d + "T15:00:00",
                              "reason": "Congreso"})
    api.call("POST", "professionals/dr-ana/blocks", expect=201, user="desk",
             body={"start_time": d + "T16:00:00", "end_time": d + "T17:00:00"})
    morning = {"start_time": d + "T09:00:00", "end_time": d + "T12:00:00"}
    api.call("POST", "professionals/dr-ana/blocks", body=morning, expect=409, user="desk")
    api.call("POST", "professionals/dr-ana/blocks", body={"start_time": "soon"}, expect=400,
             user="desk")
    api.call("POST", "professionals/dr-bruno/blocks", body=morning, expect=403, user="dr-ana")
    api.call("POST", "professionals/nobody/blocks", body=morning, expect=404, user="desk")
    api.call("POST", "professionals/dr-ana/blocks", body=big, expect=413, user="desk")
    that_day = "professionals/dr-ana/blocks?from=%s&to=%s&limit=1" % (d, d)
    _, blocks = api.call("GET", that_day, expect=200, user="desk")
    if blocks and blocks["next_cursor"]:
        api.call("GET", that_day + "&cursor=" + blocks["next_cursor"], expect=200, user="desk")
    api.call("GET", "professionals/dr-ana/blocks", expect=200, user="dr-ana")
    api.call("GET", "professionals/dr-ana/blocks?from=nope", expect=400, user="desk")
    api.call("GET", "professionals/dr-bruno/blocks", expect=403, user="dr-ana")
    api.call("GET", "professionals/nobody/blocks", expect=404, user="desk")
    api.call("GET", availability("dr-ana", d), expect=200)
    api.call("GET", "professionals/dr-ana/day?date=" + d, expect=200, user="admin")
    if block:
        api.call("DELETE", "professionals/dr-bruno/blocks/" + block["id"], expect=403,
                 user="dr-ana")
        api.call("DELETE", "professionals/dr-ana/blocks/" + block["id"], expect=204, user="desk")
        api.call("DELETE", "professionals/dr-ana/blocks/" + block["id"], expect=404, user="desk")

    # Attendance: the desk's word on a session, cleared again, refused what is not a session.
    _, seen = api.call("POST", book, expect=201, user="desk",
                       body=dict(mine, client_id="patient-2", start_time=d + "T12:00:00"))
    if seen:
        att = "reservations/%s/attendance" % seen["id"]
        _, marked = api.call("POST", att, body={"attendance": "arrived"}, expect=200, user="desk")
        check("/openapi/attendance/marked",
              isinstance(marked, dict) and marked.get("attendance") == "arrived",
              "attendance: %r" % (marked,))
        api.call("POST", att, body={"attendance": "no_show"}, expect=200, user="dr-ana")
        _, cleared = api.call("POST", att, body={"attendance": ""}, expect=200, user="admin")
        check("/openapi/attendance/cleared",
              isinstance(cleared, dict) and "attendance" not in cleared,
              "attendance: %r" % (cleared,))
        api.call("POST", att, body={"attendance": "late"}, expect=400, user="desk")
        api.call("POST", att, body={}, expect=400, user="desk")
        api.call("POST", att, expect=400, user="desk")
        api.call("POST", att, body=big, expect=413, user="desk")
    api.call("POST", "reservations/nope/attendance", body={"attendance": "arrived"}, expect=404,
             user="desk")

    if other:
        api.call("POST", "reservations/%s/cancel" % other["id"], expect=403, user="patient-1")
        api.call("POST", "reservations/%s/cancel" % other["id"], expect=200, user="dr-ana")
    if booked:
        cancel = "reservations/%s/cancel" % booked["id"]
        api.call("POST", cancel, expect=200, user="patient-1")
        api.call("POST", cancel, expect=409, user="patient-1")
        api.call("POST", cancel, body="[]", expect=400, user="desk")
        api.call("POST", cancel, body=big, expect=413, user="desk")
        api.call("POST", "reservations/%s/attendance" % booked["id"], expect=409, user="desk",
                 body={"attendance": "arrived"})
    api.call("POST", "reservations/nope/cancel", expect=404, user="desk")
    api.call("GET", "reservations?client_id=patient-1&status=cancelled", expect=200,
             user="patient-1")

    # A deposit: held, looked at, paid, declined, released.
    held = {"client_id": "patient-1", "professional_id": "dr-bruno", "start_time": d + "T11:00:00",
            "session_modality": "Presencial"}
    no_deposit = dict(held, professional_id="dr-ana", session_modality="Virtual",
                      start_time=d + "T16:00:00")
    _, payment = api.call("POST", hold, body=held, expect=201, user="patient-1")
    api.call("POST", hold, body=held, expect=409, user="patient-1")
    api.call("POST", hold, body=no_deposit, expect=422, user="desk")
    api.call("POST", hold, body=[], expect=400, user="desk")
    api.call("POST", hold, body=dict(held, professional_id="nobody"), expect=404, user="desk")
    api.call("POST", hold, body=dict(held, client_id="patient-2"), expect=403, user="patient-1")
    api.call("POST", hold, body=big, expect=413, user="desk")
    if payment:
        pid = payment["payment_id"]
        api.call("GET", "reservations/payment/" + pid, expect=200, user="patient-1")
        api.call("GET", "sandbox/checkout/" + pid, expect=200, headers={"Accept-Language": "es-AR"})
        api.call("POST", "sandbox/checkout/%s/pay" % pid, expect=200)
        api.call("GET", "reservations/payment/" + pid, expect=200, user="desk")
    _, second = api.call("POST", hold, expect=201, user="desk",
                         body=dict(held, client_id="patient-3", start_time=d + "T12:00:00"))
    if second:
        pid = second["payment_id"]
        api.call("GET", "reservations/payment/" + pid, expect=403, user="patient-1")
        api.call("POST", "sandbox/checkout/%s/decline" % pid, expect=200)
    _, third = api.call("POST", hold, body=dict(held, start_time=d + "T13:00:00"), expect=201,
                        user="patient-1")
    if third:
        api.call("POST", "reservations/%s/attendance" % third["reservation"]["id"], expect=409,
                 user="desk", body={"attendance": "arrived"})
        api.call("POST", "reservations/%s/cancel" % third["reservation"]["id"], expect=200,
                 user="patient-1")
    api.call("GET", "reservations/payment/nope", expect=404, user="desk")
    api.call("GET", "reservations/payment/a%00b", expect=400, user="desk")
    api.call("GET", "sandbox/checkout/nope", expect=404)
    api.call("POST", "sandbox/checkout/nope/pay", expect=404)
    api.call("POST", "sandbox/checkout/nope/decline", expect=404)
    api.call("GET", "sandbox/checkout/a%00b", expect=400)
    api.call("POST", "sandbox/checkout/a%00b/pay", expect=400)
    api.call("POST", "sandbox/checkout/a%00b/decline", expect=400)
    api.call("GET", "reservations?client_id=patient-1&status=all&order=desc", expect=200,
             user="admin")
    exercise_therapy(api, big)

    # The patient directory.
    _, found = api.call("GET", "patients?q=perez&limit=1", expect=200, user="desk")
    check("/openapi/patients/search",
          isinstance(found, dict) and [p["id"] for p in found["patients"]] == ["patient-1"],
          "q=perez: %r" % (found,))
    _, everyone = api.call("GET", "patients?limit=1", expect=200, user="desk")
    if everyone and everyone["next_cursor"]:
        api.call("GET", "patients?limit=1&cursor=" + everyone["next_cursor"], expect=200,
                 user="desk")
    api.call("GET", "patients", expect=200, user="dr-ana")
    api.call("GET", "patients?limit=0", expect=400, user="desk")
    api.call("GET", "patients?cursor=!!", expect=400, user="desk")
    juan = {"display_name": "Juan Gómez", "document": "30123456", "phone": "+54 11 5555-1234",
            "email": "juan@example.com", "username": "juan-openapi", "password": "first-password"}
    _, created = api.call("POST", "patients", body=juan, expect=201, user="desk")
    _, walk_in = api.call("POST", "patients", body={"display_name": "Rosa Díaz", "phone": None},
                          expect=201, user="admin")
    for refused in ({"display_name": " "}, {"display_name": "X", "email": "not an address"},
                    {"display_name": "X", "username": "x-openapi"}):
        api.call("POST", "patients", body=refused, expect=400, user="desk")
    api.call("POST", "patients", body=big, expect=413, user="desk")
    api.call("GET", "patients/patient-1", expect=200, user="desk")
    api.call("GET", "patients/patient-1", expect=200, user="patient-1")
    api.call("GET", "patients/patient-1", expect=200, user="dr-ana")
    api.call("GET", "patients/patient-2", expect=403, user="patient-1")
    api.call("GET", "patients/nobody", expect=404, user="desk")
    api.call("GET", "patients/a%00b", expect=400, user="desk")
    edit = "patients/patient-1"
    api.call("PATCH", edit, body={"phone": "+54 11 5555-9999"}, expect=200, user="desk")
    api.call("PATCH", edit, body={"email": "jose@example.com"}, expect=200, user="patient-1")
    api.call("PATCH", edit, body={"username": "jose"}, expect=403, user="patient-1")
    api.call("PATCH", edit, body={"email": "nope"}, expect=400, user="desk")
    api.call("PATCH", edit, body=big, expect=413, user="desk")
    api.call("PATCH", "patients/nobody", body={"phone": ""}, expect=404, user="desk")
    if created:
        his = "patients/" + created["id"]
        api.call("GET", his, expect=403, user="dr-ana")
        api.call("PATCH", his, body={"username": "patient-2"}, expect=409, user="desk")

        # His first sign-in: a password of his own before anything else.
        login = api.sign_in("juan-openapi", "first-password")
        check("/openapi/login/must-change",
              isinstance(login, dict) and login["must_change_password"] is True,
              "must_change_password: %r" % (login,))
        api.call("GET", "me", expect=200, user="juan-openapi")
        api.call("GET", his, expect=403, user="juan-openapi")
        for refused, status in (({"current": "wrong-password", "new": "his-own-password"}, 403),
                                ({"current": "first-password", "new": "short"}, 400),
                                (big, 413)):
            api.call("POST", "auth/password", body=refused, expect=status, user="juan-openapi")
        api.call("POST", "auth/password", expect=204, user="juan-openapi",
                 body={"current": "first-password", "new": "his-own-password"})
        api.call("GET", his, expect=200, user="juan-openapi")
        api.call("GET", his + "/export", expect=200, user="juan-openapi")
        api.call("POST", "auth/logout", expect=204, user="juan-openapi")
        api.call("GET", "me", expect=401, user="juan-openapi")
        api.call("POST", "auth/logout", expect=401, user="juan-openapi")
        api.call("GET", "professionals", expect=401, user="juan-openapi")
        api.call("GET", his + "/export", expect=200, user="admin")
    api.call("GET", "patients/patient-1/export", expect=200, user="patient-1")
    api.call("GET", "patients/patient-2/export", expect=403, user="patient-1")
    api.call("GET", "patients/nobody/export", expect=404, user="admin")
    if walk_in:
        api.call("DELETE", "patients/" + walk_in["id"], expect=204, user="admin")
        _, erased = api.call("GET", "patients/" + walk_in["id"], expect=200, user="desk")
        check("/openapi/patients/erased", isinstance(erased, dict) and erased.get("erased") is True,
              "erased: %r" % (erased,))
    api.call("DELETE", "patients/nobody", expect=404, user="admin")

    # The audit trail, a page at a time.
    _, audit = api.call("GET", "audit?limit=2", expect=200, user="admin")
    if audit and audit["next_cursor"]:
        api.call("GET", "audit?limit=2&cursor=" + audit["next_cursor"], expect=200, user="admin")
    else:
        check("/openapi/audit/paged", False, "two entries and no next_cursor: %r" % (audit,))
    today = datetime.date.today().isoformat()
    api.call("GET", "audit?since=%s&actor=desk&target=patient-1" % today, expect=200, user="admin")
    api.call("GET", "audit?since=yesterday", expect=400, user="admin")
    api.call("GET", "audit?cursor=!!", expect=400, user="admin")

    # Last, since it locks this address out of signing in for 15 minutes: five failures (one
    # above), then 429 with Retry-After, the right password too.
    for _ in range(4):
        api.call("POST", "auth/login", body={"username": "nobody-openapi", "password": "guess"},
                 expect=401)
    api.call("POST", "auth/login", body={"username": "admin", "password": "demo-admin"}, expect=429)


def main():
    binary, doc_path, routes_path = sys.argv[1:4]
    with open(doc_path, encoding="utf-8") as f:
        doc = json.load(f)

    check("/openapi/document/version", doc.get("openapi", "").startswith("3.1"), "not OpenAPI 3.1")
    try:
        jsonschema.Draft202012Validator.check_schema({"$defs": doc["components"]["schemas"]})
        check("/openapi/document/schemas", True)
    except jsonschema.SchemaError as e:
        check("/openapi/document/schemas", False, e.message)

    try:
        table = route_table(routes_path)
        check("/openapi/routes/table-read", len(table) > 10, "read %d routes" % len(table))
    except TableError as e:
        table = []
        check("/openapi/routes/table-read", False, str(e))
    routes = [(m, p) for m, p, _ in table]
    documented = {(m.upper(), normal(p))
                  for p, item in doc["paths"].items() for m in METHODS if m in item}
    for method, pattern in routes:
        check("/openapi/routes/documented/%s %s" % (method, pattern),
              (method, pattern) in documented,
              "no %s %s in %s" % (method, pattern, os.path.basename(doc_path)))
    for method, pattern in sorted(documented - set(routes)):
        check("/openapi/routes/exists/%s %s" % (method, pattern), False,
              "documented, but not in the routes table")
    check_roles(doc, table)

    server = Server(binary)
    try:
        api = Api(server, doc)
        exercise(api, table)
    finally:
        server.stop()
    for method, pattern in routes:
        check("/openapi/answered/%s %s" % (method, pattern), (method, pattern) in api.answered,
              "never answered with a 2xx by this test")
        check("/openapi/errors/%s %s" % (method, pattern), (method, pattern) in api.errors,
              "no error answer checked on this route")

    failed = 0
    for i, (name, ok, why) in enumerate(results, 1):
        print("%s %d %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            print("# " + why)
    print("1..%d" % len(results))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
