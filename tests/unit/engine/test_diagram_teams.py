"""Cross-team boundaries: a drawn box for a component another team owns is a finding naming the box and the team,
unless the notes name that team or an agreement over the component; the scenario's own team never is one."""

from __future__ import annotations

from sdcoach.content.loader import load_library
from sdcoach.engine.diagram.check import check_diagram
from sdcoach.engine.diagram.findings import FindingKind
from sdcoach.engine.diagram.mermaid import read_mermaid
from sdcoach.engine.diagram.teams import own_team, team_of
from sdcoach.engine.walkthrough import mermaid
from tests.fakes import overlap

LIBRARY = load_library(None)
FEATURE_STORE = LIBRARY.get("feature-store")
DRAWN = "flowchart LR\n  kafka[Event bus] --> flink[Streaming feature engine] --> online[(Online store)]\n"


def cross_team(text: str, notes: str | None) -> dict[str, str]:
    check = check_diagram(read_mermaid(text), FEATURE_STORE, overlap, notes)
    return {f.where: f.expected for f in check.findings if f.kind is FindingKind.CROSS_TEAM}


def test_owners_are_read_from_the_packs_prose() -> None:
    assert team_of("Data Platform team (partner)") == "Data Platform team"
    assert team_of("Feature platform team (engine); feature authors (definitions)") == "Feature platform team"
    assert own_team(FEATURE_STORE) == "Feature platform team"
    assert own_team(LIBRARY.get("streaming-feature-pipeline")) == "Streaming Features team"  # marked (us)


def test_another_teams_box_is_named_with_its_team_until_the_notes_mention_them() -> None:
    assert cross_team(DRAWN, "We stream events into Flink.") == {"kafka": "Streaming Infra team"}
    assert cross_team(DRAWN, "The Streaming Infra team runs the bus; we agreed a 99.9% SLO.") == {}
    assert cross_team(DRAWN, "Our contract with the event bus owner caps us at 2M events/s.") == {}
    assert cross_team(DRAWN, None) == {}  # without notes the check cannot tell, so it says nothing


def test_the_reference_diagram_names_every_partner_team_and_only_those() -> None:
    found = cross_team(mermaid(FEATURE_STORE), "We build it.")
    assert set(found.values()) == {
        "Data Platform team",
        "Streaming Infra team",
        "Feed ranking team",
        "Payments risk team",
        "ML training platform team",
    }
    assert "Feature platform team" not in found.values()
