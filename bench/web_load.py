"""Load: 20 simulated candidates run whole interviews at once against `sdcoach web` (2 workers) on PostgreSQL.

Usage: .venv/bin/python bench/web_load.py POSTGRES_URL [--candidates 20] [--seconds 120] [--workers 2] [--think 3]
Reports p50/p95 per interview turn and per page, as the server timed them (its Server-Timing header) and as
the client saw them (with this process's own queueing on top), and the error count; then the server's p50/p95
for every kind of request a candidate makes (method and path pattern, an answer apart from the end, and each
redirect a form post answers with), so a slow page shows apart from the rest. The "page" lines are the
interview list and scorecard pages, as before. ``--think`` is the mean
time a candidate takes between turns (0 = every candidate fires at once, a saturation test). Each candidate
signs up (multi-user) in the first round and signs in, starts an interview, answers a script of turns
through the same HTMX endpoint the page uses, ends it and opens the scorecard.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ANSWERS = [
    "What peak QPS and p99 latency do the online callers need, and how fresh must features be?",
    "Who owns the warehouse and Kafka, and who is on call when a feature is wrong?",
    "I'd build a registry, a Spark batch engine, a Flink streaming engine and a ScyllaDB online store per region.",
    "Reads are 250k per second; with 20 features of 100 bytes that is 500 MB/s, so I shard by entity id.",
    "If the streaming job lags, we serve the last batch value and page the streaming team on lag over 5 minutes.",
    "Redis instead of ScyllaDB would cost about 3x in RAM; I'd flip only if the p99 had to drop under 2 ms.",
]


RUN = uuid.uuid4().hex[:8]  # accounts are unique per run, so the bench can reuse a database


_SESSION_ID = re.compile(r"/[0-9a-f]{12}(?=/|$)")  # an interview id (12 hex digits)


def kind_of(method: str, url: str, body: dict[str, str] | None = None) -> str:
    """A request's kind: its method and path with ids as {id}; an interview's end apart from its answers."""
    path = _SESSION_ID.sub("/{id}", urllib.parse.urlsplit(url).path)
    text = (body or {}).get("text", "")
    return f"{method} {path}" + (f" {text}" if text.startswith("/") else "")


def server_seconds(headers: object) -> float:
    """The server's own time for a response (its Server-Timing: app;dur=ms), in seconds."""
    found = re.search(r"app;dur=([0-9.]+)", str(getattr(headers, "get", lambda _: "")("server-timing") or ""))
    return float(found.group(1)) / 1000 if found else float("nan")


class TimedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a form post's redirect as before, keeping the redirect's own server time under the post's kind."""

    def __init__(self, by_kind: dict[str, list[float]]) -> None:
        self.by_kind = by_kind

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        """Record the redirecting response's time, then redirect as urllib does."""
        body = dict(urllib.parse.parse_qsl((req.data or b"").decode())) if req.data else None
        self.by_kind.setdefault(kind_of(req.get_method(), req.full_url, body), []).append(server_seconds(headers))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Candidate:
    """One browser's worth of state: cookies and the CSRF token."""

    def __init__(self, base: str, by_kind: dict[str, list[float]]) -> None:
        self.base = base
        self.by_kind = by_kind  # the server's time per kind of request (shared by every candidate)
        jar = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(jar, TimedRedirects(by_kind))
        self.token = ""
        self.served_s = 0.0  # the server's own time for the last response (Server-Timing: app;dur=ms)

    def _served(self, headers: object, kind: str) -> None:
        self.served_s = server_seconds(headers)
        self.by_kind.setdefault(kind, []).append(self.served_s)

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            self._served(response.headers, kind_of("GET", response.geturl()))
            html: str = response.read().decode()
        found = re.search(r'name="csrf_token" value="([^"]+)"', html)
        self.token = found.group(1) if found else self.token
        return html

    def post(self, path: str, fields: dict[str, str], htmx: bool = False) -> tuple[int, str, str]:
        data = urllib.parse.urlencode({**fields, "csrf_token": self.token}).encode()
        request = urllib.request.Request(self.base + path, data=data, method="POST")
        if htmx:
            request.add_header("HX-Request", "true")
        try:
            with self.opener.open(request, timeout=60) as response:
                followed = response.geturl() != self.base + path
                self._served(response.headers, kind_of("GET" if followed else "POST", response.geturl(), fields))
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as err:
            self._served(err.headers, kind_of("POST", path, fields) + f" ({err.code})")
            return err.code, path, ""


def run_candidate(
    base: str, n: int, think_s: float, timed: dict[str, list[float]], errors: list[str], by_kind: dict[str, list[float]]
) -> None:
    turns, pages = timed["turn"], timed["page"]
    rng = random.Random(n)
    c = Candidate(base, by_kind)
    try:
        account = {"email": f"candidate{n % 1000}-{RUN}@example.com", "password": "load-test-password"}
        if n < 1000:  # the first round signs each candidate up (sign-up is limited per address); later rounds sign in
            c.get("/signup")
            code, _, _ = c.post("/signup", account)
            if code != 200:  # the redirect to the sign-in page is followed
                errors.append(f"signup {code}")
                return
        c.get("/login")
        code, url, _ = c.post("/login", account)
        if code != 200 or url.endswith("/login"):  # the redirect to the library is followed
            errors.append(f"signin {code}")
            return
        started = time.perf_counter()
        c.get("/interviews")
        pages.append(time.perf_counter() - started)
        timed["server page"].append(c.served_s)
        _, url, _ = c.post("/interviews", {"scenario": "feature-store", "persona": "peer", "minutes": "45"})
        session = url.rstrip("/").rsplit("/", 1)[-1]
        c.get(f"/interviews/{session}")
        for answer in [*ANSWERS, "/end"]:
            time.sleep(rng.uniform(0, 2 * think_s))  # a person reads the reply and types the next answer
            t0 = time.perf_counter()
            code, _, _ = c.post(f"/interviews/{session}/turns", {"text": answer}, htmx=True)
            turns.append(time.perf_counter() - t0)
            timed["server turn"].append(c.served_s)
            if code not in (200, 204):
                errors.append(f"turn {code}")
        t0 = time.perf_counter()
        c.get(f"/interviews/{session}/scorecard")
        pages.append(time.perf_counter() - t0)
        timed["server page"].append(c.served_s)
    except (OSError, urllib.error.URLError) as err:
        errors.append(f"{type(err).__name__}: {err}")


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[round(q * (len(ordered) - 1))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database_url")
    parser.add_argument("--candidates", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--think", type=float, default=3.0, help="Mean seconds a candidate takes between turns.")
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "SDCOACH_DATABASE_URL": args.database_url,
        "SDCOACH_HOME": tempfile.mkdtemp(),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "sdcoach", "web", "--multi-user", "--port", str(port), "--workers", str(args.workers)],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/login", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        timed: dict[str, list[float]] = {"turn": [], "page": [], "server turn": [], "server page": []}
        by_kind: dict[str, list[float]] = {}
        errors: list[str] = []
        deadline = time.monotonic() + args.seconds
        round_number = 0
        while time.monotonic() < deadline:
            threads = [
                threading.Thread(
                    target=run_candidate, args=(base, round_number * 1000 + n, args.think, timed, errors, by_kind)
                )
                for n in range(args.candidates)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            round_number += 1
        first = f" (first: {errors[0]})" if errors else ""
        print(
            f"{round_number} rounds x {args.candidates} candidates, {args.workers} workers, think {args.think:g} s: "
            f"{len(timed['turn'])} turns, {len(timed['page'])} pages; errors {len(errors)}{first}"
        )
        for name, values in timed.items():
            print(f"  {name}: p50 {statistics.median(values) * 1000:.0f} ms, p95 {p(values, 0.95) * 1000:.0f} ms")
        print("  server time by kind of request:")
        for kind, values in sorted(by_kind.items()):
            print(
                f"    {kind:<40} n {len(values):4d}  p50 {statistics.median(values) * 1000:5.0f} ms  "
                f"p95 {p(values, 0.95) * 1000:5.0f} ms  max {max(values) * 1000:5.0f} ms"
            )
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
