"""The enterprise workspace: production lines and their benchmark diagnosis,
needs, and the matches for each need. Everything is scoped by the services
to the signed-in user's organisation; portal.policy admits enterprise roles."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from catalog import models as m
from catalog import queries, sources
from catalog.enterprise import diagnosis, energy, facilities, needs, starting
from catalog.enterprise.facilities import FacilityInput
from catalog.enterprise.matches import match, need_query
from catalog.enterprise.needs import TRANSITIONS, NeedInput
from catalog.errors import RuleError
from catalog.pipeline import followups
from catalog.pipeline.repeats import open_by_offer

from ..auth.messages import MESSAGES, message, to_form
from ..auth.session import actor
from ..auth.views import form_page
from ..db import get_session
from ..i18n import lang
from .forms import ButtonForm, FacilityForm, NeedForm, fill_choices
from .labels import CARRIERS, globals_
from .messages import MESSAGES as OWN_MESSAGES

bp = Blueprint("enterprise", __name__, url_prefix="/enterprise")


def init_app(app) -> None:
    MESSAGES.update(OWN_MESSAGES)
    app.jinja_env.globals.update(globals_())
    from ..bureau.programme_forms import KINDS, NOTES, RULES  # issue 23: programmes on the match page

    app.jinja_env.globals.update(PROGRAMME_KINDS=KINDS, PROGRAMME_NOTES=NOTES, PROGRAMME_RULES=RULES)


def org() -> int:
    return current_user.organisation.id


@bp.get("/")
def home():
    db = get_session()
    lines = facilities.list_for(db, org())
    return render_template("enterprise/home.html",
                           lines=[(f, diagnosis.diagnose_facility(db, f)) for f in lines],
                           needs=needs.list_for(db, org()), follow_ups=followups.due(db, org()))


def _facility_choices(form: FacilityForm) -> None:
    db = get_session()
    products = db.scalars(select(m.BenchmarkProduct).order_by(m.BenchmarkProduct.position))
    form.product_key.choices = [(p.key, p.label(lang()) + f" · {p.unit}") for p in products]
    form.installed.choices = [(t.code, f"{t.code} {t.label(lang())}") for t in db.scalars(
        select(m.Technology).where(m.Technology.status == "published").order_by(m.Technology.code)).unique()]
    form.main_fuel.choices = [("", _("The product's default"))] + [(k, str(v)) for k, v in CARRIERS.items()
                                                                    if k in FacilityForm.SHARES]
    form.district_key.choices = [("", "—")] + [(d.key, d.name_zh) for d in
                                               db.scalars(select(m.District).order_by(m.District.position))]


def _facility_input(form: FacilityForm) -> FacilityInput:
    plain = {name: getattr(form, name).data for name in FacilityInput.__dataclass_fields__
             if hasattr(form, name) and name not in ("fuel_shares", "installed")}
    plain["installed"] = tuple(form.installed.data or ())
    return FacilityInput(**plain, fuel_shares=form.shares(), shares_in_percent=True)


@bp.route("/facilities/new", methods=["GET", "POST"])
def new_facility():
    defaults = {} if request.method == "POST" else starting.facility_defaults(get_session(), org())
    form = FacilityForm(**defaults)
    _facility_choices(form)
    if form.validate_on_submit():
        try:
            line = facilities.create(get_session(), org(), _facility_input(form), actor())
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            return redirect(url_for("enterprise.facility", facility_id=line.id))
    return form_page("enterprise/facility_form.html", form)


@bp.route("/facilities/<int:facility_id>/edit", methods=["GET", "POST"])
def edit_facility(facility_id: int):
    line = facilities.get(get_session(), org(), facility_id)
    form = FacilityForm(obj=line)
    _facility_choices(form)
    if not form.is_submitted():
        form.fill_shares(line.fuel_shares)
    if form.validate_on_submit():
        try:
            facilities.update(get_session(), org(), facility_id, _facility_input(form), actor())
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            return redirect(url_for("enterprise.facility", facility_id=facility_id))
    return form_page("enterprise/facility_form.html", form, line=line)


@bp.get("/facilities/<int:facility_id>")
def facility(facility_id: int):
    db = get_session()
    line = facilities.get(db, org(), facility_id)
    factors = energy.factors(db)
    cited = sources.resolve(db, [line.product.annex_source, line.product.standard_source] + [
        k for c in factors.carriers.values() for k in (c.kgce.source, c.kgco2.source)])
    return render_template("enterprise/facility.html", line=line, dia=diagnosis.diagnose_facility(db, line),
                           mix=diagnosis.facility_mix(line), factors=factors, cited=cited)


def _need_choices(form: NeedForm) -> None:
    db = get_session()
    fill_choices(form)
    form.facility_id.choices = [("", "—")] + [(str(f.id), f.name) for f in facilities.list_for(db, org())]
    stages = db.scalars(select(m.ProcessStage).order_by(m.ProcessStage.position))
    form.stage_key.choices = [("", "—")] + [(s.key, s.label(lang())) for s in stages]


def _need_input(form: NeedForm) -> NeedInput:
    return NeedInput(**{name: getattr(form, name).data for name in NeedInput.__dataclass_fields__})


@bp.route("/needs/new", methods=["GET", "POST"])
def new_need():
    line = request.args.get("facility", type=int) if request.method == "GET" else None
    form = NeedForm(**starting.need_defaults(get_session(), org(), line))
    _need_choices(form)
    if form.validate_on_submit():
        try:
            item = needs.create(get_session(), org(), _need_input(form), actor(),
                                publish=form.action.data == "open")
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            return redirect(url_for("enterprise.need", need_id=item.id))
    return form_page("enterprise/need_form.html", form)


@bp.route("/needs/<int:need_id>/edit", methods=["GET", "POST"])
def edit_need(need_id: int):
    item = needs.get(get_session(), org(), need_id)
    form = NeedForm(obj=item, facility_id=str(item.facility_id or ""))
    _need_choices(form)
    if form.validate_on_submit():
        try:
            needs.update(get_session(), org(), need_id, _need_input(form), actor())
        except RuleError as exc:
            form.form_errors.extend(to_form(form, exc))
        else:
            return redirect(url_for("enterprise.need", need_id=need_id))
    return form_page("enterprise/need_form.html", form, need=item)


@bp.get("/needs/<int:need_id>")
def need(need_id: int):
    db = get_session()
    item = needs.get(db, org(), need_id)
    quotes = needs.quotes(db, item.id)
    result = match(db, current_app.config["SEARCH_INDEX_DIR"], need_query(item, quotes), limit=20)
    marks = needs.marks(db, item.id)
    show_all = request.args.get("show") == "all"
    views = [v for v in result.views if show_all or marks.get(v.technology.code) != "dismissed"][:10]
    return render_template("enterprise/need.html", need=item, result=result, views=views, marks=marks,
                           transitions=TRANSITIONS[item.status], button=ButtonForm(), show_all=show_all,
                           cited=citations(db, result, views), flags=queries.reference_flags(db),
                           quotes=quotes, closest=closest_categories(db, result, views),
                           technology_names=names_of(db, [e.code for e in result.excluded]),
                           open_inquiries=open_by_offer(db, org(), item.id), board_panel=board_panel(item))


def board_panel(item) -> dict:
    from .board import panel  # the board's module imports this one

    return panel(item)


@bp.get("/needs/<int:need_id>/compare")
def compare(need_id: int):
    db = get_session()
    item = needs.get(db, org(), need_id)
    codes = [c for raw in request.args.getlist("codes") for c in raw.split(",") if c]
    if len(codes) > 3:
        abort(400, _("Choose two or three matches to compare."))
    if len(codes) < 2:
        abort(400, _("Choose two or three matches to compare."))
    result = match(db, current_app.config["SEARCH_INDEX_DIR"], need_query(item, needs.quotes(db, item.id)),
                   limit=40)
    chosen = [v for v in result.views if v.technology.code in codes]
    if len(chosen) < len(codes):
        abort(404)
    return render_template("enterprise/compare.html", need=item, views=chosen, result=result,
                           cited=citations(db, result, chosen), flags=queries.reference_flags(db))


def names_of(db, codes: list[str]) -> dict[str, str]:
    return queries.technology_names(db, codes, lang())


def closest_categories(db, result, views) -> list:
    """For a short list: the categories of the entries that did fit (all categories when none did)."""
    return queries.categories_for(db, [v.technology.code for v in views]) if result.short_list else []


def citations(db, result, views) -> dict:
    """The documents the page cites: effect models, factors, benchmark rows."""
    keys: set = set()
    for view in views:
        keys |= sources.effect_keys(view.effect)
        if view.impact is not None:
            keys |= {i.source for i in view.impact.inputs if i.source}
        if view.appraisal is not None:
            keys.add(view.appraisal.life_source)
            if view.appraisal.capex is not None:
                keys.add(view.appraisal.capex.source)
        keys |= {o.programme.source_key for o in view.support}  # issue 23: programmes
    if result.product is not None:
        keys |= {result.product.annex_source, result.product.standard_source}
    return sources.resolve(db, keys)


@bp.post("/needs/<int:need_id>/status")
def need_status(need_id: int):
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        needs.move(get_session(), org(), need_id, request.form.get("status", ""), actor())
    except RuleError as exc:
        flash(message(exc), "danger")
    return redirect(url_for("enterprise.need", need_id=need_id))


@bp.post("/needs/<int:need_id>/marks")
def need_mark(need_id: int):
    if not ButtonForm().validate_on_submit():
        abort(400)
    value = request.form.get("mark") or None
    try:
        needs.mark(get_session(), org(), need_id, request.form.get("code", ""), value)
    except RuleError as exc:
        flash(message(exc), "danger")
    return redirect(url_for("enterprise.need", need_id=need_id) + f"#match-{request.form.get('code', '')}")


@bp.post("/needs/<int:need_id>/quotes")
def need_quote(need_id: int):
    """The enterprise records the investment it was quoted (万元) for a match."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    code = request.form.get("code", "")
    raw = (request.form.get("capex_wan") or "").strip()
    try:
        value = None if not raw else float(raw.replace(",", "")) * 10_000
    except ValueError:
        value = "invalid"
    try:
        needs.quote(get_session(), org(), need_id, code, value, actor())
    except RuleError as exc:
        abort(400, message(exc))
    return redirect(url_for("enterprise.need", need_id=need_id) + f"#match-{code}")


@bp.post("/needs/<int:need_id>/coverage")
def need_coverage(need_id: int):
    """Ask the bureau to fill the catalogue gap this short list shows."""
    if not ButtonForm().validate_on_submit():
        abort(400)
    needs.request_coverage(get_session(), org(), need_id, actor())
    flash(_("The bureau has been asked to look for technologies for this need."), "success")
    return redirect(url_for("enterprise.need", need_id=need_id))
