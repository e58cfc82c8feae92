"""Check a scenario pack the way CI does: validate, lint (minimums and stated arithmetic), and run its
`sdcoach estimate` bindings, comparing each expected figure and checking the text states it.

    .venv/bin/python scripts/check_pack.py path/to/scenario.yaml [...]
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

from typer.testing import CliRunner

from sdcoach.cli.app import app
from sdcoach.content.loader import load_framework, load_scenario
from sdcoach.engine.estimate.claims import claims_in, quantities_in
from sdcoach.errors import SdcoachError
from sdcoach.services.content_check import lint_scenario


def check(path: Path) -> list[str]:
    """Every problem with one pack, as readable lines."""
    try:
        scenario = load_scenario(path)
    except SdcoachError as err:
        return [str(err)]
    problems = [str(f) for f in lint_scenario(scenario, load_framework())]
    bindings = [(p, e) for p in scenario.scaling for e in p.estimates]
    if not bindings:
        problems.append("no scaling point binds a figure to an `sdcoach estimate` command (estimates:)")
    runner = CliRunner()
    for point, estimate in bindings:
        result = runner.invoke(app, ["estimate", *shlex.split(estimate.command), "--json"])
        if result.exit_code != 0:
            problems.append(f"{point.topic}: `{estimate.command}` failed: {result.output.strip()}")
            continue
        computed = json.loads(result.output)
        stated = [r[0] for r in quantities_in(point.detail)]
        for key, expected in estimate.expect.items():
            if key not in computed or abs(computed[key] - expected) > 0.01 * abs(expected):
                problems.append(f"{point.topic}: {key} computes to {computed.get(key)!r}, expected {expected:g}")
            if not any(abs(s - expected) <= 0.015 * abs(expected) for s in stated):
                problems.append(f"{point.topic}: the detail text never states {key} = {expected:g}")
    checked = sum(len(claims_in(p.detail)) for p in scenario.scaling)
    if checked < 10:
        problems.append(f"only {checked} checkable calculations in scaling (write them as 'a x b = c'); need 10")
    return problems


def main() -> None:
    failed = False
    for name in sys.argv[1:]:
        problems = check(Path(name))
        failed |= bool(problems)
        print(f"{name}: {'OK' if not problems else f'{len(problems)} problem(s)'}")
        for problem in problems:
            print(f"  - {problem}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
