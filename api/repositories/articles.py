"""Queries on articles, sections, titles, whole-article readability and glossary rows."""

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.errors import NotFound
from models import (
    Article,
    ArticleReadability,
    ArticleTitle,
    GlossaryEntry,
    Section,
    VersionStatus,
)


def article_by_slug(session: Session, slug: str) -> Article | None:
    """The article with this slug, or None."""
    return session.exec(select(Article).where(Article.slug == slug)).first()


def find_article(session: Session, slug: str) -> Article:
    """The article, or 404 naming it."""
    article = article_by_slug(session, slug)
    if article is None:
        raise NotFound(f"no article '{slug}'", missing={"article": slug})
    return article


def section_by_key(session: Session, article_id: int, key: str) -> Section | None:
    """The article's section with this key, or None."""
    return session.exec(
        select(Section).where(Section.article_id == article_id, Section.key == key)
    ).first()


def find_section(session: Session, slug: str, key: str) -> tuple[Article, Section]:
    """The article and its section, or 404 naming what is missing."""
    article = find_article(session, slug)
    section = section_by_key(session, article.id or 0, key)
    if section is None:
        raise NotFound(f"'{slug}' has no section '{key}'", missing={"section": key})
    return article, section


def sections_of(session: Session, article_id: int) -> list[Section]:
    """The article's sections in order."""
    return list(
        session.exec(
            select(Section).where(Section.article_id == article_id).order_by(col(Section.position))
        )
    )


def last_position(session: Session, article_id: int) -> int | None:
    """The highest section position of the article, None when it has no sections."""
    return session.exec(
        select(func.max(Section.position)).where(Section.article_id == article_id)
    ).one()


def article_id_of(session: Session, section_id: int) -> int:
    """The id of the article a section belongs to (from the identity map when loaded)."""
    section = session.get(Section, section_id)
    assert section is not None
    return section.article_id


def slugs_page(session: Session, after: str, limit: int) -> list[str]:
    """Up to ``limit`` article slugs greater than ``after``, in order (keyset pagination)."""
    return list(
        session.exec(
            select(Article.slug)
            .where(col(Article.slug) > after, col(Article.retired_at).is_(None))
            .order_by(col(Article.slug))
            .limit(limit)
        ).all()
    )


def published_title(
    session: Session, article_id: int, locale: str, level: str
) -> ArticleTitle | None:
    """The published title for a language and level, if any."""
    return session.exec(
        select(ArticleTitle).where(
            ArticleTitle.article_id == article_id,
            ArticleTitle.locale == locale,
            ArticleTitle.level == level,
            ArticleTitle.status == VersionStatus.published,
        )
    ).first()


def title_held(session: Session, title: ArticleTitle) -> bool:
    """True when the article ever had this title text and source hash at its language/level."""
    found = session.exec(
        select(ArticleTitle.id)
        .where(
            ArticleTitle.article_id == title.article_id,
            ArticleTitle.locale == title.locale,
            ArticleTitle.level == title.level,
            ArticleTitle.title == title.title,
            ArticleTitle.source_hash == title.source_hash,
        )
        .limit(1)
    ).first()
    return found is not None


def readability_row(
    session: Session, article_id: int, locale: str, level: str
) -> ArticleReadability | None:
    """The stored whole-article readability of one language and level, if any."""
    return session.exec(
        select(ArticleReadability).where(
            ArticleReadability.article_id == article_id,
            ArticleReadability.locale == locale,
            ArticleReadability.level == level,
        )
    ).first()


def readability_reports(session: Session, article_id: int) -> list[ArticleReadability]:
    """Every stored whole-article readability row of the article."""
    return list(
        session.exec(select(ArticleReadability).where(ArticleReadability.article_id == article_id))
    )


def glossary_of(session: Session, article_id: int) -> list[GlossaryEntry]:
    """Every glossary entry of the article."""
    return list(session.exec(select(GlossaryEntry).where(GlossaryEntry.article_id == article_id)))
