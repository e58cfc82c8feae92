"""Numbers that cannot be are refused: every estimator and the decision matrix, driven through the real CLI.

Hypothesis writes the flag values, most of them impossible (NaN, infinities, negatives, zero, half a
GPU, a peak below the average, a link faster than any built, values past any real system) and runs
``sdcoach``'s own entry point in this process, the click command tree built once. Whatever the input:
exit 2 with one message naming an option, or exit 0 with every result a finite, positive number; never
a traceback, never an internal error. A value that can never be right must be refused with its flag,
what was given and the valid range. Derandomized, so every run tries the same cases.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sdcoach.content.loader import load_tradeoff_library
from sdcoach.content.tradeoff_schema import PROPERTY_KINDS, TradeoffDimension
from sdcoach.engine.estimate import limits
from sdcoach.engine.estimate.limits import Range
from tests.integration.cli_in_process import run_in_process
from tests.integration.cli_runner import Result

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def cases(count: int) -> settings:
    """The shared fuzz settings with ``count`` examples (1,160 generated cases in all across this file)."""
    return settings(FUZZ, max_examples=count)


def assert_refused_or_real(run: Result, as_json: bool) -> None:
    """Exit 2 naming an option, or exit 0 with finite positive results; nothing else."""
    assert run.code in (0, 2), run
    event(f"exit {run.code}")
    assert "Traceback" not in run.err + run.out and "Internal error" not in run.err, run.err
    if run.code == 2:
        assert run.err.count("Error") == 1 and "--" in run.err, run.err
        return
    if as_json:
        payload = json.loads(run.out)
        numbers = [v for k, v in payload.items() if k in payload["units"]]
        numbers += [step["value"] for step in payload["steps"]]
        assert numbers and all(math.isfinite(v) and v > 0 for v in numbers), payload


# Values that can never be right, by what a flag holds.
NOT_FINITE = st.sampled_from(["nan", "NaN", "inf", "-inf", "Infinity", "1e400", "-1e400"])
NEGATIVE = st.floats(min_value=-1e30, max_value=-1e-12).map(repr)
ZERO = st.sampled_from(["0", "0.0", "-0", "0e5"])
HUGE = st.floats(min_value=1e33, max_value=1e300).map(repr)
HALVES = st.integers(min_value=0, max_value=100_000).map(lambda n: f"{n}.5")
BELOW_ONE = st.floats(min_value=1e-6, max_value=0.999).map(repr)
ABOVE_ONE = st.one_of(
    st.floats(min_value=1.0001, max_value=1e6).map(repr),
    st.integers(min_value=101, max_value=10_000).map(lambda n: f"{n}%"),
)
POSITIVE = st.one_of(NOT_FINITE, NEGATIVE, ZERO, HUGE)
WHOLE = st.one_of(POSITIVE, HALVES)
AT_LEAST_ONE = st.one_of(POSITIVE, BELOW_ONE)
SHARE = st.one_of(NOT_FINITE, NEGATIVE, ZERO, ABOVE_ONE)
GROWTH = st.one_of(NOT_FINITE, HUGE, st.floats(min_value=-1e6, max_value=-1).map(repr))
ZERO_STAGE = st.one_of(NOT_FINITE, NEGATIVE, HUGE, HALVES, st.integers(min_value=4, max_value=1000).map(str))
RING = st.one_of(WHOLE, st.just("1"))


def measured(unit: str) -> st.SearchStrategy[str]:
    """An impossible amount written with a unit: ``-3GB/s``, ``nanB``, ``1e40FLOP``."""
    return POSITIVE.map(lambda number: f"{number}{unit}")


FASTER_THAN_ANY_LINK = st.one_of(
    st.floats(min_value=4.001, max_value=1e6).map(lambda tb: f"{tb!r}TB/s"),
    st.sampled_from(["450EB/s", "1PB/s", "5TB/s", "40000Gbps"]),
)


@dataclass(frozen=True)
class Calculator:
    """A command with arguments that work, and for each flag the values it can never take."""

    name: str
    args: dict[str, str]
    bad: dict[str, st.SearchStrategy[str]]


CALCULATORS = (
    Calculator(
        "training",
        {"--params": "70B", "--tokens": "2T", "--gpu": "h100", "--mfu": "0.4", "--gpus": "1024"},
        {
            "--params": POSITIVE,
            "--tokens": POSITIVE,
            "--mfu": SHARE,
            "--gpus": WHOLE,
            "--usd-per-gpu-hour": POSITIVE,
            "--flops-per-param-token": POSITIVE,
            "--peak-tflops": measured("TFLOP/s"),
            "--achieved-tflops": POSITIVE,
            "--total-flops": measured("FLOP"),
        },
    ),
    Calculator(
        "mfu",
        {"--achieved-tflops": "400", "--gpu": "h100"},
        {"--achieved-tflops": measured("TFLOPS"), "--peak-tflops": POSITIVE},
    ),
    Calculator("weights", {"--params": "70B"}, {"--params": POSITIVE}),
    Calculator(
        "training-memory",
        {"--params": "7B", "--gpus": "64"},
        {"--params": POSITIVE, "--gpus": WHOLE, "--zero-stage": ZERO_STAGE},
    ),
    Calculator(
        "checkpoint",
        {"--params": "70B", "--write-bandwidth": "40GB/s"},
        {"--params": POSITIVE, "--write-bandwidth": measured("GB/s")},
    ),
    Calculator(
        "kv-cache",
        {"--layers": "32", "--kv-heads": "8", "--head-dim": "128", "--seq-len": "4096", "--batch": "8"},
        {"--layers": WHOLE, "--kv-heads": WHOLE, "--head-dim": WHOLE, "--seq-len": WHOLE, "--batch": WHOLE},
    ),
    Calculator("kv-cache", {"--layers": "40", "--hidden-size": "5120"}, {"--hidden-size": WHOLE}),
    Calculator(
        "serving",
        {"--model": "llama-3-8b", "--gpu": "h100", "--qps": "10"},
        {
            "--qps": POSITIVE,
            "--prompt-tokens": WHOLE,
            "--output-tokens": WHOLE,
            "--tpot-ms": POSITIVE,
            "--gpus-per-replica": WHOLE,
        },
    ),
    Calculator(
        "serving",
        {
            "--input-tokens-per-day": "1B",
            "--output-tokens-per-day": "200M",
            "--prefill-tps": "50000",
            "--decode-tps": "5000",
        },
        {
            "--input-tokens-per-day": POSITIVE,
            "--output-tokens-per-day": POSITIVE,
            "--prefill-tps": POSITIVE,
            "--decode-tps": POSITIVE,
            "--gpus-per-node": WHOLE,
            "--peak-factor": AT_LEAST_ONE,
        },
    ),
    Calculator("traffic", {"--per-day": "500M"}, {"--per-day": POSITIVE, "--peak-factor": AT_LEAST_ONE}),
    Calculator("traffic", {"--per-month": "15B"}, {"--per-month": POSITIVE}),
    Calculator(
        "traffic", {"--dau": "10M", "--actions-per-user": "20"}, {"--dau": WHOLE, "--actions-per-user": POSITIVE}
    ),
    Calculator(
        "storage",
        {"--items-per-day": "1B", "--bytes-per-item": "1KB"},
        {
            "--items-per-day": POSITIVE,
            "--bytes-per-item": measured("B"),
            "--replication": AT_LEAST_ONE,
            "--retention-years": POSITIVE,
            "--growth": GROWTH,
        },
    ),
    Calculator("storage", {"--items-per-month": "30B", "--bytes-per-item": "2KB"}, {"--items-per-month": POSITIVE}),
    Calculator(
        "embeddings",
        {"--items": "1B", "--dimensions": "768"},
        {"--items": WHOLE, "--dimensions": WHOLE, "--hnsw-m": WHOLE},
    ),
    Calculator("embeddings", {"--items": "1B", "--dimensions": "768", "--index": "ivfpq"}, {"--pq-bytes": WHOLE}),
    Calculator(
        "allreduce",
        {"--bytes": "14GB", "--gpus": "8", "--bus-bandwidth": "200GB/s"},
        {
            "--bytes": measured("GB"),
            "--gpus": RING,
            "--bus-bandwidth": st.one_of(measured("GB/s"), FASTER_THAN_ANY_LINK),
        },
    ),
)

# Anything at all a person might type into a numeric flag: numbers of every size and sign, suffixes, units, words.
SUFFIXES = ("", "k", "M", "B", "T", "P", "%", "B/s", "GB", "GiB", "TB/s", "Gbps", "EB/s", "TFLOPS", "FLOP", "s", "x")
ANY_NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.tuples(st.floats(min_value=-1e6, max_value=1e6), st.sampled_from(SUFFIXES)).map(lambda p: f"{p[0]:g}{p[1]}"),
    st.text(alphabet="0123456789.,_-+eE kMBGTP%/s", max_size=10),
    st.text(max_size=6),
)


def command_line(calculator: Calculator, changes: dict[str, str], as_json: bool) -> list[str]:
    values = calculator.args | changes
    return ["estimate", calculator.name, *(f"{flag}={value}" for flag, value in values.items())] + (
        ["--json"] if as_json else []
    )


@cases(300)
@given(data=st.data())
def test_a_value_that_can_never_be_right_is_refused_naming_its_flag_value_and_range(data: st.DataObject) -> None:
    calculator = data.draw(st.sampled_from(CALCULATORS))
    flag = data.draw(st.sampled_from(sorted(calculator.bad)))
    value = data.draw(calculator.bad[flag])
    run = run_in_process(*command_line(calculator, {flag: value}, as_json=True))
    assert run.code == 2, (calculator.name, flag, value, run.out[:300])
    assert run.err.startswith(f"Error: {flag} "), run.err
    assert repr(value) in run.err and "must be" in run.err, run.err
    assert "Traceback" not in run.err and "Internal error" not in run.err


@cases(400)
@given(data=st.data())
def test_any_input_is_refused_with_a_named_option_or_gives_finite_positive_results(data: st.DataObject) -> None:
    calculator = data.draw(st.sampled_from(CALCULATORS))
    names = sorted(calculator.bad)
    how_many = data.draw(st.integers(min_value=1, max_value=min(3, len(names))))
    flags = data.draw(st.permutations(names))[:how_many]
    changes = {flag: data.draw(st.one_of(ANY_NUMBER, calculator.bad[flag])) for flag in flags}
    as_json = data.draw(st.booleans())
    assert_refused_or_real(run_in_process(*command_line(calculator, changes, as_json)), as_json)


# Each flag's range and the unit its values are written in, to try every corner of what is accepted.
RANGES: dict[str, tuple[Range, str]] = {
    "--params": (limits.PARAMS, ""),
    "--tokens": (limits.TOKENS, ""),
    "--mfu": (limits.SHARE, ""),
    "--gpus": (limits.GPUS, ""),
    "--usd-per-gpu-hour": (limits.USD_PER_GPU_HOUR, ""),
    "--flops-per-param-token": (limits.FLOPS_PER_PARAM_TOKEN, ""),
    "--peak-tflops": (limits.PEAK_FLOPS, "FLOP/s"),
    "--achieved-tflops": (limits.PEAK_FLOPS, "FLOP/s"),
    "--total-flops": (limits.TOTAL_FLOPS, "FLOP"),
    "--zero-stage": (limits.ZERO_STAGE, ""),
    "--write-bandwidth": (limits.WRITE_BANDWIDTH, "B/s"),
    "--layers": (limits.LAYERS, ""),
    "--kv-heads": (limits.KV_HEADS, ""),
    "--head-dim": (limits.HEAD_DIM, ""),
    "--hidden-size": (limits.HIDDEN_SIZE, ""),
    "--seq-len": (limits.SEQ_LEN, ""),
    "--batch": (limits.BATCH, ""),
    "--qps": (limits.QPS, ""),
    "--prompt-tokens": (limits.REQUEST_TOKENS, ""),
    "--output-tokens": (limits.REQUEST_TOKENS, ""),
    "--tpot-ms": (limits.TPOT_MS, ""),
    "--gpus-per-replica": (limits.GPUS_PER_REPLICA, ""),
    "--input-tokens-per-day": (limits.TOKENS_PER_DAY, ""),
    "--output-tokens-per-day": (limits.TOKENS_PER_DAY, ""),
    "--prefill-tps": (limits.TOKENS_PER_NODE_S, ""),
    "--decode-tps": (limits.TOKENS_PER_NODE_S, ""),
    "--gpus-per-node": (limits.GPUS_PER_NODE, ""),
    "--peak-factor": (limits.PEAK_FACTOR, ""),
    "--per-day": (limits.EVENTS_PER_DAY, ""),
    "--per-month": (limits.EVENTS_PER_MONTH, ""),
    "--dau": (limits.DAU, ""),
    "--actions-per-user": (limits.ACTIONS_PER_USER, ""),
    "--items-per-day": (limits.ITEMS_PER_DAY, ""),
    "--items-per-month": (limits.ITEMS_PER_MONTH, ""),
    "--bytes-per-item": (limits.ITEM_BYTES, "B"),
    "--replication": (limits.REPLICATION, ""),
    "--retention-years": (limits.RETENTION_YEARS, ""),
    "--growth": (limits.GROWTH, ""),
    "--items": (limits.VECTORS, ""),
    "--dimensions": (limits.DIMENSIONS, ""),
    "--hnsw-m": (limits.HNSW_M, ""),
    "--pq-bytes": (limits.PQ_BYTES, ""),
    "--bytes": (limits.BUFFER_BYTES, "B"),
    "--bus-bandwidth": (limits.BUS_BANDWIDTH, "B/s"),
}


def inside(flag: str, calculator: Calculator) -> st.SearchStrategy[str]:
    """A value the flag's range accepts, spread evenly over its orders of magnitude, edges included."""
    allowed, unit = RANGES[flag]
    if calculator.name == "allreduce" and flag == "--gpus":
        allowed = limits.RING_GPUS
    if allowed.low <= 0:  # an open bound at zero, or growth that may shrink
        value = st.floats(min_value=max(allowed.low, allowed.high * 1e-9), max_value=allowed.high)
        value = value.filter(allowed.allows)
    else:
        exponent = st.floats(min_value=math.log10(allowed.low), max_value=math.log10(allowed.high))
        value = st.one_of(st.sampled_from([allowed.low, allowed.high]), exponent.map(lambda e: 10**e))
        value = value.map(lambda v: float(round(v)) if allowed.is_whole else v).filter(allowed.allows)
    return value.map(lambda v: f"{int(v)}{unit}" if allowed.is_whole else f"{v!r}{unit}")


@cases(300)
@given(data=st.data())
def test_values_inside_every_range_compute_or_are_refused_for_a_reason_that_names_a_flag(
    data: st.DataObject,
) -> None:
    calculator = data.draw(st.sampled_from(CALCULATORS))
    changes = {flag: data.draw(inside(flag, calculator)) for flag in sorted(calculator.bad)}
    as_json = data.draw(st.booleans())  # the terminal view must draw the extremes too
    run = run_in_process(*command_line(calculator, changes, as_json))
    assert_refused_or_real(run, as_json)
    if run.code == 2:  # a combination that cannot work (too slow a GPU for the latency target ...)
        assert "must be a" not in run.err, run.err


LIBRARY = load_tradeoff_library()
DIMENSIONS = [d.value for d in TradeoffDimension]
BAD_WEIGHT = st.one_of(NOT_FINITE, NEGATIVE, st.floats(min_value=1000.5, max_value=1e308).map(repr))


def property_names(tradeoff_id: str) -> set[str]:
    tradeoff = next(t for t in LIBRARY if t.id == tradeoff_id)
    return {name for option in tradeoff.options for name in option.properties}


@cases(60)
@given(
    tradeoff=st.sampled_from([t.id for t in LIBRARY]),
    dimension=st.sampled_from(DIMENSIONS),
    value=BAD_WEIGHT,
)
def test_a_weight_that_is_not_a_finite_number_from_0_to_1000_is_refused(
    tradeoff: str, dimension: str, value: str
) -> None:
    run = run_in_process("tradeoff", tradeoff, f"--weight={dimension}={value}", "--format=json")
    assert run.code == 2, run.out[:300]
    assert run.err == f"Error: --weight {dimension} must be a number from 0 to 1000; got {value!r}.\n"


@cases(40)
@given(tradeoff=st.sampled_from([t.id for t in LIBRARY]), name=st.sampled_from(sorted(PROPERTY_KINDS)))
def test_a_constraint_on_a_property_the_decision_lacks_is_an_error_naming_the_ones_it_has(
    tradeoff: str, name: str
) -> None:
    value = {"time": "1h", "usd": "$1000", "bytes": "1TB", "count": "512"}[PROPERTY_KINDS[name].value]
    run = run_in_process("tradeoff", tradeoff, f"--constraint={name}<{value}", "--format=json")
    has = property_names(tradeoff)
    if name in has:
        assert run.code == 0, run.err
        return
    assert run.code == 2 and f"says nothing about {name}" in run.err, run.err
    assert all(other in run.err for other in has)


@cases(60)
@given(
    tradeoff=st.sampled_from([t.id for t in LIBRARY]),
    weights=st.dictionaries(st.sampled_from(DIMENSIONS), st.one_of(ANY_NUMBER, BAD_WEIGHT), max_size=5),
)
def test_any_weights_are_refused_or_give_totals_from_1_to_5(tradeoff: str, weights: dict[str, str]) -> None:
    run = run_in_process("tradeoff", tradeoff, *(f"--weight={d}={w}" for d, w in weights.items()), "--format=json")
    assert run.code in (0, 2), run
    assert "Traceback" not in run.err and "Internal error" not in run.err
    if run.code == 2:
        assert run.err.startswith("Error: ") and "--weight" in run.err, run.err
        return
    payload: dict[str, Any] = json.loads(run.out)
    totals = [option["total"] for option in payload["options"]]
    assert all(math.isfinite(t) and 1 <= t <= 5 for t in totals), totals
    assert payload["winner"] in {option["id"] for option in payload["options"]}
