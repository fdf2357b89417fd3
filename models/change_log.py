"""The change log: one append-only row per change a reader can see (issue 7, point 4).

Rows are written by ``api.repositories.changes.log_change`` in the same transaction as the
change itself, so a row exists exactly when its change committed. ``id`` is the sequence a
delta-sync cursor is built on (issue 10, point 4); see ``api.repositories.changes`` for why a
reader reading "rows after N" never misses one committed later with a smaller id.
"""

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from models.common import LEVEL_MAX, TAG_MAX, UTCDateTime, utcnow


class ChangeKind(StrEnum):
    """What a reader can see change."""

    article_added = "article_added"
    article_changed = "article_changed"  # editorial notes, references, review date (seed)
    section_added = "section_added"
    title_changed = "title_changed"
    published = "published"
    superseded = "superseded"
    withdrawn = "withdrawn"
    source_edited = "source_edited"
    stale_set = "stale_set"
    stale_cleared = "stale_cleared"
    glossary_changed = "glossary_changed"
    article_retired = "article_retired"
    section_retired = "section_retired"
    section_moved = "section_moved"  # positions of the article's sections changed


class ChangeLogBase(SQLModel):
    """One change: where (article, and section x locale x level when it is about a slot),
    which version, who, when."""

    kind: str = Field(max_length=24, description="A ChangeKind value")
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    section_id: int | None = Field(default=None, foreign_key="section.id", ondelete="CASCADE")
    locale: str | None = Field(default=None, max_length=TAG_MAX)
    level: str | None = Field(default=None, max_length=LEVEL_MAX)
    version_id: int | None = Field(default=None, foreign_key="version.id", ondelete="CASCADE")
    actor: str = Field(max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ChangeLog(ChangeLogBase, table=True):
    """A stored change; ``id`` only grows (SQLite: AUTOINCREMENT, so ids are never reused
    after old rows are compacted away)."""

    __tablename__ = "change_log"
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)


class ChangeLogPublic(ChangeLogBase):
    """A change as the sync endpoint reads it."""

    id: int
