"""Optional, slow: a real local model end to end through llama.cpp's OpenAI-compatible server.

Skipped unless SDCOACH_TEST_LLAMA_CPP=1 and SDCOACH_TEST_GGUF names a small GGUF model, with
``llama-cpp-python[server]`` installed. It checks the wiring (check command, a few interview turns, the
transcript), not the model's quality. Run it with:

    .venv/bin/pip install "llama-cpp-python[server]"
    SDCOACH_TEST_LLAMA_CPP=1 SDCOACH_TEST_GGUF=/path/to/model.gguf .venv/bin/pytest tests/integration/test_llama_cpp.py
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.engine.interview import Speaker
from sdcoach.services.backends import check_backend
from sdcoach.services.coach import coach_from
from sdcoach.services.interviews import Interviews

MODEL = os.environ.get("SDCOACH_TEST_GGUF", "")
pytestmark = pytest.mark.skipif(
    os.environ.get("SDCOACH_TEST_LLAMA_CPP") != "1" or not MODEL,
    reason="set SDCOACH_TEST_LLAMA_CPP=1 and SDCOACH_TEST_GGUF=/path/to/model.gguf to run a real local model",
)


@pytest.fixture(scope="module")
def llama_server() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", MODEL, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/v1"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"{url}/models", timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_real_local_model_answers_and_an_interview_runs_through_it(llama_server: str) -> None:
    settings = Settings(backend="openai", base_url=llama_server, model="local", reply_timeout=120)
    check = check_backend(settings)
    assert check.is_ok, check.reason
    interviews = Interviews(settings, coach=coach_from(settings))
    live = interviews.start("feature-store", Persona.PEER, 45)
    replies = [live.respond(text) for text in ("What peak QPS do callers need?", "Who owns the data?")]
    stored = interviews.report(live.session_id)
    interviews.close()
    assert all(r.text for r in replies)
    assert [t.text for t in stored.turns if t.speaker is Speaker.CANDIDATE] == [
        "What peak QPS do callers need?",
        "Who owns the data?",
    ]
