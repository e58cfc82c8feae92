"""Benchmark: wall and CPU time of `sdcoach --help` and of the content commands, as whole processes.

Run with `make bench` (or `python bench/startup.py estimate` for the rows whose command contains "estimate").
Prints the median wall time and p95 over repeated runs, the median CPU time (user + system of the child),
and each as a ratio to a bare `python -c pass` run alternately with that command, so that both see the same
load. CPU time is the steadier of the two on a loaded machine: a waiting process spends wall time but no CPU.
The load average is printed before and after.

Two rows measure the command-line framework alone, so its share is visible beside sdcoach's: importing Typer,
and a one-option subcommand of an otherwise empty Typer app (Typer 0.29 coerces each option's value through a
pydantic TypeAdapter, so any subcommand with options imports pydantic). Budgets: `--help` 0.3 s, each
`sdcoach estimate ...` 0.5 s, `sdcoach search` 1 s; issue 18 aims at 4x a bare Python for `--help` and
`estimate`, which the framework rows show to be out of reach while sdcoach keeps Typer.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

RUNS = 11
FRAMEWORK_SUBCOMMAND = """
import typer
app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
group = typer.Typer()
@group.command()
def run(value: str = typer.Option(None, "--value")) -> None:
    print(value)
@group.command()
def other() -> None:
    pass
app.add_typer(group, name="group")
app(["group", "run", "--value", "1"])
"""
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


@dataclass(frozen=True)
class Timing:
    """One command's medians over the runs, in seconds."""

    wall: float
    wall_p95: float
    cpu: float


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    wanted = sys.argv[1:]
    exe = shutil.which("sdcoach") or str(sys.prefix + "/bin/sdcoach")
    print(f"load average before: {_load()}")
    print(f"{'command':<60} {'median s':>9} {'p95 s':>7} {'x bare':>7} {'cpu s':>7} {'x bare':>7}")
    rows = [
        ("python -c pass", ["-c", "pass"]),
        ("python -c 'import typer' (the framework's import)", ["-c", "import typer"]),
        ("a one-option Typer subcommand (the framework's floor)", ["-c", FRAMEWORK_SUBCOMMAND]),
    ]
    for label, argv in rows:
        _row(label, *measure([sys.executable, *argv]))
    for args in COMMANDS:
        label = "sdcoach " + " ".join(args)
        if not wanted or any(word in label for word in wanted):
            _row(label, *measure([exe, *args]))
    print(f"load average after: {_load()}")


def measure(argv: list[str]) -> tuple[Timing, Timing]:
    """Medians over RUNS runs of ``argv`` and of a bare Python, run alternately, after one warming run of each."""
    bare = [sys.executable, "-c", "pass"]
    timed(argv)
    timed(bare)
    pairs = [(timed(argv), timed(bare)) for _ in range(RUNS)]
    return _timing([own for own, _ in pairs]), _timing([base for _, base in pairs])


def _timing(samples: list[tuple[float, float]]) -> Timing:
    walls = sorted(wall for wall, _ in samples)
    return Timing(statistics.median(walls), _p95(walls), statistics.median(cpu for _, cpu in samples))


def _row(label: str, timing: Timing, bare: Timing) -> None:
    print(
        f"{label[:60]:<60} {timing.wall:>9.3f} {timing.wall_p95:>7.3f} {timing.wall / bare.wall:>7.1f}"
        f" {timing.cpu:>7.3f} {timing.cpu / bare.cpu:>7.1f}"
    )


def _p95(samples: list[float]) -> float:
    return samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
