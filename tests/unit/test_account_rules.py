"""Password policy and hashing, e-mail and mobile checks, e-mail texts."""
from __future__ import annotations

import pytest

from catalog.accounts import messages, passwords, validation
from catalog.accounts.roles import ADMIN_ROLES, ROLES, can_publish, kind_of
from catalog.accounts.tokens import INVITATION, PASSWORD_RESET, TokenSigner
from catalog.errors import RuleError
from catalog.models import Organisation


@pytest.mark.parametrize("password,rule", [
    ("short1!", "password.too_short"),
    ("x" * 129, "password.too_long"),
    ("aaaaaaaaaaaa", "password.too_simple"),
    ("qwertyuiop", "password.common"),
    ("Password2024!", "password.common"),
    ("woaini1314520", "password.common"),
    ("1234567890", "password.common"),
    ("Chongqing@2026", "password.common"),
    ("zhang.san-Secret", "password.like_email"),
])
def test_password_policy(password, rule):
    with pytest.raises(RuleError) as caught:
        passwords.check_policy(password, "zhang.san@example.cn")
    assert caught.value.code == rule


def test_good_password_passes_and_hash_verifies():
    passwords.check_policy("Lvse-ditan-2026!", "zhang.san@example.cn")
    stored = passwords.hash_password("Lvse-ditan-2026!")
    assert stored.startswith("$argon2id$")
    assert passwords.verify(stored, "Lvse-ditan-2026!")
    assert not passwords.verify(stored, "lvse-ditan-2026!")
    assert not passwords.verify("not a hash", "x")
    assert not passwords.needs_rehash(stored)


def test_common_list_is_shipped_and_sizable():
    common = passwords.common_passwords()
    assert 3000 < len(common) < 10000 and "123456" in common and "woaini" in common


@pytest.mark.parametrize("raw,clean", [("13800138000", "13800138000"), ("+86 138-0013-8000", "13800138000"),
                                       ("0086 19912345678", "19912345678")])
def test_mobile_accepts_mainland_numbers(raw, clean):
    assert validation.mobile(raw) == clean


@pytest.mark.parametrize("raw", ["12800138000", "1380013800", "138001380001", "023-12345678", "abc"])
def test_mobile_refuses_others(raw):
    with pytest.raises(RuleError):
        validation.mobile(raw)


def test_email_is_normalised_and_checked():
    assert validation.email("  Wang@Example.CN ") == "wang@example.cn"
    for bad in ("wang", "wang@", "@example.cn", "wang@example", "a b@example.cn", "x" * 250 + "@ex.cn"):
        with pytest.raises(RuleError):
            validation.email(bad)


def test_roles_and_publishing_rule():
    assert len(ROLES) == 6
    assert {"enterprise_admin", "supplier_admin", "bureau_admin"} == ADMIN_ROLES
    assert kind_of("supplier_member") == "supplier"
    assert can_publish(Organisation(kind="supplier", status="verified"))
    for status in ("pending", "rejected", "revoked"):
        assert not can_publish(Organisation(kind="supplier", status=status))
    assert not can_publish(Organisation(kind="bureau", status="verified"))
    assert not can_publish(None)


def test_tokens_are_signed_per_purpose():
    signer = TokenSigner("k")
    token = signer.dumps(INVITATION, 7, "abc")
    assert signer.loads(INVITATION, token) == (7, "abc")
    for purpose, tok, key in ((PASSWORD_RESET, token, "k"), (INVITATION, token + "x", "k"),
                              (INVITATION, token, "other")):
        with pytest.raises(RuleError) as caught:
            TokenSigner(key).loads(purpose, tok)
        assert caught.value.code == "token.invalid"
    expired = TokenSigner("k", invitation_max_age=-1)
    with pytest.raises(RuleError) as caught:
        expired.loads(INVITATION, token)
    assert caught.value.code == "token.expired"


def test_mail_texts_are_chinese_first_then_english():
    subject, body = messages.compose("org_rejected", org="重庆某厂", reason="资料不全")
    assert subject.startswith("【低碳技术推介与供需对接平台】单位核验未通过 / ")
    assert body.index("资料不全") < body.index("English") < body.index("could not be verified")
