"""The read cache: one store of rendered representations, bounded in bytes, keyed by what was
served (issue 10 point 1).

A representation (``api.http.Representation``: bytes, ETags, headers) is filed under the
``RenderKey`` of what shaped it: the kind of read, the article's slug and snapshot revision,
the negotiation *outcome* (``Negotiated``: served language and fallback chain, never the raw
Accept-Language text), the level request, the ``locale`` parameter and the rendition. Every
reader whose header negotiates to the same outcome shares one entry, so the same bytes and the
same ETag. The store is a ``cachetools.LRUCache`` whose ``getsizeof`` counts the bytes held
(body, gzip body, headers), bounded by ``READ_CACHE_BYTES`` (32 MB by default).

The fast path (``api.fastpath``) answers before routing. It needs two small bounded memos:

- ``ReadTemplate`` per request target (path and query string: no header): what the route
  made of the URL (kind, slug, level request, locale, rendition parameter), filed by the route
  on each read it serves (``READ_CACHE_ENTRIES`` entries; 0 turns the fast path off);
- ``NegotiationMemo``: Accept-Language header -> ``Negotiated`` per article language set
  (``ACCEPT_LANGUAGE_MEMO_ENTRIES``, 4,096 by default; headers longer than
  ``MEMO_MAX_HEADER`` are negotiated without being kept). A miss costs a parse and a match
  against memoized tag distances (``api.domain.negotiation``), not a render.

``invalidate(slug)`` drops the representations of one article (or of all);
``api.services.store.ContentStore.invalidate`` calls it from the change log. Templates carry no
revision and stay valid across writes.
"""

from collections.abc import Callable, Hashable
from threading import Lock
from typing import NamedTuple

from cachetools import LRUCache

from api.domain.negotiation import Negotiated, negotiate, parse_accept_language
from api.domain.selection import LevelRequest
from api.http import Representation

TargetKey = tuple[str, str, bytes]
"""(root_path, path, raw query string) of a GET or HEAD: the request target, no header."""

ENTRY_OVERHEAD = 512  # bytes per entry beyond the bodies: key, object headers, LRU links
MEMO_MAX_HEADER = 256  # longer Accept-Language values are negotiated, never memoized


class RenderKey(NamedTuple):
    """What a representation was rendered from: ``kind`` (article, section, reader...),
    the article ``slug`` and snapshot ``revision``, and everything else that shaped it."""

    kind: str
    slug: str
    revision: int
    shape: tuple[Hashable, ...]


class ReadTemplate(NamedTuple):
    """What a read route made of a request target, header-free: with an article revision, a
    negotiation outcome and (for renditions) the format chosen, it gives the ``RenderKey``.

    ``rendition`` is the format the ``format`` parameter chose, "" when ``Accept`` decides,
    None for routes without renditions (the reader page); ``extra`` holds route specifics
    (section key, root path)."""

    kind: str
    slug: str
    request: LevelRequest
    locale: str | None
    rendition: str | None
    extra: tuple[Hashable, ...]

    def key(
        self, revision: int, neg: Negotiated, rendition: str | None, unmatched: str | None
    ) -> RenderKey:
        """The key of the representation for this outcome (``rendition``: the format served;
        ``unmatched``: the tag named by a "not available" notice, reader page only)."""
        shape = (neg, self.request, self.locale, rendition, bool(self.rendition), unmatched)
        return RenderKey(self.kind, self.slug, revision, (*shape, *self.extra))


def representation_bytes(rep: Representation) -> int:
    """Bytes an entry holds: bodies, header text and a fixed per-entry overhead."""
    headers = sum(len(name) + len(value) for name, value in rep.headers) + rep.head_bytes()
    return len(rep.body) + len(rep.gzip_body or b"") + headers + ENTRY_OVERHEAD


class NegotiationMemo:
    """Bounded LRU of (Accept-Language, languages, source) -> ``Negotiated``, with its hit
    rate. ``entries`` 0 keeps nothing (every header is parsed and matched)."""

    def __init__(self, entries: int) -> None:
        self._memo: LRUCache[tuple[str, tuple[str, ...], str], Negotiated] = LRUCache(
            max(entries, 1)
        )
        self.entries = entries
        self.hits = self.misses = 0
        self._lock = Lock()

    def negotiate(self, header: str | None, languages: tuple[str, ...], source: str) -> Negotiated:
        """The outcome of ``header`` (None: no header) against an article's languages."""
        key = (header or "", languages, source)
        with self._lock:
            neg = self._memo.get(key)
        if neg is not None:
            self.hits += 1
            return neg
        self.misses += 1
        neg = negotiate(parse_accept_language(key[0]), languages, source)
        if self.entries and len(key[0]) <= MEMO_MAX_HEADER:
            with self._lock:
                self._memo[key] = neg
        return neg

    def stats(self) -> dict[str, int]:
        """``{"entries", "max_entries", "hits", "misses"}`` since start."""
        return {
            "entries": len(self._memo),
            "max_entries": self.entries,
            "hits": self.hits,
            "misses": self.misses,
        }


class ReadCache:
    """Representations by ``RenderKey`` (LRU, at most ``max_bytes``) and the fast path's
    ``ReadTemplate`` per request target (LRU, at most ``template_entries``; 0: fast path off)."""

    def __init__(self, max_bytes: int, template_entries: int) -> None:
        self.max_bytes, self.template_entries = max_bytes, template_entries
        self._reps: LRUCache[RenderKey, Representation] = LRUCache(
            max(max_bytes, 1), getsizeof=representation_bytes
        )
        self._templates: LRUCache[TargetKey, ReadTemplate] = LRUCache(max(template_entries, 1))
        self._lock = Lock()
        self.hits = self.misses = 0

    def get(self, key: RenderKey) -> Representation | None:
        """The representation rendered under ``key``, or None."""
        with self._lock:
            rep = self._reps.get(key)
        if rep is None:
            self.misses += 1
        else:
            self.hits += 1
        return rep

    def through(
        self,
        target: TargetKey,
        template: ReadTemplate,
        key: RenderKey,
        build: Callable[[], Representation],
    ) -> Representation:
        """The representation under ``key`` (``build`` renders it on a miss; one too large
        for the bound is served, not kept), and ``template`` filed under ``target`` for the
        fast path."""
        rep = self.get(key)
        if rep is None:
            rep = build()
        self.file(target, template, key, rep)
        return rep

    def file(
        self, target: TargetKey, template: ReadTemplate, key: RenderKey, rep: Representation
    ) -> None:
        """Keep ``rep`` under ``key`` (unless it alone exceeds the bound) and ``template``
        under ``target`` for the fast path."""
        with self._lock:
            if key not in self._reps and representation_bytes(rep) <= self.max_bytes:
                self._reps[key] = rep
            if self.template_entries:
                self._templates[target] = template

    def template(self, target: TargetKey) -> ReadTemplate | None:
        """What a route made of ``target`` last time, or None (the fast path then routes)."""
        if not self.template_entries:
            return None
        with self._lock:
            return self._templates.get(target)

    def invalidate(self, slug: str | None = None) -> None:
        """Drop every representation of ``slug`` (None: of every article)."""
        with self._lock:
            if slug is None:
                self._reps.clear()
                return
            for key in [k for k in self._reps if k.slug == slug]:
                del self._reps[key]

    def stats(self) -> dict[str, int]:
        """``{"bytes", "max_bytes", "entries", "templates", "hits", "misses"}`` since start."""
        return {
            "bytes": int(self._reps.currsize),
            "max_bytes": self.max_bytes,
            "entries": len(self._reps),
            "templates": len(self._templates),
            "hits": self.hits,
            "misses": self.misses,
        }


def unmatched_tag(neg: Negotiated, locale: str | None, accept_language: str | None) -> str | None:
    """The tag a "not available in ..." notice names: the ``locale`` parameter or the first
    positive Accept-Language tag, when nothing the reader asked for matched; else None."""
    if neg.matched:
        return None
    if locale is not None:
        return locale
    ranges = parse_accept_language(accept_language or "")
    return next((r.tag for r in ranges if r.q > 0 and r.tag != "*"), None)


def template_key(
    template: ReadTemplate,
    revision: int,
    neg: Negotiated,
    accept_language: str | None,
    rendition: str | None,
) -> RenderKey:
    """The ``RenderKey`` of one read: the same function for the route and the fast path, so
    both file and find a representation under the same key. Only the reader page's notice
    names the unmatched tag (an outcome flag its body carries)."""
    unmatched = None
    if template.kind == "reader":
        unmatched = unmatched_tag(neg, template.locale, accept_language)
    return template.key(revision, neg, rendition, unmatched)
