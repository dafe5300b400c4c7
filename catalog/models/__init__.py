"""All mapped classes, importable from one place (Alembic's target metadata)."""
from .accounts import ORG_KINDS, ORG_STATUSES, Invitation, Organisation, PasswordReset, User
from .audit import AuditEvent
from .base import Base, as_utc, utcnow
from .console import (
    ANNOUNCEMENT_KINDS,
    ANNOUNCEMENT_STATUSES,
    JOB_KINDS,
    JOB_STATUSES,
    Announcement,
    AnnouncementRegistration,
    ConsoleJob,
    announcement_technology,
)
from .curation import (
    OBJECTION_STATUSES,
    SUBMISSION_KINDS,
    SUBMISSION_STATUSES,
    CurationSettings,
    Objection,
    Review,
    Submission,
    SubmissionEvent,
)
from .enterprise import CONFIDENTIALITY, FINANCING, NEED_STATUSES, PROBLEM_TYPES, Facility, MatchMark, Need
from .mail import OutboxMessage
from .notification import (
    ALERT_SUBJECTS,
    CHANNELS,
    NOTIFICATION_KINDS,
    AlertSeen,
    Notification,
    NotificationPreference,
    SavedSearch,
)
from .pipeline import (
    CONTRACT_MODELS,
    FORWARD_STATUSES,
    INQUIRY_STATUSES,
    LOST_REASONS,
    ORIGINS,
    REACHED_AT,
    FollowUp,
    Inquiry,
    InquiryEvent,
    InquiryMessage,
    LeadMark,
    MessageAttachment,
)
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
    ReferenceSource,
    Sector,
)
from .search_task import SearchTask
from .supply import (
    EMC_MODELS,
    GUARANTEE_UNITS,
    INVESTORS,
    LEASE_INSTALMENTS,
    LISTING_STATUSES,
    MV_METHODS,
    OFFERED_GUARANTEE_UNITS,
    SHORTFALL_KINDS,
    Attachment,
    EmcOffer,
    Product,
    ProductRevision,
    offer_product,
    offer_technology,
    product_technology,
)
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
    "ReferenceSource",
    "SearchTask",
    "Sector",
    "TECHNOLOGY_STATUSES",
    "Technology",
    "TechnologyFigure",
    "utcnow",
    # supply and curation (issue 5)
    "Attachment", "CurationSettings", "EMC_MODELS", "EmcOffer", "GUARANTEE_UNITS", "INVESTORS",
    "LEASE_INSTALMENTS", "OFFERED_GUARANTEE_UNITS", "SHORTFALL_KINDS",
    "LISTING_STATUSES", "MV_METHODS", "OBJECTION_STATUSES", "Objection", "Product", "ProductRevision",
    "Review", "SUBMISSION_KINDS", "SUBMISSION_STATUSES", "Submission", "SubmissionEvent",
    "offer_product", "offer_technology", "product_technology",
    # inquiries and the deal pipeline (issue 7)
    "CONTRACT_MODELS", "FollowUp", "INQUIRY_STATUSES", "Inquiry", "InquiryEvent", "InquiryMessage",
    "LOST_REASONS", "FORWARD_STATUSES", "ORIGINS", "REACHED_AT", "LeadMark", "MessageAttachment",
    # notifications, saved searches and alerts (issue 7)
    "ALERT_SUBJECTS", "CHANNELS", "NOTIFICATION_KINDS", "AlertSeen", "Notification",
    "NotificationPreference", "SavedSearch",
    # the bureau console (issue 8)
    "ANNOUNCEMENT_KINDS", "ANNOUNCEMENT_STATUSES", "JOB_KINDS", "JOB_STATUSES", "Announcement",
    "AnnouncementRegistration", "ConsoleJob", "announcement_technology",
]
