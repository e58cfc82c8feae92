"""Benchmark the grader: in-process latency for a 1,500-word answer, and the whole `sdcoach grade` process.

Run with `make bench`. Budgets (issue #15): p95 under 300 ms in process after warm-up for 1,500 words;
the process under 2 s wall and 600 MB peak memory.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sdcoach.config import Settings
from sdcoach.engine.text import words_of
from sdcoach.services.grading import grade_text

ROOT = Path(__file__).resolve().parents[1]
RUNS = 40


def answer_of_about(words: int) -> str:
    """Dev-set answers concatenated and cut to about ``words`` words."""
    texts = [p.read_text().split("---", 2)[2] for p in sorted((ROOT / "tests/data/answers").glob("*/strong*.md"))]
    pieces, count = [], 0
    for paragraph in "\n\n".join(texts).split("\n\n"):
        pieces.append(paragraph)
        count += len(words_of(paragraph))
        if count >= words:
            break
    return "\n\n".join(pieces)


def main() -> None:
    text = answer_of_about(1500)
    settings = Settings()
    grade_text(text, "feature-store", settings)  # warm-up: loads the model and content
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        grade_text(text, "feature-store", settings)
        samples.append(time.perf_counter() - start)
    samples.sort()
    p95 = samples[round(0.95 * (len(samples) - 1))]
    median_ms = statistics.median(samples) * 1e3
    print(f"in process, {len(words_of(text))} words: median {median_ms:.1f} ms, p95 {p95 * 1e3:.1f} ms")
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False) as handle:
        handle.write(text)
    exe = str(Path(sys.prefix) / "bin" / "sdcoach")
    walls = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(
            [exe, "grade", handle.name, "--scenario", "feature-store", "--format", "json"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        walls.append(time.perf_counter() - start)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"process: median {statistics.median(walls):.2f} s, max {max(walls):.2f} s; peak memory {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
