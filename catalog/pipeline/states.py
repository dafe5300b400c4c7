"""Who may move an inquiry where. Pure rules, no database: the services call
``check`` before changing anything."""
from __future__ import annotations

from catalog.accounts.errors import AccountError

OPEN = ("sent", "replied", "site_survey", "proposal", "contracted")
# (from, to) → the side that may take the step. "replied" is set by the
# supplier's first message, never by a button; "lost" is added for OPEN below.
STEPS: dict[tuple[str, str], str] = {
    ("sent", "replied"): "supplier",
    ("replied", "site_survey"): "supplier",
    ("replied", "proposal"): "supplier",
    ("site_survey", "proposal"): "supplier",
    ("proposal", "contracted"): "enterprise",
    ("contracted", "implemented"): "enterprise",
    ("implemented", "closed"): "enterprise",
}
BOTH = "both"
STEPS.update({(status, "lost"): BOTH for status in OPEN})
BY_MESSAGE = frozenset({("sent", "replied")})


def allowed(status: str, target: str, side: str) -> bool:
    who = STEPS.get((status, target))
    return who is not None and who in (side, BOTH)


def check(status: str, target: str, side: str) -> None:
    """AccountError ``inquiry.transition`` for a step the state does not allow,
    ``inquiry.wrong_side`` for a step that belongs to the other party."""
    who = STEPS.get((status, target))
    if who is None:
        raise AccountError("inquiry.transition", None, status=status, target=target)
    if who not in (side, BOTH):
        raise AccountError("inquiry.wrong_side", None, status=status, target=target)


def buttons(status: str, side: str) -> list[str]:
    """The steps ``side`` may take from ``status`` with a button."""
    return [to for (frm, to) in STEPS if frm == status and (frm, to) not in BY_MESSAGE
            and allowed(frm, to, side)]
