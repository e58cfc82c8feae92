"""A component's products: the names its technologies give it, and whether a label's words say one.

A product is the first proper name of each of the component's technologies (words in brackets describe, they do
not name), or the initials of a product named by three or more capitalised words ('OPA'). A component's first
technology is what it is; a later one is something it uses, weaker evidence on its own ("Grafana" on a dashboard
box is not the migration controller whose status it shows).
"""

from __future__ import annotations

import re

from sdcoach.content.schema import Component
from sdcoach.engine.diagram.glossary import singular

# naming a component's first technology is enough to match it by itself; a later one is not (below match.MATCH):
# the label's meaning or the arrows must agree (diagset-a precision: first 0.6 or 0.75 -> 0.894, 0.9 -> 0.886;
# later 0.25 to 0.35 -> 0.894, 0.45 -> 0.875)
LEAD_TECHNOLOGY = 0.75
OTHER_TECHNOLOGY = 0.35
# initials of at least this many words name a product: all 90 precision 0.944 at 4, 0.947 at 3 and 2; two are
# left out all the same, as two letters are label words of their own ('UI', 'DB', 'KV')
INITIALS = 3
GENERIC = frozenset({"apache", "custom", "object", "python", "grpc", "kubernetes", "http", "api", "nvidia", "linux"})
PROPER = re.compile(r"[A-Za-z][A-Za-z0-9]*")
BRACKETED = re.compile(r"\([^)]*\)")


def product_names(component: Component) -> dict[str, float]:
    """The component's products (lower case) and how much naming each says."""
    names: dict[str, float] = {}
    for index, technology in enumerate(component.technologies):
        words = BRACKETED.sub(" ", technology).split()
        for name in (_product_name(PROPER.findall(" ".join(words))), _initialism(words)):
            if name:
                weight = LEAD_TECHNOLOGY if index == 0 else OTHER_TECHNOLOGY
                names[name] = max(names.get(name, 0.0), weight)
    return names


def _initialism(words: list[str]) -> str | None:
    """The initials of a product named by three or more capitalised words ('OPA' for 'Open Policy Agent',
    'MCP' for 'Model Context Protocol'), as a label often names it."""
    leading = []
    for word in words:
        if not word[:1].isupper() or not word.isalpha():
            break
        leading.append(word[0].lower())
    return "".join(leading) if len(leading) >= INITIALS else None


def _product_name(words: list[str]) -> str | None:
    """The first proper name among a technology's words, joined to a capitalised word too short to name
    anything by itself right before it ('VS Code' names 'vscode': 'Code' alone would name every coding box)."""
    for index, word in enumerate(words):
        if _is_proper(word) and word.lower() not in GENERIC:
            before = words[index - 1] if index else ""
            short = before[:1].isupper() and not _is_proper(before) and before.lower() not in GENERIC
            return (before + word).lower() if short else word.lower()
    return None


def _is_proper(word: str) -> bool:
    """A product's name: capitalised, three letters or more, or two with a digit ('S3')."""
    long_enough = len(word) > 2 or (len(word) == 2 and any(ch.isdigit() for ch in word))
    return long_enough and any(ch.isupper() for ch in word)


def names(words: set[str], product: str) -> bool:
    """Whether a label word names the product ('scylla' names 'scylladb'); a plural is read as its singular
    first ('jobs' is no short form of 'JobSet', only 'job' would be, and it is too short to name one)."""
    return any(w == product or (len(singular(w)) >= 4 and product.startswith(singular(w))) for w in words)
