"""Loading the shipped articles (``translations/content``) into the database, idempotently.

The source text becomes the published ``full`` version in the source language; every PO
catalog entry becomes the published version of its slot; ``glossary/<lang>.json`` files
(``{"terms": [{term, definition, ipa}], "abbreviations": [{abbr, expansion}]}``) become the
article's glossary entries (inserted or updated, never deleted: editors may add their own).
A slot whose published text, heading and source hash are unchanged is left alone, so running
the seed twice adds nothing; a changed entry is appended as a new revision and the old one is
superseded (history is kept).
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, select

from api.domain.languages import canonical_tag
from api.domain.levels import LevelScheme
from api.resources import content_dir
from api.services import content
from api.services.catalogs import (
    TITLE,
    ArticleSource,
    Entry,
    catalog_files,
    heading_context,
    read_article_source,
    read_catalog,
    source_hash,
    text_context,
)
from models import Article, ArticleTitle, GlossaryEntry, Section, Version
from models.common import Origin, utcnow

FULL = "full"


@dataclass
class SeedReport:
    """What one seed run changed."""

    articles_created: list[str] = field(default_factory=list)
    versions_added: int = 0
    titles_added: int = 0
    glossary_changed: int = 0
    slots_changed: set[tuple[str, str]] = field(default_factory=set)


def _article(session: Session, src: ArticleSource, report: SeedReport) -> Article:
    article = session.exec(select(Article).where(Article.slug == src.slug)).first()
    if article is None:
        article = Article(slug=src.slug, source_locale=canonical_tag(src.source_locale))
        report.articles_created.append(src.slug)
    article.editorial_notes = src.meta.get("editorial_notes", [])
    article.references = src.meta.get("references", [])
    reviewed = src.meta.get("last_reviewed_at")
    article.last_reviewed_at = datetime.fromisoformat(reviewed) if reviewed else None
    article.reviewed_by = src.meta.get("reviewed_by")
    session.add(article)
    session.flush()
    return article


def _sections(session: Session, article: Article, src: ArticleSource) -> dict[str, Section]:
    existing = {
        s.key: s for s in session.exec(select(Section).where(Section.article_id == article.id))
    }
    for position, spec in enumerate(src.sections):
        section = existing.get(spec["key"]) or Section(
            article_id=article.id or 0,
            key=spec["key"],
            position=position,
            source_hash=source_hash(spec["text"]),
        )  # an existing section keeps its hash: editors may have moved it on (issue 3)
        section.position, section.heading_editorial = position, spec.get("heading_editorial", False)
        session.add(section)
        existing[spec["key"]] = section
    session.flush()
    return existing


def _loaded_before(
    session: Session,
    section_id: int,
    locale: str,
    level: str,
    heading: str,
    text: str,
    hash_: str,
) -> bool:
    """True when the slot's history already holds this very entry, whatever became of it since
    (superseded by an editor's work, withdrawn by a reviewer): seeding never undoes their work."""
    return (
        session.exec(
            select(Version.id)
            .where(
                Version.section_id == section_id,
                Version.locale == locale,
                Version.level == level,
                Version.heading == heading,
                Version.text == text,
                Version.source_hash == hash_,
            )
            .limit(1)
        ).first()
        is not None
    )


def _put_version(
    session: Session,
    scheme: LevelScheme,
    section: Section,
    locale: str,
    level: str,
    heading: Entry,
    text: Entry,
    origin: Origin,
    report: SeedReport,
) -> None:
    assert section.id is not None
    hash_ = source_hash(text.source)
    if _loaded_before(
        session, section.id, locale, level, heading.translation, text.translation, hash_
    ):
        return
    version = Version(
        section_id=section.id,
        locale=locale,
        level=level,
        heading=heading.translation,
        text=text.translation,
        status="submitted",
        origin=origin.value,
        source_hash=hash_,
        author="seed",
    )
    content.append_version(session, scheme, section, version)
    content.publish(session, version, reviewer="seed")
    if origin is Origin.source:  # new authored text: a substantive change
        section.source_hash = hash_
        session.add(section)
    report.versions_added += 1
    report.slots_changed.add((locale, level))


def _put_title(
    session: Session,
    article: Article,
    locale: str,
    level: str,
    entry: Entry,
    origin: Origin,
    report: SeedReport,
) -> None:
    hash_ = source_hash(entry.source)
    if (
        session.exec(
            select(ArticleTitle.id)
            .where(
                ArticleTitle.article_id == article.id,
                ArticleTitle.locale == locale,
                ArticleTitle.level == level,
                ArticleTitle.title == entry.translation,
                ArticleTitle.source_hash == hash_,
            )
            .limit(1)
        ).first()
        is not None
    ):
        return
    title = ArticleTitle(
        article_id=article.id or 0,
        locale=locale,
        level=level,
        title=entry.translation,
        status="submitted",
        origin=origin.value,
        source_hash=hash_,
    )
    if content.publish_title(session, article, title) is not None:
        report.titles_added += 1
        report.slots_changed.add((locale, level))


def _source_entries(src: ArticleSource) -> dict[str, Entry]:
    entries = {TITLE: Entry(src.title, src.title)}
    for spec in src.sections:
        entries[heading_context(spec["key"])] = Entry(spec["heading"], spec["heading"])
        entries[text_context(spec["key"])] = Entry(spec["text"], spec["text"])
    return entries


def _apply_entries(
    session: Session,
    scheme: LevelScheme,
    article: Article,
    sections: dict[str, Section],
    locale: str,
    level: str,
    entries: dict[str, Entry],
    origin: Origin,
    report: SeedReport,
) -> None:
    if TITLE in entries:
        _put_title(session, article, locale, level, entries[TITLE], origin, report)
    for key, section in sections.items():
        text, heading = entries.get(text_context(key)), entries.get(heading_context(key))
        if text is not None:
            heading = heading or Entry("", "")
            _put_version(session, scheme, section, locale, level, heading, text, origin, report)


def read_glossary(path: Path) -> list[tuple[str, str, str, str | None]]:
    """``(kind, term, definition, ipa)`` of one ``glossary/<lang>.json`` file."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rows: list[tuple[str, str, str, str | None]] = [
        ("term", t["term"].strip(), t["definition"].strip(), (t.get("ipa") or "").strip() or None)
        for t in data.get("terms", [])
    ]
    rows += [
        ("abbreviation", a["abbr"].strip(), a["expansion"].strip(), None)
        for a in data.get("abbreviations", [])
    ]
    return rows


def _load_glossary(session: Session, article: Article, folder: Path, report: SeedReport) -> None:
    existing = {
        (g.locale, g.kind, g.term): g
        for g in session.exec(select(GlossaryEntry).where(GlossaryEntry.article_id == article.id))
    }
    for path in sorted((folder / "glossary").glob("*.json")):
        locale = canonical_tag(path.stem)
        for kind, term, definition, ipa in read_glossary(path):
            row = existing.get((locale, kind, term))
            if row is not None and (row.definition, row.ipa) == (definition, ipa):
                continue
            row = row or GlossaryEntry(
                article_id=article.id or 0, locale=locale, kind=kind, term=term, definition=""
            )
            row.definition, row.ipa, row.updated_at = definition, ipa, utcnow()
            session.add(row)
            report.glossary_changed += 1
    session.flush()


def load_article(session: Session, scheme: LevelScheme, folder: Path) -> SeedReport:
    """Load one article folder; returns what changed. The caller commits."""
    report = SeedReport()
    src = read_article_source(folder)
    article = _article(session, src, report)
    sections = _sections(session, article, src)
    source_locale = article.source_locale
    _apply_entries(
        session,
        scheme,
        article,
        sections,
        source_locale,
        FULL,
        _source_entries(src),
        Origin.source,
        report,
    )
    for lang, level, path in catalog_files(folder):
        _apply_entries(
            session,
            scheme,
            article,
            sections,
            canonical_tag(lang),
            level,
            read_catalog(path),
            Origin.seed,
            report,
        )
    _load_glossary(session, article, folder, report)
    if report.slots_changed or report.articles_created:
        content.recompute_readability(session, scheme, article, report.slots_changed)
    if report.slots_changed or report.articles_created or report.glossary_changed:
        content.touch(session, article)
    return report


def seed_all(session: Session, scheme: LevelScheme, root: Path | None = None) -> SeedReport:
    """Load every article folder under ``root`` (default: the packaged content) and commit."""
    total = SeedReport()
    for folder in sorted(p for p in (root or content_dir()).iterdir() if p.is_dir()):
        if not (folder / "article.json").is_file():
            continue
        report = load_article(session, scheme, folder)
        total.articles_created += report.articles_created
        total.versions_added += report.versions_added
        total.titles_added += report.titles_added
        total.glossary_changed += report.glossary_changed
    session.commit()
    return total


def database_is_empty(session: Session) -> bool:
    """True when no article exists yet."""
    return session.exec(select(Article.id).limit(1)).first() is None
