"""Benchmark the grader: in-process latency for a 1,500-word answer, and the whole `sdcoach grade` process.

Run with `make bench`. Budgets (issue #15): p95 under 300 ms in process after warm-up for 1,500 words;
the process under 2 s wall and 600 MB peak memory. Each timed run grades a different answer (labelled corpus
answers by other writers, joined to about 1,500 words), so no sentence is ever read twice: grading the same
text again would only time the sentence cache. The same answer graded again is printed beside it.
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
    return _cut("\n\n".join(texts).split("\n\n"), words, 1)[0]


def fresh_answers(count: int, words: int) -> list[str]:
    """``count`` different answers of about ``words`` words, each from corpus answers no other one uses."""
    paths = sorted((ROOT / "tests/data/corpus/answers").glob("*/*.md"))
    return _cut(
        [p for path in paths for p in path.read_text(encoding="utf-8").split("---", 2)[-1].split("\n\n")], words, count
    )


def _cut(paragraphs: list[str], words: int, count: int) -> list[str]:
    """Up to ``count`` texts of consecutive paragraphs, each ending at the first paragraph that brings it to
    ``words`` words (the paragraphs left over, when they run out first)."""
    texts: list[str] = []
    pieces: list[str] = []
    size = 0
    for paragraph in paragraphs:
        pieces.append(paragraph)
        size += len(words_of(paragraph))
        if size >= words:
            texts.append("\n\n".join(pieces))
            pieces, size = [], 0
            if len(texts) == count:
                return texts
    return [*texts, "\n\n".join(pieces)] if pieces else texts


def timed(texts: list[str], settings: Settings) -> tuple[float, float]:
    """Median and p95 of grading each text once, in ms."""
    samples = []
    for text in texts:
        start = time.perf_counter()
        grade_text(text, "feature-store", settings)
        samples.append(time.perf_counter() - start)
    samples.sort()
    return statistics.median(samples) * 1e3, samples[round(0.95 * (len(samples) - 1))] * 1e3


def whole_process(text: str) -> None:
    """The whole ``sdcoach grade`` process, run first: a child's peak memory counts the parent's pages at fork,
    so a bench that had already loaded the model in process would report its own size as the grader's."""
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


def main() -> None:
    text = answer_of_about(1500)
    whole_process(text)
    settings = Settings()
    grade_text(text, "feature-store", settings)  # warm-up: loads the model and content
    fresh = fresh_answers(RUNS, 1500)
    median_ms, p95_ms = timed(fresh, settings)
    words = statistics.median(len(words_of(t)) for t in fresh)
    print(f"in process, {len(fresh)} different answers of ~{words:.0f} words: ", end="")
    print(f"median {median_ms:.1f} ms, p95 {p95_ms:.1f} ms")
    median_ms, p95_ms = timed([text] * RUNS, settings)
    print(f"  the same answer graded again (sentences cached): median {median_ms:.1f} ms, p95 {p95_ms:.1f} ms")


if __name__ == "__main__":
    main()
