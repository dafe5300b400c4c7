"""One clock for "today" (issue 17 point 5): China Standard Time whatever the
server's zone, and date arithmetic that survives 29 February."""
from __future__ import annotations

import os
import re
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from catalog import clock

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def server_zone():
    """Run with the process in another zone (Honolulu, UTC−10), then restore it."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Pacific/Honolulu"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_today_is_the_date_in_china_whatever_the_servers_zone(server_zone):
    before = (datetime.now(UTC) + timedelta(hours=8)).date()
    today = clock.today()
    after = (datetime.now(UTC) + timedelta(hours=8)).date()
    assert today in (before, after)  # around midnight either is right
    # Honolulu is 18 hours behind China: from 06:00 there the two dates differ
    assert date.today() != today or time.localtime().tm_hour < 6
    assert clock.now().utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize("day,years,expected", [
    (date(2028, 2, 29), 3, date(2031, 2, 28)), (date(2028, 2, 29), 4, date(2032, 2, 29)),
    (date(2027, 3, 1), 1, date(2028, 3, 1)), (date(2026, 12, 31), 3, date(2029, 12, 31)),
])
def test_years_later_is_safe_on_29_february(day, years, expected):
    assert clock.years_later(day, years) == expected


def test_no_code_asks_the_servers_zone_for_today():
    """``date.today()`` (and ``datetime.now()`` without a zone) give the server's
    date; the audit log, notice periods and review dates are China's."""
    offenders = [f"{path.relative_to(ROOT)}:{n}"
                 for folder in ("catalog", "portal", "matching") for path in (ROOT / folder).rglob("*.py")
                 for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                 if re.search(r"\bdate\.today\(\)|\bdatetime\.now\(\)", line)]
    assert offenders == []


def test_a_stored_moment_falls_on_its_day_in_china():
    from catalog.clock import CHINA, day_of

    assert day_of(datetime(2026, 6, 30, 17, 0)) == date(2026, 7, 1)             # naive, from SQLite: UTC
    assert day_of(datetime(2026, 6, 30, 15, 59, tzinfo=UTC)) == date(2026, 6, 30)
    assert day_of(datetime(2026, 7, 1, 0, 30, tzinfo=CHINA)) == date(2026, 7, 1)
