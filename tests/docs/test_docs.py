"""Every command and every setting a user can reach is documented in the README."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer.main

from sdcoach.cli.app import app
from sdcoach.config import Settings

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def command_paths(command: Any, prefix: str) -> list[str]:
    if hasattr(command, "commands"):  # a group
        paths: list[str] = []
        for name, sub in command.commands.items():
            paths += command_paths(sub, f"{prefix} {name}")
        return paths
    return [prefix]


def test_every_command_is_in_the_readme() -> None:
    paths = command_paths(typer.main.get_command(app), "sdcoach")
    assert len(paths) >= 7
    missing = [p for p in paths if f"`{p}" not in README]
    assert missing == []


def test_every_setting_is_in_the_readme() -> None:
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        variables = alias.choices if alias is not None and hasattr(alias, "choices") else [f"SDCOACH_{name.upper()}"]
        assert any(f"`{variable}`" in README for variable in variables), name


def test_the_readme_gives_exactly_the_two_commands_and_ci_runs_the_second() -> None:
    blocks = [b.split("```", 1)[0].strip() for b in README.split("```bash\n")[1:]]
    assert blocks == ["make run", "make test"]
    ci = (Path(__file__).parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
