"""The Chinese catalogue is complete, compiled and matches the source strings."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]


def load_po(path: Path):
    with path.open("rb") as fh:
        return read_po(fh)
PO = ROOT / "portal/translations/zh/LC_MESSAGES/messages.po"
MO = PO.with_suffix(".mo")


def test_every_interface_string_has_a_chinese_translation():
    catalog = load_po(PO)
    untranslated = [m.id for m in catalog if m.id and not m.string]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_catalogue_covers_every_string_in_the_source(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract",
                    "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "--ignore-dirs", ".*",
                    "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    wanted = {m.id for m in load_po(pot) if m.id}
    have = {m.id for m in load_po(PO) if m.id}
    assert wanted - have == set(), "run `make messages` and translate the new strings"


def test_compiled_catalogue_is_current():
    buffer = io.BytesIO()
    write_mo(buffer, load_po(PO))
    buffer.seek(0)
    fresh = {m.id: m.string for m in read_mo(buffer) if m.id}
    with MO.open("rb") as fh:
        shipped = {m.id: m.string for m in read_mo(fh) if m.id}
    assert fresh == shipped, "run `pybabel compile -d portal/translations`"
