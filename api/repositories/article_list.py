"""Queries of the article list (``GET /v1/articles``): one page of articles and what their
summaries show, each a single indexed query for the whole page (docs/scale.md shows the plans).

The page is a keyset on the slug (``slug > cursor ORDER BY slug LIMIT n``: the unique index
on ``article.slug`` makes a page 90 % deep cost what the first does); the other queries take
the page's article ids. Nothing here builds an article's read snapshot.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from models import Article, ArticleReadability, Section, Version, VersionStatus

PUBLISHED = VersionStatus.published


@dataclass(frozen=True, slots=True)
class ListedArticle:
    """The article columns a list item shows."""

    id: int
    slug: str
    source_locale: str
    updated_at: datetime


def page(session: Session, after: str, limit: int) -> list[ListedArticle]:
    """Up to ``limit`` articles not retired with a slug greater than ``after``, in slug order."""
    rows: Any = session.execute(
        select(
            col(Article.id), col(Article.slug), col(Article.source_locale), col(Article.updated_at)
        )
        .where(col(Article.slug) > after, col(Article.retired_at).is_(None))
        .order_by(col(Article.slug))
        .limit(limit)
    ).all()
    return [ListedArticle(*row) for row in rows]


def readability_levels(session: Session, ids: list[int]) -> list[tuple[int, str, str]]:
    """``(article id, locale, level)`` of every stored whole-article readability report."""
    rows: Any = session.execute(
        select(
            col(ArticleReadability.article_id),
            col(ArticleReadability.locale),
            col(ArticleReadability.level),
        ).where(col(ArticleReadability.article_id).in_(ids))
    ).all()
    return [tuple(row) for row in rows]


def published_slots(session: Session, ids: list[int]) -> list[tuple[int, str, str, int]]:
    """``(article id, locale, level, live sections with a published version)`` per language
    and level that has one (retired sections are not counted: reads do not show them)."""
    rows: Any = session.execute(
        select(col(Section.article_id), col(Version.locale), col(Version.level), func.count())
        .select_from(Version)
        .join(Section, col(Section.id) == col(Version.section_id))
        .where(
            col(Section.article_id).in_(ids),
            col(Section.retired_at).is_(None),
            col(Version.status) == PUBLISHED,
        )
        .group_by(col(Section.article_id), col(Version.locale), col(Version.level))
    ).all()
    return [(a, loc, lv, int(n)) for a, loc, lv, n in rows]


def live_sections(session: Session, ids: list[int]) -> dict[int, int]:
    """``{article id: sections not retired}`` (articles with none are absent)."""
    rows: Any = session.execute(
        select(col(Section.article_id), func.count())
        .where(col(Section.article_id).in_(ids), col(Section.retired_at).is_(None))
        .group_by(col(Section.article_id))
    ).all()
    return {a: int(n) for a, n in rows}
