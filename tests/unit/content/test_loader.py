"""The loader turns every bad pack into one clear error naming the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdcoach.content.loader import BUILT_IN, load_library, load_scenario, scenario_problems
from sdcoach.errors import ContentError, UnknownNameError


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_valid_pack_loads(tmp_path: Path, minimal_scenario_text: str) -> None:
    scenario = load_scenario(write(tmp_path, "tiny.yaml", minimal_scenario_text))
    assert scenario.slug == "tiny-cache"
    assert scenario.fact("qps") is not None
    assert scenario.fact("qps").has_number  # type: ignore[union-attr]


def test_bad_yaml_names_the_file_and_line(tmp_path: Path, minimal_scenario_text: str) -> None:
    broken = minimal_scenario_text.replace("summary: A cache", "summary: [A cache", 1)
    path = write(tmp_path, "broken.yaml", broken)
    with pytest.raises(ContentError) as caught:
        load_scenario(path)
    err = caught.value
    assert err.path == str(path)
    assert err.line is not None and err.line >= line_of(broken, "summary: [A cache")
    assert "not valid YAML" in str(err)


def test_unknown_key_names_line_and_field(tmp_path: Path, minimal_scenario_text: str) -> None:
    text = minimal_scenario_text.replace("    detection: store_qps", "    detecton: oops\n    detection: store_qps")
    path = write(tmp_path, "typo.yaml", text)
    with pytest.raises(ContentError) as caught:
        load_scenario(path)
    err = caught.value
    assert err.field == "failure_modes[0].detecton"
    assert err.line == line_of(text, "detecton:")
    assert "Unknown key 'detecton'" in err.message


def test_wrong_type_names_line_and_field(tmp_path: Path, minimal_scenario_text: str) -> None:
    text = minimal_scenario_text.replace("    priority: 1", "    priority: urgent")
    path = write(tmp_path, "type.yaml", text)
    with pytest.raises(ContentError) as caught:
        load_scenario(path)
    err = caught.value
    assert err.field == "clarifying_questions[0].priority"
    assert err.line == line_of(text, "priority: urgent")
    assert "'urgent'" in err.message


def test_bad_enum_value_is_reported(tmp_path: Path, minimal_scenario_text: str) -> None:
    text = minimal_scenario_text.replace("difficulty: medium", "difficulty: trivial")
    with pytest.raises(ContentError) as caught:
        load_scenario(write(tmp_path, "enum.yaml", text))
    assert caught.value.field == "difficulty"
    assert caught.value.line == line_of(text, "difficulty: trivial")


def test_missing_key_points_at_its_parent(tmp_path: Path, minimal_scenario_text: str) -> None:
    text = minimal_scenario_text.replace("    recovery: Warm the cache.\n", "")
    with pytest.raises(ContentError) as caught:
        load_scenario(write(tmp_path, "missing.yaml", text))
    err = caught.value
    assert err.field == "failure_modes[0].recovery"
    assert "missing" in err.message
    assert err.line == line_of(text, "- id: stampede")


def test_broken_cross_reference_is_reported(tmp_path: Path, minimal_scenario_text: str) -> None:
    text = minimal_scenario_text.replace("    target: store\n", "    target: warehouse\n")
    with pytest.raises(ContentError) as caught:
        load_scenario(write(tmp_path, "edge.yaml", text))
    assert "unknown component 'warehouse'" in caught.value.message


def test_missing_file_is_a_content_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_scenario(tmp_path / "nope.yaml")
    assert caught.value.path == str(tmp_path / "nope.yaml")
    assert "No such file" in caught.value.message


def test_a_list_at_the_top_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as caught:
        load_scenario(write(tmp_path, "list.yaml", "- a\n- b\n"))
    assert "found a list" in caught.value.message
    assert caught.value.line == 1


def test_several_problems_say_how_many_more(tmp_path: Path, minimal_scenario_text: str) -> None:
    text = minimal_scenario_text.replace("difficulty: medium", "difficulty: trivial").replace(
        "    priority: 1", "    priority: urgent"
    )
    with pytest.raises(ContentError) as caught:
        load_scenario(write(tmp_path, "two.yaml", text))
    assert caught.value.hint == "(1 more problem in this file; `sdcoach content lint` lists them.)"


def test_every_problem_of_a_pack_is_listed_with_its_line(tmp_path: Path, minimal_scenario_text: str) -> None:
    text = minimal_scenario_text.replace("difficulty: medium", "difficulty: trivial").replace(
        "    priority: 1", "    priority: urgent"
    )
    path = write(tmp_path, "two.yaml", text)
    problems = scenario_problems(path)
    rows = text.splitlines()
    assert [(p.field, p.line) for p in problems] == [
        ("difficulty", rows.index("difficulty: trivial") + 1),
        ("clarifying_questions[0].priority", rows.index("    priority: urgent") + 1),
    ]
    assert scenario_problems(write(tmp_path, "good.yaml", minimal_scenario_text)) == []


def test_user_packs_join_the_library(user_scenarios: Path, minimal_scenario_text: str) -> None:
    path = write(user_scenarios, "tiny.yaml", minimal_scenario_text)
    library = load_library(user_scenarios)
    entry = library.entry("tiny-cache")
    assert entry.path == path
    assert not entry.is_built_in
    assert {"feature-store", "training-pipeline", "inference-serving", "ml-observability"} <= set(library.slugs)


def test_a_user_pack_replaces_a_built_in_of_the_same_slug(user_scenarios: Path, minimal_scenario_text: str) -> None:
    write(user_scenarios, "mine.yaml", minimal_scenario_text.replace("slug: tiny-cache", "slug: feature-store"))
    library = load_library(user_scenarios)
    assert library.get("feature-store").title == "Design a tiny embedding cache"
    assert library.slugs.count("feature-store") == 1


def test_the_second_user_pack_with_one_slug_is_skipped(user_scenarios: Path, minimal_scenario_text: str) -> None:
    first = write(user_scenarios, "a.yaml", minimal_scenario_text)
    second = write(user_scenarios, "b.yaml", minimal_scenario_text)
    library = load_library(user_scenarios)
    assert library.entry("tiny-cache").path == first
    assert [(s.path, s.problem) for s in library.skipped] == [
        (second, f"slug: 'tiny-cache' is already used by {first}; give it its own slug.")
    ]


def test_a_bad_user_pack_is_skipped_and_the_rest_still_load(user_scenarios: Path, minimal_scenario_text: str) -> None:
    bad = write(user_scenarios, "bad.yaml", minimal_scenario_text.replace("difficulty: medium", "difficulty: trivial"))
    write(user_scenarios, "broken.yaml", "slug: x\ntitle: [unclosed\n")
    write(user_scenarios, "mine.yaml", minimal_scenario_text.replace("slug: tiny-cache", "slug: my-cache"))
    library = load_library(user_scenarios)
    assert "my-cache" in library.slugs and "feature-store" in library.slugs
    assert [s.path.name for s in library.skipped] == ["bad.yaml", "broken.yaml"]
    assert library.skipped[0].location == f"{bad}:{minimal_scenario_text.splitlines().index('difficulty: medium') + 1}"
    assert library.skipped[0].problem.startswith("difficulty: ")


def test_the_built_in_packs_are_in_the_library() -> None:
    library = load_library(None)
    assert all(e.source == BUILT_IN for e in library.entries)
    assert len(library.entries) >= 4


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("feature-stor", "feature-store"), ("featurestore", "feature-store"), ("inference", "inference-serving")],
)
def test_an_unknown_slug_suggests_the_closest(typed: str, expected: str) -> None:
    with pytest.raises(UnknownNameError) as caught:
        load_library(None).get(typed)
    assert expected in caught.value.suggestions
    assert expected in str(caught.value)
