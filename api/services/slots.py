"""Slots (section x language x level): look-up, the slot's ETag, the section write lock, the
source text a version was written from, and the slot's history (issue 3, section 2).

Slot ETag: ``"slot-<highest version id>-<latest event id>"`` over the slot's rows. Every
write to a slot appends a version or an event, and ids only grow, so the tag changes on every
submission, publication, rejection, withdrawal or source edit and never comes back (no ABA).
It is a strong ETag (RFC 9110 8.8.3); ``If-Match`` compares strongly (RFC 9110 13.1.1).

Source revision: ``Section.source_hash`` identifies the source text translations are current
against: the SHA-256 of the source text as of its last *substantive* edit. A *minor* edit
(typo) publishes new source text but keeps the hash, so nothing goes stale; a version is stale
when its ``source_hash`` differs from its section's.
"""

from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from api.errors import NotFound, PreconditionFailed, PreconditionRequired
from models import Article, Section, Version, VersionEvent
from models.common import utcnow

FULL = "full"


def find_section(session: Session, slug: str, key: str) -> tuple[Article, Section]:
    """The article and its section, or 404 naming what is missing."""
    article = find_article(session, slug)
    section = session.exec(
        select(Section).where(Section.article_id == article.id, Section.key == key)
    ).first()
    if section is None:
        raise NotFound(f"'{slug}' has no section '{key}'", missing={"section": key})
    return article, section


def find_article(session: Session, slug: str) -> Article:
    """The article, or 404."""
    article = session.exec(select(Article).where(Article.slug == slug)).first()
    if article is None:
        raise NotFound(f"no article '{slug}'", missing={"article": slug})
    return article


def lock_section(session: Session, section_id: int) -> None:
    """Serialize writes to one section's slots until commit.

    An ``UPDATE`` of the section row takes PostgreSQL's row lock and SQLite's write lock, so
    a second writer waits, then reads the first one's committed state (READ COMMITTED).
    """
    session.exec(update(Section).where(col(Section.id) == section_id).values(updated_at=utcnow()))


def slot_etag(session: Session, section_id: int, locale: str, level: str) -> str:
    """The slot's current strong ETag (see module docstring)."""
    version_id = session.exec(
        select(func.max(Version.id)).where(
            Version.section_id == section_id, Version.locale == locale, Version.level == level
        )
    ).one()
    event_id = session.exec(
        select(func.max(VersionEvent.id)).where(
            VersionEvent.section_id == section_id,
            VersionEvent.locale == locale,
            VersionEvent.level == level,
        )
    ).one()
    return f'"slot-{version_id or 0}-{event_id or 0}"'


def require_if_match(if_match: str | None, current: str) -> None:
    """428 without ``If-Match`` (or with ``*``, which cannot detect a concurrent change);
    412 unless one of its entity tags equals ``current`` (strong comparison)."""
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


def source_version(session: Session, article: Article, section: Section) -> Version | None:
    """The published source text: the ``full`` version in the article's source language."""
    return session.exec(
        select(Version).where(
            Version.section_id == section.id,
            Version.locale == article.source_locale,
            Version.level == FULL,
            Version.status == "published",
        )
    ).first()


def source_text_for(session: Session, article: Article, section: Section, hash_: str) -> str | None:
    """The source text of source revision ``hash_`` (its latest wording), if ever stored."""
    return session.exec(
        select(Version.text)
        .where(
            Version.section_id == section.id,
            Version.locale == article.source_locale,
            Version.level == FULL,
            Version.source_hash == hash_,
            col(Version.status).in_(("published", "superseded")),
        )
        .order_by(col(Version.revision).desc())
    ).first()


def source_revisions(session: Session, article: Article, section: Section) -> dict[str, str]:
    """Every stored source wording -> its source revision hash (for file imports)."""
    rows = session.exec(
        select(Version.text, Version.source_hash)
        .where(
            Version.section_id == section.id,
            Version.locale == article.source_locale,
            Version.level == FULL,
            col(Version.status).in_(("published", "superseded")),
        )
        .order_by(col(Version.revision))
    ).all()
    return {text: hash_ for text, hash_ in rows}


def current_source(session: Session, article: Article, section: Section) -> dict[str, Any]:
    """``{source_hash, heading, text}`` of the section's current source (409 bodies, history)."""
    version = source_version(session, article, section)
    return {
        "source_hash": section.source_hash,
        "locale": article.source_locale,
        "heading": version.heading if version else "",
        "text": version.text if version else "",
    }


def slot_versions(session: Session, section_id: int, locale: str, level: str) -> list[Version]:
    """Every version of the slot, newest revision first."""
    return list(
        session.exec(
            select(Version)
            .where(
                Version.section_id == section_id, Version.locale == locale, Version.level == level
            )
            .order_by(col(Version.revision).desc())
        )
    )


def slot_events(session: Session, section_id: int, locale: str, level: str) -> list[VersionEvent]:
    """Every event of the slot, oldest first."""
    return list(
        session.exec(
            select(VersionEvent)
            .where(
                VersionEvent.section_id == section_id,
                VersionEvent.locale == locale,
                VersionEvent.level == level,
            )
            .order_by(col(VersionEvent.id))
        )
    )


def record(
    session: Session,
    version: Version,
    action: str,
    actor: str,
    comment: str | None = None,
    details: dict[str, Any] | None = None,
) -> VersionEvent:
    """Append one event about ``version``."""
    assert version.id is not None
    event = VersionEvent(
        version_id=version.id,
        section_id=version.section_id,
        locale=version.locale,
        level=version.level,
        action=action,
        actor=actor,
        comment=comment,
        details=details or {},
    )
    session.add(event)
    session.flush()
    return event
