"""Malformed diagrams (hypothesis, derandomized: the same set every run) exit 2 at the CLI naming the Mermaid
line or the Excalidraw element (or JSON line) at fault; never an internal error. Each test keeps only inputs
the reader refuses, 120 Mermaid and 120 Excalidraw."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sdcoach.errors import DiagramError
from sdcoach.services.diagrams import read_diagram
from tests.integration.cli_in_process import run_in_process

DIAGRAMS = Path(__file__).parents[1] / "data" / "diagrams"
MERMAID = (DIAGRAMS / "rag-platform-extra-boxes.mmd").read_text(encoding="utf-8")
EXCALIDRAW = json.loads((DIAGRAMS / "training-pipeline-reversed.excalidraw").read_text(encoding="utf-8"))
NOISE = st.text(alphabet='[](){}|<>-.=&;%"/\\ \nAZaz09#:', min_size=1, max_size=6)
FUZZ = settings(
    max_examples=120,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)


def refused(text: str) -> DiagramError:
    """The reader's error for a malformed text; any other exception is a bug and fails the test."""
    try:
        read_diagram(text, "fuzz")
    except DiagramError as err:
        return err
    assume(False)  # this mutation happened to be valid: not part of the malformed set
    raise AssertionError("unreachable")


def assert_cli_names_the_place(tmp_path: Path, text: str, err: DiagramError, suffix: str) -> None:
    path = tmp_path / f"diagram{suffix}"
    path.write_text(text, encoding="utf-8")
    result = run_in_process("diagram", "check", str(path), "--scenario", "rag-platform")
    assert result.code == 2, result.err
    assert "Internal error" not in result.err and "Traceback" not in result.err
    if err.line is not None:
        assert f"{path}:{err.line}" in result.err
    else:
        assert err.element is not None and f"element {err.element!r}" in result.err


@FUZZ
@given(data=st.data())
def test_malformed_mermaid_exits_2_naming_the_line(tmp_path_factory: Any, data: st.DataObject) -> None:
    text = MERMAID
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 4))
        text = text[:at] + data.draw(NOISE) + text[at + cut :]
    err = refused(text)
    assert err.line is not None and err.line <= text.count("\n") + 1
    assert_cli_names_the_place(tmp_path_factory.mktemp("m"), text, err, ".mmd")


def _mutate(elements: list[Any], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(elements) - 1))
    element = elements[index]
    if not isinstance(element, dict):
        return
    kind = data.draw(st.sampled_from(["drop_key", "retype", "rebind", "unbind", "replace", "reid"]))
    if kind == "drop_key":
        element.pop(data.draw(st.sampled_from(["id", "type", "startBinding", "endBinding"])), None)
    elif kind == "retype":
        element["type"] = data.draw(st.sampled_from(["sticker", "", 7, "Rectangle"]))
    elif kind == "rebind" and element.get("type") == "arrow":
        element[data.draw(st.sampled_from(["startBinding", "endBinding"]))] = {"elementId": data.draw(NOISE)}
    elif kind == "unbind":
        element["containerId" if element.get("type") == "text" else "endBinding"] = data.draw(
            st.sampled_from([None, "ghost", 3])
        )
    elif kind == "replace":
        elements[index] = data.draw(st.sampled_from([None, 1, "box", [], {}]))
    else:
        element["id"] = data.draw(st.sampled_from([None, 5, ["x"]]))


@FUZZ
@given(data=st.data())
def test_malformed_excalidraw_exits_2_naming_the_element(tmp_path_factory: Any, data: st.DataObject) -> None:
    document = json.loads(json.dumps(EXCALIDRAW))
    if data.draw(st.booleans()):
        for _ in range(data.draw(st.integers(1, 3))):
            _mutate(document["elements"], data)
        text = json.dumps(document, indent=1)
    else:  # broken JSON text
        text = json.dumps(document, indent=1)
        at = data.draw(st.integers(1, len(text) - 1))
        text = text[:at] + data.draw(NOISE) + text[at + data.draw(st.integers(0, 3)) :]
    err = refused(text)
    assert err.line is not None or err.element is not None
    assert_cli_names_the_place(tmp_path_factory.mktemp("e"), text, err, ".excalidraw")
