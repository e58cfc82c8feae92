"""Flags take scientific notation and SI/IEC suffixes; wrong units and impossible values are clear errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sdcoach.engine.estimate.numbers import format_value, mental, plain, rough_number, si
from sdcoach.engine.estimate.units import Dimension, parse_count, parse_quantity
from sdcoach.errors import UsageError


@pytest.mark.parametrize(
    ("text", "expected"),
    [("405e9", 405e9), ("70B", 70e9), ("15.6T", 15.6e12), ("1,000,000", 1e6), ("2.5M", 2.5e6), ("8k", 8e3)],
)
def test_counts_take_suffixes_and_scientific_notation(text: str, expected: float) -> None:
    assert parse_count(text, "--x") == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "dimension", "expected"),
    [
        ("80GiB", Dimension.BYTES, 80 * 2**30),
        ("80 GB", Dimension.BYTES, 80e9),
        ("900GB/s", Dimension.BYTES_PER_SECOND, 900e9),
        ("25Gbps", Dimension.BYTES_PER_SECOND, 25e9 / 8),
        ("3.35TB/s", Dimension.BYTES_PER_SECOND, 3.35e12),
        ("989TFLOPS", Dimension.FLOP_RATE, 989e12),
        ("3.8e25 FLOPs", Dimension.FLOPS, 3.8e25),
        ("2h", Dimension.SECONDS, 7200),
        ("1 day", Dimension.SECONDS, 86400),
    ],
)
def test_quantities_convert_to_base_units(text: str, dimension: Dimension, expected: float) -> None:
    assert parse_quantity(text, dimension, "--x") == pytest.approx(expected)


def test_a_bare_number_takes_the_default_unit() -> None:
    assert parse_quantity("989", Dimension.FLOP_RATE, "--peak-tflops", "TFLOP/s") == pytest.approx(989e12)


@pytest.mark.parametrize(
    ("text", "dimension", "message"),
    [
        ("80GB", Dimension.SECONDS, "expects a duration"),
        ("-5GB", Dimension.BYTES, "cannot be negative"),
        ("5 furlongs", Dimension.BYTES, "not one I know"),
        ("fast", Dimension.BYTES_PER_SECOND, "expects a value with a unit"),
        ("12", Dimension.BYTES_PER_SECOND, "needs a unit"),
    ],
)
def test_bad_values_name_the_flag(text: str, dimension: Dimension, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_quantity(text, dimension, "--write-bandwidth")
    assert message in str(caught.value)
    assert "--write-bandwidth" in str(caught.value)


def test_a_word_is_not_a_count() -> None:
    with pytest.raises(UsageError, match="expects a number"):
        parse_count("lots", "--tokens")


@given(st.floats(min_value=1, max_value=1e18))
def test_bytes_round_trip_through_their_display(value: float) -> None:
    shown = si(value, "B")
    number, unit = shown.split(" ")
    parsed = parse_quantity(f"{number}{unit}", Dimension.BYTES, "--x")
    assert parsed == pytest.approx(value, rel=5e-3)


@given(st.floats(min_value=1, max_value=1e18))
def test_binary_display_round_trips(value: float) -> None:
    number, unit = si(value, "B", binary=True).split(" ")
    assert parse_quantity(f"{number}{unit}", Dimension.BYTES, "--x") == pytest.approx(value, rel=5e-3)


@given(st.floats(min_value=1e-6, max_value=1e30))
def test_mental_rounding_stays_within_a_quarter(value: float) -> None:
    assert mental(value) == pytest.approx(value, rel=0.25)


def test_numbers_read_as_engineers_say_them() -> None:
    assert plain(3.79e25) == "3.79e25"
    assert plain(16384) == "16,384"
    assert plain(0.415) == "0.415"
    assert rough_number(3.6e25) == "3.6e25"
    assert rough_number(400000) == "4e5"
    assert format_value(140e9, "B") == "140 GB (130 GiB)"
    assert format_value(66.5e6, "USD") == "$66.5M"
    assert format_value(5_849_000, "s") == "67.7 days"


@pytest.mark.parametrize(
    ("text", "dimension"),
    [
        ("80GiB", Dimension.BYTES),
        ("1.5 TB", Dimension.BYTES),
        ("900GB/s", Dimension.BYTES_PER_SECOND),
        ("25Gbps", Dimension.BYTES_PER_SECOND),
        ("989TFLOPS", Dimension.FLOP_RATE),
        ("3.8e25FLOP", Dimension.FLOPS),
        ("90min", Dimension.SECONDS),
        ("2 days", Dimension.SECONDS),
        ("1.5 weeks", Dimension.SECONDS),
    ],
)
def test_the_fast_path_agrees_with_pint(text: str, dimension: Dimension) -> None:
    from sdcoach.engine.estimate import units

    number, unit = units._QUANTITY_RE.match(text).group("number", "unit")  # type: ignore[union-attr]
    via_pint = float(
        units.registry().Quantity(float(number), units._normalise_unit(unit, dimension)).to(dimension.value).magnitude
    )
    assert parse_quantity(text, dimension, "--x") == pytest.approx(via_pint)
