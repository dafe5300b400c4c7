"""Problem knowledge (``data/catalogue/problems``): how plants describe what
each technology solves, when it does not fit, what it does not do, the goals
it delivers and the size of project it needs. Read, checked against its
contract (the folder's README), and stored on the entry for search and
matching."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .seed import SeedError, read_yaml

GOALS = ("energy", "process_co2", "fuel_switch", "comply", "measure", "resource", "cost", "finance")
CAPITAL = ("new_line", "major", "minor", "operational")
LISTS = ("problems_zh", "problems_en", "not_fit_zh", "not_fit_en", "does_not_zh", "does_not_en")


def read_problems(folder: Path, codes: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yaml")):
        for code, entry in (read_yaml(path) or {}).items():
            if code in out:
                raise SeedError(f"{path.name}: {code} has problem knowledge in two files")
            out[code] = check(code, dict(entry or {}))
    missing = [c for c in codes if c not in out]
    if missing:
        raise SeedError(f"no problem knowledge for {', '.join(missing)}")
    return out


def check(code: str, entry: dict[str, Any]) -> dict[str, Any]:
    def fail(rule: str):
        raise SeedError(f"problems {code}: {rule}")

    for name in LISTS:
        value = entry.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            fail(f"{name} is a list of phrases")
        entry[name] = [v.strip() for v in value]
    if not entry["problems_zh"] or not entry["problems_en"]:
        fail("problems_zh and problems_en are required")
    goals = entry.get("goals") or []
    if any(g not in GOALS for g in goals):
        fail(f"goals are among {GOALS}")
    if entry.get("capital") not in CAPITAL:
        fail(f"capital is one of {CAPITAL}")
    return {**{name: entry[name] for name in LISTS}, "goals": list(goals), "capital": entry["capital"],
            "generic": bool(entry.get("generic", False))}


def phrases(problems: dict) -> list[str]:
    """The searchable phrases of an entry's problem knowledge (what it solves, both languages)."""
    return [*(problems or {}).get("problems_zh", []), *(problems or {}).get("problems_en", [])]
