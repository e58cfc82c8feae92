"""Volume calculators: requests per second from daily or monthly counts, and storage over a retention period."""

from __future__ import annotations

from sdcoach.engine.estimate.units import require_positive
from sdcoach.engine.estimate.working import Estimate, Term, Working
from sdcoach.errors import UsageError

SECONDS_PER_DAY = 86400.0
# An average Gregorian month (365.25 / 12 days). Interviewers often round it to 2.5M seconds.
DAYS_PER_MONTH = 365.25 / 12
SECONDS_PER_MONTH = DAYS_PER_MONTH * SECONDS_PER_DAY


def traffic(
    *,
    per_day: float | None = None,
    per_month: float | None = None,
    dau: float | None = None,
    actions_per_user: float | None = None,
    peak_factor: float = 2.0,
) -> Estimate:
    """Average and peak events per second."""
    given = [x is not None for x in (per_day, per_month, dau)]
    if sum(given) != 1:
        raise UsageError(
            "Give exactly one of --per-day, --per-month, or --dau with --actions-per-user.", field="--per-day"
        )
    work = Working("Traffic")
    if dau is not None:
        if actions_per_user is None:
            raise UsageError("--dau needs --actions-per-user.", field="--actions-per-user")
        per_day = work.product(
            "events per day",
            [Term(dau, "daily active users"), Term(actions_per_user, "actions per user")],
            "events/day",
        )
    if per_day is not None:
        average = work.quotient(
            "average per second", [Term(per_day, "events per day")], [Term(SECONDS_PER_DAY, "s per day")], "/s"
        )
    else:
        assert per_month is not None
        average = work.quotient(
            "average per second",
            [Term(per_month, "events per month")],
            [Term(SECONDS_PER_MONTH, "s per month")],
            "/s",
        )
        work.assume(f"A month is {DAYS_PER_MONTH:.4g} days = {SECONDS_PER_MONTH:,.0f} s (the shortcut is 2.5M s).")
    work.result("per_second_avg", average, "/s")
    work.product(
        "peak per second",
        [Term(average, "average", "/s"), Term(require_positive(peak_factor, "--peak-factor"), "peak factor")],
        "/s",
        key="per_second_peak",
    )
    work.assume(
        f"Peak is {peak_factor:g}x the daily average (diurnal peaks are usually 2-3x; launches and events more)."
    )
    return work.finish("per_second_avg", "per_second_peak")


def storage(
    *,
    bytes_per_item: float,
    items_per_day: float | None = None,
    items_per_month: float | None = None,
    replication: float = 1.0,
    retention_years: float = 1.0,
    growth_per_year: float = 0.0,
) -> Estimate:
    """Bytes written per day and month, and held at the end of the retention period with growth compounding."""
    if (items_per_day is None) == (items_per_month is None):
        raise UsageError("Give exactly one of --items-per-day or --items-per-month.", field="--items-per-day")
    if growth_per_year <= -1:
        raise UsageError("--growth must be above -1 (-0.5 = halves each year).", field="--growth")
    copies = Term(require_positive(replication, "--replication"), "copies")
    size = Term(bytes_per_item, "bytes per item", "B")
    work = Working("Storage")
    if items_per_day is not None:
        daily = Term(items_per_day, "items per day")
        work.product("bytes per day", [daily, size, copies], "B", key="bytes_per_day")
        items_per_month = work.product("items per month", [daily, Term(DAYS_PER_MONTH, "days per month")], "items")
    assert items_per_month is not None
    monthly = work.product(
        "bytes per month", [Term(items_per_month, "items per month"), size, copies], "B", key="bytes_per_month"
    )
    months = round(require_positive(retention_years, "--retention-years") * 12)
    _retained(work, monthly, months, growth_per_year)
    work.assume(f"{replication:g} stored copies; no compression (columnar formats often save 3-10x).")
    return work.finish(*[k for k in ("bytes_per_day", "bytes_per_month", "total_bytes") if k in work.values])


def _retained(work: Working, monthly: float, months: int, growth_per_year: float) -> None:
    """What is held after ``months`` of writing, volume growing each month."""
    if growth_per_year == 0:
        work.product(
            "held at the end of retention",
            [Term(monthly, "per month", "B"), Term(months, "months")],
            "B",
            key="total_bytes",
        )
        return
    monthly_growth = (1 + growth_per_year) ** (1 / 12)
    factor = sum(monthly_growth**m for m in range(months))
    growing = Term(factor, f"sum of {months} months growing {growth_per_year:.0%}/year")
    work.product(
        "held at the end of retention (volume grows every month)",
        [Term(monthly, "first month", "B"), growing],
        "B",
        key="total_bytes",
    )
    work.assume(f"Volume grows {growth_per_year:.0%} a year, compounding monthly; nothing is deleted before retention.")
