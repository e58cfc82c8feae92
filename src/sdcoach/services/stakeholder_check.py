"""The lint minimums for a scenario's cross-functional facts: what a director and a PM must be able to answer.

A director round without the director's budget, or a PM round where "which product matters most to you?"
gets "that isn't specified", is practice for the wrong conversation; ``content lint`` reports both.
"""

from __future__ import annotations

import re

from sdcoach.content.schema import Scenario
from sdcoach.content.stakeholder_schema import StakeholderTopic

STAKEHOLDER_FACTS = 2  # facts per persona, at least
REQUIRED = {"director": StakeholderTopic.COST, "pm": StakeholderTopic.SURFACE}
WITH_NUMBERS = {StakeholderTopic.COST}  # a budget without a figure is not an answer


def lint_stakeholders(scenario: Scenario) -> list[tuple[str, str]]:
    """Each persona has at least two facts, the director a budget with a figure, the PM the surface that
    matters most: the (field, message) of each shortfall."""
    found: list[tuple[str, str]] = []
    sides = {"director": scenario.stakeholders.director, "pm": scenario.stakeholders.pm}
    for persona, facts in sides.items():
        field = f"stakeholders.{persona}"
        if len(facts) < STAKEHOLDER_FACTS:
            need = f"has {len(facts)} facts; at least {STAKEHOLDER_FACTS} needed for a {persona} round"
            found.append((field, need))
        if not any(f.topic is REQUIRED[persona] for f in facts):
            found.append((field, f"no {REQUIRED[persona].value} fact; a {persona} is asked it"))
        for fact in facts:
            if fact.topic in WITH_NUMBERS and not re.search(r"\d", fact.answer):
                found.append((f"{field}.{fact.topic.value}", "states no figure"))
    return found
