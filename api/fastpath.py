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

Two callers: the edge (``api.edge.EdgeMiddleware``, outermost) for requests without ``Origin``,
and ``FastReadMiddleware``, innermost, for cross-origin ones, so CORS headers still apply.
"""

from starlette.types import ASGIApp, Receive, Scope, Send

from api.domain.media import choose_format
from api.guard import RequestHead, scan_head
from api.http import Answer
from api.services.store import ContentStore

EDGE_TRIED = "api.fast_lane_tried"
"""Scope key the edge sets when it has looked the request up already (no ``Origin``)."""


def fast_answer(
    store: ContentStore, scope: Scope, head: RequestHead, vary_origin: bool = False
) -> Answer | None:
    """The cached answer (200 or 304) to a GET or HEAD, or None when the app must route it
    (``ContentStore.lookup``: no database access); ``vary_origin`` as in
    ``Representation.answer``."""
    if scope["method"] not in ("GET", "HEAD"):
        return None
    target = (scope.get("root_path", ""), scope["path"], scope["query_string"])
    rep = store.lookup(target, head.accept_language, lambda: choose_format(head.accept))
    if rep is None:
        return None
    return rep.answer(head.accept_encoding, head.if_none_match, vary_origin)


class FastReadMiddleware:
    """Serve GETs and HEADs that the read cache can answer; pass everything else on. The
    innermost middleware: it sees the cross-origin reads the edge leaves to CORS."""

    def __init__(self, app: ASGIApp, store: ContentStore) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        tried = scope["type"] != "http" or scope.get(EDGE_TRIED, False)
        head = None if tried else scan_head(scope)
        answer = fast_answer(self.store, scope, head) if head is not None else None
        if answer is None:
            await self.app(scope, receive, send)
            return
        await answer.send(send, head=scope["method"] == "HEAD")
