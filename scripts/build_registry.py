"""Write ``content/packs/registry.json``, the validated snapshot of ``registry.yaml`` that the estimator reads.

Run after editing ``registry.yaml`` (a test fails until you do):

    .venv/bin/python scripts/build_registry.py
"""

from __future__ import annotations

import sys

from sdcoach.content.hardware import SNAPSHOT
from sdcoach.content.hardware_schema import snapshot_text
from sdcoach.content.loader import load_registry
from sdcoach.errors import SdcoachError


def main() -> int:
    """Validate the YAML registry and write its snapshot; a registry that does not validate writes nothing."""
    try:
        text = snapshot_text(load_registry())
    except SdcoachError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 2
    SNAPSHOT.write_text(text, encoding="utf-8")
    print(f"Wrote {SNAPSHOT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
