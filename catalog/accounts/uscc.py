"""统一社会信用代码 (unified social credit code) checks after GB 32100-2015.

18 characters: registration-authority code (1), organisation category (1),
administrative-division code (6 digits), organisation code (9), check
character (1). The alphabet is the digits and the capitals except I, O, Z, S
and V; the check character is computed with weights 3^(i) mod 31.
"""
from __future__ import annotations

from .errors import AccountError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
# Registration authority → organisation categories it may issue (GB 32100-2015 Annex A).
CATEGORIES = {
    "1": "1239",  # 机构编制: 机关, 事业单位, 中央编办直接管理的群众团体, 其他
    "2": "19",    # 外交
    "3": "1239",  # 司法行政
    "4": "19",    # 文化
    "5": "1239",  # 民政: 社会团体, 民办非企业单位, 基金会, 其他
    "6": "19",    # 旅游
    "7": "129",   # 宗教
    "8": "19",    # 工会
    "9": "123",   # 工商 / 市场监管: 企业, 个体工商户, 农民专业合作社
    "A": "19",    # 中央军委改革和编制办公室
    "N": "1239",  # 农业
    "Y": "1",     # 其他
}


def normalise(raw: str) -> str:
    """Upper-case and drop the spaces and hyphens people paste."""
    return "".join(ch for ch in (raw or "").upper() if ch not in " -\u3000\t")


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate(raw: str) -> str:
    """The normalised code, or AccountError naming the rule that failed:
    ``uscc.length``, ``uscc.charset``, ``uscc.authority``, ``uscc.category``,
    ``uscc.division`` or ``uscc.check_character``."""
    code = normalise(raw)
    if len(code) != 18:
        raise AccountError("uscc.length", "uscc", length=len(code))
    bad = sorted({ch for ch in code if ch not in ALPHABET})
    if bad:
        raise AccountError("uscc.charset", "uscc", chars="".join(bad))
    if code[0] not in CATEGORIES:
        raise AccountError("uscc.authority", "uscc", char=code[0])
    if code[1] not in CATEGORIES[code[0]]:
        raise AccountError("uscc.category", "uscc", char=code[1])
    if not code[2:8].isdigit():
        raise AccountError("uscc.division", "uscc", value=code[2:8])
    expected = check_character(code[:17])
    if code[17] != expected:
        raise AccountError("uscc.check_character", "uscc", char=code[17], expected=expected)
    return code
