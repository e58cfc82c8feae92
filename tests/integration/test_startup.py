"""`sdcoach --help` and `sdcoach estimate ...` must feel instant: they import none of the heavy libraries."""

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
# What an estimate never needs: packs (YAML and their pydantic models), the store, unit algebra for the units
# people type, the embedding model. Typer itself loads pydantic to coerce a subcommand's options; that is allowed.
NOT_FOR_ESTIMATES = (
    "yaml",
    "sqlalchemy",
    "pint",
    "sdcoach.content.loader",
    "sdcoach.content.schema",
    "sdcoach.content.hardware_schema",
    "sdcoach.store",
    "sdcoach.nlp",
    "wordllama",
    "model2vec",
    "onnxruntime",
    "openai",
    "anthropic",
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


def imported_heavy(*args: str, heavy: tuple[str, ...] = HEAVY) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=heavy), *args],
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


ESTIMATES = (
    ("estimate", "training", "--params", "405e9", "--tokens", "15.6T", "--gpu", "h100", "--mfu", "0.4"),
    ("estimate", "kv-cache", "--model", "llama-2-70b", "--seq-len", "4096", "--json"),
    ("estimate", "serving", "--model", "llama-3-70b", "--gpu", "h100", "--qps", "20", "--json"),
    ("estimate", "allreduce", "--bytes", "14GB", "--gpus", "8", "--bus-bandwidth", "200GB/s", "--json"),
    ("estimate", "hardware", "--json"),
    ("estimate", "--help"),
)


def test_estimates_load_no_packs_store_units_library_or_model() -> None:
    for args in ESTIMATES:
        assert imported_heavy(*args, heavy=NOT_FOR_ESTIMATES) == [], args


def test_estimate_json_output_needs_no_rich() -> None:
    assert "rich" not in imported_heavy(*ESTIMATES[1], heavy=("rich",))


def test_the_estimate_probe_sees_what_a_pack_command_loads() -> None:
    # Guards the probe for the list above: a walkthrough reads YAML packs through the loader.
    loaded = imported_heavy("walkthrough", "feature-store", "--format", "md", heavy=NOT_FOR_ESTIMATES)
    assert {"yaml", "sdcoach.content.loader"} <= set(loaded)


def test_only_the_named_command_is_imported() -> None:
    modules = (
        "sdcoach.cli.drill",
        "sdcoach.cli.estimate",
        "sdcoach.cli.content",
        "sdcoach.cli.history",
        "sdcoach.cli.library",
        "sdcoach.cli.interview",
        "sdcoach.cli.web",
    )
    assert imported_heavy(*ESTIMATES[1], heavy=modules) == ["sdcoach.cli.estimate"]
    assert sorted(imported_heavy("--help", heavy=modules)) == sorted(modules)  # --help lists every command
