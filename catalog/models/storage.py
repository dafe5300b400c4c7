"""Files kept in the database (``catalog.storage.DatabaseStorage``): one row
per file and its bytes in numbered chunks, so a file is written and read a
chunk at a time and every app server reads the same files."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class StoredFile(Base):
    __tablename__ = "stored_file"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    size: Mapped[int] = mapped_column(Integer, default=0)
    chunks: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StoredFileChunk(Base):
    __tablename__ = "stored_file_chunk"

    key: Mapped[str] = mapped_column(ForeignKey("stored_file.key", ondelete="CASCADE"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
