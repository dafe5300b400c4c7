"""The inquiry pipeline's rules: every (from, to, side) is either in the
table or refused with the right code; plain-text cleaning; the follow-up date."""
from __future__ import annotations

from datetime import date

import pytest

from catalog.errors import RuleError
from catalog.models import INQUIRY_STATUSES
from catalog.pipeline import states
from catalog.pipeline.inquiries import clean_body, months_later

LATER = {
    ("replied", "site_survey", "supplier"), ("replied", "proposal", "supplier"),
    ("site_survey", "proposal", "supplier"),
    ("proposal", "contracted", "enterprise"), ("contracted", "implemented", "enterprise"),
    ("implemented", "closed", "enterprise"),
    *((s, "lost", side) for s in ("sent", "replied", "site_survey", "proposal", "contracted")
      for side in ("enterprise", "supplier")),
}
# The reply belongs to the side that did not send the inquiry.
ALLOWED_BY_ORIGIN = {"enterprise": LATER | {("sent", "replied", "supplier")},
                     "supplier": LATER | {("sent", "replied", "enterprise")}}
ALLOWED = ALLOWED_BY_ORIGIN["enterprise"]
SIDES = ("enterprise", "supplier")
ALL = [(f, t, side) for f in INQUIRY_STATUSES for t in INQUIRY_STATUSES for side in SIDES]


@pytest.mark.parametrize(("frm", "to", "side"), ALL)
def test_every_transition_by_side(frm, to, side):
    assert states.allowed(frm, to, side) == ((frm, to, side) in ALLOWED)
    if (frm, to, side) in ALLOWED:
        states.check(frm, to, side)
        return
    with pytest.raises(RuleError) as err:
        states.check(frm, to, side)
    other = "supplier" if side == "enterprise" else "enterprise"
    expected = "inquiry.wrong_side" if (frm, to, other) in ALLOWED else "inquiry.transition"
    assert err.value.code == expected


@pytest.mark.parametrize("origin", ["enterprise", "supplier"])
@pytest.mark.parametrize(("frm", "to", "side"), ALL)
def test_every_transition_by_side_and_origin(frm, to, side, origin):
    allowed = ALLOWED_BY_ORIGIN[origin]
    assert states.allowed(frm, to, side, origin) == ((frm, to, side) in allowed)
    if (frm, to, side) in allowed:
        states.check(frm, to, side, origin)
        return
    with pytest.raises(RuleError) as err:
        states.check(frm, to, side, origin)
    other = "supplier" if side == "enterprise" else "enterprise"
    expected = "inquiry.wrong_side" if (frm, to, other) in allowed else "inquiry.transition"
    assert err.value.code == expected


def test_the_reply_belongs_to_the_other_side_of_the_sender():
    assert states.replier("enterprise") == "supplier" and states.replier("supplier") == "enterprise"
    assert states.owner("sent", "replied", "supplier") == "enterprise"
    assert states.owner("sent", "closed", "supplier") is None
    with pytest.raises(ValueError):
        states.steps("bureau")


def test_an_expression_of_interest_offers_the_same_buttons_after_the_reply():
    assert states.buttons("sent", "enterprise", "supplier") == ["lost"]
    assert states.buttons("sent", "supplier", "supplier") == ["lost"]
    assert states.buttons("replied", "supplier", "supplier") == ["site_survey", "proposal", "lost"]
    assert states.buttons("proposal", "enterprise", "supplier") == ["contracted", "lost"]


def test_buttons_never_offer_the_reply_step():
    assert states.buttons("sent", "supplier") == ["lost"]
    assert states.buttons("replied", "supplier") == ["site_survey", "proposal", "lost"]
    assert states.buttons("proposal", "enterprise") == ["contracted", "lost"]
    assert states.buttons("closed", "enterprise") == [] and states.buttons("lost", "supplier") == []


@pytest.mark.parametrize("origin", ["enterprise", "supplier"])
def test_finished_states_have_no_way_out(origin):
    for end in ("closed", "lost"):
        assert not any(states.allowed(end, t, s, origin) for t in INQUIRY_STATUSES for s in SIDES)


def test_clean_body_strips_control_characters_and_keeps_lines():
    assert clean_body("第一行\x00\x07\r\n<b>第二行</b>\u202e") == "第一行\n<b>第二行</b>"
    with pytest.raises(RuleError) as err:
        clean_body("x" * 5001)
    assert err.value.code == "text.too_long"
    with pytest.raises(RuleError):
        clean_body("\x00\x01  ")


@pytest.mark.parametrize(("start", "due"), [
    (date(2026, 1, 15), date(2026, 7, 15)), (date(2026, 8, 31), date(2027, 2, 28)),
    (date(2027, 8, 31), date(2028, 2, 29)), (date(2026, 12, 1), date(2027, 6, 1))])
def test_follow_up_is_six_months_later(start, due):
    assert months_later(start, 6) == due
