"""What every response carries and which requests are answered: security headers with a strict script CSP,
no-store, and the Host allow-list that stops DNS rebinding (checked against a real server on 127.0.0.1)."""

from __future__ import annotations

import http.client
import re
import socket
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sdcoach.config import Settings
from sdcoach.web.app import create_app
from tests.integration.cli_runner import run_sdcoach
from tests.web.test_web_app import PAGES, say, start, token
from tests.web_server import wait_until_serving

LOCAL = "http://127.0.0.1:8000"
SECRET = "Our shard map lives in etcd, keyed by tenant."


def client(**settings: object) -> TestClient:
    return TestClient(create_app(Settings(**settings)), base_url=LOCAL, follow_redirects=False)  # type: ignore[arg-type]


def assert_protected(response: object, path: str) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    csp = dict(d.strip().split(" ", 1) for d in headers["content-security-policy"].split(";"))
    assert csp["script-src"] == "'self'" and csp["script-src-attr"] == "'none'", path  # no inline script, no eval
    assert csp["frame-ancestors"] == "'none'" and csp["default-src"] == "'none'" and csp["object-src"] == "'none'"
    assert headers["x-frame-options"] == "DENY" and headers["x-content-type-options"] == "nosniff", path
    assert headers["referrer-policy"] == "same-origin", path
    if not path.startswith("/static/"):
        assert headers["cache-control"] == "no-store", path


def test_every_response_carries_the_security_headers() -> None:
    c = client()
    session_id = start(c)
    say(c, session_id, "What peak QPS do the online callers need?")
    responses = {path: c.get(path) for path in [*PAGES, f"/interviews/{session_id}", "/signup", "/account"]}
    responses["/static/app.css"] = c.get("/static/app.css")
    responses["/static/nothing.js (404)"] = c.get("/static/nothing.js")
    responses["/nowhere (404)"] = c.get("/nowhere")
    responses[f"/interviews/{session_id}/export.json"] = c.get(f"/interviews/{session_id}/export.json")
    responses["POST without CSRF (403)"] = c.post(f"/interviews/{session_id}/turns", data={"text": "hi"})
    responses["POST /interviews (303)"] = c.post(
        "/interviews", data={"scenario": "feature-store", "csrf_token": token(c, "/interviews")}
    )
    responses["foreign Host (400)"] = c.get("/", headers={"host": "attacker.example"})
    team = client(multi_user=True)
    responses["team /interviews (303)"] = team.get("/interviews")
    responses["team fragment (401)"] = team.get("/interviews", headers={"HX-Request": "true"})
    assert {r.status_code for r in responses.values()} >= {200, 303, 400, 401, 403, 404}
    for path, response in responses.items():
        assert_protected(response, path)


def test_no_page_has_inline_script_or_event_handlers() -> None:
    c = client()
    session_id = start(c)
    say(c, session_id, "/end")
    paths = [*PAGES, "/signup", f"/interviews/{session_id}", f"/interviews/{session_id}/scorecard"]
    for path in paths:
        html = c.get(path).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert not re.search(r"\son[a-z]+\s*=", html), path
        assert "hx-on" not in html and "javascript:" not in html, path


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1:8000", "[::1]:8000", "localhost", "LOCALHOST:9"])
def test_loopback_names_are_answered(host: str) -> None:
    assert client().get("/", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["attacker.example:8000", "127.0.0.1.attacker.example", "localhost.evil", ""])
def test_a_foreign_host_is_refused(host: str) -> None:
    assert client().get("/interviews", headers={"host": host}).status_code == 400


def test_a_team_server_answers_to_its_configured_names_only() -> None:
    team = client(multi_user=True, allowed_hosts="coach.example.com")
    assert team.get("/login", headers={"host": "coach.example.com"}).status_code == 200
    assert team.get("/login", headers={"host": "coach.example.com.evil"}).status_code == 400
    single = client(allowed_hosts=["coach.example.com"])  # a single-user sdcoach answers to loopback only
    assert single.get("/", headers={"host": "coach.example.com"}).status_code == 400
    refused = run_sdcoach("web", env={"SDCOACH_ALLOWED_HOSTS": "coach.example.com"})
    assert refused.code == 2 and "SDCOACH_ALLOWED_HOSTS is for a team server" in refused.err
    bad = run_sdcoach("web", env={"SDCOACH_ALLOWED_HOSTS": "https://coach.example.com:443"})
    assert bad.code == 2 and "no scheme or port" in bad.err


@pytest.fixture
def server(tmp_path: Path) -> Iterator[int]:
    """``sdcoach web`` (single user) on a free 127.0.0.1 port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = {"SDCOACH_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path)}
    process = subprocess.Popen([sys.executable, "-m", "sdcoach", "web", "--port", str(port)], env=env)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def request(port: int, method: str, path: str, host: str, cookie: str = "", body: str = "") -> tuple[int, str, str]:
    """One request to 127.0.0.1:port with the given Host header, as a rebinding page's browser would send it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": host, "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
    finally:
        connection.close()
    cookie = (response.getheader("set-cookie") or cookie).split(";", 1)[0]
    return response.status, text, response.getheader("location") or cookie


def test_a_dns_rebinding_page_cannot_read_or_drive_an_interview(server: int) -> None:
    own = f"127.0.0.1:{server}"
    status, html, cookie = request(server, "GET", "/interviews", own)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    form = urllib.parse.urlencode({"scenario": "feature-store", "persona": "peer", "minutes": "45", "csrf_token": csrf})
    status, _, location = request(server, "POST", "/interviews", own, cookie, form)
    session_id = location.rsplit("/", 1)[-1]
    turn = urllib.parse.urlencode({"text": SECRET, "csrf_token": csrf})
    assert request(server, "POST", f"/interviews/{session_id}/turns", own, cookie, turn)[0] == 200
    assert SECRET in request(server, "GET", f"/interviews/{session_id}/export.json", own, cookie)[1]
    rebound = f"rebind.attacker.example:{server}"  # the attacker's name, now resolving to 127.0.0.1
    for method, path, body in (
        ("GET", "/interviews", ""),
        ("GET", f"/interviews/{session_id}", ""),
        ("GET", f"/interviews/{session_id}/export.json", ""),
        ("POST", f"/interviews/{session_id}/turns", turn),
    ):
        status, text, _ = request(server, method, path, rebound, cookie, body)
        assert status == 400 and SECRET not in text and session_id not in text, (method, path)


def test_the_cookie_is_http_only_same_site_and_secure_over_https() -> None:
    plain = client().get("/").headers["set-cookie"]
    assert "HttpOnly" in plain and "SameSite=Lax" in plain and "Secure" not in plain
    over_https = TestClient(create_app(Settings()), base_url="https://127.0.0.1").get("/").headers["set-cookie"]
    assert "HttpOnly" in over_https and "Secure" in over_https
    assert "Secure" in client(secure_cookies=True).get("/").headers["set-cookie"]  # TLS ended at a proxy


def test_a_team_server_beyond_loopback_must_name_its_hosts() -> None:
    refused = run_sdcoach("web", "--multi-user", "--host", "0.0.0.0")
    assert refused.code == 2 and "SDCOACH_ALLOWED_HOSTS" in refused.err
    assert client().get("/account").status_code == 404  # a single-user sdcoach has no account page
