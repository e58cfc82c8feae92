"""Benchmark: wall time of `sdcoach --help` and of the content commands, as whole processes.

Run with `make bench`. Prints median and p95 over repeated runs. Budgets: `--help` 0.3 s, each
`sdcoach estimate ...` 0.5 s, `sdcoach search` 1 s.
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
    print(f"{'command':<60} {'median s':>9} {'p95 s':>7}")
    for args in COMMANDS:
        timed([exe, *args])  # warm the file cache
        samples = sorted(timed([exe, *args]) for _ in range(RUNS))
        p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
        label = ("sdcoach " + " ".join(args))[:60]
        print(f"{label:<60} {statistics.median(samples):>9.3f} {p95:>7.3f}")


if __name__ == "__main__":
    main()
