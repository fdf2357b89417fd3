"""Slots (section x language x level) as the workflow sees them: the source slot, the source
text a version was written from, and ``If-Match`` on the slot's ETag (issue 3, section 2).

Source revision: ``Section.source_hash`` identifies the source text translations are current
against: the SHA-256 of the source text as of its last *substantive* edit. A *minor* edit
(typo) publishes new source text but keeps the hash, so nothing goes stale; a version is stale
when its ``source_hash`` differs from its section's. The source slot is the section in the
article's source language at the scheme's ``source_level`` (``api.domain.levels``).
Queries live in ``api.repositories.slots``; the ETag is defined there.
"""

from typing import Any

from sqlmodel import Session

from api.domain.levels import LevelScheme
from api.domain.slot import Slot
from api.errors import PreconditionFailed, PreconditionRequired
from api.repositories import slots
from models import Article, Section, Version


def source_slot(scheme: LevelScheme, article: Article, section: Section) -> Slot:
    """The slot holding the section's source text."""
    return Slot(section.id or 0, article.source_locale, scheme.source_level)


def is_source(scheme: LevelScheme, article: Article, slot: Slot) -> bool:
    """True when ``slot`` is its section's source slot."""
    return (slot.locale, slot.level) == (article.source_locale, scheme.source_level)


def source_version(
    session: Session, scheme: LevelScheme, article: Article, section: Section
) -> Version | None:
    """The published source text of the section."""
    return slots.published(session, source_slot(scheme, article, section))


def current_source(
    session: Session, scheme: LevelScheme, article: Article, section: Section
) -> dict[str, Any]:
    """``{source_hash, locale, heading, text}`` of the section's current source (409 bodies,
    history)."""
    version = source_version(session, scheme, article, section)
    return {
        "source_hash": section.source_hash,
        "locale": article.source_locale,
        "heading": version.heading if version else "",
        "text": version.text if version else "",
    }


def require_if_match(if_match: str | None, current: str) -> None:
    """428 without ``If-Match`` (or with ``*``, which cannot detect a concurrent change);
    412 unless one of its entity tags equals ``current`` (strong comparison, RFC 9110
    13.1.1, reference.md section 4)."""
    if if_match is None or not if_match.strip():
        raise PreconditionRequired(
            "this change needs If-Match with the slot's current ETag (from GET .../versions)",
            etag=current,
        )
    tags = [t.strip() for t in if_match.split(",")]
    if tags == ["*"]:
        raise PreconditionRequired(
            "If-Match: * cannot detect a concurrent change; send the slot's ETag", etag=current
        )
    if current not in tags:
        raise PreconditionFailed(
            "another change to this slot got there first; reload its versions and decide again",
            etag=current,
        )
