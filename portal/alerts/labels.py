"""Saved searches in words: each saved value with its label (for the list and
for the default name of a search without text), and the messages of the
saved-search rule codes."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from catalog import queries
from catalog.page_args import FACET_ARGS

from ..db import get_session
from ..i18n import lang
from ..labels import SORTS
from ..supplier.labels import TYPE_LABELS

MESSAGES = {
    "saved_search.empty": _l("Search for something or choose a filter before saving the search."),
    "saved_search.limit": _l("You have %(limit)d saved searches, the most allowed. Delete one first."),
    "saved_search.scope": _l("Only searches and catalogue filters can be saved."),
}
SEARCH_SORTS = {**SORTS, "saving": _l("Largest saving")}


def describe(values: dict[str, str]) -> list[tuple[str, str]]:
    """(what, value) pairs in the user's language, in the page's order."""
    rows = queries.facet_rows(get_session())
    out = []
    if values.get("q"):
        out.append((_("Search text"), values["q"]))
    if values.get("type"):
        out.append((_("Type"), str(TYPE_LABELS.get(values["type"], values["type"]))))
    titles = {"sector": _("Sector"), "stage": _("Process stage"), "category": _("Category"),
              "maturity": _("Maturity")}
    for name in FACET_ARGS:
        if values.get(name):
            row = rows[name].get(values[name])
            out.append((titles[name], row.label(lang()) if row is not None else values[name]))
    if values.get("plan"):
        out.append((_("Plan"), _("Named in the Chongqing plan")))
    if values.get("sort"):
        out.append((_("Sort by"), str(SEARCH_SORTS.get(values["sort"], values["sort"]))))
    return out


def default_name(values: dict[str, str]) -> str:
    """The search text, or else the chosen filters' labels."""
    if values.get("q"):
        return values["q"]
    return " · ".join(value for what, value in describe(values) if what != _("Sort by"))
