"""Pages of the public needs board: anyone, signed in or not, may browse
the needs their owners listed (``catalog.pipeline.board``); a signed-in
supplier expresses interest through its existing form
(``supplier.interest_page``), everyone else is told how to."""
from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select

from catalog import models as m
from catalog.pipeline import board

from ..db import get_session
from ..i18n import lang
from ..params import int_arg, str_arg
from ..supplier.leads import labels

bp = Blueprint("board", __name__)

FILTERS = ("sector", "region", "stage", "problem_type", "financing")


def board_filter(page: int, per_page: int = board.PER_PAGE) -> board.BoardFilter:
    """The query string as a BoardFilter (over-long values: 400; unknown keys: 400 from ``board.check``)."""
    values = {name: str_arg(name) for name in FILTERS}
    return board.BoardFilter(q=str_arg("q", board.QUERY_MAX) or "", page=page, per_page=per_page, **values)


def choices() -> dict:
    """The filter lists, in the portal's order, with their labels."""
    db = get_session()
    sectors = [(s.key, s.label(lang())) for s in db.scalars(select(m.Sector).order_by(m.Sector.position))]
    regions = [(r.key, r.label(lang())) for r in db.scalars(select(m.Region).order_by(m.Region.position))]
    stages = [(s.key, s.sector_key, s.label(lang())) for s in db.scalars(
        select(m.ProcessStage).order_by(m.ProcessStage.sector_key, m.ProcessStage.position))]
    return {"sector_choices": sectors, "region_choices": regions, "stage_choices": stages}


@bp.get("/needs")
def needs():
    chosen = board_filter(int_arg("page", 1))
    found = board.board_page(get_session(), chosen)
    return render_template("board/needs.html", found=found, chosen=chosen, **choices(), **labels())


@bp.get("/needs/<id:need_id>")
def need(need_id: int):
    item = board.entry(get_session(), need_id)
    return render_template("board/need.html", item=item, **labels())
