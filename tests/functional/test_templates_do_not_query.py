"""Templates never query (issue 17 point 5): the names of districts and
process stages on listing pages, the home page's upcoming events and the
header's unread count come from the view, not from Jinja globals that ran
SQL while the page rendered."""
from __future__ import annotations

import re
from contextlib import contextmanager

from flask import before_render_template, template_rendered
from sqlalchemy import event

from tests.functional.test_supplier_workspace import location_id, offer_form, product_form

WATCHED = ("district", "process_stage", "announcement", "notification")
# a statement reading one of them first (lazy loads that only join them, e.g. an
# entry's stage with the entry, are not what this is about)
READS = re.compile(r'\bFROM\s+"?(?:' + "|".join(WATCHED) + r')"?(?:\s|$)')


@contextmanager
def queries_while_rendering(app):
    """SQL statements that read a WATCHED table while a template renders."""
    seen, rendering = [], []

    def started(*_args, **_kwargs):
        rendering.append(True)

    def finished(*_args, **_kwargs):
        rendering.clear()

    def statement(_conn, _cursor, sql, *_args):
        if rendering and READS.search(sql):
            seen.append(sql.split("\n")[0][:120])

    engine = app.extensions["db_engine"]
    event.listen(engine, "before_cursor_execute", statement)
    before_render_template.connect(started, app)
    template_rendered.connect(finished, app)
    try:
        yield seen
    finally:
        template_rendered.disconnect(finished, app)
        before_render_template.disconnect(started, app)
        event.remove(engine, "before_cursor_execute", statement)


def test_listing_pages_home_and_header_render_without_queries(as_user, supply_app):
    supplier, curator = as_user("supplier_admin"), as_user("curator1")
    product = location_id(supplier.post("/supplier/products/new", data=product_form()))
    supplier.post(f"/supplier/products/{product}/status", data={"action": "publish"})
    offer = location_id(supplier.post("/supplier/offers/new", data=offer_form(regions=["jiangbei"])))
    supplier.post(f"/supplier/offers/{offer}/status", data={"action": "publish"})
    visitor = as_user(None)
    pages = [(visitor, f"/products/{product}"), (visitor, f"/offers/{offer}"),
             (visitor, "/technologies/CE-01"), (visitor, "/"),
             (supplier, f"/supplier/products/{product}"), (supplier, f"/supplier/offers/{offer}"),
             (curator, f"/bureau/products/{product}"), (curator, f"/bureau/offers/{offer}"),
             (curator, "/account")]
    for client, path in pages:
        with queries_while_rendering(supply_app) as seen:
            page = client.get(path)
        assert page.status_code == 200, path
        assert seen == [], (path, seen)
    shown = visitor.get(f"/products/{product}").get_data(as_text=True)
    assert "熟料烧成" in shown  # the stage, named in the reader's language
    assert "江北区" in visitor.get(f"/offers/{offer}").get_data(as_text=True)
