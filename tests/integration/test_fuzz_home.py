"""Every command, run on a home the user broke: config.toml, SDCOACH_* variables, the database file, user packs.

The other inputs a user controls, beside arguments, files and stdin (``test_fuzz_commands``): a settings
file with a syntax error, bytes that are not UTF-8, a wrong type or a secret in a broken line; variables
naming an unknown backend or an unusable database; a database file that is damaged, cut short, from a
newer sdcoach, or a folder; scenario packs of their own that are not YAML, not a scenario, or reuse a slug.
Each command's working line then runs: the same three outcomes are acceptable, the store (its rows, or
for a database that cannot be read its bytes) is unchanged on failure, and a secret is never printed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.integration.fuzz_bench import BY_PATH, FUZZ, Bench, fuzz_bench, seeded_store, working_line
from tests.integration.fuzz_files import BINARY, THIN_SCENARIO

SECRET = "sk-SECRET-4242-never-print-me"
CONFIGS = [
    b'backend = "offline"\n[unclosed\n',
    f'api_key = "{SECRET}\n'.encode(),  # the closing quote lost: the secret's line is the broken one
    f'api_key = "{SECRET}"\nbackend = 5\n'.encode(),
    f'secret_key = ["{SECRET}"]\n'.encode(),
    b'model = "\xff\xfe"\n',
    BINARY,
    b"no_such_setting = 1\n",
    b'database_url = "not a url"\n',
    b'database_url = "sqlite:////dev/null/x.db"\n',
    b'backend = "nope"\n',
    b"",
]
VARIABLES = [
    {"SDCOACH_BACKEND": "nope"},
    {"SDCOACH_BACKEND": ""},
    {"SDCOACH_BACKEND": "openai"},  # and no model named
    {"SDCOACH_DATABASE_URL": "junk"},
    {"SDCOACH_DATABASE_URL": "sqlite:////dev/null/sdcoach.db"},
    {"SDCOACH_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"},
    {"SDCOACH_CACHE_DIR": "/dev/null"},
    {"SDCOACH_OWNER": ""},
    {"SDCOACH_API_KEY": SECRET, "SDCOACH_BACKEND": "anthropic", "SDCOACH_BASE_URL": "http://127.0.0.1:1"},
]
PACKS = {
    "not-yaml.yaml": b"slug: [\n",
    "binary.yaml": BINARY,
    "a-list.yaml": b"- one\n- two\n",
    "tiny.yaml": THIN_SCENARIO,
    "shadow.yaml": THIN_SCENARIO.replace(b"slug: tiny-cache", b"slug: feature-store"),
    "latin1.yaml": THIN_SCENARIO.replace(b"tiny embedding", "caf\xe9".encode("latin-1")),
}


def break_database(database: Path, how: str) -> None:
    """The store file damaged in one of the ways a disk, a copy or a newer sdcoach leaves it."""
    data = database.read_bytes()
    if how == "newer":
        with sqlite3.connect(database) as connection:
            connection.execute("UPDATE alembic_version SET version_num = 'ffffffffffff'")
        return
    database.unlink()
    if how == "folder":
        database.mkdir()
    else:
        database.write_bytes({"cut": data[: len(data) // 3], "noise": BINARY * 300, "empty": b""}[how])


def break_home(bench: Bench, monkeypatch: pytest.MonkeyPatch, data: st.DataObject) -> str:
    """One thing in the home broken; its name, for the statistics."""
    what = data.draw(st.sampled_from(["config", "variables", "database", "packs"]), label="broken")
    if what == "config":
        config = data.draw(st.sampled_from([*CONFIGS, None]), label="config.toml")  # None: a folder of that name
        (bench.home / "config.toml").mkdir() if config is None else (bench.home / "config.toml").write_bytes(config)
    elif what == "variables":
        for name, value in data.draw(st.sampled_from(VARIABLES), label="variables").items():
            monkeypatch.setenv(name, value)
    elif what == "database":
        break_database(
            bench.home / "sdcoach.db", data.draw(st.sampled_from(["newer", "folder", "cut", "noise", "empty"]))
        )
    else:
        (bench.home / "scenarios").mkdir()
        chosen = data.draw(st.permutations(sorted(PACKS)), label="packs")
        for name in chosen[: data.draw(st.integers(min_value=1, max_value=3))]:
            (bench.home / "scenarios" / name).write_bytes(PACKS[name])
    return what


__all__ = ["fuzz_bench", "seeded_store"]  # the fixtures this module's tests take
COMMANDS = sorted(set(BY_PATH) - {"web"})  # web's working line would serve; its refusals are fuzzed elsewhere


@hypothesis_settings(FUZZ, max_examples=80)
@given(data=st.data())
def test_a_broken_home_is_reported_as_the_users_to_fix_and_the_store_is_kept(
    data: st.DataObject, bench: Bench, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = BY_PATH[data.draw(st.sampled_from(COMMANDS), label="command")]
    with monkeypatch.context() as scoped:
        bench.restore()
        what = break_home(bench, scoped, data)
        run = bench.run(command, working_line(command, bench), b"")
    assert SECRET not in run.out + run.err
    event(f"{what}: {bench.outcome.split(': ')[1]}")
