"""Lengths of time typed on the command line; dates are read in test_phrases.py."""

from __future__ import annotations

from datetime import date

import pytest

from remind.core.dates import iso_day, parse_length

D = date.fromisoformat


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
    span = parse_length(text)
    assert span.after(D(start)) == D(end)


def test_iso_days_need_no_grammar() -> None:
    assert iso_day(" 2025-06-20 ") == D("2025-06-20")
    assert iso_day("2025-13-01") is None  # left to the grammar, which says what is wrong
    assert iso_day("6月20日") is None
