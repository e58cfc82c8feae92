"""How the diagram check reads boxes and notes the way a reviewer does (the second precision pass of issue 20):
arrows that pin a terse box down, plurals and numbered initials, parts named in one word but not in a label's
describing phrase, an arrow drawn backwards before a shortcut, and failure stories told in failure words. The
word-overlap stand-in replaces the similarity model; the scenarios are the shipped packs."""

from __future__ import annotations

from sdcoach.content.loader import load_library
from sdcoach.content.schema import Component, Scenario
from sdcoach.engine.diagram.check import DiagramCheck, check_diagram
from sdcoach.engine.diagram.evidence import closeness
from sdcoach.engine.diagram.match import MATCH
from sdcoach.engine.diagram.mermaid import read_mermaid
from sdcoach.engine.diagram.products import product_names
from sdcoach.engine.diagram.risks import StoryExamples, failure_words
from sdcoach.engine.walkthrough import mermaid
from tests.fakes import overlap

LIBRARY = load_library(None)
# the word overlap finds no story in these notes (a fifth of a word shared at most): only 'down', in every
# failure example and no other, can tell one
STORIES = StoryExamples(failure=("down one", "down two", "down three"), other=("reads rows",))


def drawn(
    slug: str, replace: dict[str, str] | None = None, drop: tuple[str, ...] = (), add: tuple[str, ...] = ()
) -> str:
    lines = [line for line in mermaid(LIBRARY.get(slug)).splitlines() if not any(d in line for d in drop)]
    text = "\n".join(lines + list(add))
    for old, new in (replace or {}).items():
        text = text.replace(old, new)
    return text


def checked(text: str, slug: str = "feature-store", notes: str | None = None) -> DiagramCheck:
    scenario: Scenario = LIBRARY.get(slug)
    return check_diagram(read_mermaid(text), scenario, overlap, notes, STORIES if notes is not None else None)


def kinds(check: DiagramCheck) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in check.problems:
        found.setdefault(finding.kind.value, []).append(finding.where)
    return found


def test_a_box_its_arrows_pin_down_is_the_missing_component() -> None:
    """'Zeta' says nothing, but it is fed by the offline store and the serving tier and feeds the registry,
    exactly the quality monitor's flows; with one arrow left, or one arrow no flow of it explains, it is not."""
    zeta = {'quality_monitor["Quality, freshness and skew monitor"]': 'quality_monitor["Zeta"]'}
    pinned = checked(drawn("feature-store", replace=zeta))
    assert pinned.matching.components_of["quality_monitor"] == ("quality_monitor",)
    assert pinned.problems == ()
    one_arrow = checked(drawn("feature-store", replace=zeta, drop=("| quality_monitor", "quality_monitor -")))
    assert one_arrow.matching.components_of["quality_monitor"] == ()
    stray = checked(drawn("feature-store", replace=zeta, add=("    quality_monitor --> training_platform",)))
    assert stray.matching.components_of["quality_monitor"] == ()


def test_a_plural_names_its_component() -> None:
    materializer = LIBRARY.get("feature-store").component("materializer")
    assert materializer is not None
    assert closeness(["Materializers"], [materializer], overlap)[0]["materializer"] >= MATCH


def test_a_numbered_initial_names_a_numbered_component() -> None:
    """'S1' for the first-stage ranker (id stage1), drawn with one arrow so its arrows cannot name it."""
    text = drawn("feed-ranking", replace={'stage1["First-stage ranker"]': 'stage1["S1"]'}, drop=("trainer -.->|",))
    assert checked(text, "feed-ranking").matching.components_of["stage1"] == ("stage1",)


def test_a_product_with_a_digit_in_its_name_is_a_product() -> None:
    store = Component(id="checkpoints", name="Checkpoint storage", role="Keeps state.", technologies=["S3 paths"])
    assert product_names(store) == {"s3": 0.75}


def test_a_part_named_in_one_word_is_merged_but_not_a_word_of_a_describing_phrase() -> None:
    merged = drawn(
        "feature-store",
        replace={'offline_store["Offline feature store"]': 'offline_store["Offline feature store + materializer"]'},
        drop=('materializer["', "| materializer", "materializer -"),
        add=("    offline_store -.-> online_store",),
    )
    assert checked(merged).matching.components_of["offline_store"] == ("offline_store", "materializer")
    describing = drawn(
        "feature-store",
        replace={'"Event bus"': '"Event bus for clicks, logs and erasures"'},
        drop=("deletion_service",),
    )
    assert checked(describing).matching.components_of["kafka_bus"] == ("kafka_bus",)


def test_an_arrow_against_a_flow_is_reversed_even_where_it_could_shorten_another() -> None:
    """Without the registry, quality monitor -> serving could stand for monitor -> registry -> serving; but
    serving -> quality monitor is a flow of its own, so the arrow is that flow drawn backwards."""
    text = drawn("feature-store", drop=("registry", "per-view staleness"), add=("    quality_monitor --> serving",))
    found = kinds(checked(text))
    assert found["edge_reversed"] == ["quality_monitor -> serving"]
    assert "edge_missing" not in found


def test_failure_words_are_those_only_the_failure_phrasings_use() -> None:
    examples = StoryExamples(
        failure=("if the cache is down we serve defaults", "a node down costs nothing", "down for a minute", "x"),
        other=("we serve features from a cache", "features land hourly"),
    )
    words = failure_words(examples)
    assert "down" in words
    assert "serve" not in words and "cache" not in words  # also design words
    assert "minute" not in words  # in one failure phrasing only


def test_a_sentence_in_failure_words_tells_the_story_of_the_part_it_names() -> None:
    """The serving tier is on the request path and drawn once: notes that say it is down and what happens give
    it a story; notes about what it does, or a failure told of another part, do not."""
    text = drawn("feature-store")
    assert "serving" in kinds(checked(text, notes="The feature serving tier reads Scylla."))["single_point_of_failure"]
    told = checked(text, notes="If the serving tier is down, ranking uses its cached features.")
    assert "serving" not in kinds(told).get("single_point_of_failure", [])
    elsewhere = checked(text, notes="If the offline store is down, training waits.")
    assert "serving" in kinds(elsewhere)["single_point_of_failure"]
