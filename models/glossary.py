"""Glossary: per article and language, terms with plain definitions and abbreviations with
their expansions, optionally with an IPA pronunciation (WCAG 2.2 SC 3.1.3, 3.1.4, 3.1.6)."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.common import TAG_MAX, UTCDateTime, utcnow


class GlossaryKind(StrEnum):
    """A term (defined) or an abbreviation (expanded)."""

    term = "term"
    abbreviation = "abbreviation"


class GlossaryEntryBase(SQLModel):
    """What an editor writes."""

    locale: str = Field(max_length=TAG_MAX, description="Canonical BCP 47 tag")
    kind: str = Field(max_length=16, description="term or abbreviation")
    term: str = Field(min_length=1, max_length=200, description="As it appears in the text")
    definition: str = Field(sa_type=Text, description="Plain definition, or the expansion")
    ipa: str | None = Field(default=None, max_length=200, description="IPA pronunciation")


class GlossaryEntry(GlossaryEntryBase, table=True):
    """One glossary entry of one article in one language."""

    __tablename__ = "glossary_entry"
    __table_args__ = (UniqueConstraint("article_id", "locale", "kind", "term"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
