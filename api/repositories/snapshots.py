"""Queries of the read-side snapshot (``api.services.snapshot``): the columns a reader sees of
articles, their live sections and published versions, titles, whole-article readability and
glossary, for one article or a batch (delta sync, bundles) in the same six statements.

Rows are plain tuples (no ORM identity map). Readability reports come as their stored JSON
text (``CAST(... AS TEXT)``), validated later by pydantic-core in one pass
(``model_validate_json``); a version's grade equivalent is extracted in SQL, so level
selection needs no report validated (docs/scale.md shows the plans).
"""

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Text, cast, select
from sqlmodel import Session, col

from models import (
    Article,
    ArticleReadability,
    ArticleTitle,
    GlossaryEntry,
    Section,
    Version,
    VersionStatus,
)

PUBLISHED = VersionStatus.published


def articles(session: Session, slugs: Sequence[str]) -> list[Any]:
    """``(id, slug, source_locale, revision, updated_at, editorial_notes, references,
    last_reviewed_at, reviewed_by)`` of the articles with these slugs that are not retired."""
    return list(
        session.execute(
            select(
                col(Article.id),
                col(Article.slug),
                col(Article.source_locale),
                col(Article.revision),
                col(Article.updated_at),
                col(Article.editorial_notes),
                col(Article.references),
                col(Article.last_reviewed_at),
                col(Article.reviewed_by),
            ).where(col(Article.slug).in_(slugs), col(Article.retired_at).is_(None))
        ).all()
    )


def sections(session: Session, ids: Sequence[int]) -> list[Any]:
    """``(id, article_id, key, position, heading_editorial, source_hash)`` of the live
    sections of these articles, in article id then position order."""
    return list(
        session.execute(
            select(
                col(Section.id),
                col(Section.article_id),
                col(Section.key),
                col(Section.position),
                col(Section.heading_editorial),
                col(Section.source_hash),
            )
            .where(col(Section.article_id).in_(ids), col(Section.retired_at).is_(None))
            .order_by(col(Section.article_id), col(Section.position))
        ).all()
    )


def versions(
    session: Session, ids: Sequence[int], locales: Collection[str] | None = None
) -> list[Any]:
    """``(section_id, id, revision, locale, level, heading, text, readability JSON text,
    grade_equivalent, source_hash, origin, created_at)`` of the published versions of the
    live sections of these articles (only in ``locales``, when given)."""
    in_locales = [] if locales is None else [col(Version.locale).in_(locales)]
    grade = col(Version.readability)["grade_equivalent"].as_float()
    return list(
        session.execute(
            select(
                col(Version.section_id),
                col(Version.id),
                col(Version.revision),
                col(Version.locale),
                col(Version.level),
                col(Version.heading),
                col(Version.text),
                cast(col(Version.readability), Text),
                grade,
                col(Version.source_hash),
                col(Version.origin),
                col(Version.created_at),
            )
            .join(Section, col(Section.id) == col(Version.section_id))
            .where(
                col(Section.article_id).in_(ids),
                col(Section.retired_at).is_(None),
                col(Version.status) == PUBLISHED,
                *in_locales,
            )
        ).all()
    )


def titles(session: Session, ids: Sequence[int]) -> list[Any]:
    """``(article_id, locale, level, title)`` of the published titles of these articles."""
    return list(
        session.execute(
            select(
                col(ArticleTitle.article_id),
                col(ArticleTitle.locale),
                col(ArticleTitle.level),
                col(ArticleTitle.title),
            ).where(col(ArticleTitle.article_id).in_(ids), col(ArticleTitle.status) == PUBLISHED)
        ).all()
    )


def readability(session: Session, ids: Sequence[int]) -> list[Any]:
    """``(article_id, locale, level, report JSON text)`` of the whole-article reports."""
    return list(
        session.execute(
            select(
                col(ArticleReadability.article_id),
                col(ArticleReadability.locale),
                col(ArticleReadability.level),
                cast(col(ArticleReadability.report), Text),
            ).where(col(ArticleReadability.article_id).in_(ids))
        ).all()
    )


def glossary(session: Session, ids: Sequence[int]) -> list[Any]:
    """``(article_id, locale, kind, term, definition, ipa)`` in locale then term order."""
    return list(
        session.execute(
            select(
                col(GlossaryEntry.article_id),
                col(GlossaryEntry.locale),
                col(GlossaryEntry.kind),
                col(GlossaryEntry.term),
                col(GlossaryEntry.definition),
                col(GlossaryEntry.ipa),
            )
            .where(col(GlossaryEntry.article_id).in_(ids))
            .order_by(col(GlossaryEntry.locale), col(GlossaryEntry.term))
        ).all()
    )
