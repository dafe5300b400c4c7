"""Synthetic data for the bureau dashboard: organisations, production lines,
needs (with match scores), inquiries with their pipeline events, contracts
and follow-ups, with a plausible spread of statuses over the last two years.
Built with the scale profile's builders (``catalog.demo.scale.Scale``, bulk
inserts); 30 % of the organisations are suppliers, each sector's suppliers
list the real catalogue's technologies (a product and two EMC offers each).

The database must be migrated and seeded first (reference data and the
catalogue: ``flask --app portal setup``). Use a database of its own.

    .venv/bin/python bench/console_data.py sqlite:////tmp/console.sqlite3 \
        [--organisations 2000 --facilities 5000 --needs 10000 --inquiries 50000 --seed 1]
"""
from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from catalog.demo.scale import Scale  # noqa: E402


def generate(session: Session, organisations: int = 2000, facilities: int = 5000, needs: int = 10000,
             inquiries: int = 50000, seed: int = 1, today: date | None = None) -> dict[str, int]:
    """Add the synthetic rows in one transaction; the counts added."""
    now = datetime.combine(today, datetime.min.time(), UTC) if today else None
    scale = Scale(session, seed, now)
    suppliers = scale.organisations("supplier", organisations * 3 // 10, users=False)
    enterprises = scale.organisations("enterprise", organisations - len(suppliers), users=False)
    lines = scale.lines(enterprises, facilities)
    posted = scale.needs(needs, lines, [org for org, _ in enterprises], confidentiality={"public": 1})
    products = scale.listings(suppliers, [t.code for t in scale.b.ref.technologies])
    scale.inquiries(inquiries, posted, [org for org, _ in enterprises], products)
    session.commit()
    return {"organisations": organisations, "facilities": facilities, "needs": needs, "inquiries": inquiries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    for name, default in (("organisations", 2000), ("facilities", 5000), ("needs", 10000),
                          ("inquiries", 50000), ("seed", 1)):
        parser.add_argument(f"--{name}", type=int, default=default)
    args = parser.parse_args()
    from catalog.db import make_engine, make_session_factory

    engine = make_engine(args.url)
    with make_session_factory(engine)() as session:
        print(generate(session, args.organisations, args.facilities, args.needs, args.inquiries, args.seed))
    engine.dispose()


if __name__ == "__main__":
    main()
