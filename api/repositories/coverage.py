"""Coverage counts over every article (``/v1/locales``, issue 9 point 4), in one query."""

from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from models import Section, Version, VersionStatus


def published_counts(session: Session) -> list[tuple[int, str, str, int, int]]:
    """``(article_id, locale, level, sections published, sections of the article)`` for every
    article, language and level with at least one published section."""
    totals = (
        select(col(Section.article_id), func.count(col(Section.id)).label("total"))
        .group_by(col(Section.article_id))
        .subquery()
    )
    rows: Any = session.execute(
        select(
            col(Section.article_id),
            col(Version.locale),
            col(Version.level),
            func.count(func.distinct(Version.section_id)),
            totals.c.total,
        )
        .select_from(Version)
        .join(Section, col(Section.id) == Version.section_id)
        .join(totals, totals.c.article_id == Section.article_id)
        .where(col(Version.status) == VersionStatus.published)
        .group_by(col(Section.article_id), col(Version.locale), col(Version.level), totals.c.total)
    ).all()
    return [(a, loc, lv, int(n), int(t)) for a, loc, lv, n, t in rows]
