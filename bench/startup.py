"""Benchmark: wall time of `sdcoach --help` and of the content commands, as whole processes.

Run with `make bench`. Prints median and p95 over repeated runs, and each median as a ratio to a bare
`python -c pass` measured in the same run (so a loaded machine slows both alike). Budgets: `--help` 0.3 s,
each `sdcoach estimate ...` 0.5 s, `sdcoach search` 1 s; issue 18 aims at 4x a bare Python for `--help`
and `estimate`.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time

RUNS = 11
COMMANDS = [
    ["--help"],
    ["scenarios", "--format", "json"],
    ["walkthrough", "feature-store", "--format", "md"],
    ["walkthrough", "feature-store"],
    ["content", "lint"],
    ["estimate", "training", "--params", "405e9", "--tokens", "15.6T", "--gpu", "h100", "--mfu", "0.4"],
    ["estimate", "training", "--params", "405e9", "--tokens", "15.6T", "--json"],
    ["estimate", "mfu", "--achieved-tflops", "400", "--gpu", "h100", "--json"],
    ["estimate", "weights", "--model", "llama-2-70b", "--json"],
    ["estimate", "training-memory", "--params", "7.5B", "--gpus", "64", "--json"],
    ["estimate", "checkpoint", "--params", "70B", "--write-bandwidth", "40GB/s", "--json"],
    ["estimate", "kv-cache", "--model", "llama-2-70b", "--seq-len", "4096", "--json"],
    ["estimate", "serving", "--model", "llama-3-70b", "--gpu", "h100", "--qps", "20", "--json"],
    ["estimate", "traffic", "--per-day", "500M", "--json"],
    ["estimate", "storage", "--items-per-day", "1B", "--bytes-per-item", "1KB", "--json"],
    ["estimate", "embeddings", "--items", "1B", "--dimensions", "768", "--json"],
    ["estimate", "allreduce", "--bytes", "14GB", "--gpus", "8", "--bus-bandwidth", "200GB/s", "--json"],
    ["estimate", "hardware"],
    ["search", "how do I size the KV cache for a 70B model", "--format", "json"],
]


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    exe = shutil.which("sdcoach") or str(sys.prefix + "/bin/sdcoach")
    bare = _samples([sys.executable, "-c", "pass"])
    baseline = statistics.median(bare)
    print(f"{'command':<60} {'median s':>9} {'p95 s':>7} {'x bare':>7}")
    print(f"{'python -c pass':<60} {baseline:>9.3f} {_p95(bare):>7.3f} {1.0:>7.1f}")
    for args in COMMANDS:
        samples = _samples([exe, *args])
        label = ("sdcoach " + " ".join(args))[:60]
        median = statistics.median(samples)
        print(f"{label:<60} {median:>9.3f} {_p95(samples):>7.3f} {median / baseline:>7.1f}")


def _samples(argv: list[str]) -> list[float]:
    timed(argv)  # warm the file cache
    return sorted(timed(argv) for _ in range(RUNS))


def _p95(samples: list[float]) -> float:
    return samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]


if __name__ == "__main__":
    main()
