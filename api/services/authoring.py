"""Editors create articles and sections (issue 3, section 1: the ``editor`` role).

The source text of a new section is published at once as the ``full`` version in the
article's source language (the editor is its author and reviewer); its SHA-256 becomes the
section's ``source_hash``. The title is published for the source language at ``full``. The
change log gets ``article_added``, ``title_changed``, ``section_added`` and ``source_edited``.
"""

from sqlmodel import Session

from api.domain.levels import LevelScheme
from api.domain.slot import Slot
from api.errors import Conflict, InvalidParameter
from api.repositories import articles
from api.repositories.changes import log_change
from api.services import content
from api.services.catalogs import source_hash
from models import Article, ArticleTitle, ChangeKind, EventAction, Section, Version, VersionStatus
from models.common import Origin, utcnow
from models.submission import ArticleCreate, SectionCreate


def add_section(
    session: Session, scheme: LevelScheme, article: Article, spec: SectionCreate, editor: str
) -> Section:
    """Append a section after the last one with its published source text (no commit)."""
    if articles.section_by_key(session, article.id or 0, spec.key) is not None:
        raise Conflict(f"'{article.slug}' already has a section '{spec.key}'")
    last = articles.last_position(session, article.id or 0)
    hash_ = source_hash(spec.text)
    section = Section(
        article_id=article.id or 0,
        key=spec.key,
        position=0 if last is None else last + 1,
        source_hash=hash_,
    )
    session.add(section)
    session.flush()
    log_change(
        session,
        ChangeKind.section_added,
        article_id=article.id or 0,
        actor=editor,
        slot=Slot(section.id or 0, article.source_locale, scheme.source_level),
    )
    version = Version(
        section_id=section.id or 0,
        locale=article.source_locale,
        level=scheme.source_level,
        heading=spec.heading,
        text=spec.text,
        status=VersionStatus.submitted,
        origin=Origin.api.value,
        source_hash=hash_,
        author=editor,
    )
    content.append_version(session, scheme, section, version)
    content.publish(
        session,
        version,
        editor,
        event=EventAction.source_substantive,
        change=ChangeKind.source_edited,
        comment="section created",
    )
    return section


def create_article(
    session: Session, scheme: LevelScheme, spec: ArticleCreate, locale: str, editor: str
) -> Article:
    """Create an article with its title and sections; 409 if the slug exists. Commits."""
    if articles.article_by_slug(session, spec.slug) is not None:
        raise Conflict(f"an article '{spec.slug}' already exists")
    article = Article(slug=spec.slug, source_locale=locale)
    session.add(article)
    session.flush()
    log_change(session, ChangeKind.article_added, article_id=article.id or 0, actor=editor)
    content.publish_title(
        session,
        article,
        ArticleTitle(
            article_id=article.id or 0,
            locale=locale,
            level=scheme.source_level,
            title=spec.title,
            status=VersionStatus.submitted,
            origin=Origin.api.value,
            source_hash=source_hash(spec.title),
        ),
        editor,
    )
    keys = [s.key for s in spec.sections]
    if len(set(keys)) != len(keys):
        raise InvalidParameter.single("sections", "section keys must be unique")
    for section in spec.sections:
        add_section(session, scheme, article, section, editor)
    content.recompute_readability(session, scheme, article, [(locale, scheme.source_level)])
    session.commit()
    return article


def create_section(
    session: Session, scheme: LevelScheme, article: Article, spec: SectionCreate, editor: str
) -> Section:
    """Append one section to an existing article. Commits."""
    section = add_section(session, scheme, article, spec, editor)
    content.recompute_readability(
        session, scheme, article, [(article.source_locale, scheme.source_level)]
    )
    content.touch(session, article)
    session.commit()
    return section


def _structure_changed(
    session: Session, article: Article, kind: ChangeKind, editor: str, section: Section | None
) -> None:
    """Log an article-wide change (no locale or level: it concerns every language), naming the
    section when there is one; a new cache key for the article."""
    row = log_change(session, kind, article_id=article.id or 0, actor=editor)
    if section is not None:
        row.section_id = section.id
        session.add(row)
        session.flush()
    content.touch(session, article)


def retire_article(session: Session, article: Article, editor: str) -> Article:
    """Retire an article: gone from reads and the list, rows and history kept; delta sync
    sends tombstones for its items (``article_retired``). 409 if already retired. Commits."""
    if article.retired_at is not None:
        raise Conflict(f"'{article.slug}' was retired at {article.retired_at.isoformat()}")
    article.retired_at = utcnow()
    session.add(article)
    _structure_changed(session, article, ChangeKind.article_retired, editor, None)
    session.commit()
    return article


def retire_section(
    session: Session, scheme: LevelScheme, article: Article, section: Section, editor: str
) -> Section:
    """Retire a section: gone from reads (its versions kept); the live sections after it move
    up one place; whole-article readability is recomputed (``section_retired``). Commits."""
    if section.retired_at is not None:
        raise Conflict(f"section '{section.key}' was retired at {section.retired_at.isoformat()}")
    section.retired_at = utcnow()
    session.add(section)
    session.flush()
    _renumber([s for s in articles.sections_of(session, article.id or 0) if s.retired_at is None])
    _structure_changed(session, article, ChangeKind.section_retired, editor, section)
    content.recompute_readability(session, scheme, article)
    session.commit()
    return section


def move_section(
    session: Session,
    scheme: LevelScheme,
    place: tuple[Article, Section],
    position: int,
    editor: str,
) -> list[Section]:
    """Move a live section to ``position`` (0-based among live sections; 422 past the end or
    for a retired section); the others keep their order. Logs ``section_moved``; whole-article
    readability follows the new order. Returns the live sections in order. Commits."""
    article, section = place
    if section.retired_at is not None:
        raise Conflict(f"section '{section.key}' is retired")
    live = [s for s in articles.sections_of(session, article.id or 0) if s.retired_at is None]
    if position >= len(live):
        raise InvalidParameter.single("position", f"must be from 0 to {len(live) - 1}")
    live.remove(section)
    live.insert(position, section)
    _renumber(live)
    _structure_changed(session, article, ChangeKind.section_moved, editor, section)
    content.recompute_readability(session, scheme, article)
    session.commit()
    return live


def _renumber(sections: list[Section]) -> None:
    for index, section in enumerate(sections):
        if section.position != index:
            section.position = index
            section.updated_at = utcnow()
