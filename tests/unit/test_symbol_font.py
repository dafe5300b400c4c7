"""The bundled fonts (portal/static/fonts, issue 21) cover every symbol the
portal's texts use outside ASCII and the CJK ideographs, and the
stylesheet's unicode-ranges are the lists the fonts were cut from. A new symbol in
a template, translation or data file fails here until the subset is cut again
(portal/static/fonts/README.md)."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "portal" / "static" / "fonts"
SCANNED = ("templates", "data", "portal", "catalog", "matching")
SUFFIXES = {".html", ".po", ".yaml", ".yml", ".py", ".txt", ".md", ".json", ".csv"}
UNITS = "U+2070-209F, U+2103, U+2109, U+2160-216B, U+223C, U+2318"  # portal-units.woff2, from DejaVu Sans


def code_points(ranges: str) -> set[int]:
    points: set[int] = set()
    for part in re.split(r"[,\s]+", ranges.strip()):
        if not part:
            continue
        low, _, high = part.removeprefix("U+").partition("-")
        points.update(range(int(low, 16), int(high or low, 16) + 1))
    return points


def symbols_used() -> dict[str, str]:
    """Each symbol → a file that uses it."""
    found: dict[str, str] = {}
    for folder in SCANNED:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in SUFFIXES or not path.is_file() or "static" in path.parts:
                continue
            for char in set(path.read_text("utf-8", errors="ignore")):
                point = ord(char)
                if point < 128 or 0x3400 <= point <= 0x9FFF or 0xF900 <= point <= 0xFAFF:
                    continue
                if point >= 0x1F000 or char in "\ufeff\u200b\ufe0f":  # emoji and invisible marks
                    continue
                found.setdefault(char, str(path.relative_to(ROOT)))
    return found


def test_every_symbol_the_portal_prints_is_in_the_bundled_font():
    covered = code_points((FONTS / "unicodes.txt").read_text("utf-8")) | code_points(UNITS)
    missing = {char: where for char, where in symbols_used().items() if ord(char) not in covered}
    assert missing == {}, "cut the font subset again (portal/static/fonts/README.md) for: " + repr(missing)


def test_the_stylesheet_declares_the_subsets_with_their_ranges():
    css = (ROOT / "portal" / "static" / "css" / "portal.css").read_text("utf-8")
    ranges = re.findall(r'url\("\.\./fonts/([\w-]+\.woff2)"\).*?unicode-range:\s*([^;]+);', css, re.S)
    assert dict(ranges).keys() == {"portal-symbols.woff2", "portal-units.woff2"}
    assert code_points(dict(ranges)["portal-symbols.woff2"]) == code_points(
        (FONTS / "unicodes.txt").read_text("utf-8"))
    assert code_points(dict(ranges)["portal-units.woff2"]) == code_points(UNITS)
    assert not code_points(UNITS) & code_points((FONTS / "unicodes.txt").read_text("utf-8"))
    for name in ("portal-symbols.woff2", "portal-units.woff2"):
        assert (FONTS / name).read_bytes()[:4] == b"wOF2"
    # units first (system fonts with an empty ℃ must not win), symbols last (a fallback only)
    assert re.search(r'--bs-body-font-family: "Portal Units",[^;]*sans-serif, "Portal Symbols";', css)
