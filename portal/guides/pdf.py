"""Guide PDFs: the print template (``guides/print.html``, Chinese) typeset by
WeasyPrint with a CJK font, rendered once when an edition is published and
kept in the ``guides`` file storage; downloads stream the stored file.

WeasyPrint needs Pango from the system, so it is imported only here, when a
PDF is rendered: a server without it still starts, publishes editions
without a PDF, and says so (``status``). The font is a file (``@font-face``),
so a PDF never silently falls back to a font without Chinese glyphs: the
GUIDE_PDF_FONT setting, else the first of FONTS that exists (Debian's
fonts-wqy-microhei, fonts-wqy-zenhei, fonts-noto-cjk)."""
from __future__ import annotations

from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale

from catalog import storage as stores
from catalog.guides.editions import PdfUnavailable

FONTS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
         "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
         "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
AREA = "guides"


def font_path() -> Path | None:
    configured = current_app.config.get("GUIDE_PDF_FONT")
    for candidate in ([configured] if configured else FONTS):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def status() -> str | None:
    """Why this server cannot render guide PDFs, or None when it can."""
    if font_path() is None:
        return "font"
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):   # OSError: the package is there, Pango is not
        return "weasyprint"
    return None


def render(edition, subject) -> bytes:
    """The edition as PDF bytes (Chinese); PdfUnavailable when this server cannot."""
    problem = status()
    if problem:
        raise PdfUnavailable(problem)
    from weasyprint import HTML

    with force_locale("zh"):
        html = render_template("guides/print.html", edition=edition, c=edition.content, subject=subject,
                               font_url=font_path().as_uri())
    return HTML(string=html, base_url=str(Path(current_app.root_path))).write_pdf()


def storage() -> stores.Storage:
    """The stored guide PDFs (the FILE_STORAGE backend, shared by every server)."""
    made = current_app.extensions.setdefault("file_storage", {})
    if AREA not in made:
        kind = current_app.config.get("FILE_STORAGE") or "local"
        made[AREA] = stores.area(kind, current_app.extensions["db_engine"],
                                 Path(current_app.config["PORTAL_DATA_DIR"]) / AREA, AREA)
    return made[AREA]
