"""Writing content: versions are appended, never edited; publishing supersedes the previous one.

Every change bumps ``Article.revision`` so that cached read responses are rebuilt, and whole
article readability (reference.md section 1: targets are judged on the whole article) is
recomputed for the language and level that changed.
"""

from collections.abc import Iterable

from sqlalchemy import func
from sqlmodel import Session, col, select

from api.domain.levels import LevelScheme
from api.domain.readability import score_text
from models import Article, ArticleReadability, ArticleTitle, Section, Version, VersionStatus
from models.common import utcnow

PUBLISHED = VersionStatus.published.value


def next_revision(session: Session, section_id: int, locale: str, level: str) -> int:
    """1 + the highest revision of the slot (section x language x level)."""
    current = session.exec(
        select(func.max(Version.revision)).where(
            Version.section_id == section_id, Version.locale == locale, Version.level == level
        )
    ).one()
    return (current or 0) + 1


def published_version(session: Session, section_id: int, locale: str, level: str) -> Version | None:
    """The slot's published version, if any."""
    return session.exec(
        select(Version).where(
            Version.section_id == section_id,
            Version.locale == locale,
            Version.level == level,
            Version.status == PUBLISHED,
        )
    ).first()


def append_version(
    session: Session, scheme: LevelScheme, section: Section, version: Version
) -> Version:
    """Store ``version`` as the slot's next revision, scored for readability on arrival."""
    assert section.id is not None
    version.section_id = section.id
    version.revision = next_revision(session, section.id, version.locale, version.level)
    version.readability = score_text(version.text, version.locale, scheme, version.level).as_dict()
    session.add(version)
    session.flush()
    return version


def publish(session: Session, version: Version, reviewer: str | None = None) -> None:
    """Make ``version`` the slot's published one; the previous one becomes ``superseded``."""
    current = published_version(session, version.section_id, version.locale, version.level)
    if current is not None and current.id != version.id:
        current.status = VersionStatus.superseded.value
        session.add(current)
        session.flush()  # the partial unique index allows one published row per slot
    version.status = PUBLISHED
    version.reviewed_by, version.reviewed_at = reviewer, utcnow()
    session.add(version)
    session.flush()


def publish_title(session: Session, article: Article, title: ArticleTitle) -> ArticleTitle | None:
    """Publish a title for a language and level unless the same one is already published."""
    current = session.exec(
        select(ArticleTitle).where(
            ArticleTitle.article_id == article.id,
            ArticleTitle.locale == title.locale,
            ArticleTitle.level == title.level,
            ArticleTitle.status == PUBLISHED,
        )
    ).first()
    if current is not None:
        if (current.title, current.source_hash) == (title.title, title.source_hash):
            return None
        current.status = VersionStatus.superseded.value
        session.add(current)
        session.flush()
    title.article_id, title.status = article.id or 0, PUBLISHED
    session.add(title)
    session.flush()
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
    slots: Iterable[tuple[str, str]] | None = None,
) -> None:
    """Recompute whole-article readability for ``slots`` (locale, level), default all published.

    The whole-article text is every published section text of that language and level, in
    section order, joined by blank lines; titles and headings are not scored.
    """
    rows = session.exec(
        select(Version.locale, Version.level, Version.text)
        .join(Section, col(Section.id) == Version.section_id)
        .where(Section.article_id == article.id, Version.status == PUBLISHED)
        .order_by(col(Section.position))
    ).all()
    texts: dict[tuple[str, str], list[str]] = {}
    for locale, level, text in rows:
        texts.setdefault((locale, level), []).append(text)
    wanted = set(slots) if slots is not None else set(texts)
    for locale, level in sorted(wanted):
        _store_readability(session, scheme, article, locale, level, texts.get((locale, level)))


def _store_readability(
    session: Session,
    scheme: LevelScheme,
    article: Article,
    locale: str,
    level: str,
    texts: list[str] | None,
) -> None:
    row = session.exec(
        select(ArticleReadability).where(
            ArticleReadability.article_id == article.id,
            ArticleReadability.locale == locale,
            ArticleReadability.level == level,
        )
    ).first()
    if not texts:
        if row is not None:
            session.delete(row)
        return
    report = score_text("\n\n".join(texts), locale, scheme, level).as_dict()
    row = row or ArticleReadability(article_id=article.id or 0, locale=locale, level=level)
    row.report, row.computed_at = report, utcnow()
    session.add(row)
