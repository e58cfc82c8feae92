"""How the diagram check reads a third writer's voices (the third precision pass of issue 20): a call and its
answer as one arrow but other flows both ways as two, brackets that list details, a dash before a box's parts,
a product's short names, a component's id in capitals, boxes named after the team that owns them, and a failure
story told of what its clauses name first. The word-overlap stand-in (or no similarity at all) replaces the
model; the scenarios are the shipped packs."""

from __future__ import annotations

from collections.abc import Sequence

from sdcoach.content.schema import Component
from sdcoach.engine.diagram.evidence import closeness
from sdcoach.engine.diagram.match import MATCH
from sdcoach.engine.diagram.match import _parts as parts_of
from sdcoach.engine.diagram.products import product_names
from sdcoach.engine.diagram.risks import StoryExamples
from tests.unit.engine.test_diagram_reading import LIBRARY, checked, drawn, kinds


def unrelated(sentences: Sequence[str], references: Sequence[str]) -> list[list[float]]:
    """A similarity that finds no meaning anywhere: what is left is the label's words, products and owners."""
    return [[0.0 for _ in references] for _ in sentences]


def test_a_call_and_its_answer_are_one_arrow_but_two_flows_each_way_are_two() -> None:
    """The broker's answer to the callers (both synchronous) is the arrow of the request; the embedder's vectors
    written back to the chunk store (a stream one way, async the other) are a flow of their own."""
    answer = drawn("vector-search", drop=('broker -->|"Merged',))
    assert "edge_missing" not in kinds(checked(answer, "vector-search"))
    rag = LIBRARY.get("rag-platform")
    back = next(f for f in rag.data_flow if (f.source, f.target) == ("embedder", "chunk_store"))
    written_back = drawn("rag-platform", drop=(back.carries,))
    missing = [f.components for f in checked(written_back, "rag-platform").problems if f.kind.value == "edge_missing"]
    assert missing == [("embedder", "chunk_store")]


def test_commas_in_brackets_list_details_and_a_dash_leads_to_the_parts() -> None:
    """'(Iceberg + materializer)' names a second part and '(Iceberg, materializer)' details one; past a dash
    the parts are what the label joins, not the head before it ('Quality monitor - ...' is not the monitor)."""
    no_materializer = ('materializer["', "| materializer", "materializer -")

    def offline_store_as(label: str, drop: tuple[str, ...] = ()) -> tuple[str, ...]:
        replace = {'offline_store["Offline feature store"]': f'offline_store["{label}"]'}
        text = drawn("feature-store", replace=replace, drop=no_materializer + drop)
        return checked(text).matching.components_of["offline_store"]

    assert offline_store_as("Offline feature store (Iceberg + materializer)") == ("offline_store", "materializer")
    assert offline_store_as("Offline feature store (Iceberg, materializer)") == ("offline_store",)
    no_monitor = ('quality_monitor["', "| quality_monitor", "quality_monitor -")
    dashed = offline_store_as("Quality monitor - offline feature store + materializer", no_monitor)
    assert dashed == ("offline_store", "materializer")
    assert parts_of("SGLang PD engine - prefill + decode in one deployment") == ["prefill", "decode"]
    assert parts_of("Model registry - versioned definitions") == []  # a description: one part


def test_a_product_is_named_by_its_whole_name_and_by_its_initials() -> None:
    ide = Component(id="clients", name="Clients", role="Call.", technologies=["VS Code and JetBrains plugins"])
    assert product_names(ide) == {"vscode": 0.75}  # not 'code', which every coding box says
    policy = Component(id="policy", name="Policy", role="Allow.", technologies=["Open Policy Agent or Cedar"])
    assert product_names(policy) == {"open": 0.75, "opa": 0.75}
    kafka = Component(id="bus", name="Bus", role="Carry.", technologies=["Apache Kafka topics"])
    assert product_names(kafka) == {"kafka": 0.75}  # two initials name too much


def test_a_label_that_is_the_id_in_capitals_names_the_component() -> None:
    clients = LIBRARY.get("speculative-decoding-serving").component("clients")
    assert clients is not None and "client" not in clients.name.lower()
    assert closeness(["Clients"], [clients], unrelated)[0]["clients"] >= MATCH


def test_a_box_named_after_a_team_that_owns_one_component_is_that_component() -> None:
    """Training-pipeline: 'Inference Platform' owns only serving; 'ML Platform' owns most components, so naming
    it says nothing of which."""
    components = LIBRARY.get("training-pipeline").components
    team, department = closeness(["Inference Platform", "ML Platform"], components, unrelated)
    assert max(team, key=team.__getitem__) == "serving" and team["serving"] >= MATCH
    assert max(department.values()) < MATCH
    # edge-model-delivery: 'Model teams' own training; a one-word team is named only as a team
    training = LIBRARY.get("edge-model-delivery").component("training")
    assert training is not None and training.owner == "Model teams"
    as_team, as_word = closeness(["Model team", "Model store"], [training], unrelated)
    assert as_team["training"] >= MATCH > as_word["training"]


def test_a_box_named_after_a_team_that_owns_a_pair_holds_both() -> None:
    """Generative recommender: recs infra's sequence pipeline team owns the sequence builder and store."""
    text = drawn(
        "generative-recommender-serving",
        replace={'sequence_builder["Sequence builder"]': 'sequence_builder["Recs infra sequence pipeline"]'},
        drop=('sequence_store["', "| sequence_store", "sequence_store -"),
    )
    check = checked(text, "generative-recommender-serving")
    assert check.matching.components_of["sequence_builder"] == ("sequence_builder", "sequence_store")


def test_a_failure_story_is_about_what_its_clauses_name_first() -> None:
    """The serving tier named at the end of the offline store's story has no story of its own; named first in a
    clause it does."""
    text = drawn("feature-store")
    late = "If the offline store is down, training jobs wait a few hours for fresh rows from the serving tier."
    assert "serving" in kinds(checked(text, notes=late))["single_point_of_failure"]
    first = "If the offline store is down, the serving tier keeps the last rows it read."
    assert "serving" not in kinds(checked(text, notes=first)).get("single_point_of_failure", [])


def test_a_failure_word_counts_with_its_y_to_ied_ending() -> None:
    from sdcoach.engine.diagram.check import check_diagram
    from sdcoach.engine.diagram.mermaid import read_mermaid
    from tests.fakes import overlap

    retries = StoryExamples(failure=("retry one", "retry two", "retry three"), other=("reads rows",))
    notes = "Serving tier requests are retried on another replica."
    check = check_diagram(read_mermaid(drawn("feature-store")), LIBRARY.get("feature-store"), overlap, notes, retries)
    assert "serving" not in kinds(check).get("single_point_of_failure", [])
