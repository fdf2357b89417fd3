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

from sqlmodel import Session

from api.domain.languages import canonical_tag
from api.domain.levels import LevelScheme
from api.domain.slot import Slot
from api.repositories import articles, slots
from api.repositories.changes import log_change
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
from api.services.rescore import rescore
from models import Article, ArticleTitle, ChangeKind, GlossaryEntry, Section, Version, VersionStatus
from models.common import Origin, utcnow

SEED = "seed"  # the actor of everything the seed loads


@dataclass
class SeedReport:
    """What one seed run changed."""

    articles_created: list[str] = field(default_factory=list)
    versions_added: int = 0
    titles_added: int = 0
    glossary_changed: int = 0
    slots_changed: set[tuple[str, str]] = field(default_factory=set)


@dataclass(frozen=True)
class _Load:
    """One article being loaded: where its entries go and what has changed so far."""

    session: Session
    scheme: LevelScheme
    article: Article
    report: SeedReport

    def log(self, kind: ChangeKind, slot: Slot | None = None) -> None:
        log_change(self.session, kind, article_id=self.article.id or 0, actor=SEED, slot=slot)


def _article(session: Session, src: ArticleSource, report: SeedReport) -> Article:
    article = articles.article_by_slug(session, src.slug)
    created = article is None
    if article is None:
        article = Article(slug=src.slug, source_locale=canonical_tag(src.source_locale))
        report.articles_created.append(src.slug)
    before = (article.editorial_notes, article.references, article.last_reviewed_at)
    article.editorial_notes = src.meta.get("editorial_notes", [])
    article.references = src.meta.get("references", [])
    reviewed = src.meta.get("last_reviewed_at")
    article.last_reviewed_at = datetime.fromisoformat(reviewed) if reviewed else None
    article.reviewed_by = src.meta.get("reviewed_by")
    session.add(article)
    session.flush()
    after = (article.editorial_notes, article.references, article.last_reviewed_at)
    if created or before != after:
        kind = ChangeKind.article_added if created else ChangeKind.article_changed
        log_change(session, kind, article_id=article.id or 0, actor=SEED)
    return article


def _sections(load: _Load, src: ArticleSource) -> dict[str, Section]:
    existing = {s.key: s for s in _existing_sections(load)}
    added = []
    for position, spec in enumerate(src.sections):
        section = existing.get(spec["key"])
        if section is None:
            section = Section(
                article_id=load.article.id or 0,
                key=spec["key"],
                position=position,
                source_hash=source_hash(spec["text"]),
            )  # an existing section keeps its hash: editors may have moved it on (issue 3)
            added.append(section)
        section.position, section.heading_editorial = position, spec.get("heading_editorial", False)
        load.session.add(section)
        existing[spec["key"]] = section
    load.session.flush()
    for section in added:
        load.log(ChangeKind.section_added, _source_slot(load, section))
    return existing


def _existing_sections(load: _Load) -> list[Section]:
    """The sections the article has so far."""
    return articles.sections_of(load.session, load.article.id or 0)


def _source_slot(load: _Load, section: Section) -> Slot:
    return Slot(section.id or 0, load.article.source_locale, load.scheme.source_level)


def _put_version(load: _Load, slot: Slot, entries: tuple[Entry, Entry], origin: Origin) -> None:
    session, (heading, text) = load.session, entries
    hash_ = source_hash(text.source)
    texts = {"heading": heading.translation, "text": text.translation, "source_hash": hash_}
    if slots.holds(session, slot, **texts):
        return
    version = Version(
        section_id=slot.section_id,
        locale=slot.locale,
        level=slot.level,
        heading=heading.translation,
        text=text.translation,
        status=VersionStatus.submitted,
        origin=origin.value,
        source_hash=hash_,
        author=SEED,
    )
    section = session.get(Section, slot.section_id)
    assert section is not None
    content.append_version(session, load.scheme, section, version)
    is_source = origin is Origin.source
    change = ChangeKind.source_edited if is_source else ChangeKind.published
    content.publish(session, version, reviewer=SEED, change=change)
    if is_source and section.source_hash != hash_:  # new authored text: a substantive change
        old_hash, section.source_hash = section.source_hash, hash_
        session.add(section)
        content.log_stale_changes(session, slot, old_hash, SEED)
    load.report.versions_added += 1
    load.report.slots_changed.add((slot.locale, slot.level))


def _put_title(load: _Load, language_level: tuple[str, str], entry: Entry, origin: Origin) -> None:
    locale, level = language_level
    title = ArticleTitle(
        article_id=load.article.id or 0,
        locale=locale,
        level=level,
        title=entry.translation,
        status=VersionStatus.submitted,
        origin=origin.value,
        source_hash=source_hash(entry.source),
    )
    if articles.title_held(load.session, title):
        return
    if content.publish_title(load.session, load.article, title, SEED) is not None:
        load.report.titles_added += 1
        load.report.slots_changed.add((locale, level))


def _source_entries(src: ArticleSource) -> dict[str, Entry]:
    entries = {TITLE: Entry(src.title, src.title)}
    for spec in src.sections:
        entries[heading_context(spec["key"])] = Entry(spec["heading"], spec["heading"])
        entries[text_context(spec["key"])] = Entry(spec["text"], spec["text"])
    return entries


def _apply_entries(
    load: _Load,
    sections: dict[str, Section],
    language_level: tuple[str, str],
    entries: dict[str, Entry],
    origin: Origin,
) -> None:
    locale, level = language_level
    if TITLE in entries:
        _put_title(load, language_level, entries[TITLE], origin)
    for key, section in sections.items():
        text, heading = entries.get(text_context(key)), entries.get(heading_context(key))
        if text is not None:
            slot = Slot(section.id or 0, locale, level)
            _put_version(load, slot, (heading or Entry("", ""), text), origin)


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


def _load_glossary(load: _Load, folder: Path) -> None:
    existing = {
        (g.locale, g.kind, g.term): g
        for g in articles.glossary_of(load.session, load.article.id or 0)
    }
    changed: set[str] = set()
    for path in sorted((folder / "glossary").glob("*.json")):
        locale = canonical_tag(path.stem)
        for kind, term, definition, ipa in read_glossary(path):
            row = existing.get((locale, kind, term))
            if row is not None and (row.definition, row.ipa) == (definition, ipa):
                continue
            row = row or GlossaryEntry(
                article_id=load.article.id or 0, locale=locale, kind=kind, term=term, definition=""
            )
            row.definition, row.ipa, row.updated_at = definition, ipa, utcnow()
            load.session.add(row)
            load.report.glossary_changed += 1
            changed.add(locale)
    load.session.flush()
    for locale in sorted(changed):
        log_change(
            load.session,
            ChangeKind.glossary_changed,
            article_id=load.article.id or 0,
            actor=SEED,
            language_level=(locale, None),
        )


def load_article(session: Session, scheme: LevelScheme, folder: Path) -> SeedReport:
    """Load one article folder; returns what changed, each change logged in ``change_log``.
    The caller commits."""
    report = SeedReport()
    src = read_article_source(folder)
    load = _Load(session, scheme, _article(session, src, report), report)
    sections = _sections(load, src)
    source = (load.article.source_locale, scheme.source_level)
    _apply_entries(load, sections, source, _source_entries(src), Origin.source)
    for lang, level, path in catalog_files(folder):
        language_level = (canonical_tag(lang), level)
        _apply_entries(load, sections, language_level, read_catalog(path), Origin.seed)
    _load_glossary(load, folder)
    if report.slots_changed or report.articles_created:
        content.recompute_readability(session, scheme, load.article, report.slots_changed)
    if report.slots_changed or report.articles_created or report.glossary_changed:
        content.touch(session, load.article)
    return report


def seed_all(session: Session, scheme: LevelScheme, root: Path | None = None) -> SeedReport:
    """Load every article folder under ``root`` (default: the packaged content) and commit;
    then recompute readability stored by older counters (:func:`api.services.rescore.rescore`)."""
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
    rescore(session, scheme)  # what older counters stored is never served beside new counts
    return total


def database_is_empty(session: Session) -> bool:
    """True when no article exists yet."""
    return not articles.slugs_page(session, "", 1)
