"""The edge of the service: which Host names it answers for, and redirects that never echo one.

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


class HostNotAllowed(ProblemError):
    """400: the request's Host is not one this service answers for."""

    slug = "host-not-allowed"
    title = "Host not allowed"


async def _passed(scope: Scope, receive: Receive, send: Send) -> None:
    scope["state"]["host_allowed"] = True


class AllowedHostsMiddleware:
    """Refuse requests whose Host is not in ``allowed_hosts`` (``*`` admits any)."""

    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.check = TrustedHostMiddleware(_passed, allowed_hosts, www_redirect=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.check.allow_any:
            await self.app(scope, receive, send)
            return
        probe: Scope = {**scope, "state": {}}
        await self.check(probe, receive, _discard)
        if probe["state"].get("host_allowed"):
            await self.app(scope, receive, send)
            return
        reason = "must name this service: one of " + ", ".join(self.allowed_hosts)
        problem = HostNotAllowed(
            "the Host header names a host this service does not answer for",
            [{"parameter": "Host", "reason": reason}],
        )
        await problem_response(problem)(scope, receive, send)


async def _discard(message: Message) -> None:
    return None


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
