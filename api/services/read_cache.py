"""The read cache: one bounded store of rendered representations, for routes and fast path.

A representation (``api.http.Representation``: bytes, ETags, headers) is filed under the
``RenderKey`` of what shaped it: the kind of read, the article's slug and snapshot revision,
and the negotiation result (language chain, level request, rendition, ...). Reads that the
route layer negotiates find it there (``through``).

The fast path (``api.fastpath``) cannot negotiate: it knows only the raw request. So every
representation served is also indexed under the request's identity (``RequestKey``: path, query
string, Accept-Language, Accept). That index points at the same object; the store
(``ContentStore.lookup``) checks its revision against the article's current snapshot, so a
write is never answered from it.

``invalidate(slug)`` drops both the representations and the request index of one article (or
of all); ``api.services.store.ContentStore.invalidate`` calls it with the snapshot's.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import NamedTuple

from starlette.datastructures import Headers
from starlette.types import Scope

from api.http import Representation

RequestKey = tuple[str, str, bytes, str | None, str | None]
"""(root_path, path, raw query string, Accept-Language, Accept) of a GET or HEAD."""


class RenderKey(NamedTuple):
    """What a representation was rendered from: ``kind`` (article, section, reader...),
    the article ``slug`` and snapshot ``revision``, and everything else that shaped it."""

    kind: str
    slug: str
    revision: int
    shape: tuple[Hashable, ...]


def request_key(scope: Scope) -> RequestKey:
    """The identity of a read: what decides its representation, apart from validators and
    content coding (``api.http.serve`` handles If-None-Match and Accept-Encoding per request)."""
    headers = Headers(scope=scope)
    return (
        scope.get("root_path", ""),
        scope["path"],
        scope["query_string"],
        headers.get("accept-language"),
        headers.get("accept"),
    )


class ReadCache:
    """Bounded LRU of ``RenderKey -> Representation`` with an LRU index of request identities.

    ``size`` bounds the representations, ``request_size`` the fast-path index (0 turns the
    fast path off).
    """

    def __init__(self, size: int, request_size: int) -> None:
        self.size, self.request_size = size, request_size
        self._reps: OrderedDict[RenderKey, Representation] = OrderedDict()
        self._requests: OrderedDict[RequestKey, tuple[RenderKey, Representation]] = OrderedDict()
        self._lock = Lock()

    def get(self, key: RenderKey) -> Representation | None:
        """The representation rendered under ``key``, or None."""
        with self._lock:
            rep = self._reps.get(key)
            if rep is not None:
                self._reps.move_to_end(key)
            return rep

    def through(
        self, request: RequestKey, key: RenderKey, build: Callable[[], Representation]
    ) -> Representation:
        """The representation under ``key`` (``build`` renders it on a miss), indexed under
        ``request`` for the fast path."""
        rep = self.get(key)
        if rep is None:
            rep = build()
            with self._lock:
                self._reps[key] = rep
                while len(self._reps) > self.size:
                    self._reps.popitem(last=False)
        if self.request_size:
            with self._lock:
                self._requests[request] = (key, rep)
                while len(self._requests) > self.request_size:
                    self._requests.popitem(last=False)
        return rep

    def indexed(self, request: RequestKey) -> tuple[RenderKey, Representation] | None:
        """The representation last served for ``request`` with the key it was rendered under
        (the caller checks that key's revision is still current)."""
        return self._requests.get(request)

    def invalidate(self, slug: str | None = None) -> None:
        """Drop every representation of ``slug`` (None: of every article)."""
        with self._lock:
            if slug is None:
                self._reps.clear()
                self._requests.clear()
                return
            for key in [k for k in self._reps if k.slug == slug]:
                del self._reps[key]
            for req in [r for r, (k, _) in self._requests.items() if k.slug == slug]:
                del self._requests[req]
