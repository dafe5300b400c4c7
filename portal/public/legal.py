"""What a Chinese government website shows besides its content (issue 21):
the footer's identity (主办单位, 承办单位, contact, ICP 备案号, 政府网站标识码,
公安机关备案号 — from the app's configuration, left out when empty), the
privacy policy, the terms of use, the accessibility statement and a sitemap,
each in Chinese and English (routes on the ``public`` blueprint).

The legal texts are whole templates per language
(``public/legal/<page>.<lang>.html``) rather than dozens of translated
sentences: a lawyer reviews each version as one document."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, render_template

from catalog import queries
from catalog.accounts import privacy

from ..db import get_session
from ..i18n import lang
from .views import bp


@dataclass(frozen=True)
class SiteIdentity:
    sponsor: str
    operator: str
    contact: str
    icp_record: str
    gov_code: str
    psb_record: str

    @property
    def empty(self) -> bool:
        return not any((self.sponsor, self.operator, self.contact, self.icp_record, self.gov_code,
                        self.psb_record))


def site_identity() -> SiteIdentity:
    """The configured identity in the page's language (English falls back to Chinese)."""
    config = current_app.config

    def text(key: str) -> str:
        value = config.get(f"{key}_EN", "") if lang() == "en" else ""
        return str(value or config.get(key, "") or "").strip()

    return SiteIdentity(sponsor=text("SITE_SPONSOR"), operator=text("SITE_OPERATOR"),
                        contact=text("SITE_CONTACT"), icp_record=text("SITE_ICP_RECORD"),
                        gov_code=text("SITE_GOV_CODE"), psb_record=text("SITE_PSB_RECORD"))


@bp.app_context_processor
def footer_context() -> dict:
    return {"site": site_identity()}


def legal_page(name: str, **context):
    return render_template(f"public/legal/{name}.{lang()}.html", page=name,
                           privacy_version=privacy.CURRENT_VERSION, **context)


@bp.get("/privacy", endpoint="privacy")
def privacy_policy():
    return legal_page("privacy")


@bp.get("/terms")
def terms():
    return legal_page("terms")


@bp.get("/accessibility")
def accessibility():
    return legal_page("accessibility")


@bp.get("/sitemap")
def sitemap():
    return render_template("public/sitemap.html", sectors=queries.sectors_with_counts(get_session()))
