"""The public needs board as JSON (routes on the ``api`` blueprint): the same
needs, filters and coarsening as ``/needs`` (``catalog.pipeline.board``)."""
from __future__ import annotations

from flask import jsonify, url_for

from catalog.errors import InvalidInput
from catalog.pipeline import board

from ..board.views import board_filter
from ..db import get_session
from ..errors import invalid_input_message
from ..params import int_arg
from .board_models import BoardQuery
from .validation import refuse, valid_query
from .views import bp


def _band(band) -> dict | None:
    return None if band is None else band.as_json()


def entry_json(item: board.BoardEntry) -> dict:
    need, f = item.need, item.need.figures
    start = f.desired_start.isoformat() if f.desired_start else (f.start_half.label("en") if f.start_half
                                                                  else None)
    return {
        "id": need.id, "anonymous": need.anonymous, "title": need.title or None,
        "enterprise": need.enterprise,
        "description": need.description or None, "sector": need.sector_key, "process_stage": need.stage_key,
        "problem_type": need.problem_type, "financing": need.financing,
        "district": None if f.place_is_region else need.place_key,
        "region": need.place_key if f.place_is_region else None,
        "target_saving_pct": _band(f.target_saving_pct), "target_saving_tce": _band(f.target_saving_tce),
        "budget_cny": _band(f.budget_cny), "desired_start": start,
        "listed_on": item.listed_on.isoformat() if item.listed_on else None,
        "expires_on": item.expires_on.isoformat(),
        "url": url_for("board.need", need_id=need.id),
        "interest_url": url_for("supplier.interest_page", need_id=need.id),
    }


@bp.get("/api/v1/needs")
def board_needs():
    valid_query(BoardQuery)
    chosen = board_filter(int_arg("page", 1), int_arg("per_page", board.PER_PAGE, maximum=board.PER_PAGE_MAX))
    try:
        found = board.board_page(get_session(), chosen)
    except InvalidInput as exc:  # a key the portal does not know: named like pydantic's 400s
        refuse({exc.field: invalid_input_message(exc)})
    return jsonify(total=found.total, page=found.page, pages=found.pages, per_page=found.per_page,
                   needs=[entry_json(e) for e in found.entries],
                   counts={"sector": found.by_sector, "region": found.by_region})


@bp.get("/api/v1/needs/<id:need_id>")
def board_need(need_id: int):
    return jsonify(entry_json(board.entry(get_session(), need_id)))
