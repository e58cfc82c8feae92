"""Benchmark the interviewer: reply latency after the first turn (issue #15 budget: under 150 ms p95).

A scripted candidate plays a full 45-minute interview in process on the real embedding model and
a real SQLite file; every reply's wall time (store candidate turn, compute, store reply) is measured.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from sdcoach.config import Settings
from sdcoach.content.interviewer_schema import Persona
from sdcoach.services.interviews import Interviews

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    answers = [p.read_text().split("---", 2)[2] for p in sorted((ROOT / "tests/data/answers").glob("*/strong.md"))]
    paragraphs = [p.strip() for text in answers for p in text.split("\n\n") if len(p.split()) > 20]
    minute = [0.0]
    with tempfile.TemporaryDirectory() as home:
        interviews = Interviews(Settings(home=Path(home)), clock=lambda: minute[0] * 60)
        live = interviews.start("feature-store", Persona.PEER, 45)
        samples = []
        for n, paragraph in enumerate(paragraphs[:40]):
            minute[0] = n * 1.05
            start = time.perf_counter()
            reply = live.respond(paragraph)
            samples.append(time.perf_counter() - start)
            if reply.is_finished:
                break
    later = sorted(samples[1:])
    p95 = later[round(0.95 * (len(later) - 1))]
    print(
        f"interviewer reply, {len(samples)} turns: first {samples[0] * 1e3:.0f} ms (loads the model); after it "
        f"median {statistics.median(later) * 1e3:.1f} ms, p95 {p95 * 1e3:.1f} ms"
    )


if __name__ == "__main__":
    main()
