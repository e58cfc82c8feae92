"""The candidate's diagram inside an interview, on a real SQLite file and a real PostgreSQL: versions numbered
1, 2, ... and stored before they are returned, checked with the candidate's own words, never two of one number
from two tabs, nothing stored for a broken diagram or a finished interview, and nothing of another owner's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.engine.diagram.findings import FindingKind
from sdcoach.errors import DiagramError, SessionLockedError, UnknownNameError, UsageError
from sdcoach.services.interview_diagrams import attach_diagram, diagrams_of, latest_diagram
from sdcoach.services.interviews import Interviews
from tests.fakes import overlap

DIAGRAMS = Path(__file__).parents[1] / "data" / "diagrams"
TERSE = (DIAGRAMS / "feature-store-terse.mmd").read_text(encoding="utf-8")
SMALL = "flowchart LR\n  kafka[Kafka] --> flink[Flink]\n  flink --> online[(Online store)]\n"


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "sqlite":
        return Settings(database_url=f"sqlite:///{tmp_path / 'diagrams.db'}")
    url: str = request.getfixturevalue("postgres_url")
    return Settings(database_url=url)


def _started(settings: Settings) -> str:
    interviews = Interviews(settings, similarity=overlap)
    live = interviews.start("feature-store", Persona.PEER, 45)
    live.respond("Kafka events go through Flink into the online store; a Scylla replica per zone takes over on loss.")
    live.close()
    return live.session_id


def test_versions_are_numbered_stored_and_read_back_checked(settings: Settings) -> None:
    session_id = _started(settings)
    first = attach_diagram(settings, session_id, SMALL, source="v1.mmd", similarity=overlap)
    second = attach_diagram(settings, session_id, TERSE, similarity=overlap)
    assert (first.version, first.fmt, second.version) == (1, "mermaid", 2)
    assert first.after_turn == 2  # opening, answer, reply: attached after turn 2
    kinds = {f.kind for f in first.check.findings}
    assert FindingKind.COMPONENT_MISSING in kinds  # a small diagram of a big scenario lacks boxes
    again = diagrams_of(settings, session_id, similarity=overlap)
    assert [(d.version, d.text) for d in again] == [(1, SMALL), (2, TERSE)]
    assert [f.message for f in again[1].check.findings] == [f.message for f in second.check.findings]
    listed, latest = latest_diagram(settings, session_id, similarity=overlap)  # what a page shows: one check
    assert [v.version for v in listed] == [1, 2]
    assert latest is not None and latest.version == 2 and latest.check == again[1].check


def test_broken_diagram_names_its_line_and_stores_nothing(settings: Settings) -> None:
    session_id = _started(settings)
    with pytest.raises(DiagramError) as broken:
        attach_diagram(settings, session_id, "flowchart LR\n  a[A] --> b[B]\n  b -->\n", source="d.mmd")
    assert broken.value.line == 3 and broken.value.path == "d.mmd"
    assert diagrams_of(settings, session_id, similarity=overlap) == []


def test_a_finished_interview_takes_no_diagram(settings: Settings) -> None:
    interviews = Interviews(settings, similarity=overlap)
    live = interviews.start("feature-store", Persona.PEER, 45)
    live.respond("/end")
    live.close()
    assert interviews.report(live.session_id).summary.status == "finished"
    with pytest.raises(UsageError, match="finished"):
        attach_diagram(settings, live.session_id, SMALL, similarity=overlap)
    assert diagrams_of(settings, live.session_id, similarity=overlap) == []


def test_another_owners_interview_does_not_exist(settings: Settings) -> None:
    session_id = _started(settings)
    stranger = Settings(database_url=settings.database, owner="someone-else")
    with pytest.raises(UnknownNameError):
        attach_diagram(stranger, session_id, SMALL, similarity=overlap)
    with pytest.raises(UnknownNameError):
        diagrams_of(stranger, session_id)
    with pytest.raises(UnknownNameError):
        latest_diagram(stranger, session_id)
    assert diagrams_of(settings, session_id, similarity=overlap) == []


TERMINAL = """
import sys, time
from sdcoach.config import Settings
from sdcoach.services.interviews import Interviews
with Interviews(Settings(database_url=sys.argv[1])).resume(sys.argv[2]):
    print("holding", flush=True)
    time.sleep(60)
"""


def test_an_interview_open_in_another_terminal_refuses_a_diagram_from_elsewhere(settings: Settings) -> None:
    session_id = _started(settings)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    terminal = subprocess.Popen(
        [sys.executable, "-c", TERMINAL, settings.database, session_id], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert terminal.stdout is not None and terminal.stdout.readline().strip() == "holding"
        with pytest.raises(SessionLockedError, match="open in another terminal"):
            attach_diagram(settings, session_id, SMALL, similarity=overlap)
    finally:
        terminal.kill()
        terminal.communicate()
    assert diagrams_of(settings, session_id, similarity=overlap) == []
    assert attach_diagram(settings, session_id, SMALL, similarity=overlap).version == 1  # a killed holder is gone


def test_the_window_holding_the_interview_attaches_with_its_token_and_keeps_its_hold(settings: Settings) -> None:
    session_id = _started(settings)
    interviews = Interviews(settings, similarity=overlap)
    with interviews.resume(session_id) as live:
        mine = attach_diagram(settings, session_id, SMALL, holder=live._lease.token, similarity=overlap)
        live.respond("And a materializer copies the offline store into the online store.")  # its hold still stands
    assert mine.version == 1 and interviews.report(session_id).summary.turns == 5
    taken = interviews.resume(session_id)  # another window takes the interview: the old token stores nothing
    taken.close()
    with pytest.raises(SessionLockedError, match="taken over"):
        attach_diagram(settings, session_id, SMALL, holder=live._lease.token, similarity=overlap)


def test_two_tabs_at_once_get_two_versions(settings: Settings) -> None:
    session_id = _started(settings)
    versions: list[int] = []
    errors: list[Exception] = []

    def tab() -> None:
        try:
            versions.append(attach_diagram(settings, session_id, SMALL, similarity=overlap).version)
        except Exception as err:
            errors.append(err)

    tabs = [threading.Thread(target=tab) for _ in range(4)]
    for t in tabs:
        t.start()
    for t in tabs:
        t.join()
    assert errors == [] and sorted(versions) == [1, 2, 3, 4]
    assert [d.version for d in diagrams_of(settings, session_id, similarity=overlap)] == [1, 2, 3, 4]


def _finished(settings: Settings, diagram: str | None) -> dict[str, object]:
    interviews = Interviews(settings, similarity=overlap)
    live = interviews.start("feature-store", Persona.PEER, 45)
    live.respond("Kafka events go through Flink into the online store; the offline store feeds training.")
    if diagram is not None:
        attach_diagram(settings, live.session_id, diagram, holder=live.holder, similarity=overlap)
    live.respond("/end")
    live.close()
    card = interviews.report(live.session_id).scorecard
    assert card is not None
    return card


def test_the_last_diagram_is_quoted_on_the_scorecard_and_a_pasted_reference_scores_nothing(settings: Settings) -> None:
    from sdcoach.content.loader import load_library
    from sdcoach.engine.walkthrough import mermaid

    reference = mermaid(load_library(None).get("feature-store"))  # what a candidate could paste from the walkthrough
    plain, pasted = _finished(settings, None), _finished(settings, reference)
    assert plain["diagram"] is None
    diagram = pasted["diagram"]
    assert isinstance(diagram, dict) and diagram["version"] == 1 and diagram["scored"] is False
    assert diagram["items"]["hld.components"][0] == "Diagram v1: draws 16 of 16 components."
    assert all(line.startswith("Diagram v1: ") for lines in diagram["items"].values() for line in lines)
    for key in ("overall", "grade", "level", "checklist", "signals"):  # the words decide the score, not the drawing
        assert pasted[key] == plain[key], key


def test_diagram_versions_travel_with_the_history_export_once(settings: Settings, tmp_path: Path) -> None:
    from sdcoach.services.history import export_json, import_json

    session_id = _started(settings)
    attach_diagram(settings, session_id, SMALL, similarity=overlap)
    attach_diagram(settings, session_id, TERSE, similarity=overlap)
    exported = export_json(settings)
    assert [(d["version"], d["format"]) for d in json.loads(exported)["diagrams"]] == [(1, "mermaid"), (2, "mermaid")]
    elsewhere = Settings(database_url=f"sqlite:///{tmp_path / 'elsewhere.db'}")
    assert import_json(elsewhere, exported, "export")["diagrams"] == 2
    assert import_json(elsewhere, exported, "again")["diagrams"] == 0  # the same file twice adds nothing
    moved = diagrams_of(elsewhere, session_id, similarity=overlap)
    assert [(d.version, d.text, d.after_turn) for d in moved] == [(1, SMALL, 2), (2, TERSE, 2)]
