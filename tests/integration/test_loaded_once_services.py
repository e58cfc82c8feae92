"""Work the services do once per process stays correct: an interview's context is rebuilt when its pack file
changes; and password hashes (64 MiB and four threads each) run one at a time however many people sign in, at
a lower CPU priority than the requests around them."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from sdcoach.config import Settings
from sdcoach.services.accounts import authenticate, sign_up
from sdcoach.services.interview_context import interview_context
from sdcoach.services.similarity import default_similarity, meaning_similarity

PASSWORD = "load-test-password"
NICE_WHILE_HASHING: list[int] = []


def test_an_interview_context_is_reused_until_its_pack_file_changes(
    user_scenarios: Path, minimal_scenario_text: str
) -> None:
    pack = user_scenarios / "mine.yaml"
    pack.write_text(minimal_scenario_text, encoding="utf-8")
    settings = Settings()
    models = (default_similarity(settings), meaning_similarity(settings))
    first = interview_context(settings, "tiny-cache", *models)
    assert interview_context(settings, "tiny-cache", *models) is first  # built once while nothing changed
    edited = minimal_scenario_text.replace("used by a ranking service", "used by a zeppelin ranking service")
    pack.write_text(edited, encoding="utf-8")
    again = interview_context(settings, "tiny-cache", *models)
    assert again is not first and "zeppelin" in again.scenario.prompt
    assert "zeppelin" in again.known_words and "zeppelin" not in first.known_words


def _niceness() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())  # per thread on Linux


def _counting(real: Callable[..., Any], running: list[int], peak: list[int], lock: threading.Lock) -> Any:
    def call(self: PasswordHasher, *args: Any, **kwargs: Any) -> Any:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
            NICE_WHILE_HASHING.append(_niceness())
        try:
            return real(self, *args, **kwargs)
        finally:
            with lock:
                running[0] -= 1

    return call


def test_sign_ups_and_sign_ins_at_once_hash_one_password_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    running, peak, lock = [0], [0], threading.Lock()
    monkeypatch.setattr(PasswordHasher, "hash", _counting(PasswordHasher.hash, running, peak, lock))
    monkeypatch.setattr(PasswordHasher, "verify", _counting(PasswordHasher.verify, running, peak, lock))
    settings = Settings(multi_user=True)
    emails = [f"person{n}@example.com" for n in range(4)]
    signed_in: list[str] = []

    def person(n: int) -> None:
        sign_up(settings, emails[n], PASSWORD, f"10.0.0.{n}")
        signed_in.append(authenticate(settings, emails[n], PASSWORD, f"10.0.0.{n}").email)

    threads = [threading.Thread(target=person, args=(n,)) for n in range(len(emails))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(signed_in) == emails  # everyone got in
    assert peak[0] == 1  # and no two hashes ran at once
    if sys.platform.startswith("linux"):  # elsewhere a nice value is the whole process's, so it is left alone
        assert NICE_WHILE_HASHING and min(NICE_WHILE_HASHING) > _niceness()  # below the requests' priority
