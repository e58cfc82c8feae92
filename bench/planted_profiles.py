"""The planted-profile suite: scripted candidates whose level, gaps and arithmetic slips are known play whole
interviews through the pure engine (clock injected from each turn's minute), and the interviewer is measured.

    PYTHONPATH=src .venv/bin/python bench/planted_profiles.py            # every file under tests/data/planted
    PYTHONPATH=src .venv/bin/python bench/planted_profiles.py a b        # only those writers' folders

Per candidate: the scorecard level against the planted one; the planted gaps probed (a push, follow-up,
curveball, org push or pitch request on the item); each planted 2x-or-worse slip probed on the turn it
was said or the next, and recorded as uncorrected when it stands; "you said"/"your X" lines about
things the candidate never said; "not specified" to a question whose fact the pack holds (by the
fact's own keywords); the pitch or "near time" before 80% of the clock. The naive baseline asks the
scenario's probes in file order, one per candidate turn, whatever the answers were.
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.content.loader import load_framework, load_grading, load_interviewer, load_library
from sdcoach.content.schema import Scenario
from sdcoach.engine.arithmetic import evidence_text
from sdcoach.engine.interview import Context, InterviewState, NoteKind, Speaker, arithmetic_parts, start
from sdcoach.engine.interviewer import advance
from sdcoach.engine.red_flags import session_facts
from sdcoach.engine.text import sentences_of, words_of
from sdcoach.services.grading import GradeResult, grade_transcript
from sdcoach.services.similarity import default_similarity, meaning_similarity

ROOT = Path(__file__).resolve().parents[1]
PLANTED = ROOT / "tests" / "data" / "planted"
PROBING = (NoteKind.GAP, NoteKind.FOLLOW_UP, NoteKind.CURVEBALL, NoteKind.ORG_ALIGNMENT, NoteKind.PITCH)
LEVELS = {"below-ic5": "below_ic5", "ic5": "ic5", "ic6": "ic6", "ic7": "ic7"}
_PRESUMING = re.compile(
    r"\b(?:you said|you mentioned|you picked|you chose|you proposed|you went with|you're using|you use)\s+"
    r"(?P<said>[^.,;:?!]+)|\byour\s+(?P<yours>[\w-]+)",
    re.I,
)
_GENERIC = frozenset(
    "design system answer plan approach budget team teams numbers number estimate choice option proposal "
    "architecture stack service platform director users user own first second take view point version "
    "decision decisions math figure figures assumption assumptions call".split()  # "your call": the choice is theirs
)


@dataclass
class Result:
    """One candidate's figures."""

    name: str
    planted_level: str
    level: str
    gaps: list[str]
    probed: list[str]
    baseline_probed: list[str]
    errors: int
    errors_probed: int
    errors_recorded: int
    errors_standing: int
    presumptions: list[str] = field(default_factory=list)
    not_specified: list[str] = field(default_factory=list)
    early_close: list[str] = field(default_factory=list)

    @property
    def level_ok(self) -> bool:
        return self.level == self.planted_level


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


def candidates(writers: list[str] | None = None) -> list[Path]:
    """The planted candidate files, by writer folder."""
    folders = [PLANTED / w for w in writers] if writers else sorted(p for p in PLANTED.iterdir() if p.is_dir())
    return [f for folder in folders for f in sorted(folder.glob("*.yaml"))]


def context(slug: str) -> Context:
    parts = (load_framework(), load_grading(), load_interviewer())
    return Context(load_library(None).get(slug), *parts, default_similarity(), meaning_similarity())


def play(profile: dict) -> tuple[InterviewState, list[tuple[int, list[NoteKind], str]]]:
    """The whole interview: the final state and, per candidate turn index, the reply's note kinds and text."""
    ctx = context(profile["scenario"])
    state = start(ctx, Persona(profile.get("persona", "peer")), int(profile.get("minutes", 45))).state
    replies = []
    for index, turn in enumerate(profile["turns"]):
        step = advance(state, str(turn["text"]), float(turn["minute"]) * 60, ctx)
        replies.append((index, [n.kind for n in step.notes], step.reply))
        state = step.state
        if state.is_finished:
            break
    if not state.is_finished:
        last = float(profile["turns"][-1]["minute"]) * 60 + 30
        step = advance(state, "/end", last, ctx)
        state = step.state
    return state, replies


def arithmetic_probes(state: InterviewState) -> list[tuple[int, str]]:
    """(index of the candidate turn answered, figure named) for every arithmetic probe of a played interview."""
    probes, index = [], -1
    for turn in state.turns:
        if turn.speaker is Speaker.CANDIDATE:
            index += 1
            continue
        parts = [arithmetic_parts(n.detail) for n in turn.notes if n.kind is NoteKind.ARITHMETIC]
        probes += [(index, p[1]) for p in parts if p is not None]
    return probes


def graded(state: InterviewState) -> GradeResult:
    """The scorecard of a played interview, graded as the app grades it (the candidate's evidence, the items
    the interview reached, the session's facts), in a throwaway home."""
    with tempfile.TemporaryDirectory() as home:
        return grade_transcript(
            evidence_text(state) or "(no answer)",
            state.scenario,
            Settings(home=Path(home)),
            similarity=default_similarity(),
            assessed=state.items_reached(),
            facts=session_facts(state),
        )


def measure(path: Path, played: tuple[InterviewState, list[tuple[int, list[NoteKind], str]]] | None = None) -> Result:
    """One candidate's figures; ``played`` is ``play``'s result when the caller already has it."""
    profile = load(path)
    scenario = load_library(None).get(profile["scenario"])
    state, replies = played or play(profile)
    result = graded(state)
    gaps = list(profile.get("planted_gaps") or [])
    pushed = {n.item for n in state.notes if n.kind in PROBING and n.item}
    errors = list(profile.get("planted_errors") or [])
    probed = [e for e in errors if _error_probed(e, replies)]
    recorded = [n.detail for n in state.notes if n.kind is NoteKind.ARITHMETIC_UNCORRECTED]
    standing = [e for e in errors if e.get("corrected_at") is None]
    return Result(
        name=f"{path.parent.name}/{path.stem}",
        planted_level=LEVELS[str(profile["level"]).lower()],
        level=result.scorecard.level,
        gaps=gaps,
        probed=[g for g in gaps if g in pushed],
        baseline_probed=[g for g in gaps if g in naive_baseline(scenario, profile)],
        errors=len(errors),
        errors_probed=len(probed),
        errors_recorded=sum(1 for e in standing if any(_figure(e["says"]) in r for r in recorded)),
        errors_standing=len(standing),
        presumptions=presumptions(state, scenario),
        not_specified=not_specified(state, scenario),
        early_close=early_close(state),
    )


def _figure(phrase: str) -> str:
    """The number in a planted wrong phrase ("so about 750 GPUs" -> "750"; "under half a percent of our users" ->
    "half a percent", a share said in words)."""
    found = re.findall(r"\d[\d,.]*", phrase)
    spoken = re.search(r"\b(?:half|a quarter|a third|a tenth)\s+(?:of\s+)?a\s+percent\b", phrase, re.I)
    return found[-1].rstrip(".,") if found else spoken.group(0) if spoken else phrase


def _error_probed(error: dict, replies: list[tuple[int, list[NoteKind], str]]) -> bool:
    """Probed on the turn it was said or the next one, naming the stated figure."""
    turn = int(error["turn"])
    figure = _figure(str(error["says"]))
    return any(
        NoteKind.ARITHMETIC in kinds and figure in reply for index, kinds, reply in replies if turn <= index <= turn + 1
    )


def naive_baseline(scenario: Scenario, profile: dict) -> set[str]:
    """Items a fixed-order interviewer reaches: the scenario's probes in file order, one per candidate turn."""
    turns = [t for t in profile["turns"] if not str(t["text"]).startswith("/")]
    return {p.item for p in scenario.probes[: len(turns)]}


def presumptions(state: InterviewState, scenario: Scenario) -> list[str]:
    """Interviewer lines that say the candidate said or has something they never said (nor the prompt did)."""
    found = []
    heard: set[str] = {_stem(w) for w in words_of(scenario.prompt)}
    # the scenario's own facts ("you own your jobs and their oncall") tell the candidate, never presume
    fact_sentences = [s.text.strip() for fact in scenario.facts for s in sentences_of(fact.answer)]
    for turn in state.turns:
        if turn.speaker is Speaker.CANDIDATE:
            heard |= {_stem(w) for w in words_of(turn.text)}
            continue
        if turn.elapsed == 0:
            continue
        told = turn.text
        for sentence in fact_sentences:
            told = told.replace(sentence, "")
        for match in _PRESUMING.finditer(told):
            phrase = match["said"] or match["yours"]
            missing = [w for w in words_of(phrase) if len(w) > 3 and w not in _GENERIC and _stem(w) not in heard]
            if missing:
                found.append(f"{turn.elapsed / 60:.1f}: {match.group(0)!r} (never said: {', '.join(missing)})")
    return found


def _stem(word: str) -> str:
    for suffix in ("ing", "ers", "er", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)][:6]
    return word[:6]


def not_specified(state: InterviewState, scenario: Scenario) -> list[str]:
    """ "Not specified" to a question that names a fact's own keyword."""
    found = []
    for note in state.notes:
        if note.kind is not NoteKind.NO_FACT or note.detail.startswith("That"):
            continue
        words = f" {' '.join(words_of(note.detail))} "
        for fact in scenario.facts:
            hits = [k for k in fact.keywords if f" {' '.join(words_of(k))} " in words]
            if hits:
                found.append(f"{note.detail!r} (fact {fact.id}: {hits[0]})")
                break
    return found


def early_close(state: InterviewState) -> list[str]:
    """The pitch request or "near time" before 80% of the clock."""
    limit = 0.8 * state.minutes * 60
    return [
        f"{t.elapsed / 60:.1f}"
        for t in state.turns
        if t.speaker is Speaker.INTERVIEWER
        and t.elapsed < limit
        and (any(n.kind is NoteKind.PITCH for n in t.notes) or "near time" in t.text.lower())
    ]


def report(results: list[Result]) -> str:
    lines = []
    for r in results:
        lines.append(
            f"{r.name:44} level {r.level:9} (planted {r.planted_level:9}) {'ok ' if r.level_ok else 'MISS'}  "
            f"gaps {len(r.probed)}/{len(r.gaps)} (baseline {len(r.baseline_probed)})  "
            f"errors probed {r.errors_probed}/{r.errors} recorded {r.errors_recorded}/{r.errors_standing}  "
            f"you-said {len(r.presumptions)}  not-specified {len(r.not_specified)}  early-close {len(r.early_close)}"
        )
        lines += [f"    {x}" for x in (*r.presumptions, *r.not_specified)]
        missed = [g for g in r.gaps if g not in r.probed]
        if missed:
            lines.append(f"    gaps not probed: {', '.join(missed)}")
    gaps = sum(len(r.gaps) for r in results) or 1
    lines.append(
        f"TOTAL {len(results)} candidates: level {sum(r.level_ok for r in results)}/{len(results)}; "
        f"gaps probed {sum(len(r.probed) for r in results)}/{gaps} "
        f"({sum(len(r.probed) for r in results) / gaps:.0%}), naive baseline "
        f"{sum(len(r.baseline_probed) for r in results)}/{gaps} "
        f"({sum(len(r.baseline_probed) for r in results) / gaps:.0%}); errors probed "
        f"{sum(r.errors_probed for r in results)}/{sum(r.errors for r in results)}, recorded "
        f"{sum(r.errors_recorded for r in results)}/{sum(r.errors_standing for r in results)}; you-said "
        f"{sum(len(r.presumptions) for r in results)}; not-specified {sum(len(r.not_specified) for r in results)}; "
        f"early close {sum(len(r.early_close) for r in results)}"
    )
    return "\n".join(lines)


def main() -> None:
    print(report([measure(p) for p in candidates(sys.argv[1:] or None)]))


if __name__ == "__main__":
    main()
