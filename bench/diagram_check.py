"""Benchmark: checking a 60-node diagram against a scenario, in process (issue 20 budget: 100 ms).

Run with `PYTHONPATH=src .venv/bin/python bench/diagram_check.py`. The diagram is the feature-store reference
joined with three other scenarios' references (60 boxes, about 90 arrows) as Mermaid text, checked against
feature-store: parse, match by meaning (with the product glossary), every finding. Prints the first check (the
similarity model loading and embedding every label) and the median and p95 of repeated checks: with the same
labels (rows the model keeps) and with every label new on each run (each box renamed, so each is embedded afresh).
"""

from __future__ import annotations

import statistics
import time

from sdcoach.content.loader import load_library
from sdcoach.engine.diagram.check import check_diagram
from sdcoach.engine.diagram.mermaid import read_mermaid
from sdcoach.services.diagrams import product_glossary
from sdcoach.services.similarity import diagram_similarity

RUNS = 21
OTHERS = ("feed-ranking", "rag-platform", "training-pipeline")
LIBRARY = load_library(None)
SCENARIO = LIBRARY.get("feature-store")


def sixty_node_mermaid(suffix: str = "") -> str:
    """The reference flows joined, node ids prefixed per scenario so they stay apart."""
    lines = ["flowchart LR"]
    for n, slug in enumerate(("feature-store", *OTHERS)):
        scenario = LIBRARY.get(slug)
        lines += [f'  s{n}_{c.id}["{c.name}{suffix}"]' for c in scenario.components]
        lines += [f'  s{n}_{e.source} -->|"{e.mode.value}"| s{n}_{e.target}' for e in scenario.data_flow]
    return "\n".join(lines)


def timed(text: str) -> float:
    start = time.perf_counter()
    check_diagram(read_mermaid(text), SCENARIO, diagram_similarity(), glossary=product_glossary())
    return time.perf_counter() - start


def main() -> None:
    text = sixty_node_mermaid()
    diagram = read_mermaid(text)
    print(f"diagram: {len(diagram.nodes)} boxes, {len(diagram.edges)} arrows")
    print(f"first check (model load + every label embedded): {timed(text) * 1000:.0f} ms")
    renamed = [sixty_node_mermaid(f" r{i}") for i in range(RUNS)]
    for name, texts in (("same labels", [text] * RUNS), ("new labels", renamed)):
        times = sorted(timed(t) * 1000 for t in texts)
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"{name}: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms over {RUNS} runs")


if __name__ == "__main__":
    main()
