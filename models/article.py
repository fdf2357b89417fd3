"""Article: an ordered set of sections with a source language and editorial metadata."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from models.common import LEVEL_MAX, SLUG_PATTERN, TAG_MAX, UTCDateTime, utcnow


class ArticleBase(SQLModel):
    """Fields an editor sets."""

    slug: str = Field(min_length=1, max_length=100, schema_extra={"pattern": SLUG_PATTERN})
    source_locale: str = Field(max_length=TAG_MAX, description="BCP 47 tag of the authored text")


class Article(ArticleBase, table=True):
    """One article. ``revision`` grows by one on every change to what it serves (cache key)."""

    __tablename__ = "article"
    __table_args__ = (UniqueConstraint("slug"),)

    id: int | None = Field(default=None, primary_key=True)
    editorial_notes: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    references: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    last_reviewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reviewed_by: str | None = Field(default=None, max_length=200)
    revision: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    retired_at: datetime | None = Field(
        default=None, sa_type=UTCDateTime, description="Set when retired: gone from reads, kept"
    )


class ArticleTitle(SQLModel, table=True):
    """One version of the article's title in one language and level (the title slot).

    Append-only and reviewed like section versions (issue 9, point 4): ``submitted`` ->
    ``published`` (the slot's previous one ``superseded``) or ``rejected``; ``published`` ->
    ``withdrawn``. The source title is the published ``full`` title in the source language;
    ``source_hash`` is the SHA-256 of the source title a translation was written from.
    """

    __tablename__ = "article_title"
    __table_args__ = (
        UniqueConstraint("article_id", "locale", "level", "revision"),
        Index(
            "uq_article_title_published",
            "article_id",
            "locale",
            "level",
            unique=True,
            sqlite_where=text("status = 'published'"),
            postgresql_where=text("status = 'published'"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    locale: str = Field(max_length=TAG_MAX)
    level: str = Field(max_length=LEVEL_MAX)
    title: str = Field(max_length=500)
    status: str = Field(max_length=16)
    origin: str = Field(max_length=16)
    source_hash: str = Field(max_length=64)
    revision: int = Field(default=1, ge=1, description="Per title slot, from 1")
    author: str | None = Field(default=None, max_length=200)
    reviewed_by: str | None = Field(default=None, max_length=200)
    comment: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    reviewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ArticleTitleEvent(SQLModel, table=True):
    """What happened to one title version (the title's counterpart of ``version_event``);
    the title slot's latest event id is part of its ETag."""

    __tablename__ = "article_title_event"
    __table_args__ = (Index("ix_article_title_event_slot", "article_id", "locale", "level"),)

    id: int | None = Field(default=None, primary_key=True)
    title_id: int = Field(foreign_key="article_title.id", ondelete="CASCADE")
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    locale: str = Field(max_length=TAG_MAX)
    level: str = Field(max_length=LEVEL_MAX)
    action: str = Field(max_length=24)
    actor: str = Field(max_length=200)
    comment: str | None = Field(default=None, sa_type=Text)
    details: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ArticleReadability(SQLModel, table=True):
    """Whole-article readability of one language and level: all its sections' texts together.

    Derived data, recomputed whenever a published version changes; the level targets of
    reference.md section 1 are judged on this.
    """

    __tablename__ = "article_readability"
    __table_args__ = (UniqueConstraint("article_id", "locale", "level"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    locale: str = Field(max_length=TAG_MAX)
    level: str = Field(max_length=LEVEL_MAX)
    report: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    computed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
