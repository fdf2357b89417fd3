"""Version: one section's text in one language and reading level, at one revision.

Append-only: a new text is a new row; a state change never edits the text. At most one
``published`` version per section x language x level, enforced by a partial unique index.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from models.common import LEVEL_MAX, TAG_MAX, UTCDateTime, utcnow


class VersionBase(SQLModel):
    """What a translator or editor writes."""

    locale: str = Field(max_length=TAG_MAX, description="Canonical BCP 47 tag, e.g. pt-BR")
    level: str = Field(max_length=LEVEL_MAX, description="Reading level id, e.g. plain")
    heading: str = Field(max_length=500)
    text: str = Field(sa_type=Text)


class Version(VersionBase, table=True):
    """A stored version with its workflow state and the readability measured when stored."""

    __tablename__ = "version"
    __table_args__ = (
        UniqueConstraint("section_id", "locale", "level", "revision"),
        Index(
            "uq_version_published",
            "section_id",
            "locale",
            "level",
            unique=True,
            sqlite_where=text("status = 'published'"),
            postgresql_where=text("status = 'published'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    section_id: int = Field(foreign_key="section.id", index=True, ondelete="CASCADE")
    revision: int = Field(default=1, ge=1, description="Per slot, from 1; set by append_version")
    status: str = Field(max_length=16, index=True)
    origin: str = Field(max_length=16)
    source_hash: str = Field(max_length=64, description="SHA-256 of the source it was written from")
    readability: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    author: str | None = Field(default=None, max_length=200)
    reviewed_by: str | None = Field(default=None, max_length=200)
    comment: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    reviewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
