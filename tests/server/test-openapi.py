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
#    until it is documented.
# 2. A real turnos-server on a scratch demo store is called on every route, with answers that
#    succeed and answers that fail; each answer's status must be documented for that operation
#    and its JSON body must validate against the documented schema (python3-jsonschema, JSON
#    Schema 2020-12 as OpenAPI 3.1 uses it). Every route must have been answered with a 2xx and
#    every path with an error.
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
import warnings
import zoneinfo

import jsonschema

ZONE = zoneinfo.ZoneInfo("America/Argentina/Buenos_Aires")
METHODS = ("get", "post", "put", "patch", "delete")

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
        self.answered = set()   # (METHOD, normal path) with a 2xx
        self.errors = set()     # normal paths with a 4xx

    def find(self, method, path):
        for (m, pattern), found in self.ops.items():
            regex = "^" + re.escape(pattern).replace(r"\{\}", "[^/]+") + "$"
            if re.match(regex, path):
                if m == method:
                    return pattern, found
        return None, None

    def known_path(self, path):
        return any(re.match("^" + re.escape(p).replace(r"\{\}", "[^/]+") + "$", path)
                   for (_, p) in self.ops)

    def validate(self, name, schema, body):
        try:
            jsonschema.Draft202012Validator(schema, resolver=self.resolver).validate(body)
            return True
        except jsonschema.ValidationError as e:
            check(name, False, "%s at %s" % (e.message, "/".join(str(p) for p in e.absolute_path)))
            return False

    def call(self, method, path, body=None, expect=None, headers=None):
        """@path is relative, with its query. Returns (status, parsed body or text)."""
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
        elif isinstance(body, str):
            data = body.encode()
        else:
            data = body
        req = urllib.request.Request(self.server.url + path.lstrip("/"), data=data, method=method,
                                     headers=headers or {})
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                status, ctype, raw = r.status, r.headers.get("Content-Type", ""), r.read()
        except urllib.error.HTTPError as e:
            status, ctype, raw = e.code, e.headers.get("Content-Type", ""), e.read()
        bare = "/" + path.split("?")[0].lstrip("/")
        name = "/openapi/answer/%s %s -> %d" % (method, bare, status)
        if expect is not None and status != expect:
            check(name, False, "expected %d: %s" % (expect, raw[:300]))
            return status, None
        parsed = json.loads(raw) if raw and "json" in ctype else raw.decode("utf-8", "replace")
        pattern, found = self.find(method, bare)
        if found is not None:
            name = "/openapi/answer/%s %s -> %d" % (method, found[0], status)
        if found is None:
            # Only the generic answers: no such path (404) or not with this method (405).
            want = 405 if self.known_path(bare) else 404
            ok = status == want and self.validate(name, {"$ref": "#/components/schemas/Error"}, parsed)
            check(name, ok, "" if ok else "an undocumented operation answered %d" % status)
            if ok and want == 405:
                for (_, p) in self.ops:
                    if re.match("^" + re.escape(p).replace(r"\{\}", "[^/]+") + "$", bare):
                        self.errors.add(p)
            return status, parsed
        template, op = found
        spec = op["responses"].get(str(status)) or op["responses"].get("default")
        if spec is None:
            check(name, False, "status %d is not documented for %s %s" % (status, method, template))
            return status, parsed
        if "$ref" in spec:
            spec = self.doc["components"]["responses"][spec["$ref"].rsplit("/", 1)[1]]
        content = spec.get("content")
        if content is None:
            ok = not raw
            check(name, ok, "" if ok else "a body where none is documented")
        elif "application/json" in content:
            ok = "json" in ctype and self.validate(name, content["application/json"]["schema"], parsed)
            if ok:
                check(name, True)
        else:
            want = next(iter(content))
            ok = ctype.startswith(want)
            check(name, ok, "" if ok else "Content-Type %r, documented %r" % (ctype, want))
        if 200 <= status < 300:
            self.answered.add((method, pattern))
        elif 400 <= status < 500:
            self.errors.add(pattern)
        return status, parsed


def working_day(ahead):
    day = datetime.datetime.now(ZONE).date() + datetime.timedelta(days=ahead)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def exercise(api):
    day = working_day(9)
    d = day.isoformat()
    month = day.strftime("%Y-%m")

    api.call("GET", "health", expect=200)
    api.call("DELETE", "health", expect=405)
    api.call("GET", "professionals", expect=200)
    api.call("POST", "professionals", body={}, expect=405)
    api.call("GET", "professionals/dr-ana/settings", expect=200)
    api.call("GET", "professionals/nobody/settings", expect=404)
    api.call("GET", "professionals/dr-ana/day?date=" + d, expect=200)
    api.call("GET", "professionals/dr-ana/day?date=tomorrow", expect=400)
    api.call("GET", "professionals/dr-ana/blocks", expect=200)
    api.call("GET", "professionals/dr-ana/blocks?from=%s&to=%s" % (d, d), expect=200)
    api.call("GET", "professionals/dr-ana/blocks?from=nope", expect=400)
    api.call("GET", "professionals/nobody/blocks", expect=404)
    api.call("GET", "reservations/availability?date=%s&professional_id=dr-ana" % d, expect=200)
    api.call("GET", "reservations/availability?date=%s" % d, expect=400)
    api.call("GET", "reservations/availability?date=%s&professional_id=nobody" % d, expect=404)
    api.call("GET", "reservations/availability/month?month=%s&professional_id=dr-ana" % month, expect=200)
    api.call("GET", "reservations/availability/month?month=13&professional_id=dr-ana", expect=400)
    api.call("GET", "no/such/thing", expect=404)

    # Book, list, cancel.
    draft = {"client_id": "patient-8", "professional_id": "dr-ana", "start_time": d + "T10:00:00",
             "session_modality": "Virtual"}
    _, booked = api.call("POST", "reservations/create-without-payment", body=draft, expect=201,
                         headers={"Idempotency-Key": "openapi-1"})
    api.call("POST", "reservations/create-without-payment", body=draft, expect=409)
    api.call("POST", "reservations/create-without-payment", body=dict(draft, start_time=d + "T10:30:00"), expect=422)
    api.call("POST", "reservations/create-without-payment", body="{not json", expect=400)
    api.call("POST", "reservations/create-without-payment", body=dict(draft, professional_id="nobody"), expect=404)
    api.call("POST", "reservations/create-without-payment", body=b"{" + b" " * (2 * 1024 * 1024) + b"}", expect=413)
    api.call("GET", "reservations?client_id=patient-8", expect=200)
    api.call("GET", "reservations?client_id=patient-8&status=live&from=%s&order=asc&limit=10" % d, expect=200)
    api.call("GET", "reservations", expect=400)

    # Time off: added, refused over the booking with the session named, removed.
    _, block = api.call("POST", "professionals/dr-ana/blocks",
                        body={"start_time": d + "T13:00:00", "end_time": d + "T15:00:00", "reason": "Congreso"},
                        expect=201)
    api.call("POST", "professionals/dr-ana/blocks",
             body={"start_time": d + "T09:00:00", "end_time": d + "T12:00:00"}, expect=409)
    api.call("POST", "professionals/dr-ana/blocks", body={"start_time": "soon"}, expect=400)
    api.call("POST", "professionals/nobody/blocks",
             body={"start_time": d + "T09:00:00", "end_time": d + "T12:00:00"}, expect=404)
    api.call("GET", "reservations/availability?date=%s&professional_id=dr-ana" % d, expect=200)
    api.call("GET", "professionals/dr-ana/day?date=" + d, expect=200)
    if block:
        api.call("DELETE", "professionals/dr-ana/blocks/" + block["id"], expect=204)
        api.call("DELETE", "professionals/dr-ana/blocks/" + block["id"], expect=404)

    if booked:
        api.call("POST", "reservations/%s/cancel" % booked["id"], expect=200)
        api.call("POST", "reservations/%s/cancel" % booked["id"], expect=409)
    api.call("POST", "reservations/nope/cancel", expect=404)
    api.call("GET", "reservations?client_id=patient-8&status=cancelled", expect=200)

    # A deposit: held, looked at, paid, declined, released.
    held = {"client_id": "patient-8", "professional_id": "dr-bruno", "start_time": d + "T11:00:00",
            "session_modality": "Presencial"}
    _, payment = api.call("POST", "reservations/payment", body=held, expect=201)
    api.call("POST", "reservations/payment", body=held, expect=409)
    api.call("POST", "reservations/payment", body=dict(held, professional_id="dr-ana", session_modality="Virtual",
                                                        start_time=d + "T16:00:00"), expect=422)
    api.call("POST", "reservations/payment", body=[], expect=400)
    api.call("POST", "reservations/payment", body=dict(held, professional_id="nobody"), expect=404)
    api.call("POST", "reservations/payment", body=b"{" + b" " * (2 * 1024 * 1024) + b"}", expect=413)
    if payment:
        pid = payment["payment_id"]
        api.call("GET", "reservations/payment/" + pid, expect=200)
        api.call("GET", "sandbox/checkout/" + pid, expect=200, headers={"Accept-Language": "es-AR"})
        api.call("POST", "sandbox/checkout/%s/pay" % pid, expect=200)
        api.call("GET", "reservations/payment/" + pid, expect=200)
    _, second = api.call("POST", "reservations/payment", body=dict(held, start_time=d + "T12:00:00"), expect=201)
    if second:
        api.call("POST", "sandbox/checkout/%s/decline" % second["payment_id"], expect=200)
    _, third = api.call("POST", "reservations/payment", body=dict(held, start_time=d + "T13:00:00"), expect=201)
    if third:
        api.call("POST", "reservations/%s/cancel" % third["reservation"]["id"], expect=200)
    api.call("GET", "reservations/payment/nope", expect=404)
    api.call("GET", "sandbox/checkout/nope", expect=404)
    api.call("POST", "sandbox/checkout/nope/pay", expect=404)
    api.call("POST", "sandbox/checkout/nope/decline", expect=404)
    api.call("GET", "reservations/payment/a%00b", expect=400)
    api.call("GET", "reservations?client_id=patient-8&status=all&order=desc", expect=200)


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
    roles = {(m, p): r for m, p, r in table}
    table = [(m, p) for m, p, _ in table]
    documented = {(m.upper(), normal(p)) for p, item in doc["paths"].items() for m in METHODS if m in item}
    for method, pattern in table:
        check("/openapi/routes/documented/%s %s" % (method, pattern), (method, pattern) in documented,
              "no %s %s in %s" % (method, pattern, os.path.basename(doc_path)))
    for method, pattern in sorted(documented - set(table)):
        check("/openapi/routes/exists/%s %s" % (method, pattern), False, "documented, but not in the routes table")

    server = Server(binary)
    try:
        api = Api(server, doc)
        exercise(api)
    finally:
        server.stop()
    for method, pattern in table:
        check("/openapi/answered/%s %s" % (method, pattern), (method, pattern) in api.answered,
              "never answered with a 2xx by this test")
    for pattern in sorted({p for _, p in table}):
        check("/openapi/errors/%s" % pattern, pattern in api.errors, "no error answer checked on this path")

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
