"""A single point of failure on the hot path: a request-path component drawn once that the candidate's notes
give no failure story (a sentence naming it that reads like the framework's examples of one: replicas,
failover, timeouts, a fallback)."""

from __future__ import annotations

from collections.abc import Sequence

from sdcoach.engine.diagram.findings import Finding, FindingKind
from sdcoach.engine.diagram.match import FILLER
from sdcoach.engine.diagram.view import View
from sdcoach.engine.reader import Similarity
from sdcoach.engine.text import sentences_of, words_of

# a sentence at least this close to an example tells a failure story; measured with the items model: "if the quota
# service is down the gateway fails open" 0.40, "three replicas ... if all fail we route to the large model" 0.43,
# but "the endpoint picker sends each request to a vLLM replica" 0.38 and "we compute features in Spark" 0.24
STORY = 0.4


def single_points_of_failure(view: View, notes: str, similarity: Similarity, examples: Sequence[str]) -> list[Finding]:
    """One finding per request-path component drawn as a single box whose failure the notes never address."""
    sentences = [s.text for s in sentences_of(notes)]
    scenario, matching, hot_path = view.scenario, view.matching, view.hot_path()
    stories = list(examples) or [text for f in scenario.failure_modes for text in (f.mitigation, f.recovery)]
    findings: list[Finding] = []
    for component_id in view.present:
        nodes = matching.nodes_of(component_id)
        if component_id not in hot_path or len(nodes) != 1:
            continue
        component = scenario.component(component_id)
        assert component is not None  # present ids come from the scenario
        names = _name_words(component.name) | _name_words(view.label(nodes[0]))
        mentions = [s for s in sentences if names & set(words_of(s))]
        if mentions and stories and max(max(row) for row in similarity(mentions, stories)) >= STORY:
            continue
        findings.append(
            Finding(
                FindingKind.SINGLE_POINT_OF_FAILURE,
                nodes[0],
                f"replicas, failover or a degraded mode for {component.name}",
                f"{component.name} is on the request path and drawn once, and the notes say "
                "nothing about what happens when it fails.",
            )
        )
    return findings


def _name_words(text: str) -> set[str]:
    return {w for w in words_of(text) if len(w) > 3} - FILLER
