"""The candidate's diagram versions in an interview's export: each version, when it came, and its findings.

Takes anything shaped like ``services.interview_diagrams.AttachedDiagram`` (this layer does not import services).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from sdcoach.engine.diagram.check import DiagramCheck
from sdcoach.present.diagram_check import candidate_arrows, check_payload


class DiagramVersion(Protocol):
    """One attached version, as the interview service returns it."""

    @property
    def version(self) -> int: ...
    @property
    def fmt(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def after_turn(self) -> int: ...
    @property
    def check(self) -> DiagramCheck: ...


def diagrams_payload(diagrams: Sequence[DiagramVersion]) -> list[dict[str, Any]]:
    """The ``diagrams`` list of the JSON report: version, format, when, after which turn, the text as given, and
    the check (the same shape as ``sdcoach diagram check --format json``)."""
    return [
        {
            "version": d.version,
            "format": d.fmt,
            "created_at": d.created_at.isoformat(),
            "after_turn": d.after_turn,
            "text": d.text,
            "check": check_payload(d.check),
        }
        for d in diagrams
    ]


def diagrams_markdown(diagrams: Sequence[DiagramVersion]) -> list[str]:
    """The report's diagram section: per version its arrows and its problems (nothing when none was attached)."""
    if not diagrams:
        return []
    lines = ["## Your diagram", ""]
    for d in diagrams:
        when = f"{d.created_at:%Y-%m-%d %H:%M} UTC"
        lines += [f"### Version {d.version} ({d.fmt}, after turn {d.after_turn}, {when})", ""]
        arrows = candidate_arrows(d.check.diagram)
        lines += [f"- {s} {a} {t}" + (f" ({label})" if label else "") for s, a, t, label in arrows]
        lines += ["", f"{len(d.check.problems)} problem(s):", ""]
        lines += [f"- **{f.kind.value}** at `{f.where}`: {f.message}" for f in d.check.problems]
        lines += [""]
    return lines
