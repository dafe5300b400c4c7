"""Who may move an inquiry where. Pure rules, no database: the services call
``check`` before changing anything.

The table depends on the inquiry's ``origin``: an inquiry an enterprise
sent is "replied" by the supplier's first message; an expression of interest
a supplier sent is "replied" by the enterprise (its acceptance or first
message). Every later step is the same for both origins."""
from __future__ import annotations

from catalog.errors import RuleError

OPEN = ("sent", "replied", "site_survey", "proposal", "contracted")
ORIGINS = ("enterprise", "supplier")
BOTH = "both"
# (from, to) → the side that may take the step, for an enterprise's inquiry.
# "replied" is set by the other side's first message, never by a step button;
# "lost" is added for OPEN below.
STEPS: dict[tuple[str, str], str] = {
    ("sent", "replied"): "supplier",
    ("replied", "site_survey"): "supplier",
    ("replied", "proposal"): "supplier",
    ("site_survey", "proposal"): "supplier",
    ("proposal", "contracted"): "enterprise",
    ("contracted", "implemented"): "enterprise",
    ("implemented", "closed"): "enterprise",
}
STEPS.update({(status, "lost"): BOTH for status in OPEN})
# A supplier's expression of interest: the enterprise answers it.
SUPPLIER_STEPS: dict[tuple[str, str], str] = STEPS | {("sent", "replied"): "enterprise"}
BY_MESSAGE = frozenset({("sent", "replied")})


def steps(origin: str = "enterprise") -> dict[tuple[str, str], str]:
    if origin not in ORIGINS:
        raise ValueError(origin)
    return SUPPLIER_STEPS if origin == "supplier" else STEPS


def owner(status: str, target: str, origin: str = "enterprise") -> str | None:
    """The side a step belongs to (``both`` for lost), None when there is no such step."""
    return steps(origin).get((status, target))


def replier(origin: str = "enterprise") -> str:
    """The side whose first message moves a sent inquiry to replied."""
    return owner("sent", "replied", origin)


def allowed(status: str, target: str, side: str, origin: str = "enterprise") -> bool:
    who = owner(status, target, origin)
    return who is not None and who in (side, BOTH)


def check(status: str, target: str, side: str, origin: str = "enterprise") -> None:
    """RuleError ``inquiry.transition`` for a step the state does not allow,
    ``inquiry.wrong_side`` for a step that belongs to the other party."""
    who = owner(status, target, origin)
    if who is None:
        raise RuleError("inquiry.transition", None, status=status, target=target)
    if who not in (side, BOTH):
        raise RuleError("inquiry.wrong_side", None, status=status, target=target)


def buttons(status: str, side: str, origin: str = "enterprise") -> list[str]:
    """The steps ``side`` may take from ``status`` with a button."""
    return [to for (frm, to) in steps(origin) if frm == status and (frm, to) not in BY_MESSAGE
            and allowed(frm, to, side, origin)]


def enterprise_name(inquiry, side: str) -> str | None:
    """The enterprise's name as ``side`` may see it: None (「匿名企业」) for the
    supplier until the enterprise has accepted an anonymous need's interest."""
    if side == "supplier" and not inquiry.identity_revealed:
        return None
    return inquiry.enterprise.name
