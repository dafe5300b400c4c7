"""Supplier workspace: the overview and products (create, edit, publish,
withdraw, attachments, history)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from catalog.curation import submissions as submission_service
from catalog.errors import RuleError
from catalog.supply import files, offers, products
from catalog.supply.products import ProductInput

from ..auth.messages import message
from ..auth.session import actor
from ..auth.views import form_page
from ..db import get_session
from . import (
    attachment_dir,
    bp,
    listing_labels,
    max_upload,
    may_publish,
    org_id,
    region_choices,
    rows_of,
    technology_choices,
)
from .forms import ButtonForm, ProductForm, UploadForm
from .steps import saved, status_step, stored


@bp.get("/")
def home():
    db = get_session()
    return render_template("supplier/home.html", products=products.list_own(db, org_id()),
                           offers=offers.list_own(db, org_id()),
                           submissions=submission_service.list_own(db, org_id()),
                           may_publish=may_publish())


def _choices(form: ProductForm) -> ProductForm:
    from catalog.models import ProcessStage

    form.technologies.choices = technology_choices()
    form.stages.choices = rows_of(ProcessStage)
    form.regions.choices = region_choices()
    return form


def _input(form: ProductForm) -> ProductInput:
    return ProductInput(
        name_zh=form.name_zh.data or "", name_en=form.name_en.data or "",
        description=form.description.data or "", technologies=tuple(form.technologies.data or ()),
        specs=tuple((r.form.name.data or "", r.form.value.data or "", r.form.unit.data or "")
                    for r in form.specs),
        stages=tuple(form.stages.data or ()), capacity_note=form.capacity_note.data or "",
        price_min_wan=form.price_min.data or "", price_max_wan=form.price_max.data or "",
        regions=tuple(form.regions.data or ()),
        certificates=tuple((r.form.name.data or "", r.form.number.data or "", r.form.issuer.data or "",
                            r.form.valid_until.data or "") for r in form.certificates),
        cases=tuple((r.form.site.data or "", r.form.year.data or "", r.form.results.data or "",
                     bool(r.form.contact_ok.data)) for r in form.cases),
    )


def _current(product) -> dict:
    def money(cny):
        return "" if cny is None else f"{cny / 10_000:g}"

    return {"name_zh": product.name_zh, "name_en": product.name_en, "description": product.description,
            "technologies": [t.code for t in product.technologies], "specs": product.specs,
            "stages": product.stage_keys, "capacity_note": product.capacity_note,
            "price_min": money(product.price_min_cny), "price_max": money(product.price_max_cny),
            "regions": product.regions, "certificates": product.certificates,
            "cases": [{**c, "year": str(c["year"])} for c in product.cases]}


@bp.route("/products/new", methods=["GET", "POST"])
def new_product():
    form = _choices(ProductForm())
    return saved(form, lambda: products.create(get_session(), actor(), org_id(), _input(form)),
                 _("The product has been saved as a draft."),
                 lambda item: url_for("supplier.product", product_id=item.id)) \
        or form_page("supplier/product_form.html", form, product=None)


@bp.route("/products/<id:product_id>/edit", methods=["GET", "POST"])
def edit_product(product_id: int):
    db = get_session()
    product = products.get_own(db, org_id(), product_id)
    form = _choices(ProductForm() if request.method == "POST" else ProductForm(data=_current(product)))
    return saved(form, lambda: products.update(db, actor(), org_id(), product_id, _input(form)),
                 _("The product has been saved."),
                 lambda item: url_for("supplier.product", product_id=item.id)) \
        or form_page("supplier/product_form.html", form, product=product)


@bp.get("/products/<id:product_id>")
def product(product_id: int, upload: UploadForm | None = None, status: int = 200):
    item = products.get_own(get_session(), org_id(), product_id)
    return render_template("supplier/product.html", product=item, upload=upload or UploadForm(),
                           button=ButtonForm(), may_publish=may_publish(), labels=listing_labels()), status


STATUS_STEPS = {"publish": (products.publish, _l("The product is now public.")),
                "withdraw": (products.withdraw, _l("The product has been withdrawn from public view."))}


@bp.post("/products/<id:product_id>/status")
def product_status(product_id: int):
    products.get_own(get_session(), org_id(), product_id)
    return status_step(STATUS_STEPS, lambda step: step(get_session(), actor(), org_id(), product_id),
                       url_for("supplier.product", product_id=product_id),
                       lambda: product(product_id, status=400))


@bp.post("/products/<id:product_id>/files")
def product_file(product_id: int):
    products.get_own(get_session(), org_id(), product_id)
    def attach(name: str, data: bytes):
        return files.attach_to_product(get_session(), actor(), org_id(), product_id, name, data,
                                       attachment_dir(), max_upload())

    return stored(attach,
                  url_for("supplier.product", product_id=product_id),
                  lambda form: product(product_id, form, 400), _("The file has been uploaded."))


@bp.post("/files/<id:attachment_id>/remove")
def remove_file(attachment_id: int):
    if not ButtonForm().validate_on_submit():
        abort(400)
    db = get_session()
    row = files.readable(db, attachment_id, files.Viewer(org_id()))
    back = url_for("supplier.product", product_id=row.product_id) if row.product_id else \
        url_for("supplier.submission", submission_id=row.submission_id)
    try:
        files.remove(db, actor(), org_id(), attachment_id, attachment_dir())
    except RuleError as exc:
        flash(message(exc), "danger")
        return redirect(back)
    flash(_("The file has been removed."), "success")
    return redirect(back)
