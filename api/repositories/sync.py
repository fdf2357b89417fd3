"""Queries of delta sync and offline bundles (issue 10, points 4 and 5).

The change log's rows are read through the same filters as ``changes.changes_since``; this
module adds what sync needs beyond it: the distinct scopes of a window of rows (collapsed in
SQL), the newest row matching filters, the low-water mark left by compaction, the generated
token secret, and the article and section rows including retired ones (tombstones need them).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, or_
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.repositories.changes import ChangeFilter
from models import Article, ArticleTitle, ChangeLog, Section, ServiceState, Version
from models.common import utcnow

LOW_WATER = "change_log_low_water"
SECRET = "sync_token_secret"


@dataclass(frozen=True, slots=True)
class Scope:
    """One distinct (kind, article, section, locale, level) of change rows in a window."""

    kind: str
    article_id: int
    section_id: int | None
    locale: str | None
    level: str | None


def _conditions(filters: ChangeFilter) -> list[ColumnElement[bool]]:
    """``changes_since``'s filter rule: a row without a locale or level concerns all."""
    where: list[ColumnElement[bool]] = []
    if filters.locales is not None:
        where.append(
            or_(col(ChangeLog.locale).is_(None), col(ChangeLog.locale).in_(filters.locales))
        )
    if filters.levels is not None:
        where.append(or_(col(ChangeLog.level).is_(None), col(ChangeLog.level).in_(filters.levels)))
    if filters.article_ids is not None:
        where.append(col(ChangeLog.article_id).in_(filters.article_ids))
    return where


def scopes(session: Session, after_id: int, upto_id: int, filters: ChangeFilter) -> list[Scope]:
    """The distinct scopes of rows with ``after_id < id <= upto_id`` matching ``filters``."""
    rows = session.execute(  # sqlmodel's select types at most four columns
        sa_select(
            col(ChangeLog.kind),
            col(ChangeLog.article_id),
            col(ChangeLog.section_id),
            col(ChangeLog.locale),
            col(ChangeLog.level),
        )
        .where(col(ChangeLog.id) > after_id, col(ChangeLog.id) <= upto_id, *_conditions(filters))
        .distinct()
    ).all()
    return [Scope(*row) for row in rows]


def newest_matching(session: Session, upto_id: int, filters: ChangeFilter) -> int:
    """The highest id ``<= upto_id`` of a row matching ``filters`` (0 when none)."""
    found = session.exec(
        select(func.max(ChangeLog.id)).where(col(ChangeLog.id) <= upto_id, *_conditions(filters))
    ).one()
    return found or 0


def _state(session: Session, key: str) -> str | None:
    row = session.get(ServiceState, key)
    return row.value if row is not None else None


def low_water(session: Session) -> int:
    """The highest change id removed by compaction (0 when nothing was removed)."""
    return int(_state(session, LOW_WATER) or 0)


def compact(session: Session, before: datetime) -> tuple[int, int]:
    """Delete change rows created before ``before``; raise the low-water mark to the highest
    id removed. Returns ``(rows removed, low-water mark)``. The caller commits."""
    highest = session.exec(
        select(func.max(ChangeLog.id)).where(col(ChangeLog.created_at) < before)
    ).one()
    mark = low_water(session)
    if not highest or highest <= mark:
        return 0, mark
    result: Any = session.execute(delete(ChangeLog).where(col(ChangeLog.id) <= highest))
    row = session.get(ServiceState, LOW_WATER) or ServiceState(key=LOW_WATER, value="0")
    row.value, row.updated_at = str(highest), utcnow()
    session.add(row)
    return int(result.rowcount or 0), highest


def stored_secret(session: Session, candidate: str) -> str:
    """The token secret kept in the database, storing ``candidate`` if there is none yet (the
    first worker to commit wins; the others read its value). Commits."""
    found = _state(session, SECRET)
    if found is not None:
        return found
    try:
        session.add(ServiceState(key=SECRET, value=candidate))
        session.commit()
        return candidate
    except IntegrityError:
        session.rollback()
        found = _state(session, SECRET)
        assert found is not None
        return found


def articles_after(
    session: Session, after_slug: str, inclusive: bool, limit: int, slugs: frozenset[str] | None
) -> list[str]:
    """Up to ``limit`` slugs of articles not retired, after ``after_slug`` (or from it, when
    ``inclusive``), in slug order."""
    bound = col(Article.slug) >= after_slug if inclusive else col(Article.slug) > after_slug
    query = select(Article.slug).where(bound, col(Article.retired_at).is_(None))
    if slugs is not None:
        query = query.where(col(Article.slug).in_(slugs))
    return list(session.exec(query.order_by(col(Article.slug)).limit(limit)).all())


def article_ids(session: Session, slugs: frozenset[str]) -> dict[str, int]:
    """``{slug: id}`` of the articles with these slugs, retired or not."""
    rows = session.exec(select(Article.slug, Article.id).where(col(Article.slug).in_(slugs)))
    return {slug: id_ or 0 for slug, id_ in rows}


def article_slugs(session: Session, ids: set[int]) -> dict[int, tuple[str, bool]]:
    """``{id: (slug, retired)}`` of these articles."""
    rows = session.exec(
        select(Article.id, Article.slug, Article.retired_at).where(col(Article.id).in_(ids))
    )
    return {id_ or 0: (slug, retired is not None) for id_, slug, retired in rows}


def section_keys(session: Session, ids: set[int]) -> dict[int, dict[int, tuple[str, bool]]]:
    """``{article id: {section id: (key, retired)}}`` for every section of these articles."""
    keys: dict[int, dict[int, tuple[str, bool]]] = {a: {} for a in ids}
    rows = session.exec(
        select(Section.article_id, Section.id, Section.key, Section.retired_at).where(
            col(Section.article_id).in_(ids)
        )
    )
    for article_id, section_id, key, retired in rows:
        keys[article_id][section_id or 0] = (key, retired is not None)
    return keys


def content_languages(session: Session) -> tuple[str, ...]:
    """Every language tag any section version or title was ever written in (any status: a
    language withdrawn since still has tombstones to send), sorted."""
    versions = session.exec(select(Version.locale).distinct()).all()
    titles = session.exec(select(ArticleTitle.locale).distinct()).all()
    return tuple(sorted(set(versions) | set(titles)))
