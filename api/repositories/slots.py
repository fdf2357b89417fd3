"""Queries on slots and their versions (``models.version``): the only module that selects
``Version`` rows for the write side (the read snapshot, ``api.services.store``, has its own).

Slot ETag: ``"slot-<highest version id>-<latest event id>"`` over the slot's rows. Every write
to a slot appends a version or an event, and ids only grow, so the tag changes on every
submission, publication, rejection, withdrawal or source edit and never comes back (no ABA).
It is a strong ETag (RFC 9110 8.8.3, reference.md section 4).
"""

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, func, update
from sqlmodel import Session, col, select

from api.domain.slot import Slot
from models import Section, Version, VersionEvent, VersionStatus
from models.common import LIVE_STATUSES, SOURCE_HISTORY, utcnow


def in_slot(slot: Slot) -> list[ColumnElement[bool]]:
    """WHERE clauses selecting the slot's versions."""
    return [
        col(Version.section_id) == slot.section_id,
        col(Version.locale) == slot.locale,
        col(Version.level) == slot.level,
    ]


def slot_of(version: Version) -> Slot:
    """The slot a version belongs to."""
    return Slot(version.section_id, version.locale, version.level)


def lock_section(session: Session, section_id: int) -> None:
    """Serialize writes to one section's slots until commit.

    An ``UPDATE`` of the section row takes PostgreSQL's row lock and SQLite's write lock, so
    a second writer waits, then reads the first one's committed state (READ COMMITTED).
    """
    session.exec(update(Section).where(col(Section.id) == section_id).values(updated_at=utcnow()))


def next_revision(session: Session, slot: Slot) -> int:
    """1 + the highest revision of the slot."""
    current = session.exec(select(func.max(Version.revision)).where(*in_slot(slot))).one()
    return (current or 0) + 1


def published(session: Session, slot: Slot) -> Version | None:
    """The slot's published version, if any."""
    return session.exec(
        select(Version).where(*in_slot(slot), Version.status == VersionStatus.published)
    ).first()


def versions(session: Session, slot: Slot) -> list[Version]:
    """Every version of the slot, newest revision first."""
    return list(
        session.exec(select(Version).where(*in_slot(slot)).order_by(col(Version.revision).desc()))
    )


def live(session: Session, slot: Slot) -> Version | None:
    """The slot's newest submitted or published version (what files and imports compare)."""
    return session.exec(
        select(Version)
        .where(*in_slot(slot), col(Version.status).in_(LIVE_STATUSES))
        .order_by(col(Version.revision).desc())
    ).first()


def etag(session: Session, slot: Slot) -> str:
    """The slot's current strong ETag (see module docstring)."""
    version_id = session.exec(select(func.max(Version.id)).where(*in_slot(slot))).one()
    event_id = session.exec(
        select(func.max(VersionEvent.id)).where(
            VersionEvent.section_id == slot.section_id,
            VersionEvent.locale == slot.locale,
            VersionEvent.level == slot.level,
        )
    ).one()
    return f'"slot-{version_id or 0}-{event_id or 0}"'


def source_text_for(session: Session, source: Slot, hash_: str) -> str | None:
    """The text of source revision ``hash_`` (its latest wording) in the source slot, if any."""
    return session.exec(
        select(Version.text)
        .where(
            *in_slot(source),
            Version.source_hash == hash_,
            col(Version.status).in_(SOURCE_HISTORY),
        )
        .order_by(col(Version.revision).desc())
    ).first()


def source_revisions(session: Session, source: Slot) -> dict[str, str]:
    """Every stored wording of the source slot -> its source revision hash (file imports)."""
    rows = session.exec(
        select(Version.text, Version.source_hash)
        .where(*in_slot(source), col(Version.status).in_(SOURCE_HISTORY))
        .order_by(col(Version.revision))
    ).all()
    return {text: hash_ for text, hash_ in rows}


def headings(session: Session, section_id: int, locale: str) -> list[tuple[str, str]]:
    """``(level, heading)`` of the section's non-empty headings in ``locale`` that were ever
    live or published, newest first (heading inheritance, ``api.services.workflow``)."""
    statuses = (*LIVE_STATUSES, VersionStatus.superseded)
    rows = session.exec(
        select(Version.level, Version.heading)
        .where(
            Version.section_id == section_id,
            Version.locale == locale,
            Version.heading != "",
            col(Version.status).in_(statuses),
        )
        .order_by(col(Version.id).desc())
    ).all()
    return [(level, heading) for level, heading in rows]


def holds(session: Session, slot: Slot, *, heading: str, text: str, source_hash: str) -> bool:
    """True when the slot's history has a version with exactly this heading, text and hash."""
    found = session.exec(
        select(Version.id)
        .where(
            *in_slot(slot),
            Version.heading == heading,
            Version.text == text,
            Version.source_hash == source_hash,
        )
        .limit(1)
    ).first()
    return found is not None


def live_in_sections(session: Session, section_ids: Iterable[int]) -> list[Version]:
    """Every submitted or published version of these sections (the work list)."""
    return list(
        session.exec(
            select(Version).where(
                col(Version.section_id).in_(list(section_ids)),
                col(Version.status).in_(LIVE_STATUSES),
            )
        )
    )


def published_in_section(session: Session, section_id: int) -> list[Version]:
    """Every published version of one section (stale-flag changes after a source edit)."""
    return list(
        session.exec(
            select(Version).where(
                Version.section_id == section_id, Version.status == VersionStatus.published
            )
        )
    )


def published_texts(session: Session, article_id: int) -> list[tuple[str, str, str]]:
    """``(locale, level, text)`` of every published version of the article, in section order."""
    rows: Any = session.exec(
        select(Version.locale, Version.level, Version.text)
        .join(Section, col(Section.id) == Version.section_id)
        .where(
            Section.article_id == article_id,
            Version.status == VersionStatus.published,
            col(Section.retired_at).is_(None),
        )
        .order_by(col(Section.position))
    ).all()
    return [(locale, level, text) for locale, level, text in rows]


def published_locales(session: Session) -> list[str]:
    """Every language tag with at least one published version, sorted."""
    rows = session.exec(
        select(Version.locale).where(Version.status == VersionStatus.published).distinct()
    )
    return sorted(rows)


def version_in_section(session: Session, section_id: int, version_id: int) -> Version | None:
    """Version ``version_id`` if it belongs to section ``section_id``, else None."""
    version = session.get(Version, version_id)
    return version if version is not None and version.section_id == section_id else None
