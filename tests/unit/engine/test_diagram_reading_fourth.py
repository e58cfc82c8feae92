"""How the diagram check reads a fourth writer's voices (the fourth precision pass of issue 20): initials only in
capitals, a plural that is no product's short form, a name word many components share, boxes pinned by pull
arrows or taking a part another box's label merged, a part that is the box's own component in other words,
arrows that say what a box is not, and a step's number in a failure story. The word-overlap stand-in (or no
similarity at all) replaces the model; the scenarios are the shipped packs."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sdcoach.content.schema import Component
from sdcoach.engine.diagram.check import check_diagram
from sdcoach.engine.diagram.evidence import OVERLAP, closeness
from sdcoach.engine.diagram.match import MATCH
from sdcoach.engine.diagram.mermaid import read_mermaid
from sdcoach.engine.diagram.products import names
from tests.fakes import overlap
from tests.unit.engine.test_diagram_reading import LIBRARY, checked, drawn, kinds
from tests.unit.engine.test_diagram_reading_writers import unrelated


def component(slug: str, component_id: str) -> Component:
    found = LIBRARY.get(slug).component(component_id)
    assert found is not None
    return found


def test_initials_are_read_in_capitals_only() -> None:
    """'ds' of a warehouse's '(Iceberg, daily ds)' is its partition column; 'DS' is the deletion service's
    initials (its id deletion_service)."""
    deletion = component("feature-store", "deletion_service")
    lower, capital = closeness(["Data warehouse (Iceberg, daily ds)", "DS"], [deletion], unrelated)
    assert lower["deletion_service"] < MATCH <= capital["deletion_service"]


def test_a_plural_is_read_as_its_singular_before_it_names_a_product() -> None:
    assert not names({"jobs"}, "jobset")
    assert names({"scylla"}, "scylladb")
    assert names({"jobsets"}, "jobset")


def test_a_name_word_many_components_share_says_less() -> None:
    """Three of the feature store's components are services: 'service' alone is half of 'Erasure service' no
    more, while 'Erasure' is still most of it."""
    deletion = LIBRARY.get("feature-store").components
    service, erasure = closeness(["ML service", "Erasure"], deletion, unrelated)
    assert service["deletion_service"] < MATCH <= erasure["deletion_service"]


def reversed_arrows(text: str, node: str) -> str:
    """Every arrow into or out of ``node`` drawn the other way, as a writer who draws pulls does."""
    arrow = re.compile(r"^(\s*)(\w+) (\S+) (\w+)$")
    lines = []
    for line in text.splitlines():
        match = arrow.match(re.sub(r'\|"[^"]*"\|', "", line).replace("  ", " "))
        if match and node in (match[2], match[4]):
            line = f"{match[1]}{match[4]} --> {match[2]}"
        lines.append(line)
    return "\n".join(lines)


def test_a_box_its_pull_arrows_pin_down_is_the_missing_component() -> None:
    """'Zeta' with every arrow of the quality monitor drawn backwards is still the quality monitor: the arrows
    join it to the same neighbours, and the edge check reports them reversed."""
    zeta = {'quality_monitor["Quality, freshness and skew monitor"]': 'quality_monitor["Zeta"]'}
    check = checked(reversed_arrows(drawn("feature-store", replace=zeta), "quality_monitor"))
    assert check.matching.components_of["quality_monitor"] == ("quality_monitor",)
    assert len(kinds(check)["edge_reversed"]) == 3


def test_a_box_its_arrows_pin_down_takes_a_part_another_box_merged() -> None:
    """The batch engine's label also names the registry, but 'Zeta' is joined to exactly the registry's
    neighbours: it is the registry, and the batch engine is the batch engine alone."""
    text = drawn(
        "feature-store",
        replace={
            'registry["Feature registry and catalog"]': 'registry["Zeta"]',
            'batch_compute["Batch feature engine"]': 'batch_compute["Batch feature engine + feature registry"]',
        },
    )
    check = checked(text)
    assert check.matching.components_of["registry"] == ("registry",)
    assert check.matching.components_of["batch_compute"] == ("batch_compute",)
    assert "components_merged" not in kinds(check)


def test_a_part_that_reads_as_the_box_s_own_component_is_no_second_one() -> None:
    """'Event bus / erasure events', the erasure service not drawn: the erasure events are what the bus carries
    (an 'event' as its name says), not the erasure service merged in; 'Event bus / erasure service' is a merge."""
    erasure = ('deletion_service["', "| deletion_service", "deletion_service -")
    for label, held in [("Event bus / erasure events", ("kafka_bus",)), ("Event bus / erasure service", None)]:
        text = drawn("feature-store", replace={'kafka_bus["Event bus"]': f'kafka_bus["{label}"]'}, drop=erasure)
        assert checked(text).matching.components_of["kafka_bus"] == (held or ("kafka_bus", "deletion_service"))


def test_arrows_that_join_none_of_a_component_s_neighbours_say_the_box_is_not_it() -> None:
    """'Zeta job' reads closer to the metrics catalog (0.7) than to the metrics pipeline (0.35), but it is drawn
    where the pipeline is, fed by the exposures and the events and feeding the statistics engine, none of them
    the catalog's neighbours: it is the pipeline. Drawn without arrows, its words win."""

    def catalog_like(sentences: Sequence[str], references: Sequence[str]) -> list[list[float]]:
        close = {"Metrics catalog": 0.7, "Batch metrics pipeline": 0.35}
        return [[close.get(r, 0.0) if s == "Zeta job" else float(s == r) for r in references] for s in sentences]

    label = {'metrics_pipeline["Batch metrics pipeline"]': 'metrics_pipeline["Zeta job"]'}
    catalog = ('metrics_catalog["', "metrics_catalog -")
    among = drawn("experimentation-platform", replace=label, drop=catalog)
    alone = drawn(
        "experimentation-platform", replace=label, drop=(*catalog, "| metrics_pipeline", "metrics_pipeline -")
    )
    scenario = LIBRARY.get("experimentation-platform")
    read = [check_diagram(read_mermaid(text), scenario, catalog_like).matching for text in (among, alone)]
    assert read[0].components_of["metrics_pipeline"] == ("metrics-pipeline",)
    assert read[1].components_of["metrics_pipeline"] == ("metrics-catalog",)


def test_a_step_s_number_after_its_word_names_it_in_a_story() -> None:
    """'stage 2' in a failure story is the second-stage ranker (id stage2)."""
    text = drawn("feed-ranking")
    told = checked(text, "feed-ranking", notes="If stage 2 is down we serve the first-stage order.")
    assert "stage2" not in kinds(told).get("single_point_of_failure", [])
    silent = checked(text, "feed-ranking", notes="If the cache is down we rank again.")
    assert "stage2" in kinds(silent).get("single_point_of_failure", [])


def test_a_diagram_is_of_another_system_when_it_draws_two_of_that_system_s_flows() -> None:
    """Checked against the feature store: the vector search's embedding platform feeding its ingestion is one
    arrow two systems could share, a weak drawing of this one; carried on to the fresh tier it is the vector
    search drawn, off-topic."""
    rival, own = LIBRARY.get("vector-search"), LIBRARY.get("feature-store")
    boxes = {c.id: c.name for c in rival.components}
    chain = [("embedding_platform", "ingestion"), ("ingestion", "fresh_tier")]

    def off_topic(pairs: list[tuple[str, str]]) -> bool:
        text = "\n".join(["flowchart LR", *(f'  {a}["{boxes[a]}"] --> {b}["{boxes[b]}"]' for a, b in pairs)])
        check = check_diagram(read_mermaid(text), own, overlap, rivals=[rival])
        return any(f.kind.value == "off_topic" for f in check.problems)

    assert not off_topic(chain[:1])
    assert off_topic(chain)


def test_a_box_whose_other_arrows_are_a_missing_component_s_flows_holds_it_too() -> None:
    """The erasure service not drawn, the training set builder's box fed by the event bus and writing to the
    online store draws the erasure service's flows, none of its own: it holds both. One such arrow is not
    enough."""
    base = drawn("feature-store", drop=('deletion_service["', "| deletion_service", "deletion_service -"))
    both = f"{base}\n    kafka_bus --> training_builder\n    training_builder --> online_store"
    one = f"{base}\n    training_builder --> online_store"
    assert checked(both).matching.components_of["training_builder"] == ("training_builder", "deletion_service")
    assert checked(one).matching.components_of["training_builder"] == ("training_builder",)


def test_a_code_of_initials_and_a_short_last_word_names_its_component() -> None:
    """An old company's codes: 'TGW' (tool gateway), 'MGW' (model gateway), 'AREG' (agent registry), 'SAPI'
    (session API) are the leading words' initials and the last word shortened; each names its own component as
    its initials would, and not the other gateway."""
    agents = LIBRARY.get("agent-execution-platform")
    codes = ["TGW", "MGW", "AREG", "SAPI"]
    expected = ["tool_gateway", "model_gateway", "agent_registry", "session_api"]
    for code, component, row in zip(codes, expected, closeness(codes, agents.components, unrelated), strict=True):
        assert row[component] >= OVERLAP, code
        assert max(row, key=row.__getitem__) == component, code
