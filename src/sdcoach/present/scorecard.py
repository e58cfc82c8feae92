"""The scorecard as JSON (a documented, stable schema) and as Markdown."""

from __future__ import annotations

from typing import Any

from sdcoach.engine.concepts import ConceptCoverage
from sdcoach.engine.coverage import Evidence
from sdcoach.engine.debrief import LEVEL_TITLES
from sdcoach.engine.diagram.evidence import DiagramEvidence
from sdcoach.engine.scoring import SignalScore
from sdcoach.present.debrief import debrief_markdown, debrief_payload
from sdcoach.services.grading import GradeResult

SCHEMA_VERSION = 1
LEVEL_NAMES = LEVEL_TITLES


def scorecard_payload(result: GradeResult) -> dict[str, Any]:
    """The JSON scorecard: keys ``checklist``, ``signals``, ``level``, ``next_steps`` and the rest (see README)."""
    card = result.scorecard
    return {
        "schema": SCHEMA_VERSION,
        "scenario": card.scenario,
        "level": card.level,
        "grade": card.grade,
        "overall": card.overall,
        "rationale": card.rationale,
        "checklist": {
            item_id: {
                "covered": c.covered,
                "strength": c.strength,
                "evidence": [_evidence(e) for e in c.evidence],
            }
            for item_id, c in card.checklist.items()
        },
        "not_assessed": list(card.not_assessed),
        "signals": {s.signal_id: _signal(s) for s in card.signals},
        "next_steps": [
            {"item": n.item_id, "advice": n.advice, "command": n.command, "strong_answer": n.strong_answer}
            for n in card.next_steps
        ],
        "debrief": debrief_payload(result.debrief),
        "concepts": [_concept(c) for c in result.concepts],
        "set_aside": card.set_aside,
        "penalty": card.penalty,
        "notes": list(result.notes),
        "diagram": _diagram(result.diagram),
    }


def scorecard_markdown(result: GradeResult, titles: dict[str, str]) -> str:
    """The scorecard as a Markdown report."""
    card = result.scorecard
    lines = [f"# Scorecard: {card.scenario}", "", *[f"> {n}" for n in result.notes]]
    lines += [f"**Level: {LEVEL_NAMES[card.level]}** (grade {card.grade}/5, overall {card.overall:.2f})", ""]
    lines += [card.rationale, ""]
    lines += debrief_markdown(debrief_payload(result.debrief))
    lines += ["## Signals", ""]
    for s in card.signals:
        lines.append(f"### {s.title}: {s.score}/4, {s.hire.label} ({LEVEL_NAMES[s.level]})")
        lines += [f"- > {e.text}" for e in s.evidence] or ["- No evidence in the answer."]
        if s.missing:
            lines.append(f"- Missing: {', '.join(s.missing)}")
        lines += [f"- **Red flag:** {f.behaviour} _Seen: {f.seen}._" for f in s.red_flags]
        if s.to_move_up:
            lines.append("- To move up:")
            lines += [f"  - {behaviour}" for behaviour in s.to_move_up]
        lines.append("")
    if result.diagram is not None:
        lines += [f"## Your diagram (v{result.diagram.version}, read beside the score, not scored)", ""]
        for item in result.diagram.items:
            lines += [f"- {titles.get(item, item)}"] + [f"  - {line}" for line in result.diagram.for_item(item)]
        lines.append("")
    lines += ["## Checklist", "", "| Item | Covered | Strength |", "|---|---|---|"]
    for item_id, c in card.checklist.items():
        lines.append(f"| {titles.get(item_id, item_id)} | {'yes' if c.covered else 'no'} | {c.strength:.2f} |")
    lines += [f"| {titles.get(i, i)} | not assessed | |" for i in card.not_assessed]
    lines += ["", "## Next steps", ""]
    for n, step in enumerate(card.next_steps):
        lines.append(f"{n + 1}. {step.advice} `{step.command}`")
        if step.strong_answer:
            lines.append(f"   - A strong answer here: {step.strong_answer}")
    if card.set_aside:
        kinds = ", ".join(f"{count} {kind}" for kind, count in card.set_aside.items())
        lines += ["", f"_Set aside as not evidence: {kinds} (penalty {card.penalty:.0%})._"]
    return "\n".join(lines).rstrip() + "\n"


def _signal(s: SignalScore) -> dict[str, Any]:
    return {
        "title": s.title,
        "score": s.score,
        "level": s.level,
        "hire": s.hire.value,
        "evidence": [_evidence(e) for e in s.evidence],
        "missing": list(s.missing),
        "behaviours": list(s.behaviours),
        "red_flags": [{"id": f.flag_id, "behaviour": f.behaviour, "seen": f.seen} for f in s.red_flags],
        "red_flags_checked": list(s.red_flags_checked),
        "to_move_up": list(s.to_move_up),
    }


def _diagram(evidence: DiagramEvidence | None) -> dict[str, Any] | None:
    """The last diagram's evidence lines by checklist item; ``scored`` is always false (read, not scored)."""
    if evidence is None:
        return None
    items = {item: list(evidence.for_item(item)) for item in evidence.items}
    return {"version": evidence.version, "items": items, "scored": False}


def _evidence(e: Evidence) -> dict[str, Any]:
    return {"text": e.text, "sentence": e.sentence, "start": e.start, "end": e.end}


def _concept(c: ConceptCoverage) -> dict[str, Any]:
    return {
        "id": c.concept_id,
        "kind": c.kind.value,
        "title": c.title,
        "covered": c.covered,
        "evidence": _evidence(c.evidence) if c.evidence else None,
    }
