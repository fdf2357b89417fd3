"""Queries on title slots (``models.article.ArticleTitle``): the write side's only module that
selects title versions and their events (the read snapshot, ``api.services.store``, has its own).

A title slot is one article in one language at one reading level. Its ETag is
``"title-<highest title id>-<latest event id>"``: like the section slot's (``api.repositories
.slots``), it changes on every submission, publication, rejection or withdrawal and never
comes back (ids only grow). Strong ETag (RFC 9110 8.8.3, reference.md section 4).
"""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, update
from sqlmodel import Session, col, select

from models import Article, ArticleTitle, ArticleTitleEvent, VersionStatus
from models.common import LIVE_STATUSES


@dataclass(frozen=True, slots=True)
class TitleSlot:
    """``article_id``, ``locale`` (canonical BCP 47 tag) and ``level`` (a level id)."""

    article_id: int
    locale: str
    level: str


def slot_of(title: ArticleTitle) -> TitleSlot:
    """The slot a title version belongs to."""
    return TitleSlot(title.article_id, title.locale, title.level)


def in_slot(slot: TitleSlot) -> list[ColumnElement[bool]]:
    """WHERE clauses selecting the slot's title versions."""
    return [
        col(ArticleTitle.article_id) == slot.article_id,
        col(ArticleTitle.locale) == slot.locale,
        col(ArticleTitle.level) == slot.level,
    ]


def lock_article(session: Session, article_id: int) -> None:
    """Serialize title writes of one article until commit (a no-op ``UPDATE`` of its row takes
    PostgreSQL's row lock and SQLite's write lock; what readers see does not change)."""
    session.exec(
        update(Article).where(col(Article.id) == article_id).values(revision=col(Article.revision))
    )


def next_revision(session: Session, slot: TitleSlot) -> int:
    """1 + the highest revision of the slot."""
    current = session.exec(select(func.max(ArticleTitle.revision)).where(*in_slot(slot))).one()
    return (current or 0) + 1


def published(session: Session, slot: TitleSlot) -> ArticleTitle | None:
    """The slot's published title, if any."""
    return session.exec(
        select(ArticleTitle).where(*in_slot(slot), ArticleTitle.status == VersionStatus.published)
    ).first()


def live(session: Session, slot: TitleSlot) -> ArticleTitle | None:
    """The slot's newest submitted or published title."""
    return session.exec(
        select(ArticleTitle)
        .where(*in_slot(slot), col(ArticleTitle.status).in_(LIVE_STATUSES))
        .order_by(col(ArticleTitle.revision).desc())
    ).first()


def versions(session: Session, slot: TitleSlot) -> list[ArticleTitle]:
    """Every title version of the slot, newest revision first."""
    return list(
        session.exec(
            select(ArticleTitle).where(*in_slot(slot)).order_by(col(ArticleTitle.revision).desc())
        )
    )


def events(session: Session, slot: TitleSlot) -> list[ArticleTitleEvent]:
    """Every event of the slot, oldest first."""
    return list(
        session.exec(
            select(ArticleTitleEvent)
            .where(
                ArticleTitleEvent.article_id == slot.article_id,
                ArticleTitleEvent.locale == slot.locale,
                ArticleTitleEvent.level == slot.level,
            )
            .order_by(col(ArticleTitleEvent.id))
        )
    )


def etag(session: Session, slot: TitleSlot) -> str:
    """The title slot's current strong ETag (see module docstring)."""
    title_id = session.exec(select(func.max(ArticleTitle.id)).where(*in_slot(slot))).one()
    event_id = session.exec(
        select(func.max(ArticleTitleEvent.id)).where(
            ArticleTitleEvent.article_id == slot.article_id,
            ArticleTitleEvent.locale == slot.locale,
            ArticleTitleEvent.level == slot.level,
        )
    ).one()
    return f'"title-{title_id or 0}-{event_id or 0}"'


def record(
    session: Session,
    title: ArticleTitle,
    action: str,
    actor: str,
    comment: str | None = None,
    details: dict[str, Any] | None = None,
) -> ArticleTitleEvent:
    """Append one event about ``title`` (no commit)."""
    assert title.id is not None
    row = ArticleTitleEvent(
        title_id=title.id,
        article_id=title.article_id,
        locale=title.locale,
        level=title.level,
        action=action,
        actor=actor,
        comment=comment,
        details=details or {},
    )
    session.add(row)
    session.flush()
    return row


def live_in_article(session: Session, article_id: int) -> list[ArticleTitle]:
    """Every submitted or published title of the article (the status matrix)."""
    return list(
        session.exec(
            select(ArticleTitle).where(
                ArticleTitle.article_id == article_id,
                col(ArticleTitle.status).in_(LIVE_STATUSES),
            )
        )
    )


def published_in_article(session: Session, article_id: int) -> list[ArticleTitle]:
    """Every published title of the article."""
    return list(
        session.exec(
            select(ArticleTitle).where(
                ArticleTitle.article_id == article_id,
                ArticleTitle.status == VersionStatus.published,
            )
        )
    )
