"""Editors create articles and sections (issue 3, section 1: the ``editor`` role).

The source text of a new section is published at once as the ``full`` version in the
article's source language (the editor is its author and reviewer); its SHA-256 becomes the
section's ``source_hash``. The title is published for the source language at ``full``.
"""

from sqlalchemy import func
from sqlmodel import Session, select

from api.domain.levels import LevelScheme
from api.errors import Conflict, InvalidParameter
from api.services import content, slots
from api.services.catalogs import source_hash
from models import Article, ArticleTitle, EventAction, Section, Version
from models.common import Origin
from models.submission import ArticleCreate, SectionCreate


def add_section(
    session: Session, scheme: LevelScheme, article: Article, spec: SectionCreate, editor: str
) -> Section:
    """Append a section after the last one with its published source text (no commit)."""
    if (
        session.exec(
            select(Section).where(Section.article_id == article.id, Section.key == spec.key)
        ).first()
        is not None
    ):
        raise Conflict(f"'{article.slug}' already has a section '{spec.key}'")
    last = session.exec(
        select(func.max(Section.position)).where(Section.article_id == article.id)
    ).one()
    hash_ = source_hash(spec.text)
    section = Section(
        article_id=article.id or 0,
        key=spec.key,
        position=0 if last is None else last + 1,
        source_hash=hash_,
    )
    session.add(section)
    session.flush()
    version = Version(
        section_id=section.id or 0,
        revision=0,
        locale=article.source_locale,
        level=slots.FULL,
        heading=spec.heading,
        text=spec.text,
        status="submitted",
        origin=Origin.api.value,
        source_hash=hash_,
        author=editor,
    )
    content.append_version(session, scheme, section, version)
    content.publish(session, version, editor)
    slots.record(session, version, EventAction.source_substantive.value, editor, "section created")
    return section


def create_article(
    session: Session, scheme: LevelScheme, spec: ArticleCreate, locale: str, editor: str
) -> Article:
    """Create an article with its title and sections; 409 if the slug exists. Commits."""
    if session.exec(select(Article).where(Article.slug == spec.slug)).first() is not None:
        raise Conflict(f"an article '{spec.slug}' already exists")
    article = Article(slug=spec.slug, source_locale=locale)
    session.add(article)
    session.flush()
    content.publish_title(
        session,
        article,
        ArticleTitle(
            article_id=article.id or 0,
            locale=locale,
            level=slots.FULL,
            title=spec.title,
            status="submitted",
            origin=Origin.api.value,
            source_hash=source_hash(spec.title),
        ),
    )
    keys = [s.key for s in spec.sections]
    if len(set(keys)) != len(keys):
        raise InvalidParameter.single("sections", "section keys must be unique")
    for section in spec.sections:
        add_section(session, scheme, article, section, editor)
    content.recompute_readability(session, scheme, article, [(locale, slots.FULL)])
    session.commit()
    return article


def create_section(
    session: Session, scheme: LevelScheme, article: Article, spec: SectionCreate, editor: str
) -> Section:
    """Append one section to an existing article. Commits."""
    section = add_section(session, scheme, article, spec, editor)
    content.recompute_readability(session, scheme, article, [(article.source_locale, slots.FULL)])
    content.touch(session, article)
    session.commit()
    return section
