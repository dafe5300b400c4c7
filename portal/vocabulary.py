"""One label layer for the keys the domain stores (statuses, problem types,
financing, contract models, audit actions and their details): pages, the
audit log and the bureau's exports all ask here, so a Chinese page or file
never shows ``site_survey`` or ``inquiry.status_changed``.

Each vocabulary is a dict of lazy gettext labels owned by its area; this
module only gathers them. ``ExportLabels`` hands them to catalog.console's
exports (which know nothing of Flask) in Chinese, the language of their headers."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from catalog.accounts.roles import KIND_LABELS, ROLE_LABELS, label

from .auth.labels import ACTIONS
from .enterprise.forms import CONFIDENTIALITY, FINANCING, PROBLEMS
from .enterprise.labels import NEED_STATUSES
from .i18n import lang
from .inquiries.labels import LOST_LABELS, MODEL_LABELS, STATUS_LABELS
from .supplier.labels import LISTING_STATUS, SUBMISSION_STATUS

OBJECTS = {
    "user": _l("User"), "organisation": _l("Organisation"), "invitation": _l("Invitation"),
    "technology": _l("Catalogue entry"), "need": _l("Need"), "facility": _l("Production line"),
    "inquiry": _l("Inquiry"), "product": _l("Product"), "offer": _l("EMC offer"),
    "submission": _l("Submission"), "objection": _l("Objection"), "edition": _l("Edition"),
    "announcement": _l("Announcement"), "import": _l("Import"), "attachment": _l("Attachment"),
    "curation": _l("Review settings"), "console": _l("Bureau console"), "registration": _l("Registration"),
    "password": _l("Password"), "auth": _l("Sign-in"), "catalogue": _l("Catalogue"),
}
VERBS = {
    "created": _l("created"), "updated": _l("changed"), "published": _l("published"),
    "withdrawn": _l("withdrawn"), "status_changed": _l("status changed"), "message": _l("message added"),
    "forwarded": _l("forwarded by the bureau"), "not_forwarded": _l("not forwarded by the bureau"),
    "follow_up": _l("follow-up answered"), "coverage_requested": _l("catalogue coverage requested"),
    "quote_recorded": _l("quotation recorded"), "imported": _l("imported"), "promoted": _l("featured"),
    "retired": _l("retired"), "review_due_set": _l("review date set"), "settings_changed": _l("changed"),
    "entry_added": _l("entry added"), "registered": _l("registration"), "added": _l("added"),
    "removed": _l("removed"), "filed": _l("filed"), "reviewed": _l("scored"), "submit": _l("submitted"),
    "start_review": _l("review started"), "return": _l("returned for revision"), "approve": _l("approved"),
    "reject": _l("rejected"), "start_notice": _l("public notice started"),
    "publish": _l("published in an edition"), "dismissed": _l("dismissed"), "upheld": _l("upheld"),
    "cancelled": _l("cancelled"), "import_technologies": _l("catalogue entries imported"),
    "import_organisations": _l("organisations imported"), "email_confirmed": _l("e-mail address confirmed"),
    "repeated": _l("registered again with a known address or code"),
    "reference_consent": _l("consent to be named in the supplier directory changed"),
}
DETAIL_KEYS = {
    "status": _l("Status"), "email": _l("E-mail"), "role": _l("Role"), "reason": _l("Reason"),
    "title": _l("Title"), "name": _l("Name"), "fields": _l("Fields changed"), "outcome": _l("Outcome"),
    "kind": _l("Kind"), "model": _l("Contract model"), "technology": _l("Technology"),
    "product": _l("Product"), "submission": _l("Submission"), "filename": _l("File"), "source": _l("Source"),
    "via": _l("Via"), "version": _l("Version"), "uscc": _l("Unified social credit code"),
    "attendees": _l("Attendees"), "satisfaction": _l("Satisfaction"), "round": _l("Round"),
    "capex_cny": _l("Investment (CNY)"), "achieved_saving_tce": _l("Saving achieved (tce/a)"),
    "lost_reason": _l("Reason lost"), "contract_model": _l("Contract model"),
    "contract_value_cny": _l("Contract value (CNY)"), "expected_saving_tce": _l("Expected saving (tce/a)"),
    "expected_co2_t": _l("Expected CO₂ cut (t/a)"), "confidentiality": _l("Visibility"),
    "reference_ok": _l("Named in the supplier directory"),
}
OUTCOMES = {
    "created": _l("created"), "updated": _l("changed"), "unchanged": _l("unchanged"),
    "rejected": _l("refused, nothing imported"), "imported": _l("imported"),
    "link_resent": _l("confirmation link sent again"),
    "account_exists": _l("the account exists: told by e-mail"),
    "organisation_exists": _l("the organisation exists: told by e-mail"),
}
# Audit objects whose "from"/"to"/"status" details are keys of a vocabulary.
STATUS_OF = {"inquiry": "inquiry_status", "need": "need_status", "submission": "submission_status",
             "product": "listing_status", "offer": "listing_status"}
DETAIL_VOCABULARY = {"role": "role", "kind": "kind", "model": "contract_model",
                     "contract_model": "contract_model", "lost_reason": "lost_reason",
                     "confidentiality": "confidentiality", "outcome": "outcome"}


def vocabularies() -> dict[str, Mapping[str, Any]]:
    return {
        "need_status": NEED_STATUSES, "problem": dict(PROBLEMS), "financing": dict(FINANCING),
        "confidentiality": dict(CONFIDENTIALITY), "inquiry_status": STATUS_LABELS,
        "lost_reason": LOST_LABELS, "contract_model": MODEL_LABELS, "submission_status": SUBMISSION_STATUS,
        "listing_status": LISTING_STATUS, "object_type": OBJECTS, "outcome": OUTCOMES,
    }


def term(vocabulary: str, key: Any) -> Any:
    """The label of ``key`` in ``vocabulary`` (the key itself when it has none,
    e.g. a free-text value or an empty cell)."""
    if vocabulary in ("role", "kind"):
        return label(ROLE_LABELS if vocabulary == "role" else KIND_LABELS, key, lang()) if key else key
    found = vocabularies()[vocabulary].get(key) if isinstance(key, str) else None
    return str(found) if found is not None else key


def action_label(key: str) -> str:
    """``inquiry.status_changed`` → 「对接请求：状态变更」; the named account
    actions keep their own wording."""
    if key in ACTIONS:
        return str(ACTIONS[key])
    thing, _dot, verb = key.partition(".")
    if thing in OBJECTS and verb in VERBS:
        return _("%(object)s: %(verb)s", object=OBJECTS[thing], verb=VERBS[verb])
    return key


def object_label(object_type: str, object_id: str = "") -> str:
    name = str(OBJECTS.get(object_type, object_type))
    return f"{name} {object_id}" if object_id and not object_id.isdigit() else \
        (f"{name} #{object_id}" if object_id else name)


def _value(object_type: str, key: str, value: Any) -> str:
    if isinstance(value, bool):  # e.g. reference_ok (issue 22): never "True" on a Chinese page
        return _("Yes") if value else _("No")
    if isinstance(value, (list, tuple)):
        return "、".join(str(_value(object_type, key, v)) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    if key in ("from", "to", "status") and object_type in STATUS_OF:
        return str(term(STATUS_OF[object_type], value))
    if key in ("from", "to") and object_type == "user":
        return str(term("role", value))
    if key in DETAIL_VOCABULARY:
        return str(term(DETAIL_VOCABULARY[key], value))
    return "" if value is None else str(value)


def audit_details(object_type: str, detail: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(label, value) pairs of an event's details; ``from`` and ``to`` become
    one "Status: a → b" pair (a role for users, a date for review dates)."""
    out: list[tuple[str, str]] = []
    rest = dict(detail or {})
    if "from" in rest or "to" in rest:
        before = _value(object_type, "from", rest.pop("from", ""))
        after = _value(object_type, "to", rest.pop("to", ""))
        what = {"user": _("Role"), "technology": _("Date")}.get(object_type) or _("Status")
        out.append((what, f"{before or '—'} → {after or '—'}"))
    for key, value in rest.items():
        out.append((str(DETAIL_KEYS.get(key, key)), _value(object_type, key, value)))
    return out


class ExportLabels:
    """catalog.console.exports' ``Labels``: Chinese labels for the values of
    exported rows (the files' headers are Chinese)."""

    def term(self, vocabulary: str, key: Any) -> Any:
        with force_locale("zh"):
            return term(vocabulary, key)

    def action(self, key: str) -> str:
        with force_locale("zh"):
            return action_label(key)

    def details(self, object_type: str, detail: Mapping[str, Any]) -> str:
        with force_locale("zh"):
            return "；".join(f"{k}：{v}" for k, v in audit_details(object_type, detail))
