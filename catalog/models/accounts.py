"""Organisations, their users, invitations and password-reset links.

An organisation is an enterprise, a supplier/ESCO or the bureau. Enterprises
and suppliers register themselves and stay ``pending`` (「待核验」) until the
bureau verifies them; the bureau organisation is created from the CLI.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    String,
    Table,
    Text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, utcnow
from .reference import District, Sector

ORG_KINDS = ("enterprise", "supplier", "bureau")
ORG_STATUSES = ("pending", "verified", "rejected", "revoked")

organisation_sector = Table(
    "organisation_sector",
    Base.metadata,
    Column("organisation_id", ForeignKey("organisation.id", ondelete="CASCADE"), primary_key=True),
    Column("sector_key", ForeignKey("sector.key"), primary_key=True),
)


class Organisation(Base):
    __tablename__ = "organisation"
    __table_args__ = (
        CheckConstraint("kind IN ('enterprise', 'supplier', 'bureau')", name="kind"),
        CheckConstraint("status IN ('pending', 'verified', 'rejected', 'revoked')", name="status"),
        # Inside Chongqing a district, outside it (「市外」) a province; never both.
        CheckConstraint("kind = 'bureau' OR ((district_key IS NULL) <> (province IS NULL))",
                        name="location"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    uscc: Mapped[str | None] = mapped_column(String(18), unique=True)
    district_key: Mapped[str | None] = mapped_column(ForeignKey("district.key"))
    province: Mapped[str | None] = mapped_column(String(32))
    contact_name: Mapped[str] = mapped_column(String(64), default="")
    contact_mobile: Mapped[str] = mapped_column(String(16), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    status_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    district: Mapped[District | None] = relationship(lazy="joined")
    sectors: Mapped[list[Sector]] = relationship(secondary=organisation_sector,
                                                 order_by=Sector.position)
    users: Mapped[list[User]] = relationship(back_populates="organisation", order_by="User.id")

    @property
    def is_verified(self) -> bool:
        return self.status == "verified"


class User(Base):
    """A person in one organisation. Signed-in browsers are ``UserSession``
    rows. ``login_token`` is no longer read (sessions replaced it in 0014);
    the column stays until nothing sets it. ``email_confirmed`` is false from
    a self-registration until its e-mailed link is opened."""

    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint("role IN ('enterprise_member', 'enterprise_admin', 'supplier_member', "
                        "'supplier_admin', 'bureau_curator', 'bureau_admin')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(24))
    password_hash: Mapped[str] = mapped_column(String(255))
    login_token: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    email_confirmed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # the privacy policy version agreed to at registration, and when (migration 0019)
    privacy_version: Mapped[str | None] = mapped_column(String(20))
    privacy_accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organisation: Mapped[Organisation] = relationship(back_populates="users", lazy="joined")


class UserSession(Base):
    """One signed-in browser. Its cookie carries a random key; the row keeps
    only the key's SHA-256, so a copy of the database signs nobody in. Ended
    by signing out, and for every session of the user by a password change or
    reset, a role change or deactivation. State lives here, not in a worker's
    memory, so any server answers for any session."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ip: Mapped[str] = mapped_column(String(45), default="")

    user: Mapped[User] = relationship(lazy="joined")


class Invitation(Base):
    """An organisation admin's invitation of a colleague. The e-mailed link
    carries a signed, expiring token naming this row and its ``nonce``; the
    row records the one use (or the revocation)."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(24))
    nonce: Mapped[str] = mapped_column(String(32))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organisation: Mapped[Organisation] = relationship()
    invited_by: Mapped[User | None] = relationship()


class PasswordReset(Base):
    """One password-reset link: signed and expiring, and single-use through
    ``used_at``. A newer request or a completed reset retires older links."""

    __tablename__ = "password_reset"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    nonce: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship()


__all__ = ["ORG_KINDS", "ORG_STATUSES", "Invitation", "Organisation", "PasswordReset", "User",
           "UserSession", "organisation_sector"]
