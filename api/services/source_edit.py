"""Source edits: an editor changes a section's source text (issue 3, section 2).

``minor`` keeps every translation current; ``substantive`` makes every version written
against the old source stale until replaced. The new source version is published at once,
under ``If-Match`` with the source slot's ETag, with its event and change-log rows
(``api.services.content``). Commits.
"""

from dataclasses import dataclass

from sqlmodel import Session

from api.domain.levels import LevelScheme
from api.domain.slot import Slot
from api.repositories import slots
from api.services import content
from api.services import slots as source
from api.services.catalogs import source_hash
from api.services.workflow import Place
from models import ChangeKind, EventAction, Version, VersionStatus
from models.common import Origin
from models.submission import SourceChange, SourceEdit


@dataclass(frozen=True, slots=True)
class SourceEditRequest:
    """An editor's new source text (``models.submission.SourceEdit``) with ``If-Match``."""

    edit: SourceEdit
    editor: str
    if_match: str | None


def edit_source(
    session: Session, *, scheme: LevelScheme, place: Place, request: SourceEditRequest
) -> Version:
    """Publish new source text under ``If-Match`` with the source slot's ETag. Commits.

    ``minor``: the new version keeps the section's ``source_hash``, so every translation stays
    current. ``substantive``: the hash becomes the new text's SHA-256, so every version written
    against the old source is stale until replaced (``stale_set`` rows in the change log).
    """
    article, section, edit = place.article, place.section, request.edit
    slots.lock_section(session, section.id or 0)
    place.require_live()
    slot = source.source_slot(scheme, article, section)
    source.require_if_match(request.if_match, slots.etag(session, slot))
    old_hash = section.source_hash
    substantive = edit.change == SourceChange.substantive
    version = _source_version(
        session, slot, request, source_hash(edit.text) if substantive else old_hash
    )
    content.append_version(session, scheme, section, version)
    action = EventAction.source_substantive if substantive else EventAction.source_minor
    content.publish(
        session,
        version,
        request.editor,
        event=action,
        change=ChangeKind.source_edited,
        comment=edit.comment,
    )
    section.source_hash = version.source_hash
    session.add(section)
    content.log_stale_changes(session, slot, old_hash, request.editor)
    content.recompute_readability(session, scheme, article, [(slot.locale, slot.level)])
    content.touch(session, article)
    session.commit()
    return version


def _source_version(
    session: Session, slot: Slot, request: SourceEditRequest, hash_: str
) -> Version:
    """The new source version (not yet stored); the heading stays unless the edit sets one."""
    edit, current = request.edit, slots.published(session, slot)
    heading = edit.heading if edit.heading is not None else current.heading if current else ""
    return Version(
        section_id=slot.section_id,
        locale=slot.locale,
        level=slot.level,
        heading=heading,
        text=edit.text,
        status=VersionStatus.submitted,
        origin=Origin.api.value,
        source_hash=hash_,
        author=request.editor,
        comment=edit.comment,
    )
