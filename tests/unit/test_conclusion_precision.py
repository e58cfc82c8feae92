"""Right figures, in the shapes the conclusion checker reads, are never probed; the same shapes with a slip are.

Sentences written for these tests (not taken from the planted candidates): a capacity over a per-GPU rate said
sentences apart, a daily total said per second (plain, over a window, at a peak factor), a day's total divided
by a rate, a per-GPU figure said without its units, a size per thing times the count of things, a size in a
named number format, and a count said after a wrong one that is another count, not the wrong one again."""

from __future__ import annotations

import pytest

from sdcoach.engine.arithmetic import still_open
from sdcoach.engine.conclusions import slips_in
from sdcoach.engine.knock_on import knock_ons
from tests.unit.open_probes import one_open_probe

TRAINER = (
    "Traffic is 60B examples a day, about 700k a second on average. Serving is a different pool. Trainer at 5,000 "
    "examples a second per H100: all of it would need about {} H100s, and the budget is 128 always-on."
)
WINDOW = "Offline evals are 2B output tokens a day, and in the 8-hour trough that is about {} tokens a second."
PEAK = "New content is 80 million items per day, peak is 2.5 times, so around {} items per second at peak."
HISTORY = "Each user keeps 20 ids of 8 bytes, 160 bytes a user, and we have 1.3 billion users, so around {} gigs."
WEIGHTS = "The replica serves a 70B model in FP8, that's {} GB of weights."


@pytest.mark.parametrize(
    "turn",
    [
        "We see 700k a second at 5,000 per GPU, so about 140 GPUs.",
        TRAINER.format("140"),
        "New posts are 60M a day, that's about 700 a second.",
        "The model is 70B parameters in bf16, so about 140 GB.",
        WEIGHTS.format("70"),
        "Delivery is 150M rows a minute at 128 bytes a row, about 19 GB a minute.",
        WINDOW.format("69,000"),
        PEAK.format("2,300"),
        HISTORY.format("200"),
        "Decode runs at 1,850 tokens a second per GPU, planned at 75%, is about 1,390 per GPU.",
        "Labelling binds at 600 items a second per node, and 200M a day is about 93 node-hours.",
        "Peak is 2x, so 60M a day is about 1,400 a second at peak.",
        "10B events a day, peak 3x, so about 350k a second at peak.",
        "80M a day over a 10-hour window is about 2,200 a second.",
        "We store 40 bytes a row, 3 billion rows, so 120 GB.",
    ],
)
def test_a_right_figure_is_never_probed(turn: str) -> None:
    assert slips_in(turn) == []


@pytest.mark.parametrize(
    ("turn", "stated", "expected"),
    [
        ("We see 700k a second at 5,000 per GPU, so about 14 GPUs.", "14 GPUs", 140),
        ("New posts are 60M a day, that's about 7,000 a second.", "7,000", 60e6 / 86_400),
        ("The model is 70B parameters in bf16, so about 70 GB.", "70 GB", 140e9 * 8),
        (WEIGHTS.format("140"), "140 GB", 70e9 * 8),  # the weights alone: larger is wrong too
        (WINDOW.format("7,000"), "7,000 tokens", 2e9 / 86_400),
        (PEAK.format("23,000"), "23,000 items", 80e6 / 86_400 * 2.5),
        (HISTORY.format("20"), "20 gigs", 160 * 1.3e9 * 8),
        ("Peak is 2x, so 60M a day is about 14,000 a second at peak.", "14,000", 60e6 / 86_400 * 2),
        ("We store 40 bytes a row, 3 billion rows, so 12 GB.", "12 GB", 40 * 3e9 * 8),
    ],
)
def test_the_same_shape_with_a_slip_is_probed(turn: str, stated: str, expected: float) -> None:
    slips = slips_in(turn)
    assert [s.stated.said for s in slips] == [stated]
    assert slips[0].working.value == pytest.approx(expected, rel=0.02)


def test_a_size_larger_than_its_counts_is_not_accused_unless_it_is_the_weights_alone() -> None:
    """Optimizer states, replicas or an index may be in a larger size; "of weights" says there is nothing else."""
    assert slips_in("The model is 70B parameters in FP8, that's 140 GB with the optimizer.") == []


def test_another_count_said_after_a_wrong_one_is_not_built_on_it() -> None:
    turn = "Trainer at 5,000 a second per H100 would need about 14 H100s, and the budget is 128 always-on for training."
    assert [k.stated for k in knock_ons(turn, [], [], [("14 H100s", 0.1)])] == []


PREVALENCE = ["Spam sits at 0.05% of views and the target is 0.03%."]
LAKE = ["The lake is 52 PB across 14,000 tables."]


@pytest.mark.parametrize(
    ("turn", "earlier", "facts"),
    [
        # a share in words that says the given percentage, or one of another thing
        ("So spam is five in every ten thousand views.", [], PREVALENCE),
        ("So spam is five in every thousand posts.", [], PREVALENCE),
        # a percentage of the measure said earlier, right; or with two earlier sizes it could be of
        ("So 78% of the bytes are keyed by user, that's, what, about 40 PB.", LAKE, []),
        ("So 78% of the bytes are keyed by user, that's about 4 PB.", [*LAKE, "The warehouse is 9 PB."], []),
    ],
)
def test_a_restated_share_or_a_share_of_an_earlier_size_that_is_right_is_left_alone(
    turn: str, earlier: list[str], facts: list[str]
) -> None:
    assert slips_in(turn, earlier, facts) == []


def test_a_share_in_words_a_power_of_ten_off_the_given_percentage_is_probed() -> None:
    slips = slips_in("Leadership's number is spam at five in every thousand views.", [], PREVALENCE)
    assert [s.stated.said for s in slips] == ["five in every thousand views"]
    assert slips[0].working.value == pytest.approx(0.0005)


def test_a_percentage_of_the_size_said_earlier_is_checked_against_it() -> None:
    slips = slips_in("So 78% of the bytes are keyed by user, that's, what, about 4 PB of user data.", LAKE, [])
    assert [s.stated.said for s in slips] == ["4 PB"]
    assert slips[0].working.value == pytest.approx(0.78 * 52e15 * 8, rel=0.01)


def test_a_share_in_words_stays_open_until_the_right_share_is_said() -> None:
    said = "five in every thousand views"
    state = one_open_probe("content-moderation", "0.05% of views", said, 10.0)
    assert still_open(state, "Spam is still five in every thousand views, so it matters.") == (said,)
    assert still_open(state, "Correction: it is five in every ten thousand views, not a thousand.") == ()


SIGNED_OFF = ["The model team signed off FP8 weights with a bf16 latent KV cache."]
LATENT = "The latent cache is 576 values per layer, 61 layers, so about {} KB per token."


def test_a_size_in_the_format_the_facts_name_beside_the_thing_sized_is_checked() -> None:
    """The sentence names no format; the facts name bf16 beside the latent cache the sentence sizes."""
    assert slips_in(LATENT.format("70"), [], SIGNED_OFF) == []
    slips = slips_in(LATENT.format("35"), [], SIGNED_OFF)
    assert [s.stated.said for s in slips] == ["35 KB"]
    assert slips[0].working.value == pytest.approx(576 * 61 * 2 * 8)


def test_two_formats_beside_what_the_sentence_sizes_leave_it_unread() -> None:
    turn = "Weights and cache together are 576 values per layer, 61 layers, so about 35 KB per token."
    assert slips_in(turn, [], SIGNED_OFF) == []


def test_a_bare_number_said_as_an_input_does_not_correct_a_count_of_things() -> None:
    """ "8% video with 2,112" (tokens) lands near the 2,315 items a second the probe expects, but is no restatement."""
    said = "23 thousand items"
    state = one_open_probe("embedding-platform", "80 million per day x 2.5", said, 9.94)
    assert still_open(state, "Mix is 60% image with 640 tokens and 8% video with 2,112.") == (said,)
    assert still_open(state, "Redone: 80 million a day at 2.5x peak, so about 2,300 at peak.") == ()
