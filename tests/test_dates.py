"""The date forms typed on the command line, and lengths of time."""

from __future__ import annotations

from datetime import date

import pytest

from remind.dates import Span, parse_day, parse_since, parse_span
from remind.errors import RemindError

D = date.fromisoformat


@pytest.mark.parametrize(
    ("text", "day"),
    [("2025-06-20", "2025-06-20"), (" 2025/6/2 ", "2025-06-02"), ("2024.02.29", "2024-02-29")],
)
def test_days(text: str, day: str) -> None:
    assert parse_day(text) == D(day)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-02-29", "'2025-02-29' is not a real date (day is out of range for month)"),
        ("6月20日", "expected a date like 2025-06-20, got '6月20日'"),  # refused, never guessed
        ("20250620", "expected a date like 2025-06-20, got '20250620'"),
    ],
)
def test_days_refused(text: str, message: str) -> None:
    with pytest.raises(RemindError) as caught:
        parse_day(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("14", "2025-06-20", "2025-07-04"),
        ("14d", "2025-06-20", "2025-07-04"),
        ("2w", "2025-06-20", "2025-07-04"),
        ("1m", "2025-01-31", "2025-02-28"),  # a month on from 31 January is February's end
        ("1y", "2024-02-29", "2025-02-28"),
        ("0d", "2025-06-20", "2025-06-20"),
    ],
)
def test_spans(text: str, start: str, end: str) -> None:
    span = parse_span(text)
    assert span.after(D(start)) == D(end)


def test_since_takes_a_date_or_how_long_ago() -> None:
    assert parse_since("2025-01-01") == D("2025-01-01")
    assert parse_since("90d") == Span(90, "d")
    assert parse_since("1y").before(D("2025-06-20")) == D("2024-06-20")  # type: ignore[union-attr]
    with pytest.raises(RemindError, match="expected a date like 2025-01-01 or a length like 90d"):
        parse_since("last year")
