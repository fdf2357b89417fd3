"""Repeated reads answered before routing: a micro-cache in front of the framework.

A read route that renders a representation also files it under the request's identity (path,
query string and the headers that negotiate: Accept-Language, Accept). The next identical GET
is answered here, 200 or 304, without routing, dependency solving or parameter validation,
as long as the article's cached snapshot still has the revision the representation was
rendered from. Anything else (a miss, a stale revision, an error) goes through the app.
Measured by ``bench/read_bench.py``.
"""

from collections import OrderedDict
from collections.abc import Callable
from threading import Lock
from typing import Any

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from api.http import Representation, serve

RequestKey = tuple[str, str, bytes, str | None, str | None]


def request_key(scope: Scope) -> RequestKey:
    """The identity of a read: what decides its representation, apart from validators and
    content coding (``serve`` handles If-None-Match and Accept-Encoding per request)."""
    headers = Headers(scope=scope)
    return (
        scope.get("root_path", ""),
        scope["path"],
        scope["query_string"],
        headers.get("accept-language"),
        headers.get("accept"),
    )


class RepresentationCache:
    """Bounded LRU of ``RequestKey -> (slug, revision, Representation)``."""

    def __init__(self, store: Any, size: int = 4096) -> None:
        self.store = store
        self.size = size
        self._entries: OrderedDict[RequestKey, tuple[str, int, Representation]] = OrderedDict()
        self._lock = Lock()

    def remember(self, scope: Scope, slug: str, revision: int, rep: Representation) -> None:
        """File ``rep`` for requests identical to ``scope``."""
        with self._lock:
            self._entries[request_key(scope)] = (slug, revision, rep)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def lookup(self, scope: Scope) -> Representation | None:
        """The representation for ``scope`` if its article has not changed since."""
        entry = self._entries.get(request_key(scope))
        if entry is None:
            return None
        slug, revision, rep = entry
        snapshot = self.store.cached(slug)
        return rep if snapshot is not None and snapshot.revision == revision else None


class FastReadMiddleware:
    """Serve GETs that ``RepresentationCache`` can answer; pass everything else on."""

    def __init__(self, app: ASGIApp, cache: RepresentationCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            rep = self.cache.lookup(scope)
            if rep is not None:
                await serve(rep, Headers(scope=scope))(scope, receive, send)
                return
        await self.app(scope, receive, send)


def respond(
    request: Any,
    store: Any,
    cache: RepresentationCache,
    slug: str,
    revision: int,
    key: tuple[object, ...],
    build: Callable[[], Representation],
) -> Response:
    """Serve the representation cached under ``key`` (rendering it with ``build`` on a miss),
    and file it for the fast path. ``request`` is the Starlette request being answered."""
    rep = store.response(key)
    if rep is None:
        rep = build()
        store.remember(key, rep)
    cache.remember(request.scope, slug, revision, rep)
    return serve(rep, request.headers)
