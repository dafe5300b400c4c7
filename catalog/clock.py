"""The portal's one clock for calendar days: China Standard Time (UTC+8, no
daylight saving), the zone of the audit log, of notice periods and of review
dates — whatever zone the server runs in. Times stored in the database stay UTC."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")  # no daylight saving


def now() -> datetime:
    return datetime.now(UTC).astimezone(CHINA)


def today() -> date:
    """Today's date in China (the server's own zone does not matter)."""
    return now().date()


def day_of(moment: datetime) -> date:
    """The day in China of a stored moment (UTC; SQLite hands it back naive):
    a project implemented at 17:00 UTC on 30 June was implemented on 1 July."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(CHINA).date()


def years_later(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a
    year that has none."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
