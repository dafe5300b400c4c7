"""Notification texts: every kind renders in both languages, statuses and
reader-dependent names are translated, and bad or missing parameters never
break a page."""
from __future__ import annotations

import pytest

from catalog import models as m
from catalog.notify import DEFAULT_CHANNEL, KINDS_BY_ORG_KIND
from catalog.notify.texts import KIND_LABELS, TITLES, kind_label, title

FULL = {"subject": "篦冷机改造", "number": 7, "sender": "甲水泥厂", "supplier": "乙节能",
        "status": "proposal", "name": "富氧燃烧", "need": "余热发电需求", "count": 3, "first": "CE-01"}


@pytest.mark.parametrize("kind", m.NOTIFICATION_KINDS)
def test_every_kind_has_texts_labels_and_a_default_channel(kind):
    assert kind in TITLES and kind in KIND_LABELS and DEFAULT_CHANNEL[kind] in m.CHANNELS
    zh, en = title(kind, FULL, "zh"), title(kind, FULL, "en")
    assert zh and en and zh != en and "{" not in zh + en
    assert kind_label(kind, "zh") != kind_label(kind, "en")


def test_statuses_and_names_follow_the_reader():
    params = {"subject": "篦冷机改造", "sender": "@anonymous", "status": "contracted", "number": 1}
    assert title("inquiry_step", params, "zh") == "对接请求「篦冷机改造」已由「匿名企业」推进到「已签约」"
    assert title("inquiry_step", params, "en") == \
        "an anonymous enterprise moved the inquiry “篦冷机改造” to “contracted”"


@pytest.mark.parametrize("params", [{}, {"count": "{0}"}, {"first": "{x.y}"}, {"status": 5}, None])
def test_missing_or_odd_parameters_never_fail(params):
    for kind in m.NOTIFICATION_KINDS:
        for lang in ("zh", "en"):
            assert isinstance(title(kind, params, lang), str)


def test_unknown_kind_shows_its_name():
    assert title("no_such_kind", {}, "en") == "no_such_kind"


def test_every_organisation_kind_is_offered_only_known_kinds():
    for kinds in KINDS_BY_ORG_KIND.values():
        assert set(kinds) <= set(m.NOTIFICATION_KINDS)
    enterprise = KINDS_BY_ORG_KIND["enterprise"]
    assert "leads" not in enterprise and "need_matches" in enterprise
    assert "interest_forward" in KINDS_BY_ORG_KIND["bureau"]


def test_an_english_name_is_used_for_english_readers():
    params = {"need": "余热发电需求", "count": 2, "first": "篦冷机", "first_en": "grate cooler"}
    assert "grate cooler" in title("need_matches", params, "en")
    assert "篦冷机" in title("need_matches", params, "zh")
