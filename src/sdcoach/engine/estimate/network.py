"""Network calculators: the time of a ring all-reduce."""

from __future__ import annotations

from sdcoach.engine.estimate.units import require_positive
from sdcoach.engine.estimate.working import Estimate, Term, Working
from sdcoach.errors import UsageError


def allreduce(*, size_bytes: float, gpus: int, bus_bandwidth: float) -> Estimate:
    """Ring all-reduce: each GPU sends and receives 2(n-1)/n of the buffer over its link."""
    if gpus < 2:
        raise UsageError("--gpus must be at least 2 for an all-reduce.", field="--gpus")
    work = Working("Ring all-reduce")
    traffic = work.product(
        "bytes each GPU moves",
        [Term(2 * (gpus - 1) / gpus, "2(n-1)/n"), Term(size_bytes, "buffer", "B")],
        "B",
    )
    work.quotient(
        "time",
        [Term(traffic, "bytes moved", "B")],
        [Term(require_positive(bus_bandwidth, "--bus-bandwidth"), "bus bandwidth", "B/s")],
        "s",
        key="seconds",
    )
    work.assume("Bandwidth-bound ring (reduce-scatter then all-gather); latency terms ignored, fine above ~100 MB.")
    work.assume(
        "Bus bandwidth as nccl-tests reports it: what each GPU's link sustains, not the datasheet's bidirectional sum."
    )
    return work.finish("seconds")
