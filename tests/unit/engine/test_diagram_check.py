"""Checking a diagram against the feature-store reference (the word-overlap stand-in for the similarity model):
each kind of finding appears where the drawing departs from the scenario, and only there."""

from __future__ import annotations

from collections.abc import Sequence

from sdcoach.content.loader import load_library
from sdcoach.content.schema import Scenario
from sdcoach.engine.diagram.check import DiagramCheck, FindingKind, check_diagram
from sdcoach.engine.diagram.match import MATCH, match_nodes
from sdcoach.engine.diagram.mermaid import read_mermaid
from sdcoach.engine.diagram.risks import StoryExamples
from sdcoach.engine.diagram.roles import pinned_roles
from sdcoach.engine.walkthrough import mermaid
from tests.fakes import overlap

LIBRARY = load_library(None)


def feature_store() -> Scenario:
    return LIBRARY.get("feature-store")


def checked(text: str, notes: str | None = None) -> DiagramCheck:
    return check_diagram(read_mermaid(text), feature_store(), overlap, notes)


def kinds(check: DiagramCheck) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in check.problems:
        found.setdefault(finding.kind.value, []).append(finding.where)
    return found


def reference_with(replace: dict[str, str] | None = None, drop: tuple[str, ...] = (), add: tuple[str, ...] = ()) -> str:
    lines = [line for line in mermaid(feature_store()).splitlines() if not any(d in line for d in drop)]
    text = "\n".join(lines + list(add))
    for old, new in (replace or {}).items():
        text = text.replace(old, new)
    return text


def test_the_reference_itself_is_clean_and_every_component_present() -> None:
    check = checked(reference_with())
    assert check.problems == ()
    present = [f for f in check.findings if f.kind is FindingKind.COMPONENT_PRESENT]
    assert len(present) == len(feature_store().components)


def test_a_reversed_arrow_is_named_not_also_as_missing_and_it_opens_the_loop_it_was_in() -> None:
    check = checked(reference_with(replace={"serving -.->|": "feature_logger -.->|", "| feature_logger": "| serving"}))
    found = kinds(check)
    assert found.pop("edge_reversed") == ["feature_logger -> serving"]
    assert list(found) == ["loop_open"]


def test_an_extra_arrow_and_a_missing_flow() -> None:
    check = checked(reference_with(drop=("partition-grouped",), add=("    serving --> offline_store",)))
    found = kinds(check)
    assert found["edge_extra"] == ["serving -> offline_store"]
    assert found["edge_missing"] == ["Feature serving tier -> Online store"]


def test_an_arrow_past_a_box_not_drawn_is_the_flow_it_shortens() -> None:
    text = reference_with(drop=("materializer",), add=("    offline_store -.-> online_store",))
    assert kinds(checked(text)) == {"component_missing": ["Online materializer"]}


def test_one_box_for_two_components_is_merged() -> None:
    text = reference_with(
        drop=("stream_compute[",),
        replace={
            'kafka_bus["Event bus"]': 'kafka_bus["Event bus and streaming feature engine"]',
            "stream_compute": "kafka_bus",
        },
    )
    found = kinds(checked(text))
    assert found["components_merged"] == ["kafka_bus"]
    assert "component_missing" not in found


def test_a_cut_flow_breaks_the_stage_and_the_loop() -> None:
    text = reference_with(drop=("offline_store -.->|", "offline_store -->|"))
    found = kinds(checked(text))
    assert "stage_disconnected" in found
    assert "Training platform" in " ".join(f.expected for f in checked(text).problems)


def test_a_single_point_of_failure_only_with_notes_that_say_nothing_of_it() -> None:
    text = reference_with()
    assert "single_point_of_failure" not in kinds(checked(text))
    stories = StoryExamples(
        failure=("if the serving replica fails we fail over to defaults",), other=("we compute features in spark",)
    )
    quiet = check_diagram(read_mermaid(text), feature_store(), overlap, "We compute features in Spark.", stories)
    assert "serving" in kinds(quiet)["single_point_of_failure"]
    notes = "The feature serving tier has three replicas; if one fails we fail over to defaults."
    told = check_diagram(read_mermaid(text), feature_store(), overlap, notes, stories)
    assert "serving" not in kinds(told).get("single_point_of_failure", [])


def test_a_failure_story_names_its_part_by_its_whole_name() -> None:
    """The model gateway shares each word of its name with another part (the tool gateway, the self-hosted model
    pool), and its box's label has words of its own: a story whose clause starts with 'the model gateway' is its
    story all the same, and only its."""
    agents = LIBRARY.get("agent-execution-platform")
    text = (
        mermaid(agents)
        .replace('["Model gateway"]', '["Model gateway - cache breakpoints, token budgets"]')
        .replace('["Tool gateway"]', '["Tool gateway - MCP, idempotency ledger"]')
    )
    stories = StoryExamples(failure=("runs three replicas; if one fails we fail over",), other=("we route calls",))
    notes = "The model gateway runs three replicas; if one fails we fail over to the next."
    told = check_diagram(read_mermaid(text), agents, overlap, notes, stories)
    unmentioned = kinds(told)["single_point_of_failure"]
    assert "model_gateway" not in unmentioned
    assert "tool_gateway" in unmentioned


def test_another_scenarios_diagram_is_off_topic() -> None:
    other = mermaid(LIBRARY.get("llm-pretraining"))
    check = checked(other)
    assert check.findings[0].kind is FindingKind.OFF_TOPIC


def test_off_topic_needs_a_system_the_diagram_is_more_of() -> None:
    """Naming little of the scenario is not enough when rivals are given: another scenario must be named more
    fully. A weak drawing of this system (a few generic boxes) stays this system's, with its gaps listed."""
    rivals = tuple(LIBRARY.get(slug) for slug in LIBRARY.slugs if slug != "feature-store")
    other = check_diagram(
        read_mermaid(mermaid(LIBRARY.get("llm-pretraining"))), feature_store(), overlap, None, None, rivals
    )
    assert other.findings[0].kind is FindingKind.OFF_TOPIC
    weak = "flowchart LR\n  a[Events] --> b[Features]\n  b --> c[Model]"
    alone = checked(weak)
    assert alone.findings[0].kind is FindingKind.OFF_TOPIC  # without rivals, naming little is enough
    compared = check_diagram(
        read_mermaid(weak), feature_store(), overlap, None, None, (LIBRARY.get("llm-pretraining"),)
    )
    assert FindingKind.OFF_TOPIC not in {f.kind for f in compared.findings}
    assert "component_missing" in kinds(compared)


def test_a_diagram_drawing_far_more_of_another_systems_flows_is_off_topic() -> None:
    """Naming many of the scenario's parts is not enough to be of it: the streaming feature pipeline's reference
    with a box for each feature-store component beside it, unconnected, names them all yet draws none of the
    store's flows and every one of the pipeline's; the feature store's own reference, beside the same rivals,
    stays on topic."""
    rivals = tuple(LIBRARY.get(slug) for slug in LIBRARY.slugs if slug != "feature-store")
    boxes = "\n".join(f'  fs_{c.id}["{c.name}"]' for c in feature_store().components)
    pipeline = mermaid(LIBRARY.get("streaming-feature-pipeline")) + "\n" + boxes
    outdrawn = check_diagram(read_mermaid(pipeline), feature_store(), overlap, None, None, rivals)
    assert outdrawn.findings[0].kind is FindingKind.OFF_TOPIC
    named = {c for held in outdrawn.matching.by_label.values() for c in held}
    assert len(named) >= 0.7 * len(feature_store().components)  # not for naming little
    own = check_diagram(read_mermaid(mermaid(feature_store())), feature_store(), overlap, None, None, rivals)
    assert FindingKind.OFF_TOPIC not in {f.kind for f in own.findings}


def test_a_later_technology_names_a_box_only_with_its_arrows_agreeing() -> None:
    """'RocksDB' is something the streaming engine uses, not what it is: between its neighbours in the reference
    it is the streaming engine; on its own, it is no component."""
    relabelled = {'stream_compute["Streaming feature engine"]': 'stream_compute["RocksDB"]'}
    between = checked(reference_with(replace=relabelled))
    assert between.matching.components_of["stream_compute"] == ("stream_compute",)
    assert between.problems == ()
    alone = checked(reference_with(replace=relabelled, drop=("| stream_compute", "stream_compute -")))
    assert alone.matching.components_of["stream_compute"] == ()


def test_terse_labels_abbreviations_and_initials_name_their_components() -> None:
    check = checked(
        reference_with(
            replace={
                '"Training dataset builder"': '"Trn dataset bldr"',
                '"Offline feature store"': '"OFS"',
            }
        )
    )
    assert check.problems == ()


def test_a_part_naming_what_the_box_is_built_on_is_not_a_second_component() -> None:
    check = checked(reference_with(replace={'"Batch feature engine"': '"Batch feature engine + Spark"'}))
    assert check.matching.components_of["batch_compute"] == ("batch_compute",)
    assert check.problems == ()


def test_arrows_repeating_one_extra_pair_make_one_finding() -> None:
    text = reference_with(add=("    serving -->|reads| offline_store", "    serving -->|backfills| offline_store"))
    assert kinds(checked(text)) == {"edge_extra": ["serving -> offline_store"]}


def test_a_response_drawn_beside_its_request_is_not_reversed() -> None:
    assert checked(reference_with(add=("    online_store -->|rows| serving",))).problems == ()


def test_a_loop_cut_inside_is_an_open_loop_not_a_broken_stage() -> None:
    found = kinds(checked(reference_with(drop=("quality_monitor -.->|",))))
    assert sorted(found) == ["edge_missing", "loop_open"]


def test_a_box_drawn_per_region_holds_what_its_twin_holds() -> None:
    """The router and picker drawn once per region: the one-box-per-component pairing gave one copy the router
    and the other the picker; each copy is both, the merge is one finding, and no arrow is extra."""
    platform = LIBRARY.get("llm-inference-platform")
    lines = ["flowchart LR", "  c[Callers]"]
    for region in ("us-east", "eu-west"):
        r = region[:2]
        lines += [
            f'  c --> g{r}["API gateway {region}"]',
            f'  g{r} --> x{r}["Model router + endpoint picker {region}"]',
            f'  x{r} --> p{r}["Serving pools {region}"]',
        ]
    check = check_diagram(read_mermaid("\n".join(lines)), platform, overlap)
    held = check.matching.components_of
    assert set(held["xus"]) == set(held["xeu"]) == {"model_router", "endpoint_picker"}
    found = kinds(check)
    assert len(found["components_merged"]) == 1
    assert "edge_extra" not in found


def test_a_leaf_box_is_the_missing_part_its_label_leans_to_when_its_arrow_runs_with_the_flow() -> None:
    """'Users' says little ('clients' a little, nothing else more): drawn at the start, its one arrow running
    through a box that stands for nothing to the gateway, it is the clients; drawn as fed by the gateway, the
    arrow runs against the clients' flow and it is nothing."""
    moe = LIBRARY.get("moe-serving")

    def leaning(texts: Sequence[str], references: Sequence[str]) -> list[list[float]]:
        rows = [list(row) for row in overlap(texts, references)]
        for i, text in enumerate(texts):
            for j, reference in enumerate(references):
                if text == "Users" and "client" in reference.lower():
                    rows[i][j] = 0.3
        return rows

    start = 'flowchart LR\n  u["Users"] --> lb["Edge LB"]\n  lb --> g["API gateway"]\n  g --> r["PD router"]'
    against = 'flowchart LR\n  g["API gateway"] --> u["Users"]\n  g --> r["PD router"]'
    assert match_nodes(read_mermaid(start), moe, leaning).components_of["u"] == ("clients",)
    assert match_nodes(read_mermaid(against), moe, leaning).components_of["u"] == ()


def test_arrows_move_a_merged_part_only_to_a_box_whose_label_names_nothing_else() -> None:
    """'Apigee (auth + quota)' holds the gateway and the quota service; a box between it and the usage topic is
    joined the way the quota service is. Labelled 'Dataflow metering' (closest to metering, taken) it is a
    second metering box and the quota stays with Apigee; a box whose label names nothing takes it."""
    platform = LIBRARY.get("llm-inference-platform")
    diagram = read_mermaid('flowchart LR\n  a["Apigee"] --> m["?"]\n  t["Usage topic"] --> m')
    chosen = {"a": ["api_gateway", "quota_service"], "m": [], "t": ["metering"]}
    says_metering = [{}, {"metering": 0.5, "quota_service": 0.1}, {}]
    says_nothing = [{}, {"metering": 0.2, "quota_service": 0.1}, {}]
    parts = frozenset({"quota_service"})
    assert pinned_roles(diagram, platform, chosen, parts, says_metering, MATCH) == {}
    assert pinned_roles(diagram, platform, chosen, parts, says_nothing, MATCH) == {"m": "quota_service"}


def test_a_label_joining_parts_and_one_arrow_hold_a_second_component() -> None:
    """'Changelog consumers online + offline' stands for the offline writer; its part 'Changelog consumers
    online' reads as the changelog first (taken) and the online loader a little, and its one arrow to the online
    store is the loader's: it holds the loader too. The same box with a label naming one part does not."""
    pipeline = LIBRARY.get("streaming-feature-pipeline")
    leaning = {
        ("Changelog consumers online + offline", "Offline log writer"): 0.6,
        ("Changelog consumers", "Offline log writer"): 0.6,
        ("Changelog consumers online", "Transactional feature changelog"): 0.7,
        ("Changelog consumers online", "Online loader"): 0.35,
        ("offline", "Offline log writer"): 0.6,
    }
    names = {c.name for c in pipeline.components}

    def similarity(texts: Sequence[str], references: Sequence[str]) -> list[list[float]]:
        return [[1.0 if t == r and r in names else leaning.get((t, r), 0.0) for r in references] for t in texts]

    flow = (
        'flowchart LR\n  t["Transactional feature changelog"] --> c["{}"]\n  c --> o["Online feature store"]\n'
        '  c --> l["Feature log and tile archive"]\n  i["Streaming feature job (integrity tier)"] --> o\n'
        '  o --> r["Ads ranking and integrity services"]'
    )
    joined = match_nodes(read_mermaid(flow.format("Changelog consumers online + offline")), pipeline, similarity)
    single = match_nodes(read_mermaid(flow.format("Changelog consumers")), pipeline, similarity)
    assert set(joined.components_of["c"]) == {"offline_writer", "online_loader"}
    assert single.components_of["c"] == ("offline_writer",)
