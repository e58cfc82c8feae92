"""The one question the interviewer asks about a diagram the candidate attached: about the most important thing
the check found (the order and the wording are content, ``diagram_questions.yaml``), naming the candidate's own
boxes; about a request through it when there is nothing to fix. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from sdcoach.content.diagram_questions_schema import DiagramQuestions
from sdcoach.content.schema import Scenario
from sdcoach.engine.diagram.check import DiagramCheck
from sdcoach.engine.diagram.findings import Finding, FindingKind

CLEAN = "clean"


@dataclass(frozen=True)
class DiagramQuestion:
    """What the interviewer asks, the kind of finding it is about (``clean`` for none), and where."""

    text: str
    kind: str
    where: str


def ranked_problems(check: DiagramCheck, questions: DiagramQuestions) -> list[Finding]:
    """The check's problems, most important first (the questions' order; kinds without a question last)."""
    order = {ask.kind: rank for rank, ask in enumerate(questions.asks)}
    return sorted(check.problems, key=lambda f: order.get(f.kind.value, len(order)))


def diagram_question(check: DiagramCheck, scenario: Scenario, questions: DiagramQuestions) -> DiagramQuestion:
    """One question about the most important problem found, in the candidate's own box labels."""
    names = _Names(check, scenario)
    for ask in questions.asks:
        finding = next((f for f in check.problems if f.kind.value == ask.kind), None)
        if finding is not None:
            return DiagramQuestion(ask.question.format(**_slots(finding, names)), ask.kind, finding.where)
    box = names.first_on_request_path()
    return DiagramQuestion(questions.clean.format(box=box), CLEAN, box)


def _slots(finding: Finding, names: _Names) -> dict[str, str]:
    ends = finding.where.split(" -> ", 1)
    box = names.label(ends[0])
    other = names.label(ends[1]) if len(ends) == 2 else ""
    expected = finding.expected
    if finding.kind is FindingKind.STAGE_DISCONNECTED:  # expected: "a path from ENTRY to EXIT, EXIT"
        other = names.label(expected.removeprefix(f"a path from {finding.where} to ").split(", ")[0])
    elif finding.kind is FindingKind.COMPONENTS_MERGED:
        expected = expected.removesuffix(" as separate components")
    elif finding.kind is FindingKind.CROSS_TEAM:
        other = expected
    return {"box": box, "other": other, "expected": expected}


class _Names:
    """A finding's ends (a box id, or a component's name) in the words of the candidate's diagram."""

    def __init__(self, check: DiagramCheck, scenario: Scenario) -> None:
        self.check, self.scenario = check, scenario
        self.boxes = {n.id: n.label or n.id for n in check.diagram.nodes}
        self.components = {c.name: c.id for c in scenario.components}

    def label(self, end: str) -> str:
        """The box's label; for a component, the label of the first box that stands for it, else its name."""
        if end in self.boxes:
            return self.boxes[end]
        nodes = self.check.matching.nodes_of(self.components[end]) if end in self.components else ()
        return self.boxes[nodes[0]] if nodes else end

    def first_on_request_path(self) -> str:
        """The candidate's first box on the scenario's request path (synchronous flows), else the first box."""
        for flow in self.scenario.data_flow:
            if flow.mode.value == "sync":
                nodes = self.check.matching.nodes_of(flow.source)
                if nodes:
                    return self.boxes[nodes[0]]
        return next(iter(self.boxes.values()), "the entry point")
