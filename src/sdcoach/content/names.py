"""Forgiving name matching: which known names look like the one a user typed."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(name: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """Known names that look like ``name``: prefix and substring matches first, then fuzzy ones."""
    known = list(known)
    direct = [k for k in known if name and (k.startswith(name) or name in k)]
    fuzzy = difflib.get_close_matches(name, known, n=limit, cutoff=0.5)
    return list(dict.fromkeys(direct + fuzzy))[:limit]
