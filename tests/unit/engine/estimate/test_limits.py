"""Estimator ranges: what each flag accepts, how a refusal reads, and that no real figure is refused."""

from __future__ import annotations

import math

import pytest

from sdcoach.content.loader import load_registry
from sdcoach.engine.estimate import limits
from sdcoach.engine.estimate.limits import Range, within
from sdcoach.engine.estimate.units import Dimension
from sdcoach.errors import UsageError


def refusal(call: object, *args: object) -> str:
    with pytest.raises(UsageError) as caught:
        call(*args)  # type: ignore[operator]
    return str(caught.value)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, -1.0, 0.0, 0.5, 1e7 + 1, 2.5])
def test_a_whole_count_refuses_what_is_not_one(value: float) -> None:
    assert not limits.GPUS.allows(value)


@pytest.mark.parametrize("value", [1.0, 8.0, 16384.0, 1e7])
def test_a_whole_count_takes_whole_numbers(value: float) -> None:
    assert limits.GPUS.allows(value)


def test_a_count_written_with_a_suffix_is_whole_despite_binary_rounding() -> None:
    assert limits.count("1.17B", "--items", limits.VECTORS) == pytest.approx(1.17e9)
    assert limits.count("3.1640625B", "--params", limits.PARAMS) == pytest.approx(3.1640625e9)


def test_an_open_bound_refuses_the_bound_itself() -> None:
    assert not limits.SHARE.allows(0.0)
    assert limits.SHARE.allows(1e-9) and limits.SHARE.allows(1.0)
    assert not limits.SHARE.allows(1.0000001)


def test_a_refusal_names_the_flag_the_value_given_and_the_range() -> None:
    message = refusal(within, 0.5, "--gpus", limits.GPUS, "0.5")
    assert message == "--gpus must be a whole number from 1 to 10M; got '0.5'."
    message = refusal(within, math.nan, "--peak-factor", limits.PEAK_FACTOR)
    assert message.startswith("--peak-factor must be a number from 1 to 100") and message.endswith("got nan.")


def test_a_link_faster_than_any_interconnect_is_refused_with_the_fastest_named() -> None:
    message = refusal(
        limits.quantity, "450EB/s", Dimension.BYTES_PER_SECOND, "--bus-bandwidth", limits.BUS_BANDWIDTH, "GB/s"
    )
    assert "--bus-bandwidth" in message and "got '450EB/s'." in message
    assert "to 4 TB/s" in message and "NVLink 5" in message and "1.8 TB/s" in message


def test_the_link_ceiling_is_above_every_accelerator_in_the_registry() -> None:
    fastest = max(a.interconnect_gb_s for a in load_registry().accelerators) * 1e9
    assert fastest <= limits.LINK_CEILING_BYTES_S
    assert limits.BUS_BANDWIDTH.allows(fastest)


def test_no_registry_accelerator_peaks_outside_the_per_gpu_range() -> None:
    for chip in load_registry().accelerators:
        for tflops in (chip.bf16_tflops, chip.fp8_tflops, chip.fp4_tflops):
            assert tflops is None or limits.PEAK_FLOPS.allows(tflops * 1e12), chip.id


def test_text_that_is_no_number_still_gets_the_range_as_a_hint() -> None:
    message = refusal(limits.count, "lots", "--per-day", limits.EVENTS_PER_DAY)
    assert "--per-day expects a number" in message and "'lots'" in message and "from 1 to 1e15" in message


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-Infinity"])
def test_nan_and_infinity_are_read_and_refused_by_the_range(text: str) -> None:
    message = refusal(limits.count, text, "--per-day", limits.EVENTS_PER_DAY)
    assert message == f"--per-day must be a number from 1 to 1e15; got {text!r}."


@pytest.mark.parametrize(("text", "expected"), [("40%", 0.4), ("0.4", 0.4), ("100%", 1.0), ("1", 1.0)])
def test_a_share_is_read_as_a_fraction_or_a_percentage(text: str, expected: float) -> None:
    assert limits.fraction(text, "--mfu") == pytest.approx(expected)


@pytest.mark.parametrize("text", ["0", "0%", "140%", "1.4", "-0.2", "nan", "inf"])
def test_a_share_outside_zero_to_one_is_refused(text: str) -> None:
    message = refusal(limits.fraction, text, "--mfu")
    assert "--mfu" in message and "above 0 and at most 1" in message


def test_every_range_is_ordered_and_finite() -> None:
    ranges = [v for v in vars(limits).values() if isinstance(v, Range)]
    assert len(ranges) >= 30
    for allowed in ranges:
        assert math.isfinite(allowed.low) and math.isfinite(allowed.high) and allowed.low < allowed.high
        assert allowed.allows(allowed.high)
