"""Review at the pace of a language (issue 9, point 6): publish many submissions of one article
at once, all or none.

Each item names a section version (``version_id``) or a title version (``title_id``) and the
ETag of its slot, exactly as ``If-Match`` of a single publish would carry it (RFC 9110 13.1.1,
reference.md section 4). Everything is checked before anything is written, and each check
names every item it refuses, in this order: 422 (an item naming neither or both ids, two items
for one slot), 404 (not a version of this article), 403 (no reviewer grant for the item's
language and level; the reviewer's own versions), 409 (not ``submitted``, or written against
an older source), 412 (the slot's ETag moved on). Then every item is published as a single
publish would be (``content.publish``, ``content.publish_title``: history, change log), the
whole-article readability of each language and level touched is recomputed, and one commit.
"""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from api.domain.levels import LevelScheme
from api.errors import Conflict, Forbidden, InvalidParameter, NotFound, PreconditionFailed
from api.repositories import slots, titles
from api.services import content, status
from api.services import titles as title_service
from api.services.auth import Principal
from models import Article, ArticleTitle, EventAction, Section, Version, VersionStatus
from models.submission import PublishItem


@dataclass
class BatchItem:
    """One batch item resolved: its row, the slot's key and current ETag, its source hash."""

    index: int
    item: PublishItem
    row: Version | ArticleTitle
    slot: tuple[str, int, str, str]
    etag: str
    current_source_hash: str

    @property
    def name(self) -> str:
        kind = "version_id" if isinstance(self.row, Version) else "title_id"
        return f"items[{self.index}] ({kind} {self.row.id})"


def _shape(items: list[PublishItem]) -> None:
    bad = [
        f"items[{i}]"
        for i, it in enumerate(items)
        if (it.version_id is None) == (it.title_id is None)
    ]
    if bad:
        reason = "must name exactly one of version_id or title_id"
        raise InvalidParameter(
            f"{', '.join(bad)} {reason}", [{"parameter": p, "reason": reason} for p in bad]
        )


def _resolve(
    session: Session, scheme: LevelScheme, article: Article, index: int, item: PublishItem
) -> BatchItem | None:
    if item.version_id is not None:
        version = session.get(Version, item.version_id)
        section = session.get(Section, version.section_id) if version else None
        if version is None or section is None or section.article_id != article.id:
            return None
        session.refresh(version)
        session.refresh(section)
        slot = ("section", version.section_id, version.locale, version.level)
        etag = slots.etag(session, slots.slot_of(version))
        return BatchItem(index, item, version, slot, etag, section.source_hash)
    title = session.get(ArticleTitle, item.title_id)
    if title is None or title.article_id != article.id:
        return None
    session.refresh(title)
    source = title_service.current_source(session, scheme, article)["source_hash"]
    etag = titles.etag(session, titles.slot_of(title))
    return BatchItem(
        index, item, title, ("title", title.article_id, title.locale, title.level), etag, source
    )


def _refuse(targets: list[BatchItem], error: type[Any], detail: str, **extra: Any) -> None:
    if targets:
        names = ", ".join(t.name for t in targets)
        raise error(f"{detail}: {names}", items=[t.index for t in targets], **extra)


def _check(targets: list[BatchItem], reviewer: Principal) -> None:
    seen: dict[tuple[str, int, str, str], int] = {}
    for t in targets:
        if t.slot in seen:
            reason = f"names the same slot as items[{seen[t.slot]}]; publish one version per slot"
            raise InvalidParameter.single(f"items[{t.index}]", reason)
        seen[t.slot] = t.index
    no_grant = [t for t in targets if not reviewer.can("reviewer", t.row.locale, t.row.level)]
    needs = [{"role": "reviewer", "language": t.row.locale, "level": t.row.level} for t in no_grant]
    _refuse(no_grant, Forbidden, f"{reviewer.name} is not a reviewer for", needs=needs)
    own = [t for t in targets if t.row.author == reviewer.name]
    _refuse(own, Forbidden, f"{reviewer.name} wrote these; a reviewer never reviews their own")
    wrong = [t for t in targets if t.row.status != VersionStatus.submitted]
    _refuse(wrong, Conflict, "only submitted versions can be published; not submitted")
    stale = [t for t in targets if t.row.source_hash != t.current_source_hash]
    _refuse(stale, Conflict, "written against an older source text (stale)")
    moved = [t for t in targets if t.etag not in [e.strip() for e in t.item.etag.split(",")]]
    current = {str(t.index): t.etag for t in moved}
    _refuse(moved, PreconditionFailed, "another change got there first for", etags=current)


def publish_batch(
    session: Session,
    *,
    scheme: LevelScheme,
    article: Article,
    items: list[PublishItem],
    reviewer: Principal,
    comment: str | None = None,
) -> list[BatchItem]:
    """Publish every item or none (see module docstring for the checks); commits. Returns the
    published items in request order (``row`` is the published version or title)."""
    _shape(items)
    titles.lock_article(session, article.id or 0)
    section_ids = {_section_of(session, it.version_id) for it in items if it.version_id}
    for section_id in sorted(section_ids - {0}):  # one order: two batches cannot deadlock
        slots.lock_section(session, section_id)
    resolved = [_resolve(session, scheme, article, i, it) for i, it in enumerate(items)]
    missing = [f"items[{i}]" for i, t in enumerate(resolved) if t is None]
    if missing:
        raise NotFound(f"not a version of '{article.slug}': {', '.join(missing)}", items=missing)
    targets = [t for t in resolved if t is not None]
    _check(targets, reviewer)
    for t in targets:
        t.row.comment = comment
        if isinstance(t.row, Version):
            content.publish(
                session, t.row, reviewer.name, event=EventAction.published, comment=comment
            )
        else:
            content.publish_title(session, article, t.row, reviewer.name, comment)
    touched = {(t.row.locale, t.row.level) for t in targets if isinstance(t.row, Version)}
    content.recompute_readability(session, scheme, article, touched)
    content.touch(session, article)
    session.commit()
    for t in targets:
        t.etag = (
            slots.etag(session, slots.slot_of(t.row))
            if isinstance(t.row, Version)
            else titles.etag(session, titles.slot_of(t.row))
        )
    return targets


def _section_of(session: Session, version_id: int) -> int:
    version = session.get(Version, version_id)
    return version.section_id if version else 0


def item_json(
    session: Session, scheme: LevelScheme, article: Article, item: BatchItem
) -> dict[str, Any]:
    """One published item as the single publish answers it, with ``kind`` and ``etag``."""
    row = item.row
    if isinstance(row, Version):
        section = session.get(Section, row.section_id)
        assert section is not None
        body = status.version_json(row, section, None)
        return {"kind": "section", "section": section.key, **body, "etag": item.etag}
    source = title_service.current_source(session, scheme, article)["source_hash"]
    return {"kind": "title", **status.title_json(row, source), "etag": item.etag}
