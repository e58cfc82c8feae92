"""`sdcoach grade` end to end: the JSON schema, standard input, custom scenarios, and clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.integration.cli_runner import run_sdcoach

ANSWERS = Path(__file__).parents[1] / "data" / "answers"
STRONG = ANSWERS / "feature-store" / "strong.md"


def test_json_scorecard_has_the_documented_keys() -> None:
    result = run_sdcoach("grade", str(STRONG), "--scenario", "feature-store", "--format", "json")
    assert result.code == 0, result.err
    card = json.loads(result.out)
    assert {"checklist", "signals", "level", "next_steps"} <= set(card)
    assert len(card["checklist"]) == 25
    entry = card["checklist"]["req.scale_slo"]
    assert set(entry) == {"covered", "strength", "evidence"} and 0 <= entry["strength"] <= 1
    text = STRONG.read_text().split("---", 2)[2]
    for evidence in entry["evidence"]:
        assert evidence["text"] in text
    for signal in card["signals"].values():
        assert 1 <= signal["score"] <= 4 and {"evidence", "missing"} <= set(signal)
    assert card["level"] in {"below_ic5", "ic5", "ic6", "ic7"}
    assert card["concepts"], "a library scenario also reports its concepts"


def test_standard_input_and_markdown() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sdcoach", "grade", "-", "--scenario", "training-pipeline", "--format", "md"],
        input="We will train models on GPUs and make it scalable.",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "# Scorecard: training-pipeline" in done.stdout and "## Next steps" in done.stdout


def test_custom_scenario_uses_the_framework_alone() -> None:
    result = run_sdcoach("grade", str(STRONG), "--scenario", "custom", "--format", "json")
    card = json.loads(result.out)
    assert card["concepts"] == []
    assert "framework alone" in card["notes"][0]


def test_an_unknown_slug_is_graded_with_a_note() -> None:
    result = run_sdcoach("grade", str(STRONG), "--scenario", "feature-stor", "--format", "json")
    card = json.loads(result.out)
    assert "feature-store" in card["notes"][0]


def test_the_terminal_view_quotes_evidence() -> None:
    result = run_sdcoach("grade", str(STRONG), "--scenario", "feature-store")
    assert result.code == 0
    assert "Rubric signals" in result.out and "Next steps" in result.out and "“" in result.out


def test_a_missing_file_and_an_empty_answer_are_clear_errors(tmp_path: Path) -> None:
    missing = run_sdcoach("grade", str(tmp_path / "nope.md"), "--scenario", "feature-store")
    assert missing.code == 2 and "There is no file" in missing.err and "Traceback" not in missing.err
    empty = tmp_path / "empty.md"
    empty.write_text("   \n")
    blank = run_sdcoach("grade", str(empty), "--scenario", "feature-store")
    assert blank.code == 2 and "nothing to grade" in blank.err


def test_each_signal_carries_level_hire_rating_flags_and_what_moves_it_up() -> None:
    from sdcoach.content.loader import load_rubric
    from sdcoach.engine.red_flags import hire_rating

    rubric = {s.id: s for s in load_rubric().signals}
    strong, senior = (
        json.loads(run_sdcoach("grade", str(path), "--scenario", "feature-store", "--format", "json").out)
        for path in (STRONG, ANSWERS / "feature-store" / "senior.md")
    )
    for signal_id, signal in [*strong["signals"].items(), *senior["signals"].items()]:
        score = signal["score"]
        assert signal["level"] == ("below_ic5", "ic5", "ic6", "ic7")[score - 1]
        assert signal["hire"] == hire_rating(score, len(signal["evidence"]), len(signal["red_flags"])).value
        # a written answer has no interview to detect flags in: nothing checked, nothing claimed
        assert signal["red_flags"] == [] and signal["red_flags_checked"] == []
        levels = rubric[signal_id].levels
        assert signal["to_move_up"] == list({1: levels.ic5, 2: levels.ic6, 3: levels.ic7}.get(score, ()))
    assert any(s["to_move_up"] for s in senior["signals"].values())  # a senior answer has a level to climb


def test_markdown_and_terminal_show_the_hire_rating_and_the_next_level() -> None:
    senior = str(ANSWERS / "feature-store" / "senior.md")
    md = run_sdcoach("grade", senior, "--scenario", "feature-store", "--format", "md")
    card = json.loads(run_sdcoach("grade", senior, "--scenario", "feature-store", "--format", "json").out)
    rich = run_sdcoach("grade", senior, "--scenario", "feature-store", columns=200)
    assert rich.code == 0 and "To move up" in rich.out and "Red flags seen" in rich.out
    flat = " ".join(rich.out.split())
    for signal in card["signals"].values():
        hire = signal["hire"].replace("_", " ")
        assert f"### {signal['title']}: {signal['score']}/4, {hire}" in md.out
        assert hire in flat
        for behaviour in signal["to_move_up"]:
            assert f"  - {behaviour}" in md.out
    assert "- To move up:" in md.out
