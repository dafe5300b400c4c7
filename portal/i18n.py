"""Language choice (Chinese first) and bilingual helpers for templates.

The language is chosen by ``?lang=`` (remembered in the session) or the
session; the default is Chinese. Catalogue records carry both languages in
their own columns; interface strings go through Flask-Babel."""
from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_babel import get_locale

from .extensions import babel


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages:
        session["lang"] = asked
        return asked
    if session.get("lang") in languages:
        return session["lang"]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def lang() -> str:
    """'zh' or 'en' for the current request."""
    return "en" if str(get_locale() or "zh").startswith("en") else "zh"


def pick(obj: object, field: str) -> str:
    """``obj.<field>_en`` in English (when not empty), else ``obj.<field>_zh``."""
    if lang() == "en":
        value = getattr(obj, f"{field}_en", "") or ""
        if value:
            return value
    return getattr(obj, f"{field}_zh", "") or ""


def paragraphs(text: str) -> list[str]:
    """Split stored plain text on blank lines (templates escape each part)."""
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals.update(lang=lang, pick=pick)
    app.jinja_env.filters["paragraphs"] = paragraphs
