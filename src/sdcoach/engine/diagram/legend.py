"""A drawing's legend: a hurried candidate labels boxes with letters or short codes and writes what each stands
for beside the drawing ("Legend: A = ad server, P = pCTR predictor (GPU), K = Kafka"). The readers hand over the
free text of the drawing (Excalidraw text bound to nothing, Mermaid ``%%`` comments, a box no arrow touches);
a box whose whole label is one of the legend's keys is read by what the legend says it is, and a key of two
characters or more written inside a longer label ('TDB job', internal tools' short names) is read the same way.

A legend is at least two ``KEY = meaning`` (or ``KEY: meaning``) entries whose keys are short codes (one to
four letters or digits, capitals first), separated by commas, semicolons or new lines; prose with one colon in it
is not a legend.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from sdcoach.engine.diagram.graph import Diagram

# a key starts the text or follows a separator (a comma, semicolon, line break, "Legend:", or a space when "="
# follows the key: Mermaid reads a label's <br> as a space); it is a short code, then "=", ":" or a spaced dash
# or, in capitals only, followed by the words it stands for in lower case ('QP quota+policy ; KS kube-sched ; HC
# health', a Mermaid comment's legend): writer d's abbreviated scheduler, d precision 0.880 -> 0.902; a, b, c and
# e unchanged
_KEY = re.compile(
    r"(?:^|[,;\n]|\bLegend\s*:?|\s(?=[A-Z][A-Za-z0-9]{0,3}\s*=))\s*"
    r"(?:([A-Z][A-Za-z0-9]{0,3})\s*(?:=|:|\s[-\u2013]\s)|([A-Z][A-Z0-9]{1,3})\s+(?=[a-z]))\s*"
)
MIN_KEY_INSIDE = 2  # a key read inside a longer label: two characters at least
MIN_ENTRIES = 2  # one "X: y" is a sentence with a colon; two or more codes explained in a row are a legend
# a key with a short suffix, one of several variants of what the key stands for ('SFJ-R', 'SFJ-I')
VARIANT = re.compile(r"^\s*([A-Z][A-Za-z0-9]{0,3})[-_/]([A-Za-z0-9]{1,2})\s*$")
BRACKETS = re.compile(r"\(([^)]*)\)")


def legend_of(texts: Iterable[str]) -> dict[str, str]:
    """Every key the texts explain, with what it stands for (the first explanation of a key wins)."""
    found: dict[str, str] = {}
    for raw in texts:
        text = re.sub(r"<br\s*/?>", "\n", raw)
        starts = list(_KEY.finditer(text))
        if len(starts) < MIN_ENTRIES:
            continue
        for here, after in zip(starts, [*starts[1:], None], strict=True):
            meaning = text[here.end() : after.start() if after else len(text)].strip(" ,;.\n")
            if meaning:
                found.setdefault(here.group(1) or here.group(2), " ".join(meaning.split()))
    return found


def with_legend(diagram: Diagram, texts: Iterable[str]) -> Diagram:
    """The diagram with every box labelled only by a legend key relabelled by what the legend says it is, and a
    box that holds the legend itself (no arrow touches it) left out."""
    texts = list(texts)
    linked = {e.source for e in diagram.edges} | {e.target for e in diagram.edges}
    holders = {n.id for n in diagram.nodes if n.id not in linked and len(_KEY.findall(n.label)) >= MIN_ENTRIES}
    legend = legend_of([*texts, *(n.label for n in diagram.nodes if n.id in holders)])
    if not legend:
        return diagram
    nodes = tuple(replace(n, label=_expanded(n.label, legend)) for n in diagram.nodes if n.id not in holders)
    return replace(diagram, nodes=nodes)


def _expanded(label: str, legend: dict[str, str]) -> str:
    """The label read with its legend: all of it when it is a key; else each key of two characters or more
    written in it as a word, in the same case, replaced by what it stands for ('TDB job (nightly)' with 'TDB =
    training data builder'). A one-letter key is a word of its own inside a label ('A/B test')."""
    if label.strip() in legend:
        return legend[label.strip()]
    variant = _variant(label, legend)
    if variant:
        return variant
    keys = [k for k in legend if len(k) >= MIN_KEY_INSIDE]
    if not keys:
        return label
    inside = re.compile(
        r"(?<![\w/-])(" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True))) + r")(?![\w/-])"
    )
    return inside.sub(lambda m: legend[m.group(1)], label)


def _variant(label: str, legend: dict[str, str]) -> str | None:
    """A label that is a key with a short suffix ('SFJ-R' with 'SFJ = streaming feature job (R ranking, I
    integrity)'): what the key stands for, with what its brackets say the suffix is ('streaming feature job
    ranking'), or the suffix itself when they say nothing of it."""
    found = VARIANT.match(label)
    if not found or found.group(1) not in legend:
        return None
    key, suffix = found.groups()
    meaning = legend[key]
    base = " ".join(BRACKETS.sub(" ", meaning).split())
    for listed in BRACKETS.findall(meaning):
        for entry in re.split(r"[,;]", listed):
            words = entry.split()
            if len(words) > 1 and words[0] == suffix:
                return f"{base} {' '.join(words[1:])}"
    return f"{base} {suffix}"
