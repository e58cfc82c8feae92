"""Benchmark: wall time of `sdcoach --help` and of the content commands, as whole processes.

Run with `make bench`. Prints median and p95 over repeated runs; the issue's budget for --help is 0.3 s.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time

RUNS = 15
COMMANDS = [
    ["--help"],
    ["scenarios", "--format", "json"],
    ["walkthrough", "feature-store", "--format", "md"],
    ["walkthrough", "feature-store"],
    ["content", "lint"],
]


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    exe = shutil.which("sdcoach") or str(sys.prefix + "/bin/sdcoach")
    print(f"{'command':<45} {'median s':>9} {'p95 s':>7}")
    for args in COMMANDS:
        timed([exe, *args])  # warm the file cache
        samples = sorted(timed([exe, *args]) for _ in range(RUNS))
        p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
        print(f"{'sdcoach ' + ' '.join(args):<45} {statistics.median(samples):>9.3f} {p95:>7.3f}")


if __name__ == "__main__":
    main()
