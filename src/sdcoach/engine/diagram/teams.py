"""Cross-team boundaries in a diagram: drawn boxes for components another team owns, and whether the candidate's
notes ever name that team or an agreement over the component.

Packs name owners in prose (``owner:`` on each component): "Feature platform team", "Data Platform team
(partner)", "Streaming Features team (us)", "Compute Infra (cluster); Post-training Platform (queues)". The
team is the owner's leading name (up to a parenthesis, ';', ',' or ' with ' / ' on '); the scenario's own team
is the one marked '(us)', else the leading name most components have. A component is another team's when its
owner names the own team nowhere (one the own team co-owns is not a boundary). Pure.
"""

from __future__ import annotations

import re
from collections import Counter

from sdcoach.content.schema import Scenario
from sdcoach.engine.diagram.findings import Finding, FindingKind
from sdcoach.engine.diagram.view import View
from sdcoach.engine.text import sentences_of, words_of

LEADING = re.compile(r"\s*(?:\(|;|,| with | on )", re.IGNORECASE)
GENERIC = frozenset({"team", "teams", "the", "and", "of", "s"})
# words that say a sentence is about working with another team over a component: an agreement, not a mention
AGREEMENT = frozenset({"agree", "agreed", "agreement", "contract", "sla", "slo", "slas", "slos", "owner", "owns"})


def team_of(owner: str) -> str:
    """The owning team's name: the leading name of an ``owner:`` text."""
    return LEADING.split(owner.strip(), maxsplit=1)[0].strip()


def own_team(scenario: Scenario) -> str | None:
    """The scenario's own team: the owner marked '(us)', else the leading name most components have."""
    owners = [c.owner for c in scenario.components if c.owner]
    marked = next((o for o in owners if "(us)" in o.lower()), None)
    if marked is not None:
        return team_of(marked)
    counts = Counter(_key(team_of(o)) for o in owners)
    if not counts:
        return None
    best = counts.most_common(1)[0][0]
    return next(team_of(o) for o in owners if _key(team_of(o)) == best)


def cross_team_findings(view: View, notes: str) -> list[Finding]:
    """One finding per drawn component another team owns whose team (or an agreement over it) the notes never
    mention: the box, the owning team, and what to say."""
    ours = own_team(view.scenario)
    if ours is None:
        return []
    sentences = [set(words_of(s.text)) for s in sentences_of(notes)]
    findings: list[Finding] = []
    for component_id in view.present:
        component = view.scenario.component(component_id)
        if component is None or not component.owner or _names(component.owner, ours):
            continue
        team = team_of(component.owner)
        team_words, part_words = _significant(team), _significant(component.name)
        if any(team_words <= s or (part_words & s and AGREEMENT & s) for s in sentences):
            continue
        node = view.matching.nodes_of(component_id)[0]
        findings.append(
            Finding(
                FindingKind.CROSS_TEAM,
                node,
                team,
                f"{view.label(node)!r} stands for {component.name}, which {team} owns; the notes never mention "
                f"{team} or what you agreed with them.",
            )
        )
    return findings


def _names(owner: str, team: str) -> bool:
    return _key(team) in _key(owner)


def _key(name: str) -> str:
    return " ".join(w for w in words_of(name) if w not in GENERIC)


def _significant(name: str) -> set[str]:
    return {w for w in words_of(name) if w not in GENERIC and len(w) > 1}
