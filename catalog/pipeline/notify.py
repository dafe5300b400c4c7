"""Who hears about what on an inquiry, through ``catalog.notify`` (in-app,
and e-mail or digest as each user chose), in the caller's transaction.

Anonymity: while ``identity_revealed`` is false (an expression of interest in
an anonymous need, not yet accepted) the enterprise is named to the supplier
only as 「匿名企业」 / "an anonymous enterprise"."""
from __future__ import annotations

from sqlalchemy.orm import Session

from .. import models as m
from .. import notify
from .states import enterprise_name

ANONYMOUS = "@anonymous"  # shown as 「匿名企业」 or "an anonymous enterprise" (catalog.notify.texts)


def _link(inquiry: m.Inquiry, anchor: str = "") -> str:
    return f"/inquiries/{inquiry.id}{anchor}"


def sender_name(inquiry: m.Inquiry, side: str) -> str:
    """The name the other party may see for ``side`` (the one anonymity rule
    is ``states.enterprise_name``)."""
    if side == "enterprise":
        return enterprise_name(inquiry, "supplier") or ANONYMOUS
    return inquiry.supplier.name


def _other(inquiry: m.Inquiry, side: str) -> int:
    return inquiry.supplier_id if side == "enterprise" else inquiry.enterprise_id


def _params(inquiry: m.Inquiry, side: str, **extra) -> dict:
    return {"subject": inquiry.subject, "number": inquiry.id, "sender": sender_name(inquiry, side), **extra}


def new_inquiry(session: Session, inquiry: m.Inquiry) -> None:
    notify.to_organisation(session, inquiry.supplier_id, "inquiry_new", _params(inquiry, "enterprise"),
                           _link(inquiry))


def new_message(session: Session, inquiry: m.Inquiry, side: str) -> None:
    notify.to_organisation(session, _other(inquiry, side), "inquiry_message", _params(inquiry, side),
                           _link(inquiry, "#messages"))


def step(session: Session, inquiry: m.Inquiry, side: str) -> None:
    notify.to_organisation(session, _other(inquiry, side), "inquiry_step",
                           _params(inquiry, side, status=inquiry.status), _link(inquiry))


def interest_awaiting_bureau(session: Session, inquiry: m.Inquiry) -> None:
    """An expression of interest in an anonymous need: the bureau forwards it."""
    notify.to_bureau(session, "interest_forward",
                     {"subject": inquiry.subject, "number": inquiry.id, "supplier": inquiry.supplier.name},
                     f"/bureau/pipeline/{inquiry.id}")


def interest_forwarded(session: Session, inquiry: m.Inquiry) -> None:
    """The enterprise receives a supplier's expression of interest."""
    notify.to_organisation(session, inquiry.enterprise_id, "inquiry_new", _params(inquiry, "supplier"),
                           _link(inquiry))


def interest_answered(session: Session, inquiry: m.Inquiry, accepted: bool) -> None:
    """The supplier learns whether its expression of interest was taken up
    (accepted by the enterprise), or declined (by it, or not forwarded)."""
    if accepted:
        status = "accepted"
    else:
        status = "not_forwarded" if inquiry.forward_status == "not_forwarded" else "declined"
    sender = sender_name(inquiry, "enterprise") if inquiry.forward_status != "not_forwarded" \
        else "@bureau"
    notify.to_organisation(session, inquiry.supplier_id, "inquiry_step",
                           {"subject": inquiry.subject, "number": inquiry.id, "sender": sender,
                            "status": status}, _link(inquiry))
