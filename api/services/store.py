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

Snapshots are held in an LRU bounded in bytes (``snapshot_cache_bytes``; each snapshot's
size is estimated when built, ``api.services.snapshot.snapshot_bytes``), so memory stays
bounded however many articles are read. They are built by ``api.services.snapshot``.
"""

import logging
import threading
import time
from collections.abc import Callable

from cachetools import LRUCache
from sqlmodel import Session

from api.domain.negotiation import LanguageRange, Negotiated, negotiate
from api.http import Representation
from api.repositories import changes
from api.services.read_cache import (
    NegotiationMemo,
    ReadCache,
    TargetKey,
    template_key,
)
from api.services.snapshot import (
    ArticleSnapshot,
    EditorialNote,
    SectionView,
    VersionView,
    load_snapshot,
)

__all__ = [
    "ArticleSnapshot",
    "ContentStore",
    "EditorialNote",
    "SectionView",
    "VersionView",
    "load_snapshot",
]
log = logging.getLogger("content_api")


def _snapshot_bytes(snapshot: ArticleSnapshot) -> int:
    return snapshot.nbytes


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
        snapshot_bytes: int = 16 * 1024 * 1024,
    ) -> None:
        self.sessions = sessions
        self.check_interval = check_interval
        self._snapshots: LRUCache[str, ArticleSnapshot] = LRUCache(
            max(snapshot_bytes, 1), getsizeof=_snapshot_bytes
        )
        self._lock = threading.Lock()  # cachetools caches are not thread-safe
        self._checking: set[str] = set()
        self.reads = ReadCache(max_bytes, template_entries)
        self.negotiations = NegotiationMemo(memo_entries)
        self._poll_lock = threading.Lock()
        self._last_change: int | None = None  # highest change_log id seen
        self._polled_at = float("-inf")
        self._invalidations = 0  # bumped by every invalidate: a load racing one is not kept
        changes.on_commit(self.invalidate)

    def cached(self, slug: str) -> ArticleSnapshot | None:
        """The snapshot if it needs no database access now: the change log was polled within
        the interval (by a request, or by the process's poller,
        ``api.services.change_listener.ChangePoller``, which keeps this true so that no read
        waits for a poll), or another request is re-checking it (which serves the rest
        meanwhile: no stampede)."""
        with self._lock:
            snapshot = self._snapshots.get(slug)
        if snapshot is None:
            return None
        if time.monotonic() - self._polled_at < self.check_interval or slug in self._checking:
            return snapshot
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
            with self._lock:
                held = self._snapshots.get(slug)
            if held is not None:  # the poll above found no change to it
                return held
            seen = self._invalidations
            fresh = load_snapshot(session, slug)
            if fresh is None or seen != self._invalidations:
                return fresh  # changed while loading: serve it, keep nothing stale
            self._hold(slug, fresh)
            return fresh

    def _hold(self, slug: str, snapshot: ArticleSnapshot) -> None:
        """Keep ``snapshot`` (LRU; one larger than the whole bound is served, not kept)."""
        with self._lock:
            try:
                self._snapshots[slug] = snapshot
            except ValueError:
                self._snapshots.pop(slug, None)

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
        """The read cache's, the Accept-Language memo's and the snapshots' sizes and counts."""
        with self._lock:
            held = {
                "entries": len(self._snapshots),
                "bytes": int(self._snapshots.currsize),
                "max_bytes": int(self._snapshots.maxsize),
            }
        return {
            "read_cache": self.reads.stats(),
            "accept_language_memo": self.negotiations.stats(),
            "snapshots": held,
        }

    def invalidate(self, slug: str | None = None) -> None:
        """Forget what was read of one article (or all): its snapshot and every representation
        rendered from it. Called from the change log: on commit in this process, by the poll
        for others."""
        self._invalidations += 1
        with self._lock:
            if slug is None:
                self._snapshots.clear()
            else:
                self._snapshots.pop(slug, None)
        self.reads.invalidate(slug)
