"""Read-side snapshots of published content: what a read of one article needs, immutable,
built from six statements (``api.repositories.snapshots``) for one article or a batch.

A cold read renders a handful of the article's versions (one language and level, plus
fallbacks) out of 144 at 10,000 articles' scale (8 sections x 6 languages x 3 levels), so a
version keeps its readability report as the stored JSON text and validates it on first use
(pydantic-core, one pass: ``model_validate_json``); level selection needs only the grade
equivalent, extracted in SQL. A held snapshot is then mostly its texts (docs/scale.md).

The JSON columns are typed here: readability reports as ``ReadabilityReport``, editorial notes
as ``EditorialNote``, references as ``api.schemas.Reference``.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from sys import getsizeof
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlmodel import Session

from api.domain.glossary import Entry
from api.domain.readability import ReadabilityReport
from api.domain.reading_time import TextTiming
from api.repositories import snapshots as repo
from api.schemas import GlossaryMatch, Reference

SNAPSHOT_OVERHEAD = 16_000  # article row, notes, references, titles, dicts (measured)
VERSION_OVERHEAD = 400  # VersionView, its dict slots, datetime, source ids (measured)
REPORT_BYTES = 3_000  # a validated whole-article ReadabilityReport (measured)
ENTRY_OVERHEAD = 300  # a glossary Entry with its term and ipa (measured)


class EditorialNote(BaseModel):
    """An editorial note as stored on the article (``Article.editorial_notes``): its ``text``
    per language tag, the section keys it is about (none: the whole article), and the date
    (ISO 8601) it was written."""

    model_config = ConfigDict(frozen=True)

    kind: str | None = None
    sections: list[str] = []
    text: dict[str, str] = {}
    created_at: str | None = None


@dataclass(frozen=True, slots=True)
class VersionView:
    """A published version as readers see it. ``report_json`` is the stored readability
    report; ``readability`` validates it on each use (about 10 us; only rendered versions
    pay it, and a held snapshot's size stays what it was when built)."""

    id: int
    revision: int
    locale: str
    level: str
    heading: str
    text: str
    report_json: str
    grade: float | None  # grade equivalent measured when stored, or None
    stale: bool
    origin: str
    created_at: datetime

    @property
    def readability(self) -> ReadabilityReport:
        """The stored readability report, validated."""
        return ReadabilityReport.model_validate_json(self.report_json)


@dataclass(frozen=True, slots=True)
class SectionView:
    """A section with its published versions by locale, then level."""

    key: str
    position: int
    heading_editorial: bool
    versions: dict[str, dict[str, VersionView]]

    def grades(self) -> dict[str, dict[str, float | None]]:
        """``{locale: {level: grade_equivalent}}`` for level selection."""
        return {loc: {lv: v.grade for lv, v in by.items()} for loc, by in self.versions.items()}


@dataclass(frozen=True, slots=True)
class ArticleSnapshot:
    """Everything a read of one article needs, immutable."""

    id: int
    slug: str
    source_locale: str
    revision: int
    updated_at: datetime
    editorial_notes: tuple[EditorialNote, ...]
    references: tuple[Reference, ...]
    last_reviewed_at: datetime | None
    reviewed_by: str | None
    sections: tuple[SectionView, ...]
    titles: dict[str, dict[str, str]]
    readability: dict[tuple[str, str], ReadabilityReport]
    languages: tuple[str, ...]
    glossary: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    nbytes: int = 0  # estimated memory held (snapshot_bytes), for the store's byte bound
    derived: dict[int, tuple[list[GlossaryMatch], TextTiming]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """What renders derive from one version's text alone (glossary matches, timing), by
    version id: computed by the first render that serves the version, reused by the rest
    (``api.services.render_sections.derived``); it goes with the snapshot."""

    def levels(self, locale: str) -> dict[str, float | None]:
        """Levels published for ``locale`` with their whole-article grade equivalents."""
        return {
            lv: r.grade_equivalent for (loc, lv), r in self.readability.items() if loc == locale
        }


@dataclass
class _Parts:
    """The rows of one article, gathered from the batch's statements."""

    sections: list[Any] = field(default_factory=list)
    versions: dict[int, dict[str, dict[str, VersionView]]] = field(default_factory=dict)
    titles: dict[str, dict[str, str]] = field(default_factory=dict)
    readability: dict[tuple[str, str], ReadabilityReport] = field(default_factory=dict)
    glossary: dict[str, list[Entry]] = field(default_factory=dict)


def _version(row: Any, hashes: dict[int, str]) -> VersionView:
    section_id, id_, revision, locale, level, heading, text, report, grade, source_hash = row[:10]
    return VersionView(
        id_,
        revision,
        locale,
        level,
        heading,
        text,
        report,
        None if grade is None else float(grade),
        source_hash != hashes[section_id],
        row[10],
        row[11],
    )


def _gather(session: Session, ids: list[int], locales: Collection[str] | None) -> dict[int, _Parts]:
    parts = {i: _Parts() for i in ids}
    owner: dict[int, int] = {}
    hashes: dict[int, str] = {}
    for row in repo.sections(session, ids):
        parts[row.article_id].sections.append(row)
        owner[row.id], hashes[row.id] = row.article_id, row.source_hash
        parts[row.article_id].versions[row.id] = {}
    for row in repo.versions(session, ids, locales):
        by_section = parts[owner[row[0]]].versions[row[0]]
        by_section.setdefault(row[3], {})[row[4]] = _version(row, hashes)
    for a, loc, lv, title in repo.titles(session, ids):
        parts[a].titles.setdefault(loc, {})[lv] = title
    for a, loc, lv, report in repo.readability(session, ids):
        parts[a].readability[(loc, lv)] = ReadabilityReport.model_validate_json(report)
    for a, loc, kind, term, definition, ipa in repo.glossary(session, ids):
        parts[a].glossary.setdefault(loc, []).append(Entry(kind, term, definition, ipa))
    return parts


def snapshot_bytes(parts: _Parts) -> int:
    """Estimated bytes a snapshot of these parts holds: its strings as CPython stores them
    plus a measured overhead per version, report and glossary entry (calibrated with
    tracemalloc, docs/scale.md)."""
    size = SNAPSHOT_OVERHEAD
    for by_locale in parts.versions.values():
        for by_level in by_locale.values():
            for v in by_level.values():
                size += VERSION_OVERHEAD + getsizeof(v.text) + getsizeof(v.heading)
                size += getsizeof(v.report_json)
    size += REPORT_BYTES * len(parts.readability)
    size += sum(
        ENTRY_OVERHEAD + getsizeof(e.definition) for es in parts.glossary.values() for e in es
    )
    return size


def _snapshot(article: Any, parts: _Parts) -> ArticleSnapshot:
    source = article.source_locale
    languages = {loc for by in parts.versions.values() for loc in by}
    return ArticleSnapshot(
        id=article.id,
        slug=article.slug,
        source_locale=source,
        revision=article.revision,
        updated_at=article.updated_at,
        editorial_notes=tuple(EditorialNote.model_validate(n) for n in article.editorial_notes),
        references=tuple(Reference.model_validate(r) for r in article.references),
        last_reviewed_at=article.last_reviewed_at,
        reviewed_by=article.reviewed_by,
        sections=tuple(
            SectionView(s.key, s.position, s.heading_editorial, parts.versions[s.id])
            for s in parts.sections
        ),
        titles=parts.titles,
        readability=parts.readability,
        languages=tuple(sorted(languages, key=lambda x: (x != source, x))),
        glossary={loc: tuple(entries) for loc, entries in parts.glossary.items()},
        nbytes=snapshot_bytes(parts),
    )


def load_snapshots(
    session: Session, slugs: Sequence[str], locales: Collection[str] | None = None
) -> dict[str, ArticleSnapshot]:
    """``{slug: snapshot}`` of these articles, in six statements whatever their number; an
    unknown or retired slug is absent (retired: gone from reads, its rows and history kept).

    ``locales``: keep only the versions in these languages and the source language (what a
    sync or bundle of exact slots renders: headings fall back to the source's). Such a
    partial snapshot lists only those ``languages``; it serves exact-slot renders and is
    never held by the store."""
    articles = repo.articles(session, slugs)
    if not articles:
        return {}
    wanted = None if locales is None else {*locales, *(a.source_locale for a in articles)}
    parts = _gather(session, [a.id for a in articles], wanted)
    return {a.slug: _snapshot(a, parts[a.id]) for a in articles}


def load_snapshot(session: Session, slug: str) -> ArticleSnapshot | None:
    """The snapshot of ``slug`` from the database, or None if there is no such article (or it
    is retired)."""
    return load_snapshots(session, [slug]).get(slug)
