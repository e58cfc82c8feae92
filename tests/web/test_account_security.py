"""Accounts on a shared server, over HTTP against the real app and a real database (a SQLite file, and
PostgreSQL when SDCOACH_TEST_POSTGRES_URL is set): attempt limits, server-side sessions, the password policy,
and a sign-up that does not tell which e-mails have accounts."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sdcoach.config import Settings
from sdcoach.web.app import create_app
from tests.web_server import wait_until_serving

LOCAL = "http://127.0.0.1:8000"
GOOD = "zebra quantum pillow 42"
ALICE = "alice@example.com"


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, sdcoach_home: Path) -> Settings:
    """A team server's settings on a fresh database of each kind."""
    if request.param == "postgresql":
        return Settings(multi_user=True, database_url=request.getfixturevalue("postgres_url"))
    return Settings(multi_user=True, database_url=f"sqlite:///{sdcoach_home / 'team.db'}")


def browser(settings: Settings, address: str = "10.0.0.1") -> TestClient:
    """A new browser (its own cookies) at a client address; each call builds a new app, as another worker would."""
    return TestClient(create_app(settings), base_url=LOCAL, follow_redirects=False, client=(address, 40000))


def csrf(c: TestClient, path: str = "/login") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', c.get(path).text)
    assert found
    return found.group(1)


def post(c: TestClient, path: str, **fields: str) -> object:
    if not hasattr(c, "csrf"):  # a browser's CSRF token lasts as long as its cookie's token
        c.csrf = csrf(c)  # type: ignore[attr-defined]
    return c.post(path, data={**fields, "csrf_token": c.csrf})  # type: ignore[attr-defined]


def sign_up(c: TestClient, email: str = ALICE, password: str = GOOD) -> object:
    return post(c, "/signup", email=email, password=password)


def sign_in(c: TestClient, email: str = ALICE, password: str = GOOD) -> object:
    return post(c, "/login", email=email, password=password)


def is_signed_in(c: TestClient) -> bool:
    return c.get("/interviews").status_code == 200


def test_twenty_wrong_passwords_in_a_minute_lock_the_account_on_every_worker(settings: Settings) -> None:
    sign_up(browser(settings))
    workers = [browser(settings, f"10.0.1.{n}") for n in range(2)]  # two apps, one database: two workers
    for attempt in range(20):
        wrong = sign_in(workers[attempt % 2], password=f"not the password {attempt}")
        assert wrong.status_code == 400 and "do not match" in wrong.text  # type: ignore[attr-defined]
    locked = sign_in(workers[0])  # the right password, from another address: the account is locked
    assert locked.status_code == 429  # type: ignore[attr-defined]
    assert 1 <= int(locked.headers["Retry-After"]) <= 60  # type: ignore[attr-defined]
    assert "Too many attempts; wait a minute" in locked.text and GOOD not in locked.text  # type: ignore[attr-defined]
    assert 'role="alert"' in locked.text  # type: ignore[attr-defined]  # shown in the form, in the page's style
    assert not is_signed_in(workers[0])
    sign_up(browser(settings), "bob@example.com")
    assert sign_in(browser(settings, "10.0.1.0"), "bob@example.com").status_code == 303  # type: ignore[attr-defined]


def test_twenty_wrong_passwords_from_one_address_lock_that_address(settings: Settings) -> None:
    sign_up(browser(settings))
    guesser = browser(settings, "10.0.2.1")
    for n in range(20):  # one guess each at twenty accounts, to stay under each account's limit
        assert sign_in(guesser, f"user{n}@example.com", "password1234").status_code == 400  # type: ignore[attr-defined]
    assert sign_in(guesser).status_code == 429  # type: ignore[attr-defined]
    assert sign_in(browser(settings, "10.0.2.2")).status_code == 303  # type: ignore[attr-defined]


def test_sign_up_is_limited_per_address(settings: Settings) -> None:
    spammer = browser(settings, "10.0.3.1")
    codes = [sign_up(spammer, f"bot{n}@example.com").status_code for n in range(21)]  # type: ignore[attr-defined]
    assert codes[:20] == [303] * 20 and codes[20] == 429
    assert sign_up(browser(settings, "10.0.3.2"), "person@example.com").status_code == 303  # type: ignore[attr-defined]


def test_a_cookie_copied_before_sign_out_is_refused_after_it(settings: Settings) -> None:
    sign_up(browser(settings))
    mine = browser(settings)
    assert sign_in(mine).status_code == 303  # type: ignore[attr-defined]
    token = mine.cookies["sdcoach_session"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)  # an opaque token: nothing readable in it
    assert len(base64.urlsafe_b64decode(token + "=")) == 32 and "alice" not in token  # 256 random bits, no more
    thief = browser(settings)
    thief.cookies.set("sdcoach_session", token)
    assert is_signed_in(thief)
    assert mine.post("/logout", data={"csrf_token": csrf(mine, "/interviews")}).status_code == 303
    assert not is_signed_in(thief) and not is_signed_in(mine)
    assert thief.get("/interviews").headers["location"] == "/login"


def test_a_password_change_ends_every_session_of_that_person(settings: Settings) -> None:
    sign_up(browser(settings))
    laptop, phone = browser(settings), browser(settings)
    sign_in(laptop)
    sign_in(phone)
    form = {"current": GOOD, "new": "violet anchor meadow 77", "csrf_token": csrf(laptop, "/account")}
    changed = laptop.post("/account/password", data=form)
    assert changed.status_code == 303 and changed.headers["location"] == "/account?changed=true"
    assert is_signed_in(laptop) and not is_signed_in(phone)  # this browser goes on; every other one is out
    assert sign_in(browser(settings)).status_code == 400  # type: ignore[attr-defined]
    assert sign_in(browser(settings), password="violet anchor meadow 77").status_code == 303  # type: ignore[attr-defined]
    weak = {"current": "violet anchor meadow 77", "new": "password123", "csrf_token": csrf(laptop, "/account")}
    refused = laptop.post("/account/password", data=weak)
    assert refused.status_code == 400 and "too easy to guess" in refused.text and "password123" not in refused.text


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("password123", "too easy to guess: this is a very common password"),
        ("qwertyuiop", "too easy to guess"),
        ("alice@example.com", "built from your e-mail address"),
        ("Alice.Example2024", "built from your e-mail address"),
        ("short", "at least 10 characters"),
    ],
)
def test_weak_and_email_derived_passwords_are_refused_with_a_reason(
    settings: Settings, password: str, reason: str
) -> None:
    c = browser(settings)
    refused = sign_up(c, ALICE, password)
    assert refused.status_code == 400 and reason in refused.text  # type: ignore[attr-defined]
    error = re.search(r'<p class="error" role="alert">(.*?)</p>', refused.text, re.S).group(1)  # type: ignore[attr-defined, union-attr]
    assert password not in error and not re.search(r'type="password"[^>]*value=', refused.text)  # type: ignore[attr-defined]
    assert f'value="{ALICE}"' in refused.text  # type: ignore[attr-defined]  # the e-mail stays in the form
    assert sign_in(c, ALICE, password).status_code == 400  # type: ignore[attr-defined]  # no account was made


def test_sign_up_for_a_taken_email_looks_like_a_new_one(settings: Settings) -> None:
    sign_up(browser(settings))
    taken, new = browser(settings), browser(settings)
    answers = [sign_up(taken, ALICE, "violet anchor meadow 77"), sign_up(new, "carol@example.com")]
    for answer in answers:
        assert answer.status_code == 303 and answer.headers["location"] == "/login?created=true"  # type: ignore[attr-defined]
    assert {k for k in answers[0].headers} == {k for k in answers[1].headers}  # type: ignore[attr-defined]
    assert answers[0].content == answers[1].content  # type: ignore[attr-defined]
    pages = [re.sub(r"[0-9a-f]{64}", "CSRF", c.get("/login?created=true").text) for c in (taken, new)]
    assert pages[0] == pages[1] and "Sign in with the e-mail and password you chose" in pages[0]
    assert sign_in(browser(settings), ALICE, "violet anchor meadow 77").status_code == 400  # type: ignore[attr-defined]
    assert sign_in(browser(settings), ALICE).status_code == 303  # type: ignore[attr-defined]  # unchanged


def test_a_session_ends_when_its_time_is_up(settings: Settings) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import update
    from sqlalchemy.orm import Session

    from sdcoach.store.database import open_database
    from sdcoach.store.models import WebSessionRecord

    sign_up(browser(settings))
    mine = browser(settings)
    sign_in(mine)
    assert is_signed_in(mine)
    with Session(open_database(settings.database)) as db, db.begin():
        db.execute(update(WebSessionRecord).values(expires_at=datetime(2020, 1, 1, tzinfo=UTC)))
    assert not is_signed_in(mine)


def test_two_worker_processes_share_the_lockout(tmp_path: Path) -> None:
    import http.cookiejar
    import os
    import socket
    import subprocess
    import sys
    import urllib.error
    import urllib.parse
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = {**os.environ, "SDCOACH_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "sdcoach", "web", "--multi-user", "--workers", "2", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def attempt(path: str, password: str) -> int:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with opener.open(base + "/login", timeout=30) as page:  # a new connection each time: either worker
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.read().decode()).group(1)  # type: ignore[union-attr]
        form = urllib.parse.urlencode({"email": ALICE, "password": password, "csrf_token": token}).encode()
        try:
            with opener.open(urllib.request.Request(base + path, data=form), timeout=30) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as refused:
            refused.close()
            return int(refused.code)

    try:
        wait_until_serving(base)
        assert attempt("/signup", GOOD) == 200  # the redirect to the sign-in page is followed
        assert [attempt("/login", f"wrong guess {n}") for n in range(20)] == [400] * 20
        assert attempt("/login", GOOD) == 429
    finally:
        server.terminate()
        server.wait(timeout=20)
