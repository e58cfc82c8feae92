"""What each estimator input may be: the range of every flag, checked where the flag's text becomes a number.

A value outside its range is a mistake, not a question: a negative cache, half a GPU, a peak below the
average, a link faster than any built. Every range is generous (well past today's largest systems) so a
real figure is never refused, and every refusal names the flag, the value given and the range, because
a silent ``-537 MB`` is worse than an error. Counts are whole where a fraction means nothing (GPUs,
layers, tokens in a sequence); rates and averages may be fractional (2.5 actions per user a day).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sdcoach.engine.estimate.numbers import count_text, format_value, plain, si
from sdcoach.engine.estimate.units import Dimension, read_count, read_quantity
from sdcoach.errors import UsageError

# The fastest GPU-to-GPU link shipping: NVLink 5 (Blackwell, the registry's B200) at 1.8 TB/s per GPU,
# both directions together. NVLink 6 (Vera Rubin) is announced at 3.6 TB/s. The ceiling leaves room for
# that and a little more; a unit test checks it stays above every accelerator in the registry.
FASTEST_LINK = "the fastest link, NVLink 5, moves 1.8 TB/s per GPU; NVLink 6 is announced at 3.6 TB/s"
LINK_CEILING_BYTES_S = 4e12


@dataclass(frozen=True)
class Range:
    """The values a flag accepts: ``low`` to ``high`` in base units, whole or not, with why the ceiling is there."""

    low: float
    high: float
    unit: str = ""
    is_whole: bool = False
    is_low_open: bool = False
    why: str = ""

    def allows(self, value: float) -> bool:
        """Whether ``value`` is finite, inside the range and (for a count) whole."""
        if not math.isfinite(value) or value > self.high:
            return False
        if value < self.low or (self.is_low_open and value == self.low):
            return False
        return not self.is_whole or _is_whole(value)

    def describe(self) -> str:
        """The range as a sentence fragment: ``a whole number from 1 to 10M``, ``above 0 and at most 1``."""
        kind = "a whole number" if self.is_whole else "a number"
        if self.is_low_open:
            text = f"{kind} above {_shown(self.low, self.unit)} and at most {_shown(self.high, self.unit)}"
        else:
            text = f"{kind} from {_shown(self.low, self.unit)} to {_shown(self.high, self.unit)}"
        return f"{text} ({self.why})" if self.why else text


def within(value: float, flag: str, allowed: Range, given: str | None = None) -> float:
    """``value`` if ``allowed`` holds it, else a UsageError naming the flag, what was given and the range."""
    if allowed.allows(value):
        return value
    shown = repr(given) if given is not None else plain(value) if math.isfinite(value) else str(value)
    if given is not None and math.isfinite(value) and allowed.unit in _SI_UNITS:
        converted = _shown(value, allowed.unit)
        if converted.replace(" ", "") != given.replace(" ", ""):
            shown += f" = {converted}"  # 40000Gbps = 5 TB/s
    raise UsageError(f"{flag} must be {allowed.describe()}; got {shown}.", field=flag)


def count(text: str | float, flag: str, allowed: Range) -> float:
    """A count from flag text (``405e9``, ``70B``), checked against its range; ``nan`` and ``inf`` are out of it."""
    try:
        value = read_count(text, flag)
    except UsageError as err:
        named = _not_finite(str(text))
        if named is None:
            raise UsageError(err.message, field=flag, hint=f"It must be {allowed.describe()}.") from err
        value = named
    return within(value, flag, allowed, str(text))


def quantity(text: str, dimension: Dimension, flag: str, allowed: Range, default_unit: str | None = None) -> float:
    """A measured value (``40GB/s``, ``989``) in base units, checked against its range."""
    try:
        value = read_quantity(text, dimension, flag, default_unit)
    except UsageError as err:
        raise UsageError(err.message, field=flag, hint=f"It must be {allowed.describe()}.") from err
    return within(value, flag, allowed, text)


def fraction(text: str, flag: str) -> float:
    """A share written ``0.4`` or ``40%``, above 0 and at most 1."""
    raw = text.strip()
    is_percent = raw.endswith("%")
    try:
        value = read_count(raw[:-1] if is_percent else raw, flag)
    except UsageError as err:
        raise UsageError(err.message, field=flag, hint=f"It must be {SHARE.describe()}.") from err
    return within(value / 100 if is_percent else value, flag, SHARE, text)


def _not_finite(text: str) -> float | None:
    """``nan``, ``inf``, ``-Infinity`` as the floats they name (refused by every range), else None."""
    try:
        value = float(text)
    except ValueError:
        return None
    return None if math.isfinite(value) else value


def _is_whole(value: float) -> bool:
    # "1.17B" is 1170000000.0000002 in binary floating point: whole within a part in a billion
    return abs(value - round(value)) <= 1e-9 * max(1.0, abs(value))


_SI_UNITS = ("B", "B/s", "FLOP/s", "FLOP")


def _shown(value: float, unit: str) -> str:
    if unit in _SI_UNITS:
        return si(value, unit)
    if unit:
        return format_value(value, unit)
    return count_text(value) if value >= 1e6 else plain(value)


SHARE = Range(0, 1, is_low_open=True, why="0.4 = 40%")

# Model and training run
PARAMS = Range(1, 1e15, why="the largest models have a few trillion")
TOKENS = Range(1, 1e17, why="the largest training sets have tens of trillions")
FLOPS_PER_PARAM_TOKEN = Range(1, 100, why="6 forward and backward, 8 with recomputation, 2 forward only")
TOTAL_FLOPS = Range(1, 1e32, unit="FLOP", why="the largest runs are near 1e26")
PEAK_FLOPS = Range(1e9, 1e17, unit="FLOP/s", why="per GPU; a B200 peaks at 4.5 PFLOP/s dense FP8")
GPUS = Range(1, 1e7, is_whole=True)
RING_GPUS = Range(2, 1e7, is_whole=True, why="an all-reduce needs two GPUs")
ZERO_STAGE = Range(0, 3, is_whole=True, why="0 none, 1 optimizer, 2 +gradients, 3 +weights")
USD_PER_GPU_HOUR = Range(0.01, 1000, unit="USD", why="an H100 rents for about $2-4")
WRITE_BANDWIDTH = Range(1, 1e15, unit="B/s", why="the largest parallel file systems write tens of TB/s")

# Attention shape and the KV cache
LAYERS = Range(1, 10_000, is_whole=True)
KV_HEADS = Range(1, 4096, is_whole=True)
HEAD_DIM = Range(1, 65_536, is_whole=True)
HIDDEN_SIZE = Range(1, 1_048_576, is_whole=True)
SEQ_LEN = Range(1, 1e8, is_whole=True, why="the longest contexts are about 10M tokens")
BATCH = Range(1, 1e9, is_whole=True)

# Serving
REQUEST_TOKENS = Range(1, 1e8, is_whole=True)
QPS = Range(0, 1e9, is_low_open=True)
TPOT_MS = Range(0, 60_000, is_low_open=True, why="milliseconds per output token")
GPUS_PER_REPLICA = Range(1, 4096, is_whole=True)
GPUS_PER_NODE = Range(1, 1024, is_whole=True)
TOKENS_PER_DAY = Range(1, 1e17)
TOKENS_PER_NODE_S = Range(0, 1e9, is_low_open=True)
PEAK_FACTOR = Range(1, 100, why="peak over average: the peak is at least the average")

# Traffic and storage
EVENTS_PER_DAY = Range(1, 1e15)
EVENTS_PER_MONTH = Range(1, 3e16)
DAU = Range(1, 1e10, is_whole=True, why="more than people on Earth")
ACTIONS_PER_USER = Range(0, 1e6, is_low_open=True)
ITEM_BYTES = Range(1, 1e15, unit="B")
ITEMS_PER_DAY = Range(0, 1e15, is_low_open=True)
ITEMS_PER_MONTH = Range(0, 3e16, is_low_open=True)
REPLICATION = Range(1, 100, why="stored copies; erasure coding is about 1.4")
RETENTION_YEARS = Range(1 / 12, 100, why="one month to a century")
GROWTH = Range(-0.99, 10, why="per year: -0.5 halves, 1 doubles")

# Embeddings and the network
VECTORS = Range(1, 1e13, is_whole=True)
DIMENSIONS = Range(1, 65_536, is_whole=True)
HNSW_M = Range(2, 1024, is_whole=True)
PQ_BYTES = Range(1, 65_536, is_whole=True)
BUFFER_BYTES = Range(1, 1e15, unit="B")
BUS_BANDWIDTH = Range(1, LINK_CEILING_BYTES_S, unit="B/s", why=FASTEST_LINK)
