"""Read-side snapshots of published content, cached per article.

A read never queries version rows: it negotiates against an immutable snapshot of the
article's published versions, rebuilt after a change to the article is logged in
``change_log``. Writes in this process invalidate at once (``api.repositories.changes``
calls :meth:`ContentStore.invalidate` after the commit: the snapshot and every representation
rendered from it, ``api.services.read_cache``); another process's writes are seen within
``content_check_interval`` seconds (one query per interval for all articles: the log's rows
past the last id seen), and on PostgreSQL at once: each process LISTENs on
``changes.NOTIFY_CHANNEL`` in a background thread (``ChangeListener``) and polls the log when a
writer's transaction commits its NOTIFY (issue 10 point 3).

The JSON columns are typed here: readability reports as ``ReadabilityReport``, editorial notes
as ``EditorialNote``, references as ``api.schemas.Reference``.
"""

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlmodel import Session, col, select

from api.domain.glossary import Entry
from api.domain.negotiation import LanguageRange, Negotiated, negotiate
from api.domain.readability import ReadabilityReport
from api.http import Representation
from api.repositories import changes
from api.schemas import Reference
from api.services.read_cache import (
    NegotiationMemo,
    ReadCache,
    TargetKey,
    template_key,
)
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
log = logging.getLogger("content_api")


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
    """A published version as readers see it."""

    id: int
    revision: int
    locale: str
    level: str
    heading: str
    text: str
    readability: ReadabilityReport
    stale: bool
    origin: str
    created_at: datetime

    @property
    def grade(self) -> float | None:
        """Grade equivalent measured when stored, or None."""
        return self.readability.grade_equivalent


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

    def levels(self, locale: str) -> dict[str, float | None]:
        """Levels published for ``locale`` with their whole-article grade equivalents."""
        return {
            lv: r.grade_equivalent for (loc, lv), r in self.readability.items() if loc == locale
        }


VersionsBySection = dict[int, dict[str, dict[str, VersionView]]]


def _versions(session: Session, article: Article, sections: list[Section]) -> VersionsBySection:
    hashes = {s.id: s.source_hash for s in sections}
    by_section: VersionsBySection = {s.id or 0: {} for s in sections}
    rows = session.exec(
        select(Version)
        .join(Section, col(Section.id) == Version.section_id)
        .where(
            Section.article_id == article.id,
            Version.status == PUBLISHED,
            col(Section.retired_at).is_(None),
        )
    )
    for v in rows:
        view = VersionView(
            id=v.id or 0,
            revision=v.revision,
            locale=v.locale,
            level=v.level,
            heading=v.heading,
            text=v.text,
            readability=ReadabilityReport.model_validate(v.readability),
            stale=v.source_hash != hashes[v.section_id],
            origin=v.origin,
            created_at=v.created_at,
        )
        by_section[v.section_id].setdefault(v.locale, {})[v.level] = view
    return by_section


def _glossary(session: Session, article_id: int) -> dict[str, tuple[Entry, ...]]:
    by_locale: dict[str, list[Entry]] = {}
    for g in session.exec(
        select(GlossaryEntry)
        .where(GlossaryEntry.article_id == article_id)
        .order_by(col(GlossaryEntry.locale), col(GlossaryEntry.term))
    ):
        by_locale.setdefault(g.locale, []).append(Entry(g.kind, g.term, g.definition, g.ipa))
    return {loc: tuple(entries) for loc, entries in by_locale.items()}


def load_snapshot(session: Session, slug: str) -> ArticleSnapshot | None:
    """Build the snapshot of ``slug`` from the database, or None if there is no such article."""
    article = session.exec(select(Article).where(Article.slug == slug)).first()
    if article is None or article.id is None or article.retired_at is not None:
        return None  # retired: gone from reads (its rows and history are kept)
    sections = list(
        session.exec(
            select(Section)
            .where(Section.article_id == article.id, col(Section.retired_at).is_(None))
            .order_by(col(Section.position))
        )
    )
    versions = _versions(session, article, sections)
    titles: dict[str, dict[str, str]] = {}
    for t in session.exec(
        select(ArticleTitle).where(
            ArticleTitle.article_id == article.id, ArticleTitle.status == PUBLISHED
        )
    ):
        titles.setdefault(t.locale, {})[t.level] = t.title
    readability = {
        (r.locale, r.level): ReadabilityReport.model_validate(r.report)
        for r in session.exec(
            select(ArticleReadability).where(ArticleReadability.article_id == article.id)
        )
    }
    languages = {loc for by in versions.values() for loc in by}
    return ArticleSnapshot(
        id=article.id,
        slug=article.slug,
        source_locale=article.source_locale,
        revision=article.revision,
        updated_at=article.updated_at,
        editorial_notes=tuple(EditorialNote.model_validate(n) for n in article.editorial_notes),
        references=tuple(Reference.model_validate(r) for r in article.references),
        last_reviewed_at=article.last_reviewed_at,
        reviewed_by=article.reviewed_by,
        sections=tuple(
            SectionView(s.key, s.position, s.heading_editorial, versions[s.id or 0])
            for s in sections
        ),
        titles=titles,
        readability=readability,
        languages=tuple(sorted(languages, key=lambda x: (x != article.source_locale, x))),
        glossary=_glossary(session, article.id),
    )


class ContentStore:
    """Process-wide cache of article snapshots, and owner of the read cache (``reads``) of
    representations rendered from them."""

    def __init__(
        self,
        sessions: Callable[[], Session],
        check_interval: float,
        max_bytes: int = 32 * 1024 * 1024,
        template_entries: int = 4096,
        memo_entries: int = 4096,
    ) -> None:
        self.sessions = sessions
        self.check_interval = check_interval
        self._snapshots: dict[str, tuple[ArticleSnapshot, float]] = {}
        self._checking: set[str] = set()
        self.reads = ReadCache(max_bytes, template_entries)
        self.negotiations = NegotiationMemo(memo_entries)
        self._poll_lock = threading.Lock()
        self._last_change: int | None = None  # highest change_log id seen
        self._polled_at = float("-inf")
        self._invalidations = 0  # bumped by every invalidate: a load racing one is not kept
        changes.on_commit(self.invalidate)

    def cached(self, slug: str) -> ArticleSnapshot | None:
        """The snapshot if it needs no database access now: checked within the interval, or
        being re-checked by another request (which serves the rest meanwhile: no stampede)."""
        entry = self._snapshots.get(slug)
        if entry is None:
            return None
        if time.monotonic() - entry[1] < self.check_interval or slug in self._checking:
            return entry[0]
        return None

    def get(self, slug: str) -> ArticleSnapshot | None:
        """The current snapshot, re-checked against the database's revision when due."""
        snapshot = self.cached(slug)
        if snapshot is not None:
            return snapshot
        self._checking.add(slug)
        try:
            return self._check(slug)
        finally:
            self._checking.discard(slug)

    def _check(self, slug: str) -> ArticleSnapshot | None:
        with self.sessions() as session:
            self._poll(session)
            entry = self._snapshots.get(slug)
            if entry is None:
                seen = self._invalidations
                fresh = load_snapshot(session, slug)
                if fresh is None or seen != self._invalidations:
                    return fresh  # changed while loading: serve it, keep nothing stale
                entry = (fresh, 0.0)
            self._snapshots[slug] = (entry[0], time.monotonic())
            return entry[0]

    def _poll(self, session: Session, force: bool = False) -> None:
        """Once per check interval (or now, ``force``): invalidate every article with a
        change_log row past the last id seen (other processes' writes;
        ``api.repositories.changes``)."""
        with self._poll_lock:
            now = time.monotonic()
            if not force and now - self._polled_at < self.check_interval:
                return
            if self._last_change is None:
                self._last_change = changes.last_change_id(session)
                changed: set[str] = set()
            else:
                self._last_change, changed = changes.changed_articles_since(
                    session, self._last_change
                )
            self._polled_at = now
        for slug in changed:
            self.invalidate(slug)

    def poll_now(self) -> None:
        """Read the change log now and invalidate what changed (a NOTIFY arrived)."""
        with self.sessions() as session:
            self._poll(session, force=True)

    def negotiate(
        self, snapshot: ArticleSnapshot, locale: str | None, accept_language: str | None
    ) -> Negotiated:
        """The negotiation outcome for ``locale`` (wins) or the Accept-Language header, through
        the bounded header memo (``read_cache.NegotiationMemo``)."""
        if locale is not None:
            ranges = (LanguageRange(locale, 1.0),)
            return negotiate(ranges, snapshot.languages, snapshot.source_locale)
        return self.negotiations.negotiate(
            accept_language, snapshot.languages, snapshot.source_locale
        )

    def lookup(
        self, target: TargetKey, accept_language: str | None, rendition: Callable[[], str | None]
    ) -> Representation | None:
        """The fast path's read (``api.fastpath``; no database access): the representation a
        route filed for this target's template and this request's negotiation outcome, if the
        article's snapshot is cached and fresh. ``rendition`` gives the format ``Accept``
        chooses (None: unacceptable, so the route answers 406)."""
        template = self.reads.template(target)
        if template is None:
            return None
        snapshot = self.cached(template.slug)
        if snapshot is None:
            return None
        neg = self.negotiate(snapshot, template.locale, accept_language)
        served = template.rendition
        if served == "":
            served = rendition()
            if served is None:
                return None
        return self.reads.get(
            template_key(template, snapshot.revision, neg, accept_language, served)
        )

    def stats(self) -> dict[str, dict[str, int]]:
        """The read cache's and the Accept-Language memo's sizes and hit counts."""
        return {"read_cache": self.reads.stats(), "accept_language_memo": self.negotiations.stats()}

    def invalidate(self, slug: str | None = None) -> None:
        """Forget what was read of one article (or all): its snapshot and every representation
        rendered from it. Called from the change log: on commit in this process, by the poll
        for others."""
        self._invalidations += 1
        if slug is None:
            self._snapshots.clear()
        else:
            self._snapshots.pop(slug, None)
        self.reads.invalidate(slug)
