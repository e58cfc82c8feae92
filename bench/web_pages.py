"""Server-side page render times: every page of `sdcoach web` rendered in process (no network), p50/p95.

Usage: .venv/bin/python bench/web_pages.py   (a throwaway home with one finished interview for the scorecard)
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    os.environ["SDCOACH_HOME"] = tempfile.mkdtemp()
    from fastapi.testclient import TestClient

    from sdcoach.config import Settings
    from sdcoach.web.app import create_app

    c = TestClient(create_app(Settings()), follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/interviews").text).group(1)  # type: ignore[union-attr]
    session = c.post("/interviews", data={"scenario": "feature-store", "csrf_token": token}).headers["location"]
    for text in ("What peak QPS do callers need?", "I'd shard by entity id.", "/end"):
        c.post(f"{session}/turns", data={"text": text}, headers={"X-CSRF-Token": token, "HX-Request": "true"})
    pages = ["/", "/scenarios/feature-store", "/interviews", session, f"{session}/scorecard", "/drills"]
    pages += ["/review", "/estimate", "/progress", "/search?q=kv+cache+for+a+70B+model"]
    for path in pages:
        c.get(path)  # warm
        samples = []
        for _ in range(30):
            start = time.perf_counter()
            assert c.get(path).status_code == 200
            samples.append(time.perf_counter() - start)
        samples.sort()
        p95 = samples[round(0.95 * (len(samples) - 1))]
        print(f"{path:<42} median {statistics.median(samples) * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
