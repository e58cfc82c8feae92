"""Library filters, free-text search, and scaffolds for prompts outside the library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.cli_runner import run_sdcoach


def test_scenarios_filter_by_tag_and_difficulty() -> None:
    everything = json.loads(run_sdcoach("scenarios", "--format", "json").out)["scenarios"]
    hard = json.loads(run_sdcoach("scenarios", "--difficulty", "hard", "--format", "json").out)["scenarios"]
    assert hard and all(s["difficulty"] == "hard" for s in hard)
    assert len(hard) < len(everything) or all(s["difficulty"] == "hard" for s in everything)
    tag = everything[0]["tags"][0]
    tagged = json.loads(run_sdcoach("scenarios", "--tag", tag, "--format", "json").out)["scenarios"]
    assert tagged and all(tag in s["tags"] for s in tagged)
    wrong = run_sdcoach("scenarios", "--difficulty", "hardd")
    assert wrong.code == 2 and "'hard'" in wrong.err


def test_search_returns_ranked_pointers() -> None:
    result = run_sdcoach("search", "how much memory does the KV cache of a 70B model need", "--format", "json")
    assert result.code == 0, result.err
    results = json.loads(result.out)["results"]
    assert results[0]["scenario"] == "llm-inference-platform"  # KV-cache sizing is that walkthrough's subject
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)
    assert all({"scenario", "section", "title", "score", "command"} <= set(r) for r in results)
    assert results[0]["command"].startswith("sdcoach walkthrough llm-inference-platform --section ")


def test_an_empty_search_is_a_clear_error() -> None:
    result = run_sdcoach("search", "  ")
    assert result.code == 2 and "Give some text" in result.err


def test_a_prompt_outside_the_library_gets_a_labelled_scaffold() -> None:
    result = run_sdcoach("walkthrough", "--prompt", "design a real-time fraud detection platform", "--format", "json")
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    assert payload["kind"] == "scaffold" and payload["nearest"]
    assert payload["sections"][0]["heading"] == "Requirements Clarification"
    assert len(payload["sections"]) == 6
    for section in payload["sections"]:
        assert section["guidance"]
        assert all(piece["scenario"] in payload["nearest"] for piece in section["pieces"])
    markdown = run_sdcoach("walkthrough", "--prompt", "design a real-time fraud detection platform", "--format", "md")
    assert "A scaffold to adapt, not a worked answer" in markdown.out
    assert "_(from " in markdown.out


def _right_first(path: Path) -> tuple[int, int]:
    import yaml

    from sdcoach.config import Settings
    from sdcoach.services.search import build_index, search_content

    questions = yaml.safe_load(path.read_text())
    settings = Settings()
    index = build_index(settings)
    right = 0
    for question in questions:
        top = search_content(question["q"], settings, limit=1, index=index)[0]
        right += [top.scenario, top.section] in question["want"]
    return right, len(questions)


def test_search_finds_the_right_section_for_the_question_set() -> None:
    right, total = _right_first(Path(__file__).parents[1] / "data" / "search_questions.yaml")
    assert total == 30
    assert right >= 25  # issue #9: the right section first for at least 25 of 30


def test_search_generalises_to_questions_written_after_tuning() -> None:
    right, total = _right_first(Path(__file__).parents[1] / "data" / "search_questions_holdout.yaml")
    assert total == 10
    assert right >= 8


def test_the_shipped_vectors_cover_every_built_in_question_example_and_search_document() -> None:
    """A first search or question drill on a fresh machine embeds only the user's words.

    After editing content, run `.venv/bin/python scripts/build_vectors.py` to refresh them."""
    from sdcoach.nlp.embeddings import CachedSimilarity
    from sdcoach.nlp.minilm import MiniLM
    from sdcoach.services.similarity import builtin_references

    missing = CachedSimilarity(MiniLM()).missing(builtin_references())
    assert not missing, f"{len(missing)} texts have no shipped vector, e.g. {missing[0]!r}"


# (file, floor counting the blind second labeller's alternatives, floor by the writer's label alone): today's
# figures, so any regression shows. outside.yaml: 80 questions by a writer given only the scenario titles, held
# out (68 and 65 when last measured; 69 and 66 before every scenario got 12 more example searches in six voices);
# dev.yaml: 108 by a second writer given titles and summaries, the set search changes are tried on (96 and 93;
# 91 and 88 before those examples).
OUTSIDE_FLOORS = {"outside.yaml": (68, 65), "dev.yaml": (96, 93)}


@pytest.mark.parametrize("name", sorted(OUTSIDE_FLOORS))
def test_questions_written_by_someone_who_never_saw_the_packs_find_their_scenario(name: str) -> None:
    """Questions by writers who never saw the packs (tests/data/corpus/search): a first result counts when it
    is the writer's scenario or one a blind second labeller also judged to answer the question (``also``);
    bench/reader_quality.py prints both figures."""
    import yaml

    from sdcoach.config import Settings
    from sdcoach.services.search import search_content

    rows = yaml.safe_load((Path(__file__).parents[1] / "data" / "corpus" / "search" / name).read_text())
    settings = Settings()
    tops = [search_content(row["question"], settings, 1)[0].scenario for row in rows]
    either = sum(1 for row, top in zip(rows, tops, strict=True) if top in (row["scenario"], *(row.get("also") or ())))
    strict = sum(1 for row, top in zip(rows, tops, strict=True) if top == row["scenario"])
    assert either >= OUTSIDE_FLOORS[name][0], either
    assert strict >= OUTSIDE_FLOORS[name][1], strict
