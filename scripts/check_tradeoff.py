"""Check library tradeoff files: schema, the recommended option wins at the default weights, units read.

Usage: .venv/bin/python scripts/check_tradeoff.py [PATH ...]   (default: every built-in tradeoff)
"""

from __future__ import annotations

import sys
from pathlib import Path

from sdcoach.content.loader import PACKS_DIR, load_tradeoff
from sdcoach.errors import SdcoachError
from sdcoach.services.content_check import lint_tradeoff


def main(paths: list[str]) -> int:
    files = [Path(p) for p in paths] or sorted((PACKS_DIR / "tradeoffs").glob("*.yaml"))
    failed = 0
    for path in files:
        try:
            tradeoff = load_tradeoff(path)
        except SdcoachError as err:
            print(f"FAIL {err}")
            failed += 1
            continue
        problems = lint_tradeoff(tradeoff)
        for problem in problems:
            print(f"FAIL {path.name}: {problem}")
        failed += bool(problems)
        if not problems:
            print(f"ok   {path.name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
