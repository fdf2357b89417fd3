"""Repeated reads answered before routing: the fast path in front of the framework.

A read route files, with every representation it serves, the ``ReadTemplate`` of its request
target (path and query string: kind, slug, level request, ``locale`` and ``format``
parameters; ``api.services.read_cache``). The next GET or HEAD of that target is answered here
for *any* Accept-Language: the header is negotiated against the article's cached snapshot
through the bounded header memo (``ContentStore.negotiate``), ``Accept`` picks the rendition
(a bounded memo too), and the representation filed under that outcome is served, 200 or 304,
without routing, dependency solving or parameter validation. Anything else (no template, no
fresh snapshot, an outcome not rendered yet, an unacceptable ``Accept``) goes through the app,
which renders and files it. Measured by ``bench/read_bench.py``.
"""

from functools import lru_cache

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from api.domain.media import choose_format
from api.http import serve
from api.services.store import ContentStore

ACCEPT_MEMO_MAX = 256  # longer Accept values are parsed each time, never kept


@lru_cache(maxsize=1024)
def _memo_format(accept: str) -> str | None:
    return choose_format(accept)


def rendition_for(accept: str | None) -> str | None:
    """The rendition ``Accept`` chooses (``api.domain.media.choose_format``; None: nothing
    acceptable), memoized for short values (a bounded LRU: a few kB of strings)."""
    if accept is None or len(accept) > ACCEPT_MEMO_MAX:
        return choose_format(accept)
    return _memo_format(accept)


class FastReadMiddleware:
    """Serve GETs and HEADs that the read cache can answer (``ContentStore.lookup``); pass
    everything else on."""

    def __init__(self, app: ASGIApp, store: ContentStore) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            headers = Headers(scope=scope)
            target = (scope.get("root_path", ""), scope["path"], scope["query_string"])
            rep = self.store.lookup(
                target,
                headers.get("accept-language"),
                lambda: rendition_for(headers.get("accept")),
            )
            if rep is not None:
                await serve(rep, headers)(scope, receive, send)
                return
        await self.app(scope, receive, send)
