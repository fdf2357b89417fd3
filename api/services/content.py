"""Writing content: versions are appended, never edited; publishing supersedes the previous one.

Every change a reader can see is logged in ``change_log`` in the same transaction
(``api.repositories.changes``); every change also bumps ``Article.revision`` (:func:`touch`)
for ETags, and whole-article readability (reference.md section 1: targets are judged on the
whole article) is recomputed for the language and level that changed.
"""

from collections.abc import Iterable

from sqlmodel import Session

from api.domain.levels import LevelScheme
from api.domain.readability import score_text
from api.domain.slot import Slot
from api.repositories import articles, history, slots, titles
from api.repositories.changes import log_change
from api.repositories.history import Entry
from models import (
    Article,
    ArticleReadability,
    ArticleTitle,
    ChangeKind,
    EventAction,
    Section,
    Version,
    VersionStatus,
)
from models.common import utcnow


def published_version(session: Session, section_id: int, locale: str, level: str) -> Version | None:
    """The slot's published version, if any (see ``api.repositories.slots.published``)."""
    return slots.published(session, Slot(section_id, locale, level))


def append_version(
    session: Session, scheme: LevelScheme, section: Section, version: Version
) -> Version:
    """Store ``version`` as the slot's next revision (no commit). Scored for readability on
    arrival unless it carries the report already (a checked submission: scored once)."""
    assert section.id is not None
    version.section_id = section.id
    version.revision = slots.next_revision(session, slots.slot_of(version))
    if not version.readability:
        report = score_text(version.text, version.locale, scheme, version.level)
        version.readability = report.as_dict()
    session.add(version)
    session.flush()
    return version


def publish(
    session: Session,
    version: Version,
    reviewer: str | None = None,
    *,
    event: EventAction | None = None,
    change: ChangeKind = ChangeKind.published,
    comment: str | None = None,
) -> Version | None:
    """Make ``version`` the slot's published one (no commit); returns the previous published
    version, now ``superseded``. Logs ``change`` (and ``superseded``; ``stale_cleared`` when
    the previous one was stale) and, with ``event``, the version events of both (``comment``
    goes on the event; the caller sets ``version.comment``)."""
    previous = _supersede(session, version)
    version.status = VersionStatus.published
    version.reviewed_by, version.reviewed_at = reviewer, utcnow()
    session.add(version)
    session.flush()
    actor = reviewer or "system"
    if previous is not None:
        by = {"by_version": version.id}
        history.record(
            session,
            previous,
            Entry(actor, event and EventAction.superseded, ChangeKind.superseded, details=by),
        )
    history.record(session, version, Entry(actor, event, change, comment))
    if previous is not None and previous.source_hash != version.source_hash:
        _log_stale_cleared(session, version, previous, actor)
    return previous


def _supersede(session: Session, version: Version) -> Version | None:
    """Mark the slot's published version other than ``version`` superseded; return it."""
    previous = slots.published(session, slots.slot_of(version))
    if previous is None or previous.id == version.id:
        return None
    previous.status = VersionStatus.superseded
    session.add(previous)
    session.flush()  # the partial unique index allows one published row per slot
    return previous


def _log_stale_cleared(session: Session, version: Version, previous: Version, actor: str) -> None:
    section = session.get(Section, version.section_id)
    assert section is not None
    if previous.source_hash != section.source_hash == version.source_hash:
        log_change(
            session,
            ChangeKind.stale_cleared,
            article_id=section.article_id,
            actor=actor,
            slot=slots.slot_of(version),
            version_id=version.id,
        )


def log_stale_changes(session: Session, source: Slot, old_hash: str, actor: str) -> None:
    """After the source hash of ``source``'s section moved from ``old_hash``: one ``stale_set``
    or ``stale_cleared`` row per published translation whose stale flag flipped (no commit)."""
    section = session.get(Section, source.section_id)
    assert section is not None
    for version in slots.published_in_section(session, source.section_id):
        if slots.slot_of(version) == source:
            continue
        was, now = version.source_hash != old_hash, version.source_hash != section.source_hash
        if was != now:
            log_change(
                session,
                ChangeKind.stale_set if now else ChangeKind.stale_cleared,
                article_id=section.article_id,
                actor=actor,
                slot=slots.slot_of(version),
                version_id=version.id,
            )


def publish_title(
    session: Session,
    article: Article,
    title: ArticleTitle,
    actor: str = "system",
    comment: str | None = None,
) -> ArticleTitle | None:
    """Publish ``title`` in its title slot (no commit); the slot's previous published title
    becomes ``superseded``. A new row (seed, authoring) is appended as the slot's next
    revision, unless the same text and source hash is already published (returns None); a
    stored submission (review) is published as it is. Records the title events and logs
    ``title_changed``; returns ``title``."""
    slot = titles.TitleSlot(article.id or 0, title.locale, title.level)
    current = titles.published(session, slot)
    if title.id is None:
        if current is not None and (current.title, current.source_hash) == (
            title.title,
            title.source_hash,
        ):
            return None
        title.article_id, title.revision = slot.article_id, titles.next_revision(session, slot)
        title.author = title.author or actor
        session.add(title)
        session.flush()
    if current is not None and current.id != title.id:
        current.status = VersionStatus.superseded
        session.add(current)
        session.flush()  # the partial unique index allows one published title per slot
        titles.record(session, current, EventAction.superseded, actor, details={"by": title.id})
    title.status, title.reviewed_by, title.reviewed_at = VersionStatus.published, actor, utcnow()
    session.add(title)
    session.flush()
    titles.record(session, title, EventAction.published, actor, comment)
    log_change(
        session,
        ChangeKind.title_changed,
        article_id=slot.article_id,
        actor=actor,
        language_level=(title.locale, title.level),
    )
    return title


def touch(session: Session, article: Article) -> None:
    """Record that what the article serves has changed (new cache key, new ``updated_at``)."""
    article.revision += 1
    article.updated_at = utcnow()
    session.add(article)


def recompute_readability(
    session: Session,
    scheme: LevelScheme,
    article: Article,
    slots_: Iterable[tuple[str, str]] | None = None,
) -> None:
    """Recompute whole-article readability for ``slots_`` (locale, level), default every
    language and level published or scored before (a report whose texts are all gone, e.g.
    the last section retired, is removed).

    The whole-article text is every published section text of that language and level, in
    section order, joined by blank lines; titles and headings are not scored.
    """
    texts: dict[tuple[str, str], list[str]] = {}
    for locale, level, text in slots.published_texts(session, article.id or 0):
        texts.setdefault((locale, level), []).append(text)
    if slots_ is None:
        scored = articles.readability_reports(session, article.id or 0)
        slots_ = set(texts) | {(row.locale, row.level) for row in scored}
    wanted = set(slots_)
    for locale, level in sorted(wanted):
        _store_readability(session, scheme, article, (locale, level), texts.get((locale, level)))


def _store_readability(
    session: Session,
    scheme: LevelScheme,
    article: Article,
    language_level: tuple[str, str],
    texts: list[str] | None,
) -> None:
    locale, level = language_level
    row = articles.readability_row(session, article.id or 0, locale, level)
    if not texts:
        if row is not None:
            session.delete(row)
        return
    report = score_text("\n\n".join(texts), locale, scheme, level).as_dict()
    row = row or ArticleReadability(article_id=article.id or 0, locale=locale, level=level)
    row.report, row.computed_at = report, utcnow()
    session.add(row)
