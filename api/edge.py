"""The edge of the service: one pure-ASGI pass in front of everything, and redirects that never
echo a Host.

``EdgeMiddleware``, the outermost middleware, reads the request head once
(``api.guard.scan_head``) and in that order:

- refuses a head over the byte limits (414/431 problem, ``api.guard``);
- refuses a Host not on the allow-list (400 problem, below);
- answers a GET or HEAD without ``Origin`` that the read cache holds (``api.fastpath``), so a
  repeated read costs no middleware, routing or validation (issue 7's "every read case >= 0.95x",
  issue 10's single-header and 304 goals; ``bench/read_bench.py``);
- passes everything else to the app.

- Host allow-list (issue 11, no reflection): Starlette's ``TrustedHostMiddleware`` decides
  (exact names and ``*.example.org`` wildcards, from ``ALLOWED_HOSTS``); a refused Host gets a
  400 ``application/problem+json`` naming the ``Host`` header instead of Starlette's text/plain.
- Relative redirects: a ``Location`` the app builds from the request (Starlette's trailing-slash
  redirect uses the Host header) is sent as a path, so no redirect can point at a host a client
  made up (RFC 9110 10.2.2 allows a relative reference).
"""

from urllib.parse import urlsplit

from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import ProblemError, problem_response
from api.fastpath import EDGE_TRIED, fast_answer
from api.guard import HeadLimits, head_problem, scan_head, send_problem
from api.services.store import ContentStore

HOST_MEMO_MAX = 256  # admitted Host values remembered; refused ones are never kept


class HostNotAllowed(ProblemError):
    """400: the request's Host is not one this service answers for."""

    slug = "host-not-allowed"
    title = "Host not allowed"


async def _passed(scope: Scope, receive: Receive, send: Send) -> None:
    scope["state"]["host_allowed"] = True


async def _discard(message: Message) -> None:
    return None


class HostCheck:
    """Whether a Host header value is admitted: Starlette's ``TrustedHostMiddleware`` decides,
    and admitted values are remembered (at most ``HOST_MEMO_MAX``)."""

    def __init__(self, allowed_hosts: list[str]) -> None:
        self.allowed_hosts = allowed_hosts
        self.check = TrustedHostMiddleware(_passed, allowed_hosts, www_redirect=False)
        self.admitted: set[str] = set()

    async def allows(self, host: str) -> bool:
        """True when ``host`` (the header's value, port included) names this service."""
        if self.check.allow_any or host in self.admitted:
            return True
        probe: Scope = {"type": "http", "headers": [(b"host", host.encode("latin-1"))]}
        probe["state"] = {}
        await self.check(probe, _discard_receive, _discard)
        allowed = bool(probe["state"].get("host_allowed"))
        if allowed and len(self.admitted) < HOST_MEMO_MAX:
            self.admitted.add(host)
        return allowed

    def problem(self) -> HostNotAllowed:
        """The 400 problem naming the ``Host`` header and the names accepted."""
        reason = "must name this service: one of " + ", ".join(self.allowed_hosts)
        return HostNotAllowed(
            "the Host header names a host this service does not answer for",
            [{"parameter": "Host", "reason": reason}],
        )


async def _discard_receive() -> Message:
    return {"type": "http.disconnect"}


class EdgeMiddleware:
    """Head limits, the Host allow-list and the fast read lane in one pass (module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        limits: HeadLimits,
        allowed_hosts: list[str],
        store: ContentStore,
        vary_origin: bool,
    ) -> None:
        """``vary_origin``: a CORS middleware inside adds ``Origin`` to every ``Vary`` (Starlette's
        ``CORSMiddleware`` does), so the fast lane's answers carry it too."""
        self.app = app
        self.limits = limits
        self.hosts = HostCheck(allowed_hosts)
        self.store = store
        self.vary_origin = vary_origin

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scan_head(scope, self.limits)
        if head is None:
            await send_problem(head_problem(scope, *self.limits), send)
            return
        if not await self.hosts.allows(head.host):
            await problem_response(self.hosts.problem())(scope, receive, send)
            return
        answer = None
        if head.origin is None:
            answer = fast_answer(self.store, scope, head, self.vary_origin)
            scope[EDGE_TRIED] = True
        if answer is None:
            await self.app(scope, receive, send)
            return
        await answer.send(send, head=scope["method"] == "HEAD")


class RelativeRedirectMiddleware:
    """Turn an absolute ``Location`` on a 3xx into its path and query."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def relative(message: Message) -> None:
            if message["type"] == "http.response.start" and 300 <= message["status"] < 400:
                message["headers"] = [
                    (name, _path_only(value) if name == b"location" else value)
                    for name, value in message.get("headers", [])
                ]
            await send(message)

        await self.app(scope, receive, relative)


def _path_only(location: bytes) -> bytes:
    parts = urlsplit(location.decode("latin-1"))
    if not parts.scheme and not parts.netloc:
        return location
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return path.encode("latin-1")
