"""统一社会信用代码 checks (GB 32100-2015): each rule fails with its own code."""
from __future__ import annotations

import pytest

from catalog.accounts import uscc
from catalog.errors import RuleError

# Published codes of well-known companies (check characters from the standard's algorithm).
REAL = ["914403001922038216", "9144030071526726XG", "91330100716105852F", "91350100M000100Y43"]


@pytest.mark.parametrize("code", REAL)
def test_real_codes_pass(code):
    assert uscc.validate(code) == code


def test_input_is_normalised():
    assert uscc.validate(" 9144 0300-7152 6726xg ") == "9144030071526726XG"


@pytest.mark.parametrize("code,rule", [
    ("", "uscc.length"),
    ("91440300192203821", "uscc.length"),
    ("9144030019220382166", "uscc.length"),
    ("91440300192203821I", "uscc.charset"),
    ("9144030019220382O6", "uscc.charset"),
    ("91440300192203821？", "uscc.charset"),
    ("B14403001922038216", "uscc.authority"),
    ("94440300192203821X", "uscc.category"),
    ("Y2440300192203821X", "uscc.category"),
    ("9144A300192203821X", "uscc.division"),
    ("914403001922038217", "uscc.check_character"),
    ("9144030071526726XH", "uscc.check_character"),
])
def test_each_rule(code, rule):
    with pytest.raises(RuleError) as caught:
        uscc.validate(code)
    assert caught.value.code == rule and caught.value.field == "uscc"


def test_every_single_character_typo_is_caught():
    code = REAL[0]
    for position in range(18):
        for ch in uscc.ALPHABET:
            if ch != code[position]:
                typo = code[:position] + ch + code[position + 1:]
                with pytest.raises(RuleError):
                    uscc.validate(typo)


def test_check_character_maps_31_to_0():
    # total ≡ 0 (mod 31) gives 31 - 0 = 31 → "0"
    assert uscc.check_character("0" * 17) == "0"
