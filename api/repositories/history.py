"""A version's history: its ``version_event`` rows and, for what readers see, the matching
``change_log`` row, written together by :func:`record` so no fact is written twice.

``version_event`` is the per-version history translators and reviewers read (with comments and
check results); ``change_log`` (``api.repositories.changes``) is the reader-facing feed of
everything that changes what is served.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from api.domain.slot import Slot
from api.repositories import changes
from api.repositories.articles import article_id_of
from api.repositories.slots import slot_of
from models import ChangeKind, EventAction, Version, VersionEvent


@dataclass(frozen=True, slots=True)
class Entry:
    """What to record about one version: the ``version_event`` action (None: none), the
    ``change_log`` kind (None: readers see no change), who, and the event's comment/details."""

    actor: str
    event: EventAction | None = None
    change: ChangeKind | None = None
    comment: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def record(session: Session, version: Version, entry: Entry) -> VersionEvent | None:
    """Append the event and/or change row ``entry`` asks for about ``version`` (no commit)."""
    assert version.id is not None
    if entry.change is not None:
        changes.log_change(
            session,
            entry.change,
            article_id=article_id_of(session, version.section_id),
            actor=entry.actor,
            slot=slot_of(version),
            version_id=version.id,
        )
    if entry.event is None:
        return None
    row = VersionEvent(
        version_id=version.id,
        section_id=version.section_id,
        locale=version.locale,
        level=version.level,
        action=entry.event.value,
        actor=entry.actor,
        comment=entry.comment,
        details=entry.details,
    )
    session.add(row)
    session.flush()
    return row


def slot_events(session: Session, slot: Slot) -> list[VersionEvent]:
    """Every event of the slot, oldest first."""
    return list(
        session.exec(
            select(VersionEvent)
            .where(
                VersionEvent.section_id == slot.section_id,
                VersionEvent.locale == slot.locale,
                VersionEvent.level == slot.level,
            )
            .order_by(col(VersionEvent.id))
        )
    )
