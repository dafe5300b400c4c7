"""Declarative base with a naming convention, so constraints get stable names
that Alembic can diff and drop on every backend."""
from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Callable default: evaluated per row, never once at import."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Aware UTC. SQLite hands back naive datetimes (stored as UTC); PostgreSQL
    hands back aware ones in the session's time zone."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {list[str]: JSON, dict: JSON}


class Bilingual:
    """Mixin for rows with ``name_zh``/``name_en``: ``label(locale)`` picks one,
    falling back to Chinese, the portal's first language."""

    name_zh: str
    name_en: str

    def label(self, locale: str) -> str:
        if locale.startswith("en") and self.name_en:
            return self.name_en
        return self.name_zh


class UploadedFile:
    """The columns of a checked, stored upload (``catalog.supply.files``):
    who sent it, its name, type, size, digest and the name it is stored under."""

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
