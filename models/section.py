"""Section: one ordered part of an article, identified by a stable key."""

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from models.common import SLUG_PATTERN, UTCDateTime, utcnow


class SectionBase(SQLModel):
    """Fields an editor sets."""

    key: str = Field(min_length=1, max_length=100, schema_extra={"pattern": SLUG_PATTERN})
    position: int = Field(ge=0)
    heading_editorial: bool = Field(
        default=False, description="The source heading was written by the editors, not the author"
    )


class Section(SectionBase, table=True):
    """The source text itself is the published ``full`` version in the article's source language;
    ``source_hash`` (SHA-256 of that text) is what translations are checked against."""

    __tablename__ = "section"
    __table_args__ = (UniqueConstraint("article_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    source_hash: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    retired_at: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="Set when retired: gone from reads, kept"
    )
