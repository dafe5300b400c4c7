"""Forms and labels of the support programmes (bureau console and public pages)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField

from catalog.models import Programme

from ..auth import messages as account_messages
from ..auth.forms import MultiCheckboxField

KINDS = {"grant": _l("Grant (share of the investment)"), "interest_subsidy": _l("Interest subsidy on a loan"),
         "credit": _l("Loan (green credit)"), "recognition": _l("Support paid to the equipment maker")}
STATUSES = {"draft": _l("Draft"), "published": _l("Published"), "retired": _l("Retired")}
RULES = {"sector": _l("Sector"), "category": _l("Technology category"), "technology": _l("Technology"),
         "min_saving": _l("Minimum saving (tce a year)"), "deadline": _l("Application deadline")}
NOTES = {
    "recognition": _l("Paid to the equipment maker, not to you: your investment and payback do not change."),
    "missing_figures": _l("No published figure for its share or rate: not used in the payback."),
    "no_appraisal": _l("No payback without the investment and the saving in CNY."),
}
MESSAGES = {
    "programme.slug": _l("Use 3–64 lower-case letters, digits and hyphens, e.g. cq-retrofit-fund."),
    "programme.slug_taken": _l("Another programme already uses this short name."),
    "programme.source_unknown": _l("This key is not in the source registry."),
    "programme.source_required": _l("A programme with a figure must cite its published source."),
    "programme.basis_required": _l("Say what the source states about the figures."),
    "programme.state": _l("This is not possible for a programme that is “%(status)s”."),
    "categories.invalid": _l("Choose categories from the list."),
}
account_messages.MESSAGES.update(MESSAGES)  # constant texts joining the shared table


class ProgrammeForm(FlaskForm):
    slug = StringField(_l("Short name in the address (e.g. cq-retrofit-fund)"))
    kind = SelectField(_l("Kind"))  # choices set by the view, in the user's language
    name_zh = StringField(_l("Name (Chinese)"))
    name_en = StringField(_l("Name (English)"))
    administrator_zh = StringField(_l("Administered by (Chinese)"))
    administrator_en = StringField(_l("Administered by (English)"))
    summary_zh = TextAreaField(_l("Summary (Chinese)"))
    summary_en = TextAreaField(_l("Summary (English)"))
    sectors = MultiCheckboxField(_l("Sectors (none: every sector)"), validate_choice=False)
    categories = MultiCheckboxField(_l("Technology categories (none: every category)"), validate_choice=False)
    technologies = StringField(_l("Only these technologies (catalogue codes; empty: any)"))
    min_saving_tce = StringField(_l("Minimum saving on the line (tce a year)"))
    deadline = StringField(_l("Deadline (e.g. 2026-12-31)"))
    share_pct = StringField(_l("Share of the investment (%)"))
    cap_cny = StringField(_l("Cap (CNY)"))
    rate_pct = StringField(_l("Rate (% a year: subsidy points or loan rate)"))
    years = StringField(_l("Years (subsidy period or loan term)"))
    source_key = StringField(_l("Source (key of the source registry)"))
    basis_zh = TextAreaField(_l("What the source states (Chinese)"))
    basis_en = TextAreaField(_l("What the source states (English)"))

    def fill(self, item: Programme) -> None:
        for name in ("slug", "kind", "name_zh", "name_en", "administrator_zh", "administrator_en",
                     "summary_zh", "summary_en", "basis_zh", "basis_en"):
            getattr(self, name).data = getattr(item, name)
        self.sectors.data, self.categories.data = list(item.sectors or []), list(item.categories or [])
        self.technologies.data = ", ".join(item.technologies or [])
        self.source_key.data = item.source_key or ""

        def text(value) -> str:
            return "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".")

        self.min_saving_tce.data, self.cap_cny.data = text(item.min_saving_tce), text(item.cap_cny)
        self.share_pct.data = text(item.share * 100 if item.share is not None else None)
        self.rate_pct.data = text(item.rate * 100 if item.rate is not None else None)
        self.years.data = text(item.years)
        self.deadline.data = item.deadline.isoformat() if item.deadline else ""


class RetireForm(FlaskForm):
    reason = TextAreaField(_l("Why it is retired"))
