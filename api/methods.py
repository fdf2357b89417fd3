"""HEAD on every GET route and a truthful ``Allow`` (RFC 9110 9.3.2, 9.3.7, 10.2.1, 15.5.6).

One pure ASGI middleware, computed from the app's routes at request time, so routes added by
any router are covered without being listed:

- ``OPTIONS`` (not a CORS preflight: ``CORSMiddleware`` outside answers those) -> 204 with
  ``Allow`` naming every method of every route whose path matches; 404 problem when none does.
- ``HEAD`` where only a ``GET`` route exists -> the ``GET`` is run and its body dropped; the
  status and headers (``Content-Length``, ``ETag``...) are those the ``GET`` would have.
- A 405 gets the same ``Allow`` (Starlette names only the first matching route's methods).
"""

from collections.abc import Iterator
from functools import lru_cache
from re import Pattern

from fastapi import routing as fastapi_routing
from starlette.routing import BaseRoute, Mount, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import NotFound, problem_response


def route_entries(routes: list[BaseRoute]) -> Iterator[tuple[str, BaseRoute, set[str] | None]]:
    """``(path, route, methods)`` of every route, through included routers (FastAPI builds
    those lazily in recent versions: ``iter_route_contexts`` sees into them)."""
    contexts = getattr(fastapi_routing, "iter_route_contexts", None)
    if contexts is None:
        for route in routes:
            yield getattr(route, "path", ""), route, getattr(route, "methods", None)
        return
    for context in contexts(routes):
        yield context.path or "", context.original_route, context.methods


@lru_cache(maxsize=1024)
def _regex(path: str, mount: bool) -> Pattern[str]:
    return compile_path(path.rstrip("/") + "/{rest:path}" if mount else path)[0]


def allowed_methods(routes: list[BaseRoute], path: str) -> set[str]:
    """Every method some route answers at ``path`` (with HEAD wherever GET is, and OPTIONS);
    empty when no route has that path."""
    methods: set[str] = set()
    for template, route, route_methods in route_entries(routes):
        mount = isinstance(route, Mount)
        if not template or not _regex(template, mount).match(path):
            continue
        methods |= {"GET", "HEAD"} if mount else set(route_methods or {"GET"})
    if "GET" in methods:
        methods.add("HEAD")
    return methods | {"OPTIONS"} if methods else methods


def allow_header(methods: set[str]) -> str:
    """``Allow`` in a stable order."""
    order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
    return ", ".join(sorted(methods, key=lambda m: (order.index(m) if m in order else 99, m)))


def _preflight(scope: Scope) -> bool:
    names = {name for name, _ in scope["headers"]}
    return b"origin" in names and b"access-control-request-method" in names


class MethodsMiddleware:
    """Answer OPTIONS, HEAD and 405's ``Allow`` from ``routes`` (see the module docstring)."""

    def __init__(self, app: ASGIApp, routes: list[BaseRoute]) -> None:
        self.app = app
        self.routes = routes  # the app's live route list: later routes are seen too

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS" and not _preflight(scope):
            await self._options(scope, receive, send)
            return
        if scope["method"] == "HEAD" and not self._answers(scope, "HEAD"):
            scope = {**scope, "method": "GET"}
            send = _without_body(send)
        await self.app(scope, receive, self._fix_allow(scope, send))

    def _answers(self, scope: Scope, method: str) -> bool:
        """Whether a route itself answers ``method`` at the path (HEAD routes of the reads)."""
        path = scope["path"]
        return any(
            isinstance(route, Mount) or method in (methods or ())
            for template, route, methods in route_entries(self.routes)
            if template and _regex(template, isinstance(route, Mount)).match(path)
        )

    async def _options(self, scope: Scope, receive: Receive, send: Send) -> None:
        methods = allowed_methods(self.routes, scope["path"])
        if not methods:
            problem = NotFound(f"no resource at {scope['path']}")
            await problem_response(problem)(scope, receive, send)
            return
        headers = [(b"allow", allow_header(methods).encode()), (b"content-length", b"0")]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    def _fix_allow(self, scope: Scope, send: Send) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 405:
                allow = allow_header(allowed_methods(self.routes, scope["path"])).encode()
                kept = [(k, v) for k, v in message["headers"] if k.lower() != b"allow"]
                message = {**message, "headers": [*kept, (b"allow", allow)]}
            await send(message)

        return sending


def _without_body(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return sending
