"""The user's mistakes are the user's: every input they control fails with exit 2 and one message naming the
thing and the fix, never "internal error"; text that is not UTF-8 is kept (the bad bytes replaced, and said so);
a secret is never echoed. Each case runs the real command in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.cli_runner import Result, run_sdcoach

LATIN1 = "I would ask about the peak read rate and the p99 latency SLO for the caf\xe9 team first.\n".encode("latin-1")
KEPT = "caf\ufffd team"  # the sentence survives; only the byte that was not UTF-8 is replaced
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"


def assert_user_error(result: Result, *named: str) -> None:
    """Exit 2 with one clear message naming each given thing; nothing that reads as an sdcoach bug."""
    assert result.code == 2, (result.code, result.err)
    assert [line for line in result.err.splitlines() if line.startswith("Error: ")], result.err
    for thing in named:
        assert thing in result.err, (thing, result.err)
    assert "Internal error" not in result.err and "bug in sdcoach" not in result.err
    assert "Traceback" not in result.err + result.out


def assert_kept_with_a_note(result: Result) -> None:
    assert result.code == 0, result.err
    assert "not valid UTF-8" in result.err and "the rest of the text was kept" in result.err
    assert "Internal error" not in result.err and "Traceback" not in result.err


def exported() -> str:
    result = run_sdcoach("history", "export")
    assert result.code == 0, result.err
    return result.out


# Every command that reads the user's text, with "{}" where the file (or - for stdin) goes.
TEXT_COMMANDS = {
    "grade": ("grade", "{}", "--scenario", "feature-store", "--format", "json"),
    "drill questions": ("drill", "questions", "feature-store", "{}", "--format", "json"),
    "drill framework": ("drill", "framework", "feature-store", "{}", "--format", "json"),
    "drill tradeoff": ("drill", "tradeoff", "batch-vs-streaming-features", "--answer", "{}", "--format", "json"),
    "pitch": ("pitch", "feature-store", "{}", "--format", "json"),
}


@pytest.mark.parametrize("name", sorted(TEXT_COMMANDS))
def test_a_file_that_is_not_utf8_is_read_with_a_note_and_kept(name: str, tmp_path: Path) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_bytes(LATIN1)
    result = run_sdcoach(*(str(answer) if a == "{}" else a for a in TEXT_COMMANDS[name]))
    assert_kept_with_a_note(result)
    assert str(answer) in result.err
    if name != "grade":  # the drills store the answer: the whole sentence, one replaced character
        assert KEPT in json.loads(exported())["attempts"][0]["answer"]


@pytest.mark.parametrize("name", sorted(TEXT_COMMANDS))
def test_stdin_that_is_not_utf8_is_read_with_a_note(name: str) -> None:
    result = run_sdcoach(*("-" if a == "{}" else a for a in TEXT_COMMANDS[name]), stdin=LATIN1)
    assert_kept_with_a_note(result)
    assert "standard input" in result.err


@pytest.mark.parametrize("name", sorted(TEXT_COMMANDS))
def test_a_binary_file_is_refused_naming_it(name: str, tmp_path: Path) -> None:
    image = tmp_path / "diagram.png"
    image.write_bytes(BINARY)
    result = run_sdcoach(*(str(image) if a == "{}" else a for a in TEXT_COMMANDS[name]))
    assert_user_error(result, str(image), "binary data", "not text")
    assert json.loads(exported())["attempts"] == []


def test_binary_stdin_is_refused() -> None:
    result = run_sdcoach("grade", "-", "--scenario", "feature-store", stdin=BINARY)
    assert_user_error(result, "standard input", "binary data")


def test_an_interview_answer_that_is_not_utf8_is_kept_whole() -> None:
    result = run_sdcoach("interview", "feature-store", stdin=LATIN1 + b"\n/end\n")
    assert_kept_with_a_note(result)
    turns = json.loads(exported())["turns"]
    assert any(turn["speaker"] == "candidate" and KEPT in turn["text"] for turn in turns), turns


def test_a_review_answer_that_is_not_utf8_is_graded_and_kept() -> None:
    result = run_sdcoach("review", "--limit", "1", "--format", "json", stdin=LATIN1)
    assert_kept_with_a_note(result)
    assert KEPT in json.loads(exported())["attempts"][0]["answer"]


def test_a_numbers_answer_that_is_not_utf8_is_read_with_a_note() -> None:
    result = run_sdcoach("drill", "numbers", "--seed", "3", "--format", "json", stdin=b"40 GB\xa0\n")
    assert "not valid UTF-8" in result.err
    assert "Internal error" not in result.err and "Traceback" not in result.err
    assert result.code in (0, 2)  # "40 GB�" is either read as 40 GB or refused as a value without a unit


def test_a_history_file_that_is_binary_or_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    blob = tmp_path / "history.json"
    blob.write_bytes(BINARY)
    assert_user_error(run_sdcoach("history", "import", str(blob)), str(blob), "binary data")
    blob.write_bytes(b'{"schema_version": 1, "sessions": [\xff]}')
    result = run_sdcoach("history", "import", str(blob))
    assert_user_error(result, str(blob))
    assert "not valid UTF-8" in result.err


def test_an_argument_that_is_not_utf8_is_read_with_a_note() -> None:
    import os
    import subprocess
    import sys

    # argv cannot carry raw bytes through run_sdcoach's str arguments, so the bytes go through os.fsencode
    done = subprocess.run(
        [sys.executable, "-m", "sdcoach", "search", os.fsdecode(b"feature caf\xe9 freshness"), "--format", "json"],
        capture_output=True,
        check=False,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    err = done.stderr.decode("utf-8")
    assert done.returncode == 0, err
    assert "argument 2 is not valid UTF-8" in err and "Traceback" not in err
    assert json.loads(done.stdout)["query"] == "feature caf\ufffd freshness"


def test_a_closed_stdin_reads_as_empty_input() -> None:
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "sdcoach", "grade", "-", "--scenario", "feature-store"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        preexec_fn=lambda: os.close(0),  # the way `sdcoach ... <&-` starts it
    )
    assert done.returncode == 2 and "nothing to grade" in done.stderr
    assert "Internal error" not in done.stderr


# config.toml

SECRET = "sk-live-7f3a9c1e5b2d8f4a"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('backend = "openai\n', ["config.toml:1", "not valid TOML"]),
        ('model = "llama"\nbackend = openai\n', ["config.toml:2", "not valid TOML"]),
        ("[backend]\nname = 1\n", ["config.toml", "backend"]),
        ('bakend = "openai"\n', ["config.toml:1", "'bakend'", "Did you mean 'backend'?"]),
        ('reply_timeout = "soon"\n', ["config.toml:1", "reply_timeout", "valid number"]),
    ],
)
def test_a_bad_config_file_names_the_file_line_and_problem(sdcoach_home: Path, text: str, named: list[str]) -> None:
    (sdcoach_home / "config.toml").write_text(text)
    assert_user_error(run_sdcoach("scenarios"), *named)


def test_a_config_file_that_is_not_utf8_names_its_line(sdcoach_home: Path) -> None:
    (sdcoach_home / "config.toml").write_bytes(b'backend = "offline"\nmodel = "caf\xe9"\n')
    assert_user_error(run_sdcoach("sessions"), "config.toml:2", "not UTF-8", "Save config.toml as UTF-8")


@pytest.mark.parametrize(
    "line",
    [
        f"api_key = {SECRET}",  # unquoted: not TOML
        f'api_key = "{SECRET}\x01"',  # a control character inside the string
        f'api_key = ["{SECRET}"]',  # the wrong type
        f'api-key = "{SECRET}"',  # the wrong name
        f'OPENAI_API_KEY = {{ key = "{SECRET}" }}',  # the wrong shape, under the provider's name
        f'secret_key = ["{SECRET}"]',
    ],
)
def test_a_mistyped_secret_is_never_echoed(sdcoach_home: Path, line: str) -> None:
    (sdcoach_home / "config.toml").write_text(line + "\n")
    for command in (("backends",), ("backends", "check"), ("scenarios",), ("--debug", "scenarios")):
        result = run_sdcoach(*command)
        assert result.code == (1 if "--debug" in command else 2), result.err  # --debug: the traceback, secret-free
        assert "config.toml" in result.err
        for fragment in (SECRET, SECRET[3:], SECRET[-8:]):
            assert fragment not in result.err + result.out, command


def test_a_secret_in_a_bad_environment_variable_is_never_echoed() -> None:
    result = run_sdcoach("backends", env={"SDCOACH_SECRET_KEY": SECRET, "SDCOACH_REPLY_TIMEOUT": "-1"})
    assert_user_error(result, "SDCOACH_REPLY_TIMEOUT")
    assert SECRET not in result.err


# The session database

DATABASE_COMMANDS = [("sessions",), ("progress",), ("review", "--list"), ("history", "export")]


def _a_database_with_history(home: Path) -> Path:
    assert run_sdcoach("drill", "numbers", "--seed", "1", "--answer", "5GB").code == 0
    database = home / "sdcoach.db"
    assert database.is_file()
    return database


def test_a_database_from_a_newer_sdcoach_says_to_upgrade(sdcoach_home: Path) -> None:
    import sqlite3

    database = _a_database_with_history(sdcoach_home)
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    for command in DATABASE_COMMANDS:
        result = run_sdcoach(*command)
        assert_user_error(result, str(database), "newer sdcoach", "migration 0099", "Upgrade sdcoach")
    with sqlite3.connect(database) as connection:  # and it was left as it was
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0099",)


@pytest.mark.parametrize("damage", ["not a database", "damaged pages"])
def test_a_damaged_database_is_named_with_the_way_out(sdcoach_home: Path, damage: str) -> None:
    database = _a_database_with_history(sdcoach_home)
    data = bytearray(database.read_bytes())
    if damage == "not a database":
        data[:100] = bytes(range(100))  # the header: SQLite no longer recognises the file
    else:
        for at in range(4096, len(data), 3):  # every page after the first: the schema and the rows
            data[at] = 0x5A
    database.write_bytes(bytes(data))
    for command in DATABASE_COMMANDS:
        result = run_sdcoach(*command)
        assert_user_error(result, str(database), "damaged", "Move it aside", "history export")


def test_a_home_folder_that_cannot_hold_the_database_is_named(tmp_path: Path) -> None:
    in_the_way = tmp_path / "not-a-folder"
    in_the_way.write_text("a file where the home folder should be\n")
    for home in (in_the_way, in_the_way / "sdcoach"):
        result = run_sdcoach("sessions", env={"SDCOACH_HOME": str(home)})
        assert_user_error(result, str(in_the_way), "is a file, not a folder", "SDCOACH_HOME")


def test_a_database_path_that_cannot_be_opened_is_named(tmp_path: Path) -> None:
    result = run_sdcoach("sessions", env={"SDCOACH_DATABASE_URL": f"sqlite:///{tmp_path}"})  # a folder
    assert_user_error(result, str(tmp_path), "Cannot open or write the session database")


@pytest.mark.parametrize("url", ["not a url", "nosuchdialect://host/db"])
def test_a_database_url_that_cannot_be_used_names_the_variable(url: str) -> None:
    assert_user_error(run_sdcoach("sessions", env={"SDCOACH_DATABASE_URL": url}), "SDCOACH_DATABASE_URL")


def test_an_unreachable_database_server_hides_its_password() -> None:
    result = run_sdcoach("sessions", env={"SDCOACH_DATABASE_URL": "postgresql+psycopg://me:hunter2@127.0.0.1:1/db"})
    assert_user_error(result, "127.0.0.1", "SDCOACH_DATABASE_URL")
    assert "hunter2" not in result.err


def test_history_export_to_a_path_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    result = run_sdcoach("history", "export", str(tmp_path / "missing" / "history.json"))
    assert_user_error(result, str(tmp_path / "missing" / "history.json"), "Cannot write")


# The user's own scenario packs

BUILT_IN_SCENARIOS = 27


def _bad_pack(minimal_scenario_text: str) -> tuple[str, list[int]]:
    """A pack with three problems (a wrong type, a bad enum value, an unknown key) and the lines of each."""
    text = (
        minimal_scenario_text.replace("difficulty: medium", "difficulty: trivial")
        .replace("    mode: sync\n", "    mode: sideways\n", 1)
        .replace("slug: tiny-cache\n", "slug: tiny-cache\nowner: me\n")
    )
    rows = text.splitlines()
    lines = [rows.index("owner: me") + 1, rows.index("difficulty: trivial") + 1, rows.index("    mode: sideways") + 1]
    return text, lines


def test_a_bad_user_pack_is_skipped_with_a_warning_and_the_library_works(
    user_scenarios: Path, minimal_scenario_text: str
) -> None:
    text, lines = _bad_pack(minimal_scenario_text)
    bad = user_scenarios / "broken-feature-store.yaml"
    bad.write_text(text.replace("slug: tiny-cache", "slug: feature-store"))  # it even shadows a built-in
    (user_scenarios / "mine.yaml").write_text(minimal_scenario_text.replace("slug: tiny-cache", "slug: my-cache"))
    result = run_sdcoach("scenarios", "--format", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)["scenarios"]
    assert len([r for r in rows if r["source"] == "built-in"]) == BUILT_IN_SCENARIOS
    assert [r["slug"] for r in rows if r["source"] != "built-in"] == ["my-cache"]
    assert result.err.count("Warning:") == 1  # the first problem, with where to see them all
    assert any(f"Warning: Skipped your scenario pack {bad}:{line}: " in result.err for line in lines), result.err
    assert f"sdcoach content lint {bad}" in result.err
    walkthrough = run_sdcoach("walkthrough", "feature-store", "--format", "md")  # the built-in, not the bad copy
    assert walkthrough.code == 0, walkthrough.err
    assert "tiny embedding cache" not in walkthrough.out and "Skipped your scenario pack" in walkthrough.err


def test_a_binary_or_empty_user_pack_is_skipped_naming_it(user_scenarios: Path) -> None:
    (user_scenarios / "diagram.yaml").write_bytes(BINARY)
    (user_scenarios / "empty.yaml").write_text("")
    result = run_sdcoach("scenarios", "--format", "json")
    assert result.code == 0, result.err
    assert f"{user_scenarios / 'diagram.yaml'}:3: This is a binary file" in result.err  # the NUL on line 3
    assert f"{user_scenarios / 'empty.yaml'}:1: Expected a mapping" in result.err
    assert len(json.loads(result.out)["scenarios"]) == BUILT_IN_SCENARIOS


def test_interview_resume_works_beside_a_bad_user_pack(user_scenarios: Path, minimal_scenario_text: str) -> None:
    started = run_sdcoach("interview", "feature-store", stdin="We need online features under 10 ms at p99.\n")
    assert started.code == 0, started.err
    (user_scenarios / "bad.yaml").write_text(_bad_pack(minimal_scenario_text)[0])
    resumed = run_sdcoach("interview", "--resume", stdin="I would shard the online store by entity id.\n\n/end\n")
    assert resumed.code == 0, resumed.err
    assert "Skipped your scenario pack" in resumed.err and "bad.yaml" in resumed.err
    assert "Internal error" not in resumed.err


def test_content_lint_lists_every_problem_of_every_bad_pack(user_scenarios: Path, minimal_scenario_text: str) -> None:
    text, lines = _bad_pack(minimal_scenario_text)
    first, second = user_scenarios / "first.yaml", user_scenarios / "second.yaml"
    first.write_text(text)
    second.write_text(text.replace("slug: tiny-cache", "slug: other-cache"))
    (user_scenarios / "broken.yaml").write_text("slug: x\ntitle: [unclosed\n")
    result = run_sdcoach("content", "lint", columns=1000)
    assert result.code == 1, result.err
    out = result.out
    for pack in (first, second):
        for line, field in zip(lines, ("owner", "difficulty", "data_flow[0].mode"), strict=True):
            assert f"{pack}:{line}: {field}:" in out, (pack, field, out)
    assert f"{user_scenarios / 'broken.yaml'}:3: This is not valid YAML" in out
    assert "feature-store.yaml" in out  # the built-in packs were still checked
    assert "Traceback" not in result.err and "Internal error" not in result.err
