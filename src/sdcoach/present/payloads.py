"""JSON payloads of content views: plain dicts built from the models, stable keys for scripts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sdcoach.content.schema import Scenario
from sdcoach.engine.walkthrough import Section, flow_diagram, mermaid


def walkthrough_payload(scenario: Scenario, sections: Iterable[Section]) -> dict[str, Any]:
    """``{"slug", "title", "prompt", "sections": [{"id", "heading", "content"}], "short_answer", "level_sketches",
    "common_mistakes", "ladders"}`` (the last four null or empty when the pack has none)."""
    dump = scenario.model_dump(mode="json", include={"short_answer", "level_sketches", "common_mistakes", "ladders"})
    return {
        "slug": scenario.slug,
        "title": scenario.title,
        "prompt": scenario.prompt,
        "sections": [{"id": s.value, "heading": s.heading, "content": section_content(scenario, s)} for s in sections],
        **dump,
    }


def section_content(scenario: Scenario, section: Section) -> dict[str, Any]:
    """The content one section shows, as JSON-ready data."""
    dump = scenario.model_dump(mode="json")
    if section is Section.REQUIREMENTS:
        return {"clarifying_questions": dump["clarifying_questions"], "facts": dump["facts"]}
    if section is Section.HIGH_LEVEL_DESIGN:
        diagram = flow_diagram(scenario)
        return {
            "components": dump["components"],
            "data_flow": dump["data_flow"],
            "apis": dump["apis"],
            "layers": [list(layer) for layer in diagram.layers],
            "mermaid": mermaid(scenario),
        }
    if section is Section.SCALING:
        return {"scaling": dump["scaling"]}
    if section is Section.TRADEOFFS:
        return {"tradeoffs": dump["tradeoffs"]}
    if section is Section.FAILURE_MODES:
        return {"failure_modes": dump["failure_modes"]}
    return {"influence": dump["influence"]}
