"""axe-core 4.14.1 (vendored, tests/e2e/assets/axe-core) in real Chromium over
the key pages of every role — the demo world on the seed catalogue — in
Chinese and English, at desktop width and on a 390 px phone: no violation of
any impact (the issue asks for no serious or critical one; the pages have
none of the others either, so a new one fails too), and on the phone no table squeezes a column below three
characters. Also: keyboard focus rings have at least 3:1 contrast against
what surrounds them (WCAG 2.2 focus appearance); at 390 px the closed menu is
out of the tab order and the diagnosis chart's labels are ≥ 11 px and apart;
without JavaScript the menu stays open and choices are check boxes; ℃ ㎡ ≥ ₂
are drawn by the portal's own fonts.

Each run's figures (pages, violations by impact, contrast left undecided by
axe and why) are written to test-results/axe-<lang>-<width>.json; the hand
checks of the undecided ones are in docs/accessibility.md."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from catalog import models as m
from catalog.demo import world
from catalog.pipeline import lead_store
from tests.conftest import app_factory, seed_database
from tests.e2e.conftest import serve

pytestmark = pytest.mark.e2e

AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

PUBLIC = ["/", "/catalogue?sector=cement&category=waste_heat_recovery", "/technologies/CE-01",
          "/search?q=篦冷机", "/benchmarks", "/sectors/cement", "/editions", "/notices",
          "/login", "/register", "/privacy", "/terms", "/accessibility", "/sitemap"]


@pytest.fixture(scope="module")
def demo(make_database, tmp_path_factory):
    """The demo world (accounts of every role, lines, needs with matches,
    offers, inquiries, leads) on its own database, served; with the ids the
    pages need."""
    built = seed_database(make_database(), tmp_path_factory.mktemp("a11y-index") / "search-index")
    with built["sessions"]() as db:
        world.build(db)
        lead_store.refresh_all(db, built["index_dir"])
        ids = {
            "facility": db.scalar(select(m.Facility.id).where(m.Facility.name == "2号熟料线（5000 t/d）")),
            "need": db.scalar(select(m.Need.id).where(m.Need.title == "2号线篦冷机升级，降低熟料烧成热耗")),
            "inquiry": db.scalar(select(m.Inquiry.id).where(m.Inquiry.need_id.is_not(None))
                                 .order_by(m.Inquiry.id)),
        }
    apps = app_factory(built, tmp_path_factory, "a11y")
    servers = serve(next(apps)(WTF_CSRF_ENABLED=True))
    url = next(servers)
    yield {"url": url, "ids": ids}
    for rest in (servers, apps):
        next(rest, None)
    built["engine"].dispose()


def role_pages(ids: dict) -> dict[str, list[str]]:
    need, inquiry = ids["need"], ids["inquiry"]
    return {
        "cement@demo.example": ["/enterprise/", f"/enterprise/facilities/{ids['facility']}",
                                "/enterprise/needs/new", f"/enterprise/needs/{need}",
                                f"/enterprise/needs/{need}/compare?codes=CE-01,CE-04",
                                f"/inquiries/{inquiry}"],
        "esco@demo.example": ["/supplier/", "/supplier/offers/new", "/supplier/products/new",
                              "/supplier/leads", f"/inquiries/{inquiry}"],
        "bureau@demo.example": ["/bureau/dashboard", "/bureau/submissions"],
    }


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.fill("#email", email)
    page.fill("#password", world.DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, f"{email} could not sign in"


def axe_check(page) -> dict:
    """axe's default rule set on the loaded page: violations and the colour
    contrast it could not decide (background images, gradients, overlaps)."""
    if not page.evaluate("() => !!window.axe"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations', 'incomplete']});
        const brief = (v) => ({id: v.id, impact: v.impact, help: v.help,
                               nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 8),
                               count: v.nodes.length});
        const undecided = r.incomplete.filter((v) => v.id === 'color-contrast').flatMap((v) => v.nodes);
        return {violations: r.violations.map(brief), undecided_contrast: undecided.length,
                undecided: undecided.map((n) => {
                    const data = (n.any[0] || {}).data || {};
                    return {why: data.messageKey || '', fg: data.fgColor || '', bg: data.bgColor || '',
                            target: n.target.join(' ')};
                })};
    }""")


# The colour each focus ring is drawn in against the first opaque background
# behind the element (its own outline sits outside it, offset).
FOCUS_RING = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); })
        .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
    let bg = null;
    for (let p = el.parentElement; p; p = p.parentElement) {
        const c = rgb(getComputedStyle(p).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) { bg = c.slice(0, 3); break; }
    }
    bg = bg || [255, 255, 255];
    const width = parseFloat(cs.outlineWidth) || 0;
    const ring = cs.outlineStyle !== 'none' && width >= 2 ? rgb(cs.outlineColor).slice(0, 3) : null;
    const [a, b] = ring ? [lum(ring), lum(bg)].sort((x, y) => y - x) : [0, 0];
    return {what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' ' +
                  (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30),
            ratio: ring ? (a + 0.05) / (b + 0.05) : 0, width};
}"""


def focus_rings(page, stops: int = 30) -> list[dict]:
    """Tab through the first ``stops`` focusable elements; each one's ring."""
    page.locator("body").click(position={"x": 1, "y": 1})
    seen = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring:
            seen.append(ring)
    return seen


def squeezed_tables(page) -> list[str]:
    """Tables with a cell of more than three characters whose text column is
    narrower than three characters on this screen: neither stacked as cards
    nor given room inside a horizontal scroll region."""
    return page.evaluate("""() => [...document.querySelectorAll('main table')].filter((t) => {
        if (t.closest('[hidden], details:not([open])')) return false;
        return [...t.querySelectorAll('th, td')].some((c) => {
            const cs = getComputedStyle(c);
            const inner = c.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
            const head = c.closest('thead');  // a stacked table's visually hidden header row
            return c.offsetWidth > 0 && (!head || head.offsetWidth > 1) && c.textContent.trim().length > 3 &&
                inner < 3 * parseFloat(cs.fontSize);
        });
    }).map((t) => (t.id || t.className || 'table') + ' ' +
                  (t.caption ? t.caption.textContent.trim() : ''))""")


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_pages_have_no_violations(browser, demo, lang, width):
    base, report, failures = demo["url"], {}, []
    visits = [(None, path) for path in PUBLIC] + [
        (email, path) for email, paths in role_pages(demo["ids"]).items() for path in paths]
    contexts: dict = {}
    try:
        for email, path in visits:
            if email not in contexts:
                # axe is injected as a script tag, which the portal's CSP would refuse
                context = browser.new_context(locale="zh-CN", viewport=WIDTHS[width], bypass_csp=True)
                tab = context.new_page()
                if email:
                    sign_in(tab, base, email)
                tab.goto(f"{base}/?lang={lang}")
                contexts[email] = (context, tab)
            tab = contexts[email][1]
            response = tab.goto(base + path)
            if response.status != 200:
                failures.append((path, response.status, []))
                continue
            result = axe_check(tab)
            result["squeezed_tables"] = squeezed_tables(tab) if width == "phone" else []
            report[f"{email or 'anonymous'} {path}"] = result
            bad = result["violations"]
            if bad or result["squeezed_tables"]:
                failures.append((path, bad, result["squeezed_tables"]))
    finally:
        for context, _tab in contexts.values():
            context.close()
    by_impact: dict[str, int] = {}
    for result in report.values():
        for v in result["violations"]:
            by_impact[v["impact"]] = by_impact.get(v["impact"], 0) + v["count"]
    summary = {"pages": len(report), "lang": lang, "width": WIDTHS[width]["width"],
               "violations_by_impact": by_impact,
               "undecided_contrast": sum(r["undecided_contrast"] for r in report.values()),
               "pages_detail": report}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"axe-{lang}-{width}.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1),
                                                      "utf-8")
    assert len(report) >= 20
    assert failures == [], json.dumps(failures, ensure_ascii=False, indent=1)


@pytest.fixture
def tab(browser):
    """``tab(width)``: a page in a fresh Chinese context of that width, closed after the test."""
    contexts = []

    def open_tab(width: str):
        contexts.append(browser.new_context(locale="zh-CN", viewport=WIDTHS[width]))
        return contexts[-1].new_page()

    yield open_tab
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_focus_rings_contrast_three_to_one(tab, demo, width):
    page, weak = tab(width), []
    for path in ("/", "/catalogue", "/login", "/register", "/benchmarks"):
        page.goto(demo["url"] + path)
        rings = focus_rings(page)
        assert rings, path
        weak += [(path, r) for r in rings if r["ratio"] < 3]
    assert weak == []


def test_phone_navigation_is_collapsed_and_out_of_the_tab_order(tab, demo):
    page = tab("phone")
    page.goto(demo["url"] + "/")
    nav_link = page.locator("#portal-menu a", has_text="标杆")
    assert not nav_link.is_visible()
    page.locator("body").click(position={"x": 1, "y": 1})
    for _ in range(12):   # skip link, brand, language, sign-in, register, menu button, …
        page.keyboard.press("Tab")
        assert page.evaluate("() => !!document.activeElement.closest('#portal-menu')") is False
    toggle = page.get_by_role("button", name="菜单")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    nav_link.wait_for(state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    nav_link.click()
    page.wait_for_url("**/benchmarks")


def test_phone_diagnosis_chart_labels_are_readable_and_apart(tab, demo):
    page = tab("phone")
    sign_in(page, demo["url"], "cement@demo.example")
    page.goto(f"{demo['url']}/enterprise/facilities/{demo['ids']['facility']}")
    chart = page.evaluate("""() => {
        const svg = document.querySelector('svg.benchmark-scale');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const boxes = [...svg.querySelectorAll('text, polygon')].map((el) => el.getBoundingClientRect());
        const apart = boxes.every((a, i) => boxes.every((b, j) => j <= i || a.right <= b.left ||
            b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top));
        return {px: Math.min(...[...svg.querySelectorAll('text')].map(
                    (t) => scale * parseFloat(t.getAttribute('font-size')))), apart};
    }""")
    assert chart["px"] >= 11, chart
    assert chart["apart"], chart


def test_the_symbol_fonts_come_from_the_portal_and_draw_the_units(tab, demo):
    page = tab("desktop")
    fonts = []
    page.on("response", lambda r: r.url.endswith(".woff2") and fonts.append((r.url, r.status)))
    page.goto(demo["url"] + "/benchmarks")
    # ink drawn for each symbol in the page's own font stack (WenQuanYi Micro Hei, installed here,
    # maps ℃ to an empty glyph: Portal Units, first in the stack, must draw it)
    ink = page.evaluate("""async () => {
        await document.fonts.load('32px "Portal Units"', '℃⁶');
        await document.fonts.load('32px "Portal Symbols"', '㎡≥');
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 48;
        const ctx = canvas.getContext('2d', {willReadFrequently: true});
        ctx.font = '32px ' + getComputedStyle(document.body).fontFamily;
        const out = {};
        for (const ch of ['℃', '㎡', '≥', '₂', '⁶', 'Ⅴ']) {
            ctx.clearRect(0, 0, 48, 48);
            ctx.fillText(ch, 4, 36);
            out[ch] = ctx.getImageData(0, 0, 48, 48).data.filter((v, i) => i % 4 === 3 && v > 0).length;
        }
        return out;
    }""")
    assert all(pixels > 20 for pixels in ink.values()), ink
    assert sorted(url.rsplit("/", 1)[1] for url, _ in fonts) == ["portal-symbols.woff2", "portal-units.woff2"]
    assert all(url.startswith(demo["url"] + "/static/fonts/") and status == 200 for url, status in fonts)


def test_without_javascript_the_menu_stays_open_and_choices_are_check_boxes(browser, demo):
    context = browser.new_context(locale="zh-CN", viewport=WIDTHS["phone"], java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, demo["url"], "esco@demo.example")
        page.goto(demo["url"] + "/supplier/offers/new")
        assert page.locator("#portal-menu a", has_text="标杆").is_visible()
        assert not page.locator(".portal-menu-toggle").is_visible()
        boxes = page.locator("#technologies input[type=checkbox]")
        assert boxes.count() >= 75 and page.locator("select[multiple]").count() == 0
        assert page.locator(".check-list-filter").count() == 0  # the filter is JavaScript's addition
        page.check("#technologies input[value=CE-04]")
        assert page.is_checked("#technologies input[value=CE-04]")
    finally:
        context.close()
    context = browser.new_context(locale="zh-CN", viewport=WIDTHS["phone"], java_script_enabled=False)
    try:  # the enterprise's line form: what the line already has, from the whole catalogue
        page = context.new_page()
        sign_in(page, demo["url"], "cement@demo.example")
        page.goto(demo["url"] + "/enterprise/facilities/new")
        assert page.locator("#installed input[type=checkbox]").count() >= 75
        assert page.locator("select[multiple]").count() == 0
        page.check("#installed input[value=CE-04]")
        assert page.is_checked("#installed input[value=CE-04]")
    finally:
        context.close()
