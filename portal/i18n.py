"""Language choice (Chinese first) and bilingual helpers for templates.

The language is chosen by ``?lang=`` (remembered in the session) or the
session; the default is Chinese. Catalogue records carry both languages in
their own columns; interface strings go through Flask-Babel."""
from __future__ import annotations

import re

from flask import Flask, current_app, request, session
from flask_babel import get_locale
from flask_babel import gettext as _

from matching.numbers import fmt, fmt_pct, fmt_zh

from .extensions import babel


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages:
        session["lang"] = asked
        return asked
    if session.get("lang") in languages:
        return session["lang"]
    if request.path.startswith("/api/") and not request.path.endswith("/docs") and request.accept_languages:
        # API clients have no session to remember ?lang=; pages (the API's
        # docs page too) stay Chinese first whatever the browser sends.
        best = request.accept_languages.best_match(languages)
        if best:
            return best
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def lang() -> str:
    """'zh' or 'en' for the current request."""
    return "en" if str(get_locale() or "zh").startswith("en") else "zh"


def pick(obj: object, field: str) -> str:
    """``obj.<field>_en`` in English (when not empty), else ``obj.<field>_zh``
    (``obj`` may be a mapping, such as a stored effect model)."""
    get = obj.get if isinstance(obj, dict) else (lambda name, default: getattr(obj, name, default))
    if lang() == "en":
        value = get(f"{field}_en", "") or ""
        if value:
            return value
    return get(f"{field}_zh", "") or ""


def paragraphs(text: str) -> list[str]:
    """Split stored plain text on blank lines (templates escape each part)."""
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def number(value: float | None) -> str:
    """A figure for people: 1,500,000 on English pages, 150 万 on Chinese ones."""
    return fmt(value) if lang() == "en" else fmt_zh(value)


def quantity(value: float | None, unit: str = "") -> str:
    """A number with its unit for people: 「4,288.25 万元」 on Chinese pages (万/亿
    and 元 join), "42,882,464 CNY" on English ones."""
    if lang() == "en":
        return f"{fmt(value)} {unit}".strip()
    text = fmt_zh(value)
    if unit in ("元", "CNY") and text.endswith(("万", "亿")):
        return f"{text}元"
    return f"{text} {unit}".strip()


def basis(obj: object) -> str:
    """A figure's basis in the page's language (``basis_zh`` / ``basis``, the English)."""
    if lang() == "en":
        return getattr(obj, "basis", "") or ""
    return getattr(obj, "basis_zh", "") or ""


UMBRELLA = re.compile(r"\s*\(umbrella:\s*(.+?)\)\s*$")


def plan_ref(ref: str) -> str:
    """A plan reference as stored ("专栏4 … (umbrella: 余热余压)": the plan names
    only the wider category) in the page's language."""
    found = UMBRELLA.search(ref or "")
    if not found:
        return ref
    wider = _("wider category: %(name)s", name=found.group(1))
    return f"{ref[:found.start()]}（{wider}）" if lang() == "zh" else f"{ref[:found.start()]} ({wider})"


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(lang=lang, pick=pick, basis_of=basis)
    app.jinja_env.filters["paragraphs"] = paragraphs
    app.jinja_env.filters["num"] = number
    app.jinja_env.filters["qty"] = quantity
    app.jinja_env.filters["exact"] = fmt          # keeps the digits a reader recomputes with
    app.jinja_env.filters["pct"] = fmt_pct
    app.jinja_env.filters["plan_ref"] = plan_ref
