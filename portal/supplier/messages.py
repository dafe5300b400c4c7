"""Messages for the rule codes of the supply and curation services, in the
user's language. They join the accounts' table (``portal.auth.messages``),
so ``message``/``to_form`` work for every service error; ``to_form`` here
also puts a problem of one table row (``specs.2``) on that row."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Form

from catalog.errors import RuleError

from ..auth import messages as account_messages
from ..auth.messages import errors_of, message

MESSAGES = {
    "field.number": _l("Enter a number, e.g. 120 or 3.5."),
    "field.range": _l("Enter a number from %(minimum)s to %(maximum)s."),
    "field.integer": _l("Enter a whole number."),
    "field.date": _l("Enter a date like 2024-05-31."),
    "field.choice": _l("Choose a value from the list."),
    "technologies.required": _l("Link at least one catalogue technology."),
    "technologies.invalid": _l("These codes are not published catalogue technologies: %(codes)s."),
    "regions.required": _l("Choose at least one service region."),
    "regions.invalid": _l("Choose regions from the list."),
    "stages.invalid": _l("Choose process stages from the list."),
    "price.order": _l("The upper end of the range must not be below the lower end."),
    "spec.incomplete": _l("Row %(row)d: give the specification's name and value."),
    "certificate.incomplete": _l("Row %(row)d: give the certificate's name."),
    "case.incomplete": _l("Row %(row)d: give the site, the start of use and the results."),
    "case.future": _l("Row %(row)d: the start of use lies in the future."),
    "case.too_recent": _l("Case %(row)d (%(site)s) has been in use for less than a year; each case "
                          "must have been in use for at least one year."),
    "cases.too_few": _l("Give at least %(minimum)d application cases (now %(given)d)."),
    "figure.incomplete": _l("Row %(row)d: choose the metric and give the value and its source."),
    "figures.required": _l("Give at least one quantified figure with its source."),
    "evidence.required": _l("Upload at least one evidence file (test report, acceptance record …)."),
    "products.invalid": _l("Choose products of your own organisation."),
    "listing.transition": _l("This is not possible while the listing is “%(status)s”."),
    "publish.unverified": _l("Only verified organisations can publish. Your organisation has not been "
                             "verified by the bureau yet."),
    "shares.required": _l("Give the enterprise's share of the savings for the contract years."),
    "shares.not_applicable": _l("A financing lease has no sharing of savings; leave this empty or "
                                "choose the hybrid model."),
    "shares.count": _l("Give one share for every one of the %(term)d contract years, or a single share "
                       "for all of them (you gave %(given)d)."),
    "investor.mismatch": _l("The ESCO's part of the investment does not fit who invests: 100 % when the "
                            "ESCO invests, 0 % when the enterprise or a financier does, in between "
                            "when shared."),
    "investor.model": _l("In this model the ESCO invests; choose the ESCO or shared investment."),
    "guarantee.required": _l("A guaranteed-savings offer must state the guaranteed saving."),
    "guarantee.unit": _l("Choose the unit of the guaranteed saving."),
    "shortfall.required": _l("Choose how a shortfall against the guarantee is compensated."),
    "shortfall.without_guarantee": _l("A shortfall rule needs a guaranteed saving."),
    "guarantee.percent": _l("State the guarantee in CNY, tce or MWh a year: a percentage cannot be turned "
                            "into money for a cash flow."),
    "term.required": _l("This contract model needs this term."),
    "term.not_applicable": _l("This term does not belong to the chosen contract model or shortfall rule; "
                              "leave it empty."),
    "coinvest.mismatch": _l("The enterprise's and the ESCO's parts of the investment must add up to 100 %% "
                            "(the ESCO's part is %(esco)s %%)."),
    "coinvest.lease": _l("In a financing lease the enterprise's part is its down payment; leave this empty."),
    "investor.lease": _l("In a financing lease the lessor finances the project: the ESCO's part of the "
                         "investment must be 0 %."),
    "partner.required": _l("A financing lease needs the leasing company (financing partner)."),
    "investment.below_minimum": _l("The ESCO funds the whole project, so its maximum investment cannot "
                                   "be below the minimum project size."),
    "file.type": _l("Only PDF, PNG and JPEG files are accepted."),
    "file.extension": _l("The file's name ending does not match its content."),
    "file.name": _l("The file needs a name with an ending such as .pdf."),
    "file.empty": _l("The file is empty."),
    "file.too_large": _l("The file is larger than %(maximum)d MB."),
    "file.too_many": _l("At most %(maximum)d files can be attached."),
    "submission.locked": _l("The submission cannot be changed while it is “%(status)s”."),
    "submission.transition": _l("This step is not possible while the submission is “%(status)s”."),
    "submission.step_unknown": _l("This step is not available to you."),
    "technology.invalid": _l("Choose a published catalogue technology."),
    "sector.invalid": _l("Choose a sector from the list."),
    "stage.invalid": _l("Choose a process stage from the list."),
    "stage.sector": _l("This process stage belongs to another sector."),
    "category.invalid": _l("Choose a category from the list."),
    "maturity.invalid": _l("Choose a maturity level from the list."),
    "energy_carriers.invalid": _l("Choose energy carriers from the list."),
    "applicable_to.invalid": _l("Choose benchmark products from the list."),
    "review.closed": _l("Reviews can only be given while the submission is under review."),
    "review.conflict": _l("You declared a conflict of interest for this submission, so you cannot "
                          "decide on it."),
    "decision.threshold": _l("The reviewers' scores do not allow this decision (the scores say: "
                             "%(recommendation)s)."),
    "objection.none_upheld": _l("During the public notice a submission can only be returned or rejected "
                                "after an objection has been upheld."),
    "notice.closed": _l("The public notice period is over; objections can no longer be filed."),
    "objection.resolved": _l("This objection has already been dealt with."),
    "thresholds.order": _l("The rejection threshold must not be above the publication threshold."),
    "edition.code": _l("An edition code is a year and a batch, like 2027-01."),
    "edition.taken": _l("An edition with this code exists already."),
    "edition.published": _l("This edition has been published and can no longer be changed."),
    "edition.candidate": _l("Submission %(number)d is not ready for an edition (its public notice must be "
                            "over, with no open or upheld objection)."),
    "edition.empty": _l("Nothing would change against the current edition: add approved entries or "
                        "retire entries first."),
    "entry.not_published": _l("Only published entries can be changed this way."),
    "review_due.past": _l("The review date must not lie in the past."),
}


def register() -> None:
    """Add these codes to the shared table of domain messages (at app set-up)."""
    account_messages.MESSAGES.update(MESSAGES)


def to_form(form: Form, error: RuleError) -> list[str]:
    """Attach each problem to its field, or to its row of a table field
    (``cases.1``: the message goes to ``form.cases.entries[1].row_errors``);
    returns the messages that belong to neither."""
    loose: list[str] = []
    for problem in errors_of(error):
        name, _dot, row = (problem.field or "").partition(".")
        target = getattr(form, name, None) if name else None
        text = message(problem)
        if target is not None and row.isdigit() and int(row) < len(getattr(target, "entries", [])):
            entry = target.entries[int(row)]
            entry.row_errors = [*getattr(entry, "row_errors", []), text]
        elif target is not None and hasattr(target, "errors") and not row:
            target.errors = [*target.errors, text]
        else:
            loose.append(text)
    return loose
