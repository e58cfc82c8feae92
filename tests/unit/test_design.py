"""The design model: lines that credit the candidate are checked against what they said."""

from __future__ import annotations

from sdcoach.engine.design import Design, in_their_words, neutral, stem, unsupported
from sdcoach.engine.text import words_of


def design(text: str) -> Design:
    return Design(frozenset(stem(w) for w in words_of(text)), (), (), ())


def test_a_claim_about_something_never_said_is_found() -> None:
    said = design("We use streaming features and a ranker trained daily.")
    assert unsupported("You said alert when PSI is above 0.2.", said) == ["alert when PSI is above 0"]
    assert unsupported("Your Flink job crashes.", said) == ["Flink job"]
    assert unsupported("Your ranking model was trained yesterday.", said) == []
    assert unsupported("Your design has no fallback.", said) == []


def test_a_gap_push_is_put_neutrally_or_not_at_all() -> None:
    said = design("We log impressions.")
    assert neutral("Your training data only contains posts your ranker chose.", said) == (
        "The training data only contains posts the ranker chose."
    )
    assert neutral("You picked Redis. How much RAM?", said) is None
    assert neutral("How does your design cope?", said) == "How does your design cope?"


def test_a_follow_up_names_the_option_the_candidate_said() -> None:
    cues = ("flink", "spark streaming", "streaming")
    assert in_their_words("Your Flink job crashes.", cues, "streaming") == "Your streaming job crashes."
    assert in_their_words("Your Flink job crashes.", cues, "flink") == "Your Flink job crashes."
