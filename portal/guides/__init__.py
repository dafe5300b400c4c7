"""The bureau's guides (issue 22, blueprint ``guides``): the public list,
each guide's latest or older edition and its stored PDF (``public``), and
the bureau's preview, introduction, publishing and diff pages (``bureau``)."""
from __future__ import annotations

from flask import Blueprint, Flask
from flask_babel import lazy_gettext as _l

bp = Blueprint("guides", __name__)

from . import bureau, public  # noqa: E402,F401  (routes on the blueprint)

GUIDE_ACTIONS = {"guide.intro_saved": _l("Guide introduction saved"),
                 "guide.published": _l("Guide edition published")}
STANDINGS = {"benchmark": _l("At or above the benchmark (≥标杆)"),
             "between": _l("Between baseline and benchmark"),
             "below_baseline": _l("Below the baseline (<基准)"), "unknown": _l("Unit energy not given")}
KINDS = {"sector": _l("Sector supply–demand matching guide"),
         "cross": _l("Cross-cutting supply–demand matching guide"),
         "plan": _l("Technology promotion plan")}
DIFF_FIELDS = {"lines": _l("Registered lines"), "benchmark": _l("Capacity at ≥ benchmark"),
               "between": _l("Capacity between the levels"), "below_baseline": _l("Capacity below baseline"),
               "unknown": _l("Capacity without unit energy"), "benchmark_share": _l("Share at benchmark"),
               "saving_tce": _l("Typical saving"), "capex_cny": _l("Investment"),
               "payback_years": _l("Payback"),
               "effect_typical": _l("Typical effect"), "evidence": _l("Evidence level")}


def guide_url(kind: str, key: str, pdf: bool = False, **args) -> str:
    """The public page (or PDF) of guide ``kind``/``key``."""
    from flask import url_for

    if kind == "plan":
        return url_for("guides.plan_pdf" if pdf else "guides.plan", key=key, **args)
    return url_for("guides.guide_pdf" if pdf else "guides.guide", slug="cross" if kind == "cross" else key,
                   **args)


def init_app(app: Flask) -> None:
    from ..auth.labels import ACTIONS

    ACTIONS.update(GUIDE_ACTIONS)
    app.jinja_env.globals.update(GUIDE_STANDINGS=STANDINGS, GUIDE_KINDS=KINDS, GUIDE_DIFF_FIELDS=DIFF_FIELDS,
                                 guide_url=guide_url)
