"""Labels and messages of the evidence pages (English source, Chinese in the catalogue)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

LEVEL_LABELS = {"self_declared": _l("Self-declared"), "submitted": _l("Evidence submitted, awaiting review"),
                "verified": _l("Verified after implementation"), "rejected": _l("Evidence rejected")}
KIND_LABELS = {"metering": _l("Metering records"), "m_and_v": _l("M&V report")}
WHATIF_RULE = _l(
    "If the top match of each open need were implemented: for each open need whose line has a unit energy "
    "and an annual output, the matching engine's top match is taken with the impact its match page shows. "
    "A technology that lowers the line's indicator lowers its unit energy by its typical yearly saving per "
    "unit of output (saving in tce × 1000 ÷ annual output for a kgce indicator; electricity saved in kWh ÷ "
    "annual output for a kWh one). Several needs on one line add up, each technology once. The share at the "
    "benchmark is the capacity at ≥标杆 over the capacity whose level is known, per benchmark product "
    "(capacities of different products are not added).")
MESSAGES = {
    "project.exists": _l("This project already has its record."),
    "project.verified": _l("This project is verified; its evidence can no longer change."),
    "project.not_submitted": _l("Only a project whose evidence was submitted can be verified or rejected."),
    "baseline.unit": _l("The baseline must be in %(unit)s, the unit of the clinker lines' indicator."),
}


def globals_() -> dict:
    return {"PROJECT_LEVEL_LABELS": LEVEL_LABELS, "EVIDENCE_KIND_LABELS": KIND_LABELS,
            "WHATIF_RULE": WHATIF_RULE}
