"""Repeated reads answered before routing: the fast path in front of the framework.

A read route files every representation it serves in the read cache under the request's
identity (``api.services.read_cache``: path, query string and the headers that negotiate:
Accept-Language, Accept). The next identical GET or HEAD is answered here, 200 or 304, without
routing, dependency solving or parameter validation, as long as the article's cached snapshot
still has the revision the representation was rendered from. Anything else (a miss, a stale
revision, an error) goes through the app. Measured by ``bench/read_bench.py``.
"""

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from api.http import serve
from api.services.read_cache import request_key
from api.services.store import ContentStore


class FastReadMiddleware:
    """Serve GETs and HEADs that the read cache can answer (``ContentStore.lookup``); pass
    everything else on."""

    def __init__(self, app: ASGIApp, store: ContentStore) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            rep = self.store.lookup(request_key(scope))
            if rep is not None:
                await serve(rep, Headers(scope=scope))(scope, receive, send)
                return
        await self.app(scope, receive, send)
