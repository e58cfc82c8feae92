"""A whole interview's level: the overall score's band, held to the must-haves each level needs shown."""

from __future__ import annotations

from dataclasses import replace as copy

from sdcoach.content.framework_schema import FlagDetector
from sdcoach.content.grading_schema import CoverageModel
from sdcoach.content.loader import load_framework, load_interviewer, load_rubric
from sdcoach.engine.coverage import Coverage, coverage_of
from sdcoach.engine.debrief import DebriefInputs, rationale_of
from sdcoach.engine.grade import Substance
from sdcoach.engine.interview_level import Shares, ShortOf, decide_level, own_evidence, shares_of
from sdcoach.engine.reader import Lens, read
from sdcoach.engine.red_flags import SessionFacts
from sdcoach.engine.scoring import LEVELS, score
from tests.fakes import hand_set_grading, overlap

FRAMEWORK = load_framework()
RUBRIC = load_rubric()
# a coverage model where a long interview full of numbers lifts every item, as the fitted one does
LIFTING = CoverageModel(
    features=("sim_max", "concrete_sentences", "answer_length"),
    weights=(6.0, 4.0, 2.0),
    bias=-6.0,
    threshold=0.5,
    fitted_on="hand-set for unit tests",
)
GRADING = hand_set_grading().model_copy(update={"model": LIFTING})
PACK = load_interviewer()
RULES = PACK.interview_level
INTERVIEW = SessionFacts(frozenset(FlagDetector))
OWNERS = ("req.ownership", "hld.cross_team")


SPOKEN_TO = {"sim_max": 1.0}
NEVER = {"sim_max": 0.1}
LIFTED = {"concrete_sentences": 1.0, "answer_length": 1.0}  # a long interview, all numbers


def strong(*weak: str) -> Coverage:
    """Every item spoken to and covered at full strength, except the ``weak`` ones: never spoken to, yet lifted to
    covered by a long interview full of numbers."""
    coverage = coverage_of("Peak is 200k QPS with p99 10 ms.", FRAMEWORK.items, overlap, GRADING)
    items = {
        i: copy(c, covered=True, strength=1.0, features={**SPOKEN_TO, **LIFTED}) for i, c in coverage.items.items()
    }
    for item in weak:
        items[item] = copy(items[item], strength=0.6, features={**NEVER, **LIFTED})
    # the substance of an IC7 answer (figures, owners, business framing throughout), so its grade is IC7
    return copy(coverage, items=items, substance=Substance(sentences=40, numbers=80, ownership=12, business=14))


def test_the_shipped_rules_name_real_checklist_items_and_gate_ic5_then_ic6_then_ic7() -> None:
    assert RULES is not None
    ids = {i.id for i in FRAMEWORK.items}
    assert [m.level for m in RULES.must_show] == ["ic5", "ic6", "ic7"]
    assert all(i in ids for m in RULES.must_show for g in m.groups for i in g)


def test_a_band_is_held_at_the_highest_level_whose_must_haves_were_all_shown() -> None:
    assert RULES is not None
    everything = {i.id: 1.0 for i in FRAMEWORK.items}
    no_owners = {**everything, "req.ownership": 0.1, "hld.cross_team": 0.2}
    held = decide_level(LEVELS.index("ic7"), no_owners, RULES, LEVELS)
    assert (LEVELS[held.level], held.held_by) == ("ic5", (OWNERS,))
    # one item of a group is enough: owners named, other teams' systems never
    assert decide_level(LEVELS.index("ic6"), {**no_owners, "req.ownership": 0.9}, RULES, LEVELS).level == 2
    no_strategy = {**everything, "influence.strategic_impact": 0.05}
    assert LEVELS[decide_level(LEVELS.index("ic7"), no_strategy, RULES, LEVELS).level] == "ic6"


def test_the_must_haves_never_raise_a_band_and_an_unassessed_item_was_never_shown() -> None:
    assert RULES is not None
    everything = {i.id: 1.0 for i in FRAMEWORK.items}
    assert decide_level(LEVELS.index("ic5"), everything, RULES, LEVELS).level == LEVELS.index("ic5")
    unreached = {i: s for i, s in everything.items() if not i.startswith("failure.")}
    assert LEVELS[decide_level(LEVELS.index("ic6"), unreached, RULES, LEVELS).level] == "ic5"


def test_an_interview_is_held_to_its_must_haves_and_a_written_answer_is_not() -> None:
    coverage = strong(*OWNERS)
    written = score(coverage, FRAMEWORK, RUBRIC, GRADING, "feature-store", level_rules=RULES)
    assert written.level == "ic7" and written.held_by == ()
    interview = score(coverage, FRAMEWORK, RUBRIC, GRADING, "feature-store", facts=INTERVIEW, level_rules=RULES)
    assert (interview.level, interview.grade, interview.held_by) == ("ic5", 3, (OWNERS,))


def test_an_item_is_shown_on_its_own_evidence_however_long_and_numeric_the_interview() -> None:
    assert RULES is not None
    coverage = strong(*OWNERS)
    shown = own_evidence(coverage.items, GRADING.model, RULES.single_answer)
    assert coverage.items["req.ownership"].covered and shown["req.ownership"] < 0.2 < 0.9 < shown["req.scale_slo"]


def test_the_rationale_says_which_must_haves_held_the_level_down() -> None:
    assert PACK.debrief is not None
    card = score(
        strong(*OWNERS),
        FRAMEWORK,
        RUBRIC,
        GRADING,
        "x",
        facts=INTERVIEW,
        level_rules=RULES,
    )
    text = rationale_of(card, (), DebriefInputs(FRAMEWORK, PACK.debrief, {}))
    titles = {i.id: i.title for i in FRAMEWORK.items}
    assert "Placed at IC5 (senior) rather than IC6 (staff)" in text
    assert f"{titles['req.ownership'].lower()} or {titles['hld.cross_team'].lower()}" in text.lower()


def test_too_few_framing_or_figure_sentences_hold_the_level_whatever_the_band_and_the_items() -> None:
    assert RULES is not None
    everything = {i.id: 1.0 for i in FRAMEWORK.items}
    need = {m.level: m for m in RULES.must_show}
    ic5, ic6, ic7 = need["ic5"].figure_share, need["ic6"].framing_share, need["ic7"].framing_share
    assert ic5 > 0 and 0 < ic6 < ic7 < 1 and [m.level for m in RULES.must_show] == ["ic5", "ic6", "ic7"]

    def placed(framing: float, figures: float = 1.0, band: str = "ic7") -> tuple[str, tuple[ShortOf, ...]]:
        held = decide_level(LEVELS.index(band), everything, RULES, LEVELS, Shares(framing, figures))
        assert held.held_by == ()  # every item was shown: only a share holds it
        return LEVELS[held.level], held.short_of

    assert placed(ic6 / 2) == ("ic5", (ShortOf(RULES.framing_words, ic6 / 2, ic6),))
    assert placed((ic6 + ic7) / 2)[0] == "ic6" and placed(ic7) == ("ic7", ())
    assert placed(ic7, figures=ic5 / 2) == ("below_ic5", (ShortOf(RULES.figures_words, ic5 / 2, ic5),))
    assert placed(1.0, band="ic5")[0] == "ic5"  # a share never raises a band


def test_the_debrief_says_which_share_held_the_level_and_by_how_much() -> None:
    assert PACK.debrief is not None and RULES is not None
    card = score(strong(), FRAMEWORK, RUBRIC, GRADING, "x", facts=INTERVIEW, level_rules=RULES, shares=Shares(0.05))
    text = rationale_of(card, (), DebriefInputs(FRAMEWORK, PACK.debrief, {}))
    assert card.level == "ic5" and card.held_by == ()
    assert f"5% of the candidate's sentences {RULES.framing_words}, where IC6 (staff) needs" in text, text


FIGURES = [f"Shard {n} serves {n * 10}k QPS at p99 {n + 4} ms from {n * 2} TB of SSD." for n in range(1, 25)]
FRAMED = [
    "The platform team owns the online store and is on call for it.",
    "Every 10 ms of p99 costs about 1% of revenue on the feed.",
]


def test_the_shares_are_rates_so_a_longer_interview_full_of_figures_does_not_read_as_framed() -> None:
    def shares(sentences: list[str]) -> Shares:
        return shares_of(read(" ".join(sentences), Lens(tuple(FRAMEWORK.items), GRADING), overlap))

    assert shares([*FIGURES[:8], *FRAMED]).framing == 2 / 10
    assert shares([*FIGURES, *FRAMED]) == Shares(2 / 26, 25 / 26)  # more figures, the same two framing sentences
    assert shares(FRAMED).framing == 2 / 10  # over at least ten sentences: two lines do not make a framed interview
