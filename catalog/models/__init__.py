"""All mapped classes, importable from one place (Alembic's target metadata)."""
from .accounts import ORG_KINDS, ORG_STATUSES, Invitation, Organisation, PasswordReset, User
from .audit import AuditEvent
from .base import Base, as_utc, utcnow
from .enterprise import CONFIDENTIALITY, FINANCING, NEED_STATUSES, PROBLEM_TYPES, Facility, MatchMark, Need
from .mail import OutboxMessage
from .reference import (
    BenchmarkProduct,
    Category,
    ConversionFactor,
    District,
    EvidenceLevel,
    Fuel,
    GlossaryTerm,
    GridFactor,
    MaturityLevel,
    ProcessStage,
    ReferenceFlag,
    Sector,
)
from .search_task import SearchTask
from .technology import TECHNOLOGY_STATUSES, Edition, EditionEntry, Technology, TechnologyFigure

__all__ = [
    "CONFIDENTIALITY",
    "FINANCING",
    "Facility",
    "MatchMark",
    "NEED_STATUSES",
    "Need",
    "PROBLEM_TYPES",
    "AuditEvent",
    "Invitation",
    "ORG_KINDS",
    "ORG_STATUSES",
    "Organisation",
    "OutboxMessage",
    "PasswordReset",
    "User",
    "Base",
    "as_utc",
    "BenchmarkProduct",
    "Category",
    "ConversionFactor",
    "District",
    "Edition",
    "EditionEntry",
    "EvidenceLevel",
    "Fuel",
    "GlossaryTerm",
    "GridFactor",
    "MaturityLevel",
    "ProcessStage",
    "ReferenceFlag",
    "SearchTask",
    "Sector",
    "TECHNOLOGY_STATUSES",
    "Technology",
    "TechnologyFigure",
    "utcnow",
]
