"""Benchmark the drills (issue #8 budgets): grading a drill answer under 50 ms p95 in process, and
`sdcoach review` showing its first card in under 1 s wall.

Grading is timed on the engine with the content and model loaded, as a session would after its first
answer: the question drill (real embeddings), the tradeoff drill and the pitch coach (textstat).
The review start is timed as whole processes on a fresh home (`sdcoach review --list` prints the queue;
the first card of `sdcoach review` is the same work plus one prompt).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sdcoach.content.loader import load_drills, load_framework, load_grading, load_library
from sdcoach.engine.drill import grade_questions
from sdcoach.engine.pitch import critique_pitch
from sdcoach.engine.reader import Lens
from sdcoach.engine.specificity import matcher_for
from sdcoach.services.pitch import readability
from sdcoach.services.similarity import meaning_similarity
from sdcoach.services.tradeoff_drill import grade_tradeoff_text
from sdcoach.services.tradeoffs import tradeoff_library

QUESTIONS = """What peak QPS do online callers need, and what's the p99 latency budget for a feature read?
How fresh must features be for fraud versus ranking?
Who owns the warehouse and Kafka, and who gets paged when a feature is wrong?
How many features and entities are there, and how big is the online data?"""


def _timed(label: str, grade: Callable[[str], object], runs: int = 60) -> None:
    """Each run grades a slightly different answer, so no cache answers for the grader."""
    grade("")  # warm: content parsed, model loaded
    samples = []
    for n in range(runs):
        start = time.perf_counter()
        grade(f" Run {n} adds {n + 3} replicas.")
        samples.append(time.perf_counter() - start)
    samples.sort()
    p95 = samples[round(0.95 * (len(samples) - 1))]
    print(f"{label}: median {statistics.median(samples) * 1e3:.1f} ms, p95 {p95 * 1e3:.1f} ms")


def main() -> None:
    library = load_library(None)
    scenario = library.get("feature-store")
    similarity = meaning_similarity()
    tradeoffs = tradeoff_library()
    rules, measure = load_drills().pitch, matcher_for(load_grading().markers).measurement
    lens = Lens(tuple(load_framework().items), load_grading(), scenario)
    _timed("question drill grade", lambda extra: grade_questions(QUESTIONS + extra, lens, similarity))
    _timed("tradeoff drill grade", lambda extra: grade_tradeoff_text(tradeoffs[0].staff_answer + extra, tradeoffs[0]))
    pitch = scenario.influence.pitch
    _timed(
        "pitch critique", lambda extra: critique_pitch(pitch + extra, "director", rules, pitch, measure, readability)
    )
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SDCOACH_HOME": home}
        walls = []
        for _ in range(7):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "sdcoach", "review", "--list"], env=env, capture_output=True, check=True
            )
            walls.append(time.perf_counter() - start)
    print(f"sdcoach review first screen (process): median {statistics.median(walls):.2f} s, max {max(walls):.2f} s")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
