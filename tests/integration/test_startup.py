"""`sdcoach --help` must feel instant: it may import none of the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "rich",
    "pydantic",
    "pydantic_settings",
    "yaml",
    "platformdirs",
    "sdcoach.content.schema",
    "openai",
    "anthropic",
    "sqlalchemy",
    "fsrs",
    "textstat",
)

PROBE = """
import json, sys
sys.argv = ["sdcoach", *sys.argv[1:]]
from sdcoach.cli.app import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


def imported_heavy(*args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    last: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return last


def test_help_imports_no_heavy_library() -> None:
    assert imported_heavy("--help") == []


def test_subcommand_help_loads_no_content_or_rendering() -> None:
    # Typer (0.29+) builds its parameter coercion on pydantic once a subcommand is resolved, so
    # pydantic itself may load here; content, YAML and Rich must not.
    for args in (("walkthrough", "--help"), ("content", "lint", "--help")):
        assert set(imported_heavy(*args)) <= {"pydantic"}


def test_a_real_command_does_load_them() -> None:
    # Guards the probe itself: if it could not see imports, the tests above would pass vacuously.
    assert "pydantic" in imported_heavy("scenarios", "--format", "json")


def test_python_dash_m_runs_the_same_app() -> None:
    done = subprocess.run([sys.executable, "-m", "sdcoach", "--help"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "walkthrough" in done.stdout


def test_offline_commands_never_import_an_llm_sdk() -> None:
    loaded = imported_heavy("scenarios", "--format", "json")
    assert "openai" not in loaded and "anthropic" not in loaded
