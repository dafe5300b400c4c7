"""Messages for the enterprise workspace's rule codes, added to the shared
table of domain messages when the blueprint is registered."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

MESSAGES = {
    "number.invalid": _l("Enter a number."),
    "number.range": _l("Enter a number between %(minimum)g and %(maximum)g."),
    "choice.invalid": _l("Choose a value from the list."),
    "text.invalid": _l("Enter text."),
    "product.ambiguous": _l("This product has several benchmark rows; give one of: %(rows)s."),
    "installed.invalid": _l("Choose catalogue entries from the list."),
    "quotes.invalid": _l("Give quotes as technology code: investment in CNY."),
    "shares.invalid": _l("Give the shares as carrier: share pairs."),
    "shares.carrier": _l("“%(carrier)s” is not an energy carrier the portal knows (coal, natural_gas, "
                         "coke, fuel_oil, electricity)."),
    "shares.sum": _l("The shares add up to %(total)g; they must add up to %(whole)g."),
    "date.invalid": _l("Enter a date as YYYY-MM-DD."),
    "output.above_capacity": _l("The annual output is far above the capacity; check both figures."),
    "need.not_editable": _l("A need can only be edited while it is a draft or open."),
    "need.transition": _l("This step is not possible from the need's present status."),
    "board.not_open": _l("Only an open need can be listed on the public board."),
    "board.bureau_only": _l("A need visible to the bureau only cannot be listed on the public board; make it "
                            "public or anonymous first."),
    "board.expiry_range": _l("Choose a date from %(earliest)s to %(latest)s (at most one year ahead)."),
}
