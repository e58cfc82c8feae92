"""The checks on a backend's wording: what may be shown, and every reason it may not."""

from __future__ import annotations

from sdcoach.content.loader import load_phrasing
from sdcoach.engine.phrasing import grounded_problem, interviewer_problem, numbers_in

RULES = load_phrasing()
DRAFT = "Peak is 250k reads/s and p99 must stay under 20 ms. How would you shard the online store?"
SPACE = "Hash by entity id across many partitions with consistent hashing and hot-key replication to spread load"
TECH = ("redis", "cassandra", "scylladb", "kafka")


def _problem(reply: str, candidate: str = "What is the peak QPS?", draft: str = DRAFT) -> str | None:
    return interviewer_problem(reply, draft, draft, candidate, ["follow-up on sharding"], [SPACE], TECH, RULES)


def test_a_faithful_rewording_passes() -> None:
    assert (
        _problem("We peak at 250k reads per second, and p99 has to stay under 20 ms. How would you shard it?") is None
    )


def test_new_numbers_and_new_systems_are_set_aside() -> None:
    assert "numbers" in (_problem("Peak is 300k reads/s. How would you shard it?") or "")
    assert "systems" in (_problem("Peak is 250k reads/s; we use Cassandra. How would you shard it?") or "")
    # a system the candidate named may be repeated back
    assert _problem("Peak is 250k reads/s. How would you shard Redis?", candidate="I'd use Redis.") is None


def test_leaks_persona_breaks_giveaways_and_dropped_questions_are_set_aside() -> None:
    assert "private" in (_problem("My private notes say to probe sharding. How would you shard it?") or "")
    assert "persona" in (_problem("As an AI language model, I think 250k is a lot. How would you shard?") or "")
    giveaway = "Peak is 250k. Hash by entity id across many partitions with consistent hashing. How would you shard?"
    assert "answer" in (_problem(giveaway) or "")
    assert "question" in (_problem("Peak is 250k reads/s and p99 under 20 ms.") or "")
    assert "too long" in (_problem("How would you shard? " + "really " * 200) or "")


def test_grounded_text_cites_real_sources_and_invents_no_numbers() -> None:
    sources = "[1] KV cache: 327,680 bytes per token. [2] 140 GB of weights."
    assert grounded_problem("Each token needs 327,680 bytes [1], weights 140 GB [2].", sources, RULES, 2) is None
    assert "cites" in (grounded_problem("Each token needs 327,680 bytes.", sources, RULES, 2) or "")
    assert "cites" in (grounded_problem("Weights are 140 GB [3].", sources, RULES, 2) or "")
    assert "numbers" in (grounded_problem("About 500 GB in all [1].", sources, RULES, 2) or "")


def test_numbers_are_compared_as_numbers() -> None:
    assert numbers_in("1,200 GPUs and 2.50 ms and 3.0x") == {"1200", "2.5", "3"}
